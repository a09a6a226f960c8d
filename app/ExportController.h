#pragma once

#include <QObject>

class QAction;
class QTableView;
class QWidget;

namespace bl {

class DocumentPage;

// File › Export View… and Export Table as CSV…: the current page's views as images or PDF, its tables as CSV,
// each as it is shown now (zoom, focus, sorting, filter).
class ExportController : public QObject
{
    Q_OBJECT
public:
    explicit ExportController(QWidget* window);

    QAction* exportViewAction() const { return m_view; }
    QAction* exportTableAction() const { return m_table; }

    // What the actions act on; the actions are enabled when it has something to export.
    void setPage(DocumentPage* page);

    // The work behind the actions, without dialogs (for the window's tests): returns an error message, or
    // an empty string when OUT was written.
    QString exportView(int target, const QString& out);
    QString exportTable(QTableView* table, const QString& out);
    // The table a table export takes: the one with focus, else the first one in view.
    QTableView* currentTable() const;

private:
    void exportViewDialog();
    // The file dialog and the export of one target, by its name on the current page.
    void exportTargetDialog(const QString& name);
    // Gives each view of the page an "Export This View…" entry in its context menu.
    void addContextActions();
    void exportTableDialog();

    QWidget* m_window;
    DocumentPage* m_page = nullptr;
    QAction* m_view;
    QAction* m_table;
};

} // namespace bl
