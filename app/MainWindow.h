#pragma once

#include "BuildController.h"
#include "ComparePage.h"
#include "CrateController.h"
#include "ExportController.h"
#include "ImportController.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace bl {

struct AddOptions;
class DocumentPage;
class HistoryPage;
class ProfilePage;
class ProfileSetPage;
class TimelineView;
class TimingsPage;

// The shell: one tab per opened file or profile directory, the toolbar (find, fit, zoom) acting on the
// current tab, imports on a worker thread with progress and cancel in the status bar, recent files, drag and
// drop.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFile(const QString& path);
    // File › Open's filters; the first, the default, shows every file (binaries have no extension).
    static QString openFileFilters();
    ImportController* importer() const { return m_importer; }
    ExportController* exporter() const { return m_exporter; }
    DocumentPage* currentPage() const;
    // The timeline of the current timings tab (or of the last one), for screenshots and tests.
    TimelineView* timeline() const;
    QTabWidget* tabs() const { return m_tabs; }
    // Opens a comparison tab of the runs in tabs a and b (indexes of tabs()); false when they cannot be
    // compared (different kinds, or not runs).
    bool compareTabs(int a, int b);
    // Compares two files (stored runs of the history): opens those not open yet, then compares them.
    void compareFiles(const QString& a, const QString& b);
    // The same for repeated builds: opens what is not open yet, then compares the sets (compareTabSets).
    void compareFileSets(const QStringList& a, const QStringList& b);
    // The tab of an opened file, or -1.
    int tabOfFile(const QString& path) const;
    // Repeated builds: several timings tabs on each side (one each: compareTabs).
    bool compareTabSets(const QList<int>& a, const QList<int>& b);
    // The open runs that a comparison can use: their tab indexes.
    QList<int> comparableTabs() const;
    // Shows the build history of the run library at `databasePath` (empty: the last one shown, at first
    // RunLibrary::defaultPath()) in its tab, reading it again when the tab is already open.
    HistoryPage* showHistory(const QString& databasePath = {});
    // The run library that "Add Current Run to History" stores into: the last one shown.
    QString historyDatabase() const { return m_historyDb; }
    // Stores `file` (or a profile directory) as a run of the library at `databasePath` on a worker thread;
    // the outcome goes to the status bar and historyRunAdded(), open history tabs of that library refresh.
    void addRunToHistory(const QString& file, const QString& label, const QString& databasePath);
    void addRunToHistory(const QString& file, const AddOptions& options, const QString& databasePath);
    BuildController* builder() const { return m_builder; }
    CrateController* crates() const { return m_crates; }
    // A page of its own in a new tab (replacing the tab of the same `path`, which keys it).
    void addPage(DocumentPage* page, const QString& path);
    void closePage(DocumentPage* page);
    // The tab shows the page's title() anew.
    void refreshTabTitle(DocumentPage* page);

signals:
    // The status bar's message after addRunToHistory(): stored as run N, already stored, or the error.
    void historyRunAdded(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void continuePendingComparison();
    void showImported(const QString& path, const ImportController::Outcome& outcome);
    void importFailed(const QString& path, const QString& message, bool cancelled);
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void openDialog();
    void openDirectoryDialog();
    void closeTab(int index);
    void onCurrentTabChanged();
    void updateMatchLabel(int count, int current);
    void openProfileOfUnit(TimingsPage* page, int unit);
    // Offers every open build to every open dependency graph as a source of compile times.
    void updateGraphSources();
    void compareDialog();
    void followComparison(ComparePage* page);
    // What the tab's page holds that a comparison can use (nothing for a graph or the welcome page).
    ComparePage::Run runAt(int tab) const;
    void createHistoryMenu();
    void openHistoryDialog();
    void addCurrentRunToHistory();
    void openHistoryRun(const QString& file);

    ImportController* m_importer;
    ExportController* m_exporter;
    BuildController* m_builder;
    CrateController* m_crates = nullptr;
    QTabWidget* m_tabs;
    QLineEdit* m_search;
    QLabel* m_matchLabel;
    QMenu* m_recentMenu;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_status;
    QWidget* m_welcome;
    QString m_historyDb;
    // absolute paths of each side waiting to be opened, then compared
    QStringList m_pendingA, m_pendingB;
};

} // namespace bl
