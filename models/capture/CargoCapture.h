#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace bl {

// What cargo's progress line says ("Building [==>  ] 45/167: syn, serde"): units finished and in all, and the
// crates compiling now.
struct CaptureProgress
{
    int done = 0;
    int total = 0;          // 0 until cargo's first progress line
    QStringList running;    // "cap-core(build.rs)", "serde", ...
    int artifacts = 0;      // compiler-artifact messages seen on stdout
    bool truncated = false; // cargo cut the list of running crates to fit its line
};

// Runs one cargo command for BuildLens: in its own process group (so that a cancel ends cargo and every rustc
// it started), with `--timings` and `--message-format=json-render-diagnostics` added where absent and the
// progress bar forced on, reading cargo's JSON messages from stdout and its progress from stderr as they
// come. Everything else cargo writes to stderr (rendered compiler errors, "Compiling ..." lines) is passed on
// as `passthrough`. When cargo ends, `reportPath()` is the timings report it wrote (also for a failed build).
class CargoCapture : public QObject
{
    Q_OBJECT
public:
    explicit CargoCapture(QObject* parent = nullptr);
    ~CargoCapture() override; // ends a build still running

    // `cargo build ...` with what a capture needs; refuses what is not a cargo build (check() says why).
    // On a nightly toolchain (`buildAnalysis`) also -Zbuild-analysis, which makes cargo write its event log.
    static QStringList completeCommand(const QStringList& command, bool buildAnalysis = false);
    // `cargo [+toolchain] -V` in that directory: "cargo 1.97.0-nightly (...)", or empty when it does not run.
    static QString cargoVersion(const QStringList& command, const QString& workingDirectory = {});
    static QString check(const QStringList& command);
    // Reads one line of cargo's stderr: true when it was a progress line (then `progress` is updated).
    static bool parseProgressLine(const QString& line, CaptureProgress& progress);
    // The report path from cargo's "Timing report saved to PATH", or empty.
    static QString reportPathIn(const QString& line);

    void start(const QStringList& command, const QString& workingDirectory = {});
    // Ends cargo and every process of its group: SIGTERM, then SIGKILL if they are still there after `grace`.
    void cancel(int graceMs = 3000);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 processId() const { return m_pid; }
    // Seconds since cargo started: the clock of a live run (cargo's report counts from its own start).
    double elapsedSeconds() const { return m_clock.isValid() ? double(m_clock.nsecsElapsed()) / 1e9 : 0.0; }

    const CaptureProgress& progress() const { return m_progress; }
    QString reportPath() const { return m_report; }
    // cargo's build-analysis log of this build ($CARGO_HOME/log/<run id>.jsonl, the run id being the report's
    // name) when the toolchain is a nightly one and cargo wrote it; else empty.
    QString buildAnalysisLog() const;
    bool buildAnalysisEnabled() const { return m_buildAnalysis; }
    // What the build is read from: the build-analysis log where there is one (the report is rendered from
    // it, rounded), else the report.
    QString runSource() const
    {
        const QString log = buildAnalysisLog();
        return log.isEmpty() ? m_report : log;
    }
    QStringList command() const { return m_command; }
    bool cancelled() const { return m_cancelled; }
    // cargo's exit status; -1 when it did not start or was killed by a signal
    int exitCode() const { return m_exitCode; }
    QString errorText() const { return m_error; }

signals:
    void progressChanged(const bl::CaptureProgress& progress);
    void passthrough(const QByteArray& line); // a line of cargo's stderr, without its end
    void message(const QByteArray& json);     // a line of cargo's JSON on stdout
    void finished();

private:
    void readStdout();
    void readStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);

    QProcess m_process;
    QElapsedTimer m_clock;
    QStringList m_command;
    QByteArray m_outBuffer, m_errBuffer;
    CaptureProgress m_progress;
    QString m_report;
    QString m_error;
    qint64 m_pid = 0;
    int m_exitCode = -1;
    bool m_cancelled = false;
    bool m_buildAnalysis = false;
    QString m_cargoHome;
    bool m_afterCr = false; // the last stderr line ended in \r (a progress redraw)
};

} // namespace bl
