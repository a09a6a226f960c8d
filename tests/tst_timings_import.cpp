// Every timings importer against the bundled real captures, with the numbers of the fixtures' truth.json.
#include "TestData.h"

#include "import/ImportUtil.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>

using namespace bl;
using namespace bl::test;

class TestTimingsImport : public QObject
{
    Q_OBJECT
private slots:
    void spacingDoesNotMatter();
    void htmlReports_data();
    void htmlReports();
    void oldLayoutDetails();
    void newLayoutDetails();
    void nightlySections();
    void buildAnalysis_data();
    void buildAnalysis();
    void buildAnalysisRebuildReasons();
    void timingInfo();
    void identitiesAgreeAcrossCargoVersions();
    void packageIds();
};

void TestTimingsImport::htmlReports_data()
{
    QTest::addColumn<QString>("file");
    for (const char* f : {"timings/debian-1.65/dev-clean.html", "timings/debian-1.65/release-clean.html",
                          "timings/nightly-1.97/dev-clean.html", "timings/nightly-1.97/dev-incremental.html",
                          "timings/stable-1.95/dev-clean.html", "timings/stable-1.95/dev-incremental.html",
                          "timings/stable-1.95/release-clean.html"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestTimingsImport::htmlReports()
{
    QFETCH(QString, file);
    const auto run = loadRun(file);
    QVERIFY(run);
    const auto t = truthEntry("timings", file);
    QVERIFY(!t.is_null());
    QCOMPARE(run->source, TimingsSource::Html);
    QCOMPARE(run->units.size(), t.at("unit_data_len").get<std::size_t>());
    const auto& table = t.at("summary_table");
    QCOMPARE(run->totalUnitsReported, QString::fromStdString(table.at("Total units")).toInt());
    QCOMPARE(run->freshUnitsReported, QString::fromStdString(table.at("Fresh units")).toInt());
    QCOMPARE(run->dirtyUnitsReported, QString::fromStdString(table.at("Dirty units")).toInt());
    QCOMPARE(run->profile, QString::fromStdString(table.at("Profile")));
    QCOMPARE(run->buildStart, QString::fromStdString(table.at("Build start")));
    QCOMPARE(run->maxConcurrencyText, QString::fromStdString(table.at("Max concurrency")));
    QVERIFY(QString::fromStdString(table.at("rustc")).startsWith(run->rustcVersion));
    QCOMPARE(run->host, QStringLiteral("x86_64-unknown-linux-gnu"));
    QCOMPARE(QStringLiteral("%1s").arg(run->totalTimeReported, 0, 'f', 1),
             QString::fromStdString(table.at("Total time")));
    QCOMPARE(run->jobs, 2);
    QCOMPARE(run->ncpu, 2);
    QVERIFY(std::abs(run->totalSeconds() - t.at("max_unit_end_s").get<double>()) < 1e-9);
    double sum = 0;
    int scripts = 0, scriptRuns = 0, withSections = 0;
    for (const Unit& u : run->units) {
        sum += u.duration;
        scripts += u.kind == UnitKind::BuildScript;
        scriptRuns += u.kind == UnitKind::BuildScriptRun;
        withSections += u.sections.empty() ? 0 : 1;
    }
    QVERIFY(std::abs(sum - t.at("sum_unit_durations_s").get<double>()) < 1e-6);
    QCOMPARE(scripts, t.at("build_script_compile_units").get<int>());
    QCOMPARE(scriptRuns, t.at("build_script_run_units").get<int>());
    if (t.contains("units_with_sections") && run->layout == QLatin1String("unblocked"))
        QCOMPARE(withSections, t.at("units_with_sections").get<int>());
    QCOMPARE(run->concurrency.size(), t.at("concurrency_points").get<std::size_t>());
    QCOMPARE(run->cpu.size(), t.at("cpu_usage_points").get<std::size_t>());

    // the five slowest, in order
    std::vector<const Unit*> byDuration;
    for (const Unit& u : run->units)
        byDuration.push_back(&u);
    std::stable_sort(byDuration.begin(), byDuration.end(),
                     [](const Unit* a, const Unit* b) { return a->duration > b->duration; });
    const auto& slowest = t.at("slowest5");
    for (std::size_t i = 0; i < slowest.size(); ++i) {
        const auto& s = slowest[i];
        QCOMPARE(byDuration[i]->duration, s.at("duration").get<double>());
        // equal durations may come in either order; compare the set of names at that duration
        bool found = false;
        for (const Unit* u : byDuration)
            if (u->duration == s.at("duration").get<double>() &&
                u->name == QString::fromStdString(s.at("name")) &&
                u->target == QString::fromStdString(s.at("target")) &&
                u->mode == QString::fromStdString(s.at("mode")))
                found = true;
        QVERIFY2(found, s.dump().c_str());
    }
    QVERIFY2(run->warnings.isEmpty(), qPrintable(run->warnings.join(QLatin1Char('\n'))));
}

void TestTimingsImport::oldLayoutDetails()
{
    const auto run = loadRun(QStringLiteral("timings/debian-1.65/dev-clean.html"));
    QVERIFY(run);
    QCOMPARE(run->layout, QStringLiteral("unlocked"));
    QCOMPARE(run->rustcVersion, QStringLiteral("rustc 1.63.0"));
    int withRmeta = 0;
    for (const Unit& u : run->units)
        withRmeta += u.rmetaTime ? 1 : 0;
    QCOMPARE(withRmeta, 22);
    // `i` is the array position; references resolve to positions
    for (std::size_t i = 0; i < run->units.size(); ++i)
        QCOMPARE(run->units[i].id, qint64(i));
    const Unit& first = run->units[0];
    QCOMPARE(first.name, QStringLiteral("proc-macro2"));
    QCOMPARE(first.target, QStringLiteral(" build script"));
    QCOMPARE(first.kind, UnitKind::BuildScript);
    QCOMPARE(first.unblocked, std::vector<int>{4});
    // features come from the unit table under the charts
    for (const Unit& u : run->units) {
        if (u.name == QLatin1String("syn") && u.kind == UnitKind::Lib)
            QCOMPARE(u.features.join(QLatin1Char(',')),
                     QStringLiteral("clone-impls,default,derive,parsing,printing,proc-macro,quote"));
        if (u.name == QLatin1String("ts-app")) {
            QCOMPARE(u.kind, UnitKind::Bin);
            QCOMPARE(u.targetName, QStringLiteral("textstat"));
        }
        if (u.name == QLatin1String("ts-derive"))
            QCOMPARE(u.kind, UnitKind::ProcMacro); // no rmeta: a proc macro
        if (u.name == QLatin1String("regex") && u.kind == UnitKind::Lib) {
            QVERIFY(u.rmetaTime);
            QCOMPARE(u.sections.size(), std::size_t(2));
            QCOMPARE(u.sections[0].end, *u.rmetaTime);
        }
    }
}

void TestTimingsImport::newLayoutDetails()
{
    const auto run = loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    QVERIFY(run);
    QCOMPARE(run->layout, QStringLiteral("unblocked"));
    QCOMPARE(run->rustcVersion, QStringLiteral("rustc 1.95.0 (59807616e 2026-04-14)"));
    const Unit& first = run->units[0];
    QCOMPARE(first.id, qint64(25)); // not the array position
    QCOMPARE(first.name, QStringLiteral("quote"));
    QCOMPARE(first.kind, UnitKind::BuildScript);
    QCOMPARE(first.features, QStringList({QStringLiteral("default"), QStringLiteral("proc-macro")}));
    // quote's build script releases unit 24; that must resolve to the element whose i is 24
    QCOMPARE(first.unblocked.size(), std::size_t(1));
    QCOMPARE(run->units[first.unblocked[0]].id, qint64(24));
    int procMacros = 0;
    for (const Unit& u : run->units)
        if (u.kind == UnitKind::ProcMacro) {
            ++procMacros;
            QCOMPARE(u.name, QStringLiteral("ts-derive"));
        }
    QCOMPARE(procMacros, 1);
}

void TestTimingsImport::nightlySections()
{
    const auto run = loadRun(QStringLiteral("timings/nightly-1.97/dev-clean.html"));
    QVERIFY(run);
    for (const Unit& u : run->units) {
        if (u.name == QLatin1String("memchr") && u.kind == UnitKind::Lib) {
            QStringList names;
            for (const UnitSection& s : u.sections) {
                names << s.name;
                QVERIFY(s.end >= s.start);
            }
            QCOMPARE(names.join(QLatin1Char(',')), QStringLiteral("frontend,codegen,link,other"));
            QVERIFY(u.rmetaTime); // it releases aho-corasick via metadata
        }
    }
}

void TestTimingsImport::buildAnalysis_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("dev-clean") << QStringLiteral("build-analysis/dev-clean.jsonl");
    QTest::newRow("dev-incremental") << QStringLiteral("build-analysis/dev-incremental.jsonl");
}

void TestTimingsImport::buildAnalysis()
{
    QFETCH(QString, file);
    const auto run = loadRun(file);
    QVERIFY(run);
    const auto t =
        truthEntry("build_analysis", QStringLiteral("nightly-1.97/") + file.section(QLatin1Char('/'), 1));
    QVERIFY(!t.is_null());
    QCOMPARE(run->source, TimingsSource::BuildAnalysis);
    QCOMPARE(int(run->units.size()), t.at("units_registered").get<int>());
    int started = 0, fresh = 0, dirty = 0, created = 0, build = 0, runs = 0;
    for (const Unit& u : run->units) {
        started += u.fresh ? 0 : 1;
        fresh += u.status == QLatin1String("fresh");
        dirty += u.status == QLatin1String("dirty");
        created += u.status == QLatin1String("new");
        build += u.mode == QLatin1String("build");
        runs += u.mode == QLatin1String("run-custom-build");
    }
    QCOMPARE(started, t.at("units_finished").get<int>());
    const auto& status = t.at("fingerprint_status");
    QCOMPARE(fresh, status.value("fresh", 0));
    QCOMPARE(dirty, status.value("dirty", 0));
    QCOMPARE(created, status.value("new", 0));
    QCOMPARE(build, t.at("modes").at("build").get<int>());
    QCOMPARE(runs, t.at("modes").at("run-custom-build").get<int>());
    QVERIFY(std::abs(run->totalSeconds() - t.at("last_elapsed_s").get<double>()) < 1e-6);
    for (const auto& s : t.at("slowest5")) {
        const qint64 index = s.at("index").get<qint64>();
        bool found = false;
        for (const Unit& u : run->units)
            if (u.id == index) {
                found = true;
                QVERIFY2(std::abs(u.duration - s.at("duration_s").get<double>()) < 5e-4, s.dump().c_str());
            }
        QVERIFY(found);
    }
    QCOMPARE(run->profile, QStringLiteral("dev"));
    QCOMPARE(run->jobs, 2);
    QCOMPARE(run->rustcVersion, QStringLiteral("rustc 1.97.0-nightly (e50aa6fba 2026-05-19)"));
}

void TestTimingsImport::buildAnalysisRebuildReasons()
{
    const auto run = loadRun(QStringLiteral("build-analysis/dev-incremental.jsonl"));
    QVERIFY(run);
    int checked = 0;
    for (const Unit& u : run->units) {
        if (u.name == QLatin1String("ts-core") && u.kind == UnitKind::Lib) {
            QCOMPARE(u.rebuildReason,
                     QStringLiteral("the file `/home/u/work/mini/ts-core/src/lib.rs` has changed"));
            ++checked;
        }
        if (u.name == QLatin1String("ts-app")) {
            QCOMPARE(u.kind, UnitKind::Bin);
            QCOMPARE(u.target, QStringLiteral(" textstat \"bin\""));
            QCOMPARE(u.rebuildReason, QStringLiteral("the dependency ts-core v0.1.0 was rebuilt"));
            ++checked;
        }
    }
    QCOMPARE(checked, 2);
}

void TestTimingsImport::timingInfo()
{
    const auto run = loadRun(QStringLiteral("logs/timing-info.dev-clean.debian-1.65.jsonl"), 2);
    QVERIFY(run);
    const auto t = truthEntry("timing_info", QStringLiteral("timing-info.dev-clean.debian-1.65.jsonl"));
    QCOMPARE(run->source, TimingsSource::TimingInfo);
    QCOMPARE(int(run->units.size()), t.at("timing_info_records").get<int>());
    double sum = 0, longest = 0;
    int withRmeta = 0, build = 0, runs = 0;
    for (const Unit& u : run->units) {
        sum += u.duration;
        longest = std::max(longest, u.duration);
        withRmeta += u.rmetaTime ? 1 : 0;
        build += u.mode == QLatin1String("build");
        runs += u.mode == QLatin1String("run-custom-build");
    }
    QVERIFY(std::abs(sum - t.at("sum_durations_s").get<double>()) < 5e-4);
    QVERIFY(std::abs(longest - t.at("max_duration_s").get<double>()) < 5e-4);
    QCOMPARE(withRmeta, t.at("records_with_rmeta_time").get<int>());
    QCOMPARE(build, t.at("modes").at("build").get<int>());
    QCOMPARE(runs, t.at("modes").at("run-custom-build").get<int>());
    QCOMPARE(run->profile, QStringLiteral("dev"));
    QVERIFY(run->startsReconstructed);
    // laid out on two slots in completion order: never more than two at once, finishes in file order
    double lastEnd = 0;
    for (const Unit& u : run->units) {
        QVERIFY(u.end() >= lastEnd - 1e-12);
        lastEnd = u.end();
        int overlapping = 0;
        for (const Unit& v : run->units)
            if (v.start <= u.start && u.start < v.end())
                ++overlapping;
        QVERIFY(overlapping <= 2);
    }
    for (const Unit& u : run->units)
        if (u.name == QLatin1String("ts-derive"))
            QCOMPARE(u.kind, UnitKind::ProcMacro); // timing-info names the crate type
}

void TestTimingsImport::identitiesAgreeAcrossCargoVersions()
{
    // The same workspace built by cargo 1.65 (old layout), 1.95 (new layout) and nightly build-analysis:
    // every unit must have the same identity whichever cargo wrote the file.
    auto identities = [](const char* file) {
        QMultiHash<QString, int> ids;
        const auto run = loadRun(QString::fromLatin1(file));
        if (run)
            for (const Unit& u : run->units)
                ids.insert(u.identity(), 1);
        QStringList keys = ids.keys();
        keys.sort();
        return keys;
    };
    const QStringList old = identities("timings/debian-1.65/dev-clean.html");
    const QStringList current = identities("timings/stable-1.95/dev-clean.html");
    const QStringList nightly = identities("timings/nightly-1.97/dev-clean.html");
    const QStringList analysis = identities("build-analysis/dev-clean.jsonl");
    const QStringList info = identities("logs/timing-info.dev-clean.debian-1.65.jsonl");
    QCOMPARE(old.size(), 40);
    QCOMPARE(current, old);
    QCOMPARE(nightly, old);
    QCOMPARE(analysis, old);
    QCOMPARE(info, old);
    QVERIFY(old.contains(QStringLiteral("ts-app@0.1.0|bin|textstat")));
    QVERIFY(old.contains(QStringLiteral("syn@1.0.107|build-script-run|")));
}

void TestTimingsImport::packageIds()
{
    using detail::parsePackageId;
    auto check = [](const char* id, const char* name, const char* version) {
        const auto ref = parsePackageId(QString::fromLatin1(id));
        QCOMPARE(ref.name, QString::fromLatin1(name));
        QCOMPARE(ref.version, QString::fromLatin1(version));
    };
    check("regex 1.7.1 (registry+https://github.com/rust-lang/crates.io-index)", "regex", "1.7.1");
    check("registry+https://github.com/rust-lang/crates.io-index#aho-corasick@0.7.19", "aho-corasick",
          "0.7.19");
    check("path+file:///home/u/work/mini/ts-app#0.1.0", "ts-app", "0.1.0");
    check("git+https://github.com/a/b.git?branch=main#c@1.2.3", "c", "1.2.3");
}

QTEST_GUILESS_MAIN(TestTimingsImport)
// cargo's JSON messages and build-analysis records written again with standard JSON spacing (`": "`, `", "`)
// are the same files: told apart by what they hold, read to the same run.
void TestTimingsImport::spacingDoesNotMatter()
{
    for (const char* rel :
         {"logs/timing-info.dev-clean.debian-1.65.jsonl", "build-analysis/dev-clean.jsonl"}) {
        QFile in(dataPath(QString::fromLatin1(rel)));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray spaced;
        for (const QByteArray& line : in.readAll().split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            spaced += QByteArray::fromStdString(nlohmann::json::parse(line.toStdString()).dump()) + '\n';
            spaced.replace("\":", "\": ");
        }
        QVERIFY(spaced.contains("\"reason\": \""));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spaced.jsonl"));
        QVERIFY(writeFile(path, spaced));
        const auto original = loadRun(QString::fromLatin1(rel));
        Progress progress;
        TimingsImportOptions options;
        options.jobs = 2;
        const auto again = importTimingsFile(path, progress, options);
        QVERIFY2(again, again ? "" : qPrintable(again.error().toString()));
        QVERIFY(original);
        QCOMPARE(again.value()->source, original->source);
        QCOMPARE(again.value()->units.size(), original->units.size());
        QCOMPARE(again.value()->totalSeconds(), original->totalSeconds());
    }
}

#include "tst_timings_import.moc"
