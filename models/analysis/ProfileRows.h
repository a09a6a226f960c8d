#pragma once

#include "../core/SelfProfile.h"
#include "ProfileTree.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace bl {

// A profile's interval events arranged for a flame chart: one lane per thread, one row per nesting depth.
// Computed once per profile (off the GUI thread for a big one) and shared by the views that draw it.
struct ProfileRows
{
    // Per thread, then depth: the events of that row in start order (events of one depth do not overlap, so
    // their ends are ordered too). Row r of thread t is laneFirstRow[t] + depth.
    std::vector<std::uint32_t> rowEvents;
    std::vector<std::size_t> rowBegin{0}; // rows + 1 entries into rowEvents
    std::vector<int> laneFirstRow{0};     // threads + 1 entries
    double rangeStart = 0;                // ns: first start
    double rangeEnd = 1;                  // ns: last end
};

// Uses the recorded depth, or for hand-made profiles without one, the depth the times give.
ProfileRows buildProfileRows(const SelfProfile& profile);

// What the views of a profile draw, computed before they show it: the flame graph's tree and the flame
// chart's rows. A missing one is computed by the view.
struct ProfileLayouts
{
    std::shared_ptr<const ProfileTree> tree;
    std::shared_ptr<const ProfileRows> rows;
};

// Both, for a profile with events (empty for one without).
ProfileLayouts layOutProfile(const SelfProfile& profile);

} // namespace bl
