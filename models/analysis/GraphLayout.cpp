#include "GraphLayout.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <list>
#include <mutex>
#include <optional>
#include <string>

namespace bl {

namespace {

// Rough DejaVu Sans metrics at 10 pt. Graphviz's own text measurement depends on which plugins are
// installed, and the view paints with Qt anyway, so the boxes are sized here and fixed.
constexpr double kCharWidth = 6.2;
constexpr double kPadding = 16;
constexpr double kNodeHeight = 34;
constexpr long kLargeGraph = 300; // packages
constexpr long kHugeGraph = 600;

// cgraph's API predates const: it takes char* for names it only reads.
int setAttr(void* obj, const char* name, const std::string& value)
{
    static char empty[] = "";
    return agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()), empty);
}

std::string inches(double points)
{
    return std::to_string(points / 72.0);
}

struct Context
{
    GVC_t* gvc = nullptr;
    std::mutex mutex;
    Context()
        : gvc(gvContext())
    {
    }
    ~Context()
    {
        if (gvc)
            gvFreeContext(gvc);
    }
};

Context& context()
{
    static Context c;
    return c;
}

// Connected components among the shown packages, edges taken as undirected.
int components(const DepGraph& dg, const std::vector<char>& shown)
{
    std::vector<int> parent(shown.size());
    for (std::size_t i = 0; i < parent.size(); ++i)
        parent[i] = int(i);
    const auto find = [&](int x) {
        while (parent[std::size_t(x)] != x)
            x = parent[std::size_t(x)] = parent[std::size_t(parent[std::size_t(x)])];
        return x;
    };
    for (const DepEdge& e : dg.edges)
        if (e.from >= 0 && e.to >= 0 && std::size_t(e.from) < shown.size() &&
            std::size_t(e.to) < shown.size() && shown[std::size_t(e.from)] && shown[std::size_t(e.to)])
            parent[std::size_t(find(e.from))] = find(e.to);
    int count = 0;
    for (std::size_t i = 0; i < shown.size(); ++i)
        count += shown[i] && find(int(i)) == int(i);
    return count;
}

} // namespace

namespace {

GraphLayout layoutOnce(const DepGraph& dg, const std::vector<int>& visible, int minNodeWidth,
                       const char* rankdir)
{
    GraphLayout result;
    const std::size_t n = dg.packages.size();
    result.nodes.assign(n, QRectF());
    std::vector<char> shown(n, visible.empty() ? 1 : 0);
    for (int v : visible)
        if (v >= 0 && std::size_t(v) < n)
            shown[std::size_t(v)] = 1;
    if (std::find(shown.begin(), shown.end(), 1) == shown.end())
        return result;

    Context& ctx = context();
    const std::lock_guard lock(ctx.mutex);
    if (!ctx.gvc) {
        result.error = QStringLiteral("Graphviz could not be initialised");
        return result;
    }

    std::string graphName = "deps";
    Agraph_t* g = agopen(graphName.data(), Agdirected, nullptr);
    setAttr(g, "rankdir", rankdir);
    setAttr(g, "nodesep", "0.25");
    setAttr(g, "ranksep", "0.5");
    setAttr(g, "splines", "spline");
    if (components(dg, shown) > 1) {
        // Separate components (a build's units released at its start, each with the chain it released)
        // would otherwise sit side by side on one very wide rank; packed, they fill a rectangle.
        setAttr(g, "pack", "12");
        setAttr(g, "packmode", "graph");
    }
    if (const long count = std::count(shown.begin(), shown.end(), 1); count > kLargeGraph) {
        // Network simplex (ranking and x positions) and the crossing minimisation dominate dot's time on big
        // graphs. Capping both (bench_graph, 1,000 packages and 2,515 edges: 2.36 s with the defaults, 0.76 s
        // capped) costs about 7 % more width and a few more crossings.
        setAttr(g, "nslimit", "0.2");
        setAttr(g, "nslimit1", "0.2");
        setAttr(g, "mclimit", count > kHugeGraph ? "0.05" : "0.2");
    }

    std::vector<Agnode_t*> nodes(n, nullptr);
    for (std::size_t i = 0; i < n; ++i) {
        if (!shown[i])
            continue;
        const DepPackage& p = dg.packages[i];
        // crate names repeat across versions; built by appending: GCC 12 warns falsely on "n" + std::string
        std::string name(1, 'n');
        name += std::to_string(i);
        Agnode_t* node = agnode(g, name.data(), 1);
        nodes[i] = node;
        const QString label = p.name + QStringLiteral("\\n") + p.detail();
        const double width = graphNodeSize(p, minNodeWidth).width();
        setAttr(node, "label", label.toStdString());
        setAttr(node, "shape", "box");
        setAttr(node, "fixedsize", "true");
        setAttr(node, "width", inches(width));
        setAttr(node, "height", inches(kNodeHeight));
        setAttr(node, "fontsize", "10");
    }

    std::vector<std::pair<Agedge_t*, int>> edges;
    edges.reserve(dg.edges.size());
    for (std::size_t i = 0; i < dg.edges.size(); ++i) {
        const DepEdge& e = dg.edges[i];
        if (e.from < 0 || e.to < 0 || std::size_t(e.from) >= n || std::size_t(e.to) >= n || !nodes[e.from] ||
            !nodes[e.to] || e.from == e.to)
            continue;
        std::string name(1, 'e'); // named, so that parallel edges stay apart
        name += std::to_string(i);
        Agedge_t* edge = agedge(g, nodes[e.from], nodes[e.to], name.data(), 1);
        if (!e.normal && !e.build)
            setAttr(edge, "constraint", "false");
        edges.emplace_back(edge, int(i));
    }

    if (gvLayout(ctx.gvc, g, "dot") != 0) {
        result.error = QStringLiteral("Graphviz dot layout failed");
        agclose(g);
        return result;
    }

    const boxf bb = GD_bb(g);
    const auto map = [&](pointf p) {
        return QPointF(p.x - bb.LL.x, bb.UR.y - p.y);
    };
    result.bounds = QRectF(0, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);

    for (std::size_t i = 0; i < n; ++i) {
        if (!nodes[i])
            continue;
        const QPointF c = map(ND_coord(nodes[i]));
        const double w = ND_width(nodes[i]) * 72.0;
        const double h = ND_height(nodes[i]) * 72.0;
        result.nodes[i] = QRectF(c.x() - w / 2, c.y() - h / 2, w, h);
    }

    result.edges.reserve(edges.size());
    for (const auto& [edge, index] : edges) {
        const splines* spl = ED_spl(edge);
        if (!spl || spl->size == 0)
            continue;
        GraphEdgeLayout el;
        el.edge = index;
        // One bezier per edge in practice; concatenating keeps the rare compound edge drawable.
        for (int b = 0; b < spl->size; ++b) {
            const bezier& bz = spl->list[b];
            for (int j = 0; j < bz.size; ++j)
                el.points.append(map(bz.list[j]));
            if (bz.eflag && bz.size > 0) {
                el.hasArrow = true;
                el.arrowBase = map(bz.list[bz.size - 1]);
                el.arrowTip = map(bz.ep);
            } else if (bz.sflag && bz.size > 0 && !el.hasArrow) {
                el.hasArrow = true;
                el.arrowBase = map(bz.list[0]);
                el.arrowTip = map(bz.sp);
            }
        }
        if (el.points.size() >= 2)
            result.edges.push_back(std::move(el));
    }

    gvFreeLayout(ctx.gvc, g);
    agclose(g);
    return result;
}

} // namespace

QSizeF graphNodeSize(const DepPackage& p, int minNodeWidth)
{
    const QString detail = p.detail();
    return {std::max<double>(minNodeWidth, std::max(p.name.size(), detail.size()) * kCharWidth + kPadding),
            kNodeHeight};
}

GraphLayout layoutGraphUncached(const DepGraph& dg, const std::vector<int>& visible, int minNodeWidth)
{
    GraphLayout top = layoutOnce(dg, visible, minNodeWidth, "TB");
    // A graph with many crates on one rank (an overview's first rank of direct dependencies) comes out as a
    // wide strip that a window shows tiny. Ranked left to right it may fill a window better: the one whose
    // shape is nearer a 16:10 window wins. Only for graphs small enough to lay out twice.
    const double aspect = top.bounds.height() > 0 ? top.bounds.width() / top.bounds.height() : 0;
    const std::size_t shown = visible.empty() ? dg.packages.size() : visible.size();
    if (!top.error.isEmpty() || aspect < 2.5 || shown > std::size_t(kLargeGraph))
        return top;
    GraphLayout left = layoutOnce(dg, visible, minNodeWidth, "LR");
    if (!left.error.isEmpty() || left.bounds.height() <= 0)
        return top;
    const double window = 1.6;
    const double leftAspect = left.bounds.width() / left.bounds.height();
    // how much of a window each fills when fitted: the smaller of its two scale factors, relative
    auto fill = [&](double a) {
        return a > window ? window / a : a / window;
    };
    if (fill(leftAspect) > fill(aspect))
        left.leftToRight = true;
    return fill(leftAspect) > fill(aspect) ? left : top;
}

namespace {

// Bumped whenever the layout of the same input changes (attributes above, node sizes).
constexpr quint32 kCacheVersion = 3;
constexpr quint32 kCacheMagic = 0x424c4c59; // "BLLY"
constexpr std::size_t kMemoryEntries = 8;
constexpr int kDiskEntries = 64;

struct MemoryCache
{
    std::mutex mutex;
    std::list<std::pair<QByteArray, GraphLayout>> entries; // most recent first
};

MemoryCache& memoryCache()
{
    static MemoryCache cache;
    return cache;
}

QString diskCacheDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return base.isEmpty() ? QString() : base + QStringLiteral("/buildlens/graph-layouts");
}

// Everything the layout depends on: the packages shown with their labels and widths, the edges between them
// with their kinds, and the cache version. Packages not shown do not count, so a graph whose hidden part
// changed still hits.
QByteArray layoutKey(const DepGraph& dg, const std::vector<int>& visible, int minNodeWidth)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer;
    QDataStream out(&buffer, QIODevice::WriteOnly);
    out << kCacheVersion << qint32(minNodeWidth) << quint64(dg.packages.size());
    std::vector<char> shown(dg.packages.size(), visible.empty() ? 1 : 0);
    for (int v : visible)
        if (v >= 0 && std::size_t(v) < shown.size())
            shown[std::size_t(v)] = 1;
    for (std::size_t i = 0; i < dg.packages.size(); ++i)
        if (shown[i])
            out << quint64(i) << dg.packages[i].name << dg.packages[i].detail();
    for (std::size_t i = 0; i < dg.edges.size(); ++i) {
        const DepEdge& e = dg.edges[i];
        if (e.from >= 0 && e.to >= 0 && std::size_t(e.from) < shown.size() &&
            std::size_t(e.to) < shown.size() && shown[std::size_t(e.from)] && shown[std::size_t(e.to)])
            out << quint64(i) << qint32(e.from) << qint32(e.to) << e.normal << e.build;
    }
    hash.addData(buffer);
    return hash.result().toHex();
}

void writeLayout(QDataStream& out, const QByteArray& key, const GraphLayout& l)
{
    out << kCacheMagic << kCacheVersion << key << l.bounds << l.leftToRight << quint64(l.nodes.size());
    for (const QRectF& r : l.nodes)
        out << r;
    out << quint64(l.edges.size());
    for (const GraphEdgeLayout& e : l.edges)
        out << qint32(e.edge) << e.points << e.arrowBase << e.arrowTip << e.hasArrow;
}

// A cached layout, or nothing when the file is missing, from another version, for another graph, cut or
// damaged: the layout is then computed again.
std::optional<GraphLayout> readLayout(const QString& path, const QByteArray& key, std::size_t packages,
                                      std::size_t edges)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > (qint64(1) << 30))
        return std::nullopt;
    QDataStream in(&file);
    quint32 magic = 0, version = 0;
    QByteArray storedKey;
    GraphLayout l;
    quint64 nodes = 0;
    in >> magic >> version >> storedKey >> l.bounds >> l.leftToRight >> nodes;
    if (in.status() != QDataStream::Ok || magic != kCacheMagic || version != kCacheVersion ||
        storedKey != key || nodes != packages)
        return std::nullopt;
    l.nodes.resize(packages);
    for (QRectF& r : l.nodes)
        in >> r;
    quint64 count = 0;
    in >> count;
    if (in.status() != QDataStream::Ok || count > edges)
        return std::nullopt;
    l.edges.resize(std::size_t(count));
    for (GraphEdgeLayout& e : l.edges) {
        qint32 index = -1;
        in >> index >> e.points >> e.arrowBase >> e.arrowTip >> e.hasArrow;
        if (index < 0 || std::size_t(index) >= edges)
            return std::nullopt;
        e.edge = index;
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    return l;
}

} // namespace

GraphLayout layoutGraph(const DepGraph& dg, const std::vector<int>& visible, int minNodeWidth)
{
    const QByteArray key = layoutKey(dg, visible, minNodeWidth);
    MemoryCache& memory = memoryCache();
    {
        const std::lock_guard lock(memory.mutex);
        for (auto it = memory.entries.begin(); it != memory.entries.end(); ++it)
            if (it->first == key) {
                memory.entries.splice(memory.entries.begin(), memory.entries, it);
                return it->second;
            }
    }
    auto remember = [&](const GraphLayout& l) {
        const std::lock_guard lock(memory.mutex);
        memory.entries.emplace_front(key, l);
        if (memory.entries.size() > kMemoryEntries)
            memory.entries.pop_back();
    };
    const QString dir = diskCacheDir();
    const QString path = dir.isEmpty() ? QString() : dir + QLatin1Char('/') + QString::fromLatin1(key);
    if (!path.isEmpty())
        if (std::optional<GraphLayout> cached = readLayout(path, key, dg.packages.size(), dg.edges.size())) {
            remember(*cached);
            return *cached;
        }
    GraphLayout l = layoutGraphUncached(dg, visible, minNodeWidth);
    if (!l.error.isEmpty())
        return l;
    remember(l);
    // Small graphs lay out in milliseconds: only what took noticeable time goes to disk.
    if (!path.isEmpty() && l.nodes.size() >= 100 && QDir().mkpath(dir)) {
        QSaveFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            QDataStream out(&file);
            writeLayout(out, key, l);
            if (out.status() == QDataStream::Ok)
                file.commit();
        }
        // the oldest files go beyond the limit
        QDir cache(dir);
        const QFileInfoList files = cache.entryInfoList(QDir::Files, QDir::Time);
        for (qsizetype i = kDiskEntries; i < files.size(); ++i)
            QFile::remove(files[i].absoluteFilePath());
    }
    return l;
}

void clearGraphLayoutMemoryCache()
{
    MemoryCache& memory = memoryCache();
    const std::lock_guard lock(memory.mutex);
    memory.entries.clear();
}

} // namespace bl
