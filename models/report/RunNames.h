#pragma once

#include "../core/DepGraph.h"
#include "../core/SelfProfile.h"
#include "../core/SizeReport.h"
#include "../core/TimingsRun.h"

#include <QString>

namespace bl {

// What a run is, in the few words a tab, a list or a comparison shows (the file goes in the tooltip): two
// "dev-clean.html" of different workspaces must not look alike.

// "ts-app · dev · 2026-11-24 07:06", "ts-app · release · incremental · …": the build's first target package
// (else the package of the unit that finished last), the profile, clean or incremental, the build's start.
QString timingsRunName(const TimingsRun& run);
// "fnv · self-profile", or the file name when the profile does not name its crate.
QString selfProfileName(const SelfProfile& profile);
// "textstat · size" (a binary), "textstat · cargo-bloat", "textstat · llvm-lines".
QString sizeReportName(const SizeReport& report);
// "ts-app · metadata": the workspace's first member (by name), else the workspace directory.
QString depGraphName(const DepGraph& graph);

} // namespace bl
