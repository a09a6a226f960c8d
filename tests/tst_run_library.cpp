// The run library (build history): runs stored with their numbers and child rows, re-adding is a no-op, bad
// input and abandoned writes leave the database as it was, older schema versions are migrated with their
// data, and `buildlens history add|list` as a user runs it, including a process killed in the middle of an
// import.
#include "TestData.h"

#include "import/AnyImporter.h"
#include "store/RunLibrary.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace bl;
using namespace bl::test;
using nlohmann::json;

namespace {

const QString kTimings = QStringLiteral("timings/stable-1.95/dev-clean.html");
const QString kTimingsIncremental = QStringLiteral("timings/stable-1.95/dev-incremental.html");
const QString kBinary = QStringLiteral("binary/textstat");
const QString kProfile = QStringLiteral("self-profile/fnv-0012953.mm_profdata");
const QString kLlvmLines = QStringLiteral("binary/llvm-lines.textstat.release.txt");
const QString kMetadata = QStringLiteral("other/metadata.json");

// A connection of the test's own, independent of RunLibrary, to look at what is really in the file.
class RawDb
{
public:
    explicit RawDb(const QString& path)
        : m_name(QStringLiteral("raw-%1").arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~RawDb()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    bool exec(const QString& sql, QString* error = nullptr) const
    {
        QSqlQuery q(db());
        if (q.exec(sql))
            return true;
        if (error)
            *error = q.lastError().text() + QStringLiteral(" in ") + sql;
        return false;
    }
    QVariant scalar(const QString& sql) const
    {
        QSqlQuery q(db());
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }
    // Every row of every table, as text: two snapshots are equal when nothing was lost or changed.
    QStringList dump() const
    {
        QStringList out;
        for (const char* table : {"runs", "run_units", "run_crates"}) {
            QSqlQuery q(db());
            if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(QLatin1String(table)))) {
                out << QStringLiteral("%1: %2").arg(QLatin1String(table), q.lastError().text());
                continue;
            }
            while (q.next()) {
                QStringList row{QLatin1String(table)};
                for (int i = 0; i < q.record().count(); ++i)
                    row << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
                out << row.join(QLatin1Char('|'));
            }
        }
        out << QStringLiteral("user_version %1").arg(scalar(QStringLiteral("PRAGMA user_version")).toInt());
        return out;
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    bool m_ok = false;
};

QStringList snapshot(const QString& path)
{
    RawDb raw(path);
    return raw.ok() ? raw.dump() : QStringList{QStringLiteral("cannot open")};
}

ImportedData importData(const QString& relative)
{
    Progress progress;
    ImportOptions options;
    options.profile.keepEvents = false;
    const auto r = importAny(dataPath(relative), progress, options);
    if (!r) {
        qWarning("%s", qPrintable(r.error().toString()));
        return {};
    }
    return *r.value();
}

QString text(const json& v)
{
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QStringLiteral("<not a string>");
}

QString absoluteData(const QString& relative)
{
    return QFileInfo(dataPath(relative)).absoluteFilePath();
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Schema version 1 exactly as the first release created it, frozen here so that the migration test starts
// from a real old database, whatever RunLibrary's own migration list becomes.
const char* const kSchemaV1[] = {
    "PRAGMA application_id = 1112305267" /* 'BLns' */,
    "CREATE TABLE runs (id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
    " source TEXT NOT NULL DEFAULT '', file TEXT NOT NULL, imported_at TEXT NOT NULL, build_date TEXT,"
    " host TEXT, rustc TEXT, profile TEXT, total_seconds REAL, critical_path_seconds REAL, unit_count "
    "INTEGER,"
    " parallelism REAL, text_size INTEGER, file_size INTEGER, function_count INTEGER, total_time_ns INTEGER,"
    " event_count INTEGER)",
    "CREATE TABLE run_units (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL, target TEXT NOT NULL,"
    " kind TEXT NOT NULL, mode TEXT NOT NULL, start REAL NOT NULL, duration REAL NOT NULL,"
    " fresh INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, position))",
    "PRAGMA user_version = 1",
};

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("BUILDLENS_TEST_PAUSE_IN_IMPORT"));
    return env;
}

CliRun runCli(const QStringList& args, const QProcessEnvironment& env = cliEnvironment())
{
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(BUILDLENS_TEST_DATA));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(BUILDLENS_EXE), args);
    CliRun r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestRunLibrary : public QObject
{
    Q_OBJECT
private slots:
    void tooLargeIsRefusedBeforeHashing();
    void addStoresEveryKind();
    void reAddIsNoOp();
    void filters();
    void removeCascades();
    void badInputLeavesDatabaseUnchanged();
    void abandonedWriteLeavesNothing();
    void migratesFromVersion1();
    void refusesForeignAndNewerDatabases();
    void cliAddAndList();
    void cliLabelStoredRun();
    void cliBadInput();
    void cliUsage();
    void cliDefaultLocation();
    void cliKilledMidImportLeavesNoPartialRun();
};

void TestRunLibrary::addStoresEveryKind()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RunLibrary lib;
    QString error;
    QVERIFY2(lib.open(dir.filePath(QStringLiteral("runs.sqlite")), &error), qPrintable(error));
    QCOMPARE(lib.schemaVersion(), RunLibrary::SchemaVersion);
    Progress progress;

    AddOptions labelled;
    labelled.label = QStringLiteral("main");
    const AddResult t = lib.addFile(dataPath(kTimings), progress, labelled);
    QVERIFY2(t.outcome == AddResult::Outcome::Stored, qPrintable(t.error));
    const auto timings = loadRun(kTimings);
    QVERIFY(timings);
    const auto analysis = analyse(timings);
    const auto stored = lib.run(t.runId);
    QVERIFY(stored);
    QCOMPARE(stored->kind, QStringLiteral("timings"));
    QCOMPARE(stored->source, QStringLiteral("html"));
    QCOMPARE(stored->file, absoluteData(kTimings));
    QCOMPARE(stored->label, QStringLiteral("main"));
    QCOMPARE(
        stored->contentHash,
        QString::fromLatin1(
            QCryptographicHash::hash(fileBytes(dataPath(kTimings)), QCryptographicHash::Sha256).toHex()));
    QCOMPARE(stored->buildDate,
             QStringLiteral("2026-11-24T07:06:29.948Z")); // build_start, to the millisecond
    QVERIFY(QDateTime::fromString(stored->importedAt, Qt::ISODateWithMs).isValid());
    QCOMPARE(stored->host, timings->host);
    QCOMPARE(stored->rustc, timings->rustcVersion);
    QCOMPARE(stored->profile, QStringLiteral("dev"));
    QCOMPARE(stored->unitCount, std::optional<qint64>(40));
    QCOMPARE(stored->totalSeconds, std::optional<double>(6.29));
    QVERIFY(analysis->critical.available);
    QCOMPARE(stored->criticalPathSeconds, std::optional<double>(analysis->critical.seconds));
    QCOMPARE(stored->parallelism, std::optional<double>(analysis->summary.parallelism));
    QVERIFY(!stored->textSize && !stored->totalTimeNs && !stored->packageCount);

    const auto units = lib.units(t.runId);
    QCOMPARE(units.size(), timings->units.size());
    int critical = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const Unit& u = timings->units[i];
        QCOMPARE(units[i].position, int(i));
        QCOMPARE(units[i].name, u.name);
        QCOMPARE(units[i].version, u.version);
        QCOMPARE(units[i].target, u.target);
        QCOMPARE(units[i].mode, u.mode);
        QCOMPARE(units[i].kind, unitKindKey(u.kind));
        QCOMPARE(units[i].start, u.start);
        QCOMPARE(units[i].duration, u.duration);
        QCOMPARE(units[i].fresh, u.fresh);
        QCOMPARE(units[i].critical, analysis->onCriticalPath[i] != 0);
        critical += units[i].critical ? 1 : 0;
    }
    QCOMPARE(critical, int(analysis->critical.units.size()));
    QVERIFY(lib.crates(t.runId).empty());

    const AddResult b = lib.addFile(dataPath(kBinary), progress);
    QVERIFY2(b.outcome == AddResult::Outcome::Stored, qPrintable(b.error));
    const ImportedData binary = importData(kBinary);
    QVERIFY(binary.size);
    const auto size = lib.run(b.runId);
    QVERIFY(size);
    QCOMPARE(size->kind, QStringLiteral("binary-size"));
    QCOMPARE(size->source, QStringLiteral("elf"));
    QCOMPARE(size->textSize, std::optional<qint64>(843907));
    QCOMPARE(size->fileSize, std::optional<qint64>(qint64(binary.size->fileSize)));
    QCOMPARE(size->functionCount, std::optional<qint64>(qint64(binary.size->functions.size())));
    QCOMPARE(size->buildDate,
             QFileInfo(dataPath(kBinary)).lastModified().toUTC().toString(Qt::ISODateWithMs));
    QVERIFY(!size->unitCount && !size->totalSeconds && size->label.isEmpty());
    const auto crates = lib.crates(b.runId);
    QCOMPARE(crates.size(), binary.size->crates.size());
    QVERIFY(!crates.empty());
    for (std::size_t i = 0; i < crates.size(); ++i) {
        QCOMPARE(crates[i].name, binary.size->crates[i].name);
        QCOMPARE(crates[i].size, qint64(binary.size->crates[i].size));
        QCOMPARE(crates[i].symbols, qint64(binary.size->crates[i].symbols));
    }
    QVERIFY(lib.units(b.runId).empty());

    const AddResult p = lib.addFile(dataPath(kProfile), progress);
    QVERIFY2(p.outcome == AddResult::Outcome::Stored, qPrintable(p.error));
    const json mmstat = [] {
        QFile f(dataPath(QStringLiteral("self-profile/fnv-0012953.mmstat.json")));
        if (!f.open(QIODevice::ReadOnly))
            return json();
        const QByteArray bytes = f.readAll();
        return json::parse(bytes.constData(), bytes.constData() + bytes.size());
    }();
    const auto profile = lib.run(p.runId);
    QVERIFY(profile);
    QCOMPARE(profile->kind, QStringLiteral("self-profile"));
    QCOMPARE(profile->totalTimeNs, std::optional<qint64>(21423181)); // summarize's total_time
    QCOMPARE(profile->totalSeconds, std::optional<double>(21423181 / 1e9));
    QCOMPARE(profile->eventCount, std::optional<qint64>(mmstat.at("num_events").get<qint64>()));
    QVERIFY(profile->buildDate.startsWith(QStringLiteral("2026-"))); // the profile's own start, not the mtime

    const AddResult l = lib.addFile(dataPath(kLlvmLines), progress);
    QVERIFY2(l.outcome == AddResult::Outcome::Stored, qPrintable(l.error));
    QCOMPARE(lib.run(l.runId)->kind, QStringLiteral("llvm-lines"));
    QCOMPARE(lib.run(l.runId)->textSize, std::optional<qint64>(12084));

    const AddResult m = lib.addFile(dataPath(kMetadata), progress);
    QVERIFY2(m.outcome == AddResult::Outcome::Stored, qPrintable(m.error));
    QCOMPARE(lib.run(m.runId)->kind, QStringLiteral("cargo-metadata"));
    QCOMPARE(lib.run(m.runId)->packageCount, std::optional<qint64>(24));

    // timing-info lines (no start times, no critical path, empty targets) and a build-analysis log.
    const QString timingInfo = QStringLiteral("logs/timing-info.dev-clean.debian-1.65.jsonl");
    const AddResult ti = lib.addFile(dataPath(timingInfo), progress);
    QVERIFY2(ti.outcome == AddResult::Outcome::Stored, qPrintable(ti.error));
    const auto tiRun = lib.run(ti.runId);
    QCOMPARE(tiRun->source, QStringLiteral("timing-info"));
    QVERIFY(!tiRun->criticalPathSeconds);
    QCOMPARE(lib.units(ti.runId).size(), std::size_t(*tiRun->unitCount));
    const AddResult ba = lib.addFile(dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")), progress);
    QVERIFY2(ba.outcome == AddResult::Outcome::Stored, qPrintable(ba.error));
    QCOMPARE(lib.run(ba.runId)->source, QStringLiteral("build-analysis"));
    QVERIFY(!lib.units(ba.runId).empty());
    // A profile directory is one run.
    const AddResult dirRun = lib.addFile(dataPath(QStringLiteral("self-profile/v8")), progress);
    QVERIFY2(dirRun.outcome == AddResult::Outcome::Stored, qPrintable(dirRun.error));
    QCOMPARE(lib.run(dirRun.runId)->kind, QStringLiteral("self-profile-set"));
    QVERIFY(lib.run(dirRun.runId)->eventCount.value_or(0) > 0);
    QCOMPARE(lib.addFile(dataPath(QStringLiteral("self-profile/v8")), progress).outcome,
             AddResult::Outcome::Skipped);
    QVERIFY(lib.removeRun(ti.runId) && lib.removeRun(ba.runId) && lib.removeRun(dirRun.runId));

    const auto all = lib.runs();
    QCOMPARE(all.size(), std::size_t(5));
    QSet<qint64> ids;
    for (const StoredRun& r : all)
        ids.insert(r.id);
    QCOMPARE(ids, (QSet<qint64>{t.runId, b.runId, p.runId, l.runId, m.runId}));
    for (std::size_t i = 1; i < all.size(); ++i)
        QVERIFY(all[i - 1].buildDate <= all[i].buildDate);
}

void TestRunLibrary::reAddIsNoOp()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    RunLibrary lib;
    QVERIFY(lib.open(db));
    Progress progress;
    const AddResult first = lib.addFile(dataPath(kTimings), progress);
    QCOMPARE(first.outcome, AddResult::Outcome::Stored);
    const QStringList before = snapshot(db);

    const AddResult again = lib.addFile(dataPath(kTimings), progress);
    QCOMPARE(again.outcome, AddResult::Outcome::Skipped);
    QCOMPARE(again.runId, first.runId);

    // Identity is the content: the same bytes under another name are the same run.
    const QString copy = dir.filePath(QStringLiteral("renamed.html"));
    QVERIFY(QFile::copy(dataPath(kTimings), copy));
    const AddResult renamed = lib.addFile(copy, progress);
    QCOMPARE(renamed.outcome, AddResult::Outcome::Skipped);
    QCOMPARE(renamed.runId, first.runId);

    // Even when the caller imported it already and skipped the early lookup.
    const AddResult direct = lib.addImported(importData(kTimings), copy, RunLibrary::hashSource(copy));
    QCOMPARE(direct.outcome, AddResult::Outcome::Skipped);
    QCOMPARE(direct.runId, first.runId);

    QCOMPARE(snapshot(db), before);
    QCOMPARE(lib.runs().size(), std::size_t(1));
}

void TestRunLibrary::filters()
{
    QTemporaryDir dir;
    RunLibrary lib;
    QVERIFY(lib.open(dir.filePath(QStringLiteral("runs.sqlite"))));
    Progress progress;
    AddOptions main, feature;
    main.label = QStringLiteral("main");
    feature.label = QStringLiteral("feature/x");
    const qint64 a = lib.addFile(dataPath(kTimings), progress, main).runId;
    const qint64 b = lib.addFile(dataPath(kTimingsIncremental), progress, feature).runId;
    const qint64 c = lib.addFile(dataPath(kBinary), progress, main).runId;
    QVERIFY(a > 0 && b > 0 && c > 0);

    auto ids = [&](const RunFilter& f) {
        QList<qint64> out;
        for (const StoredRun& r : lib.runs(f))
            out << r.id;
        std::sort(out.begin(), out.end());
        return out;
    };
    QCOMPARE(ids({}), (QList<qint64>{a, b, c}));
    QCOMPARE(ids({QStringLiteral("timings"), QString()}), (QList<qint64>{a, b}));
    QCOMPARE(ids({QString(), QStringLiteral("main")}), (QList<qint64>{a, c}));
    QCOMPARE(ids({QStringLiteral("timings"), QStringLiteral("main")}), (QList<qint64>{a}));
    QCOMPARE(ids({QStringLiteral("binary-size"), QStringLiteral("feature/x")}), QList<qint64>{});
    QCOMPARE(ids({QStringLiteral("no-such-kind"), QString()}), QList<qint64>{});
    // Ordered by build date: the incremental build came after the clean one.
    const auto timings = lib.runs({QStringLiteral("timings"), QString()});
    QCOMPARE(timings.front().id, a);
    QCOMPARE(timings.back().id, b);
}

void TestRunLibrary::removeCascades()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    RunLibrary lib;
    QVERIFY(lib.open(db));
    Progress progress;
    const qint64 t = lib.addFile(dataPath(kTimings), progress).runId;
    const qint64 b = lib.addFile(dataPath(kBinary), progress).runId;
    const qint64 keep = lib.addFile(dataPath(kTimingsIncremental), progress).runId;
    QVERIFY(!lib.units(t).empty() && !lib.crates(b).empty());
    QVERIFY(lib.removeRun(t));
    QVERIFY(lib.removeRun(b));
    QVERIFY(!lib.removeRun(b)); // already gone
    QVERIFY(!lib.run(t) && !lib.run(b));
    RawDb raw(db);
    QCOMPARE(
        raw.scalar(QStringLiteral("SELECT count(*) FROM run_units WHERE run_id <> %1").arg(keep)).toInt(), 0);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM run_crates")).toInt(), 0);
    QCOMPARE(lib.units(keep).size(), std::size_t(40));
}

void TestRunLibrary::badInputLeavesDatabaseUnchanged()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    RunLibrary lib;
    QVERIFY(lib.open(db));
    Progress progress;
    QCOMPARE(lib.addFile(dataPath(kTimings), progress).outcome, AddResult::Outcome::Stored);
    QCOMPARE(lib.addFile(dataPath(kBinary), progress).outcome, AddResult::Outcome::Stored);
    const QStringList before = snapshot(db);
    QCOMPARE(before.size(),
             1 + 2 + 40 + int(lib.crates(lib.runs({QStringLiteral("binary-size"), {}})[0].id).size()));

    const QByteArray html = fileBytes(dataPath(kTimings));
    const QString truncated = dir.filePath(QStringLiteral("truncated.html"));
    // Cut inside the unit list: what a build killed while writing its report leaves.
    const qsizetype unitData = html.indexOf("const UNIT_DATA");
    QVERIFY(unitData > 0);
    QVERIFY(writeFile(truncated, html.left(unitData + 5000)));
    const QString garbage = dir.filePath(QStringLiteral("garbage.bin"));
    QByteArray noise(4096, '\0');
    for (int i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 7919 + 13) % 251);
    QVERIFY(writeFile(garbage, noise));
    const QString empty = dir.filePath(QStringLiteral("empty.html"));
    QVERIFY(writeFile(empty, {}));
    const QString missing = dir.filePath(QStringLiteral("no/such/file.html"));
    const QByteArray elf = fileBytes(dataPath(kBinary));
    const QString brokenElf = dir.filePath(QStringLiteral("broken-elf"));
    QVERIFY(writeFile(brokenElf, elf.left(4096)));

    for (const QString& bad : {truncated, garbage, empty, missing, brokenElf}) {
        const AddResult r = lib.addFile(bad, progress);
        QCOMPARE(r.outcome, AddResult::Outcome::Failed);
        QVERIFY2(r.error.contains(bad), qPrintable(r.error));
        QCOMPARE(r.runId, qint64(-1));
    }
    QCOMPARE(snapshot(db), before);
}

void TestRunLibrary::abandonedWriteLeavesNothing()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    RunLibrary lib;
    QVERIFY(lib.open(db));
    Progress progress;
    QCOMPARE(lib.addFile(dataPath(kTimings), progress).outcome, AddResult::Outcome::Stored);
    const QStringList before = snapshot(db);

    for (const QString& input : {kTimingsIncremental, kBinary, kProfile}) {
        int calls = 0;
        QString seenInside;
        AddOptions options;
        options.midWrite = [&] {
            ++calls;
            // Another connection sees nothing of the open transaction...
            seenInside = snapshot(db).join(QLatin1Char('\n'));
            return false;
        };
        const AddResult r = lib.addFile(dataPath(input), progress, options);
        QCOMPARE(calls, 1);
        QCOMPARE(r.outcome, AddResult::Outcome::Failed);
        QVERIFY2(r.error.contains(dataPath(input)), qPrintable(r.error));
        QCOMPARE(seenInside, before.join(QLatin1Char('\n')));
        // ... and after the rollback nothing of it is left.
        QCOMPARE(snapshot(db), before);
    }
    // The abandoned files are not marked as stored: adding them again works.
    QCOMPARE(lib.addFile(dataPath(kBinary), progress).outcome, AddResult::Outcome::Stored);
}

void TestRunLibrary::migratesFromVersion1()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("old.sqlite"));
    const QString hash = RunLibrary::hashSource(dataPath(kTimings));
    QVERIFY(!hash.isEmpty());
    {
        RawDb raw(db);
        QVERIFY(raw.ok());
        QString error;
        for (const char* statement : kSchemaV1)
            QVERIFY2(raw.exec(QString::fromLatin1(statement), &error), qPrintable(error));
        QVERIFY2(
            raw.exec(QStringLiteral("INSERT INTO runs (id, content_hash, kind, source, file, imported_at, "
                                    "build_date, host, rustc, profile, total_seconds, critical_path_seconds, "
                                    "unit_count, parallelism) VALUES (7, '%1', 'timings', 'html', "
                                    "'/old/dev-clean.html', '2026-01-01T00:00:00.000Z', "
                                    "'2025-12-31T23:00:00.000Z', 'x86_64-unknown-linux-gnu', 'rustc 1.95.0', "
                                    "'dev', 6.29, 0.53, 2, 1.5)")
                         .arg(hash),
                     &error),
            qPrintable(error));
        QVERIFY2(raw.exec(QStringLiteral(
                              "INSERT INTO run_units VALUES (7, 0, 'syn', '1.0.107', '', 'lib', 'todo', "
                              "1.17, 1.64, 0), (7, 1, 'ts-app', '0.1.0', ' textstat \"bin\"', 'bin', "
                              "'todo', 5.0, 1.29, 1)"),
                          &error),
                 qPrintable(error));
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), 1);
    }

    RunLibrary lib;
    QString error;
    QVERIFY2(lib.open(db, &error), qPrintable(error));
    QCOMPARE(lib.schemaVersion(), RunLibrary::SchemaVersion);

    const auto old = lib.run(7);
    QVERIFY(old);
    QCOMPARE(old->contentHash, hash);
    // migration 3 counted the fresh units the run's rows already had: one of two
    QCOMPARE(old->freshUnits.value_or(-1), 1);
    QCOMPARE(old->file, QStringLiteral("/old/dev-clean.html"));
    QCOMPARE(old->buildDate, QStringLiteral("2025-12-31T23:00:00.000Z"));
    QCOMPARE(old->totalSeconds, std::optional<double>(6.29));
    QCOMPARE(old->criticalPathSeconds, std::optional<double>(0.53));
    QCOMPARE(old->unitCount, std::optional<qint64>(2));
    QVERIFY(old->label.isEmpty()); // a column of version 2
    QVERIFY(!old->packageCount);   // a column of version 2
    const auto units = lib.units(7);
    QCOMPARE(units.size(), std::size_t(2));
    QCOMPARE(units[0].name, QStringLiteral("syn"));
    QCOMPARE(units[1].target, QStringLiteral(" textstat \"bin\""));
    QVERIFY(units[1].fresh);
    QVERIFY(!units[0].critical && !units[1].critical); // the new column's default

    // The UNIQUE hash survived the migration: the same file is still recognised.
    Progress progress;
    const AddResult again = lib.addFile(dataPath(kTimings), progress);
    QCOMPARE(again.outcome, AddResult::Outcome::Skipped);
    QCOMPARE(again.runId, qint64(7));
    // Version 2's table and columns are usable.
    AddOptions labelled;
    labelled.label = QStringLiteral("after-migration");
    const AddResult size = lib.addFile(dataPath(kBinary), progress, labelled);
    QVERIFY2(size.outcome == AddResult::Outcome::Stored, qPrintable(size.error));
    QVERIFY(!lib.crates(size.runId).empty());
    QCOMPARE(lib.runs({QString(), QStringLiteral("after-migration")}).size(), std::size_t(1));

    // Opening again applies nothing twice.
    lib.close();
    const QStringList before = snapshot(db);
    QVERIFY(lib.open(db));
    QCOMPARE(lib.schemaVersion(), RunLibrary::SchemaVersion);
    QCOMPARE(snapshot(db), before);
}

void TestRunLibrary::refusesForeignAndNewerDatabases()
{
    QTemporaryDir dir;
    QString error;

    const QString newer = dir.filePath(QStringLiteral("newer.sqlite"));
    {
        RawDb raw(newer);
        QVERIFY(raw.exec(QStringLiteral("PRAGMA application_id = 1112305267" /* 'BLns' */)));
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE runs (id INTEGER PRIMARY KEY, future TEXT)")));
        QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    RunLibrary lib;
    QVERIFY(!lib.open(newer, &error));
    QVERIFY2(error.contains(newer) && error.contains(QStringLiteral("newer BuildLens")), qPrintable(error));
    QVERIFY(!lib.isOpen());
    QCOMPARE(snapshot(newer).last(), QStringLiteral("user_version 99"));

    const QString foreign = dir.filePath(QStringLiteral("foreign.sqlite"));
    {
        RawDb raw(foreign);
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE notes (text TEXT)")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO notes VALUES ('keep me')")));
    }
    const QByteArray foreignBytes = fileBytes(foreign);
    QVERIFY(!lib.open(foreign, &error));
    QVERIFY2(error.contains(foreign) && error.contains(QStringLiteral("not a BuildLens run library")),
             qPrintable(error));
    QCOMPARE(fileBytes(foreign), foreignBytes);

    const QString garbage = dir.filePath(QStringLiteral("garbage.sqlite"));
    const QByteArray text = "this is not a database, and it must stay exactly as it is\n";
    QVERIFY(writeFile(garbage, text.repeated(100)));
    QVERIFY(!lib.open(garbage, &error));
    QVERIFY2(error.contains(garbage), qPrintable(error));
    QCOMPARE(fileBytes(garbage), text.repeated(100));

    // The same instance opens a good library afterwards.
    QVERIFY2(lib.open(dir.filePath(QStringLiteral("good.sqlite")), &error), qPrintable(error));
    QCOMPARE(lib.schemaVersion(), RunLibrary::SchemaVersion);
}

void TestRunLibrary::cliLabelStoredRun()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("label.sqlite"));
    CliRun r = runCli({QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db, kTimings,
                       kTimingsIncremental});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // a run stored without a label gets one afterwards, and the filter finds it
    r = runCli({QStringLiteral("history"), QStringLiteral("label"), QStringLiteral("--db"), db,
                QStringLiteral("2"), QStringLiteral("after the ts-core edit")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto labelled = [&](const QString& label) {
        const CliRun list = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"),
                                    db, QStringLiteral("--json"), QStringLiteral("--label"), label});
        std::vector<qint64> ids;
        const json doc =
            json::parse(list.out.toStdString()); // kept: a loop over a temporary's member dangles
        for (const json& run : doc.at("runs"))
            ids.push_back(run.at("id").get<qint64>());
        return ids;
    };
    QCOMPARE(labelled(QStringLiteral("after the ts-core edit")), std::vector<qint64>{2});
    RunLibrary library;
    QVERIFY(library.open(db));
    QCOMPARE(library.run(2)->label, QStringLiteral("after the ts-core edit"));
    QVERIFY(library.run(1)->label.isEmpty());
    // "" removes it
    r = runCli({QStringLiteral("history"), QStringLiteral("label"), QStringLiteral("--db"), db,
                QStringLiteral("2"), QString()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(library.run(2)->label.isEmpty());
    // no such run: exit 1 naming it; not a number: wrong usage
    r = runCli({QStringLiteral("history"), QStringLiteral("label"), QStringLiteral("--db"), db,
                QStringLiteral("9"), QStringLiteral("x")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("there is no run 9"), r.err.constData());
    r = runCli({QStringLiteral("history"), QStringLiteral("label"), QStringLiteral("--db"), db,
                QStringLiteral("two"), QStringLiteral("x")});
    QCOMPARE(r.exitCode, 2);
    QString error;
    QVERIFY(!library.setLabel(42, QStringLiteral("x"), &error));
    QVERIFY(error.contains(QStringLiteral("42")));
}

void TestRunLibrary::cliAddAndList()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cli.sqlite"));
    CliRun r = runCli({QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db,
                       QStringLiteral("--label"), QStringLiteral("main"), kTimings, kBinary});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QStringLiteral("stored: %1 as run 1 (timings)").arg(kTimings)), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("stored: %1 as run 2 (binary-size)").arg(kBinary)), qPrintable(out));

    r = runCli(
        {QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db=") + db, kTimings, kProfile});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QStringLiteral("skipped: %1 is already stored as run 1").arg(kTimings)),
             qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("stored: %1 as run 3 (self-profile)").arg(kProfile)),
             qPrintable(out));

    r = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db,
                QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json doc = json::parse(r.out.toStdString());
    const json& runs = doc.at("runs");
    QCOMPARE(runs.size(), std::size_t(3));
    std::map<std::int64_t, json> byId;
    for (const json& run : runs) {
        for (const char* key : {"id",
                                "kind",
                                "source",
                                "file",
                                "content_hash",
                                "imported_at",
                                "build_date",
                                "host",
                                "rustc",
                                "profile",
                                "label",
                                "total_seconds",
                                "critical_path_seconds",
                                "unit_count",
                                "fresh_units",
                                "parallelism",
                                "text_size",
                                "file_size",
                                "function_count",
                                "total_time_ns",
                                "event_count",
                                "package_count",
                                "command"})
            QVERIFY2(run.contains(key), key);
        QCOMPARE(run.size(), std::size_t(23)); // "failed" only for a build BuildLens ran
        QVERIFY(run.at("command").is_null() && !run.contains("failed"));
        byId[run.at("id").get<std::int64_t>()] = run;
    }
    const json& t = byId.at(1);
    QCOMPARE(text(t.at("kind")), QStringLiteral("timings"));
    QCOMPARE(QString::fromStdString(t.at("file").get<std::string>()), absoluteData(kTimings));
    QCOMPARE(text(t.at("label")), QStringLiteral("main"));
    QCOMPARE(t.at("total_seconds").get<double>(), 6.29);
    QCOMPARE(t.at("unit_count").get<int>(), 40);
    QCOMPARE(text(t.at("profile")), QStringLiteral("dev"));
    QCOMPARE(text(t.at("build_date")), QStringLiteral("2026-11-24T07:06:29.948Z"));
    QVERIFY(t.at("critical_path_seconds").is_number());
    QVERIFY(t.at("text_size").is_null());
    const json& b = byId.at(2);
    QCOMPARE(text(b.at("kind")), QStringLiteral("binary-size"));
    QCOMPARE(b.at("text_size").get<std::int64_t>(), 843907);
    QVERIFY(b.at("total_seconds").is_null() && b.at("unit_count").is_null() && b.at("rustc").is_null());
    const json& p = byId.at(3);
    QCOMPARE(text(p.at("kind")), QStringLiteral("self-profile"));
    QVERIFY(p.at("label").is_null());
    QCOMPARE(p.at("total_time_ns").get<std::int64_t>(), 21423181);

    r = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db,
                QStringLiteral("--json"), QStringLiteral("--kind"), QStringLiteral("binary-size")});
    QCOMPARE(r.exitCode, 0);
    const json filtered = json::parse(r.out.toStdString()).at("runs");
    QCOMPARE(filtered.size(), std::size_t(1));
    QCOMPARE(filtered[0].at("id").get<int>(), 2);
    r = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db,
                QStringLiteral("--json"), QStringLiteral("--label"), QStringLiteral("main")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(json::parse(r.out.toStdString()).at("runs").size(), std::size_t(2));

    r = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db});
    QCOMPARE(r.exitCode, 0);
    out = QString::fromUtf8(r.out);
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines[0].startsWith(QStringLiteral("ID")) && lines[0].contains(QStringLiteral("KIND")),
             qPrintable(out));
    QVERIFY2(out.contains(absoluteData(kTimings)) && out.contains(QStringLiteral("6.29 s")) &&
                 out.contains(QStringLiteral(".text 843907 bytes")),
             qPrintable(out));
}

void TestRunLibrary::cliBadInput()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cli.sqlite"));
    CliRun r =
        runCli({QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db, kTimings});
    QCOMPARE(r.exitCode, 0);
    const QStringList before = snapshot(db);

    const QString garbage = dir.filePath(QStringLiteral("garbage.html"));
    QVERIFY(writeFile(garbage, QByteArray("<html><body>not a timings report</body></html>\n")));
    const QString truncated = dir.filePath(QStringLiteral("truncated.html"));
    const QByteArray html = fileBytes(dataPath(kTimingsIncremental));
    QVERIFY(writeFile(truncated, html.left(html.indexOf("const UNIT_DATA") + 5000)));
    const QString missing = QStringLiteral("no/such/file.html");
    r = runCli({QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db, missing,
                garbage, truncated, kTimingsIncremental});
    QCOMPARE(r.exitCode, 1);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(missing) && err.contains(QStringLiteral("does not exist")), qPrintable(err));
    QVERIFY2(err.contains(garbage), qPrintable(err));
    QVERIFY2(err.contains(truncated + QStringLiteral(": line ")) && err.contains(QStringLiteral("truncated")),
             qPrintable(err));
    // The good input after the bad ones is still stored, and nothing stored before is touched.
    QVERIFY2(r.out.contains("stored: " + kTimingsIncremental.toUtf8() + " as run 2"), r.out.constData());
    const QStringList after = snapshot(db);
    QCOMPARE(after.size(), before.size() + 1 + 40);
    for (const QString& row : before)
        QVERIFY2(after.contains(row), qPrintable(row));

    // A run library that is not one: exit 1, the file named and left alone.
    const QString notDb = dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(notDb, QByteArray("my notes\n").repeated(200)));
    r = runCli({QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), notDb, kTimings});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(notDb), r.err.constData());
    QCOMPARE(fileBytes(notDb), QByteArray("my notes\n").repeated(200));

    r = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"),
                dir.filePath(QStringLiteral("missing.sqlite"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(dir.filePath(QStringLiteral("missing.sqlite"))),
             r.err.constData());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("missing.sqlite"))));
}

void TestRunLibrary::cliUsage()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cli.sqlite"));
    const QList<QStringList> wrong = {
        {QStringLiteral("history")},
        {QStringLiteral("history"), QStringLiteral("remove")},
        {QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db},
        {QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db")},
        {QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db,
         QStringLiteral("--json"), kTimings},
        {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db, kTimings},
    };
    for (const QStringList& args : wrong) {
        const CliRun r = runCli(args);
        QVERIFY2(r.exitCode == 2, qPrintable(args.join(QLatin1Char(' '))));
        QVERIFY(r.err.contains("buildlens --help"));
    }
    QVERIFY(!QFileInfo::exists(db));
    QVERIFY(runCli({QStringLiteral("--help")}).out.contains("buildlens history add|list"));
    const CliRun help = runCli({QStringLiteral("history"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("buildlens history add") && help.out.contains("buildlens history list"));
    QVERIFY(help.out.contains("runs.sqlite"));
}

void TestRunLibrary::cliDefaultLocation()
{
    QTemporaryDir home;
    QProcessEnvironment env = cliEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    const QString expected = home.filePath(QStringLiteral("data/BuildLens/BuildLens/runs.sqlite"));

    // Before the first add, the default library is simply empty, and listing it creates nothing.
    CliRun r = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json")}, env);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(json::parse(r.out.toStdString()).at("runs").size(), std::size_t(0));
    QVERIFY(!QFileInfo::exists(expected));

    r = runCli({QStringLiteral("history"), QStringLiteral("add"), kTimings}, env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFileInfo::exists(expected));
    RunLibrary lib;
    QVERIFY(lib.open(expected));
    QCOMPARE(lib.runs().size(), std::size_t(1));
    QCOMPARE(lib.runs().front().file, absoluteData(kTimings));

    r = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json")}, env);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(json::parse(r.out.toStdString()).at("runs").size(), std::size_t(1));
}

void TestRunLibrary::cliKilledMidImportLeavesNoPartialRun()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("kill.sqlite"));
    CliRun r =
        runCli({QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db, kTimings});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList before = snapshot(db);
    QCOMPARE(before.filter(QStringLiteral("run_units|")).size(), 40);

    for (const QString& input : {kTimingsIncremental, kBinary}) {
        QProcess p;
        p.setWorkingDirectory(QStringLiteral(BUILDLENS_TEST_DATA));
        QProcessEnvironment env = cliEnvironment();
        env.insert(QStringLiteral("BUILDLENS_TEST_PAUSE_IN_IMPORT"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.setReadChannel(QProcess::StandardError);
        p.start(QStringLiteral(BUILDLENS_EXE),
                {QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db, input});
        QByteArray err;
        while (!err.contains("test pause in import") && p.waitForReadyRead(120000))
            err += p.readAllStandardError();
        QVERIFY2(err.contains("test pause in import"), err.constData());
        QCOMPARE(p.state(), QProcess::Running);
        {
            // While the writer sits in its transaction, its rows exist only there.
            RawDb raw(db);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM runs")).toInt(), 1);
        }
        p.kill(); // SIGKILL: no destructor, no rollback, no close
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        {
            RawDb raw(db);
            QVERIFY(raw.ok());
            QCOMPARE(raw.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
            QCOMPARE(raw.scalar(QStringLiteral("PRAGMA foreign_key_check")), QVariant());
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM runs")).toInt(), 1);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM run_units WHERE run_id <> 1")).toInt(),
                     0);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM run_crates")).toInt(), 0);
        }
        QCOMPARE(snapshot(db), before);
    }

    // The interrupted inputs were never stored, so adding them now stores them.
    r = runCli({QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db,
                kTimingsIncremental, kBinary});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("stored: " + kTimingsIncremental.toUtf8() + " as run 2"), r.out.constData());
    QVERIFY2(r.out.contains("stored: " + kBinary.toUtf8()), r.out.constData());
    RunLibrary lib;
    QVERIFY(lib.open(db));
    QCOMPARE(lib.runs().size(), std::size_t(3));
    QCOMPARE(lib.units(2).size(), std::size_t(40));
}

QTEST_GUILESS_MAIN(TestRunLibrary)
// A timings report of 1.5 GB (sparse: it takes no disk) is refused by its size, before a byte is hashed, with
// the limit named; so is a pipe, which would block the hash forever.
void TestRunLibrary::tooLargeIsRefusedBeforeHashing()
{
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("huge.html"));
    QFile report(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(report.open(QIODevice::ReadOnly));
    QFile f(big);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(report.readAll());
    QVERIFY(f.resize(qint64(1536) << 20));
    f.close();
    QString error;
    QVERIFY(RunLibrary::hashSource(big, &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("1536 MB, more than the 1024 MB")), qPrintable(error));
    QVERIFY(error.startsWith(big));
    // an llvm-lines table has a smaller limit: each row costs about four times its bytes in memory
    const QString lines = dir.filePath(QStringLiteral("lines.txt"));
    QFile table(dataPath(QStringLiteral("binary/llvm-lines.textstat.release.txt")));
    QVERIFY(table.open(QIODevice::ReadOnly));
    QFile l(lines);
    QVERIFY(l.open(QIODevice::WriteOnly));
    l.write(table.readAll());
    QVERIFY(l.resize(qint64(300) << 20));
    l.close();
    QVERIFY(RunLibrary::hashSource(lines, &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("300 MB, more than the 256 MB")), qPrintable(error));
    const QString fifo = dir.filePath(QStringLiteral("pipe.html"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    QVERIFY(RunLibrary::hashSource(fifo, &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("pipe")), qPrintable(error));
    // a file within its limit hashes as before
    QVERIFY(
        !RunLibrary::hashSource(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html"))).isEmpty());
}

#include "tst_run_library.moc"
