#include "SizeTree.h"

#include "ChildIndex.h"

#include <QHash>

#include <algorithm>
#include <bit>
#include <numeric>

namespace bl {

namespace {

bool isLegacyHash(QStringView s)
{
    if (s.size() != 17 || s[0] != u'h')
        return false;
    return std::all_of(s.begin() + 1, s.end(),
                       [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
}

} // namespace

QStringList SizeTree::pathOf(int node) const
{
    QStringList path;
    for (int n = node; n > kRoot; n = parent[n])
        path.prepend(labelOf(n));
    return path;
}

std::vector<std::uint64_t> weightsAtSamePaths(const SizeTree& tree, const SizeTree& other)
{
    std::vector<std::uint64_t> out(static_cast<std::size_t>(tree.size()), 0);
    if (tree.parent.empty() || other.parent.empty())
        return out;
    // the trees intern their labels apart: other's label indices, in tree's numbering (absent: none)
    constexpr std::uint32_t kAbsent = ~std::uint32_t(0);
    QHash<QString, std::uint32_t> labelIndex;
    labelIndex.reserve(tree.labels.size());
    for (qsizetype i = 0; i < tree.labels.size(); ++i)
        labelIndex.insert(tree.labels[i], std::uint32_t(i));
    std::vector<std::uint32_t> translated(static_cast<std::size_t>(other.labels.size()));
    for (qsizetype i = 0; i < other.labels.size(); ++i)
        translated[static_cast<std::size_t>(i)] = labelIndex.value(other.labels[i], kAbsent);
    // one path is one label under the same parent; pre-order matches a node's parent before the node
    ChildIndex childOf;
    for (int n = 1; n < other.size(); ++n) {
        const std::uint32_t label = translated[other.label[n]];
        if (label != kAbsent && childOf.find(other.parent[n], label) < 0)
            childOf.insert(n);
    }
    std::vector<std::int32_t> match(static_cast<std::size_t>(tree.size()), SizeTree::kNone);
    match[0] = SizeTree::kRoot;
    out[0] = other.weight[0];
    for (int n = 1; n < tree.size(); ++n) {
        const std::int32_t p = match[static_cast<std::size_t>(tree.parent[n])];
        if (p == SizeTree::kNone)
            continue;
        const std::int32_t m = childOf.find(p, tree.label[n]);
        if (m < 0)
            continue;
        match[static_cast<std::size_t>(n)] = m;
        out[static_cast<std::size_t>(n)] = other.weight[static_cast<std::size_t>(m)];
    }
    return out;
}

SizeTree buildSizeTree(const std::vector<SizeItem>& items)
{
    // the tree as it grows, in creation order: a child is always created after its parent
    std::vector<std::int32_t> bParent{SizeTree::kNone};
    std::vector<std::uint32_t> bLabel{0};
    std::vector<std::uint64_t> bWeight{0}; // self weight for now, summed bottom-up below
    std::vector<std::uint32_t> bItems{0};
    ChildIndex children;
    QStringList labels{QString()};
    QHash<QString, std::uint32_t> interned;
    interned.insert(QString(), 0);

    for (const SizeItem& item : items) {
        std::int32_t node = SizeTree::kRoot;
        const qsizetype depth = std::min<qsizetype>(item.path.size(), 65535);
        for (qsizetype d = 0; d < depth; ++d) {
            const QString& component = item.path[d];
            auto it = interned.constFind(component);
            if (it == interned.cend()) {
                it = interned.insert(component, static_cast<std::uint32_t>(labels.size()));
                labels.append(component);
            }
            std::int32_t child = children.find(node, *it);
            if (child < 0) {
                child = static_cast<std::int32_t>(bParent.size());
                children.insert(child);
                bParent.push_back(node);
                bLabel.push_back(*it);
                bWeight.push_back(0);
                bItems.push_back(0);
            }
            node = child;
        }
        bWeight[node] += item.weight;
        bItems[node] += item.symbols;
    }

    const std::size_t nodes = bParent.size();
    std::vector<std::uint64_t> self = bWeight;
    for (std::size_t i = nodes - 1; i > 0; --i) {
        bWeight[bParent[i]] += bWeight[i];
        bItems[bParent[i]] += bItems[i];
    }

    // children of each node, contiguous (CSR), then sorted largest first; ties by label so that the order
    // does not depend on the items' order
    std::vector<std::int32_t> childBegin(nodes + 1, 0);
    for (std::size_t i = 1; i < nodes; ++i)
        ++childBegin[bParent[i] + 1];
    std::partial_sum(childBegin.begin(), childBegin.end(), childBegin.begin());
    std::vector<std::int32_t> kids(nodes - 1);
    {
        std::vector<std::int32_t> fill(childBegin.begin(), childBegin.end() - 1);
        for (std::size_t i = 1; i < nodes; ++i)
            kids[fill[bParent[i]]++] = static_cast<std::int32_t>(i);
    }
    for (std::size_t p = 0; p < nodes; ++p) {
        std::sort(kids.begin() + childBegin[p], kids.begin() + childBegin[p + 1],
                  [&](std::int32_t x, std::int32_t y) {
                      if (bWeight[x] != bWeight[y])
                          return bWeight[x] > bWeight[y];
                      return labels[bLabel[x]] < labels[bLabel[y]];
                  });
    }

    // renumber in pre-order so that subtrees are contiguous ranges
    SizeTree tree;
    tree.parent.resize(nodes);
    tree.firstChild.assign(nodes, SizeTree::kNone);
    tree.nextSibling.assign(nodes, SizeTree::kNone);
    tree.subtreeEnd.resize(nodes);
    tree.childCount.resize(nodes);
    tree.group.resize(nodes);
    tree.label.resize(nodes);
    tree.depth.resize(nodes);
    tree.weight.resize(nodes);
    tree.selfWeight.resize(nodes);
    tree.leafCount.assign(nodes, 0);
    tree.itemCount.resize(nodes);
    std::vector<std::int32_t> stack{0};
    std::vector<std::int32_t> newIndex(nodes);
    std::int32_t next = 0;
    while (!stack.empty()) {
        const std::int32_t old = stack.back();
        stack.pop_back();
        const std::int32_t idx = next++;
        newIndex[old] = idx;
        const std::int32_t par = bParent[old] < 0 ? SizeTree::kNone : newIndex[bParent[old]];
        tree.parent[idx] = par;
        tree.label[idx] = bLabel[old];
        tree.depth[idx] = par < 0 ? 0 : static_cast<std::uint16_t>(tree.depth[par] + 1);
        tree.group[idx] = par < 0 ? SizeTree::kNone : par == SizeTree::kRoot ? idx : tree.group[par];
        tree.weight[idx] = bWeight[old];
        tree.selfWeight[idx] = self[old];
        tree.itemCount[idx] = bItems[old];
        tree.childCount[idx] = childBegin[old + 1] - childBegin[old];
        tree.maxDepth = std::max<int>(tree.maxDepth, tree.depth[idx]);
        // in reverse, so that the largest child is numbered first
        for (std::int32_t k = childBegin[old + 1] - 1; k >= childBegin[old]; --k)
            stack.push_back(kids[k]);
    }

    // links, subtree ends and leaf counts, bottom-up (children have larger indices than their parent)
    for (std::int32_t i = static_cast<std::int32_t>(nodes) - 1; i >= 0; --i) {
        if (tree.subtreeEnd[i] == 0)
            tree.subtreeEnd[i] = i + 1;
        if (tree.childCount[i] == 0)
            tree.leafCount[i] = 1;
        const std::int32_t par = tree.parent[i];
        if (par < 0)
            continue;
        tree.leafCount[par] += tree.leafCount[i];
        // visited from the last index down, so each child found becomes the new first one
        tree.nextSibling[i] = tree.firstChild[par];
        tree.firstChild[par] = i;
        tree.subtreeEnd[par] = std::max(tree.subtreeEnd[par], tree.subtreeEnd[i]);
    }
    // an empty tree is its root alone, which is no leaf of anything
    if (nodes == 1)
        tree.leafCount[0] = 0;
    tree.labels = std::move(labels);
    return tree;
}

QStringList splitRustPath(const QString& name)
{
    QStringList parts;
    auto add = [&](qsizetype from, qsizetype to) {
        const QString part = name.mid(from, to - from).trimmed();
        if (part.isEmpty())
            return;
        // a turbofish belongs to the function it instantiates; `<A as B>` first is a path of its own
        if (part.startsWith(u'<') && !parts.isEmpty())
            parts.last() += QStringLiteral("::") + part;
        else
            parts.append(part);
    };
    int depth = 0;
    qsizetype start = 0;
    const qsizetype n = name.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = name[i];
        if (c == u'<' || c == u'(' || c == u'[') {
            ++depth;
        } else if (c == u'>' || c == u')' || c == u']') {
            if (c == u'>' && i > 0 && name[i - 1] == u'-')
                continue;                   // `fn(A) -> B`
            depth = std::max(0, depth - 1); // unbalanced input: never below the top level
        } else if (c == u':' && depth == 0 && i + 1 < n && name[i + 1] == u':') {
            add(start, i);
            start = i + 2;
            ++i;
        }
    }
    add(start, n);
    if (parts.size() > 1 && isLegacyHash(parts.last()))
        parts.removeLast();
    return parts;
}

} // namespace bl
