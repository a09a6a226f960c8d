// The dependency graph laid out by Graphviz's dot and painted by DepGraphView, on the bundled workspace's
// cargo metadata: the layout's geometry (boxes inside the bounds, apart, dependents ranked above their
// dependencies, every edge routed), a subset layout, and the view rendered offscreen: colours where the
// geometry says, selection, search, zoom. The graph page: focus mode's neighbourhood laid out on a worker,
// heat from a build of the same workspace, a build's own unit graph, and a timings page's graph tab. With
// BUILDLENS_GRAPH_PNG set, the 1280x800 renderings are saved there (and beside it) for review.
#include "DepGraphView.h"
#include "GraphPage.h"
#include "KindColors.h"
#include "TestData.h"
#include "TimelineView.h"
#include "TimingsPage.h"
#include "WhatIfView.h"
#include "analysis/GraphLayout.h"
#include "analysis/GraphOverview.h"
#include "analysis/GraphQueries.h"
#include "analysis/GraphTimings.h"
#include "import/MetadataImporter.h"
#include "itemmodels/UnitsTableModel.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include <cstdlib>

using namespace bl;
using namespace bl::test;

namespace {

std::shared_ptr<const DepGraph> loadGraph()
{
    Progress progress;
    const auto r = importCargoMetadata(dataPath(QStringLiteral("other/metadata.json")), progress);
    if (!r)
        qWarning("%s", qPrintable(r.error().toString()));
    return r ? r.value() : nullptr;
}

// Where render() puts a scene point: the scene bounds scaled to fit `target`, centred.
QPointF toImage(const DepGraphView& view, const QRectF& target, QPointF scene)
{
    const QRectF source = view.sceneBounds();
    const double s = std::min(target.width() / source.width(), target.height() / source.height());
    return target.center() + (scene - source.center()) * s;
}

bool near(QColor a, QColor b, int tolerance = 6)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

} // namespace

class TestGraphView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void layoutGeometry();
    void layoutSubset();
    void layoutsAreCached();
    void overviewOfABigWorkspace();
    void edgesKnowWhatTheyAsk();
    void bigWorkspaceOpensAsItsOverview();
    void groupOpensInPlace();
    void renders();
    void heatAndCritical();
    void selection();
    void clickSelects();
    void search();
    void zoomAndFit();
    void focusLaysOutTheNeighbourhood();
    void heatFromABuild();
    void unitGraphOfABuild();
    void unitForestIsPacked();
    void timingsPageGraphTab();
    void timingsPageTableFollowsTheTimeline();

private:
    int pkg(const char* name) const { return m_graph->indexOf(QString::fromLatin1(name)); }
    QImage renderView(DepGraphView& view) const
    {
        QImage image(1280, 800, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        view.render(p, QRectF(image.rect()));
        return image;
    }

    std::shared_ptr<const DepGraph> m_graph;
    std::shared_ptr<const GraphLayout> m_layout;
};

void TestGraphView::initTestCase()
{
    m_graph = loadGraph();
    QVERIFY(m_graph);
    QCOMPARE(m_graph->packages.size(), std::size_t(24));
    m_layout = std::make_shared<const GraphLayout>(layoutGraph(*m_graph));
    QVERIFY2(m_layout->error.isEmpty(), qPrintable(m_layout->error));
}

void TestGraphView::layoutGeometry()
{
    const GraphLayout& l = *m_layout;
    QVERIFY(!l.bounds.isEmpty());
    QCOMPARE(l.bounds.topLeft(), QPointF(0, 0));
    QCOMPARE(l.nodes.size(), std::size_t(24));
    const QRectF slack = l.bounds.adjusted(-0.5, -0.5, 0.5, 0.5); // Graphviz rounds the bounding box
    for (std::size_t i = 0; i < l.nodes.size(); ++i) {
        QVERIFY2(!l.nodes[i].isEmpty(), qPrintable(m_graph->packages[i].name));
        QVERIFY2(slack.contains(l.nodes[i]), qPrintable(m_graph->packages[i].name));
        for (std::size_t j = i + 1; j < l.nodes.size(); ++j) {
            const QRectF overlap = l.nodes[i].intersected(l.nodes[j]);
            QVERIFY2(overlap.width() * overlap.height() < 0.01,
                     qPrintable(m_graph->packages[i].name + QLatin1Char('/') + m_graph->packages[j].name));
        }
    }
    QCOMPARE(l.edges.size(), std::size_t(30));
    for (const GraphEdgeLayout& e : l.edges) {
        QVERIFY(e.points.size() >= 2);
        QVERIFY(e.hasArrow);
        const DepEdge& d = m_graph->edges[std::size_t(e.edge)];
        // dot ranks top-down: a dependent's box ends above its dependency's
        QVERIFY2(l.nodes[std::size_t(d.from)].bottom() < l.nodes[std::size_t(d.to)].top(),
                 qPrintable(d.name));
        // the curve runs between the two boxes, arrow at the dependency
        QVERIFY(QLineF(e.arrowTip, l.nodes[std::size_t(d.to)].center()).length() <
                QLineF(e.arrowTip, l.nodes[std::size_t(d.from)].center()).length());
    }
    QVERIFY(l.nodes[std::size_t(pkg("ts-app"))].bottom() < l.nodes[std::size_t(pkg("regex"))].top());
}

void TestGraphView::layoutSubset()
{
    const std::vector<int> visible{pkg("ts-core"), pkg("regex"), pkg("memchr"), pkg("aho-corasick")};
    const GraphLayout l = layoutGraph(*m_graph, visible);
    QVERIFY(l.error.isEmpty());
    int laidOut = 0;
    for (const QRectF& r : l.nodes)
        laidOut += !r.isEmpty();
    QCOMPARE(laidOut, 4);
    QVERIFY(l.nodes[std::size_t(pkg("ts-app"))].isEmpty());
    // ts-core→regex, ts-core→memchr, regex→memchr, regex→aho-corasick, aho-corasick→memchr
    QCOMPARE(l.edges.size(), std::size_t(5));
}

void TestGraphView::renders()
{
    DepGraphView view;
    view.resize(1280, 800);
    view.setGraph(m_graph, m_layout);
    QCOMPARE(view.sceneBounds().intersected(m_layout->bounds), m_layout->bounds);
    QCOMPARE(view.nodeRect(pkg("regex")), m_layout->nodes[std::size_t(pkg("regex"))]);

    const QImage image = renderView(view);
    const QRgb background = view.palette().color(QPalette::Base).rgba();
    int differing = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            differing += image.pixel(x, y) != background;
    QVERIFY2(differing > 2000, qPrintable(QString::number(differing)));

    // The fill between the name and the version lines, a little off the left border.
    for (const char* name : {"regex", "memchr", "glob", "syn"}) {
        const QRectF r = view.nodeRect(pkg(name));
        const QPointF at = toImage(view, image.rect(), QPointF(r.left() + 3, r.center().y()));
        QVERIFY2(near(image.pixelColor(at.toPoint()), view.nodeFill(pkg(name))), name);
    }
    if (const char* out = std::getenv("BUILDLENS_GRAPH_PNG"))
        image.save(QString::fromLocal8Bit(out));
}

void TestGraphView::heatAndCritical()
{
    DepGraphView view;
    view.resize(1280, 800);
    view.setGraph(m_graph, m_layout);
    std::vector<double> heat(m_graph->packages.size(), 0.0);
    heat[std::size_t(pkg("regex"))] = 9.0;
    heat[std::size_t(pkg("memchr"))] = 1.0;
    view.setHeat(heat);
    QCOMPARE(view.nodeFill(pkg("regex")), heatColor(1.0, view.palette()));
    QVERIFY(view.nodeFill(pkg("memchr")) != view.nodeFill(pkg("regex")));
    QVERIFY(view.nodeFill(pkg("glob")) != view.nodeFill(pkg("regex"))); // no data: neutral
    std::vector<char> critical(m_graph->packages.size(), 0);
    critical[std::size_t(pkg("ts-core"))] = critical[std::size_t(pkg("regex"))] = 1;
    view.setCriticalPackages(critical);

    const QImage image = renderView(view);
    const QRectF r = view.nodeRect(pkg("regex"));
    const QPointF fillAt = toImage(view, image.rect(), QPointF(r.left() + 5, r.center().y()));
    QVERIFY(near(image.pixelColor(fillAt.toPoint()), heatColor(1.0, view.palette())));
    // the critical border, drawn inside the box
    const QPointF borderAt = toImage(view, image.rect(), QPointF(r.left() + 1.5, r.center().y()));
    QVERIFY(near(image.pixelColor(borderAt.toPoint()), criticalPathColor(view.palette()), 30));

    // A dark palette changes the scale, and the cool end stays dark enough for light text.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    dark.setColor(QPalette::Text, Qt::white);
    QVERIFY(heatColor(0, dark).lightness() < 100);
    QVERIFY(heatColor(0, view.palette()).lightness() > 180);
    QVERIFY(textColorOn(heatColor(0, dark)).lightness() > 200);
    if (const char* out = std::getenv("BUILDLENS_GRAPH_PNG")) {
        std::vector<double> all(m_graph->packages.size());
        for (std::size_t i = 0; i < all.size(); ++i)
            all[i] = double((i * 7) % 11); // a spread of compile times, some zero (neutral)
        view.setHeat(all);
        view.setSearchText(QStringLiteral("quote"));
        view.selectPackage(pkg("regex"));
        renderView(view).save(QString::fromLocal8Bit(out) + QStringLiteral(".light.png"));
        view.setPalette(dark);
        renderView(view).save(QString::fromLocal8Bit(out) + QStringLiteral(".dark.png"));
    }
}

void TestGraphView::selection()
{
    DepGraphView view;
    view.resize(800, 600);
    view.setGraph(m_graph, m_layout);
    QSignalSpy spy(&view, &DepGraphView::packageSelected);
    QVERIFY(view.isHighlighted(pkg("syn"))); // nothing selected: all lit

    view.selectPackage(pkg("regex"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), pkg("regex"));
    for (const char* lit : {"regex", "aho-corasick", "memchr", "regex-syntax", "ts-core", "ts-app"})
        QVERIFY2(view.isHighlighted(pkg(lit)), lit);
    for (const char* dim : {"syn", "glob", "cfg-if", "ts-derive", "log"})
        QVERIFY2(!view.isHighlighted(pkg(dim)), dim);
    const QColor neutral = view.nodeFill(pkg("memchr"));
    QVERIFY(view.nodeFill(pkg("syn")) != neutral); // dimmed towards the background

    const QImage image = renderView(view);
    for (const char* name : {"memchr", "syn"}) {
        const QRectF r = view.nodeRect(pkg(name));
        const QPointF at = toImage(view, image.rect(), QPointF(r.left() + 3, r.center().y()));
        QVERIFY2(near(image.pixelColor(at.toPoint()), view.nodeFill(pkg(name))), name);
    }

    view.selectPackage(-1);
    QCOMPARE(view.selectedPackage(), -1);
    QVERIFY(view.isHighlighted(pkg("syn")));
}

void TestGraphView::clickSelects()
{
    DepGraphView view;
    view.resize(1000, 700);
    view.setGraph(m_graph, m_layout);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &DepGraphView::packageSelected);
    const QPoint at = view.mapFromScene(view.nodeRect(pkg("ts-core")).center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(view.selectedPackage(), pkg("ts-core"));
    QCOMPARE(spy.count(), 1);
    QVERIFY(view.isHighlighted(pkg("syn"))); // via ts-derive
    QVERIFY(!view.isHighlighted(pkg("glob")));
    QTest::keyClick(&view, Qt::Key_Escape);
    QCOMPARE(view.selectedPackage(), -1);
}

void TestGraphView::search()
{
    DepGraphView view;
    view.resize(400, 300);
    view.setGraph(m_graph, m_layout);
    view.zoomBy(3);
    QSignalSpy spy(&view, &DepGraphView::searchMatchesChanged);
    view.setSearchText(QStringLiteral("REGEX"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(view.matchCount(), 2); // regex, regex-syntax
    QVERIFY(view.isMatch(pkg("regex")) && view.isMatch(pkg("regex-syntax")));
    QVERIFY(!view.isMatch(pkg("memchr")));
    // centred on the first match
    const QRectF visible = view.mapToScene(view.viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(view.nodeRect(pkg("regex")).center()));
    view.setSearchText(QString());
    QCOMPARE(view.matchCount(), 0);
}

void TestGraphView::zoomAndFit()
{
    DepGraphView view;
    view.resize(600, 400);
    view.setGraph(m_graph, m_layout);
    view.fitToWindow();
    const QRectF visible = view.mapToScene(view.viewport()->rect()).boundingRect();
    QVERIFY(visible.adjusted(-1, -1, 1, 1).contains(view.sceneBounds()));
    const double z = view.zoom();
    view.zoomBy(2);
    QVERIFY(qAbs(view.zoom() - 2 * z) < 1e-9);
    view.zoomBy(1000);
    QVERIFY(view.zoom() <= 8.0);
}

namespace {

void savePage(QWidget& w, const char* suffix)
{
    if (const char* out = std::getenv("BUILDLENS_GRAPH_PNG"))
        w.grab().save(QString::fromLocal8Bit(out) + QLatin1String(suffix));
}

// Laid-out boxes must not overlap, whatever subset was laid out.
bool boxesApart(const DepGraphView& view, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            const QRectF a = view.nodeRect(int(i)), b = view.nodeRect(int(j));
            if (a.isEmpty() || b.isEmpty())
                continue;
            const QRectF o = a.intersected(b);
            if (o.width() * o.height() > 0.01)
                return false;
        }
    return true;
}

} // namespace

void TestGraphView::focusLaysOutTheNeighbourhood()
{
    GraphPage page;
    page.resize(1280, 800);
    page.setGraph(m_graph, m_layout);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    DepGraphView* view = page.view();
    QCOMPARE(view->laidOutCount(), 24);
    QSignalSpy applied(&page, &GraphPage::layoutApplied);

    view->selectPackage(pkg("regex"));
    page.setFocusLevels(2);
    page.setFocusMode(true);
    QVERIFY(page.isLayingOut()); // on a worker: the GUI thread goes on
    QVERIFY(applied.wait(30000));
    QVERIFY(!page.isLayingOut());
    const auto around = neighbourhood(*m_graph, pkg("regex"), 2);
    QCOMPARE(std::size_t(view->laidOutCount()), around.size());
    for (int p : around)
        QVERIFY2(!view->nodeRect(p).isEmpty(), qPrintable(m_graph->packages[std::size_t(p)].name));
    QVERIFY(view->graphLayout() != m_layout);
    QVERIFY(boxesApart(*view, m_graph->packages.size()));
    QCOMPARE(view->selectedPackage(), pkg("regex"));
    // the view fits the neighbourhood, not the whole graph
    QVERIFY(view->sceneBounds().width() < m_layout->bounds.width());
    savePage(page, ".focus.png");

    // a click elsewhere refocuses there; fewer levels, a smaller neighbourhood
    applied.clear();
    view->selectPackage(pkg("ts-core"));
    QVERIFY(applied.wait(30000));
    QCOMPARE(std::size_t(view->laidOutCount()), neighbourhood(*m_graph, pkg("ts-core"), 2).size());
    applied.clear();
    page.setFocusLevels(1);
    QVERIFY(applied.wait(30000));
    const auto near1 = neighbourhood(*m_graph, pkg("ts-core"), 1);
    QCOMPARE(std::size_t(view->laidOutCount()), near1.size());
    QVERIFY(near1.size() < 24);

    // leaving focus puts the whole graph back at once
    applied.clear();
    page.setFocusMode(false);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(view->graphLayout(), m_layout);
    QCOMPARE(view->laidOutCount(), 24);
    QCOMPARE(view->selectedPackage(), pkg("ts-core"));
}

void TestGraphView::heatFromABuild()
{
    const auto run = loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    QVERIFY(run);
    const auto analysis = analyse(run);
    GraphPage page;
    page.resize(1280, 800);
    page.setGraph(m_graph, m_layout);
    QCOMPARE(page.heatCombo()->count(), 1);
    QVERIFY(!page.heatCombo()->isEnabled());
    page.setTimingsSources({{QStringLiteral("dev-clean.html"), analysis}});
    QCOMPARE(page.heatCombo()->count(), 2);
    QVERIFY(!page.view()->hasHeat()); // offered, not imposed
    page.heatCombo()->setCurrentIndex(1);
    QCOMPARE(page.heatSource(), 0);
    QVERIFY(page.view()->hasHeat());
    // regex-syntax, 2.11 s in one unit, is the hottest package; regex (1.99 s) on the same square-root scale
    QCOMPARE(page.view()->nodeFill(pkg("regex-syntax")), heatColor(1.0, page.palette()));
    QCOMPARE(page.view()->nodeFill(pkg("regex")), heatColor(std::sqrt(1.99 / 2.11), page.palette()));
    QCOMPARE(page.timings().critical[std::size_t(pkg("ts-app"))], char(1));

    page.view()->selectPackage(pkg("ts-core"));
    const QString details = page.findChild<QTextBrowser*>()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("Compile time: 0.90 s in 3 unit")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("Slack: 2.73 s")), qPrintable(details));
    QVERIFY(page.view()->tooltipFor(pkg("ts-core")).contains(QStringLiteral("slack: 2.73 s")));
    page.view()->selectPackage(pkg("ts-app"));
    savePage(page, ".heat.png");

    // the build's tab closed: no heat left
    page.setTimingsSources({});
    QCOMPARE(page.heatSource(), -1);
    QVERIFY(!page.view()->hasHeat());
    QCOMPARE(page.view()->nodeFill(pkg("regex")), page.view()->nodeFill(pkg("glob")));
}

void TestGraphView::unitGraphOfABuild()
{
    const auto run = loadRun(QStringLiteral("build-analysis/dev-clean.jsonl"));
    QVERIFY(run);
    const auto analysis = analyse(run);
    GraphPage page;
    page.resize(1280, 800);
    QSignalSpy applied(&page, &GraphPage::layoutApplied);
    page.setUnitGraph(analysis);
    QVERIFY(page.isLayingOut());
    QVERIFY(applied.wait(30000));
    DepGraphView* view = page.view();
    QCOMPARE(view->graph()->packages.size(), run->units.size());
    QCOMPARE(view->laidOutCount(), 40);
    QVERIFY(boxesApart(*view, run->units.size()));
    QVERIFY(!page.heatCombo()->isVisibleTo(&page));
    int slowest = 0;
    for (std::size_t i = 0; i < run->units.size(); ++i)
        if (run->units[i].duration > run->units[std::size_t(slowest)].duration)
            slowest = int(i);
    QCOMPARE(view->nodeFill(slowest), heatColor(1.0, view->palette()));
    for (std::size_t i = 0; i < run->units.size(); ++i)
        QCOMPARE(page.timings().critical[i], char(analysis->onCriticalPath[i]));
    // every dependency the log records is drawn: a dependent ranked above (or, in a wide graph, left of) what
    // it waited for
    const GraphLayout& l = *view->graphLayout();
    QCOMPARE(l.edges.size(), view->graph()->edges.size());
    for (const GraphEdgeLayout& e : l.edges) {
        const DepEdge& d = view->graph()->edges[std::size_t(e.edge)];
        const QRectF& from = l.nodes[std::size_t(d.from)];
        const QRectF& to = l.nodes[std::size_t(d.to)];
        QVERIFY(l.leftToRight ? from.right() < to.left() : from.bottom() < to.top());
    }
    savePage(page, ".units.png");
}

// A graph laid out again comes from memory, and after that is cleared from the disk cache, which is not
// rewritten on a hit; a damaged cache file is ignored and replaced.
void TestGraphView::layoutsAreCached()
{
    DepGraph g;
    for (int i = 0; i < 150; ++i) {
        DepPackage p;
        p.name = QStringLiteral("crate%1").arg(i);
        p.version = QStringLiteral("1.0.%1").arg(i % 7);
        g.packages.push_back(p);
        if (i > 0)
            for (int d : {i / 2, i / 3, (i * 7) % i})
                if (d != i) {
                    DepEdge e;
                    e.from = i;
                    e.to = d;
                    e.normal = true;
                    g.edges.push_back(e);
                }
    }
    const QDir cache(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
                     QStringLiteral("/buildlens/graph-layouts"));
    QVERIFY(cache.path().startsWith(QDir::tempPath())); // the test environment's, not the user's
    const GraphLayout first = layoutGraph(g);
    QVERIFY(first.error.isEmpty());
    const QStringList files = cache.entryList(QDir::Files);
    QCOMPARE(files.size(), 1);
    const QString file = cache.filePath(files.first());
    auto same = [](const GraphLayout& a, const GraphLayout& b) {
        if (a.bounds != b.bounds || a.nodes != b.nodes || a.edges.size() != b.edges.size())
            return false;
        for (std::size_t i = 0; i < a.edges.size(); ++i)
            if (a.edges[i].edge != b.edges[i].edge || a.edges[i].points != b.edges[i].points ||
                a.edges[i].arrowTip != b.edges[i].arrowTip)
                return false;
        return true;
    };
    QVERIFY(same(layoutGraph(g), first));
    const QDateTime written = QFileInfo(file).lastModified();
    const qint64 size = QFileInfo(file).size();
    clearGraphLayoutMemoryCache();
    QTest::qWait(20);
    QVERIFY(same(layoutGraph(g), first));
    QCOMPARE(QFileInfo(file).lastModified(), written); // read, not rewritten
    // cut in half: ignored, laid out again, replaced
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(size / 2));
    }
    clearGraphLayoutMemoryCache();
    QVERIFY(same(layoutGraph(g), first));
    QCOMPARE(QFileInfo(file).size(), size);
    // another graph gets its own entry
    g.packages[0].version = QStringLiteral("2.0.0");
    clearGraphLayoutMemoryCache();
    QVERIFY(layoutGraph(g).error.isEmpty());
    QCOMPARE(cache.entryList(QDir::Files).size(), 2);
}

// tests/data/workspaces/many: cargo metadata of a generated workspace shaped like uutils coreutils (243
// members, 298 packages). Its overview keeps what the members depend on and stays reachability-exact.
// Each edge carries what its dependent's Cargo.toml asks of the dependency; the duplicated crate's details
// set its versions side by side with what each path asks.
void TestGraphView::edgesKnowWhatTheyAsk()
{
    auto edge = [&](const char* from, const char* to) -> const DepEdge* {
        for (int e : m_graph->out[std::size_t(pkg(from))])
            if (m_graph->edges[std::size_t(e)].to == pkg(to))
                return &m_graph->edges[std::size_t(e)];
        return nullptr;
    };
    const DepEdge* syntax = edge("regex", "regex-syntax");
    QVERIFY(syntax);
    QVERIFY(!syntax->defaultFeatures); // default-features = false in regex's Cargo.toml
    QVERIFY(syntax->features.isEmpty());
    const DepEdge* memchr = edge("aho-corasick", "memchr");
    QVERIFY(memchr && !memchr->defaultFeatures);
    const DepEdge* regex = edge("ts-core", "regex");
    QVERIFY(regex && regex->defaultFeatures);

    Progress progress;
    const auto dup =
        importCargoMetadata(dataPath(QStringLiteral("workspaces/duplicates/metadata.json")), progress);
    QVERIFY(dup);
    GraphPage page;
    page.resize(1280, 800);
    QSignalSpy applied(&page, &GraphPage::layoutApplied);
    page.setGraph(dup.value(), nullptr);
    QVERIFY(!applied.isEmpty() || applied.wait(30000));
    QVERIFY(!page.view()->showsOtherVersions());
    page.view()->selectPackage(dup.value()->indexOf(QStringLiteral("shim"), QStringLiteral("0.1.0")));
    // the other version and who pulls it in are drawn beside the selection's own paths, not dimmed
    QVERIFY(page.view()->showsOtherVersions());
    QVERIFY(
        page.view()->isHighlighted(dup.value()->indexOf(QStringLiteral("shim"), QStringLiteral("0.2.0"))));
    QVERIFY(page.view()->isHighlighted(dup.value()->indexOf(QStringLiteral("dup-app"))));
    const QString details = page.findChild<QTextBrowser*>()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("side by side")), qPrintable(details));
    QCOMPARE(details.count(QStringLiteral("(asks: default)")), 2);
}

void TestGraphView::overviewOfABigWorkspace()
{
    Progress progress;
    const auto r = importCargoMetadata(dataPath(QStringLiteral("workspaces/many/metadata.json")), progress);
    QVERIFY(r);
    const DepGraph& g = *r.value();
    QCOMPARE(g.packages.size(), std::size_t(298));
    QCOMPARE(g.members.size(), std::size_t(243));
    QVERIFY(wantsOverview(g));
    QVERIFY(!wantsOverview(*m_graph));
    const GraphOverview o = graphOverview(g);
    QVERIFY2(o.graph.packages.size() < 60, qPrintable(QString::number(o.graph.packages.size())));
    QVERIFY2(o.graph.edges.size() < 80, qPrintable(QString::number(o.graph.edges.size())));
    QCOMPARE(o.groupedMembers, 241);
    QCOMPARE(o.groupOf[0], 0);
    // the shared library and what it builds on stay apart
    for (const char* name : {"uucore", "uucore_procs"}) {
        const int p = g.indexOf(QString::fromLatin1(name));
        QVERIFY(p >= 0);
        QCOMPARE(o.sources[std::size_t(o.nodeOf[std::size_t(p)])], std::vector<int>{p});
    }
    // every package stands in exactly one node
    std::vector<int> seen(g.packages.size(), 0);
    for (const auto& sources : o.sources)
        for (int p : sources)
            ++seen[std::size_t(p)];
    for (std::size_t i = 0; i < seen.size(); ++i) {
        QCOMPARE(seen[i], 1);
        QVERIFY(o.nodeOf[i] >= 0);
    }
    QVERIFY(o.folded > 0 && o.devEdgesHidden > 0 && o.edgesReduced > 0);
    // leaving implied edges out changes no reachability
    OverviewOptions unreduced;
    unreduced.reduceEdges = false;
    const GraphOverview full = graphOverview(g, unreduced);
    QCOMPARE(full.graph.packages.size(), o.graph.packages.size());
    auto reach = [](const DepGraph& d, int from) {
        std::vector<char> r(d.packages.size(), 0);
        std::vector<int> stack{from};
        while (!stack.empty()) {
            const int x = stack.back();
            stack.pop_back();
            for (int e : d.out[std::size_t(x)])
                if (!r[std::size_t(d.edges[std::size_t(e)].to)]) {
                    r[std::size_t(d.edges[std::size_t(e)].to)] = 1;
                    stack.push_back(d.edges[std::size_t(e)].to);
                }
        }
        return r;
    };
    for (std::size_t a = 0; a < o.graph.packages.size(); ++a)
        QVERIFY(reach(o.graph, int(a)) == reach(full.graph, int(a)));
    // expanded, the members are there one by one
    OverviewOptions expanded;
    expanded.expanded.insert(0);
    const GraphOverview open = graphOverview(g, expanded);
    QCOMPARE(open.groupedMembers, 0);
    QCOMPARE(open.graph.members.size(), std::size_t(243));
}

// Opened in the window, the big workspace shows its overview, laid out on a worker, wider than tall but no
// strip; unticking Overview shows every package.
void TestGraphView::bigWorkspaceOpensAsItsOverview()
{
    Progress progress;
    const auto r = importCargoMetadata(dataPath(QStringLiteral("workspaces/many/metadata.json")), progress);
    QVERIFY(r);
    GraphPage page;
    page.resize(1280, 800);
    QSignalSpy applied(&page, &GraphPage::layoutApplied);
    page.setGraph(r.value(), nullptr);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.overview());
    // the layout may already be on screen: waiting for the window ran the event loop
    QVERIFY(!applied.isEmpty() || applied.wait(30000));
    QVERIFY(page.currentOverview());
    QCOMPARE(page.sourceGraph(), r.value());
    const int shown = page.view()->laidOutCount();
    QVERIFY2(shown > 20 && shown < 60, qPrintable(QString::number(shown)));
    const QRectF bounds = page.view()->sceneBounds();
    QVERIFY2(bounds.width() < 5 * bounds.height(),
             qPrintable(QStringLiteral("%1 x %2").arg(bounds.width()).arg(bounds.height())));
    savePage(page, ".overview.png");
    applied.clear();
    page.setOverview(false);
    QVERIFY(applied.wait(60000));
    QCOMPARE(page.view()->laidOutCount(), 298);
    QVERIFY(!page.currentOverview());
    applied.clear();
    page.setOverview(true);
    QVERIFY(applied.wait(30000));
    QCOMPARE(page.view()->laidOutCount(), shown);
}

// Opening the group of members keeps every other crate where it was relative to the rest: space is inserted,
// nothing is laid out anew, no boxes overlap, the members fill the space, and every edge still joins its
// boxes. Closing it again gives back the very same layout.
void TestGraphView::groupOpensInPlace()
{
    Progress progress;
    const auto r = importCargoMetadata(dataPath(QStringLiteral("workspaces/many/metadata.json")), progress);
    QVERIFY(r);
    const GraphOverview closed = graphOverview(*r.value());
    const GraphLayout before = layoutGraph(closed.graph);
    QVERIFY(before.error.isEmpty());
    OverviewOptions opened;
    opened.expanded.insert(0);
    const GraphOverview open = graphOverview(*r.value(), opened);
    const GraphLayout after = expandGroupInPlace(closed, before, open);
    QVERIFY(!after.isEmpty());
    const std::size_t n = open.graph.packages.size();
    QCOMPARE(after.nodes.size(), n);
    std::vector<int> was(n, -1); // the closed node of each open one; -1 for members of the group
    int members = 0;
    for (std::size_t i = 0; i < n; ++i) {
        QVERIFY2(!after.nodes[i].isEmpty(), qPrintable(open.graph.packages[i].name));
        QVERIFY(after.bounds.contains(after.nodes[i]));
        const int c = closed.nodeOf[std::size_t(open.sources[i].front())];
        if (closed.groupOf[std::size_t(c)] < 0)
            was[i] = c;
        else
            ++members;
    }
    QCOMPARE(members, 241);
    auto sign = [](double v) {
        return v > 0.5 ? 1 : v < -0.5 ? -1 : 0;
    };
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            const QRectF overlap = after.nodes[i].intersected(after.nodes[j]);
            QVERIFY(overlap.width() * overlap.height() < 0.01);
            if (was[i] < 0 || was[j] < 0)
                continue;
            const QPointF a = before.nodes[std::size_t(was[i])].center(),
                          b = before.nodes[std::size_t(was[j])].center();
            const QPointF a2 = after.nodes[i].center(), b2 = after.nodes[j].center();
            QCOMPARE(sign(a2.x() - b2.x()), sign(a.x() - b.x()));
            QCOMPARE(sign(a2.y() - b2.y()), sign(a.y() - b.y()));
            QCOMPARE(after.nodes[i].size(), before.nodes[std::size_t(was[i])].size());
        }
    // every drawn edge is a bezier joining its two boxes; every edge outside the grid is drawn
    int drawn = 0;
    for (const GraphEdgeLayout& e : after.edges) {
        const DepEdge& d = open.graph.edges[std::size_t(e.edge)];
        QVERIFY(e.points.size() >= 4 && (e.points.size() - 1) % 3 == 0);
        QVERIFY(after.nodes[std::size_t(d.from)].adjusted(-1, -1, 1, 1).contains(e.points.front()));
        QVERIFY(e.hasArrow);
        QVERIFY(after.nodes[std::size_t(d.to)].adjusted(-1, -1, 1, 1).contains(e.arrowTip));
        ++drawn;
    }
    int outsideGrid = 0;
    for (const DepEdge& d : open.graph.edges)
        outsideGrid += was[std::size_t(d.from)] >= 0 || was[std::size_t(d.to)] >= 0;
    QCOMPARE(drawn, outsideGrid);
    QVERIFY(drawn > 300); // the members' own dependencies

    // in the window: the box toggles it, the rest stays, and closing restores the first layout exactly
    GraphPage page;
    page.resize(1280, 800);
    QSignalSpy applied(&page, &GraphPage::layoutApplied);
    page.setGraph(r.value(), nullptr);
    QVERIFY(!applied.isEmpty() || applied.wait(30000));
    QVERIFY(page.membersGrouped());
    auto rectOf = [&](const char* name) {
        const auto& g = *page.view()->graph();
        for (std::size_t i = 0; i < g.packages.size(); ++i)
            if (g.packages[i].name == QLatin1String(name))
                return page.view()->nodeRect(int(i));
        return QRectF();
    };
    const QRectF regex = rectOf("regex"), uucore = rectOf("uucore");
    QVERIFY(!regex.isEmpty() && !uucore.isEmpty());
    applied.clear();
    page.setMembersGrouped(false);
    QVERIFY(applied.wait(30000));
    QCOMPARE(page.view()->laidOutCount(), int(n));
    const QRectF regexOpen = rectOf("regex"), uucoreOpen = rectOf("uucore");
    QCOMPARE(sign(regexOpen.center().y() - uucoreOpen.center().y()),
             sign(regex.center().y() - uucore.center().y()));
    savePage(page, ".group-open.png");
    applied.clear();
    page.setMembersGrouped(true);
    QVERIFY(applied.wait(30000));
    QCOMPARE(rectOf("regex"), regex);
    QCOMPARE(rectOf("uucore"), uucore);
}

void TestGraphView::unitForestIsPacked()
{
    // An HTML report links only who released whom: 40 units, 20 edges, many separate chains. Side by side
    // they would make a strip about ten times wider than tall; packed they fill a rectangle.
    const auto run = loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    QVERIFY(run);
    const DepGraph g = unitGraph(*run);
    QCOMPARE(g.edges.size(), std::size_t(20));
    const GraphLayout l = layoutGraph(g);
    QVERIFY(l.error.isEmpty());
    QVERIFY2(l.bounds.width() < 2.5 * l.bounds.height(),
             qPrintable(QStringLiteral("%1 x %2").arg(l.bounds.width()).arg(l.bounds.height())));
    for (std::size_t i = 0; i < g.packages.size(); ++i)
        for (std::size_t j = i + 1; j < g.packages.size(); ++j) {
            const QRectF o = l.nodes[i].intersected(l.nodes[j]);
            QVERIFY(o.width() * o.height() < 0.01);
        }
    for (const GraphEdgeLayout& e : l.edges) { // still ranked: a unit above the one that released it
        const DepEdge& d = g.edges[std::size_t(e.edge)];
        QVERIFY(l.nodes[std::size_t(d.from)].bottom() < l.nodes[std::size_t(d.to)].top());
    }
}

void TestGraphView::timingsPageGraphTab()
{
    const auto run = loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    QVERIFY(run);
    TimingsPage page;
    page.resize(1280, 800);
    page.setAnalysis(analyse(run));
    GraphPage* graph = page.graphPage();
    QVERIFY(!graph->graph()); // not laid out until the tab is shown
    QSignalSpy applied(graph, &GraphPage::layoutApplied);
    page.showUnitGraph(true);
    QVERIFY(applied.wait(30000));
    QCOMPARE(graph->view()->laidOutCount(), 40);
    // one selection for both tabs: node i is unit i
    int app = -1;
    for (std::size_t i = 0; i < run->units.size(); ++i)
        if (run->units[i].kind == UnitKind::Bin)
            app = int(i);
    graph->view()->selectPackage(app);
    QCOMPARE(page.timeline()->selectedUnit(), app);
    page.timeline()->selectUnit(0);
    QCOMPARE(graph->view()->selectedPackage(), 0);
    page.showUnitGraph(false);
    QCOMPARE(page.graphPage()->isVisibleTo(&page), false);
}

void TestGraphView::timingsPageTableFollowsTheTimeline()
{
    const auto run = loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    QVERIFY(run);
    auto unitsTable = [](TimingsPage& page) -> QTableView* {
        for (QTableView* t : page.findChildren<QTableView*>())
            if (t->model() && t->model()->columnCount() == UnitsTableModel::ColumnCount)
                return t;
        return nullptr;
    };
    // the timeline at once, the units table and the What if tab a turn of the event loop later
    TimingsPage page;
    page.resize(1280, 800);
    page.setAnalysis(analyse(run));
    QVERIFY(page.timeline()->analysis());
    QTableView* table = unitsTable(page);
    QVERIFY(table);
    QCOMPARE(table->model()->rowCount(), 0);
    QTRY_COMPARE(table->model()->rowCount(), 40);
    QCOMPARE(table->model()->index(0, UnitsTableModel::Name).data().toString(),
             QStringLiteral("regex-syntax"));
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(UnitsTableModel::Duration));

    // what needs them first fills them at once: a unit selected on the timeline is selected in the table, and
    // the What if tab shows the run as soon as it is asked for
    TimingsPage second;
    second.setAnalysis(analyse(run));
    int regex = -1;
    for (std::size_t i = 0; i < run->units.size(); ++i)
        if (run->units[i].name == QLatin1String("regex"))
            regex = int(i);
    QVERIFY(regex >= 0);
    second.timeline()->selectUnit(regex);
    QTableView* secondTable = unitsTable(second);
    QCOMPARE(secondTable->model()->rowCount(), 40);
    const QModelIndexList rows = secondTable->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data(UnitsTableModel::UnitIndexRole).toInt(), regex);
    QCOMPARE(rows.first().row(), 1); // second slowest
    TimingsPage third;
    third.setAnalysis(analyse(run));
    QVERIFY(third.whatIfView()->observedTimeline()->analysis());
}

QTEST_MAIN(TestGraphView)
#include "tst_graph_view.moc"
