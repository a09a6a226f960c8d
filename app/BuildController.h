#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

class QAction;

namespace bl {

class LiveBuildPage;
class MainWindow;

// Build › Run Cargo Build…: runs cargo for the window. Each build gets a tab that shows it live and owns
// it: closing the tab (or the window) ends cargo and every compiler it started. When cargo ends, the report
// it wrote is stored in the build history and opened as a normal tab; a build that compiled replaces its
// live tab, a failed one keeps it, with cargo's errors.
class BuildController : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QString workspace;
        QStringList command; // cargo ... (the capture adds --timings and the message format)
        QString label;       // of the stored run
    };

    explicit BuildController(MainWindow* window);

    QAction* runAction() const { return m_run; }
    // Starts a build in a new tab, without the dialog (the tests and screenshots use it).
    LiveBuildPage* start(const Request& request);

signals:
    // cargo ended: `report` is the timings report it wrote (empty when it wrote none), `status` its exit
    // status (-1 when it was cancelled or could not start).
    void buildFinished(bl::LiveBuildPage* page, const QString& report, int status);

private:
    void runDialog();

    MainWindow* m_window;
    QAction* m_run;
};

} // namespace bl
