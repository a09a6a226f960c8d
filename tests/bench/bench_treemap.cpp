// Benchmarks (QBENCHMARK; not run by ctest): the size tree and the squarified layout of half a million
// functions of a synthetic binary (40 crates, module paths 2 to 6 deep, heavy-tailed sizes), and full
// repaints of the treemap view at 1280x800.
#include "TreemapView.h"
#include "analysis/SizeTree.h"
#include "analysis/Treemap.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

#include <array>
#include <cmath>
#include <random>
#include <utility>

using namespace bl;

namespace {

// A Rust binary's functions: crates chosen with Zipf-like odds (std and a few big ones dominate), paths of 2
// to 6 components from a shared vocabulary (so that modules are shared), Pareto sizes (alpha 1.16: a fifth
// of the functions hold four fifths of the bytes) from 16 bytes up. Deterministic for a seed.
std::vector<SizeItem> syntheticBinary(int functions, std::uint32_t seed = 1)
{
    static const std::array<const char*, 40> crates{"std",
                                                    "core",
                                                    "alloc",
                                                    "regex",
                                                    "regex_syntax",
                                                    "aho_corasick",
                                                    "memchr",
                                                    "serde",
                                                    "serde_json",
                                                    "tokio",
                                                    "hyper",
                                                    "clap_builder",
                                                    "syn",
                                                    "proc_macro2",
                                                    "rand",
                                                    "rand_core",
                                                    "log",
                                                    "env_logger",
                                                    "itertools",
                                                    "hashbrown",
                                                    "indexmap",
                                                    "bytes",
                                                    "futures_util",
                                                    "mio",
                                                    "libc",
                                                    "once_cell",
                                                    "anyhow",
                                                    "chrono",
                                                    "url",
                                                    "idna",
                                                    "unicode_normalization",
                                                    "smallvec",
                                                    "parking_lot",
                                                    "crossbeam_channel",
                                                    "rayon",
                                                    "rayon_core",
                                                    "gimli",
                                                    "addr2line",
                                                    "object",
                                                    "miniz_oxide"};
    static const std::array<const char*, 32> modules{
        "exec",  "compile", "parse", "ast",     "hir",    "io",          "fmt",     "sync",
        "iter",  "vec",     "map",   "de",      "ser",    "runtime",     "task",    "net",
        "fs",    "str",     "slice", "raw_vec", "string", "collections", "unicode", "builder",
        "error", "read",    "write", "thread",  "time",   "num",         "ops",     "util"};
    static const std::array<const char*, 24> functions_{"new",
                                                        "build",
                                                        "next",
                                                        "fmt",
                                                        "drop_in_place",
                                                        "clone",
                                                        "from",
                                                        "into_iter",
                                                        "poll",
                                                        "parse",
                                                        "push",
                                                        "insert",
                                                        "get",
                                                        "with_capacity",
                                                        "visit",
                                                        "serialize",
                                                        "deserialize_any",
                                                        "read_to_end",
                                                        "{{closure}}",
                                                        "call_once",
                                                        "grow_one",
                                                        "search",
                                                        "find_at",
                                                        "translate"};
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    // Zipf odds for the crates
    std::vector<double> cumulative;
    double sum = 0;
    for (std::size_t i = 0; i < crates.size(); ++i)
        cumulative.push_back(sum += 1.0 / std::pow(double(i + 1), 0.9));
    auto zipfIndex = [&](std::size_t n) {
        // a cheap skew towards the first names of a vocabulary
        return std::min<std::size_t>(n - 1, std::size_t(std::pow(uniform(rng), 2.0) * double(n)));
    };
    std::vector<SizeItem> items;
    items.reserve(std::size_t(functions));
    for (int i = 0; i < functions; ++i) {
        SizeItem item;
        const double pick = uniform(rng) * sum;
        const auto crate = std::lower_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin();
        item.path << QString::fromLatin1(crates[std::size_t(crate)]);
        const int length = 2 + int(rng() % 5); // 2..6 components
        for (int m = 1; m + 1 < length; ++m)
            item.path << QString::fromLatin1(modules[zipfIndex(modules.size())]);
        item.path
            << QStringLiteral("%1_%2").arg(QLatin1String(functions_[zipfIndex(functions_.size())])).arg(i);
        item.weight =
            std::min<std::uint64_t>(2000000, std::uint64_t(16.0 * std::pow(1.0 - uniform(rng), -1.0 / 1.16)));
        items.push_back(std::move(item));
    }
    return items;
}

TreemapOptions viewLikeOptions()
{
    TreemapOptions o;
    o.padding = 2;
    o.headerHeight = 16;
    o.headerMinWidth = 44;
    o.headerMinHeight = 48;
    o.minSize = 4;
    o.minArea = 9;
    return o;
}

} // namespace

class BenchTreemap : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void buildTree500k();
    void layout500kAll();
    void layout500kViewOptions();
    void viewRepaint();
    void viewRepaintZoomed();
    void viewRepaintSearch();
    void viewSearch();

private:
    std::vector<SizeItem> m_items;
    std::shared_ptr<const SizeTree> m_tree;
};

void BenchTreemap::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    m_items = syntheticBinary(500000);
    const qint64 generated = timer.restart();
    m_tree = std::make_shared<const SizeTree>(buildSizeTree(m_items));
    qInfo("synthetic binary: %zu functions (generated in %lld ms); tree: %d nodes, %u leaves, depth %d, "
          "%lld labels, built in %lld ms",
          m_items.size(), generated, m_tree->size(), m_tree->leafCount[0], m_tree->maxDepth,
          qlonglong(m_tree->labels.size()), timer.elapsed());
    QCOMPARE(int(m_tree->leafCount[0]), 500000);
}

void BenchTreemap::buildTree500k()
{
    QBENCHMARK
    {
        const SizeTree t = buildSizeTree(m_items);
        QCOMPARE(t.size(), m_tree->size());
    }
}

void BenchTreemap::layout500kAll()
{
    // every node laid out, however small: the worst case
    int laidOut = 0;
    QBENCHMARK
    {
        const TreemapLayout l = layoutTreemap(*m_tree, SizeTree::kRoot, QRectF(0, 0, 1280, 776));
        laidOut = int(std::count_if(l.flags.begin(), l.flags.end(), [](auto f) { return f != 0; }));
    }
    QCOMPARE(laidOut, m_tree->size());
}

void BenchTreemap::layout500kViewOptions()
{
    // as the view does it: padding, headers, nothing under 3 x 3 px
    int laidOut = 0;
    QBENCHMARK
    {
        const TreemapLayout l =
            layoutTreemap(*m_tree, SizeTree::kRoot, QRectF(0, 0, 1280, 776), viewLikeOptions());
        laidOut = int(std::count_if(l.flags.begin(), l.flags.end(), [](auto f) { return f != 0; }));
    }
    // QtTest runs a benchmark function several times to settle its iteration count: report once
    static bool reported = false;
    if (!std::exchange(reported, true))
        qInfo("laid out: %d of %d nodes", laidOut, m_tree->size());
}

static void showAndWait(TreemapView& view)
{
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLayoutPending(), 10000);
    QCoreApplication::processEvents();
}

void BenchTreemap::viewRepaint()
{
    TreemapView view;
    QElapsedTimer timer;
    timer.start();
    view.setTree(m_tree);
    static bool reported = false;
    if (!std::exchange(reported, true))
        qInfo("setTree returned after %lld ms (the layout runs on the pool)", timer.elapsed());
    showAndWait(view);
    QBENCHMARK
    {
        view.repaint();
    }
}

void BenchTreemap::viewRepaintZoomed()
{
    TreemapView view;
    view.setTree(m_tree);
    showAndWait(view);
    view.zoomTo(m_tree->firstChild[SizeTree::kRoot]); // std: about a fifth of the tree
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLayoutPending(), 10000);
    QBENCHMARK
    {
        view.repaint();
    }
}

void BenchTreemap::viewRepaintSearch()
{
    TreemapView view;
    view.setTree(m_tree);
    showAndWait(view);
    view.setSearchText(QStringLiteral("parse"));
    QVERIFY(view.matchCount() > 0);
    QBENCHMARK
    {
        view.repaint();
    }
}

void BenchTreemap::viewSearch()
{
    // what typing into the search field costs on the GUI thread
    TreemapView view;
    view.setTree(m_tree);
    int round = 0;
    QBENCHMARK
    {
        view.setSearchText(round++ % 2 ? QStringLiteral("parse") : QStringLiteral("pars"));
    }
}

QTEST_MAIN(BenchTreemap)
#include "bench_treemap.moc"
