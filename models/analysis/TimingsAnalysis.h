#pragma once

#include "../core/TimingsRun.h"

#include <memory>
#include <utility>
#include <vector>

namespace bl {

struct CriticalPath
{
    bool available = false; // false where the file records no "who unblocked whom" (timing-info lines)
    std::vector<int> units; // positions in TimingsRun::units, first unit first
    // Length of the chain: for each unit the time from its start to the moment it released the next one
    // (its rmeta point or its end), plus the whole of the last unit. Waiting for a job slot is not counted.
    double seconds = 0;
    double spanSeconds = 0; // end of the last unit minus start of the first
};

struct DagAnalysis
{
    std::vector<double> earliestStart; // per unit, with unlimited job slots
    std::vector<double> slack;         // per unit: how much longer it could take before the build gets longer
    std::vector<int> longestChain;     // positions, first unit first
    double longestPathSeconds = 0;     // the build's length with unlimited job slots
    bool usesDependencyGraph = false;  // real dependencies (build-analysis) rather than scheduling edges only
};

struct KindShare
{
    UnitKind kind;
    int units = 0;
    double seconds = 0;
};

struct TimingsSummary
{
    double wallSeconds = 0; // largest start + duration
    int unitCount = 0;
    int freshUnits = 0;
    int builtUnits = 0;
    double sumUnitSeconds = 0;     // CPU-side work: sum of unit durations
    double parallelism = 0;        // sum of unit durations / wall time
    int maxConcurrency = 0;        // most units active at once
    double buildScriptSeconds = 0; // compiling and running build scripts
    double procMacroSeconds = 0;
    double frontendSeconds = 0; // where sections are recorded
    double codegenSeconds = 0;
    std::vector<int> slowest; // positions, longest first (at most 10)
    std::vector<KindShare> byKind;
    // Job slots: how long every slot was busy while units were ready and waiting for one (with the job count
    // unknown: how long any unit waited). Most of the wall time so means the slots, not the dependency chain,
    // set the build's length: more jobs (or less work) would make it shorter, a faster chain would not.
    double slotsFullSeconds = 0;
    double slotsFullShare = 0; // of the wall time
    bool jobLimited = false;
    // Time when no unit was compiling or running: before the first unit starts (resolving the dependency
    // graph, fingerprinting, waiting for the build directory's lock) and in gaps between units.
    double beforeFirstUnitSeconds = 0;
    double gapSeconds = 0;
    double outsideUnitsSeconds() const { return beforeFirstUnitSeconds + gapSeconds; }
    // where that time is: [start, end) spans in seconds, the one before the first unit first
    std::vector<std::pair<double, double>> outsideSpans;
};

// The share of the wall time with every slot busy and units waiting at which a build counts as job-limited.
inline constexpr double kJobLimitedShare = 0.5;

// Everything the views and the command line derive from one run, computed once and shared read-only.
struct TimingsAnalysis
{
    std::shared_ptr<const TimingsRun> run;
    CriticalPath critical;
    DagAnalysis dag;
    std::vector<char> onCriticalPath;           // per unit
    std::vector<ConcurrencySample> concurrency; // recorded, or derived from unit times
    bool concurrencyDerived = false;
    TimingsSummary summary;
    // The units as cargo's chart lists them: those built in order of start, then the fresh ones; ties in
    // file order. Sorted here, off the GUI thread, for every timeline that shows the run.
    std::vector<int> byStart;
};

// When the first unit that was built started (0 when none was).
double buildOrigin(const TimingsRun& run);
// Whether a dependency edge of the real graph lets `to` start at `from`'s metadata (pipelining) rather than
// its end: as the file says where it recorded the release, else cargo's rule.
bool releasedByMetadata(const Unit& from, int toPosition, const Unit& to);
CriticalPath observedCriticalPath(const TimingsRun& run);
DagAnalysis analyseDag(const TimingsRun& run);
std::vector<ConcurrencySample> deriveConcurrency(const TimingsRun& run);
TimingsSummary summarise(const TimingsRun& run, const std::vector<ConcurrencySample>& concurrency);

std::shared_ptr<const TimingsAnalysis> analyse(std::shared_ptr<const TimingsRun> run);

// Rounds a derived time to whole nanoseconds so that sums of cargo's 0.01 s values print as they should.
double roundNs(double seconds);

} // namespace bl
