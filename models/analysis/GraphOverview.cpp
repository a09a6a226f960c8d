#include "GraphOverview.h"

#include <QCoreApplication>
#include <QLineF>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace bl {

namespace {

constexpr std::size_t kOverviewPackages = 150;
constexpr std::size_t kOverviewMembers = 30;

void index(DepGraph& g)
{
    g.out.assign(g.packages.size(), {});
    g.in.assign(g.packages.size(), {});
    for (std::size_t i = 0; i < g.edges.size(); ++i) {
        g.out[std::size_t(g.edges[i].from)].push_back(int(i));
        g.in[std::size_t(g.edges[i].to)].push_back(int(i));
    }
}

} // namespace

bool wantsOverview(const DepGraph& g)
{
    return g.packages.size() > kOverviewPackages || g.members.size() > kOverviewMembers;
}

GraphOverview graphOverview(const DepGraph& g, const OverviewOptions& options)
{
    GraphOverview o;
    const std::size_t n = g.packages.size();
    auto usable = [&](const DepEdge& e) {
        return e.from >= 0 && e.to >= 0 && std::size_t(e.from) < n && std::size_t(e.to) < n &&
               e.from != e.to && !(options.hideDev && e.dev && !e.normal && !e.build);
    };

    // 1. Members that at least two other members depend on (uucore in coreutils) are the workspace's shared
    //    libraries and stay apart; the others (the tools, the binaries) make one group.
    std::vector<char> member(n, 0);
    for (int m : g.members)
        if (m >= 0 && std::size_t(m) < n)
            member[std::size_t(m)] = 1;
    std::vector<int> memberDependents(n, 0);
    for (const DepEdge& e : g.edges)
        if (usable(e) && member[std::size_t(e.from)] && member[std::size_t(e.to)])
            ++memberDependents[std::size_t(e.to)];
    // what such a library builds on in the workspace (uucore_procs under uucore) stays apart with it
    std::vector<char> apart(n, 0);
    std::vector<int> todo;
    for (std::size_t i = 0; i < n; ++i)
        if (member[i] && memberDependents[i] >= 2) {
            apart[i] = 1;
            todo.push_back(int(i));
        }
    while (!todo.empty()) {
        const int x = todo.back();
        todo.pop_back();
        for (int ei : g.out.size() == n ? g.out[std::size_t(x)] : std::vector<int>()) {
            const DepEdge& e = g.edges[std::size_t(ei)];
            if (usable(e) && member[std::size_t(e.to)] && !apart[std::size_t(e.to)]) {
                apart[std::size_t(e.to)] = 1;
                todo.push_back(e.to);
            }
        }
    }
    std::vector<int> grouped;
    if (options.groupMembers)
        for (std::size_t i = 0; i < n; ++i)
            if (member[i] && !apart[i])
                grouped.push_back(int(i));
    const bool makeGroup = grouped.size() >= 2;
    if (makeGroup)
        o.groups = 1;
    const bool collapsed = makeGroup && !options.expanded.count(0);

    // 2. Crates with no dependencies that exactly one crate uses fold into it (once: a chain does not
    //    disappear into its top).
    std::vector<int> host(n, -1);
    if (options.foldLeaves) {
        std::vector<std::set<int>> users(n);
        std::vector<int> deps(n, 0);
        for (const DepEdge& e : g.edges)
            if (usable(e)) {
                users[std::size_t(e.to)].insert(e.from);
                ++deps[std::size_t(e.from)];
            }
        for (std::size_t i = 0; i < n; ++i)
            if (!member[i] && deps[i] == 0 && users[i].size() == 1 &&
                !member[std::size_t(*users[i].begin())] && deps[std::size_t(*users[i].begin())] > 0)
                host[i] = *users[i].begin();
    }

    // 3. The nodes
    o.nodeOf.assign(n, -1);
    if (collapsed) {
        DepPackage group;
        group.id = QStringLiteral("buildlens:group:workspace");
        group.name = QCoreApplication::translate("bl", "workspace");
        group.version = QCoreApplication::translate("bl", "%n member(s)", nullptr, int(grouped.size()));
        group.member = true;
        o.graph.packages.push_back(group);
        o.sources.push_back(grouped);
        o.groupOf.push_back(0);
        for (int m : grouped)
            o.nodeOf[std::size_t(m)] = 0;
        o.groupedMembers = int(grouped.size());
        o.graph.members.push_back(0);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (o.nodeOf[i] >= 0 || host[i] >= 0)
            continue;
        o.nodeOf[i] = int(o.graph.packages.size());
        o.graph.packages.push_back(g.packages[i]);
        o.sources.push_back({int(i)});
        o.groupOf.push_back(-1);
        if (member[i])
            o.graph.members.push_back(o.nodeOf[i]);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (host[i] >= 0) {
            const int into = o.nodeOf[std::size_t(host[i])];
            o.nodeOf[i] = into;
            o.sources[std::size_t(into)].push_back(int(i));
            DepPackage& p = o.graph.packages[std::size_t(into)];
            p.folded << g.packages[i].name;
            ++o.folded;
        }

    // 4. The edges, merged per pair of nodes
    std::map<std::pair<int, int>, int> pairs;
    for (const DepEdge& e : g.edges) {
        if (e.from < 0 || e.to < 0 || std::size_t(e.from) >= n || std::size_t(e.to) >= n || e.from == e.to)
            continue;
        if (!usable(e)) {
            ++o.devEdgesHidden;
            continue;
        }
        const int a = o.nodeOf[std::size_t(e.from)], b = o.nodeOf[std::size_t(e.to)];
        if (a < 0 || b < 0 || a == b)
            continue;
        const auto [it, fresh] = pairs.emplace(std::pair{a, b}, int(o.graph.edges.size()));
        if (fresh) {
            DepEdge merged = e;
            merged.from = a;
            merged.to = b;
            o.graph.edges.push_back(merged);
        } else {
            DepEdge& merged = o.graph.edges[std::size_t(it->second)];
            merged.normal = merged.normal || e.normal;
            merged.build = merged.build || e.build;
            merged.dev = merged.dev || e.dev;
        }
    }
    index(o.graph);

    // 5. Transitive reduction: an edge a->b goes when b is reachable from a another way. Dependency graphs
    //    are acyclic in normal and build edges; a cycle through dev edges (hidden or not) only keeps edges.
    if (options.reduceEdges) {
        const std::size_t m = o.graph.packages.size();
        std::vector<char> keep(o.graph.edges.size(), 1);
        std::vector<int> mark(m, -1);
        std::vector<int> stack;
        for (std::size_t a = 0; a < m; ++a) {
            // everything reachable from a's dependencies, each walk stopping where the last one passed
            const int stamp = int(a);
            for (int ei : o.graph.out[a]) {
                const int start = o.graph.edges[std::size_t(ei)].to;
                stack.assign(1, start);
                while (!stack.empty()) {
                    const int x = stack.back();
                    stack.pop_back();
                    for (int ej : o.graph.out[std::size_t(x)]) {
                        const int y = o.graph.edges[std::size_t(ej)].to;
                        if (mark[std::size_t(y)] != stamp && y != int(a)) {
                            mark[std::size_t(y)] = stamp;
                            stack.push_back(y);
                        }
                    }
                }
            }
            for (int ei : o.graph.out[a])
                if (mark[std::size_t(o.graph.edges[std::size_t(ei)].to)] == stamp) {
                    keep[std::size_t(ei)] = 0;
                    ++o.edgesReduced;
                }
        }
        std::vector<DepEdge> kept;
        for (std::size_t i = 0; i < o.graph.edges.size(); ++i)
            if (keep[i])
                kept.push_back(o.graph.edges[i]);
        o.graph.edges = std::move(kept);
        index(o.graph);
    }
    o.graph.file = g.file;
    o.graph.workspaceRoot = g.workspaceRoot;
    o.graph.warnings = g.warnings;
    return o;
}

namespace {

// Where a ray from the centre of `r` towards `d` leaves it.
QPointF borderPoint(const QRectF& r, QPointF d)
{
    const double ax = std::abs(d.x()), ay = std::abs(d.y());
    if (ax < 1e-9 && ay < 1e-9)
        return r.center();
    const double t =
        std::min(ax > 1e-9 ? r.width() / 2 / ax : 1e300, ay > 1e-9 ? r.height() / 2 / ay : 1e300);
    return r.center() + d * t;
}

// A dependency's curve from box `a` to box `b` with its arrowhead on `b`, leaving and entering along the
// rank direction where `b` lies further along it (as dot's own edges do), else straight.
// `exit`, when set, is where the grid a member sits in ends along the rank direction: the curve first runs
// straight along the member's row (or column), behind its neighbours' boxes, so that a grid's edges leave it
// in lines rather than crossing it.
GraphEdgeLayout drawnEdge(int edge, const QRectF& a, const QRectF& b, bool leftToRight,
                          std::optional<double> exit = std::nullopt)
{
    constexpr double kArrow = 10;
    GraphEdgeLayout el;
    el.edge = edge;
    el.hasArrow = true;
    const bool ranked = leftToRight ? b.left() > a.right() + kArrow : b.top() > a.bottom() + kArrow;
    if (ranked) {
        const QPointF start =
            leftToRight ? QPointF(a.right(), a.center().y()) : QPointF(a.center().x(), a.bottom());
        el.arrowTip = leftToRight ? QPointF(b.left(), b.center().y()) : QPointF(b.center().x(), b.top());
        const QPointF along = leftToRight ? QPointF(1, 0) : QPointF(0, 1);
        el.arrowBase = el.arrowTip - along * kArrow;
        QPointF from = start;
        if (exit) {
            const QPointF out = leftToRight ? QPointF(*exit, start.y()) : QPointF(start.x(), *exit);
            if ((leftToRight ? out.x() - start.x() : out.y() - start.y()) > 0 &&
                (leftToRight ? el.arrowBase.x() - out.x() : el.arrowBase.y() - out.y()) > 0) {
                el.points = {start, start + (out - start) / 3, start + (out - start) * 2 / 3};
                from = out;
            }
        }
        const double span = leftToRight ? el.arrowBase.x() - from.x() : el.arrowBase.y() - from.y();
        const double pull = std::max(span / 2, 8.0);
        el.points << from << from + along * pull << el.arrowBase - along * pull << el.arrowBase;
        return el;
    }
    const QPointF d = b.center() - a.center();
    const QPointF start = borderPoint(a, d);
    el.arrowTip = borderPoint(b, -d);
    const double len = std::hypot(el.arrowTip.x() - start.x(), el.arrowTip.y() - start.y());
    el.arrowBase = len > kArrow ? el.arrowTip - (el.arrowTip - start) * (kArrow / len) : start;
    el.points = {start, start + (el.arrowBase - start) / 3, start + (el.arrowBase - start) * 2 / 3,
                 el.arrowBase};
    return el;
}

} // namespace

GraphLayout expandGroupInPlace(const GraphOverview& collapsed, const GraphLayout& collapsedLayout,
                               const GraphOverview& expanded, int group)
{
    GraphLayout out;
    int groupNode = -1;
    for (std::size_t i = 0; i < collapsed.groupOf.size(); ++i)
        if (collapsed.groupOf[i] == group)
            groupNode = int(i);
    if (groupNode < 0 || std::size_t(groupNode) >= collapsedLayout.nodes.size() ||
        collapsedLayout.nodes[std::size_t(groupNode)].isEmpty())
        return out;
    const QRectF cell = collapsedLayout.nodes[std::size_t(groupNode)];
    const bool lr = collapsedLayout.leftToRight;
    const std::size_t n = expanded.graph.packages.size();

    // each node of the expanded graph: the collapsed node it was, or a member to place in the grid
    std::vector<int> was(n, -1);
    std::vector<int> members;
    for (std::size_t i = 0; i < n && i < expanded.sources.size(); ++i) {
        if (expanded.sources[i].empty())
            continue;
        const int source = expanded.sources[i].front();
        if (source < 0 || std::size_t(source) >= collapsed.nodeOf.size())
            continue;
        const int c = collapsed.nodeOf[std::size_t(source)];
        if (c == groupNode)
            members.push_back(int(i));
        else
            was[i] = c;
    }
    if (members.empty())
        return out;
    std::sort(members.begin(), members.end(), [&](int a, int b) {
        return expanded.graph.packages[std::size_t(a)].name < expanded.graph.packages[std::size_t(b)].name;
    });

    // the grid: `across` cells along the cross axis (rows when ranked left to right), filled in that
    // direction
    double cw = 0, ch = 0;
    for (int m : members) {
        const QSizeF s = graphNodeSize(expanded.graph.packages[std::size_t(m)]);
        cw = std::max(cw, s.width());
        ch = std::max(ch, s.height());
    }
    constexpr double kGapX = 18, kGapY = 12;
    const int count = int(members.size());
    const QRectF bounds = collapsedLayout.bounds;
    auto gridSize = [&](int across) {
        const int along = (count + across - 1) / across;
        const int cols = lr ? along : across, rows = lr ? across : along;
        return QSizeF(cols * (cw + kGapX) - kGapX, rows * (ch + kGapY) - kGapY);
    };
    int across = 1;
    double bestScale = -1;
    for (int a = 1; a <= count; ++a) {
        const QSizeF g = gridSize(a);
        const double w = bounds.width() + std::max(0.0, g.width() - cell.width());
        const double h = bounds.height() + std::max(0.0, g.height() - cell.height());
        const double scale = std::min(1.6 / w, 1.0 / h); // fitted into a 16:10 window
        if (scale > bestScale) {
            bestScale = scale;
            across = a;
        }
    }
    const QSizeF grid = gridSize(across);
    const double dx = std::max(0.0, grid.width() - cell.width());
    const double dy = std::max(0.0, grid.height() - cell.height());

    // space inserted at the group's column and row: monotone along both axes, so nothing outside the group
    // changes order, no two boxes come to overlap and no curve enters the grid
    auto stretch = [](double v, double lo, double hi, double extra) {
        if (v <= lo)
            return v;
        if (v >= hi)
            return v + extra;
        return lo + (v - lo) * (hi - lo + extra) / (hi - lo);
    };
    auto map = [&](QPointF p) {
        return QPointF(stretch(p.x(), cell.left(), cell.right(), dx),
                       stretch(p.y(), cell.top(), cell.bottom(), dy));
    };

    out.leftToRight = lr;
    out.nodes.assign(n, QRectF());
    std::vector<QPointF> moved(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (was[i] < 0 || std::size_t(was[i]) >= collapsedLayout.nodes.size())
            continue;
        const QRectF r = collapsedLayout.nodes[std::size_t(was[i])];
        if (r.isEmpty())
            continue;
        moved[i] = map(r.center()) - r.center();
        out.nodes[i] = r.translated(moved[i]);
    }
    const QPointF origin(cell.left() + (cell.width() + dx - grid.width()) / 2,
                         cell.top() + (cell.height() + dy - grid.height()) / 2);
    for (int k = 0; k < count; ++k) {
        const int alongIndex = k / across, acrossIndex = k % across;
        const int col = lr ? alongIndex : acrossIndex, row = lr ? acrossIndex : alongIndex;
        const QSizeF s = graphNodeSize(expanded.graph.packages[std::size_t(members[std::size_t(k)])]);
        const QPointF slot = origin + QPointF(col * (cw + kGapX), row * (ch + kGapY));
        out.nodes[std::size_t(members[std::size_t(k)])] =
            QRectF(slot + QPointF((cw - s.width()) / 2, (ch - s.height()) / 2), s);
    }

    const QRectF gridRect(origin, grid);
    std::map<std::pair<int, int>, const GraphEdgeLayout*> oldEdges;
    for (const GraphEdgeLayout& el : collapsedLayout.edges)
        if (el.edge >= 0 && std::size_t(el.edge) < collapsed.graph.edges.size()) {
            const DepEdge& e = collapsed.graph.edges[std::size_t(el.edge)];
            oldEdges.emplace(std::pair{e.from, e.to}, &el);
        }
    for (std::size_t ei = 0; ei < expanded.graph.edges.size(); ++ei) {
        const DepEdge& e = expanded.graph.edges[ei];
        if (e.from < 0 || e.to < 0 || std::size_t(e.from) >= n || std::size_t(e.to) >= n ||
            out.nodes[std::size_t(e.from)].isEmpty() || out.nodes[std::size_t(e.to)].isEmpty())
            continue;
        const std::size_t a = std::size_t(e.from), b = std::size_t(e.to);
        const auto old = was[a] >= 0 && was[b] >= 0 ? oldEdges.find({was[a], was[b]}) : oldEdges.end();
        if (was[a] < 0 && was[b] < 0)
            continue; // between two members of the grid (a binary over all the tools): lines across it
        if (old == oldEdges.end() || old->second->points.size() < 2) {
            const bool fromGrid = was[a] < 0 && was[b] >= 0;
            out.edges.push_back(drawnEdge(int(ei), out.nodes[a], out.nodes[b], lr,
                                          fromGrid ? std::optional<double>(lr ? gridRect.right() + kGapX / 2
                                                                              : gridRect.bottom() + kGapY / 2)
                                                   : std::nullopt));
            continue;
        }
        // the same route through the stretched plane, its ends moved exactly with their boxes
        GraphEdgeLayout el = *old->second;
        el.edge = int(ei);
        for (QPointF& p : el.points)
            p = map(p);
        el.points.front() = old->second->points.front() + moved[a];
        el.points.back() = old->second->points.back() + moved[b];
        if (el.hasArrow) {
            const bool atEnd = QLineF(el.arrowBase, old->second->points.back()).length() <=
                               QLineF(el.arrowBase, old->second->points.front()).length();
            const QPointF shift = atEnd ? moved[b] : moved[a];
            el.arrowBase += shift;
            el.arrowTip += shift;
        }
        out.edges.push_back(std::move(el));
    }

    out.bounds = QRectF(0, 0, bounds.width() + dx, bounds.height() + dy);
    for (const QRectF& r : out.nodes)
        if (!r.isEmpty())
            out.bounds = out.bounds.united(r);
    return out;
}

} // namespace bl
