#pragma once

#include "../core/DepGraph.h"
#include "GraphLayout.h"

#include <set>
#include <vector>

namespace bl {

// What the first view of a big dependency graph leaves out so that it reads at window size.
struct OverviewOptions
{
    bool groupMembers = true; // workspace members that no two other members share, as one node
    bool hideDev = true;      // dev-dependencies (tests and examples) left out
    bool reduceEdges = true;  // an edge another path already implies left out (transitive reduction)
    bool foldLeaves = true;   // a crate with no dependencies that only one crate uses, folded into that one
    std::set<int> expanded;   // groups shown as their members (group numbers, GraphOverview::groups)
};

// A dependency graph condensed for reading. `graph` is a DepGraph like any other (the page's queries, heat
// and layout work on it unchanged); each of its packages stands for one or more packages of the original.
struct GraphOverview
{
    DepGraph graph;
    std::vector<std::vector<int>> sources; // per package of `graph`: the original packages it stands for
    std::vector<int> nodeOf;               // per original package: its package in `graph` (folded: its host)
    std::vector<int> groupOf;              // per package of `graph`: the group it shows, -1 for a crate
    int groups = 0;                        // groups made (expanded ones included)
    int groupedMembers = 0;                // members inside collapsed groups
    int devEdgesHidden = 0;
    int edgesReduced = 0;
    int folded = 0; // crates folded into the one crate that uses them
};

// Whether a graph is big enough that its first view should be the overview: more packages or workspace
// members than a 1280x800 window shows legibly.
bool wantsOverview(const DepGraph& g);

// The condensed graph. Packages keep their order (groups first where they stand for members); edges between
// the same two nodes are merged (normal/build/dev flags or-ed).
GraphOverview graphOverview(const DepGraph& g, const OverviewOptions& options = {});

// The layout of `expanded` (the overview with `group` shown as its members) made from `collapsedLayout`, the
// layout of `collapsed`, without laying the graph out again, so that opening a group moves nothing else
// relative to the rest: space is inserted at the group's row and column (every other node keeps its order
// along both axes, and its edges their routes), the members fill that space as a grid sorted by name, and
// the edges that touch them are drawn anew, leaving the grid along its rows (columns when ranked top to
// bottom); edges between two members are not drawn, they would only cross the grid. The grid's shape is
// chosen to fill a 16:10 window best. Empty (GraphLayout::isEmpty) when the group is not in
// `collapsedLayout`.
GraphLayout expandGroupInPlace(const GraphOverview& collapsed, const GraphLayout& collapsedLayout,
                               const GraphOverview& expanded, int group = 0);

} // namespace bl
