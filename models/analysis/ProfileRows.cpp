#include "ProfileRows.h"

#include <algorithm>

namespace bl {

ProfileRows buildProfileRows(const SelfProfile& profile)
{
    ProfileRows rows;
    const ProfileIntervals& iv = profile.intervals;
    const std::size_t n = std::min({iv.start.size(), iv.end.size(), iv.label.size()});
    std::size_t threads = profile.threadIds.size();
    if (threads == 0 && n > 0)
        threads = iv.threadBegin.size() > 1 ? iv.threadBegin.size() - 1 : 1;
    auto range = [&](std::size_t t) -> std::pair<std::size_t, std::size_t> {
        if (iv.threadBegin.empty())
            return {0, t == 0 ? n : 0};
        if (t >= iv.threadBegin.size())
            return {n, n};
        const std::size_t first = std::min<std::size_t>(iv.threadBegin[t], n);
        const std::size_t last =
            t + 1 < iv.threadBegin.size() ? std::min<std::size_t>(iv.threadBegin[t + 1], n) : n;
        return {first, std::max(first, last)};
    };
    // Depth as recorded, or (hand-made profiles) from the times: inside every open event not yet ended.
    std::vector<std::uint16_t> derived;
    const bool haveDepth = iv.depth.size() >= n;
    if (!haveDepth) {
        derived.resize(n);
        for (std::size_t t = 0; t < threads; ++t) {
            std::vector<std::uint64_t> openEnd;
            const auto [first, last] = range(t);
            for (std::size_t i = first; i < last; ++i) {
                while (!openEnd.empty() && openEnd.back() <= iv.start[i])
                    openEnd.pop_back();
                derived[i] = static_cast<std::uint16_t>(std::min<std::size_t>(openEnd.size(), 0xffff));
                openEnd.push_back(iv.end[i]);
            }
        }
    }
    const std::uint16_t* depth = haveDepth ? iv.depth.data() : derived.data();
    // counting sort into (thread, depth) rows: start order within a thread is kept
    std::vector<std::size_t> counts;
    for (std::size_t t = 0; t < threads; ++t) {
        const auto [first, last] = range(t);
        int depths = 1;
        for (std::size_t i = first; i < last; ++i)
            depths = std::max(depths, depth[i] + 1);
        rows.laneFirstRow.push_back(rows.laneFirstRow.back() + depths);
        counts.resize(rows.laneFirstRow.back(), 0);
        for (std::size_t i = first; i < last; ++i)
            ++counts[rows.laneFirstRow[t] + depth[i]];
    }
    rows.rowBegin.resize(counts.size() + 1);
    for (std::size_t r = 0; r < counts.size(); ++r)
        rows.rowBegin[r + 1] = rows.rowBegin[r] + counts[r];
    rows.rowEvents.resize(rows.rowBegin.back());
    std::vector<std::size_t> fill(rows.rowBegin.begin(), rows.rowBegin.end() - 1);
    bool any = false;
    double lo = 0;
    double hi = 0;
    for (std::size_t t = 0; t < threads; ++t) {
        const auto [first, last] = range(t);
        for (std::size_t i = first; i < last; ++i)
            rows.rowEvents[fill[rows.laneFirstRow[t] + depth[i]]++] = static_cast<std::uint32_t>(i);
        if (first == last)
            continue;
        // the first event of a thread starts first; any event may end last
        const double s = static_cast<double>(iv.start[first]);
        double e = s;
        for (std::size_t i = first; i < last; ++i)
            e = std::max(e, static_cast<double>(iv.end[i]));
        lo = any ? std::min(lo, s) : s;
        hi = any ? std::max(hi, e) : e;
        any = true;
    }
    if (any) {
        rows.rangeStart = lo;
        rows.rangeEnd = std::max(hi, lo + 1);
    }
    return rows;
}

ProfileLayouts layOutProfile(const SelfProfile& profile)
{
    if (profile.intervals.size() == 0)
        return {};
    return {std::make_shared<const ProfileTree>(buildProfileTree(profile)),
            std::make_shared<const ProfileRows>(buildProfileRows(profile))};
}

} // namespace bl
