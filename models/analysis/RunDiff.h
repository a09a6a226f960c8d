#pragma once

#include "../core/SelfProfile.h"
#include "../core/SizeReport.h"
#include "TimingsAnalysis.h"

#include <memory>
#include <vector>

namespace bl {

// Comparisons of two runs of the same kind: pure functions whose results are immutable, like the runs.
// "a" is the baseline, "b" the run being judged; deltas are b - a.

// ---- timings ----

// A unit present in both runs. Units are matched on (package, version, target, mode, features): a workspace
// may build one crate twice with different features. Units identical even in that are paired in order of
// occurrence. Where one of the two files does not record features, identity without features decides.
struct UnitChange
{
    int a = -1; // position in run A
    int b = -1; // position in run B
    double durationA = 0;
    double durationB = 0;
    double startA = 0;
    double startB = 0;
    bool criticalA = false;
    bool criticalB = false;
    bool freshA = false; // not rebuilt (incremental build)
    bool freshB = false;
    double delta() const { return durationB - durationA; }
    double startDelta() const { return startB - startA; }
};

struct TimingsDiff
{
    std::shared_ptr<const TimingsAnalysis> a;
    std::shared_ptr<const TimingsAnalysis> b;
    std::vector<UnitChange> changed; // every matched unit, largest absolute duration change first
    std::vector<int> added;          // positions in B of units A did not build, longest first
    std::vector<int> removed;        // positions in A of units B did not build, longest first
    std::vector<int> rebuilt;        // positions in B of units A found fresh and B compiled again
    std::vector<int> nowFresh;       // positions in B of units A compiled and B found fresh
    double wallA = 0;
    double wallB = 0;
    double criticalA = 0; // observed critical path length, seconds
    double criticalB = 0;
    std::vector<int> joinedCriticalPath; // positions in B of units on B's critical path but not on A's
    std::vector<int> leftCriticalPath;   // positions in A of units on A's critical path but not on B's
    double totalDelta() const { return wallB - wallA; }
};

TimingsDiff diffTimings(std::shared_ptr<const TimingsAnalysis> a, std::shared_ptr<const TimingsAnalysis> b);

// The key a unit is matched on across runs, features included (sorted).
QString unitMatchKey(const Unit& u);

// ---- several runs of each side ----

// Mean and spread of one unit over repeated builds of each side. A change is marked significant when Welch's
// t-test (unequal variances) gives p < alpha and the means differ by more than minSeconds; with a single run
// on a side there is no spread to judge, so nothing is marked.
struct UnitStats
{
    QString key;   // unitMatchKey
    QString label; // Unit::label of its first occurrence
    int runsA = 0; // runs of side A that built it
    int runsB = 0;
    double meanA = 0;
    double meanB = 0;
    double sdA = 0; // sample standard deviation
    double sdB = 0;
    double pValue = 1;
    bool significant = false;
    double delta() const { return meanB - meanA; }
};

struct TimingsSetDiff
{
    int runsA = 0;
    int runsB = 0;
    double wallMeanA = 0;
    double wallMeanB = 0;
    double wallSdA = 0;
    double wallSdB = 0;
    double wallPValue = 1;
    bool wallSignificant = false;
    double alpha = 0.05;
    std::vector<UnitStats> units; // significant first, then by absolute mean change
};

TimingsSetDiff diffTimingsSets(const std::vector<std::shared_ptr<const TimingsRun>>& a,
                               const std::vector<std::shared_ptr<const TimingsRun>>& b, double alpha = 0.05,
                               double minSeconds = 0.01);

// The wall-time part of diffTimingsSets alone, for runs known by their wall time only (hyperfine's): no
// units.
TimingsSetDiff diffWallTimes(const std::vector<double>& a, const std::vector<double>& b, double alpha = 0.05,
                             double minSeconds = 0.01);

// Two-sided p-value of Welch's t-test for two samples given by mean, sample standard deviation and size.
double welchPValue(double meanA, double sdA, int nA, double meanB, double sdB, int nB);

// ---- self-profile ----

// One query label, like a row of `summarize diff`.
struct QueryChange
{
    QString label;
    QueryStats a; // zero where the label is absent from A
    QueryStats b;
    bool inA = false;
    bool inB = false;
    std::int64_t selfTimeDelta() const { return b.selfTime - a.selfTime; }
    std::int64_t timeDelta() const { return b.time - a.time; }
    std::int64_t invocationsDelta() const
    {
        return std::int64_t(b.invocations) - std::int64_t(a.invocations);
    }
    std::int64_t cacheHitsDelta() const { return std::int64_t(b.cacheHits) - std::int64_t(a.cacheHits); }
};

struct ProfileDiff
{
    std::shared_ptr<const SelfProfile> a;
    std::shared_ptr<const SelfProfile> b;
    std::vector<QueryChange> queries; // largest absolute self-time change first
    std::int64_t totalA = 0;          // ns
    std::int64_t totalB = 0;
    std::int64_t totalDelta() const { return totalB - totalA; }
};

ProfileDiff diffProfiles(std::shared_ptr<const SelfProfile> a, std::shared_ptr<const SelfProfile> b);

// ---- binary size / llvm-lines ----

// A function matched on (crate, demangled path): BuildLens's names carry no hash and keep their generic
// parameters, so an instantiation that appears or disappears shows as added or removed. Functions that share
// a name within a crate are summed (`copies` counts them).
struct FunctionChange
{
    QString crate;
    QString name;
    std::uint64_t sizeA = 0; // bytes, or LLVM IR lines for llvm-lines
    std::uint64_t sizeB = 0;
    std::uint64_t copiesA = 0;
    std::uint64_t copiesB = 0;
    // The crate A gave this function when B gives it another (`crate`): the same function, attributed
    // elsewhere (a generic instantiated from another crate, another rlib exporting it), not gone plus new.
    QString movedFrom;
    // Copies of one function spread over other crates in B than in A while its total stayed the same: the
    // crates this row's bytes went to (it lost them) or came from (it gained them: movedFrom).
    QString movedTo;
    bool moved() const { return !movedFrom.isEmpty() || !movedTo.isEmpty(); }
    bool added() const { return copiesA == 0 && copiesB > 0; }
    bool removed() const { return copiesB == 0 && copiesA > 0; }
    std::int64_t delta() const { return std::int64_t(sizeB) - std::int64_t(sizeA); }
};

struct CrateChange
{
    QString name;
    std::uint64_t sizeA = 0;
    std::uint64_t sizeB = 0;
    std::uint64_t symbolsA = 0;
    std::uint64_t symbolsB = 0;
    std::uint64_t movedIn = 0;  // B's bytes of functions that A gave another crate
    std::uint64_t movedOut = 0; // A's bytes of functions that B gives another crate
    std::int64_t delta() const { return std::int64_t(sizeB) - std::int64_t(sizeA); }
    // The part of the change that is functions moving between crates, not code growing or shrinking.
    std::int64_t movedDelta() const { return std::int64_t(movedIn) - std::int64_t(movedOut); }
};

struct SizeDiff
{
    std::shared_ptr<const SizeReport> a;
    std::shared_ptr<const SizeReport> b;
    bool lines = false;       // llvm-lines: sizes are IR lines
    std::uint64_t totalA = 0; // .text bytes (llvm-lines: total lines)
    std::uint64_t totalB = 0;
    std::uint64_t fileSizeA = 0; // the whole file, where the input records it (0: not recorded)
    std::uint64_t fileSizeB = 0;
    std::size_t moved = 0;                 // functions that changed crate
    std::vector<CrateChange> crates;       // largest absolute change first
    std::vector<FunctionChange> functions; // largest absolute change first; unchanged ones left out
    std::int64_t totalDelta() const { return std::int64_t(totalB) - std::int64_t(totalA); }
    std::int64_t fileSizeDelta() const { return std::int64_t(fileSizeB) - std::int64_t(fileSizeA); }
};

SizeDiff diffSizes(std::shared_ptr<const SizeReport> a, std::shared_ptr<const SizeReport> b);

} // namespace bl
