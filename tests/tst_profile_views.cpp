// The self-profile call tree (merging, times, order) and its two views, rendered offscreen: flame graph
// frames nest inside their parents and are as wide as their time, zooming fills the width, timeline events
// span their start..end on the ruler, search highlights, and both paint their label colours where the
// geometry says.
#include "FlameGraphView.h"
#include "KindColors.h"
#include "ProfileTimelineView.h"
#include "analysis/ProfileTree.h"
#include "bench/SyntheticProfile.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <map>

using namespace bl;

namespace {

constexpr std::uint64_t kMs = 1000000;

struct Ev
{
    int thread;
    double startMs;
    double endMs;
    QString label;
    int depth;
    QString args = {};
};

// Events grouped by thread, in start order, parents first (as an importer writes them).
std::shared_ptr<SelfProfile> makeProfile(const std::vector<Ev>& events, std::vector<std::uint32_t> threadIds,
                                         bool withDepth = true)
{
    auto p = std::make_shared<SelfProfile>();
    p->source = QStringLiteral("test");
    p->threadIds = std::move(threadIds);
    p->strings << QString();
    p->kinds << QStringLiteral("Query") << QStringLiteral("GenericActivity");
    std::map<QString, std::uint32_t> interned;
    auto intern = [&](const QString& s) -> std::uint32_t {
        if (s.isEmpty())
            return 0;
        auto [it, added] = interned.try_emplace(s, std::uint32_t(p->strings.size()));
        if (added)
            p->strings << s;
        return it->second;
    };
    ProfileIntervals& iv = p->intervals;
    iv.threadBegin.assign(p->threadIds.size() + 1, 0);
    for (const Ev& e : events) {
        iv.start.push_back(std::uint64_t(e.startMs * kMs));
        iv.end.push_back(std::uint64_t(e.endMs * kMs));
        iv.label.push_back(intern(e.label));
        iv.args.push_back(intern(e.args));
        iv.thread.push_back(std::uint16_t(e.thread));
        iv.kind.push_back(e.depth == 0 ? 1 : 0);
        if (withDepth)
            iv.depth.push_back(std::uint16_t(e.depth));
        ++iv.threadBegin[e.thread + 1];
    }
    for (std::size_t t = 1; t < iv.threadBegin.size(); ++t)
        iv.threadBegin[t] += iv.threadBegin[t - 1];
    p->intervalEvents = iv.size();
    return p;
}

// thread A: root [0,100] with a [10,40] (holding x [10,20]) and b [50,90]; thread B: root [0,60] with a
// [0,30]
std::shared_ptr<SelfProfile> handWorked(bool withDepth = true)
{
    return makeProfile({{0, 0, 100, QStringLiteral("root"), 0},
                        {0, 10, 40, QStringLiteral("a"), 1},
                        {0, 10, 20, QStringLiteral("x"), 2, QStringLiteral("core::fmt::write")},
                        {0, 50, 90, QStringLiteral("b"), 1},
                        {1, 0, 60, QStringLiteral("root"), 0},
                        {1, 0, 30, QStringLiteral("a"), 1}},
                       {101, 202}, withDepth);
}

// the node reached from the root along `path`, -1 if there is none
int nodeAtPath(const SelfProfile& p, const ProfileTree& t, const QStringList& path)
{
    int node = ProfileTree::kRoot;
    for (const QString& label : path) {
        int found = -1;
        for (int c = t.firstChild[node]; c != ProfileTree::kNone; c = t.nextSibling[c])
            if (p.strings[t.label[c]] == label)
                found = c;
        if (found < 0)
            return -1;
        node = found;
    }
    return node;
}

bool closeTo(const QColor& a, const QColor& b, int tolerance = 24)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) <
           tolerance;
}

QPalette darkPalette()
{
    QPalette pal;
    pal.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    pal.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    pal.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    pal.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    pal.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    pal.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x50));
    pal.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    return pal;
}

} // namespace

class TestProfileViews : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void treeAllThreadsMerged();
    void treeOneThread();
    void treeNestingWithoutDepthsAndGaps();
    void treeEmpty();
    void labelColours();
    void flameGeometry();
    void flameZoom();
    void flameSearch();
    void flameGrabShowsColours();
    void flameRenderForExport();
    void flameMergesSubPixelChildren();
    void timelineGeometry();
    void timelineZoomAndPan();
    void timelineSearch();
    void timelineMergesTinyEvents();
    void timelineRenderForExport();
    void hitTestingMatchesGeometry();
};

void TestProfileViews::initTestCase()
{
    // times in tooltips are compared as text
    QLocale::setDefault(QLocale::c());
}

void TestProfileViews::treeAllThreadsMerged()
{
    const auto p = handWorked();
    const ProfileTree t = buildProfileTree(*p);
    QCOMPARE(t.thread, -1);
    QCOMPARE(t.size(), 5); // synthetic root, root, a, x, b
    QCOMPARE(t.maxDepth, 3);
    // synthetic root: both threads' top-level events
    QCOMPARE(t.inclusive[0], 160 * kMs);
    QCOMPARE(t.self[0], std::uint64_t(0));
    QCOMPARE(t.count[0], std::uint64_t(2));
    QCOMPARE(t.parent[0], ProfileTree::kNone);

    const int root = nodeAtPath(*p, t, {QStringLiteral("root")});
    const int a = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("a")});
    const int x = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("a"), QStringLiteral("x")});
    const int b = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("b")});
    QVERIFY(root > 0 && a > 0 && x > 0 && b > 0);
    // root: 100 + 60 inclusive; self 100 - 30 - 40 + 60 - 30
    QCOMPARE(t.inclusive[root], 160 * kMs);
    QCOMPARE(t.self[root], 60 * kMs);
    QCOMPARE(t.count[root], std::uint64_t(2));
    // a, merged across threads: 30 + 30, of which x's 10 is not its own
    QCOMPARE(t.inclusive[a], 60 * kMs);
    QCOMPARE(t.self[a], 50 * kMs);
    QCOMPARE(t.count[a], std::uint64_t(2));
    QCOMPARE(t.inclusive[x], 10 * kMs);
    QCOMPARE(t.self[x], 10 * kMs);
    QCOMPARE(t.count[x], std::uint64_t(1));
    QCOMPARE(t.inclusive[b], 40 * kMs);
    QCOMPARE(t.self[b], 40 * kMs);
    // children largest first: a (60) before b (40); pre-order numbering, contiguous subtrees
    QCOMPARE(t.firstChild[root], a);
    QCOMPARE(t.nextSibling[a], b);
    QCOMPARE(t.nextSibling[b], ProfileTree::kNone);
    QCOMPARE(a, root + 1);
    QCOMPARE(x, a + 1);
    QCOMPARE(t.subtreeEnd[a], x + 1);
    QCOMPARE(t.subtreeEnd[root], t.size());
    QCOMPARE(int(t.depth[x]), 3);
    QCOMPARE(t.parent[x], a);
}

void TestProfileViews::treeOneThread()
{
    const auto p = handWorked();
    const ProfileTree ta = buildProfileTree(*p, 0);
    QCOMPARE(ta.thread, 0);
    QCOMPARE(ta.inclusive[0], 100 * kMs);
    const int root = nodeAtPath(*p, ta, {QStringLiteral("root")});
    const int a = nodeAtPath(*p, ta, {QStringLiteral("root"), QStringLiteral("a")});
    const int b = nodeAtPath(*p, ta, {QStringLiteral("root"), QStringLiteral("b")});
    QCOMPARE(ta.self[root], 30 * kMs);
    QCOMPARE(ta.inclusive[a], 30 * kMs);
    QCOMPARE(ta.self[a], 20 * kMs);
    // on this thread alone b (40) outweighs a (30) and comes first
    QCOMPARE(ta.firstChild[root], b);
    QCOMPARE(ta.nextSibling[b], a);

    const ProfileTree tb = buildProfileTree(*p, 1);
    QCOMPARE(tb.size(), 3);
    QCOMPARE(tb.inclusive[0], 60 * kMs);
    const int rootB = nodeAtPath(*p, tb, {QStringLiteral("root")});
    QCOMPARE(tb.self[rootB], 30 * kMs);
    QCOMPARE(nodeAtPath(*p, tb, {QStringLiteral("root"), QStringLiteral("b")}), -1);
    // a thread that does not exist: just the root
    QCOMPARE(buildProfileTree(*p, 7).size(), 1);
}

void TestProfileViews::treeNestingWithoutDepthsAndGaps()
{
    // without recorded depths, nesting follows from the times: the same tree
    const auto withDepth = handWorked(true);
    const auto fromTimes = handWorked(false);
    const ProfileTree t1 = buildProfileTree(*withDepth);
    const ProfileTree t2 = buildProfileTree(*fromTimes);
    QCOMPARE(t2.size(), t1.size());
    QCOMPARE(t2.inclusive, t1.inclusive);
    QCOMPARE(t2.self, t1.self);
    QCOMPARE(t2.parent, t1.parent);

    // recursion stays apart by path; a depth that skips levels (filtered events) hangs under the deepest open
    const auto p = makeProfile({{0, 0, 50, QStringLiteral("q"), 0},
                                {0, 5, 45, QStringLiteral("q"), 1},
                                {0, 10, 20, QStringLiteral("leaf"), 5},
                                {0, 60, 70, QStringLiteral("q"), 0}},
                               {1});
    const ProfileTree t = buildProfileTree(*p);
    const int q = nodeAtPath(*p, t, {QStringLiteral("q")});
    const int qq = nodeAtPath(*p, t, {QStringLiteral("q"), QStringLiteral("q")});
    const int leaf = nodeAtPath(*p, t, {QStringLiteral("q"), QStringLiteral("q"), QStringLiteral("leaf")});
    QVERIFY(q > 0 && qq > 0 && leaf > 0);
    QCOMPARE(t.count[q], std::uint64_t(2));
    QCOMPARE(t.inclusive[q], 60 * kMs);
    QCOMPARE(t.self[q], 20 * kMs);
    QCOMPARE(t.inclusive[qq], 40 * kMs);
    QCOMPARE(t.self[qq], 30 * kMs);
    QCOMPARE(int(t.depth[leaf]), 3);
}

void TestProfileViews::treeEmpty()
{
    SelfProfile empty;
    const ProfileTree t = buildProfileTree(empty);
    QCOMPARE(t.size(), 1);
    QVERIFY(t.empty());
    QCOMPARE(t.inclusive[0], std::uint64_t(0));
    QCOMPARE(t.maxDepth, 0);
    // the views show a placeholder, and answer geometry queries without crashing
    FlameGraphView flame;
    flame.resize(400, 200);
    flame.setTree(std::make_shared<SelfProfile>(empty), std::make_shared<ProfileTree>(t));
    QCOMPARE(flame.nodeAt(QPoint(10, 5)), -1);
    flame.grab();
    ProfileTimelineView timeline;
    timeline.resize(400, 200);
    timeline.setProfile(std::make_shared<SelfProfile>(empty));
    QCOMPARE(timeline.eventAt(QPoint(300, 50)), -1);
    QVERIFY(timeline.eventRect(0).isEmpty());
    timeline.grab();
}

void TestProfileViews::labelColours()
{
    const QPalette light;
    const QPalette dark = darkPalette();
    QVERIFY(!isDarkPalette(light));
    QVERIFY(isDarkPalette(dark));
    const QStringList labels{QStringLiteral("typeck"),      QStringLiteral("mir_borrowck"),
                             QStringLiteral("LLVM_passes"), QStringLiteral("codegen_module"),
                             QStringLiteral("a"),           QStringLiteral("b")};
    int distinct = 0;
    QColor previous;
    for (const QString& l : labels) {
        const QColor c = profileLabelColor(l, light);
        QCOMPARE(profileLabelColor(l, light), c);  // stable
        QVERIFY2(c.hslHue() <= 50, qPrintable(l)); // warm
        // light theme: light fills under dark text; dark theme: deep fills under light text
        QVERIFY(c.lightness() > 140);
        QCOMPARE(textColorOn(c).lightness() < 128, true);
        const QColor d = profileLabelColor(l, dark);
        QVERIFY(d.lightness() < 120);
        QCOMPARE(textColorOn(d).lightness() > 128, true);
        distinct += c != previous;
        previous = c;
    }
    QCOMPARE(distinct, labels.size());
}

void TestProfileViews::flameGeometry()
{
    const auto p = handWorked();
    FlameGraphView view;
    view.resize(800, 300);
    view.setProfile(p);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const ProfileTree& t = *view.tree();
    const double width = view.viewport()->width();
    // the root fills the width on the top row
    const QRectF root = view.frameRect(ProfileTree::kRoot);
    QCOMPARE(root.left(), 0.0);
    QCOMPARE(root.width(), width);
    QCOMPARE(root.top(), 0.0);
    QCOMPARE(root.height(), double(view.rowHeight()));
    for (int n = 1; n < t.size(); ++n) {
        const QRectF r = view.frameRect(n);
        const QRectF parent = view.frameRect(t.parent[n]);
        // one row below the parent, inside it
        QCOMPARE(r.top(), parent.bottom());
        QVERIFY(r.left() >= parent.left() - 1e-9);
        QVERIFY(r.right() <= parent.right() + 1e-9);
        // as wide as its share of the root's time, within a pixel
        const double expected = width * double(t.inclusive[n]) / double(t.inclusive[0]);
        QVERIFY2(std::abs(r.width() - expected) < 1.0, qPrintable(view.labelOf(n)));
        // siblings side by side, largest first
        if (t.nextSibling[n] != ProfileTree::kNone)
            QVERIFY(std::abs(view.frameRect(t.nextSibling[n]).left() - r.right()) < 1e-9);
        // what is painted there is this frame
        QCOMPARE(view.nodeAt(r.center().toPoint()), n);
    }
    const int a = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("a")});
    QCOMPARE(view.frameRect(a).width(), width * 60 / 160);
    // below the deepest frame there is nothing
    QCOMPARE(view.nodeAt(QPoint(5, 4 * view.rowHeight() + 3)), -1);
    // the tooltip: inclusive and self in ms with two decimals, shares of the visible root, the count
    const QString tip = view.tooltipFor(a);
    QVERIFY2(tip.contains(QStringLiteral("60.00 ms")) && tip.contains(QStringLiteral("37.50 %")) &&
                 tip.contains(QStringLiteral("50.00 ms")) && tip.contains(QStringLiteral("31.25 %")) &&
                 tip.contains(QStringLiteral(">2<")),
             qPrintable(tip));
}

void TestProfileViews::flameZoom()
{
    const auto p = handWorked();
    FlameGraphView view;
    view.resize(800, 300);
    view.setProfile(p);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const ProfileTree& t = *view.tree();
    const int rootFrame = nodeAtPath(*p, t, {QStringLiteral("root")});
    const int a = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("a")});
    const int x = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("a"), QStringLiteral("x")});
    const int b = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("b")});
    const double width = view.viewport()->width();

    // clicking a frame zooms into it and activates it
    QSignalSpy activated(&view, &FlameGraphView::frameActivated);
    QSignalSpy zoomed(&view, &FlameGraphView::zoomChanged);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.frameRect(a).center().toPoint());
    QCOMPARE(view.zoomNode(), a);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("a"));
    QCOMPARE(zoomed.count(), 1);
    // it fills the width; its ancestors too (the breadcrumb); its child scales with it; b is out of view
    QCOMPARE(view.frameRect(a).left(), 0.0);
    QCOMPARE(view.frameRect(a).width(), width);
    QCOMPARE(view.frameRect(rootFrame).width(), width);
    QCOMPARE(view.frameRect(ProfileTree::kRoot).width(), width);
    QVERIFY(std::abs(view.frameRect(x).width() - width * 10 / 60) < 1e-9);
    QCOMPARE(view.frameRect(x).left(), 0.0);
    QVERIFY(view.frameRect(b).isEmpty());
    QVERIFY(view.tooltipFor(x).contains(QStringLiteral("16.67 %"))); // of the zoomed frame
    // the painted zoom: x's colour left, a's colour right of it
    const QImage image = view.viewport()->grab().toImage();
    const QRectF xr = view.frameRect(x);
    QVERIFY(closeTo(image.pixelColor(int(xr.right() - 4), int(xr.center().y())),
                    profileLabelColor(QStringLiteral("x"), view.palette())));
    QVERIFY(closeTo(image.pixelColor(int(width - 10), int(view.frameRect(a).center().y())),
                    profileLabelColor(QStringLiteral("a"), view.palette())));

    // Backspace goes one level up, Escape all the way
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.frameRect(x).center().toPoint());
    QCOMPARE(view.zoomNode(), x);
    QTest::keyClick(&view, Qt::Key_Backspace);
    QCOMPARE(view.zoomNode(), a);
    QTest::keyClick(&view, Qt::Key_Escape);
    QCOMPARE(view.zoomNode(), int(ProfileTree::kRoot));
    // clicking the root resets too
    view.zoomTo(b);
    QCOMPARE(view.frameRect(b).width(), width);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      view.frameRect(ProfileTree::kRoot).center().toPoint());
    QCOMPARE(view.zoomNode(), int(ProfileTree::kRoot));
    QCOMPARE(activated.count(), 2); // the root is not a label to activate
}

void TestProfileViews::flameSearch()
{
    const auto p = handWorked();
    FlameGraphView view;
    view.resize(800, 300);
    view.setProfile(p);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const ProfileTree& t = *view.tree();
    const int a = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("a")});
    const int b = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("b")});
    const int x = nodeAtPath(*p, t, {QStringLiteral("root"), QStringLiteral("a"), QStringLiteral("x")});
    QSignalSpy matches(&view, &FlameGraphView::searchMatchesChanged);
    view.setSearchText(QStringLiteral("B"));
    QCOMPARE(matches.count(), 1);
    QCOMPARE(view.matchCount(), 1);
    QVERIFY(view.isMatch(b));
    QVERIFY(!view.isMatch(a));
    QCOMPARE(view.matchedTime(), 40 * kMs);
    const QImage image = view.viewport()->grab().toImage();
    const QPalette& pal = view.palette();
    // the match keeps its colour, the others fade into the background
    const QRectF br = view.frameRect(b);
    const QRectF ar = view.frameRect(a);
    QVERIFY(closeTo(image.pixelColor(int(br.right() - 6), int(br.center().y())),
                    profileLabelColor(QStringLiteral("b"), pal)));
    const QColor fadedA = image.pixelColor(int(ar.right() - 6), int(ar.center().y()));
    QVERIFY(!closeTo(fadedA, profileLabelColor(QStringLiteral("a"), pal), 60));
    QVERIFY(closeTo(
        fadedA, blendColors(profileLabelColor(QStringLiteral("a"), pal), pal.color(QPalette::Base), 0.72)));
    // "a": the frame a, not x inside it
    view.setSearchText(QStringLiteral("a"));
    QCOMPARE(view.matchCount(), 1);
    QVERIFY(!view.isMatch(x));
    view.setSearchText(QStringLiteral("o")); // "root" only
    QCOMPARE(view.matchedTime(), 160 * kMs);
    // nested matches (recursion) count their time once
    FlameGraphView nested;
    nested.setProfile(makeProfile({{0, 0, 50, QStringLiteral("q"), 0},
                                   {0, 5, 45, QStringLiteral("q"), 1},
                                   {0, 60, 70, QStringLiteral("other"), 0}},
                                  {1}));
    nested.setSearchText(QStringLiteral("q"));
    QCOMPARE(nested.matchCount(), 2);
    QCOMPARE(nested.matchedTime(), 50 * kMs);
    view.setSearchText(QString());
    QCOMPARE(view.matchCount(), 0);
    QCOMPARE(matches.count(), 4);
}

void TestProfileViews::flameGrabShowsColours()
{
    const auto p = handWorked();
    for (const bool dark : {false, true}) {
        FlameGraphView view;
        if (dark)
            view.setPalette(darkPalette());
        view.resize(800, 300);
        view.setProfile(p);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.viewport()->grab().toImage();
        const double dpr = image.devicePixelRatio();
        const ProfileTree& t = *view.tree();
        for (int n = 1; n < t.size(); ++n) {
            // at the frame's centre (labels are short and left-aligned) and just inside its right edge
            const QRectF r = view.frameRect(n);
            const QColor expected = profileLabelColor(view.labelOf(n), view.palette());
            for (const QPointF& at : {r.center(), QPointF(r.right() - 4, r.center().y())}) {
                const QColor px = image.pixelColor(int(at.x() * dpr), int(at.y() * dpr));
                QVERIFY2(closeTo(px, expected), qPrintable(QStringLiteral("%1 dark=%2: %3 vs %4")
                                                               .arg(view.labelOf(n))
                                                               .arg(dark)
                                                               .arg(px.name(), expected.name())));
            }
        }
        // under the deepest row: the background
        const QColor bg = image.pixelColor(10, int((4 * view.rowHeight() + 10) * dpr));
        QCOMPARE(bg, view.palette().color(QPalette::Base));
    }
}

void TestProfileViews::flameRenderForExport()
{
    const auto p = handWorked();
    FlameGraphView view;
    view.resize(300, 200); // the export does not depend on the widget's size
    view.setProfile(p);
    const QSize size(1000, 200);
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    view.render(painter, QRect(QPoint(0, 0), size));
    painter.end();
    // b's share of the width (from 60/160 to 100/160 of 1000 px) on row 2
    const int y = view.rowHeight() * 2 + view.rowHeight() / 2;
    QVERIFY(closeTo(image.pixelColor(600, y), profileLabelColor(QStringLiteral("b"), view.palette())));
    QVERIFY(closeTo(image.pixelColor(360, y), profileLabelColor(QStringLiteral("a"), view.palette())));
    QCOMPARE(image.pixelColor(700, y), view.palette().color(QPalette::Base)); // root's self time
}

void TestProfileViews::flameMergesSubPixelChildren()
{
    // one wide child and 5,000 tiny ones: the tiny ones paint as one span in the aggregate colour
    std::vector<Ev> events{{0, 0, 1000, QStringLiteral("parent"), 0}, {0, 0, 500, QStringLiteral("wide"), 1}};
    for (int i = 0; i < 5000; ++i)
        events.push_back({0, 500 + i * 0.1, 500 + i * 0.1 + 0.05, QStringLiteral("tiny%1").arg(i), 1});
    const auto p = makeProfile(events, {1});
    FlameGraphView view;
    view.resize(800, 200);
    view.setProfile(p);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.tree()->size(), 5003);
    const QImage image = view.viewport()->grab().toImage();
    const int y = view.rowHeight() * 2 + view.rowHeight() / 2;
    const double width = view.viewport()->width();
    // tiny children cover 5000 * 0.05 = 250 ms of 1000: from 50 % to 75 % of the width
    QVERIFY(closeTo(image.pixelColor(int(width * 0.6), y), profileAggregateColor(view.palette())));
    QCOMPARE(view.nodeAt(QPoint(int(width * 0.6), y)), -1);
    QCOMPARE(image.pixelColor(int(width * 0.85), y), view.palette().color(QPalette::Base));
    // searching for one tiny label lights up the merged span that hides it
    view.setSearchText(QStringLiteral("tiny42"));
    QVERIFY(view.matchCount() >= 1);
    const QImage searched = view.viewport()->grab().toImage();
    QVERIFY(closeTo(searched.pixelColor(int(width * 0.6), y), searchMatchColor(view.palette())));
    view.setSearchText(QStringLiteral("nothing like it"));
    const QImage none = view.viewport()->grab().toImage();
    QVERIFY(!closeTo(none.pixelColor(int(width * 0.6), y), profileAggregateColor(view.palette()), 12));
}

void TestProfileViews::timelineGeometry()
{
    const auto p = handWorked();
    ProfileTimelineView view;
    view.resize(1000, 400);
    view.setProfile(p);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // fitted: 0..100 ms spans the data area
    QVERIFY(std::abs(view.xForTime(0) - view.labelColumnWidth()) < 1e-6);
    QVERIFY(std::abs(view.timeForX(view.xForTime(42 * kMs)) - 42.0 * kMs) < 1);
    QVERIFY(view.xForTime(100 * kMs) <= view.viewport()->width());
    QVERIFY(view.xForTime(100 * kMs) > view.viewport()->width() - 20);
    // lanes: thread A three rows deep, thread B two, below it
    QCOMPARE(view.laneRows(0), 3);
    QCOMPARE(view.laneRows(1), 2);
    QVERIFY(view.laneTop(0) >= view.rulerHeight());
    QVERIFY(view.laneTop(1) >= view.laneTop(0) + 3 * view.rowHeight());
    const ProfileIntervals& iv = p->intervals;
    const QImage image = view.viewport()->grab().toImage();
    const double dpr = image.devicePixelRatio();
    for (int e = 0; e < int(iv.size()); ++e) {
        const QRectF r = view.eventRect(e);
        const int thread = iv.thread[e];
        QVERIFY(std::abs(r.left() - view.xForTime(double(iv.start[e]))) < 1e-6);
        QVERIFY(std::abs(r.right() - view.xForTime(double(iv.end[e]))) < 1e-6);
        QCOMPARE(r.top(), double(view.laneTop(thread) + iv.depth[e] * view.rowHeight()));
        QCOMPARE(view.eventAt(QPoint(int(r.right()) - 5, int(r.center().y()))), e);
        const QColor expected = profileLabelColor(p->strings[iv.label[e]], view.palette());
        const QColor px = image.pixelColor(int((r.right() - 5) * dpr), int(r.center().y() * dpr));
        QVERIFY2(closeTo(px, expected),
                 qPrintable(QStringLiteral("event %1: %2 vs %3").arg(e).arg(px.name(), expected.name())));
    }
    // between b's end and root's end on thread A, row 1: nothing
    const QRectF root = view.eventRect(0);
    QCOMPARE(view.eventAt(QPoint(int(view.xForTime(95.0 * kMs)), int(root.center().y() + view.rowHeight()))),
             -1);
    // the tooltip: label, arguments, kind, start and duration
    const QString tip = view.tooltipFor(2);
    QVERIFY2(tip.contains(QStringLiteral("<b>x</b>")) && tip.contains(QStringLiteral("core::fmt::write")) &&
                 tip.contains(QStringLiteral("Query")) && tip.contains(QStringLiteral("10.000 ms")) &&
                 tip.contains(QStringLiteral("10.00 ms")),
             qPrintable(tip));
}

void TestProfileViews::timelineZoomAndPan()
{
    const auto p = handWorked();
    ProfileTimelineView view;
    view.resize(1000, 400);
    view.setProfile(p);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const double fitted = view.pixelsPerNs();
    view.zoomToRange(10.0 * kMs, 20.0 * kMs); // x fills the data area
    QVERIFY(view.pixelsPerNs() > 9 * fitted);
    QVERIFY(std::abs(view.visibleStart() - 10.0 * kMs) < 1.0 / view.pixelsPerNs());
    const QRectF x = view.eventRect(2);
    QVERIFY(std::abs(x.left() - view.labelColumnWidth()) < 1.01);
    QVERIFY(std::abs(x.right() - view.xForTime(20.0 * kMs)) < 1e-6);
    const QImage image = view.viewport()->grab().toImage();
    QVERIFY(closeTo(image.pixelColor(int(x.center().x()) + 40, int(x.center().y())),
                    profileLabelColor(QStringLiteral("x"), view.palette())));
    // Ctrl+wheel zooms about the cursor: the time under it stays put
    const QPoint at(int(view.xForTime(15.0 * kMs)), int(x.center().y()));
    const double before = view.timeForX(at.x());
    QWheelEvent wheel(at, view.viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    QVERIFY(view.pixelsPerNs() < x.width() / (10.0 * kMs));
    QVERIFY(std::abs(view.timeForX(at.x()) - before) < 2.0 / view.pixelsPerNs());
    // dragging pans
    const double start = view.visibleStart();
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(600, 100));
    QMouseEvent move(QEvent::MouseMove, QPointF(500, 100), view.viewport()->mapToGlobal(QPointF(500, 100)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.viewport(), &move);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(500, 100));
    QVERIFY(std::abs(view.visibleStart() - (start + 100 / view.pixelsPerNs())) < 1.0 / view.pixelsPerNs());
    // and fit goes back
    view.fitToWindow();
    QCOMPARE(view.pixelsPerNs(), fitted);
    QCOMPARE(view.visibleStart(), 0.0);
    // a click selects and activates
    QSignalSpy activated(&view, &ProfileTimelineView::eventActivated);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      (view.eventRect(3).center() + QPointF(20, 0)).toPoint());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toInt(), 3);
    QCOMPARE(view.selectedEvent(), 3);
}

void TestProfileViews::timelineSearch()
{
    const auto p = handWorked();
    ProfileTimelineView view;
    view.resize(1000, 400);
    view.setProfile(p);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy matches(&view, &ProfileTimelineView::searchMatchesChanged);
    view.setSearchText(QStringLiteral("fmt")); // the arguments of x
    QCOMPARE(matches.count(), 1);
    QCOMPARE(view.matchCount(), 1);
    QVERIFY(view.isMatch(2));
    view.setSearchText(QStringLiteral("a")); // a on both threads
    QCOMPARE(view.matchCount(), 2);
    QVERIFY(view.isMatch(1) && view.isMatch(5) && !view.isMatch(3));
    const QImage image = view.viewport()->grab().toImage();
    const QPalette& pal = view.palette();
    const QRectF a = view.eventRect(1);
    const QRectF b = view.eventRect(3);
    QVERIFY(closeTo(image.pixelColor(int(a.right() - 6), int(a.center().y())),
                    profileLabelColor(QStringLiteral("a"), pal)));
    QVERIFY(
        closeTo(image.pixelColor(int(b.right() - 6), int(b.center().y())),
                blendColors(profileLabelColor(QStringLiteral("b"), pal), pal.color(QPalette::Base), 0.72)));
    view.setSearchText(QString());
    QCOMPARE(view.matchCount(), 0);
}

void TestProfileViews::timelineMergesTinyEvents()
{
    // 20,000 events of 50 ns every 100 ns under one 2 ms parent: far below a pixel when fitted
    auto p = std::make_shared<SelfProfile>();
    p->threadIds = {7};
    p->strings << QString() << QStringLiteral("parent") << QStringLiteral("tiny") << QStringLiteral("needle");
    p->kinds << QStringLiteral("Query");
    ProfileIntervals& iv = p->intervals;
    auto add = [&](std::uint64_t s, std::uint64_t e, std::uint32_t label, std::uint16_t depth) {
        iv.start.push_back(s);
        iv.end.push_back(e);
        iv.label.push_back(label);
        iv.args.push_back(0);
        iv.thread.push_back(0);
        iv.kind.push_back(0);
        iv.depth.push_back(depth);
    };
    add(0, 2000000, 1, 0);
    for (std::uint64_t i = 0; i < 20000; ++i)
        add(i * 100, i * 100 + 50, i == 12345 ? 3 : 2, 1);
    iv.threadBegin = {0, std::uint32_t(iv.size())};
    ProfileTimelineView view;
    view.resize(1000, 300);
    view.setProfile(p);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRectF row1 = view.eventRect(1);
    const int y = int(row1.center().y());
    const QImage image = view.viewport()->grab().toImage();
    const QColor aggregate = profileAggregateColor(view.palette());
    for (const double ms : {0.1, 0.5, 1.0, 1.5, 1.9})
        QVERIFY2(closeTo(image.pixelColor(int(view.xForTime(ms * kMs)), y), aggregate),
                 qPrintable(QString::number(ms)));
    // zoomed to 1 µs, the events are 50 px wide and painted one by one in their colour
    view.zoomToRange(1000000, 1001000);
    const QRectF e = view.eventRect(1 + 10000);
    QVERIFY(e.width() > 20);
    QCOMPARE(view.eventAt(e.center().toPoint()), 1 + 10000);
    const QImage zoomed = view.viewport()->grab().toImage();
    QVERIFY(closeTo(zoomed.pixelColor(int(e.right() - 3), y),
                    profileLabelColor(QStringLiteral("tiny"), view.palette())));
    // a match hidden in a merged span is marked where it is; the rest of the span fades
    view.fitToWindow();
    view.setSearchText(QStringLiteral("needle"));
    QCOMPARE(view.matchCount(), 1);
    const QImage searched = view.viewport()->grab().toImage();
    const int needleX = int(view.xForTime(12345 * 100.0));
    bool found = false;
    for (int dx = -2; dx <= 2 && !found; ++dx)
        found = closeTo(searched.pixelColor(needleX + dx, y), searchMatchColor(view.palette()));
    QVERIFY(found);
    const QColor faded = blendColors(aggregate, view.palette().color(QPalette::Base), 0.72);
    for (const double ms : {0.1, 0.5, 1.0, 1.5, 1.9})
        QVERIFY(closeTo(searched.pixelColor(int(view.xForTime(ms * kMs)), y), faded));
}

void TestProfileViews::timelineRenderForExport()
{
    const auto p = handWorked();
    ProfileTimelineView view;
    view.resize(600, 300);
    view.setProfile(p);
    const QSize size(1200, 300);
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    view.render(painter, QRect(QPoint(0, 0), size));
    painter.end();
    // the visible window (all of it, fitted) stretched over the wider data area: b at 50..90 ms on row 1
    const double left = view.labelColumnWidth();
    const double right = size.width() - 8;
    const int y =
        view.rulerHeight() + view.laneTop(0) - view.rulerHeight() + view.rowHeight() + view.rowHeight() / 2;
    const int x = int(left + (right - left) * 0.85);
    QVERIFY(closeTo(image.pixelColor(x, y), profileLabelColor(QStringLiteral("b"), view.palette())));
}

void TestProfileViews::hitTestingMatchesGeometry()
{
    // a rustc-like profile of 50,000 events: whatever the pointer is over, the frame or event it finds is
    // painted under it (events narrower than a pixel are found within a few pixels)
    const std::shared_ptr<const SelfProfile> p = bench::syntheticProfile(50000, 4, 24);
    FlameGraphView flame;
    flame.resize(900, 500);
    flame.setProfile(p);
    flame.show();
    ProfileTimelineView timeline;
    timeline.resize(900, 500);
    timeline.setProfile(p);
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    for (int pass = 0; pass < 2; ++pass) {
        int frames = 0;
        int events = 0;
        for (int y = 1; y < 500; y += 7) {
            for (int x = 1; x < 880; x += 5) {
                const QPoint at(x, y);
                const int node = flame.nodeAt(at);
                if (node >= 0) {
                    QVERIFY(flame.frameRect(node).adjusted(-0.5, 0, 0.5, 0).contains(at));
                    QVERIFY(!flame.tooltipFor(node).isEmpty());
                    ++frames;
                }
                const int e = timeline.eventAt(at);
                if (e >= 0) {
                    const QRectF r = timeline.eventRect(e);
                    QVERIFY(r.top() <= y && y < r.bottom());
                    QVERIFY2(
                        r.left() - 3.5 <= x && x <= r.right() + 3.5,
                        qPrintable(
                            QStringLiteral("%1 at %2: %3..%4").arg(e).arg(x).arg(r.left()).arg(r.right())));
                    QVERIFY(!timeline.tooltipFor(e).isEmpty());
                    ++events;
                }
            }
        }
        QVERIFY(frames > 100);
        QVERIFY(events > 100);
        // again zoomed: into the widest grandchild, and a 2 % window of the timeline
        const ProfileTree& t = *flame.tree();
        flame.zoomTo(t.firstChild[t.firstChild[0]]);
        timeline.zoomToRange(p->intervals.start[0] + 1e6,
                             p->intervals.start[0] + 1e6 +
                                 0.02 * (timeline.visibleEnd() - timeline.visibleStart()));
    }
}

QTEST_MAIN(TestProfileViews)
#include "tst_profile_views.moc"
