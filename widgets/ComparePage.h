#pragma once

#include "DocumentPage.h"
#include "analysis/ProfileTree.h"
#include "analysis/RunDiff.h"
#include "analysis/SizeTree.h"

#include <QFutureWatcher>
#include <QStyledItemDelegate>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTabWidget;

namespace bl {

class DeltaFilterProxy;
class ConcurrencyChart;
class FlameGraphView;
class QueryDeltaModel;
class SizeDeltaModel;
class TimelineView;
class TreemapView;
class UnitDeltaModel;
class UnitSetDeltaModel;

// Paints a signed change as a bar from the cell's middle: right and red for growth, left and green for a
// shrink, its length the change against the largest of the table (DeltaShareRole, -1..1).
class DeltaBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

// Two runs of one kind side by side: A the baseline, B the run being judged.
// - timings: the two timelines on one shared time axis (zoom and scroll move both), their concurrency curves
//   overlaid, and a table of every unit's change;
// - self-profiles: both flame graphs and the query changes, as `summarize diff` has them;
// - sizes: B's treemap coloured by growth (red) and shrink (green) against A, and the crate and function
//   changes.
// The diff, and for sizes the trees, are computed on a worker thread; "Swap A and B" recomputes.
class ComparePage : public DocumentPage
{
    Q_OBJECT
public:
    struct Run
    {
        QString name; // the tab's title
        std::shared_ptr<const TimingsAnalysis> timings;
        std::shared_ptr<const SelfProfile> profile;
        std::shared_ptr<const SizeReport> size;
    };

    explicit ComparePage(QWidget* parent = nullptr);
    ~ComparePage() override;

    // Starts the comparison of a and b, which must be of one kind (see canCompare).
    void compare(Run a, Run b);
    // Repeated builds of each side (timings): mean and spread per unit, changes marked beyond the noise.
    void compareSets(std::vector<Run> a, std::vector<Run> b);
    bool isSetComparison() const { return !m_setA.empty(); }
    static bool canCompare(const Run& a, const Run& b);
    void swapRuns();
    bool isReady() const { return m_ready; }
    const Run& runA() const { return m_a; }
    const Run& runB() const { return m_b; }

    TimelineView* timelineA() const { return m_timelineA; }
    TimelineView* timelineB() const { return m_timelineB; }
    TreemapView* treemap() const { return m_treemap; }
    QTableView* deltaTable() const { return m_table; }

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override;
    void previousMatch() override;
    void fitToWindow() override;
    void zoomBy(double factor) override;
    std::vector<ExportTarget> exportTargets() override;

signals:
    void ready();

private:
    struct Result
    {
        std::shared_ptr<const TimingsDiff> timings;
        std::shared_ptr<const ProfileDiff> profile;
        std::shared_ptr<const ProfileTree> treeA, treeB;
        std::shared_ptr<const SizeDiff> size;
        std::shared_ptr<const SizeTree> sizeTree; // B's
        std::vector<std::uint64_t> sizeBefore;    // per node of sizeTree: A's weight
        std::shared_ptr<const TimingsSetDiff> set;
    };
    static Result computeResult(const Run& a, const Run& b);
    void showResult();
    void buildTimingsView();
    void buildProfileView();
    void buildSizeView();
    void buildSetView();
    void clearViews();
    void onTableSelection();
    void syncTimelines(TimelineView* from, TimelineView* to);
    void syncFlames(FlameGraphView* from, FlameGraphView* to, int node);
    QWidget* sideLabel(const QString& side, const QString& name, const QString& facts);

    Run m_a, m_b;
    std::vector<Run> m_setA, m_setB;
    Result m_result;
    bool m_ready = false;
    QFutureWatcher<Result> m_watcher;

    QLabel* m_header = nullptr;
    QLineEdit* m_filter = nullptr;
    QPushButton* m_swap = nullptr;
    QSplitter* m_split = nullptr;
    QWidget* m_views = nullptr; // left side, rebuilt per kind
    QTabWidget* m_tables = nullptr;
    QTableView* m_table = nullptr;
    DeltaFilterProxy* m_proxy = nullptr;
    UnitDeltaModel* m_unitModel = nullptr;
    QueryDeltaModel* m_queryModel = nullptr;
    SizeDeltaModel* m_crateModel = nullptr;
    SizeDeltaModel* m_functionModel = nullptr;
    UnitSetDeltaModel* m_setModel = nullptr;
    DeltaFilterProxy* m_functionProxy = nullptr;
    TimelineView* m_timelineA = nullptr;
    TimelineView* m_timelineB = nullptr;
    FlameGraphView* m_flameA = nullptr;
    FlameGraphView* m_flameB = nullptr;
    TreemapView* m_treemap = nullptr;
    ConcurrencyChart* m_exportChart =
        nullptr; // the two builds' concurrency with its own time axis, for exports
    bool m_syncing = false;
    QString m_search;
};

} // namespace bl
