#include "SummaryReport.h"

#include <QCoreApplication>
#include <QTextStream>

#include "../analysis/GraphQueries.h"
#include "../core/Tr.h"
#include "../itemmodels/SizeTableModels.h"
#include "JsonWriter.h"

#include <cmath>

namespace bl {

namespace {

void unitRef(JsonWriter& w, const Unit& u)
{
    w.beginObject()
        .field("name", u.name)
        .field("version", u.version)
        .field("target", u.target)
        .field("mode", u.mode)
        .field("kind", unitKindKey(u.kind))
        .field("start", u.start)
        .field("duration", u.duration)
        .endObject();
}

void stringList(JsonWriter& w, const QStringList& list)
{
    w.beginArray();
    for (const QString& s : list)
        w.value(s);
    w.endArray();
}

} // namespace

QString formatSeconds(double seconds)
{
    if (seconds >= 60.0) {
        const int minutes = static_cast<int>(seconds / 60.0);
        return QStringLiteral("%1 m %2 s").arg(minutes).arg(seconds - minutes * 60.0, 0, 'f', 1);
    }
    if (seconds >= 10.0)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(seconds, 0, 'f', 2);
}

QString formatNanoseconds(std::int64_t ns)
{
    const double v = static_cast<double>(ns);
    if (std::llabs(ns) >= 1'000'000'000)
        return QStringLiteral("%1 s").arg(v / 1e9, 0, 'f', 3);
    if (std::llabs(ns) >= 1'000'000)
        return QStringLiteral("%1 ms").arg(v / 1e6, 0, 'f', 3);
    if (std::llabs(ns) >= 1'000)
        return QStringLiteral("%1 µs").arg(v / 1e3, 0, 'f', 1);
    return QStringLiteral("%1 ns").arg(ns);
}

std::string timingsSummaryJson(const TimingsAnalysis& a, const QString& file, int indent)
{
    const TimingsRun& run = *a.run;
    const TimingsSummary& sum = a.summary;
    std::string out;
    out.reserve(1024 + run.units.size() * 700);
    JsonWriter w(out, indent);
    w.beginObject()
        .field("kind", "cargo-timings")
        .field("source", timingsSourceKey(run.source))
        .field("file", file)
        .field("rustc_version", run.rustcVersion)
        .field("profile", run.profile)
        .field("unit_count", run.units.size())
        .field("total_seconds", sum.wallSeconds);

    w.key("units").beginArray();
    for (std::size_t i = 0; i < run.units.size(); ++i) {
        const Unit& u = run.units[i];
        w.beginObject()
            .field("name", u.name)
            .field("version", u.version)
            .field("target", u.target)
            .field("mode", u.mode)
            .field("kind", unitKindKey(u.kind))
            .field("start", u.start)
            .field("duration", u.duration)
            .field("id", static_cast<std::int64_t>(u.id))
            .field("target_name", u.targetName);
        w.key("features");
        stringList(w, u.features);
        if (u.rmetaTime)
            w.field("rmeta_time", *u.rmetaTime);
        if (!u.sections.empty()) {
            w.key("sections").beginArray();
            for (const UnitSection& sec : u.sections)
                w.beginObject()
                    .field("name", sec.name)
                    .field("start", sec.start)
                    .field("end", sec.end)
                    .endObject();
            w.endArray();
        }
        w.field("fresh", u.fresh);
        if (!u.rebuildReason.isEmpty())
            w.field("rebuild_reason", u.rebuildReason);
        w.field("critical", a.onCriticalPath[i] != 0)
            .field("slack", a.dag.slack[i])
            .field("earliest_start", a.dag.earliestStart[i])
            .endObject();
    }
    w.endArray();

    w.key("critical_path")
        .beginObject()
        .field("available", a.critical.available)
        .field("seconds", a.critical.seconds)
        .field("span_seconds", a.critical.spanSeconds);
    w.key("units").beginArray();
    for (int u : a.critical.units)
        unitRef(w, run.units[u]);
    w.endArray().endObject();
    w.field("longest_path_seconds", a.dag.longestPathSeconds);
    w.key("longest_path").beginArray();
    for (int u : a.dag.longestChain)
        unitRef(w, run.units[u]);
    w.endArray();
    w.field("parallelism", std::round(sum.parallelism * 1e4) / 1e4)
        .field("source_layout", run.layout)
        .field("host", run.host)
        .field("build_start", run.buildStart)
        .field("jobs", run.jobs)
        .field("ncpu", run.ncpu)
        .field("fresh_units", sum.freshUnits)
        .field("built_units", sum.builtUnits)
        .field("sum_unit_seconds", sum.sumUnitSeconds)
        .field("max_concurrency", sum.maxConcurrency)
        .field("concurrency_derived", a.concurrencyDerived)
        .field("concurrency_samples", a.concurrency.size())
        .field("cpu_samples", run.cpu.size())
        .field("build_script_seconds", sum.buildScriptSeconds)
        .field("proc_macro_seconds", sum.procMacroSeconds)
        .field("frontend_seconds", sum.frontendSeconds)
        .field("codegen_seconds", sum.codegenSeconds);
    w.key("outside_units")
        .beginObject()
        .field("before_first_unit_seconds", sum.beforeFirstUnitSeconds)
        .field("gap_seconds", sum.gapSeconds)
        .field("seconds", roundNs(sum.outsideUnitsSeconds()))
        .endObject();
    w.key("by_kind").beginArray();
    for (const KindShare& k : sum.byKind)
        w.beginObject()
            .field("kind", unitKindKey(k.kind))
            .field("units", k.units)
            .field("seconds", k.seconds)
            .endObject();
    w.endArray();
    w.key("slowest").beginArray();
    for (int u : sum.slowest)
        unitRef(w, run.units[u]);
    w.endArray();
    w.key("job_slots")
        .beginObject()
        .field("jobs", run.jobs)
        .field("full_seconds", sum.slotsFullSeconds)
        .field("full_share", std::round(sum.slotsFullShare * 1e4) / 1e4)
        .field("limited", sum.jobLimited)
        .endObject();
    w.field("starts_reconstructed", run.startsReconstructed);
    w.key("warnings");
    stringList(w, run.warnings);
    w.endObject();
    return out;
}

QString jobSlotsVerdict(const TimingsAnalysis& a)
{
    const TimingsSummary& sum = a.summary;
    const QString share = QStringLiteral("%1 %").arg(100.0 * sum.slotsFullShare, 0, 'f', 0);
    if (sum.builtUnits <= 1)
        return {};
    if (a.run->startsReconstructed)
        return tr("the file records no start times, so whether job slots or dependencies set the pace cannot "
                  "be told");
    if (a.run->jobs > 0 && sum.jobLimited)
        return tr("limited by job slots: every slot busy with units waiting %1 of the time").arg(share);
    if (a.run->jobs > 0)
        return tr("paced by the dependency chain: every slot busy with units waiting only %1 of the time")
            .arg(share);
    return tr("units waited for a job slot %1 of the time").arg(share);
}

QString jobSlotsText(const TimingsAnalysis& a)
{
    const int jobs = a.run->jobs;
    const QString count = jobs > 0 ? QStringLiteral("%1 (-j%1)").arg(jobs) : tr("not recorded");
    const QString verdict = jobSlotsVerdict(a);
    return verdict.isEmpty() ? count : count + QStringLiteral("; ") + verdict;
}

QString criticalPathReason(const TimingsAnalysis& a, int unit)
{
    const Unit& u = a.run->units[static_cast<std::size_t>(unit)];
    if (u.fresh)
        return tr("Fresh: cargo did not build it again.");
    if (a.onCriticalPath[static_cast<std::size_t>(unit)])
        return tr(
            "On the critical path: the build waited for it, so it ending sooner would end the build sooner.");
    const double slack = unit < int(a.dag.slack.size()) ? a.dag.slack[static_cast<std::size_t>(unit)] : 0.0;
    QString why =
        tr("Not on the critical path: it could have taken %1 longer (its slack) without making the build "
           "longer, because other units it did not depend on took longer.")
            .arg(formatSeconds(slack));
    if (a.summary.jobLimited)
        why += QLatin1Char(' ') + tr("This build was limited by its %1 job slots rather than by any chain of "
                                     "units: more jobs would shorten it more than a faster unit.")
                                      .arg(a.run->jobs);
    return why;
}

QString timingsSummaryText(const TimingsAnalysis& a, const QString& file)
{
    const TimingsRun& run = *a.run;
    const TimingsSummary& sum = a.summary;
    QString out;
    QTextStream ts(&out);
    auto pct = [&](double part) {
        return sum.sumUnitSeconds > 0
                   ? QStringLiteral("%1 %").arg(100.0 * part / sum.sumUnitSeconds, 0, 'f', 1)
                   : QStringLiteral("-");
    };
    ts << file << "\n";
    ts << tr("  cargo timings (%1), %2 profile, %3\n")
              .arg(timingsSourceKey(run.source), run.profile.isEmpty() ? tr("unknown") : run.profile,
                   run.rustcVersion.isEmpty() ? tr("rustc version not recorded") : run.rustcVersion);
    ts << tr("  wall time            %1\n").arg(formatSeconds(sum.wallSeconds));
    ts << tr("  units                %1 (%2 built, %3 fresh)\n")
              .arg(sum.unitCount)
              .arg(sum.builtUnits)
              .arg(sum.freshUnits);
    ts << tr("  sum of unit times    %1\n").arg(formatSeconds(sum.sumUnitSeconds));
    ts << tr("  parallelism          %1x (most units at once: %2)\n")
              .arg(sum.parallelism, 0, 'f', 2)
              .arg(sum.maxConcurrency);
    ts << tr("  jobs                 %1\n").arg(jobSlotsText(a));
    ts << tr("  outside units        %1 (%2 before the first unit, %3 in gaps)\n")
              .arg(formatSeconds(sum.outsideUnitsSeconds()), formatSeconds(sum.beforeFirstUnitSeconds),
                   formatSeconds(sum.gapSeconds));
    ts << tr("  build scripts        %1 (%2 of unit time)\n")
              .arg(formatSeconds(sum.buildScriptSeconds), pct(sum.buildScriptSeconds));
    ts << tr("  proc macros          %1 (%2 of unit time)\n")
              .arg(formatSeconds(sum.procMacroSeconds), pct(sum.procMacroSeconds));
    if (a.critical.available)
        ts << tr("  critical path        %1 over %2 units\n")
                  .arg(formatSeconds(a.critical.seconds))
                  .arg(a.critical.units.size());
    else
        ts << tr("  critical path        not recorded by this kind of file\n");
    ts << tr("  longest path         %1 (with unlimited jobs)\n")
              .arg(formatSeconds(a.dag.longestPathSeconds));
    ts << "\n" << tr("  slowest units\n");
    for (int u : sum.slowest) {
        const Unit& unit = run.units[u];
        ts << QStringLiteral("    %1  %2%3\n")
                  .arg(formatSeconds(unit.duration).rightJustified(9), unit.label(),
                       a.onCriticalPath[u] ? tr("  [critical path]") : QString());
    }
    if (a.critical.available && !a.critical.units.empty()) {
        ts << "\n" << tr("  critical path, first unit first\n");
        for (int u : a.critical.units) {
            const Unit& unit = run.units[u];
            ts << QStringLiteral("    %1 +%2  %3\n")
                      .arg(formatSeconds(unit.start), 9)
                      .arg(formatSeconds(unit.duration), -9)
                      .arg(unit.label());
        }
    }
    for (const QString& w : run.warnings)
        ts << tr("  note: %1\n").arg(w);
    return out;
}

namespace {

void writeProfile(JsonWriter& w, const SelfProfile& p, const QString& file)
{
    w.beginObject()
        .field("kind", "self-profile")
        .field("file", file)
        .field("crate", p.crate)
        .field("pid", static_cast<std::int64_t>(p.pid))
        .field("events", static_cast<std::size_t>(p.eventCount))
        .field("threads", p.threadIds.size())
        .field("total_time_ns", static_cast<std::int64_t>(p.summary.totalTime));
    w.key("queries").beginArray();
    for (const QueryStats& q : p.summary.queries)
        w.beginObject()
            .field("label", q.label)
            .field("self_time_ns", static_cast<std::int64_t>(q.selfTime))
            .field("time_ns", static_cast<std::int64_t>(q.time))
            .field("invocations", static_cast<std::size_t>(q.invocations))
            .field("cache_hits", static_cast<std::size_t>(q.cacheHits))
            .field("cache_misses", static_cast<std::size_t>(q.cacheMisses))
            .field("blocked_time_ns", static_cast<std::int64_t>(q.blockedTime))
            .field("incremental_load_time_ns", static_cast<std::int64_t>(q.incrementalLoadTime))
            .field("incremental_hashing_time_ns", static_cast<std::int64_t>(q.incrementalHashingTime))
            .endObject();
    w.endArray();
    w.key("artifact_sizes").beginArray();
    for (const ArtifactSize& a : p.summary.artifactSizes)
        w.beginObject().field("label", a.label).field("value", static_cast<std::size_t>(a.value)).endObject();
    w.endArray();
    w.field("source", p.source)
        .field("format_version", p.formatVersion)
        .field("start_time_ns", static_cast<std::size_t>(p.startTimeNs))
        .field("counter", p.counter)
        .field("interval_events", static_cast<std::size_t>(p.intervalEvents))
        .field("integer_events", static_cast<std::size_t>(p.integerEvents))
        .field("instant_events", static_cast<std::size_t>(p.instantEvents));
    w.key("thread_ids").beginArray();
    for (std::uint32_t t : p.threadIds)
        w.value(static_cast<std::int64_t>(t));
    w.endArray();
    w.key("warnings");
    stringList(w, p.warnings);
    w.endObject();
}

QString nsText(std::int64_t ns)
{
    if (std::llabs(ns) >= 1'000'000'000)
        return QStringLiteral("%1 s").arg(ns / 1e9, 0, 'f', 3);
    return QStringLiteral("%1 ms").arg(ns / 1e6, 0, 'f', 3);
}

} // namespace

std::string selfProfileSummaryJson(const SelfProfile& profile, const QString& file, int indent)
{
    std::string out;
    out.reserve(4096 + profile.summary.queries.size() * 300);
    JsonWriter w(out, indent);
    writeProfile(w, profile, file);
    return out;
}

std::string selfProfileSetSummaryJson(const SelfProfileSet& set, const QString& path, int indent)
{
    std::string out;
    JsonWriter w(out, indent);
    w.beginObject()
        .field("kind", "self-profile-set")
        .field("directory", path)
        .field("count", set.profiles.size());
    w.key("profiles").beginArray();
    for (const auto& p : set.profiles)
        writeProfile(w, *p, p->file);
    w.endArray();
    w.key("warnings");
    stringList(w, set.warnings);
    w.endObject();
    return out;
}

QString selfProfileSummaryText(const SelfProfile& p, const QString& file)
{
    QString out;
    QTextStream ts(&out);
    ts << file << "\n";
    ts << tr("  rustc self-profile of %1 (pid %2), %3\n")
              .arg(p.crate.isEmpty() ? tr("an unknown crate") : p.crate, QString::number(p.pid),
                   p.source == QLatin1String("mm_profdata") ? tr("measureme format %1").arg(p.formatVersion)
                                                            : p.source);
    ts << tr("  total time           %1 over %2 thread(s)\n")
              .arg(nsText(p.summary.totalTime))
              .arg(p.threadIds.size());
    ts << tr("  events               %1 (%2 intervals, %3 integers, %4 instants)\n")
              .arg(p.eventCount)
              .arg(p.intervalEvents)
              .arg(p.integerEvents)
              .arg(p.instantEvents);
    ts << tr("  labels               %1\n").arg(p.summary.queries.size());
    ts << "\n"
       << tr("  %1 %2 %3 %4  %5\n")
              .arg(tr("self time"), 12)
              .arg(tr("% total"), 8)
              .arg(tr("calls"), 8)
              .arg(tr("hits"), 8)
              .arg(tr("query / activity"));
    const std::size_t shown = std::min<std::size_t>(p.summary.queries.size(), 25);
    for (std::size_t i = 0; i < shown; ++i) {
        const QueryStats& q = p.summary.queries[i];
        const double pct =
            p.summary.totalTime > 0 ? 100.0 * double(q.selfTime) / double(p.summary.totalTime) : 0.0;
        ts << QStringLiteral("  %1 %2 %3 %4  %5\n")
                  .arg(nsText(q.selfTime), 12)
                  .arg(QStringLiteral("%1 %").arg(pct, 0, 'f', 1), 8)
                  .arg(q.invocations, 8)
                  .arg(q.cacheHits, 8)
                  .arg(q.label);
    }
    if (p.summary.queries.size() > shown)
        ts << tr("  ... %1 more (--json lists all)\n").arg(p.summary.queries.size() - shown);
    for (const QString& w : p.warnings)
        ts << tr("  note: %1\n").arg(w);
    return out;
}

std::string sizeReportJson(const SizeReport& r, const QString& file, int indent)
{
    std::string out;
    out.reserve(4096 + r.functions.size() * 160);
    JsonWriter w(out, indent);
    w.beginObject();
    if (r.isLlvmLines()) {
        w.field("kind", "llvm-lines")
            .field("file", file)
            .field("total_lines", static_cast<std::size_t>(r.totalLines))
            .field("total_copies", static_cast<std::size_t>(r.totalCopies));
        w.key("functions").beginArray();
        for (const FunctionSize& f : r.functions)
            w.beginObject()
                .field("name", f.name)
                .field("lines", static_cast<std::size_t>(f.size))
                .field("copies", static_cast<std::size_t>(f.copies))
                .endObject();
        w.endArray();
        w.key("crates").beginArray();
        for (const CrateSize& c : r.crates)
            w.beginObject()
                .field("name", c.name)
                .field("lines", static_cast<std::size_t>(c.size))
                .field("functions", static_cast<std::size_t>(c.symbols))
                .endObject();
        w.endArray();
    } else {
        const bool elf = r.source == QLatin1String("elf");
        w.field("kind", "binary-size")
            .field("file", file)
            .field("source", r.source)
            .field("file_size", static_cast<std::size_t>(r.fileSize))
            .field("text_size", static_cast<std::size_t>(r.textSize));
        w.key("sections").beginArray();
        for (const SizeSection& s : r.sections)
            w.beginObject().field("name", s.name).field("size", static_cast<std::size_t>(s.size)).endObject();
        w.endArray();
        w.key("crates").beginArray();
        for (const CrateSize& c : r.crates) {
            w.beginObject().field("name", c.name).field("size", static_cast<std::size_t>(c.size));
            if (elf || c.symbols > 0)
                w.field("symbols", static_cast<std::size_t>(c.symbols));
            w.endObject();
        }
        w.endArray();
        w.key("functions").beginArray();
        for (const FunctionSize& f : r.functions) {
            w.beginObject();
            if (!f.crate.isEmpty())
                w.field("crate", f.crate);
            if (f.crateGuessed)
                w.field("crate_guessed", true);
            w.field("name", f.name).field("size", static_cast<std::size_t>(f.size)).endObject();
        }
        w.endArray();
        if (elf)
            w.field("stripped", r.stripped)
                .field("attribution", r.attribution)
                .field("rlibs", r.rlibs)
                .field("sysroot", r.sysroot);
    }
    w.key("warnings");
    stringList(w, r.warnings);
    w.endObject();
    return out;
}

QString sizeReportText(const SizeReport& r, const QString& file)
{
    QString out;
    QTextStream ts(&out);
    ts << file << "\n";
    if (r.isLlvmLines()) {
        ts << tr("  LLVM IR lines        %1 in %2 copies of %3 functions\n")
                  .arg(r.totalLines)
                  .arg(r.totalCopies)
                  .arg(r.functions.size());
        for (std::size_t i = 0; i < std::min<std::size_t>(r.functions.size(), 20); ++i) {
            const FunctionSize& f = r.functions[i];
            ts << QStringLiteral("  %1 %2  %3\n").arg(f.size, 8).arg(f.copies, 6).arg(f.name);
        }
    } else {
        ts << tr("  file %1, .text %2 (%3)\n")
                  .arg(formatBytes(r.fileSize), formatBytes(r.textSize), r.source);
        if (r.source == QLatin1String("elf") && !r.stripped)
            ts << (r.rlibs == 0 && r.attribution == QLatin1String("layout")
                       ? tr("  crates rebuilt from the binary alone (no rlibs beside it): which symbols were "
                            "global in their object, and where each crate's code sits in .text\n")
                   : r.rlibs == 0 && r.attribution == QLatin1String("v0")
                       ? tr("  crates read from the v0 symbol names (no rlibs beside the binary): each "
                            "generic "
                            "in the crate that instantiated it\n")
                   : r.rlibs == 0 ? tr("  crates guessed from the symbol names: no rlibs beside the binary\n")
                   : r.sysroot.isEmpty()
                       ? QCoreApplication::translate(
                             "bl", "  crates from the exports of the build's %n rlib(s)\n", nullptr, r.rlibs)
                       : QCoreApplication::translate(
                             "bl",
                             "  crates from the exports of the build's %n rlib(s) and the toolchain's\n",
                             nullptr, r.rlibs));

        for (std::size_t i = 0; i < std::min<std::size_t>(r.crates.size(), 20); ++i) {
            const CrateSize& c = r.crates[i];
            const double pct = r.textSize ? 100.0 * double(c.size) / double(r.textSize) : 0.0;
            ts << QStringLiteral("  %1 %2  %3\n")
                      .arg(formatBytes(c.size), 10)
                      .arg(QStringLiteral("%1 %").arg(pct, 0, 'f', 1), 7)
                      .arg(c.name);
        }
    }
    for (const QString& w : r.warnings)
        ts << tr("  note: %1\n").arg(w);
    return out;
}

namespace {

void rebuildUnitJson(JsonWriter& w, const Unit& u)
{
    w.beginObject()
        .field("name", u.name)
        .field("version", u.version)
        .field("kind", unitKindKey(u.kind))
        .field("target", u.targetName)
        .field("mode",
               u.mode == QLatin1String("todo") ? QStringLiteral("build") : u.mode) // cargo's HTML placeholder
        .field("label", u.label())
        .field("seconds", roundNs(u.duration))
        .endObject();
}

} // namespace

std::string rebuildsJson(const RebuildAnalysis& a, const QStringList& files, int indent)
{
    std::string out;
    JsonWriter w(out, indent);
    const auto& units = a.run->units;
    w.beginObject().field("kind", "rebuilds");
    w.key("files");
    stringList(w, files);
    w.field("source", timingsSourceKey(a.run->source))
        .field("rebuilt", a.rebuilt)
        .field("fresh", a.fresh)
        .field("seconds", roundNs(a.seconds))
        .field("headline", rebuildHeadline(a));
    if (a.criticalPathSeconds >= 0)
        w.field("critical_path_seconds", roundNs(a.criticalPathSeconds));
    w.key("roots").beginArray();
    for (const RebuildCascade& c : a.roots) {
        const Unit& root = units[std::size_t(c.root)];
        w.beginObject();
        w.key("unit");
        rebuildUnitJson(w, root);
        w.key("cause")
            .beginObject()
            .field("kind", rebuildCauseKey(root.rebuildCause))
            .field("detail", root.rebuildDetail)
            .endObject();
        w.key("dirtied").beginArray();
        for (const auto& [unit, via] : c.dirtied) {
            w.beginObject();
            w.key("unit");
            rebuildUnitJson(w, units[std::size_t(unit)]);
            w.key("via");
            rebuildUnitJson(w, units[std::size_t(via)]);
            w.endObject();
        }
        w.endArray();
        w.field("units", 1 + c.dirtied.size()).field("seconds", roundNs(c.seconds));
        if (c.criticalSeconds >= 0)
            w.field("critical_path_seconds", roundNs(c.criticalSeconds))
                .field("critical_path_units", c.criticalUnits);
        w.endObject();
    }
    w.endArray();
    w.key("warnings");
    stringList(w, a.run->warnings);
    w.endObject();
    return out;
}

QString rebuildsText(const RebuildAnalysis& a, const QStringList& files)
{
    const auto& units = a.run->units;
    QString text = files.join(QStringLiteral(", ")) + QLatin1Char('\n');
    text += QStringLiteral("  %1\n").arg(rebuildHeadline(a));
    const bool timed = a.seconds > 0;
    auto seconds = [&](double s) {
        return timed ? QStringLiteral("  %1").arg(formatSeconds(s)) : QString();
    };
    for (const RebuildCascade& c : a.roots) {
        const Unit& root = units[std::size_t(c.root)];
        QString cause = rebuildCauseKey(root.rebuildCause);
        if (!root.rebuildDetail.isEmpty())
            cause += QStringLiteral(": ") + root.rebuildDetail;
        text += QStringLiteral("\n  %1 (%2)%3\n").arg(root.label(), cause, seconds(root.duration));
        // depth from the root, for the indentation of the tree
        std::vector<std::pair<int, int>> depth{{c.root, 0}};
        for (const auto& [unit, via] : c.dirtied) {
            int d = 1;
            for (const auto& [u, dd] : depth)
                if (u == via)
                    d = dd + 1;
            depth.push_back({unit, d});
            text += tr("  %1└ %2 (after %3)%4\n")
                        .arg(QString(2 * d, QLatin1Char(' ')), units[std::size_t(unit)].label(),
                             units[std::size_t(via)].label(), seconds(units[std::size_t(unit)].duration));
        }
        if (!c.dirtied.empty())
            text +=
                tr("    %n unit(s) in all%1\n", nullptr, int(1 + c.dirtied.size())).arg(seconds(c.seconds));
        if (c.criticalSeconds > 0)
            text += tr("    on the critical path: %1 of %2 (%n unit(s))\n", nullptr, c.criticalUnits)
                        .arg(formatSeconds(c.criticalSeconds), formatSeconds(a.criticalPathSeconds));
    }
    for (const QString& warning : a.run->warnings)
        text += QStringLiteral("  note: %1\n").arg(warning);
    return text;
}

std::string whatIfJson(const TimingsAnalysis& observed, const Schedule& replayed, const Schedule& predicted,
                       const QStringList& changes, const WhatIfSource& source, int indent)
{
    std::string out;
    JsonWriter w(out, indent);
    const auto& units = observed.run->units;
    w.beginObject().field("kind", "whatif").field("file", observed.run->file);
    w.key("changes");
    stringList(w, changes);
    w.field("observed_seconds", roundNs(observed.summary.wallSeconds))
        .field("replayed_seconds", roundNs(replayed.wallSeconds))
        .field("replay_error",
               observed.summary.wallSeconds > 0
                   ? (replayed.wallSeconds - observed.summary.wallSeconds) / observed.summary.wallSeconds
                   : 0.0)
        .field("observed_reconstructed", observed.run->startsReconstructed)
        .field("predicted_seconds", roundNs(predicted.wallSeconds))
        .field("delta_seconds", roundNs(predicted.wallSeconds - replayed.wallSeconds))
        .field("jobs", predicted.jobs)
        .field("cpus", predicted.cpus)
        .field("shares_cores", predicted.sharesCores)
        .field("cpu_samples", predicted.cpuMeasured)
        .field("dependency_graph", !source.metadataFile.isEmpty()  ? "cargo metadata"
                                   : predicted.usesDependencyGraph ? "real"
                                   : predicted.releaseEdges        ? "release edges"
                                                                   : "none");
    if (!source.metadataFile.isEmpty())
        w.key("metadata")
            .beginObject()
            .field("file", source.metadataFile)
            .field("matched_units", source.matchedUnits)
            .field("unmatched_units", source.unmatchedUnits)
            .field("contradicted_edges", source.contradicted)
            .endObject();
    w.field("contention", std::round(predicted.contention * 1e4) / 1e4);
    if (!source.calibrationFiles.isEmpty()) {
        const auto& errors = source.calibrationErrors;
        auto error = [&](std::size_t i) {
            return i < errors.size() ? std::round(errors[i] * 1e4) / 1e4 : 0.0;
        };
        w.key("calibration")
            .beginObject()
            .field("file", source.calibrationFiles.front())
            .field("contention", std::round(predicted.contention * 1e4) / 1e4)
            .field("error_this", error(0))
            .field("error_other", error(1));
        w.key("files").beginArray();
        for (const QString& f : source.calibrationFiles)
            w.value(f);
        w.endArray();
        w.key("errors").beginArray();
        w.beginObject().field("file", observed.run->file).field("error", error(0)).endObject();
        for (qsizetype i = 0; i < source.calibrationFiles.size(); ++i)
            w.beginObject()
                .field("file", source.calibrationFiles[i])
                .field("error", error(std::size_t(i) + 1))
                .endObject();
        w.endArray().endObject();
    }
    w.key("critical_path").beginObject().field("seconds", roundNs(predicted.criticalSeconds));
    w.key("units").beginArray();
    for (int u : predicted.criticalPath)
        w.value(scheduledLabel(*observed.run, predicted, u));
    w.endArray().endObject();
    w.key("units").beginArray();
    for (std::size_t i = 0; i < predicted.units.size(); ++i) {
        // a split unit's second part is not in the capture: no replayed or observed start
        const std::size_t own = i < units.size() ? i : std::size_t(predicted.splitFrom[i - units.size()]);
        if (units[own].fresh)
            continue;
        const ScheduledUnit& p = predicted.units[i];
        w.beginObject()
            .field("label", scheduledLabel(*observed.run, predicted, static_cast<int>(i)))
            .field("start", roundNs(p.start))
            .field("duration", roundNs(p.duration))
            .field("end", roundNs(p.end()));
        if (i < units.size())
            w.field("replayed_start", roundNs(replayed.units[i].start))
                .field("observed_start", roundNs(units[i].start))
                .field("observed_duration", roundNs(units[i].duration));
        w.endObject();
    }
    w.endArray().endObject();
    return out;
}

QString whatIfText(const TimingsAnalysis& observed, const Schedule& replayed, const Schedule& predicted,
                   const QStringList& changes, const WhatIfSource& source)
{
    const double obs = observed.summary.wallSeconds;
    QString text = observed.run->file + QLatin1Char('\n');
    if (observed.run->startsReconstructed)
        text += tr("  laid out    %1  (the file records no start times: BuildLens laid the units out in the "
                   "order they finished; nothing observed to replay)\n")
                    .arg(formatSeconds(obs));
    else
        text += tr("  observed    %1\n").arg(formatSeconds(obs));
    text += tr("  replayed    %1  (%2%3 of the observed, -j%4, %5)\n")
                .arg(formatSeconds(replayed.wallSeconds))
                .arg(replayed.wallSeconds >= obs ? QStringLiteral("+") : QString())
                .arg(obs > 0 ? QStringLiteral("%1 %").arg(100 * (replayed.wallSeconds - obs) / obs, 0, 'f', 1)
                             : QString())
                .arg(replayed.jobs)
                .arg(!source.metadataFile.isEmpty()
                         ? tr("dependencies from cargo metadata: %1 of %2 built units matched")
                               .arg(source.matchedUnits)
                               .arg(source.matchedUnits + source.unmatchedUnits)
                     : replayed.usesDependencyGraph ? tr("real dependencies")
                     : replayed.releaseEdges        ? tr("release edges")
                                                    : tr("no dependencies recorded"));
    if (!changes.isEmpty()) {
        const double delta = predicted.wallSeconds - replayed.wallSeconds;
        text += tr("  predicted   %1  (%2%3 against the replay) with %4\n")
                    .arg(formatSeconds(predicted.wallSeconds), delta >= 0 ? QStringLiteral("+") : QString(),
                         formatSeconds(delta), changes.join(QStringLiteral(", ")));
    }
    if (!source.calibrationFiles.isEmpty()) {
        double worst = 0;
        for (double e : source.calibrationErrors)
            worst = std::max(worst, std::abs(e));
        text +=
            tr("  contention  %1 more work with one unit beside it, fitted with %2 (each capture predicted "
               "from the others within %3 %)\n")
                .arg(QStringLiteral("%1 %").arg(100 * predicted.contention, 0, 'f', 1),
                     source.calibrationFiles.join(QStringLiteral(", ")),
                     QString::number(100 * worst, 'f', 1));
    }
    if (predicted.sharesCores)
        text += tr("  cores       %1, shared by the running units (%2)\n")
                    .arg(predicted.cpus)
                    .arg(predicted.cpuMeasured ? tr("each unit's share from the capture's CPU samples")
                                               : tr("one core per unit: the capture has no CPU samples"));
    else
        text += tr("  cores       not recorded: every unit takes its captured time\n");
    text += tr("  critical path %1:").arg(formatSeconds(predicted.criticalSeconds));
    QStringList chain;
    for (int u : predicted.criticalPath)
        chain << scheduledLabel(*observed.run, predicted, u);
    text += QLatin1Char(' ') + chain.join(QStringLiteral(" → ")) + QLatin1Char('\n');
    return text;
}

std::string benchmarkJson(const Benchmark& benchmark, const QString& file, int indent)
{
    std::string out;
    JsonWriter w(out, indent);
    w.beginObject().field("kind", "benchmark").field("file", file);
    w.key("results").beginArray();
    for (const Benchmark::Result& r : benchmark.results) {
        w.beginObject()
            .field("command", r.command)
            .field("name", r.name)
            .field("runs", r.times.size())
            .field("mean", r.mean)
            .field("stddev", r.stddev)
            .field("median", r.median)
            .field("min", r.min)
            .field("max", r.max);
        w.key("times").beginArray();
        for (double t : r.times)
            w.value(t);
        w.endArray().endObject();
    }
    w.endArray().endObject();
    return out;
}

QString benchmarkText(const Benchmark& benchmark, const QString& file)
{
    QString text =
        tr("%1: hyperfine results, %n command(s)\n", nullptr, int(benchmark.results.size())).arg(file);
    for (const Benchmark::Result& r : benchmark.results) {
        text += QStringLiteral("%1\n").arg(r.seriesName());
        if (!r.name.isEmpty() && r.name != r.command)
            text += QStringLiteral("  %1\n").arg(r.command);
        text += tr("  %n run(s): %1 ± %2   [%3 … %4]   median %5\n", nullptr, int(r.times.size()))
                    .arg(formatSeconds(r.mean), formatSeconds(r.stddev), formatSeconds(r.min),
                         formatSeconds(r.max), formatSeconds(r.median));
    }
    return text;
}

std::string depGraphJson(const DepGraph& g, const QString& file, int indent)
{
    std::string out;
    JsonWriter w(out, indent);
    w.beginObject()
        .field("kind", "cargo-metadata")
        .field("file", file)
        .field("packages", g.packages.size())
        .field("edges", g.edges.size());
    w.key("workspace_members").beginArray();
    for (int m : g.members)
        w.value(g.packages[static_cast<std::size_t>(m)].name);
    w.endArray();
    w.key("duplicates").beginArray();
    for (const Duplicate& d : duplicates(g)) {
        w.beginObject().field("name", d.name);
        w.key("versions");
        stringList(w, d.versions);
        w.endObject();
    }
    w.endArray();
    w.field("max_depth", maxDepth(g));
    w.field("workspace_root", g.workspaceRoot);
    w.key("warnings");
    stringList(w, g.warnings);
    w.endObject();
    return out;
}

QString depGraphText(const DepGraph& g, const QString& file)
{
    QString out;
    QTextStream ts(&out);
    ts << file << "\n";
    QStringList members;
    for (int m : g.members)
        members << g.packages[static_cast<std::size_t>(m)].name;
    ts << tr("  cargo metadata: %1 packages, %2 dependency edges, deepest chain %3\n")
              .arg(g.packages.size())
              .arg(g.edges.size())
              .arg(maxDepth(g));
    ts << tr("  workspace members    %1\n").arg(members.join(QStringLiteral(", ")));
    const auto dups = duplicates(g);
    if (dups.empty())
        ts << tr("  no crate in more than one version\n");
    for (const Duplicate& d : dups)
        ts << tr("  duplicate            %1 %2\n").arg(d.name, d.versions.join(QStringLiteral(", ")));
    return out;
}

} // namespace bl
