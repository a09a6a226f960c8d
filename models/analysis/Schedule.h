#pragma once

#include "../core/TimingsRun.h"

#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace bl {

// A what-if: what to change before the build is scheduled again.
struct Scenario
{
    int jobs = 0;                // job slots; 0: as the capture ran (its -j, else its concurrency)
    std::map<int, double> speed; // unit position -> factor on its duration (0.5: twice as fast)
    std::vector<int> removed;    // units taken out (a feature disabled): they take no time
    double linkFactor = 1;       // on the link section (nightly -Zsection-timings) of every unit
    double codegenFactor = 1;    // on the codegen section of every unit (after its metadata)
};

struct ScheduledUnit
{
    double start = 0;
    double duration = 0;
    double rmeta = 0; // when its metadata is ready, seconds after its start
    double end() const { return start + duration; }
};

struct Schedule
{
    std::vector<ScheduledUnit> units; // per unit of the run (fresh ones: zero at their observed start)
    double wallSeconds = 0;
    std::vector<int> criticalPath; // the chain of releases that ends last, first unit first
    double criticalSeconds = 0;
    int jobs = 0;
    double startLatency = 0;          // seconds from ready to started, the capture's median
    bool usesDependencyGraph = false; // real dependencies (build-analysis) rather than release edges
};

// cargo's scheduler, replayed: job slots, a unit ready once every dependency is done (a library's dependents
// that only need its metadata once that is ready: pipelining), and among ready units the one with the most
// units depending on it, directly or not, first. That is cargo's DependencyQueue rule (fixed cost per unit,
// priority = cost of the unit and of everything that depends on it), as in cargo 1.95's
// src/util/dependency_queue.rs and compiler/job_queue. Durations are the capture's. The time before the first
// unit started is kept as it was observed; time between units is not modelled.
Schedule simulate(const TimingsRun& run, const Scenario& scenario = {});

// A unit by its label, name, "name@version" or "name kind" (`--speed syn=0.5`); -1 when none matches, -2 when
// several do.
int findUnit(const TimingsRun& run, const QString& text);

} // namespace bl
