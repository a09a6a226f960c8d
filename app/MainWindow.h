#pragma once

#include "analysis/TimingsAnalysis.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;
class QCheckBox;

namespace bl {

class ConcurrencyChart;
class ImportController;
class SummaryPanel;
class TimelineView;
class UnitsFilterProxy;
class UnitsTableModel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFile(const QString& path);
    // The timeline widget, for screenshots and tests.
    TimelineView* timeline() const { return m_timeline; }
    ImportController* importer() const { return m_importer; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void showAnalysis(const QString& path, std::shared_ptr<const TimingsAnalysis> analysis);
    void importFailed(const QString& path, const QString& message, bool cancelled);
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void onTableSelection();
    void onTimelineSelection(int unit);
    void updateMatchLabel(int count, int current);
    void openDialog();

    std::shared_ptr<const TimingsAnalysis> m_analysis;
    ImportController* m_importer;
    TimelineView* m_timeline;
    ConcurrencyChart* m_chart;
    SummaryPanel* m_summary;
    UnitsTableModel* m_unitsModel;
    UnitsFilterProxy* m_unitsProxy;
    QTableView* m_table;
    QLineEdit* m_search;
    QLabel* m_matchLabel;
    QLineEdit* m_tableFilter;
    QCheckBox* m_showFresh;
    QMenu* m_recentMenu;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_status;
    bool m_syncingSelection = false;
};

} // namespace bl
