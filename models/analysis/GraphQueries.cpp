#include "GraphQueries.h"

#include <QMap>
#include <QVersionNumber>

#include <algorithm>
#include <functional>

namespace bl {

std::vector<Duplicate> duplicates(const DepGraph& graph)
{
    QMap<QString, QStringList> versions;
    for (const DepPackage& p : graph.packages)
        if (!versions[p.name].contains(p.version))
            versions[p.name] << p.version;
    std::vector<Duplicate> out;
    for (auto it = versions.begin(); it != versions.end(); ++it) {
        if (it.value().size() < 2)
            continue;
        QStringList v = it.value();
        std::sort(v.begin(), v.end(), [](const QString& a, const QString& b) {
            return QVersionNumber::fromString(a) < QVersionNumber::fromString(b);
        });
        out.push_back({it.key(), v});
    }
    return out;
}

int maxDepth(const DepGraph& graph, std::vector<int>* depths)
{
    const int n = static_cast<int>(graph.packages.size());
    std::vector<int> memo(static_cast<std::size_t>(n), -1);
    std::vector<char> onStack(static_cast<std::size_t>(n), 0);
    // longest path downwards from a package; a cycle (only possible in a corrupt file here) counts as a stop
    std::function<int(int)> down = [&](int p) -> int {
        if (memo[static_cast<std::size_t>(p)] >= 0)
            return memo[static_cast<std::size_t>(p)];
        if (onStack[static_cast<std::size_t>(p)])
            return 0;
        onStack[static_cast<std::size_t>(p)] = 1;
        int best = 0;
        for (int e : graph.out[static_cast<std::size_t>(p)]) {
            const DepEdge& edge = graph.edges[static_cast<std::size_t>(e)];
            if (edge.normal || edge.build)
                best = std::max(best, 1 + down(edge.to));
        }
        onStack[static_cast<std::size_t>(p)] = 0;
        memo[static_cast<std::size_t>(p)] = best;
        return best;
    };
    int result = 0;
    for (int m : graph.members)
        result = std::max(result, down(m));
    if (depths) {
        // depth of each package: its longest distance from a member
        depths->assign(static_cast<std::size_t>(n), -1);
        std::function<void(int, int)> walk = [&](int p, int d) {
            if ((*depths)[static_cast<std::size_t>(p)] >= d || d > n)
                return;
            (*depths)[static_cast<std::size_t>(p)] = d;
            for (int e : graph.out[static_cast<std::size_t>(p)]) {
                const DepEdge& edge = graph.edges[static_cast<std::size_t>(e)];
                if (edge.normal || edge.build)
                    walk(edge.to, d + 1);
            }
        };
        for (int m : graph.members)
            walk(m, 0);
    }
    return result;
}

std::vector<std::vector<int>> whyPaths(const DepGraph& graph, int from, int to, bool withDev, int limit)
{
    std::vector<std::vector<int>> paths;
    std::vector<int> path{from};
    std::vector<char> onPath(graph.packages.size(), 0);
    onPath[static_cast<std::size_t>(from)] = 1;
    std::function<void(int)> dfs = [&](int p) {
        if (static_cast<int>(paths.size()) >= limit)
            return;
        if (p == to) {
            paths.push_back(path);
            return;
        }
        for (int e : graph.out[static_cast<std::size_t>(p)]) {
            const DepEdge& edge = graph.edges[static_cast<std::size_t>(e)];
            if (!(edge.normal || edge.build || (withDev && edge.dev)) ||
                onPath[static_cast<std::size_t>(edge.to)])
                continue;
            onPath[static_cast<std::size_t>(edge.to)] = 1;
            path.push_back(edge.to);
            dfs(edge.to);
            path.pop_back();
            onPath[static_cast<std::size_t>(edge.to)] = 0;
        }
    };
    dfs(from);
    std::sort(paths.begin(), paths.end(), [](const auto& a, const auto& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    return paths;
}

std::vector<int> reverseDependencies(const DepGraph& graph, int package)
{
    std::vector<int> out;
    for (int e : graph.in[static_cast<std::size_t>(package)])
        out.push_back(graph.edges[static_cast<std::size_t>(e)].from);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<int> transitiveDependents(const DepGraph& graph, int package)
{
    std::vector<char> seen(graph.packages.size(), 0);
    std::vector<int> stack{package};
    std::vector<int> out;
    seen[static_cast<std::size_t>(package)] = 1;
    while (!stack.empty()) {
        const int p = stack.back();
        stack.pop_back();
        for (int e : graph.in[static_cast<std::size_t>(p)]) {
            const int d = graph.edges[static_cast<std::size_t>(e)].from;
            if (!seen[static_cast<std::size_t>(d)]) {
                seen[static_cast<std::size_t>(d)] = 1;
                out.push_back(d);
                stack.push_back(d);
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<int> neighbourhood(const DepGraph& graph, int package, int levels)
{
    const std::size_t n = graph.packages.size();
    if (package < 0 || static_cast<std::size_t>(package) >= n)
        return {};
    std::vector<char> in(n, 0);
    in[static_cast<std::size_t>(package)] = 1;
    for (int down = 0; down < 2; ++down) {
        std::vector<char> seen(n, 0);
        seen[static_cast<std::size_t>(package)] = 1;
        std::vector<int> frontier{package};
        for (int level = 0; level < levels && !frontier.empty(); ++level) {
            std::vector<int> next;
            for (int p : frontier) {
                const auto& adj =
                    down ? graph.out[static_cast<std::size_t>(p)] : graph.in[static_cast<std::size_t>(p)];
                for (int e : adj) {
                    const DepEdge& edge = graph.edges[static_cast<std::size_t>(e)];
                    if (down && edge.dev && !edge.normal && !edge.build && p != package)
                        continue;
                    const int q = down ? edge.to : edge.from;
                    if (q < 0 || static_cast<std::size_t>(q) >= n || seen[static_cast<std::size_t>(q)])
                        continue;
                    seen[static_cast<std::size_t>(q)] = 1;
                    in[static_cast<std::size_t>(q)] = 1;
                    next.push_back(q);
                }
            }
            frontier = std::move(next);
        }
    }
    std::vector<int> out;
    for (std::size_t i = 0; i < n; ++i)
        if (in[i])
            out.push_back(static_cast<int>(i));
    return out;
}

} // namespace bl
