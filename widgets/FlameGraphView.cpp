#include "FlameGraphView.h"

#include "ItemTooltip.h"
#include "KindColors.h"

#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace bl {

namespace {

QString formatMs(double ns)
{
    return QStringLiteral("%L1 ms").arg(ns / 1e6, 0, 'f', 2);
}

QString formatPercent(double part, double whole)
{
    return QStringLiteral("%L1 %").arg(whole > 0 ? 100.0 * part / whole : 0.0, 0, 'f', 2);
}

} // namespace

FlameGraphView::FlameGraphView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    updateMetrics();
}

FlameGraphView::~FlameGraphView() = default;

QSize FlameGraphView::sizeHint() const
{
    return {900, 420};
}

void FlameGraphView::updateMetrics()
{
    m_rowHeight = QFontMetrics(font()).height() + 5;
}

void FlameGraphView::setProfile(std::shared_ptr<const SelfProfile> profile, int thread)
{
    std::shared_ptr<const ProfileTree> tree;
    if (profile)
        tree = std::make_shared<const ProfileTree>(buildProfileTree(*profile, thread));
    setTree(std::move(profile), std::move(tree));
}

void FlameGraphView::setTree(std::shared_ptr<const SelfProfile> profile,
                             std::shared_ptr<const ProfileTree> tree)
{
    m_profile = std::move(profile);
    if (m_profile && !tree)
        tree = std::make_shared<const ProfileTree>(buildProfileTree(*m_profile));
    m_tree = m_profile ? std::move(tree) : nullptr;
    m_zoom = ProfileTree::kRoot;
    m_hover = -1;
    m_colors.assign(m_profile ? static_cast<std::size_t>(m_profile->strings.size()) : 0, 0);
    rebuildLayout();
    updateMatches();
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
    emit zoomChanged(m_zoom);
}

void FlameGraphView::rebuildLayout()
{
    m_offset.clear();
    m_subtreeDepth.clear();
    if (!m_tree)
        return;
    const ProfileTree& t = *m_tree;
    const int n = t.size();
    // Children sit side by side from their parent's left edge, largest first. Parents precede their children
    // (pre-order), so one forward pass places everything.
    m_offset.assign(n, 0.0);
    for (int i = 0; i < n; ++i) {
        double x = m_offset[i];
        for (int c = t.firstChild[i]; c != ProfileTree::kNone; c = t.nextSibling[c]) {
            m_offset[c] = x;
            x += static_cast<double>(t.inclusive[c]);
        }
    }
    m_subtreeDepth.assign(n, 0);
    for (int i = n - 1; i >= 0; --i) {
        m_subtreeDepth[i] = std::max<int>(m_subtreeDepth[i], t.depth[i]);
        if (t.parent[i] >= 0)
            m_subtreeDepth[t.parent[i]] = std::max(m_subtreeDepth[t.parent[i]], m_subtreeDepth[i]);
    }
}

QString FlameGraphView::labelOf(int node) const
{
    if (!m_tree || node < 0 || node >= m_tree->size())
        return {};
    if (node == ProfileTree::kRoot) {
        const int thread = m_tree->thread;
        if (thread >= 0 && thread < static_cast<int>(m_profile->threadIds.size()))
            return tr("Thread %1").arg(m_profile->threadIds[thread]);
        return tr("All threads");
    }
    const std::uint32_t label = m_tree->label[node];
    return label < static_cast<std::uint32_t>(m_profile->strings.size()) ? m_profile->strings[label]
                                                                         : QStringLiteral("?");
}

QRgb FlameGraphView::colorOf(std::uint32_t label) const
{
    if (label >= m_colors.size())
        return profileLabelColor(QStringView(), palette()).rgb();
    // Hashing a label is cheap, but a repaint may draw thousands of frames: remember each label's colour.
    QRgb& c = m_colors[label];
    if (c == 0)
        c = profileLabelColor(m_profile->strings[label], palette()).rgb();
    return c;
}

bool FlameGraphView::isMatch(int node) const
{
    return node >= 0 && node < static_cast<int>(m_match.size()) && m_match[node];
}

void FlameGraphView::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    updateMatches();
    emit searchMatchesChanged(m_matchCount);
    viewport()->update();
}

void FlameGraphView::updateMatches()
{
    m_match.clear();
    m_matchesBefore.clear();
    m_matchCount = 0;
    m_matchedTime = 0;
    if (!m_tree || m_search.isEmpty())
        return;
    const ProfileTree& t = *m_tree;
    const int n = t.size();
    m_match.assign(n, 0);
    // the same label appears under many parents: test each label once
    std::vector<signed char> labelMatches(static_cast<std::size_t>(m_profile->strings.size()), -1);
    for (int i = 1; i < n; ++i) {
        const std::uint32_t label = t.label[i];
        if (label >= labelMatches.size())
            continue;
        if (labelMatches[label] < 0)
            labelMatches[label] = m_profile->strings[label].contains(m_search, Qt::CaseInsensitive) ? 1 : 0;
        m_match[i] = labelMatches[label];
        m_matchCount += m_match[i];
    }
    // matches before each pre-order position: whether a merged span (a range of subtrees) hides one
    m_matchesBefore.assign(n + 1, 0);
    for (int i = 0; i < n; ++i)
        m_matchesBefore[i + 1] = m_matchesBefore[i] + m_match[i];
    // time under a match, counting a match inside another match once
    for (int i = 1; i < n;) {
        if (m_match[i]) {
            m_matchedTime += t.inclusive[i];
            i = t.subtreeEnd[i];
        } else {
            ++i;
        }
    }
}

bool FlameGraphView::isAncestorOfZoom(int node) const
{
    return node >= 0 && node < m_zoom && m_tree->subtreeEnd[node] > m_zoom;
}

FlameGraphView::PaintParams FlameGraphView::viewportParams() const
{
    PaintParams pp;
    pp.area = viewport()->rect();
    pp.left = 0;
    pp.width = viewport()->width();
    pp.top = -verticalScrollBar()->value();
    return pp;
}

double FlameGraphView::xOf(const PaintParams& pp, double offsetNs) const
{
    const double total = std::max<double>(1.0, static_cast<double>(m_tree->inclusive[m_zoom]));
    return pp.left + (offsetNs - m_offset[m_zoom]) * pp.width / total;
}

QRectF FlameGraphView::frameRect(int node) const
{
    if (!m_tree || node < 0 || node >= m_tree->size())
        return {};
    const PaintParams pp = viewportParams();
    const double y = pp.top + m_tree->depth[node] * m_rowHeight;
    if (isAncestorOfZoom(node))
        return QRectF(pp.left, y, pp.width, m_rowHeight);
    if (node < m_zoom || node >= m_tree->subtreeEnd[m_zoom])
        return {};
    const double x0 = xOf(pp, m_offset[node]);
    const double x1 = xOf(pp, m_offset[node] + static_cast<double>(m_tree->inclusive[node]));
    return QRectF(x0, y, x1 - x0, m_rowHeight);
}

int FlameGraphView::nodeAt(const QPoint& pos) const
{
    if (!m_tree || m_tree->empty() || !viewport()->rect().contains(pos))
        return -1;
    const PaintParams pp = viewportParams();
    if (pos.y() < pp.top)
        return -1;
    const int row = (pos.y() - pp.top) / m_rowHeight;
    const ProfileTree& t = *m_tree;
    if (row <= t.depth[m_zoom]) { // the zoomed frame or one of its ancestors: full width
        int node = m_zoom;
        while (t.depth[node] > row)
            node = t.parent[node];
        return node;
    }
    // walk down from the zoomed frame through the child under the cursor, as painted
    int node = m_zoom;
    for (int d = t.depth[m_zoom] + 1; d <= row; ++d) {
        int found = -1;
        for (int c = t.firstChild[node]; c != ProfileTree::kNone; c = t.nextSibling[c]) {
            const double x0 = xOf(pp, m_offset[c]);
            const double x1 = xOf(pp, m_offset[c] + static_cast<double>(t.inclusive[c]));
            if (x1 - x0 < 1.0 || x0 > pos.x())
                break; // the rest is painted as one merged span, or lies right of the cursor
            if (pos.x() < x1) {
                found = c;
                break;
            }
        }
        if (found < 0)
            return -1;
        node = found;
    }
    return node;
}

QString FlameGraphView::tooltipFor(int node) const
{
    if (!m_tree || node < 0 || node >= m_tree->size())
        return {};
    const ProfileTree& t = *m_tree;
    const double visible = static_cast<double>(t.inclusive[m_zoom]);
    const double incl = static_cast<double>(t.inclusive[node]);
    const double self = static_cast<double>(t.self[node]);
    QString html = QStringLiteral("<b>%1</b>").arg(labelOf(node).toHtmlEscaped());
    html += QStringLiteral("<table cellspacing=0 cellpadding=1>");
    auto row = [&](const QString& name, const QString& value, const QString& share) {
        html +=
            QStringLiteral("<tr><td>%1&nbsp;</td><td align=right>%2</td><td align=right>&nbsp;%3</td></tr>")
                .arg(name, value, share);
    };
    row(tr("Inclusive"), formatMs(incl), formatPercent(incl, visible));
    row(tr("Self"), formatMs(self), formatPercent(self, visible));
    row(node == ProfileTree::kRoot ? tr("Top-level events") : tr("Calls"),
        QLocale().toString(qulonglong(t.count[node])), QString());
    html += QStringLiteral("</table>");
    if (m_zoom != ProfileTree::kRoot)
        html += tr("<i>Shares of the zoomed frame, %1</i>").arg(labelOf(m_zoom).toHtmlEscaped());
    return html;
}

void FlameGraphView::zoomTo(int node)
{
    if (!m_tree || node < 0 || node >= m_tree->size())
        node = ProfileTree::kRoot;
    if (node == m_zoom)
        return;
    m_zoom = node;
    updateScrollBars();
    // keep the zoomed frame in view; its ancestors above it may scroll away in a deep tree
    const int y = m_tree->depth[node] * m_rowHeight;
    QScrollBar* v = verticalScrollBar();
    if (y < v->value() || y + m_rowHeight > v->value() + viewport()->height())
        v->setValue(std::max(0, y - 2 * m_rowHeight));
    viewport()->update();
    emit zoomChanged(m_zoom);
}

void FlameGraphView::resetZoom()
{
    zoomTo(ProfileTree::kRoot);
}

void FlameGraphView::zoomOut()
{
    if (m_tree && m_zoom != ProfileTree::kRoot)
        zoomTo(m_tree->parent[m_zoom]);
}

void FlameGraphView::updateScrollBars()
{
    const int depth = m_tree ? m_subtreeDepth[m_zoom] : 0;
    const int content = (depth + 1) * m_rowHeight + 4;
    QScrollBar* v = verticalScrollBar();
    v->setRange(0, std::max(0, content - viewport()->height()));
    v->setPageStep(viewport()->height());
    v->setSingleStep(m_rowHeight);
}

void FlameGraphView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void FlameGraphView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void FlameGraphView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateMetrics();
        updateScrollBars();
    }
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        std::fill(m_colors.begin(), m_colors.end(), 0); // light and dark themes use different shades
}

bool FlameGraphView::viewportEvent(QEvent* event)
{
    if (showItemTooltip(
            event, viewport(), [this](const QPoint& p) { return nodeAt(p); },
            [this](int i) { return tooltipFor(i); }))
        return true;
    return QAbstractScrollArea::viewportEvent(event);
}

void FlameGraphView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->pos();
        event->accept();
        return;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void FlameGraphView::mouseMoveEvent(QMouseEvent* event)
{
    const int hover = nodeAt(event->pos());
    if (hover != m_hover) {
        m_hover = hover;
        if (hover >= 0)
            viewport()->setCursor(Qt::PointingHandCursor);
        else
            viewport()->unsetCursor();
        viewport()->update();
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void FlameGraphView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && (event->pos() - m_pressPos).manhattanLength() <= 4) {
        const int node = nodeAt(event->pos());
        if (node == ProfileTree::kRoot) {
            resetZoom();
        } else if (node > 0) {
            zoomTo(node);
            emit frameActivated(labelOf(node));
        }
        event->accept();
        return;
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void FlameGraphView::leaveEvent(QEvent* event)
{
    if (m_hover >= 0) {
        m_hover = -1;
        viewport()->update();
    }
    QAbstractScrollArea::leaveEvent(event);
}

void FlameGraphView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        resetZoom();
        return;
    case Qt::Key_Backspace:
        zoomOut();
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void FlameGraphView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    paintFlame(p, viewportParams());
}

void FlameGraphView::render(QPainter& painter, const QRect& target)
{
    PaintParams pp;
    pp.area = target;
    pp.left = target.left();
    pp.width = target.width();
    pp.top = target.top();
    painter.save();
    painter.setClipRect(target, Qt::IntersectClip);
    paintFlame(painter, pp);
    painter.restore();
}

void FlameGraphView::paintFlame(QPainter& p, const PaintParams& pp) const
{
    const QPalette& pal = palette();
    const QColor base = pal.color(QPalette::Base);
    p.fillRect(pp.area, base);
    if (!m_tree || m_tree->empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(pp.area, Qt::AlignCenter,
                   m_profile ? tr("This profile holds no interval events (a summary has no call tree)")
                             : tr("Open a self-profile to see its flame graph"));
        return;
    }

    const ProfileTree& t = *m_tree;
    const QFontMetrics fm(font());
    const bool searching = !m_search.isEmpty();
    const QColor aggregate = profileAggregateColor(pal);
    const QColor outline = pal.color(QPalette::Text);
    // Narrower than this a label would show only an ellipsis: leave the frame bare.
    const int minLabelWidth = fm.horizontalAdvance(QStringLiteral("Mm…")) + 8;
    const int textHeight = m_rowHeight - 1;
    const double clipLeft = pp.area.left();
    const double clipRight = pp.area.left() + pp.area.width();
    const int clipTop = pp.area.top();
    const int clipBottom = pp.area.top() + pp.area.height();

    p.setRenderHint(QPainter::Antialiasing, false);
    enum class Style { Normal, Context, Dimmed, Match };
    auto drawFrame = [&](double x0, double x1, int y, QColor fill, Style style, const QString& text,
                         bool hover) {
        // Whole pixels, and a one-pixel gap after every frame wide enough to spare it, so that neighbours
        // with similar colours stay apart.
        const int ix0 = static_cast<int>(std::lround(x0));
        int w = std::max(1, static_cast<int>(std::lround(x1)) - ix0);
        if (w >= 3)
            --w;
        QColor textColor = textColorOn(fill);
        if (style == Style::Dimmed) {
            fill = blendColors(fill, base, 0.72);
            textColor = blendColors(textColorOn(fill), fill, 0.45);
        } else if (style == Style::Context) {
            fill = blendColors(fill, base, 0.45);
            textColor = textColorOn(fill);
        }
        const QRect r(ix0, y, w, m_rowHeight - 1);
        p.fillRect(r, fill);
        // an outline on a sliver would paint over its colour: narrow frames stand out by colour alone
        if ((style == Style::Match || hover) && w >= 6) {
            p.setPen(QPen(outline, 1));
            p.drawRect(r.adjusted(0, 0, -1, -1));
        }
        if (w >= minLabelWidth && !text.isEmpty()) {
            // keep the label on screen when the frame starts left of the area
            const int left = std::max(ix0, pp.area.left()) + 4;
            const int right = std::min(ix0 + w, pp.area.left() + pp.area.width()) - 4;
            if (right - left >= minLabelWidth - 8) {
                p.setPen(textColor);
                p.drawText(QRect(left, y, right - left, textHeight), Qt::AlignVCenter | Qt::AlignLeft,
                           fm.elidedText(text, Qt::ElideRight, right - left));
            }
        }
    };
    auto styleOf = [&](int node) {
        if (!searching || node == ProfileTree::kRoot)
            return Style::Normal;
        return m_match[node] ? Style::Match : Style::Dimmed;
    };
    auto fillOf = [&](int node) {
        return node == ProfileTree::kRoot ? aggregate : QColor::fromRgb(colorOf(t.label[node]));
    };
    auto textOf = [&](int node) {
        if (node == ProfileTree::kRoot)
            return tr("%1 · %2").arg(labelOf(node), formatMs(static_cast<double>(t.inclusive[node])));
        return labelOf(node);
    };
    auto rowY = [&](int node) {
        return pp.top + t.depth[node] * m_rowHeight;
    };

    // the breadcrumb: the zoomed frame's ancestors, full width and faded, each a click away
    for (int a = t.parent[m_zoom]; a != ProfileTree::kNone; a = t.parent[a]) {
        const int y = rowY(a);
        if (y + m_rowHeight <= clipTop || y >= clipBottom)
            continue;
        const Style style = styleOf(a) == Style::Dimmed ? Style::Dimmed : Style::Context;
        drawFrame(pp.left, pp.left + pp.width, y, fillOf(a), style, textOf(a), a == m_hover);
    }

    // the zoomed frame and its subtree, depth first; children narrower than a pixel are the smallest ones
    // (they are sorted), so the first of them ends the walk along its siblings
    struct Item
    {
        int node;
        double x0;
        double x1;
    };
    std::vector<Item> stack{{m_zoom, pp.left, pp.left + pp.width}};
    while (!stack.empty()) {
        const Item it = stack.back();
        stack.pop_back();
        const int y = rowY(it.node);
        if (y >= clipBottom)
            continue;
        if (y + m_rowHeight > clipTop)
            drawFrame(it.x0, it.x1, y, fillOf(it.node), styleOf(it.node), textOf(it.node),
                      it.node == m_hover);
        const int childY = y + m_rowHeight;
        if (childY >= clipBottom)
            continue;
        for (int c = t.firstChild[it.node]; c != ProfileTree::kNone; c = t.nextSibling[c]) {
            const double cx0 = xOf(pp, m_offset[c]);
            if (cx0 >= it.x1)
                break; // children that outlast their parent (inconsistent input): cut at the parent's edge
            const double cx1 = std::min(it.x1, xOf(pp, m_offset[c] + static_cast<double>(t.inclusive[c])));
            if (cx1 - cx0 < 1.0) {
                const double childrenEnd =
                    xOf(pp, m_offset[it.node] + static_cast<double>(t.inclusive[it.node] - t.self[it.node]));
                const double restEnd = std::min(it.x1, childrenEnd);
                if (restEnd - cx0 >= 1.0 && restEnd > clipLeft && cx0 < clipRight &&
                    childY + m_rowHeight > clipTop) {
                    // the merged siblings and their subtrees are one pre-order range: a hidden match shows
                    // in the search colour, as in the timeline
                    if (!searching)
                        drawFrame(cx0, restEnd, childY, aggregate, Style::Normal, QString(), false);
                    else if (m_matchesBefore[t.subtreeEnd[it.node]] > m_matchesBefore[c])
                        drawFrame(cx0, restEnd, childY, searchMatchColor(pal), Style::Normal, QString(),
                                  false);
                    else
                        drawFrame(cx0, restEnd, childY, aggregate, Style::Dimmed, QString(), false);
                }
                break;
            }
            if (cx1 <= clipLeft)
                continue;
            if (cx0 >= clipRight)
                break;
            stack.push_back({c, cx0, cx1});
        }
    }
}

} // namespace bl
