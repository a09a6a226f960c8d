// Comparison of two runs: timings (hand-checked deltas on real captures, feature-aware matching, fresh and
// rebuilt units, critical path changes), repeated builds against the noise, self-profile and size diffs.
#include "TestData.h"
#include "analysis/RunDiff.h"
#include "analysis/SizeTree.h"
#include "import/AnyImporter.h"
#include "import/MmProfdataImporter.h"
#include "import/SizeImporters.h"
#include "itemmodels/DeltaModels.h"
#include "report/Csv.h"
#include "report/DiffReport.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace bl;
using bl::test::dataPath;
using json = nlohmann::json;

namespace {

std::shared_ptr<const TimingsAnalysis> timings(const QString& relative)
{
    Progress progress;
    const auto r = importAny(dataPath(relative), progress);
    if (!r || !r.value()->timings)
        return nullptr;
    return analyse(r.value()->timings);
}

const UnitChange* changeOf(const TimingsDiff& d, const QString& name, UnitKind kind)
{
    for (const UnitChange& c : d.changed) {
        const Unit& u = d.b->run->units[std::size_t(c.b)];
        if (u.name == name && u.kind == kind)
            return &c;
    }
    return nullptr;
}

Unit unit(const QString& name, double start, double duration, QStringList features = {})
{
    Unit u;
    u.name = name;
    u.version = QStringLiteral("1.0.0");
    u.kind = UnitKind::Lib;
    u.start = start;
    u.duration = duration;
    u.features = std::move(features);
    return u;
}

std::shared_ptr<const TimingsAnalysis> runOf(std::vector<Unit> units)
{
    auto run = std::make_shared<TimingsRun>();
    run->units = std::move(units);
    return analyse(std::move(run));
}

QSet<QString> labelsOf(const SelfProfile& p)
{
    QSet<QString> labels;
    for (const QueryStats& q : p.summary.queries)
        labels.insert(q.label);
    return labels;
}

std::shared_ptr<const SizeReport> sizeOf(std::vector<FunctionSize> functions)
{
    auto r = std::make_shared<SizeReport>();
    r->source = QStringLiteral("elf");
    for (const FunctionSize& f : functions) {
        r->textSize += f.size;
        auto it = std::find_if(r->crates.begin(), r->crates.end(),
                               [&](const CrateSize& c) { return c.name == f.crate; });
        if (it == r->crates.end())
            r->crates.push_back({f.crate, f.size, 1});
        else {
            it->size += f.size;
            ++it->symbols;
        }
    }
    r->functions = std::move(functions);
    return r;
}

} // namespace

class TestRunDiff : public QObject
{
    Q_OBJECT

private slots:
    void cleanVersusIncremental();
    void buildAnalysisRebuilt();
    void devVersusRelease();
    void featuresKeepTwinUnitsApart();
    void identicalUnitsPairInOrder();
    void withoutFeaturesIdentityDecides();
    void criticalPathChange();
    void jsonAndText();
    void welchAgainstKnownValues();
    void repeatedBuildsAgainstNoise();
    void profileDiff();
    void sizeDiffInstantiationAppears();
    void sizeDiffRealBinaryAgainstItself();
    void sizeDiffMovesAreNotChanges();
    void deltaModels();
    void sizeTreeBaseline();
};

void TestRunDiff::cleanVersusIncremental()
{
    // cargo 1.95's report of the incremental build lists all 40 units, 38 of them fresh (start and duration
    // 0)
    const auto a = timings(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    const auto b = timings(QStringLiteral("timings/stable-1.95/dev-incremental.html"));
    QVERIFY(a && b);
    const TimingsDiff d = diffTimings(a, b);
    QCOMPARE(d.changed.size(), std::size_t(40));
    QVERIFY(d.added.empty());
    QVERIFY(d.removed.empty());
    // Total time 6.29 s -> 0.36 s in the two reports' UNIT_DATA (largest start + duration)
    QCOMPARE(roundNs(d.totalDelta()), -5.93);
    // ts-core lib 0.50 s -> 0.12 s, ts-app bin 0.39 s -> 0.19 s; regex-syntax, 2.11 s in the clean build, is
    // the largest change
    const UnitChange* core = changeOf(d, QStringLiteral("ts-core"), UnitKind::Lib);
    QVERIFY(core);
    QCOMPARE(roundNs(core->delta()), -0.38);
    QCOMPARE(roundNs(core->startDelta()), 0.05 - 4.78);
    const UnitChange* app = changeOf(d, QStringLiteral("ts-app"), UnitKind::Bin);
    QVERIFY(app);
    QCOMPARE(roundNs(app->delta()), -0.2);
    QCOMPARE(d.b->run->units[std::size_t(d.changed.front().b)].name, QStringLiteral("regex-syntax"));
    QCOMPARE(d.changed.front().delta(), -2.11);
    // sorted by absolute change
    for (std::size_t i = 1; i < d.changed.size(); ++i)
        QVERIFY(std::abs(d.changed[i - 1].delta()) >= std::abs(d.changed[i].delta()));
    // 38 units went fresh; none was compiled again
    QCOMPARE(d.nowFresh.size(), std::size_t(38));
    QVERIFY(d.rebuilt.empty());
}

void TestRunDiff::buildAnalysisRebuilt()
{
    // the other way round: from the incremental build to the clean one, 38 fresh units are compiled again
    const auto a = timings(QStringLiteral("build-analysis/dev-incremental.jsonl"));
    const auto b = timings(QStringLiteral("build-analysis/dev-clean.jsonl"));
    QVERIFY(a && b);
    const TimingsDiff d = diffTimings(a, b);
    QCOMPARE(d.changed.size(), std::size_t(40));
    QCOMPARE(d.rebuilt.size(), std::size_t(38));
    QVERIFY(d.nowFresh.empty());
    QVERIFY(d.totalDelta() > 5);
}

void TestRunDiff::devVersusRelease()
{
    // the release build of the workspace has one unit more than the dev build
    const auto a = timings(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    const auto b = timings(QStringLiteral("timings/stable-1.95/release-clean.html"));
    QVERIFY(a && b);
    const TimingsDiff d = diffTimings(a, b);
    QCOMPARE(a->run->units.size(), std::size_t(40));
    QCOMPARE(b->run->units.size(), std::size_t(41));
    QCOMPARE(d.changed.size() + d.added.size(), std::size_t(41));
    QCOMPARE(d.changed.size() + d.removed.size(), std::size_t(40));
    // release builds ts-derive a second time with the same key: the second occurrence is the new unit
    QCOMPARE(d.added.size(), std::size_t(1));
    const QString key = unitMatchKey(b->run->units[std::size_t(d.added[0])]);
    QCOMPARE(b->run->units[std::size_t(d.added[0])].name, QStringLiteral("ts-derive"));
    auto count = [&key](const TimingsRun& run) {
        return std::count_if(run.units.begin(), run.units.end(),
                             [&](const Unit& u) { return unitMatchKey(u) == key; });
    };
    QCOMPARE(count(*a->run) + 1, count(*b->run));
}

void TestRunDiff::featuresKeepTwinUnitsApart()
{
    // one crate built twice with different features, listed in opposite orders in the two runs
    const auto a =
        runOf({unit(QStringLiteral("serde"), 0, 1.0, {QStringLiteral("std")}),
               unit(QStringLiteral("serde"), 0, 3.0, {QStringLiteral("std"), QStringLiteral("derive")})});
    const auto b =
        runOf({unit(QStringLiteral("serde"), 0, 3.5, {QStringLiteral("derive"), QStringLiteral("std")}),
               unit(QStringLiteral("serde"), 0, 1.25, {QStringLiteral("std")})});
    const TimingsDiff d = diffTimings(a, b);
    QCOMPARE(d.changed.size(), std::size_t(2));
    QCOMPARE(d.changed[0].durationA, 3.0);
    QCOMPARE(d.changed[0].durationB, 3.5);
    QCOMPARE(d.changed[1].durationA, 1.0);
    QCOMPARE(d.changed[1].durationB, 1.25);
    // a changed feature set is a different unit
    const auto c = runOf({unit(QStringLiteral("serde"), 0, 1.0, {QStringLiteral("std")}),
                          unit(QStringLiteral("serde"), 0, 3.0, {QStringLiteral("alloc")})});
    const TimingsDiff e = diffTimings(a, c);
    QCOMPARE(e.changed.size(), std::size_t(1));
    QCOMPARE(e.added.size(), std::size_t(1));
    QCOMPARE(e.removed.size(), std::size_t(1));
    QCOMPARE(c->run->units[std::size_t(e.added[0])].features, QStringList{QStringLiteral("alloc")});
}

void TestRunDiff::identicalUnitsPairInOrder()
{
    const auto a = runOf({unit(QStringLiteral("x"), 0, 1.0), unit(QStringLiteral("x"), 1, 2.0)});
    const auto b = runOf({unit(QStringLiteral("x"), 0, 1.5), unit(QStringLiteral("x"), 2, 2.25),
                          unit(QStringLiteral("x"), 5, 4.0)});
    const TimingsDiff d = diffTimings(a, b);
    QCOMPARE(d.changed.size(), std::size_t(2));
    // first with first, second with second; the third occurrence is new
    for (const UnitChange& c : d.changed)
        QCOMPARE(c.a, c.b);
    QCOMPARE(d.added, std::vector<int>{2});
}

void TestRunDiff::withoutFeaturesIdentityDecides()
{
    // one file records features, the other does not (timing-info lines): the units still match
    const auto a = runOf(
        {unit(QStringLiteral("x"), 0, 1.0, {QStringLiteral("std")}), unit(QStringLiteral("y"), 1, 2.0)});
    const auto b = runOf({unit(QStringLiteral("x"), 0, 1.5), unit(QStringLiteral("y"), 2, 2.5)});
    const TimingsDiff d = diffTimings(a, b);
    QCOMPARE(d.changed.size(), std::size_t(2));
    QVERIFY(d.added.empty() && d.removed.empty());
}

void TestRunDiff::criticalPathChange()
{
    // clean -> incremental: the critical path shrinks to what was compiled, every unit that left it is on A's
    // path and off B's
    const auto a = timings(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    const auto b = timings(QStringLiteral("timings/stable-1.95/dev-incremental.html"));
    const TimingsDiff d = diffTimings(a, b);
    QVERIFY(!d.leftCriticalPath.empty());
    for (int i : d.leftCriticalPath) {
        QVERIFY(a->onCriticalPath[std::size_t(i)]);
        for (const UnitChange& c : d.changed)
            if (c.a == i)
                QVERIFY(!c.criticalB);
    }
    for (int j : d.joinedCriticalPath)
        QVERIFY(b->onCriticalPath[std::size_t(j)]);
    QCOMPARE(d.criticalA, a->critical.seconds);
    QCOMPARE(d.criticalB, b->critical.seconds);
    QVERIFY(d.criticalB < d.criticalA);
}

void TestRunDiff::jsonAndText()
{
    const auto a = timings(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    const auto b = timings(QStringLiteral("timings/stable-1.95/release-clean.html"));
    const TimingsDiff d = diffTimings(a, b);
    const json j = json::parse(timingsDiffJson(d));
    QCOMPARE(j.at("kind").get<std::string>(), std::string("timings-diff"));
    QCOMPARE(j.at("total_delta_seconds").get<double>(), roundNs(d.wallB - d.wallA));
    QCOMPARE(j.at("units").size(), d.changed.size());
    QCOMPARE(j.at("added").size(), d.added.size());
    QCOMPARE(j.at("removed").size(), d.removed.size());
    for (const json& u : j.at("units")) {
        for (const char* key : {"name", "version", "target", "mode", "a", "b", "delta"})
            QVERIFY2(u.contains(key), key);
        QCOMPARE(u.at("delta").get<double>(), roundNs(u.at("b").get<double>() - u.at("a").get<double>()));
    }
    const QString text = timingsDiffText(d, 5);
    QVERIFY(text.contains(QStringLiteral("wall time")));
    QVERIFY(text.contains(QStringLiteral("built only in B")));
}

void TestRunDiff::welchAgainstKnownValues()
{
    // t = 2.828 with 4 degrees of freedom (equal variances, n = 3 each): two-sided p = 0.0474 (t tables)
    QVERIFY(std::abs(welchPValue(10, 1, 3, 12.309401076758503, 1, 3) - 0.0474) < 0.0015);
    // identical samples: no evidence
    QCOMPARE(welchPValue(5, 0.5, 4, 5, 0.5, 4), 1.0);
    // a single run on a side has no spread: never significant
    QCOMPARE(welchPValue(5, 0, 1, 9, 0.1, 5), 1.0);
    // df = 1 reduces to the Cauchy distribution: p = 1 - 2 atan(t) / pi
    const double sd = std::sqrt(2.0); // n = 2 each: se = sqrt(sd^2/2 * 2) = sqrt(2), df = 2
    const double p = welchPValue(0, sd, 2, 2, sd, 2);
    // t = 2 / sqrt(2) = 1.4142, df = 2: p = 1 - t / sqrt(2 + t^2) = 1 - 1.4142 / 2 = 0.2929
    QVERIFY(std::abs(p - (1 - std::sqrt(2.0) / 2)) < 1e-9);
}

void TestRunDiff::repeatedBuildsAgainstNoise()
{
    // three builds a side; unit "slow" really got 1 s slower, "noisy" moves by less than its spread
    auto build = [](double slow, double noisy, double steady) {
        auto run = std::make_shared<TimingsRun>();
        run->units = {unit(QStringLiteral("slow"), 0, slow), unit(QStringLiteral("noisy"), 0, noisy),
                      unit(QStringLiteral("steady"), 0, steady)};
        return std::shared_ptr<const TimingsRun>(std::move(run));
    };
    const std::vector<std::shared_ptr<const TimingsRun>> a = {build(2.0, 1.0, 0.5), build(2.1, 1.6, 0.5),
                                                              build(1.9, 0.7, 0.5)};
    const std::vector<std::shared_ptr<const TimingsRun>> b = {build(3.0, 1.2, 0.5), build(3.1, 0.8, 0.5),
                                                              build(2.9, 1.5, 0.5)};
    const TimingsSetDiff d = diffTimingsSets(a, b);
    QCOMPARE(d.units.size(), std::size_t(3));
    QCOMPARE(d.units[0].label.section(QLatin1Char(' '), 0, 0), QStringLiteral("slow"));
    QVERIFY(d.units[0].significant);
    QCOMPARE(d.units[0].meanA, 2.0);
    QVERIFY(std::abs(d.units[0].meanB - 3.0) < 1e-12);
    QVERIFY(std::abs(d.units[0].sdA - 0.1) < 1e-12);
    for (std::size_t i = 1; i < d.units.size(); ++i)
        QVERIFY(!d.units[i].significant);
    const json j = json::parse(timingsSetDiffJson(d, {QStringLiteral("a1")}, {QStringLiteral("b1")}));
    QCOMPARE(j.at("test").get<std::string>(), std::string("Welch's t-test, two-sided"));
    QCOMPARE(j.at("units").size(), std::size_t(3));
}

void TestRunDiff::profileDiff()
{
    // the fnv profile of rustc 1.95 (format 9) against that of Debian's rustc 1.63 (format 8)
    Progress progress;
    const auto a =
        importMmProfdata(dataPath(QStringLiteral("self-profile/v8/fnv-0026749.mm_profdata")), progress);
    const auto b =
        importMmProfdata(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")), progress);
    QVERIFY2(a && b, a ? "" : qPrintable(a.error().toString()));
    const ProfileDiff d = diffProfiles(a.value(), b.value());
    QCOMPARE(d.totalDelta(), b.value()->summary.totalTime - a.value()->summary.totalTime);
    // every label of either side, once
    QSet<QString> labels;
    for (const QueryStats& q : a.value()->summary.queries)
        labels.insert(q.label);
    for (const QueryStats& q : b.value()->summary.queries)
        labels.insert(q.label);
    QCOMPARE(d.queries.size(), std::size_t(labels.size()));
    auto find = [](const SelfProfile& p, const QString& label) {
        for (const QueryStats& s : p.summary.queries)
            if (s.label == label)
                return s;
        return QueryStats{};
    };
    int both = 0;
    for (const QueryChange& q : d.queries) {
        QCOMPARE(q.inA, labelsOf(*a.value()).contains(q.label));
        QCOMPARE(q.inB, labelsOf(*b.value()).contains(q.label));
        QCOMPARE(q.selfTimeDelta(), find(*b.value(), q.label).selfTime - find(*a.value(), q.label).selfTime);
        QCOMPARE(q.invocationsDelta(), std::int64_t(find(*b.value(), q.label).invocations) -
                                           std::int64_t(find(*a.value(), q.label).invocations));
        both += q.inA && q.inB;
    }
    QVERIFY(both > 100);
    // a literal row, from measureme's summarize JSON of each file: expand_crate 13,823,986 ns -> 521,907 ns
    const auto expand = std::find_if(d.queries.begin(), d.queries.end(), [](const QueryChange& q) {
        return q.label == QLatin1String("expand_crate");
    });
    QVERIFY(expand != d.queries.end());
    QCOMPARE(expand->selfTimeDelta(), std::int64_t(521907 - 13823986));
    for (std::size_t i = 1; i < d.queries.size(); ++i)
        QVERIFY(std::llabs(d.queries[i - 1].selfTimeDelta()) >= std::llabs(d.queries[i].selfTimeDelta()));
    const json j = json::parse(profileDiffJson(d));
    QCOMPARE(j.at("queries").size(), d.queries.size());
}

void TestRunDiff::sizeDiffInstantiationAppears()
{
    auto f = [](const char* crate, const char* name, std::uint64_t size) {
        FunctionSize x;
        x.crate = QString::fromLatin1(crate);
        x.name = QString::fromLatin1(name);
        x.size = size;
        x.copies = 1;
        return x;
    };
    const auto a =
        sizeOf({f("regex", "regex::exec::ExecBuilder::build", 16589),
                f("std", "core::ptr::drop_in_place<regex::Regex>", 120),
                f("std", "core::ptr::drop_in_place<regex::Regex>", 120), f("app", "app::main", 300)});
    const auto b = sizeOf({f("regex", "regex::exec::ExecBuilder::build", 17001),
                           f("std", "core::ptr::drop_in_place<regex::Regex>", 120),
                           f("std", "core::ptr::drop_in_place<alloc::vec::Vec<regex::Regex>>", 240),
                           f("app", "app::main", 300)});
    const SizeDiff d = diffSizes(a, b);
    QCOMPARE(d.totalDelta(), std::int64_t(412 - 120 + 240));
    // unchanged functions are left out; the new instantiation is added, one of two copies went away
    QCOMPARE(d.functions.size(), std::size_t(3));
    QCOMPARE(d.functions[0].name, QStringLiteral("regex::exec::ExecBuilder::build"));
    QCOMPARE(d.functions[0].delta(), std::int64_t(412));
    QCOMPARE(d.functions[1].name, QStringLiteral("core::ptr::drop_in_place<alloc::vec::Vec<regex::Regex>>"));
    QVERIFY(d.functions[1].added());
    QCOMPARE(d.functions[2].copiesA, std::uint64_t(2));
    QCOMPARE(d.functions[2].copiesB, std::uint64_t(1));
    QCOMPARE(d.functions[2].delta(), std::int64_t(-120));
    QCOMPARE(d.crates[0].name, QStringLiteral("regex"));
    QCOMPARE(d.crates[0].delta(), std::int64_t(412));
    const json j = json::parse(sizeDiffJson(d));
    QCOMPARE(j.at("kind").get<std::string>(), std::string("binary-size-diff"));
    QCOMPARE(j.at("functions")[1].at("status").get<std::string>(), std::string("added"));
}

void TestRunDiff::sizeDiffMovesAreNotChanges()
{
    // One binary read twice: with its build's rlib indexes beside it (crates exactly as cargo-bloat gives
    // them) and alone (crates from symbol names). Not a byte of code differs, so every difference the diff
    // finds must be a function that moved between crates, never one gone plus one new.
    Progress progress;
    const auto exact = importElf(dataPath(QStringLiteral("binary/textstat")), progress);
    QTemporaryDir dir;
    QVERIFY(
        QFile::copy(dataPath(QStringLiteral("binary/textstat")), dir.filePath(QStringLiteral("textstat"))));
    const auto byName = importElf(dir.filePath(QStringLiteral("textstat")), progress);
    QVERIFY(exact && byName);
    QCOMPARE(exact.value()->attribution, QStringLiteral("rlibs"));
    QCOMPARE(byName.value()->attribution, QStringLiteral("layout"));
    const SizeDiff d = diffSizes(exact.value(), byName.value());
    QCOMPARE(d.totalDelta(), 0);
    QVERIFY(d.fileSizeA > 0);
    QCOMPARE(d.fileSizeDelta(), 0);
    QVERIFY2(d.moved > 5, qPrintable(QString::number(d.moved)));
    QCOMPARE(std::size_t(d.functions.size()), d.moved);
    for (const FunctionChange& f : d.functions) {
        QVERIFY2(f.moved(), qPrintable(f.crate + QStringLiteral(" ") + f.name));
        QVERIFY(f.movedFrom != f.crate && f.movedTo != f.crate);
    }
    std::int64_t movedIn = 0;
    for (const CrateChange& c : d.crates) {
        QVERIFY2(c.delta() == c.movedDelta() || c.name == QLatin1String("[Unknown]"), qPrintable(c.name));
        movedIn += std::int64_t(c.movedIn) - std::int64_t(c.movedOut);
    }
    QCOMPARE(movedIn, 0);
    const json j = json::parse(sizeDiffJson(d));
    QCOMPARE(j.at("file_size_delta").get<std::int64_t>(), 0);
    QCOMPARE(j.at("moved_functions").get<std::size_t>(), d.moved);
    for (const json& f : j.at("functions")) {
        QCOMPARE(f.at("status").get<std::string>(), std::string("moved"));
        QVERIFY(f.contains("moved_from") || f.contains("moved_to"));
    }
    QVERIFY(sizeDiffText(d, 5).contains(QStringLiteral("only changed crate")));
}

void TestRunDiff::sizeDiffRealBinaryAgainstItself()
{
    Progress progress;
    const auto elf = importElf(dataPath(QStringLiteral("binary/textstat")), progress);
    QVERIFY(elf);
    const SizeDiff d = diffSizes(elf.value(), elf.value());
    QCOMPARE(d.totalDelta(), std::int64_t(0));
    QVERIFY(d.functions.empty());
    for (const CrateChange& c : d.crates)
        QCOMPARE(c.delta(), std::int64_t(0));
}

void TestRunDiff::deltaModels()
{
    // units: every unit of either run once, with its status; sorting by change through the proxy
    const auto a = timings(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    const auto b = timings(QStringLiteral("timings/stable-1.95/release-clean.html"));
    auto diff = std::make_shared<const TimingsDiff>(diffTimings(a, b));
    UnitDeltaModel units;
    QAbstractItemModelTester unitsTester(&units, QAbstractItemModelTester::FailureReportingMode::QtTest);
    units.setDiff(diff);
    QCOMPARE(units.rowCount(), 41);
    DeltaFilterProxy proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&units);
    proxy.sort(UnitDeltaModel::Delta, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, UnitDeltaModel::UnitName).data().toString(), QStringLiteral("regex v1.7.1"));
    QCOMPARE(proxy.index(0, UnitDeltaModel::Delta).data().toString(), QStringLiteral("+5.29 s"));
    QCOMPARE(proxy.index(0, UnitDeltaModel::Delta).data(DeltaShareRole).toDouble(), 1.0);
    int added = 0;
    for (int r = 0; r < units.rowCount(); ++r)
        added += units.index(r, 0).data(StatusRole).toString() == QLatin1String("added");
    QCOMPARE(added, 1);
    proxy.setFilterText(QStringLiteral("ts-derive"));
    QCOMPARE(proxy.rowCount(), 2);
    // the row of a unit, from either side
    const int regexB =
        units.index(units.rowOfUnit(1, diff->changed.front().b), 0).data(PositionBRole).toInt();
    QCOMPARE(regexB, diff->changed.front().b);
    units.setDiff(nullptr);
    QCOMPARE(units.rowCount(), 0);

    // queries and sizes
    Progress progress;
    const auto pa =
        importMmProfdata(dataPath(QStringLiteral("self-profile/v8/fnv-0026749.mm_profdata")), progress);
    const auto pb =
        importMmProfdata(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")), progress);
    QVERIFY(pa && pb);
    QueryDeltaModel queries;
    QAbstractItemModelTester queriesTester(&queries, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto profileDiffPtr = std::make_shared<const ProfileDiff>(diffProfiles(pa.value(), pb.value()));
    queries.setDiff(profileDiffPtr);
    QCOMPARE(queries.rowCount(), int(profileDiffPtr->queries.size()));
    QCOMPARE(queries.index(0, QueryDeltaModel::SelfDelta).data(DeltaRole).toDouble(),
             double(profileDiffPtr->queries.front().selfTimeDelta()));

    const auto elf = importElf(dataPath(QStringLiteral("binary/textstat")), progress);
    const auto bloat =
        importBloatJson(dataPath(QStringLiteral("binary/bloat.textstat.crates.json")), progress);
    QVERIFY(elf && bloat);
    auto sizeDiffPtr = std::make_shared<const SizeDiff>(diffSizes(bloat.value(), elf.value()));
    SizeDeltaModel crates(SizeDeltaModel::Rows::Crates);
    SizeDeltaModel functions(SizeDeltaModel::Rows::Functions);
    QAbstractItemModelTester cratesTester(&crates, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester functionsTester(&functions,
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
    crates.setDiff(sizeDiffPtr);
    functions.setDiff(sizeDiffPtr);
    // the ELF reading names the .text bytes between symbols, cargo-bloat does not: the one crate that differs
    QCOMPARE(crates.index(0, SizeDeltaModel::Name).data().toString(), QStringLiteral("[no symbol]"));
    QCOMPARE(crates.index(0, SizeDeltaModel::Status).data(StatusRole).toString(), QStringLiteral("added"));
    QCOMPARE(crates.index(1, SizeDeltaModel::Delta).data(DeltaRole).toDouble(), 0.0);
    QCOMPARE(functions.rowCount(), int(sizeDiffPtr->functions.size()));

    // the delta tables as CSV: machine column names, bytes as integers, an absent side empty, the status word
    bool ok = false;
    const auto records = parseCsv(tableCsv(crates), &ok);
    QVERIFY(ok);
    QCOMPARE(records.front(),
             (QStringList{QStringLiteral("crate"), QStringLiteral("crate"), QStringLiteral("bytes_a"),
                          QStringLiteral("bytes_b"), QStringLiteral("bytes_change"),
                          QStringLiteral("change_fraction"), QStringLiteral("status")}));
    QCOMPARE(int(records.size()), crates.rowCount() + 1);
    QCOMPARE(records[1][0], QStringLiteral("[no symbol]"));
    QCOMPARE(records[1][2], QString()); // added: not in A
    QCOMPARE(records[1][6], QStringLiteral("added"));
    for (int row = 0; row < crates.rowCount(); ++row) {
        const CrateChange& c = sizeDiffPtr->crates[std::size_t(row)];
        QCOMPARE(records[std::size_t(row) + 1][3].toULongLong(), c.sizeB);
        QCOMPARE(records[std::size_t(row) + 1][4].toLongLong(), qint64(c.sizeB) - qint64(c.sizeA));
    }
    const auto queryRecords = parseCsv(tableCsv(queries), &ok);
    QVERIFY(ok);
    QCOMPARE(queryRecords.front().at(1), QStringLiteral("self_a_ns"));
    QCOMPARE(queryRecords[1][3].toLongLong(), qint64(profileDiffPtr->queries.front().selfTimeDelta()));
}

void TestRunDiff::sizeTreeBaseline()
{
    // what B's treemap is coloured against: each node's weight at the same path in A
    auto item = [](QStringList path, std::uint64_t w) {
        return SizeItem{std::move(path), w};
    };
    const SizeTree a =
        buildSizeTree({item({QStringLiteral("regex"), QStringLiteral("exec"), QStringLiteral("build")}, 100),
                       item({QStringLiteral("std"), QStringLiteral("fmt")}, 40),
                       item({QStringLiteral("app"), QStringLiteral("exec")}, 7)});
    const SizeTree b =
        buildSizeTree({item({QStringLiteral("regex"), QStringLiteral("exec"), QStringLiteral("build")}, 120),
                       item({QStringLiteral("regex"), QStringLiteral("exec"), QStringLiteral("new")}, 30),
                       item({QStringLiteral("std"), QStringLiteral("fmt")}, 40)});
    const std::vector<std::uint64_t> before = weightsAtSamePaths(b, a);
    QCOMPARE(before.size(), std::size_t(b.size()));
    QCOMPARE(before[0], std::uint64_t(147));
    auto at = [&](const QStringList& path) {
        for (int n = 1; n < b.size(); ++n)
            if (b.pathOf(n) == path)
                return before[std::size_t(n)];
        return ~std::uint64_t(0);
    };
    QCOMPARE(at({QStringLiteral("regex")}), std::uint64_t(100));
    QCOMPARE(at({QStringLiteral("regex"), QStringLiteral("exec"), QStringLiteral("build")}),
             std::uint64_t(100));
    QCOMPARE(at({QStringLiteral("regex"), QStringLiteral("exec"), QStringLiteral("new")}), std::uint64_t(0));
    QCOMPARE(at({QStringLiteral("std"), QStringLiteral("fmt")}), std::uint64_t(40));
    // the same label under another parent (app::exec) is not the same node
    QCOMPARE(weightsAtSamePaths(a, b)[0], std::uint64_t(190));
    for (int n = 1; n < a.size(); ++n)
        if (a.pathOf(n) == QStringList{QStringLiteral("app"), QStringLiteral("exec")})
            QCOMPARE(weightsAtSamePaths(a, b)[std::size_t(n)], std::uint64_t(0));
}

QTEST_GUILESS_MAIN(TestRunDiff)
#include "tst_run_diff.moc"
