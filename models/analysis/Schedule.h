#pragma once

#include "../core/TimingsRun.h"

#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

namespace bl {

// A what-if: what to change before the build is scheduled again.
struct Scenario
{
    int jobs = 0; // job slots; 0: as the capture ran (its -j, else its concurrency)
    int cpus = 0; // cores of the machine; 0: the capture's (where it says, else no sharing)
    // What a unit running beside others costs in extra work: G more with one neighbour, 2G with three, G
    // times the log2 of the units running; the machine's, found by calibrateContention() from captures at
    // several -j.
    double contention = 0;
    std::map<int, double> speed; // unit position -> factor on its duration (0.5: twice as fast)
    std::vector<int> removed;    // units taken out (a feature disabled): they take no time
    double linkFactor = 1;       // on the link section (nightly -Zsection-timings) of every unit
    double codegenFactor = 1;    // on the codegen section of every unit (after its metadata)
    // units split in two: unit position -> the share of its time the first part keeps (0.5: halves). Both
    // parts depend on what the unit depended on and run side by side; what depended on it needs both.
    std::map<int, double> split;

    bool empty() const
    {
        return jobs <= 0 && cpus <= 0 && contention == 0 && speed.empty() && removed.empty() &&
               linkFactor == 1 && codegenFactor == 1 && split.empty();
    }
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
    // per unit of the run (fresh ones: zero at their observed start), then the second part of each split unit
    std::vector<ScheduledUnit> units;
    std::vector<int> splitFrom; // per unit past the run's own: the run's unit it is the second part of
    double wallSeconds = 0;
    std::vector<int> criticalPath; // the chain of releases that ends last, first unit first
    std::vector<int> releasedBy;   // per unit: the dependency whose end (or metadata) made it ready, -1 none
    std::vector<char> releasedByRmeta; // ... and whether that was its metadata
    double criticalSeconds = 0;
    int jobs = 0;
    double startLatency = 0;          // seconds from ready to started, the capture's median
    bool usesDependencyGraph = false; // real dependencies (build-analysis) rather than release edges
    bool releaseEdges = false;        // without the graph: whether the capture recorded who released whom
    // Units share the machine's cores: each unit's work (its duration times the cores it had in the capture)
    // runs at the cores it gets, the busy cores shared evenly, none faster than it ran alone. False where the
    // capture does not say how many cores it had: then every unit takes its observed time.
    bool sharesCores = false;
    int cpus = 0;
    bool cpuMeasured = false; // the cores each unit had come from the capture's CPU samples, not the model
    double contention = 0;    // as the scenario gave it
    // the core-seconds the units took: their work with what contention added (0 without core sharing)
    double coreSeconds = 0;
};

// cargo's scheduler, replayed: job slots, a unit ready once every dependency is done (a library's dependents
// that only need its metadata once that is ready: pipelining), and among ready units the one with the most
// units depending on it, directly or not, first. That is cargo's DependencyQueue rule (fixed cost per unit,
// priority = cost of the unit and of everything that depends on it), as in cargo 1.95's
// src/util/dependency_queue.rs and compiler/job_queue; without the graph (HTML reports) the order the capture
// started its units stands in for that priority. Durations are the capture's. The time before the first
// unit started is kept as it was observed; time between units is not modelled.
Schedule simulate(const TimingsRun& run, const Scenario& scenario = {});

// The contention (Scenario::contention) with which captures of the same build at different -j predict each
// other best, wall time and core-seconds, and the mean relative error of each capture's wall time predicted
// from the captures at another -j (errors[i] for captures[i]).
struct Calibration
{
    double contention = 0;
    std::vector<double> errors;
};
Calibration calibrateContention(const std::vector<const TimingsRun*>& captures);

// The run as the schedule predicts it: every unit at its predicted start with its predicted duration (its
// sections and metadata point scaled to it), a split unit as two ("[part 1 of 2]", "[part 2 of 2]"), who
// released whom as the schedule released them. What the window draws as the predicted timeline.
TimingsRun predictedRun(const TimingsRun& run, const Schedule& schedule);
// What a scenario changes, one phrase each ("-j4", "regex v1.7.1 x0.5", "without syn v1.0.107", "regex
// v1.7.1 split 50/50", "link x0.5"), in that order.
QStringList describeScenario(const TimingsRun& run, const Scenario& scenario);
// The label of a scheduled unit, the second parts of split units included.
QString scheduledLabel(const TimingsRun& run, const Schedule& schedule, int unit);

// The job slots the capture ran with: its -j, else the most units it ran at once.
int capturedJobs(const TimingsRun& run);

// A unit by its label, name, "name@version" or "name kind" (`--speed syn=0.5`); -1 when none matches, -2 when
// several do.
int findUnit(const TimingsRun& run, const QString& text);

} // namespace bl
