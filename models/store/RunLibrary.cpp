#include "RunLibrary.h"

#include "../core/Tr.h"
#include "analysis/TimingsAnalysis.h"
#include "import/AnyImporter.h"
#include "import/FileKind.h"
#include "import/ImportUtil.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <algorithm>
#include <atomic>

namespace bl {

const QStringList& storedRunKinds()
{
    static const QStringList kinds = {QStringLiteral("timings"),          QStringLiteral("self-profile"),
                                      QStringLiteral("self-profile-set"), QStringLiteral("binary-size"),
                                      QStringLiteral("llvm-lines"),       QStringLiteral("cargo-metadata"),
                                      QStringLiteral("benchmark")};
    return kinds;
}

namespace {

// 'BLns': tells a BuildLens run library from any other SQLite file.
constexpr qint64 kApplicationId = 0x424C6E73;

// Each entry brings the schema from version N to N + 1 and is applied in one transaction, so a database is
// always at exactly one version. Never edit a step once released: add a new one. One statement per string
// (Qt's SQLite driver runs only the first statement of a query).
const std::vector<std::vector<QString>>& migrations()
{
    static const std::vector<std::vector<QString>> steps = {
        // 1: runs and the units of timings runs
        {
            QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId),
            QStringLiteral("CREATE TABLE runs ("
                           " id INTEGER PRIMARY KEY,"
                           " content_hash TEXT NOT NULL UNIQUE,"
                           " kind TEXT NOT NULL,"
                           " source TEXT NOT NULL DEFAULT '',"
                           " file TEXT NOT NULL,"
                           " imported_at TEXT NOT NULL,"
                           " build_date TEXT,"
                           " host TEXT,"
                           " rustc TEXT,"
                           " profile TEXT,"
                           " total_seconds REAL,"
                           " critical_path_seconds REAL,"
                           " unit_count INTEGER,"
                           " parallelism REAL,"
                           " text_size INTEGER,"
                           " file_size INTEGER,"
                           " function_count INTEGER,"
                           " total_time_ns INTEGER,"
                           " event_count INTEGER)"),
            QStringLiteral("CREATE TABLE run_units ("
                           " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " name TEXT NOT NULL,"
                           " version TEXT NOT NULL,"
                           " target TEXT NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " mode TEXT NOT NULL,"
                           " start REAL NOT NULL,"
                           " duration REAL NOT NULL,"
                           " fresh INTEGER NOT NULL DEFAULT 0,"
                           " PRIMARY KEY (run_id, position))"),
        },
        // 2: user labels, crates of size runs, package counts, critical-path units, indexes for the filters
        {
            QStringLiteral("ALTER TABLE runs ADD COLUMN label TEXT"),
            QStringLiteral("ALTER TABLE runs ADD COLUMN package_count INTEGER"),
            QStringLiteral("ALTER TABLE run_units ADD COLUMN critical INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE TABLE run_crates ("
                           " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " name TEXT NOT NULL,"
                           " size INTEGER NOT NULL,"
                           " symbols INTEGER NOT NULL,"
                           " PRIMARY KEY (run_id, position))"),
            QStringLiteral("CREATE INDEX runs_kind ON runs(kind, build_date)"),
            QStringLiteral("CREATE INDEX runs_label ON runs(label, build_date)"),
        },
        // 3: how many units of a timings run were fresh, so that clean and incremental builds trend apart
        {
            QStringLiteral("ALTER TABLE runs ADD COLUMN fresh_units INTEGER"),
            QStringLiteral("UPDATE runs SET fresh_units = (SELECT COUNT(*) FROM run_units WHERE "
                           "run_units.run_id = runs.id AND run_units.fresh = 1) WHERE kind = 'timings'"),
        },
        // 4: builds BuildLens ran itself: the cargo command and whether it failed
        {
            QStringLiteral("ALTER TABLE runs ADD COLUMN command TEXT"),
            QStringLiteral("ALTER TABLE runs ADD COLUMN failed INTEGER"),
        },
    };
    return steps;
}

const char* const kRunColumns =
    "id, content_hash, kind, source, file, imported_at, build_date, host, rustc, profile, label, "
    "total_seconds, critical_path_seconds, unit_count, parallelism, text_size, file_size, function_count, "
    "total_time_ns, event_count, package_count, fresh_units, command, failed";

std::optional<double> optDouble(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

std::optional<qint64> optInt(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

template <typename T> QVariant toVariant(const std::optional<T>& v)
{
    return v ? QVariant::fromValue(*v) : QVariant();
}

// A null QString binds as SQL NULL; columns that are NOT NULL take it as the empty text it means.
QVariant notNull(const QString& s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

StoredRun readRun(const QSqlQuery& q)
{
    StoredRun r;
    r.id = q.value(0).toLongLong();
    r.contentHash = q.value(1).toString();
    r.kind = q.value(2).toString();
    r.source = q.value(3).toString();
    r.file = q.value(4).toString();
    r.importedAt = q.value(5).toString();
    r.buildDate = q.value(6).toString();
    r.host = q.value(7).toString();
    r.rustc = q.value(8).toString();
    r.profile = q.value(9).toString();
    r.label = q.value(10).toString();
    r.totalSeconds = optDouble(q.value(11));
    r.criticalPathSeconds = optDouble(q.value(12));
    r.unitCount = optInt(q.value(13));
    r.parallelism = optDouble(q.value(14));
    r.textSize = optInt(q.value(15));
    r.fileSize = optInt(q.value(16));
    r.functionCount = optInt(q.value(17));
    r.totalTimeNs = optInt(q.value(18));
    r.eventCount = optInt(q.value(19));
    r.packageCount = optInt(q.value(20));
    r.freshUnits = optInt(q.value(21));
    r.command = q.value(22).toString();
    if (!q.value(23).isNull())
        r.failed = q.value(23).toInt() != 0;
    return r;
}

QString utcIso(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

// Build dates are compared as text (ordering, trends), so every one is written the same way: UTC, ISO 8601.
QString normalisedDate(const QString& written)
{
    const QDateTime t = QDateTime::fromString(written, Qt::ISODateWithMs);
    return t.isValid() ? utcIso(t) : written;
}

QString fileDate(const QString& path)
{
    return utcIso(QFileInfo(path).lastModified());
}

QString profileDate(std::uint64_t startTimeNs, const QString& path)
{
    if (startTimeNs == 0)
        return fileDate(path);
    return utcIso(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(startTimeNs / 1000000), Qt::UTC));
}

QStringList profileDirectoryFiles(const QDir& dir)
{
    return dir.entryList({QStringLiteral("*.mm_profdata")}, QDir::Files, QDir::Name);
}

bool hashFile(QCryptographicHash& hash, const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, tr("cannot be read: %1").arg(f.errorString()));
        return false;
    }
    if (!hash.addData(&f)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, tr("cannot be read: %1").arg(f.errorString()));
        return false;
    }
    return true;
}

// A connection's SQL with the database file named in every message.
class Sql
{
public:
    Sql(const QString& connection, const QString& path)
        : m_db(QSqlDatabase::database(connection, false))
        , m_path(path)
    {
    }

    QSqlDatabase& db() { return m_db; }
    QString lastText() const { return m_lastText; }

    bool exec(const QString& sql, QString* error)
    {
        QSqlQuery q(m_db);
        if (q.exec(sql))
            return true;
        return setError(q.lastError(), error);
    }
    bool exec(const char* sql, QString* error) { return exec(QString::fromLatin1(sql), error); }

    std::optional<qint64> scalar(const char* sql, QString* error)
    {
        QSqlQuery q(m_db);
        if (!q.exec(QString::fromLatin1(sql))) {
            setError(q.lastError(), error);
            return std::nullopt;
        }
        return q.next() ? q.value(0).toLongLong() : 0;
    }

    bool setError(const QSqlError& e, QString* error)
    {
        m_lastText = e.text();
        if (error)
            *error = QStringLiteral("%1: %2").arg(m_path, tr("database error: %1").arg(e.text()));
        return false;
    }

    // BEGIN IMMEDIATE takes the write lock up front, so two writers wait for each other (busy timeout)
    // instead of one failing when it upgrades a read lock.
    bool begin(QString* error) { return exec("BEGIN IMMEDIATE", error); }
    bool commit(QString* error) { return exec("COMMIT", error); }
    void rollback() { exec("ROLLBACK", nullptr); }

private:
    QSqlDatabase m_db;
    QString m_path;
    QString m_lastText;
};

std::atomic<quint64> g_connectionCounter{0};

// Database errors name the input as well as the database, like every other message about an input.
QString notStoredMessage(const QString& file, const QString& why)
{
    return QStringLiteral("%1: %2").arg(file, tr("not stored: %1").arg(why));
}

// Opens an add's write transaction and checks, under its lock, that `contentHash` is not stored yet: another
// writer may have stored the same file since the caller looked. Empty when the add goes on; else its result
// (skipped, or failed), with the transaction rolled back.
std::optional<AddResult> beginAdd(Sql& sql, const QString& file, const QString& contentHash)
{
    AddResult result;
    QString dbError;
    if (!sql.begin(&dbError)) {
        result.error = notStoredMessage(file, dbError);
        return result;
    }
    QSqlQuery q(sql.db());
    q.prepare(QStringLiteral("SELECT id FROM runs WHERE content_hash = ?"));
    q.addBindValue(contentHash);
    if (!q.exec()) {
        sql.setError(q.lastError(), &dbError);
        result.error = notStoredMessage(file, dbError);
    } else if (q.next()) {
        result.outcome = AddResult::Outcome::Skipped;
        result.runId = q.value(0).toLongLong();
    } else {
        return std::nullopt;
    }
    q.finish();
    sql.rollback();
    return result;
}

} // namespace

RunLibrary::RunLibrary()
    : m_connection(QStringLiteral("buildlens-runs-%1").arg(g_connectionCounter.fetch_add(1)))
{
}

RunLibrary::~RunLibrary()
{
    close();
}

void RunLibrary::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QString RunLibrary::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs.sqlite");
}

bool RunLibrary::fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    close();
    return false;
}

bool RunLibrary::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

bool RunLibrary::open(const QString& path, QString* error)
{
    close();
    m_path = path;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return fail(error, QStringLiteral("%1: %2").arg(
                               path, tr("Qt's SQLite driver is not installed (Debian: libqt6sql6-sqlite)")));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        if (!db.open())
            return fail(error, QStringLiteral("%1: %2").arg(
                                   path, tr("cannot open the database: %1").arg(db.lastError().text())));
    }
    // The connection is removed only once every handle to it is gone, hence the separate function.
    const QString problem = checkAndMigrate();
    return problem.isEmpty() || fail(error, problem);
}

QString RunLibrary::checkAndMigrate()
{
    Sql sql(m_connection, m_path);
    QString sqlError;
    // Reading the header is the first access to the file: a file that is not SQLite fails here.
    const auto version = sql.scalar("PRAGMA user_version", &sqlError);
    if (!version)
        return QStringLiteral("%1: %2").arg(m_path,
                                            tr("not a BuildLens run library (%1)").arg(sql.lastText()));
    const auto appId = sql.scalar("PRAGMA application_id", &sqlError);
    const auto tables = sql.scalar("SELECT count(*) FROM sqlite_master", &sqlError);
    if (!appId || !tables)
        return sqlError;
    if ((*version == 0 && *tables > 0) || (*version > 0 && *appId != kApplicationId))
        return QStringLiteral("%1: %2").arg(m_path, tr("not a BuildLens run library"));
    if (*version > SchemaVersion)
        return QStringLiteral("%1: %2").arg(
            m_path, tr("written by a newer BuildLens (schema version %1; this one reads up to %2)")
                        .arg(*version)
                        .arg(SchemaVersion));
    // foreign_keys is per connection and off by default; it is what makes ON DELETE CASCADE work. WAL lets
    // the window read the history while an import writes.
    if (!sql.exec("PRAGMA foreign_keys = ON", &sqlError) || !sql.exec("PRAGMA journal_mode = WAL", &sqlError))
        return sqlError;

    const auto& steps = migrations();
    for (int target = static_cast<int>(*version) + 1; target <= SchemaVersion; ++target) {
        if (!sql.begin(&sqlError))
            return sqlError;
        // Read again under the write lock: another process may have migrated meanwhile.
        const auto current = sql.scalar("PRAGMA user_version", &sqlError);
        if (!current) {
            sql.rollback();
            return sqlError;
        }
        if (*current >= target) {
            sql.rollback();
            continue;
        }
        bool ok = true;
        for (const QString& statement : steps[static_cast<std::size_t>(target - 1)])
            ok = ok && sql.exec(statement, &sqlError);
        ok = ok && sql.exec(QStringLiteral("PRAGMA user_version = %1").arg(target), &sqlError);
        if (!ok || !sql.commit(&sqlError)) {
            sql.rollback();
            return QStringLiteral("%1 (%2)").arg(sqlError,
                                                 tr("while upgrading the schema to version %1").arg(target));
        }
    }
    return {};
}

int RunLibrary::schemaVersion() const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    return q.exec(QStringLiteral("PRAGMA user_version")) && q.next() ? q.value(0).toInt() : 0;
}

QString RunLibrary::hashSource(const QString& path, QString* error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, tr("the file does not exist"));
        return {};
    }
    QString why;
    if (!info.isDir() && !detail::isRegularFile(path, &why)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, why);
        return {};
    }
    // a file too large for its kind is refused before it is hashed (hashing 2 GB takes 20 s)
    if (!info.isDir()) {
        QFile head(path);
        const qint64 limit = head.open(QIODevice::ReadOnly) ? fileSizeLimit(peekFileKind(head)) : -1;
        if (limit >= 0 && info.size() > limit) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(
                    path, tr("the file is %1 MB, more than the %2 MB this kind of file can reasonably be")
                              .arg(info.size() / (1024 * 1024))
                              .arg(limit / (1024 * 1024)));
            return {};
        }
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (info.isDir()) {
        const QDir dir(path);
        for (const QString& name : profileDirectoryFiles(dir)) {
            const QByteArray n = name.toUtf8();
            hash.addData(n);
            hash.addData(QByteArrayView("\0", 1));
            if (!hashFile(hash, dir.filePath(name), error))
                return {};
        }
    } else if (!hashFile(hash, path, error)) {
        return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

std::optional<qint64> RunLibrary::findByHash(const QString& contentHash) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT id FROM runs WHERE content_hash = ?"));
    q.addBindValue(contentHash);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return std::nullopt;
}

AddResult RunLibrary::addFile(const QString& file, Progress& progress, const AddOptions& options)
{
    AddResult result;
    if (!isOpen()) {
        result.error = QStringLiteral("%1: %2").arg(m_path, tr("the run library is not open"));
        return result;
    }
    const QString hash = hashSource(file, &result.error);
    if (hash.isEmpty())
        return result;
    // Skip before importing: a large profile or binary need not be read again to learn it is stored.
    if (const auto existing = findByHash(hash)) {
        result.outcome = AddResult::Outcome::Skipped;
        result.runId = *existing;
        return result;
    }
    ImportOptions importOptions;
    importOptions.profile.keepEvents = false; // only the aggregate is stored
    const Result<ImportedData> imported = importAny(file, progress, importOptions);
    if (!imported) {
        result.error = imported.error().toString();
        return result;
    }
    return addImported(*imported.value(), file, hash, options);
}

AddResult RunLibrary::addBenchmark(const Benchmark& benchmark, const QString& file,
                                   const QString& contentHash, const AddOptions& options)
{
    // one run per measured time, each result a series: what `buildlens bench` stores, from hyperfine's file
    Sql sql(m_connection, m_path);
    // the runs of one file are stored together: the first one's key stands for all
    if (auto done = beginAdd(sql, file, contentHash + QStringLiteral(":1:1")))
        return *done;
    AddResult result;
    result.runsStored = 0;
    QString dbError;
    auto sqlFailure = [&](QSqlQuery& q) {
        sql.setError(q.lastError(), &dbError);
        q.finish();
        sql.rollback();
        result.error = notStoredMessage(file, dbError);
        return result;
    };
    // hyperfine's file records no dates: the runs take the file's, one millisecond apart in the order they
    // ran
    QDateTime date = QFileInfo(file).lastModified().toUTC();
    qint64 offset = 0;
    std::size_t count = 0;
    for (const auto& r : benchmark.results)
        count += r.times.size();
    date = date.addMSecs(-qint64(count));
    QSqlQuery insert(sql.db());
    insert.prepare(
        QStringLiteral("INSERT INTO runs (content_hash, kind, source, file, imported_at, build_date, "
                       "label, total_seconds, command, failed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QString importedAt = utcIso(QDateTime::currentDateTimeUtc());
    for (std::size_t r = 0; r < benchmark.results.size(); ++r) {
        const Benchmark::Result& res = benchmark.results[r];
        const QString series = options.label.isEmpty() ? res.seriesName()
                               : benchmark.results.size() == 1
                                   ? options.label
                                   : QStringLiteral("%1: %2").arg(options.label, res.seriesName());
        for (std::size_t t = 0; t < res.times.size(); ++t) {
            const int exitCode = t < res.exitCodes.size() ? res.exitCodes[t] : 0;
            for (const QVariant& v :
                 {QVariant(QStringLiteral("%1:%2:%3").arg(contentHash).arg(r + 1).arg(t + 1)),
                  QVariant(QStringLiteral("benchmark")), QVariant(QStringLiteral("hyperfine")),
                  QVariant(QFileInfo(file).absoluteFilePath()), QVariant(importedAt),
                  QVariant(utcIso(date.addMSecs(offset++))), textOrNull(series), QVariant(res.times[t]),
                  textOrNull(res.command), QVariant(exitCode != 0 ? 1 : 0)})
                insert.addBindValue(v);
            if (!insert.exec())
                return sqlFailure(insert);
            if (result.runId < 0)
                result.runId = insert.lastInsertId().toLongLong();
            ++result.runsStored;
        }
    }
    if (!sql.commit(&dbError)) {
        result.error = notStoredMessage(file, dbError);
        return result;
    }
    result.outcome = AddResult::Outcome::Stored;
    return result;
}

AddResult RunLibrary::addImported(const ImportedData& data, const QString& file, const QString& contentHash,
                                  const AddOptions& options)
{
    AddResult result;
    if (!isOpen()) {
        result.error = QStringLiteral("%1: %2").arg(m_path, tr("the run library is not open"));
        return result;
    }
    if (data.benchmark)
        return addBenchmark(*data.benchmark, file, contentHash, options);
    StoredRun run;
    run.contentHash = contentHash;
    run.file = QFileInfo(file).absoluteFilePath();
    run.importedAt = utcIso(QDateTime::currentDateTimeUtc());
    run.label = options.label;
    run.command = options.command;
    run.failed = options.failed;
    std::vector<StoredUnit> units;
    std::vector<StoredCrate> crates;
    if (data.timings) {
        const TimingsRun& t = *data.timings;
        const auto analysis = analyse(data.timings);
        run.kind = QStringLiteral("timings");
        run.source = timingsSourceKey(t.source);
        run.buildDate = t.buildStart.isEmpty() ? fileDate(file) : normalisedDate(t.buildStart);
        run.host = t.host;
        run.rustc = t.rustcVersion;
        run.profile = t.profile;
        run.totalSeconds = analysis->summary.wallSeconds;
        if (analysis->critical.available)
            run.criticalPathSeconds = analysis->critical.seconds;
        run.unitCount = analysis->summary.unitCount;
        run.freshUnits = analysis->summary.freshUnits;
        run.parallelism = analysis->summary.parallelism;
        units.reserve(t.units.size());
        for (std::size_t i = 0; i < t.units.size(); ++i) {
            const Unit& u = t.units[i];
            units.push_back({static_cast<int>(i), u.name, u.version, u.target, unitKindKey(u.kind), u.mode,
                             u.start, u.duration, u.fresh,
                             i < analysis->onCriticalPath.size() && analysis->onCriticalPath[i] != 0});
        }
    } else if (data.profile) {
        const SelfProfile& p = *data.profile;
        run.kind = QStringLiteral("self-profile");
        run.source = p.source;
        run.buildDate = profileDate(p.startTimeNs, file);
        run.totalTimeNs = p.summary.totalTime;
        run.totalSeconds = static_cast<double>(p.summary.totalTime) / 1e9;
        run.eventCount = static_cast<qint64>(p.eventCount);
    } else if (data.profiles) {
        run.kind = QStringLiteral("self-profile-set");
        run.source = QStringLiteral("mm_profdata");
        std::uint64_t earliest = 0;
        qint64 total = 0, events = 0;
        for (const auto& p : data.profiles->profiles) {
            total += p->summary.totalTime;
            events += static_cast<qint64>(p->eventCount);
            if (p->startTimeNs != 0 && (earliest == 0 || p->startTimeNs < earliest))
                earliest = p->startTimeNs;
        }
        run.buildDate = profileDate(earliest, file);
        run.totalTimeNs = total;
        run.totalSeconds = static_cast<double>(total) / 1e9;
        run.eventCount = events;
    } else if (data.size) {
        const SizeReport& s = *data.size;
        run.kind = s.isLlvmLines() ? QStringLiteral("llvm-lines") : QStringLiteral("binary-size");
        run.source = s.source;
        run.buildDate = fileDate(file);
        run.textSize = static_cast<qint64>(s.isLlvmLines() ? s.totalLines : s.textSize);
        if (!s.isLlvmLines())
            run.fileSize = static_cast<qint64>(s.fileSize);
        run.functionCount = static_cast<qint64>(s.functions.size());
        crates.reserve(s.crates.size());
        for (std::size_t i = 0; i < s.crates.size(); ++i)
            crates.push_back({static_cast<int>(i), s.crates[i].name, static_cast<qint64>(s.crates[i].size),
                              static_cast<qint64>(s.crates[i].symbols)});
    } else if (data.graph) {
        run.kind = QStringLiteral("cargo-metadata");
        run.source = QStringLiteral("cargo-metadata");
        run.buildDate = fileDate(file);
        run.packageCount = static_cast<qint64>(data.graph->packages.size());
    } else {
        result.error = QStringLiteral("%1: %2").arg(file, tr("nothing was imported"));
        return result;
    }

    Sql sql(m_connection, m_path);
    if (auto done = beginAdd(sql, file, contentHash))
        return *done;
    QString dbError;
    auto abandon = [&](const QString& message) {
        sql.rollback();
        result.error = message;
        return result;
    };
    auto sqlFailure = [&](QSqlQuery& q) {
        sql.setError(q.lastError(), &dbError);
        q.finish();
        return abandon(notStoredMessage(file, dbError));
    };
    QSqlQuery insert(sql.db());
    insert.prepare(QStringLiteral(
        "INSERT INTO runs (content_hash, kind, source, file, imported_at, build_date, host, rustc, profile, "
        "label, total_seconds, critical_path_seconds, unit_count, parallelism, text_size, file_size, "
        "function_count, total_time_ns, event_count, package_count, fresh_units, command, failed) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v : {QVariant(run.contentHash),
                              QVariant(run.kind),
                              QVariant(run.source),
                              QVariant(run.file),
                              QVariant(run.importedAt),
                              textOrNull(run.buildDate),
                              textOrNull(run.host),
                              textOrNull(run.rustc),
                              textOrNull(run.profile),
                              textOrNull(run.label),
                              toVariant(run.totalSeconds),
                              toVariant(run.criticalPathSeconds),
                              toVariant(run.unitCount),
                              toVariant(run.parallelism),
                              toVariant(run.textSize),
                              toVariant(run.fileSize),
                              toVariant(run.functionCount),
                              toVariant(run.totalTimeNs),
                              toVariant(run.eventCount),
                              toVariant(run.packageCount),
                              toVariant(run.freshUnits),
                              textOrNull(options.command),
                              options.failed ? QVariant(*options.failed ? 1 : 0) : QVariant()})
        insert.addBindValue(v);
    if (!insert.exec())
        return sqlFailure(insert);
    const qint64 runId = insert.lastInsertId().toLongLong();

    bool midWriteDone = false;
    auto midWrite = [&] {
        if (midWriteDone || !options.midWrite)
            return true;
        midWriteDone = true;
        return options.midWrite();
    };
    const QString abandoned = QStringLiteral("%1: %2").arg(file, tr("the import was abandoned"));

    QSqlQuery unitInsert(sql.db());
    unitInsert.prepare(
        QStringLiteral("INSERT INTO run_units (run_id, position, name, version, target, kind, mode, start, "
                       "duration, fresh, critical) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (std::size_t i = 0; i < units.size(); ++i) {
        const StoredUnit& u = units[i];
        for (const QVariant& v :
             {QVariant(runId), QVariant(u.position), notNull(u.name), notNull(u.version), notNull(u.target),
              notNull(u.kind), notNull(u.mode), QVariant(u.start), QVariant(u.duration),
              QVariant(u.fresh ? 1 : 0), QVariant(u.critical ? 1 : 0)})
            unitInsert.addBindValue(v);
        if (!unitInsert.exec())
            return sqlFailure(unitInsert);
        if (i + 1 == std::max<std::size_t>(1, units.size() / 2) && !midWrite())
            return abandon(abandoned);
    }
    QSqlQuery crateInsert(sql.db());
    crateInsert.prepare(QStringLiteral(
        "INSERT INTO run_crates (run_id, position, name, size, symbols) VALUES (?, ?, ?, ?, ?)"));
    for (std::size_t i = 0; i < crates.size(); ++i) {
        const StoredCrate& c = crates[i];
        for (const QVariant& v :
             {QVariant(runId), QVariant(c.position), notNull(c.name), QVariant(c.size), QVariant(c.symbols)})
            crateInsert.addBindValue(v);
        if (!crateInsert.exec())
            return sqlFailure(crateInsert);
        if (i + 1 == std::max<std::size_t>(1, crates.size() / 2) && !midWrite())
            return abandon(abandoned);
    }
    if (!midWrite())
        return abandon(abandoned);
    if (!sql.commit(&dbError))
        return abandon(notStoredMessage(file, dbError));
    result.outcome = AddResult::Outcome::Stored;
    result.runId = runId;
    return result;
}

std::vector<StoredRun> RunLibrary::runs(const RunFilter& filter) const
{
    std::vector<StoredRun> out;
    if (!isOpen())
        return out;
    QString text = QStringLiteral("SELECT %1 FROM runs").arg(QLatin1String(kRunColumns));
    QStringList conditions;
    QVariantList values;
    if (!filter.kind.isEmpty()) {
        conditions << QStringLiteral("kind = ?");
        values << filter.kind;
    }
    if (!filter.label.isEmpty()) {
        conditions << QStringLiteral("label = ?");
        values << filter.label;
    }
    if (!conditions.isEmpty())
        text += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    text += QStringLiteral(" ORDER BY build_date, id");
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(text);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return out;
    while (q.next())
        out.push_back(readRun(q));
    return out;
}

std::optional<StoredRun> RunLibrary::run(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id = ?").arg(QLatin1String(kRunColumns)));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return readRun(q);
    return std::nullopt;
}

std::vector<StoredUnit> RunLibrary::units(qint64 runId) const
{
    std::vector<StoredUnit> out;
    if (!isOpen())
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT position, name, version, target, kind, mode, start, duration, fresh, "
                             "critical FROM run_units WHERE run_id = ? ORDER BY position"));
    q.addBindValue(runId);
    if (!q.exec())
        return out;
    while (q.next())
        out.push_back({q.value(0).toInt(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                       q.value(6).toDouble(), q.value(7).toDouble(), q.value(8).toInt() != 0,
                       q.value(9).toInt() != 0});
    return out;
}

QStringList RunLibrary::crateNames() const
{
    QStringList out;
    if (!isOpen())
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT name FROM run_units UNION SELECT name FROM run_crates ORDER BY 1")))
        return out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

std::vector<CrateHistoryPoint> RunLibrary::crateHistory(const QString& crate) const
{
    std::vector<CrateHistoryPoint> out;
    if (!isOpen())
        return out;
    const QString key = crateKey(crate);
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT r.id, r.kind, COALESCE(r.build_date, r.imported_at), COALESCE(r.label, ''), "
                       "COALESCE(r.profile, ''),"
                       " SUM(CASE WHEN u.fresh = 0 THEN u.duration ELSE 0 END), SUM(CASE WHEN u.fresh = 0 "
                       "THEN 1 ELSE 0 END),"
                       " SUM(u.fresh), 0 FROM runs r JOIN run_units u ON u.run_id = r.id"
                       " WHERE r.kind = 'timings' AND replace(lower(u.name), '-', '_') = ? GROUP BY r.id"
                       " UNION ALL "
                       "SELECT r.id, r.kind, COALESCE(r.build_date, r.imported_at), COALESCE(r.label, ''), "
                       "COALESCE(r.profile, ''),"
                       " 0, 0, 0, SUM(c.size) FROM runs r JOIN run_crates c ON c.run_id = r.id"
                       " WHERE replace(lower(c.name), '-', '_') = ? GROUP BY r.id"));
    q.addBindValue(key);
    q.addBindValue(key);
    if (!q.exec())
        return out;
    while (q.next()) {
        CrateHistoryPoint p;
        p.run = q.value(0).toLongLong();
        p.kind = q.value(1).toString();
        p.date = q.value(2).toString();
        p.label = q.value(3).toString();
        p.profile = q.value(4).toString();
        p.seconds = q.value(5).toDouble();
        p.units = q.value(6).toInt();
        p.freshUnits = q.value(7).toInt();
        p.size = q.value(8).toULongLong();
        out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(), [](const CrateHistoryPoint& a, const CrateHistoryPoint& b) {
        return a.date != b.date ? a.date < b.date : a.run < b.run;
    });
    return out;
}

std::vector<StoredCrate> RunLibrary::crates(qint64 runId) const
{
    std::vector<StoredCrate> out;
    if (!isOpen())
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT position, name, size, symbols FROM run_crates WHERE run_id = ? ORDER BY position"));
    q.addBindValue(runId);
    if (!q.exec())
        return out;
    while (q.next())
        out.push_back(
            {q.value(0).toInt(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toLongLong()});
    return out;
}

int RunLibrary::changeRun(const QString& statement, const QVariantList& values, QString* error)
{
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(m_path, tr("the run library is not open"));
        return -1;
    }
    Sql sql(m_connection, m_path);
    QSqlQuery q(sql.db());
    q.prepare(statement);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        sql.setError(q.lastError(), error);
        return -1;
    }
    return q.numRowsAffected();
}

bool RunLibrary::setLabel(qint64 id, const QString& label, QString* error)
{
    const int changed =
        changeRun(QStringLiteral("UPDATE runs SET label = ? WHERE id = ?"), {textOrNull(label), id}, error);
    if (changed == 0 && error)
        *error = QStringLiteral("%1: %2").arg(m_path, tr("there is no run %1").arg(id));
    return changed > 0;
}

bool RunLibrary::removeRun(qint64 id, QString* error)
{
    return changeRun(QStringLiteral("DELETE FROM runs WHERE id = ?"), {id}, error) > 0;
}

} // namespace bl
