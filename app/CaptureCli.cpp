#include "CaptureCli.h"

#include "CliOutput.h"

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
#include <QTimer>

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
    if (!capture.errorText().isEmpty())
        return fail(capture.errorText());
    const int cargoStatus = capture.exitCode();
    const int status = capture.cancelled() ? 130 : cargoStatus < 0 ? 1 : cargoStatus;
    const QString report = capture.reportPath();
    if (report.isEmpty() || !QFileInfo::exists(report)) {
        fail(capture.cancelled()
                 ? tr("the build was cancelled before cargo wrote its timings report; nothing stored")
                 : tr("cargo wrote no timings report (it stopped before building); nothing stored"));
        return status == 0 ? 1 : status;
    }
    QString stored = report;
    if (!keep.isEmpty()) {
        QDir().mkpath(keep);
        stored = QDir(keep).filePath(QFileInfo(report).fileName());
        QFile::remove(stored);
        if (!QFile::copy(report, stored))
            return fail(tr("cannot copy %1 to %2").arg(report, keep));
    }
    Progress progress;
    const Result<ImportedData> data = importAny(stored, progress);
    if (!data)
        return fail(data.error().toString());
    RunLibrary library;
    QString error;
    const QString path = db.isEmpty() ? RunLibrary::defaultPath() : db;
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!library.open(path, &error))
        return fail(error);
    AddOptions options;
    options.label = label;
    options.command = command.join(QLatin1Char(' '));
    options.failed = cargoStatus != 0;
    QString hashError;
    const QString hash = RunLibrary::hashSource(stored, &hashError);
    if (hash.isEmpty())
        return fail(hashError);
    const AddResult r = library.addImported(*data.value(), stored, hash, options);
    if (r.outcome == AddResult::Outcome::Failed)
        return fail(r.error);
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
    return status;
}

} // namespace bl
