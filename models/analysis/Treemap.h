#pragma once

#include "SizeTree.h"

#include <QRectF>

#include <cstdint>
#include <vector>

namespace bl {

struct TreemapOptions
{
    // Gap between a parent's border and its children, on every side, so that each level stays visible.
    double padding = 0;
    // A band at the top of a parent for its label (0: none), given to parents at least headerMinWidth wide
    // and headerMinHeight high; smaller parents get the padding alone.
    double headerHeight = 0;
    double headerMinWidth = 0;
    double headerMinHeight = 0;
    // A node whose content (its rectangle less padding and header) is narrower or lower than this keeps its
    // descendants unlaid: it is drawn as one block.
    double minSize = 0;
    // Children whose area would come out smaller than this are not laid out either: they (the smallest ones,
    // children being sorted) and the parent's self weight share one block at the end, the parent's "rest".
    // 0 lays out every child, and then the children tile the parent's content exactly.
    double minArea = 0;
    // Levels below the root to lay out, 0 for all.
    int maxDepth = 0;
    // Whether the root gets padding and a header too (a view usually shows the root in a breadcrumb instead).
    bool decorateRoot = false;
};

// The squarified treemap (Bruls, Huizing and van Wijk, 2000) of one node's subtree: every subdivided node's
// content rectangle split among its children, each as large as its share of the parent's weight, in rows
// that keep the rectangles close to square. Children come largest first (the tree sorts them); a parent's
// self weight, and the children too small to lay out, take the place left at the end (the rest).
struct TreemapLayout
{
    enum Flag : std::uint8_t {
        LaidOut = 1,    // has a rectangle
        Subdivided = 2, // its children are laid out in its content rectangle
        Header = 4,     // has a header band
        HasRest = 8,    // has a rest block (self weight, children too small to lay out)
    };
    struct Rest
    {
        std::int32_t node;
        std::int32_t hiddenChildren; // children in the block, not laid out
        std::int32_t firstHidden;    // the first of them (kNone for none); the rest run to the subtree's end
        std::uint64_t weight;        // the node's self weight and the hidden children's
        QRectF rect;
    };

    int root = SizeTree::kNone;
    QRectF bounds;
    TreemapOptions options;
    // Per node of the root's subtree, indexed by node - root (the subtree is a pre-order range): a null
    // rectangle and no flags for nodes not laid out.
    std::vector<QRectF> rects;
    std::vector<std::uint8_t> flags;
    std::vector<Rest> rests; // ordered by node

    bool contains(int node) const { return node >= root && node - root < static_cast<int>(rects.size()); }
    QRectF rect(int node) const { return contains(node) ? rects[node - root] : QRectF(); }
    std::uint8_t flagsOf(int node) const { return contains(node) ? flags[node - root] : 0; }
    bool isLaidOut(int node) const { return flagsOf(node) & LaidOut; }
    bool isSubdivided(int node) const { return flagsOf(node) & Subdivided; }
    bool hasHeader(int node) const { return flagsOf(node) & Header; }
    // The rectangle less padding and header, where the children go.
    QRectF contentRect(int node) const;
    QRectF headerRect(int node) const;  // null without a header
    const Rest* restOf(int node) const; // nullptr without one
    // The deepest laid-out node whose rectangle holds `pos` (a parent for its header, padding and rest), or
    // -1 outside the root.
    int nodeAt(const SizeTree& tree, const QPointF& pos) const;
};

// Lays out `root`'s subtree into `bounds`. Linear in the nodes laid out, without allocations per node: half
// a million leaves take a few tens of milliseconds, so a view can do it on every resize (off the GUI thread
// for big trees).
TreemapLayout layoutTreemap(const SizeTree& tree, int root, const QRectF& bounds,
                            const TreemapOptions& options = {});

} // namespace bl
