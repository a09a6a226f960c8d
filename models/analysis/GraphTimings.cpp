#include "GraphTimings.h"

#include <QHash>

#include <algorithm>

namespace bl {

namespace {

QString unitText(const Unit& u)
{
    // Short, because it widens every box of the drawn graph: "build.rs" is what a Rust developer calls it.
    QString kind = u.kind == UnitKind::BuildScript      ? QStringLiteral("build.rs")
                   : u.kind == UnitKind::BuildScriptRun ? QStringLiteral("build.rs run")
                                                        : unitKindKey(u.kind);
    const bool named = u.kind == UnitKind::Bin || u.kind == UnitKind::Test || u.kind == UnitKind::Bench ||
                       u.kind == UnitKind::Example;
    if (named && !u.targetName.isEmpty() && u.targetName != u.name)
        kind += QLatin1Char(' ') + u.targetName;
    return kind;
}

bool isBuildScript(UnitKind k)
{
    return k == UnitKind::BuildScript || k == UnitKind::BuildScriptRun;
}

} // namespace

DepGraph unitGraph(const TimingsRun& run)
{
    DepGraph g;
    g.file = run.file;
    const int n = static_cast<int>(run.units.size());
    g.packages.resize(std::size_t(n));
    g.out.resize(std::size_t(n));
    g.in.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        const Unit& u = run.units[std::size_t(i)];
        DepPackage& p = g.packages[std::size_t(i)];
        p.id = u.identity();
        p.name = u.name;
        p.version = u.version;
        p.features = u.features;
        p.unit = unitText(u);
    }
    auto add = [&](int from, int to) {
        if (from == to || from < 0 || to < 0 || from >= n || to >= n)
            return;
        for (int e : g.out[std::size_t(from)]) // a unit released on rmeta may also be listed on completion
            if (g.edges[std::size_t(e)].to == to)
                return;
        const Unit& a = run.units[std::size_t(from)];
        const Unit& b = run.units[std::size_t(to)];
        DepEdge e;
        e.from = from;
        e.to = to;
        e.name = b.name;
        e.build = isBuildScript(a.kind) || isBuildScript(b.kind);
        e.normal = !e.build;
        g.out[std::size_t(from)].push_back(int(g.edges.size()));
        g.in[std::size_t(to)].push_back(int(g.edges.size()));
        g.edges.push_back(std::move(e));
    };
    bool recorded = false;
    for (const Unit& u : run.units)
        recorded = recorded || !u.dependencies.empty();
    for (int i = 0; i < n; ++i) {
        const Unit& u = run.units[std::size_t(i)];
        if (recorded) {
            for (int d : u.dependencies)
                add(i, d);
        } else {
            // `unblocked` lists dependents: the edge goes from each of them back to this unit
            for (int v : u.unblockedRmeta)
                add(v, i);
            for (int v : u.unblocked)
                add(v, i);
        }
    }
    return g;
}

std::vector<char> criticalUnits(const TimingsAnalysis& a)
{
    std::vector<char> critical(a.run->units.size(), 0);
    const std::vector<int>& chain = a.critical.available ? a.critical.units : a.dag.longestChain;
    for (int u : chain)
        if (u >= 0 && std::size_t(u) < critical.size())
            critical[std::size_t(u)] = 1;
    return critical;
}

GraphTimings unitGraphTimings(const TimingsAnalysis& a)
{
    const std::size_t n = a.run->units.size();
    GraphTimings t;
    t.seconds.assign(n, 0.0);
    t.slack.assign(n, -1.0);
    t.units.assign(n, 0);
    t.critical = criticalUnits(a);
    for (std::size_t i = 0; i < n; ++i) {
        const Unit& u = a.run->units[i];
        if (u.fresh)
            continue;
        t.seconds[i] = u.duration;
        if (i < a.dag.slack.size())
            t.slack[i] = a.dag.slack[i];
        t.units[i] = 1;
        ++t.matchedUnits;
    }
    return t;
}

GraphTimings joinTimings(const DepGraph& graph, const TimingsAnalysis& a)
{
    const std::size_t n = graph.packages.size();
    GraphTimings t;
    t.seconds.assign(n, 0.0);
    t.slack.assign(n, -1.0);
    t.critical.assign(n, 0);
    t.units.assign(n, 0);
    QHash<QString, int> byKey;
    byKey.reserve(qsizetype(n));
    for (std::size_t i = 0; i < n; ++i)
        byKey.insert(graph.packages[i].name + QLatin1Char('@') + graph.packages[i].version, int(i));
    const std::vector<char> critical = criticalUnits(a);
    const auto& units = a.run->units;
    for (std::size_t u = 0; u < units.size(); ++u) {
        const Unit& unit = units[u];
        if (unit.fresh)
            continue;
        const auto it = byKey.constFind(unit.name + QLatin1Char('@') + unit.version);
        if (it == byKey.constEnd()) {
            ++t.unmatchedUnits;
            continue;
        }
        const std::size_t p = std::size_t(it.value());
        ++t.matchedUnits;
        ++t.units[p];
        t.seconds[p] += unit.duration;
        if (critical[u])
            t.critical[p] = 1;
        if (u < a.dag.slack.size())
            t.slack[p] = t.slack[p] < 0 ? a.dag.slack[u] : std::min(t.slack[p], a.dag.slack[u]);
    }
    for (double& s : t.seconds)
        s = roundNs(s);
    return t;
}

} // namespace bl
