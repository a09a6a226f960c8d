// cargo metadata: the bundled workspace's graph read back exactly, duplicates (in a constructed file), the
// "why is this crate here" paths on a hand-checked case, dependents, depth, focus mode's neighbourhood, and
// broken copies refused. The same workspace's build joined onto it (compile time, slack, critical path per
// package, hand-added from the report's units), and the unit graphs of an HTML report, a build-analysis log
// and timing-info lines.
#include "TestData.h"
#include "analysis/GraphQueries.h"
#include "analysis/GraphTimings.h"
#include "import/MetadataImporter.h"

#include <QTemporaryDir>

#include <algorithm>
#include <set>

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
    void neighbourhoodLevels();
    void neighbourhoodDevEdges();
    void joinTimingsOfTheSameWorkspace();
    void joinCountsWhatDoesNotMatch();
    void unitGraphFromHtml();
    void unitGraphFromBuildAnalysis();
    void unitGraphFromTimingInfo();
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

void TestDepGraph::neighbourhoodLevels()
{
    const auto g = load();
    auto names = [&](const std::vector<int>& ps) {
        QStringList out;
        for (int p : ps)
            out << g->packages[std::size_t(p)].name;
        out.sort();
        return out.join(QLatin1Char(' '));
    };
    const int regex = g->indexOf(QStringLiteral("regex"));
    QCOMPARE(names(neighbourhood(*g, regex, 1)),
             QStringLiteral("aho-corasick memchr regex regex-syntax ts-core"));
    QCOMPARE(names(neighbourhood(*g, regex, 2)),
             QStringLiteral("aho-corasick memchr regex regex-syntax ts-app ts-core"));
    // dependents' other dependencies stay out: ts-core's ten dependencies are not regex's neighbours
    QVERIFY(!names(neighbourhood(*g, regex, 5)).contains(QStringLiteral("fnv")));
    const int pm2 = g->indexOf(QStringLiteral("proc-macro2"));
    QCOMPARE(names(neighbourhood(*g, pm2, 1)),
             QStringLiteral("proc-macro2 quote syn ts-derive unicode-ident"));
    QCOMPARE(neighbourhood(*g, pm2, 3).size(), std::size_t(7)); // + ts-core (via ts-derive) and ts-app
    QVERIFY(neighbourhood(*g, -1, 2).empty());
    const auto sorted = neighbourhood(*g, pm2, 2);
    QVERIFY(std::is_sorted(sorted.begin(), sorted.end()));
}

void TestDepGraph::neighbourhoodDevEdges()
{
    // a -dev-> b -dev-> c, a -> d: cargo builds a's dev-dependencies, never b's
    DepGraph g;
    for (const char* n : {"a", "b", "c", "d"}) {
        DepPackage p;
        p.name = QString::fromLatin1(n);
        p.version = QStringLiteral("1.0.0");
        g.packages.push_back(p);
    }
    g.out.resize(4);
    g.in.resize(4);
    auto edge = [&](int from, int to, bool dev) {
        DepEdge e;
        e.from = from;
        e.to = to;
        e.dev = dev;
        e.normal = !dev;
        g.out[std::size_t(from)].push_back(int(g.edges.size()));
        g.in[std::size_t(to)].push_back(int(g.edges.size()));
        g.edges.push_back(e);
    };
    edge(0, 1, true);
    edge(1, 2, true);
    edge(0, 3, false);
    QCOMPARE(neighbourhood(g, 0, 3), (std::vector<int>{0, 1, 3}));
    QCOMPARE(neighbourhood(g, 2, 1), (std::vector<int>{1, 2})); // upwards every edge counts
    QCOMPARE(neighbourhood(g, 2, 2), (std::vector<int>{0, 1, 2}));
}

void TestDepGraph::joinTimingsOfTheSameWorkspace()
{
    const auto g = load();
    const auto run = loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    QVERIFY(g && run);
    const auto a = analyse(run);
    const GraphTimings t = joinTimings(*g, *a);
    QCOMPARE(t.seconds.size(), g->packages.size());
    // every unit of the build belongs to a package of the metadata, by name and version
    QCOMPARE(t.matchedUnits, 40);
    QCOMPARE(t.unmatchedUnits, 0);
    double sum = 0;
    int withBuildScript = 0;
    for (std::size_t i = 0; i < g->packages.size(); ++i) {
        QVERIFY2(t.units[i] >= 1, qPrintable(g->packages[i].name));
        sum += t.seconds[i];
        withBuildScript += t.units[i] == 3;
    }
    QCOMPARE(withBuildScript, 8); // library + build script compiled + run
    const double truthSum = truthEntry("timings", QStringLiteral("stable-1.95/dev-clean.html"))
                                .at("sum_unit_durations_s")
                                .get<double>();
    QVERIFY2(std::abs(sum - truthSum) < 1e-9, qPrintable(QString::number(sum)));

    // by hand from the report: ts-core's build script 0.40 s (slack 2.92), its run 0.00 s (2.92), the
    // library 0.50 s (2.73); syn's 0.14 + 0.01 + 1.64 s, slack 3.17, 3.17, 0.96
    const auto at = [&](const char* name) {
        return std::size_t(g->indexOf(QString::fromLatin1(name)));
    };
    QCOMPARE(t.units[at("ts-core")], 3);
    QCOMPARE(t.seconds[at("ts-core")], 0.9);
    QCOMPARE(t.slack[at("ts-core")], 2.73);
    QCOMPARE(t.seconds[at("syn")], 1.79);
    QCOMPARE(t.slack[at("syn")], 0.96);
    QCOMPARE(t.units[at("regex")], 1);
    QCOMPARE(t.seconds[at("regex")], 1.99);
    QCOMPARE(t.slack[at("regex")], 0.0);
    QVERIFY(t.hasSlack(int(at("regex"))));
    // the observed critical path of this build is lexopt, then ts-app
    QStringList critical;
    for (std::size_t i = 0; i < t.critical.size(); ++i)
        if (t.critical[i])
            critical << g->packages[i].name;
    QCOMPARE(critical.size(), 2);
    QVERIFY(critical.contains(QStringLiteral("lexopt")) && critical.contains(QStringLiteral("ts-app")));

    // the nightly build-analysis log of the same workspace matches as well
    const auto ba = loadRun(QStringLiteral("build-analysis/dev-clean.jsonl"));
    QVERIFY(ba);
    const GraphTimings tb = joinTimings(*g, *analyse(ba));
    QCOMPARE(tb.matchedUnits, 40);
    QCOMPARE(tb.unmatchedUnits, 0);
}

void TestDepGraph::joinCountsWhatDoesNotMatch()
{
    const auto g = load();
    auto run = std::make_shared<TimingsRun>(*loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    int regexUnits = 0;
    for (Unit& u : run->units)
        if (u.name == QLatin1String("regex")) {
            u.version = QStringLiteral("1.8.0"); // another version than the metadata's 1.7.1
            ++regexUnits;
        }
    QCOMPARE(regexUnits, 1);
    const int glob = int(std::find_if(run->units.begin(), run->units.end(),
                                      [](const Unit& u) { return u.name == QLatin1String("glob"); }) -
                         run->units.begin());
    run->units[std::size_t(glob)].fresh = true; // not rebuilt: counts for nothing
    const GraphTimings t = joinTimings(*g, *analyse(run));
    QCOMPARE(t.unmatchedUnits, 1);
    QCOMPARE(t.matchedUnits, 38);
    QCOMPARE(t.units[std::size_t(g->indexOf(QStringLiteral("glob")))], 0);
    const std::size_t regex = std::size_t(g->indexOf(QStringLiteral("regex")));
    QCOMPARE(t.units[regex], 0);
    QCOMPARE(t.seconds[regex], 0.0);
    QVERIFY(!t.hasSlack(int(regex)));
    QVERIFY(!t.critical[regex]);
}

void TestDepGraph::unitGraphFromHtml()
{
    const auto run = loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    QVERIFY(run);
    const DepGraph g = unitGraph(*run);
    QCOMPARE(g.packages.size(), run->units.size());
    QVERIFY(g.members.empty());
    std::set<std::pair<int, int>> released; // (dependent, releaser): listed on rmeta and on completion alike
    for (std::size_t i = 0; i < run->units.size(); ++i) {
        const Unit& u = run->units[i];
        QCOMPARE(g.packages[i].name, u.name);
        QCOMPARE(g.packages[i].version, u.version);
        QVERIFY(!g.packages[i].unit.isEmpty());
        // "u released v" is the edge v -> u, one per pair
        for (int v : u.unblocked)
            released.insert({v, int(i)});
        for (int v : u.unblockedRmeta)
            released.insert({v, int(i)});
        for (int v : u.unblocked) {
            const auto& out = g.out[std::size_t(v)];
            QVERIFY(std::any_of(out.begin(), out.end(),
                                [&](int e) { return g.edges[std::size_t(e)].to == int(i); }));
        }
    }
    QCOMPARE(released.size(), std::size_t(20)); // counted by hand in the report's UNIT_DATA
    QCOMPARE(g.edges.size(), released.size());
    const auto node = [&](const char* name, UnitKind kind) {
        for (std::size_t i = 0; i < run->units.size(); ++i)
            if (run->units[i].name == QLatin1String(name) && run->units[i].kind == kind)
                return int(i);
        return -1;
    };
    const int app = node("ts-app", UnitKind::Bin);
    const int lexopt = node("lexopt", UnitKind::Lib);
    const int synRun = node("syn", UnitKind::BuildScriptRun);
    QCOMPARE(g.packages[std::size_t(app)].detail(), QStringLiteral("v0.1.0 (bin textstat)"));
    QCOMPARE(g.packages[std::size_t(synRun)].detail(), QStringLiteral("v1.0.107 (build.rs run)"));
    // the critical path's last step: lexopt released ts-app
    const auto& appOut = g.out[std::size_t(app)];
    QVERIFY(std::any_of(appOut.begin(), appOut.end(), [&](int e) {
        return g.edges[std::size_t(e)].to == lexopt && g.edges[std::size_t(e)].normal;
    }));
    // a build script's run waits for its compilation: a build edge
    const int synBuild = node("syn", UnitKind::BuildScript);
    const auto& runOut = g.out[std::size_t(synRun)];
    QVERIFY(std::any_of(runOut.begin(), runOut.end(), [&](int e) {
        return g.edges[std::size_t(e)].to == synBuild && g.edges[std::size_t(e)].build &&
               !g.edges[std::size_t(e)].normal;
    }));
    // the timings on it are the units' own
    const auto a = analyse(run);
    const GraphTimings t = unitGraphTimings(*a);
    QCOMPARE(t.seconds[std::size_t(app)], 0.39);
    QCOMPARE(t.slack[std::size_t(app)], 2.79);
    QVERIFY(t.critical[std::size_t(app)] && t.critical[std::size_t(lexopt)]);
    QCOMPARE(std::count(t.critical.begin(), t.critical.end(), 1), 2);
}

void TestDepGraph::unitGraphFromBuildAnalysis()
{
    const auto run = loadRun(QStringLiteral("build-analysis/dev-clean.jsonl"));
    QVERIFY(run);
    const DepGraph g = unitGraph(*run);
    QCOMPARE(g.packages.size(), std::size_t(40));
    std::size_t deps = 0;
    for (std::size_t i = 0; i < run->units.size(); ++i) {
        deps += run->units[i].dependencies.size();
        for (int d : run->units[i].dependencies) {
            const auto& out = g.out[i];
            QVERIFY(
                std::any_of(out.begin(), out.end(), [&](int e) { return g.edges[std::size_t(e)].to == d; }));
        }
    }
    QVERIFY(deps > 40);
    QCOMPARE(g.edges.size(), deps); // the real dependencies, each once
    // ts-app's binary depends on ts-core's library; nothing depends on the binary
    int app = -1, core = -1;
    for (std::size_t i = 0; i < run->units.size(); ++i) {
        if (run->units[i].name == QLatin1String("ts-app") && run->units[i].kind == UnitKind::Bin)
            app = int(i);
        if (run->units[i].name == QLatin1String("ts-core") && run->units[i].kind == UnitKind::Lib)
            core = int(i);
    }
    QVERIFY(app >= 0 && core >= 0);
    QVERIFY(g.in[std::size_t(app)].empty());
    QVERIFY(whyPaths(g, app, core).size() >= 1);
    QCOMPARE(whyPaths(g, app, core).front().size(), std::size_t(2));
}

void TestDepGraph::unitGraphFromTimingInfo()
{
    const auto run = loadRun(QStringLiteral("logs/timing-info.dev-clean.debian-1.65.jsonl"));
    QVERIFY(run);
    const DepGraph g = unitGraph(*run);
    QCOMPARE(g.packages.size(), std::size_t(40));
    QVERIFY(g.edges.empty()); // timing-info lines record no edges
    // no observed critical path: the longest path marks the units instead
    const auto a = analyse(run);
    QVERIFY(!a->critical.available);
    const GraphTimings t = unitGraphTimings(*a);
    QCOMPARE(std::count(t.critical.begin(), t.critical.end(), 1), std::ptrdiff_t(a->dag.longestChain.size()));
    QVERIFY(!a->dag.longestChain.empty());
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
    QVERIFY(writeFile(path, bytes));
    Progress progress;
    const auto r = importCargoMetadata(path, progress);
    QVERIFY(!r);
    QCOMPARE(r.error().file, path);
    QVERIFY2(r.error().message.contains(phrase, Qt::CaseInsensitive), qPrintable(r.error().message));
}

QTEST_GUILESS_MAIN(TestDepGraph)
#include "tst_dep_graph.moc"
