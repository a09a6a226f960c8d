#include "CargoCapture.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace bl {

namespace {

// Where the cargo subcommand is: after `cargo` and an optional `+toolchain` and global flags.
qsizetype subcommandAt(const QStringList& command)
{
    for (qsizetype i = 1; i < command.size(); ++i) {
        const QString& a = command[i];
        if (a.startsWith(QLatin1Char('+')))
            continue;
        if (a.startsWith(QLatin1Char('-'))) {
            // global options with a value in the next word
            if (a == QLatin1String("-C") || a == QLatin1String("--config") || a == QLatin1String("-Z"))
                ++i;
            continue;
        }
        return i;
    }
    return -1;
}

bool isCargo(const QString& program)
{
    const QString name = QFileInfo(program).fileName();
    return name == QLatin1String("cargo") || name.startsWith(QLatin1String("cargo-"));
}

const QStringList& buildCommands()
{
    static const QStringList names = {
        QStringLiteral("build"), QStringLiteral("b"), QStringLiteral("check"), QStringLiteral("c"),
        QStringLiteral("test"),  QStringLiteral("t"), QStringLiteral("bench"), QStringLiteral("rustc")};
    return names;
}

} // namespace

CargoCapture::CargoCapture(QObject* parent)
    : QObject(parent)
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &CargoCapture::readStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this, &CargoCapture::readStderr);
    connect(&m_process, &QProcess::finished, this, &CargoCapture::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            m_error = tr("cannot run %1: %2").arg(m_command.value(0), m_process.errorString());
            emit finished();
        }
    });
}

CargoCapture::~CargoCapture()
{
    if (isRunning()) {
        cancel(0);
        m_process.waitForFinished(5000);
    }
}

QString CargoCapture::check(const QStringList& command)
{
    if (command.isEmpty())
        return tr("no command to run: give it after --, for example `-- cargo build --release`");
    if (!isCargo(command.first()))
        return tr("'%1' is not cargo: BuildLens captures cargo builds (`cargo build ...`)")
            .arg(command.first());
    const qsizetype at = subcommandAt(command);
    if (at < 0 || !buildCommands().contains(command[at]))
        return tr("`%1` builds nothing to capture: use cargo build, check, test, bench or rustc")
            .arg(command.join(QLatin1Char(' ')));
    return {};
}

QString CargoCapture::cargoVersion(const QStringList& command, const QString& workingDirectory)
{
    if (command.isEmpty())
        return {};
    QStringList args;
    if (command.size() > 1 && command[1].startsWith(QLatin1Char('+')))
        args << command[1];
    args << QStringLiteral("-V");
    QProcess p;
    if (!workingDirectory.isEmpty())
        p.setWorkingDirectory(workingDirectory); // a rust-toolchain file there chooses the toolchain
    p.start(command.first(), args);
    if (!p.waitForFinished(20000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        p.kill();
        p.waitForFinished(1000);
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QString CargoCapture::buildAnalysisLog() const
{
    static const QRegularExpression re(QStringLiteral(R"(^cargo-timing-(\d{8}T\d{6}\d*Z-[0-9a-f]+)\.html$)"));
    const QRegularExpressionMatch m = re.match(QFileInfo(m_report).fileName());
    if (!m_buildAnalysis || !m.hasMatch())
        return {};
    const QString log = QDir(m_cargoHome).filePath(QStringLiteral("log/%1.jsonl").arg(m.captured(1)));
    return QFileInfo::exists(log) ? log : QString();
}

QStringList CargoCapture::completeCommand(const QStringList& command, bool buildAnalysis)
{
    QStringList out = command;
    const qsizetype at = subcommandAt(out);
    if (at < 0)
        return out;
    // options go before a `--` that passes arguments on to test binaries
    qsizetype end = out.indexOf(QStringLiteral("--"), at);
    if (end < 0)
        end = out.size();
    bool timings = false, format = false;
    for (qsizetype i = at + 1; i < end; ++i) {
        timings =
            timings || out[i] == QLatin1String("--timings") || out[i].startsWith(QLatin1String("--timings="));
        format = format || out[i].startsWith(QLatin1String("--message-format"));
    }
    if (!format)
        out.insert(at + 1, QStringLiteral("--message-format=json-render-diagnostics"));
    if (buildAnalysis && !out.mid(0, end).contains(QStringLiteral("-Zbuild-analysis")))
        out.insert(at + 1, QStringLiteral("-Zbuild-analysis"));
    if (!timings)
        out.insert(at + 1, QStringLiteral("--timings"));
    return out;
}

bool CargoCapture::parseProgressLine(const QString& line, CaptureProgress& progress)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*Building \[[^\]]*\]\s+(\d+)/(\d+)(?::\s*(.*?))?\s*$)"));
    const QRegularExpressionMatch m = re.match(line);
    if (!m.hasMatch())
        return false;
    progress.done = m.captured(1).toInt();
    progress.total = m.captured(2).toInt();
    progress.running.clear();
    QString running = m.captured(3).trimmed();
    // a list too long for the line ends in an ellipsis, and its last name may be cut
    const QString unicodeEllipsis = QString(QChar(0x2026));
    progress.truncated = running.endsWith(QLatin1String("...")) || running.endsWith(unicodeEllipsis);
    if (progress.truncated) {
        running.chop(running.endsWith(unicodeEllipsis) ? 1 : 3);
        const qsizetype lastComma = running.lastIndexOf(QStringLiteral(", "));
        running = lastComma < 0 ? QString() : running.left(lastComma);
    }
    if (!running.isEmpty())
        for (const QString& name : running.split(QStringLiteral(", ")))
            if (!name.trimmed().isEmpty())
                progress.running << name.trimmed();
    return true;
}

QString CargoCapture::reportPathIn(const QString& line)
{
    static const QRegularExpression re(QStringLiteral(R"(Timing report saved to (.+\.html)\s*$)"));
    const QRegularExpressionMatch m = re.match(line);
    return m.hasMatch() ? m.captured(1) : QString();
}

void CargoCapture::start(const QStringList& command, const QString& workingDirectory)
{
    // a nightly cargo also writes its build-analysis log: exact times, the real dependency graph and why
    // each unit was rebuilt
    const QString version = cargoVersion(command, workingDirectory);
    m_buildAnalysis = version.contains(QLatin1String("-nightly")) || version.contains(QLatin1String("-dev"));
    m_command = completeCommand(command, m_buildAnalysis);
    m_progress = {};
    m_report.clear();
    m_error.clear();
    m_exitCode = -1;
    m_cancelled = false;
    m_afterCr = false;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // cargo draws its progress bar only on a terminal unless told; its width is required with "always"
    env.insert(QStringLiteral("CARGO_TERM_PROGRESS_WHEN"), QStringLiteral("always"));
    // wide enough for the names of every crate compiling at once on a big machine (cargo pads the line to
    // this width, a cost of a kilobyte a tick)
    if (!env.contains(QStringLiteral("CARGO_TERM_PROGRESS_WIDTH")))
        env.insert(QStringLiteral("CARGO_TERM_PROGRESS_WIDTH"), QStringLiteral("1000"));
    if (m_buildAnalysis)
        env.insert(QStringLiteral("CARGO_BUILD_ANALYSIS_ENABLED"), QStringLiteral("true"));
    m_cargoHome = env.value(QStringLiteral("CARGO_HOME"), QDir::homePath() + QStringLiteral("/.cargo"));
    m_process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        m_process.setWorkingDirectory(workingDirectory);
    // its own process group: a cancel reaches cargo and every rustc and build script it started
    m_process.setChildProcessModifier([] { ::setsid(); });
    m_clock.start();
    m_process.start(m_command.first(), m_command.mid(1));
    if (m_process.waitForStarted(10000))
        m_pid = m_process.processId();
}

void CargoCapture::cancel(int graceMs)
{
    if (!isRunning() || m_pid <= 0)
        return;
    m_cancelled = true;
    ::kill(-pid_t(m_pid), SIGTERM);
    const qint64 group = m_pid;
    auto killAll = [group] {
        ::kill(-pid_t(group), SIGKILL);
    };
    if (graceMs <= 0)
        killAll();
    else
        QTimer::singleShot(graceMs, this, [this, killAll] {
            if (isRunning())
                killAll();
        });
}

void CargoCapture::readStdout()
{
    m_outBuffer += m_process.readAllStandardOutput();
    qsizetype nl;
    while ((nl = m_outBuffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_outBuffer.left(nl);
        m_outBuffer.remove(0, nl + 1);
        if (line.startsWith('{')) {
            if (line.contains("\"reason\":\"compiler-artifact\"")) {
                ++m_progress.artifacts;
                emit progressChanged(m_progress);
            }
            emit message(line);
        } else if (!line.isEmpty()) {
            emit passthrough(line); // not cargo's: a build script or test binary writing to stdout
        }
    }
}

void CargoCapture::readStderr()
{
    m_errBuffer += m_process.readAllStandardError();
    for (;;) {
        const qsizetype cr = m_errBuffer.indexOf('\r'), nl = m_errBuffer.indexOf('\n');
        const qsizetype end = cr < 0 ? nl : nl < 0 ? cr : std::min(cr, nl);
        if (end < 0)
            break;
        const QByteArray line = m_errBuffer.left(end);
        const bool afterCr = m_afterCr;
        m_afterCr = m_errBuffer[end] == '\r';
        m_errBuffer.remove(0, end + 1);
        // the progress bar redraws itself with \r; an empty line of a rendered error stays
        if (line.trimmed().isEmpty()) {
            if (!afterCr && !m_afterCr && line.isEmpty())
                emit passthrough(QByteArray());
            continue;
        }
        const QString text = QString::fromUtf8(line);
        if (parseProgressLine(text, m_progress)) {
            emit progressChanged(m_progress);
            continue;
        }
        if (const QString report = reportPathIn(text); !report.isEmpty())
            m_report = report;
        emit passthrough(line);
    }
}

void CargoCapture::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readStdout();
    readStderr();
    if (!m_errBuffer.trimmed().isEmpty())
        emit passthrough(m_errBuffer);
    m_errBuffer.clear();
    m_exitCode = status == QProcess::NormalExit ? exitCode : -1;
    emit finished();
}

} // namespace bl
