#pragma once

#include "analysis/Treemap.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

namespace bl {

// The colour of a treemap group (a crate): a stable hash of its name into a categorical palette, light fills
// under dark text in the light theme, deep ones under light text in the dark theme. `level` 1 is the group
// itself; deeper levels are lighter (light theme) or darker (dark theme) shades of it.
QColor treemapGroupColor(QStringView group, const QPalette& palette, int level = 1);

// Where the bytes of a binary go: a squarified treemap of a SizeTree, coloured by crate. A breadcrumb bar on
// top shows the path to the zoomed node (each segment a click away); clicking a node zooms into it (a leaf:
// into its parent), Escape or Backspace zooms out a level. Parents big enough get a header band with their
// label; leaves a label where it fits. A search highlights the matching nodes and dims the others.
//
// The layout follows the zoom and the size. For trees of more than kAsyncNodes nodes under the zoomed one it
// runs on the thread pool, and meanwhile the view paints the previous layout stretched to fit (or a note),
// so the GUI thread never waits for it.
class TreemapView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kAsyncNodes = 50000;

    explicit TreemapView(QWidget* parent = nullptr);
    ~TreemapView() override;

    void setTree(std::shared_ptr<const SizeTree> tree);
    const std::shared_ptr<const SizeTree>& tree() const { return m_tree; }
    // What the weights count: "bytes" (the default; shown as B, KB, MB) or anything else, shown as a number
    // and the unit ("12,345 lines").
    void setUnit(const QString& unit);
    QString unit() const { return m_unit; }
    // What a leaf block is, for the header's count: functions, or crates for a crates-only report.
    void setLeavesAreCrates(bool crates) { m_leavesAreCrates = crates; }
    // The root's name in the breadcrumb, e.g. the binary's file name ("All crates" without one).
    void setRootLabel(const QString& label);
    // Colours nodes by how they changed instead of by crate: per node of the current tree, the weight it had
    // in the run compared against (the areas show this run). Empty clears. Grown nodes turn red, shrunk ones
    // green, in proportion to the relative change; a node the other run lacks is fully red.
    void setBaseline(std::vector<std::uint64_t> weightBefore);
    bool hasBaseline() const { return !m_before.empty(); }
    // The colour a block takes at full strength when it grew (or shrank) against the baseline.
    QColor changeColor(bool grew) const;

    int zoomNode() const { return m_zoom; }
    int hoveredNode() const { return m_hover; }
    QString labelOf(int node) const;
    QStringList breadcrumb() const;                   // the segments' labels, the root's first
    QString formatWeight(std::uint64_t weight) const; // "155.5 KB", "12,345 lines"
    QString tooltipFor(int node) const;

    int matchCount() const { return m_matchCount; }
    std::uint64_t matchedWeight() const { return m_matchedWeight; } // nested matches counted once
    bool isMatch(int node) const;

    // Geometry in widget coordinates, as painted (also for the tests): the area below the breadcrumb, a
    // node's rectangle (empty when not laid out at the current zoom), the node under a point (-1 for none).
    QRect breadcrumbRect() const;
    QRect mapRect() const;
    QRectF nodeRect(int node) const;
    int nodeAt(const QPoint& pos) const;
    // Whether a layout for the current zoom and size is still being computed off the GUI thread.
    bool isLayoutPending() const;

    // Paints breadcrumb and treemap into `target` (export to PNG, SVG or PDF); lays out for its size if that
    // differs from the widget's, on the calling thread.
    void render(QPainter& painter, const QRect& target);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void zoomTo(int node); // -1 resets
    void zoomOut();        // one level up
    void resetZoom();
    void setSearchText(const QString& text);

signals:
    void nodeActivated(int node);
    void nodeDoubleClicked(int node);
    void zoomChanged(int node);
    void searchMatchesChanged(int nodes);
    void layoutFinished();

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    using LayoutPtr = std::shared_ptr<const TreemapLayout>;
    // How a layout made for one rectangle is drawn into another: stretched while a new one is computed.
    struct Mapping
    {
        double sx = 1, sy = 1, dx = 0, dy = 0;
        QRectF map(const QRectF& r) const
        {
            return {r.x() * sx + dx, r.y() * sy + dy, r.width() * sx, r.height() * sy};
        }
        QPointF unmap(const QPointF& p) const { return {(p.x() - dx) / sx, (p.y() - dy) / sy}; }
    };
    struct Crumb
    {
        int node; // -1 for an ellipsis standing for the segments left out
        QString text;
        QRect rect;
    };

    TreemapOptions layoutOptions() const;
    void requestLayout();
    void startAsyncLayout();
    void layoutDone();
    LayoutPtr cachedLayout(int root, QSizeF size) const;
    void remember(LayoutPtr layout);
    // The layout to paint now and how it maps into `area`; null when there is none to show.
    LayoutPtr displayed(const QRect& area, Mapping& mapping) const;
    void paintBreadcrumb(QPainter& p, const QRect& bar) const;
    void paintMap(QPainter& p, const QRect& area, const QRect& exposed, const TreemapLayout* layout,
                  const Mapping& mapping, bool withHover) const;
    // The segments that fit in `bar`, and the summary that fits beside them.
    std::vector<Crumb> crumbs(const QRect& bar, QString* summary = nullptr) const;
    int crumbAt(const QPoint& pos) const;
    QString summaryText(int detail) const; // the breadcrumb bar's right end: 2 all, 1 the size, 0 nothing
    QColor fillOf(int node) const;
    QString compactWeight(std::uint64_t weight) const;
    void updateMetrics();
    void updateMatches();
    void setHover(int node, int crumb);

    std::shared_ptr<const SizeTree> m_tree;
    std::uint64_t m_generation = 0; // bumped with each tree, so that a late layout of an old one is dropped
    LayoutPtr m_layout;             // for the current zoom and size, or the latest one while it is computed
    std::vector<LayoutPtr> m_cache; // recent layouts, most recent last: zooming back out is instant
    QFutureWatcher<LayoutPtr>* m_watcher = nullptr;
    std::uint64_t m_jobGeneration = 0; // the tree the running job lays out
    bool m_jobRunning = false;

    QString m_unit = QStringLiteral("bytes");
    bool m_leavesAreCrates = false;
    bool m_bytes = true;
    QString m_rootLabel;
    QString m_search;
    QString m_foldedLabels;              // the tree's labels case-folded, for searching; built on first use
    std::vector<qsizetype> m_labelStart; // per label + 1: where it starts in m_foldedLabels
    std::vector<char> m_match;           // per node
    std::vector<int> m_matchesBefore;    // per node + 1: matches at smaller (pre-order) indices
    int m_matchCount = 0;
    std::uint64_t m_matchedWeight = 0;
    mutable std::vector<QRgb> m_groupColors; // per node of depth 1, 0 = not computed yet
    std::vector<std::uint64_t> m_before;     // per node: weight in the baseline run (setBaseline)

    int m_zoom = SizeTree::kRoot;
    int m_hover = -1;
    int m_hoverCrumb = -1; // index into crumbs()
    int m_barHeight = 24;
    int m_headerHeight = 16;
    QPoint m_pressPos;
};

} // namespace bl
