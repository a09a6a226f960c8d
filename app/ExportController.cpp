#include "ExportController.h"

#include "DocumentPage.h"
#include "ViewExport.h"
#include "report/Csv.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>

namespace bl {

ExportController::ExportController(QWidget* window)
    : QObject(window)
    , m_window(window)
    , m_view(new QAction(tr("&Export View…"), this))
    , m_table(new QAction(tr("Export &Table as CSV…"), this))
{
    m_view->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_view->setToolTip(tr("The view as PNG, SVG or PDF, with a title, the source file and a legend"));
    m_table->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_table->setToolTip(tr("The table in view as CSV, sorted and filtered as shown, numbers in base units"));
    connect(m_view, &QAction::triggered, this, &ExportController::exportViewDialog);
    connect(m_table, &QAction::triggered, this, &ExportController::exportTableDialog);
    setPage(nullptr);
}

void ExportController::setPage(DocumentPage* page)
{
    m_page = page;
    // a page's views may still be laying out: the dialog says so rather than the action going grey
    m_view->setEnabled(page != nullptr);
    addContextActions();
    m_table->setEnabled(page && !page->findChildren<QTableView*>().isEmpty());
}

QTableView* ExportController::currentTable() const
{
    if (!m_page)
        return nullptr;
    if (auto* focused = qobject_cast<QTableView*>(QApplication::focusWidget());
        focused && m_page->isAncestorOf(focused))
        return focused;
    for (QTableView* table : m_page->findChildren<QTableView*>())
        if (table->isVisible() && table->model())
            return table;
    return nullptr;
}

QString ExportController::exportView(int target, const QString& out)
{
    if (!m_page)
        return tr("no view to export");
    const std::vector<ExportTarget> targets = m_page->exportTargets();
    if (target < 0 || target >= int(targets.size()))
        return tr("no view to export");
    ExportOptions options;
    QString error;
    const QStringList written = writeFigure(targets[std::size_t(target)].figure(), out, options, error);
    return written.isEmpty() ? error : QString();
}

QString ExportController::exportTable(QTableView* table, const QString& out)
{
    if (!table || !table->model())
        return tr("no table to export");
    QString error;
    return writeTableCsv(*table->model(), out, error) ? QString() : error;
}

namespace {

QString lastDirectory()
{
    return QSettings()
        .value(QStringLiteral("export/directory"),
               QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
        .toString();
}

} // namespace

void ExportController::addContextActions()
{
    if (!m_page)
        return;
    for (const ExportTarget& t : m_page->exportTargets()) {
        if (!t.widget)
            continue;
        bool present = false;
        for (QAction* a : t.widget->actions())
            present = present || a->objectName() == QLatin1String("exportThisView");
        if (present)
            continue;
        auto* action = new QAction(tr("Export This View…"), t.widget);
        action->setObjectName(QStringLiteral("exportThisView"));
        const QString name = t.name;
        QPointer<DocumentPage> page = m_page;
        connect(action, &QAction::triggered, this, [this, page, name] {
            if (page && page == m_page)
                exportTargetDialog(name);
        });
        t.widget->addAction(action);
        // a view that builds its own menu lists the widget's actions in it; the others show just these
        if (!t.widget->property("ownContextMenu").toBool())
            t.widget->setContextMenuPolicy(Qt::ActionsContextMenu);
    }
}

void ExportController::exportViewDialog()
{
    if (!m_page)
        return;
    const std::vector<ExportTarget> targets = m_page->exportTargets();
    if (targets.empty()) {
        QMessageBox::information(m_window, tr("Export View"), tr("This tab has no view to export yet."));
        return;
    }
    int target = 0;
    if (targets.size() > 1) {
        QStringList names;
        for (const ExportTarget& t : targets)
            names << t.name;
        bool ok = false;
        const QString name =
            QInputDialog::getItem(m_window, tr("Export View"), tr("View to export:"), names, 0, false, &ok);
        if (!ok)
            return;
        target = int(names.indexOf(name));
    }
    exportTargetDialog(targets[std::size_t(target)].name);
}

void ExportController::exportTargetDialog(const QString& name)
{
    if (!m_page)
        return;
    const std::vector<ExportTarget> targets = m_page->exportTargets();
    int target = -1;
    for (std::size_t i = 0; i < targets.size(); ++i)
        if (targets[i].name == name)
            target = int(i);
    if (target < 0)
        return;
    QString selected;
    const QString base =
        QFileInfo(m_page->sourcePath()).completeBaseName() + QLatin1Char('-') +
        targets[std::size_t(target)].name.toLower().replace(QLatin1Char(' '), QLatin1Char('-'));
    const QString out = QFileDialog::getSaveFileName(
        m_window, tr("Export View"), QDir(lastDirectory()).filePath(base + QStringLiteral(".png")),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document, A4 pages (*.pdf)"), &selected);
    if (out.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("export/directory"), QFileInfo(out).absolutePath());
    const QString error = exportView(target, out);
    if (!error.isEmpty())
        QMessageBox::warning(m_window, tr("Export View"), error);
}

void ExportController::exportTableDialog()
{
    QTableView* table = currentTable();
    if (!table)
        return;
    const QString base = QFileInfo(m_page->sourcePath()).completeBaseName();
    const QString out = QFileDialog::getSaveFileName(
        m_window, tr("Export Table as CSV"), QDir(lastDirectory()).filePath(base + QStringLiteral(".csv")),
        tr("CSV (*.csv)"));
    if (out.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("export/directory"), QFileInfo(out).absolutePath());
    const QString error = exportTable(table, out);
    if (!error.isEmpty())
        QMessageBox::warning(m_window, tr("Export Table as CSV"), error);
}

} // namespace bl
