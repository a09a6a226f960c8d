#pragma once

#include "analysis/ProfileTree.h"

#include <QAbstractScrollArea>

#include <memory>
#include <vector>

namespace bl {

// The flame graph of a self-profile, drawn as an icicle: the root on top, one row per depth, each frame as
// wide as its inclusive time and coloured by its label. Clicking a frame zooms into it (it fills the width,
// its ancestors stay above it as a breadcrumb); clicking the root or Escape resets the zoom. A search
// highlights the matching frames and dims the others. Paints only the frames in view, and children narrower
// than a pixel as one merged span, so it stays fluid for trees of any size.
class FlameGraphView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit FlameGraphView(QWidget* parent = nullptr);
    ~FlameGraphView() override;

    // Shows `tree`, whose labels index `profile`'s strings (built off the GUI thread by the caller; without
    // one, the tree of all threads is built here).
    void setTree(std::shared_ptr<const SelfProfile> profile, std::shared_ptr<const ProfileTree> tree);
    // Builds and shows the tree of one thread (index into threadIds) or of all (-1). Fast (a million events
    // in about 100 ms), but the caller decides whether that may block.
    void setProfile(std::shared_ptr<const SelfProfile> profile, int thread = -1);
    const std::shared_ptr<const SelfProfile>& profile() const { return m_profile; }
    const std::shared_ptr<const ProfileTree>& tree() const { return m_tree; }

    int zoomNode() const { return m_zoom; }
    QString labelOf(int node) const; // the root reads "All threads" or "Thread <id>"
    int hoveredNode() const { return m_hover; }
    int matchCount() const { return m_matchCount; }
    std::uint64_t matchedTime() const { return m_matchedTime; } // ns, nested matches counted once
    bool isMatch(int node) const;

    // Geometry in viewport coordinates (also used by the tests). frameRect is empty for a node not shown at
    // the current zoom (outside the zoomed subtree and not one of its ancestors); it is not clipped to the
    // viewport, and frames narrower than a pixel get their exact (sub-pixel) width.
    QRectF frameRect(int node) const;
    int nodeAt(const QPoint& viewportPos) const; // -1 for none or a merged span
    int rowHeight() const { return m_rowHeight; }
    QString tooltipFor(int node) const;

    // Paints the current zoom into `target` (rows from the top, not scrolled): export to PNG, SVG or PDF.
    void render(QPainter& painter, const QRect& target);

    QSize sizeHint() const override;

public slots:
    void zoomTo(int node); // the root or -1 resets
    void resetZoom();
    void zoomOut(); // one level up
    void setSearchText(const QString& text);

signals:
    void frameActivated(const QString& label);
    void zoomChanged(int node);
    void searchMatchesChanged(int frames);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent* event) override;

private:
    struct PaintParams
    {
        QRect area;   // where to paint
        double left;  // x of the zoomed node's left edge
        double width; // and its width
        int top;      // y of the root row (negative when scrolled)
    };
    void paintFlame(QPainter& p, const PaintParams& params) const;
    PaintParams viewportParams() const;
    double xOf(const PaintParams& params, double offsetNs) const;
    QRgb colorOf(std::uint32_t label) const;
    bool isAncestorOfZoom(int node) const;
    void updateMetrics();
    void updateScrollBars();
    void updateMatches();
    void rebuildLayout();

    std::shared_ptr<const SelfProfile> m_profile;
    std::shared_ptr<const ProfileTree> m_tree;
    std::vector<double> m_offset;       // per node: ns from the root's left edge to the frame's
    std::vector<int> m_subtreeDepth;    // per node: deepest depth in its subtree
    std::vector<char> m_match;          // per node
    std::vector<int> m_matchesBefore;   // per node + 1: matches at smaller (pre-order) indices
    mutable std::vector<QRgb> m_colors; // per string index, 0 = not computed yet
    QString m_search;
    int m_matchCount = 0;
    std::uint64_t m_matchedTime = 0;
    int m_zoom = ProfileTree::kRoot;
    int m_hover = -1;
    int m_rowHeight = 20;
    QPoint m_pressPos;
};

} // namespace bl
