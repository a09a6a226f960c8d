#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace bl {

// Per query label, what measureme's `summarize` reports (all times in nanoseconds).
struct QueryStats
{
    QString label;
    std::int64_t selfTime = 0;
    std::int64_t time = 0;
    std::uint64_t invocations = 0;
    std::uint64_t cacheHits = 0;
    std::uint64_t cacheMisses = 0;
    std::int64_t blockedTime = 0;
    std::int64_t incrementalLoadTime = 0;
    std::int64_t incrementalHashingTime = 0;
};

struct ArtifactSize
{
    QString label;
    std::uint64_t value = 0;
};

// The same numbers as `summarize summarize --json`, computed the way analyzeme computes them.
struct ProfileSummary
{
    std::vector<QueryStats> queries;         // sorted by self time, largest first
    std::vector<ArtifactSize> artifactSizes; // sorted by label
    std::int64_t totalTime = 0;              // sum over threads of (last end - first start)
};

// Interval events of one profile as parallel arrays, one entry per event, grouped by thread and ordered by
// start within a thread (parents before their children). Strings are indices into SelfProfile::strings.
struct ProfileIntervals
{
    std::vector<std::uint64_t> start; // ns since the profiler started
    std::vector<std::uint64_t> end;
    std::vector<std::uint32_t> label;  // index into strings
    std::vector<std::uint32_t> args;   // index into strings, 0 = none
    std::vector<std::uint16_t> thread; // index into SelfProfile::threadIds
    std::vector<std::uint8_t> kind;    // index into SelfProfile::kinds
    std::vector<std::uint16_t> depth;  // nesting depth within its thread, 0 = top level
    // [threadBegin[t], threadBegin[t + 1]) are the events of thread t
    std::vector<std::uint32_t> threadBegin;

    std::size_t size() const { return start.size(); }
};

// One rustc -Zself-profile profile (or what a summarize JSON / Chrome trace holds of one). Immutable once
// imported; shared as std::shared_ptr<const SelfProfile>.
struct SelfProfile
{
    QString file;
    QString source;        // "mm_profdata", "summarize-json", "chrome-trace"
    int formatVersion = 0; // measureme file format (8 or 9); 0 for other sources
    QString crate;         // from the command line in the metadata (--crate-name)
    std::uint32_t pid = 0;
    std::uint64_t startTimeNs = 0; // ns since the Unix epoch
    QString cmd;
    QString counter;              // "wall-time", "instructions:u", ...
    std::uint64_t eventCount = 0; // events in the file (Chrome trace: trace events)
    std::uint64_t intervalEvents = 0;
    std::uint64_t integerEvents = 0;
    std::uint64_t instantEvents = 0;
    std::vector<std::uint32_t> threadIds; // distinct thread ids, ascending
    ProfileSummary summary;

    QStringList strings;        // labels and arguments; [0] is the empty string
    QStringList kinds;          // event kinds ("Query", "GenericActivity", ...)
    ProfileIntervals intervals; // empty when imported without detail or from a summarize JSON
    QStringList warnings;
};

// Profiles of one build directory (`-Zself-profile=DIR`): one per rustc invocation, ordered by crate then
// pid.
struct SelfProfileSet
{
    QString directory;
    std::vector<std::shared_ptr<const SelfProfile>> profiles;
    QStringList warnings; // files of the directory that could not be read, with the reason
};

} // namespace bl
