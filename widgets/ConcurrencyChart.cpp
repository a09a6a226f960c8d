#include "ConcurrencyChart.h"

#include "KindColors.h"
#include "TimeScale.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace bl {

namespace {

constexpr int kBottomMargin = 6;
constexpr int kSwatch = 16;

std::vector<QPointF> samplesOf(const std::vector<ConcurrencySample>& samples, int ConcurrencySample::*field)
{
    std::vector<QPointF> out;
    out.reserve(samples.size());
    for (const ConcurrencySample& s : samples)
        out.emplace_back(s.t, s.*field);
    return out;
}

// Whole units on at most five ticks, at least a line of text apart: 1, 2, 5, 10, 20, 50...
// Seconds between two ticks of the time axis: 1, 2 or 5 times a power of ten, at least `minPx` apart.
double secondsStepFor(double pxPerSecond, double minPx)
{
    for (double decade = 0.001;; decade *= 10)
        for (double m : {1.0, 2.0, 5.0})
            if (m * decade * pxPerSecond >= minPx || decade > 1e6)
                return m * decade;
}

int unitsStepFor(int most, double plotHeight, int lineHeight)
{
    for (int decade = 1;; decade *= 10) {
        for (int m : {1, 2, 5}) {
            const int step = m * decade;
            const int ticks = (most + step - 1) / step;
            if (ticks <= 5 && (ticks == 0 || plotHeight / ticks >= lineHeight))
                return step;
            if (step > most)
                return step;
        }
    }
}

} // namespace

double ConcurrencyChart::Geometry::xOf(double t) const
{
    return plot.left() + (t - t0) / std::max(1e-12, t1 - t0) * plot.width();
}

double ConcurrencyChart::Geometry::yOfUnits(double units) const
{
    return std::floor(plot.bottom() - units / std::max(1, unitsTop) * (plot.height() - 1)) - 0.5;
}

double ConcurrencyChart::Geometry::yOfPercent(double percent) const
{
    return std::floor(plot.bottom() - percent / 100.0 * (plot.height() - 1)) - 0.5;
}

ConcurrencyChart::ConcurrencyChart(QWidget* parent)
    : QWidget(parent)
    , m_ownCursor(std::nan(""))
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ConcurrencyChart::setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis)
{
    m_a = std::move(analysis);
    m_b.reset();
    m_series.clear();
    m_end = 0;
    if (m_a) {
        const auto& c = m_a->concurrency;
        const double end = m_a->summary.wallSeconds;
        m_end = end;
        m_series.push_back({Role::Active, m_a->concurrencyDerived ? tr("Active (derived)") : tr("Active"),
                            samplesOf(c, &ConcurrencySample::active), end, false, true, tr("%1 active")});
        m_series.push_back({Role::Waiting, tr("Waiting for a slot"),
                            samplesOf(c, &ConcurrencySample::waiting), end, false, true, tr("%1 waiting")});
        // Units blocked on dependencies outnumber the running ones many times over; shown, they flatten the
        // curves that matter. A click on the legend entry shows them.
        m_series.push_back({Role::Blocked, tr("Blocked on dependencies"),
                            samplesOf(c, &ConcurrencySample::inactive), end, false, false, tr("%1 blocked")});
        if (!m_a->run->cpu.empty()) {
            std::vector<QPointF> cpu;
            cpu.reserve(m_a->run->cpu.size());
            for (const CpuSample& s : m_a->run->cpu)
                cpu.emplace_back(s.t, s.percent);
            m_series.push_back({Role::Cpu, tr("CPU"), std::move(cpu), end, true, true, tr("CPU %1 %")});
        }
    }
    seriesChanged();
}

void ConcurrencyChart::setComparison(std::shared_ptr<const TimingsAnalysis> a,
                                     std::shared_ptr<const TimingsAnalysis> b)
{
    m_a = std::move(a);
    m_b = std::move(b);
    m_series.clear();
    m_end = 0;
    for (const auto& [analysis, role, name, readout] :
         {std::tuple{m_a, Role::CompareA, tr("A: units compiling"), tr("A: %1 compiling")},
          std::tuple{m_b, Role::CompareB, tr("B: units compiling"), tr("B: %1 compiling")}}) {
        if (!analysis)
            continue;
        m_end = std::max(m_end, analysis->summary.wallSeconds);
        m_series.push_back({role, name, samplesOf(analysis->concurrency, &ConcurrencySample::active),
                            analysis->summary.wallSeconds, false, true, readout});
    }
    seriesChanged();
}

void ConcurrencyChart::setTimeScale(TimeScale* scale)
{
    if (m_scale)
        disconnect(m_scale, nullptr, this, nullptr);
    m_scale = scale;
    if (scale) {
        connect(scale, &TimeScale::windowChanged, this, qOverload<>(&QWidget::update));
        connect(scale, &TimeScale::cursorChanged, this, qOverload<>(&QWidget::update));
    }
    update();
}

void ConcurrencyChart::setSeriesVisible(int i, bool visible)
{
    if (i < 0 || i >= seriesCount())
        return;
    m_series[static_cast<std::size_t>(i)].visible = visible;
    seriesChanged();
}

void ConcurrencyChart::seriesChanged()
{
    // the units axis fits the visible curves over the whole build, so that it holds still while scrolling;
    // found once here rather than on every paint and mouse move
    m_mostUnits = 1;
    for (const Series& s : m_series) {
        if (!s.visible || s.percent)
            continue;
        for (const QPointF& p : s.samples)
            m_mostUnits = std::max(m_mostUnits, int(std::ceil(p.y())));
    }
    update();
}

ConcurrencyChart::Geometry ConcurrencyChart::geometry(const QRect& area) const
{
    const QFontMetrics fm(font());
    Geometry g;
    const int legendHeight = fm.height() + 8;
    const int leftAxis = fm.horizontalAdvance(QStringLiteral("0000")) + fm.height() + 12;
    const int rightAxis = fm.horizontalAdvance(QStringLiteral("100")) + fm.height() + 12;
    double left = area.left() + leftAxis;
    double right = area.right() + 1 - rightAxis;
    if (m_scale) {
        // exactly under the timeline's data area, so that one second sits at the same x in both
        left = area.left() + m_scale->dataLeft();
        right = area.left() + m_scale->dataRight();
        g.t0 = m_scale->visibleStart();
        g.t1 = m_scale->visibleEnd();
    } else {
        g.t0 = 0;
        g.t1 = std::max(0.01, m_end);
    }
    const double top = area.top() + legendHeight;
    // standing alone (an export), the chart carries its own time axis; under a timeline it shares that one's
    const double bottom = area.bottom() + 1 - kBottomMargin - (m_scale ? 0 : fm.height() + 6);
    g.plot = QRectF(left, top, std::max(10.0, right - left), std::max(10.0, bottom - top));

    g.unitsStep = unitsStepFor(m_mostUnits, g.plot.height(), fm.height());
    g.unitsTop = g.unitsStep * ((m_mostUnits + g.unitsStep - 1) / g.unitsStep);
    g.cpuAxis = std::any_of(m_series.begin(), m_series.end(),
                            [](const Series& s) { return s.percent && s.visible && !s.samples.empty(); });
    return g;
}

QPen ConcurrencyChart::penOf(const Series& s) const
{
    const QPalette& pal = palette();
    const bool dark = isDarkPalette(pal);
    switch (s.role) {
    case Role::Active:
    case Role::CompareB:
        return QPen(kindColor(UnitKind::Bin, pal), 1.6);
    case Role::Waiting:
        return QPen(criticalPathColor(pal), 1.5);
    case Role::Blocked:
        return QPen(kindColor(UnitKind::Lib, pal), 1.2, Qt::DashLine);
    case Role::Cpu:
        return QPen(dark ? QColor(0xc0, 0xc0, 0xc0) : QColor(0x55, 0x55, 0x55), 1.2, Qt::DotLine);
    case Role::CompareA:
        return QPen(blendColors(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.35), 1.6,
                    Qt::DashLine);
    }
    return QPen(pal.color(QPalette::Text));
}

QList<QRectF> ConcurrencyChart::legendRects(const QRect& area) const
{
    const QFontMetrics fm(font());
    const Geometry g = geometry(area);
    QList<QRectF> rects;
    double x = g.plot.left();
    for (const Series& s : m_series) {
        if (s.samples.empty()) {
            rects.append(QRectF());
            continue;
        }
        const double w = kSwatch + 6 + fm.horizontalAdvance(s.name);
        rects.append(QRectF(x, area.top() + 2, w, fm.height() + 4));
        x += w + 16;
    }
    return rects;
}

void ConcurrencyChart::paint(QPainter& p, const QRect& area) const
{
    const QPalette& pal = palette();
    const bool dark = isDarkPalette(pal);
    const QFontMetrics fm(font());
    const Geometry g = geometry(area);
    p.save();
    p.fillRect(area, pal.color(QPalette::Base));
    p.setFont(font());

    // units axis: grid lines on whole numbers, labels left of the plot, the title beside them
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(dark ? 90 : 80);
    const QColor text = pal.color(QPalette::Text);
    for (int v = 0; v <= g.unitsTop; v += g.unitsStep) {
        const double y = g.yOfUnits(v);
        p.setPen(QPen(v == 0 ? pal.color(QPalette::Mid) : grid, 1));
        p.drawLine(QPointF(g.plot.left(), y), QPointF(g.plot.right(), y));
        p.setPen(text);
        const QString label = QString::number(v);
        p.drawText(QRectF(g.plot.left() - 6 - fm.horizontalAdvance(label) - 2, y - fm.height() / 2.0,
                          fm.horizontalAdvance(label) + 2, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, label);
    }
    p.save();
    p.translate(g.plot.left() - 12 - fm.horizontalAdvance(QString::number(g.unitsTop)) - fm.ascent(),
                g.plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-g.plot.height() / 2, 0, g.plot.height(), fm.height()), Qt::AlignCenter, tr("units"));
    p.restore();
    if (g.cpuAxis) {
        for (int v : {0, 50, 100}) {
            const double y = g.yOfPercent(v);
            p.setPen(pal.color(QPalette::Mid));
            p.drawLine(QPointF(g.plot.right(), y), QPointF(g.plot.right() + 4, y));
            p.setPen(text);
            p.drawText(QRectF(g.plot.right() + 6, y - fm.height() / 2.0,
                              fm.horizontalAdvance(QStringLiteral("100")) + 2, fm.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, QString::number(v));
        }
        p.save();
        p.translate(g.plot.right() + 10 + fm.horizontalAdvance(QStringLiteral("100")) + fm.ascent(),
                    g.plot.center().y());
        p.rotate(90);
        p.drawText(QRectF(-g.plot.height() / 2, 0, g.plot.height(), fm.height()), Qt::AlignCenter,
                   tr("CPU %"));
        p.restore();
    }

    if (!m_scale) {
        const double step = secondsStepFor(g.plot.width() / std::max(1e-9, g.t1 - g.t0), 70);
        const int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
        for (double t = 0; t <= g.t1 + 1e-9; t += step) {
            const double x = g.xOf(t);
            p.setPen(pal.color(QPalette::Mid));
            p.drawLine(QPointF(x, g.plot.bottom()), QPointF(x, g.plot.bottom() + 4));
            p.setPen(text);
            const QString label = tr("%1 s").arg(t, 0, 'f', decimals);
            const double w = fm.horizontalAdvance(label) + 4;
            p.drawText(QRectF(x - w / 2, g.plot.bottom() + 5, w, fm.height()), Qt::AlignCenter, label);
        }
    }

    // the series, clipped to the plot (a line on the zero row stays whole)
    p.save();
    p.setClipRect(g.plot.adjusted(0, -1, 0, 1), Qt::IntersectClip);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const Series& s : m_series) {
        if (!s.visible || s.samples.empty())
            continue;
        const QPen pen = penOf(s);
        if (s.percent) {
            QList<QPointF> line;
            for (const QPointF& v : s.samples)
                if (v.x() >= g.t0 - (g.t1 - g.t0) && v.x() <= g.t1 + (g.t1 - g.t0))
                    line.append(QPointF(g.xOf(v.x()), g.yOfPercent(std::clamp(v.y(), 0.0, 100.0))));
            p.setPen(pen);
            p.drawPolyline(line.constData(), int(line.size()));
            continue;
        }
        // a step that holds each count until the next sample; only the samples near the visible seconds
        auto lo = std::lower_bound(s.samples.begin(), s.samples.end(), g.t0,
                                   [](const QPointF& v, double t) { return v.x() < t; });
        if (lo != s.samples.begin())
            --lo;
        auto hi =
            std::upper_bound(lo, s.samples.end(), g.t1, [](double t, const QPointF& v) { return t < v.x(); });
        if (hi != s.samples.end())
            ++hi;
        // At most one vertical run per half pixel: the count on entering it, its lowest and highest, and the
        // count it leaves with. A 50,000-unit build has a hundred thousand changes; drawn one by one they
        // took seconds, and the raster engine refused the area as too complex to fill.
        QList<QPointF> line;
        double previous = lo == s.samples.begin() ? 0.0 : lo->y();
        bool open = false;
        double runX = 0, entry = 0, low = 0, high = 0;
        auto flush = [&] {
            if (!open)
                return;
            for (double v : {entry, entry > low ? low : high, entry > low ? high : low, previous})
                if (line.isEmpty() || line.back() != QPointF(runX, g.yOfUnits(v)))
                    line.append(QPointF(runX, g.yOfUnits(v)));
        };
        for (auto it = lo; it != hi; ++it) {
            const double x = g.xOf(it->x());
            if (!open || x - runX >= 0.5) {
                flush();
                open = true;
                runX = x;
                entry = low = high = previous;
            }
            low = std::min(low, it->y());
            high = std::max(high, it->y());
            previous = it->y();
        }
        flush();
        if (hi == s.samples.end() && previous != 0) {
            const double x = g.xOf(std::max(s.end, s.samples.back().x()));
            line.append(QPointF(x, g.yOfUnits(previous)));
            line.append(QPointF(x, g.yOfUnits(0)));
        }
        if (line.isEmpty())
            continue;
        // Dense runs (several points a pixel) are drawn with a thin cosmetic pen and no antialiasing: the
        // stroker turned a wide pen over a 50,000-unit build into a polygon that took a quarter of a second
        // to fill, for edges too close together to smooth.
        const bool dense = line.size() > 2 * g.plot.width();
        p.setRenderHint(QPainter::Antialiasing, !dense);
        if (s.role == Role::Active) {
            QColor fill = pen.color();
            fill.setAlpha(dark ? 90 : 110);
            p.setPen(Qt::NoPen);
            p.setBrush(fill);
            if (dense) {
                // The line only steps, so the area under it is a rectangle between each two x positions:
                // filled as such, a 50,000-unit build's first paint took 7 ms (the polygon's: 50 ms).
                QList<QRectF> bars;
                const double zero = g.yOfUnits(0);
                for (qsizetype i = 0; i + 1 < line.size(); ++i)
                    if (line[i + 1].x() > line[i].x())
                        bars.append(
                            QRectF(QPointF(line[i].x(), line[i].y()), QPointF(line[i + 1].x(), zero)));
                p.drawRects(bars.constData(), int(bars.size()));
            } else {
                QPolygonF area(line);
                area.append(QPointF(line.back().x(), g.yOfUnits(0)));
                area.append(QPointF(line.front().x(), g.yOfUnits(0)));
                p.drawPolygon(area);
            }
            p.setBrush(Qt::NoBrush);
        }
        QPen linePen = pen;
        if (dense) {
            linePen.setWidthF(1);
            linePen.setCosmetic(true);
        }
        p.setPen(linePen);
        p.drawPolyline(line.constData(), int(line.size()));
    }
    p.restore();

    // the legend above the plot: a click shows or hides a series
    const QList<QRectF> legend = legendRects(area);
    for (qsizetype i = 0; i < legend.size(); ++i) {
        const QRectF r = legend[i];
        if (r.isNull())
            continue;
        const Series& s = m_series[static_cast<std::size_t>(i)];
        QPen pen = penOf(s);
        QColor label = text;
        if (!s.visible) {
            label.setAlpha(110);
            QColor c = pen.color();
            c.setAlpha(90);
            pen.setColor(c);
        }
        const double cy = r.center().y();
        if (s.role == Role::Active) {
            QColor fill = pen.color();
            fill.setAlpha(s.visible ? 110 : 40);
            p.fillRect(QRectF(r.left(), cy - 5, kSwatch, 10), fill);
        }
        p.setPen(pen);
        p.drawLine(QPointF(r.left(), cy), QPointF(r.left() + kSwatch, cy));
        QFont f = font();
        f.setStrikeOut(!s.visible);
        p.setFont(f);
        p.setPen(label);
        p.drawText(QRectF(r.left() + kSwatch + 6, r.top(), r.width() - kSwatch - 6, r.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, s.name);
        p.setFont(font());
    }

    // the cursor shared with the timeline, and the values under it in a box at the plot's top right
    const double t = cursorTime();
    if (!std::isnan(t) && !m_series.empty()) {
        const double x = std::floor(g.xOf(t)) + 0.5;
        if (x >= g.plot.left() && x <= g.plot.right()) {
            p.setPen(QPen(text, 1, Qt::DashLine));
            p.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()));
            const QString readout = readoutText();
            const double w = fm.horizontalAdvance(readout) + 12;
            const QRectF box(std::max(g.plot.left(), g.plot.right() - w), g.plot.top() + 2,
                             std::min(w, g.plot.width()), fm.height() + 4);
            QColor back = pal.color(QPalette::Base);
            back.setAlpha(225);
            p.fillRect(box, back);
            p.setPen(text);
            p.drawText(box.adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::AlignRight,
                       fm.elidedText(readout, Qt::ElideLeft, int(box.width()) - 12));
        }
    }
    p.restore();
}

double ConcurrencyChart::valueAt(const Series& s, double t) const
{
    if (s.samples.empty())
        return std::nan("");
    if (s.percent) {
        // a CPU sample covers the time up to its t
        auto c = std::lower_bound(s.samples.begin(), s.samples.end(), t,
                                  [](const QPointF& v, double x) { return v.x() < x; });
        return c == s.samples.end() ? std::nan("") : c->y();
    }
    if (t > s.end && t > s.samples.back().x())
        return 0;
    auto it = std::upper_bound(s.samples.begin(), s.samples.end(), t,
                               [](double x, const QPointF& v) { return x < v.x(); });
    return it == s.samples.begin() ? 0 : std::prev(it)->y();
}

double ConcurrencyChart::cursorTime() const
{
    return m_scale ? m_scale->cursorTime() : m_ownCursor;
}

QString ConcurrencyChart::readoutText() const
{
    const double t = cursorTime();
    if (std::isnan(t))
        return {};
    QStringList parts{tr("%1 s").arg(t, 0, 'f', 2)};
    for (const Series& s : m_series) {
        if (!s.visible)
            continue;
        const double v = valueAt(s, t);
        if (!std::isnan(v))
            parts << s.readout.arg(v, 0, 'f', 0);
    }
    return parts.join(QStringLiteral("  ·  "));
}

void ConcurrencyChart::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paint(p, rect());
}

int ConcurrencyChart::legendHit(const QPoint& pos) const
{
    const QList<QRectF> rects = legendRects(rect());
    for (qsizetype i = 0; i < rects.size(); ++i)
        if (rects[i].adjusted(-4, -2, 4, 2).contains(pos))
            return int(i);
    return -1;
}

void ConcurrencyChart::mouseMoveEvent(QMouseEvent* event)
{
    const Geometry g = geometry(rect());
    const QPointF pos = event->position();
    double t = std::nan("");
    if (!m_series.empty() && pos.x() >= g.plot.left() && pos.x() <= g.plot.right())
        t = g.t0 + (pos.x() - g.plot.left()) / g.plot.width() * (g.t1 - g.t0);
    if (m_scale) {
        m_scale->setCursorTime(t);
    } else {
        m_ownCursor = t;
        update();
    }
    setCursor(legendHit(event->position().toPoint()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void ConcurrencyChart::mousePressEvent(QMouseEvent* event)
{
    const int hit = legendHit(event->position().toPoint());
    if (hit >= 0 && event->button() == Qt::LeftButton) {
        setSeriesVisible(hit, !isSeriesVisible(hit));
        return;
    }
    QWidget::mousePressEvent(event);
}

void ConcurrencyChart::leaveEvent(QEvent* event)
{
    if (m_scale)
        m_scale->setCursorTime(std::nan(""));
    m_ownCursor = std::nan("");
    update();
    QWidget::leaveEvent(event);
}

} // namespace bl
