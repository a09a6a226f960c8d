#include "CaptureCli.h"

#include "CliOutput.h"

#include "analysis/RunDiff.h"
#include "analysis/TimingsAnalysis.h"
#include "capture/CargoCapture.h"
#include "core/Tr.h"
#include "import/AnyImporter.h"
#include "report/SummaryReport.h"
#include "store/RunLibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace bl {

namespace {

std::atomic<int> g_signal{0};

extern "C" void onSignal(int sig)
{
    g_signal = sig;
}

int fail(const QString& message, int status = 1)
{
    return cli::failed(message, status);
}

// The run library at `db`, or the default one (created on first use); an error message, or empty.
QString openLibrary(RunLibrary& library, const QString& db)
{
    QString error;
    const QString path = db.isEmpty() ? RunLibrary::defaultPath() : db;
    QDir().mkpath(QFileInfo(path).absolutePath());
    return library.open(path, &error) ? QString() : error;
}

// One captured build, stored: what `capture` does and what `bench` does for every run.
struct Captured
{
    int status = 1; // cargo's exit status, 130 when cancelled, 1 when nothing could be stored
    bool stored = false;
    bool cancelled = false;
    std::shared_ptr<const TimingsAnalysis> analysis;
};

Captured captureAndStore(const QStringList& command, RunLibrary& library, const QString& keep,
                         const QString& label, bool store = true)
{
    Captured out;
    const bool tty = ::isatty(STDERR_FILENO);
    if (tty && qEnvironmentVariableIsEmpty("CARGO_TERM_COLOR"))
        qputenv("CARGO_TERM_COLOR", "always"); // its errors reach a terminal through BuildLens
    CargoCapture capture;
    QString progressLine; // on a terminal, the line that is redrawn
    int lastTenth = -1;
    auto clearProgress = [&] {
        if (tty && !progressLine.isEmpty()) {
            cli::write(stderr, "\r\033[K");
            progressLine.clear();
        }
    };
    QObject::connect(&capture, &CargoCapture::passthrough, [&](const QByteArray& line) {
        clearProgress();
        cli::write(stderr, line + '\n');
    });
    QObject::connect(&capture, &CargoCapture::progressChanged, [&](const CaptureProgress& p) {
        if (p.total <= 0)
            return;
        const QString text =
            tr("buildlens: building %1/%2%3")
                .arg(p.done)
                .arg(p.total)
                .arg(p.running.isEmpty() ? QString()
                                         : QStringLiteral(": ") + p.running.join(QStringLiteral(", ")));
        if (tty) {
            progressLine = text.left(160);
            cli::write(stderr, "\r\033[K" + progressLine.toUtf8());
        } else if (const int tenth = 10 * p.done / p.total; tenth != lastTenth) {
            // a log gets a line per tenth of the units, not one per unit
            lastTenth = tenth;
            cli::printErr(text + QLatin1Char('\n'));
        }
    });
    QEventLoop loop;
    QObject::connect(&capture, &CargoCapture::finished, &loop, &QEventLoop::quit);
    // Ctrl+C or a TERM: end cargo and every rustc it started, then store what was built
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, [&] {
        if (g_signal != 0 && !capture.cancelled())
            capture.cancel();
    });
    watch.start(100);
    capture.start(command);
    if (capture.isRunning())
        loop.exec();
    watch.stop();
    clearProgress();
    out.cancelled = capture.cancelled();
    if (!capture.errorText().isEmpty()) {
        fail(capture.errorText());
        return out;
    }
    const int cargoStatus = capture.exitCode();
    const int status = capture.cancelled() ? 130 : cargoStatus < 0 ? 1 : cargoStatus;
    out.status = status;
    const QString report = capture.runSource();
    if (report.isEmpty() || !QFileInfo::exists(report)) {
        fail(capture.cancelled()
                 ? tr("the build was cancelled before cargo wrote its timings report; nothing stored")
                 : tr("cargo wrote no timings report (it stopped before building); nothing stored"));
        out.status = status == 0 ? 1 : status;
        return out;
    }
    QString stored = report;
    if (!keep.isEmpty()) {
        QDir().mkpath(keep);
        // the HTML report too when the run is read from the build-analysis log
        QStringList files{report};
        if (capture.reportPath() != report && QFileInfo::exists(capture.reportPath()))
            files << capture.reportPath();
        for (const QString& file : files) {
            const QString copy = QDir(keep).filePath(QFileInfo(file).fileName());
            QFile::remove(copy);
            if (!QFile::copy(file, copy)) {
                fail(tr("cannot copy %1 to %2").arg(file, keep));
                out.status = 1;
                return out;
            }
        }
        stored = QDir(keep).filePath(QFileInfo(report).fileName());
    }
    Progress progress;
    const Result<ImportedData> data = importAny(stored, progress);
    if (data && !store) { // a warm-up run: measured, not kept
        out.analysis = data.value()->timings ? analyse(data.value()->timings) : nullptr;
        return out;
    }
    if (!data) {
        fail(data.error().toString());
        out.status = 1;
        return out;
    }
    AddOptions options;
    options.label = label;
    options.command = command.join(QLatin1Char(' '));
    options.failed = cargoStatus != 0;
    QString hashError;
    const QString hash = RunLibrary::hashSource(stored, &hashError);
    if (hash.isEmpty()) {
        fail(hashError);
        out.status = 1;
        return out;
    }
    const AddResult r = library.addImported(*data.value(), stored, hash, options);
    if (r.outcome == AddResult::Outcome::Failed) {
        fail(r.error);
        out.status = 1;
        return out;
    }
    out.stored = true;
    const auto analysis = data.value()->timings ? analyse(data.value()->timings) : nullptr;
    QString figures;
    if (analysis)
        figures = QCoreApplication::translate("bl", "%n unit(s), wall time %1", nullptr,
                                              analysis->summary.unitCount)
                      .arg(formatSeconds(analysis->summary.wallSeconds));
    cli::printErr(tr("buildlens: %1 as run %2%3 (%4)\n")
                      .arg(options.failed.value_or(false) ? tr("failed build stored") : tr("stored"))
                      .arg(r.runId)
                      .arg(r.outcome == AddResult::Outcome::Skipped ? tr(", already there") : QString())
                      .arg(figures.isEmpty() ? stored : figures + QStringLiteral(", ") + stored));
    out.analysis = analysis;
    return out;
}

} // namespace

int runCapture(const QStringList& args)
{
    QString db, keep, label;
    QStringList command;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--")) {
            command = args.mid(i + 1);
            break;
        }
        const bool takesValue =
            a == QLatin1String("--db") || a == QLatin1String("--keep") || a == QLatin1String("--label");
        if (takesValue && i + 1 >= args.size())
            return fail(tr("%1 needs a value").arg(a), 2);
        if (a == QLatin1String("--db"))
            db = args[++i];
        else if (a == QLatin1String("--keep"))
            keep = args[++i];
        else if (a == QLatin1String("--label"))
            label = args[++i];
        else if (a.startsWith(QLatin1String("-")))
            return fail(tr("unknown option %1 for capture (the cargo command goes after --)").arg(a), 2);
        else
            return fail(tr("capture runs the command given after --: `buildlens capture -- cargo build`"), 2);
    }
    if (const QString why = CargoCapture::check(command); !why.isEmpty())
        return fail(why, 2);

    RunLibrary library;
    if (const QString error = openLibrary(library, db); !error.isEmpty())
        return fail(error);
    return captureAndStore(command, library, keep, label).status;
}

namespace {

struct Stats
{
    double mean = 0, sd = 0, median = 0, min = 0, max = 0;
};

Stats statsOf(std::vector<double> v)
{
    Stats s;
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    s.min = v.front();
    s.max = v.back();
    s.median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    for (double x : v)
        s.mean += x;
    s.mean /= double(v.size());
    if (v.size() > 1) {
        for (double x : v)
            s.sd += (x - s.mean) * (x - s.mean);
        s.sd = std::sqrt(s.sd / double(v.size() - 1)); // sample standard deviation, as hyperfine
    }
    return s;
}

QString statsLine(const QString& what, const Stats& s)
{
    return QStringLiteral("  %1 %2 ± %3   [%4 … %5]   median %6\n")
        .arg(what.leftJustified(15), formatSeconds(s.mean), formatSeconds(s.sd), formatSeconds(s.min),
             formatSeconds(s.max), formatSeconds(s.median));
}

} // namespace

int runBench(const QStringList& args)
{
    QString db, prepare, name, exportJson;
    int runs = 0, warmup = 0;
    QStringList command;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--")) {
            command = args.mid(i + 1);
            break;
        }
        static const QStringList valued = {QStringLiteral("--db"),   QStringLiteral("--prepare"),
                                           QStringLiteral("--name"), QStringLiteral("--export-json"),
                                           QStringLiteral("--runs"), QStringLiteral("--warmup")};
        if (!valued.contains(a))
            return fail(
                a.startsWith(QLatin1Char('-'))
                    ? tr("unknown option %1 for bench (the cargo command goes after --)").arg(a)
                    : tr("bench runs the command given after --: `buildlens bench --runs 5 -- cargo build`"),
                2);
        if (i + 1 >= args.size())
            return fail(tr("%1 needs a value").arg(a), 2);
        const QString value = args[++i];
        if (a == QLatin1String("--runs") || a == QLatin1String("--warmup")) {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (!ok || n < (a == QLatin1String("--runs") ? 1 : 0) || n > 1000)
                return fail(tr("%1 needs a whole number from %2 to 1000, not '%3'")
                                .arg(a)
                                .arg(a == QLatin1String("--runs") ? 1 : 0)
                                .arg(value),
                            2);
            (a == QLatin1String("--runs") ? runs : warmup) = n;
        } else if (a == QLatin1String("--db")) {
            db = value;
        } else if (a == QLatin1String("--prepare")) {
            prepare = value;
        } else if (a == QLatin1String("--name")) {
            name = value;
        } else {
            exportJson = value;
        }
    }
    if (runs == 0)
        return fail(tr("bench needs --runs N"), 2);
    if (const QString why = CargoCapture::check(command); !why.isEmpty())
        return fail(why, 2);
    if (name.isEmpty())
        name = command.join(QLatin1Char(' '));
    RunLibrary library;
    if (const QString error = openLibrary(library, db); !error.isEmpty())
        return fail(error);

    std::vector<std::shared_ptr<const TimingsAnalysis>> measured;
    for (int i = 0; i < warmup + runs; ++i) {
        const bool warm = i < warmup;
        cli::printErr(warm ? tr("buildlens: warm-up %1/%2\n").arg(i + 1).arg(warmup)
                           : tr("buildlens: run %1/%2\n").arg(i - warmup + 1).arg(runs));
        if (!prepare.isEmpty()) {
            QProcess p;
            p.setProcessChannelMode(QProcess::ForwardedChannels);
            p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), prepare});
            if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
                return fail(tr("the prepare command failed (status %1): %2").arg(p.exitCode()).arg(prepare));
        }
        const Captured c = captureAndStore(command, library, {}, name, !warm);
        if (c.cancelled)
            return 130;
        if (c.status != 0 || !c.analysis)
            return fail(
                tr("the build failed (status %1): no statistics of a series with a failed run").arg(c.status),
                c.status == 0 ? 1 : c.status);
        if (!warm)
            measured.push_back(c.analysis);
    }

    std::vector<double> walls, criticals;
    for (const auto& a : measured) {
        walls.push_back(a->summary.wallSeconds);
        if (a->critical.available)
            criticals.push_back(a->critical.seconds);
    }
    QString text = tr("%1: %n run(s)", nullptr, runs).arg(name);
    if (warmup > 0)
        text += tr(" after %n warm-up(s)", nullptr, warmup);
    text += QStringLiteral(", stored as the series \"%1\"\n").arg(name);
    text += statsLine(tr("wall time"), statsOf(walls));
    if (criticals.size() == walls.size())
        text += statsLine(tr("critical path"), statsOf(criticals));
    // the units whose time varies most between the runs: where the noise comes from
    std::map<QString, std::pair<QString, std::vector<double>>> byUnit;
    for (const auto& a : measured)
        for (const Unit& u : a->run->units)
            if (!u.fresh) {
                auto& [label, times] = byUnit[unitMatchKey(u)];
                label = u.label();
                times.push_back(u.duration);
            }
    std::vector<std::pair<double, QString>> spread;
    for (const auto& [key, entry] : byUnit)
        if (entry.second.size() == measured.size() && measured.size() > 1)
            spread.push_back({statsOf(entry.second).sd, entry.first});
    std::sort(spread.rbegin(), spread.rend());
    if (!spread.empty() && spread.front().first > 0) {
        text += tr("  varies most:\n");
        for (std::size_t k = 0; k < spread.size() && k < 5 && spread[k].first > 0; ++k)
            text += QStringLiteral("    %1 ± %2\n").arg(spread[k].second, formatSeconds(spread[k].first));
    }
    cli::printOut(text);

    if (!exportJson.isEmpty()) {
        // hyperfine's shape, so that scripts written for it read this
        const Stats s = statsOf(walls);
        nlohmann::json result = {{"command", command.join(QLatin1Char(' ')).toStdString()},
                                 {"name", name.toStdString()},
                                 {"mean", s.mean},
                                 {"stddev", s.sd},
                                 {"median", s.median},
                                 {"min", s.min},
                                 {"max", s.max},
                                 {"times", walls},
                                 {"exit_codes", std::vector<int>(walls.size(), 0)}};
        QSaveFile f(exportJson);
        if (!f.open(QIODevice::WriteOnly) ||
            f.write(QByteArray::fromStdString(nlohmann::json{{"results", {result}}}.dump(2) + "\n")) < 0 ||
            !f.commit())
            return fail(tr("cannot write %1: %2").arg(exportJson, f.errorString()));
    }
    return 0;
}

} // namespace bl
