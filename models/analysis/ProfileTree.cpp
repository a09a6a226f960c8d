#include "ProfileTree.h"

#include "ChildIndex.h"

#include <algorithm>
#include <bit>
#include <numeric>

namespace bl {

namespace {

// The tree as it grows: nodes in creation order, linked to their parent only.
struct Building
{
    std::vector<std::int32_t> parent{ProfileTree::kNone};
    std::vector<std::uint32_t> label{0};
    std::vector<std::uint64_t> inclusive{0};
    std::vector<std::uint64_t> count{0};
    ChildIndex children;

    std::int32_t childOf(std::int32_t node, std::uint32_t childLabel)
    {
        std::int32_t child = children.find(node, childLabel);
        if (child < 0) {
            child = static_cast<std::int32_t>(parent.size());
            children.insert(child);
            parent.push_back(node);
            label.push_back(childLabel);
            inclusive.push_back(0);
            count.push_back(0);
        }
        return child;
    }
};

void addThread(const ProfileIntervals& iv, std::size_t begin, std::size_t end, Building& b)
{
    // open[d] is the node of the event currently open at depth d
    std::vector<std::int32_t> open;
    // Without recorded depths (older importers, hand-made profiles), nesting follows from the times: an event
    // is inside every open event that has not ended when it starts.
    const bool haveDepth = iv.depth.size() == iv.size();
    std::vector<std::uint64_t> openEnd;
    for (std::size_t i = begin; i < end; ++i) {
        std::size_t d;
        if (haveDepth) {
            d = std::min<std::size_t>(iv.depth[i], open.size());
        } else {
            while (!openEnd.empty() && openEnd.back() <= iv.start[i])
                openEnd.pop_back();
            d = std::min(openEnd.size(), open.size());
            openEnd.resize(d);
            openEnd.push_back(iv.end[i]);
        }
        open.resize(d);
        const std::int32_t parent = d == 0 ? ProfileTree::kRoot : open.back();
        const std::int32_t node = b.childOf(parent, iv.label[i]);
        const std::uint64_t duration = iv.end[i] > iv.start[i] ? iv.end[i] - iv.start[i] : 0;
        b.inclusive[node] += duration;
        ++b.count[node];
        if (d == 0) {
            b.inclusive[ProfileTree::kRoot] += duration;
            ++b.count[ProfileTree::kRoot];
        }
        open.push_back(node);
    }
}

} // namespace

ProfileTree buildProfileTree(const ProfileIntervals& iv, int thread)
{
    const std::size_t n = std::min({iv.start.size(), iv.end.size(), iv.label.size()});
    Building b;
    // Thread t's events are [threadBegin[t], threadBegin[t + 1]); importers write a closing entry, but a
    // missing one means "to the end".
    auto threadRange = [&](std::size_t t) {
        const std::size_t first = std::min<std::size_t>(iv.threadBegin[t], n);
        const std::size_t last =
            t + 1 < iv.threadBegin.size() ? std::min<std::size_t>(iv.threadBegin[t + 1], n) : n;
        return std::pair{first, std::max(first, last)};
    };
    if (iv.threadBegin.empty()) {
        if (thread <= 0)
            addThread(iv, 0, n, b);
    } else if (thread >= 0) {
        if (std::size_t(thread) < iv.threadBegin.size()) {
            const auto [first, last] = threadRange(std::size_t(thread));
            addThread(iv, first, last, b);
        }
    } else {
        for (std::size_t t = 0; t < iv.threadBegin.size(); ++t) {
            const auto [first, last] = threadRange(t);
            addThread(iv, first, last, b);
        }
    }

    const std::size_t nodes = b.parent.size();
    // children of each node, contiguous (CSR), then sorted largest first; ties by label keep the order stable
    std::vector<std::int32_t> childBegin(nodes + 1, 0);
    for (std::size_t i = 1; i < nodes; ++i)
        ++childBegin[b.parent[i] + 1];
    std::partial_sum(childBegin.begin(), childBegin.end(), childBegin.begin());
    std::vector<std::int32_t> kids(nodes > 0 ? nodes - 1 : 0);
    {
        std::vector<std::int32_t> fill(childBegin.begin(), childBegin.end() - 1);
        for (std::size_t i = 1; i < nodes; ++i)
            kids[fill[b.parent[i]]++] = static_cast<std::int32_t>(i);
    }
    for (std::size_t p = 0; p < nodes; ++p) {
        std::sort(kids.begin() + childBegin[p], kids.begin() + childBegin[p + 1],
                  [&](std::int32_t x, std::int32_t y) {
                      if (b.inclusive[x] != b.inclusive[y])
                          return b.inclusive[x] > b.inclusive[y];
                      return b.label[x] < b.label[y];
                  });
    }

    // renumber in pre-order so that subtrees are contiguous ranges
    ProfileTree tree;
    tree.thread = thread;
    tree.parent.resize(nodes);
    tree.firstChild.assign(nodes, ProfileTree::kNone);
    tree.nextSibling.assign(nodes, ProfileTree::kNone);
    tree.subtreeEnd.resize(nodes);
    tree.label.resize(nodes);
    tree.depth.resize(nodes);
    tree.inclusive.resize(nodes);
    tree.self.resize(nodes);
    tree.count.resize(nodes);
    std::vector<std::int32_t> stack{0};
    std::vector<std::int32_t> newIndex(nodes);
    std::int32_t next = 0;
    while (!stack.empty()) {
        const std::int32_t old = stack.back();
        stack.pop_back();
        const std::int32_t idx = next++;
        newIndex[old] = idx;
        const std::int32_t oldParent = b.parent[old];
        const std::int32_t par = oldParent < 0 ? ProfileTree::kNone : newIndex[oldParent];
        tree.parent[idx] = par;
        tree.label[idx] = b.label[old];
        tree.depth[idx] = par < 0 ? 0 : static_cast<std::uint16_t>(tree.depth[par] + 1);
        tree.inclusive[idx] = b.inclusive[old];
        tree.count[idx] = b.count[old];
        tree.maxDepth = std::max<int>(tree.maxDepth, tree.depth[idx]);
        // push in reverse so that the largest child is visited (numbered) first
        for (std::int32_t k = childBegin[old + 1] - 1; k >= childBegin[old]; --k)
            stack.push_back(kids[k]);
    }

    // links, subtree ends and self times, bottom-up (children have larger indices than their parent)
    std::vector<std::uint64_t> childSum(nodes, 0);
    for (std::int32_t i = static_cast<std::int32_t>(nodes) - 1; i >= 0; --i) {
        if (tree.subtreeEnd[i] == 0)
            tree.subtreeEnd[i] = i + 1;
        const std::int32_t par = tree.parent[i];
        tree.self[i] = tree.inclusive[i] > childSum[i] ? tree.inclusive[i] - childSum[i] : 0;
        if (par < 0)
            continue;
        childSum[par] += tree.inclusive[i];
        // visited from the last index down, so each child found becomes the new first one
        tree.nextSibling[i] = tree.firstChild[par];
        tree.firstChild[par] = i;
        tree.subtreeEnd[par] = std::max(tree.subtreeEnd[par], tree.subtreeEnd[i]);
    }
    return tree;
}

ProfileTree buildProfileTree(const SelfProfile& profile, int thread)
{
    return buildProfileTree(profile.intervals, thread);
}

} // namespace bl
