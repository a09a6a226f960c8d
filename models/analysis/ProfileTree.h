#pragma once

#include "../core/SelfProfile.h"

#include <cstdint>
#include <vector>

namespace bl {

// The merged call tree of a profile's interval events, the data behind a flame graph: one node per distinct
// label path from the root (the same label under the same parent merges, wherever and whenever it ran), so a
// query called 10,000 times from the same place is one node with count 10,000.
//
// Flat arrays, one entry per node, in depth-first pre-order with children ordered by inclusive time, largest
// first: node 0 is the synthetic root, a node's first child (if any) is the next node, and its subtree is the
// range [node, subtreeEnd[node]). Labels are indices into SelfProfile::strings; the root's is 0 (empty).
struct ProfileTree
{
    static constexpr std::int32_t kNone = -1;
    static constexpr std::int32_t kRoot = 0;

    std::vector<std::int32_t> parent;      // kNone for the root
    std::vector<std::int32_t> firstChild;  // kNone for a leaf
    std::vector<std::int32_t> nextSibling; // kNone for the last child
    std::vector<std::int32_t> subtreeEnd;  // one past the node's last descendant
    std::vector<std::uint32_t> label;      // index into SelfProfile::strings
    std::vector<std::uint16_t> depth;      // root 0, top-level events 1
    std::vector<std::uint64_t> inclusive;  // ns: sum of the durations of the merged events
    std::vector<std::uint64_t> self;       // ns: inclusive minus the children's inclusive
    std::vector<std::uint64_t> count;      // merged events (root: top-level events)

    int thread = -1;  // index into SelfProfile::threadIds, -1 = all threads merged
    int maxDepth = 0; // deepest node's depth (0 when there are no events)

    int size() const { return static_cast<int>(parent.size()); }
    bool empty() const { return parent.size() <= 1; }
};

// Builds the tree from the profile's intervals, of one thread or (thread = -1) of all threads merged under
// one root. Trusts the intervals' `depth` for nesting (an event deeper than its predecessor allows hangs
// under the deepest open event); a child that outlasts its parent is not corrected, its parent's self time is
// clamped at zero instead.
ProfileTree buildProfileTree(const ProfileIntervals& intervals, int thread = -1);
ProfileTree buildProfileTree(const SelfProfile& profile, int thread = -1);

} // namespace bl
