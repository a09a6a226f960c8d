#pragma once

#include "../core/DepGraph.h"
#include "TimingsAnalysis.h"

#include <vector>

namespace bl {

// A build's timings painted onto a dependency graph, per node.
struct GraphTimings
{
    std::vector<double> seconds; // compile time; 0 where the run built nothing of the node
    std::vector<double> slack;   // seconds; negative where the run built nothing of the node
    std::vector<char> critical;  // non-zero for nodes with a unit on the critical path
    std::vector<int> units;      // built units of the run each node stands for
    int matchedUnits = 0;        // built units that found their node
    int unmatchedUnits = 0;      // built units of packages the graph does not have (another workspace?)

    bool hasSlack(int node) const
    {
        return node >= 0 && std::size_t(node) < slack.size() && slack[std::size_t(node)] >= 0;
    }
};

// The unit-level graph of a build, for runs without cargo metadata: node i is unit i of the run (name,
// version and DepPackage::unit set). Edges point from a unit to what it waited for: the real dependencies
// where the file records them (build-analysis), otherwise who released whom (`unblocked_units` and
// `unblocked_rmeta_units` of an HTML report, cargo's scheduling edges). Edges into or out of build scripts
// are build edges, every other one a normal edge. Timing-info lines record no edges: the graph has none.
// There are no workspace members: a run does not tell path packages apart.
DepGraph unitGraph(const TimingsRun& run);

// The run's own figures on its unit graph: each unit's duration, slack and whether it is on the critical
// path (criticalUnits()).
GraphTimings unitGraphTimings(const TimingsAnalysis& analysis);

// Joins a package graph (cargo metadata) with a run of the same workspace, by package name and version. A
// package's compile time is the sum of the durations of all its built units, whatever they build (library,
// build script compile and run, binaries, tests): the time the build spent on that package, which is what
// changing or dropping the package saves. Its slack is the smallest slack of those units (the package can
// slip no more than its most urgent unit), and it is critical when any of them is. Fresh (not rebuilt) units
// count for nothing.
GraphTimings joinTimings(const DepGraph& graph, const TimingsAnalysis& analysis);

// The dependencies of a run's units as cargo derives them from the package graph (cargo metadata of the same
// workspace), for a file that records only who released whom (an HTML report): a library, binary or test
// needs the libraries of its package's normal dependencies (tests, benches and examples also the
// dev-dependencies) and its package's build script run; a binary, test, bench or example its own package's
// library; a build script's compilation the libraries of the build-dependencies; its run the compilation. An
// edge the capture contradicts (the dependency ended after the dependent started) is left out, so a graph
// of another version of the workspace cannot tie the run in knots. A run that records its dependencies
// (build-analysis) comes back as it was.
struct PackageDependencies
{
    TimingsRun run;         // with Unit::dependencies filled
    int matchedUnits = 0;   // built units whose package the graph has
    int unmatchedUnits = 0; // ... and whose it does not: they keep their release edges as dependencies
    int contradicted = 0;   // edges left out because the capture contradicts them
};
PackageDependencies withPackageDependencies(const TimingsRun& run, const DepGraph& graph);

// Per unit of the run: on the observed critical path, or, where the file records no "who released whom"
// (timing-info lines), on the longest path through the dependencies.
std::vector<char> criticalUnits(const TimingsAnalysis& analysis);

} // namespace bl
