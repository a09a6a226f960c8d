#include "QueryAggregator.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace bl {

namespace {

// Sums of durations saturate rather than wrap: a hostile file can hold events of years each.
inline void addSaturated(std::int64_t& sum, std::int64_t d)
{
    if (__builtin_add_overflow(sum, d, &sum))
        sum = d > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
}

// A span of unsigned nanoseconds as a signed duration, the largest one past 63 bits.
inline std::int64_t spanOf(std::uint64_t from, std::uint64_t to)
{
    return static_cast<std::int64_t>(
        std::min<std::uint64_t>(to - from, std::numeric_limits<std::int64_t>::max()));
}

} // namespace

ProfileEventKind profileEventKindFromName(const char* name, std::size_t n)
{
    auto is = [&](const char* s) {
        return std::strlen(s) == n && std::memcmp(s, name, n) == 0;
    };
    if (is("Query"))
        return ProfileEventKind::Query;
    if (is("GenericActivity"))
        return ProfileEventKind::GenericActivity;
    if (is("IncrementalLoadResult"))
        return ProfileEventKind::IncrementalLoadResult;
    if (is("IncrementalResultHashing"))
        return ProfileEventKind::IncrementalResultHashing;
    if (is("QueryBlocked"))
        return ProfileEventKind::QueryBlocked;
    if (is("QueryCacheHit"))
        return ProfileEventKind::QueryCacheHit;
    if (is("QueryCacheHitCount"))
        return ProfileEventKind::QueryCacheHitCount;
    if (is("ArtifactSize"))
        return ProfileEventKind::ArtifactSize;
    return ProfileEventKind::Other;
}

QueryAggregator::Stats& QueryAggregator::stats(std::uint32_t label)
{
    if (label >= m_stats.size())
        m_stats.resize(std::max<std::size_t>(label + 1, m_stats.size() * 2));
    Stats& s = m_stats[label];
    s.present = true;
    return s;
}

QueryAggregator::Thread& QueryAggregator::thread(std::uint32_t id)
{
    if (id != m_lastThreadId || !m_lastThread) {
        m_lastThread = &m_threads[id]; // node-based map: the pointer stays valid
        m_lastThreadId = id;
    }
    return *m_lastThread;
}

int QueryAggregator::addInterval(std::uint32_t threadId, const Interval& e)
{
    Thread& t = thread(threadId);
    if (!t.seen) {
        t.seen = true;
        t.first = e.start;
        t.last = e.end;
    }
    // Drop everything that does not contain this event; what remains on top is its parent.
    while (!t.stack.empty() && !(t.stack.back().start <= e.start && e.end <= t.stack.back().end))
        t.stack.pop_back();
    const std::int64_t d = spanOf(e.start, e.end);
    if (!t.stack.empty()) {
        const Interval& parent = t.stack.back();
        Stats& p = stats(parent.label);
        addSaturated(p.selfTime, -d);
        if (parent.kind == ProfileEventKind::IncrementalResultHashing)
            addSaturated(p.incrementalHashingTime, -d);
        else if (parent.kind == ProfileEventKind::IncrementalLoadResult)
            addSaturated(p.incrementalLoadTime, -d);
    }
    Stats& s = stats(e.label);
    switch (e.kind) {
    case ProfileEventKind::Query:
    case ProfileEventKind::GenericActivity:
        addSaturated(s.selfTime, d);
        addSaturated(s.time, d);
        ++s.cacheMisses;
        ++s.invocations;
        break;
    case ProfileEventKind::QueryBlocked: // a cache hit that had to wait: no invocation
        addSaturated(s.selfTime, d);
        addSaturated(s.time, d);
        addSaturated(s.blockedTime, d);
        break;
    case ProfileEventKind::IncrementalLoadResult:
        addSaturated(s.selfTime, d);
        addSaturated(s.time, d);
        addSaturated(s.incrementalLoadTime, d);
        break;
    case ProfileEventKind::IncrementalResultHashing: // inside its query, whose time already counts it
        addSaturated(s.selfTime, d);
        addSaturated(s.incrementalHashingTime, d);
        break;
    default:
        addSaturated(s.selfTime, d);
        addSaturated(s.time, d);
        ++s.invocations;
        break;
    }
    t.first = std::min(t.first, e.start);
    t.last = std::max(t.last, e.end);
    const int depth = static_cast<int>(t.stack.size());
    t.stack.push_back(e);
    return depth;
}

void QueryAggregator::addInteger(ProfileEventKind kind, std::uint32_t label, std::uint64_t value)
{
    if (kind == ProfileEventKind::ArtifactSize) {
        m_artifacts[label] += value;
    } else if (kind == ProfileEventKind::QueryCacheHitCount) {
        Stats& s = stats(label);
        s.cacheHits += value;
        s.cacheHitCountSeen = true;
    }
}

void QueryAggregator::addInstant(ProfileEventKind kind, std::uint32_t label)
{
    if (kind != ProfileEventKind::QueryCacheHit)
        return;
    Stats& s = stats(label);
    // newer rustc aggregates hits into QueryCacheHitCount; never count them twice
    if (!s.cacheHitCountSeen)
        ++s.cacheHits;
}

ProfileSummary QueryAggregator::finish(const std::vector<std::string>& labels) const
{
    ProfileSummary out;
    for (std::uint32_t i = 0; i < m_stats.size(); ++i) {
        const Stats& s = m_stats[i];
        if (!s.present)
            continue;
        QueryStats q;
        q.label = i < labels.size() ? QString::fromStdString(labels[i]) : QString();
        q.selfTime = s.selfTime;
        q.time = s.time;
        q.invocations = s.invocations;
        q.cacheHits = s.cacheHits;
        q.cacheMisses = s.cacheMisses;
        q.blockedTime = s.blockedTime;
        q.incrementalLoadTime = s.incrementalLoadTime;
        q.incrementalHashingTime = s.incrementalHashingTime;
        out.queries.push_back(std::move(q));
    }
    std::sort(out.queries.begin(), out.queries.end(), [](const QueryStats& a, const QueryStats& b) {
        return a.selfTime != b.selfTime ? a.selfTime > b.selfTime : a.label < b.label;
    });
    for (const auto& [label, value] : m_artifacts)
        out.artifactSizes.push_back(
            {label < labels.size() ? QString::fromStdString(labels[label]) : QString(), value});
    std::sort(out.artifactSizes.begin(), out.artifactSizes.end(),
              [](const ArtifactSize& a, const ArtifactSize& b) { return a.label < b.label; });
    for (const auto& [id, t] : m_threads)
        addSaturated(out.totalTime, spanOf(t.first, t.last));
    return out;
}

} // namespace bl
