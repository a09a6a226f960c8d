#pragma once

#include "../core/DepGraph.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <vector>

namespace bl {

struct GraphEdgeLayout
{
    int edge = -1;         // position in DepGraph::edges
    QList<QPointF> points; // cubic bezier control points: start, then three per segment
    // The arrowhead at the dependency's end: from its base (an end of the curve) to the tip on the node.
    QPointF arrowBase, arrowTip;
    bool hasArrow = false;
};

// Where `dot` put a dependency graph, in points, y growing downwards, the bounding box at the origin.
// Dependents are ranked above their dependencies, or left of them where that fills a window better.
struct GraphLayout
{
    std::vector<QRectF> nodes;          // per package; empty for packages left out
    std::vector<GraphEdgeLayout> edges; // only edges between laid-out packages
    QRectF bounds;
    bool leftToRight = false; // dependents left of their dependencies (a wide graph), else above them
    QString error;            // set when Graphviz failed; the layout is then empty

    bool isEmpty() const { return edges.empty() && bounds.isEmpty(); }
};

// Lays `g` out with Graphviz's `dot`. `visible` selects packages (positions; empty = all); edges are kept
// when both ends are. Nodes are boxes wide enough for "name\ndetail" (DepPackage::detail) at 10 pt and at
// least `minNodeWidth` points; the painter elides what does not fit. Dev-dependencies do not constrain the
// ranks: they may point upwards (tests using the crate that depends on them), and would otherwise stretch the
// graph.
//
// Graphviz keeps global state, so layouts share one process-wide context and run one at a time: safe to call
// from any thread, but worker threads queue behind each other.
//
// Layouts are cached by a hash of what they depend on: the last few in memory, and those of graphs with 100
// packages or more on disk (the user's cache directory, buildlens/graph-layouts, at most 64 files), so a big
// graph opened again appears at once. A damaged or foreign cache file is ignored and replaced.
GraphLayout layoutGraph(const DepGraph& g, const std::vector<int>& visible = {}, int minNodeWidth = 72);
// The same without the caches (benchmarks).
GraphLayout layoutGraphUncached(const DepGraph& g, const std::vector<int>& visible = {},
                                int minNodeWidth = 72);
// Forgets the layouts kept in memory (tests of the disk cache).
void clearGraphLayoutMemoryCache();
// The box layoutGraph() gives a package: wide enough for its name and detail, at least `minNodeWidth`.
QSizeF graphNodeSize(const DepPackage& package, int minNodeWidth = 72);

} // namespace bl
