// cargo metadata: the bundled workspace's graph read back exactly, duplicates (in a constructed file), the
// "why is this crate here" paths on a hand-checked case, dependents, depth, and broken copies refused.
#include "TestData.h"
#include "analysis/GraphQueries.h"
#include "import/MetadataImporter.h"

#include <QTemporaryDir>

using namespace bl;
using namespace bl::test;

class TestDepGraph : public QObject
{
    Q_OBJECT
private slots:
    void readsBack();
    void whyPathsHandChecked();
    void dependentsAndDepth();
    void duplicatesInAConstructedFile();
    void broken_data();
    void broken();

private:
    std::shared_ptr<const DepGraph>
    load(const QString& path = dataPath(QStringLiteral("other/metadata.json")))
    {
        Progress progress;
        const auto r = importCargoMetadata(path, progress);
        if (!r)
            qWarning("%s", qPrintable(r.error().toString()));
        return r ? r.value() : nullptr;
    }
};

void TestDepGraph::readsBack()
{
    const auto g = load();
    QVERIFY(g);
    QCOMPARE(g->packages.size(), std::size_t(24)); // 3 members + 21 registry crates
    QCOMPARE(g->edges.size(), std::size_t(30));    // the sum over resolve nodes of their deps
    QStringList members;
    for (int m : g->members)
        members << g->packages[std::size_t(m)].name;
    QCOMPARE(members,
             (QStringList{QStringLiteral("ts-derive"), QStringLiteral("ts-core"), QStringLiteral("ts-app")}));
    QVERIFY(duplicates(*g).empty());
    const int regex = g->indexOf(QStringLiteral("regex"));
    QVERIFY(regex >= 0);
    QCOMPARE(g->packages[std::size_t(regex)].version, QStringLiteral("1.7.1"));
    QVERIFY(g->packages[std::size_t(regex)].features.contains(QStringLiteral("perf")));
    QVERIFY(
        g->packages[std::size_t(g->indexOf(QStringLiteral("ts-app")))].source.isEmpty()); // a path package
    QVERIFY(g->warnings.isEmpty());
}

void TestDepGraph::whyPathsHandChecked()
{
    // from cargo tree: ts-app → ts-core → memchr, ts-app → ts-core → regex → memchr,
    // ts-app → ts-core → regex → aho-corasick → memchr
    const auto g = load();
    const int app = g->indexOf(QStringLiteral("ts-app"));
    const int memchr = g->indexOf(QStringLiteral("memchr"));
    const auto paths = whyPaths(*g, app, memchr);
    QCOMPARE(paths.size(), std::size_t(3));
    auto names = [&](const std::vector<int>& path) {
        QStringList out;
        for (int p : path)
            out << g->packages[std::size_t(p)].name;
        return out.join(QStringLiteral(" > "));
    };
    QCOMPARE(names(paths[0]), QStringLiteral("ts-app > ts-core > memchr"));
    QCOMPARE(names(paths[1]), QStringLiteral("ts-app > ts-core > regex > memchr"));
    QCOMPARE(names(paths[2]), QStringLiteral("ts-app > ts-core > regex > aho-corasick > memchr"));
    QVERIFY(whyPaths(*g, memchr, app).empty());
}

void TestDepGraph::dependentsAndDepth()
{
    const auto g = load();
    auto names = [&](const std::vector<int>& ps) {
        QStringList out;
        for (int p : ps)
            out << g->packages[std::size_t(p)].name;
        out.sort();
        return out;
    };
    const int pm2 = g->indexOf(QStringLiteral("proc-macro2"));
    QCOMPARE(names(reverseDependencies(*g, pm2)),
             (QStringList{QStringLiteral("quote"), QStringLiteral("syn"), QStringLiteral("ts-derive")}));
    // a change to proc-macro2 rebuilds quote, syn, ts-derive, and through it ts-core and ts-app
    QCOMPARE(names(transitiveDependents(*g, pm2)),
             (QStringList{QStringLiteral("quote"), QStringLiteral("syn"), QStringLiteral("ts-app"),
                          QStringLiteral("ts-core"), QStringLiteral("ts-derive")}));
    // the deepest chain: ts-app > ts-core > ts-derive > syn > quote > proc-macro2 > unicode-ident
    std::vector<int> depths;
    QCOMPARE(maxDepth(*g, &depths), 6);
    QCOMPARE(depths[std::size_t(g->indexOf(QStringLiteral("unicode-ident")))], 6);
    QCOMPARE(depths[std::size_t(g->indexOf(QStringLiteral("ts-app")))], 0);
}

void TestDepGraph::duplicatesInAConstructedFile()
{
    // the same workspace with a second memchr (2.6.0) required by aho-corasick
    QFile f(dataPath(QStringLiteral("other/metadata.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    auto j = nlohmann::json::parse(f.readAll().toStdString());
    nlohmann::json second;
    for (const auto& p : j["packages"])
        if (p["name"] == "memchr")
            second = p;
    const std::string oldId = second["id"];
    const std::string newId = "registry+https://github.com/rust-lang/crates.io-index#memchr@2.6.0";
    second["id"] = newId;
    second["version"] = "2.6.0";
    j["packages"].push_back(second);
    for (auto& node : j["resolve"]["nodes"]) {
        if (node["id"] == oldId) {
            auto copy = node;
            copy["id"] = newId;
            j["resolve"]["nodes"].push_back(copy);
            break;
        }
    }
    for (auto& node : j["resolve"]["nodes"])
        if (std::string(node["id"]).find("aho-corasick") != std::string::npos)
            for (auto& d : node["deps"])
                d["pkg"] = newId;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("metadata.json"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray::fromStdString(j.dump()));
    out.close();
    const auto g = load(path);
    QVERIFY(g);
    const auto dups = duplicates(*g);
    QCOMPARE(dups.size(), std::size_t(1));
    QCOMPARE(dups[0].name, QStringLiteral("memchr"));
    QCOMPARE(dups[0].versions, (QStringList{QStringLiteral("2.5.0"), QStringLiteral("2.6.0")}));
    // who pulls in each version
    const int newer = g->indexOf(QStringLiteral("memchr"), QStringLiteral("2.6.0"));
    QCOMPARE(reverseDependencies(*g, newer).size(), std::size_t(1));
    QCOMPARE(g->packages[std::size_t(reverseDependencies(*g, newer)[0])].name,
             QStringLiteral("aho-corasick"));
}

void TestDepGraph::broken_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("phrase");
    QFile f(dataPath(QStringLiteral("other/metadata.json")));
    f.open(QIODevice::ReadOnly);
    const QByteArray full = f.readAll();
    QTest::newRow("truncated") << full.left(full.size() / 2) << "not valid JSON";
    QTest::newRow("no packages") << QByteArray("{\"version\": 1}") << "no `packages`";
    QTest::newRow("future version") << QByteArray("{\"packages\": [], \"version\": 2}") << "version 2";
    QTest::newRow("empty") << QByteArray() << "empty";
}

void TestDepGraph::broken()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, phrase);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("metadata.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    Progress progress;
    const auto r = importCargoMetadata(path, progress);
    QVERIFY(!r);
    QCOMPARE(r.error().file, path);
    QVERIFY2(r.error().message.contains(phrase, Qt::CaseInsensitive), qPrintable(r.error().message));
}

QTEST_GUILESS_MAIN(TestDepGraph)
#include "tst_dep_graph.moc"
