#pragma once

#include "DragPan.h"
#include "analysis/TimingsAnalysis.h"

#include <QAbstractScrollArea>
#include <QPointer>

class QMenu;

#include <functional>
#include <memory>
#include <vector>

namespace bl {

class TimeScale;

// The crate timeline (Gantt chart): one row per unit ordered by start, bars coloured by kind with frontend /
// codegen / link shading, the critical path outlined and linked, a time ruler, zoom to cursor (Ctrl+wheel),
// pan (drag, Shift+wheel), fit, hover tooltips and search. Paints only the rows and bars in view.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    void setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis);
    // The same run grown (a live build): keeps the selection, the zoom and the scroll position.
    void updateAnalysis(std::shared_ptr<const TimingsAnalysis> analysis);
    const std::shared_ptr<const TimingsAnalysis>& analysis() const { return m_analysis; }
    TimeScale* timeScale() const { return m_scale; }

    // The time axis spans at least this many seconds: two timelines compared side by side share one axis.
    void setMinimumSpan(double seconds);
    void setShowFresh(bool show);
    // Units to stand out (a rebuild cascade): their rows tinted. Empty: none.
    void setMarkedUnits(std::vector<char> marked);
    bool isMarked(int unit) const
    {
        return unit >= 0 && std::size_t(unit) < m_marked.size() && m_marked[std::size_t(unit)];
    }
    // Lets the page add its own actions for a unit to the context menu (the what-if changes).
    void setUnitMenuExtender(std::function<void(QMenu& menu, int unit)> extend)
    {
        m_extendMenu = std::move(extend);
    }
    bool showFresh() const { return m_showFresh; }

    int selectedUnit() const { return m_selected; }
    int matchCount() const { return static_cast<int>(m_matches.size()); }
    int currentMatch() const { return m_currentMatch; }
    double pixelsPerSecond() const { return m_pxPerSec; }

    // Geometry, in viewport coordinates (also used by the render tests).
    double xForTime(double t) const;
    double timeForX(double x) const;
    QRectF barRect(int unit) const; // empty when the unit has no row
    int rowOfUnit(int unit) const;  // -1 when hidden
    int unitAt(const QPoint& viewportPos) const;
    int labelColumnWidth() const { return m_labelWidth; }
    int rulerHeight() const { return m_rulerHeight; }
    int rowHeight() const { return m_rowHeight; }

    // Paints the whole timeline (all rows, the full time range) for export, independent of scrolling.
    QSize fullContentSize() const;
    // From `start` to `end` seconds when given (the window's zoom), else the whole build.
    void renderAll(QPainter& painter, const QSize& size, double start = 0, double end = -1);
    // Only the ruler of renderAll() at that width (an export repeats it on every page and at the bottom).
    void renderRuler(QPainter& painter, const QSize& size, double start = 0, double end = -1);
    // The seconds the view shows now when it is zoomed in, else the whole build: what an export shows.
    std::pair<double, double> shownSpan() const;

    QSize sizeHint() const override;

public slots:
    void fitToWindow();
    void zoomBy(double factor);
    // Shows the time from `start` at `pxPerSec` (clamped to the zoom limits): how a twin view follows this
    // one.
    void setTimeWindow(double start, double pxPerSec);
    void selectUnit(int unit); // -1 clears; scrolls the unit into view
    void setSearchText(const QString& text);
    void nextMatch();
    void previousMatch();

signals:
    void unitSelected(int unit);
    void unitActivated(int unit);  // the context menu: show its self-profile
    void crateActivated(int unit); // double click or the context menu: everything about its crate
    void searchMatchesChanged(int count, int current);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent* event) override;

private:
    struct PaintParams
    {
        QRect area; // where to paint
        double t0;  // time at the data area's left edge
        double pxPerSec;
        int firstRowY; // y of row 0 (may be negative when scrolled)
        int dataLeft;
        int dataRight;
    };
    // An export's painting: the whole content at `size`, the seconds from start to end (end <= start: all).
    PaintParams exportParams(const QSize& size, double start, double end) const;
    void paintTimeline(QPainter& p, const PaintParams& params) const;
    void paintRuler(QPainter& p, const PaintParams& params) const;
    void rebuildRows();
    void updateMetrics();
    void updateScrollBars();
    double clampedPixelsPerSecond(double pxPerSec) const;
    void publishWindow();
    int dataWidth() const;
    void ensureUnitVisible(int unit);
    QString tooltipFor(int unit) const;
    void updateMatches();

    std::shared_ptr<const TimingsAnalysis> m_analysis;
    TimeScale* m_scale = nullptr;
    std::vector<int> m_rows;  // unit position per row
    std::vector<int> m_rowOf; // row per unit, -1 = hidden
    std::vector<char> m_isMatch;
    std::vector<char> m_marked;
    std::vector<int> m_matches; // units, in row order
    int m_currentMatch = -1;
    QString m_search;
    bool m_showFresh = false;
    int m_selected = -1;
    int m_hover = -1;
    double m_pxPerSec = 100;
    double m_total = 1;
    double m_minimumSpan = 0;
    bool m_fitted = true; // keep fitting on resize until the user zooms
    int m_labelWidth = 200;
    int m_rulerHeight = 24;
    int m_rowHeight = 20;
    static constexpr int kRightPadding = 56; // room for duration labels and the chart's CPU axis below
    DragPan m_pan;
    std::function<void(QMenu&, int)> m_extendMenu;
};

} // namespace bl
