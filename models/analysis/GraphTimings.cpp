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

PackageDependencies withPackageDependencies(const TimingsRun& run, const DepGraph& graph)
{
    PackageDependencies out;
    out.run = run;
    const int n = static_cast<int>(run.units.size());
    if (std::any_of(run.units.begin(), run.units.end(),
                    [](const Unit& u) { return !u.dependencies.empty(); }))
        return out;
    QHash<QString, int> packageOf;
    for (std::size_t i = 0; i < graph.packages.size(); ++i)
        packageOf.insert(graph.packages[i].name + QLatin1Char('@') + graph.packages[i].version, int(i));
    // the run's units per package, by what they build
    std::vector<std::vector<int>> unitsOf(graph.packages.size());
    std::vector<int> package(static_cast<std::size_t>(n), -1);
    for (int i = 0; i < n; ++i) {
        const Unit& u = run.units[std::size_t(i)];
        const auto it = packageOf.constFind(u.name + QLatin1Char('@') + u.version);
        if (it != packageOf.constEnd()) {
            package[std::size_t(i)] = it.value();
            unitsOf[std::size_t(it.value())].push_back(i);
        }
        if (!u.fresh)
            ++(it != packageOf.constEnd() ? out.matchedUnits : out.unmatchedUnits);
    }
    auto unitsOfKind = [&](int p, auto pred) {
        std::vector<int> found;
        for (int i : unitsOf[std::size_t(p)])
            if (pred(out.run.units[std::size_t(i)].kind))
                found.push_back(i);
        return found;
    };
    auto isLib = [](UnitKind k) {
        return k == UnitKind::Lib || k == UnitKind::ProcMacro;
    };
    // What the report could not tell: a proc macro's library from any other (reports with section timings
    // write both the same way), and a library's metadata point where it did not release a unit then (the
    // end of its frontend section: rustc writes the metadata as code generation starts).
    for (int i = 0; i < n; ++i) {
        Unit& u = out.run.units[std::size_t(i)];
        const int p = package[std::size_t(i)];
        if (p < 0 || u.kind != UnitKind::Lib)
            continue;
        if (graph.packages[std::size_t(p)].procMacro) {
            u.kind = UnitKind::ProcMacro;
            u.rmetaTime.reset();
        } else if (!u.rmetaTime) {
            for (const UnitSection& s : u.sections)
                if (s.name == QLatin1String("frontend") && s.end > 0 && s.end < u.duration)
                    u.rmetaTime = s.end;
        }
    }
    for (int i = 0; i < n; ++i) {
        Unit& u = out.run.units[std::size_t(i)];
        const int p = package[std::size_t(i)];
        std::vector<int> deps;
        if (p < 0) {
            // not in the graph: what released it stands in
            for (int d = 0; d < n; ++d) {
                const Unit& from = run.units[std::size_t(d)];
                if (std::find(from.unblocked.begin(), from.unblocked.end(), i) != from.unblocked.end() ||
                    std::find(from.unblockedRmeta.begin(), from.unblockedRmeta.end(), i) !=
                        from.unblockedRmeta.end())
                    deps.push_back(d);
            }
        } else {
            auto addLibsOf = [&](int q) {
                for (int d : unitsOfKind(q, isLib))
                    deps.push_back(d);
            };
            auto addEdges = [&](auto want) {
                for (int ei : graph.out[std::size_t(p)]) {
                    const DepEdge& e = graph.edges[std::size_t(ei)];
                    if (want(e) && e.to >= 0 && e.to != p)
                        addLibsOf(e.to);
                }
            };
            switch (u.kind) {
            case UnitKind::BuildScript:
                addEdges([](const DepEdge& e) { return e.build; });
                break;
            case UnitKind::BuildScriptRun:
                for (int d : unitsOfKind(p, [](UnitKind k) { return k == UnitKind::BuildScript; }))
                    deps.push_back(d);
                break;
            default: {
                const bool devToo =
                    u.kind == UnitKind::Test || u.kind == UnitKind::Bench || u.kind == UnitKind::Example;
                addEdges([devToo](const DepEdge& e) { return e.normal || (devToo && e.dev); });
                for (int d : unitsOfKind(p, [](UnitKind k) { return k == UnitKind::BuildScriptRun; }))
                    deps.push_back(d);
                if (!isLib(u.kind))
                    for (int d : unitsOfKind(p, isLib))
                        deps.push_back(d);
                break;
            }
            }
        }
        // only what the capture agrees with: the dependency released the unit before it started
        std::sort(deps.begin(), deps.end());
        deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
        for (int d : deps) {
            if (d == i)
                continue;
            const Unit& from = out.run.units[std::size_t(d)];
            const double released =
                from.start + (releasedByMetadata(from, i, out.run.units[std::size_t(i)]) ? from.rmetaOffset()
                                                                                         : from.duration);
            // (a fresh unit took no time: where the report puts it says nothing of the order)
            const bool before = from.start < u.start || (from.start == u.start && d < i);
            if (!from.fresh && !u.fresh && (!before || released > u.start + 0.02)) {
                ++out.contradicted;
                continue;
            }
            u.dependencies.push_back(d);
        }
    }
    return out;
}

} // namespace bl
