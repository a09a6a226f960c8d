#include "CrateReport.h"

#include "../analysis/GraphQueries.h"
#include "../core/Tr.h"
#include "../itemmodels/SizeTableModels.h"
#include "JsonWriter.h"
#include "SummaryReport.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <set>

namespace bl {

namespace {

double sectionSeconds(const Unit& u, const char* name)
{
    double total = -1;
    for (const UnitSection& s : u.sections)
        if (s.name == QLatin1String(name))
            total = std::max(0.0, total) + std::max(0.0, std::min(s.end, u.duration) - s.start);
    return total;
}

double rounded(double seconds)
{
    return std::round(seconds * 1e6) / 1e6;
}

} // namespace

QString crateKey(const QString& name)
{
    QString n = name.toLower();
    n.replace(QLatin1Char('-'), QLatin1Char('_'));
    return n;
}

bool sameCrate(const QString& a, const QString& b)
{
    return crateKey(a) == crateKey(b);
}

CrateReport crateReport(const QString& name, const CrateSources& sources, int top)
{
    CrateReport r;
    r.name = name;
    for (const auto& a : sources.builds) {
        if (!a || !a->run)
            continue;
        const TimingsRun& run = *a->run;
        CrateBuild b;
        b.file = run.file;
        b.wallSeconds = a->summary.wallSeconds;
        for (std::size_t i = 0; i < run.units.size(); ++i) {
            const Unit& u = run.units[i];
            if (!sameCrate(u.name, name) || u.fresh)
                continue;
            CrateUnit c;
            c.label = u.label();
            c.kind = unitKindKey(u.kind);
            c.start = u.start;
            c.duration = u.duration;
            c.frontend = sectionSeconds(u, "frontend");
            c.codegen = sectionSeconds(u, "codegen");
            if (c.frontend < 0 && u.rmetaTime && u.kind != UnitKind::BuildScriptRun) {
                c.frontend = *u.rmetaTime;
                c.codegen = std::max(0.0, u.duration - *u.rmetaTime);
            }
            c.critical = i < a->onCriticalPath.size() && a->onCriticalPath[i];
            if (i < a->dag.slack.size())
                c.slack = a->dag.slack[i];
            if (u.rebuildCause != RebuildCause::None) {
                c.rebuildCause = rebuildCauseKey(u.rebuildCause);
                c.rebuildDetail = u.rebuildDetail;
            }
            b.seconds += u.duration;
            if (c.critical)
                b.criticalSeconds += u.duration;
            b.units.push_back(c);
        }
        if (b.units.empty())
            continue;
        if (a->critical.available && a->critical.seconds > 0)
            b.criticalShare = std::min(1.0, b.criticalSeconds / a->critical.seconds);
        r.builds.push_back(std::move(b));
    }
    for (const auto& p : sources.profiles) {
        if (!p || !sameCrate(p->crate, name))
            continue;
        CrateProfile c;
        c.file = p->file;
        c.totalSeconds = double(p->summary.totalTime) / 1e9;
        for (std::size_t i = 0; i < p->summary.queries.size() && int(i) < top; ++i)
            c.topQueries.push_back(p->summary.queries[i]);
        r.profiles.push_back(std::move(c));
    }
    for (const auto& s : sources.sizes) {
        if (!s)
            continue;
        CrateBytes c;
        c.file = s->file;
        c.source = s->source;
        c.attribution = s->attribution;
        c.total = s->isLlvmLines() ? s->totalLines : s->textSize;
        std::vector<const FunctionSize*> mine;
        for (const FunctionSize& f : s->functions)
            if (sameCrate(f.crate, name))
                mine.push_back(&f);
        for (const bl::CrateSize& cs : s->crates)
            if (sameCrate(cs.name, name)) {
                c.size += cs.size;
                c.functions += cs.symbols;
            }
        if (c.size == 0 && mine.empty())
            continue;
        if (c.size == 0)
            for (const FunctionSize* f : mine) {
                c.size += f->size;
                ++c.functions;
            }
        std::stable_sort(mine.begin(), mine.end(),
                         [](const FunctionSize* x, const FunctionSize* y) { return x->size > y->size; });
        for (std::size_t i = 0; i < mine.size() && int(i) < top; ++i)
            c.largest.push_back({mine[i]->name, mine[i]->size, mine[i]->copies});
        if (s->isLlvmLines()) {
            std::stable_sort(mine.begin(), mine.end(), [](const FunctionSize* x, const FunctionSize* y) {
                return x->copies > y->copies;
            });
            for (std::size_t i = 0; i < mine.size() && int(i) < top && mine[i]->copies > 1; ++i)
                c.mostCopies.push_back({mine[i]->name, mine[i]->size, mine[i]->copies});
        }
        r.sizes.push_back(std::move(c));
    }
    r.historyFile = sources.historyFile;
    r.history = sources.history;
    for (const auto& g : sources.graphs) {
        if (!g)
            continue;
        CrateGraph c;
        c.file = g->file;
        std::vector<int> depths;
        maxDepth(*g, &depths);
        std::set<int> dependents, dependencies;
        int found = -1;
        for (std::size_t i = 0; i < g->packages.size(); ++i) {
            const DepPackage& p = g->packages[i];
            if (!sameCrate(p.name, name))
                continue;
            found = int(i);
            c.versions << p.version;
            for (const QString& f : p.features)
                if (!c.features.contains(f))
                    c.features << f;
            c.member =
                c.member || std::find(g->members.begin(), g->members.end(), int(i)) != g->members.end();
            if (i < depths.size() && depths[i] >= 0)
                c.depth = c.depth < 0 ? depths[i] : std::min(c.depth, depths[i]);
            for (int d : reverseDependencies(*g, int(i)))
                dependents.insert(d);
            for (int e : g->out[i])
                dependencies.insert(g->edges[std::size_t(e)].to);
            c.transitiveDependents =
                std::max(c.transitiveDependents, int(transitiveDependents(*g, int(i)).size()));
        }
        if (found < 0)
            continue;
        auto label = [&](int p) {
            return g->packages[std::size_t(p)].name + QLatin1Char(' ') + g->packages[std::size_t(p)].version;
        };
        for (int d : dependents)
            c.dependents << label(d);
        for (int d : dependencies)
            c.dependencies << label(d);
        c.dependents.sort();
        c.dependencies.sort();
        r.graphs.push_back(std::move(c));
    }
    return r;
}

std::string crateJson(const CrateReport& r, int indent)
{
    std::string out;
    JsonWriter w(out, indent);
    w.beginObject().field("kind", "crate").field("name", r.name);
    w.key("builds").beginArray();
    for (const CrateBuild& b : r.builds) {
        w.beginObject()
            .field("file", b.file)
            .field("seconds", rounded(b.seconds))
            .field("wall_seconds", rounded(b.wallSeconds))
            .field("critical_path_seconds", rounded(b.criticalSeconds))
            .field("critical_path_share", std::round(b.criticalShare * 1e4) / 1e4);
        w.key("units").beginArray();
        for (const CrateUnit& u : b.units) {
            w.beginObject()
                .field("label", u.label)
                .field("kind", u.kind)
                .field("start", rounded(u.start))
                .field("duration", rounded(u.duration))
                .field("on_critical_path", u.critical);
            if (u.frontend >= 0)
                w.field("frontend_seconds", rounded(u.frontend));
            if (u.codegen >= 0)
                w.field("codegen_seconds", rounded(u.codegen));
            if (u.slack >= 0)
                w.field("slack_seconds", rounded(u.slack));
            if (!u.rebuildCause.isEmpty())
                w.key("rebuild")
                    .beginObject()
                    .field("kind", u.rebuildCause)
                    .field("detail", u.rebuildDetail)
                    .endObject();
            w.endObject();
        }
        w.endArray().endObject();
    }
    w.endArray();
    w.key("self_profiles").beginArray();
    for (const CrateProfile& p : r.profiles) {
        w.beginObject().field("file", p.file).field("total_seconds", rounded(p.totalSeconds));
        w.key("top_queries").beginArray();
        for (const QueryStats& q : p.topQueries)
            w.beginObject()
                .field("label", q.label)
                .field("self_seconds", rounded(double(q.selfTime) / 1e9))
                .field("seconds", rounded(double(q.time) / 1e9))
                .field("invocations", q.invocations)
                .endObject();
        w.endArray().endObject();
    }
    w.endArray();
    auto functions = [&](const char* key, const std::vector<CrateFunction>& list, bool lines) {
        w.key(key).beginArray();
        for (const CrateFunction& f : list) {
            w.beginObject().field("name", f.name).field(lines ? "lines" : "size", f.size);
            if (lines)
                w.field("copies", f.copies);
            w.endObject();
        }
        w.endArray();
    };
    w.key("binaries").beginArray();
    for (const CrateBytes& s : r.sizes) {
        if (s.source == QLatin1String("llvm-lines"))
            continue;
        w.beginObject()
            .field("file", s.file)
            .field("source", s.source)
            .field("size", s.size)
            .field("text_size", s.total)
            .field("share", s.total ? std::round(1e4 * double(s.size) / double(s.total)) / 1e4 : 0.0)
            .field("functions", s.functions);
        if (!s.attribution.isEmpty())
            w.field("attribution", s.attribution);
        functions("largest", s.largest, false);
        w.endObject();
    }
    w.endArray();
    w.key("llvm_lines").beginArray();
    for (const CrateBytes& s : r.sizes) {
        if (s.source != QLatin1String("llvm-lines"))
            continue;
        w.beginObject()
            .field("file", s.file)
            .field("lines", s.size)
            .field("total_lines", s.total)
            .field("share", s.total ? std::round(1e4 * double(s.size) / double(s.total)) / 1e4 : 0.0)
            .field("functions", s.functions);
        functions("largest", s.largest, true);
        functions("most_copies", s.mostCopies, true);
        w.endObject();
    }
    w.endArray();
    w.key("graphs").beginArray();
    for (const CrateGraph& g : r.graphs) {
        auto list = [&](const char* key, const QStringList& l) {
            w.key(key).beginArray();
            for (const QString& s : l)
                w.value(s);
            w.endArray();
        };
        w.beginObject().field("file", g.file).field("member", g.member);
        list("versions", g.versions);
        w.field("duplicated", g.versions.size() > 1);
        list("features", g.features);
        list("dependencies", g.dependencies);
        list("dependents", g.dependents);
        w.field("transitive_dependents", g.transitiveDependents).field("depth", g.depth);
        w.endObject();
    }
    w.endArray();
    w.key("history").beginObject().field("file", r.historyFile);
    w.key("runs").beginArray();
    for (const CrateHistoryPoint& p : r.history) {
        w.beginObject()
            .field("run", static_cast<std::int64_t>(p.run))
            .field("kind", p.kind)
            .field("date", p.date)
            .field("label", p.label)
            .field("profile", p.profile);
        if (p.kind == QLatin1String("timings"))
            w.field("seconds", rounded(p.seconds)).field("units", p.units).field("fresh_units", p.freshUnits);
        else
            w.field(p.kind == QLatin1String("llvm-lines") ? "lines" : "size", p.size);
        w.endObject();
    }
    w.endArray().endObject();
    w.endObject();
    return out;
}

QString crateText(const CrateReport& r)
{
    QString text;
    QTextStream ts(&text);
    ts << r.name << '\n';
    for (const CrateBuild& b : r.builds) {
        ts << tr("  build %1: %n unit(s), %2", nullptr, int(b.units.size()))
                  .arg(b.file, formatSeconds(b.seconds));
        if (b.criticalSeconds > 0)
            ts << tr(", %1 on the critical path (%2 % of it)")
                      .arg(formatSeconds(b.criticalSeconds))
                      .arg(100 * b.criticalShare, 0, 'f', 1);
        ts << '\n';
        for (const CrateUnit& u : b.units) {
            ts << QStringLiteral("    %1  %2").arg(formatSeconds(u.duration), 9).arg(u.label);
            if (u.frontend >= 0 && u.codegen >= 0)
                ts << tr("  (frontend %1, codegen %2)")
                          .arg(formatSeconds(u.frontend), formatSeconds(u.codegen));
            if (u.slack >= 0)
                ts << tr("  slack %1").arg(formatSeconds(u.slack));
            if (!u.rebuildCause.isEmpty())
                ts << tr("  rebuilt: %1 %2").arg(u.rebuildCause, u.rebuildDetail);
            ts << '\n';
        }
    }
    for (const CrateProfile& p : r.profiles) {
        ts << tr("  self-profile %1: %2\n").arg(p.file, formatSeconds(p.totalSeconds));
        for (const QueryStats& q : p.topQueries)
            ts << QStringLiteral("    %1  %2\n").arg(formatSeconds(double(q.selfTime) / 1e9), 9).arg(q.label);
    }
    for (const CrateBytes& s : r.sizes) {
        const bool lines = s.source == QLatin1String("llvm-lines");
        const double pct = s.total ? 100.0 * double(s.size) / double(s.total) : 0;
        ts << (lines ? tr("  llvm-lines %1: %2 lines (%3 %), %4 functions\n")
                     : tr("  binary %1: %2 (%3 % of .text), %4 functions\n"))
                  .arg(s.file, lines ? QString::number(s.size) : formatBytes(s.size))
                  .arg(pct, 0, 'f', 1)
                  .arg(s.functions);
        for (const CrateFunction& f : lines && !s.mostCopies.empty() ? s.mostCopies : s.largest)
            ts << (lines ? QStringLiteral("    %1 lines %2 copies  %3\n")
                               .arg(f.size, 7)
                               .arg(f.copies, 4)
                               .arg(f.name)
                         : QStringLiteral("    %1  %2\n").arg(formatBytes(f.size), 10).arg(f.name));
    }
    for (const CrateGraph& g : r.graphs) {
        ts << tr("  graph %1: %2%3, depth %4, %5 direct dependent(s), %6 in all\n")
                  .arg(g.file, g.versions.join(QStringLiteral(" and ")),
                       g.versions.size() > 1 ? tr(" (in several versions)") : QString(),
                       QString::number(g.depth), QString::number(g.dependents.size()),
                       QString::number(g.transitiveDependents));
        if (!g.dependents.isEmpty())
            ts << tr("    used by: %1\n").arg(g.dependents.join(QStringLiteral(", ")));
        if (!g.dependencies.isEmpty())
            ts << tr("    depends on: %1\n").arg(g.dependencies.join(QStringLiteral(", ")));
        if (!g.features.isEmpty())
            ts << tr("    features: %1\n").arg(g.features.join(QStringLiteral(", ")));
    }
    if (!r.history.empty()) {
        ts << tr("  history %1: %n stored run(s)\n", nullptr, int(r.history.size())).arg(r.historyFile);
        for (const CrateHistoryPoint& p : r.history)
            ts << QStringLiteral("    #%1 %2 %3  %4%5\n")
                      .arg(QString::number(p.run), p.date.left(16), p.kind,
                           p.kind == QLatin1String("timings")      ? formatSeconds(p.seconds)
                           : p.kind == QLatin1String("llvm-lines") ? tr("%1 lines").arg(p.size)
                                                                   : formatBytes(p.size),
                           p.label.isEmpty() ? QString() : QStringLiteral("  [%1]").arg(p.label));
    }
    return text;
}

} // namespace bl
