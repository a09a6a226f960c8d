// Benchmarks (QBENCHMARK; not run by ctest): Graphviz's dot laying out a synthetic 1,000-package dependency
// graph, the window's path for it (layout on a worker thread while the GUI thread runs its event loop, then
// the first paint of a new view at 1280x800 through grab()), and full repaints fitted and zoomed in.
#include "DepGraphView.h"
#include "analysis/GraphLayout.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <random>

using namespace bl;

namespace {

// A Rust workspace's resolve as a DAG: 1,000 packages, each depending on 1 to 4 packages with a higher
// index (so no cycles), biased towards the bottom layers the way everything ends up on libc and cfg-if; a
// tenth of the edges build-only, a twentieth dev-only. Deterministic for a seed.
std::shared_ptr<const DepGraph> syntheticGraph(int packages, std::uint32_t seed = 1)
{
    auto g = std::make_shared<DepGraph>();
    std::mt19937 rng(seed);
    g->packages.resize(std::size_t(packages));
    g->out.resize(std::size_t(packages));
    g->in.resize(std::size_t(packages));
    for (int i = 0; i < packages; ++i) {
        DepPackage& p = g->packages[std::size_t(i)];
        p.name = QStringLiteral("crate-%1").arg(i);
        p.version = QStringLiteral("1.%1.0").arg(i % 17);
        p.member = i < 5;
        if (p.member)
            g->members.push_back(i);
    }
    for (int i = 0; i + 1 < packages; ++i) {
        const int deps = 1 + int(rng() % 4);
        for (int d = 0; d < deps; ++d) {
            const int span = packages - i - 1;
            const double u = std::uniform_real_distribution<double>(0, 1)(rng);
            const int to = i + 1 + std::min(span - 1, int(span * u * u * 0.3 + (rng() % 8)));
            DepEdge e;
            e.from = i;
            e.to = to;
            e.name = g->packages[std::size_t(to)].name;
            const int kind = int(rng() % 20);
            e.normal = kind >= 3;
            e.build = kind == 1 || kind == 2;
            e.dev = kind == 0;
            g->out[std::size_t(i)].push_back(int(g->edges.size()));
            g->in[std::size_t(to)].push_back(int(g->edges.size()));
            g->edges.push_back(e);
        }
    }
    return g;
}

} // namespace

class BenchGraph : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_graph = syntheticGraph(1000);
        qInfo("%zu packages, %zu edges", m_graph->packages.size(), m_graph->edges.size());
    }
    void layout1000()
    {
        GraphLayout l;
        QBENCHMARK
        {
            l = layoutGraphUncached(*m_graph);
        }
        QVERIFY(l.error.isEmpty());
        QCOMPARE(l.nodes.size(), std::size_t(1000));
        qInfo("bounds %.0f x %.0f points", l.bounds.width(), l.bounds.height());
        m_layout = std::make_shared<const GraphLayout>(std::move(l));
    }
    // The same graph opened again in a new session: its layout read from the disk cache.
    void layout1000FromDiskCache()
    {
        QTemporaryDir cache;
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache.path()));
        clearGraphLayoutMemoryCache();
        QVERIFY(layoutGraph(*m_graph).error.isEmpty()); // laid out once, written
        GraphLayout l;
        QBENCHMARK
        {
            clearGraphLayoutMemoryCache();
            l = layoutGraph(*m_graph);
        }
        QCOMPARE(l.nodes.size(), std::size_t(1000));
        QCOMPARE(l.bounds, m_layout->bounds);
    }
    void layoutOnWorkerAndFirstPaint()
    {
        double layoutMs = 0, paintMs = 0;
        int iterations = 0;
        std::size_t laidOut = 0;
        QBENCHMARK
        {
            QElapsedTimer clock;
            clock.start();
            QFutureWatcher<GraphLayout> watcher;
            QEventLoop loop;
            connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
            watcher.setFuture(QtConcurrent::run([g = m_graph] { return layoutGraphUncached(*g); }));
            if (!watcher.isFinished())
                loop.exec(); // the GUI thread stays free, as in the window
            auto layout = std::make_shared<const GraphLayout>(watcher.result());
            layoutMs += clock.nsecsElapsed() / 1e6;
            clock.restart();
            DepGraphView view;
            view.resize(1280, 800);
            view.setGraph(m_graph, layout);
            const QPixmap first = view.grab();
            paintMs += clock.nsecsElapsed() / 1e6;
            laidOut = std::size_t(view.laidOutCount());
            QVERIFY(!first.isNull());
            ++iterations;
        }
        QCOMPARE(laidOut, m_graph->packages.size());
        qInfo(
            "%zu nodes, %zu edges: layout on a worker %.0f ms, first paint (grab 1280x800) %.0f ms, per run",
            m_graph->packages.size(), m_graph->edges.size(), layoutMs / iterations, paintMs / iterations);
    }
    void repaintFitted() { repaint(false); }
    void repaintZoomed() { repaint(true); }

private:
    void repaint(bool zoomed)
    {
        QVERIFY(m_layout);
        DepGraphView view;
        view.resize(1280, 800);
        view.setGraph(m_graph, m_layout);
        if (zoomed) {
            view.zoomBy(1.0 / view.zoom()); // 1:1, text drawn
            view.centerOn(view.sceneBounds().center());
        }
        view.selectPackage(500);
        QImage image(1280, 800, QImage::Format_ARGB32_Premultiplied);
        QBENCHMARK
        {
            QPainter p(&image);
            view.viewport()->render(&p);
        }
    }

    std::shared_ptr<const DepGraph> m_graph;
    std::shared_ptr<const GraphLayout> m_layout;
};

QTEST_MAIN(BenchGraph)
#include "bench_graph.moc"
