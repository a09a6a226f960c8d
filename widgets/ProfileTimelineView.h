#pragma once

#include "analysis/ProfileRows.h"
#include "core/SelfProfile.h"

#include "DragPan.h"

#include <QAbstractScrollArea>

#include <memory>
#include <vector>

namespace bl {

// The events of a self-profile in time (a flame chart): one lane per thread, one row per nesting depth, each
// event drawn from its start to its end in its label's colour (the flame graph's). A time ruler in
// milliseconds, zoom to the cursor (Ctrl+wheel), pan (drag, Shift+wheel), fit, hover tooltips, search.
// Finds what is in view by binary search per thread and depth, and draws runs of events narrower than a pixel
// as one span, so a repaint costs about the same for a thousand events as for millions.
class ProfileTimelineView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit ProfileTimelineView(QWidget* parent = nullptr);
    ~ProfileTimelineView() override;

    // `rows` as buildProfileRows gives them, when already computed (off the GUI thread); else computed here.
    void setProfile(std::shared_ptr<const SelfProfile> profile,
                    std::shared_ptr<const ProfileRows> rows = nullptr);
    const std::shared_ptr<const SelfProfile>& profile() const { return m_profile; }

    int selectedEvent() const { return m_selected; }
    int hoveredEvent() const { return m_hover; }
    int matchCount() const { return m_matchCount; }
    bool isMatch(int event) const;
    double pixelsPerNs() const { return m_pxPerNs; }
    double visibleStart() const; // ns, at the data area's left edge
    double visibleEnd() const;

    // Geometry, in viewport coordinates (also used by the tests). eventRect is not clipped to the viewport.
    double xForTime(double ns) const;
    double timeForX(double x) const;
    QRectF eventRect(int event) const;            // empty for an invalid index
    int laneTop(int thread) const;                // y of the lane's first row
    int laneRows(int thread) const;               // deepest depth + 1
    int eventAt(const QPoint& viewportPos) const; // -1 for none
    int labelColumnWidth() const { return m_labelWidth; }
    int rulerHeight() const { return m_rulerHeight; }
    int rowHeight() const { return m_rowHeight; }
    QString tooltipFor(int event) const;

    // Paints the visible time window into `target`, all lanes from the top (not scrolled): export to PNG, SVG
    // or PDF.
    void render(QPainter& painter, const QRect& target);
    // Only the ruler of render() for `target` (an export repeats it at the bottom and on every page).
    void renderRuler(QPainter& painter, const QRect& target);

    QSize sizeHint() const override;

public slots:
    void fitToWindow();
    void zoomBy(double factor); // about the mouse when it is over the data area, else about the centre
    void zoomToRange(double startNs, double endNs);
    void selectEvent(int event); // -1 clears; scrolls the event into view
    void setSearchText(const QString& text);

signals:
    void eventActivated(int event); // clicked; an index into the profile's intervals
    void searchMatchesChanged(int count);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent* event) override;

private:
    struct PaintParams
    {
        QRect area; // where to paint
        double t0;  // ns at the data area's left edge
        double pxPerNs;
        int firstLaneY; // y of lane 0's first row (negative when scrolled)
        int dataLeft;
        int dataRight;
    };
    // render()'s painting of the visible time window into `target`, lanes from the top
    PaintParams renderParams(const QRect& target) const;
    void paintTimeline(QPainter& p, const PaintParams& params) const;
    void paintRuler(QPainter& p, const PaintParams& params) const;
    void paintRow(QPainter& p, const PaintParams& params, int row, int y) const;
    PaintParams viewportParams() const;
    void zoomAt(double factor, double anchorX);
    void updateMetrics();
    void updateScrollBars();
    void updateMatches();
    int dataWidth() const;
    int contentHeight() const;
    QRgb colorOf(std::uint32_t label) const;
    // the events of row `row` (one thread and depth) starting at or after `ns`, from position `from` on
    std::size_t firstStartingAtOrAfter(int row, std::size_t from, double ns) const;

    std::shared_ptr<const SelfProfile> m_profile;
    std::shared_ptr<const ProfileRows> m_rows = std::make_shared<const ProfileRows>();
    std::vector<int> m_laneY; // threads + 1 entries: content y of each lane's top
    std::vector<std::uint32_t>
        m_matchesBefore;                // per m_rowEvents position + 1 per row: matches so far in the row
    mutable std::vector<QRgb> m_colors; // per string index, 0 = not computed yet
    std::vector<char> m_stringMatch;    // per string index
    QString m_search;
    int m_matchCount = 0;
    double m_pxPerNs = 1e-6;
    bool m_fitted = true; // keep fitting on resize until the user zooms
    int m_selected = -1;
    int m_hover = -1;
    int m_labelWidth = 130;
    int m_rulerHeight = 24;
    int m_rowHeight = 18;
    static constexpr int kLaneGap = 8;
    static constexpr int kRightPadding = 8;
    DragPan m_pan;
};

} // namespace bl
