#pragma once

#include "../analysis/TimingsAnalysis.h"

#include <QString>

#include <string>

namespace bl {

// The `buildlens summary FILE --json` object for a timings capture (shape documented in README.md).
std::string timingsSummaryJson(const TimingsAnalysis& analysis, const QString& file, int indent = 2);

// The human-readable `buildlens summary FILE`.
QString timingsSummaryText(const TimingsAnalysis& analysis, const QString& file);

// "1.23 s", "1 m 15.3 s" — one way of printing a duration everywhere.
QString formatSeconds(double seconds);

} // namespace bl
