// Reports, the CI gate and the findings, on real captures: each finding rule where its data shows the case
// and where it must stay silent; each gate condition parsed, refused or evaluated on a real pair of builds.
#include "TestData.h"
#include "analysis/Findings.h"
#include "analysis/TimingsAnalysis.h"
#include "import/AnyImporter.h"
#include "report/BuildReport.h"
#include "report/Gate.h"

#include <QFile>
#include <QTest>

using namespace bl;
using namespace bl::test;

namespace {

std::shared_ptr<const ImportedData> load(const QString& file)
{
    Progress progress;
    const auto r = importAny(dataPath(file), progress);
    if (!r)
        qFatal("%s", qPrintable(r.error().toString()));
    return r.value();
}

std::shared_ptr<const TimingsAnalysis> build(const QString& file)
{
    return analyse(load(file)->timings);
}

std::vector<Finding> findingsOf(const QString& timings, const QString& llvmLines = {},
                                const QString& metadata = {})
{
    FindingsInput in;
    if (!timings.isEmpty())
        in.timings = build(timings);
    if (!llvmLines.isEmpty())
        in.llvmLines = load(llvmLines)->size;
    if (!metadata.isEmpty())
        in.metadata = load(metadata)->graph;
    return findings(in);
}

const Finding* ruleIn(const std::vector<Finding>& found, const char* rule)
{
    for (const Finding& f : found)
        if (f.rule == QLatin1String(rule))
            return &f;
    return nullptr;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT
private slots:
    void gateParses_data();
    void gateParses();
    void gateRefuses_data();
    void gateRefuses();
    void gateOnARealPair();
    void findingsFireOnTheirData();
    void findingsStaySilent();
    void markdownIsShortAndComplete();
};

void TestReport::gateParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("op");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("relative");
    QTest::addColumn<bool>("percent");
    QTest::newRow("percent") << "total_seconds > +10%"
                             << "total_seconds"
                             << ">" << 10.0 << true << true;
    QTest::newRow("seconds") << "critical_path.seconds > +5s"
                             << "critical_path.seconds"
                             << ">" << 5.0 << true << false;
    QTest::newRow("ms") << "longest_path.seconds>=+250ms"
                        << "longest_path.seconds"
                        << ">=" << 0.25 << true << false;
    QTest::newRow("size") << "text_size > +2%"
                          << "text_size"
                          << ">" << 2.0 << true << true;
    QTest::newRow("bytes") << "file_size > 3MiB"
                           << "file_size"
                           << ">" << 3.0 * 1048576 << false << false;
    QTest::newRow("kB") << "text_size <= -1.5kB"
                        << "text_size"
                        << "<=" << -1500.0 << true << false;
    QTest::newRow("unit") << "unit:syn.duration > +20%"
                          << "unit:syn.duration"
                          << ">" << 20.0 << true << true;
    QTest::newRow("count") << "units.rebuilt > 10"
                           << "units.rebuilt"
                           << ">" << 10.0 << false << false;
    QTest::newRow("ratio") << "parallelism < 1.5"
                           << "parallelism"
                           << "<" << 1.5 << false << false;
}

void TestReport::gateParses()
{
    QFETCH(QString, text);
    QString error;
    const auto c = parseGateCondition(text, error);
    QVERIFY2(c, qPrintable(error));
    QTEST(c->metric, "metric");
    QTEST(c->op, "op");
    QFETCH(double, value);
    QCOMPARE(c->value, value);
    QTEST(c->relative, "relative");
    QTEST(c->percent, "percent");
}

void TestReport::gateRefuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << ""
                           << "METRIC OP VALUE";
    QTest::newRow("no value") << "total_seconds >"
                              << "METRIC OP VALUE";
    QTest::newRow("no op") << "total_seconds 10"
                           << "METRIC OP VALUE";
    QTest::newRow("bad op") << "total_seconds => 10"
                            << "METRIC OP VALUE";
    QTest::newRow("word") << "total_seconds > ten"
                          << "METRIC OP VALUE";
    QTest::newRow("unknown metric") << "wall > 10"
                                    << "unknown metric 'wall'";
    QTest::newRow("unknown unit metric") << "unit:syn.codegen > 1"
                                         << "unknown metric";
    QTest::newRow("bytes of time") << "total_seconds > 5MB"
                                   << "seconds";
    QTest::newRow("time of bytes") << "text_size > 5s"
                                   << "bytes";
    QTest::newRow("units of counts") << "units.built > 5s"
                                     << "plain numbers";
}

void TestReport::gateRefuses()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    QString error;
    QVERIFY(!parseGateCondition(text, error));
    QVERIFY2(error.contains(says), qPrintable(error));
}

void TestReport::gateOnARealPair()
{
    // stable 1.95, the same workspace: dev 6.29 s, release 11.83 s (the reports' own Total time)
    GateInputs in;
    in.timingsA = build(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    in.timingsB = build(QStringLiteral("timings/stable-1.95/release-clean.html"));
    QString error;
    auto eval = [&](const char* text) {
        const auto c = parseGateCondition(QString::fromLatin1(text), error);
        if (!c)
            qFatal("%s", qPrintable(error));
        return evaluateGate(*c, in);
    };
    GateResult r = eval("total_seconds > +10%");
    QVERIFY(r.evaluated && r.met);
    QCOMPARE(*r.a, 6.29);
    QCOMPARE(r.b, 11.83);
    QVERIFY2(r.text.contains(QLatin1String("6.29 s -> 11.83 s (+88.1 %)")), qPrintable(r.text));
    QVERIFY(!eval("total_seconds > +100%").met);
    QVERIFY(eval("total_seconds > +5.5s").met);
    QVERIFY(!eval("total_seconds > +5.6s").met);
    QVERIFY(eval("units.built > 39").met);  // 40 units, none fresh
    QVERIFY(!eval("units.built > 41").met); // release builds ts-derive twice
    QVERIFY(!eval("units.fresh > 0").met);
    // regex-syntax's library: 2.11 s in dev
    r = eval("unit:regex-syntax.duration > +0%");
    QVERIFY(r.evaluated);
    QCOMPARE(*r.a, 2.11);
    // a metric not in the data: an error, not a pass
    r = eval("text_size > 1");
    QVERIFY(!r.evaluated);
    QVERIFY(r.error.contains(QLatin1String("text_size")));
    r = eval("unit:no-such-crate.duration > 1");
    QVERIFY(!r.evaluated);
    // relative without a baseline
    in.timingsA.reset();
    r = eval("total_seconds > +10%");
    QVERIFY(!r.evaluated);
    QVERIFY(r.error.contains(QLatin1String("--compare")));
}

void TestReport::findingsFireOnTheirData()
{
    // a build script on the critical path: the twins workspace's `app` compiles and runs one before its
    // binary
    std::vector<Finding> found = findingsOf(QStringLiteral("timings/twins/dev-clean.html"));
    const Finding* f = ruleIn(found, "build-step-on-critical-path");
    QVERIFY(f);
    QVERIFY2(f->title.contains(QLatin1String("app's build script")), qPrintable(f->title));
    {
        // the saving is what the longest path loses when those units take no time: checked by hand here
        const auto a = build(QStringLiteral("timings/twins/dev-clean.html"));
        TimingsRun copy = *a->run;
        double took = 0;
        for (Unit& u : copy.units)
            if (u.name == QLatin1String("app") &&
                (u.kind == UnitKind::BuildScript || u.kind == UnitKind::BuildScriptRun)) {
                QVERIFY(a->onCriticalPath[std::size_t(&u - copy.units.data())]);
                took += u.duration;
                u.duration = 0;
                u.rmetaTime = 0.0;
                u.sections.clear();
            }
        QVERIFY(f->savingSeconds);
        QCOMPARE(*f->savingSeconds, a->dag.longestPathSeconds - analyseDag(copy).longestPathSeconds);
        QVERIFY(*f->savingSeconds > 0.05 && *f->savingSeconds <= took + 1e-9);
    }
    // one unit at a time with a slot idle, on the critical path
    f = ruleIn(found, "serial-bottleneck");
    QVERIFY(f);
    QVERIFY2(f->evidence.contains(QLatin1String("1 of 2 job slots")), qPrintable(f->evidence));
    QVERIFY(ruleIn(findingsOf(QStringLiteral("workspaces/duplicates/dev-clean.html")), "serial-bottleneck"));

    // GNU ld instead of rust-lld: the binary's link step, 0.82 s at the end of the build
    found = findingsOf(QStringLiteral("timings/nightly-1.97/dev-clean-bfd.html"));
    f = ruleIn(found, "slow-link");
    QVERIFY(f);
    QVERIFY2(f->title.contains(QLatin1String("0.83 s")), qPrintable(f->title));
    QVERIFY(f->units.contains(QStringLiteral("ts-app v0.1.0 bin textstat")));

    // a dev build whose sections give code generation 57 % of rustc's time
    found = findingsOf(QStringLiteral("timings/nightly-1.97/dev-clean.html"));
    f = ruleIn(found, "dev-build-codegen");
    QVERIFY(f);
    QVERIFY2(f->title.contains(QLatin1String("57 %")), qPrintable(f->title));

    // cargo-llvm-lines of textstat with a release build whose binary has sections
    found = findingsOf(QStringLiteral("timings/nightly-1.97/release-clean.html"),
                       QStringLiteral("binary/llvm-lines.textstat.release.txt"));
    f = ruleIn(found, "codegen-generic-copies");
    QVERIFY(f);
    QVERIFY(f->units.contains(QStringLiteral("ts-app v0.1.0 bin textstat")));
    QVERIFY2(f->evidence.contains(QLatin1String("12,084 LLVM IR lines in 488 copies of 293 functions")),
             qPrintable(f->evidence));

    // two versions of shim; with the build's timings, what the older one cost
    found = findingsOf(QStringLiteral("workspaces/duplicates/dev-clean.html"), {},
                       QStringLiteral("workspaces/duplicates/metadata.json"));
    f = ruleIn(found, "duplicate-versions");
    QVERIFY(f);
    QVERIFY2(f->evidence.contains(QLatin1String("shim 0.1.0 and 0.2.0")), qPrintable(f->evidence));
    double older = 0;
    const auto dupBuild = build(QStringLiteral("workspaces/duplicates/dev-clean.html"));
    for (const Unit& u : dupBuild->run->units)
        if (u.name == QLatin1String("shim") && u.version == QLatin1String("0.1.0"))
            older += u.duration;
    QVERIFY(older > 0);
    QVERIFY2(f->evidence.contains(QStringLiteral("%1 s").arg(older, 0, 'f', 2)), qPrintable(f->evidence));
    QVERIFY(ruleIn(findingsOf({}, {}, QStringLiteral("workspaces/duplicates/metadata.json")),
                   "duplicate-versions"));
}

void TestReport::findingsStaySilent()
{
    // the stable dev build: its observed critical path holds no build step that costs time, no link section,
    // no serial stretch of its critical path as long as 15 % of the build
    std::vector<Finding> found = findingsOf(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    for (const char* rule : {"build-step-on-critical-path", "serial-bottleneck", "slow-link",
                             "codegen-generic-copies", "duplicate-versions"})
        QVERIFY2(!ruleIn(found, rule), rule);
    // an incremental build compiles nothing but ts-core and what depends on it
    QVERIFY(findingsOf(QStringLiteral("timings/stable-1.95/dev-incremental.html")).empty());
    // release: no dev-build advice; the stable report records no sections for the binary, so llvm-lines
    // cannot be joined to a code generation time
    found = findingsOf(QStringLiteral("timings/stable-1.95/release-clean.html"),
                       QStringLiteral("binary/llvm-lines.textstat.release.txt"));
    QVERIFY(!ruleIn(found, "dev-build-codegen"));
    QVERIFY(!ruleIn(found, "codegen-generic-copies"));
    // rust-lld links the same binary in 0.09 s on one machine, 0.32 s of a 16 s build on the other
    QVERIFY(!ruleIn(findingsOf(QStringLiteral("timings/nightly-1.97/dev-clean.html")), "slow-link"));
    QVERIFY(!ruleIn(findingsOf(QStringLiteral("timings/nightly-1.97/dev-clean-lld.html")), "slow-link"));
    // one job slot: nothing is idle, however serial the build
    QVERIFY(!ruleIn(findingsOf(QStringLiteral("timings/twins/dev-clean-j1.html")), "serial-bottleneck"));
    // every crate of the sample workspace in one version
    QVERIFY(!ruleIn(findingsOf({}, {}, QStringLiteral("other/metadata.json")), "duplicate-versions"));

    // whatever fires anywhere says what supports it and what to try, and never promises more than the build
    for (const char* file :
         {"timings/stable-1.95/dev-clean.html", "timings/stable-1.95/release-clean.html",
          "timings/nightly-1.97/dev-clean.html", "timings/nightly-1.97/release-clean.html",
          "timings/nightly-1.97/dev-clean-bfd.html", "timings/nightly-1.97/dev-clean-lld.html",
          "build-analysis/dev-clean.jsonl", "timings/debian-1.65/dev-clean.html",
          "timings/twins/dev-clean.html", "workspaces/duplicates/dev-clean.html"}) {
        const auto a = build(QString::fromLatin1(file));
        for (const Finding& f : findingsOf(QString::fromLatin1(file))) {
            QVERIFY(findingRules().contains(f.rule));
            QVERIFY(!f.title.isEmpty() && !f.evidence.isEmpty() && !f.advice.isEmpty() && !f.units.isEmpty());
            if (f.savingSeconds)
                QVERIFY(*f.savingSeconds > 0 && *f.savingSeconds <= a->summary.wallSeconds);
            if (f.rule == QLatin1String("build-step-on-critical-path") ||
                f.rule == QLatin1String("slow-link"))
                for (const QString& label : f.units) {
                    bool onPath = false;
                    for (int u : a->critical.units)
                        onPath = onPath || a->run->units[std::size_t(u)].label() == label;
                    QVERIFY2(onPath, qPrintable(label));
                }
        }
    }
}

void TestReport::markdownIsShortAndComplete()
{
    // the same workspace on one machine linked by rust-lld (baseline) and by GNU ld: a real comparison,
    // golden
    BuildReportData d;
    d.title = QStringLiteral("rust-lld vs GNU ld");
    d.baseBuilds.push_back(build(QStringLiteral("timings/nightly-1.97/dev-clean-lld.html")));
    d.builds.push_back(build(QStringLiteral("timings/nightly-1.97/dev-clean-bfd.html")));
    deriveReport(d);
    QString error;
    GateInputs in{d.baseBuilds.front(), d.builds.front(), nullptr, nullptr};
    for (const char* c : {"total_seconds > +10%", "unit:ts-app.duration > +20%", "units.rebuilt > 100"})
        d.gates.push_back(evaluateGate(*parseGateCondition(QString::fromLatin1(c), error), in));
    const QString md = markdownReport(d);
    QVERIFY2(md.count(QLatin1Char('\n')) <= 45, qPrintable(md));
    QVERIFY(md.contains(QString::fromUtf8("✅ total_seconds > +10%")));
    QVERIFY(md.contains(QString::fromUtf8("❌ unit:ts-app.duration > +20%")));
    QVERIFY(md.contains(QString::fromUtf8("✅ units.rebuilt > 100")));
    QVERIFY(md.contains(QLatin1String("| ts-app v0.1.0 bin textstat |")));
    QVERIFY(md.contains(QLatin1String("Linking takes 0.83 s")));
    QFile golden(QStringLiteral(BUILDLENS_GOLDEN_DIR "/report-lld-vs-bfd.md"));
    if (qEnvironmentVariableIsSet("BUILDLENS_REGENERATE_GOLDEN")) {
        QVERIFY(golden.open(QIODevice::WriteOnly));
        golden.write(md.toUtf8());
        golden.close();
    }
    QVERIFY(golden.open(QIODevice::ReadOnly));
    QCOMPARE(md, QString::fromUtf8(golden.readAll()));
}

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
