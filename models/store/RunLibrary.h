#pragma once

#include "core/Progress.h"
#include "report/CrateReport.h"

#include <QString>
#include <QStringList>
#include <QVariant>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace bl {

struct Benchmark;
struct ImportedData;

// One imported file as the run library keeps it. Numbers that do not apply to the run's kind are empty.
struct StoredRun
{
    qint64 id = -1;
    QString contentHash; // SHA-256 of the file's bytes (a profile directory: of its .mm_profdata files), hex
    QString kind;        // "timings", "self-profile", "self-profile-set", "binary-size", "llvm-lines",
                         // "cargo-metadata"
    QString source;      // the importer's own source key ("html", "elf", "mm_profdata", ...)
    QString file;        // absolute path at import time
    QString importedAt;  // UTC, ISO 8601 with milliseconds
    QString buildDate;   // the build's start where the file records it, else the file's mtime; UTC ISO 8601
    QString host;
    QString rustc;
    QString profile;
    QString label; // the user's label (a branch, a ticket), empty if none
    // timings (total_seconds also for self-profiles: summarize's total time)
    std::optional<double> totalSeconds;
    std::optional<double> criticalPathSeconds; // empty where the file records no "who unblocked whom"
    std::optional<qint64> unitCount;
    std::optional<qint64> freshUnits; // units cargo did not build again: 0 for a clean build
    std::optional<double> parallelism;
    // binary size (llvm-lines: text_size is the total of IR lines)
    std::optional<qint64> textSize;
    std::optional<qint64> fileSize;
    std::optional<qint64> functionCount;
    // self-profiles
    std::optional<qint64> totalTimeNs;
    std::optional<qint64> eventCount;
    // cargo metadata
    std::optional<qint64> packageCount;
    // a build BuildLens ran itself (buildlens capture): the command, and whether cargo failed; empty for a
    // file imported as it was
    QString command;
    std::optional<bool> failed;
};

struct StoredUnit
{
    int position = 0; // index in the file
    QString name;
    QString version;
    QString target; // as the file has it
    QString kind;   // unitKindKey()
    QString mode;
    double start = 0;
    double duration = 0;
    bool fresh = false;
    bool critical = false; // on the observed critical path
};

struct StoredCrate
{
    int position = 0; // rank, largest first
    QString name;
    qint64 size = 0;
    qint64 symbols = 0;
};

// Every value StoredRun::kind takes, in the order people meet them.
const QStringList& storedRunKinds();

struct RunFilter
{
    QString kind;  // empty: any
    QString label; // empty: any
};

struct AddOptions
{
    QString label;
    QString command;            // the captured cargo command, for a run BuildLens built
    std::optional<bool> failed; // whether that build failed
    // Called inside the open write transaction once the run row and part of its child rows are written.
    // Returning false abandons the write. Lets tests prove that an interrupted import leaves nothing behind.
    std::function<bool()> midWrite;
};

struct AddResult
{
    enum class Outcome { Stored, Skipped, Failed };
    Outcome outcome = Outcome::Failed;
    qint64 runId = -1;  // the new run, or the run that already holds this content
    int runsStored = 1; // a hyperfine file stores one run per measured time (runId is the first)
    QString error;      // names the file (or the database) and the problem
};

// The SQLite database of imported runs (build history). Each instance has its own connection and must be
// used from the thread that opened it; several instances, in several threads, may share one file.
class RunLibrary
{
public:
    static constexpr int SchemaVersion = 4;

    RunLibrary();
    ~RunLibrary();
    RunLibrary(const RunLibrary&) = delete;
    RunLibrary& operator=(const RunLibrary&) = delete;

    // QStandardPaths::AppDataLocation + "/runs.sqlite".
    static QString defaultPath();

    // Opens or creates the database and brings its schema up to date, each migration in its own
    // transaction. Refuses a file that is not a BuildLens run library or was written by a newer BuildLens.
    bool open(const QString& path, QString* error = nullptr);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    int schemaVersion() const;

    // Imports the file (or profile directory) and stores it as one run in one transaction; a file whose
    // content is already stored is skipped.
    AddResult addFile(const QString& file, Progress& progress, const AddOptions& options = {});
    // Stores already imported data; `contentHash` identifies the source (see hashSource()).
    AddResult addImported(const ImportedData& data, const QString& file, const QString& contentHash,
                          const AddOptions& options = {});

    std::vector<StoredRun> runs(const RunFilter& filter = {}) const;
    std::optional<StoredRun> run(qint64 id) const;
    std::optional<qint64> findByHash(const QString& contentHash) const;
    std::vector<StoredUnit> units(qint64 runId) const;
    std::vector<StoredCrate> crates(qint64 runId) const;
    // One crate over the stored runs, oldest build first: each timings run's time in its units (a package
    // name; - and _ alike), each binary's or llvm-lines' bytes or lines of it. Runs without it are left out.
    std::vector<CrateHistoryPoint> crateHistory(const QString& crate) const;
    // Every crate a stored build or binary names, sorted, once each.
    QStringList crateNames() const;
    // Gives a stored run another label (empty: none). False when there is no such run or the update failed.
    bool setLabel(qint64 id, const QString& label, QString* error = nullptr);
    // Deletes a run with its units and crates. False when there is no such run or the delete failed.
    bool removeRun(qint64 id, QString* error = nullptr);

    // SHA-256 hex of a file's bytes, or of a profile directory's .mm_profdata files (names and bytes, in name
    // order). Empty with `error` set when it cannot be read.
    static QString hashSource(const QString& path, QString* error = nullptr);

private:
    bool fail(QString* error, const QString& message);
    AddResult addBenchmark(const Benchmark& benchmark, const QString& file, const QString& contentHash,
                           const AddOptions& options);
    // Runs one UPDATE or DELETE of the runs table; the rows it changed, or -1 with `error` set.
    int changeRun(const QString& statement, const QVariantList& values, QString* error);
    QString checkAndMigrate();

    QString m_connection; // unique per instance: a QSqlDatabase connection belongs to one thread
    QString m_path;
};

} // namespace bl
