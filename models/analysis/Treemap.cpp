#include "Treemap.h"

#include <algorithm>

namespace bl {

namespace {

// The content rectangle of a subdivided node, computed the same way by the layout and the accessors so that
// they agree to the last bit.
QRectF contentOf(const QRectF& r, double padding, double header)
{
    return QRectF(r.x() + padding, r.y() + padding + header, r.width() - 2 * padding,
                  r.height() - 2 * padding - header);
}

// The worst aspect ratio in a row of total area `sum` laid along a side of squared length `side2`, whose
// largest item has area `maxArea` and smallest `minArea` (Bruls et al.'s `worst`, with the row's thickness
// sum / side and an item's length area / thickness).
double worstAspect(double sum, double maxArea, double minArea, double side2)
{
    const double sum2 = sum * sum;
    return std::max(side2 * maxArea / sum2, sum2 / (side2 * minArea));
}

} // namespace

QRectF TreemapLayout::contentRect(int node) const
{
    const std::uint8_t f = flagsOf(node);
    const QRectF r = rect(node);
    if (!(f & Subdivided) || (node == root && !options.decorateRoot))
        return r;
    return contentOf(r, options.padding, (f & Header) ? options.headerHeight : 0.0);
}

QRectF TreemapLayout::headerRect(int node) const
{
    if (!hasHeader(node))
        return {};
    const QRectF r = rect(node);
    return QRectF(r.x() + options.padding, r.y() + options.padding, r.width() - 2 * options.padding,
                  options.headerHeight);
}

const TreemapLayout::Rest* TreemapLayout::restOf(int node) const
{
    if (!(flagsOf(node) & HasRest))
        return nullptr;
    auto it =
        std::lower_bound(rests.begin(), rests.end(), node, [](const Rest& r, int n) { return r.node < n; });
    return it != rests.end() && it->node == node ? &*it : nullptr;
}

int TreemapLayout::nodeAt(const SizeTree& tree, const QPointF& pos) const
{
    if (!isLaidOut(root) || !rect(root).contains(pos))
        return -1;
    int node = root;
    while (isSubdivided(node)) {
        int found = -1;
        // the laid-out children come first (largest first); the rest are in the parent's rest block
        for (int c = tree.firstChild[node]; c != SizeTree::kNone && isLaidOut(c); c = tree.nextSibling[c]) {
            if (rects[c - root].contains(pos)) {
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

TreemapLayout layoutTreemap(const SizeTree& tree, int root, const QRectF& bounds, const TreemapOptions& o)
{
    TreemapLayout layout;
    layout.root = root;
    layout.bounds = bounds;
    layout.options = o;
    if (root < 0 || root >= tree.size() || !(bounds.width() > 0) || !(bounds.height() > 0))
        return layout;
    const int end = tree.subtreeEnd[root];
    layout.rects.assign(static_cast<std::size_t>(end - root), QRectF());
    layout.flags.assign(static_cast<std::size_t>(end - root), 0);
    layout.rects[0] = bounds;
    layout.flags[0] = TreemapLayout::LaidOut;
    const int rootDepth = tree.depth[root];
    const double minSize = std::max(o.minSize, 0.0);
    const double minArea = std::max(o.minArea, 0.0);

    // Pre-order: a parent comes before its children, so one forward pass places everything, and a node left
    // as a block skips its whole subtree.
    for (int i = root; i < end;) {
        std::uint8_t& flags = layout.flags[i - root];
        if (!(flags & TreemapLayout::LaidOut)) {
            // children are laid out largest first until one is too small: its later siblings are not either
            i = tree.subtreeEnd[tree.parent[i]];
            continue;
        }
        const bool deeper = o.maxDepth <= 0 || tree.depth[i] - rootDepth < o.maxDepth;
        if (tree.firstChild[i] == SizeTree::kNone || !deeper || tree.weight[i] == 0) {
            i = tree.subtreeEnd[i];
            continue;
        }
        const QRectF r = layout.rects[i - root];
        QRectF content = r;
        bool header = false;
        if (i != root || o.decorateRoot) {
            header = o.headerHeight > 0 && r.width() >= o.headerMinWidth && r.height() >= o.headerMinHeight;
            content = contentOf(r, o.padding, header ? o.headerHeight : 0.0);
            if (header && (content.width() < minSize || content.height() < minSize)) {
                header = false; // a header would leave no room: padding alone
                content = contentOf(r, o.padding, 0.0);
            }
        }
        if (!(content.width() > 0) || !(content.height() > 0) || content.width() < minSize ||
            content.height() < minSize) {
            i = tree.subtreeEnd[i];
            continue;
        }
        flags |= TreemapLayout::Subdivided | (header ? TreemapLayout::Header : 0);

        // Squarify: rows along the shorter side of what is left, each grown while that improves its worst
        // aspect ratio. Areas include the parent's self weight, which, with the children too small to lay
        // out, takes what is left after the last row.
        const double scale = content.width() * content.height() / static_cast<double>(tree.weight[i]);
        const bool haveSelf = tree.selfWeight[i] > 0;
        double x = content.x();
        double y = content.y();
        double w = content.width();
        double h = content.height();
        int child = tree.firstChild[i];
        int laidOut = 0;
        std::uint64_t laidOutWeight = 0;
        while (child != SizeTree::kNone) {
            const double first = static_cast<double>(tree.weight[child]) * scale;
            if (!(first > 0) || first < minArea)
                break;
            const bool column = w >= h; // a row along the left edge (else along the top)
            const double side = column ? h : w;
            const double side2 = side * side;
            double sum = first;
            double worst = worstAspect(first, first, first, side2);
            int count = 1;
            int next = tree.nextSibling[child];
            bool moreRows = false;
            while (next != SizeTree::kNone) {
                const double a = static_cast<double>(tree.weight[next]) * scale;
                if (!(a > 0) || a < minArea)
                    break;
                const double candidate = worstAspect(sum + a, first, a, side2);
                if (candidate > worst) {
                    moreRows = true;
                    break;
                }
                sum += a;
                worst = candidate;
                ++count;
                next = tree.nextSibling[next];
            }
            // The last row takes all that is left, so that rounding leaves no sliver; short of that, its
            // thickness is its area over the side.
            const bool closes = !moreRows && !haveSelf && (next == SizeTree::kNone || tree.weight[next] == 0);
            const double room = column ? w : h;
            const double thickness = closes ? room : std::min(room, sum / side);
            double pos = column ? y : x;
            const double endPos = column ? y + h : x + w;
            for (int k = 0; k < count; ++k) {
                const double a = static_cast<double>(tree.weight[child]) * scale;
                const double len = k + 1 == count ? endPos - pos : side * a / sum;
                layout.rects[child - root] =
                    column ? QRectF(x, pos, thickness, len) : QRectF(pos, y, len, thickness);
                layout.flags[child - root] = TreemapLayout::LaidOut;
                laidOutWeight += tree.weight[child];
                pos += len;
                child = tree.nextSibling[child];
            }
            laidOut += count;
            if (column) {
                x += thickness;
                w -= thickness;
            } else {
                y += thickness;
                h -= thickness;
            }
            if (closes)
                break;
        }
        const int hidden = tree.childCount[i] - laidOut;
        if ((haveSelf || hidden > 0) && w > 0 && h > 0) {
            flags |= TreemapLayout::HasRest;
            layout.rests.push_back({i, hidden, child, tree.weight[i] - laidOutWeight, QRectF(x, y, w, h)});
        }
        ++i; // on to the first child
    }
    return layout;
}

} // namespace bl
