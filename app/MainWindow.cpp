#include "MainWindow.h"

#include "Cli.h"
#include "ConcurrencyChart.h"
#include "ImportController.h"
#include "ShareBarDelegate.h"
#include "SummaryPanel.h"
#include "TimelineView.h"
#include "itemmodels/UnitsTableModel.h"
#include "report/SummaryReport.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace bl {

namespace {
constexpr int kMaxRecent = 10;
const char* kRecentKey = "recentFiles";
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_importer(new ImportController(this))
    , m_timeline(new TimelineView)
    , m_chart(new ConcurrencyChart)
    , m_summary(new SummaryPanel)
    , m_unitsModel(new UnitsTableModel(this))
    , m_unitsProxy(new UnitsFilterProxy(this))
    , m_table(new QTableView)
{
    setWindowTitle(tr("BuildLens"));
    setAcceptDrops(true);
    setWindowIcon(QIcon(QStringLiteral(":/icons/buildlens.svg")));

    m_chart->setTimeScale(m_timeline->timeScale());

    m_unitsProxy->setSourceModel(m_unitsModel);
    m_table->setModel(m_unitsProxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(UnitsTableModel::Duration, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(UnitsTableModel::Duration, new ShareBarDelegate(m_table));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onTableSelection);

    m_tableFilter = new QLineEdit;
    m_tableFilter->setPlaceholderText(tr("Filter units by name, version, target, kind or feature"));
    m_tableFilter->setClearButtonEnabled(true);
    connect(m_tableFilter, &QLineEdit::textChanged, m_unitsProxy, &UnitsFilterProxy::setFilterText);
    m_showFresh = new QCheckBox(tr("Show fresh units"));
    m_showFresh->setToolTip(tr("Units cargo found up to date and did not rebuild"));
    connect(m_showFresh, &QCheckBox::toggled, this, [this](bool on) {
        m_timeline->setShowFresh(on);
        m_unitsProxy->setHideFresh(!on);
    });
    m_unitsProxy->setHideFresh(true);

    auto* tablePanel = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePanel);
    tableLayout->setContentsMargins(4, 4, 4, 0);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_tableFilter, 1);
    filterRow->addWidget(m_showFresh);
    tableLayout->addLayout(filterRow);
    tableLayout->addWidget(m_table);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_timeline);
    split->addWidget(m_chart);
    split->addWidget(tablePanel);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 3);
    split->setSizes({430, 180, 220});
    split->setChildrenCollapsible(false);
    m_chart->setMinimumHeight(150);
    m_timeline->setMinimumHeight(160);
    tablePanel->setMinimumHeight(120);
    setCentralWidget(split);

    auto* dock = new QDockWidget(tr("Summary"), this);
    dock->setObjectName(QStringLiteral("summaryDock"));
    dock->setWidget(m_summary);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    resizeDocks({dock}, {300}, Qt::Horizontal);

    connect(m_timeline, &TimelineView::unitSelected, this, &MainWindow::onTimelineSelection);
    connect(m_timeline, &TimelineView::searchMatchesChanged, this, &MainWindow::updateMatchLabel);
    connect(m_summary, &SummaryPanel::unitActivated, m_timeline, &TimelineView::selectUnit);

    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->hide();
    m_status = new QLabel;
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, m_importer, &ImportController::cancel);
    connect(m_importer, &ImportController::started, this, [this](const QString& path) {
        m_status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
        m_progress->setValue(0);
        m_progress->show();
        m_cancel->show();
    });
    connect(m_importer, &ImportController::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_importer, &ImportController::imported, this, &MainWindow::showAnalysis);
    connect(m_importer, &ImportController::failed, this, &MainWindow::importFailed);

    createActions();
    m_status->setText(tr("Open a cargo timings report, a build-analysis log or timing-info lines (Ctrl+O), "
                         "or drop one here."));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), this,
                                    &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* fit = view->addAction(QIcon::fromTheme(QStringLiteral("zoom-fit-best")), tr("&Fit to Window"),
                                   m_timeline, &TimelineView::fitToWindow);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction* zoomIn = view->addAction(QIcon::fromTheme(QStringLiteral("zoom-in")), tr("Zoom &In"), m_timeline,
                                      [this] { m_timeline->zoomBy(1.5); });
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction* zoomOut = view->addAction(QIcon::fromTheme(QStringLiteral("zoom-out")), tr("Zoom &Out"),
                                       m_timeline, [this] { m_timeline->zoomBy(1 / 1.5); });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    view->addSeparator();
    QAction* find = view->addAction(tr("&Find Unit…"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Command Line…"), this, [this] {
        QMessageBox box(this);
        box.setWindowTitle(tr("BuildLens command line"));
        box.setText(QStringLiteral("<pre>%1</pre>").arg(usageText().toHtmlEscaped()));
        box.exec();
    });
    help->addAction(tr("&About BuildLens"), this, [this] {
        QMessageBox::about(
            this, tr("About BuildLens"),
            tr("<h3>BuildLens %1</h3><p>Where Rust build time goes: cargo timings, critical path, "
               "concurrency.</p>")
                .arg(QApplication::applicationVersion()));
    });

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(open);
    bar->addSeparator();
    bar->addAction(fit);
    bar->addAction(zoomIn);
    bar->addAction(zoomOut);
    bar->addSeparator();
    m_search = new QLineEdit;
    m_search->setPlaceholderText(tr("Find unit (Enter: next)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(260);
    connect(m_search, &QLineEdit::textChanged, m_timeline, &TimelineView::setSearchText);
    connect(m_search, &QLineEdit::returnPressed, m_timeline, &TimelineView::nextMatch);
    auto* prev = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return), m_search);
    connect(prev, &QShortcut::activated, m_timeline, &TimelineView::previousMatch);
    bar->addWidget(m_search);
    m_matchLabel = new QLabel;
    m_matchLabel->setMinimumWidth(90);
    m_matchLabel->setContentsMargins(6, 0, 0, 0);
    bar->addWidget(m_matchLabel);
}

void MainWindow::openDialog()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastDir")).toString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open build data"), dir,
        tr("Build data (*.html *.htm *.jsonl *.json *.txt *.log);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDir"), QFileInfo(path).absolutePath());
    openFile(path);
}

void MainWindow::openFile(const QString& path)
{
    m_importer->start(path);
}

void MainWindow::showAnalysis(const QString& path, std::shared_ptr<const TimingsAnalysis> analysis)
{
    m_progress->hide();
    m_cancel->hide();
    m_analysis = std::move(analysis);
    m_timeline->setAnalysis(m_analysis);
    m_chart->setAnalysis(m_analysis);
    m_summary->setAnalysis(m_analysis);
    m_unitsModel->setAnalysis(m_analysis);
    m_table->resizeColumnsToContents();
    const int featuresWidth = std::min(m_table->columnWidth(UnitsTableModel::Features), 320);
    m_table->setColumnWidth(UnitsTableModel::Features, featuresWidth);
    if (!m_search->text().isEmpty())
        m_timeline->setSearchText(m_search->text());
    const TimingsSummary& s = m_analysis->summary;
    setWindowTitle(tr("%1 — BuildLens").arg(QFileInfo(path).fileName()));
    m_status->setText(tr("%1: %n unit(s), wall time %2, critical path %3", nullptr, s.unitCount)
                          .arg(QFileInfo(path).fileName(), formatSeconds(s.wallSeconds),
                               m_analysis->critical.available ? formatSeconds(m_analysis->critical.seconds)
                                                              : tr("not recorded")));
    addRecentFile(path);
}

void MainWindow::importFailed(const QString& path, const QString& message, bool cancelled)
{
    m_progress->hide();
    m_cancel->hide();
    if (cancelled) {
        m_status->setText(tr("Import of %1 cancelled.").arg(QFileInfo(path).fileName()));
        return;
    }
    m_status->setText(tr("Could not open %1.").arg(QFileInfo(path).fileName()));
    // Window-modal but not blocking: the session stays responsive and the previous run stays on screen.
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Could not open file"),
        tr("BuildLens could not read <b>%1</b>.").arg(QFileInfo(path).fileName().toHtmlEscaped()),
        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("importErrorBox"));
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::addRecentFile(const QString& path)
{
    QSettings settings;
    QStringList files = settings.value(QLatin1String(kRecentKey)).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    files.removeAll(abs);
    files.prepend(abs);
    while (files.size() > kMaxRecent)
        files.removeLast();
    settings.setValue(QLatin1String(kRecentKey), files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = QSettings().value(QLatin1String(kRecentKey)).toStringList();
    for (const QString& f : files) {
        QAction* a = m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openFile(f); });
        a->setToolTip(f);
        a->setStatusTip(f);
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            QSettings().remove(QLatin1String(kRecentKey));
            rebuildRecentMenu();
        });
    }
}

void MainWindow::onTableSelection()
{
    if (m_syncingSelection)
        return;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    m_syncingSelection = true;
    m_timeline->selectUnit(rows.first().data(UnitsTableModel::UnitIndexRole).toInt());
    m_syncingSelection = false;
}

void MainWindow::onTimelineSelection(int unit)
{
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    if (unit < 0) {
        m_table->clearSelection();
    } else {
        const QModelIndex src = m_unitsModel->index(unit, 0);
        QModelIndex proxy = m_unitsProxy->mapFromSource(src);
        if (!proxy.isValid() && !m_tableFilter->text().isEmpty()) {
            m_tableFilter->clear();
            proxy = m_unitsProxy->mapFromSource(src);
        }
        if (proxy.isValid()) {
            m_table->selectionModel()->select(proxy, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
            m_table->scrollTo(proxy);
        }
    }
    m_syncingSelection = false;
}

void MainWindow::updateMatchLabel(int count, int current)
{
    if (m_search->text().trimmed().isEmpty())
        m_matchLabel->clear();
    else if (count == 0)
        m_matchLabel->setText(tr("no match"));
    else
        m_matchLabel->setText(tr("%1 of %2").arg(current + 1).arg(count));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl& url : urls) {
        if (url.isLocalFile()) {
            openFile(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace bl
