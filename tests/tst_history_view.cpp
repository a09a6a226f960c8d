// The history view, offscreen: the run list model and its filters under QAbstractItemModelTester, the page
// over a run library filled from the bundled captures (table, filters, trend charts, clicks that open a
// run, the message of an empty or missing library), and the window's History actions.
#include "HistoryPage.h"
#include "MainWindow.h"
#include "TestData.h"
#include "ViewExport.h"
#include "itemmodels/RunListModel.h"
#include "store/RunLibrary.h"

#include "ComparePage.h"
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace bl;
using bl::test::dataPath;

namespace {

struct Input
{
    const char* file;
    const char* label;
};

// Five builds on two toolchains and one binary; labels as a user would give them.
const Input kInputs[] = {
    {"timings/stable-1.95/dev-clean.html", "main"},
    {"timings/stable-1.95/dev-incremental.html", "main"},
    {"timings/stable-1.95/release-clean.html", "main"},
    {"timings/nightly-1.97/dev-clean.html", "nightly"},
    {"timings/nightly-1.97/dev-incremental.html", "nightly"},
    {"binary/textstat", "main"},
};

bool fillLibrary(const QString& path)
{
    RunLibrary library;
    if (!library.open(path))
        return false;
    Progress progress;
    for (const Input& in : kInputs) {
        AddOptions options;
        options.label = QString::fromLatin1(in.label);
        if (library.addFile(dataPath(QString::fromLatin1(in.file)), progress, options).outcome !=
            AddResult::Outcome::Stored)
            return false;
    }
    return true;
}

bool waitLoaded(HistoryPage& page)
{
    if (!page.isLoading())
        return true;
    QSignalSpy spy(&page, &HistoryPage::loaded);
    return spy.wait(20000);
}

void saveShot(QWidget& w, const QString& name)
{
    const QString dir = qEnvironmentVariable("BUILDLENS_SHOTS");
    QApplication::processEvents();
    if (!dir.isEmpty())
        w.grab().save(dir + QLatin1Char('/') + name);
}

QList<QXYSeries*> seriesOf(const HistoryPage& page, HistoryPage::Chart chart)
{
    return page.pointSeries(chart);
}

StoredRun run(qint64 id, const char* kind, const char* date, const char* profile, const char* label)
{
    StoredRun r;
    r.id = id;
    r.kind = QString::fromLatin1(kind);
    r.file = QStringLiteral("/data/run%1.html").arg(id);
    r.buildDate = QString::fromLatin1(date);
    r.profile = QString::fromLatin1(profile);
    r.label = QString::fromLatin1(label);
    return r;
}

} // namespace

class TestHistoryView : public QObject
{
    Q_OBJECT

private slots:
    void compareTwoSeriesFromTheTable();
    void initTestCase();
    void modelUnderTester();
    void proxyFilters();
    void pageShowsRuns();
    void filtersDriveTableAndCharts();
    void clickAndDoubleClickOpenRun();
    void emptyAndMissingLibrary();
    void refreshSeesNewRuns();
    void windowAddsAndShowsHistory();
    void compareAndLabelFromTheTable();
    void trendLinesJoinOneKindOfBuild();
    void trendChartsExport();

private:
    QTemporaryDir m_dir;
    QString m_db;
};

void TestHistoryView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the window's settings and default library stay out of $HOME
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("runs.sqlite"));
    QVERIFY(fillLibrary(m_db));
}

void TestHistoryView::modelUnderTester()
{
    RunListModel model;
    RunFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    RunLibrary library;
    QVERIFY(library.open(m_db));
    model.setRuns(library.runs());
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), int(RunListModel::ColumnCount));
    for (int r = 0; r < model.rowCount(); ++r)
        for (int c = 0; c < model.columnCount(); ++c)
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(RunListModel::SortRole)})
                model.data(model.index(r, c), role);
    // the ids and files of the library, one a row
    const int row = model.rowOfRun(3);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, 0).data(RunListModel::RunIdRole).toLongLong(), 3);
    QCOMPARE(
        model.index(row, 0).data(RunListModel::FilePathRole).toString(),
        QFileInfo(dataPath(QStringLiteral("timings/stable-1.95/release-clean.html"))).absoluteFilePath());
    QCOMPARE(model.index(row, RunListModel::Profile).data().toString(), QStringLiteral("release"));
    QCOMPARE(model.index(row, RunListModel::Figure).data().toString(), QStringLiteral("11.83 s"));
    const int binary = model.rowOfRun(6);
    QCOMPARE(model.index(binary, RunListModel::Figure).data().toString(), QStringLiteral(".text 824.1 KiB"));
    QCOMPARE(model.index(binary, RunListModel::Figure).data(RunListModel::SortRole).toDouble(), 843907.0);
    QVERIFY(model.index(binary, RunListModel::BuildDate).data(RunListModel::SortRole).toDateTime().isValid());
    // sorting by wall time puts release-clean (11.83 s) above every dev build
    proxy.setKind(QStringLiteral("timings"));
    proxy.sort(RunListModel::Figure, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, RunListModel::Id).data(RunListModel::RunIdRole).toLongLong(), 3);
    model.setRuns({});
    QCOMPARE(proxy.rowCount(), 0);
}

void TestHistoryView::proxyFilters()
{
    RunListModel model;
    RunFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRuns({run(1, "timings", "2026-01-02T10:00:00.000Z", "dev", "main"),
                   run(2, "timings", "2026-01-01T10:00:00.000Z", "release", ""),
                   run(3, "binary-size", "2026-01-03T10:00:00.000Z", "", "main"),
                   run(4, "self-profile", "not a date", "", "topic-x")});
    QCOMPARE(proxy.rowCount(), 4);
    proxy.setKind(QStringLiteral("timings"));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setProfile(QStringLiteral("release"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setKind(std::nullopt);
    proxy.setProfile(QString()); // runs without a profile
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setProfile(std::nullopt);
    proxy.setLabel(QStringLiteral("main"));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setLabel(QString()); // runs without a label
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(RunListModel::RunIdRole).toLongLong(), 2);
    proxy.setLabel(std::nullopt);
    proxy.setFilterText(QStringLiteral("TOPIC"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterText(QStringLiteral("run3.html"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.acceptedRuns().front().id, 3);
    proxy.setFilterText(QString());
    // dates sort as dates; a run without one sorts first and still shows its stored text
    proxy.sort(RunListModel::BuildDate, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data(RunListModel::RunIdRole).toLongLong(), 4);
    QCOMPARE(proxy.index(0, RunListModel::BuildDate).data().toString(), QStringLiteral("not a date"));
    QCOMPARE(proxy.index(1, 0).data(RunListModel::RunIdRole).toLongLong(), 2);
    QCOMPARE(proxy.index(3, 0).data(RunListModel::RunIdRole).toLongLong(), 3);
}

void TestHistoryView::pageShowsRuns()
{
    HistoryPage page;
    page.resize(1280, 760);
    page.setDatabase(m_db);
    page.show();
    QVERIFY(waitLoaded(page));
    QVERIFY(page.message().isEmpty());
    QCOMPARE(page.table()->model()->rowCount(), 6);
    QVERIFY(page.statusText().contains(QStringLiteral("6 run")));
    // latest build on top
    const QDateTime top =
        page.table()->model()->index(0, RunListModel::BuildDate).data(RunListModel::SortRole).toDateTime();
    for (int r = 1; r < 6; ++r)
        QVERIFY(page.table()
                    ->model()
                    ->index(r, RunListModel::BuildDate)
                    .data(RunListModel::SortRole)
                    .toDateTime() <= top);
    // every timings run is a point of wall time and units, the binary one of .text size
    const auto wall = seriesOf(page, HistoryPage::WallTimeChart);
    QCOMPARE(wall.size(), 2);
    QCOMPARE(wall[0]->count(), 5);
    RunLibrary library;
    QVERIFY(library.open(m_db));
    int withCriticalPath = 0;
    for (const StoredRun& r : library.runs({QStringLiteral("timings"), {}}))
        withCriticalPath += r.criticalPathSeconds.has_value();
    QVERIFY(withCriticalPath > 0);
    QCOMPARE(wall[1]->count(), withCriticalPath);
    QCOMPARE(seriesOf(page, HistoryPage::UnitsChart).front()->count(), 5);
    const QXYSeries* size = seriesOf(page, HistoryPage::SizeChart).front();
    QCOMPARE(size->count(), 1);
    QCOMPARE(size->at(0).y(), 843907.0 / 1024.0);
    QVERIFY(page.chartView(HistoryPage::SizeChart)->isVisible());
    // points in time order, each standing for its run
    for (int i = 1; i < wall[0]->count(); ++i)
        QVERIFY(wall[0]->at(i - 1).x() <= wall[0]->at(i).x());
    for (int i = 0; i < wall[0]->count(); ++i) {
        const StoredRun* r = page.runOfPoint(wall[0], i);
        QVERIFY(r);
        QCOMPARE(wall[0]->at(i).y(), *r->totalSeconds);
    }
    // hovering a point names its run
    const StoredRun* first = page.runOfPoint(wall[0], 0);
    const QString tip = page.tooltipAt(HistoryPage::WallTimeChart, page.pointPosition(wall[0], 0));
    QVERIFY2(tip.contains(QFileInfo(first->file).fileName()), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("Run %1").arg(first->id)));
    QVERIFY(page.tooltipAt(HistoryPage::WallTimeChart, QPoint(2, 2)).isEmpty());
    saveShot(page, QStringLiteral("history.png"));
}

void TestHistoryView::filtersDriveTableAndCharts()
{
    HistoryPage page;
    page.resize(1280, 760);
    page.setDatabase(m_db);
    page.show();
    QVERIFY(waitLoaded(page));
    QComboBox* kind = page.kindCombo();
    QCOMPARE(kind->count(), 3); // all, binary size, timings
    kind->setCurrentIndex(kind->findData(QStringLiteral("timings")));
    QCOMPARE(page.table()->model()->rowCount(), 5);
    QVERIFY(!page.chartView(HistoryPage::SizeChart)->isVisible());
    QCOMPARE(seriesOf(page, HistoryPage::WallTimeChart).front()->count(), 5);

    QComboBox* label = page.labelCombo();
    QCOMPARE(label->findData(QString(QLatin1String(""))), -1); // every run has a label: no "(no label)"
    label->setCurrentIndex(label->findData(QStringLiteral("nightly")));
    QCOMPARE(page.table()->model()->rowCount(), 2);
    QCOMPARE(seriesOf(page, HistoryPage::WallTimeChart).front()->count(), 2);
    QCOMPARE(seriesOf(page, HistoryPage::UnitsChart).front()->count(), 2);
    for (int r = 0; r < 2; ++r)
        QVERIFY(page.table()
                    ->model()
                    ->index(r, 0)
                    .data(RunListModel::FilePathRole)
                    .toString()
                    .contains(QStringLiteral("nightly-1.97")));

    label->setCurrentIndex(0);
    QComboBox* profile = page.profileCombo();
    profile->setCurrentIndex(profile->findData(QStringLiteral("release")));
    QCOMPARE(page.table()->model()->rowCount(), 1);
    QCOMPARE(seriesOf(page, HistoryPage::WallTimeChart).front()->count(), 1);

    // binaries only: no timings charts, the size chart
    profile->setCurrentIndex(0);
    kind->setCurrentIndex(kind->findData(QStringLiteral("binary-size")));
    QCOMPARE(page.table()->model()->rowCount(), 1);
    QVERIFY(!page.chartView(HistoryPage::WallTimeChart)->isVisible());
    QVERIFY(page.chartView(HistoryPage::SizeChart)->isVisible());

    // the text filter, also from the window's find box
    kind->setCurrentIndex(0);
    page.setSearchText(QStringLiteral("incremental"));
    QCOMPARE(page.filterEdit()->text(), QStringLiteral("incremental"));
    QCOMPARE(page.table()->model()->rowCount(), 2);
    QCOMPARE(seriesOf(page, HistoryPage::WallTimeChart).front()->count(), 2);
    QSignalSpy matches(&page, &HistoryPage::searchMatchesChanged);
    page.nextMatch();
    QCOMPARE(matches.last().at(0).toInt(), 2);
    QCOMPARE(matches.last().at(1).toInt(), 0);
    page.nextMatch();
    QCOMPARE(matches.last().at(1).toInt(), 1);
    page.nextMatch();
    QCOMPARE(matches.last().at(1).toInt(), 0);
    // the selected run's points are marked in the charts
    QXYSeries* wall = seriesOf(page, HistoryPage::WallTimeChart).front();
    const qint64 selected =
        page.table()->selectionModel()->selectedRows().first().data(RunListModel::RunIdRole).toLongLong();
    int marked = -1;
    for (int i = 0; i < wall->count(); ++i)
        if (wall->isPointSelected(i))
            marked = i;
    QVERIFY(marked >= 0);
    QCOMPARE(page.runOfPoint(wall, marked)->id, selected);
}

void TestHistoryView::clickAndDoubleClickOpenRun()
{
    HistoryPage page;
    page.resize(1280, 760);
    page.setDatabase(m_db);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(waitLoaded(page));
    QApplication::processEvents();
    QSignalSpy open(&page, &HistoryPage::openRunRequested);

    // a click on a point of each chart opens that point's run
    for (HistoryPage::Chart chart :
         {HistoryPage::WallTimeChart, HistoryPage::UnitsChart, HistoryPage::SizeChart}) {
        QXYSeries* series = seriesOf(page, chart).front();
        const int index = series->count() - 1;
        const QPoint at = page.pointPosition(series, index);
        QVERIFY(page.chartView(chart)->viewport()->rect().contains(at));
        open.clear();
        QTest::mouseClick(page.chartView(chart)->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toString(), page.runOfPoint(series, index)->file);
    }
    // a click in an empty part of the plot opens nothing
    open.clear();
    QTest::mouseClick(page.chartView(HistoryPage::UnitsChart)->viewport(), Qt::LeftButton, {}, QPoint(3, 3));
    QCOMPARE(open.size(), 0);

    // double-clicking a row opens its run
    QTableView* table = page.table();
    const QModelIndex cell = table->model()->index(2, RunListModel::File);
    const QRect rect = table->visualRect(cell);
    QVERIFY(rect.isValid());
    // a person's double click: QTest's mouseDClick sends only its second half
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(open.size(), 0); // a single click selects, it does not open
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(open.size(), 1);
    const QString file = open.first().first().toString();
    QCOMPARE(file, cell.data(RunListModel::FilePathRole).toString());
    QCOMPARE(QFileInfo(file).fileName(), cell.data().toString());
    QVERIFY(QFileInfo::exists(file));

    // the crate field: every stored crate to complete, Enter asks for the crate's page
    auto* crate = page.findChild<QLineEdit*>(QStringLiteral("crateField"));
    QVERIFY(crate && crate->isEnabled());
    const QStringList names = qobject_cast<QStringListModel*>(crate->completer()->model())->stringList();
    QVERIFY(names.contains(QStringLiteral("regex-syntax"))); // a unit of the builds
    QVERIFY(names.contains(QStringLiteral("std")));          // a crate of the binary
    QVERIFY(names.size() == QSet<QString>(names.begin(), names.end()).size());
    QSignalSpy crateSpy(&page, &DocumentPage::crateRequested);
    crate->setText(QStringLiteral("regex-syntax"));
    QTest::keyClick(crate, Qt::Key_Return);
    QCOMPARE(crateSpy.size(), 1);
    QCOMPARE(crateSpy.first().first().toString(), QStringLiteral("regex-syntax"));
}

void TestHistoryView::emptyAndMissingLibrary()
{
    const QString empty = m_dir.filePath(QStringLiteral("empty.sqlite"));
    {
        RunLibrary library;
        QVERIFY(library.open(empty));
    }
    HistoryPage page;
    page.resize(1000, 600);
    page.setDatabase(empty);
    page.show();
    QVERIFY(waitLoaded(page));
    QCOMPARE(page.table()->model()->rowCount(), 0);
    QVERIFY2(page.message().contains(QStringLiteral("buildlens history add")), qPrintable(page.message()));
    QVERIFY(page.message().contains(QStringLiteral("Add Current Run to History")));
    QVERIFY(page.message().contains(QStringLiteral("empty")));
    QVERIFY(!page.chartView(HistoryPage::WallTimeChart)->isVisibleTo(&page));
    saveShot(page, QStringLiteral("history-empty.png"));

    const QString missing = m_dir.filePath(QStringLiteral("no-such.sqlite"));
    page.setDatabase(missing);
    QVERIFY(waitLoaded(page));
    QVERIFY(page.message().contains(QStringLiteral("no-such.sqlite")));
    QVERIFY(page.message().contains(QStringLiteral("buildlens history add")));
    QVERIFY(!QFileInfo::exists(missing)); // looking does not create it

    // a file that is not a run library: its error, not an empty history
    const QString notLibrary = m_dir.filePath(QStringLiteral("not.sqlite"));
    QFile f(notLibrary);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not an SQLite database, just text long enough to have a header page\n");
    f.close();
    page.setDatabase(notLibrary);
    QVERIFY(waitLoaded(page));
    QVERIFY2(page.message().contains(QStringLiteral("Cannot read")), qPrintable(page.message()));
}

void TestHistoryView::refreshSeesNewRuns()
{
    const QString db = m_dir.filePath(QStringLiteral("grow.sqlite"));
    RunLibrary library;
    QVERIFY(library.open(db));
    Progress progress;
    QCOMPARE(
        library.addFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")), progress).outcome,
        AddResult::Outcome::Stored);
    HistoryPage page;
    page.setDatabase(db);
    QVERIFY(waitLoaded(page));
    QCOMPARE(page.table()->model()->rowCount(), 1);
    page.kindCombo()->setCurrentIndex(page.kindCombo()->findData(QStringLiteral("timings")));
    AddOptions options;
    options.label = QStringLiteral("topic");
    QCOMPARE(
        library.addFile(dataPath(QStringLiteral("timings/debian-1.65/dev-clean.html")), progress, options)
            .outcome,
        AddResult::Outcome::Stored);
    page.refresh();
    QVERIFY(waitLoaded(page));
    QCOMPARE(page.table()->model()->rowCount(), 2);
    QCOMPARE(page.kindCombo()->currentData().toString(), QStringLiteral("timings")); // the filter stays
    QVERIFY(page.labelCombo()->findData(QStringLiteral("topic")) > 0);
    QVERIFY(page.labelCombo()->findData(QString(QLatin1String(""))) > 0); // the unlabelled run
}

void TestHistoryView::windowAddsAndShowsHistory()
{
    const QString db = m_dir.filePath(QStringLiteral("window.sqlite"));
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    HistoryPage* page = window.showHistory(db);
    QVERIFY(page);
    QCOMPARE(window.currentPage(), page);
    QVERIFY(waitLoaded(*page));
    QVERIFY(page->message().contains(QStringLiteral("No build history yet")));

    QSignalSpy added(&window, &MainWindow::historyRunAdded);
    const QString file = dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    window.addRunToHistory(file, QStringLiteral("main"), db);
    QVERIFY(added.wait(20000));
    QCOMPARE(added.last().first().toString(), QStringLiteral("dev-clean.html stored as run 1."));
    QVERIFY(page->isLoading()); // the open history reads the library again
    QVERIFY(waitLoaded(*page));
    QCOMPARE(page->table()->model()->rowCount(), 1);
    QCOMPARE(page->table()->model()->index(0, RunListModel::Label).data().toString(), QStringLiteral("main"));
    window.addRunToHistory(file, QString(), db);
    QVERIFY(added.wait(20000));
    QCOMPARE(added.last().first().toString(), QStringLiteral("dev-clean.html is already stored as run 1."));
    window.addRunToHistory(m_dir.filePath(QStringLiteral("gone.html")), QString(), db);
    QVERIFY(added.wait(20000));
    QVERIFY(added.last().first().toString().startsWith(QStringLiteral("Could not store gone.html: ")));

    // showing the same library again reuses its tab
    const int tabs = window.tabs()->count();
    QCOMPARE(window.showHistory(db), page);
    QCOMPARE(window.tabs()->count(), tabs);
    QVERIFY(waitLoaded(*page));

    // a run whose file has gone: a message naming it, nothing opened
    emit page->openRunRequested(m_dir.filePath(QStringLiteral("moved-away.html")));
    auto* box = window.findChild<QMessageBox*>(QStringLiteral("missingRunFileBox"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("moved-away.html")));
    box->close();
    // an existing one opens as a document
    QSignalSpy imported(window.importer(), &ImportController::imported);
    emit page->openRunRequested(file);
    QVERIFY(imported.wait(20000));
    QCOMPARE(window.currentPage()->title(), QStringLiteral("ts-app +2 · dev · 2026-11-24 07:06"));
}

void TestHistoryView::compareAndLabelFromTheTable()
{
    // a copy of the library: this test writes labels
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("copy.sqlite"));
    QVERIFY(QFile::copy(m_db, db));
    QFile::setPermissions(db, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    MainWindow window;
    HistoryPage* page = window.showHistory(db);
    QVERIFY(waitLoaded(*page));
    QTableView* table = page->table();
    auto rowOf = [&](const char* file) {
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (table->model()->index(r, 0).data(RunListModel::FilePathRole).toString() ==
                dataPath(QString::fromLatin1(file)))
                return r;
        return -1;
    };
    auto select = [&](std::initializer_list<const char*> files) {
        table->clearSelection();
        for (const char* f : files)
            table->selectionModel()->select(table->model()->index(rowOf(f), 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows);
    };
    auto action = [](QMenu* menu, const QString& start) -> QAction* {
        for (QAction* a : menu->actions())
            if (a->text().remove(QLatin1Char('&')).startsWith(start))
                return a;
        return nullptr;
    };
    // the date column tells apart runs of one minute
    QVERIFY(table->model()->index(0, RunListModel::BuildDate).data().toString().count(QLatin1Char(':')) == 2);

    // two runs of different kinds cannot be compared
    select({"timings/stable-1.95/dev-clean.html", "binary/textstat"});
    std::unique_ptr<QMenu> menu(page->selectionMenu());
    QVERIFY(!action(menu.get(), QStringLiteral("Compare"))->isEnabled());
    QVERIFY(!action(menu.get(), QStringLiteral("Open"))->isEnabled());

    // two builds: the older one is A; both open, then their comparison
    select({"timings/stable-1.95/dev-incremental.html", "timings/stable-1.95/dev-clean.html"});
    menu.reset(page->selectionMenu());
    QAction* compare = action(menu.get(), QStringLiteral("Compare"));
    QVERIFY(compare && compare->isEnabled());
    QSignalSpy requested(page, &HistoryPage::compareRunsRequested);
    compare->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toString(),
             dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QCOMPARE(requested.first().at(1).toString(),
             dataPath(QStringLiteral("timings/stable-1.95/dev-incremental.html")));
    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<ComparePage*>(window.currentPage()) != nullptr, 30000);
    auto* comparison = qobject_cast<ComparePage*>(window.currentPage());
    if (!comparison->isReady())
        QVERIFY(QSignalSpy(comparison, &ComparePage::ready).wait(20000));
    QVERIFY(window.tabOfFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html"))) >= 0);
    QVERIFY(window.tabOfFile(dataPath(QStringLiteral("timings/stable-1.95/dev-incremental.html"))) >= 0);
    QVERIFY2(comparison->title().contains(QStringLiteral("↔")), qPrintable(comparison->title()));

    // a label for runs already stored, then the table shows it after reading the library again
    select({"timings/nightly-1.97/dev-clean.html", "timings/nightly-1.97/dev-incremental.html"});
    menu.reset(page->selectionMenu());
    QVERIFY(action(menu.get(), QStringLiteral("Set Label of 2 Runs"))->isEnabled());
    QVERIFY(page->labelSelectedRuns(QStringLiteral("rustc nightly")));
    QVERIFY(waitLoaded(*page));
    QCOMPARE(table->model()
                 ->index(rowOf("timings/nightly-1.97/dev-clean.html"), RunListModel::Label)
                 .data()
                 .toString(),
             QStringLiteral("rustc nightly"));
    RunLibrary library;
    QVERIFY(library.open(db));
    int labelled = 0;
    for (const StoredRun& r : library.runs())
        labelled += r.label == QLatin1String("rustc nightly") ? 1 : 0;
    QCOMPARE(labelled, 2);
}

void TestHistoryView::compareTwoSeriesFromTheTable()
{
    // two series of repeated builds (labels, as buildlens bench --name gives them): one run of each selected
    // compares every build of one series with every build of the other
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("series.sqlite"));
    {
        RunLibrary library;
        QVERIFY(library.open(db));
        Progress progress;
        for (const char* profile : {"dev", "release"})
            for (int k = 1; k <= 3; ++k) {
                AddOptions options;
                options.label = QString::fromLatin1(profile);
                const QString file =
                    dataPath(QStringLiteral("timings/repeated/%1-clean-%2.html").arg(options.label).arg(k));
                QCOMPARE(library.addFile(file, progress, options).outcome, AddResult::Outcome::Stored);
            }
    }
    MainWindow window;
    HistoryPage* page = window.showHistory(db);
    QVERIFY(waitLoaded(*page));
    QTableView* table = page->table();
    auto selectRows = [&](const QStringList& files) {
        table->clearSelection();
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (files.contains(
                    QFileInfo(table->model()->index(r, 0).data(RunListModel::FilePathRole).toString())
                        .fileName()))
                table->selectionModel()->select(table->model()->index(r, 0),
                                                QItemSelectionModel::Select | QItemSelectionModel::Rows);
    };
    auto seriesAction = [](QMenu* menu) -> QAction* {
        for (QAction* a : menu->actions())
            if (a->text()
                    .remove(QLatin1Char('&'))
                    .startsWith(QLatin1String("Compare the Two Selected Series")))
                return a;
        return nullptr;
    };
    // one series only: nothing to compare it with
    selectRows({QStringLiteral("dev-clean-1.html"), QStringLiteral("dev-clean-2.html")});
    std::unique_ptr<QMenu> menu(page->selectionMenu());
    QVERIFY(seriesAction(menu.get()) && !seriesAction(menu.get())->isEnabled());
    selectRows({QStringLiteral("release-clean-2.html"), QStringLiteral("dev-clean-3.html")});
    menu.reset(page->selectionMenu());
    QAction* compare = seriesAction(menu.get());
    QVERIFY(compare && compare->isEnabled());
    QVERIFY2(compare->text().contains(QLatin1String("dev: 3 builds, release: 3 builds")),
             qPrintable(compare->text()));
    QSignalSpy requested(page, &HistoryPage::compareSeriesRequested);
    compare->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toStringList().size(), 3);
    QVERIFY(requested.first().at(0).toStringList().first().contains(QLatin1String("dev-clean")));
    // all six open, then their comparison: three builds against three, judged against the noise
    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<ComparePage*>(window.currentPage()) != nullptr, 60000);
    auto* comparison = qobject_cast<ComparePage*>(window.currentPage());
    QVERIFY(comparison->isSetComparison());
    if (!comparison->isReady())
        QVERIFY(QSignalSpy(comparison, &ComparePage::ready).wait(20000));
    for (int k = 1; k <= 3; ++k)
        QVERIFY(window.tabOfFile(dataPath(QStringLiteral("timings/repeated/release-clean-%1.html").arg(k))) >=
                0);
}

void TestHistoryView::trendLinesJoinOneKindOfBuild()
{
    HistoryPage page;
    page.resize(1280, 760);
    page.setDatabase(m_db);
    QVERIFY(waitLoaded(page));
    // the library holds dev clean, dev incremental and release clean builds: a line for each, never one that
    // runs from a 6 s clean build to a 0.4 s incremental one
    QMap<QString, QList<QPointF>> lines;
    for (QAbstractSeries* s : page.chartView(HistoryPage::WallTimeChart)->chart()->series())
        if (auto* line = qobject_cast<QLineSeries*>(s); line && s->type() == QAbstractSeries::SeriesTypeLine)
            lines[line->name()] = line->points();
    QVERIFY2(lines.contains(QStringLiteral("dev clean")) &&
                 lines.contains(QStringLiteral("dev incremental")) &&
                 lines.contains(QStringLiteral("release clean")),
             qPrintable(QStringList(lines.keys()).join(QStringLiteral(", "))));
    QCOMPARE(lines[QStringLiteral("dev clean")].size(), 2);       // stable and nightly
    QCOMPARE(lines[QStringLiteral("dev incremental")].size(), 2); // stable and nightly
    QCOMPARE(lines[QStringLiteral("release clean")].size(), 1);
    for (const QPointF& p : lines[QStringLiteral("dev incremental")])
        QVERIFY(p.y() < 1.0);
    for (const QPointF& p : lines[QStringLiteral("dev clean")])
        QVERIFY(p.y() > 5.0);
}

void TestHistoryView::trendChartsExport()
{
    HistoryPage page;
    page.resize(1280, 760);
    page.setDatabase(m_db);
    page.show();
    QVERIFY(waitLoaded(page));
    const auto targets = page.exportTargets();
    QCOMPARE(targets.size(), std::size_t(3)); // wall time, units, .text size: each has runs
    QTemporaryDir dir;
    for (const ExportTarget& t : targets) {
        QString error;
        const QString png = dir.filePath(t.name + QStringLiteral(".png"));
        QCOMPARE(writeFigure(t.figure(), png, {}, error), QStringList{png});
        const QImage image(png);
        QCOMPARE(image.width(), 1600 + 32);
        int ink = 0;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                ink += image.pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY2(ink > 1000, qPrintable(t.name));
        const QString svg = dir.filePath(t.name + QStringLiteral(".svg"));
        QCOMPARE(writeFigure(t.figure(), svg, {}, error), QStringList{svg});
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains(t.name.toLower().toUtf8()));
    }
}

QTEST_MAIN(TestHistoryView)
#include "tst_history_view.moc"
