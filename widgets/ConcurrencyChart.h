#pragma once

#include "analysis/TimingsAnalysis.h"

#include <QList>
#include <QPen>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <vector>

namespace bl {

class TimeScale;

// Units active / waiting for a job slot / blocked on dependencies over time and the machine's CPU usage,
// under the timeline: the same visible seconds at the same x, and the same cursor line. Two builds compared
// show their active units overlaid. Painted by hand rather than with Qt Charts so that both axes derive from
// the data and the shared time scale alone, and the one painting function serves the screen and exports.
class ConcurrencyChart : public QWidget
{
    Q_OBJECT
public:
    explicit ConcurrencyChart(QWidget* parent = nullptr);

    // One build: active (filled), waiting and blocked (hidden until its legend entry is clicked) units, CPU.
    void setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis);
    // Two builds: the active units of A (dashed) and B (solid) on one axis.
    void setComparison(std::shared_ptr<const TimingsAnalysis> a, std::shared_ptr<const TimingsAnalysis> b);
    // Follow the timeline's visible seconds and its data area's x range; without one the whole build shows.
    void setTimeScale(TimeScale* scale);

    QSize sizeHint() const override { return {900, 170}; }
    QSize minimumSizeHint() const override { return {300, 120}; }

    // Paints the chart into `area` (the widget's own rectangle on screen, an image or a page in an export).
    void paint(QPainter& painter, const QRect& area) const;

    // The geometry paint() uses for `area`, so that tests can check pixels against the axes.
    struct Geometry
    {
        QRectF plot;
        double t0 = 0, t1 = 1; // seconds at the plot's left and right edge
        int unitsTop = 1;      // units at the plot's top edge
        int unitsStep = 1;     // between two ticks of the units axis
        bool cpuAxis = false;
        double xOf(double t) const;
        // The y of a units value, on a pixel centre: lines drawn there cover exactly one row.
        double yOfUnits(double units) const;
        double yOfPercent(double percent) const;
    };
    Geometry geometry(const QRect& area) const;

    int seriesCount() const { return static_cast<int>(m_series.size()); }
    QString seriesName(int i) const { return m_series[static_cast<std::size_t>(i)].name; }
    bool isSeriesVisible(int i) const { return m_series[static_cast<std::size_t>(i)].visible; }
    void setSeriesVisible(int i, bool visible);
    // What the readout says at the cursor's time (empty without a cursor).
    QString readoutText() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Role { Active, Waiting, Blocked, Cpu, CompareA, CompareB };
    struct Series
    {
        Role role = Role::Active;
        QString name;
        std::vector<QPointF> samples; // (t, value): a step that holds until the next sample (CPU: a value
                                      // that covers the time up to its t)
        double end = 0;               // the build's end: a step falls to 0 there
        bool percent = false;         // on the CPU axis
        bool visible = true;
        QString readout; // "%1 active": how the value reads under the cursor
    };

    QPen penOf(const Series& s) const;
    void seriesChanged();
    double valueAt(const Series& s, double t) const;
    int legendHit(const QPoint& pos) const;
    QList<QRectF> legendRects(const QRect& area) const;
    double cursorTime() const;

    std::vector<Series> m_series;
    std::shared_ptr<const TimingsAnalysis> m_a, m_b;
    QPointer<TimeScale> m_scale;
    double m_ownCursor;  // when no time scale is shared
    double m_end = 0;    // the longest build's end
    int m_mostUnits = 1; // the most units any visible curve reaches
};

} // namespace bl
