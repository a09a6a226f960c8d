// `buildlens capture`: real cargo builds of tests/data/workspaces/capture (Debian's cargo where it is
// installed, as packaging/deps.sh does). The stored run equals the report cargo wrote; a failed build is
// stored as failed with the units that finished; a cancel leaves no cargo, rustc or build script behind.
#include "CaptureWorkspace.h"
#include "TestData.h"
#include "analysis/TimingsAnalysis.h"
#include "capture/CargoCapture.h"
#include "capture/LiveRun.h"
#include "import/AnyImporter.h"
#include "itemmodels/RunListModel.h"
#include "store/RunLibrary.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>

#include <csignal>
#include <pwd.h>
#include <unistd.h>

using namespace bl;
using namespace bl::test;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

Run capture(const QString& workspace, const QStringList& args, const QStringList& command,
            const QProcessEnvironment& env = buildEnvironment(cargo()))
{
    QProcess p;
    p.setWorkingDirectory(workspace);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(BUILDLENS_EXE),
            QStringList{QStringLiteral("capture")} + args + QStringList{QStringLiteral("--")} + command);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace

class TestCapture : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void commandCompleted();
    void progressLines();
    void refusals();
    void storedRunEqualsTheReport();
    void failedBuildIsStoredAsFailed();
    void cancelLeavesNoProcess();
    void benchStoresASeries();
    void progressNames();
    void liveRunFromProgressAndMessages();
    void liveRunSeesEveryUnit();
    void nightlyCaptureReadsTheBuildAnalysisLog();

private:
    QString m_cargo;
};

void TestCapture::initTestCase()
{
    m_cargo = cargo();
    QVERIFY2(!m_cargo.isEmpty(), "cargo is needed (packaging/deps.sh installs Debian's cargo and rustc)");
}

void TestCapture::commandCompleted()
{
    auto complete = [](const char* c) {
        return CargoCapture::completeCommand(QString::fromLatin1(c).split(QLatin1Char(' ')))
            .join(QLatin1Char(' '));
    };
    QCOMPARE(complete("cargo build --release"),
             QStringLiteral("cargo build --timings --message-format=json-render-diagnostics --release"));
    QCOMPARE(
        complete("cargo +nightly -v build -p x"),
        QStringLiteral("cargo +nightly -v build --timings --message-format=json-render-diagnostics -p x"));
    // what is there stays, and nothing goes after `--`
    QCOMPARE(complete("cargo test --timings --message-format=json -- --nocapture"),
             QStringLiteral("cargo test --timings --message-format=json -- --nocapture"));
    QCOMPARE(complete("/usr/bin/cargo b --timings=html"),
             QStringLiteral("/usr/bin/cargo b --message-format=json-render-diagnostics --timings=html"));
}

void TestCapture::progressLines()
{
    CaptureProgress p;
    // cargo 1.65 and 1.95, as they draw the bar without a terminal
    QVERIFY(CargoCapture::parseProgressLine(
        QStringLiteral(
            "    Building [====>                        ] 1/5: cap-core(build), cap-derive        "),
        p));
    QCOMPARE(p.done, 1);
    QCOMPARE(p.total, 5);
    QCOMPARE(p.running, (QStringList{QStringLiteral("cap-core(build)"), QStringLiteral("cap-derive")}));
    QVERIFY(CargoCapture::parseProgressLine(
        QStringLiteral("    Building [=======================> ] 166/167"), p));
    QCOMPARE(p.done, 166);
    QVERIFY(p.running.isEmpty());
    QVERIFY(
        !CargoCapture::parseProgressLine(QStringLiteral("   Compiling cap-core v0.1.0 (/ws/cap-core)"), p));
    QCOMPARE(CargoCapture::reportPathIn(QStringLiteral(
                 "      Timing report saved to /ws/target/cargo-timings/cargo-timing-2026.html")),
             QStringLiteral("/ws/target/cargo-timings/cargo-timing-2026.html"));
}

void TestCapture::refusals()
{
    QTemporaryDir dir;
    for (const QStringList& command : {QStringList{}, QStringList{QStringLiteral("ls")},
                                       QStringList{QStringLiteral("cargo"), QStringLiteral("metadata")}}) {
        const Run r = capture(dir.path(), {}, command);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
    }
}

void TestCapture::storedRunEqualsTheReport()
{
    QTemporaryDir dir;
    const QString ws = copyWorkspace(dir);
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    const Run r = capture(ws, {QStringLiteral("--db"), db, QStringLiteral("--label"), QStringLiteral("main")},
                          {m_cargo, QStringLiteral("build")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("building ") && r.err.contains("stored as run 1"), r.err.constData());

    RunLibrary library;
    QVERIFY(library.open(db));
    const auto runs = library.runs();
    QCOMPARE(runs.size(), std::size_t(1));
    const StoredRun& run = runs.front();
    QCOMPARE(run.label, QStringLiteral("main"));
    QCOMPARE(run.failed, std::optional<bool>(false));
    QVERIFY(run.command.endsWith(QLatin1String("cargo build")));
    // exactly what opening the report cargo wrote gives
    QStringList reports = QDir(ws + QStringLiteral("/target/cargo-timings"))
                              .entryList({QStringLiteral("cargo-timing-*.html")}, QDir::Files);
    QCOMPARE(reports.size(), 1);
    Progress progress;
    const auto report = importAny(ws + QStringLiteral("/target/cargo-timings/") + reports.front(), progress);
    QVERIFY(report && report.value()->timings);
    const auto a = analyse(report.value()->timings);
    QCOMPARE(run.unitCount,
             std::optional<qint64>(5)); // build script compile and run, cap-core, cap-derive, app
    QCOMPARE(*run.unitCount, qint64(a->summary.unitCount));
    QCOMPARE(*run.totalSeconds, a->summary.wallSeconds);
    QCOMPARE(run.criticalPathSeconds.has_value(), a->critical.available);
    if (a->critical.available)
        QCOMPARE(*run.criticalPathSeconds, a->critical.seconds);
    QCOMPARE(library.units(run.id).size(), std::size_t(5));
}

void TestCapture::failedBuildIsStoredAsFailed()
{
    QTemporaryDir dir;
    const QString ws = copyWorkspace(dir);
    QFile main(ws + QStringLiteral("/cap-app/src/main.rs"));
    QVERIFY(main.open(QIODevice::Append));
    main.write("fn broken() -> u32 { \"not a number\" }\n");
    main.close();
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    const Run r = capture(ws, {QStringLiteral("--db"), db}, {m_cargo, QStringLiteral("build")});
    // cargo's status, and its rendered error passed through
    QCOMPARE(r.exitCode, 101);
    QVERIFY2(r.err.contains("error[E0308]") && r.err.contains("cap-app/src/main.rs"), r.err.constData());
    QVERIFY(r.err.contains("failed build stored as run 1"));
    RunLibrary library;
    QVERIFY(library.open(db));
    const auto runs = library.runs();
    QCOMPARE(runs.size(), std::size_t(1));
    QCOMPARE(runs.front().failed, std::optional<bool>(true));
    // the units that finished before the error: the build script (compile and run), cap-core, cap-derive
    QCOMPARE(runs.front().unitCount, std::optional<qint64>(4));
}

void TestCapture::cancelLeavesNoProcess()
{
    QTemporaryDir dir;
    const QString ws = copyWorkspace(dir);
    QProcessEnvironment env = buildEnvironment(m_cargo);
    env.insert(QStringLiteral("CAP_SLEEP_MS"), QStringLiteral("60000")); // the build script takes a minute
    QProcess p;
    p.setWorkingDirectory(ws);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(BUILDLENS_EXE),
            {QStringLiteral("capture"), QStringLiteral("--db"), dir.filePath(QStringLiteral("runs.sqlite")),
             QStringLiteral("--"), m_cargo, QStringLiteral("build")});
    QVERIFY(p.waitForStarted());
    // wait until the build script runs (its binary is in the workspace's target directory)
    QByteArray err;
    for (int i = 0; i < 600 && !err.contains("cap-core(build)"); ++i) {
        p.waitForReadyRead(100);
        err += p.readAllStandardError();
    }
    QVERIFY2(err.contains("cap-core(build)"), err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(processesUnder(ws).size() >= 2, 10000); // cargo and the build script
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 130);
    // nothing of the build is left: not cargo, not a rustc, not the sleeping build script
    QTRY_VERIFY_WITH_TIMEOUT(processesUnder(ws).isEmpty(), 5000);
}

void TestCapture::benchStoresASeries()
{
    QTemporaryDir dir;
    const QString ws = copyWorkspace(dir);
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    const QString json = dir.filePath(QStringLiteral("hyperfine.json"));
    // a clean warm-up, then three builds after touching the library: cap-core and the binary again
    QProcess p;
    p.setWorkingDirectory(ws);
    p.setProcessEnvironment(buildEnvironment(m_cargo));
    p.start(QStringLiteral(BUILDLENS_EXE),
            {QStringLiteral("bench"), QStringLiteral("--runs"), QStringLiteral("3"),
             QStringLiteral("--warmup"), QStringLiteral("1"), QStringLiteral("--prepare"),
             QStringLiteral("touch cap-core/src/lib.rs"), QStringLiteral("--name"),
             QStringLiteral("touch-core"), QStringLiteral("--db"), db, QStringLiteral("--export-json"), json,
             QStringLiteral("--"), m_cargo, QStringLiteral("build")});
    QVERIFY(p.waitForFinished(300000));
    const QByteArray out = p.readAllStandardOutput(), err = p.readAllStandardError();
    QVERIFY2(p.exitCode() == 0, err.constData());
    QVERIFY2(out.contains("touch-core: 3 runs after 1 warm-up") && out.contains("wall time") &&
                 out.contains("median"),
             out.constData());
    QVERIFY(err.contains("warm-up 1/1") && err.contains("run 3/3"));

    // the three measured builds are the series, the warm-up is not kept
    RunLibrary library;
    QVERIFY(library.open(db));
    const auto runs = library.runs({QString(), QStringLiteral("touch-core")});
    QCOMPARE(runs.size(), std::size_t(3));
    std::vector<double> stored;
    for (const StoredRun& r : runs) {
        QCOMPARE(r.failed, std::optional<bool>(false));
        // incremental: cap-core and the binary again, not the build script or cap-derive (cargo 1.65 lists
        // only what it built, newer cargo the fresh units too)
        QVERIFY(r.unitCount && *r.unitCount - r.freshUnits.value_or(0) < 5);
        stored.push_back(*r.totalSeconds);
    }
    QCOMPARE(library.runs().size(), std::size_t(3));

    // hyperfine's JSON: the same times, and statistics that follow from them
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const nlohmann::json j = nlohmann::json::parse(f.readAll().toStdString());
    const nlohmann::json& result = j.at("results").at(0);
    for (const char* key : {"command", "mean", "stddev", "median", "min", "max", "times"})
        QVERIFY2(result.contains(key), key);
    std::vector<double> times = result.at("times").get<std::vector<double>>();
    QCOMPARE(times.size(), std::size_t(3));
    double sum = 0;
    for (double t : times)
        sum += t;
    QVERIFY(std::abs(result.at("mean").get<double>() - sum / 3) < 1e-9);
    std::sort(times.begin(), times.end());
    std::sort(stored.begin(), stored.end());
    for (std::size_t i = 0; i < 3; ++i)
        QCOMPARE(times[i], stored[i]);
    QCOMPARE(result.at("min").get<double>(), times.front());
    QCOMPARE(result.at("median").get<double>(), times[1]);
    QVERIFY(QString::fromStdString(result.at("command").get<std::string>())
                .endsWith(QLatin1String("cargo build")));

    // a second series, touching the binary only, compared with the first against the noise
    QProcess second;
    second.setWorkingDirectory(ws);
    second.setProcessEnvironment(buildEnvironment(m_cargo));
    second.start(QStringLiteral(BUILDLENS_EXE),
                 {QStringLiteral("bench"), QStringLiteral("--runs"), QStringLiteral("2"),
                  QStringLiteral("--prepare"), QStringLiteral("touch cap-app/src/main.rs"),
                  QStringLiteral("--name"), QStringLiteral("touch-app"), QStringLiteral("--db"), db,
                  QStringLiteral("--"), m_cargo, QStringLiteral("build")});
    QVERIFY(second.waitForFinished(300000));
    QVERIFY2(second.exitCode() == 0, second.readAllStandardError().constData());
    QProcess compare;
    compare.start(QStringLiteral(BUILDLENS_EXE),
                  {QStringLiteral("compare"), QStringLiteral("--series"), QStringLiteral("touch-core"),
                   QStringLiteral("--vs"), QStringLiteral("touch-app"), QStringLiteral("--db"), db,
                   QStringLiteral("--json")});
    QVERIFY(compare.waitForFinished(60000));
    QVERIFY2(compare.exitCode() == 0, compare.readAllStandardError().constData());
    const nlohmann::json diff = nlohmann::json::parse(compare.readAllStandardOutput().toStdString());
    QCOMPARE(diff.at("kind").get<std::string>(), std::string("timings-set-diff"));
    QCOMPARE(diff.at("a").size(), std::size_t(3));
    QCOMPARE(diff.at("b").size(), std::size_t(2));
    // a series that is not there
    QProcess missing;
    missing.start(QStringLiteral(BUILDLENS_EXE),
                  {QStringLiteral("compare"), QStringLiteral("--series"), QStringLiteral("touch-core"),
                   QStringLiteral("--vs"), QStringLiteral("no-such-series"), QStringLiteral("--db"), db});
    QVERIFY(missing.waitForFinished(60000));
    QCOMPARE(missing.exitCode(), 1);
    QVERIFY(missing.readAllStandardError().contains("no-such-series"));

    // hyperfine's JSON round-trips: imported into another library it is the same series, run for run, and
    // compares against the captured series on wall time
    const QString other = dir.filePath(QStringLiteral("imported.sqlite"));
    QProcess add;
    add.start(QStringLiteral(BUILDLENS_EXE),
              {QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), other, json});
    QVERIFY(add.waitForFinished(60000));
    QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());
    QVERIFY(add.readAllStandardOutput().contains("as runs 1 to 3 (benchmark)"));
    {
        RunLibrary imported;
        QVERIFY(imported.open(other));
        const auto benchRuns = imported.runs({QStringLiteral("benchmark"), QStringLiteral("touch-core")});
        QCOMPARE(benchRuns.size(), std::size_t(3));
        std::vector<double> back;
        for (const StoredRun& r : benchRuns) {
            back.push_back(*r.totalSeconds);
            QVERIFY(r.command.endsWith(QLatin1String("cargo build")));
            // the history table shows the measured time as it does a build's
            QCOMPARE(RunListModel::figureValue(r), r.totalSeconds);
            QVERIFY(RunListModel::figureText(r).endsWith(QLatin1String(" s")));
        }
        std::sort(back.begin(), back.end());
        QCOMPARE(back, stored);
        // the same file again is skipped, not stored twice
        Progress progress;
        QCOMPARE(imported.addFile(json, progress).outcome, AddResult::Outcome::Skipped);
        QCOMPARE(imported.runs().size(), std::size_t(3));
    }
    QProcess compareWalls;
    compareWalls.start(QStringLiteral(BUILDLENS_EXE),
                       {QStringLiteral("compare"), QStringLiteral("--series"), QStringLiteral("touch-core"),
                        QStringLiteral("--vs"), QStringLiteral("touch-core"), QStringLiteral("--db"), other,
                        QStringLiteral("--json")});
    QVERIFY(compareWalls.waitForFinished(60000));
    QVERIFY2(compareWalls.exitCode() == 0, compareWalls.readAllStandardError().constData());
    const nlohmann::json walls = nlohmann::json::parse(compareWalls.readAllStandardOutput().toStdString());
    QVERIFY(walls.at("units").empty());
    QVERIFY(std::abs(walls.at("wall").at("mean_a").get<double>() - sum / 3) < 1e-9);

    // wrong usage
    for (const QStringList& bad :
         {QStringList{QStringLiteral("bench"), QStringLiteral("--"), m_cargo, QStringLiteral("build")},
          QStringList{QStringLiteral("bench"), QStringLiteral("--runs"), QStringLiteral("0"),
                      QStringLiteral("--"), m_cargo, QStringLiteral("build")},
          QStringList{QStringLiteral("bench"), QStringLiteral("--runs"), QStringLiteral("2")}}) {
        QProcess q;
        q.start(QStringLiteral(BUILDLENS_EXE), bad);
        QVERIFY(q.waitForFinished(30000));
        QCOMPARE(q.exitCode(), 2);
    }
}

QTEST_GUILESS_MAIN(TestCapture)
#include "tst_capture.moc"

namespace {

// One of cargo's JSON messages about a unit, as `--message-format=json` writes it.
QByteArray artifact(const char* packageId, const char* kind, const char* target, bool test = false,
                    bool fresh = false, const std::vector<std::string>& features = {})
{
    const nlohmann::json j = {{"reason", "compiler-artifact"},
                              {"package_id", packageId},
                              {"target", {{"kind", {kind}}, {"name", target}}},
                              {"profile", {{"test", test}}},
                              {"features", features},
                              {"fresh", fresh}};
    return QByteArray::fromStdString(j.dump());
}

QByteArray scriptRun(const char* packageId)
{
    return QByteArray::fromStdString(
        nlohmann::json{{"reason", "build-script-executed"}, {"package_id", packageId}}.dump());
}

const QByteArray kFinished = QByteArray::fromStdString(nlohmann::json{{"reason", "build-finished"}}.dump());

} // namespace

void TestCapture::progressNames()
{
    // cargo's name for the unit of each message (its job queue's name_for_progress)
    const auto nameOf = [](const QByteArray& line) {
        return LiveRun::progressNameOf(line);
    };
    QCOMPARE(nameOf(artifact("path+file:///ws/cap-core#0.1.0", "custom-build", "build-script-build")),
             QStringLiteral("cap-core(build.rs)"));
    QCOMPARE(nameOf(scriptRun("path+file:///ws/cap-core#0.1.0")), QStringLiteral("cap-core(build)"));
    QCOMPARE(nameOf(artifact("registry+https://x#serde_derive@1.0.1", "proc-macro", "serde_derive")),
             QStringLiteral("serde_derive"));
    QCOMPARE(nameOf(artifact("cap-app 0.1.0 (path+file:///ws/cap-app)", "bin", "cap")),
             QStringLiteral("cap(bin)"));
    QCOMPARE(nameOf(artifact("path+file:///ws/cap-core#0.1.0", "lib", "cap_core", true)),
             QStringLiteral("cap_core(test)"));
    QCOMPARE(nameOf(artifact("path+file:///ws/cap-app#0.1.0", "bin", "cap", true)),
             QStringLiteral("cap(bin test)"));
    QVERIFY(nameOf(kFinished).isEmpty());
    QVERIFY(nameOf("not json").isEmpty());

    // a list of running crates cut to fit the line: the cut name is not taken for a crate
    CaptureProgress p;
    QVERIFY(CargoCapture::parseProgressLine(
        QStringLiteral("    Building [==> ] 3/90: serde, syn, regex-au..."), p));
    QVERIFY(p.truncated);
    QCOMPARE(p.running, (QStringList{QStringLiteral("serde"), QStringLiteral("syn")}));
    QVERIFY(
        CargoCapture::parseProgressLine(QString::fromUtf8("    Building [==> ] 3/90: serde, sy\u2026"), p));
    QVERIFY(p.truncated);
    QCOMPARE(p.running, QStringList{QStringLiteral("serde")});
}

void TestCapture::liveRunFromProgressAndMessages()
{
    const QByteArray coreArtifact =
        artifact("path+file:///ws/cap-core#0.1.0", "lib", "cap_core", false, false, {"std"});
    const QByteArray derive = artifact("path+file:///ws/cap-derive#0.2.0", "proc-macro", "cap_derive");
    const QByteArray freshOne = artifact("registry+x#libc@0.2.1", "lib", "libc", false, true);
    LiveRun live;
    CaptureProgress p;
    p.total = 4;
    QVERIFY(live.onMessage(freshOne, 0.1));
    p.running = {QStringLiteral("cap-core"), QStringLiteral("cap-derive")};
    live.onProgress(p, 0.5);
    QCOMPARE(live.units().size(), std::size_t(2));
    QCOMPARE(live.runningUnits(), 2);
    // a snapshot draws running units up to now
    auto snap = live.snapshot(1.5);
    QCOMPARE(snap->units[0].duration, 1.0);
    QVERIFY(snap->units[0].running);
    QCOMPARE(snap->units[0].label(), QStringLiteral("cap-core"));
    // the message may come before the progress line that drops the unit...
    QVERIFY(live.onMessage(coreArtifact, 2.0));
    p.running = {QStringLiteral("cap-derive")};
    p.done = 2;
    live.onProgress(p, 2.1);
    // ...or after it
    p.running = {};
    p.done = 3;
    live.onProgress(p, 3.0);
    QVERIFY(live.onMessage(derive, 3.2));
    // a unit that began and ended between two progress lines
    QVERIFY(live.onMessage(artifact("path+file:///ws/cap-app#0.1.0", "bin", "cap"), 3.4));
    QVERIFY(!live.onMessage(kFinished, 3.5));
    live.finish(3.5);
    QCOMPARE(live.freshUnits(), 1);
    QCOMPARE(live.finishedUnits(), 3);
    QCOMPARE(live.runningUnits(), 0);
    snap = live.snapshot(4.0);
    QCOMPARE(snap->units.size(), std::size_t(3));
    const Unit& core = snap->units[0];
    QCOMPARE(core.label(), QStringLiteral("cap-core v0.1.0"));
    QCOMPARE(core.start, 0.5);
    QCOMPARE(core.duration, 1.5);
    QCOMPARE(core.features, QStringList{QStringLiteral("std")});
    const Unit& d = snap->units[1];
    QCOMPARE(d.kind, UnitKind::ProcMacro);
    QCOMPARE(d.end(), 3.0); // it left the progress line at 3.0, its message came later
    const Unit& app = snap->units[2];
    QCOMPARE(app.kind, UnitKind::Bin);
    QCOMPARE(app.targetName, QStringLiteral("cap"));
    QCOMPARE(app.start, 3.0);
    QCOMPARE(app.end(), 3.4);
    QVERIFY(!live.units()[2].seenRunning);
    QVERIFY(std::all_of(live.units().begin(), live.units().end(),
                        [](const LiveRun::LiveUnit& u) { return u.identified; }));
    QCOMPARE(snap->totalUnitsReported, 4);
}

void TestCapture::liveRunSeesEveryUnit()
{
    QTemporaryDir dir;
    const QString ws = copyWorkspace(dir);
    const QString rustc = QFileInfo(m_cargo).dir().filePath(QStringLiteral("rustc"));
    if (QFileInfo::exists(rustc))
        qputenv("RUSTC", rustc.toUtf8());
    qputenv("CAP_SLEEP_MS", "1500"); // long enough for progress lines to show the build script running
    CargoCapture capture;
    LiveRun live;
    int snapshotsWithRunningUnits = 0;
    connect(&capture, &CargoCapture::progressChanged, this, [&](const CaptureProgress& p) {
        live.onProgress(p, capture.elapsedSeconds());
        if (live.runningUnits() > 0)
            ++snapshotsWithRunningUnits;
    });
    connect(&capture, &CargoCapture::message, this,
            [&](const QByteArray& line) { live.onMessage(line, capture.elapsedSeconds()); });
    QEventLoop loop;
    connect(&capture, &CargoCapture::finished, &loop, &QEventLoop::quit);
    capture.start({m_cargo, QStringLiteral("build")}, ws);
    QVERIFY(capture.isRunning());
    loop.exec();
    live.finish(capture.elapsedSeconds());
    qunsetenv("CAP_SLEEP_MS");
    QCOMPARE(capture.exitCode(), 0);
    QVERIFY(snapshotsWithRunningUnits > 0);

    Progress progress;
    const auto report = importAny(capture.reportPath(), progress);
    QVERIFY(report && report.value()->timings);
    const TimingsRun& done = *report.value()->timings;
    // every unit of cargo's report, once in the live run, started and ended, with its name and kind
    QCOMPARE(live.units().size(), done.units.size());
    QCOMPARE(live.progressTotal(), int(done.units.size()));
    QCOMPARE(live.progressDone(), live.progressTotal());
    const auto snap = live.snapshot(capture.elapsedSeconds());
    QStringList liveIds, reportIds;
    for (const Unit& u : snap->units) {
        liveIds << u.identity();
        QVERIFY(!u.running);
    }
    for (const Unit& u : done.units)
        reportIds << u.identity();
    liveIds.sort();
    reportIds.sort();
    QCOMPARE(liveIds, reportIds);
    for (const LiveRun::LiveUnit& u : live.units())
        QVERIFY2(u.identified && u.end >= u.start, qPrintable(u.progressName));
    // the build script's run, a second and a half long, was seen running
    const auto run = std::find_if(live.units().begin(), live.units().end(), [](const LiveRun::LiveUnit& u) {
        return u.unit.kind == UnitKind::BuildScriptRun;
    });
    QVERIFY(run != live.units().end());
    QVERIFY(run->seenRunning);
    QVERIFY(run->end - run->start >= 1.4);
}

void TestCapture::nightlyCaptureReadsTheBuildAnalysisLog()
{
    // a nightly toolchain of the user's rustup, run directly (the tests give rustup's proxy no home)
    const passwd* user = ::getpwuid(::getuid());
    const QString toolchains =
        QString::fromLocal8Bit(user ? user->pw_dir : "/nonexistent") + QStringLiteral("/.rustup/toolchains");
    const QStringList nightlies =
        QDir(toolchains).entryList({QStringLiteral("nightly-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    if (nightlies.isEmpty())
        QSKIP("no rustup nightly toolchain on this machine");
    const QString nightlyCargo =
        toolchains + QLatin1Char('/') + nightlies.front() + QStringLiteral("/bin/cargo");
    QVERIFY(CargoCapture::cargoVersion({nightlyCargo}).contains(QLatin1String("-nightly")));
    QCOMPARE(CargoCapture::completeCommand({nightlyCargo, QStringLiteral("build")}, true),
             (QStringList{nightlyCargo, QStringLiteral("build"), QStringLiteral("--timings"),
                          QStringLiteral("-Zbuild-analysis"),
                          QStringLiteral("--message-format=json-render-diagnostics")}));

    QTemporaryDir dir;
    const QString ws = copyWorkspace(dir);
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    const QString keep = dir.filePath(QStringLiteral("kept"));
    const Run r = capture(ws, {QStringLiteral("--db"), db, QStringLiteral("--keep"), keep},
                          {nightlyCargo, QStringLiteral("build")}, buildEnvironment(nightlyCargo));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // both files kept; the run is read from the log, which cargo rendered the report from
    const QStringList logs = QDir(keep).entryList({QStringLiteral("*.jsonl")}, QDir::Files);
    const QStringList reports = QDir(keep).entryList({QStringLiteral("cargo-timing-*.html")}, QDir::Files);
    QCOMPARE(logs.size(), 1);
    QCOMPARE(reports.size(), 1);
    QCOMPARE(QStringLiteral("cargo-timing-") + QFileInfo(logs.front()).completeBaseName() +
                 QStringLiteral(".html"),
             reports.front());
    RunLibrary library;
    QVERIFY(library.open(db));
    const auto runs = library.runs();
    QCOMPARE(runs.size(), std::size_t(1));
    QVERIFY(runs.front().file.endsWith(QLatin1String(".jsonl")));
    Progress progress;
    const auto log = importAny(QDir(keep).filePath(logs.front()), progress);
    QVERIFY(log && log.value()->timings);
    QCOMPARE(log.value()->timings->source, TimingsSource::BuildAnalysis);
    const auto a = analyse(log.value()->timings);
    QCOMPARE(*runs.front().unitCount, qint64(a->summary.unitCount));
    QCOMPARE(*runs.front().totalSeconds, a->summary.wallSeconds);
    QCOMPARE(a->summary.unitCount, 5);
    // and the report says the same to its 0.01 s
    const auto html = importAny(QDir(keep).filePath(reports.front()), progress);
    QVERIFY(html && html.value()->timings);
    QVERIFY(std::abs(analyse(html.value()->timings)->summary.wallSeconds - a->summary.wallSeconds) <= 0.011);
}
