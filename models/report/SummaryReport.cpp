#include "SummaryReport.h"

#include <QCoreApplication>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include <cmath>

namespace bl {

using nlohmann::ordered_json;

namespace {

std::string s(const QString& q) { return q.toStdString(); }

ordered_json unitRef(const Unit& u)
{
    return ordered_json{{"name", s(u.name)},         {"version", s(u.version)}, {"target", s(u.target)},
                        {"mode", s(u.mode)},         {"kind", s(unitKindKey(u.kind))},
                        {"start", u.start},          {"duration", u.duration}};
}

QString tr(const char* text) { return QCoreApplication::translate("bl", text); }

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

std::string timingsSummaryJson(const TimingsAnalysis& a, const QString& file, int indent)
{
    const TimingsRun& run = *a.run;
    const TimingsSummary& sum = a.summary;
    ordered_json j;
    j["kind"] = "cargo-timings";
    j["source"] = s(timingsSourceKey(run.source));
    j["file"] = s(file);
    j["rustc_version"] = s(run.rustcVersion);
    j["profile"] = s(run.profile);
    j["unit_count"] = run.units.size();
    j["total_seconds"] = sum.wallSeconds;

    ordered_json units = ordered_json::array();
    for (std::size_t i = 0; i < run.units.size(); ++i) {
        const Unit& u = run.units[i];
        ordered_json ju = unitRef(u);
        ju["id"] = u.id;
        ju["target_name"] = s(u.targetName);
        ju["features"] = ordered_json::array();
        for (const QString& f : u.features)
            ju["features"].push_back(s(f));
        if (u.rmetaTime)
            ju["rmeta_time"] = *u.rmetaTime;
        if (!u.sections.empty()) {
            ordered_json secs = ordered_json::array();
            for (const UnitSection& sec : u.sections)
                secs.push_back({{"name", s(sec.name)}, {"start", sec.start}, {"end", sec.end}});
            ju["sections"] = std::move(secs);
        }
        ju["fresh"] = u.fresh;
        if (!u.rebuildReason.isEmpty())
            ju["rebuild_reason"] = s(u.rebuildReason);
        ju["critical"] = a.onCriticalPath[i] != 0;
        ju["slack"] = a.dag.slack[i];
        ju["earliest_start"] = a.dag.earliestStart[i];
        units.push_back(std::move(ju));
    }
    j["units"] = std::move(units);

    ordered_json cp;
    cp["available"] = a.critical.available;
    cp["seconds"] = a.critical.seconds;
    cp["span_seconds"] = a.critical.spanSeconds;
    cp["units"] = ordered_json::array();
    for (int u : a.critical.units)
        cp["units"].push_back(unitRef(run.units[u]));
    j["critical_path"] = std::move(cp);
    j["longest_path_seconds"] = a.dag.longestPathSeconds;
    ordered_json longest = ordered_json::array();
    for (int u : a.dag.longestChain)
        longest.push_back(unitRef(run.units[u]));
    j["longest_path"] = std::move(longest);
    j["parallelism"] = std::round(sum.parallelism * 1e4) / 1e4;

    j["source_layout"] = s(run.layout);
    j["host"] = s(run.host);
    j["build_start"] = s(run.buildStart);
    j["jobs"] = run.jobs;
    j["ncpu"] = run.ncpu;
    j["fresh_units"] = sum.freshUnits;
    j["built_units"] = sum.builtUnits;
    j["sum_unit_seconds"] = sum.sumUnitSeconds;
    j["max_concurrency"] = sum.maxConcurrency;
    j["concurrency_derived"] = a.concurrencyDerived;
    j["concurrency_samples"] = a.concurrency.size();
    j["cpu_samples"] = run.cpu.size();
    j["build_script_seconds"] = sum.buildScriptSeconds;
    j["proc_macro_seconds"] = sum.procMacroSeconds;
    j["frontend_seconds"] = sum.frontendSeconds;
    j["codegen_seconds"] = sum.codegenSeconds;
    ordered_json byKind = ordered_json::array();
    for (const KindShare& k : sum.byKind)
        byKind.push_back({{"kind", s(unitKindKey(k.kind))}, {"units", k.units}, {"seconds", k.seconds}});
    j["by_kind"] = std::move(byKind);
    ordered_json slowest = ordered_json::array();
    for (int u : sum.slowest)
        slowest.push_back(unitRef(run.units[u]));
    j["slowest"] = std::move(slowest);
    j["starts_reconstructed"] = run.startsReconstructed;
    j["warnings"] = ordered_json::array();
    for (const QString& w : run.warnings)
        j["warnings"].push_back(s(w));
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

QString timingsSummaryText(const TimingsAnalysis& a, const QString& file)
{
    const TimingsRun& run = *a.run;
    const TimingsSummary& sum = a.summary;
    QString out;
    QTextStream ts(&out);
    auto pct = [&](double part) {
        return sum.sumUnitSeconds > 0 ? QStringLiteral("%1 %").arg(100.0 * part / sum.sumUnitSeconds, 0, 'f', 1)
                                      : QStringLiteral("-");
    };
    ts << file << "\n";
    ts << tr("  cargo timings (%1), %2 profile, %3\n")
              .arg(timingsSourceKey(run.source), run.profile.isEmpty() ? tr("unknown") : run.profile,
                   run.rustcVersion.isEmpty() ? tr("rustc version not recorded") : run.rustcVersion);
    ts << tr("  wall time            %1\n").arg(formatSeconds(sum.wallSeconds));
    ts << tr("  units                %1 (%2 built, %3 fresh)\n").arg(sum.unitCount).arg(sum.builtUnits).arg(sum.freshUnits);
    ts << tr("  sum of unit times    %1\n").arg(formatSeconds(sum.sumUnitSeconds));
    ts << tr("  parallelism          %1x (most units at once: %2)\n").arg(sum.parallelism, 0, 'f', 2).arg(sum.maxConcurrency);
    ts << tr("  build scripts        %1 (%2 of unit time)\n").arg(formatSeconds(sum.buildScriptSeconds), pct(sum.buildScriptSeconds));
    ts << tr("  proc macros          %1 (%2 of unit time)\n").arg(formatSeconds(sum.procMacroSeconds), pct(sum.procMacroSeconds));
    if (a.critical.available)
        ts << tr("  critical path        %1 over %2 units\n").arg(formatSeconds(a.critical.seconds)).arg(a.critical.units.size());
    else
        ts << tr("  critical path        not recorded by this kind of file\n");
    ts << tr("  longest path         %1 (with unlimited jobs)\n").arg(formatSeconds(a.dag.longestPathSeconds));
    ts << "\n" << tr("  slowest units\n");
    for (int u : sum.slowest) {
        const Unit& unit = run.units[u];
        ts << QStringLiteral("    %1  %2%3\n")
                  .arg(formatSeconds(unit.duration), 9)
                  .arg(unit.label())
                  .arg(a.onCriticalPath[u] ? tr("  [critical path]") : QString());
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

} // namespace bl
