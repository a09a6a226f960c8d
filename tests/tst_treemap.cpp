// Binary-size analysis: the size tree (merging, weights, counts, order, groups), Rust path splitting, the
// squarified layout's geometry (children tile their parent's content, areas follow weights, rectangles stay
// squarish) and the treemap view, rendered offscreen: zooming fills the widget, the breadcrumb follows, the
// group colours are where the geometry says, and big trees lay out off the GUI thread.
#include "KindColors.h"
#include "TreemapView.h"
#include "analysis/SizeTree.h"
#include "analysis/Treemap.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <random>

using namespace bl;

namespace {

QStringList path(std::initializer_list<const char*> parts)
{
    QStringList out;
    for (const char* p : parts)
        out << QString::fromLatin1(p);
    return out;
}

int findNode(const SizeTree& t, const QStringList& p)
{
    for (int i = 0; i < t.size(); ++i) {
        if (t.pathOf(i) == p)
            return i;
    }
    return -1;
}

std::vector<int> childrenOf(const SizeTree& t, int node)
{
    std::vector<int> out;
    for (int c = t.firstChild[node]; c != SizeTree::kNone; c = t.nextSibling[c])
        out.push_back(c);
    return out;
}

// Crates, modules and functions at random depths with heavy-tailed (Pareto) sizes and a few empty
// functions. Functions are named apart from modules, so that no item's path is a prefix of another's.
std::vector<SizeItem> randomItems(std::uint32_t seed, int leaves, int crates, int maxModules)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<SizeItem> items;
    for (int i = 0; i < leaves; ++i) {
        SizeItem item;
        item.path << QStringLiteral("crate%1").arg(rng() % crates);
        const int modules = static_cast<int>(rng() % (maxModules + 1));
        for (int m = 0; m < modules; ++m)
            item.path << QStringLiteral("m%1").arg(rng() % 4);
        item.path << QStringLiteral("f%1").arg(i);
        item.weight =
            i % 97 == 5 ? 0 : static_cast<std::uint64_t>(16.0 * std::pow(1.0 - uniform(rng), -1.0 / 1.1));
        items.push_back(std::move(item));
    }
    return items;
}

double area(const QRectF& r)
{
    return r.width() * r.height();
}

bool inside(const QRectF& inner, const QRectF& outer, double eps = 1e-6)
{
    return inner.left() >= outer.left() - eps && inner.top() >= outer.top() - eps &&
           inner.right() <= outer.right() + eps && inner.bottom() <= outer.bottom() + eps;
}

double overlap(const QRectF& a, const QRectF& b)
{
    const double w = std::min(a.right(), b.right()) - std::max(a.left(), b.left());
    const double h = std::min(a.bottom(), b.bottom()) - std::max(a.top(), b.top());
    return w > 0 && h > 0 ? w * h : 0.0;
}

bool closeTo(const QColor& a, const QColor& b, int tolerance = 3)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

QPalette darkPalette()
{
    QPalette pal;
    pal.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    pal.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    pal.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    pal.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    pal.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x50));
    pal.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    return pal;
}

// A small binary: one big function in aho_corasick, so that its leaf has room for a label and a clear
// middle.
std::shared_ptr<const SizeTree> smallBinary()
{
    std::vector<SizeItem> items{
        {path({"aho_corasick", "ahocorasick", "AhoCorasick", "build"}), 160000},
        {path({"aho_corasick", "packed", "Searcher", "find"}), 20000},
        {path({"regex", "exec", "ExecBuilder", "build"}), 40000},
        {path({"regex", "exec", "ExecBuilder", "new"}), 12000},
        {path({"regex", "compile", "Compiler", "compile"}), 30000},
        {path({"regex", "re_unicode", "Regex", "new"}), 8000},
        {path({"regex_syntax", "ast", "parse", "ParserI", "parse_with_comments"}), 35000},
        {path({"regex_syntax", "hir", "translate", "visit_post"}), 20000},
        {path({"std", "rt", "lang_start"}), 3000},
        {path({"std", "rt", "lang_start", "{{closure}}"}), 500},
        {path({"std", "fmt", "write"}), 15000},
        {path({"core", "fmt", "Formatter", "pad"}), 9000},
        {path({"alloc", "raw_vec", "RawVec<T,A>", "grow_one"}), 6000},
    };
    return std::make_shared<const SizeTree>(buildSizeTree(items));
}

// Every subdivided node's laid-out children (and its rest block) tile its content rectangle: inside it, apart
// from each other, together as large as it; each child as large as its share of the parent's weight.
void checkTiling(const SizeTree& t, const TreemapLayout& l)
{
    const int end = t.subtreeEnd[l.root];
    int checked = 0;
    for (int n = l.root; n < end; ++n) {
        if (!l.isSubdivided(n))
            continue;
        const QRectF content = l.contentRect(n);
        QVERIFY(inside(content, l.rect(n)));
        std::vector<QRectF> tiles;
        for (int c : childrenOf(t, n)) {
            if (!l.isLaidOut(c)) {
                QVERIFY(l.rect(c).isNull());
                continue;
            }
            const QRectF r = l.rect(c);
            QVERIFY2(inside(r, content), qPrintable(QStringLiteral("node %1 outside its parent").arg(c)));
            const double expected = area(content) * double(t.weight[c]) / double(t.weight[n]);
            QVERIFY2(std::abs(area(r) - expected) <= std::max(0.01 * expected, 1e-9),
                     qPrintable(
                         QStringLiteral("node %1: area %2, expected %3").arg(c).arg(area(r)).arg(expected)));
            tiles.push_back(r);
        }
        if (const TreemapLayout::Rest* rest = l.restOf(n)) {
            QVERIFY(inside(rest->rect, content));
            tiles.push_back(rest->rect);
        }
        double sum = 0;
        for (std::size_t a = 0; a < tiles.size(); ++a) {
            sum += area(tiles[a]);
            for (std::size_t b = a + 1; b < tiles.size(); ++b)
                QVERIFY2(overlap(tiles[a], tiles[b]) <= 1e-6, "siblings overlap");
        }
        QVERIFY2(std::abs(sum - area(content)) <= 1e-3 * area(content),
                 qPrintable(
                     QStringLiteral("node %1: children cover %2 of %3").arg(n).arg(sum).arg(area(content))));
        ++checked;
    }
    QVERIFY(checked > 0);
}

} // namespace

class TestTreemap : public QObject
{
    Q_OBJECT
private slots:
    void sizeTree();
    void sizeTreeEdgeCases();
    void splitRustPath_data();
    void splitRustPath();
    void layoutTiles_data();
    void layoutTiles();
    void layoutAspect();
    void layoutSelfWeightAndRest();
    void layoutLimits();
    void viewZoomAndBreadcrumb();
    void viewColours();
    void viewSearchTooltipUnit();
    void viewAsyncLayout();
    void viewRenderHiDpi();
};

void TestTreemap::sizeTree()
{
    const std::vector<SizeItem> items{
        {path({"regex", "exec", "ExecBuilder", "build"}), 100},
        {path({"regex", "exec", "ExecBuilder", "new"}), 50},
        {path({"regex", "compile", "Compiler", "compile"}), 300},
        {path({"std", "rt", "lang_start"}), 20},
        {path({"std", "rt", "lang_start", "{{closure}}"}), 5},
        {path({"regex", "exec", "ExecBuilder", "build"}), 10}, // same path: merged
        {path({"core", "fmt", "write"}), 200},
        {QStringList(), 7},                    // attributed to nothing: the root's own
        {path({"core", "fmt", "Debug"}), 200}, // a tie with write: by label
    };
    const SizeTree t = buildSizeTree(items);
    QVERIFY(!t.empty());
    QCOMPARE(t.weight[SizeTree::kRoot], std::uint64_t(892));
    QCOMPARE(t.selfWeight[SizeTree::kRoot], std::uint64_t(7));
    QCOMPARE(t.itemCount[SizeTree::kRoot], 9u);
    QCOMPARE(t.leafCount[SizeTree::kRoot], 6u); // build, new, compile, {{closure}}, write, Debug

    // top level, largest first
    const std::vector<int> top = childrenOf(t, SizeTree::kRoot);
    QCOMPARE(int(top.size()), 3);
    QCOMPARE(t.labelOf(top[0]), QStringLiteral("regex"));
    QCOMPARE(t.labelOf(top[1]), QStringLiteral("core"));
    QCOMPARE(t.labelOf(top[2]), QStringLiteral("std"));
    QCOMPARE(t.weight[top[0]], std::uint64_t(460));
    QCOMPARE(t.leafCount[top[0]], 3u);
    QCOMPARE(t.itemCount[top[0]], 4u);
    QCOMPARE(t.childCount[top[0]], 2);
    QCOMPARE(t.childCount[SizeTree::kRoot], 3);

    // merged leaf
    const int build = findNode(t, path({"regex", "exec", "ExecBuilder", "build"}));
    QVERIFY(build > 0);
    QVERIFY(t.isLeaf(build));
    QCOMPARE(t.weight[build], std::uint64_t(110));
    QCOMPARE(t.itemCount[build], 2u);
    QCOMPARE(t.leafCount[build], 1u);
    QCOMPARE(t.depth[build], std::uint16_t(4));
    QCOMPARE(t.group[build], top[0]);
    QCOMPARE(t.group[top[0]], top[0]);
    QCOMPARE(t.group[SizeTree::kRoot], SizeTree::kNone);
    QCOMPARE(t.maxDepth, 4);

    // children ordered by weight: compile (300) before exec (150); ties by label
    const std::vector<int> regexKids = childrenOf(t, top[0]);
    QCOMPARE(t.labelOf(regexKids[0]), QStringLiteral("compile"));
    QCOMPARE(t.labelOf(regexKids[1]), QStringLiteral("exec"));
    const std::vector<int> fmtKids = childrenOf(t, findNode(t, path({"core", "fmt"})));
    QCOMPARE(t.labelOf(fmtKids[0]), QStringLiteral("Debug"));
    QCOMPARE(t.labelOf(fmtKids[1]), QStringLiteral("write"));

    // a path that is a prefix of another: self weight besides a child
    const int lang = findNode(t, path({"std", "rt", "lang_start"}));
    QCOMPARE(t.weight[lang], std::uint64_t(25));
    QCOMPARE(t.selfWeight[lang], std::uint64_t(20));
    QVERIFY(!t.isLeaf(lang));
    QCOMPARE(t.itemCount[lang], 2u);
    QCOMPARE(t.leafCount[lang], 1u);

    // structure: pre-order, parents before children, subtrees contiguous, weights add up
    for (int i = 1; i < t.size(); ++i) {
        QVERIFY(t.parent[i] < i);
        QCOMPARE(t.depth[i], std::uint16_t(t.depth[t.parent[i]] + 1));
        QVERIFY(t.subtreeEnd[i] <= t.subtreeEnd[t.parent[i]]);
    }
    for (int i = 0; i < t.size(); ++i) {
        std::uint64_t sum = t.selfWeight[i];
        std::uint64_t prev = ~std::uint64_t(0);
        for (int c : childrenOf(t, i)) {
            sum += t.weight[c];
            QVERIFY(t.weight[c] <= prev);
            prev = t.weight[c];
        }
        QCOMPARE(t.weight[i], sum);
        if (t.firstChild[i] != SizeTree::kNone)
            QCOMPARE(t.firstChild[i], i + 1);
    }
    // labels interned once
    QCOMPARE(t.labels.count(QStringLiteral("ExecBuilder")), 1);
    QCOMPARE(QStringList(t.labels).removeDuplicates(), 0);
}

void TestTreemap::sizeTreeEdgeCases()
{
    const SizeTree none = buildSizeTree({});
    QCOMPARE(none.size(), 1);
    QVERIFY(none.empty());
    QCOMPARE(none.weight[0], std::uint64_t(0));
    QCOMPARE(none.leafCount[0], 0u);
    QVERIFY(layoutTreemap(none, 0, QRectF(0, 0, 100, 100)).isLaidOut(0));

    // the same items in any order give the same tree
    std::vector<SizeItem> items = randomItems(7, 500, 6, 3);
    const SizeTree a = buildSizeTree(items);
    std::reverse(items.begin(), items.end());
    const SizeTree b = buildSizeTree(items);
    QCOMPARE(a.size(), b.size());
    for (int i = 0; i < a.size(); ++i) {
        QCOMPARE(a.labelOf(i), b.labelOf(i));
        QCOMPARE(a.weight[i], b.weight[i]);
        QCOMPARE(a.parent[i], b.parent[i]);
    }
}

void TestTreemap::splitRustPath_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("parts");
    QTest::newRow("trait impl")
        << QStringLiteral("<regex::re_trait::Matches<R> as core::iter::Iterator>::next")
        << QStringList{QStringLiteral("<regex::re_trait::Matches<R> as core::iter::Iterator>"),
                       QStringLiteral("next")};
    QTest::newRow("generic type") << QStringLiteral("alloc::vec::Vec<T>::push")
                                  << path({"alloc", "vec", "Vec<T>", "push"});
    QTest::newRow("blanket impl") << QStringLiteral("<T as core::fmt::Debug>::fmt")
                                  << QStringList{QStringLiteral("<T as core::fmt::Debug>"),
                                                 QStringLiteral("fmt")};
    QTest::newRow("closure") << QStringLiteral("std::rt::lang_start::{{closure}}")
                             << path({"std", "rt", "lang_start", "{{closure}}"});
    QTest::newRow("generic function") << QStringLiteral("core::ptr::drop_in_place<alloc::string::String>")
                                      << path({"core", "ptr", "drop_in_place<alloc::string::String>"});
    QTest::newRow("nested generics")
        << QStringLiteral("hashbrown::map::HashMap<K,V,S,A>::insert::{{closure}}")
        << path({"hashbrown", "map", "HashMap<K,V,S,A>", "insert", "{{closure}}"});
    QTest::newRow("slice and fn pointer")
        << QStringLiteral("<[fn(&str) -> core::result::Result<(), E>] as core::fmt::Debug>::fmt")
        << QStringList{QStringLiteral("<[fn(&str) -> core::result::Result<(), E>] as core::fmt::Debug>"),
                       QStringLiteral("fmt")};
    QTest::newRow("turbofish") << QStringLiteral("core::mem::size_of::<u32>")
                               << path({"core", "mem", "size_of::<u32>"});
    QTest::newRow("legacy hash") << QStringLiteral("regex::exec::ExecBuilder::build::h0123456789abcdef")
                                 << path({"regex", "exec", "ExecBuilder", "build"});
    QTest::newRow("plain") << QStringLiteral("main") << path({"main"});
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("unbalanced") << QStringLiteral("a>>::b<::c") << path({"a>>", "b<::c"});
}

void TestTreemap::splitRustPath()
{
    QFETCH(QString, name);
    QFETCH(QStringList, parts);
    QCOMPARE(bl::splitRustPath(name), parts);
}

void TestTreemap::layoutTiles_data()
{
    QTest::addColumn<std::uint32_t>("seed");
    QTest::addColumn<double>("padding");
    QTest::addColumn<double>("header");
    QTest::addColumn<bool>("decorateRoot");
    QTest::newRow("bare") << 1u << 0.0 << 0.0 << false;
    QTest::newRow("padded") << 2u << 2.0 << 0.0 << false;
    QTest::newRow("headers") << 3u << 2.0 << 16.0 << true;
    QTest::newRow("headers 2") << 4u << 1.0 << 16.0 << false;
}

void TestTreemap::layoutTiles()
{
    QFETCH(std::uint32_t, seed);
    QFETCH(double, padding);
    QFETCH(double, header);
    QFETCH(bool, decorateRoot);
    const SizeTree t = buildSizeTree(randomItems(seed, 3000, 12, 4));
    TreemapOptions o;
    o.padding = padding;
    o.headerHeight = header;
    o.headerMinWidth = 40;
    o.headerMinHeight = 3 * header;
    o.decorateRoot = decorateRoot;
    const QRectF bounds(10, 20, 1280, 800);
    const TreemapLayout l = layoutTreemap(t, SizeTree::kRoot, bounds, o);
    QCOMPARE(l.rect(SizeTree::kRoot), bounds);
    QVERIFY(l.isSubdivided(SizeTree::kRoot));
    QCOMPARE(l.hasHeader(SizeTree::kRoot), decorateRoot);
    checkTiling(t, l);
    // without padding every node with weight is laid out, and every parent subdivided
    if (padding == 0 && header == 0) {
        for (int i = 0; i < t.size(); ++i) {
            QCOMPARE(l.isLaidOut(i), t.weight[i] > 0);
            QCOMPARE(l.isSubdivided(i), t.weight[i] > 0 && !t.isLeaf(i));
        }
        QVERIFY(l.rests.empty());
    }
    if (header > 0)
        QVERIFY(std::count_if(l.flags.begin(), l.flags.end(),
                              [](auto f) { return f & TreemapLayout::Header; }) > 10);

    // a subtree laid out on its own tiles the same way, and nodeAt finds the deepest node under a point
    const int crate = t.firstChild[SizeTree::kRoot];
    const TreemapLayout sub = layoutTreemap(t, crate, QRectF(0, 0, 640, 400), o);
    QVERIFY(!sub.contains(SizeTree::kRoot));
    QVERIFY(sub.rect(t.nextSibling[crate]).isNull());
    checkTiling(t, sub);
    const int deepest = [&] {
        int n = crate;
        while (sub.isSubdivided(n))
            n = t.firstChild[n];
        return n;
    }();
    QCOMPARE(sub.nodeAt(t, sub.rect(deepest).center()), deepest);
    QCOMPARE(sub.nodeAt(t, QPointF(-5, -5)), -1);
}

void TestTreemap::layoutAspect()
{
    // a flat tree of 1,000 leaves with heavy-tailed sizes in a square and in a wide rectangle
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<SizeItem> items;
    for (int i = 0; i < 1000; ++i)
        items.push_back({{QStringLiteral("f%1").arg(i)},
                         std::uint64_t(100.0 * std::pow(1.0 - uniform(rng), -1.0 / 1.5))});
    const SizeTree t = buildSizeTree(items);
    for (const QRectF bounds : {QRectF(0, 0, 1000, 1000), QRectF(0, 0, 1280, 400)}) {
        const TreemapLayout l = layoutTreemap(t, SizeTree::kRoot, bounds);
        checkTiling(t, l);
        double sum = 0;
        double worst = 0;
        for (int c : childrenOf(t, SizeTree::kRoot)) {
            const QRectF r = l.rect(c);
            const double aspect = std::max(r.width() / r.height(), r.height() / r.width());
            sum += aspect;
            worst = std::max(worst, aspect);
        }
        const double mean = sum / 1000;
        qInfo("%gx%g: mean aspect ratio %.3f, worst %.2f", bounds.width(), bounds.height(), mean, worst);
        QVERIFY2(mean < 3.0, qPrintable(QString::number(mean)));
    }
}

void TestTreemap::layoutSelfWeightAndRest()
{
    // lang_start's own 600 bytes and its closure's 200: the closure gets a quarter, the rest is the block
    const SizeTree t = buildSizeTree({{path({"std", "lang_start"}), 600},
                                      {path({"std", "lang_start", "{{closure}}"}), 200},
                                      {path({"std", "io"}), 800}});
    const int lang = findNode(t, path({"std", "lang_start"}));
    const int closure = findNode(t, path({"std", "lang_start", "{{closure}}"}));
    const TreemapLayout l = layoutTreemap(t, SizeTree::kRoot, QRectF(0, 0, 400, 300));
    QVERIFY(l.isSubdivided(lang));
    const TreemapLayout::Rest* rest = l.restOf(lang);
    QVERIFY(rest);
    QCOMPARE(rest->hiddenChildren, 0);
    QCOMPARE(rest->firstHidden, SizeTree::kNone);
    QCOMPARE(rest->weight, std::uint64_t(600));
    const double content = area(l.contentRect(lang));
    QVERIFY(std::abs(area(l.rect(closure)) - content / 4) < 1e-6);
    QVERIFY(std::abs(area(rest->rect) - content * 3 / 4) < 1e-6);
    checkTiling(t, l);
    QCOMPARE(l.nodeAt(t, rest->rect.center()), lang); // the block belongs to its node
}

void TestTreemap::layoutLimits()
{
    // 2,000 functions in 400 x 300: those under 50 px^2 stay hidden in the rest block
    std::vector<SizeItem> items;
    for (int i = 0; i < 2000; ++i)
        items.push_back(
            {{QStringLiteral("c"), QStringLiteral("f%1").arg(i)}, std::uint64_t(100000 / (i + 1))});
    const SizeTree t = buildSizeTree(items);
    const int crate = t.firstChild[SizeTree::kRoot];
    TreemapOptions o;
    o.minArea = 50;
    const TreemapLayout l = layoutTreemap(t, SizeTree::kRoot, QRectF(0, 0, 400, 300), o);
    const TreemapLayout::Rest* rest = l.restOf(crate);
    QVERIFY(rest);
    int laidOut = 0;
    std::uint64_t hiddenWeight = 0;
    for (int c : childrenOf(t, crate)) {
        if (l.isLaidOut(c)) {
            ++laidOut;
            QVERIFY(area(l.rect(c)) >= 50 - 1e-9);
        } else {
            hiddenWeight += t.weight[c];
        }
    }
    QVERIFY(laidOut > 20 && laidOut < 2000);
    QCOMPARE(rest->hiddenChildren, 2000 - laidOut);
    QCOMPARE(rest->weight, hiddenWeight);
    QVERIFY(!l.isLaidOut(rest->firstHidden));
    QVERIFY(l.isLaidOut(t.parent[rest->firstHidden]));
    QCOMPARE(l.nodeAt(t, rest->rect.center()), crate);
    QVERIFY(std::abs(area(rest->rect) - 120000.0 * double(hiddenWeight) / double(t.weight[crate])) < 1e-3);
    checkTiling(t, l);

    // minSize: a node too small keeps its children unlaid; maxDepth stops at a level
    const SizeTree deep = buildSizeTree(randomItems(5, 2000, 8, 5));
    o = {};
    o.minSize = 30;
    const TreemapLayout small = layoutTreemap(deep, SizeTree::kRoot, QRectF(0, 0, 800, 600), o);
    for (int i = 1; i < deep.size(); ++i) {
        if (small.isSubdivided(i))
            QVERIFY(small.rect(i).width() >= 30 && small.rect(i).height() >= 30);
        if (small.isLaidOut(i) && i != SizeTree::kRoot)
            QVERIFY(small.isSubdivided(deep.parent[i]));
    }
    checkTiling(deep, small);
    o = {};
    o.maxDepth = 1;
    const TreemapLayout shallow = layoutTreemap(deep, SizeTree::kRoot, QRectF(0, 0, 800, 600), o);
    for (int i = 1; i < deep.size(); ++i)
        QCOMPARE(shallow.isLaidOut(i), deep.depth[i] == 1 && deep.weight[i] > 0);
}

void TestTreemap::viewZoomAndBreadcrumb()
{
    const auto tree = smallBinary();
    const SizeTree& t = *tree;
    TreemapView view;
    view.resize(900, 600);
    view.setTree(tree);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.isLayoutPending());
    QCOMPARE(view.nodeRect(SizeTree::kRoot), QRectF(view.mapRect()));
    QCOMPARE(view.breadcrumb(), QStringList{QStringLiteral("All crates")});
    view.setRootLabel(QStringLiteral("ripgrep"));
    QCOMPARE(view.breadcrumb(), QStringList{QStringLiteral("ripgrep")});

    // every crate laid out inside the map, apart from each other
    const std::vector<int> crates = childrenOf(t, SizeTree::kRoot);
    QCOMPARE(int(crates.size()), 6);
    for (int c : crates)
        QVERIFY(inside(view.nodeRect(c), view.mapRect()));

    // a click zooms into the node under it (a leaf: into its parent) and activates it
    QSignalSpy zoomed(&view, &TreemapView::zoomChanged);
    QSignalSpy activated(&view, &TreemapView::nodeActivated);
    const int regex = findNode(t, path({"regex"}));
    const QPoint inRegex = view.nodeRect(regex).center().toPoint();
    const int hit = view.nodeAt(inRegex);
    QVERIFY(hit >= regex && hit < t.subtreeEnd[regex]);
    QTest::mouseClick(&view, Qt::LeftButton, {}, inRegex);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toInt(), hit);
    const int expected = t.isLeaf(hit) ? t.parent[hit] : hit;
    QCOMPARE(view.zoomNode(), expected);
    QCOMPARE(zoomed.count(), 1);
    // the zoomed node fills the map; its path is the breadcrumb; nodes outside it are not shown
    QCOMPARE(view.nodeRect(expected), QRectF(view.mapRect()));
    QStringList crumbs{QStringLiteral("ripgrep")};
    crumbs << t.pathOf(expected);
    QCOMPARE(view.breadcrumb(), crumbs);
    QVERIFY(view.nodeRect(findNode(t, path({"std"}))).isEmpty());

    // Backspace and Escape go up a level each; the breadcrumb's first segment goes to the root
    view.zoomTo(findNode(t, path({"regex", "exec", "ExecBuilder"})));
    QCOMPARE(view.breadcrumb(), QStringList({QStringLiteral("ripgrep"), QStringLiteral("regex"),
                                             QStringLiteral("exec"), QStringLiteral("ExecBuilder")}));
    const int build = findNode(t, path({"regex", "exec", "ExecBuilder", "build"}));
    const int newFn = findNode(t, path({"regex", "exec", "ExecBuilder", "new"}));
    // the two functions share the map 40:12
    const double mapArea = area(view.mapRect());
    QVERIFY(std::abs(area(view.nodeRect(build)) - mapArea * 40 / 52) < 1e-6 * mapArea);
    QVERIFY(std::abs(area(view.nodeRect(newFn)) - mapArea * 12 / 52) < 1e-6 * mapArea);
    QTest::keyClick(&view, Qt::Key_Backspace);
    QCOMPARE(view.zoomNode(), findNode(t, path({"regex", "exec"})));
    QTest::keyClick(&view, Qt::Key_Escape);
    QCOMPARE(view.zoomNode(), regex);
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(12, view.breadcrumbRect().center().y()));
    QCOMPARE(view.zoomNode(), int(SizeTree::kRoot));
    QTest::keyClick(&view, Qt::Key_Escape); // at the root already
    QCOMPARE(view.zoomNode(), int(SizeTree::kRoot));

    // a deep zoom in a narrow view still fits its breadcrumb (elided), and clicking its segments works
    view.resize(260, 300);
    view.zoomTo(findNode(t, path({"regex_syntax", "ast", "parse", "ParserI"})));
    QCOMPARE(view.nodeRect(view.zoomNode()), QRectF(view.mapRect()));
    view.grab();
}

void TestTreemap::viewColours()
{
    const auto tree = smallBinary();
    const SizeTree& t = *tree;
    const int leaf = findNode(t, path({"aho_corasick", "ahocorasick", "AhoCorasick", "build"}));
    for (bool dark : {false, true}) {
        TreemapView view;
        if (dark)
            view.setPalette(darkPalette());
        view.resize(900, 600);
        view.setTree(tree);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        const QRectF r = view.nodeRect(leaf);
        QVERIFY(r.width() > 100 && r.height() > 100);
        const QColor expected = treemapGroupColor(u"aho_corasick", view.palette(), t.depth[leaf]);
        QVERIFY2(closeTo(image.pixelColor(r.center().toPoint()), expected),
                 qPrintable(image.pixelColor(r.center().toPoint()).name() + QStringLiteral(" != ") +
                            expected.name()));
        // the breadcrumb bar is painted in the window colour
        QCOMPARE(image.pixelColor(view.width() - 3, 3), view.palette().color(QPalette::Window));
        // each level a shade of its group: lighter in the light theme, deeper in the dark one
        const QColor level1 = treemapGroupColor(u"aho_corasick", view.palette(), 1);
        const QColor level3 = treemapGroupColor(u"aho_corasick", view.palette(), 3);
        QVERIFY(dark ? level3.lightness() < level1.lightness() : level3.lightness() > level1.lightness());
        // text on every group's colour is legible: the colour decides black or white, and level 1 keeps one
        // colour of text across groups
        for (const char* crate :
             {"std", "core", "alloc", "regex", "regex_syntax", "aho_corasick", "memchr"}) {
            const QColor c = treemapGroupColor(QString::fromLatin1(crate), view.palette(), 1);
            QCOMPARE(c, treemapGroupColor(QString::fromLatin1(crate), view.palette(), 1)); // stable
            QCOMPARE(textColorOn(c).lightness() > 128, dark);
        }
    }
    // the crates of this binary get distinct colours
    QSet<QRgb> colours;
    for (const char* crate : {"std", "core", "alloc", "regex", "regex_syntax", "aho_corasick"})
        colours.insert(treemapGroupColor(QString::fromLatin1(crate), QPalette(), 1).rgb());
    QVERIFY(colours.size() >= 5);
}

void TestTreemap::viewSearchTooltipUnit()
{
    const auto tree = smallBinary();
    const SizeTree& t = *tree;
    TreemapView view;
    view.resize(900, 600);
    view.setTree(tree);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QSignalSpy matches(&view, &TreemapView::searchMatchesChanged);
    view.setSearchText(QStringLiteral("build"));
    QCOMPARE(matches.count(), 1);
    QCOMPARE(view.matchCount(), 3);                                // ExecBuilder too
    QCOMPARE(view.matchedWeight(), std::uint64_t(160000 + 52000)); // ExecBuilder's build counted once
    QVERIFY(view.isMatch(findNode(t, path({"regex", "exec", "ExecBuilder", "build"}))));
    // two crates and the type regex::re_unicode::Regex (case does not matter), counted once in its crate
    view.setSearchText(QStringLiteral("regex"));
    QCOMPARE(view.matchCount(), 3);
    QCOMPARE(view.matchedWeight(),
             t.weight[findNode(t, path({"regex"}))] + t.weight[findNode(t, path({"regex_syntax"}))]);
    view.grab();
    view.setSearchText(QStringLiteral("EXECbuilder")); // case-insensitive, one label
    QCOMPARE(view.matchCount(), 1);
    view.setSearchText(QStringLiteral("exec::ExecBuilder")); // labels are searched, not paths
    QCOMPARE(view.matchCount(), 0);
    view.setSearchText(QString());
    QCOMPARE(view.matchCount(), 0);

    const int write = findNode(t, path({"std", "fmt", "write"}));
    const QString tip = view.tooltipFor(write);
    QVERIFY2(tip.contains(QStringLiteral("std::fmt::write")), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("15,000 bytes")));
    QVERIFY2(tip.contains(QStringLiteral("14.6 KiB")), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("100.00 %"))); // of its parent, fmt
    QCOMPARE(t.weight[SizeTree::kRoot], std::uint64_t(358500));
    QVERIFY(tip.contains(QStringLiteral("4.18 %"))); // of the total
    const QString crateTip = view.tooltipFor(findNode(t, path({"regex"})));
    QVERIFY(crateTip.contains(QStringLiteral("Functions")));
    QVERIFY(view.tooltipFor(findNode(t, path({"alloc", "raw_vec", "RawVec<T,A>"})))
                .contains(QStringLiteral("RawVec&lt;T,A&gt;")));

    QCOMPARE(view.formatWeight(1234), QStringLiteral("1,234 bytes"));
    view.setUnit(QStringLiteral("lines"));
    QCOMPARE(view.formatWeight(1234), QStringLiteral("1,234 lines"));
    QVERIFY(view.tooltipFor(write).contains(QStringLiteral("15,000 lines")));
    view.grab();
}

void TestTreemap::viewAsyncLayout()
{
    // more than kAsyncNodes nodes: the layout runs on the thread pool, the view stays responsive
    const auto tree = std::make_shared<const SizeTree>(buildSizeTree(randomItems(9, 80000, 40, 4)));
    QVERIFY(tree->size() > TreemapView::kAsyncNodes);
    TreemapView view;
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy finished(&view, &TreemapView::layoutFinished);
    view.setTree(tree);
    QVERIFY(view.isLayoutPending());
    view.grab(); // paints the "laying out" note meanwhile
    QTRY_VERIFY(!view.isLayoutPending());
    QVERIFY(finished.count() >= 1);
    QCOMPARE(view.nodeRect(SizeTree::kRoot), QRectF(view.mapRect()));

    // a resize shows the old layout stretched until the new one is in
    const QRectF before = view.nodeRect(tree->firstChild[SizeTree::kRoot]);
    view.resize(800, 700);
    if (view.isLayoutPending()) {
        const QRectF stretched = view.nodeRect(tree->firstChild[SizeTree::kRoot]);
        QVERIFY(std::abs(stretched.width() - before.width() * 0.8) < 1e-6);
        view.grab();
    }
    QTRY_VERIFY(!view.isLayoutPending());
    QCOMPARE(view.nodeRect(SizeTree::kRoot), QRectF(view.mapRect()));
    checkTiling(*tree, layoutTreemap(*tree, SizeTree::kRoot, view.mapRect()));

    // zooming back out is instant: the root's layout at this size is remembered
    const int crate = tree->firstChild[SizeTree::kRoot];
    view.zoomTo(crate);
    QTRY_VERIFY(!view.isLayoutPending());
    view.zoomOut();
    QVERIFY(!view.isLayoutPending());

    // a new tree while a layout runs: the old one's layout is dropped when it arrives
    view.resize(900, 650);
    view.setTree(std::make_shared<const SizeTree>(buildSizeTree(randomItems(10, 80000, 30, 4))));
    QTRY_VERIFY(!view.isLayoutPending());
    QCOMPARE(view.nodeRect(SizeTree::kRoot), QRectF(view.mapRect()));
}

void TestTreemap::viewRenderHiDpi()
{
    const auto tree = smallBinary();
    const SizeTree& t = *tree;
    TreemapView view; // never shown: export works without a window
    view.resize(800, 600);
    view.setTree(tree);
    const int leaf = findNode(t, path({"aho_corasick", "ahocorasick", "AhoCorasick", "build"}));
    const QPointF centre = view.nodeRect(leaf).center();
    // export at device pixel ratio 2: the same geometry, twice the pixels
    QImage image(1600, 1200, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(Qt::magenta);
    {
        QPainter p(&image);
        view.render(p, QRect(0, 0, 800, 600));
    }
    QVERIFY(closeTo(image.pixelColor((centre * 2).toPoint()),
                    treemapGroupColor(u"aho_corasick", view.palette(), 4)));
    QCOMPARE(image.pixelColor(1597, 5), view.palette().color(QPalette::Window)); // the breadcrumb
    // and at another size, laid out for the target, which it fills
    QImage other(700, 500, QImage::Format_ARGB32_Premultiplied);
    other.fill(Qt::magenta);
    {
        QPainter p(&other);
        view.render(p, QRect(50, 50, 600, 400));
    }
    QCOMPARE(other.pixelColor(10, 10), QColor(Qt::magenta));
    QVERIFY(other.pixelColor(52, 52) != QColor(Qt::magenta));
    QVERIFY(other.pixelColor(647, 447) != QColor(Qt::magenta));
    QCOMPARE(other.pixelColor(660, 460), QColor(Qt::magenta));
}

QTEST_MAIN(TestTreemap)
#include "tst_treemap.moc"
