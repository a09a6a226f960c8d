#pragma once

#include "../core/DepGraph.h"
#include "../core/SizeReport.h"
#include "TimingsAnalysis.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace bl {

// One thing the data says about a build, with the figures behind it and what to try. A finding is made only
// where the data shows it, and never where its own data contradicts it (a step "on the critical path" whose
// removal would not shorten the build is no finding).
struct Finding
{
    QString rule;      // stable key: "build-step-on-critical-path", "serial-bottleneck", ...
    QString title;     // one line: "ts-core's build script is on the critical path"
    QString evidence;  // the figures that support it
    QString advice;    // what to try
    QStringList units; // the units (labels) or crates it is about
    std::optional<double> savingSeconds; // how much shorter the build could be, where the data tells
    double weight = 0;                   // for ordering: seconds at stake
};

// What else is known about the build besides its timings: each is optional.
struct FindingsInput
{
    std::shared_ptr<const TimingsAnalysis> timings;
    std::shared_ptr<const SizeReport> llvmLines; // cargo-llvm-lines of one crate of the build
    std::shared_ptr<const DepGraph> metadata;    // cargo metadata of the workspace
};

// The findings, largest stake first.
std::vector<Finding> findings(const FindingsInput& input);

// The rules by key, in the order they are tried (for the README and the tests).
QStringList findingRules();

} // namespace bl
