#include "DiffReport.h"

#include "../core/Tr.h"
#include "../itemmodels/DeltaModels.h"
#include "../itemmodels/SizeTableModels.h"
#include "JsonWriter.h"
#include "SummaryReport.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace bl {

namespace {

void unitIdentity(JsonWriter& w, const Unit& u)
{
    w.field("name", u.name)
        .field("version", u.version)
        .field("target", unitTargetText(u))
        .field("mode", unitModeText(u));
    w.key("features").beginArray();
    for (const QString& f : u.features)
        w.value(f);
    w.endArray();
}

void unitList(JsonWriter& w, const TimingsRun& run, const std::vector<int>& positions)
{
    w.beginArray();
    for (int p : positions) {
        const Unit& u = run.units[std::size_t(p)];
        w.beginObject();
        unitIdentity(w, u);
        w.field("seconds", u.duration).field("start", u.start).endObject();
    }
    w.endArray();
}

void labelList(JsonWriter& w, const TimingsRun& run, const std::vector<int>& positions)
{
    w.beginArray();
    for (int p : positions)
        w.value(run.units[std::size_t(p)].label());
    w.endArray();
}

} // namespace

QString unitTargetText(const Unit& u)
{
    const QString kind = unitKindKey(u.kind);
    const bool named = u.kind != UnitKind::Lib && u.kind != UnitKind::ProcMacro &&
                       u.kind != UnitKind::BuildScript && u.kind != UnitKind::BuildScriptRun &&
                       !u.targetName.isEmpty();
    return named ? kind + QLatin1Char(' ') + u.targetName : kind;
}

QString unitModeText(const Unit& u)
{
    return u.kind == UnitKind::BuildScriptRun ? QStringLiteral("run-custom-build") : QStringLiteral("build");
}

std::string timingsDiffJson(const TimingsDiff& d, int indent)
{
    const TimingsRun& a = *d.a->run;
    const TimingsRun& b = *d.b->run;
    std::string out;
    JsonWriter w(out, indent);
    w.beginObject().field("kind", "timings-diff");
    auto side = [&](const char* key, const TimingsAnalysis& t, double critical) {
        w.key(key)
            .beginObject()
            .field("file", t.run->file)
            .field("wall_seconds", t.summary.wallSeconds)
            .field("critical_path_seconds", critical)
            .field("units", t.run->units.size())
            .field("profile", t.run->profile)
            .field("rustc", t.run->rustcVersion)
            .field("jobs", t.run->jobs)
            .field("job_limited", t.summary.jobLimited)
            .endObject();
    };
    side("a", *d.a, d.criticalA);
    side("b", *d.b, d.criticalB);
    w.field("different_jobs", a.jobs != b.jobs);
    w.field("total_delta_seconds", roundNs(d.totalDelta()));
    w.field("critical_path_delta_seconds", roundNs(d.criticalB - d.criticalA));
    w.key("units").beginArray();
    for (const UnitChange& c : d.changed) {
        w.beginObject();
        unitIdentity(w, b.units[std::size_t(c.b)]);
        w.field("a", c.durationA)
            .field("b", c.durationB)
            .field("delta", roundNs(c.delta()))
            .field("start_a", c.startA)
            .field("start_b", c.startB)
            .field("start_delta", roundNs(c.startDelta()))
            .field("critical_a", c.criticalA)
            .field("critical_b", c.criticalB)
            .field("fresh_a", c.freshA)
            .field("fresh_b", c.freshB)
            .endObject();
    }
    w.endArray();
    w.key("added");
    unitList(w, b, d.added);
    w.key("removed");
    unitList(w, a, d.removed);
    w.key("rebuilt");
    labelList(w, b, d.rebuilt);
    w.key("now_fresh");
    labelList(w, b, d.nowFresh);
    w.key("critical_path").beginObject();
    w.key("joined");
    labelList(w, b, d.joinedCriticalPath);
    w.key("left");
    labelList(w, a, d.leftCriticalPath);
    w.endObject();
    w.endObject();
    return out;
}

QString jobsText(const TimingsAnalysis& t)
{
    if (t.run->jobs <= 0)
        return tr("not recorded");
    return t.summary.jobLimited ? tr("%1 (limited by job slots)").arg(t.run->jobs)
                                : QString::number(t.run->jobs);
}

QString timingsDiffText(const TimingsDiff& d, int top)
{
    const TimingsRun& a = *d.a->run;
    const TimingsRun& b = *d.b->run;
    QString out;
    QTextStream ts(&out);
    ts << tr("A  %1\nB  %2\n").arg(a.file, b.file);
    ts << tr("  wall time        %1 -> %2  (%3, %4)\n")
              .arg(formatSeconds(d.wallA), formatSeconds(d.wallB), formatSignedSeconds(d.totalDelta()),
                   formatPercentChange(d.wallA, d.wallB));
    ts << tr("  critical path    %1 -> %2  (%3)\n")
              .arg(formatSeconds(d.criticalA), formatSeconds(d.criticalB),
                   formatSignedSeconds(d.criticalB - d.criticalA));
    ts << tr("  jobs             %1 -> %2%3\n")
              .arg(jobsText(*d.a), jobsText(*d.b),
                   a.jobs != b.jobs ? tr("  (different job counts: the wall times are not like for like)")
                                    : QString());
    ts << tr("  units            %1 -> %2  (%3 in both, %4 only in B, %5 only in A)\n")
              .arg(a.units.size())
              .arg(b.units.size())
              .arg(d.changed.size())
              .arg(d.added.size())
              .arg(d.removed.size());
    ts << tr("  compiled         %1 -> %2  (%3 fresh in A compiled again in B, %4 compiled in A fresh in "
             "B)\n")
              .arg(d.a->summary.builtUnits)
              .arg(d.b->summary.builtUnits)
              .arg(d.rebuilt.size())
              .arg(d.nowFresh.size());
    ts << tr("\n  largest changes\n");
    for (std::size_t i = 0; i < std::min<std::size_t>(d.changed.size(), std::size_t(top)); ++i) {
        const UnitChange& c = d.changed[i];
        ts << QStringLiteral("  %1 %2 -> %3  %4\n")
                  .arg(formatSignedSeconds(c.delta()), 10)
                  .arg(formatSeconds(c.durationA), 9)
                  .arg(formatSeconds(c.durationB), 9)
                  .arg(b.units[std::size_t(c.b)].label());
    }
    auto list = [&](const QString& title, const TimingsRun& run, const std::vector<int>& units) {
        if (units.empty())
            return;
        ts << QStringLiteral("\n  %1\n").arg(title);
        for (std::size_t i = 0; i < std::min<std::size_t>(units.size(), std::size_t(top)); ++i) {
            const Unit& u = run.units[std::size_t(units[i])];
            ts << QStringLiteral("  %1  %2\n").arg(formatSeconds(u.duration), 10).arg(u.label());
        }
        if (units.size() > std::size_t(top))
            ts << tr("  ... and %1 more\n").arg(units.size() - std::size_t(top));
    };
    list(tr("fresh in A, compiled again in B"), b, d.rebuilt);
    list(tr("built only in B"), b, d.added);
    list(tr("built only in A"), a, d.removed);
    list(tr("joined the critical path in B"), b, d.joinedCriticalPath);
    list(tr("left the critical path in B"), a, d.leftCriticalPath);
    return out;
}

std::string timingsSetDiffJson(const TimingsSetDiff& d, const QStringList& filesA, const QStringList& filesB,
                               int indent)
{
    std::string out;
    JsonWriter w(out, indent);
    w.beginObject().field("kind", "timings-set-diff");
    w.key("a").beginArray();
    for (const QString& f : filesA)
        w.value(f);
    w.endArray();
    w.key("b").beginArray();
    for (const QString& f : filesB)
        w.value(f);
    w.endArray();
    w.field("test", "Welch's t-test, two-sided").field("alpha", d.alpha);
    w.field("total_delta_seconds", roundNs(d.wallMeanB - d.wallMeanA));
    w.key("wall")
        .beginObject()
        .field("mean_a", d.wallMeanA)
        .field("sd_a", d.wallSdA)
        .field("mean_b", d.wallMeanB)
        .field("sd_b", d.wallSdB)
        .field("p_value", d.wallPValue)
        .field("significant", d.wallSignificant)
        .endObject();
    w.key("units").beginArray();
    for (const UnitStats& u : d.units) {
        w.beginObject()
            .field("label", u.label)
            .field("key", u.key)
            .field("runs_a", u.runsA)
            .field("runs_b", u.runsB)
            .field("mean_a", u.meanA)
            .field("sd_a", u.sdA)
            .field("mean_b", u.meanB)
            .field("sd_b", u.sdB)
            .field("delta", roundNs(u.delta()))
            .field("p_value", u.pValue)
            .field("significant", u.significant)
            .endObject();
    }
    w.endArray();
    w.endObject();
    return out;
}

QString timingsSetDiffText(const TimingsSetDiff& d, int top)
{
    QString out;
    QTextStream ts(&out);
    ts << tr("%1 runs of A against %2 runs of B; a change counts when Welch's t-test gives p < %3\n")
              .arg(d.runsA)
              .arg(d.runsB)
              .arg(d.alpha);
    ts << tr("  wall time  %1 ± %2 -> %3 ± %4  (%5, p = %6)%7\n")
              .arg(formatSeconds(d.wallMeanA), formatSeconds(d.wallSdA), formatSeconds(d.wallMeanB),
                   formatSeconds(d.wallSdB), formatSignedSeconds(d.wallMeanB - d.wallMeanA))
              .arg(d.wallPValue, 0, 'g', 3)
              .arg(d.wallSignificant ? tr("  significant") : tr("  within the noise"));
    const auto significant =
        std::count_if(d.units.begin(), d.units.end(), [](const UnitStats& u) { return u.significant; });
    if (d.units.empty()) { // wall times only (hyperfine)
        ts << tr("  (wall times only: no unit times to compare)\n");
        ts.flush();
        return out;
    }
    ts << tr("\n  %1 of %2 units changed beyond the noise\n").arg(significant).arg(d.units.size());
    for (std::size_t i = 0; i < std::min<std::size_t>(std::size_t(significant), std::size_t(top)); ++i) {
        const UnitStats& u = d.units[i];
        ts << QStringLiteral("  %1  %2 ± %3 -> %4 ± %5  p=%6  %7\n")
                  .arg(formatSignedSeconds(u.delta()), 10)
                  .arg(formatSeconds(u.meanA), formatSeconds(u.sdA), formatSeconds(u.meanB),
                       formatSeconds(u.sdB))
                  .arg(u.pValue, 0, 'g', 2)
                  .arg(u.label);
    }
    return out;
}

std::string profileDiffJson(const ProfileDiff& d, int indent)
{
    std::string out;
    JsonWriter w(out, indent);
    w.beginObject().field("kind", "self-profile-diff");
    auto side = [&](const char* key, const SelfProfile& p) {
        w.key(key)
            .beginObject()
            .field("file", p.file)
            .field("crate", p.crate)
            .field("total_time_ns", static_cast<std::int64_t>(p.summary.totalTime))
            .endObject();
    };
    side("a", *d.a);
    side("b", *d.b);
    w.field("total_delta_ns", static_cast<std::int64_t>(d.totalDelta()));
    w.key("queries").beginArray();
    for (const QueryChange& q : d.queries) {
        w.beginObject()
            .field("label", q.label)
            .field("in_a", q.inA)
            .field("in_b", q.inB)
            .field("self_time_a_ns", static_cast<std::int64_t>(q.a.selfTime))
            .field("self_time_b_ns", static_cast<std::int64_t>(q.b.selfTime))
            .field("self_time_delta_ns", static_cast<std::int64_t>(q.selfTimeDelta()));
        if (q.a.selfTime != 0)
            w.field("self_time_change_percent", 100.0 * double(q.selfTimeDelta()) / double(q.a.selfTime));
        else
            w.key("self_time_change_percent").null();
        w.field("time_a_ns", static_cast<std::int64_t>(q.a.time))
            .field("time_b_ns", static_cast<std::int64_t>(q.b.time))
            .field("time_delta_ns", static_cast<std::int64_t>(q.timeDelta()))
            .field("invocations_a", static_cast<std::int64_t>(q.a.invocations))
            .field("invocations_b", static_cast<std::int64_t>(q.b.invocations))
            .field("invocations_delta", static_cast<std::int64_t>(q.invocationsDelta()))
            .field("cache_hits_a", static_cast<std::int64_t>(q.a.cacheHits))
            .field("cache_hits_b", static_cast<std::int64_t>(q.b.cacheHits))
            .field("cache_hits_delta", static_cast<std::int64_t>(q.cacheHitsDelta()))
            .endObject();
    }
    w.endArray();
    w.endObject();
    return out;
}

QString profileDiffText(const ProfileDiff& d, int top)
{
    QString out;
    QTextStream ts(&out);
    ts << tr("A  %1\nB  %2\n").arg(d.a->file, d.b->file);
    ts << tr("  total time  %1 -> %2  (%3, %4)\n")
              .arg(formatSeconds(double(d.totalA) / 1e9), formatSeconds(double(d.totalB) / 1e9),
                   formatSignedSeconds(double(d.totalDelta()) / 1e9),
                   formatPercentChange(double(d.totalA), double(d.totalB)));
    ts << tr("\n  self time change        self time A -> B      calls A -> B   query\n");
    for (std::size_t i = 0; i < std::min<std::size_t>(d.queries.size(), std::size_t(top)); ++i) {
        const QueryChange& q = d.queries[i];
        ts << QStringLiteral("  %1 %2  %3 -> %4  %5 -> %6  %7\n")
                  .arg(formatSignedSeconds(double(q.selfTimeDelta()) / 1e9), 10)
                  .arg(formatPercentChange(double(q.a.selfTime), double(q.b.selfTime)), 9)
                  .arg(formatSeconds(double(q.a.selfTime) / 1e9), 8)
                  .arg(formatSeconds(double(q.b.selfTime) / 1e9), 8)
                  .arg(q.a.invocations, 6)
                  .arg(q.b.invocations, 6)
                  .arg(q.label);
    }
    return out;
}

std::string sizeDiffJson(const SizeDiff& d, int indent)
{
    std::string out;
    JsonWriter w(out, indent);
    w.beginObject().field("kind", d.lines ? "llvm-lines-diff" : "binary-size-diff");
    w.field("unit", d.lines ? "lines" : "bytes");
    w.key("a")
        .beginObject()
        .field("file", d.a->file)
        .field("total", static_cast<std::size_t>(d.totalA))
        .field("file_size", static_cast<std::size_t>(d.fileSizeA))
        .endObject();
    w.key("b")
        .beginObject()
        .field("file", d.b->file)
        .field("total", static_cast<std::size_t>(d.totalB))
        .field("file_size", static_cast<std::size_t>(d.fileSizeB))
        .endObject();
    w.field("total_delta", static_cast<std::int64_t>(d.totalDelta()));
    w.field("file_size_delta", static_cast<std::int64_t>(d.fileSizeDelta()));
    w.field("moved_functions", d.moved);
    w.key("crates").beginArray();
    for (const CrateChange& c : d.crates)
        w.beginObject()
            .field("name", c.name)
            .field("a", static_cast<std::size_t>(c.sizeA))
            .field("b", static_cast<std::size_t>(c.sizeB))
            .field("delta", static_cast<std::int64_t>(c.delta()))
            .field("moved_in", static_cast<std::size_t>(c.movedIn))
            .field("moved_out", static_cast<std::size_t>(c.movedOut))
            .endObject();
    w.endArray();
    w.key("functions").beginArray();
    for (const FunctionChange& f : d.functions) {
        w.beginObject();
        if (!f.crate.isEmpty())
            w.field("crate", f.crate);
        w.field("name", f.name)
            .field("a", static_cast<std::size_t>(f.sizeA))
            .field("b", static_cast<std::size_t>(f.sizeB))
            .field("delta", static_cast<std::int64_t>(f.delta()))
            .field("copies_a", static_cast<std::size_t>(f.copiesA))
            .field("copies_b", static_cast<std::size_t>(f.copiesB))
            .field("status", f.moved()     ? "moved"
                             : f.added()   ? "added"
                             : f.removed() ? "removed"
                                           : "changed");
        if (!f.movedFrom.isEmpty())
            w.field("moved_from", f.movedFrom);
        if (!f.movedTo.isEmpty())
            w.field("moved_to", f.movedTo);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return out;
}

QString sizeDiffText(const SizeDiff& d, int top)
{
    QString out;
    QTextStream ts(&out);
    const bool lines = d.lines;
    auto amount = [lines](std::uint64_t v) {
        return lines ? QString::number(v) : formatBytes(v);
    };
    ts << tr("A  %1\nB  %2\n").arg(d.a->file, d.b->file);
    ts << (lines ? tr("  LLVM IR lines  %1 -> %2  (%3, %4)\n") : tr("  .text  %1 -> %2  (%3, %4)\n"))
              .arg(amount(d.totalA), amount(d.totalB), formatSignedAmount(d.totalDelta(), lines),
                   formatPercentChange(double(d.totalA), double(d.totalB)));
    if (d.fileSizeA > 0)
        ts << tr("  file   %1 -> %2  (%3, %4)\n")
                  .arg(formatBytes(d.fileSizeA), formatBytes(d.fileSizeB),
                       formatSignedAmount(d.fileSizeDelta(), false),
                       formatPercentChange(double(d.fileSizeA), double(d.fileSizeB)));
    if (d.moved > 0)
        ts << tr("  %1 functions only changed crate (attribution, not code): shown as moved\n").arg(d.moved);
    ts << tr("\n  crates\n");
    for (std::size_t i = 0; i < std::min<std::size_t>(d.crates.size(), std::size_t(top)); ++i) {
        const CrateChange& c = d.crates[i];
        if (c.delta() == 0)
            break;
        const QString moves = c.movedIn + c.movedOut == 0
                                  ? QString()
                                  : tr("  (moves: %1 in, %2 out)").arg(amount(c.movedIn), amount(c.movedOut));
        ts << QStringLiteral("  %1 %2  %3%4\n")
                  .arg(formatSignedAmount(c.delta(), lines), 11)
                  .arg(formatPercentChange(double(c.sizeA), double(c.sizeB)), 9)
                  .arg(c.name, moves);
    }
    ts << tr("\n  functions\n");
    for (std::size_t i = 0; i < std::min<std::size_t>(d.functions.size(), std::size_t(top)); ++i) {
        const FunctionChange& f = d.functions[i];
        const QString status = f.moved()     ? tr("moved")
                               : f.added()   ? tr("new")
                               : f.removed() ? tr("gone")
                                             : QString();
        ts << QStringLiteral("  %1 %2  %3  %4%5\n")
                  .arg(formatSignedAmount(f.delta(), lines).rightJustified(11), status.rightJustified(5),
                       f.crate.leftJustified(14), f.name,
                       !f.movedFrom.isEmpty() ? tr("  (from %1)").arg(f.movedFrom)
                       : !f.movedTo.isEmpty() ? tr("  (to %1)").arg(f.movedTo)
                                              : QString());
    }
    return out;
}

} // namespace bl
