#include "BuildController.h"

#include "BuildDialog.h"
#include "MainWindow.h"

#include "LiveBuildPage.h"
#include "TimelineView.h"
#include "analysis/TimingsAnalysis.h"
#include "capture/CargoCapture.h"
#include "capture/LiveRun.h"
#include "report/SummaryReport.h"
#include "store/RunLibrary.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QTabWidget>
#include <QTimer>

#include <functional>

namespace bl {

namespace {

constexpr int kRepaintMs = 250; // four frames a second: a growing bar moves smoothly without costing much

// One build: cargo, what it has said so far, and the clock that redraws the page. A child of the page, so
// that closing the tab ends the build (CargoCapture's destructor ends its process group).
class BuildSession : public QObject
{
public:
    BuildSession(LiveBuildPage* page, const BuildController::Request& request)
        : QObject(page)
        , m_page(page)
        , m_request(request)
    {
        connect(&m_capture, &CargoCapture::progressChanged, this, [this](const CaptureProgress& p) {
            m_live.onProgress(p, m_capture.elapsedSeconds());
            m_running = p.running;
        });
        connect(&m_capture, &CargoCapture::message, this,
                [this](const QByteArray& line) { m_live.onMessage(line, m_capture.elapsedSeconds()); });
        connect(&m_capture, &CargoCapture::passthrough, this,
                [this](const QByteArray& line) { m_page->appendOutput(QString::fromUtf8(line)); });
        connect(&m_clock, &QTimer::timeout, this, &BuildSession::repaint);
        connect(page, &LiveBuildPage::cancelRequested, this, [this] { m_capture.cancel(); });
    }

    ~BuildSession() override
    {
        // the tab is closing: end the build (CargoCapture's destructor) without telling the page being
        // deleted
        m_capture.disconnect();
    }

    void start(std::function<void(const QString&, int)> finished)
    {
        m_finished = std::move(finished);
        connect(&m_capture, &CargoCapture::finished, this, &BuildSession::onFinished);
        m_capture.start(m_request.command, m_request.workspace);
        m_page->appendOutput(QStringLiteral("$ ") + m_capture.command().join(QLatin1Char(' ')));
        if (m_capture.isRunning())
            m_clock.start(kRepaintMs);
    }

private:
    void repaint()
    {
        m_page->setProgress(analyse(m_live.snapshot(m_capture.elapsedSeconds())), m_live.progressDone(),
                            m_live.progressTotal(), m_running);
    }

    void onFinished()
    {
        m_clock.stop();
        m_live.finish(m_capture.elapsedSeconds());
        m_running.clear();
        repaint();
        const QString source = m_capture.runSource();
        const QString report = !source.isEmpty() && QFileInfo::exists(source) ? source : QString();
        const int status = m_capture.cancelled() ? -1 : m_capture.exitCode();
        QString message;
        if (!m_capture.errorText().isEmpty())
            message = m_capture.errorText();
        else if (m_capture.cancelled())
            message = report.isEmpty()
                          ? BuildController::tr("Cancelled before cargo wrote its report; nothing stored.")
                          : BuildController::tr(
                                "Cancelled; what was built is in the report, stored in the history.");
        else if (status == 0)
            message = BuildController::tr("Finished in %1: opening the report…")
                          .arg(formatSeconds(m_capture.elapsedSeconds()));
        else
            message =
                report.isEmpty()
                    ? BuildController::tr("cargo failed (exit status %1) before building; no report.")
                          .arg(status)
                    : BuildController::tr("The build failed (exit status %1): %2 units finished. Its report "
                                          "opens in its own tab and joins the history, marked failed.")
                          .arg(status)
                          .arg(m_live.finishedUnits());
        m_page->setFinished(message, status == 0);
        if (m_finished)
            m_finished(report, status);
    }

    LiveBuildPage* m_page;
    BuildController::Request m_request;
    CargoCapture m_capture;
    LiveRun m_live;
    QTimer m_clock;
    QStringList m_running;
    std::function<void(const QString&, int)> m_finished;
};

} // namespace

BuildController::BuildController(MainWindow* window)
    : QObject(window)
    , m_window(window)
    , m_run(new QAction(tr("&Run Cargo Build…"), this))
{
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_run->setStatusTip(tr("Runs cargo on a workspace and shows its timeline while it builds"));
    connect(m_run, &QAction::triggered, this, &BuildController::runDialog);
}

void BuildController::runDialog()
{
    BuildDialog dialog(m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    start({dialog.workspace(), dialog.command(), dialog.label()});
}

LiveBuildPage* BuildController::start(const Request& request)
{
    const QString workspace = QFileInfo(request.workspace).absoluteFilePath();
    auto* page = new LiveBuildPage(request.command.join(QLatin1Char(' ')), workspace);
    // a key of its own: a second build of the same workspace gets a tab of its own too
    static int builds = 0;
    m_window->addPage(page, QDir(workspace).filePath(QStringLiteral(".buildlens-build-%1").arg(++builds)));
    auto* session = new BuildSession(page, {workspace, request.command, request.label});
    QPointer<LiveBuildPage> guard(page);
    session->start([this, guard, request](const QString& report, int status) {
        if (guard)
            m_window->refreshTabTitle(guard);
        if (!report.isEmpty()) {
            AddOptions options;
            options.label = request.label;
            options.command = request.command.join(QLatin1Char(' '));
            options.failed = status != 0;
            m_window->addRunToHistory(report, options, m_window->historyDatabase());
            if (status == 0 && guard) {
                // the finished run takes the live tab's place once it has opened
                auto connection = std::make_shared<QMetaObject::Connection>();
                *connection = connect(m_window->importer(), &ImportController::imported, this,
                                      [this, guard, report, connection](const QString& path) {
                                          if (QFileInfo(path) != QFileInfo(report))
                                              return;
                                          disconnect(*connection);
                                          if (guard)
                                              m_window->closePage(guard);
                                      });
            }
            m_window->openFile(report);
        }
        emit buildFinished(guard, report, status);
    });
    return page;
}

} // namespace bl
