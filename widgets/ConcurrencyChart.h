#pragma once

#include "analysis/TimingsAnalysis.h"

#include <QChartView>

#include <memory>

class QGraphicsLineItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QAreaSeries;
class QValueAxis;

namespace bl {

class TimeScale;

// Units active / waiting / not yet ready over time and the machine's CPU usage, under the timeline: the same
// visible seconds at the same x, and the same cursor line.
class ConcurrencyChart : public QChartView
{
    Q_OBJECT
public:
    explicit ConcurrencyChart(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis);
    void setTimeScale(TimeScale* scale);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {300, 150}; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void syncToScale();
    void updateCursor();
    void applyPalette();
    void rescale();
    void updateMarkerStyles();

    std::shared_ptr<const TimingsAnalysis> m_analysis;
    TimeScale* m_scale = nullptr;
    QChart* m_chart;
    QValueAxis* m_axisX;
    QValueAxis* m_axisUnits;
    QValueAxis* m_axisCpu;
    QLineSeries* m_activeUpper;
    QAreaSeries* m_active;
    QLineSeries* m_waiting;
    QLineSeries* m_inactive;
    QLineSeries* m_cpu;
    QGraphicsLineItem* m_cursor;
    QGraphicsSimpleTextItem* m_readout;
};

} // namespace bl
