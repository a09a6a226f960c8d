#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace bl {

// One weighted leaf of a size hierarchy: a function's bytes (or LLVM IR lines) under its path, e.g.
// {"regex", "exec", "ExecBuilder", "build"}.
struct SizeItem
{
    QStringList path;
    std::uint64_t weight = 0;
    std::uint32_t symbols = 1; // how many symbols it stands for (0: bytes that no symbol covers)
};

// Where the bytes of a binary go, as a tree: crate, module path, function. The data behind the size treemap.
//
// Flat arrays, one entry per node, in depth-first pre-order with children ordered by weight, largest first
// (ties by label): node 0 is the synthetic root, a node's first child (if any) is the next node, and its
// subtree is the range [node, subtreeEnd[node]). Items with the same path merge into one node (their weights
// summed, itemCount says how many); an item whose path is a prefix of another's gives its node a self weight
// besides its children (`std::rt::lang_start` and `std::rt::lang_start::{{closure}}`).
struct SizeTree
{
    static constexpr std::int32_t kNone = -1;
    static constexpr std::int32_t kRoot = 0;

    std::vector<std::int32_t> parent;      // kNone for the root
    std::vector<std::int32_t> firstChild;  // kNone for a leaf
    std::vector<std::int32_t> nextSibling; // kNone for the last child
    std::vector<std::int32_t> subtreeEnd;  // one past the node's last descendant
    std::vector<std::int32_t> childCount;  // direct children
    std::vector<std::int32_t> group;       // the top-level ancestor (the crate); a top-level node is its own
                                           // group, the root has none (kNone)
    std::vector<std::uint32_t> label;      // index into labels
    std::vector<std::uint16_t> depth;      // root 0, crates 1
    std::vector<std::uint64_t> weight;     // the subtree's: self weight plus the children's weights
    std::vector<std::uint64_t> selfWeight; // of the items whose path ends at this node
    std::vector<std::uint32_t> leafCount;  // nodes without children in the subtree (a leaf counts itself)
    std::vector<std::uint32_t> itemCount;  // items merged into the subtree
    QStringList labels;                    // distinct path components; labels[0] is the root's, empty
    int maxDepth = 0;

    int size() const { return static_cast<int>(parent.size()); }
    bool empty() const { return parent.size() <= 1; }
    bool isLeaf(int node) const { return firstChild[node] == kNone; }
    const QString& labelOf(int node) const { return labels[static_cast<qsizetype>(label[node])]; }
    // The components from the top level down to `node` (empty for the root).
    QStringList pathOf(int node) const;
};

// Builds the tree. Items with an empty path add to the root's self weight (bytes attributed to nothing), so
// the root's weight is always the sum of all items. Deeper than 65,535 components, a path is cut short.
SizeTree buildSizeTree(const std::vector<SizeItem>& items);

// For each node of `tree`, the weight of the node at the same path in `other` (0 where `other` has no such
// node): what a treemap of one run compares against in another.
std::vector<std::uint64_t> weightsAtSamePaths(const SizeTree& tree, const SizeTree& other);

// Splits a demangled Rust symbol into path components on the `::` outside generic arguments, so
// `<regex::re_trait::Matches<R> as core::iter::Iterator>::next` gives {"<regex::re_trait::Matches<R> as
// core::iter::Iterator>", "next"} and `alloc::vec::Vec<T>::push` gives {"alloc", "vec", "Vec<T>", "push"}.
// Parentheses and brackets nest like angle brackets (tuples, slices, fn pointers; the `>` of `->` closes
// nothing), `{{closure}}` stays a component, a turbofish joins its function (`size_of::<T>`), and a trailing
// legacy hash (`::h0123456789abcdef`) is dropped.
QStringList splitRustPath(const QString& demangledName);

} // namespace bl
