#include "GraphLayout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <mutex>
#include <string>

namespace bl {

namespace {

// Rough DejaVu Sans metrics at 10 pt. Graphviz's own text measurement depends on which plugins are
// installed, and the view paints with Qt anyway, so the boxes are sized here and fixed.
constexpr double kCharWidth = 6.2;
constexpr double kPadding = 16;
constexpr double kNodeHeight = 34;
constexpr long kLargeGraph = 300; // packages

// cgraph's API predates const: it takes char* for names it only reads.
int setAttr(void* obj, const char* name, const std::string& value)
{
    static char empty[] = "";
    return agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()), empty);
}

std::string inches(double points)
{
    return std::to_string(points / 72.0);
}

struct Context
{
    GVC_t* gvc = nullptr;
    std::mutex mutex;
    Context()
        : gvc(gvContext())
    {
    }
    ~Context()
    {
        if (gvc)
            gvFreeContext(gvc);
    }
};

Context& context()
{
    static Context c;
    return c;
}

// Connected components among the shown packages, edges taken as undirected.
int components(const DepGraph& dg, const std::vector<char>& shown)
{
    std::vector<int> parent(shown.size());
    for (std::size_t i = 0; i < parent.size(); ++i)
        parent[i] = int(i);
    const auto find = [&](int x) {
        while (parent[std::size_t(x)] != x)
            x = parent[std::size_t(x)] = parent[std::size_t(parent[std::size_t(x)])];
        return x;
    };
    for (const DepEdge& e : dg.edges)
        if (e.from >= 0 && e.to >= 0 && std::size_t(e.from) < shown.size() &&
            std::size_t(e.to) < shown.size() && shown[std::size_t(e.from)] && shown[std::size_t(e.to)])
            parent[std::size_t(find(e.from))] = find(e.to);
    int count = 0;
    for (std::size_t i = 0; i < shown.size(); ++i)
        count += shown[i] && find(int(i)) == int(i);
    return count;
}

} // namespace

GraphLayout layoutGraph(const DepGraph& dg, const std::vector<int>& visible, int minNodeWidth)
{
    GraphLayout result;
    const std::size_t n = dg.packages.size();
    result.nodes.assign(n, QRectF());
    std::vector<char> shown(n, visible.empty() ? 1 : 0);
    for (int v : visible)
        if (v >= 0 && std::size_t(v) < n)
            shown[std::size_t(v)] = 1;
    if (std::find(shown.begin(), shown.end(), 1) == shown.end())
        return result;

    Context& ctx = context();
    const std::lock_guard lock(ctx.mutex);
    if (!ctx.gvc) {
        result.error = QStringLiteral("Graphviz could not be initialised");
        return result;
    }

    std::string graphName = "deps";
    Agraph_t* g = agopen(graphName.data(), Agdirected, nullptr);
    setAttr(g, "rankdir", "TB");
    setAttr(g, "nodesep", "0.25");
    setAttr(g, "ranksep", "0.5");
    setAttr(g, "splines", "spline");
    if (components(dg, shown) > 1) {
        // Separate components (a build's units released at its start, each with the chain it released)
        // would otherwise sit side by side on one very wide rank; packed, they fill a rectangle.
        setAttr(g, "pack", "12");
        setAttr(g, "packmode", "graph");
    }
    if (std::count(shown.begin(), shown.end(), 1) > kLargeGraph) {
        // Network simplex (ranking and x positions) dominates dot's time on big graphs; capping its
        // iterations takes 40% off a 1,000-package layout for slightly less balanced rows.
        setAttr(g, "nslimit", "2");
        setAttr(g, "nslimit1", "2");
    }

    std::vector<Agnode_t*> nodes(n, nullptr);
    for (std::size_t i = 0; i < n; ++i) {
        if (!shown[i])
            continue;
        const DepPackage& p = dg.packages[i];
        // crate names repeat across versions; built by appending: GCC 12 warns falsely on "n" + std::string
        std::string name(1, 'n');
        name += std::to_string(i);
        Agnode_t* node = agnode(g, name.data(), 1);
        nodes[i] = node;
        const QString detail = p.detail();
        const QString label = p.name + QStringLiteral("\\n") + detail;
        const double width =
            std::max<double>(minNodeWidth, std::max(p.name.size(), detail.size()) * kCharWidth + kPadding);
        setAttr(node, "label", label.toStdString());
        setAttr(node, "shape", "box");
        setAttr(node, "fixedsize", "true");
        setAttr(node, "width", inches(width));
        setAttr(node, "height", inches(kNodeHeight));
        setAttr(node, "fontsize", "10");
    }

    std::vector<std::pair<Agedge_t*, int>> edges;
    edges.reserve(dg.edges.size());
    for (std::size_t i = 0; i < dg.edges.size(); ++i) {
        const DepEdge& e = dg.edges[i];
        if (e.from < 0 || e.to < 0 || std::size_t(e.from) >= n || std::size_t(e.to) >= n || !nodes[e.from] ||
            !nodes[e.to] || e.from == e.to)
            continue;
        std::string name(1, 'e'); // named, so that parallel edges stay apart
        name += std::to_string(i);
        Agedge_t* edge = agedge(g, nodes[e.from], nodes[e.to], name.data(), 1);
        if (!e.normal && !e.build)
            setAttr(edge, "constraint", "false");
        edges.emplace_back(edge, int(i));
    }

    if (gvLayout(ctx.gvc, g, "dot") != 0) {
        result.error = QStringLiteral("Graphviz dot layout failed");
        agclose(g);
        return result;
    }

    const boxf bb = GD_bb(g);
    const auto map = [&](pointf p) {
        return QPointF(p.x - bb.LL.x, bb.UR.y - p.y);
    };
    result.bounds = QRectF(0, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);

    for (std::size_t i = 0; i < n; ++i) {
        if (!nodes[i])
            continue;
        const QPointF c = map(ND_coord(nodes[i]));
        const double w = ND_width(nodes[i]) * 72.0;
        const double h = ND_height(nodes[i]) * 72.0;
        result.nodes[i] = QRectF(c.x() - w / 2, c.y() - h / 2, w, h);
    }

    result.edges.reserve(edges.size());
    for (const auto& [edge, index] : edges) {
        const splines* spl = ED_spl(edge);
        if (!spl || spl->size == 0)
            continue;
        GraphEdgeLayout el;
        el.edge = index;
        // One bezier per edge in practice; concatenating keeps the rare compound edge drawable.
        for (int b = 0; b < spl->size; ++b) {
            const bezier& bz = spl->list[b];
            for (int j = 0; j < bz.size; ++j)
                el.points.append(map(bz.list[j]));
            if (bz.eflag && bz.size > 0) {
                el.hasArrow = true;
                el.arrowBase = map(bz.list[bz.size - 1]);
                el.arrowTip = map(bz.ep);
            } else if (bz.sflag && bz.size > 0 && !el.hasArrow) {
                el.hasArrow = true;
                el.arrowBase = map(bz.list[0]);
                el.arrowTip = map(bz.sp);
            }
        }
        if (el.points.size() >= 2)
            result.edges.push_back(std::move(el));
    }

    gvFreeLayout(ctx.gvc, g);
    agclose(g);
    return result;
}

} // namespace bl
