// The window as a user drives it: open a file (by argument, by drop), see it; open a broken file, get a
// message naming it while the previous run stays; cancel a long import; the recent-files list remembers.
#include "BuildController.h"
#include "BuildDialog.h"
#include "CaptureWorkspace.h"
#include "CompareDialog.h"
#include "ComparePage.h"
#include "CrateController.h"
#include "CratePage.h"
#include "DepGraphView.h"
#include "FlameGraphView.h"
#include "GraphPage.h"
#include "ImportController.h"
#include "LiveBuildPage.h"
#include "MainWindow.h"
#include "ProfilePage.h"
#include "RebuildsView.h"
#include "SizePage.h"
#include "SummaryPanel.h"
#include "TestData.h"
#include "TimeScale.h"
#include "TimelineView.h"
#include "TimingsPage.h"
#include "Translations.h"
#include "TreemapView.h"
#include "ViewExport.h"
#include "WhatIfView.h"
#include "analysis/Schedule.h"
#include "analysis/SizeTree.h"
#include "bench/SyntheticTimings.h"
#include "itemmodels/ExportRole.h"
#include "itemmodels/RebuildTreeModel.h"
#include "itemmodels/UnitsTableModel.h"
#include "report/Csv.h"
#include "store/RunLibrary.h"
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeView>

#include <QApplication>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace bl;
using namespace bl::test;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    // A tab replaced or closed is deleted later, from the event loop; a test ends before that turn comes.
    void cleanup()
    {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        qunsetenv("CAP_SLEEP_MS");
    }
    void buildDialogMakesTheCommand();
    void rebuildsTabOfALogWithCauses();
    void whatIfTabPredictsFromTheTimeline();
    void cratePageJoinsTheOpenTabs();
    void cratePageFindsItsProfileInTheProfileDirectory();
    void liveBuildGrowsThenOpensItsReport();
    void cancellingALiveBuildLeavesNoProcess();
    void closingALiveBuildTabEndsIt();
    void openShowsTheRun();
    void brokenFileKeepsThePreviousRun();
    void dropOpensTheFile();
    void cancelLongImport();
    void recentFiles();
    void profileTabAndDrillDown();
    void dependencyGraphTab();
    void graphHeatFromAnOpenBuild();
    void compareTwoOpenBuilds();
    void findTextBelongsToItsTab();
    void openDialogShowsEveryFile();
    void compareDialogOffersFittingRuns();
    void sizeTablesKeepTheirNumbersInView();
    void exportViewsAndTablesFromTheWindow();
    void findingsInTheSummary();
};

void TestMainWindow::findTextBelongsToItsTab()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    auto* find = w.findChild<QLineEdit*>(QStringLiteral("findBox"));
    auto* matches = w.findChild<QLabel*>(QStringLiteral("findMatches"));
    QVERIFY(find && matches);
    w.openFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(imported.wait(10000));
    auto* build = qobject_cast<TimingsPage*>(w.currentPage());
    QVERIFY(build);
    find->setText(QStringLiteral("regex"));
    QCOMPARE(build->timeline()->matchCount(), 2);
    QVERIFY2(matches->text().contains(QLatin1Char('2')), qPrintable(matches->text()));
    // a newly opened tab starts with an empty find box, and its flame graph is not dimmed by the old text
    w.openFile(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")));
    QVERIFY(imported.wait(10000));
    auto* profile = qobject_cast<ProfilePage*>(w.currentPage());
    QVERIFY(profile);
    QVERIFY(find->text().isEmpty());
    QVERIFY(profile->findText().isEmpty());
    QVERIFY(matches->text().isEmpty());
    // text that matches nothing says so
    find->setText(QStringLiteral("no-such-query-anywhere"));
    QCOMPARE(matches->text(), QStringLiteral("no match"));
    // back to the build: its own text and count; the profile keeps its own
    w.tabs()->setCurrentIndex(w.tabs()->indexOf(build));
    QCOMPARE(find->text(), QStringLiteral("regex"));
    QVERIFY2(matches->text().contains(QLatin1Char('2')), qPrintable(matches->text()));
    QCOMPARE(build->timeline()->matchCount(), 2);
    w.tabs()->setCurrentIndex(w.tabs()->indexOf(profile));
    QCOMPARE(find->text(), QStringLiteral("no-such-query-anywhere"));
    QCOMPARE(matches->text(), QStringLiteral("no match"));
    find->clear();
    QVERIFY(matches->text().isEmpty());
    QCOMPARE(build->timeline()->matchCount(), 2);
}

void TestMainWindow::sizeTablesKeepTheirNumbersInView()
{
    // At 1280x800 every column of the size tables is on screen (long function names elide): a % column
    // pushed past the pane's right edge reads as empty.
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    for (const char* file : {"binary/textstat", "binary/bloat.textstat.functions.json",
                             "binary/llvm-lines.textstat.release.txt"}) {
        w.openFile(dataPath(QString::fromLatin1(file)));
        QVERIFY(imported.wait(10000));
        auto* page = qobject_cast<SizePage*>(w.currentPage());
        QVERIFY(page);
        const QList<QTableView*> tables = page->findChildren<QTableView*>();
        QCOMPARE(tables.size(), 2);
        for (QTableView* table : tables) {
            table->window()->activateWindow();
            QVERIFY(table->model()->rowCount() > 0); // cargo-bloat without --crates: crates summed
            const int last = table->model()->columnCount() - 1;
            const int right = table->columnViewportPosition(last) + table->columnWidth(last);
            QVERIFY2(table->columnViewportPosition(last) >= 0 && right <= table->viewport()->width(),
                     qPrintable(QStringLiteral("%1: last column ends at %2 of %3")
                                    .arg(QString::fromLatin1(file))
                                    .arg(right)
                                    .arg(table->viewport()->width())));
            // the name column keeps a readable width
            QVERIFY(table->columnWidth(0) >= 100);
        }
        // a guessed crate shows without cargo-bloat's '?'; its tooltip says it is a guess
        auto* functions =
            tables.at(0)->model()->columnCount() == 5 ? tables.at(0)->model() : tables.at(1)->model();
        QCOMPARE(functions->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Crate"));
        bool sawGuess = false;
        for (int row = 0; row < functions->rowCount(); ++row) {
            const QModelIndex crate = functions->index(row, 1);
            QVERIFY(!crate.data().toString().endsWith(QLatin1Char('?')));
            if (crate.data(Qt::ToolTipRole).toString().contains(QLatin1String("guess")))
                sawGuess = true;
        }
        QVERIFY(sawGuess);
    }
}

void TestMainWindow::exportViewsAndTablesFromTheWindow()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    QTemporaryDir dir;
    struct Case
    {
        const char* file;
        std::vector<const char*> views;
        const char* text; // in every view's SVG
    };
    const Case cases[] = {
        {"timings/stable-1.95/dev-clean.html",
         {"Unit graph", "Timeline", "Concurrency chart"},
         "dev-clean.html"},
        {"self-profile/fnv-0012953.mm_profdata", {"Flame graph", "Threads"}, "fnv-0012953.mm_profdata"},
        {"binary/textstat", {"Treemap"}, "regex_syntax"},
        {"other/metadata.json", {"Dependency graph"}, "ts-core"},
    };
    for (const Case& c : cases) {
        w.openFile(dataPath(QString::fromLatin1(c.file)));
        QVERIFY(imported.wait(10000));
        QVERIFY(w.exporter()->exportViewAction()->isEnabled());
        // the unit graph is laid out when its tab is first shown; the view in front is offered first
        if (auto* timings = qobject_cast<TimingsPage*>(w.currentPage()))
            timings->showUnitGraph(true);
        // graphs lay out off the GUI thread
        QTRY_COMPARE_WITH_TIMEOUT(int(w.currentPage()->exportTargets().size()), int(c.views.size()), 10000);
        const auto targets = w.currentPage()->exportTargets();
        // each view on screen offers its export in its context menu
        w.exporter()->setPage(w.currentPage());
        for (const ExportTarget& t : targets) {
            QVERIFY(t.widget);
            QStringList names;
            for (QAction* a : t.widget->actions())
                names << a->objectName();
            QCOMPARE(names.count(QStringLiteral("exportThisView")), 1);
            QVERIFY(t.widget->contextMenuPolicy() == Qt::ActionsContextMenu ||
                    t.widget->property("ownContextMenu").toBool());
        }
        for (std::size_t i = 0; i < targets.size(); ++i) {
            QCOMPARE(targets[i].name, QString::fromLatin1(c.views[i]));
            for (const char* ext : {"png", "svg", "pdf"}) {
                const QString out = dir.filePath(QStringLiteral("%1-%2.%3")
                                                     .arg(QFileInfo(QString::fromLatin1(c.file)).baseName())
                                                     .arg(i)
                                                     .arg(QLatin1String(ext)));
                QCOMPARE(w.exporter()->exportView(int(i), out), QString());
                QFile f(out);
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray bytes = f.readAll();
                QVERIFY(bytes.size() > 2000);
                if (QByteArray(ext) == "svg")
                    QVERIFY2(bytes.contains(c.text), qPrintable(out));
                if (QByteArray(ext) == "pdf")
                    QVERIFY(bytes.startsWith("%PDF-"));
            }
        }
    }
    // the units table, sorted and filtered as shown, as CSV
    w.openFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(imported.wait(10000));
    auto* build = qobject_cast<TimingsPage*>(w.currentPage());
    QVERIFY(build);
    QTableView* table = nullptr;
    for (QTableView* t : build->findChildren<QTableView*>())
        if (t->model() && t->model()->columnCount() > 10)
            table = t;
    QVERIFY(table);
    QTRY_VERIFY(table->model()->rowCount() >
                0); // the table fills a turn of the event loop after the timeline
    table->sortByColumn(UnitsTableModel::Duration, Qt::DescendingOrder);
    const QString csvFile = dir.filePath(QStringLiteral("units.csv"));
    QCOMPARE(w.exporter()->exportTable(table, csvFile), QString());
    QFile f(csvFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    bool ok = false;
    const auto records = parseCsv(f.readAll(), &ok);
    QVERIFY(ok);
    QCOMPARE(int(records.size()), table->model()->rowCount() + 1);
    QCOMPARE(records[0][UnitsTableModel::Duration], QStringLiteral("duration_s"));
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QAbstractItemModel* m = table->model();
        QCOMPARE(records[std::size_t(row) + 1][UnitsTableModel::Name],
                 m->index(row, UnitsTableModel::Name).data(ExportRole).toString());
        QCOMPARE(records[std::size_t(row) + 1][UnitsTableModel::Duration].toDouble(),
                 m->index(row, UnitsTableModel::Duration).data(UnitsTableModel::SortRole).toDouble());
    }
    QCOMPARE(records[1][UnitsTableModel::Name], QStringLiteral("regex-syntax")); // the slowest first
}

void TestMainWindow::findingsInTheSummary()
{
    // the twins build: its app's build script sits on the critical path; the stable dev build has nothing
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    w.openFile(dataPath(QStringLiteral("timings/twins/dev-clean.html")));
    QVERIFY(imported.wait(10000));
    auto* panel = w.currentPage()->findChild<SummaryPanel*>();
    QVERIFY(panel);
    const QString text = panel->toPlainText();
    QVERIFY2(text.contains(QLatin1String("Findings")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("app's build script is on the critical path")));
    QVERIFY(text.contains(QLatin1String("could save up to 0.48 s")));
    w.openFile(dataPath(QStringLiteral("timings/stable-1.95/dev-incremental.html")));
    QVERIFY(imported.wait(10000));
    panel = w.currentPage()->findChild<SummaryPanel*>();
    QVERIFY(panel && !panel->toPlainText().contains(QLatin1String("Findings")));
}

void TestMainWindow::openDialogShowsEveryFile()
{
    // binaries have no extension: the default filter must show every file
    const QStringList filters = MainWindow::openFileFilters().split(QStringLiteral(";;"));
    QVERIFY(filters.size() > 1);
    QVERIFY2(filters.first().endsWith(QStringLiteral("(*)")), qPrintable(filters.first()));
    MainWindow w;
    auto* welcome = qobject_cast<QLabel*>(w.tabs()->widget(0));
    QVERIFY(welcome);
    for (const char* kind :
         {"binary", "cargo-bloat", "llvm-lines", "cargo metadata", "self-profile", "--timings"})
        QVERIFY2(welcome->text().contains(QLatin1String(kind)), kind);
}

void TestMainWindow::compareDialogOffersFittingRuns()
{
    MainWindow w;
    QSignalSpy imported(w.importer(), &ImportController::imported);
    for (const char* file :
         {"timings/stable-1.95/dev-clean.html", "self-profile/fnv-0012953.mm_profdata",
          "timings/twins/dev-clean.html", "binary/textstat", "timings/stable-1.95/release-clean.html"}) {
        w.openFile(dataPath(QString::fromLatin1(file)));
        QVERIFY(imported.wait(10000));
    }
    QList<CompareDialog::Entry> entries;
    for (int i : w.comparableTabs())
        entries.append({i, w.tabs()->tabText(i), w.tabs()->tabToolTip(i), {}});
    QCOMPARE(entries.size(), 5);
    // the runs come from the window's tabs
    for (CompareDialog::Entry& e : entries) {
        QWidget* page = w.tabs()->widget(e.tab);
        if (auto* t = qobject_cast<TimingsPage*>(page))
            e.run.timings = t->analysis();
        else if (auto* p = qobject_cast<ProfilePage*>(page))
            e.run.profile = p->profile();
        else if (auto* s = qobject_cast<SizePage*>(page))
            e.run.size = s->report();
    }
    CompareDialog dialog(entries, -1, 4, &w);
    // grouped by kind under headings that cannot be selected
    QListWidget* a = dialog.listA();
    QStringList texts;
    for (int r = 0; r < a->count(); ++r)
        texts << a->item(r)->text().trimmed();
    QCOMPARE(texts.first(), QStringLiteral("Build timings"));
    QCOMPARE(texts.value(4), QStringLiteral("Self-profiles"));
    QCOMPARE(texts.value(6), QStringLiteral("Binary sizes"));
    QVERIFY(!(a->item(0)->flags() & Qt::ItemIsSelectable));
    // B is a build: on either side only builds stay selectable
    QCOMPARE(dialog.selectedB(), QList<int>{4});
    for (QListWidget* list : {dialog.listA(), dialog.listB()})
        for (int r = 0; r < list->count(); ++r) {
            const QListWidgetItem* item = list->item(r);
            if (!item->data(Qt::UserRole).isValid())
                continue;
            const bool build = r >= 1 && r <= 3;
            QCOMPARE(bool(item->flags() & Qt::ItemIsSelectable), build);
        }
    QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    a->item(1)->setSelected(true);
    QCOMPARE(dialog.selectedA(), QList<int>{0});
    QVERIFY(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    // cleared, every kind is offered again
    a->clearSelection();
    dialog.listB()->clearSelection();
    for (int r = 0; r < a->count(); ++r)
        if (a->item(r)->data(Qt::UserRole).isValid())
            QVERIFY(a->item(r)->flags() & Qt::ItemIsSelectable);
}

void TestMainWindow::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BuildLens-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    qRegisterMetaType<LiveBuildPage*>();
    installTranslations(*QCoreApplication::instance()); // the plural forms, as the application has them
    QSettings().clear();
}

void TestMainWindow::openShowsTheRun()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    w.openFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(imported.wait(10000));
    QVERIFY(w.timeline()->analysis());
    QCOMPARE(w.timeline()->analysis()->run->units.size(), std::size_t(40));
    // the tab says what the build is (package, profile, start), the tooltip which file
    QCOMPARE(w.tabs()->tabText(0), QStringLiteral("ts-app +2 · dev · 2026-11-24 07:06"));
    QCOMPARE(w.tabs()->tabToolTip(0), dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("ts-app +2 · dev")));
    QCOMPARE(w.tabs()->count(), 1); // the welcome tab gave way
}

void TestMainWindow::brokenFileKeepsThePreviousRun()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    QSignalSpy failed(w.importer(), &ImportController::failed);
    w.openFile(dataPath(QStringLiteral("timings/stable-1.95/release-clean.html")));
    QVERIFY(imported.wait(10000));
    const auto before = w.timeline()->analysis();
    const QString bad = dataPath(QStringLiteral("binary/size-A.textstat.txt"));
    w.openFile(bad);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).toString(), bad);
    QVERIFY(failed.first().at(1).toString().contains(bad));
    QVERIFY(!failed.first().at(2).toBool());
    QCOMPARE(w.timeline()->analysis(), before); // still showing the good run
    auto* box = w.findChild<QMessageBox*>(QStringLiteral("importErrorBox"));
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("not a cargo timings report")));
    box->accept();
}

void TestMainWindow::dropOpensTheFile()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QVERIFY(imported.wait(10000));
    QCOMPARE(w.timeline()->analysis()->run->source, TimingsSource::BuildAnalysis);
}

void TestMainWindow::cancelLongImport()
{
    // a 50,000-unit report takes long enough to cancel midway
    QTemporaryDir dir;
    QFile src(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(src.open(QIODevice::ReadOnly));
    const QString big = dir.filePath(QStringLiteral("big.html"));
    QFile out(big);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bench::repeatReport(src.readAll(), 1250));
    out.close();

    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    QSignalSpy failed(w.importer(), &ImportController::failed);
    w.openFile(big);
    QVERIFY(w.importer()->isBusy());
    w.importer()->cancel();
    QVERIFY(failed.wait(30000) || failed.count() == 1);
    QCOMPARE(imported.count(), 0);
    QVERIFY(failed.first().at(2).toBool()); // cancelled, no error box
    QVERIFY(!w.findChild<QMessageBox*>(QStringLiteral("importErrorBox")));
    QVERIFY(!w.timeline());
}

void TestMainWindow::recentFiles()
{
    QSettings().remove(QStringLiteral("recentFiles"));
    MainWindow w;
    QSignalSpy imported(w.importer(), &ImportController::imported);
    const QString a = dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    const QString b = dataPath(QStringLiteral("timings/stable-1.95/release-clean.html"));
    w.openFile(a);
    QVERIFY(imported.wait(10000));
    w.openFile(b);
    QVERIFY(imported.wait(10000));
    w.openFile(a);
    QVERIFY(imported.wait(10000));
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    QCOMPARE(recent, (QStringList{QFileInfo(a).absoluteFilePath(), QFileInfo(b).absoluteFilePath()}));
}

void TestMainWindow::profileTabAndDrillDown()
{
    // a build and the self-profiles of its crates: activating a unit opens its crate's profile
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    w.openFile(dataPath(QStringLiteral("timings/debian-1.65/dev-clean.html")));
    QVERIFY(imported.wait(10000));
    w.openFile(dataPath(QStringLiteral("self-profile/v8")));
    QVERIFY(imported.wait(10000));
    QCOMPARE(w.tabs()->count(), 2);
    auto* set = qobject_cast<ProfileSetPage*>(w.currentPage());
    QVERIFY(set);
    QCOMPARE(set->profilePage()->profile()->crate, QStringLiteral("fnv"));
    QVERIFY(set->profilePage()->flameGraph()->tree());
    auto* timings = qobject_cast<TimingsPage*>(w.tabs()->widget(0));
    QVERIFY(timings);
    w.tabs()->setCurrentIndex(0);
    int smallvec = -1;
    const auto& units = timings->analysis()->run->units;
    for (int i = 0; i < int(units.size()); ++i)
        if (units[std::size_t(i)].name == QLatin1String("smallvec") &&
            units[std::size_t(i)].kind == UnitKind::Lib)
            smallvec = i;
    QVERIFY(smallvec >= 0);
    emit timings->timeline()->unitActivated(smallvec);
    QCOMPARE(w.currentPage(), static_cast<DocumentPage*>(set));
    QCOMPARE(set->profilePage()->profile()->crate, QStringLiteral("smallvec"));
    // a single profile file gets its own tab with the flame graph built off the GUI thread
    w.openFile(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")));
    QVERIFY(imported.wait(10000));
    auto* page = qobject_cast<ProfilePage*>(w.currentPage());
    QVERIFY(page);
    QVERIFY(page->flameGraph()->tree());
    QCOMPARE(page->profile()->summary.queries.size(), std::size_t(375));
}

void TestMainWindow::dependencyGraphTab()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    w.openFile(dataPath(QStringLiteral("other/metadata.json")));
    QVERIFY(imported.wait(20000));
    auto* page = qobject_cast<GraphPage*>(w.currentPage());
    QVERIFY(page);
    QVERIFY(page->view()->graphLayout()); // laid out on the import thread
    QCOMPARE(page->view()->graph()->packages.size(), std::size_t(24));
    const int memchr = page->view()->graph()->indexOf(QStringLiteral("memchr"));
    page->view()->selectPackage(memchr);
    auto* details = page->findChild<QTextBrowser*>();
    QVERIFY(details);
    const QString text = details->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("Why it is here")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("ts-app › ts-core › regex › aho-corasick › memchr")),
             qPrintable(text));
}

void TestMainWindow::graphHeatFromAnOpenBuild()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    w.openFile(dataPath(QStringLiteral("other/metadata.json")));
    QVERIFY(imported.wait(20000));
    auto* graph = qobject_cast<GraphPage*>(w.currentPage());
    QVERIFY(graph);
    QCOMPARE(graph->heatCombo()->count(), 1); // no build open yet
    w.openFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(imported.wait(20000));
    QCOMPARE(graph->heatCombo()->count(), 2);
    QCOMPARE(graph->heatCombo()->itemText(1), QStringLiteral("dev-clean.html (stable-1.95)"));
    graph->heatCombo()->setCurrentIndex(1);
    QVERIFY(graph->view()->hasHeat());
    const int regex = graph->view()->graph()->indexOf(QStringLiteral("regex"));
    QCOMPARE(graph->timings().seconds[std::size_t(regex)], 1.99);
    // closing the build's tab takes its heat away
    int tab = -1;
    for (int i = 0; i < w.tabs()->count(); ++i)
        if (qobject_cast<TimingsPage*>(w.tabs()->widget(i)))
            tab = i;
    QVERIFY(tab >= 0);
    emit w.tabs()->tabCloseRequested(tab);
    QCOMPARE(graph->heatCombo()->count(), 1);
    QVERIFY(!graph->view()->hasHeat());
}

void TestMainWindow::compareTwoOpenBuilds()
{
    MainWindow w;
    QSignalSpy imported(w.importer(), &ImportController::imported);
    w.openFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(imported.wait(10000));
    w.openFile(dataPath(QStringLiteral("timings/nightly-1.97/dev-clean.html")));
    QVERIFY(imported.wait(10000));
    QCOMPARE(w.comparableTabs().size(), 2);
    QVERIFY(w.compareTabs(0, 1));
    auto* page = qobject_cast<ComparePage*>(w.currentPage());
    QVERIFY(page);
    if (!page->isReady())
        QVERIFY(QSignalSpy(page, &ComparePage::ready).wait(10000));
    // two files of one name: what they are tells the builds apart, in the tab and on the page
    QCOMPARE(w.tabs()->tabText(w.tabs()->currentIndex()),
             QStringLiteral("ts-app +2 · dev · 2026-11-24 07:06 ↔ ts-app +2 · dev · 2026-11-24 07:07"));
    QCOMPARE(page->deltaTable()->model()->rowCount(), 40);
    // a timings run and a metadata graph are not comparable
    w.openFile(dataPath(QStringLiteral("other/metadata.json")));
    QVERIFY(imported.wait(10000));
    QVERIFY(!w.compareTabs(0, w.tabs()->count() - 1));
    QVERIFY(w.compareTabSets({0}, {1}));
}

namespace {

// A build of the capture test workspace in the window, with Debian's cargo and its own rustc; the build
// script sleeps `sleepMs` so that the build can be seen (and cancelled) while it runs.
LiveBuildPage* startBuild(MainWindow& w, const QString& workspace, int sleepMs)
{
    const QProcessEnvironment env = test::buildEnvironment(test::cargo());
    if (env.contains(QStringLiteral("RUSTC")))
        qputenv("RUSTC", env.value(QStringLiteral("RUSTC")).toUtf8());
    qputenv("CAP_SLEEP_MS", QByteArray::number(sleepMs));
    return w.builder()->start({workspace, {test::cargo(), QStringLiteral("build")}, QStringLiteral("live")});
}

// The unit of that kind in the page's timeline now, or nullptr.
const Unit* unitOfKind(LiveBuildPage* page, UnitKind kind)
{
    const auto& a = page->timeline()->analysis();
    if (!a)
        return nullptr;
    for (const Unit& u : a->run->units)
        if (u.kind == kind)
            return &u;
    return nullptr;
}

} // namespace

void TestMainWindow::rebuildsTabOfALogWithCauses()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    // a report alone says nothing of why: no Rebuilds tab
    w.openFile(dataPath(QStringLiteral("rebuilds/02-source-edit.stable.html")));
    QVERIFY(imported.wait(20000));
    auto* report = qobject_cast<TimingsPage*>(w.currentPage());
    QVERIFY(report && !report->rebuildsView());
    // a build-analysis log with fingerprint causes: the tab is there, with its sentence and tree
    w.openFile(dataPath(QStringLiteral("rebuilds/02-source-edit.nightly.jsonl")));
    QVERIFY(imported.wait(20000));
    auto* page = qobject_cast<TimingsPage*>(w.currentPage());
    QVERIFY(page && page->rebuildsView());
    RebuildsView* view = page->rebuildsView();
    QVERIFY2(view->headline().startsWith(QLatin1String("1 file change in ts-core rebuilt 2 units")),
             qPrintable(view->headline()));
    auto* model = view->tree()->model();
    QCOMPARE(model->rowCount(), 1);
    // selecting the binary in the tree selects it on the timeline, and the other way round
    const QModelIndex bin = model->index(0, 0, model->index(0, 0));
    view->tree()->setCurrentIndex(bin);
    const int unit = bin.data(Qt::UserRole + 1).toInt();
    QCOMPARE(page->timeline()->selectedUnit(), unit);
    const int root = model->index(0, 0).data(Qt::UserRole + 1).toInt();
    page->timeline()->selectUnit(root);
    QCOMPARE(view->tree()->currentIndex().row(), 0);
    QVERIFY(!view->tree()->currentIndex().parent().isValid());
    // the cascade of the current unit stands out on the timeline and on the unit graph; nothing else does
    const auto& units = page->analysis()->run->units;
    for (int i = 0; i < static_cast<int>(units.size()); ++i) {
        const bool inCascade = i == root || i == unit;
        QCOMPARE(page->timeline()->isMarked(i), inCascade);
        QCOMPARE(page->graphPage()->view()->isMarked(i), inCascade);
    }
    // the cascade's share of the critical path is in the tree
    QVERIFY(!model->index(0, RebuildTreeModel::CriticalSeconds).data().toString().isEmpty());
}

// Double-clicking a unit opens its crate's page: what every open tab says about it (the build, the binary,
// the dependency graph), each section linking back to its tab.
void TestMainWindow::cratePageJoinsTheOpenTabs()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    for (const char* file : {"binary/textstat", "other/metadata.json", "build-analysis/dev-clean.jsonl"}) {
        imported.clear();
        w.openFile(dataPath(QString::fromLatin1(file)));
        QVERIFY(imported.wait(20000));
    }
    auto* timings = qobject_cast<TimingsPage*>(w.currentPage());
    QVERIFY(timings);
    const int unit = findUnit(*timings->analysis()->run, QStringLiteral("regex-syntax"));
    QVERIFY(unit >= 0);
    const int tabs = w.tabs()->count();
    emit timings->timeline()->crateActivated(unit);
    auto* page = qobject_cast<CratePage*>(w.currentPage());
    QVERIFY(page);
    QCOMPARE(w.tabs()->count(), tabs + 1);
    QCOMPARE(page->report().builds.size(), std::size_t(1));
    QCOMPARE(page->report().sizes.size(), std::size_t(1));
    QCOMPARE(page->report().graphs.size(), std::size_t(1));
    QVERIFY(page->report().sizes.front().size > 100000);
    QCOMPARE(page->report().graphs.front().dependents, QStringList{QStringLiteral("regex 1.7.1")});
    const QString html = page->html();
    for (const char* text :
         {"regex-syntax v0.6.27", "In the binary", "In the dependency graph", "regex 1.7.1"})
        QVERIFY2(html.contains(QLatin1String(text)), text);
    w.grab().save(QDir::temp().filePath(QStringLiteral("buildlens-crate-page.png")));
    // asked again, the page is replaced, not doubled
    emit timings->timeline()->crateActivated(unit);
    QCOMPARE(w.tabs()->count(), tabs + 1);
    page = qobject_cast<CratePage*>(w.currentPage());
    QVERIFY(page);
    // a section's link brings its tab to the front with the unit selected
    emit page->openRequested(timings->analysis()->run->file, QStringLiteral("regex-syntax v0.6.27"));
    QCOMPARE(w.currentPage(), static_cast<DocumentPage*>(timings));
    QCOMPARE(timings->timeline()->selectedUnit(), unit);
    // the binary section's link shows the crate's block in the treemap
    auto* size = qobject_cast<SizePage*>(w.tabs()->widget(0));
    QVERIFY(size);
    QVERIFY(page->html().contains(QLatin1String("its block in the treemap")));
    emit page->openRequested(size->report()->file, QStringLiteral("regex-syntax"));
    QCOMPARE(w.currentPage(), static_cast<DocumentPage*>(size));
    QVERIFY(size->treemap()->tree());
    QTRY_COMPARE(size->treemap()->tree()->labelOf(size->treemap()->zoomNode()),
                 QStringLiteral("regex_syntax"));
    // a crate double-clicked in the binary's crate table
    emit size->crateRequested(QStringLiteral("aho_corasick"));
    page = qobject_cast<CratePage*>(w.currentPage());
    QVERIFY(page);
    QCOMPARE(page->report().name, QStringLiteral("aho_corasick"));
    QCOMPARE(page->report().builds.size(), std::size_t(1)); // the package aho-corasick
    // a block of the treemap double-clicked: the crate it belongs to
    auto* treemap = size->findChild<TreemapView*>();
    QVERIFY(treemap && treemap->tree());
    const SizeTree& tree = *treemap->tree();
    int leaf = -1;
    for (int n = 0; n < int(tree.parent.size()); ++n)
        if (tree.isLeaf(n) && tree.depth[std::size_t(n)] > 1) {
            int up = n;
            while (tree.depth[std::size_t(up)] > 1)
                up = tree.parent[std::size_t(up)];
            if (tree.labelOf(up) == QLatin1String("regex")) {
                leaf = n;
                break;
            }
        }
    QVERIFY(leaf >= 0);
    emit treemap->nodeDoubleClicked(leaf);
    page = qobject_cast<CratePage*>(w.currentPage());
    QVERIFY(page);
    QCOMPARE(page->report().name, QStringLiteral("regex"));
}

// A profile directory opened once is remembered: after its tab is closed, a crate's page still finds the
// crate's profile there (read on a worker) and shows its top queries; its link opens the file.
void TestMainWindow::cratePageFindsItsProfileInTheProfileDirectory()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    w.openFile(dataPath(QStringLiteral("self-profile/v8")));
    QVERIFY(imported.wait(10000));
    w.openFile(dataPath(QStringLiteral("timings/debian-1.65/dev-clean.html")));
    QVERIFY(imported.wait(10000));
    QCOMPARE(w.tabs()->count(), 2);
    emit w.tabs()->tabCloseRequested(0); // the profile directory's tab
    QCOMPARE(w.tabs()->count(), 1);
    const QString file = QFileInfo(dataPath(QStringLiteral("self-profile/v8/smallvec-0026733.mm_profdata")))
                             .absoluteFilePath();
    QCOMPARE(CrateController::findProfile(QStringLiteral("smallvec"), CrateController::profileDirectories()),
             file);
    QVERIFY(CrateController::findProfile(QStringLiteral("regex"), CrateController::profileDirectories())
                .isEmpty());
    auto* timings = qobject_cast<TimingsPage*>(w.currentPage());
    QVERIFY(timings);
    emit timings->crateRequested(QStringLiteral("smallvec"));
    auto* page = qobject_cast<CratePage*>(w.currentPage());
    QVERIFY(page);
    QTRY_COMPARE_WITH_TIMEOUT(page->report().profiles.size(), std::size_t(1), 10000);
    QCOMPARE(page->report().profiles.front().file, file);
    QVERIFY(!page->report().profiles.front().topQueries.empty());
    QVERIFY(page->html().contains(QLatin1String("profile directory, not open")));
    w.grab().save(QDir::temp().filePath(QStringLiteral("buildlens-crate-profile-dir.png")));
    // its link opens the profile
    imported.clear();
    emit page->openRequested(file, QString());
    QVERIFY(imported.wait(10000));
    auto* profile = qobject_cast<ProfilePage*>(w.currentPage());
    QVERIFY(profile && profile->profile());
    QCOMPARE(profile->profile()->crate, QStringLiteral("smallvec"));
}

void TestMainWindow::whatIfTabPredictsFromTheTimeline()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    w.openFile(dataPath(QStringLiteral("jobs/nightly-j1/20261130T103614117Z-19fe93cb64ea7c4b.jsonl")));
    QVERIFY(imported.wait(20000));
    auto* page = qobject_cast<TimingsPage*>(w.currentPage());
    QVERIFY(page && page->whatIfView());
    WhatIfView* view = page->whatIfView();
    const auto run = page->analysis()->run;
    const int regex = findUnit(*run, QStringLiteral("regex"));
    QVERIFY(regex >= 0);
    // the timeline's context menu offers the changes; choosing one brings the What if tab to the front with
    // the prediction of that change
    QMenu menu;
    view->addMenuActions(menu, regex, [page] { page->showWhatIf(); });
    QCOMPARE(menu.actions().size(), 4);
    QVERIFY(menu.actions().at(0)->text().contains(QLatin1String("regex")));
    menu.actions().at(3)->trigger(); // split in two
    QVERIFY(view->isVisible());
    QCOMPARE(view->scenario().split.size(), std::size_t(1));
    QCOMPARE(view->scenario().split.at(regex), 0.5);
    Scenario expected;
    expected.split[regex] = 0.5;
    QCOMPARE(view->prediction().wallSeconds, simulate(*run, expected).wallSeconds);
    // the predicted timeline draws the predicted run: the split unit's two parts, on the real one's time axis
    TimelineView* predicted = view->predictedTimeline();
    QVERIFY(predicted->analysis());
    QCOMPARE(predicted->analysis()->run->units.size(), run->units.size() + 1);
    QCOMPARE(predicted->analysis()->summary.wallSeconds, view->prediction().wallSeconds);
    QCOMPARE(predicted->timeScale()->visibleEnd(), view->observedTimeline()->timeScale()->visibleEnd());
    // two job slots on this -j1 capture: the panel's spin box schedules it again
    auto* jobs = view->findChild<QSpinBox*>(QStringLiteral("whatIfJobs"));
    QVERIFY(jobs);
    QCOMPARE(jobs->value(), 1);
    jobs->setValue(2);
    QTRY_COMPARE(view->scenario().jobs, 2);
    expected.jobs = 2;
    QTRY_COMPARE(view->prediction().wallSeconds, simulate(*run, expected).wallSeconds);
    QVERIFY(view->prediction().wallSeconds < view->replay().wallSeconds * 0.75);
    auto* result = view->findChild<QLabel*>(QStringLiteral("whatIfResult"));
    QVERIFY(result && result->text().contains(QLatin1String("Critical path")));
    QVERIFY2(view->resultText().contains(QLatin1String("-j2, regex v1.7.1 split 50/50")),
             qPrintable(view->resultText()));
    // selecting a unit on the predicted timeline selects it on the page's timeline too
    predicted->selectUnit(regex);
    QCOMPARE(page->timeline()->selectedUnit(), regex);
    // the predicted timeline can be exported, first while its tab is in front
    const auto targets = page->exportTargets();
    QVERIFY(!targets.empty());
    QVERIFY(targets.front().name.contains(QLatin1String("Predicted")));
    // the machine's contention, as calibration finds it: the replay and the prediction both under it
    auto* contention = view->findChild<QDoubleSpinBox*>(QStringLiteral("whatIfContention"));
    QVERIFY(contention && contention->isEnabled());
    contention->setValue(10);
    expected.contention = 0.1;
    QTRY_COMPARE(view->prediction().wallSeconds, simulate(*run, expected).wallSeconds);
    Scenario asCaptured;
    asCaptured.contention = 0.1;
    QCOMPARE(view->replay().wallSeconds, simulate(*run, asCaptured).wallSeconds);
    // reset: back to the replay
    view->resetChanges();
    QCOMPARE(contention->value(), 0.0);
    QTRY_COMPARE(view->prediction().wallSeconds, view->replay().wallSeconds);
    QCOMPARE(jobs->value(), 1);
}

void TestMainWindow::buildDialogMakesTheCommand()
{
    QTemporaryDir dir;
    BuildDialog dialog;
    auto* profile = dialog.findChild<QComboBox*>(QStringLiteral("profile"));
    auto* features = dialog.findChild<QLineEdit*>(QStringLiteral("features"));
    auto* jobs = dialog.findChild<QSpinBox*>(QStringLiteral("jobs"));
    auto* extra = dialog.findChild<QLineEdit*>(QStringLiteral("extra"));
    auto* subcommand = dialog.findChild<QComboBox*>(QStringLiteral("subcommand"));
    auto* preview = dialog.findChild<QLabel*>(QStringLiteral("preview"));
    auto* problem = dialog.findChild<QLabel*>(QStringLiteral("problem"));
    QVERIFY(profile && features && jobs && extra && subcommand && preview && problem);
    profile->setCurrentText(QStringLiteral("release"));
    features->setText(QStringLiteral("serde, derive  std"));
    jobs->setValue(4);
    extra->setText(QStringLiteral("-p 'my crate' --locked"));
    QCOMPARE(dialog.command(),
             (QStringList{QStringLiteral("cargo"), QStringLiteral("build"), QStringLiteral("--release"),
                          QStringLiteral("--features"), QStringLiteral("serde,derive,std"),
                          QStringLiteral("--jobs"), QStringLiteral("4"), QStringLiteral("-p"),
                          QStringLiteral("my crate"), QStringLiteral("--locked")}));
    // the preview shows what runs, with the options a capture adds, quoted as a shell would need
    QVERIFY2(preview->text().contains(QLatin1String("--timings")) &&
                 preview->text().contains(QLatin1String("'my crate'")),
             qPrintable(preview->text()));
    profile->setCurrentText(QStringLiteral("bench-fast"));
    subcommand->setCurrentIndex(subcommand->findData(QStringLiteral("check")));
    dialog.findChild<QCheckBox*>(QStringLiteral("allFeatures"))->setChecked(true);
    QCOMPARE(dialog.command().mid(1, 4),
             (QStringList{QStringLiteral("check"), QStringLiteral("--profile"), QStringLiteral("bench-fast"),
                          QStringLiteral("--all-features")}));
    // a folder without Cargo.toml is refused in the dialog, which stays open
    dialog.setWorkspace(dir.path());
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY(problem->text().contains(QLatin1String("no Cargo.toml")));
    // a workspace is accepted and remembered among the recent ones
    const QString ws = test::copyWorkspace(dir);
    dialog.setWorkspace(ws);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(BuildDialog::recentWorkspaces().value(0), QFileInfo(ws).absoluteFilePath());
}

void TestMainWindow::liveBuildGrowsThenOpensItsReport()
{
    QTemporaryDir dir;
    const QString ws = test::copyWorkspace(dir);
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy finished(w.builder(), &BuildController::buildFinished);
    QSignalSpy imported(w.importer(), &ImportController::imported);
    QSignalSpy stored(&w, &MainWindow::historyRunAdded);
    QPointer<LiveBuildPage> page = startBuild(w, ws, 1500);
    QVERIFY(page);
    QCOMPARE(w.currentPage(), page.data());
    QVERIFY(page->title().contains(QLatin1String("building")));
    // while the build script sleeps: its run is on the timeline, still growing, after the units that ended
    QTRY_VERIFY_WITH_TIMEOUT(unitOfKind(page, UnitKind::BuildScriptRun), 60000);
    QVERIFY(unitOfKind(page, UnitKind::BuildScriptRun)->running);
    const double early = page->timeline()->analysis()->summary.wallSeconds;
    QVERIFY(unitOfKind(page, UnitKind::BuildScript) && !unitOfKind(page, UnitKind::BuildScript)->running);
    QTRY_VERIFY_WITH_TIMEOUT(page->timeline()->analysis()->summary.wallSeconds > early + 0.4, 10000);
    QVERIFY(page->progressText().contains(QLatin1String("cap-core(build)")));
    // when cargo ends: its report opens in place of the live tab, and is stored in the history
    QVERIFY(finished.wait(120000) || finished.size() == 1);
    QCOMPARE(finished.front().at(2).toInt(), 0);
    const QString report = finished.front().at(1).toString();
    QVERIFY(report.endsWith(QLatin1String(".html")));
    QTRY_VERIFY_WITH_TIMEOUT(imported.size() == 1, 30000);
    QTRY_VERIFY(!page); // replaced
    auto* timings = qobject_cast<TimingsPage*>(w.currentPage());
    QVERIFY(timings);
    QCOMPARE(timings->sourcePath(), QFileInfo(report).absoluteFilePath());
    QTRY_VERIFY_WITH_TIMEOUT(stored.size() == 1, 30000);
    QVERIFY2(stored.front().at(0).toString().contains(QLatin1String("stored as run")),
             qPrintable(stored.front().at(0).toString()));
    RunLibrary library;
    QVERIFY(library.open(w.historyDatabase()));
    const auto runs = library.runs();
    QCOMPARE(runs.size(), std::size_t(1));
    QCOMPARE(runs.front().label, QStringLiteral("live"));
    QCOMPARE(runs.front().failed, std::optional<bool>(false));
    QVERIFY(runs.front().command.endsWith(QLatin1String("cargo build")));
    QCOMPARE(runs.front().unitCount, std::optional<qint64>(5));
}

void TestMainWindow::cancellingALiveBuildLeavesNoProcess()
{
    QTemporaryDir dir;
    const QString ws = test::copyWorkspace(dir);
    MainWindow w;
    w.show();
    QSignalSpy finished(w.builder(), &BuildController::buildFinished);
    LiveBuildPage* page = startBuild(w, ws, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(unitOfKind(page, UnitKind::BuildScriptRun), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(test::processesUnder(ws).size() >= 2, 10000); // cargo and the sleeping script
    auto* cancel = page->findChild<QPushButton*>();
    QVERIFY(cancel && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 20000);
    QCOMPARE(finished.front().at(2).toInt(), -1);
    QVERIFY(page->isFinished());
    QVERIFY(page->progressText().startsWith(QLatin1String("Cancelled")));
    QTRY_VERIFY_WITH_TIMEOUT(test::processesUnder(ws).isEmpty(), 5000);
    // the live tab stays, with what was seen of the build
    QCOMPARE(w.currentPage(), page);
    QVERIFY(!page->timeline()->analysis()->run->units.empty());
}

void TestMainWindow::closingALiveBuildTabEndsIt()
{
    QTemporaryDir dir;
    const QString ws = test::copyWorkspace(dir);
    MainWindow w;
    w.show();
    LiveBuildPage* page = startBuild(w, ws, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(unitOfKind(page, UnitKind::BuildScriptRun), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(test::processesUnder(ws).size() >= 2, 10000);
    w.closePage(page);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QTRY_VERIFY_WITH_TIMEOUT(test::processesUnder(ws).isEmpty(), 5000);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
