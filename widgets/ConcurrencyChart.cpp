#include "ConcurrencyChart.h"

#include "KindColors.h"
#include "TimeScale.h"

#include <QAreaSeries>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
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
    // the chart is handed to the base at once: QChartView(parent) would make a default chart of its own,
    // which setChart() later disowns without deleting
    : QChartView(new QChart, parent)
    , m_chart(chart())
    , m_axisX(new QValueAxis)
    , m_axisUnits(new QValueAxis)
    , m_axisCpu(new QValueAxis)
    , m_activeUpper(new QLineSeries)
    , m_active(new QAreaSeries(m_activeUpper))
    , m_waiting(new QLineSeries)
    , m_inactive(new QLineSeries)
    , m_cpu(new QLineSeries)
    , m_cursor(new QGraphicsLineItem)
    , m_readout(new QGraphicsSimpleTextItem)
{
    // an area series does not own its boundary line, and that line is never added to the chart itself
    m_activeUpper->setParent(m_active);
    setFrameShape(QFrame::NoFrame);
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->detachFromChart();
    m_chart->legend()->setAlignment(Qt::AlignLeft);
    m_chart->legend()->setBackgroundVisible(false);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_active->setName(tr("Active"));
    m_waiting->setName(tr("Waiting for a slot"));
    m_inactive->setName(tr("Blocked on dependencies"));
    m_cpu->setName(tr("CPU"));
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
    m_chart->scene()->addItem(m_readout);
    m_readout->setZValue(101);
    m_readout->hide();
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
    m_readout->setBrush(text);
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
    m_active->setName(m_analysis->concurrencyDerived ? tr("Active (derived)") : tr("Active"));
    syncToScale();
}

void ConcurrencyChart::rescale()
{
    int maxUnits = 1;
    if (m_analysis)
        for (const ConcurrencySample& s : m_analysis->concurrency)
            maxUnits = std::max({maxUnits, s.active, m_waiting->isVisible() ? s.waiting : 0,
                                 m_inactive->isVisible() ? s.inactive : 0});
    // whole numbers of units on at most five ticks
    const int step = std::max(1, (maxUnits + 3) / 4);
    const int top = step * ((maxUnits + step - 1) / step);
    m_axisUnits->setRange(0, top);
    m_axisUnits->setTickCount(top / step + 1);
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
    const int bottom = 10;
    const double width = std::max(10, m_scale->dataRight() - m_scale->dataLeft());
    m_chart->setPlotArea(QRectF(m_scale->dataLeft(), top, width, std::max(10, height() - top - bottom)));
    // the legend on the left above the plot, leaving the right for the readout under the cursor
    m_chart->legend()->setGeometry(QRectF(m_scale->dataLeft() - 8, 0, width * 0.5, top));
    m_chart->legend()->update();
    updateCursor();
}

void ConcurrencyChart::updateCursor()
{
    const double t = m_scale ? m_scale->cursorTime() : std::nan("");
    const QRectF plot = m_chart->plotArea();
    const double x =
        std::isnan(t) || !m_analysis ? 0 : m_chart->mapToPosition(QPointF(t, 0), m_activeUpper).x();
    if (std::isnan(t) || !m_analysis || x < plot.left() || x > plot.right()) {
        m_cursor->hide();
        m_readout->hide();
        return;
    }
    m_cursor->setLine(x, plot.top(), x, plot.bottom());
    m_cursor->show();
    // the values under the cursor, in words, at the top right of the plot
    const auto& samples = m_analysis->concurrency;
    auto it = std::upper_bound(samples.begin(), samples.end(), t,
                               [](double v, const ConcurrencySample& s) { return v < s.t; });
    ConcurrencySample at;
    if (it != samples.begin())
        at = *std::prev(it);
    QString text = tr("%1 s  ·  %2 active  ·  %3 waiting").arg(t, 0, 'f', 2).arg(at.active).arg(at.waiting);
    if (m_inactive->isVisible())
        text += tr("  ·  %1 blocked").arg(at.inactive);
    const auto& cpu = m_analysis->run->cpu;
    auto c =
        std::upper_bound(cpu.begin(), cpu.end(), t, [](double v, const CpuSample& s) { return v < s.t; });
    if (c != cpu.end())
        text += tr("  ·  CPU %1 %").arg(c->percent, 0, 'f', 0); // a CPU sample covers the time up to its t
    m_readout->setText(text);
    const QRectF r = m_readout->boundingRect();
    m_readout->setPos(plot.right() - r.width(), std::max(0.0, plot.top() - r.height() - 4));
    m_readout->show();
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
