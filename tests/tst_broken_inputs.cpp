// Broken, empty, truncated, garbage and wrong-kind inputs: each is refused with a message that names the file
// and says what is wrong; nothing crashes and nothing half-imported comes back.
#include "TestData.h"
#include "import/AnyImporter.h"
#include "import/ImportUtil.h"
#include "import/Importer.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <sys/stat.h>

#include <cstring>

using namespace bl;
using namespace bl::test;

class TestBrokenInputs : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void refused_data();
    void refused();
    void truncatedBuildAnalysisTailIsTolerated();
    void truncatedEverywhere();
    void randomBytesNeverCrash();
    void devicesAndPipesAreRefused();
    void oddTimesAreReadWithWarnings();
    void buildAnalysisNonsense();
    void timingInfoAndSummarizeNonsense();
    void selfProfileStringsThatDoubleAreCut();
    void selfProfileEventOfDaysIsFlagged();
    void cancellation();
    void brokenHyperfineResults();

private:
    QString write(const QString& name, const QByteArray& bytes);
    static QByteArray read(const QString& relative);
    QTemporaryDir m_dir;
};

QString TestBrokenInputs::write(const QString& name, const QByteArray& bytes)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
    return path;
}

QByteArray TestBrokenInputs::read(const QString& relative)
{
    QFile f(dataPath(relative));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void TestBrokenInputs::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestBrokenInputs::refused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // a phrase of the message
    QTest::addColumn<int>("line");         // expected line, or -1 when none is given

    const QByteArray html = read(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    const QByteArray oldHtml = read(QStringLiteral("timings/debian-1.65/dev-clean.html"));
    const QByteArray log = read(QStringLiteral("build-analysis/dev-clean.jsonl"));
    const qsizetype unitData = html.indexOf("const UNIT_DATA");

    QTest::newRow("missing") << m_dir.filePath(QStringLiteral("nope.html")) << "does not exist" << -1;
    QTest::newRow("directory") << m_dir.path() << "directory" << -1;
    QTest::newRow("empty") << write(QStringLiteral("empty.html"), QByteArray()) << "empty" << -1;
    QTest::newRow("whitespace") << write(QStringLiteral("blank.jsonl"), QByteArray("\n\n   \n")) << "empty"
                                << -1;
    QTest::newRow("garbage text") << write(QStringLiteral("garbage.txt"),
                                           QByteArray("hello, this is no build data\n"))
                                  << "not a cargo timings report" << -1;
    QByteArray binary(4096, '\0');
    binary[0] = '\x7f';
    binary[1] = 'E';
    QTest::newRow("binary") << write(QStringLiteral("garbage.bin"), binary) << "not a cargo timings report"
                            << -1;
    QTest::newRow("other html") << write(QStringLiteral("page.html"),
                                         QByteArray("<!DOCTYPE html><html><body>hi</body></html>"))
                                << "HTML page that is not a cargo timings report" << -1;
    QTest::newRow("wrong kind: metadata")
        << dataPath(QStringLiteral("other/metadata.json")) << "not a cargo timings report" << -1;
    QTest::newRow("wrong kind: profile") << dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata"))
                                         << "not a cargo timings report" << -1;
    QTest::newRow("truncated in UNIT_DATA")
        << write(QStringLiteral("cut.html"), html.left(unitData + 5000)) << "truncated timing report"
        << int(detail::lineOfOffset(html, unitData + 16));
    QTest::newRow("truncated old layout")
        << write(QStringLiteral("cut-old.html"), oldHtml.left(oldHtml.indexOf("const UNIT_DATA") + 900))
        << "truncated timing report" << -1;
    QTest::newRow("no UNIT_DATA") << write(QStringLiteral("nodata.html"), html.left(unitData))
                                  << "no `const UNIT_DATA`" << -1;
    {
        QByteArray corrupt = html;
        const qsizetype at = corrupt.indexOf("\"start\":", unitData);
        corrupt.insert(at, "\"oops\" ");
        QTest::newRow("invalid JSON in UNIT_DATA")
            << write(QStringLiteral("corrupt.html"), corrupt) << "not valid JSON"
            << int(detail::lineOfOffset(corrupt, at));
    }
    {
        QByteArray noStart = html;
        const qsizetype at = noStart.indexOf("\"start\":", unitData);
        noStart.replace(at, 8, "\"begin\":");
        QTest::newRow("unit without start")
            << write(QStringLiteral("nostart.html"), noStart) << "lacks a numeric `start`" << -1;
    }
    {
        QByteArray negative = html;
        const qsizetype at = negative.indexOf("\"duration\": ", unitData);
        negative.insert(at + 12, "-");
        QTest::newRow("negative duration")
            << write(QStringLiteral("negative.html"), negative) << "negative" << -1;
    }
    {
        // a duration of 1e300 would make every total infinite: refused, naming the unit and the value
        QByteArray huge = html;
        const qsizetype at = huge.indexOf("\"duration\": ", unitData);
        const qsizetype end = huge.indexOf(',', at);
        huge.replace(at + 12, end - at - 12, "1e300");
        QTest::newRow("duration of 1e300")
            << write(QStringLiteral("huge.html"), huge) << "has a time of 1e+300 s, more than a year" << -1;
    }
    {
        QList<QByteArray> lines = log.split('\n');
        lines[4] = "{\"run_id\": garbage";
        QTest::newRow("build-analysis bad line")
            << write(QStringLiteral("bad.jsonl"), lines.join('\n')) << "not a JSON object" << 5;
        lines[4] = "{\"run_id\":\"x\",\"timestamp\":\"t\"}";
        QTest::newRow("build-analysis no reason")
            << write(QStringLiteral("noreason.jsonl"), lines.join('\n')) << "no `reason`" << 5;
    }
    {
        const QList<QByteArray> lines = log.split('\n');
        QByteArray onlyHeader = lines[0] + '\n' + lines[1] + '\n';
        QTest::newRow("build-analysis without units")
            << write(QStringLiteral("nounits.jsonl"), onlyHeader) << "registers no units" << -1;
    }
    QTest::newRow("messages without timing-info")
        << dataPath(QStringLiteral("logs/message-format-json.dev-clean.stable.jsonl"))
        << "without `timing-info` records" << -1;
}

void TestBrokenInputs::refused()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QFETCH(int, line);
    Progress progress;
    const auto result = importTimingsFile(path, progress);
    QVERIFY2(!result, qPrintable(path));
    const ImportError& e = result.error();
    QCOMPARE(e.file, path);
    QVERIFY2(e.message.contains(expected), qPrintable(e.message));
    QVERIFY(e.toString().startsWith(path + QLatin1Char(':')));
    if (line > 0)
        QCOMPARE(e.line, qint64(line));
}

void TestBrokenInputs::truncatedBuildAnalysisTailIsTolerated()
{
    // cargo writes the log through a buffer: a crash cuts the last line. Everything before it still counts.
    QByteArray log = read(QStringLiteral("build-analysis/dev-clean.jsonl"));
    const qsizetype lastStart = log.lastIndexOf('\n', log.size() - 2) + 1;
    log.truncate(lastStart + 40);
    Progress progress;
    const auto result = importTimingsFile(write(QStringLiteral("tail.jsonl"), log), progress);
    QVERIFY(result);
    QCOMPARE(result.value()->units.size(), std::size_t(40));
    QVERIFY(result.value()->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("cut short")));
}

void TestBrokenInputs::truncatedEverywhere()
{
    // Cut every real capture at many points: each cut is either refused with a message naming the file or
    // imported whole (when only trailing HTML or the last log line is lost). Never a crash.
    for (const char* rel :
         {"timings/stable-1.95/dev-clean.html", "timings/debian-1.65/dev-clean.html",
          "build-analysis/dev-clean.jsonl", "logs/timing-info.dev-clean.debian-1.65.jsonl"}) {
        const QByteArray full = read(QString::fromLatin1(rel));
        QVERIFY(!full.isEmpty());
        for (int k = 1; k < 40; ++k) {
            const QByteArray cut = full.left(full.size() * k / 40);
            Progress progress;
            const QString path = write(QStringLiteral("cut.bin"), cut);
            const auto result = importTimingsData(path, cut, progress);
            if (!result) {
                QCOMPARE(result.error().file, path);
                QVERIFY(!result.error().message.isEmpty());
            } else {
                QVERIFY(!result.value()->units.empty());
            }
        }
    }
}

void TestBrokenInputs::randomBytesNeverCrash()
{
    // Mutate real files at random (a fixed seed, so a failure repeats): flipped bytes inside the JSON must
    // give an error or a run, never a crash or a hang.
    QRandomGenerator rng(20261125);
    for (const char* rel : {"timings/stable-1.95/dev-clean.html", "build-analysis/dev-clean.jsonl",
                            "logs/timing-info.dev-clean.debian-1.65.jsonl"}) {
        const QByteArray full = read(QString::fromLatin1(rel));
        const char alphabet[] = "{}[]\",:0123456789.-e \nabcnull";
        for (int round = 0; round < 150; ++round) {
            QByteArray mutated = full;
            const int flips = 1 + rng.bounded(8);
            for (int f = 0; f < flips; ++f)
                mutated[rng.bounded(int(mutated.size()))] = alphabet[rng.bounded(int(sizeof(alphabet) - 1))];
            Progress progress;
            const auto result = importTimingsData(QStringLiteral("mutated"), mutated, progress);
            if (result) {
                const auto a = analyse(result.value());
                QVERIFY(a->summary.unitCount >= 0);
            } else {
                QCOMPARE(result.error().file, QStringLiteral("mutated"));
            }
        }
    }
}

void TestBrokenInputs::cancellation()
{
    struct Cancelled : Progress
    {
        bool cancelled() const override { return true; }
    } progress;
    const auto result =
        importTimingsFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")), progress);
    QVERIFY(!result);
    QVERIFY(result.error().cancelled);
}

void TestBrokenInputs::brokenHyperfineResults()
{
    // each refused with the file's name and what is wrong; a good file reads whole
    const QByteArray good = R"J({"results": [{"command": "cargo build", "mean": 2.0, "stddev": 1.0,
        "median": 2.0, "min": 1.0, "max": 3.0, "times": [1.0, 2.0, 3.0], "exit_codes": [0, 0, 1]}]})J";
    Progress progress;
    const auto ok = importAny(write(QStringLiteral("good.json"), good), progress);
    QVERIFY(ok && ok.value()->benchmark);
    QCOMPARE(ok.value()->benchmark->results.front().times.size(), std::size_t(3));
    QCOMPARE(ok.value()->benchmark->results.front().exitCodes.back(), 1);
    const struct
    {
        const char* name;
        QByteArray bytes;
        const char* expected;
    } cases[] = {
        {"cut.json", good.left(good.size() - 12), "not valid JSON"},
        {"notimes.json", R"J({"results": [{"command": "cargo build", "times": [], "mean": 1}]})J",
         "no `times`"},
        {"badtime.json", R"J({"results": [{"command": "x", "times": [1.0, "two"]}]})J", "not a number"},
        {"negative.json", R"J({"results": [{"command": "x", "times": [-1.0]}]})J", "not a number"},
        {"nocommand.json", R"J({"results": [{"times": [1.0], "command_": "x"}]})J", "no `command`"},
    };
    for (const auto& c : cases) {
        const QString path = write(QString::fromLatin1(c.name), c.bytes);
        const auto r = importAny(path, progress);
        QVERIFY2(!r, c.name);
        QVERIFY2(r.error().toString().startsWith(path) &&
                     r.error().message.contains(QLatin1String(c.expected)),
                 qPrintable(r.error().toString()));
    }
}

QTEST_GUILESS_MAIN(TestBrokenInputs)
void TestBrokenInputs::devicesAndPipesAreRefused()
{
    // /dev/zero never ends and a FIFO with no writer blocks forever: both are refused before they are read
    Progress progress;
    const Result<ImportedData> zero = importAny(QStringLiteral("/dev/zero"), progress);
    QVERIFY(!zero);
    QCOMPARE(zero.error().file, QStringLiteral("/dev/zero"));
    QVERIFY2(zero.error().message.contains(QLatin1String("device")), qPrintable(zero.error().message));
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("build.html"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const Result<ImportedData> pipe = importAny(fifo, progress);
    QVERIFY(!pipe);
    QVERIFY2(pipe.error().message.contains(QLatin1String("pipe")), qPrintable(pipe.error().message));
    // every importer that reads a whole file says the same
    ImportError error;
    QVERIFY(!detail::readWholeFile(QStringLiteral("/dev/urandom"), 1 << 20, error));
    QVERIFY(error.message.contains(QLatin1String("device")));
    // a file that says it is smaller than it is (/proc) is cut at the limit and refused, not read on
    ImportError big;
    QVERIFY(!detail::readWholeFile(QStringLiteral("/proc/self/maps"), 16, big));
    QVERIFY2(big.message.contains(QLatin1String("more than")), qPrintable(big.message));
}

namespace {

void putLe(QByteArray& out, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(static_cast<char>((v >> (8 * i)) & 0xFF));
}

} // namespace

// A string-data page in which each string is two references to the next, 40 levels deep (2^40 copies of the
// last string), and an event whose label is the first of them: the string table must give up on it at once,
// not spend hours and gigabytes expanding it.
void TestBrokenInputs::selfProfileStringsThatDoubleAreCut()
{
    QFile in(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")));
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray file = in.readAll();
    QCOMPARE(file.mid(0, 4), QByteArray("MMPD"));
    // the logical string-data stream's length, and the first event's kind (a real one, to keep)
    std::uint64_t stringBytes = 0;
    QByteArray firstEvent;
    for (qsizetype pos = 8; pos + 5 <= file.size();) {
        const auto tag = static_cast<unsigned char>(file[pos]);
        std::uint32_t size = 0;
        std::memcpy(&size, file.constData() + pos + 1, 4);
        if (tag == 1)
            stringBytes += size;
        if (tag == 0 && firstEvent.isEmpty())
            firstEvent = file.mid(pos + 5 + 8, 32); // after the stream's MMES header
        pos += 5 + qsizetype(size);
    }
    QCOMPARE(firstEvent.size(), 32);
    constexpr std::uint64_t firstRegularId = 100'000'003;
    constexpr int levels = 40;
    QByteArray strings;
    for (int k = 0; k < levels; ++k) {
        const std::uint64_t next = stringBytes + std::uint64_t(k + 1) * 19;
        for (int twice = 0; twice < 2; ++twice) {
            strings.append(static_cast<char>(0xFE));
            putLe(strings, firstRegularId + next, 8);
        }
        strings.append(static_cast<char>(0xFF));
    }
    strings.append("ab");
    strings.append(static_cast<char>(0xFF));
    QByteArray page;
    page.append(char(1));
    putLe(page, std::uint64_t(strings.size()), 4);
    page.append(strings);
    // one more event, labelled by the first doubling string (v9: kind u64, id u64, thread, payloads)
    QByteArray event = firstEvent.left(8);
    putLe(event, firstRegularId + stringBytes, 8);
    putLe(event, 3, 4);
    putLe(event, 0, 4);
    putLe(event, 10, 4);
    putLe(event, 0, 4);
    page.append(char(0));
    putLe(page, 32, 4);
    page.append(event);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("doubling-0000001.mm_profdata"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(file + page);
    out.close();
    Progress progress;
    const Result<ImportedData> r = importAny(path, progress);
    // the rest of the profile is intact: it opens, the crafted label reads as unknown
    QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
    QVERIFY(r.value()->profile);
    QVERIFY(r.value()->profile->strings.contains(QStringLiteral("<unknown>")));
}

// Values that are odd but not impossible are read, clamped, and listed among the import's warnings.
void TestBrokenInputs::oddTimesAreReadWithWarnings()
{
    // cargo 1.65's layout: an rmeta_time of 1000 s in a unit of a few seconds
    QByteArray old = read(QStringLiteral("timings/debian-1.65/dev-clean.html"));
    const qsizetype unitData = old.indexOf("const UNIT_DATA");
    qsizetype at = old.indexOf("\"rmeta_time\": ", unitData);
    QVERIFY(at > 0);
    old.replace(at + 14, old.indexOf(',', at) - at - 14, "1000");
    Progress progress;
    const auto run = importTimingsFile(write(QStringLiteral("rmeta.html"), old), progress);
    QVERIFY(run);
    QCOMPARE(run.value()->warnings.size(), 1);
    QVERIFY2(run.value()->warnings.front().contains(QLatin1String("rmeta_time 1000 s lies outside")),
             qPrintable(run.value()->warnings.front()));
    for (const Unit& u : run.value()->units)
        QVERIFY(!u.rmetaTime || *u.rmetaTime <= u.duration);
    // a section of cargo 1.95's report that ends a second before it starts
    QByteArray html = read(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    at = html.indexOf("\"end\": ", html.indexOf("\"sections\"", html.indexOf("const UNIT_DATA")));
    QVERIFY(at > 0);
    html.replace(at + 7, html.indexOf('\n', at) - at - 7, "-1.0");
    const auto sections = importTimingsFile(write(QStringLiteral("section.html"), html), progress);
    QVERIFY(sections);
    QVERIFY(std::any_of(sections.value()->warnings.begin(), sections.value()->warnings.end(),
                        [](const QString& w) { return w.contains(QLatin1String("section ends at -1 s")); }));

    // unblock edges no build can make: ts-core unblocking itself and syn (which started before it), syn
    // unblocking ts-core (a cycle). Left out with a warning each, the critical path stays what it was.
    const auto good =
        importTimingsFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")), progress);
    QVERIFY(good && good.value()->warnings.isEmpty());
    QByteArray cycle = read(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    for (const auto& [unit, edges] : {std::pair<QByteArray, QByteArray>{"\"i\": 34,", "[35, 34, 29]"},
                                      std::pair<QByteArray, QByteArray>{"\"i\": 29,", "[36, 34]"}}) {
        const qsizetype u = cycle.indexOf(unit, cycle.indexOf("const UNIT_DATA"));
        QVERIFY(u > 0);
        const qsizetype list = cycle.indexOf("\"unblocked_units\": [", u) + 19;
        cycle.replace(list, cycle.indexOf(']', list) + 1 - list, edges);
    }
    const auto cyclic = importTimingsFile(write(QStringLiteral("cycle.html"), cycle), progress);
    QVERIFY2(cyclic, cyclic ? "" : qPrintable(cyclic.error().toString()));
    const QStringList& warnings = cyclic.value()->warnings;
    QCOMPARE(warnings.size(), 3);
    for (const QString& w : warnings)
        QVERIFY2(w.contains(QLatin1String("the edge is left out")), qPrintable(w));
    QVERIFY(warnings.contains(
        QStringLiteral("ts-core v0.1.0 build script unblocks itself; the edge is left out")));
    QVERIFY2(
        warnings.join(QLatin1Char('\n')).contains(QLatin1String("ts-core v0.1.0 build script unblocks syn")),
        qPrintable(warnings.join(QLatin1Char('\n'))));
    const auto a = analyse(good.value()), b = analyse(cyclic.value());
    QCOMPARE(b->critical.units, a->critical.units);
    QCOMPARE(b->critical.seconds, a->critical.seconds);
}

// A build-analysis log: a time before the build is refused with its line; a section that ends before it
// starts and a unit that unblocks itself are left out with a warning, so the critical path stays what it was.
void TestBrokenInputs::buildAnalysisNonsense()
{
    const QByteArray log = read(QStringLiteral("build-analysis/dev-clean.jsonl"));
    QVERIFY(!log.isEmpty());
    Progress progress;
    const auto good = importTimingsFile(dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")), progress);
    QVERIFY(good);
    QVERIFY(good.value()->warnings.isEmpty());

    QByteArray negative = log;
    const QByteArray started = "\"reason\":\"unit-started\",\"index\":22,\"elapsed\":0.210553652";
    QVERIFY(negative.contains(started));
    negative.replace(started, "\"reason\":\"unit-started\",\"index\":22,\"elapsed\":-3.5");
    const auto refused = importTimingsFile(write(QStringLiteral("negative.jsonl"), negative), progress);
    QVERIFY(!refused);
    const QString message = refused.error().toString();
    QVERIFY2(message.contains(QLatin1String("negative.jsonl")) && message.contains(QLatin1String("line ")) &&
                 message.contains(QLatin1String("-3.5")) && message.contains(QLatin1String("unit-started")),
             qPrintable(message));

    QByteArray odd = log;
    const QByteArray section = "\"reason\":\"unit-section-finished\",\"index\":37,\"elapsed\":0.340057816";
    QVERIFY(odd.contains(section));
    odd.replace(section, "\"reason\":\"unit-section-finished\",\"index\":37,\"elapsed\":0.1");
    const QByteArray unblocks =
        "\"reason\":\"unit-finished\",\"index\":17,\"elapsed\":0.479083667,\"unblocked\":[18]";
    QVERIFY(odd.contains(unblocks));
    odd.replace(unblocks,
                "\"reason\":\"unit-finished\",\"index\":17,\"elapsed\":0.479083667,\"unblocked\":[18,17]");
    const auto run = importTimingsFile(write(QStringLiteral("odd.jsonl"), odd), progress);
    QVERIFY2(run, run ? "" : qPrintable(run.error().toString()));
    const QStringList& warnings = run.value()->warnings;
    QVERIFY2(std::any_of(warnings.begin(), warnings.end(),
                         [](const QString& w) {
                             return w.contains(QLatin1String("ends")) &&
                                    w.contains(QLatin1String("before it starts"));
                         }),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY(std::any_of(warnings.begin(), warnings.end(),
                        [](const QString& w) { return w.contains(QLatin1String("names itself")); }));
    for (const Unit& u : run.value()->units) {
        for (const UnitSection& sec : u.sections)
            QVERIFY(sec.end >= sec.start);
        const int self = int(&u - run.value()->units.data());
        QVERIFY(std::find(u.unblocked.begin(), u.unblocked.end(), self) == u.unblocked.end());
    }
    const auto a = analyse(good.value()), b = analyse(run.value());
    QCOMPARE(b->critical.units, a->critical.units);
    QCOMPARE(b->critical.seconds, a->critical.seconds);

    // counts that are no integer (converting 1e300 to int would be undefined behaviour): not taken
    QByteArray jobs = log;
    QVERIFY(jobs.contains("\"jobs\":2"));
    jobs.replace("\"jobs\":2", "\"jobs\":1e300");
    const auto noJobs = importTimingsFile(write(QStringLiteral("jobs.jsonl"), jobs), progress);
    QVERIFY2(noJobs, noJobs ? "" : qPrintable(noJobs.error().toString()));
    QCOMPARE(noJobs.value()->jobs, 0);
    QByteArray meta = read(QStringLiteral("other/metadata.json"));
    QVERIFY(meta.contains("\"version\":1"));
    meta.replace("\"version\":1", "\"version\":1e300");
    Progress metaProgress;
    const auto badVersion = importAny(write(QStringLiteral("metadata.json"), meta), metaProgress);
    QVERIFY(!badVersion);
    QVERIFY2(badVersion.error().toString().contains(QLatin1String("format version")),
             qPrintable(badVersion.error().toString()));
}

// timing-info: a negative duration is refused with its line, an rmeta_time past the unit's end clamped with a
// warning. summarize JSON: a negative time or nanoseconds of a second or more refused, a self time above the
// total kept with a warning.
void TestBrokenInputs::timingInfoAndSummarizeNonsense()
{
    Progress progress;
    const QByteArray lines = read(QStringLiteral("logs/timing-info.dev-clean.debian-1.65.jsonl"));
    QByteArray negative = lines;
    const QByteArray duration = "\"duration\":0.9348487149999999";
    QVERIFY(negative.contains(duration));
    negative.replace(duration, "\"duration\":-2.5");
    const auto refused =
        importTimingsFile(write(QStringLiteral("negative-timing.jsonl"), negative), progress);
    QVERIFY(!refused);
    QVERIFY2(refused.error().toString().contains(QLatin1String("-2.5")) && refused.error().line > 0,
             qPrintable(refused.error().toString()));

    QByteArray late = lines;
    const qsizetype at = late.indexOf("\"rmeta_time\":");
    QVERIFY(at > 0);
    late.replace(at + 13, late.indexOf('}', at) - at - 13, "1000");
    const auto clamped = importTimingsFile(write(QStringLiteral("late-rmeta.jsonl"), late), progress);
    QVERIFY(clamped);
    QVERIFY(
        std::any_of(clamped.value()->warnings.begin(), clamped.value()->warnings.end(), [](const QString& w) {
            return w.contains(QLatin1String("rmeta_time 1000 s lies outside"));
        }));
    for (const Unit& u : clamped.value()->units)
        QVERIFY(!u.rmetaTime || (*u.rmetaTime >= 0 && *u.rmetaTime <= u.duration));

    const QByteArray summary = read(QStringLiteral("self-profile/fnv-0012953.summarize.json"));
    const QByteArray self = "\"self_time\":{\"secs\":0,\"nanos\":62148}";
    QVERIFY(summary.contains(self));
    auto import = [&](const char* name, const QByteArray& bytes) {
        return importAny(write(QString::fromLatin1(name), bytes), progress);
    };
    QByteArray bad = summary;
    bad.replace(self, "\"self_time\":{\"secs\":-3,\"nanos\":62148}");
    auto r = import("fnv-0000001.json", bad);
    QVERIFY(!r);
    QVERIFY2(r.error().toString().contains(QLatin1String("-3")), qPrintable(r.error().toString()));
    bad = summary;
    bad.replace(self, "\"self_time\":{\"secs\":0,\"nanos\":5000000000}");
    r = import("fnv-0000002.json", bad);
    QVERIFY(!r);
    QVERIFY2(r.error().toString().contains(QLatin1String("5000000000")), qPrintable(r.error().toString()));
    // a count past 64 bits (found by fuzzing: converting it was undefined behaviour), a fractional and a
    // negative one, fractional seconds: refused, naming the value
    for (const char* count : {"1.1e32", "2.5", "-1"}) {
        bad = summary;
        bad.replace("\"invocation_count\":369", QByteArray("\"invocation_count\":") + count);
        r = import("fnv-0000004.json", bad);
        QVERIFY2(!r, count);
        QVERIFY2(r.error().toString().contains(QLatin1String("invocation_count")),
                 qPrintable(r.error().toString()));
    }
    bad = summary;
    bad.replace(self, "\"self_time\":{\"secs\":1e300,\"nanos\":0}");
    QVERIFY(!import("fnv-0000005.json", bad));
    bad = summary;
    bad.replace(self, "\"self_time\":{\"secs\":7,\"nanos\":0}");
    r = import("fnv-0000003.json", bad);
    QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
    QVERIFY(r.value()->profile);
    const QStringList& warnings = r.value()->profile->warnings;
    QVERIFY2(std::any_of(warnings.begin(), warnings.end(),
                         [](const QString& w) {
                             return w.contains(QLatin1String("associated_item")) &&
                                    w.contains(QLatin1String("exceeds"));
                         }),
             qPrintable(warnings.join(QLatin1Char('\n'))));
}

// One more event of 78 hours appended to a real profile: it opens, and the import says the times look
// damaged.
void TestBrokenInputs::selfProfileEventOfDaysIsFlagged()
{
    const QByteArray file = read(QStringLiteral("self-profile/fnv-0012953.mm_profdata"));
    QCOMPARE(file.mid(0, 4), QByteArray("MMPD"));
    QByteArray firstEvent;
    for (qsizetype pos = 8; pos + 5 <= file.size() && firstEvent.isEmpty();) {
        const auto tag = static_cast<unsigned char>(file[pos]);
        std::uint32_t size = 0;
        std::memcpy(&size, file.constData() + pos + 1, 4);
        if (tag == 0)
            firstEvent = file.mid(pos + 5 + 8, 32); // after the stream's MMES header
        pos += 5 + qsizetype(size);
    }
    QCOMPARE(firstEvent.size(), 32);
    // v9: kind u64, id u64, thread u32, start and end (lower 32 bits), their upper 16 bits in one u32
    const std::uint64_t end = 78ULL * 3600 * 1'000'000'000;
    QByteArray event = firstEvent.left(16);
    putLe(event, 3, 4);
    putLe(event, 0, 4);
    putLe(event, end & 0xFFFFFFFFu, 4);
    putLe(event, end >> 32, 4);
    QByteArray page;
    page.append(char(0));
    putLe(page, 32, 4);
    page.append(event);
    Progress progress;
    const Result<ImportedData> r =
        importAny(write(QStringLiteral("long-0000001.mm_profdata"), file + page), progress);
    QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
    QVERIFY(r.value()->profile);
    const QStringList& warnings = r.value()->profile->warnings;
    QVERIFY2(std::any_of(warnings.begin(), warnings.end(),
                         [](const QString& w) { return w.contains(QLatin1String("lasts 78.0 h")); }),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    // the profile as it was has no such warning
    const Result<ImportedData> clean =
        importAny(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")), progress);
    QVERIFY(clean);
    for (const QString& w : clean.value()->profile->warnings)
        QVERIFY(!w.contains(QLatin1String(" h (")));
}

#include "tst_broken_inputs.moc"
