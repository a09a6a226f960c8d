#pragma once

#include <QStringList>

namespace bl {

// `buildlens report INPUT... [--compare BASE...] --out report.html|report.pdf|report.md [--fail-if EXPR]...
// [--title TEXT]`: one report of a build from any mix of its inputs (timings, self-profiles, the binary,
// llvm-lines, cargo metadata), optionally against a baseline, and a CI gate. Needs a QApplication (offscreen
// is enough) for the charts.
int runReport(const QStringList& args);

} // namespace bl
