// Benchmarks (QBENCHMARK; not run by ctest): the flame graph's call tree from a million self-profile events,
// and full repaints of the flame graph and the profile timeline at 1280x800 over those events, fitted and
// zoomed.
#include "FlameGraphView.h"
#include "ProfileTimelineView.h"
#include "SyntheticProfile.h"
#include "analysis/ProfileTree.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTest>

using namespace bl;

class BenchProfileViews : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void treeAllThreads1M();
    void treeOneThread1M();
    void flameRepaint1M();
    void flameRepaintZoomed1M();
    void flameRepaintSearch1M();
    void timelineSetProfile1M();
    void timelineRepaint1M();
    void timelineRepaintZoomed1M();
    void timelineRepaintSearch1M();

private:
    std::shared_ptr<const SelfProfile> m_profile;
    std::shared_ptr<const ProfileTree> m_tree;
};

void BenchProfileViews::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    m_profile = bench::syntheticProfile(1000000, 8, 30);
    const qint64 generated = timer.elapsed();
    m_tree = std::make_shared<const ProfileTree>(buildProfileTree(*m_profile));
    int maxDepth = 0;
    for (auto d : m_profile->intervals.depth)
        maxDepth = std::max<int>(maxDepth, d);
    qInfo("synthetic profile: %zu events on %zu threads, max depth %d (generated in %lld ms); tree: %d nodes",
          m_profile->intervals.size(), m_profile->threadIds.size(), maxDepth, generated, m_tree->size());
    QCOMPARE(m_profile->intervals.size(), std::size_t(1000000));
}

void BenchProfileViews::treeAllThreads1M()
{
    QBENCHMARK
    {
        const ProfileTree t = buildProfileTree(*m_profile);
        QCOMPARE(t.size(), m_tree->size());
    }
}

void BenchProfileViews::treeOneThread1M()
{
    QBENCHMARK
    {
        const ProfileTree t = buildProfileTree(*m_profile, 3);
        QVERIFY(t.size() > 1);
    }
}

static void showAndWait(QWidget& w)
{
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCoreApplication::processEvents();
}

void BenchProfileViews::flameRepaint1M()
{
    FlameGraphView view;
    view.setTree(m_profile, m_tree);
    showAndWait(view);
    QBENCHMARK
    {
        view.viewport()->repaint();
    }
}

void BenchProfileViews::flameRepaintZoomed1M()
{
    FlameGraphView view;
    view.setTree(m_profile, m_tree);
    showAndWait(view);
    // three levels down the widest path: a frame holding a large share of the tree
    int node = ProfileTree::kRoot;
    for (int i = 0; i < 3 && m_tree->firstChild[node] != ProfileTree::kNone; ++i)
        node = m_tree->firstChild[node];
    view.zoomTo(node);
    QBENCHMARK
    {
        view.viewport()->repaint();
    }
}

void BenchProfileViews::flameRepaintSearch1M()
{
    FlameGraphView view;
    view.setTree(m_profile, m_tree);
    showAndWait(view);
    view.setSearchText(QStringLiteral("metadata"));
    QVERIFY(view.matchCount() > 0);
    QBENCHMARK
    {
        view.viewport()->repaint();
    }
}

void BenchProfileViews::timelineSetProfile1M()
{
    ProfileTimelineView view;
    view.resize(1280, 800);
    QBENCHMARK
    {
        view.setProfile(m_profile);
    }
}

void BenchProfileViews::timelineRepaint1M()
{
    ProfileTimelineView view;
    view.setProfile(m_profile);
    showAndWait(view);
    QBENCHMARK
    {
        view.viewport()->repaint();
    }
}

void BenchProfileViews::timelineRepaintZoomed1M()
{
    ProfileTimelineView view;
    view.setProfile(m_profile);
    showAndWait(view);
    view.zoomBy(50);
    view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->maximum() / 3);
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
    QBENCHMARK
    {
        view.viewport()->repaint();
    }
}

void BenchProfileViews::timelineRepaintSearch1M()
{
    ProfileTimelineView view;
    view.setProfile(m_profile);
    showAndWait(view);
    view.setSearchText(QStringLiteral("metadata"));
    QVERIFY(view.matchCount() > 0);
    QBENCHMARK
    {
        view.viewport()->repaint();
    }
}

QTEST_MAIN(BenchProfileViews)
#include "bench_profile_views.moc"
