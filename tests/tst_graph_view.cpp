// The dependency graph laid out by Graphviz's dot and painted by DepGraphView, on the bundled workspace's
// cargo metadata: the layout's geometry (boxes inside the bounds, apart, dependents ranked above their
// dependencies, every edge routed), a subset layout, and the view rendered offscreen: colours where the
// geometry says, selection, search, zoom. With BUILDLENS_GRAPH_PNG set, the 1280x800 rendering is saved there
// for review.
#include "DepGraphView.h"
#include "KindColors.h"
#include "TestData.h"
#include "analysis/GraphLayout.h"
#include "import/MetadataImporter.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

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
    void renders();
    void heatAndCritical();
    void selection();
    void clickSelects();
    void search();
    void zoomAndFit();

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

QTEST_MAIN(TestGraphView)
#include "tst_graph_view.moc"
