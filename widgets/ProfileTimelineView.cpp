#include "ProfileTimelineView.h"

#include "DragPan.h"
#include "ItemTooltip.h"
#include "KindColors.h"

#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace bl {

namespace {

// The horizontal scroll bar counts pixels in an int; stay well inside its range at the deepest zoom.
constexpr double kMaxContentPixels = 1.0e9;
constexpr double kMaxPixelsPerNs = 1.0;

QString tickLabel(double ns, double stepNs)
{
    const double stepMs = stepNs / 1e6;
    const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(stepMs) - 1e-9)), 0, 6);
    return QStringLiteral("%L1 ms").arg(ns / 1e6, 0, 'f', decimals);
}

// A tick step of 1, 2 or 5 times a power of ten nanoseconds with room for the widest label (the one of the
// latest time, with the decimals that step needs) between two ticks.
double tickStepNs(const QFontMetrics& fm, double pxPerNs, double maxNs)
{
    for (double decade = 1; decade < 1e15; decade *= 10)
        for (double m : {1.0, 2.0, 5.0})
            if (m * decade * pxPerNs >= 60 &&
                m * decade * pxPerNs >= fm.horizontalAdvance(tickLabel(maxNs, m * decade)) + 24)
                return m * decade;
    return 1e15;
}

QString formatDuration(double ns)
{
    if (ns >= 1e6)
        return QStringLiteral("%L1 ms").arg(ns / 1e6, 0, 'f', 2);
    if (ns >= 1e3)
        return QStringLiteral("%L1 µs").arg(ns / 1e3, 0, 'f', 1);
    return QStringLiteral("%L1 ns").arg(ns, 0, 'f', 0);
}

} // namespace

ProfileTimelineView::ProfileTimelineView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    updateMetrics();
}

ProfileTimelineView::~ProfileTimelineView() = default;

QSize ProfileTimelineView::sizeHint() const
{
    return {900, 420};
}

void ProfileTimelineView::updateMetrics()
{
    const QFontMetrics fm(font());
    m_rowHeight = fm.height() + 4;
    m_rulerHeight = fm.height() + 10;
    int widest = fm.horizontalAdvance(tr("Threads (000)"));
    if (m_profile) {
        for (std::uint32_t id : m_profile->threadIds)
            widest = std::max(widest, fm.horizontalAdvance(tr("Thread %1").arg(id)));
        widest = std::max(widest,
                          fm.horizontalAdvance(tr("Events: %L1").arg(qulonglong(m_rows->rowEvents.size()))));
    }
    m_labelWidth = std::clamp(widest + 20, 110, 260);
    // lanes stacked top-down, each as tall as its thread's deepest nesting, with a gap between
    m_laneY.assign(1, kLaneGap / 2);
    for (std::size_t t = 0; t + 1 < m_rows->laneFirstRow.size(); ++t)
        m_laneY.push_back(m_laneY.back() + laneRows(static_cast<int>(t)) * m_rowHeight + kLaneGap);
}

void ProfileTimelineView::setProfile(std::shared_ptr<const SelfProfile> profile,
                                     std::shared_ptr<const ProfileRows> rows)
{
    m_profile = std::move(profile);
    m_selected = -1;
    m_hover = -1;
    m_colors.assign(m_profile ? static_cast<std::size_t>(m_profile->strings.size()) : 0, 0);
    if (!m_profile)
        m_rows = std::make_shared<const ProfileRows>();
    else if (rows)
        m_rows = std::move(rows);
    else
        m_rows = std::make_shared<const ProfileRows>(buildProfileRows(*m_profile));
    updateMetrics();
    updateMatches();
    m_fitted = true;
    verticalScrollBar()->setValue(0);
    fitToWindow();
}

int ProfileTimelineView::laneRows(int thread) const
{
    if (thread < 0 || thread + 1 >= static_cast<int>(m_rows->laneFirstRow.size()))
        return 0;
    return m_rows->laneFirstRow[thread + 1] - m_rows->laneFirstRow[thread];
}

int ProfileTimelineView::laneTop(int thread) const
{
    if (thread < 0 || thread >= static_cast<int>(m_laneY.size()))
        return 0;
    return m_rulerHeight - verticalScrollBar()->value() + m_laneY[thread];
}

int ProfileTimelineView::contentHeight() const
{
    return m_laneY.empty() ? 0 : m_laneY.back();
}

int ProfileTimelineView::dataWidth() const
{
    return std::max(10, viewport()->width() - m_labelWidth - kRightPadding);
}

double ProfileTimelineView::visibleStart() const
{
    return m_rows->rangeStart + horizontalScrollBar()->value() / m_pxPerNs;
}

double ProfileTimelineView::visibleEnd() const
{
    return visibleStart() + dataWidth() / m_pxPerNs;
}

double ProfileTimelineView::xForTime(double ns) const
{
    return m_labelWidth + (ns - visibleStart()) * m_pxPerNs;
}

double ProfileTimelineView::timeForX(double x) const
{
    return visibleStart() + (x - m_labelWidth) / m_pxPerNs;
}

QRectF ProfileTimelineView::eventRect(int event) const
{
    if (!m_profile || event < 0 || event >= static_cast<int>(m_profile->intervals.size()))
        return {};
    const ProfileIntervals& iv = m_profile->intervals;
    // the lane is the event's position among the thread ranges, its row the depth
    const int lanes = static_cast<int>(m_rows->laneFirstRow.size()) - 1;
    const int thread =
        std::clamp(static_cast<int>(
                       std::upper_bound(iv.threadBegin.begin(), iv.threadBegin.end(), std::uint32_t(event)) -
                       iv.threadBegin.begin()) -
                       1,
                   0, std::max(0, lanes - 1));
    if (lanes <= 0)
        return {};
    int depth = 0;
    if (iv.depth.size() == iv.size()) {
        depth = iv.depth[event];
    } else { // no recorded depths: find the event in its lane's rows
        for (int r = m_rows->laneFirstRow[thread]; r < m_rows->laneFirstRow[thread + 1]; ++r)
            if (std::binary_search(m_rows->rowEvents.begin() + m_rows->rowBegin[r],
                                   m_rows->rowEvents.begin() + m_rows->rowBegin[r + 1], std::uint32_t(event)))
                depth = r - m_rows->laneFirstRow[thread];
    }
    const double x0 = xForTime(static_cast<double>(iv.start[event]));
    const double x1 = xForTime(static_cast<double>(iv.end[event]));
    return QRectF(x0, laneTop(thread) + depth * m_rowHeight, x1 - x0, m_rowHeight);
}

std::size_t ProfileTimelineView::firstStartingAtOrAfter(int row, std::size_t from, double ns) const
{
    const auto begin = m_rows->rowEvents.begin() + m_rows->rowBegin[row];
    const auto end = m_rows->rowEvents.begin() + m_rows->rowBegin[row + 1];
    const auto& start = m_profile->intervals.start;
    return std::partition_point(begin + from, end, [&](std::uint32_t e) { return double(start[e]) < ns; }) -
           begin;
}

int ProfileTimelineView::eventAt(const QPoint& pos) const
{
    if (!m_profile || pos.x() < m_labelWidth || pos.y() < m_rulerHeight || m_laneY.size() < 2)
        return -1;
    const int y = pos.y() - m_rulerHeight + verticalScrollBar()->value();
    const int lane =
        static_cast<int>(std::upper_bound(m_laneY.begin(), m_laneY.end(), y) - m_laneY.begin()) - 1;
    if (lane < 0 || lane + 1 >= static_cast<int>(m_laneY.size()))
        return -1;
    const int depth = (y - m_laneY[lane]) / m_rowHeight;
    if (depth >= laneRows(lane))
        return -1;
    const int row = m_rows->laneFirstRow[lane] + depth;
    const std::size_t count = m_rows->rowBegin[row + 1] - m_rows->rowBegin[row];
    if (count == 0)
        return -1;
    const ProfileIntervals& iv = m_profile->intervals;
    const std::uint32_t* ev = m_rows->rowEvents.data() + m_rows->rowBegin[row];
    // the event under the cursor, else (tiny events) the nearest within a few pixels
    const double t = timeForX(pos.x() + 0.5);
    const std::size_t after = firstStartingAtOrAfter(row, 0, std::nextafter(t, HUGE_VAL));
    const double slack = 3.0 / m_pxPerNs;
    int best = -1;
    double bestDistance = slack;
    if (after > 0) {
        const std::uint32_t e = ev[after - 1];
        const double d = std::max(0.0, t - double(iv.end[e]));
        if (d <= bestDistance) {
            best = int(e);
            bestDistance = d;
        }
    }
    if (after < count) {
        const std::uint32_t e = ev[after];
        const double d = double(iv.start[e]) - t;
        if (d < bestDistance)
            best = int(e);
    }
    return best;
}

bool ProfileTimelineView::isMatch(int event) const
{
    if (!m_profile || m_search.isEmpty() || event < 0 ||
        event >= static_cast<int>(m_profile->intervals.size()))
        return false;
    const ProfileIntervals& iv = m_profile->intervals;
    const std::uint32_t label = iv.label[event];
    const std::uint32_t args = event < static_cast<int>(iv.args.size()) ? iv.args[event] : 0;
    return (label < m_stringMatch.size() && m_stringMatch[label]) ||
           (args != 0 && args < m_stringMatch.size() && m_stringMatch[args]);
}

void ProfileTimelineView::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    updateMatches();
    emit searchMatchesChanged(m_matchCount);
    viewport()->update();
}

void ProfileTimelineView::updateMatches()
{
    m_stringMatch.clear();
    m_matchesBefore.clear();
    m_matchCount = 0;
    if (!m_profile || m_search.isEmpty())
        return;
    // labels and arguments alike: searching for a function finds the queries run on it
    m_stringMatch.resize(static_cast<std::size_t>(m_profile->strings.size()));
    for (qsizetype i = 1; i < m_profile->strings.size(); ++i)
        m_stringMatch[i] = m_profile->strings[i].contains(m_search, Qt::CaseInsensitive);
    // per row a running count, so a merged span can tell whether it hides a match without visiting its events
    const std::size_t rows = m_rows->rowBegin.size() - 1;
    m_matchesBefore.resize(m_rows->rowEvents.size() + rows);
    for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t base = m_rows->rowBegin[r] + r;
        std::uint32_t running = 0;
        m_matchesBefore[base] = 0;
        for (std::size_t k = m_rows->rowBegin[r]; k < m_rows->rowBegin[r + 1]; ++k) {
            running += isMatch(static_cast<int>(m_rows->rowEvents[k]));
            m_matchesBefore[base + (k - m_rows->rowBegin[r]) + 1] = running;
        }
        m_matchCount += static_cast<int>(running);
    }
}

QRgb ProfileTimelineView::colorOf(std::uint32_t label) const
{
    if (label >= m_colors.size())
        return profileLabelColor(QStringView(), palette()).rgb();
    QRgb& c = m_colors[label];
    if (c == 0)
        c = profileLabelColor(m_profile->strings[label], palette()).rgb();
    return c;
}

void ProfileTimelineView::updateScrollBars()
{
    const double content = (m_rows->rangeEnd - m_rows->rangeStart) * m_pxPerNs;
    QScrollBar* h = horizontalScrollBar();
    h->setRange(0, std::max(0, static_cast<int>(std::ceil(content)) - dataWidth()));
    h->setPageStep(dataWidth());
    h->setSingleStep(std::max(1, dataWidth() / 20));
    QScrollBar* v = verticalScrollBar();
    const int visible = std::max(1, viewport()->height() - m_rulerHeight);
    v->setRange(0, std::max(0, contentHeight() - visible));
    v->setPageStep(visible);
    v->setSingleStep(m_rowHeight);
}

void ProfileTimelineView::fitToWindow()
{
    m_pxPerNs = dataWidth() / (m_rows->rangeEnd - m_rows->rangeStart);
    m_fitted = true;
    updateScrollBars();
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

void ProfileTimelineView::zoomBy(double factor)
{
    const QPoint p = viewport()->mapFromGlobal(QCursor::pos());
    const bool inData = viewport()->rect().contains(p) && p.x() > m_labelWidth;
    zoomAt(factor, inData ? p.x() : m_labelWidth + dataWidth() / 2.0);
}

void ProfileTimelineView::zoomAt(double factor, double anchorX)
{
    const double span = m_rows->rangeEnd - m_rows->rangeStart;
    const double fit = dataWidth() / span;
    const double maxPps = std::max(fit, std::min(kMaxPixelsPerNs, kMaxContentPixels / span));
    const double pps = std::clamp(m_pxPerNs * factor, fit, maxPps);
    if (pps == m_pxPerNs)
        return;
    const double anchorT = timeForX(anchorX);
    m_pxPerNs = pps;
    m_fitted = std::abs(pps - fit) < 1e-12 * fit;
    updateScrollBars();
    const double t0 = anchorT - (anchorX - m_labelWidth) / m_pxPerNs;
    horizontalScrollBar()->setValue(
        static_cast<int>(std::lround(std::max(0.0, t0 - m_rows->rangeStart) * m_pxPerNs)));
    viewport()->update();
}

void ProfileTimelineView::zoomToRange(double startNs, double endNs)
{
    if (!(endNs > startNs))
        return;
    const double span = m_rows->rangeEnd - m_rows->rangeStart;
    const double fit = dataWidth() / span;
    const double maxPps = std::max(fit, std::min(kMaxPixelsPerNs, kMaxContentPixels / span));
    m_pxPerNs = std::clamp(dataWidth() / (endNs - startNs), fit, maxPps);
    m_fitted = m_pxPerNs <= fit;
    updateScrollBars();
    horizontalScrollBar()->setValue(
        static_cast<int>(std::lround(std::max(0.0, startNs - m_rows->rangeStart) * m_pxPerNs)));
    viewport()->update();
}

void ProfileTimelineView::selectEvent(int event)
{
    if (!m_profile || event >= static_cast<int>(m_profile->intervals.size()))
        event = -1;
    if (event == m_selected)
        return;
    m_selected = event;
    if (event >= 0) {
        const QRectF r = eventRect(event);
        QScrollBar* v = verticalScrollBar();
        if (r.top() < m_rulerHeight || r.bottom() > viewport()->height())
            v->setValue(v->value() + static_cast<int>(r.top()) - m_rulerHeight -
                        (viewport()->height() - m_rulerHeight) / 2);
        if (r.right() < m_labelWidth || r.left() > m_labelWidth + dataWidth()) {
            const double mid =
                m_profile->intervals.start[event] / 2.0 + m_profile->intervals.end[event] / 2.0;
            horizontalScrollBar()->setValue(
                static_cast<int>(std::lround((mid - m_rows->rangeStart) * m_pxPerNs - dataWidth() / 2.0)));
        }
    }
    viewport()->update();
}

QString ProfileTimelineView::tooltipFor(int event) const
{
    if (!m_profile || event < 0 || event >= static_cast<int>(m_profile->intervals.size()))
        return {};
    const SelfProfile& prof = *m_profile;
    const ProfileIntervals& iv = prof.intervals;
    auto text = [&](std::uint32_t index) {
        return index < static_cast<std::uint32_t>(prof.strings.size()) ? prof.strings[index] : QString();
    };
    QString html = QStringLiteral("<b>%1</b>").arg(text(iv.label[event]).toHtmlEscaped());
    const std::uint32_t args = std::size_t(event) < iv.args.size() ? iv.args[event] : 0;
    if (args != 0) {
        QString a = text(args);
        if (a.size() > 240) // generic arguments can run for pages
            a = a.left(240) + QStringLiteral("…");
        html += QStringLiteral("<br><tt>%1</tt>").arg(a.toHtmlEscaped());
    }
    const std::uint8_t kind = std::size_t(event) < iv.kind.size() ? iv.kind[event] : 0;
    if (kind < prof.kinds.size())
        html += QStringLiteral("<br>%1").arg(prof.kinds[kind].toHtmlEscaped());
    const double start = static_cast<double>(iv.start[event]);
    const double end = static_cast<double>(iv.end[event]);
    html += tr("<br>Start %1, duration <b>%2</b>")
                .arg(QStringLiteral("%L1 ms").arg(start / 1e6, 0, 'f', 3),
                     formatDuration(std::max(0.0, end - start)));
    return html;
}

void ProfileTimelineView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_fitted)
        fitToWindow();
    else
        updateScrollBars();
}

void ProfileTimelineView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void ProfileTimelineView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateMetrics();
        updateScrollBars();
    }
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        std::fill(m_colors.begin(), m_colors.end(), 0); // light and dark themes use different shades
}

bool ProfileTimelineView::viewportEvent(QEvent* event)
{
    if (showItemTooltip(
            event, viewport(), [this](const QPoint& p) { return eventAt(p); },
            [this](int i) { return tooltipFor(i); }))
        return true;
    return QAbstractScrollArea::viewportEvent(event);
}

void ProfileTimelineView::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta.y() != 0) {
            const double x = event->position().x();
            zoomAt(std::pow(1.25, delta.y() / 120.0),
                   x > m_labelWidth ? x : m_labelWidth + dataWidth() / 2.0);
        }
        event->accept();
        return;
    }
    if (DragPan::shiftWheel(event, this))
        return;
    QAbstractScrollArea::wheelEvent(event);
}

void ProfileTimelineView::mousePressEvent(QMouseEvent* event)
{
    if (!m_pan.press(event))
        QAbstractScrollArea::mousePressEvent(event);
}

void ProfileTimelineView::mouseMoveEvent(QMouseEvent* event)
{
    m_pan.move(event, this);
    const int hover = m_pan.dragging() ? -1 : eventAt(event->pos());
    if (hover != m_hover) {
        m_hover = hover;
        viewport()->update();
    }
}

void ProfileTimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    if (m_pan.release(this) && event->button() == Qt::LeftButton) {
        const int e = eventAt(event->pos());
        selectEvent(e);
        if (e >= 0)
            emit eventActivated(e);
    }
    event->accept();
}

void ProfileTimelineView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int e = event->button() == Qt::LeftButton ? eventAt(event->pos()) : -1;
    if (e < 0) {
        QAbstractScrollArea::mouseDoubleClickEvent(event);
        return;
    }
    // the event with a little room either side
    const double start = static_cast<double>(m_profile->intervals.start[e]);
    const double end = static_cast<double>(m_profile->intervals.end[e]);
    const double pad = std::max(1.0, (end - start) * 0.05);
    zoomToRange(start - pad, end + pad);
    event->accept();
}

void ProfileTimelineView::leaveEvent(QEvent* event)
{
    if (m_hover >= 0) {
        m_hover = -1;
        viewport()->update();
    }
    QAbstractScrollArea::leaveEvent(event);
}

void ProfileTimelineView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.5);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / 1.5);
        return;
    case Qt::Key_F:
        fitToWindow();
        return;
    case Qt::Key_Escape:
        selectEvent(-1);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

ProfileTimelineView::PaintParams ProfileTimelineView::viewportParams() const
{
    PaintParams pp;
    pp.area = viewport()->rect();
    pp.pxPerNs = m_pxPerNs;
    pp.t0 = visibleStart();
    pp.firstLaneY = m_rulerHeight - verticalScrollBar()->value();
    pp.dataLeft = m_labelWidth;
    pp.dataRight = m_labelWidth + dataWidth();
    return pp;
}

void ProfileTimelineView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    paintTimeline(p, viewportParams());
}

ProfileTimelineView::PaintParams ProfileTimelineView::renderParams(const QRect& target) const
{
    PaintParams pp;
    pp.area = target;
    pp.dataLeft = target.left() + m_labelWidth;
    pp.dataRight = std::max(pp.dataLeft + 10, target.left() + target.width() - kRightPadding);
    pp.t0 = visibleStart();
    pp.pxPerNs = (pp.dataRight - pp.dataLeft) / std::max(1.0, visibleEnd() - visibleStart());
    pp.firstLaneY = target.top() + m_rulerHeight;
    return pp;
}

void ProfileTimelineView::render(QPainter& painter, const QRect& target)
{
    painter.save();
    painter.setClipRect(target, Qt::IntersectClip);
    paintTimeline(painter, renderParams(target));
    painter.restore();
}

void ProfileTimelineView::renderRuler(QPainter& painter, const QRect& target)
{
    paintRuler(painter, renderParams(target));
}

void ProfileTimelineView::paintRuler(QPainter& p, const PaintParams& pp) const
{
    const QPalette& pal = palette();
    const QRect ruler(pp.area.left(), pp.area.top(), pp.area.width(), m_rulerHeight);
    p.fillRect(ruler, pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(ruler.bottomLeft(), ruler.bottomRight());
    p.setPen(pal.color(QPalette::WindowText));
    const int threads = std::max(0, static_cast<int>(m_rows->laneFirstRow.size()) - 1);
    p.drawText(QRect(ruler.left() + 6, ruler.top(), m_labelWidth - 12, ruler.height()),
               Qt::AlignVCenter | Qt::AlignLeft, tr("Threads (%1)").arg(threads));
    p.save();
    p.setClipRect(QRect(pp.dataLeft - 40, ruler.top(), pp.area.right() - pp.dataLeft + 40, ruler.height()),
                  Qt::IntersectClip);
    const QFontMetrics fm(font());
    // ticks far enough apart for their labels, whatever the zoom
    const double step = tickStepNs(fm, pp.pxPerNs, m_rows->rangeEnd);
    const double tEnd = pp.t0 + (pp.area.right() - pp.dataLeft) / pp.pxPerNs;
    for (double t = std::floor(pp.t0 / step) * step; t <= tEnd + step; t += step) {
        const double x = pp.dataLeft + (t - pp.t0) * pp.pxPerNs;
        if (x < pp.dataLeft - 0.5)
            continue;
        p.drawLine(QPointF(x, ruler.bottom() - 5), QPointF(x, ruler.bottom()));
        const QString label = tickLabel(t, step);
        const int w = fm.horizontalAdvance(label);
        p.drawText(QRectF(x - w / 2.0 - 2, ruler.top(), w + 4, ruler.height() - 6), Qt::AlignCenter, label);
    }
    p.restore();
}

void ProfileTimelineView::paintRow(QPainter& p, const PaintParams& pp, int row, int y) const
{
    const std::size_t count = m_rows->rowBegin[row + 1] - m_rows->rowBegin[row];
    if (count == 0)
        return;
    const ProfileIntervals& iv = m_profile->intervals;
    const std::uint32_t* ev = m_rows->rowEvents.data() + m_rows->rowBegin[row];
    const QPalette& pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const bool searching = !m_search.isEmpty();
    const QFontMetrics fm(font());
    const int minLabelWidth = fm.horizontalAdvance(QStringLiteral("Mm…")) + 6;
    const int h = m_rowHeight - 1;
    const double left = pp.dataLeft;
    const double right = pp.area.left() + pp.area.width();
    auto xOf = [&](double ns) {
        return pp.dataLeft + (ns - pp.t0) * pp.pxPerNs;
    };
    auto timeAt = [&](double x) {
        return pp.t0 + (x - pp.dataLeft) / pp.pxPerNs;
    };
    // whole pixels, clamped just outside the data area so that deep zooms never overflow a QRect
    auto pixel = [&](double x) {
        return static_cast<int>(std::lround(std::clamp(x, left - 2, right + 2)));
    };

    const double tLeft = timeAt(left);
    const double tRight = timeAt(right);
    std::size_t k = firstStartingAtOrAfter(row, 0, tLeft);
    // events of one depth do not overlap: only the one before can reach into view
    if (k > 0 && double(iv.end[ev[k - 1]]) > tLeft)
        --k;

    while (k < count && double(iv.start[ev[k]]) <= tRight) {
        const std::uint32_t e = ev[k];
        const double x0 = xOf(double(iv.start[e]));
        const double x1 = xOf(double(iv.end[e]));
        if (x1 - x0 >= 1.0) {
            const int ix0 = pixel(x0);
            int w = std::max(1, pixel(x1) - ix0);
            if (w >= 3)
                --w; // a one-pixel gap keeps neighbours apart
            QColor fill = QColor::fromRgb(colorOf(iv.label[e]));
            QColor textColor = textColorOn(fill);
            const bool match = searching && isMatch(int(e));
            if (searching && !match) {
                fill = blendColors(fill, base, 0.72);
                textColor = blendColors(textColorOn(fill), fill, 0.45);
            }
            const QRect r(ix0, y, w, h);
            p.fillRect(r, fill);
            if (int(e) == m_selected) {
                p.setPen(QPen(pal.color(QPalette::Highlight), 2));
                p.drawRect(QRectF(r).adjusted(1, 1, -1, -1));
            } else if ((match || int(e) == m_hover) && w >= 6) { // not over the colour of a sliver
                p.setPen(QPen(pal.color(QPalette::Text), 1));
                p.drawRect(r.adjusted(0, 0, -1, -1));
            }
            // the label stays in view while the event's start is scrolled off to the left
            const int textLeft = std::max(ix0, pp.dataLeft) + 3;
            const int textRight = std::min(ix0 + w, pp.dataRight + kRightPadding) - 3;
            if (textRight - textLeft >= minLabelWidth - 6) {
                p.setPen(textColor);
                p.drawText(QRect(textLeft, y, textRight - textLeft, h), Qt::AlignVCenter | Qt::AlignLeft,
                           fm.elidedText(m_profile->strings.value(iv.label[e]), Qt::ElideRight,
                                         textRight - textLeft));
            }
            ++k;
            continue;
        }

        // A run of events narrower than a pixel, and gaps narrower than a pixel between them: one span.
        // Binary search jumps over everything that starts inside the pixels already covered, so a row costs
        // about one search per painted pixel however many events it holds.
        const std::size_t first = k;
        const double spanLeft = x0;
        double spanRight = std::max(x1, x0 + 1.0);
        ++k;
        while (k < count) {
            const std::size_t j = firstStartingAtOrAfter(row, k, timeAt(spanRight));
            if (j > k) {
                const std::uint32_t last = ev[j - 1];
                const double lx0 = xOf(double(iv.start[last]));
                const double lx1 = xOf(double(iv.end[last]));
                if (lx1 - lx0 >= 1.0) { // a wide event starts under the span: it is painted on its own
                    if (j - 1 > k)
                        spanRight = std::max(spanRight, xOf(double(iv.end[ev[j - 2]])));
                    k = j - 1;
                    break;
                }
                spanRight = std::max(spanRight, lx1); // the last one started ends last (no overlaps)
                k = j;
                continue;
            }
            const std::uint32_t next = ev[k];
            const double nx0 = xOf(double(iv.start[next]));
            const double nx1 = xOf(double(iv.end[next]));
            if (nx1 - nx0 >= 1.0 || nx0 - spanRight >= 1.0)
                break;
            spanRight = std::max(nx1, nx0 + 1.0);
            ++k;
        }
        if (spanRight <= left || spanLeft >= right)
            continue;
        const int ix0 = pixel(spanLeft);
        const int w = std::max(1, pixel(spanRight) - ix0);
        if (!searching) {
            p.fillRect(QRect(ix0, y, w, h), profileAggregateColor(pal));
            continue;
        }
        // Searching: the span fades like any non-match, and the matches it hides are marked where they are.
        // The running match count finds the next one in a binary search; one mark per pixel at most.
        p.fillRect(QRect(ix0, y, w, h), blendColors(profileAggregateColor(pal), base, 0.72));
        const auto prefix =
            m_matchesBefore.begin() + static_cast<std::ptrdiff_t>(m_rows->rowBegin[row] + row);
        std::size_t m = first;
        while (m < k && prefix[k] > prefix[m]) {
            const std::size_t q = std::upper_bound(prefix + m + 1, prefix + k + 1, prefix[m]) - prefix - 1;
            const std::uint32_t hit = ev[q];
            const int mx0 = pixel(xOf(double(iv.start[hit])));
            const int mw = std::max(2, pixel(xOf(double(iv.end[hit]))) - mx0);
            p.fillRect(QRect(mx0, y, mw, h), searchMatchColor(pal));
            m = std::max(q + 1, firstStartingAtOrAfter(row, q + 1, timeAt(mx0 + mw)));
        }
    }
}

void ProfileTimelineView::paintTimeline(QPainter& p, const PaintParams& pp) const
{
    const QPalette& pal = palette();
    const bool dark = isDarkPalette(pal);
    p.fillRect(pp.area, pal.color(QPalette::Base));
    const QRect labels(pp.area.left(), pp.area.top() + m_rulerHeight, m_labelWidth,
                       pp.area.height() - m_rulerHeight);
    p.fillRect(labels, pal.color(QPalette::AlternateBase));

    if (!m_profile || m_rows->rowEvents.empty()) {
        paintRuler(p, pp);
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(pp.area.adjusted(m_labelWidth, m_rulerHeight, 0, 0), Qt::AlignCenter,
                   m_profile ? tr("This profile holds no interval events (a summary has no timeline)")
                             : tr("Open a self-profile to see its events in time"));
        return;
    }

    QRect dataClip(pp.dataLeft, pp.area.top() + m_rulerHeight, pp.area.right() - pp.dataLeft + 1,
                   pp.area.height() - m_rulerHeight);
    // an export paints a page's lanes at a time; SVG would keep the others although clipped away
    if (p.hasClipping())
        dataClip &= p.clipBoundingRect().toAlignedRect();
    const int lanes = static_cast<int>(m_rows->laneFirstRow.size()) - 1;

    // grid under the events, at the ruler's ticks
    const QFontMetrics fm(font());
    const double step = tickStepNs(fm, pp.pxPerNs, m_rows->rangeEnd);
    const double tEnd = pp.t0 + (pp.area.right() - pp.dataLeft) / pp.pxPerNs;
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(dark ? 70 : 50);
    p.setPen(grid);
    for (double t = std::floor(pp.t0 / step) * step; t <= tEnd; t += step) {
        const double x = pp.dataLeft + (t - pp.t0) * pp.pxPerNs;
        if (x >= pp.dataLeft)
            p.drawLine(QPointF(x, dataClip.top()), QPointF(x, dataClip.bottom()));
    }

    // lanes: separators and thread names, then the events of the rows in view
    QColor separator = pal.color(QPalette::Mid);
    separator.setAlpha(dark ? 140 : 110);
    QColor dim = pal.color(QPalette::Text);
    dim.setAlpha(150);
    p.save();
    p.setClipRect(QRect(pp.area.left(), dataClip.top(), pp.area.width(), dataClip.height()),
                  Qt::IntersectClip);
    p.setRenderHint(QPainter::Antialiasing, false);
    for (int t = 0; t < lanes; ++t) {
        const int top = pp.firstLaneY + m_laneY[t];
        const int rows = laneRows(t);
        const int bottom = top + rows * m_rowHeight;
        if (bottom + kLaneGap / 2 < dataClip.top() || top - kLaneGap / 2 > dataClip.bottom())
            continue;
        if (t > 0) {
            p.setPen(separator);
            const int y = top - kLaneGap / 2;
            p.drawLine(QPoint(pp.area.left(), y), QPoint(pp.area.right(), y));
        }
        const std::size_t events =
            m_rows->rowBegin[m_rows->laneFirstRow[t + 1]] - m_rows->rowBegin[m_rows->laneFirstRow[t]];
        const QString name = t < static_cast<int>(m_profile->threadIds.size())
                                 ? tr("Thread %1").arg(m_profile->threadIds[t])
                                 : tr("Thread %1").arg(t);
        // the name stays at the top of the lane's visible part while the lane scrolls by
        const int nameY = std::clamp(dataClip.top() + 2, top, std::max(top, bottom - m_rowHeight));
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(pp.area.left() + 8, nameY, m_labelWidth - 14, m_rowHeight),
                   Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(name, Qt::ElideRight, m_labelWidth - 14));
        if (bottom - nameY >= 2 * m_rowHeight) {
            p.setPen(dim);
            p.drawText(
                QRect(pp.area.left() + 8, nameY + m_rowHeight, m_labelWidth - 14, m_rowHeight),
                Qt::AlignVCenter | Qt::AlignLeft,
                fm.elidedText(tr("Events: %L1").arg(qulonglong(events)), Qt::ElideRight, m_labelWidth - 14));
        }
        p.save();
        p.setClipRect(dataClip, Qt::IntersectClip);
        const int firstDepth = std::max(0, (dataClip.top() - top) / m_rowHeight);
        const int lastDepth = std::min(rows - 1, (dataClip.bottom() - top) / m_rowHeight);
        for (int d = firstDepth; d <= lastDepth; ++d)
            paintRow(p, pp, m_rows->laneFirstRow[t] + d, top + d * m_rowHeight);
        p.restore();
    }
    p.restore();

    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(QPoint(pp.area.left() + m_labelWidth - 1, dataClip.top()),
               QPoint(pp.area.left() + m_labelWidth - 1, pp.area.bottom()));
    paintRuler(p, pp);
}

} // namespace bl
