// `buildlens why`: why cargo rebuilt what it rebuilt, from nightly's build-analysis log and from stable
// cargo's stderr (fingerprint log and -v lines, with or without the report of the same build). The two
// toolchains built the same six steps of changes (tests/data/rebuilds): every pair must give the same roots
// and the same rebuilt units.
#include "TestData.h"
#include "analysis/Rebuilds.h"
#include "analysis/TimingsAnalysis.h"
#include "import/RebuildCauses.h"
#include "import/RebuildImporter.h"
#include "itemmodels/RebuildTreeModel.h"
#include "report/SummaryReport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace bl;
using namespace bl::test;

namespace {

RebuildAnalysis analyseFiles(const QStringList& rel)
{
    QStringList files;
    for (const QString& f : rel)
        files << dataPath(QStringLiteral("rebuilds/") + f);
    Progress progress;
    const auto run = importRebuildInputs(files, progress);
    if (!run)
        qWarning("%s", qPrintable(run.error().toString()));
    return run ? analyseRebuilds(run.value()) : RebuildAnalysis{};
}

QString unitKey(const Unit& u)
{
    // cargo's stderr names a proc macro's fingerprint like a library's: the two count as one kind here
    const UnitKind kind = u.kind == UnitKind::ProcMacro ? UnitKind::Lib : u.kind;
    return QStringLiteral("%1 %2%3").arg(u.name, unitKindKey(kind),
                                         kind == UnitKind::Bin ? QLatin1Char(' ') + u.targetName : QString());
}

// The roots (unit, cause kind, the changed file's name) and every rebuilt unit, as sets.
std::pair<QStringList, QStringList> shape(const RebuildAnalysis& a)
{
    QStringList roots, rebuilt;
    if (!a.run)
        return {};
    for (const RebuildCascade& c : a.roots) {
        const Unit& u = a.run->units[std::size_t(c.root)];
        roots << QStringLiteral("%1: %2 %3")
                     .arg(unitKey(u), rebuildCauseKey(u.rebuildCause),
                          u.rebuildDetail.section(QLatin1Char('/'), -1));
        rebuilt << unitKey(u);
        for (const auto& [unit, via] : c.dirtied)
            rebuilt << unitKey(a.run->units[std::size_t(unit)]);
    }
    roots.sort();
    rebuilt.sort();
    return {roots, rebuilt};
}

} // namespace

class TestRebuilds : public QObject
{
    Q_OBJECT
private slots:
    void stableAndNightlyAgree_data();
    void stableAndNightlyAgree();
    void cascadesOfAnEdit();
    void sameAsCargoReportRebuilds();
    void dirtyReasonsOfEveryKind();
    void refused();
    void lineEndingsAndIndentation();
    void commandLine();
    void treeModel();
};

void TestRebuilds::stableAndNightlyAgree_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("rebuilt");
    QTest::addColumn<int>("roots");
    for (const auto& [step, rebuilt, roots] :
         std::vector<std::tuple<const char*, int, int>>{{"00-clean", 40, 40},
                                                        {"01-noop", 0, 0},
                                                        {"02-source-edit", 2, 1},
                                                        {"03-build-script-input", 3, 1},
                                                        {"04-rustflags", 40, 40},
                                                        {"05-revert", 3, 1}})
        QTest::newRow(step) << QString::fromLatin1(step) << rebuilt << roots;
}

void TestRebuilds::stableAndNightlyAgree()
{
    QFETCH(QString, step);
    QFETCH(int, rebuilt);
    QFETCH(int, roots);
    const RebuildAnalysis nightly = analyseFiles({step + QStringLiteral(".nightly.jsonl")});
    const RebuildAnalysis stable =
        analyseFiles({step + QStringLiteral(".stable.stderr.txt"), step + QStringLiteral(".stable.html")});
    const RebuildAnalysis stderrOnly = analyseFiles({step + QStringLiteral(".stable.stderr.txt")});
    for (const RebuildAnalysis* a : {&nightly, &stable, &stderrOnly}) {
        QVERIFY(a->run);
        QCOMPARE(a->rebuilt, rebuilt);
        QCOMPARE(int(a->roots.size()), roots);
    }
    QCOMPARE(shape(stable), shape(nightly));
    QCOMPARE(shape(stderrOnly), shape(nightly));
    // every unit of both full captures is either fresh or under a root
    QCOMPARE(nightly.rebuilt + nightly.fresh, 40);
    QCOMPARE(stable.rebuilt + stable.fresh, 40);
    QVERIFY(stable.run->warnings.isEmpty());
}

void TestRebuilds::cascadesOfAnEdit()
{
    // a word added to the build script's input: the script runs again, then its library, then the binary
    const RebuildAnalysis a = analyseFiles({QStringLiteral("03-build-script-input.nightly.jsonl")});
    QCOMPARE(a.roots.size(), std::size_t(1));
    const RebuildCascade& c = a.roots.front();
    const auto& units = a.run->units;
    QCOMPARE(units[std::size_t(c.root)].kind, UnitKind::BuildScriptRun);
    QCOMPARE(units[std::size_t(c.root)].rebuildCause, RebuildCause::BuildScriptRerun);
    QVERIFY(units[std::size_t(c.root)].rebuildDetail.endsWith(QLatin1String("ts-core/data/stopwords.txt")));
    QCOMPARE(c.dirtied.size(), std::size_t(2));
    QCOMPARE(units[std::size_t(c.dirtied[0].first)].kind, UnitKind::Lib);
    QCOMPARE(c.dirtied[0].second, c.root);
    QCOMPARE(units[std::size_t(c.dirtied[1].first)].kind, UnitKind::Bin);
    QCOMPARE(c.dirtied[1].second, c.dirtied[0].first); // the binary waited for the library, not the script
    double sum = 0;
    for (int i : {c.root, c.dirtied[0].first, c.dirtied[1].first})
        sum += units[std::size_t(i)].duration;
    QCOMPARE(c.seconds, sum);
    QVERIFY(c.seconds > 0);
    // the three units are the whole critical path of this build, each up to where it released the next
    const auto timings = analyse(a.run);
    QCOMPARE(a.criticalPathSeconds, timings->critical.seconds);
    QCOMPARE(c.criticalUnits, 3);
    QVERIFY(std::abs(c.criticalSeconds - timings->critical.seconds) < 1e-9);
    QVERIFY(c.criticalSeconds <= c.seconds + 1e-9);
    // from cargo's stderr alone there are no times, so no critical path
    const RebuildAnalysis stderrOnly =
        analyseFiles({QStringLiteral("03-build-script-input.stable.stderr.txt")});
    QCOMPARE(stderrOnly.criticalPathSeconds, -1.0);
    QCOMPARE(stderrOnly.roots.front().criticalSeconds, -1.0);
    // (plural forms come from the application's translation, which a models test does not load)
    QVERIFY2(rebuildHeadline(a).startsWith(QLatin1String("1 build script input change")) &&
                 rebuildHeadline(a).contains(QLatin1String(" in ts-core rebuilt 3 unit")),
             qPrintable(rebuildHeadline(a)));
}

void TestRebuilds::sameAsCargoReportRebuilds()
{
    // nightly's own `cargo report rebuilds` after an edit like step 02: rebuilt, cached, roots and cascading
    QFile f(dataPath(QStringLiteral("rebuilds/report-rebuilds.txt")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    const auto number = [&](const char* pattern) {
        const QRegularExpressionMatch m = QRegularExpression(QString::fromLatin1(pattern)).match(text);
        return m.hasMatch() ? m.captured(1).toInt() : -1;
    };
    const RebuildAnalysis a = analyseFiles({QStringLiteral("02-source-edit.nightly.jsonl")});
    QCOMPARE(a.rebuilt, number(R"re(Status: (\d+) units rebuilt)re"));
    QCOMPARE(a.fresh, number(R"re((\d+) cached)re"));
    QCOMPARE(int(a.roots.size()), number(R"re(root rebuilds:\s+(\d+) unit)re"));
    QCOMPARE(int(a.roots.front().dirtied.size()), number(R"re(cascading:\s+(\d+) unit)re"));
    const Unit& root = a.run->units[std::size_t(a.roots.front().root)];
    QVERIFY(text.contains(QStringLiteral("%1@%2: file modified: ").arg(root.name, root.version)));
    QVERIFY(root.rebuildDetail.endsWith(QLatin1String("ts-core/src/lib.rs")));
}

void TestRebuilds::dirtyReasonsOfEveryKind()
{
    // cargo's fingerprint log writes each DirtyReason with Debug; each reads as the kind `why` reports
    const struct
    {
        const char* debug;
        RebuildCause cause;
        const char* detail;
    } cases[] = {
        {R"re(FsStatusOutdated(StaleItem(ChangedFile { reference: "/t/dep-lib-x", reference_mtime: FileTime { seconds: 1, nanos: 0 }, stale: "/ws/x/src/lib.rs", stale_mtime: FileTime { seconds: 2, nanos: 0 } })))re",
         RebuildCause::FileChanged, "/ws/x/src/lib.rs"},
        {R"re(FsStatusOutdated(StaleDepFingerprint { unit: UnitIndex(33) }))re",
         RebuildCause::DependencyRebuilt, ""},
        {R"re(FsStatusOutdated(StaleItem(ChangedEnv { var: "CAP_SLEEP_MS", previous: None, current: Some("1") })))re",
         RebuildCause::EnvChanged, "CAP_SLEEP_MS"},
        {R"re(RustflagsChanged { old: [], new: ["-Cdebug-assertions=off"] })re", RebuildCause::FlagsChanged,
         "RUSTFLAGS"},
        {R"re(EnvVarChanged { name: "OUT", old_value: None, new_value: Some("x") })re",
         RebuildCause::EnvChanged, "OUT"},
        {"ProfileConfigurationChanged", RebuildCause::ProfileChanged, "profile-configuration-changed"},
        {R"re(FeaturesChanged { old: "[]", new: "[\"std\"]" })re", RebuildCause::FeaturesChanged,
         "features-changed"},
        {"Forced", RebuildCause::Forced, ""},
        {"NothingObvious", RebuildCause::Unknown, "nothing-obvious"},
    };
    for (const auto& c : cases) {
        QString detail;
        const RebuildCause cause = detail::classifyDirtyReason(
            detail::parseDirtyReasonDebug(QString::fromLatin1(c.debug)), false, &detail);
        QVERIFY2(cause == c.cause, c.debug);
        QCOMPARE(detail, QString::fromLatin1(c.detail));
    }
    QCOMPARE(detail::parseDirtyReasonDebug(
                 QStringLiteral("FsStatusOutdated(StaleDepFingerprint { unit: UnitIndex(33) })"))
                 .unit,
             qint64(33));
}

void TestRebuilds::refused()
{
    QTemporaryDir dir;
    auto write = [&](const char* name, const QByteArray& bytes) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return path;
    };
    QFile log(dataPath(QStringLiteral("rebuilds/02-source-edit.nightly.jsonl")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QByteArray garbled = log.readAll();
    garbled.insert(garbled.indexOf('\n', 2000) + 1, "{\"reason\": \"unit-fingerprint\", oops\n");
    const int garbledLine = int(garbled.left(garbled.indexOf("oops")).count('\n')) + 1;
    Progress progress;
    struct Case
    {
        QStringList files;
        const char* expected;
        int line;
    };
    const std::vector<Case> cases = {
        {{write("garbled.jsonl", garbled)}, "not a JSON object", garbledLine},
        {{write("noise.txt", "hello\nworld\n")}, "no fingerprint log", -1},
        {{dataPath(QStringLiteral("rebuilds/02-source-edit.stable.html"))}, "does not say why", -1},
        {{dataPath(QStringLiteral("rebuilds/02-source-edit.nightly.jsonl")),
          dataPath(QStringLiteral("rebuilds/03-build-script-input.nightly.jsonl"))},
         "a second build-analysis log",
         -1},
        {{dir.filePath(QStringLiteral("missing.txt"))}, "does not exist", -1},
    };
    for (const Case& c : cases) {
        const auto r = importRebuildInputs(c.files, progress);
        QVERIFY2(!r, c.expected);
        QVERIFY2(r.error().message.contains(QLatin1String(c.expected)), qPrintable(r.error().toString()));
        QVERIFY(!r.error().file.isEmpty());
        if (c.line > 0)
            QCOMPARE(r.error().line, qint64(c.line));
    }
    // a stderr capture cut anywhere still reads, or is refused with its name: never a crash
    QFile stderrFile(dataPath(QStringLiteral("rebuilds/03-build-script-input.stable.stderr.txt")));
    QVERIFY(stderrFile.open(QIODevice::ReadOnly));
    const QByteArray full = stderrFile.readAll();
    for (int k = 1; k < 20; ++k) {
        const QString path = write("cut.txt", full.left(full.size() * k / 20));
        const auto r = importRebuildInputs({path}, progress);
        if (r)
            analyseRebuilds(r.value());
        else
            QCOMPARE(r.error().file, path);
    }
}

void TestRebuilds::lineEndingsAndIndentation()
{
    // The same capture with CRLF line ends, tabs and a vertical tab before the -v words, and lines that only
    // look like cargo's: the lines are picked out by their first bytes before any expression runs, so this
    // checks that what the expressions would take is never skipped. Both the whole capture (fingerprint log
    // and -v) and its -v lines alone, whose units come from the `Compiling` and `Dirty` lines.
    QFile file(dataPath(QStringLiteral("rebuilds/03-build-script-input.stable.stderr.txt")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray whole = file.readAll();
    QByteArray verboseOnly;
    for (const QByteArray& line : whole.split('\n'))
        if (!line.contains(" INFO "))
            verboseOnly += line + '\n';
    const auto describe = [](const QByteArray& bytes) {
        QStringList out;
        const auto run = importCargoStderr(QStringLiteral("stderr.txt"), bytes);
        if (!run)
            return QStringList{run.error().toString()};
        for (const Unit& u : run.value()->units)
            out << QStringLiteral("%1 %2 %3 %4 %5")
                       .arg(u.label(), u.status, rebuildCauseKey(u.rebuildCause), u.rebuildDetail,
                            u.rebuildReason.trimmed());
        return out;
    };
    for (const QByteArray& original : {whole, verboseOnly}) {
        QByteArray changed;
        int indented = 0;
        for (const QByteArray& line : original.split('\n')) {
            const QByteArray word = line.trimmed();
            const bool verbose =
                word.startsWith("Fresh") || word.startsWith("Dirty") || word.startsWith("Compiling");
            changed += (verbose ? (indented++ % 2 ? "\t" : "\x0b ") + word : line) + "\r\n";
        }
        changed += "Compiling not-indented v1.0.0\r\n   Freshly v2.0.0\r\nprepare_target without a brace\r\n";
        QVERIFY(indented > 10);
        const QStringList expected = describe(original);
        QCOMPARE(expected.size(), original == whole ? 3 : 2);
        QCOMPARE(describe(changed), expected);
    }
}

void TestRebuilds::commandLine()
{
    QProcess p;
    p.start(QStringLiteral(BUILDLENS_EXE),
            {QStringLiteral("why"), QStringLiteral("--json"),
             dataPath(QStringLiteral("rebuilds/02-source-edit.stable.stderr.txt")),
             dataPath(QStringLiteral("rebuilds/02-source-edit.stable.html"))});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const nlohmann::json j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    QCOMPARE(j.at("rebuilt").get<int>(), 2);
    QCOMPARE(j.at("fresh").get<int>(), 38);
    const nlohmann::json& root = j.at("roots").at(0);
    QCOMPARE(root.at("unit").at("name").get<std::string>(), std::string("ts-core"));
    QCOMPARE(root.at("cause").at("kind").get<std::string>(), std::string("file-changed"));
    QCOMPARE(root.at("dirtied").at(0).at("unit").at("target").get<std::string>(), std::string("textstat"));
    QCOMPARE(root.at("dirtied").at(0).at("via").at("name").get<std::string>(), std::string("ts-core"));
    QVERIFY(root.at("seconds").get<double>() > 0);
    // a report alone is refused: exit 1, the file named
    QProcess alone;
    alone.start(QStringLiteral(BUILDLENS_EXE),
                {QStringLiteral("why"), dataPath(QStringLiteral("rebuilds/02-source-edit.stable.html"))});
    QVERIFY(alone.waitForFinished(30000));
    QCOMPARE(alone.exitCode(), 1);
    QVERIFY(alone.readAllStandardError().contains("02-source-edit.stable.html"));
}

void TestRebuilds::treeModel()
{
    // the Rebuilds view's tree: a root, the library under it, the binary under the library
    RebuildTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto a = std::make_shared<const RebuildAnalysis>(
        analyseFiles({QStringLiteral("03-build-script-input.nightly.jsonl")}));
    model.setAnalysis(a);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(root.data().toString(), QStringLiteral("ts-core v0.1.0 build script (run)"));
    QVERIFY(model.index(0, RebuildTreeModel::Cause)
                .data()
                .toString()
                .startsWith(QLatin1String("build-script-rerun: ")));
    QCOMPARE(model.index(0, RebuildTreeModel::Units).data().toInt(), 3);
    QCOMPARE(model.rowCount(root), 1);
    const QModelIndex lib = model.index(0, 0, root);
    QCOMPARE(lib.data().toString(), QStringLiteral("ts-core v0.1.0"));
    QCOMPARE(model.rowCount(lib), 1);
    const QModelIndex bin = model.index(0, 0, lib);
    QCOMPARE(bin.data().toString(), QStringLiteral("ts-app v0.1.0 bin textstat"));
    QCOMPARE(model.index(0, RebuildTreeModel::Cause, lib).data().toString(),
             QStringLiteral("after ts-core v0.1.0"));
    // from a unit of the run to its item, and back
    const int unit = bin.data(RebuildTreeModel::UnitIndexRole).toInt();
    QCOMPARE(model.indexOfUnit(unit), bin);
    QCOMPARE(a->run->units[std::size_t(unit)].targetName, QStringLiteral("textstat"));
    QVERIFY(!model.indexOfUnit(0).isValid() || a->rootOf[0] >= 0); // a fresh unit has no item
    model.setAnalysis(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestRebuilds)
#include "tst_rebuilds.moc"
