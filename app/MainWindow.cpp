#include "MainWindow.h"

#include "CliHelp.h"
#include "CompareDialog.h"
#include "ComparePage.h"
#include "GraphPage.h"
#include "HistoryPage.h"
#include "ProfilePage.h"
#include "RecentList.h"
#include "SizePage.h"
#include "TimelineView.h"
#include "TimingsPage.h"
#include "analysis/ProfileTree.h"
#include "store/RunLibrary.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace bl {

namespace {
constexpr int kMaxRecent = 10;
const char* kRecentKey = "recentFiles";
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_importer(new ImportController(this))
    , m_exporter(new ExportController(this))
    , m_builder(new BuildController(this))
    , m_tabs(new QTabWidget)
    , m_welcome(new QLabel)
    , m_historyDb(RunLibrary::defaultPath())
{
    setWindowTitle(tr("BuildLens"));
    setAcceptDrops(true);
    setWindowIcon(QIcon(QStringLiteral(":/icons/buildlens.svg")));

    auto* welcome = static_cast<QLabel*>(m_welcome);
    welcome->setAlignment(Qt::AlignCenter);
    welcome->setWordWrap(true);
    welcome->setText(
        tr("<h2>BuildLens</h2><p>Open a <code>cargo build --timings</code> report, a "
           "<code>-Zbuild-analysis</code> log or <code>--timings=json</code> lines;<br>a rustc "
           "<code>-Zself-profile</code> file or directory, a summarize JSON or a Chrome trace;<br>a binary "
           "(an executable or a shared library), cargo-bloat JSON or cargo-llvm-lines output;<br>or the JSON "
           "of <code>cargo metadata</code> for the dependency graph.</p>"
           "<p>File › Open (Ctrl+O), or drop a file here.</p>"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_welcome, tr("Welcome"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);
    setCentralWidget(m_tabs);

    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->hide();
    m_status = new QLabel;
    statusBar()->addWidget(m_status, 1);
    m_crates = new CrateController(
        m_tabs, [this](DocumentPage* page, const QString& key) { addPage(page, key); }, this);
    connect(m_crates, &CrateController::status, m_status, &QLabel::setText);
    connect(m_crates, &CrateController::openFileRequested, this, &MainWindow::openFile);
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
    connect(m_importer, &ImportController::imported, this, &MainWindow::showImported);
    connect(m_importer, &ImportController::failed, this, &MainWindow::importFailed);

    createActions();
    m_status->setText(
        tr("Open a build capture, a self-profile, a binary or cargo metadata (Ctrl+O), or drop one here."));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), this,
                                    &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    file->addAction(QIcon::fromTheme(QStringLiteral("folder-open")), tr("Open Profile &Directory…"), this,
                    &MainWindow::openDirectoryDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction* compare = file->addAction(QIcon::fromTheme(QStringLiteral("view-split-left-right")),
                                       tr("&Compare Runs…"), this, &MainWindow::compareDialog);
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    compare->setToolTip(tr("Two open runs of one kind side by side: what got slower, bigger, rebuilt"));
    file->addSeparator();
    file->addAction(m_exporter->exportViewAction());
    file->addAction(m_exporter->exportTableAction());
    file->addSeparator();
    QAction* close = file->addAction(tr("&Close Tab"), this, [this] { closeTab(m_tabs->currentIndex()); });
    close->setShortcut(QKeySequence::Close);
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    createHistoryMenu();
    QMenu* build = menuBar()->addMenu(tr("&Build"));
    build->addAction(m_builder->runAction());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* fit = view->addAction(QIcon::fromTheme(QStringLiteral("zoom-fit-best")), tr("&Fit to Window"),
                                   this, [this] {
                                       if (DocumentPage* p = currentPage())
                                           p->fitToWindow();
                                   });
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction* zoomIn =
        view->addAction(QIcon::fromTheme(QStringLiteral("zoom-in")), tr("Zoom &In"), this, [this] {
            if (DocumentPage* p = currentPage())
                p->zoomBy(1.5);
        });
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction* zoomOut =
        view->addAction(QIcon::fromTheme(QStringLiteral("zoom-out")), tr("Zoom &Out"), this, [this] {
            if (DocumentPage* p = currentPage())
                p->zoomBy(1 / 1.5);
        });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    view->addSeparator();
    QAction* find = view->addAction(tr("&Find…"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Command Line…"), this, [this] {
        QMessageBox box(this);
        box.setWindowTitle(tr("BuildLens command line"));
        box.setText(QStringLiteral("<pre>%1</pre>").arg(cli::usageText().toHtmlEscaped()));
        box.exec();
    });
    help->addAction(tr("&About BuildLens"), this, [this] {
        QMessageBox::about(
            this, tr("About BuildLens"),
            tr("<h3>BuildLens %1</h3><p>Where Rust build time goes: cargo timings, the critical path, "
               "concurrency, and rustc's self-profiles.</p>")
                .arg(QApplication::applicationVersion()));
    });

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(open);
    bar->addAction(compare);
    bar->addSeparator();
    bar->addAction(fit);
    bar->addAction(zoomIn);
    bar->addAction(zoomOut);
    bar->addSeparator();
    m_search = new QLineEdit;
    m_search->setPlaceholderText(tr("Find (Enter: next)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(260);
    m_search->setObjectName(QStringLiteral("findBox"));
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (DocumentPage* p = currentPage())
            p->applyFindText(text);
        else
            m_matchLabel->clear();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (DocumentPage* p = currentPage())
            p->nextMatch();
    });
    auto* prev = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return), m_search);
    connect(prev, &QShortcut::activated, this, [this] {
        if (DocumentPage* p = currentPage())
            p->previousMatch();
    });
    bar->addWidget(m_search);
    m_matchLabel = new QLabel;
    m_matchLabel->setObjectName(QStringLiteral("findMatches"));
    m_matchLabel->setMinimumWidth(90);
    m_matchLabel->setContentsMargins(6, 0, 0, 0);
    bar->addWidget(m_matchLabel);
}

DocumentPage* MainWindow::currentPage() const
{
    return qobject_cast<DocumentPage*>(m_tabs->currentWidget());
}

TimelineView* MainWindow::timeline() const
{
    if (auto* page = qobject_cast<TimingsPage*>(m_tabs->currentWidget()))
        return page->timeline();
    for (int i = m_tabs->count() - 1; i >= 0; --i)
        if (auto* page = qobject_cast<TimingsPage*>(m_tabs->widget(i)))
            return page->timeline();
    return nullptr;
}

QString MainWindow::openFileFilters()
{
    // The kind of a file is told from its content, and binaries have no extension: the first (default)
    // filter shows every file; the others narrow the list for those who want it.
    return tr("Everything BuildLens opens (*);;Build timings (*.html *.htm *.jsonl *.json *.log);;"
              "Self-profiles (*.mm_profdata *.json *.json.gz *.gz);;Binary sizes (*.so *.json *.txt);;"
              "cargo metadata (*.json)");
}

void MainWindow::openDialog()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastDir")).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open build data"), dir, openFileFilters());
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDir"), QFileInfo(path).absolutePath());
    openFile(path);
}

void MainWindow::openDirectoryDialog()
{
    QSettings settings;
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open a -Zself-profile directory"), settings.value(QStringLiteral("lastDir")).toString());
    if (dir.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDir"), dir);
    openFile(dir);
}

void MainWindow::openFile(const QString& path)
{
    m_importer->start(path);
}

void MainWindow::addPage(DocumentPage* page, const QString& path)
{
    if (m_tabs->indexOf(m_welcome) >= 0)
        m_tabs->removeTab(m_tabs->indexOf(m_welcome));
    // reopening a file replaces its tab rather than adding a twin
    const QString abs = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->property("sourcePath").toString() == abs) {
            QWidget* old = m_tabs->widget(i);
            m_tabs->removeTab(i);
            old->deleteLater();
            break;
        }
    }
    page->setProperty("sourcePath", abs);
    connect(page, &DocumentPage::crateRequested, this, [this](const QString& name) {
        m_crates->setHistoryDb(m_historyDb);
        m_crates->showCrate(name);
    });
    connect(page, &DocumentPage::searchMatchesChanged, this, [this, page](int count, int current) {
        if (page == currentPage())
            updateMatchLabel(count, current);
    });
    const int index = m_tabs->addTab(page, page->title());
    m_tabs->setTabToolTip(index, abs);
    m_tabs->setCurrentIndex(index);
}

void MainWindow::showImported(const QString& path, const ImportController::Outcome& out)
{
    m_progress->hide();
    m_cancel->hide();
    if (out.data->timings) {
        auto* page = new TimingsPage;
        page->setAnalysis(out.analysis, out.findings);
        connect(page, &TimingsPage::unitActivated, this,
                [this, page](int unit) { openProfileOfUnit(page, unit); });
        addPage(page, path);
    } else if (out.data->profile) {
        auto* page = new ProfilePage;
        page->setProfile(out.data->profile,
                         out.profileLayouts.empty() ? ProfileLayouts{} : out.profileLayouts.front());
        addPage(page, path);
    } else if (out.data->size) {
        auto* page = new SizePage;
        page->setReport(out.data->size, out.sizeTree);
        addPage(page, path);
    } else if (out.data->graph) {
        auto* page = new GraphPage;
        page->setGraph(out.data->graph, out.graphLayout);
        addPage(page, path);
    } else if (out.data->profiles) {
        CrateController::rememberProfileDirectory(path);
        auto* page = new ProfileSetPage;
        page->setProfiles(out.data->profiles, out.profileLayouts);
        addPage(page, path);
    } else if (out.data->benchmark) {
        // wall times of repeated runs and nothing else to draw: they join the build history as series
        addRunToHistory(path, QString(), m_historyDb);
        showHistory(m_historyDb);
    }
    updateGraphSources();
    onCurrentTabChanged();
    addRecentFile(path);
    continuePendingComparison();
}

int MainWindow::tabOfFile(const QString& path) const
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->property("sourcePath").toString() == abs)
            return i;
    return -1;
}

void MainWindow::compareFiles(const QString& a, const QString& b)
{
    compareFileSets({a}, {b});
}

void MainWindow::compareFileSets(const QStringList& a, const QStringList& b)
{
    if (a.isEmpty() || b.isEmpty())
        return;
    for (const QString& f : a + b)
        if (!QFileInfo::exists(f)) {
            openHistoryRun(f); // says that the file is gone
            return;
        }
    auto absolute = [](const QStringList& files) {
        QStringList out;
        for (const QString& f : files)
            out << QFileInfo(f).absoluteFilePath();
        return out;
    };
    m_pendingA = absolute(a);
    m_pendingB = absolute(b);
    continuePendingComparison();
}

void MainWindow::continuePendingComparison()
{
    if (m_pendingA.isEmpty() || m_pendingB.isEmpty())
        return;
    // one import at a time: open what is missing, one after the other, then compare
    for (const QString& f : m_pendingA + m_pendingB)
        if (tabOfFile(f) < 0) {
            if (!m_importer->isBusy())
                openFile(f);
            return;
        }
    QList<int> a, b;
    for (const QString& f : std::as_const(m_pendingA))
        a << tabOfFile(f);
    for (const QString& f : std::as_const(m_pendingB))
        b << tabOfFile(f);
    m_pendingA.clear();
    m_pendingB.clear();
    const bool compared = a.size() == 1 && b.size() == 1 ? compareTabs(a[0], b[0]) : compareTabSets(a, b);
    if (!compared)
        m_status->setText(tr("These runs cannot be compared."));
}

void MainWindow::updateGraphSources()
{
    QList<GraphPage::TimingsSource> sources;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* page = qobject_cast<TimingsPage*>(m_tabs->widget(i)); page && page->analysis()) {
            // The directory tells apart builds whose reports share a name (dev-clean.html twice).
            const QFileInfo info(page->property("sourcePath").toString());
            sources.append(
                {QStringLiteral("%1 (%2)").arg(info.fileName(), info.dir().dirName()), page->analysis()});
        }
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* page = qobject_cast<GraphPage*>(m_tabs->widget(i)))
            page->setTimingsSources(sources);
}

void MainWindow::openProfileOfUnit(TimingsPage* page, int unit)
{
    if (!page->analysis() || unit < 0)
        return;
    const Unit& u = page->analysis()->run->units[std::size_t(unit)];
    QString crate = u.name;
    crate.replace(QLatin1Char('-'), QLatin1Char('_')); // rustc's crate name
    if (u.kind == UnitKind::BuildScript || u.kind == UnitKind::BuildScriptRun)
        crate = QStringLiteral("build_script_build");
    else if (u.kind == UnitKind::Bin && !u.targetName.isEmpty())
        crate = QString(u.targetName).replace(QLatin1Char('-'), QLatin1Char('_'));
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto* p = qobject_cast<ProfilePage*>(m_tabs->widget(i));
            p && p->profile() && p->profile()->crate == crate) {
            m_tabs->setCurrentIndex(i);
            return;
        }
        if (auto* set = qobject_cast<ProfileSetPage*>(m_tabs->widget(i)); set && set->showCrate(crate)) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    m_status->setText(
        tr("No self-profile of %1 is open. Build with RUSTFLAGS=-Zself-profile=DIR (nightly) and open "
           "that directory (File › Open Profile Directory).")
            .arg(crate));
}

void MainWindow::importFailed(const QString& path, const QString& message, bool cancelled)
{
    m_progress->hide();
    m_cancel->hide();
    m_pendingA.clear();
    m_pendingB.clear();
    if (cancelled) {
        m_status->setText(tr("Import of %1 cancelled.").arg(QFileInfo(path).fileName()));
        return;
    }
    m_status->setText(tr("Could not open %1.").arg(QFileInfo(path).fileName()));
    // Window-modal but not blocking: the session stays responsive and what is open stays on screen.
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Could not open file"),
        tr("BuildLens could not read <b>%1</b>.").arg(QFileInfo(path).fileName().toHtmlEscaped()),
        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("importErrorBox"));
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closePage(DocumentPage* page)
{
    if (const int index = m_tabs->indexOf(page); index >= 0)
        closeTab(index);
}

void MainWindow::refreshTabTitle(DocumentPage* page)
{
    if (const int index = m_tabs->indexOf(page); index >= 0)
        m_tabs->setTabText(index, page->title());
}

void MainWindow::closeTab(int index)
{
    QWidget* w = m_tabs->widget(index);
    if (!w || w == m_welcome)
        return;
    m_tabs->removeTab(index);
    w->deleteLater();
    if (m_tabs->count() == 0)
        m_tabs->addTab(m_welcome, tr("Welcome"));
    updateGraphSources();
}

void MainWindow::onCurrentTabChanged()
{
    DocumentPage* page = currentPage();
    m_exporter->setPage(page);
    m_matchLabel->clear();
    {
        // the find box shows the current tab's own text; switching tabs searches nothing anew
        const QSignalBlocker blocker(m_search);
        m_search->setText(page ? page->findText() : QString());
    }
    if (!page) {
        setWindowTitle(tr("BuildLens"));
        return;
    }
    if (page->findMatchCount() >= 0)
        updateMatchLabel(page->findMatchCount(), page->findCurrentMatch());
    setWindowTitle(tr("%1 — BuildLens").arg(page->title()));
    m_status->setText(page->statusText());
}

void MainWindow::addRecentFile(const QString& path)
{
    rememberRecent(QLatin1String(kRecentKey), path, kMaxRecent);
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

void MainWindow::updateMatchLabel(int count, int current)
{
    if (m_search->text().trimmed().isEmpty())
        m_matchLabel->clear();
    else if (count == 0)
        m_matchLabel->setText(tr("no match"));
    else if (current < 0)
        m_matchLabel->setText(tr("%n match(es)", nullptr, count));
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
        }
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

namespace {

bool isRun(const ComparePage::Run& r)
{
    return r.timings || r.profile || r.size;
}

} // namespace

void MainWindow::followComparison(ComparePage* page)
{
    // the tab's title and the status bar follow the comparison, which finishes on a worker
    connect(page, &ComparePage::ready, this, [this, page] {
        const int index = m_tabs->indexOf(page);
        if (index >= 0)
            m_tabs->setTabText(index, page->title());
        if (page == currentPage())
            onCurrentTabChanged();
    });
}

ComparePage::Run MainWindow::runAt(int tab) const
{
    ComparePage::Run run;
    run.name = m_tabs->tabText(tab);
    QWidget* w = m_tabs->widget(tab);
    if (auto* t = qobject_cast<TimingsPage*>(w))
        run.timings = t->analysis();
    else if (auto* p = qobject_cast<ProfilePage*>(w))
        run.profile = p->profile();
    else if (auto* s = qobject_cast<SizePage*>(w))
        run.size = s->report();
    return run;
}

QList<int> MainWindow::comparableTabs() const
{
    QList<int> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (isRun(runAt(i)))
            out << i;
    return out;
}

bool MainWindow::compareTabs(int a, int b)
{
    if (a < 0 || b < 0 || a >= m_tabs->count() || b >= m_tabs->count() || a == b)
        return false;
    ComparePage::Run ra = runAt(a);
    ComparePage::Run rb = runAt(b);
    if (!ComparePage::canCompare(ra, rb))
        return false;
    if (ra.name == rb.name) {
        // two builds' reports often share a name (dev-clean.html): their directories tell them apart
        auto withDir = [this](int tab, const QString& name) {
            const QFileInfo info(m_tabs->widget(tab)->property("sourcePath").toString());
            return info.dir().dirName() + QLatin1Char('/') + name;
        };
        ra.name = withDir(a, ra.name);
        rb.name = withDir(b, rb.name);
    }
    auto* page = new ComparePage;
    const QString key = QStringLiteral("compare:%1|%2")
                            .arg(m_tabs->widget(a)->property("sourcePath").toString(),
                                 m_tabs->widget(b)->property("sourcePath").toString());
    followComparison(page);
    page->compare(std::move(ra), std::move(rb));
    addPage(page, key);
    m_tabs->setTabToolTip(m_tabs->indexOf(page), page->title());
    return true;
}

bool MainWindow::compareTabSets(const QList<int>& a, const QList<int>& b)
{
    if (a.isEmpty() || b.isEmpty())
        return false;
    if (a.size() == 1 && b.size() == 1)
        return compareTabs(a.first(), b.first());
    std::vector<ComparePage::Run> ra, rb;
    for (const QList<int>* side : {&a, &b})
        for (int i : *side) {
            if (i < 0 || i >= m_tabs->count() || (side == &a ? b : a).contains(i))
                return false;
            ComparePage::Run run = runAt(i);
            if (!run.timings) // repeated builds are compared for timings only
                return false;
            (side == &a ? ra : rb).push_back(std::move(run));
        }
    auto* page = new ComparePage;
    QStringList key;
    for (int i : a)
        key << m_tabs->widget(i)->property("sourcePath").toString();
    key << QStringLiteral("vs");
    for (int i : b)
        key << m_tabs->widget(i)->property("sourcePath").toString();
    followComparison(page);
    page->compareSets(std::move(ra), std::move(rb));
    addPage(page, QStringLiteral("compare:") + key.join(QLatin1Char('|')));
    return true;
}

void MainWindow::compareDialog()
{
    const QList<int> tabs = comparableTabs();
    if (tabs.size() < 2) {
        QMessageBox::information(
            this, tr("Compare Runs"),
            tr("Open two runs of one kind first: two timings reports or build-analysis logs, two "
               "self-profiles, or two binaries (or cargo-bloat / llvm-lines outputs)."));
        return;
    }
    QList<CompareDialog::Entry> entries;
    for (int i : tabs)
        entries.append({i, m_tabs->tabText(i), m_tabs->tabToolTip(i), runAt(i)});
    // the current tab is the run to judge, the other of its kind the baseline
    const int current = m_tabs->currentIndex();
    const int b = tabs.contains(current) ? current : tabs.last();
    int a = -1;
    for (int i : tabs)
        if (i != b && ComparePage::canCompare(runAt(i), runAt(b)))
            a = i;
    CompareDialog dialog(entries, a, b, this);
    if (dialog.exec() == QDialog::Accepted)
        compareTabSets(dialog.selectedA(), dialog.selectedB());
}

void MainWindow::createHistoryMenu()
{
    QMenu* history = menuBar()->addMenu(tr("&History"));
    QAction* show = history->addAction(QIcon::fromTheme(QStringLiteral("view-history")),
                                       tr("Show Build &History"), this, [this] { showHistory(); });
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    show->setToolTip(tr("The runs stored in the run library, their trends over time"));
    history->addAction(tr("&Open History Database…"), this, &MainWindow::openHistoryDialog);
    history->addSeparator();
    history->addAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add Current Run to History…"), this,
                       &MainWindow::addCurrentRunToHistory);
}

HistoryPage* MainWindow::showHistory(const QString& databasePath)
{
    if (!databasePath.isEmpty())
        m_historyDb = databasePath;
    const QString abs = QFileInfo(m_historyDb).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* page = qobject_cast<HistoryPage*>(m_tabs->widget(i)); page && page->databasePath() == abs) {
            m_tabs->setCurrentIndex(i);
            page->refresh();
            return page;
        }
    auto* page = new HistoryPage;
    connect(page, &HistoryPage::openRunRequested, this, &MainWindow::openHistoryRun);
    connect(page, &HistoryPage::compareRunsRequested, this, &MainWindow::compareFiles);
    connect(page, &HistoryPage::compareSeriesRequested, this, &MainWindow::compareFileSets);
    connect(page, &HistoryPage::loaded, this, [this, page] {
        if (page == currentPage())
            onCurrentTabChanged();
    });
    page->setDatabase(abs);
    // a key of its own: the database is not a document that File › Open could read
    addPage(page, QStringLiteral("history:%1").arg(abs));
    m_tabs->setTabToolTip(m_tabs->indexOf(page), abs);
    return page;
}

void MainWindow::openHistoryDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a run library"), QFileInfo(m_historyDb).absolutePath(),
                                     tr("Run libraries (*.sqlite *.db);;All files (*)"));
    if (!path.isEmpty())
        showHistory(path);
}

void MainWindow::addCurrentRunToHistory()
{
    QWidget* page = m_tabs->currentWidget();
    // a history or a comparison is not one file that could be stored
    const bool isRun = qobject_cast<DocumentPage*>(page) && !qobject_cast<HistoryPage*>(page) &&
                       !qobject_cast<ComparePage*>(page);
    const QString file = isRun ? page->property("sourcePath").toString() : QString();
    if (file.isEmpty()) {
        QMessageBox::information(this, tr("Add to History"),
                                 tr("Open a build, a self-profile or a binary first: the file of the current "
                                    "tab is what gets stored."));
        return;
    }
    QSettings settings;
    bool ok = false;
    const QString label = QInputDialog::getText(
        this, tr("Add to History"),
        tr("Store <b>%1</b> in %2.<br>Label (a branch, a ticket; may be empty):")
            .arg(QFileInfo(file).fileName().toHtmlEscaped(),
                 QDir::toNativeSeparators(m_historyDb).toHtmlEscaped()),
        QLineEdit::Normal, settings.value(QStringLiteral("history/lastLabel")).toString(), &ok);
    if (!ok)
        return;
    settings.setValue(QStringLiteral("history/lastLabel"), label.trimmed());
    addRunToHistory(file, label.trimmed(), m_historyDb);
}

void MainWindow::addRunToHistory(const QString& file, const QString& label, const QString& databasePath)
{
    AddOptions options;
    options.label = label;
    addRunToHistory(file, options, databasePath);
}

void MainWindow::addRunToHistory(const QString& file, const AddOptions& options, const QString& databasePath)
{
    const QString db = QFileInfo(databasePath).absoluteFilePath();
    const QString name = QFileInfo(file).fileName();
    m_status->setText(tr("Storing %1 in the build history…").arg(name));
    auto* watcher = new QFutureWatcher<AddResult>(this);
    connect(watcher, &QFutureWatcher<AddResult>::finished, this, [this, watcher, name, db] {
        const AddResult r = watcher->result();
        watcher->deleteLater();
        QString message;
        switch (r.outcome) {
        case AddResult::Outcome::Stored:
            message = r.runsStored > 1 ? tr("%1 stored as runs %2 to %3.")
                                             .arg(name, QString::number(r.runId),
                                                  QString::number(r.runId + r.runsStored - 1))
                                       : tr("%1 stored as run %2.").arg(name, QString::number(r.runId));
            break;
        case AddResult::Outcome::Skipped:
            message = tr("%1 is already stored as run %2.").arg(name, QString::number(r.runId));
            break;
        case AddResult::Outcome::Failed:
            message = tr("Could not store %1: %2").arg(name, r.error);
            break;
        }
        m_status->setText(message);
        for (int i = 0; i < m_tabs->count(); ++i)
            if (auto* page = qobject_cast<HistoryPage*>(m_tabs->widget(i));
                page && page->databasePath() == db)
                page->refresh();
        emit historyRunAdded(message);
    });
    // The import runs again here, from the file: the library hashes and stores exactly what is on disk. The
    // library's connection is opened and closed in the worker, the only thread that uses it.
    watcher->setFuture(QtConcurrent::run([file, options, db] {
        QDir().mkpath(QFileInfo(db).absolutePath());
        RunLibrary library;
        AddResult result;
        if (!library.open(db, &result.error))
            return result;
        Progress progress;
        return library.addFile(file, progress, options);
    }));
}

void MainWindow::openHistoryRun(const QString& file)
{
    if (QFileInfo::exists(file)) {
        openFile(file);
        return;
    }
    m_status->setText(tr("%1 no longer exists.").arg(QFileInfo(file).fileName()));
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Run file missing"),
                                tr("The file this run was imported from no longer exists:<br><b>%1</b>")
                                    .arg(QDir::toNativeSeparators(file).toHtmlEscaped()),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("missingRunFileBox"));
    box->setInformativeText(tr("The run's numbers stay in the history; move the file back to open it."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace bl
