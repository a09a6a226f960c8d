#pragma once

#include "../analysis/Rebuilds.h"
#include "../analysis/Schedule.h"
#include "../analysis/TimingsAnalysis.h"
#include "../core/Benchmark.h"
#include "../core/DepGraph.h"
#include "../core/SelfProfile.h"
#include "../core/SizeReport.h"

#include <QString>

#include <string>

namespace bl {

// The `buildlens summary FILE --json` object for a timings capture (shape documented in README.md).
std::string timingsSummaryJson(const TimingsAnalysis& analysis, const QString& file, int indent = 2);

// The human-readable `buildlens summary FILE`.
QString timingsSummaryText(const TimingsAnalysis& analysis, const QString& file);

// "2 (-j2); limited by job slots: all 2 busy with units waiting 71 % of the time": the job count and whether
// the slots or the dependency chain set the build's length.
QString jobSlotsText(const TimingsAnalysis& analysis);
// The part after the count: "limited by job slots: ...", "paced by the dependency chain: ..." (empty for a
// build of one unit or none).
QString jobSlotsVerdict(const TimingsAnalysis& analysis);

// Why a unit is on the critical path or not, in a sentence (slack, and the job slots when they set the pace).
QString criticalPathReason(const TimingsAnalysis& analysis, int unit);

// `buildlens summary PROFILE --json` for a self-profile, and for a directory of them.
std::string selfProfileSummaryJson(const SelfProfile& profile, const QString& file, int indent = 2);
std::string selfProfileSetSummaryJson(const SelfProfileSet& set, const QString& path, int indent = 2);
QString selfProfileSummaryText(const SelfProfile& profile, const QString& file);

// `buildlens summary BINARY|BLOAT.json|LLVM-LINES.txt --json`, and as text.
std::string sizeReportJson(const SizeReport& report, const QString& file, int indent = 2);
QString sizeReportText(const SizeReport& report, const QString& file);
// `buildlens why`: the rebuilt units under their root causes.
std::string rebuildsJson(const RebuildAnalysis& analysis, const QStringList& files, int indent = 2);
QString rebuildsText(const RebuildAnalysis& analysis, const QStringList& files);
// `buildlens whatif`: the observed build, its replay by the scheduler model, and the scenario's prediction.
// Where the dependencies of a what-if came from when cargo metadata gave them (`whatif --metadata`).
struct WhatIfSource
{
    QString metadataFile; // empty: the timings file's own
    int matchedUnits = 0;
    int unmatchedUnits = 0;
    int contradicted = 0;
    QStringList calibrationFiles; // the captures the contention was fitted with (`whatif --calibrate`)
    // the mean relative error of each capture's wall time predicted from the others: this file's, then theirs
    std::vector<double> calibrationErrors;
};
std::string whatIfJson(const TimingsAnalysis& observed, const Schedule& replayed, const Schedule& predicted,
                       const QStringList& changes, const WhatIfSource& source = {}, int indent = 2);
QString whatIfText(const TimingsAnalysis& observed, const Schedule& replayed, const Schedule& predicted,
                   const QStringList& changes, const WhatIfSource& source = {});
// A hyperfine export: each command's runs, mean ± standard deviation, min…max and median.
std::string benchmarkJson(const Benchmark& benchmark, const QString& file, int indent = 2);
QString benchmarkText(const Benchmark& benchmark, const QString& file);

// `buildlens summary metadata.json --json`, and as text.
std::string depGraphJson(const DepGraph& graph, const QString& file, int indent = 2);
QString depGraphText(const DepGraph& graph, const QString& file);

// "1.23 s", "1 m 15.3 s" — one way of printing a duration everywhere.
QString formatSeconds(double seconds);
// "12.345 ms", "1.234 s", "512 µs": nanoseconds for people.
QString formatNanoseconds(std::int64_t ns);

} // namespace bl
