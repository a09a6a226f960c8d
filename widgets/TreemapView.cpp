#include "TreemapView.h"

#include "KindColors.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QRegularExpression>
#include <QStringMatcher>
#include <QToolTip>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <array>

namespace bl {

namespace {

// Nodes smaller than this (logical pixels, either side) are not painted on their own: their parent's fill
// stands for them.
constexpr double kMinPaint = 1.5;
// Recent layouts kept for zooming back out; a layout of half a million nodes takes some 20 MB.
constexpr std::size_t kCachedLayouts = 3;

struct GroupHue
{
    QRgb light; // under dark text on a light background
    QRgb dark;  // under light text on a dark background
};

// Twelve hues, each at about the same luminance (WCAG relative luminance 0.36 in the light variant, 0.10 in
// the dark one; the yellows a little brighter, or they turn olive), so that no crate shouts louder than
// another and one text colour reads on all of them.
constexpr std::array<GroupHue, 12> kGroupHues{{
    {0x6ea6da, 0x295c8b}, // blue
    {0xeea04f, 0x8c541a}, // orange
    {0x5fb45c, 0x2d642e}, // green
    {0xe78784, 0x983a37}, // red
    {0xae96d7, 0x634c94}, // violet
    {0x44b2a6, 0x1b635d}, // teal
    {0xceaf28, 0x6f6113}, // gold
    {0xdf85b9, 0x85426d}, // pink
    {0xc39a6e, 0x6f5433}, // brown
    {0x8da3c4, 0x475978}, // slate
    {0x95bf3a, 0x4d6a21}, // lime
    {0x33aed9, 0x1c5f7b}, // sky
}};

std::uint32_t stableHash(QStringView s)
{
    // FNV-1a over the UTF-16 code units, then a finaliser: qHash is seeded per process, and a crate must keep
    // its colour across sessions
    std::uint32_t h = 2166136261u;
    for (QChar c : s) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    return h;
}

QColor shadeForLevel(const QColor& base, const QPalette& palette, int level)
{
    if (level <= 1)
        return base;
    // Light theme: each level lighter, so parents frame their children in a stronger colour. Dark theme: each
    // level deeper, towards the background, so light text stays readable.
    if (isDarkPalette(palette))
        return blendColors(base, QColor(0x14, 0x14, 0x14), std::min(0.10 * (level - 1), 0.36));
    return blendColors(base, QColor(Qt::white), std::min(0.17 * (level - 1), 0.62));
}

// What a label shows on the map: paths inside a component shortened to their last segment, so that
// `<regex::re_trait::Matches<R> as core::iter::Iterator>` reads `<Matches<R> as Iterator>` (the tooltip has
// the full path). A turbofish keeps its function (`size_of::<T>`).
QString displayLabel(const QString& label)
{
    if (!label.contains(QLatin1String("::")))
        return label;
    static const QRegularExpression paths(QStringLiteral("(?:[A-Za-z_][A-Za-z0-9_]*::(?!<))+"));
    QString shortened = label;
    shortened.replace(paths, QString());
    return shortened;
}

QColor neutralFill(const QPalette& palette, int level)
{
    const QColor base = isDarkPalette(palette) ? QColor(0x5a, 0x5a, 0x5e) : QColor(0xb4, 0xb4, 0xba);
    return shadeForLevel(base, palette, level);
}

QString formatPercent(double part, double whole)
{
    return QStringLiteral("%L1 %").arg(whole > 0 ? 100.0 * part / whole : 0.0, 0, 'f', 2);
}

} // namespace

QColor treemapGroupColor(QStringView group, const QPalette& palette, int level)
{
    const std::uint32_t h = stableHash(group);
    const GroupHue& hue = kGroupHues[h % kGroupHues.size()];
    const bool dark = isDarkPalette(palette);
    QColor base = QColor::fromRgb(dark ? hue.dark : hue.light);
    // Forty crates share twelve hues: half of them get a slightly deeper (light theme) or brighter (dark
    // theme) variant, so that two neighbours of one hue still differ. Either keeps its label's contrast
    // above 4.5:1.
    if ((h >> 16) & 1)
        base = blendColors(base, dark ? QColor(Qt::white) : QColor(Qt::black), 0.12);
    return shadeForLevel(base, palette, level);
}

TreemapView::TreemapView(QWidget* parent)
    : QWidget(parent)
    , m_watcher(new QFutureWatcher<LayoutPtr>(this))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(m_watcher, &QFutureWatcher<LayoutPtr>::finished, this, &TreemapView::layoutDone);
    updateMetrics();
}

TreemapView::~TreemapView()
{
    // a running layout owns its own copy of the tree and options: let it finish on the pool, unobserved
    m_watcher->disconnect(this);
}

QSize TreemapView::sizeHint() const
{
    return {900, 560};
}

QSize TreemapView::minimumSizeHint() const
{
    return {200, m_barHeight + 80};
}

void TreemapView::updateMetrics()
{
    const QFontMetrics fm(font());
    m_barHeight = fm.height() + 10;
    m_headerHeight = fm.height() + 3;
}

TreemapOptions TreemapView::layoutOptions() const
{
    const QFontMetrics fm(font());
    TreemapOptions o;
    o.padding = 2;
    o.headerHeight = m_headerHeight;
    // a header gets a label of a few characters, and leaves its parent room for more than itself
    o.headerMinWidth = fm.horizontalAdvance(QStringLiteral("Mmmm…")) + 8;
    o.headerMinHeight = 3 * m_headerHeight;
    o.minSize = 4;
    o.minArea = 9; // 3 x 3 px: smaller is a speck, and there can be a million of them
    return o;
}

void TreemapView::setTree(std::shared_ptr<const SizeTree> tree)
{
    m_tree = std::move(tree);
    ++m_generation;
    m_layout.reset();
    m_cache.clear();
    m_zoom = SizeTree::kRoot;
    m_hover = -1;
    m_hoverCrumb = -1;
    m_groupColors.clear();
    m_before.clear();
    m_foldedLabels.clear();
    m_labelStart.clear();
    updateMatches();
    requestLayout();
    update();
    emit zoomChanged(m_zoom);
}

void TreemapView::setBaseline(std::vector<std::uint64_t> weightBefore)
{
    m_before = m_tree && weightBefore.size() == std::size_t(m_tree->size()) ? std::move(weightBefore)
                                                                            : std::vector<std::uint64_t>();
    update();
}

void TreemapView::setUnit(const QString& unit)
{
    const QString u = unit.trimmed();
    m_unit = u.isEmpty() ? QStringLiteral("bytes") : u;
    m_bytes = m_unit.compare(QLatin1String("bytes"), Qt::CaseInsensitive) == 0 ||
              m_unit.compare(QLatin1String("byte"), Qt::CaseInsensitive) == 0 || m_unit == QLatin1String("B");
    update();
}

void TreemapView::setRootLabel(const QString& label)
{
    m_rootLabel = label;
    update(breadcrumbRect());
}

QString TreemapView::labelOf(int node) const
{
    if (!m_tree || node < 0 || node >= m_tree->size())
        return {};
    if (node == SizeTree::kRoot)
        return m_rootLabel.isEmpty() ? tr("All crates") : m_rootLabel;
    return m_tree->labelOf(node);
}

QStringList TreemapView::breadcrumb() const
{
    QStringList path;
    if (!m_tree)
        return path;
    for (int n = m_zoom; n != SizeTree::kNone; n = m_tree->parent[n])
        path.prepend(labelOf(n));
    return path;
}

QString TreemapView::formatWeight(std::uint64_t weight) const
{
    if (m_bytes)
        return tr("%L1 bytes").arg(qulonglong(weight));
    return QStringLiteral("%L1 %2").arg(qulonglong(weight)).arg(m_unit);
}

QString TreemapView::compactWeight(std::uint64_t weight) const
{
    if (m_bytes) {
        // binary multiples with their IEC names, as cargo-bloat and the size tables write them
        if (weight < 1024)
            return tr("%L1 B").arg(qulonglong(weight));
        static const std::array<const char*, 4> units{"KiB", "MiB", "GiB", "TiB"};
        double v = double(weight) / 1024.0;
        std::size_t u = 0;
        while (v >= 1024.0 && u + 1 < units.size()) {
            v /= 1024.0;
            ++u;
        }
        return QStringLiteral("%L1 %2").arg(v, 0, 'f', 1).arg(QLatin1String(units[u]));
    }
    if (weight < 10000)
        return QStringLiteral("%L1 %2").arg(qulonglong(weight)).arg(m_unit);
    if (weight < 1000000)
        return QStringLiteral("%L1 k %2").arg(double(weight) / 1e3, 0, 'f', 1).arg(m_unit);
    return QStringLiteral("%L1 M %2").arg(double(weight) / 1e6, 0, 'f', 2).arg(m_unit);
}

QString TreemapView::tooltipFor(int node) const
{
    if (!m_tree || node < 0 || node >= m_tree->size())
        return {};
    const SizeTree& t = *m_tree;
    const QString path = node == SizeTree::kRoot ? labelOf(node) : t.pathOf(node).join(QStringLiteral("::"));
    QString html = QStringLiteral("<b>%1</b>").arg(path.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing=0 cellpadding=1>");
    auto row = [&](const QString& name, const QString& value) {
        html += QStringLiteral("<tr><td>%1&nbsp;</td><td>%2</td></tr>").arg(name, value);
    };
    const std::uint64_t w = t.weight[node];
    row(tr("Size"), m_bytes ? tr("%1 (%2)").arg(formatWeight(w), compactWeight(w)) : formatWeight(w));
    if (t.parent[node] != SizeTree::kNone)
        row(tr("Of %1").arg(labelOf(t.parent[node]).toHtmlEscaped()),
            formatPercent(double(w), double(t.weight[t.parent[node]])));
    row(tr("Of the total"), formatPercent(double(w), double(t.weight[SizeTree::kRoot])));
    if (!m_before.empty()) {
        const std::uint64_t b = m_before[std::size_t(node)];
        const auto delta = std::int64_t(w) - std::int64_t(b);
        row(tr("Before"), b == 0 ? tr("absent") : formatWeight(b));
        row(tr("Change"), (delta > 0   ? QStringLiteral("+")
                           : delta < 0 ? QStringLiteral("-")
                                       : QString()) +
                              formatWeight(std::uint64_t(delta < 0 ? -delta : delta)));
    }
    if (!t.isLeaf(node)) {
        row(tr("Functions"), QLocale().toString(qulonglong(t.leafCount[node])));
        if (t.selfWeight[node] > 0)
            row(tr("Itself"), compactWeight(t.selfWeight[node]));
    } else if (t.itemCount[node] > 1) {
        row(tr("Symbols merged"), QLocale().toString(qulonglong(t.itemCount[node])));
    }
    html += QStringLiteral("</table>");
    return html;
}

bool TreemapView::isMatch(int node) const
{
    return node >= 0 && node < static_cast<int>(m_match.size()) && m_match[node];
}

void TreemapView::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    updateMatches();
    emit searchMatchesChanged(m_matchCount);
    update();
}

void TreemapView::updateMatches()
{
    m_match.clear();
    m_matchesBefore.clear();
    m_matchCount = 0;
    m_matchedWeight = 0;
    if (!m_tree || m_search.isEmpty())
        return;
    const SizeTree& t = *m_tree;
    const int n = t.size();
    // Every distinct label, case-folded, in one string: a search is then one pass of a string matcher over
    // it, a few milliseconds for half a million labels where testing them one by one, case-insensitively,
    // takes a quarter of a second (and this runs on the GUI thread, on every key).
    if (m_labelStart.empty()) {
        m_labelStart.reserve(static_cast<std::size_t>(t.labels.size()) + 1);
        qsizetype length = 0;
        for (const QString& l : t.labels)
            length += l.size() + 1;
        m_foldedLabels.reserve(length);
        for (const QString& l : t.labels) {
            m_labelStart.push_back(m_foldedLabels.size());
            m_foldedLabels += l;
            m_foldedLabels += QChar(0x1f); // no label holds a unit separator, so no match spans two labels
        }
        m_labelStart.push_back(m_foldedLabels.size());
        // folded in place, all at once: simple case folding keeps a label's length, so the offsets hold (and
        // should a fold ever change a length, labels are folded one by one instead)
        const qsizetype unfolded = m_foldedLabels.size();
        m_foldedLabels = std::move(m_foldedLabels).toCaseFolded();
        if (m_foldedLabels.size() != unfolded) {
            m_foldedLabels.clear();
            for (qsizetype i = 0; i < t.labels.size(); ++i) {
                m_labelStart[static_cast<std::size_t>(i)] = m_foldedLabels.size();
                m_foldedLabels += t.labels[i].toCaseFolded();
                m_foldedLabels += QChar(0x1f);
            }
            m_labelStart.back() = m_foldedLabels.size();
        }
    }
    std::vector<char> labelMatches(static_cast<std::size_t>(t.labels.size()), 0);
    const QStringMatcher matcher(m_search.toCaseFolded(), Qt::CaseSensitive);
    for (qsizetype pos = matcher.indexIn(m_foldedLabels); pos >= 0;) {
        const auto next = std::upper_bound(m_labelStart.begin(), m_labelStart.end(), pos);
        labelMatches[static_cast<std::size_t>(next - m_labelStart.begin() - 1)] = 1;
        if (next == m_labelStart.end())
            break;
        pos = matcher.indexIn(m_foldedLabels, *next); // on from the next label
    }
    m_match.assign(n, 0);
    for (int i = 1; i < n; ++i) {
        m_match[i] = labelMatches[t.label[i]];
        m_matchCount += m_match[i];
    }
    m_matchesBefore.assign(n + 1, 0);
    for (int i = 0; i < n; ++i)
        m_matchesBefore[i + 1] = m_matchesBefore[i] + m_match[i];
    for (int i = 1; i < n;) {
        if (m_match[i]) {
            m_matchedWeight += t.weight[i];
            i = t.subtreeEnd[i];
        } else {
            ++i;
        }
    }
}

QRect TreemapView::breadcrumbRect() const
{
    return QRect(0, 0, width(), m_barHeight);
}

QRect TreemapView::mapRect() const
{
    return QRect(0, m_barHeight, width(), std::max(0, height() - m_barHeight));
}

TreemapView::LayoutPtr TreemapView::cachedLayout(int root, QSizeF size) const
{
    for (auto it = m_cache.rbegin(); it != m_cache.rend(); ++it) {
        if ((*it)->root == root && (*it)->bounds.size() == size)
            return *it;
    }
    return nullptr;
}

void TreemapView::remember(LayoutPtr layout)
{
    const QSizeF size = layout->bounds.size();
    const int root = layout->root;
    std::erase_if(m_cache, [&](const LayoutPtr& l) { return l->root == root && l->bounds.size() == size; });
    m_cache.push_back(std::move(layout));
    if (m_cache.size() > kCachedLayouts)
        m_cache.erase(m_cache.begin());
}

bool TreemapView::isLayoutPending() const
{
    const QSizeF size = mapRect().size();
    if (!m_tree || m_tree->empty() || size.isEmpty())
        return false;
    return !m_layout || m_layout->root != m_zoom || m_layout->bounds.size() != size;
}

void TreemapView::requestLayout()
{
    if (!m_tree || m_tree->empty())
        return;
    const QSizeF size = mapRect().size();
    if (size.isEmpty() || !isLayoutPending())
        return;
    if (LayoutPtr cached = cachedLayout(m_zoom, size)) {
        m_layout = std::move(cached);
        update();
        return;
    }
    const int nodes = m_tree->subtreeEnd[m_zoom] - m_zoom;
    if (nodes <= kAsyncNodes) {
        // a few milliseconds at most: no reason to show anything stale
        m_layout = std::make_shared<const TreemapLayout>(
            layoutTreemap(*m_tree, m_zoom, QRectF({0, 0}, size), layoutOptions()));
        remember(m_layout);
        update();
        emit layoutFinished();
        return;
    }
    if (!m_jobRunning) // else layoutDone() asks again for whatever is current by then
        startAsyncLayout();
}

void TreemapView::startAsyncLayout()
{
    m_jobRunning = true;
    m_jobGeneration = m_generation;
    const int root = m_zoom;
    const QSizeF size = mapRect().size();
    // the job holds its own reference to the tree: a new tree, or the view's end, does not pull it away
    std::shared_ptr<const SizeTree> tree = m_tree;
    const TreemapOptions options = layoutOptions();
    m_watcher->setFuture(QtConcurrent::run([tree, root, size, options]() -> LayoutPtr {
        return std::make_shared<const TreemapLayout>(
            layoutTreemap(*tree, root, QRectF({0, 0}, size), options));
    }));
}

void TreemapView::layoutDone()
{
    m_jobRunning = false;
    LayoutPtr result = m_watcher->future().result();
    if (result && m_jobGeneration == m_generation) {
        remember(result);
        // Take it when it is for the zoom shown (perhaps at an old size), or when what is shown now is no
        // better; a layout of another zoom is kept in the cache only.
        if (result->root == m_zoom || !m_layout || m_layout->root != m_zoom)
            m_layout = result;
        update();
        emit layoutFinished();
    }
    requestLayout();
}

TreemapView::LayoutPtr TreemapView::displayed(const QRect& area, Mapping& mapping) const
{
    if (!m_tree || area.isEmpty())
        return nullptr;
    // Best is a layout of the zoomed node (stretched if made for another size); else one holding it, its
    // rectangle stretched over the area, as if zooming in.
    auto fit = [&](const LayoutPtr& l, const QRectF& src) {
        mapping.sx = area.width() / src.width();
        mapping.sy = area.height() / src.height();
        mapping.dx = area.x() - src.x() * mapping.sx;
        mapping.dy = area.y() - src.y() * mapping.sy;
        return l;
    };
    if (m_layout && m_layout->root == m_zoom)
        return fit(m_layout, m_layout->bounds);
    for (auto it = m_cache.rbegin(); it != m_cache.rend(); ++it) {
        if ((*it)->root == m_zoom)
            return fit(*it, (*it)->bounds);
    }
    auto holds = [&](const LayoutPtr& l) {
        const QRectF r = l->rect(m_zoom);
        return l->isLaidOut(m_zoom) && r.width() >= 1 && r.height() >= 1;
    };
    if (m_layout && holds(m_layout))
        return fit(m_layout, m_layout->rect(m_zoom));
    for (auto it = m_cache.rbegin(); it != m_cache.rend(); ++it) {
        if (holds(*it))
            return fit(*it, (*it)->rect(m_zoom));
    }
    return nullptr;
}

QRectF TreemapView::nodeRect(int node) const
{
    if (!m_tree || node < m_zoom || node >= m_tree->subtreeEnd[m_zoom])
        return {};
    Mapping mapping;
    const LayoutPtr layout = displayed(mapRect(), mapping);
    if (!layout || !layout->isLaidOut(node))
        return {};
    return mapping.map(layout->rect(node));
}

int TreemapView::nodeAt(const QPoint& pos) const
{
    if (!m_tree || m_tree->empty() || !mapRect().contains(pos))
        return -1;
    Mapping mapping;
    const LayoutPtr layout = displayed(mapRect(), mapping);
    if (!layout)
        return -1;
    const SizeTree& t = *m_tree;
    const QPointF p = mapping.unmap(QPointF(pos) + QPointF(0.5, 0.5));
    // down from the zoomed node through the child under the point, as far as children are painted
    int node = m_zoom;
    while (layout->isSubdivided(node)) {
        int found = -1;
        for (int c = t.firstChild[node]; c != SizeTree::kNone && layout->isLaidOut(c); c = t.nextSibling[c]) {
            const QRectF r = layout->rect(c);
            if (r.contains(p)) {
                const QRectF m = mapping.map(r);
                if (m.width() >= kMinPaint && m.height() >= kMinPaint)
                    found = c;
                break;
            }
        }
        if (found < 0)
            break;
        node = found;
    }
    return node;
}

void TreemapView::zoomTo(int node)
{
    if (!m_tree || node < 0 || node >= m_tree->size())
        node = SizeTree::kRoot;
    if (node == m_zoom)
        return;
    m_zoom = node;
    m_hover = -1;
    m_hoverCrumb = -1;
    requestLayout();
    update();
    emit zoomChanged(m_zoom);
}

void TreemapView::zoomOut()
{
    if (m_tree && m_zoom != SizeTree::kRoot)
        zoomTo(m_tree->parent[m_zoom]);
}

void TreemapView::resetZoom()
{
    zoomTo(SizeTree::kRoot);
}

QColor TreemapView::changeColor(bool grew) const
{
    const bool dark = isDarkPalette(palette());
    if (grew)
        return dark ? QColor(0xd0, 0x4a, 0x3c) : QColor(0xd7, 0x30, 0x27);
    return dark ? QColor(0x3c, 0xa0, 0x5a) : QColor(0x1a, 0x98, 0x50);
}

QColor TreemapView::fillOf(int node) const
{
    const SizeTree& t = *m_tree;
    const int level = std::max(1, t.depth[node] - t.depth[m_zoom]);
    if (!m_before.empty()) {
        const double now = double(t.weight[node]);
        const double before = double(m_before[std::size_t(node)]);
        const double change = (now - before) / std::max({now, before, 1.0}); // -1..1
        // a square root, so that a few per cent still shows
        const double strength = std::sqrt(std::min(1.0, std::abs(change)));
        return blendColors(neutralFill(palette(), level), changeColor(change >= 0), strength * 0.9);
    }
    const int group = t.group[node];
    if (group < 0)
        return neutralFill(palette(), level);
    // hashing is cheap, but a repaint fills thousands of nodes of a few dozen groups
    if (m_groupColors.empty())
        m_groupColors.assign(static_cast<std::size_t>(t.size()), 0);
    QRgb& c = m_groupColors[group];
    if (c == 0)
        c = treemapGroupColor(t.labelOf(group), palette(), 1).rgb();
    return shadeForLevel(QColor::fromRgb(c), palette(), level);
}

QString TreemapView::summaryText(int detail) const
{
    const SizeTree& t = *m_tree;
    if (detail <= 0)
        return {};
    QStringList parts;
    if (!m_search.isEmpty() && detail > 1) {
        const QString share = formatPercent(double(m_matchedWeight), double(t.weight[SizeTree::kRoot]));
        parts << (m_matchCount == 1 ? tr("1 match, %1").arg(share)
                                    : tr("%L1 matches, %2").arg(m_matchCount).arg(share));
    }
    parts << compactWeight(t.weight[m_zoom]);
    if (detail > 1) {
        if (m_zoom == SizeTree::kRoot) {
            const auto leaves = qulonglong(t.leafCount[m_zoom]);
            QString count = m_leavesAreCrates
                                ? (leaves == 1 ? tr("1 crate") : tr("%L1 crates").arg(leaves))
                                : (leaves == 1 ? tr("1 function") : tr("%L1 functions").arg(leaves));
            // symbols of one name (copies of a generic, local duplicates) are one block here
            if (t.itemCount[m_zoom] != t.leafCount[m_zoom])
                count += tr(" (%L1 symbols)").arg(qulonglong(t.itemCount[m_zoom]));
            parts << count;
        } else
            parts << tr("%1 of the total")
                         .arg(formatPercent(double(t.weight[m_zoom]), double(t.weight[SizeTree::kRoot])));
    }
    return parts.join(QStringLiteral(" · "));
}

std::vector<TreemapView::Crumb> TreemapView::crumbs(const QRect& bar, QString* summaryOut) const
{
    std::vector<Crumb> out;
    if (!m_tree)
        return out;
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(font());
    const QFontMetrics fmBold(bold);
    const int pad = 6;
    const int sep = fm.horizontalAdvance(QStringLiteral(" › "));
    std::vector<int> path;
    for (int n = m_zoom; n != SizeTree::kNone; n = m_tree->parent[n])
        path.insert(path.begin(), n);
    const int count = static_cast<int>(path.size());
    auto widthOf = [&](int i) {
        return (i == count - 1 ? fmBold : fm).horizontalAdvance(displayLabel(labelOf(path[i]))) + 2 * pad;
    };
    // The summary at the right end gives way first (to the size alone, then to nothing) where the bar cannot
    // show the root, an ellipsis and the zoomed node whole beside it.
    const int ellipsisWidth = fm.horizontalAdvance(QStringLiteral("…")) + 2 * pad;
    const int needed =
        widthOf(0) + (count > 1 ? widthOf(count - 1) + sep : 0) + (count > 2 ? ellipsisWidth + sep : 0);
    QString summary;
    for (int detail = 2; detail >= 0; --detail) {
        summary = summaryText(detail);
        if (bar.width() - fm.horizontalAdvance(summary) - 4 * pad >= needed)
            break;
    }
    if (summaryOut)
        *summaryOut = summary;
    const int available =
        bar.width() - (summary.isEmpty() ? 0 : fm.horizontalAdvance(summary) + 3 * pad) - pad;
    // Too long: leave out segments after the root, deepest last, behind an ellipsis that zooms to the last
    // one left out; the zoomed node always shows, elided if it must.
    int skipFrom = count, skipTo = count; // [skipFrom, skipTo) left out
    auto total = [&]() {
        int w = 0;
        for (int i = 0; i < count; ++i) {
            if (i >= skipFrom && i < skipTo)
                continue;
            w += widthOf(i) + sep;
        }
        if (skipFrom < skipTo)
            w += ellipsisWidth + sep;
        return w - sep;
    };
    if (total() > available && count > 2) {
        skipFrom = 1;
        skipTo = 2;
        while (total() > available && skipTo < count - 1)
            ++skipTo;
    }
    int x = bar.left() + pad / 2;
    for (int i = 0; i < count; ++i) {
        if (i == skipFrom) {
            const int w = ellipsisWidth;
            out.push_back({path[skipTo - 1], QStringLiteral("…"), QRect(x, bar.top(), w, bar.height())});
            x += w + sep;
        }
        if (i >= skipFrom && i < skipTo)
            continue;
        int w = widthOf(i);
        QString text = displayLabel(labelOf(path[i]));
        if (i == count - 1 && x + w > bar.left() + available) {
            w = std::max(2 * pad + fmBold.horizontalAdvance(QStringLiteral("M…")),
                         bar.left() + available - x);
            text = fmBold.elidedText(text, Qt::ElideMiddle, w - 2 * pad);
        }
        out.push_back({path[i], text, QRect(x, bar.top(), w, bar.height())});
        x += w + sep;
    }
    return out;
}

int TreemapView::crumbAt(const QPoint& pos) const
{
    if (!breadcrumbRect().contains(pos))
        return -1;
    const std::vector<Crumb> cs = crumbs(breadcrumbRect());
    for (int i = 0; i < static_cast<int>(cs.size()); ++i) {
        if (cs[i].rect.contains(pos))
            return i;
    }
    return -1;
}

void TreemapView::paintBreadcrumb(QPainter& p, const QRect& bar) const
{
    const QPalette& pal = palette();
    p.fillRect(bar, pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(bar.bottomLeft(), bar.bottomRight());
    if (!m_tree)
        return;
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(font());
    QString summary;
    const std::vector<Crumb> cs = crumbs(bar, &summary);
    const QColor text = pal.color(QPalette::WindowText);
    const QColor faint = blendColors(text, pal.color(QPalette::Window), 0.45);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (int i = 0; i < static_cast<int>(cs.size()); ++i) {
        const Crumb& c = cs[i];
        const bool last = i + 1 == static_cast<int>(cs.size());
        if (i == m_hoverCrumb && !last) {
            p.setPen(Qt::NoPen);
            p.setBrush(blendColors(pal.color(QPalette::Window), pal.color(QPalette::Highlight), 0.25));
            p.drawRoundedRect(QRectF(c.rect).adjusted(0, 4, 0, -4), 4, 4);
        }
        p.setFont(last ? bold : font());
        p.setPen(last ? text : blendColors(text, pal.color(QPalette::Window), 0.2));
        p.drawText(c.rect, Qt::AlignCenter, c.text);
        if (!last) {
            p.setFont(font());
            p.setPen(faint);
            p.drawText(QRect(c.rect.right() + 1, bar.top(), fm.horizontalAdvance(QStringLiteral(" › ")),
                             bar.height()),
                       Qt::AlignCenter, QStringLiteral("›"));
        }
    }
    p.setFont(font());
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(faint);
    p.drawText(bar.adjusted(0, 0, -8, 0), Qt::AlignVCenter | Qt::AlignRight, summary);
}

void TreemapView::paintMap(QPainter& p, const QRect& area, const QRect& exposed, const TreemapLayout* layout,
                           const Mapping& mapping, bool withHover) const
{
    const QPalette& pal = palette();
    const QColor base = pal.color(QPalette::Base);
    p.fillRect(area & exposed, base);
    if (!m_tree || m_tree->empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter,
                   m_tree ? tr("Nothing to show: no symbol has a size")
                          : tr("Open a binary, cargo-bloat JSON or cargo-llvm-lines output to see where its "
                               "size goes"));
        return;
    }
    if (!layout) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter, tr("Laying out…"));
        return;
    }

    const SizeTree& t = *m_tree;
    const QFontMetrics fm(font());
    QFont headerFont = font();
    headerFont.setBold(true);
    const QFontMetrics fmHeader(headerFont);
    const int line = fm.height();
    const int minLabelWidth = fm.horizontalAdvance(QStringLiteral("Mmm…"));
    const QString sep = QStringLiteral(" · ");
    const int sepWidth = fm.horizontalAdvance(sep);
    const bool searching = !m_search.isEmpty();
    const QColor matchFill = searchMatchColor(pal);
    const QColor outline = pal.color(QPalette::Text);
    const QRectF clip = QRectF(area & exposed);
    const int zoomDepth = t.depth[m_zoom];
    const int end = t.subtreeEnd[m_zoom];

    auto subtreeHasMatch = [&](int first, int last) { // pre-order range [first, last)
        return searching && m_matchesBefore[last] > m_matchesBefore[first];
    };
    // a node inside a match shows as matched: ancestors of the zoomed node count too
    std::vector<int> matchedAbove; // stack of matched ancestors' subtree ends
    auto underMatch = [&](int node) {
        while (!matchedAbove.empty() && matchedAbove.back() <= node)
            matchedAbove.pop_back();
        return !matchedAbove.empty() || m_match[node];
    };
    if (searching) {
        for (int a = t.parent[m_zoom]; a != SizeTree::kNone; a = t.parent[a]) {
            if (m_match[a]) {
                matchedAbove.push_back(t.subtreeEnd[a]);
                break;
            }
        }
    }
    // Search styles: inside a match as usual, holding a hidden match in the match colour, else faded.
    auto styled = [&](QColor fill, bool inMatch, bool hiddenMatch) {
        if (!searching || inMatch)
            return fill;
        if (hiddenMatch)
            return matchFill;
        return blendColors(fill, base, 0.7);
    };
    auto drawText = [&](const QRectF& r, const QString& text, const QColor& color, int flags) {
        p.setPen(color);
        p.drawText(r, flags, text);
    };
    // Whether a block has room for a label: most have not, and formatting one costs more than the fill.
    auto labelFits = [&](const QRectF& box) {
        return box.width() - 8 >= minLabelWidth && box.height() - 3 >= line;
    };
    // a block's label: name over size where two lines fit, else "name · size" or the name alone, elided
    auto drawLabel = [&](const QRectF& box, const QString& name, const QString& size, const QColor& fill) {
        const QRectF inner = box.adjusted(4, 2, -4, -1);
        const QColor text = textColorOn(fill);
        const int w = static_cast<int>(inner.width());
        const int flags = Qt::AlignLeft | Qt::AlignTop;
        if (inner.height() >= 2 * line) {
            drawText(inner, fm.elidedText(name, Qt::ElideRight, w), text, flags);
            // a size cut short would be a wrong number: whole or not at all
            if (fm.horizontalAdvance(size) <= w)
                drawText(inner.adjusted(0, line, 0, 0), size, blendColors(text, fill, 0.3), flags);
        } else {
            const QString full = name + sep + size;
            if (fm.horizontalAdvance(full) <= w) {
                drawText(inner, full, text, flags);
            } else {
                const int sizeWidth = sepWidth + fm.horizontalAdvance(size);
                if (w - sizeWidth >= fm.horizontalAdvance(QStringLiteral("Mmmm…")))
                    drawText(inner, fm.elidedText(name, Qt::ElideRight, w - sizeWidth) + sep + size, text,
                             flags);
                else
                    drawText(inner, fm.elidedText(name, Qt::ElideRight, w), text, flags);
            }
        }
    };
    // one pixel of the parent's fill between siblings, where they are big enough to spare it
    auto boxOf = [](const QRectF& r) {
        return r.width() > 4 && r.height() > 4 ? r.adjusted(0, 0, -1, -1) : r;
    };

    p.setRenderHint(QPainter::Antialiasing, false);
    for (int i = m_zoom; i < end;) {
        const int next = t.subtreeEnd[i];
        if (!layout->isLaidOut(i)) {
            // the laid-out children come first: the siblings after this one are not laid out either
            i = t.subtreeEnd[t.parent[i]];
            continue;
        }
        const QRectF r = mapping.map(layout->rect(i));
        if (!r.intersects(clip)) {
            i = next;
            continue;
        }
        const bool inMatch = searching && underMatch(i);
        if (r.width() < kMinPaint || r.height() < kMinPaint) {
            // a speck: the parent's fill stands for it, except for a match, which must not vanish
            if (!inMatch && subtreeHasMatch(i, next))
                p.fillRect(QRectF(r.topLeft(), r.size().expandedTo(QSizeF(1, 1))), matchFill);
            i = next;
            continue;
        }
        if (inMatch && m_match[i])
            matchedAbove.push_back(next);
        const bool subdivided = layout->isSubdivided(i);
        const bool isZoom = i == m_zoom;
        if (isZoom && subdivided) {
            // the zoomed node is the background: its children are the top level, apart by the base colour
        } else {
            const QColor natural = fillOf(i);
            const QColor fill = styled(natural, inMatch, !subdivided && subtreeHasMatch(i, next));
            // the top level stands apart by two pixels of background, deeper levels by one of their parent
            const bool topLevel = t.depth[i] == zoomDepth + 1;
            const QRectF box = isZoom                                        ? r
                               : topLevel && r.width() > 4 && r.height() > 4 ? r.adjusted(1, 1, -1, -1)
                                                                             : boxOf(r);
            p.fillRect(box, fill);
            if (searching && m_match[i] && box.width() >= 6 && box.height() >= 6) {
                p.setPen(QPen(outline, 2));
                p.drawRect(box.adjusted(1, 1, -1, -1));
            }
            if (subdivided) {
                if (layout->hasHeader(i)) {
                    const QRectF header = mapping.map(layout->headerRect(i)).adjusted(2, 0, -3, 0);
                    const bool top = t.depth[i] - zoomDepth == 1;
                    const QFontMetrics& hfm = top ? fmHeader : fm;
                    if (header.width() >= minLabelWidth && header.height() >= line - 2) {
                        const QString size = compactWeight(t.weight[i]);
                        const QString name = displayLabel(labelOf(i));
                        QString text = name + sep + size;
                        const int w = static_cast<int>(header.width());
                        if (hfm.horizontalAdvance(text) > w) {
                            const int rest = w - hfm.horizontalAdvance(sep + size);
                            text = rest >= hfm.horizontalAdvance(QStringLiteral("Mmmm…"))
                                       ? hfm.elidedText(name, Qt::ElideRight, rest) + sep + size
                                       : hfm.elidedText(name, Qt::ElideRight, w);
                        }
                        p.setFont(top ? headerFont : font());
                        drawText(header, text, textColorOn(fill), Qt::AlignLeft | Qt::AlignVCenter);
                        p.setFont(font());
                    }
                }
            } else {
                if (labelFits(box))
                    drawLabel(box, displayLabel(labelOf(i)), compactWeight(t.weight[i]), fill);
            }
        }
        if (subdivided) {
            if (const TreemapLayout::Rest* rest = layout->restOf(i)) {
                const QRectF rr = mapping.map(rest->rect);
                if (rr.intersects(clip) && rr.width() >= kMinPaint && rr.height() >= kMinPaint) {
                    // the children too small to lay out, and the node's own weight: one hatched block
                    const QRectF box =
                        isZoom && rr.width() > 4 && rr.height() > 4 ? rr.adjusted(1, 1, -1, -1) : boxOf(rr);
                    const int level = std::max(1, t.depth[i] + 1 - zoomDepth);
                    const QColor natural =
                        t.group[i] < 0 ? neutralFill(pal, level) : shadeForLevel(fillOf(i), pal, 2);
                    const QColor fill =
                        styled(natural, inMatch,
                               subtreeHasMatch(rest->firstHidden < 0 ? next : rest->firstHidden, next));
                    p.fillRect(box, fill);
                    p.fillRect(box, QBrush(blendColors(fill, textColorOn(fill), 0.12), Qt::BDiagPattern));
                    if (labelFits(box)) {
                        QString what = tr("%1 itself").arg(displayLabel(labelOf(i)));
                        if (rest->hiddenChildren > 0) {
                            // a count cut short would mislead: the short form where the long one does not fit
                            what = tr("%L1 more").arg(rest->hiddenChildren);
                            if (fm.horizontalAdvance(what) > box.width() - 8)
                                what = QStringLiteral("+%L1").arg(rest->hiddenChildren);
                        }
                        drawLabel(box, what, compactWeight(rest->weight), fill);
                    }
                }
            }
        }
        i = subdivided ? i + 1 : next;
    }

    if (withHover && m_hover >= m_zoom && m_hover < end && layout->isLaidOut(m_hover) && m_hover != m_zoom) {
        const QRectF r = boxOf(mapping.map(layout->rect(m_hover)));
        p.setPen(QPen(outline, 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(r.adjusted(1, 1, -1, -1));
    }
}

void TreemapView::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    const QRect bar = breadcrumbRect();
    if (event->rect().intersects(bar))
        paintBreadcrumb(p, bar);
    Mapping mapping;
    const LayoutPtr layout = displayed(mapRect(), mapping);
    paintMap(p, mapRect(), event->rect(), layout.get(), mapping, true);
}

void TreemapView::render(QPainter& painter, const QRect& target)
{
    const QRect bar(target.x(), target.y(), target.width(), m_barHeight);
    const QRect area(target.x(), target.y() + m_barHeight, target.width(),
                     std::max(0, target.height() - m_barHeight));
    LayoutPtr layout;
    Mapping mapping;
    if (m_tree && !m_tree->empty() && !area.isEmpty()) {
        if (m_layout && m_layout->root == m_zoom && m_layout->bounds.size() == QSizeF(area.size()))
            layout = m_layout;
        else
            layout = std::make_shared<const TreemapLayout>(
                layoutTreemap(*m_tree, m_zoom, QRectF({0, 0}, QSizeF(area.size())), layoutOptions()));
        mapping.dx = area.x();
        mapping.dy = area.y();
    }
    painter.save();
    painter.setClipRect(target, Qt::IntersectClip);
    painter.setFont(font());
    paintBreadcrumb(painter, bar);
    paintMap(painter, area, area, layout.get(), mapping, false);
    painter.restore();
}

void TreemapView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    requestLayout();
}

void TreemapView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        // headers follow the font: every layout made so far is out of date
        updateMetrics();
        m_layout.reset();
        m_cache.clear();
        requestLayout();
        update();
    }
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        m_groupColors.clear(); // light and dark themes use different shades
        update();
    }
}

bool TreemapView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        int node = -1;
        const int crumb = crumbAt(help->pos());
        if (crumb >= 0)
            node = crumbs(breadcrumbRect())[crumb].node;
        else
            node = nodeAt(help->pos());
        if (node >= 0)
            QToolTip::showText(help->globalPos(), tooltipFor(node), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void TreemapView::setHover(int node, int crumb)
{
    if (node == m_hover && crumb == m_hoverCrumb)
        return;
    // repaint just the outlines that change
    auto dirty = [&](int n) {
        const QRectF r = nodeRect(n);
        if (!r.isEmpty())
            update(r.toAlignedRect().adjusted(-2, -2, 2, 2));
    };
    if (node != m_hover) {
        dirty(m_hover);
        dirty(node);
    }
    if (crumb != m_hoverCrumb)
        update(breadcrumbRect());
    m_hover = node;
    m_hoverCrumb = crumb;
    if (node >= 0 || crumb >= 0)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
}

void TreemapView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->pos();
        event->accept();
        return;
    }
    if (event->button() == Qt::BackButton) {
        zoomOut();
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void TreemapView::mouseMoveEvent(QMouseEvent* event)
{
    const int crumb = crumbAt(event->pos());
    const int node = crumb >= 0 ? -1 : nodeAt(event->pos());
    setHover(node == m_zoom ? -1 : node, crumb);
    QWidget::mouseMoveEvent(event);
}

void TreemapView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int node = event->button() == Qt::LeftButton ? nodeAt(event->pos()) : -1;
    if (node >= 0) {
        event->accept();
        emit nodeDoubleClicked(node);
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void TreemapView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || (event->pos() - m_pressPos).manhattanLength() > 4) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    event->accept();
    const int crumb = crumbAt(event->pos());
    if (crumb >= 0) {
        zoomTo(crumbs(breadcrumbRect())[crumb].node);
        return;
    }
    const int node = nodeAt(event->pos());
    if (node < 0 || node == m_zoom)
        return;
    emit nodeActivated(node);
    // a leaf has nothing to zoom into: its parent shows it among its siblings
    zoomTo(m_tree->isLeaf(node) ? m_tree->parent[node] : node);
}

void TreemapView::leaveEvent(QEvent* event)
{
    setHover(-1, -1);
    QWidget::leaveEvent(event);
}

void TreemapView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
    case Qt::Key_Backspace:
        zoomOut();
        return;
    case Qt::Key_Home:
        resetZoom();
        return;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

} // namespace bl
