// rustc self-profiles: the native .mm_profdata reader (format 8 and 9) must give measureme summarize's
// numbers exactly, row by row; summarize JSON and Chrome traces read back; a directory imports as a set;
// broken copies are refused with their reason.
#include "TestData.h"
#include "import/AnyImporter.h"
#include "import/ProfileImporters.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <limits>

using namespace bl;
using namespace bl::test;
using nlohmann::json;

namespace {

json readJson(const QString& relative)
{
    QFile f(dataPath(relative));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray b = f.readAll();
    return json::parse(b.constData(), b.constData() + b.size());
}

std::int64_t ns(const json& d)
{
    return d.at("secs").get<std::int64_t>() * 1000000000 + d.at("nanos").get<std::int64_t>();
}

QByteArray readBytes(const QString& relative)
{
    QFile f(dataPath(relative));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::shared_ptr<const SelfProfile> load(const QString& path, bool keepEvents = true,
                                        std::size_t maxKeptEvents = ProfileImportOptions{}.maxKeptEvents)
{
    Progress progress;
    ProfileImportOptions options;
    options.keepEvents = keepEvents;
    options.maxKeptEvents = maxKeptEvents;
    const auto r = importMmProfdata(path, progress, options);
    if (!r) {
        qWarning("%s", qPrintable(r.error().toString()));
        return nullptr;
    }
    return r.value();
}

// Every row of a summarize JSON equals the profile's, all numbers.
void compareWithSummarize(const SelfProfile& p, const json& summarize)
{
    QCOMPARE(p.summary.totalTime, ns(summarize.at("total_time")));
    QCOMPARE(p.summary.queries.size(), summarize.at("query_data").size());
    std::map<QString, const QueryStats*> byLabel;
    for (const QueryStats& q : p.summary.queries)
        byLabel[q.label] = &q;
    for (const json& row : summarize.at("query_data")) {
        const QString label = QString::fromStdString(row.at("label").get<std::string>());
        const auto it = byLabel.find(label);
        QVERIFY2(it != byLabel.end(), qPrintable(label));
        const QueryStats& q = *it->second;
        QCOMPARE(q.selfTime, ns(row.at("self_time")));
        QCOMPARE(q.time, ns(row.at("time")));
        QCOMPARE(q.invocations, row.at("invocation_count").get<std::uint64_t>());
        QCOMPARE(q.cacheHits, row.at("number_of_cache_hits").get<std::uint64_t>());
        QCOMPARE(q.cacheMisses, row.at("number_of_cache_misses").get<std::uint64_t>());
        QCOMPARE(q.blockedTime, ns(row.at("blocked_time")));
        QCOMPARE(q.incrementalLoadTime, ns(row.at("incremental_load_time")));
        QCOMPARE(q.incrementalHashingTime, ns(row.at("incremental_hashing_time")));
    }
    const json& sizes = summarize.at("artifact_sizes");
    QCOMPARE(p.summary.artifactSizes.size(), sizes.size());
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        QCOMPARE(p.summary.artifactSizes[i].label,
                 QString::fromStdString(sizes[i].at("label").get<std::string>()));
        QCOMPARE(p.summary.artifactSizes[i].value, sizes[i].at("value").get<std::uint64_t>());
    }
}

} // namespace

class TestSelfProfile : public QObject
{
    Q_OBJECT
private slots:
    void equalsSummarize_data();
    void equalsSummarize();
    void keptEventsAreConsistent();
    void bigProfileKeepsTheLongestEvents();
    void summarizeJsonReadsBack();
    void chromeTrace();
    void chromeTraceTimesPastAClock();
    void directoryAsASet();
    void broken_data();
    void broken();
    void truncatedEverywhere();
    void anyImporterDispatches();
};

void TestSelfProfile::equalsSummarize_data()
{
    QTest::addColumn<QString>("stem");
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("crate");
    QTest::newRow("v9 fnv") << QStringLiteral("self-profile/fnv-0012953") << 9 << QStringLiteral("fnv");
    QTest::newRow("v8 fnv") << QStringLiteral("self-profile/v8/fnv-0026749") << 8 << QStringLiteral("fnv");
    QTest::newRow("v8 smallvec") << QStringLiteral("self-profile/v8/smallvec-0026733") << 8
                                 << QStringLiteral("smallvec");
}

void TestSelfProfile::equalsSummarize()
{
    QFETCH(QString, stem);
    QFETCH(int, version);
    QFETCH(QString, crate);
    for (const bool keep : {false, true}) {
        const auto p = load(dataPath(stem + QStringLiteral(".mm_profdata")), keep);
        QVERIFY(p);
        QCOMPARE(p->formatVersion, version);
        QCOMPARE(p->crate, crate);
        compareWithSummarize(*p, readJson(stem + QStringLiteral(".summarize.json")));
        const json stat = readJson(stem + QStringLiteral(".mmstat.json"));
        QCOMPARE(p->eventCount, stat.at("num_events").get<std::uint64_t>());
        QCOMPARE(p->intervalEvents, stat.at("interval_events").get<std::uint64_t>());
        QCOMPARE(p->integerEvents, stat.at("integer_events").get<std::uint64_t>());
        QCOMPARE(p->instantEvents, stat.at("instant_events").get<std::uint64_t>());
        QCOMPARE(p->threadIds.size(), stat.at("threads").get<std::size_t>());
        QCOMPARE(p->pid, stat.at("process_id").get<std::uint32_t>());
        QCOMPARE(p->counter, QStringLiteral("wall-time"));
        QVERIFY(p->cmd.contains(QStringLiteral("--crate-name ") + crate));
        QVERIFY(p->startTimeNs > 1'700'000'000'000'000'000ull);
    }
}

// Events grouped by thread and ordered by start; each one's depth is the number of kept events around it.
static void checkNesting(const SelfProfile& p, std::uint64_t* first = nullptr, std::uint64_t* last = nullptr)
{
    const ProfileIntervals& iv = p.intervals;
    QCOMPARE(iv.threadBegin.size(), p.threadIds.size() + 1);
    QCOMPARE(std::size_t(iv.threadBegin.back()), iv.size());
    for (std::size_t t = 0; t + 1 < iv.threadBegin.size(); ++t) {
        std::vector<std::size_t> stack;
        for (std::uint32_t i = iv.threadBegin[t]; i < iv.threadBegin[t + 1]; ++i) {
            QCOMPARE(std::size_t(iv.thread[i]), t);
            QVERIFY(iv.start[i] <= iv.end[i]);
            if (i > iv.threadBegin[t])
                QVERIFY(iv.start[i - 1] <= iv.start[i]); // ordered by start
            while (!stack.empty() &&
                   !(iv.start[stack.back()] <= iv.start[i] && iv.end[i] <= iv.end[stack.back()]))
                stack.pop_back();
            QCOMPARE(std::size_t(iv.depth[i]), stack.size());
            stack.push_back(i);
            QVERIFY(iv.label[i] < std::uint32_t(p.strings.size()));
            if (first)
                *first = std::min(*first, iv.start[i]);
            if (last)
                *last = std::max(*last, iv.end[i]);
        }
    }
}

void TestSelfProfile::keptEventsAreConsistent()
{
    const auto p = load(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")));
    QVERIFY(p);
    QCOMPARE(p->intervals.size(), std::size_t(p->intervalEvents));
    const json stat = readJson(QStringLiteral("self-profile/fnv-0012953.mmstat.json"));
    std::uint64_t first = ~0ull, last = 0;
    checkNesting(*p, &first, &last);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(first, stat.at("first_interval_start_ns_after_start").get<std::uint64_t>());
    QCOMPARE(last, stat.at("last_interval_end_ns_after_start").get<std::uint64_t>());
    // ArtifactSize events carry arguments (the artifact's file name)
    QCOMPARE(stat.at("events_with_args").get<int>(), 5);
}

// A profile with more events than the window keeps (grow_profile: a real one repeated ten times, as the 2 GB
// benchmark profile is made): the longest events are kept, closed under nesting; the summary counts all.
void TestSelfProfile::bigProfileKeepsTheLongestEvents()
{
    QTemporaryDir dir;
    const QString grown = dir.filePath(QStringLiteral("grown.mm_profdata"));
    const QString real = dataPath(QStringLiteral("self-profile/v8/smallvec-0026733.mm_profdata"));
    QProcess grow;
    grow.start(QStringLiteral(BUILDLENS_GROW_PROFILE), {real, grown, QStringLiteral("14")});
    QVERIFY(grow.waitForFinished(120000));
    QCOMPARE(grow.exitCode(), 0);
    const auto original = load(real, false);
    const auto all = load(grown, true, std::size_t(1) << 30);
    constexpr std::size_t cap = 20000;
    const auto capped = load(grown, true, cap);
    QVERIFY(original && all && capped);
    const std::uint64_t copies = all->intervalEvents / original->intervalEvents;
    QCOMPARE(all->intervalEvents, copies * original->intervalEvents);
    QVERIFY2(copies >= 8, qPrintable(QString::number(copies)));

    // the summary is the original's, every query's figures times the copies
    QCOMPARE(capped->summary.queries.size(), original->summary.queries.size());
    for (std::size_t i = 0; i < original->summary.queries.size(); ++i) {
        const QueryStats& a = original->summary.queries[i];
        const auto it = std::find_if(capped->summary.queries.begin(), capped->summary.queries.end(),
                                     [&](const QueryStats& q) { return q.label == a.label; });
        QVERIFY2(it != capped->summary.queries.end(), qPrintable(a.label));
        QCOMPARE(it->invocations, a.invocations * copies);
        QCOMPARE(it->selfTime, a.selfTime * std::int64_t(copies));
        QCOMPARE(it->time, a.time * std::int64_t(copies));
    }
    QCOMPARE(capped->intervalEvents, all->intervalEvents);

    // everything kept when it fits; the cap holds when it does not
    QCOMPARE(all->intervals.size(), std::size_t(all->intervalEvents));
    QVERIFY(all->warnings.filter(QStringLiteral("are kept")).isEmpty());
    const ProfileIntervals& iv = capped->intervals;
    QVERIFY(iv.size() > 0 && iv.size() <= cap);
    QCOMPARE(capped->warnings.filter(QStringLiteral("are kept")).size(), 1);
    QVERIFY2(capped->warnings.filter(QStringLiteral("are kept"))
                 .first()
                 .startsWith(QStringLiteral("%L1 of the %L2 timed events")
                                 .arg(qulonglong(iv.size()))
                                 .arg(qulonglong(all->intervalEvents))),
             qPrintable(capped->warnings.join(QLatin1Char('\n'))));
    // the kept ones are exactly those at least as long as the shortest kept
    std::uint64_t shortest = ~0ull;
    for (std::size_t i = 0; i < iv.size(); ++i)
        shortest = std::min(shortest, iv.end[i] - iv.start[i]);
    std::size_t longEnough = 0;
    for (std::size_t i = 0; i < all->intervals.size(); ++i)
        longEnough += all->intervals.end[i] - all->intervals.start[i] >= shortest;
    QCOMPARE(iv.size(), longEnough);
    // and every kept event's callers are kept with it: depth is still the count of kept events around it
    checkNesting(*capped);
}

void TestSelfProfile::summarizeJsonReadsBack()
{
    Progress progress;
    const QString path = dataPath(QStringLiteral("self-profile/fnv-0012953.summarize.json"));
    const auto r = importProfileJson(path, progress);
    QVERIFY(r);
    QCOMPARE(r.value()->source, QStringLiteral("summarize-json"));
    compareWithSummarize(*r.value(), readJson(QStringLiteral("self-profile/fnv-0012953.summarize.json")));
    QVERIFY(r.value()->intervals.size() == 0);
}

void TestSelfProfile::chromeTrace()
{
    QTemporaryDir dir;
    const QString gz = dataPath(QStringLiteral("self-profile/fnv-0012953.crox.chrome_profiler.json.gz"));
    QByteArray plain;
    QString why;
    QVERIFY(gunzip(readBytes(QStringLiteral("self-profile/fnv-0012953.crox.chrome_profiler.json.gz")), plain,
                   1 << 30, why));
    QCOMPARE(plain.size(), 706844); // as crox wrote it
    const QString json = dir.filePath(QStringLiteral("chrome_profiler.json"));
    QFile f(json);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(plain);
    f.close();
    const auto reference = load(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")));
    for (const QString& path : {gz, json}) {
        Progress progress;
        const auto r = importProfileJson(path, progress);
        QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
        const SelfProfile& p = *r.value();
        QCOMPARE(p.source, QStringLiteral("chrome-trace"));
        QCOMPARE(p.eventCount,
                 std::uint64_t(5573 + 2)); // the interval events plus two process metadata records
        QCOMPARE(p.intervalEvents, std::uint64_t(5573));
        QCOMPARE(p.crate, QStringLiteral("fnv"));
        QCOMPARE(p.pid, 12953u);
        QCOMPARE(p.threadIds.size(), std::size_t(3));
        // whole microseconds: totals agree with the exact profile to within a microsecond per event and
        // thread
        QVERIFY(std::abs(p.summary.totalTime - reference->summary.totalTime) < 3 * 1000);
        std::map<QString, std::uint64_t> calls;
        for (const QueryStats& q : reference->summary.queries)
            calls[q.label] = q.invocations;
        for (const QueryStats& q : p.summary.queries)
            QCOMPARE(q.invocations, calls[q.label]); // every interval event is in the trace
    }
    // the {"traceEvents": [...]} form
    const QString wrapped = dir.filePath(QStringLiteral("wrapped.json"));
    QFile w(wrapped);
    QVERIFY(w.open(QIODevice::WriteOnly));
    w.write("{\"traceEvents\": " + plain + ", \"displayTimeUnit\": \"ns\"}");
    w.close();
    Progress progress;
    const auto r = importProfileJson(wrapped, progress);
    QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r.value()->intervalEvents, std::uint64_t(5573));
}

void TestSelfProfile::chromeTraceTimesPastAClock()
{
    QTemporaryDir dir;
    auto import = [&](const QByteArray& events) {
        QFile f(dir.filePath(QStringLiteral("trace.json")));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write("[" + events + "]");
        f.close();
        Progress progress;
        return importProfileJson(f.fileName(), progress);
    };
    // three threads of about 143 years each: their sum is past what 64 bits of nanoseconds hold, and stays at
    // the largest one (a fuzzer found the sum overflowing)
    QByteArray events;
    for (int tid = 1; tid <= 3; ++tid)
        events += QStringLiteral("%1{\"name\":\"a\",\"cat\":\"Query\",\"ph\":\"X\",\"ts\":0,"
                                 "\"dur\":4500000000000000,\"pid\":1,\"tid\":%2}")
                      .arg(tid > 1 ? QStringLiteral(",") : QString())
                      .arg(tid)
                      .toUtf8();
    const auto huge = import(events);
    QVERIFY2(huge, huge ? "" : qPrintable(huge.error().toString()));
    QCOMPARE(huge.value()->summary.totalTime, std::numeric_limits<std::int64_t>::max());
    QCOMPARE(huge.value()->summary.queries.size(), std::size_t(1));
    QCOMPARE(huge.value()->summary.queries[0].time, std::numeric_limits<std::int64_t>::max());

    // a time past 4.6e15 µs (October 2115) is refused, naming the event, the value and the limit
    const auto past = import("{\"name\":\"b\",\"ph\":\"X\",\"ts\":1,\"dur\":1},"
                             "{\"name\":\"late\",\"ph\":\"X\",\"ts\":1.8e21,\"dur\":5}");
    QVERIFY(!past);
    QVERIFY2(past.error().message.contains(QStringLiteral("event 2 (\"late\")")) &&
                 past.error().message.contains(QStringLiteral("1.8e+21")) &&
                 past.error().message.contains(QStringLiteral("4.6e15")) &&
                 past.error().message.contains(QStringLiteral("October 2115")),
             qPrintable(past.error().message));
    // the limit itself: an event ending on it is taken, one ending a microsecond later is not
    const auto onLimit = import("{\"name\":\"edge\",\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":4500000000000000,"
                                "\"dur\":100000000000000}");
    QVERIFY2(onLimit, onLimit ? "" : qPrintable(onLimit.error().toString()));
    const auto overLimit =
        import("{\"name\":\"edge\",\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":4500000000000000,"
               "\"dur\":100000000000001}");
    QVERIFY(!overLimit);
    QVERIFY2(overLimit.error().message.contains(QStringLiteral("event 1 (\"edge\")")),
             qPrintable(overLimit.error().message));
    // an event named like a placeholder is quoted as it is, not filled in with the values after it
    const auto placeholder = import("{\"name\":\"%3 and %5\",\"ph\":\"X\",\"ts\":1.8e21,\"dur\":5}");
    QVERIFY(!placeholder);
    QVERIFY2(placeholder.error().message.contains(QStringLiteral("event 1 (\"%3 and %5\")")) &&
                 placeholder.error().message.contains(QStringLiteral("a start of 1.8e+21 µs")),
             qPrintable(placeholder.error().message));
}

void TestSelfProfile::directoryAsASet()
{
    QTemporaryDir dir;
    QVERIFY(QFile::copy(dataPath(QStringLiteral("self-profile/v8/smallvec-0026733.mm_profdata")),
                        dir.filePath(QStringLiteral("smallvec-0026733.mm_profdata"))));
    QVERIFY(QFile::copy(dataPath(QStringLiteral("self-profile/v8/fnv-0026749.mm_profdata")),
                        dir.filePath(QStringLiteral("fnv-0026749.mm_profdata"))));
    QFile broken(dir.filePath(QStringLiteral("regex-0026000.mm_profdata")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(readBytes(QStringLiteral("self-profile/v8/fnv-0026749.mm_profdata")).left(5000));
    broken.close();
    Progress progress;
    const auto r = importProfileDirectory(dir.path(), progress);
    QVERIFY(r);
    const SelfProfileSet& set = *r.value();
    QCOMPARE(set.profiles.size(), std::size_t(2));
    QCOMPARE(set.profiles[0]->crate, QStringLiteral("fnv")); // by crate
    QCOMPARE(set.profiles[1]->crate, QStringLiteral("smallvec"));
    QCOMPARE(set.warnings.size(), 1);
    QVERIFY(set.warnings[0].contains(QStringLiteral("regex-0026000.mm_profdata")));
    QVERIFY(set.warnings[0].contains(QStringLiteral("truncated")));
    QTemporaryDir empty;
    QVERIFY(!importProfileDirectory(empty.path(), progress));

    // the events kept for the flame graphs share one budget: the two small profiles keep all theirs, the
    // large one what is left, still nested
    QVERIFY(QFile::copy(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")),
                        dir.filePath(QStringLiteral("fnv-0012953.mm_profdata"))));
    ProfileImportOptions options;
    options.maxKeptEvents = 30'000;
    const auto shared = importProfileDirectory(dir.path(), progress, options);
    QVERIFY(shared);
    QCOMPARE(shared.value()->profiles.size(), std::size_t(3));
    std::size_t kept = 0;
    for (const auto& p : shared.value()->profiles) {
        kept += p->intervals.size();
        checkNesting(*p);
        if (p->crate == QLatin1String("fnv")) {
            QCOMPARE(p->intervals.size(), std::size_t(p->intervalEvents));
        } else {
            QVERIFY(p->intervals.size() < p->intervalEvents);
            // thinning goes a duration threshold at a time: between half and all of what it was offered
            QVERIFY(p->intervals.size() > 30'000 / 3 / 2);
            QVERIFY(p->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("are kept")));
        }
    }
    QVERIFY2(kept <= 30'000, qPrintable(QString::number(kept)));
    const auto whole = importProfileDirectory(dir.path(), progress);
    QVERIFY(whole);
    for (const auto& p : whole.value()->profiles)
        QCOMPARE(p->intervals.size(), std::size_t(p->intervalEvents));
}

void TestSelfProfile::broken_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("phrase");
    const QByteArray v9 = readBytes(QStringLiteral("self-profile/fnv-0012953.mm_profdata"));
    QTest::newRow("empty") << QByteArray() << "empty";
    QTest::newRow("seven bytes") << v9.left(7) << "too short";
    QByteArray magic = v9;
    magic[0] = 'X';
    QTest::newRow("wrong magic") << magic << "does not start with MMPD";
    QByteArray future = v9;
    future[4] = 10;
    QTest::newRow("future version") << future
                                    << "unsupported measureme file format version 10 (supported: 8, 9)";
    QByteArray seven = v9;
    seven[4] = 7;
    QTest::newRow("version 7") << seven << "version 7";
    QTest::newRow("truncated mid-page") << v9.left(v9.size() / 2) << "truncated";
    QTest::newRow("truncated page header") << v9.left(8 + 3) << "truncated";
    QByteArray tag = v9;
    tag[8] = 7;
    QTest::newRow("unknown page tag") << tag << "unknown page tag 7";
    QTest::newRow("header only") << v9.left(8) << "stream is missing";
    QTest::newRow("old three-file format")
        << QByteArray("MMES\x05\x00\x00\x00xxxxxxxxxxxxxxxxxxxx", 28) << "three-file";
}

void TestSelfProfile::broken()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, phrase);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken-0000001.mm_profdata"));
    QVERIFY(writeFile(path, bytes));
    Progress progress;
    const auto r = importMmProfdata(path, progress);
    QVERIFY(!r);
    QCOMPARE(r.error().file, path);
    QVERIFY2(r.error().message.contains(phrase), qPrintable(r.error().message));
}

void TestSelfProfile::truncatedEverywhere()
{
    // a profile cut at any point, or with bytes changed at random in its strings and events: an error naming
    // the file or a profile, never a crash
    const QByteArray v8 = readBytes(QStringLiteral("self-profile/v8/fnv-0026749.mm_profdata"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cut.mm_profdata"));
    auto run = [&](const QByteArray& bytes) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        f.close();
        Progress progress;
        const auto r = importMmProfdata(path, progress);
        if (!r)
            QCOMPARE(r.error().file, path);
    };
    for (int k = 1; k < 30; ++k)
        run(v8.left(v8.size() * k / 30));
    QRandomGenerator rng(4242);
    for (int round = 0; round < 60; ++round) {
        QByteArray m = v8;
        for (int i = 0; i < 20; ++i)
            m[8 + rng.bounded(int(m.size()) - 8)] = char(rng.bounded(256));
        run(m);
    }
    // corrupt gzip and JSON traces
    QByteArray gz = readBytes(QStringLiteral("self-profile/fnv-0012953.crox.chrome_profiler.json.gz"));
    for (const QByteArray& bad : {gz.left(gz.size() / 2), gz.left(20)}) {
        const QString p = dir.filePath(QStringLiteral("t.json.gz"));
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bad);
        f.close();
        Progress progress;
        const auto r = importProfileJson(p, progress);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("gzip")), qPrintable(r.error().message));
    }
}

void TestSelfProfile::anyImporterDispatches()
{
    Progress progress;
    auto r = importAny(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")), progress);
    QVERIFY(r && r.value()->profile && !r.value()->timings);
    r = importAny(dataPath(QStringLiteral("self-profile/fnv-0012953.summarize.json")), progress);
    QVERIFY(r && r.value()->profile);
    r = importAny(dataPath(QStringLiteral("self-profile/fnv-0012953.crox.chrome_profiler.json.gz")),
                  progress);
    QVERIFY(r && r.value()->profile);
    r = importAny(dataPath(QStringLiteral("self-profile/v8")), progress);
    QVERIFY(r && r.value()->profiles && r.value()->profiles->profiles.size() == 2);
    r = importAny(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")), progress);
    QVERIFY(r && r.value()->timings);
    r = importAny(dataPath(QStringLiteral("other/metadata.json")), progress);
    QVERIFY(r && r.value()->graph);
    r = importAny(dataPath(QStringLiteral("binary/size-A.textstat.txt")), progress);
    QVERIFY(!r);
}

QTEST_GUILESS_MAIN(TestSelfProfile)
#include "tst_self_profile.moc"
