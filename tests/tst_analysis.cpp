// Critical path, longest path and slack, concurrency and the summary, on real captures and on small runs
// whose answers are worked out by hand.
#include "TestData.h"
#include "import/AnyImporter.h"
#include "report/SummaryReport.h"

#include <QFile>
#include <QTemporaryDir>

using namespace bl;
using namespace bl::test;

namespace {

// "name|target" labels of a chain, for readable comparisons.
QStringList chainLabels(const TimingsRun& run, const std::vector<int>& chain)
{
    QStringList out;
    for (int u : chain)
        out << run.units[u].name + QLatin1Char('|') + run.units[u].target;
    return out;
}

Unit unit(const char* name, UnitKind kind, double start, double duration,
          std::optional<double> rmeta = std::nullopt)
{
    Unit u;
    u.name = QString::fromLatin1(name);
    u.version = QStringLiteral("1.0.0");
    u.kind = kind;
    u.start = start;
    u.duration = duration;
    u.rmetaTime = rmeta;
    return u;
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT
private slots:
    void timeOutsideUnits();
    void observedCriticalPath_data();
    void observedCriticalPath();
    void criticalPathOfBuildAnalysis();
    void handWorkedDag();
    void slackInvariants_data();
    void slackInvariants();
    void derivedConcurrencyMatchesCargo_data();
    void derivedConcurrencyMatchesCargo();
    void summary();
    void labelsWithPercentSigns();
    void timingInfoHasNoObservedPath();
    void jobSlots();
};

void TestAnalysis::observedCriticalPath_data()
{
    // Chains worked out from each file by following "who unblocked whom" back from the unit that ends last.
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("chain");
    QTest::addColumn<double>("seconds");
    QTest::newRow("1.65 dev") << QStringLiteral("timings/debian-1.65/dev-clean.html")
                              << QStringList{QStringLiteral("humantime|"),
                                             QStringLiteral("ts-app| bin \"textstat\"")}
                              << 0.75 + 2.72;
    QTest::newRow("1.65 release") << QStringLiteral("timings/debian-1.65/release-clean.html")
                                  << QStringList{QStringLiteral("syn| build script"),
                                                 QStringLiteral("syn| build script (run)"),
                                                 QStringLiteral("syn|"), QStringLiteral("ts-derive|")}
                                  << 1.26 + 0.17 + 6.22 + 4.45;
    QTest::newRow("1.97 dev") << QStringLiteral("timings/nightly-1.97/dev-clean.html")
                              << QStringList{QStringLiteral("glob|"),
                                             QStringLiteral("ts-app| textstat \"bin\"")}
                              << 0.30 + 0.39;
    QTest::newRow("1.97 incremental")
        << QStringLiteral("timings/nightly-1.97/dev-incremental.html")
        << QStringList{QStringLiteral("ts-core|"), QStringLiteral("ts-app| textstat \"bin\"")} << 0.11 + 0.18;
    QTest::newRow("1.95 dev") << QStringLiteral("timings/stable-1.95/dev-clean.html")
                              << QStringList{QStringLiteral("lexopt|"),
                                             QStringLiteral("ts-app| textstat \"bin\"")}
                              << 0.14 + 0.39;
    QTest::newRow("1.95 incremental")
        << QStringLiteral("timings/stable-1.95/dev-incremental.html")
        << QStringList{QStringLiteral("ts-core|"), QStringLiteral("ts-app| textstat \"bin\"")} << 0.12 + 0.19;
    // regex-syntax releases regex through its metadata (frontend 1.35 s), regex releases ts-app when done
    QTest::newRow("1.95 release") << QStringLiteral("timings/stable-1.95/release-clean.html")
                                  << QStringList{QStringLiteral("regex-syntax|"), QStringLiteral("regex|"),
                                                 QStringLiteral("ts-app| textstat \"bin\"")}
                                  << 1.35 + 7.28 + 0.5;
}

void TestAnalysis::observedCriticalPath()
{
    QFETCH(QString, file);
    QFETCH(QStringList, chain);
    QFETCH(double, seconds);
    const auto run = loadRun(file);
    QVERIFY(run);
    const CriticalPath cp = bl::observedCriticalPath(*run);
    QVERIFY(cp.available);
    QCOMPARE(chainLabels(*run, cp.units), chain);
    QVERIFY2(std::abs(cp.seconds - seconds) < 1e-6, qPrintable(QString::number(cp.seconds, 'g', 12)));
    // the chain ends with the unit that finishes last
    QCOMPARE(run->units[cp.units.back()].end(), run->totalSeconds());
}

void TestAnalysis::criticalPathOfBuildAnalysis()
{
    const auto run = loadRun(QStringLiteral("build-analysis/dev-clean.jsonl"));
    QVERIFY(run);
    const CriticalPath cp = bl::observedCriticalPath(*run);
    QCOMPARE(chainLabels(*run, cp.units),
             (QStringList{QStringLiteral("glob|"), QStringLiteral("ts-app| textstat \"bin\"")}));
    // the log has the real dependency graph: the longest path follows it, not only scheduling edges
    const DagAnalysis dag = analyseDag(*run);
    QVERIFY(dag.usesDependencyGraph);
    QStringList longest = chainLabels(*run, dag.longestChain);
    QCOMPARE(longest.last(), QStringLiteral("ts-app| textstat \"bin\""));
    // the proc-macro chain proc-macro2 -> quote -> syn -> ts-derive -> ts-core outweighs the regex crates
    QVERIFY(longest.contains(QStringLiteral("syn|")));
    QVERIFY(longest.contains(QStringLiteral("ts-derive|")));
    QVERIFY(dag.longestPathSeconds <= run->totalSeconds() + 1e-9);
}

void TestAnalysis::handWorkedDag()
{
    // a (lib, rmeta at 1 of 4) -rmeta-> b (lib, 3 s) -full-> c (bin, 2 s); d (lib, 1 s) -full-> c
    // Earliest starts: a 0, b 1, d 0, c max(1+3, 0+1) = 4. Longest path 6 via a, b, c.
    // Slack: a 0, b 0, c 0, d: latest start 4 - 1 = 3.
    TimingsRun run;
    run.units = {unit("a", UnitKind::Lib, 0, 4, 1.0), unit("b", UnitKind::Lib, 1.5, 3),
                 unit("c", UnitKind::Bin, 4.5, 2), unit("d", UnitKind::Lib, 0, 1)};
    run.units[0].unblockedRmeta = {1};
    run.units[1].unblocked = {2};
    run.units[2].dependencies = {1, 3};
    run.units[1].dependencies = {0};
    const DagAnalysis dag = analyseDag(run);
    QVERIFY(dag.usesDependencyGraph);
    QCOMPARE(dag.longestPathSeconds, 6.0);
    QCOMPARE(dag.earliestStart, (std::vector<double>{0, 1, 4, 0}));
    QCOMPARE(dag.slack, (std::vector<double>{0, 0, 0, 3}));
    QCOMPARE(dag.longestChain, (std::vector<int>{0, 1, 2}));
    const CriticalPath cp = bl::observedCriticalPath(run);
    QCOMPARE(cp.units, (std::vector<int>{0, 1, 2}));
    QCOMPARE(cp.seconds, 1.0 + 3.0 + 2.0);
    QCOMPARE(cp.spanSeconds, 6.5);
    // derived concurrency: c is released at 4.5 (b done) and starts at once; at t=0: a and d active, b and c
    // not ready
    const auto samples = deriveConcurrency(run);
    QVERIFY(!samples.empty());
    QCOMPARE(samples.front().t, 0.0);
    QCOMPARE(samples.front().active, 2);
    QCOMPARE(samples.front().inactive, 2);
    // at 1.0 a's metadata releases b, which waits for a slot until 1.5
    auto at = [&](double t) {
        ConcurrencySample s;
        for (const auto& x : samples)
            if (x.t <= t)
                s = x;
        return s;
    };
    QCOMPARE(at(1.2).waiting, 1);
    QCOMPARE(at(1.2).active, 1);
    QCOMPARE(at(2.0).active, 2);
    QCOMPARE(at(6.5).active, 0);
}

void TestAnalysis::slackInvariants_data()
{
    QTest::addColumn<QString>("file");
    for (const char* f : {"timings/debian-1.65/release-clean.html", "timings/stable-1.95/dev-clean.html",
                          "timings/nightly-1.97/dev-clean.html", "build-analysis/dev-clean.jsonl",
                          "logs/timing-info.dev-clean.debian-1.65.jsonl"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestAnalysis::slackInvariants()
{
    QFETCH(QString, file);
    const auto run = loadRun(file);
    QVERIFY(run);
    const DagAnalysis dag = analyseDag(*run);
    QVERIFY(dag.longestPathSeconds > 0);
    for (std::size_t i = 0; i < run->units.size(); ++i) {
        QVERIFY(dag.slack[i] >= 0);
        QVERIFY(dag.earliestStart[i] + run->units[i].duration + dag.slack[i] <=
                dag.longestPathSeconds + 1e-6);
    }
    for (int u : dag.longestChain)
        QCOMPARE(dag.slack[u], 0.0);
    // with unlimited jobs the build is never longer than it was
    QVERIFY(dag.longestPathSeconds <= run->totalSeconds() + 1e-6);
}

void TestAnalysis::derivedConcurrencyMatchesCargo_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("1.95 dev") << QStringLiteral("timings/stable-1.95/dev-clean.html");
    QTest::newRow("1.95 release") << QStringLiteral("timings/stable-1.95/release-clean.html");
    QTest::newRow("1.97 dev") << QStringLiteral("timings/nightly-1.97/dev-clean.html");
}

void TestAnalysis::derivedConcurrencyMatchesCargo()
{
    // cargo 1.94+ derives CONCURRENCY_DATA from UNIT_DATA after the build; ours, derived the same way for
    // files that have none, must agree with it on the number of active units at every recorded instant.
    QFETCH(QString, file);
    const auto run = loadRun(file);
    QVERIFY(run);
    QVERIFY(!run->concurrency.empty());
    const auto derived = deriveConcurrency(*run);
    auto derivedAt = [&](double t) {
        ConcurrencySample found;
        for (const auto& s : derived)
            if (s.t <= t + 1e-9)
                found = s;
        return found;
    };
    // cargo records one sample per event, in the order it handled them, so one instant where a unit ends and
    // another starts may show two states. Between two instants the state is unambiguous: compare there.
    int compared = 0;
    for (std::size_t i = 0; i + 1 < run->concurrency.size(); ++i) {
        const ConcurrencySample& s = run->concurrency[i];
        const double next = run->concurrency[i + 1].t;
        if (next - s.t < 1e-6) // cargo's own sums of rounded times: 0.30000000000000004
            continue;
        const double mid = (s.t + next) / 2;
        const ConcurrencySample d = derivedAt(mid);
        QVERIFY2(d.active == s.active,
                 qPrintable(
                     QStringLiteral("active at %1: %2 vs cargo's %3").arg(mid).arg(d.active).arg(s.active)));
        QVERIFY2(
            d.waiting == s.waiting,
            qPrintable(
                QStringLiteral("waiting at %1: %2 vs cargo's %3").arg(mid).arg(d.waiting).arg(s.waiting)));
        QVERIFY2(
            d.inactive == s.inactive,
            qPrintable(
                QStringLiteral("inactive at %1: %2 vs cargo's %3").arg(mid).arg(d.inactive).arg(s.inactive)));
        ++compared;
    }
    QVERIFY(compared > 30);
}

void TestAnalysis::jobSlots()
{
    // A clean build of 40 units on 2 slots: both slots busy with units waiting for most of it, by cargo's own
    // concurrency samples; summed here by hand from the report's CONCURRENCY_DATA intervals with waiting > 0
    // and active == 2.
    const auto clean = analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(clean);
    double full = 0;
    const auto& c = clean->concurrency;
    for (std::size_t i = 0; i < c.size(); ++i)
        if (c[i].waiting > 0 && c[i].active >= 2)
            full += (i + 1 < c.size() ? c[i + 1].t : clean->summary.wallSeconds) - c[i].t;
    QVERIFY(full > 0.5 * clean->summary.wallSeconds);
    QCOMPARE(clean->summary.slotsFullSeconds, roundNs(full));
    QVERIFY(clean->summary.jobLimited);
    QVERIFY(jobSlotsText(*clean).contains(QStringLiteral("limited by job slots")));
    // two units rebuilt: nothing waited, the chain sets the pace
    const auto incremental = analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-incremental.html")));
    QVERIFY(!incremental->summary.jobLimited);
    QCOMPARE(incremental->summary.slotsFullSeconds, 0.0);
    // laid out by BuildLens (no start times in the file): no verdict either way
    const auto laidOut = analyse(loadRun(QStringLiteral("logs/timing-info.dev-clean.debian-1.65.jsonl")));
    QVERIFY(!laidOut->summary.jobLimited);
    QVERIFY(jobSlotsText(*laidOut).contains(QStringLiteral("cannot be told")));
    // why the slowest unit of a job-limited build is not on the critical path
    int slowestOff = -1;
    for (int u : clean->summary.slowest)
        if (!clean->onCriticalPath[std::size_t(u)]) {
            slowestOff = u;
            break;
        }
    QVERIFY(slowestOff >= 0);
    const QString reason = criticalPathReason(*clean, slowestOff);
    QVERIFY2(reason.contains(QStringLiteral("Not on the critical path")) &&
                 reason.contains(formatSeconds(clean->dag.slack[std::size_t(slowestOff)])) &&
                 reason.contains(QStringLiteral("2 job slots")),
             qPrintable(reason));
}

void TestAnalysis::summary()
{
    const auto a = analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    const TimingsSummary& s = a->summary;
    QCOMPARE(s.unitCount, 40);
    QCOMPARE(s.freshUnits, 0);
    QCOMPARE(s.wallSeconds, 6.29);
    QVERIFY(std::abs(s.sumUnitSeconds - 11.88) < 1e-9); // truth.json: sum_unit_durations_s
    QVERIFY(std::abs(s.parallelism - 11.88 / 6.29) < 1e-9);
    QCOMPARE(s.maxConcurrency, 3); // "Max concurrency: 3 (jobs=2 ncpu=2)"
    QCOMPARE(a->run->units[s.slowest.front()].name, QStringLiteral("regex-syntax"));
    double scripts = 0, macros = 0;
    for (const Unit& u : a->run->units) {
        if (u.kind == UnitKind::BuildScript || u.kind == UnitKind::BuildScriptRun)
            scripts += u.duration;
        if (u.name == QLatin1String("ts-derive"))
            macros += u.duration;
    }
    QVERIFY(std::abs(s.buildScriptSeconds - scripts) < 1e-9);
    QVERIFY(std::abs(s.procMacroSeconds - macros) < 1e-9);
    QVERIFY(!a->concurrencyDerived);

    const auto inc = analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-incremental.html")));
    QCOMPARE(inc->summary.freshUnits, 38);
    QCOMPARE(inc->summary.builtUnits, 2);
    QCOMPARE(inc->summary.slowest.size(), std::size_t(2)); // fresh units are not "slow"
}

void TestAnalysis::labelsWithPercentSigns()
{
    // a unit named like QString placeholders ("%2", "%1") is printed as it is: the values after it in a
    // message must not fill it in
    QFile in(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray html = in.readAll();
    QVERIFY(html.count("regex-syntax") == 2);
    html.replace("regex-syntax", "regex%2syntax%1");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cargo-timing.html"));
    QVERIFY(writeFile(path, html));
    const auto run = loadRunFile(path);
    QVERIFY(run);
    const auto a = analyse(run);
    const QString text = timingsSummaryText(*a, path);
    const QStringList lines = text.split(QLatin1Char('\n'));
    const auto slow = std::find_if(lines.begin(), lines.end(), [](const QString& l) {
        return l.contains(QLatin1String("regex%2syntax%1")) && l.contains(QLatin1String(" s "));
    });
    QVERIFY2(slow != lines.end(), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("regex-syntax")), qPrintable(text));
}

void TestAnalysis::timingInfoHasNoObservedPath()
{
    const auto a = analyse(loadRun(QStringLiteral("logs/timing-info.dev-clean.debian-1.65.jsonl")));
    QVERIFY(!a->critical.available);
    QVERIFY(a->critical.units.empty());
    QVERIFY(a->concurrencyDerived);
    QCOMPARE(a->summary.maxConcurrency, 2);
}

void TestAnalysis::timeOutsideUnits()
{
    // by hand: units over [0.5, 1], [0.8, 1.5] and [2, 3], and a fresh one of no time at 0
    auto run = std::make_shared<TimingsRun>();
    run->units = {unit("a", UnitKind::Lib, 0.5, 0.5), unit("b", UnitKind::Lib, 0.8, 0.7),
                  unit("c", UnitKind::Bin, 2.0, 1.0), unit("fresh", UnitKind::Lib, 0.0, 0.0)};
    run->units.back().fresh = true;
    const TimingsSummary s = analyse(run)->summary;
    QCOMPARE(s.beforeFirstUnitSeconds, 0.5);
    QCOMPARE(s.gapSeconds, 0.5);
    QCOMPARE(s.outsideUnitsSeconds(), 1.0);

    // nightly's build-analysis log: the first unit starts after resolution and the unit graph, at the
    // elapsed time of its first `unit-started` record
    QFile log(dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    double first = 1e9;
    for (const QByteArray& line : log.readAll().split('\n')) {
        if (!line.contains("\"reason\":\"unit-started\""))
            continue;
        const qsizetype at = line.indexOf("\"elapsed\":") + 10;
        first = std::min(first, line.mid(at, line.indexOf(',', at) - at).replace('}', "").toDouble());
    }
    Progress progress;
    const auto imported = importAny(dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")), progress);
    QVERIFY(imported);
    const TimingsSummary n = analyse(imported.value()->timings)->summary;
    QVERIFY2(std::abs(n.beforeFirstUnitSeconds - first) < 1e-6,
             qPrintable(QStringLiteral("%1 vs %2").arg(n.beforeFirstUnitSeconds).arg(first)));
    QVERIFY(n.beforeFirstUnitSeconds > 0.15); // resolution alone took 0.18 s
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
