#include "Schedule.h"

#include "TimingsAnalysis.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
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

// A report without the dependency graph records only the last dependency that released each unit. Within one
// package cargo's order is fixed all the same: the build script compiles, then runs, then the library builds,
// then the package's binaries, tests and examples. Those edges are added where the capture agrees with them.
void addPackageEdges(const TimingsRun& run, std::vector<std::vector<Edge>>& deps)
{
    std::map<std::pair<QString, QString>, std::vector<int>> packages;
    for (int i = 0; i < static_cast<int>(run.units.size()); ++i)
        packages[{run.units[std::size_t(i)].name, run.units[std::size_t(i)].version}].push_back(i);
    auto stage = [](UnitKind kind) {
        switch (kind) {
        case UnitKind::BuildScript:
            return 0;
        case UnitKind::BuildScriptRun:
            return 1;
        case UnitKind::Lib:
        case UnitKind::ProcMacro:
            return 2;
        default:
            return 3;
        }
    };
    for (const auto& [package, units] : packages) {
        for (int to : units) {
            const Unit& t = run.units[std::size_t(to)];
            const int want = stage(t.kind) - 1;
            if (want < 0)
                continue;
            for (int from : units) {
                const Unit& f = run.units[std::size_t(from)];
                if (stage(f.kind) != want || f.fresh || t.fresh || f.end() > t.start + 0.005)
                    continue;
                std::vector<Edge>& mine = deps[std::size_t(to)];
                if (std::none_of(mine.begin(), mine.end(), [&](const Edge& e) { return e.from == from; }))
                    mine.push_back({from, false});
            }
        }
    }
}

// Where the number of units the capture ran changes: (time, +1) where a built unit starts, (time, -1) where
// it ends, in time order (an end before a start at the same moment).
std::vector<std::pair<double, int>> runningSteps(const TimingsRun& run)
{
    std::vector<std::pair<double, int>> steps;
    for (const Unit& u : run.units)
        if (!u.fresh && u.duration > 0) {
            steps.push_back({u.start, 1});
            steps.push_back({u.end(), -1});
        }
    std::sort(steps.begin(), steps.end());
    return steps;
}

// How many cores each unit of the capture had (its observed speed: work per second) and how many it could use
// alone, and which share of the cores a saturated machine kept busy.
struct CoreModel
{
    std::vector<double> observed; // per unit of the run
    std::vector<double> alone;
    std::vector<double> meanConcurrency; // units running on average while it ran, itself included
    double saturation = 1; // busy share of all cores while at least as many units ran as there are cores
    bool measured = false;
};

CoreModel coreModel(const TimingsRun& run, int cpus)
{
    const int n = static_cast<int>(run.units.size());
    CoreModel m;
    m.observed.assign(static_cast<std::size_t>(n), 1.0);
    m.alone.assign(static_cast<std::size_t>(n), 1.0);
    m.meanConcurrency.assign(static_cast<std::size_t>(n), 1.0);
    // k(t), the units running, as steps; and its integral, for a unit's mean concurrency
    const std::vector<std::pair<double, int>> steps = runningSteps(run);
    std::vector<double> at;   // step times
    std::vector<int> level;   // k from at[i] on
    std::vector<double> area; // integral of k up to at[i]
    for (const auto& [t, d] : steps) {
        if (at.empty() || t > at.back()) {
            area.push_back(at.empty() ? 0 : area.back() + (t - at.back()) * level.back());
            at.push_back(t);
            level.push_back(level.empty() ? 0 : level.back());
        }
        level.back() += d;
    }
    auto integral = [&](double t) {
        const auto it = std::upper_bound(at.begin(), at.end(), t);
        if (it == at.begin())
            return 0.0;
        const std::size_t i = std::size_t(it - at.begin() - 1);
        return area[i] + (t - at[i]) * level[i];
    };
    const double c = cpus;
    // cargo's CPU samples: the busy share of all cores since the sample before; so each sample covers an
    // interval, shared by the units that ran in it (on average k of them)
    std::vector<double> from, to, busy, meanK;
    double saturatedBusy = 0;
    int saturatedSamples = 0;
    double last = 0;
    for (const CpuSample& s : run.cpu) {
        if (s.t <= last)
            continue;
        from.push_back(last);
        to.push_back(s.t);
        busy.push_back(std::clamp(s.percent, 0.0, 100.0) / 100 * c);
        meanK.push_back((integral(s.t) - integral(last)) / (s.t - last));
        if (meanK.back() >= c - 0.05) {
            saturatedBusy += busy.back();
            ++saturatedSamples;
        }
        last = s.t;
    }
    m.measured = !busy.empty();
    // a sample or two of a machine that was hardly ever full says little about it
    if (saturatedSamples >= 5 && saturatedSamples * 10 >= static_cast<int>(busy.size()))
        m.saturation = std::clamp(saturatedBusy / saturatedSamples / c, 0.25, 1.0);
    for (int i = 0; i < n; ++i) {
        const Unit& u = run.units[std::size_t(i)];
        if (u.fresh || u.duration <= 0)
            continue;
        double observed = 0, covered = 0, alone = 0, aloneCovered = 0;
        if (m.measured) {
            const auto first = std::upper_bound(to.begin(), to.end(), u.start);
            for (std::size_t k = std::size_t(first - to.begin()); k < to.size() && from[k] < u.end(); ++k) {
                const double overlap = std::min(to[k], u.end()) - std::max(from[k], u.start);
                if (overlap <= 0)
                    continue;
                const double share = busy[k] / std::max(1.0, meanK[k]);
                observed += overlap * share;
                covered += overlap;
                if (meanK[k] < 1.05) {
                    alone += overlap * busy[k];
                    aloneCovered += overlap;
                }
            }
        }
        // units that ran side by side had the cores between them, however busy a sample that also covers time
        // with fewer units (cargo's own work before the first unit) makes them look
        m.meanConcurrency[std::size_t(i)] =
            std::max(1.0, (integral(u.end()) - integral(u.start)) / u.duration);
        const double fair = c / m.meanConcurrency[std::size_t(i)];
        if (covered <= 0) {
            // no sample covers it: one core per unit, shared evenly while more units ran than there are cores
            observed = std::min(1.0, fair);
            covered = 1;
        }
        const double speed = std::clamp(observed / covered, 0.05, fair);
        m.observed[std::size_t(i)] = speed;
        // what a unit can use alone: as seen alone, else one core (rustc's front end is one thread); never
        // less than it had
        m.alone[std::size_t(i)] = std::clamp(aloneCovered > 0 ? alone / aloneCovered : 1.0, speed, c);
    }
    return m;
}

// The work a unit does for the same result while k units run, itself included: caches and memory bandwidth
// shared. It grows with the log of k: on the 2-core machine of tests/data/jobs the core-seconds of the same
// build went from 1 to 1.12 to 1.24 between -j1, -j2 and -j4, where a linear rule in k overpredicts -j4.
double inflationAt(double contention, double k)
{
    return 1 + contention * std::log2(std::max(1.0, k));
}

// The cores each running unit gets: the busy cores shared evenly, none more than it can use, what one leaves
// going to the others.
void shareCores(const std::vector<int>& running, const std::vector<double>& cap, double cores,
                std::vector<double>& rate)
{
    std::vector<int> order = running;
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return cap[std::size_t(a)] < cap[std::size_t(b)]; });
    double left = cores;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const double share = left / static_cast<double>(order.size() - i);
        const double r = std::min(cap[std::size_t(order[i])], share);
        rate[std::size_t(order[i])] = r;
        left -= r;
    }
}

} // namespace

int capturedJobs(const TimingsRun& run)
{
    if (run.jobs > 0)
        return run.jobs;
    // the most units the capture ran at once
    int jobs = 0, now = 0;
    for (const auto& e : runningSteps(run))
        jobs = std::max(jobs, now += e.second);
    return std::max(1, jobs);
}

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
    const int runUnits = static_cast<int>(run.units.size());
    // the run's units, then the second part of each split unit
    for (const auto& [unit, share] : scenario.split)
        if (unit >= 0 && unit < runUnits && !run.units[std::size_t(unit)].fresh)
            out.splitFrom.push_back(unit);
    const int n = runUnits + static_cast<int>(out.splitFrom.size());
    auto source = [&](int i) -> const Unit& {
        return run.units[std::size_t(i < runUnits ? i : out.splitFrom[std::size_t(i - runUnits)])];
    };
    std::vector<int> secondPart(static_cast<std::size_t>(runUnits), -1);
    for (std::size_t k = 0; k < out.splitFrom.size(); ++k)
        secondPart[std::size_t(out.splitFrom[k])] = runUnits + static_cast<int>(k);
    out.units.resize(static_cast<std::size_t>(n));
    // the edges: the real dependencies where the file has them, else who released whom
    std::vector<std::vector<Edge>> deps(static_cast<std::size_t>(n));
    bool graph = false;
    for (const Unit& u : run.units)
        graph = graph || !u.dependencies.empty();
    out.usesDependencyGraph = graph;
    for (const Unit& u : run.units)
        out.releaseEdges = out.releaseEdges || !u.unblocked.empty() || !u.unblockedRmeta.empty();
    for (int i = 0; i < runUnits; ++i) {
        const Unit& u = run.units[std::size_t(i)];
        if (graph) {
            for (int d : u.dependencies)
                if (d >= 0 && d < runUnits && d != i)
                    deps[std::size_t(i)].push_back({d, releasedByMetadata(run.units[std::size_t(d)], i, u)});
        } else {
            for (int d : u.unblocked)
                if (d >= 0 && d < runUnits && d != i)
                    deps[std::size_t(d)].push_back({i, false});
            for (int d : u.unblockedRmeta)
                if (d >= 0 && d < runUnits && d != i)
                    deps[std::size_t(d)].push_back({i, true});
        }
    }
    if (!graph)
        addPackageEdges(run, deps);
    // a split unit's second part needs what the unit needed; what needed the unit needs both parts
    for (int i = 0; i < runUnits; ++i) {
        const std::size_t count = deps[std::size_t(i)].size();
        for (std::size_t k = 0; k < count; ++k)
            if (const int part = secondPart[std::size_t(deps[std::size_t(i)][k].from)]; part >= 0)
                deps[std::size_t(i)].push_back({part, deps[std::size_t(i)][k].metadata});
    }
    for (std::size_t k = 0; k < out.splitFrom.size(); ++k)
        deps[std::size_t(runUnits) + k] = deps[std::size_t(out.splitFrom[k])];
    // durations under the scenario
    std::vector<double> duration(static_cast<std::size_t>(n)), rmeta(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const int own = i < runUnits ? i : out.splitFrom[std::size_t(i - runUnits)];
        const Unit& u = source(i);
        double d = u.fresh ? 0.0 : u.duration;
        double m = u.rmetaTime.value_or(d);
        if (!u.fresh) {
            const double link = sectionLength(u, "link"), codegen = sectionLength(u, "codegen");
            d -= link * (1 - scenario.linkFactor) + codegen * (1 - scenario.codegenFactor);
            if (auto s = scenario.speed.find(own); s != scenario.speed.end()) {
                d *= s->second;
                m *= s->second;
            }
            if (auto s = scenario.split.find(own); s != scenario.split.end()) {
                const double share = std::clamp(s->second, 0.0, 1.0);
                d *= i == own ? share : 1 - share;
                m *= i == own ? share : 1 - share;
            }
            if (std::find(scenario.removed.begin(), scenario.removed.end(), own) != scenario.removed.end())
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
    const int jobs = scenario.jobs > 0 ? scenario.jobs : capturedJobs(run);
    out.jobs = jobs;
    // cargo starts its first unit after resolving the graph: that time is kept as observed
    const double origin = std::max(0.0, buildOrigin(run));

    // how fast each unit runs: its observed time, or its work shared out over the machine's cores
    const int captureCpus = run.ncpu;
    const int cpus = scenario.cpus > 0 ? scenario.cpus : captureCpus;
    out.sharesCores = captureCpus > 0 && cpus > 0;
    out.cpus = out.sharesCores ? cpus : 0;
    out.contention = out.sharesCores ? scenario.contention : 0;
    std::vector<double> work(duration), workToRmeta(rmeta), cap(static_cast<std::size_t>(n), 1e9);
    double cores = 1e9;
    if (out.sharesCores) {
        const CoreModel model = coreModel(run, captureCpus);
        out.cpuMeasured = model.measured;
        cores = model.saturation * cpus;
        for (int i = 0; i < n; ++i) {
            const std::size_t own = std::size_t(i < runUnits ? i : out.splitFrom[std::size_t(i - runUnits)]);
            // the work without what the contention of its neighbours cost it in the capture
            const double inflation = inflationAt(scenario.contention, model.meanConcurrency[own]);
            work[std::size_t(i)] *= model.observed[own] / inflation;
            workToRmeta[std::size_t(i)] *= model.observed[own] / inflation;
            cap[std::size_t(i)] = std::min(model.alone[own], double(cpus));
        }
    }

    // event loop: pending dependency counts, ready set, running units with the work they have left
    std::vector<int> waiting(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        waiting[std::size_t(i)] = static_cast<int>(deps[std::size_t(i)].size());
    std::vector<char> started(static_cast<std::size_t>(n)), metaDone(static_cast<std::size_t>(n));
    // ready units in cargo's order: most dependents first, then as the capture started them (a second part
    // right after its first); fresh ones apart, since they take no slot
    // Without the dependency graph the count of dependents is a guess from who released whom, and a wrong
    // guess reorders the whole build (the 04-rustflags nightly report replayed 5.7 % long). cargo's priority
    // is fixed per unit, so the order in which the capture started its units stands in for it there.
    auto before = [&](int x, int y) {
        if (!graph && source(x).start != source(y).start)
            return source(x).start < source(y).start;
        if (priority[std::size_t(x)] != priority[std::size_t(y)])
            return priority[std::size_t(x)] > priority[std::size_t(y)];
        if (source(x).start != source(y).start)
            return source(x).start < source(y).start;
        return x < y;
    };
    std::set<int, decltype(before)> ready(before);
    std::vector<int> readyFresh;
    auto makeReady = [&](int unit) {
        if (source(unit).fresh)
            readyFresh.push_back(unit);
        else
            ready.insert(unit);
    };
    out.releasedBy.assign(static_cast<std::size_t>(n), -1);
    out.releasedByRmeta.assign(static_cast<std::size_t>(n), 0);
    auto release = [&](int unit, bool metadata) {
        for (int dependent : dependents[std::size_t(unit)])
            for (const Edge& e : deps[std::size_t(dependent)])
                if (e.from == unit && e.metadata == metadata) {
                    if (--waiting[std::size_t(dependent)] == 0) {
                        makeReady(dependent);
                        out.releasedBy[std::size_t(dependent)] = unit;
                        out.releasedByRmeta[std::size_t(dependent)] = metadata;
                    }
                }
    };
    for (int i = 0; i < n; ++i)
        if (waiting[std::size_t(i)] == 0)
            makeReady(i);
    double now = origin;
    std::vector<int> running;
    std::vector<double> rate(static_cast<std::size_t>(n), 1.0);
    std::vector<int> finishedNow;
    auto finish = [&](int unit, bool metadata) {
        ScheduledUnit& s = out.units[std::size_t(unit)];
        if (metadata) {
            metaDone[std::size_t(unit)] = 1;
            s.rmeta = now - s.start;
            release(unit, true);
        } else {
            if (!metaDone[std::size_t(unit)]) {
                metaDone[std::size_t(unit)] = 1;
                s.rmeta = now - s.start;
                release(unit, true);
            }
            s.duration = now - s.start;
            release(unit, false);
        }
    };
    auto startReady = [&] {
        // fresh units take no slot and no time: cargo finds them up to date at once; so do units with no work
        bool again = true;
        while (again) {
            again = false;
            while (!readyFresh.empty()) {
                const int unit = readyFresh.back();
                readyFresh.pop_back();
                started[std::size_t(unit)] = 1;
                out.units[std::size_t(unit)] = {now, 0, 0};
                finish(unit, false);
                again = true;
            }
            while (static_cast<int>(running.size()) < jobs && !ready.empty()) {
                const int unit = *ready.begin();
                ready.erase(ready.begin());
                started[std::size_t(unit)] = 1;
                out.units[std::size_t(unit)] = {now, 0, 0};
                if (work[std::size_t(unit)] <= 0) {
                    finish(unit, false);
                    again = true;
                } else {
                    running.push_back(unit);
                }
            }
        }
    };
    startReady();
    while (!running.empty()) {
        // each unit running beside others does more work for the same result (caches, memory bandwidth)
        const double inflation = inflationAt(scenario.contention, static_cast<double>(running.size()));
        if (out.sharesCores) {
            shareCores(running, cap, cores, rate);
            for (int u : running)
                rate[std::size_t(u)] /= inflation;
        }
        // the next moment a running unit has its metadata ready or ends
        double step = std::numeric_limits<double>::infinity();
        for (int u : running) {
            const double r = std::max(rate[std::size_t(u)], 1e-9);
            if (!metaDone[std::size_t(u)])
                step = std::min(step, std::max(0.0, workToRmeta[std::size_t(u)]) / r);
            step = std::min(step, work[std::size_t(u)] / r);
        }
        now += step;
        if (out.sharesCores)
            for (int u : running)
                out.coreSeconds += rate[std::size_t(u)] * inflation * step;
        finishedNow.clear();
        for (int u : running) {
            const double done = rate[std::size_t(u)] * step;
            work[std::size_t(u)] -= done;
            workToRmeta[std::size_t(u)] -= done;
        }
        // every unit that reached a point in this step, in unit order as a tie rule
        constexpr double eps = 1e-9;
        for (int u : running)
            if (!metaDone[std::size_t(u)] && workToRmeta[std::size_t(u)] <= eps && work[std::size_t(u)] > eps)
                finish(u, true);
        for (int u : running)
            if (work[std::size_t(u)] <= eps)
                finishedNow.push_back(u);
        for (int u : finishedNow)
            finish(u, false);
        running.erase(std::remove_if(running.begin(), running.end(),
                                     [&](int u) { return work[std::size_t(u)] <= eps; }),
                      running.end());
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
        if (!source(i).fresh &&
            (last < 0 || out.units[std::size_t(i)].end() > out.units[std::size_t(last)].end()))
            last = i;
    }
    for (int u = last; u >= 0; u = out.releasedBy[std::size_t(u)]) {
        out.criticalPath.insert(out.criticalPath.begin(), u);
        if (out.criticalPath.size() > std::size_t(n))
            break;
    }
    if (!out.criticalPath.empty())
        out.criticalSeconds = out.units[std::size_t(out.criticalPath.back())].end() -
                              out.units[std::size_t(out.criticalPath.front())].start;
    return out;
}

Calibration calibrateContention(const std::vector<const TimingsRun*>& captures)
{
    const std::size_t n = captures.size();
    std::vector<int> jobs(n);
    std::vector<double> wall(n), cores(n);
    for (std::size_t i = 0; i < n; ++i) {
        jobs[i] = capturedJobs(*captures[i]);
        wall[i] = captures[i]->totalSeconds();
        cores[i] = simulate(*captures[i]).coreSeconds;
    }
    // each capture predicted from every capture at another -j: the mean relative error of its wall time and
    // of its core-seconds. Both count: the wall time alone moves a few percent between two runs of one build,
    // which a pair of captures turns into a contention far off; the core-seconds say how much the work grew.
    auto errors = [&](double g, std::vector<double>* wallErrors) {
        double cost = 0;
        for (std::size_t to = 0; to < n; ++to) {
            double sum = 0;
            int count = 0;
            for (std::size_t from = 0; from < n; ++from) {
                if (jobs[from] == jobs[to])
                    continue;
                Scenario s;
                s.jobs = jobs[to];
                s.contention = g;
                const Schedule p = simulate(*captures[from], s);
                const double ew = wall[to] > 0 ? (p.wallSeconds - wall[to]) / wall[to] : 0;
                const double ec = cores[to] > 0 ? (p.coreSeconds - cores[to]) / cores[to] : 0;
                cost += ew * ew + ec * ec;
                sum += ew;
                ++count;
            }
            if (wallErrors)
                wallErrors->push_back(count > 0 ? sum / count : 0);
        }
        return cost;
    };
    // a coarse scan, then a finer one around the best: the error is not smooth enough for bisection
    Calibration best;
    double bestCost = std::numeric_limits<double>::infinity();
    auto consider = [&](double g) {
        if (const double cost = errors(g, nullptr); cost < bestCost) {
            bestCost = cost;
            best.contention = g;
        }
    };
    for (int k = 0; k <= 25; ++k)
        consider(0.02 * k);
    const double centre = best.contention;
    for (int k = -10; k <= 10; ++k)
        if (const double g = centre + 0.002 * k; g >= 0)
            consider(g);
    errors(best.contention, &best.errors);
    return best;
}

QStringList describeScenario(const TimingsRun& run, const Scenario& scenario)
{
    QStringList out;
    const int n = static_cast<int>(run.units.size());
    auto label = [&](int u) {
        return u >= 0 && u < n ? run.units[std::size_t(u)].label() : QString();
    };
    if (scenario.jobs > 0)
        out << QStringLiteral("-j%1").arg(scenario.jobs);
    if (scenario.cpus > 0)
        out << QStringLiteral("%1 cores").arg(scenario.cpus);
    if (scenario.contention > 0)
        out << QStringLiteral("contention %1").arg(scenario.contention);
    for (const auto& [u, f] : scenario.speed)
        out << QStringLiteral("%1 x%2").arg(label(u), QString::number(f));
    for (int u : scenario.removed)
        out << QStringLiteral("without %1").arg(label(u));
    for (const auto& [u, share] : scenario.split)
        out << QStringLiteral("%1 split %2/%3")
                   .arg(label(u), QString::number(std::lround(share * 100)),
                        QString::number(100 - std::lround(share * 100)));
    if (scenario.linkFactor != 1)
        out << QStringLiteral("link x%1").arg(scenario.linkFactor);
    if (scenario.codegenFactor != 1)
        out << QStringLiteral("codegen x%1").arg(scenario.codegenFactor);
    return out;
}

QString scheduledLabel(const TimingsRun& run, const Schedule& schedule, int unit)
{
    const int runUnits = static_cast<int>(run.units.size());
    if (unit < 0 || unit >= runUnits + static_cast<int>(schedule.splitFrom.size()))
        return {};
    if (unit < runUnits) {
        const bool split =
            std::find(schedule.splitFrom.begin(), schedule.splitFrom.end(), unit) != schedule.splitFrom.end();
        return run.units[std::size_t(unit)].label() + (split ? QStringLiteral(" [part 1 of 2]") : QString());
    }
    return run.units[std::size_t(schedule.splitFrom[std::size_t(unit - runUnits)])].label() +
           QStringLiteral(" [part 2 of 2]");
}

TimingsRun predictedRun(const TimingsRun& run, const Schedule& schedule)
{
    TimingsRun out = run;
    const int runUnits = static_cast<int>(run.units.size());
    for (int from : schedule.splitFrom)
        out.units.push_back(run.units[std::size_t(from)]);
    const int n = static_cast<int>(out.units.size());
    if (static_cast<int>(schedule.units.size()) != n)
        return out; // not a schedule of this run
    std::vector<int> secondPart(static_cast<std::size_t>(runUnits), -1);
    for (std::size_t k = 0; k < schedule.splitFrom.size(); ++k)
        secondPart[std::size_t(schedule.splitFrom[k])] = runUnits + static_cast<int>(k);
    for (int i = 0; i < n; ++i) {
        Unit& u = out.units[std::size_t(i)];
        const ScheduledUnit& s = schedule.units[std::size_t(i)];
        const double scale = u.duration > 0 ? s.duration / u.duration : 0;
        for (UnitSection& section : u.sections) {
            section.start *= scale;
            section.end *= scale;
        }
        u.start = s.start;
        u.duration = s.duration;
        if (u.rmetaTime)
            u.rmetaTime = s.rmeta;
        u.unblocked.clear();
        u.unblockedRmeta.clear();
        u.running = false;
        if (i >= runUnits)
            u.twinTag = QStringLiteral("[part 2 of 2]");
        else if (secondPart[std::size_t(i)] >= 0)
            u.twinTag = QStringLiteral("[part 1 of 2]");
    }
    // the real dependencies: a second part has its unit's, and what needed a split unit needs both parts
    for (int i = 0; i < runUnits; ++i) {
        std::vector<int>& deps = out.units[std::size_t(i)].dependencies;
        const std::size_t count = deps.size();
        for (std::size_t k = 0; k < count; ++k)
            if (deps[k] >= 0 && deps[k] < runUnits && secondPart[std::size_t(deps[k])] >= 0)
                deps.push_back(secondPart[std::size_t(deps[k])]);
    }
    for (int i = 0; i < n; ++i) {
        const int by = schedule.releasedBy[std::size_t(i)];
        if (by >= 0)
            (schedule.releasedByRmeta[std::size_t(i)] ? out.units[std::size_t(by)].unblockedRmeta
                                                      : out.units[std::size_t(by)].unblocked)
                .push_back(i);
    }
    // what the capture recorded of the real build does not describe the predicted one
    out.concurrency.clear();
    out.cpu.clear();
    out.totalTimeReported = -1;
    out.jobs = schedule.jobs;
    out.warnings.clear();
    return out;
}

} // namespace bl
