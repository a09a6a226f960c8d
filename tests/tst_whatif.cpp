// `buildlens whatif`: cargo's scheduler replayed. First it must reproduce the captures it is given (the
// observed durations and -j give back the observed wall time), then scenarios move it the way they must.
#include "TestData.h"
#include "analysis/Schedule.h"
#include "analysis/TimingsAnalysis.h"
#include "import/Importer.h"

#include <QDirIterator>
#include <QProcess>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace bl;
using namespace bl::test;

namespace {

std::shared_ptr<const TimingsRun> load(const QString& rel)
{
    Progress progress;
    auto r = importTimingsFile(dataPath(rel), progress);
    return r ? r.value() : nullptr;
}

} // namespace

class TestWhatIf : public QObject
{
    Q_OBJECT
private slots:
    void replayReproducesTheCapture_data();
    void replayReproducesTheCapture();
    void oneJobIsTheSumOfTheUnits();
    void scenariosMoveThePrediction();
    void commandLine();
};

void TestWhatIf::replayReproducesTheCapture_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("tolerance");
    // build-analysis logs record the real dependency graph: 3 %, the goal. HTML reports only record which
    // unit released which; on them the model lands within 3 % on all but two captures made on a busy
    // machine (repeated/release-clean-1: -5.0 %, nightly dev-clean: -3.2 %), so they are held to 6 %.
    for (const char* dir : {"build-analysis", "rebuilds", "timings"}) {
        QDirIterator it(dataPath(QString::fromLatin1(dir)),
                        {QStringLiteral("*.jsonl"), QStringLiteral("*.html")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString rel = path.mid(dataPath(QString()).size());
            const bool log = path.endsWith(QLatin1String(".jsonl"));
            QTest::newRow(qPrintable(rel)) << rel << (log ? 0.03 : 0.06);
        }
    }
}

void TestWhatIf::replayReproducesTheCapture()
{
    QFETCH(QString, file);
    QFETCH(double, tolerance);
    const auto run = load(file);
    QVERIFY(run);
    const double observed = analyse(run)->summary.wallSeconds;
    const Schedule replay = simulate(*run);
    if (observed < 0.05) {
        QVERIFY(replay.wallSeconds < 0.05); // nothing was built
        return;
    }
    const double error = (replay.wallSeconds - observed) / observed;
    QVERIFY2(std::abs(error) <= tolerance, qPrintable(QStringLiteral("replayed %1 s of %2 s: %3 %")
                                                          .arg(replay.wallSeconds)
                                                          .arg(observed)
                                                          .arg(100 * error)));
    QVERIFY(!replay.criticalPath.empty());
}

void TestWhatIf::oneJobIsTheSumOfTheUnits()
{
    const auto run = load(QStringLiteral("build-analysis/dev-clean.jsonl"));
    QVERIFY(run);
    Scenario serial;
    serial.jobs = 1;
    const Schedule s = simulate(*run, serial);
    double sum = 0, first = 1e9;
    for (const Unit& u : run->units)
        if (!u.fresh) {
            sum += u.duration;
            first = std::min(first, u.start);
        }
    QVERIFY(std::abs(s.wallSeconds - (first + sum)) < 1e-6);
    // no two units at once
    std::vector<std::pair<double, double>> spans;
    for (std::size_t i = 0; i < run->units.size(); ++i)
        if (!run->units[i].fresh)
            spans.push_back({s.units[i].start, s.units[i].end()});
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i)
        QVERIFY(spans[i].first >= spans[i - 1].second - 1e-9);
}

void TestWhatIf::scenariosMoveThePrediction()
{
    const auto run = load(QStringLiteral("build-analysis/dev-clean.jsonl"));
    QVERIFY(run);
    const Schedule base = simulate(*run);
    // every unit on the predicted critical path twice as fast: the build gets shorter
    Scenario faster;
    for (int u : base.criticalPath)
        faster.speed[u] = 0.5;
    QVERIFY(simulate(*run, faster).wallSeconds < base.wallSeconds);
    Scenario wide;
    wide.jobs = 64;
    const Schedule w = simulate(*run, wide);
    QVERIFY(w.wallSeconds <= base.wallSeconds + 1e-9);
    // unlimited jobs: the longest path through the real dependencies, as the analysis computes it
    QVERIFY2(
        std::abs(w.wallSeconds - analyse(run)->dag.longestPathSeconds) < 0.01,
        qPrintable(QStringLiteral("%1 vs %2").arg(w.wallSeconds).arg(analyse(run)->dag.longestPathSeconds)));
    // a unit removed takes no time; codegen at 0 leaves each unit its frontend
    const int syn = findUnit(*run, QStringLiteral("syn"));
    QVERIFY(syn >= 0);
    Scenario without;
    without.removed = {syn};
    QCOMPARE(simulate(*run, without).units[std::size_t(syn)].duration, 0.0);
    QVERIFY(simulate(*run, without).wallSeconds <= base.wallSeconds);
    Scenario noCodegen;
    noCodegen.codegenFactor = 0;
    const Schedule c = simulate(*run, noCodegen);
    QVERIFY(c.wallSeconds < base.wallSeconds);
    QCOMPARE(findUnit(*run, QStringLiteral("no-such-crate")), -1);
}

void TestWhatIf::commandLine()
{
    QProcess p;
    p.start(QStringLiteral(BUILDLENS_EXE),
            {QStringLiteral("whatif"), dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")),
             QStringLiteral("--jobs"), QStringLiteral("1"), QStringLiteral("--speed"),
             QStringLiteral("syn=0.5"), QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const nlohmann::json j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    for (const char* key : {"observed_seconds", "replayed_seconds", "predicted_seconds", "delta_seconds",
                            "critical_path", "units"})
        QVERIFY2(j.contains(key), key);
    QVERIFY(j.at("predicted_seconds").get<double>() >
            j.at("replayed_seconds").get<double>()); // -j1 is slower
    QCOMPARE(j.at("jobs").get<int>(), 1);
    QProcess bad;
    bad.start(QStringLiteral(BUILDLENS_EXE),
              {QStringLiteral("whatif"), dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")),
               QStringLiteral("--remove"), QStringLiteral("no-such-crate")});
    QVERIFY(bad.waitForFinished(30000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(bad.readAllStandardError().contains("no-such-crate"));
}

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
