#pragma once

#include "../core/SelfProfile.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace bl {

// The event kinds rustc writes that change how an event is counted (measureme's rustc.rs names).
enum class ProfileEventKind : std::uint8_t {
    Query,
    GenericActivity,
    IncrementalLoadResult,
    IncrementalResultHashing,
    QueryBlocked,
    QueryCacheHit,
    QueryCacheHitCount,
    ArtifactSize,
    Other, // other producers' kinds: counted like a generic activity without cache misses
};
ProfileEventKind profileEventKindFromName(const char* name, std::size_t length);

// Computes measureme `summarize`'s numbers in one pass over the events, fed in REVERSE file order (parents
// before their children, since intervals are written when they end). Labels are indices the caller interns.
class QueryAggregator
{
public:
    struct Interval
    {
        std::uint64_t start;
        std::uint64_t end;
        std::uint32_t label;
        ProfileEventKind kind;
    };

    // Returns the nesting depth of the interval within its thread (0 = top level).
    int addInterval(std::uint32_t thread, const Interval& event);
    void addInteger(ProfileEventKind kind, std::uint32_t label, std::uint64_t value);
    void addInstant(ProfileEventKind kind, std::uint32_t label);

    // `labels[i]` is the text of label index i.
    ProfileSummary finish(const std::vector<std::string>& labels) const;

private:
    struct Stats
    {
        std::int64_t selfTime = 0;
        std::int64_t time = 0;
        std::uint64_t invocations = 0;
        std::uint64_t cacheHits = 0;
        std::uint64_t cacheMisses = 0;
        std::int64_t blockedTime = 0;
        std::int64_t incrementalLoadTime = 0;
        std::int64_t incrementalHashingTime = 0;
        bool present = false;
        bool cacheHitCountSeen = false;
    };
    struct Thread
    {
        std::vector<Interval> stack;
        std::uint64_t first = 0;
        std::uint64_t last = 0;
        bool seen = false;
    };
    Stats& stats(std::uint32_t label);
    Thread& thread(std::uint32_t id);

    std::vector<Stats> m_stats;
    std::unordered_map<std::uint32_t, Thread> m_threads;
    std::uint32_t m_lastThreadId = ~0u;
    Thread* m_lastThread = nullptr;
    std::unordered_map<std::uint32_t, std::uint64_t> m_artifacts;
};

} // namespace bl
