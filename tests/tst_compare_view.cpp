// The compare page, offscreen: timelines that share zoom and scroll, the delta table driving both, swapping
// A and B, the profile and size comparisons (a treemap coloured against the baseline), rendered to PNGs.
#include "ComparePage.h"
#include "FlameGraphView.h"
#include "TestData.h"
#include "TimeScale.h"
#include "TimelineView.h"
#include "TreemapView.h"
#include "ViewExport.h"
#include "analysis/ProfileTree.h"
#include "import/AnyImporter.h"
#include "itemmodels/DeltaModels.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace bl;
using bl::test::dataPath;

namespace {

std::shared_ptr<const ImportedData> load(const QString& relative)
{
    Progress progress;
    const auto r = importAny(dataPath(relative), progress);
    return r ? r.value() : nullptr;
}

ComparePage::Run timingsRun(const QString& relative)
{
    ComparePage::Run run;
    run.name = relative.section(QLatin1Char('/'), -1);
    if (auto d = load(relative); d && d->timings)
        run.timings = analyse(d->timings);
    return run;
}

bool waitReady(ComparePage& page)
{
    if (page.isReady())
        return true;
    QSignalSpy spy(&page, &ComparePage::ready);
    return spy.wait(20000);
}

void saveShot(QWidget& w, const QString& name)
{
    const QString dir = qEnvironmentVariable("BUILDLENS_SHOTS");
    QApplication::processEvents(); // views added to a shown page show on the next turn of the event loop
    if (!dir.isEmpty())
        w.grab().save(dir + QLatin1Char('/') + name);
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT

private slots:
    void timingsShareZoomAndScroll();
    void tableSelectsInBothTimelines();
    void swapReverses();
    void profiles();
    void sizesColouredAgainstBaseline();
    void refusesDifferentKinds();
    void repeatedBuilds();
    void exportsOfAComparison();
};

void TestCompareView::timingsShareZoomAndScroll()
{
    ComparePage page;
    page.resize(1280, 800);
    page.compare(timingsRun(QStringLiteral("timings/stable-1.95/dev-clean.html")),
                 timingsRun(QStringLiteral("timings/stable-1.95/release-clean.html")));
    page.show();
    QVERIFY(waitReady(page));
    QApplication::processEvents();
    TimelineView* a = page.timelineA();
    TimelineView* b = page.timelineB();
    QVERIFY(a && b);
    // one time axis: fitted, both show the longer build's 11.83 s
    QCOMPARE(a->pixelsPerSecond(), b->pixelsPerSecond());
    QVERIFY(std::abs(a->timeScale()->visibleEnd() - b->timeScale()->visibleEnd()) < 1e-6);
    QVERIFY(a->timeScale()->visibleEnd() >= 11.8);
    // zooming one zooms the other, scrolling one scrolls the other
    a->zoomBy(4);
    QCOMPARE(b->pixelsPerSecond(), a->pixelsPerSecond());
    b->setTimeWindow(5.0, b->pixelsPerSecond());
    QVERIFY(std::abs(a->timeScale()->visibleStart() - 5.0) < 0.05);
    QVERIFY(std::abs(a->timeScale()->visibleStart() - b->timeScale()->visibleStart()) < 1e-9);
    page.fitToWindow();
    QCOMPARE(a->timeScale()->visibleStart(), 0.0);
    QCOMPARE(b->pixelsPerSecond(), a->pixelsPerSecond());
    // the table lists every unit of either run, largest change first
    QTableView* table = page.deltaTable();
    QCOMPARE(table->model()->rowCount(), 41);
    QCOMPARE(table->model()->index(0, UnitDeltaModel::UnitName).data().toString(),
             QStringLiteral("regex v1.7.1"));
    saveShot(page, QStringLiteral("compare-timings.png"));
}

void TestCompareView::tableSelectsInBothTimelines()
{
    ComparePage page;
    page.resize(1280, 800);
    page.compare(timingsRun(QStringLiteral("timings/stable-1.95/dev-clean.html")),
                 timingsRun(QStringLiteral("timings/stable-1.95/release-clean.html")));
    page.show();
    QVERIFY(waitReady(page));
    QTableView* table = page.deltaTable();
    table->selectRow(0); // regex
    const auto& unitsA = page.timelineA()->analysis()->run->units;
    const auto& unitsB = page.timelineB()->analysis()->run->units;
    QVERIFY(page.timelineA()->selectedUnit() >= 0);
    QCOMPARE(unitsA[std::size_t(page.timelineA()->selectedUnit())].name, QStringLiteral("regex"));
    QCOMPARE(unitsB[std::size_t(page.timelineB()->selectedUnit())].name, QStringLiteral("regex"));
    // a unit only in B selects nothing in A
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, 0).data(StatusRole).toString() == QLatin1String("added")) {
            table->selectRow(r);
            break;
        }
    QCOMPARE(page.timelineA()->selectedUnit(), -1);
    QCOMPARE(unitsB[std::size_t(page.timelineB()->selectedUnit())].name, QStringLiteral("ts-derive"));
    // a double-clicked row opens its crate's page
    QSignalSpy crate(&page, &DocumentPage::crateRequested);
    const QRect cell = table->visualRect(table->model()->index(0, 0));
    // a person's double click: QTest's mouseDClick sends only its second half
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(crate.size(), 1);
    QCOMPARE(crate.first().first().toString(), QStringLiteral("regex"));
}

void TestCompareView::swapReverses()
{
    ComparePage page;
    page.compare(timingsRun(QStringLiteral("timings/stable-1.95/dev-clean.html")),
                 timingsRun(QStringLiteral("timings/stable-1.95/release-clean.html")));
    QVERIFY(waitReady(page));
    QVERIFY(page.statusText().contains(QStringLiteral("+5.54 s")));
    page.swapRuns();
    QVERIFY(!page.isReady());
    QVERIFY(waitReady(page));
    QCOMPARE(page.runA().name, QStringLiteral("release-clean.html"));
    QVERIFY(page.statusText().contains(QStringLiteral("-5.54 s")));
    int removed = 0;
    for (int r = 0; r < page.deltaTable()->model()->rowCount(); ++r)
        removed +=
            page.deltaTable()->model()->index(r, 0).data(StatusRole).toString() == QLatin1String("removed");
    QCOMPARE(removed, 1);
}

void TestCompareView::profiles()
{
    ComparePage::Run a, b;
    a.name = QStringLiteral("fnv (rustc 1.63)");
    b.name = QStringLiteral("fnv (rustc 1.95)");
    a.profile = load(QStringLiteral("self-profile/v8/fnv-0026749.mm_profdata"))->profile;
    b.profile = load(QStringLiteral("self-profile/fnv-0012953.mm_profdata"))->profile;
    QVERIFY(a.profile && b.profile);
    ComparePage page;
    page.resize(1280, 800);
    page.compare(a, b);
    page.show();
    QVERIFY(waitReady(page));
    QCOMPARE(page.deltaTable()->model()->rowCount(), int(diffProfiles(a.profile, b.profile).queries.size()));
    const auto flames = page.findChildren<FlameGraphView*>();
    QCOMPARE(flames.size(), 2);
    // a row highlights its query in both flame graphs
    page.deltaTable()->selectRow(0);
    for (FlameGraphView* f : flames)
        QVERIFY(f->matchCount() > 0);
    saveShot(page, QStringLiteral("compare-profiles.png"));
    // zooming into a frame of A zooms B to the same frame: the same labels from the root, or, as here where
    // rustc 1.63 and 1.95 nest their queries differently, the same query where B spent the most time in it
    FlameGraphView* fa = flames[0]->tree() && flames[0]->profile() == a.profile ? flames[0] : flames[1];
    FlameGraphView* fb = fa == flames[0] ? flames[1] : flames[0];
    const ProfileTree& ta = *fa->tree();
    auto labelOf = [](const FlameGraphView* f, int node) {
        return f->profile()->strings.value(qsizetype(f->tree()->label[std::size_t(node)]));
    };
    int frame = -1;
    for (int n = 1; n < ta.size() && frame < 0; ++n)
        if (ta.depth[std::size_t(n)] >= 2 && labelOf(fa, n) == QLatin1String("expand_crate"))
            frame = n;
    QVERIFY(frame > 0);
    fa->zoomTo(frame);
    QVERIFY(fb->zoomNode() > 0);
    QCOMPARE(labelOf(fb, fb->zoomNode()), QStringLiteral("expand_crate"));
    fb->resetZoom();
    QCOMPARE(fa->zoomNode(), 0);

    // a profile against itself: every frame has its exact twin
    ComparePage same;
    same.resize(1280, 800);
    same.compare(b, b);
    QVERIFY(waitReady(same));
    const auto twins = same.findChildren<FlameGraphView*>();
    QCOMPARE(twins.size(), 2);
    const ProfileTree& t = *twins[0]->tree();
    int deepest = 1;
    for (int n = 1; n < t.size(); ++n)
        if (t.depth[std::size_t(n)] > t.depth[std::size_t(deepest)])
            deepest = n;
    twins[0]->zoomTo(deepest);
    QCOMPARE(twins[1]->zoomNode(), deepest);
}

void TestCompareView::sizesColouredAgainstBaseline()
{
    // cargo-bloat's reading of the sample against BuildLens's own: the same functions, plus the bytes between
    // symbols that only the ELF reading shows
    ComparePage::Run a, b;
    a.name = QStringLiteral("bloat.json");
    b.name = QStringLiteral("textstat");
    a.size = load(QStringLiteral("binary/bloat.textstat.functions.json"))->size;
    b.size = load(QStringLiteral("binary/textstat"))->size;
    QVERIFY(a.size && b.size);
    ComparePage page;
    page.resize(1280, 800);
    page.compare(a, b);
    page.show();
    QVERIFY(waitReady(page));
    TreemapView* map = page.treemap();
    QVERIFY(map && map->hasBaseline());
    QVERIFY(map->tooltipFor(1).contains(QStringLiteral("Before")));
    QSignalSpy laid(map, &TreemapView::layoutFinished);
    if (map->nodeRect(1).isEmpty())
        QVERIFY(laid.wait(10000));
    saveShot(page, QStringLiteral("compare-sizes.png"));
}

void TestCompareView::refusesDifferentKinds()
{
    ComparePage::Run a = timingsRun(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    ComparePage::Run b;
    b.size = load(QStringLiteral("binary/bloat.textstat.crates.json"))->size;
    QVERIFY(!ComparePage::canCompare(a, b));
    ComparePage::Run lines;
    lines.size = load(QStringLiteral("binary/llvm-lines.textstat.release.txt"))->size;
    QVERIFY(!ComparePage::canCompare(b, lines));
    QVERIFY(ComparePage::canCompare(a, a));
}

void TestCompareView::repeatedBuilds()
{
    std::vector<ComparePage::Run> dev, release;
    for (int i = 1; i <= 3; ++i) {
        dev.push_back(timingsRun(QStringLiteral("timings/repeated/dev-clean-%1.html").arg(i)));
        release.push_back(timingsRun(QStringLiteral("timings/repeated/release-clean-%1.html").arg(i)));
        QVERIFY(dev.back().timings && release.back().timings);
    }
    ComparePage page;
    page.resize(1280, 800);
    page.compareSets(dev, release);
    page.show();
    QVERIFY(waitReady(page));
    QVERIFY(page.isSetComparison());
    QTableView* table = page.deltaTable();
    // significant changes first, each with its verdict; a change within the noise draws no bar
    QCOMPARE(table->model()->index(0, UnitSetDeltaModel::UnitName).data().toString(),
             QStringLiteral("regex-syntax v0.6.27"));
    QCOMPARE(table->model()->index(0, 0).data(StatusRole).toString(), QStringLiteral("significant"));
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, 0).data(StatusRole).toString() == QLatin1String("noise"))
            QCOMPARE(table->model()->index(r, UnitSetDeltaModel::Delta).data(DeltaShareRole).toDouble(), 0.0);
    QVERIFY(page.statusText().contains(QStringLiteral("+19.3 s")));
    saveShot(page, QStringLiteral("compare-repeated.png"));
    page.swapRuns();
    QVERIFY(waitReady(page));
    QVERIFY(page.statusText().contains(QStringLiteral("-19.3 s")));
}

void TestCompareView::exportsOfAComparison()
{
    // each comparison offers its views for export; the SVG of each holds both sides' text
    QTemporaryDir dir;
    auto svgOf = [&](const ExportTarget& t) {
        QString error;
        const QString out = dir.filePath(t.name + QStringLiteral(".svg"));
        if (const QString shots = qEnvironmentVariable("BUILDLENS_SHOTS"); !shots.isEmpty()) // to look at
            writeFigure(t.figure(), shots + QLatin1Char('/') + t.name + QStringLiteral(".png"), {}, error);
        const QStringList written = writeFigure(t.figure(), out, {}, error);
        if (written.isEmpty())
            qFatal("%s", qPrintable(error));
        QFile f(out);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    };
    ComparePage builds;
    builds.resize(1280, 800);
    builds.compare(timingsRun(QStringLiteral("timings/stable-1.95/dev-clean.html")),
                   timingsRun(QStringLiteral("timings/stable-1.95/release-clean.html")));
    QVERIFY(waitReady(builds));
    auto targets = builds.exportTargets();
    QCOMPARE(targets.size(), std::size_t(2));
    QCOMPARE(targets[0].name, QStringLiteral("Both timelines"));
    QByteArray svg = svgOf(targets[0]);
    QVERIFY(svg.contains("A: ") && svg.contains("B: ") && svg.contains("regex-syntax v0.6.27"));
    QCOMPARE(svg.count("Unit (40)"), 1); // dev builds 40 units, release 41 (ts-derive twice)
    QCOMPARE(svg.count("Unit (41)"), 1);
    svg = svgOf(targets[1]);
    QVERIFY(svg.contains("A: units compiling") && svg.contains("B: units compiling"));

    ComparePage::Run a, b;
    a.name = QStringLiteral("fnv 1.63");
    b.name = QStringLiteral("fnv 1.95");
    a.profile = load(QStringLiteral("self-profile/v8/fnv-0026749.mm_profdata"))->profile;
    b.profile = load(QStringLiteral("self-profile/fnv-0012953.mm_profdata"))->profile;
    ComparePage profiles;
    profiles.resize(1280, 800);
    profiles.compare(a, b);
    QVERIFY(waitReady(profiles));
    targets = profiles.exportTargets();
    QCOMPARE(targets.size(), std::size_t(1));
    svg = svgOf(targets[0]);
    QVERIFY(svg.contains("A: fnv 1.63") && svg.contains("B: fnv 1.95") && svg.count("All threads") == 2);

    ComparePage::Run sa, sb;
    sa.name = QStringLiteral("bloat.json");
    sb.name = QStringLiteral("textstat");
    sa.size = load(QStringLiteral("binary/bloat.textstat.functions.json"))->size;
    sb.size = load(QStringLiteral("binary/textstat"))->size;
    ComparePage sizes;
    sizes.resize(1280, 800);
    sizes.compare(sa, sb);
    QVERIFY(waitReady(sizes));
    targets = sizes.exportTargets();
    QCOMPARE(targets.size(), std::size_t(1));
    QCOMPARE(targets[0].name, QStringLiteral("Treemap coloured by change"));
    svg = svgOf(targets[0]);
    QVERIFY(svg.contains("grew against A") && svg.contains("shrank against A") &&
            svg.contains("regex_syntax"));
}

QTEST_MAIN(TestCompareView)
#include "tst_compare_view.moc"
