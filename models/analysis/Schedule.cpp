#include "Schedule.h"

#include "TimingsAnalysis.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <queue>
#include <set>

namespace bl {

namespace {

struct Edge
{
    int from;      // the dependency
    bool metadata; // released by the dependency's metadata (pipelining), else by its end
};

double sectionLength(const Unit& u, const char* name)
{
    double total = 0;
    for (const UnitSection& s : u.sections)
        if (s.name == QLatin1String(name))
            total += std::max(0.0, std::min(s.end, u.duration) - s.start);
    return total;
}

} // namespace

int findUnit(const TimingsRun& run, const QString& text)
{
    int found = -1;
    for (int i = 0; i < static_cast<int>(run.units.size()); ++i) {
        const Unit& u = run.units[std::size_t(i)];
        const bool match = u.label() == text || u.name + QLatin1Char('@') + u.version == text ||
                           (u.name == text && (u.kind == UnitKind::Lib || u.kind == UnitKind::ProcMacro)) ||
                           u.name + QLatin1Char(' ') + unitKindKey(u.kind) == text ||
                           (!u.targetName.isEmpty() && u.targetName == text && u.kind == UnitKind::Bin);
        if (!match)
            continue;
        if (found >= 0)
            return -2;
        found = i;
    }
    return found;
}

Schedule simulate(const TimingsRun& run, const Scenario& scenario)
{
    Schedule out;
    const int n = static_cast<int>(run.units.size());
    out.units.resize(static_cast<std::size_t>(n));
    // the edges: the real dependencies where the file has them, else who released whom
    std::vector<std::vector<Edge>> deps(static_cast<std::size_t>(n));
    bool graph = false;
    for (const Unit& u : run.units)
        graph = graph || !u.dependencies.empty();
    out.usesDependencyGraph = graph;
    for (int i = 0; i < n; ++i) {
        const Unit& u = run.units[std::size_t(i)];
        if (graph) {
            for (int d : u.dependencies)
                if (d >= 0 && d < n && d != i)
                    deps[std::size_t(i)].push_back({d, releasedByMetadata(run.units[std::size_t(d)], i, u)});
        } else {
            for (int d : u.unblocked)
                if (d >= 0 && d < n && d != i)
                    deps[std::size_t(d)].push_back({i, false});
            for (int d : u.unblockedRmeta)
                if (d >= 0 && d < n && d != i)
                    deps[std::size_t(d)].push_back({i, true});
        }
    }
    // durations under the scenario
    std::vector<double> duration(static_cast<std::size_t>(n)), rmeta(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const Unit& u = run.units[std::size_t(i)];
        double d = u.fresh ? 0.0 : u.duration;
        double m = u.rmetaTime.value_or(d);
        if (!u.fresh) {
            const double link = sectionLength(u, "link"), codegen = sectionLength(u, "codegen");
            d -= link * (1 - scenario.linkFactor) + codegen * (1 - scenario.codegenFactor);
            if (auto s = scenario.speed.find(i); s != scenario.speed.end()) {
                d *= s->second;
                m *= s->second;
            }
            if (std::find(scenario.removed.begin(), scenario.removed.end(), i) != scenario.removed.end())
                d = m = 0;
        }
        duration[std::size_t(i)] = std::max(0.0, d);
        rmeta[std::size_t(i)] = std::clamp(m, 0.0, duration[std::size_t(i)]);
    }
    // cargo's priority: the unit and everything depending on it, transitively
    std::vector<std::vector<int>> dependents(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        for (const Edge& e : deps[std::size_t(i)])
            dependents[std::size_t(e.from)].push_back(i);
    std::vector<int> priority(static_cast<std::size_t>(n), 0);
    {
        // the sets of transitive dependents as bit sets, from the last units of the graph back to the first:
        // a 5,000-unit build costs a few hundred thousand word operations instead of a walk per unit
        std::vector<int> pending(static_cast<std::size_t>(n), 0), order;
        order.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            pending[std::size_t(i)] = static_cast<int>(dependents[std::size_t(i)].size());
            if (pending[std::size_t(i)] == 0)
                order.push_back(i);
        }
        for (std::size_t k = 0; k < order.size(); ++k)
            for (const Edge& e : deps[std::size_t(order[k])])
                if (--pending[std::size_t(e.from)] == 0)
                    order.push_back(e.from);
        std::vector<char> placed(static_cast<std::size_t>(n), 0);
        for (int i : order)
            placed[std::size_t(i)] = 1;
        for (int i = 0; i < n; ++i) // a cycle (a garbled file): its units come last, counted as far as known
            if (!placed[std::size_t(i)])
                order.push_back(i);
        // past 20,000 units the bit sets would take hundreds of megabytes: there the count of paths from the
        // unit stands in (the same order wherever dependents do not share dependents)
        constexpr int kExactLimit = 20000;
        if (n > kExactLimit) {
            for (int i : order) {
                long long count = 1;
                for (int d : dependents[std::size_t(i)])
                    count = std::min<long long>(count + priority[std::size_t(d)], 1LL << 30);
                priority[std::size_t(i)] = static_cast<int>(count);
            }
        } else {
            const std::size_t words = (static_cast<std::size_t>(n) + 63) / 64;
            std::vector<std::uint64_t> bits(words * static_cast<std::size_t>(n), 0);
            for (int i : order) {
                std::uint64_t* mine = &bits[words * std::size_t(i)];
                mine[std::size_t(i) / 64] |= std::uint64_t(1) << (i % 64);
                for (int d : dependents[std::size_t(i)]) {
                    const std::uint64_t* theirs = &bits[words * std::size_t(d)];
                    for (std::size_t w = 0; w < words; ++w)
                        mine[w] |= theirs[w];
                }
                int count = 0;
                for (std::size_t w = 0; w < words; ++w)
                    count += std::popcount(mine[w]);
                priority[std::size_t(i)] = count;
            }
        }
    }
    int jobs = scenario.jobs > 0 ? scenario.jobs : run.jobs;
    if (jobs <= 0) {
        // the most units the capture ran at once
        std::vector<std::pair<double, int>> events;
        for (const Unit& u : run.units)
            if (!u.fresh && u.duration > 0) {
                events.push_back({u.start, 1});
                events.push_back({u.end(), -1});
            }
        std::sort(events.begin(), events.end());
        int now = 0;
        for (const auto& e : events)
            jobs = std::max(jobs, now += e.second);
        jobs = std::max(1, jobs);
    }
    out.jobs = jobs;
    // cargo starts its first unit after resolving the graph: that time is kept as observed
    const double origin = std::max(0.0, buildOrigin(run));

    // event loop: pending dependency counts, ready set, running set
    std::vector<int> waiting(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        waiting[std::size_t(i)] = static_cast<int>(deps[std::size_t(i)].size());
    std::vector<double> readyAt(static_cast<std::size_t>(n), origin);
    std::vector<char> started(static_cast<std::size_t>(n)), done(static_cast<std::size_t>(n));
    // ready units in cargo's order: most dependents first, then as the capture started them; fresh ones
    // apart, since they take no slot
    auto before = [&](int x, int y) {
        if (priority[std::size_t(x)] != priority[std::size_t(y)])
            return priority[std::size_t(x)] > priority[std::size_t(y)];
        if (run.units[std::size_t(x)].start != run.units[std::size_t(y)].start)
            return run.units[std::size_t(x)].start < run.units[std::size_t(y)].start;
        return x < y;
    };
    std::set<int, decltype(before)> ready(before);
    std::vector<int> readyFresh;
    auto makeReady = [&](int unit) {
        if (run.units[std::size_t(unit)].fresh)
            readyFresh.push_back(unit);
        else
            ready.insert(unit);
    };
    // (time, unit, kind: 0 metadata ready, 1 finished)
    using Event = std::tuple<double, int, int>;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    std::vector<int> releasedBy(static_cast<std::size_t>(n), -1);
    auto release = [&](int unit, bool metadata, double t) {
        for (int dependent : dependents[std::size_t(unit)])
            for (const Edge& e : deps[std::size_t(dependent)])
                if (e.from == unit && e.metadata == metadata) {
                    readyAt[std::size_t(dependent)] = std::max(readyAt[std::size_t(dependent)], t);
                    if (--waiting[std::size_t(dependent)] == 0) {
                        makeReady(dependent);
                        releasedBy[std::size_t(dependent)] = unit;
                    }
                }
    };
    for (int i = 0; i < n; ++i)
        if (waiting[std::size_t(i)] == 0)
            makeReady(i);
    double now = origin;
    int running = 0, finished = 0;
    auto startReady = [&] {
        // fresh units take no slot: cargo finds them up to date at once
        for (;;) {
            int unit = -1;
            if (!readyFresh.empty()) {
                unit = readyFresh.back();
                readyFresh.pop_back();
            } else if (running < jobs && !ready.empty()) {
                unit = *ready.begin();
                ready.erase(ready.begin());
            } else {
                return;
            }
            started[std::size_t(unit)] = 1;
            ScheduledUnit& s = out.units[std::size_t(unit)];
            s.start = std::max(now, readyAt[std::size_t(unit)]);
            s.duration = duration[std::size_t(unit)];
            s.rmeta = rmeta[std::size_t(unit)];
            if (!run.units[std::size_t(unit)].fresh)
                ++running;
            else
                s.duration = s.rmeta = 0;
            events.push({s.start + s.rmeta, unit, 0});
            events.push({s.start + s.duration, unit, 1});
        }
    };
    startReady();
    while (!events.empty()) {
        const auto [t, unit, kind] = events.top();
        events.pop();
        now = t;
        if (kind == 0) {
            release(unit, true, t);
        } else {
            done[std::size_t(unit)] = 1;
            ++finished;
            if (!run.units[std::size_t(unit)].fresh)
                --running;
            release(unit, false, t);
        }
        startReady();
    }
    // units left waiting on a cycle (garbled input): they start at the end, so nothing is lost
    for (int i = 0; i < n; ++i)
        if (!started[std::size_t(i)]) {
            out.units[std::size_t(i)].start = now;
            out.units[std::size_t(i)].duration = duration[std::size_t(i)];
            now += duration[std::size_t(i)];
        }
    int last = -1;
    for (int i = 0; i < n; ++i) {
        out.wallSeconds = std::max(out.wallSeconds, out.units[std::size_t(i)].end());
        if (!run.units[std::size_t(i)].fresh &&
            (last < 0 || out.units[std::size_t(i)].end() > out.units[std::size_t(last)].end()))
            last = i;
    }
    for (int u = last; u >= 0; u = releasedBy[std::size_t(u)]) {
        out.criticalPath.insert(out.criticalPath.begin(), u);
        if (out.criticalPath.size() > std::size_t(n))
            break;
    }
    if (!out.criticalPath.empty())
        out.criticalSeconds = out.units[std::size_t(out.criticalPath.back())].end() -
                              out.units[std::size_t(out.criticalPath.front())].start;
    return out;
}

} // namespace bl
