#include "HistoryCli.h"
#include "itemmodels/RunListModel.h"
#include "report/Csv.h"

#include "CliOutput.h"

#include "core/Tr.h"
#include "report/JsonWriter.h"
#include "store/RunLibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <type_traits>

namespace bl {

namespace {

using cli::printErr;
using cli::printOut;
using cli::usageError;

struct HistoryOptions
{
    QString db;
    QString label;
    QString kind;
    bool json = false;
    bool csv = false;
    QStringList inputs;
};

// Parses `--db X`, `--db=X` and the like; returns an error message for wrong usage.
QString parseOptions(const QString& command, const QStringList& args, const QStringList& allowed,
                     HistoryOptions& o)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--json") && allowed.contains(a)) {
            o.json = true;
            continue;
        }
        if (a == QLatin1String("--csv") && allowed.contains(a)) {
            o.csv = true;
            continue;
        }
        QString name = a, value;
        const qsizetype eq = a.indexOf(QLatin1Char('='));
        const bool inlineValue = a.startsWith(QLatin1String("--")) && eq > 0;
        if (inlineValue) {
            name = a.left(eq);
            value = a.mid(eq + 1);
        }
        QString* target = nullptr;
        if (name == QLatin1String("--db"))
            target = &o.db;
        else if (name == QLatin1String("--label"))
            target = &o.label;
        else if (name == QLatin1String("--kind"))
            target = &o.kind;
        if (target && allowed.contains(name)) {
            if (!inlineValue) {
                if (i + 1 >= args.size())
                    return tr("%1 needs a value").arg(name);
                value = args[++i];
            }
            if (value.isEmpty())
                return tr("%1 needs a value").arg(name);
            *target = value;
        } else if (a.startsWith(QLatin1String("--"))) {
            return tr("unknown option %1 for history %2").arg(a, command);
        } else {
            o.inputs << a;
        }
    }
    return {};
}

// Without --db the library lives in the user's data directory, created on first use.
QString databasePath(const HistoryOptions& o)
{
    if (!o.db.isEmpty())
        return o.db;
    const QString path = RunLibrary::defaultPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    return path;
}

// Tests only (tst_run_library): stop inside the write transaction, after the run row and part of its child
// rows are written, so a test can kill the process there and check that nothing of the run remains.
bool pauseForTests()
{
    printErr(QStringLiteral("buildlens: test pause in import\n"));
    for (int i = 0; i < 600; ++i)
        QThread::msleep(200);
    return true;
}

int historyAdd(const QStringList& args)
{
    HistoryOptions o;
    const QString usage =
        parseOptions(QStringLiteral("add"), args, {QStringLiteral("--db"), QStringLiteral("--label")}, o);
    if (!usage.isEmpty())
        return usageError(usage);
    if (o.inputs.isEmpty())
        return usageError(tr("history add needs at least one INPUT"));
    RunLibrary library;
    QString error;
    if (!library.open(databasePath(o), &error)) {
        printErr(QStringLiteral("buildlens: %1\n").arg(error));
        return 1;
    }
    AddOptions options;
    options.label = o.label;
    if (!qEnvironmentVariableIsEmpty("BUILDLENS_TEST_PAUSE_IN_IMPORT"))
        options.midWrite = pauseForTests;
    Progress progress;
    bool failed = false;
    for (const QString& input : o.inputs) {
        const AddResult r = library.addFile(input, progress, options);
        switch (r.outcome) {
        case AddResult::Outcome::Stored: {
            const auto run = library.run(r.runId);
            if (r.runsStored > 1) // a hyperfine file: a run per measured time
                printOut(tr("stored: %1 as runs %2 to %3 (%4)\n")
                             .arg(input, QString::number(r.runId),
                                  QString::number(r.runId + r.runsStored - 1), run ? run->kind : QString()));
            else
                printOut(tr("stored: %1 as run %2 (%3)\n")
                             .arg(input, QString::number(r.runId), run ? run->kind : QString()));
            break;
        }
        case AddResult::Outcome::Skipped:
            printOut(tr("skipped: %1 is already stored as run %2\n").arg(input, QString::number(r.runId)));
            break;
        case AddResult::Outcome::Failed:
            printErr(QStringLiteral("buildlens: %1\n").arg(r.error));
            failed = true;
            break;
        }
    }
    return failed ? 1 : 0;
}

template <typename T> void optionalField(JsonWriter& w, std::string_view key, const std::optional<T>& v)
{
    w.key(key);
    if (!v)
        w.null();
    else if constexpr (std::is_floating_point_v<T>)
        w.value(static_cast<double>(*v));
    else
        w.value(static_cast<std::int64_t>(*v));
}

void textField(JsonWriter& w, std::string_view key, const QString& v)
{
    w.key(key);
    if (v.isEmpty())
        w.null();
    else
        w.value(v);
}

std::string runsJson(const std::vector<StoredRun>& runs)
{
    std::string out;
    JsonWriter w(out);
    w.beginObject().key("runs").beginArray();
    for (const StoredRun& r : runs) {
        w.beginObject();
        w.field("id", static_cast<std::int64_t>(r.id));
        w.field("kind", r.kind);
        w.field("source", r.source);
        w.field("file", r.file);
        w.field("content_hash", r.contentHash);
        w.field("imported_at", r.importedAt);
        textField(w, "build_date", r.buildDate);
        textField(w, "host", r.host);
        textField(w, "rustc", r.rustc);
        textField(w, "profile", r.profile);
        textField(w, "label", r.label);
        optionalField(w, "total_seconds", r.totalSeconds);
        optionalField(w, "critical_path_seconds", r.criticalPathSeconds);
        optionalField(w, "unit_count", r.unitCount);
        optionalField(w, "fresh_units", r.freshUnits);
        optionalField(w, "parallelism", r.parallelism);
        optionalField(w, "text_size", r.textSize);
        optionalField(w, "file_size", r.fileSize);
        optionalField(w, "function_count", r.functionCount);
        optionalField(w, "total_time_ns", r.totalTimeNs);
        optionalField(w, "event_count", r.eventCount);
        optionalField(w, "package_count", r.packageCount);
        textField(w, "command", r.command); // a build BuildLens ran (buildlens capture)
        if (r.failed)
            w.field("failed", *r.failed);
        w.endObject();
    }
    w.endArray().endObject();
    out += '\n';
    return out;
}

// The one or two numbers a person scans a history for, by kind.
QString keyFigures(const StoredRun& r)
{
    QStringList parts;
    if (r.kind == QLatin1String("benchmark")) {
        if (r.totalSeconds)
            parts << tr("%1 s").arg(*r.totalSeconds, 0, 'f', 2);
        if (r.failed.value_or(false))
            parts << tr("failed");
    } else if (r.kind == QLatin1String("timings")) {
        if (r.totalSeconds)
            parts << tr("%1 s").arg(*r.totalSeconds, 0, 'f', 2);
        if (r.unitCount)
            parts << tr("units %1").arg(*r.unitCount);
        if (r.criticalPathSeconds)
            parts << tr("critical path %1 s").arg(*r.criticalPathSeconds, 0, 'f', 2);
    } else if (r.totalTimeNs) {
        parts << tr("%1 ms").arg(static_cast<double>(*r.totalTimeNs) / 1e6, 0, 'f', 2);
        if (r.eventCount)
            parts << tr("events %1").arg(*r.eventCount);
    } else if (r.kind == QLatin1String("llvm-lines")) {
        if (r.textSize)
            parts << tr("LLVM IR lines %1").arg(*r.textSize);
    } else if (r.textSize) {
        parts << tr(".text %1 bytes").arg(*r.textSize);
        if (r.fileSize)
            parts << tr("file %1 bytes").arg(*r.fileSize);
    } else if (r.packageCount) {
        parts << tr("packages %1").arg(*r.packageCount);
    }
    return parts.join(QStringLiteral(", "));
}

QString runsTable(const std::vector<StoredRun>& runs)
{
    if (runs.empty())
        return tr("No runs stored.\n");
    std::vector<QStringList> rows;
    rows.push_back({tr("ID"), tr("KIND"), tr("BUILD DATE"), tr("LABEL"), tr("FIGURES"), tr("FILE")});
    for (const StoredRun& r : runs)
        rows.push_back({QString::number(r.id), r.kind, r.buildDate, r.label, keyFigures(r),
                        QDir::toNativeSeparators(r.file)});
    std::vector<qsizetype> widths(rows.front().size(), 0);
    for (const QStringList& row : rows)
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[static_cast<std::size_t>(c)] =
                std::max(widths[static_cast<std::size_t>(c)], row[c].size());
    QString out;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            const bool last = c + 1 == row.size();
            line += last ? row[c] : row[c].leftJustified(widths[static_cast<std::size_t>(c)] + 2);
        }
        out += line + QLatin1Char('\n');
    }
    return out;
}

int historyList(const QStringList& args)
{
    HistoryOptions o;
    const QString usage =
        parseOptions(QStringLiteral("list"), args,
                     {QStringLiteral("--db"), QStringLiteral("--json"), QStringLiteral("--csv"),
                      QStringLiteral("--kind"), QStringLiteral("--label")},
                     o);
    if (!usage.isEmpty())
        return usageError(usage);
    if (!o.inputs.isEmpty())
        return usageError(tr("history list takes no files (use --db FILE.sqlite)"));
    if (!o.kind.isEmpty() && !storedRunKinds().contains(o.kind))
        return usageError(tr("unknown kind '%1' for --kind: one of %2")
                              .arg(o.kind, storedRunKinds().join(QStringLiteral(", "))));
    std::vector<StoredRun> runs;
    // A database named on the command line must exist (a typo should not list an empty history); the default
    // one simply has no runs until the first `history add`.
    const QString path = o.db.isEmpty() ? RunLibrary::defaultPath() : o.db;
    if (QFileInfo::exists(path)) {
        RunLibrary library;
        QString error;
        if (!library.open(path, &error)) {
            printErr(QStringLiteral("buildlens: %1\n").arg(error));
            return 1;
        }
        runs = library.runs({o.kind, o.label});
    } else if (!o.db.isEmpty()) {
        printErr(QStringLiteral("buildlens: %1: %2\n").arg(path, tr("the run library does not exist")));
        return 1;
    }
    if (o.json && o.csv)
        return usageError(tr("--csv and --json go separately"));
    if (o.csv) {
        // the history table of the window, as CSV
        RunListModel model;
        model.setRuns(std::move(runs));
        cli::write(stdout, tableCsv(model));
    } else if (o.json) {
        printOut(runsJson(runs));
    } else {
        printOut(runsTable(runs));
    }
    return 0;
}

// `history label [--db DB] ID TEXT`: a label for a run that is already stored ("" removes it).
int historyLabel(const QStringList& args)
{
    HistoryOptions o;
    const QString usage = parseOptions(QStringLiteral("label"), args, {QStringLiteral("--db")}, o);
    if (!usage.isEmpty())
        return usageError(usage);
    if (o.inputs.size() != 2)
        return usageError(tr("history label needs a run ID and a TEXT (\"\" removes the label)"));
    bool ok = false;
    const qint64 id = o.inputs[0].toLongLong(&ok);
    if (!ok || id < 1)
        return usageError(
            tr("history label: '%1' is not a run ID (see `buildlens history list`)").arg(o.inputs[0]));
    const QString path = o.db.isEmpty() ? RunLibrary::defaultPath() : o.db;
    if (!QFileInfo::exists(path)) {
        printErr(QStringLiteral("buildlens: %1: %2\n").arg(path, tr("the run library does not exist")));
        return 1;
    }
    RunLibrary library;
    QString error;
    if (!library.open(path, &error) || !library.setLabel(id, o.inputs[1].trimmed(), &error)) {
        printErr(QStringLiteral("buildlens: %1\n").arg(error));
        return 1;
    }
    printOut(o.inputs[1].trimmed().isEmpty()
                 ? tr("run %1: label removed\n").arg(id)
                 : tr("run %1: label \"%2\"\n").arg(id).arg(o.inputs[1].trimmed()));
    return 0;
}

} // namespace

int runHistory(const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("add"))
        return historyAdd(args.mid(1));
    if (sub == QLatin1String("list"))
        return historyList(args.mid(1));
    if (sub == QLatin1String("label"))
        return historyLabel(args.mid(1));
    if (sub.isEmpty())
        return usageError(tr("history needs a command: add, list or label"));
    return usageError(tr("unknown history command %1 (add, list or label)").arg(sub));
}

} // namespace bl
