#pragma once

#include "../core/TimingsRun.h"

#include <memory>
#include <utility>
#include <vector>

namespace bl {

// One root cause and what it set off: the units rebuilt because of it, depth-first.
struct RebuildCascade
{
    int root = -1;                            // position in the run
    std::vector<std::pair<int, int>> dirtied; // (unit, the rebuilt dependency it waited for), depth-first
    double seconds = 0;                       // the root's and the dirtied units' compile times
    // how much of the build's critical path its units make up (each unit's start to the moment it released
    // the next unit of the path); -1 where the run has no times or no critical path
    double criticalSeconds = -1;
    int criticalUnits = 0;
};

// Why a build rebuilt what it did (`buildlens why`, the Rebuilds view): every rebuilt unit belongs to the
// cascade of one root, a unit rebuilt for a reason of its own (a file, a flag, new) rather than because a
// dependency was.
struct RebuildAnalysis
{
    std::shared_ptr<const TimingsRun> run;
    int rebuilt = 0;
    int fresh = 0;
    std::vector<RebuildCascade> roots; // longest cascade first
    std::vector<int> rootOf;           // per unit: its cascade (index into roots), -1 when fresh
    double seconds = 0;                // all rebuilt units' compile times
    double criticalPathSeconds = -1;   // the build's critical path, -1 where it has none
};

RebuildAnalysis analyseRebuilds(std::shared_ptr<const TimingsRun> run);

// "1 file change in ts-core rebuilt 2 units: 1.9 s of 2.1 s"
QString rebuildHeadline(const RebuildAnalysis& analysis);

} // namespace bl
