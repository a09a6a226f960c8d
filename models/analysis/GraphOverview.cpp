#include "GraphOverview.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

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

} // namespace bl
