#pragma once

#include "../analysis/Findings.h"
#include "../analysis/RunDiff.h"
#include "../core/DepGraph.h"
#include "../core/SelfProfile.h"
#include "../core/SizeReport.h"
#include "Gate.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace bl {

// Everything one build report shows: the runs of the report (the first build is the main one), optionally
// a baseline side to compare with, and what was derived from them. Built by the caller from imported files.
struct BuildReportData
{
    QString title;
    QStringList inputFiles, baseFiles;
    std::vector<std::shared_ptr<const TimingsAnalysis>> builds, baseBuilds;
    std::vector<std::shared_ptr<const SelfProfile>> profiles, baseProfiles;
    std::shared_ptr<const SizeReport> size, baseSize; // a binary or cargo-bloat
    std::shared_ptr<const SizeReport> llvmLines;
    std::shared_ptr<const DepGraph> metadata;

    std::shared_ptr<const TimingsDiff> diff;       // main build against the baseline's main build
    std::shared_ptr<const TimingsSetDiff> setDiff; // several builds a side
    std::shared_ptr<const SizeDiff> sizeDiff;
    std::vector<Finding> findings;
    std::vector<GateResult> gates;

    bool compares() const { return !baseBuilds.empty() || baseSize || !baseProfiles.empty(); }
};

// Fills the derived parts (diffs, findings) from the runs.
void deriveReport(BuildReportData& data);

// The charts a report embeds, drawn by the caller (they need the views' painting).
enum class ReportChart { Timeline, Concurrency, BaseTimeline, FlameGraph, Treemap };

// A report is a sequence of blocks: rich text (a subset of HTML that Qt's text engine and browsers both
// render) and charts between them.
struct ReportBlock
{
    QString html; // empty for a chart
    std::optional<ReportChart> chart;
    int index = 0; // which profile, for a flame graph
    QString caption;
};

std::vector<ReportBlock> reportBlocks(const BuildReportData& data);

// One self-contained HTML file: `svgOf` gives each chart as inline SVG markup.
QString htmlReport(const BuildReportData& data, const std::vector<ReportBlock>& blocks,
                   const std::function<QString(const ReportBlock&)>& svgOf);

// GitHub-flavoured Markdown short enough for a pull-request comment (about 40 lines): the verdict, the
// figures that changed, the top regressions, the findings and the gate.
QString markdownReport(const BuildReportData& data);

} // namespace bl
