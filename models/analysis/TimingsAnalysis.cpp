#include "TimingsAnalysis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace bl {

double roundNs(double seconds)
{
    return std::round(seconds * 1e9) / 1e9;
}

namespace {

struct Release
{
    int by = -1; // the unit whose completion (or metadata) let this one start
    bool viaRmeta = false;
};

// "the first unit, in file order, listing it in unblocked_units or unblocked_rmeta_units"
std::vector<Release> releasers(const TimingsRun& run)
{
    std::vector<Release> rel(run.units.size());
    for (int u = 0; u < static_cast<int>(run.units.size()); ++u) {
        const Unit& unit = run.units[u];
        for (int v : unit.unblocked)
            if (rel[v].by < 0)
                rel[v] = {u, false};
        for (int v : unit.unblockedRmeta)
            if (rel[v].by < 0)
                rel[v] = {u, true};
    }
    return rel;
}

bool contains(const std::vector<int>& v, int x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

} // namespace

double buildOrigin(const TimingsRun& run)
{
    double origin = std::numeric_limits<double>::infinity();
    for (const Unit& u : run.units)
        if (!u.fresh)
            origin = std::min(origin, u.start);
    return std::isfinite(origin) ? origin : 0.0;
}

bool releasedByMetadata(const Unit& from, int toPosition, const Unit& to)
{
    if (contains(from.unblockedRmeta, toPosition))
        return true;
    if (contains(from.unblocked, toPosition))
        return false;
    // cargo pipelines library-to-library dependencies on metadata; everything else links
    return from.rmetaTime && to.kind == UnitKind::Lib && from.kind == UnitKind::Lib;
}

CriticalPath observedCriticalPath(const TimingsRun& run)
{
    CriticalPath cp;
    if (run.source == TimingsSource::TimingInfo || run.source == TimingsSource::Live || run.units.empty())
        return cp;
    cp.available = true;
    int last = -1;
    for (int i = 0; i < static_cast<int>(run.units.size()); ++i) {
        const Unit& u = run.units[i];
        if (u.fresh)
            continue;
        if (last < 0 || u.end() > run.units[last].end())
            last = i;
    }
    if (last < 0)
        return cp;
    const std::vector<Release> rel = releasers(run);
    std::vector<char> seen(run.units.size(), 0);
    std::vector<int> chain;
    for (int at = last; at >= 0 && !seen[at]; at = rel[at].by) {
        seen[at] = 1;
        chain.push_back(at);
    }
    std::reverse(chain.begin(), chain.end());
    double seconds = 0;
    for (std::size_t k = 0; k < chain.size(); ++k) {
        const Unit& u = run.units[chain[k]];
        if (k + 1 < chain.size())
            seconds += rel[chain[k + 1]].viaRmeta ? u.rmetaOffset() : u.duration;
        else
            seconds += u.duration;
    }
    cp.units = std::move(chain);
    cp.seconds = roundNs(seconds);
    cp.spanSeconds = roundNs(run.units[last].end() - run.units[cp.units.front()].start);
    return cp;
}

DagAnalysis analyseDag(const TimingsRun& run)
{
    DagAnalysis dag;
    const int n = static_cast<int>(run.units.size());
    dag.earliestStart.assign(n, 0.0);
    dag.slack.assign(n, 0.0);
    if (n == 0)
        return dag;

    struct Edge
    {
        int from;
        int to;
        double weight; // how long after `from` starts `to` may start
    };
    std::vector<Edge> edges;
    for (const Unit& u : run.units)
        if (!u.dependencies.empty())
            dag.usesDependencyGraph = true;
    if (dag.usesDependencyGraph) {
        for (int v = 0; v < n; ++v) {
            const Unit& to = run.units[v];
            for (int u : to.dependencies) {
                const Unit& from = run.units[u];
                edges.push_back({u, v, releasedByMetadata(from, v, to) ? from.rmetaOffset() : from.duration});
            }
        }
    } else {
        for (int u = 0; u < n; ++u) {
            const Unit& from = run.units[u];
            for (int v : from.unblocked)
                edges.push_back({u, v, from.duration});
            for (int v : from.unblockedRmeta)
                edges.push_back({u, v, from.rmetaOffset()});
        }
    }

    std::vector<std::vector<int>> out(n), in(n);
    std::vector<int> indegree(n, 0);
    for (int e = 0; e < static_cast<int>(edges.size()); ++e) {
        out[edges[e].from].push_back(e);
        in[edges[e].to].push_back(e);
        ++indegree[edges[e].to];
    }
    std::vector<int> order;
    order.reserve(n);
    for (int v = 0; v < n; ++v)
        if (indegree[v] == 0)
            order.push_back(v);
    for (std::size_t k = 0; k < order.size(); ++k)
        for (int e : out[order[k]])
            if (--indegree[edges[e].to] == 0)
                order.push_back(edges[e].to);
    if (static_cast<int>(order.size()) < n) // a cycle in a corrupt file: keep the rest analysable
        for (int v = 0; v < n; ++v)
            if (indegree[v] > 0)
                order.push_back(v);

    const double origin = buildOrigin(run);
    std::vector<int> via(n, -1);
    for (int v : order) {
        double es = origin;
        for (int e : in[v]) {
            const double t = dag.earliestStart[edges[e].from] + edges[e].weight;
            if (t > es) {
                es = t;
                via[v] = edges[e].from;
            }
        }
        dag.earliestStart[v] = es;
    }
    int lastUnit = 0;
    double length = 0;
    for (int v = 0; v < n; ++v) {
        const double ef = dag.earliestStart[v] + run.units[v].duration;
        if (ef > length) {
            length = ef;
            lastUnit = v;
        }
    }
    dag.longestPathSeconds = roundNs(length);
    std::vector<char> seen(n, 0);
    for (int v = lastUnit; v >= 0 && !seen[v]; v = via[v]) {
        seen[v] = 1;
        dag.longestChain.push_back(v);
    }
    std::reverse(dag.longestChain.begin(), dag.longestChain.end());

    std::vector<double> latestStart(n);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int v = *it;
        double ls = length - run.units[v].duration;
        for (int e : out[v])
            ls = std::min(ls, latestStart[edges[e].to] - edges[e].weight);
        latestStart[v] = ls;
    }
    for (int v = 0; v < n; ++v) {
        dag.slack[v] = roundNs(std::max(0.0, latestStart[v] - dag.earliestStart[v]));
        dag.earliestStart[v] = roundNs(dag.earliestStart[v]);
    }
    return dag;
}

std::vector<ConcurrencySample> deriveConcurrency(const TimingsRun& run)
{
    const std::vector<Release> rel = releasers(run);
    std::vector<double> ready, starts, ends;
    for (int v = 0; v < static_cast<int>(run.units.size()); ++v) {
        const Unit& u = run.units[v];
        if (u.fresh)
            continue;
        // As cargo derives it: a unit counts as waiting from the moment another unit released it; one that
        // nobody released (no dependencies) goes straight from inactive to active.
        double r = u.start;
        if (rel[v].by >= 0) {
            const Unit& by = run.units[rel[v].by];
            r = by.start + (rel[v].viaRmeta ? by.rmetaOffset() : by.duration);
        }
        ready.push_back(std::min(r, u.start));
        starts.push_back(u.start);
        ends.push_back(u.end());
    }
    std::vector<double> times;
    times.reserve(ready.size() * 3);
    times.insert(times.end(), ready.begin(), ready.end());
    times.insert(times.end(), starts.begin(), starts.end());
    times.insert(times.end(), ends.begin(), ends.end());
    std::sort(ready.begin(), ready.end());
    std::sort(starts.begin(), starts.end());
    std::sort(ends.begin(), ends.end());
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    const int total = static_cast<int>(starts.size());
    auto countAtOrBefore = [](const std::vector<double>& v, double t) {
        return static_cast<int>(std::upper_bound(v.begin(), v.end(), t) - v.begin());
    };
    std::vector<ConcurrencySample> samples;
    samples.reserve(times.size());
    for (double t : times) {
        const int readyN = countAtOrBefore(ready, t);
        const int startedN = countAtOrBefore(starts, t);
        const int endedN = countAtOrBefore(ends, t);
        ConcurrencySample s;
        s.t = t;
        s.active = startedN - endedN;
        s.waiting = std::max(0, readyN - startedN);
        s.inactive = total - readyN;
        samples.push_back(s);
    }
    return samples;
}

TimingsSummary summarise(const TimingsRun& run, const std::vector<ConcurrencySample>& concurrency)
{
    TimingsSummary s;
    s.unitCount = static_cast<int>(run.units.size());
    s.wallSeconds = roundNs(run.totalSeconds());
    std::vector<KindShare> kinds(UnitKindCount);
    for (int k = 0; k < UnitKindCount; ++k)
        kinds[k].kind = static_cast<UnitKind>(k);
    for (const Unit& u : run.units) {
        if (u.fresh)
            ++s.freshUnits;
        s.sumUnitSeconds += u.duration;
        KindShare& ks = kinds[static_cast<int>(u.kind)];
        ++ks.units;
        ks.seconds += u.duration;
        if (u.kind == UnitKind::BuildScript || u.kind == UnitKind::BuildScriptRun)
            s.buildScriptSeconds += u.duration;
        if (u.kind == UnitKind::ProcMacro)
            s.procMacroSeconds += u.duration;
        for (const UnitSection& sec : u.sections) {
            if (sec.name == QLatin1String("frontend"))
                s.frontendSeconds += sec.end - sec.start;
            else if (sec.name == QLatin1String("codegen"))
                s.codegenSeconds += sec.end - sec.start;
        }
    }
    s.builtUnits = s.unitCount - s.freshUnits;
    s.sumUnitSeconds = roundNs(s.sumUnitSeconds);
    s.buildScriptSeconds = roundNs(s.buildScriptSeconds);
    s.procMacroSeconds = roundNs(s.procMacroSeconds);
    s.frontendSeconds = roundNs(s.frontendSeconds);
    s.codegenSeconds = roundNs(s.codegenSeconds);
    s.parallelism = s.wallSeconds > 0 ? s.sumUnitSeconds / s.wallSeconds : 0.0;
    {
        // the union of the units' intervals; what it leaves of [0, wall] is outside every unit
        std::vector<std::pair<double, double>> spans;
        for (const Unit& u : run.units)
            if (u.duration > 0)
                spans.push_back({u.start, u.end()});
        std::sort(spans.begin(), spans.end());
        if (!spans.empty()) {
            s.beforeFirstUnitSeconds = roundNs(std::max(0.0, spans.front().first));
            if (spans.front().first > 0)
                s.outsideSpans.push_back({0.0, spans.front().first});
            double reach = spans.front().second, gaps = 0;
            for (const auto& [start, end] : spans) {
                if (start > reach) {
                    gaps += start - reach;
                    s.outsideSpans.push_back({reach, start});
                }
                reach = std::max(reach, end);
            }
            s.gapSeconds = roundNs(gaps);
        }
    }
    for (const ConcurrencySample& c : concurrency)
        s.maxConcurrency = std::max(s.maxConcurrency, c.active);
    for (std::size_t i = 0; i < concurrency.size(); ++i) {
        const ConcurrencySample& c = concurrency[i];
        const double until = i + 1 < concurrency.size() ? concurrency[i + 1].t : s.wallSeconds;
        if (c.waiting > 0 && (run.jobs <= 0 || c.active >= run.jobs) && until > c.t)
            s.slotsFullSeconds += until - c.t;
    }
    s.slotsFullSeconds = roundNs(std::min(s.slotsFullSeconds, s.wallSeconds));
    s.slotsFullShare = s.wallSeconds > 0 ? s.slotsFullSeconds / s.wallSeconds : 0.0;
    // laid out by BuildLens on N slots (timing-info lines): who waited for whom is not recorded
    s.jobLimited = !run.startsReconstructed && s.builtUnits > 1 && s.slotsFullShare >= kJobLimitedShare;
    std::vector<int> order;
    for (int i = 0; i < static_cast<int>(run.units.size()); ++i)
        if (!run.units[i].fresh)
            order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return run.units[a].duration > run.units[b].duration; });
    order.resize(std::min<std::size_t>(order.size(), 10));
    s.slowest = std::move(order);
    for (KindShare& k : kinds) {
        k.seconds = roundNs(k.seconds);
        if (k.units > 0)
            s.byKind.push_back(k);
    }
    std::stable_sort(s.byKind.begin(), s.byKind.end(),
                     [](const KindShare& a, const KindShare& b) { return a.seconds > b.seconds; });
    return s;
}

std::shared_ptr<const TimingsAnalysis> analyse(std::shared_ptr<const TimingsRun> run)
{
    auto a = std::make_shared<TimingsAnalysis>();
    a->run = std::move(run);
    const TimingsRun& r = *a->run;
    a->critical = observedCriticalPath(r);
    a->dag = analyseDag(r);
    a->onCriticalPath.assign(r.units.size(), 0);
    for (int u : a->critical.units)
        a->onCriticalPath[u] = 1;
    if (r.concurrency.empty()) {
        a->concurrency = deriveConcurrency(r);
        a->concurrencyDerived = true;
    } else {
        a->concurrency = r.concurrency;
    }
    a->summary = summarise(r, a->concurrency);
    a->byStart.resize(r.units.size());
    std::iota(a->byStart.begin(), a->byStart.end(), 0);
    std::stable_sort(a->byStart.begin(), a->byStart.end(), [&](int x, int y) {
        const Unit &ux = r.units[std::size_t(x)], &uy = r.units[std::size_t(y)];
        if (ux.fresh != uy.fresh)
            return !ux.fresh;
        return ux.start < uy.start;
    });
    return a;
}

} // namespace bl
