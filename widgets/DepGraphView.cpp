#include "DepGraphView.h"

#include "KindColors.h"

#include <QApplication>
#include <QEvent>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace bl {

namespace {

constexpr double kMargin = 16; // scene points around the layout
constexpr double kMinZoom = 0.05;
constexpr double kMaxZoom = 8;
constexpr double kFitMaxZoom = 1.5; // a small graph fitted to a big window stays readable, not huge
constexpr double kFontSize = 10;    // scene points, as GraphLayout sized the boxes for
constexpr double kDim = 0.65;       // how far unrelated nodes fade into the background

QColor interpolate(const QColor* stops, int count, double t)
{
    t = std::clamp(t, 0.0, 1.0) * (count - 1);
    const int i = std::min(int(t), count - 2);
    return blendColors(stops[i], stops[i + 1], t - i);
}

QColor neutralFill(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(0x3a, 0x3e, 0x45) : QColor(0xe9, 0xed, 0xf2);
}

QColor duplicateColor(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(0xf0, 0xb2, 0x4a) : QColor(0xd9, 0x8a, 0x00);
}

QColor memberColor(const QPalette& palette)
{
    // The palette's highlight is often the same blue as the cool end of the heat scale; a violet stays apart
    // from every heat colour.
    return isDarkPalette(palette) ? QColor(0xb3, 0x9d, 0xf5) : QColor(0x5b, 0x3f, 0xb5);
}

} // namespace

QColor heatColor(double t, const QPalette& palette)
{
    // Blue, sand, orange, red: ordered in lightness as well as hue, so that it also reads in greyscale.
    static const QColor light[] = {QColor(0xd4, 0xe6, 0xf6), QColor(0xf6, 0xe8, 0xb1),
                                   QColor(0xf6, 0xb0, 0x7c), QColor(0xe0, 0x5a, 0x4b)};
    static const QColor dark[] = {QColor(0x1f, 0x45, 0x66), QColor(0x66, 0x5a, 0x1c),
                                  QColor(0x8c, 0x4a, 0x1a), QColor(0xa8, 0x25, 0x25)};
    return interpolate(isDarkPalette(palette) ? dark : light, 4, t);
}

DepGraphView::DepGraphView(QWidget* parent)
    : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    // Everything is painted in drawBackground; caching it would keep stale highlights after a selection.
    setCacheMode(QGraphicsView::CacheNone);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
}

DepGraphView::~DepGraphView() = default;

void DepGraphView::setGraph(std::shared_ptr<const DepGraph> graph, std::shared_ptr<const GraphLayout> layout)
{
    m_graph = std::move(graph);
    m_layout = std::move(layout);
    m_selected = -1;
    m_heat.clear();
    m_maxHeat = 0;
    m_critical.clear();
    m_slack.clear();
    const std::size_t n = m_graph ? m_graph->packages.size() : 0;
    m_member.assign(n, 0);
    if (m_graph)
        for (int m : m_graph->members)
            if (m >= 0 && std::size_t(m) < n)
                m_member[std::size_t(m)] = 1;
    updateDuplicates();
    updateRelations();
    scene()->setSceneRect(sceneBounds());
    const QString search = m_search;
    m_search.clear();
    setSearchText(search);
    m_autoFit = true;
    fitToWindow();
    viewport()->update();
}

void DepGraphView::setLayout(std::shared_ptr<const GraphLayout> layout)
{
    m_layout = std::move(layout);
    scene()->setSceneRect(sceneBounds());
    m_autoFit = true;
    fitToWindow();
    viewport()->update();
}

void DepGraphView::setHeat(std::vector<double> secondsPerPackage)
{
    m_heat = std::move(secondsPerPackage);
    m_maxHeat = 0;
    for (double s : m_heat)
        if (std::isfinite(s))
            m_maxHeat = std::max(m_maxHeat, s);
    viewport()->update();
}

void DepGraphView::setCriticalPackages(std::vector<char> critical)
{
    m_critical = std::move(critical);
    viewport()->update();
}

void DepGraphView::setSlack(std::vector<double> secondsPerPackage)
{
    m_slack = std::move(secondsPerPackage);
}

void DepGraphView::updateDuplicates()
{
    const std::size_t n = m_graph ? m_graph->packages.size() : 0;
    m_duplicate.assign(n, 0);
    // By name and version: a unit graph has several nodes (library, build script) of one package version.
    std::unordered_map<QString, std::vector<int>> byName;
    for (std::size_t i = 0; i < n; ++i)
        byName[m_graph->packages[i].name].push_back(int(i));
    for (const auto& [name, nodes] : byName) {
        const QString& version = m_graph->packages[std::size_t(nodes.front())].version;
        const bool several = std::any_of(nodes.begin(), nodes.end(), [&](int i) {
            return m_graph->packages[std::size_t(i)].version != version;
        });
        if (several)
            for (int i : nodes)
                m_duplicate[std::size_t(i)] = 1;
    }
}

void DepGraphView::updateRelations()
{
    const std::size_t n = m_graph ? m_graph->packages.size() : 0;
    m_related.assign(n, 0);
    if (m_selected < 0 || std::size_t(m_selected) >= n)
        return;
    const DepGraph& g = *m_graph;
    // Two walks, so that a dependent's other dependencies are not pulled in. Dev-dependencies count only for
    // the selection itself: cargo never builds a dependency's dev-dependencies.
    for (int dir = 0; dir < 2; ++dir) {
        std::vector<char> seen(n, 0);
        std::vector<int> stack{m_selected};
        seen[std::size_t(m_selected)] = 1;
        while (!stack.empty()) {
            const int p = stack.back();
            stack.pop_back();
            const auto& adj = dir == 0 ? g.out[std::size_t(p)] : g.in[std::size_t(p)];
            for (int ei : adj) {
                const DepEdge& e = g.edges[std::size_t(ei)];
                if (dir == 0 && e.dev && !e.normal && !e.build && p != m_selected)
                    continue;
                const int q = dir == 0 ? e.to : e.from;
                if (q < 0 || std::size_t(q) >= n || seen[std::size_t(q)])
                    continue;
                seen[std::size_t(q)] = 1;
                m_related[std::size_t(q)] |= char(dir == 0 ? 1 : 2);
                stack.push_back(q);
            }
        }
    }
    m_related[std::size_t(m_selected)] = 3;
    // A crate in several versions: who pulls in each other version too (bit 4, the versions themselves 8),
    // so that the paths to both stand side by side.
    if (std::size_t(m_selected) < m_duplicate.size() && m_duplicate[std::size_t(m_selected)]) {
        const QString& name = g.packages[std::size_t(m_selected)].name;
        std::vector<int> stack;
        for (std::size_t i = 0; i < n; ++i)
            if (int(i) != m_selected && g.packages[i].name == name && m_duplicate[i]) {
                m_related[i] |= 4 | 8;
                stack.push_back(int(i));
            }
        while (!stack.empty()) {
            const int p = stack.back();
            stack.pop_back();
            for (int ei : g.in[std::size_t(p)]) {
                const int q = g.edges[std::size_t(ei)].from;
                if (q < 0 || std::size_t(q) >= n || (m_related[std::size_t(q)] & 4))
                    continue;
                m_related[std::size_t(q)] |= 4;
                stack.push_back(q);
            }
        }
    }
}

bool DepGraphView::showsOtherVersions() const
{
    return std::any_of(m_related.begin(), m_related.end(), [](char r) { return (r & 8) != 0; });
}

bool DepGraphView::isHighlighted(int package) const
{
    if (package < 0 || std::size_t(package) >= m_related.size())
        return false;
    if (m_selected < 0)
        return m_marked.empty() || isMarked(package);
    return m_related[std::size_t(package)] != 0;
}

bool DepGraphView::isMarked(int package) const
{
    return package >= 0 && std::size_t(package) < m_marked.size() && m_marked[std::size_t(package)];
}

void DepGraphView::setMarkedPackages(std::vector<char> marked)
{
    if (std::none_of(marked.begin(), marked.end(), [](char c) { return c != 0; }))
        marked.clear();
    if (marked == m_marked)
        return;
    m_marked = std::move(marked);
    viewport()->update();
}

bool DepGraphView::isMatch(int package) const
{
    return package >= 0 && std::size_t(package) < m_match.size() && m_match[std::size_t(package)];
}

bool DepGraphView::isDuplicate(int package) const
{
    return package >= 0 && std::size_t(package) < m_duplicate.size() && m_duplicate[std::size_t(package)];
}

QRectF DepGraphView::nodeRect(int package) const
{
    if (!m_layout || package < 0 || std::size_t(package) >= m_layout->nodes.size())
        return {};
    return m_layout->nodes[std::size_t(package)];
}

QRectF DepGraphView::sceneBounds() const
{
    const QRectF b = m_layout ? m_layout->bounds : QRectF();
    return b.adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

int DepGraphView::packageAt(const QPointF& scenePos) const
{
    if (!m_layout)
        return -1;
    for (std::size_t i = 0; i < m_layout->nodes.size(); ++i)
        if (m_layout->nodes[i].contains(scenePos))
            return int(i);
    return -1;
}

QColor DepGraphView::baseFill(int package) const
{
    const std::size_t i = std::size_t(package);
    if (m_maxHeat > 0 && i < m_heat.size() && m_heat[i] > 0 && std::isfinite(m_heat[i]))
        // Square root: compile times are heavy-tailed, and a linear scale leaves all but one crate cold.
        return heatColor(std::sqrt(m_heat[i] / m_maxHeat), palette());
    return neutralFill(palette());
}

QColor DepGraphView::nodeFill(int package) const
{
    const QColor fill = baseFill(package);
    return isHighlighted(package) ? fill : blendColors(fill, palette().color(QPalette::Base), kDim);
}

QString DepGraphView::tooltipFor(int package) const
{
    if (!m_graph || package < 0 || std::size_t(package) >= m_graph->packages.size())
        return {};
    const std::size_t i = std::size_t(package);
    const DepPackage& p = m_graph->packages[i];
    QString s = QStringLiteral("<b>%1</b> %2").arg(p.name.toHtmlEscaped(), p.detail().toHtmlEscaped());
    if (m_member[i])
        s += tr("<br>workspace member");
    if (m_duplicate[i])
        s += tr("<br>present in more than one version");
    if (i < m_heat.size() && m_heat[i] > 0)
        s += tr("<br>compile time: %1 s").arg(m_heat[i], 0, 'f', 2);
    if (i < m_slack.size() && m_slack[i] >= 0)
        s += tr("<br>slack: %1 s").arg(m_slack[i], 0, 'f', 2);
    if (i < m_critical.size() && m_critical[i])
        s += tr("<br>on the critical path");
    s += tr("<br>%n dependenc(ies)", nullptr, int(m_graph->out[i].size()));
    s += tr(", %n dependent(s)", nullptr, int(m_graph->in[i].size()));
    return s;
}

int DepGraphView::laidOutCount() const
{
    if (!m_layout)
        return 0;
    return int(std::count_if(m_layout->nodes.begin(), m_layout->nodes.end(),
                             [](const QRectF& r) { return !r.isEmpty(); }));
}

double DepGraphView::zoom() const
{
    return transform().m11();
}

void DepGraphView::selectPackage(int package)
{
    if (!m_graph || package < 0 || std::size_t(package) >= m_graph->packages.size())
        package = -1;
    if (package == m_selected)
        return;
    m_selected = package;
    updateRelations();
    viewport()->update();
    emit packageSelected(package);
}

void DepGraphView::fitToWindow()
{
    const QRectF bounds = sceneBounds();
    if (bounds.isEmpty())
        return;
    fitInView(bounds, Qt::KeepAspectRatio);
    if (zoom() > kFitMaxZoom)
        setTransform(QTransform::fromScale(kFitMaxZoom, kFitMaxZoom));
    centerOn(bounds.center());
    m_autoFit = true;
}

void DepGraphView::zoomBy(double factor)
{
    const double z = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(z, z));
    m_autoFit = false;
}

void DepGraphView::setSearchText(const QString& text)
{
    const QString needle = text.trimmed();
    if (needle == m_search && m_match.size() == (m_graph ? m_graph->packages.size() : 0))
        return;
    m_search = needle;
    const std::size_t n = m_graph ? m_graph->packages.size() : 0;
    m_match.assign(n, 0);
    m_matchCount = 0;
    int first = -1;
    if (!needle.isEmpty()) {
        for (std::size_t i = 0; i < n; ++i) {
            if (!m_graph->packages[i].name.contains(needle, Qt::CaseInsensitive))
                continue;
            m_match[i] = 1;
            ++m_matchCount;
            if (first < 0 && !nodeRect(int(i)).isEmpty())
                first = int(i);
        }
    }
    if (first >= 0) {
        centerOn(nodeRect(first).center());
        m_autoFit = false;
    }
    viewport()->update();
    emit searchMatchesChanged(m_matchCount);
}

bool DepGraphView::hasCriticalPackages() const
{
    return std::any_of(m_critical.begin(), m_critical.end(), [](char c) { return c != 0; });
}

void DepGraphView::render(QPainter& painter, const QRectF& target, bool withLegend)
{
    painter.save();
    painter.fillRect(target, palette().color(QPalette::Base));
    const QRectF source = sceneBounds();
    if (!source.isEmpty() && !target.isEmpty()) {
        const double s = std::min(target.width() / source.width(), target.height() / source.height());
        painter.translate(target.center());
        painter.scale(s, s);
        painter.translate(-source.center());
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        // an export's page shows a tile of a large graph: the nodes outside it stay out of the file
        paintGraph(painter, painter.hasClipping() ? painter.clipBoundingRect() & source : source);
    }
    painter.restore();
    if (!withLegend)
        return;
    painter.save();
    paintLegend(painter, target);
    painter.restore();
}

void DepGraphView::drawBackground(QPainter* painter, const QRectF& rect)
{
    painter->fillRect(rect, palette().color(QPalette::Base));
    paintGraph(*painter, rect);
}

void DepGraphView::drawForeground(QPainter* painter, const QRectF&)
{
    // The legend stays put in the viewport while the graph pans and zooms under it.
    painter->save();
    painter->resetTransform();
    paintLegend(*painter, QRectF(viewport()->rect()));
    painter->restore();
}

void DepGraphView::paintLegend(QPainter& p, const QRectF& area) const
{
    const bool critical = hasCriticalPackages();
    const bool versions = showsOtherVersions();
    if (!hasHeat() && !critical && !versions)
        return;
    const QPalette& pal = palette();
    QFont f = font();
    f.setPixelSize(11);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const double pad = 6, rampW = 120, rampH = 10, line = fm.height();
    const QString coolText = tr("0 s");
    const QString hotText = tr("%1 s").arg(m_maxHeat, 0, 'f', m_maxHeat < 10 ? 2 : 1);
    const QString heatTitle = tr("Compile time");
    const QString critText = tr("Critical path");
    double w = 0, h = pad;
    if (hasHeat()) {
        w = std::max({fm.horizontalAdvance(heatTitle),
                      fm.horizontalAdvance(coolText) + rampW + 8 + fm.horizontalAdvance(hotText) + 4});
        h += line + rampH + 4;
    }
    if (critical) {
        w = std::max(w, fm.horizontalAdvance(critText) + 28);
        h += line + 2;
    }
    const QString ownText =
        tr("Who pulls in %1 %2")
            .arg(versions ? m_graph->packages[std::size_t(m_selected)].name : QString(),
                 versions ? m_graph->packages[std::size_t(m_selected)].version : QString());
    const QString otherText = tr("Who pulls in its other versions");
    if (versions) {
        w = std::max({w, fm.horizontalAdvance(ownText) + 28, fm.horizontalAdvance(otherText) + 28});
        h += 2 * (line + 2);
    }
    w += 2 * pad;
    h += pad;
    const QRectF box(area.left() + 8, area.bottom() - 8 - h, w, h);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(blendColors(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.7), 1));
    QColor back = pal.color(QPalette::Base);
    back.setAlpha(230);
    p.setBrush(back);
    p.drawRoundedRect(box, 4, 4);
    double y = box.top() + pad;
    const QColor ink = pal.color(QPalette::Text);
    if (hasHeat()) {
        p.setPen(ink);
        p.drawText(QPointF(box.left() + pad, y + fm.ascent()), heatTitle);
        y += line + 2;
        const double x0 = box.left() + pad + fm.horizontalAdvance(coolText) + 4;
        p.drawText(QPointF(box.left() + pad, y + rampH / 2 + fm.ascent() / 2 - 1), coolText);
        // The same square-root scale the nodes use, so the middle of the ramp is a quarter of the maximum.
        QLinearGradient ramp(x0, 0, x0 + rampW, 0);
        for (int k = 0; k <= 8; ++k)
            ramp.setColorAt(k / 8.0, heatColor(k / 8.0, pal));
        p.setPen(Qt::NoPen);
        p.setBrush(ramp);
        p.drawRect(QRectF(x0, y, rampW, rampH));
        p.setPen(ink);
        p.drawText(QPointF(x0 + rampW + 4, y + rampH / 2 + fm.ascent() / 2 - 1), hotText);
        y += rampH + 4;
    }
    if (critical) {
        const QColor c = criticalPathColor(pal);
        p.setPen(QPen(c, 3));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(box.left() + pad + 1.5, y + 2.5, 18, line - 5), 2, 2);
        p.setPen(ink);
        p.drawText(QPointF(box.left() + pad + 26, y + fm.ascent()), critText);
        y += line + 2;
    }
    if (versions) {
        const std::pair<QColor, QString> keys[] = {{ink, ownText}, {duplicateColor(pal), otherText}};
        for (const auto& [colour, label] : keys) {
            p.setPen(QPen(colour, 2));
            p.drawLine(QPointF(box.left() + pad, y + line / 2), QPointF(box.left() + pad + 18, y + line / 2));
            p.setPen(ink);
            p.drawText(QPointF(box.left() + pad + 26, y + fm.ascent()), label);
            y += line + 2;
        }
    }
}

void DepGraphView::paintGraph(QPainter& p, const QRectF& exposed) const
{
    if (!m_graph || !m_layout)
        return;
    const DepGraph& g = *m_graph;
    const GraphLayout& l = *m_layout;
    const QPalette& pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor edgeColor = blendColors(text, base, 0.45);
    const QColor critical = criticalPathColor(pal);
    const auto isCritical = [&](int i) {
        return i >= 0 && std::size_t(i) < m_critical.size() && m_critical[std::size_t(i)];
    };
    const double lod = std::hypot(p.worldTransform().m11(), p.worldTransform().m12());

    const QColor dupEdge = duplicateColor(pal);
    // Edges first, under the nodes; the unrelated ones first of all, so that the highlighted ones are on top.
    for (int pass = 0; pass < 2; ++pass) {
        for (const GraphEdgeLayout& el : l.edges) {
            const DepEdge& e = g.edges[std::size_t(el.edge)];
            // marks (a rebuild cascade) light what runs between two marked packages while nothing is selected
            const bool marking = m_selected < 0 && !m_marked.empty();
            bool lit = m_selected < 0 && (!marking || (isMarked(e.from) && isMarked(e.to)));
            bool twin = false; // on a path to another version of the selection
            if (m_selected >= 0) {
                const char rf = m_related[std::size_t(e.from)], rt = m_related[std::size_t(e.to)];
                lit = ((rf & 1) && (rt & 1) && e.from != e.to) || ((rf & 2) && (rt & 2));
                // Two dependencies of the selection may be linked by a dev-dependency that cargo never
                // builds for it (updateRelations skips them too).
                if (lit && (rf & 1) && !(rf & 2) && e.dev && !e.normal && !e.build)
                    lit = false;
                twin = !lit && (rf & 4) && (rt & 4);
                lit = lit || twin;
            }
            if (int(lit) != pass && (m_selected >= 0 || marking))
                continue;
            if (m_selected < 0 && !marking && pass == 0)
                continue;
            QPainterPath path(el.points.front());
            int k = 1;
            for (; k + 2 < el.points.size(); k += 3)
                path.cubicTo(el.points[k], el.points[k + 1], el.points[k + 2]);
            for (; k < el.points.size(); ++k)
                path.lineTo(el.points[k]);
            const QRectF box = path.controlPointRect().united(QRectF(el.arrowTip, QSizeF(1, 1)));
            if (!box.intersects(exposed))
                continue;
            const bool bold = isCritical(e.from) && isCritical(e.to);
            QColor c = bold ? critical : edgeColor;
            if (m_selected >= 0 || marking)
                c = lit ? (bold ? critical : twin ? dupEdge : text) : blendColors(edgeColor, base, kDim);
            const Qt::PenStyle style = e.normal ? Qt::SolidLine : e.build ? Qt::DashLine : Qt::DotLine;
            QPen pen(c, bold ? 2.5 : (lit && (m_selected >= 0 || marking) ? 1.6 : 1.1), style, Qt::FlatCap);
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            if (el.hasArrow) {
                // Graphviz leaves a gap for the arrowhead between the curve's end and the node.
                const QLineF axis(el.arrowTip, el.arrowBase);
                const double len = axis.length();
                if (len > 0.1) {
                    const QPointF u = (el.arrowBase - el.arrowTip) / len;
                    const QPointF n(-u.y(), u.x());
                    const double w = bold ? 4.0 : 3.2;
                    const QPointF back = el.arrowTip + u * len;
                    const QPolygonF head{el.arrowTip, back + n * w, back - n * w};
                    p.setPen(Qt::NoPen);
                    p.setBrush(c);
                    p.drawPolygon(head);
                }
            }
        }
    }

    QFont nameFont = font();
    nameFont.setPixelSize(int(kFontSize));
    QFont boldFont = nameFont;
    boldFont.setBold(true);
    QFont versionFont = nameFont;
    versionFont.setPixelSize(int(kFontSize) - 1);
    const bool drawText = lod * kFontSize >= 4; // below that the glyphs are noise
    const QColor match = searchMatchColor(pal);
    const QColor dupColor = duplicateColor(pal);
    const QColor memColor = memberColor(pal);

    for (std::size_t i = 0; i < l.nodes.size() && i < g.packages.size(); ++i) {
        const QRectF r = l.nodes[i];
        if (r.isEmpty() || !r.adjusted(-4, -4, 4, 4).intersects(exposed))
            continue;
        const int pi = int(i);
        const bool lit = isHighlighted(pi);
        const auto dim = [&](const QColor& c) {
            return lit ? c : blendColors(c, base, kDim);
        };
        const bool otherVersion = i < m_related.size() && (m_related[i] & 8);
        if (m_match[i] || pi == m_selected || otherVersion) {
            // A halo outside the box, so that the fill keeps showing the heat.
            p.setPen(Qt::NoPen);
            p.setBrush(pi == m_selected ? pal.color(QPalette::Highlight) : otherVersion ? dupColor : match);
            p.drawRoundedRect(r.adjusted(-4, -4, 4, 4), 6, 6);
        }
        const QColor fill = nodeFill(pi);
        QColor border = blendColors(text, base, 0.35);
        double borderWidth = 1;
        if (m_member[i]) {
            border = memColor;
            borderWidth = 2.5;
        }
        if (isCritical(pi)) {
            border = critical;
            borderWidth = 3;
        }
        p.setPen(QPen(dim(border), borderWidth));
        p.setBrush(fill);
        const QRectF box = r.adjusted(borderWidth / 2, borderWidth / 2, -borderWidth / 2, -borderWidth / 2);
        p.drawRoundedRect(box, 3, 3);
        if (m_duplicate[i]) {
            const double s = std::min(10.0, r.height() / 3);
            const QPolygonF corner{r.topRight() + QPointF(-s, 0), r.topRight(), r.topRight() + QPointF(0, s)};
            p.setPen(Qt::NoPen);
            p.setBrush(dim(dupColor));
            p.drawPolygon(corner);
        }
        if (!drawText)
            continue;
        const DepPackage& pkg = g.packages[i];
        const QColor ink = dim(textColorOn(fill));
        const QRectF inner = r.adjusted(5, 3, -5, -3);
        const double half = inner.height() / 2;
        p.setPen(ink);
        p.setFont(m_member[i] ? boldFont : nameFont);
        const QFontMetricsF fm(p.font());
        p.drawText(QRectF(inner.left(), inner.top(), inner.width(), half), Qt::AlignHCenter | Qt::AlignBottom,
                   fm.elidedText(pkg.name, Qt::ElideRight, inner.width()));
        p.setFont(versionFont);
        QColor versionInk = m_duplicate[i] ? blendColors(ink, dupColor, 0.5) : blendColors(ink, fill, 0.25);
        p.setPen(versionInk);
        const QFontMetricsF vm(versionFont);
        p.drawText(QRectF(inner.left(), inner.top() + half + 1, inner.width(), half - 1),
                   Qt::AlignHCenter | Qt::AlignTop,
                   vm.elidedText(pkg.detail(), Qt::ElideRight, inner.width()));
    }
}

bool DepGraphView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString tip = tooltipFor(packageAt(mapToScene(help->pos())));
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, viewport());
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

void DepGraphView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        // AnchorUnderMouse keeps the point under the cursor in place.
        zoomBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void DepGraphView::mousePressEvent(QMouseEvent* event)
{
    m_pressPos = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void DepGraphView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    // A press and release in (nearly) one place is a click; anything longer was a pan.
    if ((event->position().toPoint() - m_pressPos).manhattanLength() < QApplication::startDragDistance())
        selectPackage(packageAt(mapToScene(event->position().toPoint())));
    else
        m_autoFit = false;
}

void DepGraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int package = packageAt(mapToScene(event->position().toPoint()));
    if (event->button() == Qt::LeftButton && package >= 0) {
        selectPackage(package);
        emit packageActivated(package);
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void DepGraphView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && m_selected >= 0) {
        selectPackage(-1);
        return;
    }
    if (event->matches(QKeySequence::ZoomIn)) {
        zoomBy(1.25);
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)) {
        zoomBy(0.8);
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DepGraphView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitToWindow();
}

void DepGraphView::changeEvent(QEvent* event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        viewport()->update();
}

} // namespace bl
