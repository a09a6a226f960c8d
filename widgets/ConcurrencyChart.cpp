#include "ConcurrencyChart.h"

#include "KindColors.h"
#include "TimeScale.h"

#include <QAreaSeries>
#include <QGraphicsLineItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace bl {

namespace {

// Concurrency is a step function: hold each value until the next sample.
QList<QPointF> steps(const std::vector<ConcurrencySample>& samples, int ConcurrencySample::*field)
{
    QList<QPointF> pts;
    pts.reserve(static_cast<qsizetype>(samples.size()) * 2 + 1);
    double prev = 0;
    pts.append(QPointF(0, 0));
    for (const ConcurrencySample& s : samples) {
        pts.append(QPointF(s.t, prev));
        prev = s.*field;
        pts.append(QPointF(s.t, prev));
    }
    return pts;
}

} // namespace

ConcurrencyChart::ConcurrencyChart(QWidget* parent)
    : QChartView(parent)
    , m_chart(new QChart)
    , m_axisX(new QValueAxis)
    , m_axisUnits(new QValueAxis)
    , m_axisCpu(new QValueAxis)
    , m_activeUpper(new QLineSeries)
    , m_active(new QAreaSeries(m_activeUpper))
    , m_waiting(new QLineSeries)
    , m_inactive(new QLineSeries)
    , m_cpu(new QLineSeries)
    , m_cursor(new QGraphicsLineItem)
{
    setFrameShape(QFrame::NoFrame);
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_active->setName(tr("Active"));
    m_waiting->setName(tr("Waiting for a job slot"));
    m_inactive->setName(tr("Waiting for dependencies"));
    m_cpu->setName(tr("CPU usage"));
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(m_active), static_cast<QAbstractSeries*>(m_waiting),
          static_cast<QAbstractSeries*>(m_inactive), static_cast<QAbstractSeries*>(m_cpu)})
        m_chart->addSeries(s);
    m_axisX->setLabelsVisible(false); // the timeline's ruler above says which second is where
    m_axisX->setGridLineVisible(false);
    m_axisUnits->setTitleText(tr("units"));
    m_axisUnits->setLabelFormat(QStringLiteral("%d"));
    m_axisCpu->setRange(0, 100);
    m_axisCpu->setTitleText(tr("CPU %"));
    m_axisCpu->setLabelFormat(QStringLiteral("%d"));
    m_axisCpu->setGridLineVisible(false);
    m_axisCpu->setTickCount(3);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisUnits, Qt::AlignLeft);
    m_chart->addAxis(m_axisCpu, Qt::AlignRight);
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(m_active), static_cast<QAbstractSeries*>(m_waiting),
          static_cast<QAbstractSeries*>(m_inactive)}) {
        s->attachAxis(m_axisX);
        s->attachAxis(m_axisUnits);
    }
    m_cpu->attachAxis(m_axisX);
    m_cpu->attachAxis(m_axisCpu);
    setChart(m_chart);
    // Units that wait for dependencies outnumber the running ones many times over; shown, they flatten the
    // curves that matter. A click on a legend entry shows or hides its series.
    m_inactive->setVisible(false);
    const auto markers = m_chart->legend()->markers();
    for (QLegendMarker* marker : markers) {
        connect(marker, &QLegendMarker::clicked, this, [this, marker] {
            marker->series()->setVisible(!marker->series()->isVisible());
            marker->setVisible(true);
            updateMarkerStyles();
            rescale();
        });
    }
    updateMarkerStyles();
    m_chart->scene()->addItem(m_cursor);
    m_cursor->setZValue(100);
    m_cursor->hide();
    applyPalette();
}

QSize ConcurrencyChart::sizeHint() const
{
    return {900, 170};
}

void ConcurrencyChart::applyPalette()
{
    const QPalette& pal = palette();
    const bool dark = isDarkPalette(pal);
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundVisible(false);
    m_chart->setPlotAreaBackgroundVisible(false);
    setBackgroundBrush(pal.color(QPalette::Base));
    const QColor text = pal.color(QPalette::Text);
    for (QValueAxis* a : {m_axisX, m_axisUnits, m_axisCpu}) {
        a->setLabelsColor(text);
        a->setTitleBrush(text);
        QColor g = pal.color(QPalette::Mid);
        g.setAlpha(dark ? 70 : 60);
        a->setGridLineColor(g);
        a->setLinePenColor(pal.color(QPalette::Mid));
    }
    updateMarkerStyles();
    QColor activeColor = kindColor(UnitKind::Bin, pal);
    QColor fill = activeColor;
    fill.setAlpha(110);
    m_active->setBrush(fill);
    m_active->setPen(QPen(activeColor, 1.5));
    m_waiting->setPen(QPen(criticalPathColor(pal), 1.5));
    m_inactive->setPen(QPen(kindColor(UnitKind::Lib, pal), 1.2, Qt::DashLine));
    QColor cpu = dark ? QColor(0xc0, 0xc0, 0xc0) : QColor(0x55, 0x55, 0x55);
    m_cpu->setPen(QPen(cpu, 1.2, Qt::DotLine));
    m_cursor->setPen(QPen(text, 1, Qt::DashLine));
}

void ConcurrencyChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ConcurrencyChart::setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    if (!m_analysis) {
        for (QLineSeries* s : {m_activeUpper, m_waiting, m_inactive, m_cpu})
            s->clear();
        return;
    }
    const auto& c = m_analysis->concurrency;
    m_activeUpper->replace(steps(c, &ConcurrencySample::active));
    m_waiting->replace(steps(c, &ConcurrencySample::waiting));
    m_inactive->replace(steps(c, &ConcurrencySample::inactive));
    QList<QPointF> cpu;
    for (const CpuSample& s : m_analysis->run->cpu)
        cpu.append(QPointF(s.t, s.percent));
    m_cpu->replace(cpu);
    m_cpu->setVisible(!cpu.isEmpty());
    const auto cpuMarkers = m_chart->legend()->markers(m_cpu);
    for (QLegendMarker* m : cpuMarkers)
        m->setVisible(!cpu.isEmpty());
    rescale();
    m_active->setName(m_analysis->concurrencyDerived ? tr("Active (derived from unit times)") : tr("Active"));
    syncToScale();
}

void ConcurrencyChart::rescale()
{
    int maxUnits = 1;
    if (m_analysis)
        for (const ConcurrencySample& s : m_analysis->concurrency)
            maxUnits = std::max({maxUnits, s.active, m_waiting->isVisible() ? s.waiting : 0,
                                 m_inactive->isVisible() ? s.inactive : 0});
    m_axisUnits->setRange(0, maxUnits);
    m_axisUnits->setTickCount(std::min(maxUnits, 4) + 1);
}

void ConcurrencyChart::updateMarkerStyles()
{
    const auto markers = m_chart->legend()->markers();
    for (QLegendMarker* marker : markers) {
        QFont f = marker->font();
        f.setStrikeOut(!marker->series()->isVisible());
        marker->setFont(f);
        QColor c = palette().color(QPalette::Text);
        if (!marker->series()->isVisible())
            c.setAlpha(110);
        marker->setLabelBrush(c);
    }
}

void ConcurrencyChart::setTimeScale(TimeScale* scale)
{
    m_scale = scale;
    connect(scale, &TimeScale::windowChanged, this, &ConcurrencyChart::syncToScale);
    connect(scale, &TimeScale::cursorChanged, this, &ConcurrencyChart::updateCursor);
    syncToScale();
}

void ConcurrencyChart::syncToScale()
{
    if (!m_scale)
        return;
    m_axisX->setRange(m_scale->visibleStart(), m_scale->visibleEnd());
    // Plot exactly under the timeline's data area so that one second is at the same x in both.
    const int top = 28;
    const int bottom = 6;
    m_chart->setPlotArea(QRectF(m_scale->dataLeft(), top,
                                std::max(10, m_scale->dataRight() - m_scale->dataLeft()),
                                std::max(10, height() - top - bottom)));
    updateCursor();
}

void ConcurrencyChart::updateCursor()
{
    const double t = m_scale ? m_scale->cursorTime() : std::nan("");
    if (std::isnan(t) || !m_analysis) {
        m_cursor->hide();
        return;
    }
    const QRectF plot = m_chart->plotArea();
    const double x = m_chart->mapToPosition(QPointF(t, 0), m_activeUpper).x();
    if (x < plot.left() || x > plot.right()) {
        m_cursor->hide();
        return;
    }
    m_cursor->setLine(x, plot.top(), x, plot.bottom());
    m_cursor->show();
}

void ConcurrencyChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    syncToScale();
}

void ConcurrencyChart::mouseMoveEvent(QMouseEvent* event)
{
    QChartView::mouseMoveEvent(event);
    if (!m_scale || !m_analysis)
        return;
    const QRectF plot = m_chart->plotArea();
    const QPointF pos = event->position();
    if (pos.x() < plot.left() || pos.x() > plot.right()) {
        m_scale->setCursorTime(std::nan(""));
        return;
    }
    m_scale->setCursorTime(m_chart->mapToValue(pos, m_activeUpper).x());
}

void ConcurrencyChart::leaveEvent(QEvent* event)
{
    if (m_scale)
        m_scale->setCursorTime(std::nan(""));
    QChartView::leaveEvent(event);
}

} // namespace bl
