#include "TimelineView.h"

#include "DragPan.h"
#include "ItemTooltip.h"
#include "KindColors.h"
#include "TimeScale.h"
#include "report/SummaryReport.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bl {

namespace {

constexpr double kMaxContentPixels = 1.0e9;

// A tick step of 1, 2 or 5 times a power of ten (or whole minutes) that puts ticks at least `minPx` apart.
double tickStep(double pxPerSec, double minPx)
{
    static const double steps[] = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5,  1,    2,   5,
                                   10,    15,    30,    60,   120,  300,  600, 900, 1800, 3600, 7200};
    for (double s : steps)
        if (s * pxPerSec >= minPx)
            return s;
    return 14400;
}

QString tickLabel(double t, double step)
{
    if (step >= 60) {
        const int total = static_cast<int>(std::lround(t));
        return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    }
    int decimals = 0;
    if (step < 0.01)
        decimals = 3;
    else if (step < 0.1)
        decimals = 2;
    else if (step < 1)
        decimals = 1;
    return QStringLiteral("%1 s").arg(t, 0, 'f', decimals);
}

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_scale(new TimeScale(this))
{
    setProperty("ownContextMenu", true); // its menu lists the unit under the mouse, then the widget's actions
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    connect(m_scale, &TimeScale::cursorChanged, viewport(), qOverload<>(&QWidget::update));
    updateMetrics();
}

TimelineView::~TimelineView() = default;

QSize TimelineView::sizeHint() const
{
    return {900, 420};
}

void TimelineView::updateMetrics()
{
    const QFontMetrics fm(font());
    m_rowHeight = fm.height() + 6;
    m_rulerHeight = fm.height() + 10;
    constexpr int kMinLabel = 140, kMaxLabel = 340;
    int widest = fm.horizontalAdvance(tr("Unit (00000)"));
    if (m_analysis) {
        // Shaping text is slow (50,000 labels took a third of a second): only the longest labels by
        // characters can be the widest, and the column stops growing at its maximum anyway.
        std::vector<std::pair<qsizetype, int>> byLength;
        byLength.reserve(m_rows.size());
        for (int unit : m_rows)
            byLength.emplace_back(m_analysis->run->units[unit].labelLength(), unit);
        const std::size_t measured = std::min<std::size_t>(byLength.size(), 256);
        std::partial_sort(byLength.begin(), byLength.begin() + std::ptrdiff_t(measured), byLength.end(),
                          std::greater<>());
        for (std::size_t i = 0; i < measured && widest + 20 < kMaxLabel; ++i)
            widest =
                std::max(widest, fm.horizontalAdvance(m_analysis->run->units[byLength[i].second].label()));
    }
    m_labelWidth = std::clamp(widest + 20, kMinLabel, kMaxLabel);
}

void TimelineView::setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_selected = -1;
    m_hover = -1;
    m_total = std::max(m_minimumSpan, m_analysis ? std::max(0.01, m_analysis->summary.wallSeconds) : 1.0);
    rebuildRows();
    updateMatches();
    m_fitted = true;
    fitToWindow();
}

void TimelineView::updateAnalysis(std::shared_ptr<const TimingsAnalysis> analysis)
{
    const int selected = m_selected;
    const bool fitted = m_fitted;
    const double start = timeForX(m_labelWidth);
    const double pps = m_pxPerSec;
    m_analysis = std::move(analysis);
    m_hover = -1;
    m_total = std::max(m_minimumSpan, m_analysis ? std::max(0.01, m_analysis->summary.wallSeconds) : 1.0);
    rebuildRows();
    updateMatches();
    m_selected = m_analysis && selected < static_cast<int>(m_analysis->run->units.size()) ? selected : -1;
    if (fitted) {
        fitToWindow();
    } else {
        updateScrollBars();
        setTimeWindow(start, pps);
    }
}

void TimelineView::setMarkedUnits(std::vector<char> marked)
{
    if (std::none_of(marked.begin(), marked.end(), [](char c) { return c != 0; }))
        marked.clear();
    if (marked == m_marked)
        return;
    m_marked = std::move(marked);
    viewport()->update();
}

void TimelineView::setMinimumSpan(double seconds)
{
    m_minimumSpan = seconds;
    const double total =
        std::max(m_minimumSpan, m_analysis ? std::max(0.01, m_analysis->summary.wallSeconds) : 1.0);
    if (total == m_total)
        return;
    m_total = total;
    if (m_fitted)
        fitToWindow();
    else
        updateScrollBars();
}

double TimelineView::clampedPixelsPerSecond(double pxPerSec) const
{
    // from the whole build fitted to the view up to a zoom whose content still fits a scroll bar's range
    const double fit = dataWidth() / m_total;
    const double maxPps = std::min(1.0e6, kMaxContentPixels / m_total);
    return std::clamp(pxPerSec, fit, std::max(fit, maxPps));
}

void TimelineView::setTimeWindow(double start, double pxPerSec)
{
    const double fit = dataWidth() / m_total;
    const double pps = clampedPixelsPerSecond(pxPerSec);
    const int value = static_cast<int>(std::lround(std::max(0.0, start) * pps));
    if (pps == m_pxPerSec && value == horizontalScrollBar()->value())
        return;
    m_pxPerSec = pps;
    m_fitted = std::abs(pps - fit) < 1e-9;
    updateScrollBars();
    horizontalScrollBar()->setValue(value);
    publishWindow();
    viewport()->update();
}

void TimelineView::setShowFresh(bool show)
{
    if (show == m_showFresh)
        return;
    m_showFresh = show;
    rebuildRows();
    updateMatches();
    updateScrollBars();
    viewport()->update();
}

void TimelineView::rebuildRows()
{
    m_rows.clear();
    m_rowOf.clear();
    if (m_analysis) {
        const auto& units = m_analysis->run->units;
        m_rowOf.assign(units.size(), -1);
        // Like cargo's own chart: in order of start, so the cascade of the build reads top-down.
        for (int i : m_analysis->byStart)
            if (m_showFresh || !units[std::size_t(i)].fresh)
                m_rows.push_back(i);
        for (int r = 0; r < static_cast<int>(m_rows.size()); ++r)
            m_rowOf[m_rows[r]] = r;
    }
    updateMetrics();
}

int TimelineView::dataWidth() const
{
    return std::max(10, viewport()->width() - m_labelWidth - kRightPadding);
}

double TimelineView::xForTime(double t) const
{
    const double t0 = horizontalScrollBar()->value() / m_pxPerSec;
    return m_labelWidth + (t - t0) * m_pxPerSec;
}

double TimelineView::timeForX(double x) const
{
    const double t0 = horizontalScrollBar()->value() / m_pxPerSec;
    return t0 + (x - m_labelWidth) / m_pxPerSec;
}

int TimelineView::rowOfUnit(int unit) const
{
    return unit >= 0 && unit < static_cast<int>(m_rowOf.size()) ? m_rowOf[unit] : -1;
}

QRectF TimelineView::barRect(int unit) const
{
    const int row = rowOfUnit(unit);
    if (row < 0)
        return {};
    const Unit& u = m_analysis->run->units[unit];
    const double y = m_rulerHeight - verticalScrollBar()->value() + row * m_rowHeight;
    const double x0 = xForTime(u.start);
    const double x1 = xForTime(u.end());
    return QRectF(x0, y + 3, x1 - x0, m_rowHeight - 6);
}

int TimelineView::unitAt(const QPoint& pos) const
{
    if (!m_analysis || pos.y() < m_rulerHeight)
        return -1;
    const int row = (pos.y() - m_rulerHeight + verticalScrollBar()->value()) / m_rowHeight;
    if (row < 0 || row >= static_cast<int>(m_rows.size()))
        return -1;
    return m_rows[row];
}

void TimelineView::updateScrollBars()
{
    const double content = m_total * m_pxPerSec;
    QScrollBar* h = horizontalScrollBar();
    h->setRange(0, std::max(0, static_cast<int>(std::ceil(content)) - dataWidth()));
    h->setPageStep(dataWidth());
    h->setSingleStep(std::max(1, dataWidth() / 20));
    QScrollBar* v = verticalScrollBar();
    const int rowsHeight = static_cast<int>(m_rows.size()) * m_rowHeight + 4;
    const int visible = std::max(1, viewport()->height() - m_rulerHeight);
    v->setRange(0, std::max(0, rowsHeight - visible));
    v->setPageStep(visible);
    v->setSingleStep(m_rowHeight);
    publishWindow();
}

void TimelineView::publishWindow()
{
    const int offset = viewport()->geometry().x();
    const double t0 = horizontalScrollBar()->value() / m_pxPerSec;
    m_scale->setWindow(t0, t0 + dataWidth() / m_pxPerSec, offset + m_labelWidth,
                       offset + m_labelWidth + dataWidth());
}

void TimelineView::fitToWindow()
{
    m_pxPerSec = std::max(1e-6, dataWidth() / m_total);
    m_fitted = true;
    updateScrollBars();
    horizontalScrollBar()->setValue(0);
    publishWindow();
    viewport()->update();
}

void TimelineView::zoomBy(double factor)
{
    const QPoint p = viewport()->mapFromGlobal(QCursor::pos());
    const double anchorX =
        viewport()->rect().contains(p) && p.x() > m_labelWidth ? p.x() : m_labelWidth + dataWidth() / 2.0;
    const double anchorT = timeForX(anchorX);
    const double pps = clampedPixelsPerSecond(m_pxPerSec * factor);
    if (pps == m_pxPerSec)
        return;
    // the time under the anchor stays where it is
    setTimeWindow(anchorT - (anchorX - m_labelWidth) / pps, pps);
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_fitted)
        fitToWindow();
    else
        updateScrollBars();
}

void TimelineView::scrollContentsBy(int, int)
{
    publishWindow();
    viewport()->update();
}

void TimelineView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateMetrics();
        updateScrollBars();
    }
}

void TimelineView::ensureUnitVisible(int unit)
{
    const int row = rowOfUnit(unit);
    if (row < 0)
        return;
    QScrollBar* v = verticalScrollBar();
    const int top = row * m_rowHeight;
    const int visible = viewport()->height() - m_rulerHeight;
    if (top < v->value() || top + m_rowHeight > v->value() + visible)
        v->setValue(top - (visible - m_rowHeight) / 2); // centred, with its neighbours in view
    const Unit& u = m_analysis->run->units[unit];
    const double x0 = xForTime(u.start);
    const double x1 = xForTime(u.end());
    QScrollBar* h = horizontalScrollBar();
    if (x0 < m_labelWidth || x1 > m_labelWidth + dataWidth())
        h->setValue(static_cast<int>(std::max(0.0, u.start * m_pxPerSec - dataWidth() * 0.1)));
}

void TimelineView::selectUnit(int unit)
{
    if (!m_analysis || unit >= static_cast<int>(m_analysis->run->units.size()))
        unit = -1;
    if (unit >= 0 && rowOfUnit(unit) < 0 && m_analysis->run->units[unit].fresh)
        setShowFresh(true);
    if (unit == m_selected)
        return;
    m_selected = unit;
    if (unit >= 0)
        ensureUnitVisible(unit);
    viewport()->update();
    emit unitSelected(unit);
}

void TimelineView::setSearchText(const QString& text)
{
    m_search = text.trimmed();
    updateMatches();
    if (!m_matches.empty()) {
        m_currentMatch = 0;
        ensureUnitVisible(m_matches.front());
    }
    emit searchMatchesChanged(matchCount(), m_currentMatch);
    viewport()->update();
}

void TimelineView::updateMatches()
{
    m_matches.clear();
    m_currentMatch = -1;
    m_isMatch.assign(m_analysis ? m_analysis->run->units.size() : 0, 0);
    if (!m_analysis || m_search.isEmpty())
        return;
    for (int unit : m_rows) {
        const Unit& u = m_analysis->run->units[unit];
        if (u.label().contains(m_search, Qt::CaseInsensitive) ||
            u.target.contains(m_search, Qt::CaseInsensitive)) {
            m_isMatch[unit] = 1;
            m_matches.push_back(unit);
        }
    }
}

void TimelineView::nextMatch()
{
    if (m_matches.empty())
        return;
    m_currentMatch = (m_currentMatch + 1) % matchCount();
    selectUnit(m_matches[m_currentMatch]);
    emit searchMatchesChanged(matchCount(), m_currentMatch);
}

void TimelineView::previousMatch()
{
    if (m_matches.empty())
        return;
    m_currentMatch = (m_currentMatch - 1 + matchCount()) % matchCount();
    selectUnit(m_matches[m_currentMatch]);
    emit searchMatchesChanged(matchCount(), m_currentMatch);
}

QString TimelineView::tooltipFor(int unit) const
{
    const Unit& u = m_analysis->run->units[unit];
    QString html = QStringLiteral("<b>%1</b> %2<br>").arg(u.name.toHtmlEscaped(), u.version.toHtmlEscaped());
    html += QStringLiteral("%1").arg(unitKindLabel(u.kind));
    if (!u.targetName.isEmpty())
        html += QStringLiteral(" <i>%1</i>").arg(u.targetName.toHtmlEscaped());
    html += QStringLiteral(" · mode %1<br>").arg(u.mode.toHtmlEscaped());
    if (u.fresh) {
        html += tr("Fresh: not rebuilt");
    } else {
        html += tr("Start %1, duration <b>%2</b>, end %3")
                    .arg(formatSeconds(u.start), formatSeconds(u.duration), formatSeconds(u.end()));
        for (const UnitSection& s : u.sections)
            html += QStringLiteral("<br>&nbsp;&nbsp;%1: %2").arg(s.name, formatSeconds(s.end - s.start));
        if (u.rmetaTime)
            html += tr("<br>Metadata ready after %1").arg(formatSeconds(*u.rmetaTime));
        html += tr("<br>Slack %1").arg(formatSeconds(m_analysis->dag.slack[unit]));
        if (m_analysis->onCriticalPath[unit])
            html += QStringLiteral("<br><b>%1</b>").arg(tr("On the critical path"));
    }
    if (!u.rebuildReason.isEmpty())
        html += tr("<br>Rebuilt: %1").arg(u.rebuildReason.toHtmlEscaped());
    if (!u.features.isEmpty()) {
        QStringList f = u.features.mid(0, 12);
        if (u.features.size() > 12)
            f << tr("… %1 more").arg(u.features.size() - 12);
        html += tr("<br>Features: %1").arg(f.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    return html;
}

bool TimelineView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && m_analysis) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const int unit = unitAt(help->pos()); unit >= 0) {
            QToolTip::showText(help->globalPos(), tooltipFor(unit), viewport());
            return true;
        }
        const auto& spans = m_analysis->summary.outsideSpans;
        const double t = timeForX(help->pos().x());
        for (std::size_t k = 0; k < spans.size(); ++k) {
            if (help->pos().x() < m_labelWidth || t < spans[k].first || t >= spans[k].second)
                continue;
            const QString length = formatSeconds(spans[k].second - spans[k].first);
            QToolTip::showText(
                help->globalPos(),
                k == 0 && spans[k].first <= 0
                    ? tr("<b>%1 before the first unit started</b><br>cargo resolving the dependency graph, "
                         "checking fingerprints or waiting for the build directory's lock")
                          .arg(length)
                    : tr("<b>%1 with no unit running</b> (%2 to %3)<br>cargo between two units: a build "
                         "script's output being read, fingerprints checked, or a job slot held elsewhere")
                          .arg(length, formatSeconds(spans[k].first), formatSeconds(spans[k].second)),
                viewport());
            return true;
        }
        QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta.y() != 0)
            zoomBy(std::pow(1.25, delta.y() / 120.0));
        event->accept();
        return;
    }
    if (DragPan::shiftWheel(event, this))
        return;
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (!m_pan.press(event))
        QAbstractScrollArea::mousePressEvent(event);
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    m_pan.move(event, this);
    const int hover = unitAt(event->pos());
    if (hover != m_hover) {
        m_hover = hover;
        viewport()->update();
    }
    if (event->pos().x() >= m_labelWidth && event->pos().x() <= m_labelWidth + dataWidth())
        m_scale->setCursorTime(timeForX(event->pos().x()));
    else
        m_scale->setCursorTime(std::nan(""));
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_pan.release(this) && event->button() == Qt::LeftButton)
        selectUnit(unitAt(event->pos()));
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int unit = unitAt(event->pos());
    if (event->button() == Qt::LeftButton && unit >= 0) {
        selectUnit(unit);
        emit crateActivated(unit);
    }
}

void TimelineView::contextMenuEvent(QContextMenuEvent* event)
{
    const int unit = unitAt(viewport()->mapFrom(this, event->pos()));
    QMenu menu(this);
    if (unit >= 0) {
        selectUnit(unit);
        const QString name = m_analysis->run->units[unit].name;
        menu.addAction(tr("Everything About %1").arg(name), this,
                       [this, unit] { emit crateActivated(unit); });
        menu.addAction(tr("Open the self-profile of %1").arg(name), this,
                       [this, unit] { emit unitActivated(unit); });
        menu.addSeparator();
        if (m_extendMenu) {
            m_extendMenu(menu, unit);
            menu.addSeparator();
        }
    }
    menu.addAction(tr("Fit to window"), this, &TimelineView::fitToWindow);
    menu.addAction(tr("Show fresh units"), this, [this] { setShowFresh(!m_showFresh); })->setCheckable(true);
    menu.actions().last()->setChecked(m_showFresh);
    if (!actions().isEmpty()) { // what the window adds (Export This View…)
        menu.addSeparator();
        menu.addActions(actions());
    }
    menu.exec(event->globalPos());
}

void TimelineView::leaveEvent(QEvent* event)
{
    m_hover = -1;
    m_scale->setCursorTime(std::nan(""));
    viewport()->update();
    QAbstractScrollArea::leaveEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    const int row = rowOfUnit(m_selected);
    switch (event->key()) {
    case Qt::Key_Down:
        if (!m_rows.empty())
            selectUnit(m_rows[std::min<int>(row + 1, static_cast<int>(m_rows.size()) - 1)]);
        return;
    case Qt::Key_Up:
        if (!m_rows.empty())
            selectUnit(m_rows[std::max(row - 1, 0)]);
        return;
    case Qt::Key_Home:
        if (!m_rows.empty())
            selectUnit(m_rows.front());
        return;
    case Qt::Key_End:
        if (!m_rows.empty())
            selectUnit(m_rows.back());
        return;
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
        selectUnit(-1);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void TimelineView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    PaintParams params;
    params.area = viewport()->rect();
    params.pxPerSec = m_pxPerSec;
    params.t0 = horizontalScrollBar()->value() / m_pxPerSec;
    params.firstRowY = m_rulerHeight - verticalScrollBar()->value();
    params.dataLeft = m_labelWidth;
    params.dataRight = m_labelWidth + dataWidth();
    paintTimeline(p, params);
}

QSize TimelineView::fullContentSize() const
{
    return {std::max(viewport()->width(), 800),
            m_rulerHeight + static_cast<int>(m_rows.size()) * m_rowHeight + 4};
}

std::pair<double, double> TimelineView::shownSpan() const
{
    const double start = std::max(0.0, m_scale->visibleStart());
    const double end = std::min(m_total, m_scale->visibleEnd());
    // fitted (or nearly): the whole build, as wide as the export
    if (end <= start || end - start >= 0.98 * m_total)
        return {0, m_total};
    return {start, end};
}

TimelineView::PaintParams TimelineView::exportParams(const QSize& size, double start, double end) const
{
    if (end <= start)
        end = m_total;
    PaintParams params;
    params.area = QRect(QPoint(0, 0), size);
    params.dataLeft = m_labelWidth;
    params.dataRight = std::max(m_labelWidth + 10, size.width() - kRightPadding);
    params.pxPerSec = (params.dataRight - params.dataLeft) / std::max(1e-9, end - start);
    params.t0 = start;
    params.firstRowY = m_rulerHeight;
    return params;
}

void TimelineView::renderAll(QPainter& p, const QSize& size, double start, double end)
{
    paintTimeline(p, exportParams(size, start, end));
}

void TimelineView::renderRuler(QPainter& p, const QSize& size, double start, double end)
{
    paintRuler(p, exportParams(size, start, end));
}

void TimelineView::paintRuler(QPainter& p, const PaintParams& pp) const
{
    const QPalette& pal = palette();
    const QRect ruler(pp.area.left(), pp.area.top(), pp.area.width(), m_rulerHeight);
    p.fillRect(ruler, pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(ruler.bottomLeft(), ruler.bottomRight());
    p.setPen(pal.color(QPalette::WindowText));
    const int count = static_cast<int>(m_rows.size());
    p.drawText(QRect(ruler.left() + 6, ruler.top(), m_labelWidth - 12, ruler.height()),
               Qt::AlignVCenter | Qt::AlignLeft, tr("Unit (%L1)").arg(count));
    p.save();
    p.setClipRect(QRect(pp.dataLeft - 30, ruler.top(), pp.area.right() - pp.dataLeft + 30, ruler.height()),
                  Qt::IntersectClip);
    const double step = tickStep(pp.pxPerSec, 70);
    const double tEnd = pp.t0 + (pp.area.right() - pp.dataLeft) / pp.pxPerSec;
    const QFontMetrics fm(font());
    for (double t = std::floor(pp.t0 / step) * step; t <= tEnd + step; t += step) {
        if (t < -1e-9)
            continue;
        const double x = pp.dataLeft + (t - pp.t0) * pp.pxPerSec;
        if (x < pp.dataLeft - 0.5)
            continue;
        p.setPen(pal.color(QPalette::WindowText));
        p.drawLine(QPointF(x, ruler.bottom() - 5), QPointF(x, ruler.bottom()));
        const QString label = tickLabel(t, step);
        const int w = fm.horizontalAdvance(label);
        p.drawText(QRectF(x - w / 2.0 - 2, ruler.top(), w + 4, ruler.height() - 6), Qt::AlignCenter, label);
    }
    p.restore();
}

void TimelineView::paintTimeline(QPainter& p, const PaintParams& pp) const
{
    const QPalette& pal = palette();
    const bool dark = isDarkPalette(pal);
    p.fillRect(pp.area, pal.color(QPalette::Base));
    const QRect labels(pp.area.left(), pp.area.top() + m_rulerHeight, m_labelWidth,
                       pp.area.height() - m_rulerHeight);
    p.fillRect(labels, pal.color(QPalette::AlternateBase));

    if (!m_analysis) {
        paintRuler(p, pp);
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(pp.area.adjusted(0, m_rulerHeight, 0, 0), Qt::AlignCenter,
                   tr("Open a cargo timings report (File › Open, or drop it here)"));
        return;
    }

    const auto& units = m_analysis->run->units;
    const int rows = static_cast<int>(m_rows.size());
    int firstRow = std::max(0, (pp.area.top() + m_rulerHeight - pp.firstRowY) / m_rowHeight);
    int lastRow = std::min(rows - 1, (pp.area.bottom() - pp.firstRowY) / m_rowHeight);
    if (p.hasClipping()) {
        // an export paints one page's rows at a time: the others would be clipped away but still land in
        // the file (text a PDF search finds on the wrong page)
        const QRect clip = p.clipBoundingRect().toAlignedRect();
        firstRow = std::max(firstRow, int(std::floor(double(clip.top() - pp.firstRowY) / m_rowHeight)));
        lastRow = std::min(lastRow, int(std::floor(double(clip.bottom() - pp.firstRowY) / m_rowHeight)));
    }
    auto xOf = [&](double t) {
        return pp.dataLeft + (t - pp.t0) * pp.pxPerSec;
    };
    const QRect dataClip(pp.dataLeft, pp.area.top() + m_rulerHeight, pp.area.right() - pp.dataLeft + 1,
                         pp.area.height() - m_rulerHeight);
    const QRect rowsClip(pp.area.left(), pp.area.top() + m_rulerHeight, pp.area.width(),
                         pp.area.height() - m_rulerHeight);

    // grid
    const double step = tickStep(pp.pxPerSec, 70);
    const double tEnd = pp.t0 + (pp.area.right() - pp.dataLeft) / pp.pxPerSec;
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(dark ? 70 : 50);
    p.setPen(grid);
    for (double t = std::max(0.0, std::floor(pp.t0 / step) * step); t <= tEnd; t += step) {
        const double x = xOf(t);
        if (x >= pp.dataLeft)
            p.drawLine(QPointF(x, dataClip.top()), QPointF(x, dataClip.bottom()));
    }

    const QFontMetrics fm(font());
    // time outside every unit: before the first one starts (resolution, fingerprinting, waiting for the
    // build directory's lock) and gaps where none runs, hatched behind the rows
    {
        QColor band = pal.color(QPalette::Mid);
        band.setAlpha(dark ? 110 : 90);
        QColor bandText = pal.color(QPalette::Text);
        bandText.setAlpha(170);
        p.save();
        p.setClipRect(dataClip, Qt::IntersectClip);
        const auto& spans = m_analysis->summary.outsideSpans;
        for (std::size_t k = 0; k < spans.size(); ++k) {
            const double x0 = std::max(xOf(spans[k].first), double(pp.dataLeft));
            const double x1 = std::min(xOf(spans[k].second), double(pp.area.right() + 1));
            if (x1 - x0 < 1)
                continue;
            const QRectF strip(x0, dataClip.top(), x1 - x0, dataClip.height());
            p.fillRect(strip, QBrush(band, Qt::BDiagPattern));
            const QString label =
                (k == 0 && spans[k].first <= 0 ? tr("before the first unit %1") : tr("no unit %1"))
                    .arg(formatSeconds(spans[k].second - spans[k].first));
            const int w = fm.horizontalAdvance(label);
            if (w + 8 <= strip.width()) {
                const QRectF box(x0 + (strip.width() - w) / 2 - 3, dataClip.top() + 2, w + 6,
                                 fm.height() + 2);
                p.fillRect(box, pal.color(QPalette::Base));
                p.setPen(bandText);
                p.drawText(box, Qt::AlignCenter, label);
            }
        }
        p.restore();
    }
    const QColor critical = criticalPathColor(pal);
    const QColor text = pal.color(QPalette::Text);
    QColor dim = text;
    dim.setAlpha(120);
    QColor highlight = pal.color(QPalette::Highlight);
    highlight.setAlpha(dark ? 90 : 60);
    QColor hoverFill = pal.color(QPalette::Highlight);
    hoverFill.setAlpha(25);
    // a rebuild cascade: warm, apart from the selection's and the search's colours
    const QColor marked = dark ? QColor(0xe0, 0x8a, 0x2e, 70) : QColor(0xf2, 0x9d, 0x38, 55);

    p.save();
    p.setClipRect(rowsClip, Qt::IntersectClip);
    for (int r = firstRow; r <= lastRow; ++r) {
        const int unit = m_rows[r];
        const Unit& u = units[unit];
        const int y = pp.firstRowY + r * m_rowHeight;
        const QRect rowRect(pp.area.left(), y, pp.area.width(), m_rowHeight);
        if (unit == m_selected)
            p.fillRect(rowRect, highlight);
        else if (unit == m_hover)
            p.fillRect(rowRect, hoverFill);
        else if (isMarked(unit))
            p.fillRect(rowRect, marked);
        if (m_isMatch.size() > static_cast<std::size_t>(unit) && m_isMatch[unit])
            p.fillRect(QRect(pp.area.left(), y, m_labelWidth, m_rowHeight), searchMatchColor(pal));
        const bool onPath = m_analysis->onCriticalPath[unit] != 0;
        if (onPath)
            p.fillRect(QRect(pp.area.left(), y + 2, 3, m_rowHeight - 4), critical);
        p.setPen(u.fresh ? dim : text);
        const QString label = fm.elidedText(u.label(), Qt::ElideMiddle, m_labelWidth - 16);
        p.drawText(QRect(pp.area.left() + 8, y, m_labelWidth - 14, m_rowHeight),
                   Qt::AlignVCenter | Qt::AlignLeft, label);
    }
    p.restore();

    // bars
    p.save();
    p.setClipRect(dataClip, Qt::IntersectClip);
    p.setRenderHint(QPainter::Antialiasing, false);
    for (int r = firstRow; r <= lastRow; ++r) {
        const int unit = m_rows[r];
        const Unit& u = units[unit];
        const int y = pp.firstRowY + r * m_rowHeight;
        const double x0 = xOf(u.start);
        const double x1 = xOf(u.end());
        if (x1 < pp.dataLeft - 1 || x0 > pp.area.right() + 1)
            continue; // culled
        const QColor base = kindColor(u.kind, pal);
        const QRectF bar(x0, y + 3, std::max(1.0, x1 - x0), m_rowHeight - 6);
        if (u.fresh) {
            p.setPen(dim);
            p.drawText(QRectF(x0 + 4, y, 200, m_rowHeight), Qt::AlignVCenter | Qt::AlignLeft, tr("fresh"));
            continue;
        }
        if (u.running) {
            // still compiling: the bar fades out at its growing end
            QLinearGradient fade(bar.topLeft(), bar.topRight());
            QColor end = base;
            end.setAlpha(70);
            fade.setColorAt(0, base);
            fade.setColorAt(std::clamp(1.0 - 24.0 / std::max(1.0, bar.width()), 0.0, 1.0), base);
            fade.setColorAt(1, end);
            p.fillRect(bar, fade);
        } else {
            p.fillRect(bar, base);
        }
        for (const UnitSection& s : u.sections) {
            if (s.name == QLatin1String("frontend"))
                continue;
            const double sx0 = xOf(u.start + s.start);
            const double sx1 = xOf(u.start + std::min(s.end, u.duration));
            if (sx1 - sx0 < 0.5)
                continue;
            QRectF sr(sx0, bar.top(), sx1 - sx0, bar.height());
            if (s.name == QLatin1String("codegen"))
                p.fillRect(sr, codegenShade(base, pal));
            else if (s.name == QLatin1String("link"))
                p.fillRect(sr, QBrush(codegenShade(base, pal).darker(130), Qt::Dense4Pattern));
            else
                p.fillRect(sr, base.lighter(115));
        }
        if (m_analysis->onCriticalPath[unit]) {
            p.setPen(QPen(critical, 2));
            p.drawRect(bar.adjusted(0, 0, 0, 0));
        } else if (unit == m_selected || unit == m_hover) {
            p.setPen(QPen(text, 1));
            p.drawRect(bar);
        }
        const QString dur =
            u.running ? formatSeconds(u.duration) + QStringLiteral(" …") : formatSeconds(u.duration);
        const int w = fm.horizontalAdvance(dur);
        p.setPen(text);
        p.drawText(QRectF(bar.right() + 4, y, w + 4, m_rowHeight), Qt::AlignVCenter | Qt::AlignLeft, dur);
    }

    // critical path links: from the moment a unit released the next one down to that unit's start
    if (m_analysis->critical.units.size() > 1) {
        p.setRenderHint(QPainter::Antialiasing, true);
        QColor link = critical;
        link.setAlpha(170);
        p.setPen(QPen(link, 1.5, Qt::SolidLine));
        const auto& chain = m_analysis->critical.units;
        for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
            const int a = chain[k];
            const int b = chain[k + 1];
            const int ra = rowOfUnit(a);
            const int rb = rowOfUnit(b);
            if (ra < 0 || rb < 0)
                continue;
            const int ya = pp.firstRowY + ra * m_rowHeight + m_rowHeight / 2;
            const int yb = pp.firstRowY + rb * m_rowHeight + m_rowHeight / 2;
            if (std::max(ya, yb) < dataClip.top() || std::min(ya, yb) > dataClip.bottom())
                continue;
            const Unit& ua = units[a];
            const bool viaRmeta =
                std::find(ua.unblockedRmeta.begin(), ua.unblockedRmeta.end(), b) != ua.unblockedRmeta.end();
            const double xr = xOf(ua.start + (viaRmeta ? ua.rmetaOffset() : ua.duration));
            const double xb = xOf(units[b].start);
            QPainterPath path;
            path.moveTo(xr, ya + (yb > ya ? (m_rowHeight - 6) / 2.0 : -(m_rowHeight - 6) / 2.0));
            path.lineTo(xr, yb);
            path.lineTo(xb, yb);
            p.drawPath(path);
        }
    }

    // the cursor shared with the charts
    const double cursor = m_scale->cursorTime();
    if (!std::isnan(cursor)) {
        const double x = xOf(cursor);
        QColor c = text;
        c.setAlpha(140);
        p.setPen(QPen(c, 1, Qt::DashLine));
        p.drawLine(QPointF(x, dataClip.top()), QPointF(x, dataClip.bottom()));
    }
    p.restore();

    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(QPoint(m_labelWidth - 1, pp.area.top() + m_rulerHeight),
               QPoint(m_labelWidth - 1, pp.area.bottom()));
    paintRuler(p, pp);
}

} // namespace bl
