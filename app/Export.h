#pragma once

#include <QStringList>

namespace bl {

// `buildlens export FILE [--view graph|timeline] [--timings T] --out OUT.png|svg|pdf [--width PX]`: renders a
// view without a window, through the same painting code the window uses. The graph of a timings capture is
// its unit graph; `--timings` colours a cargo metadata graph by the compile times of build T. Needs a
// QApplication (offscreen is enough).
int runExport(const QStringList& args);

} // namespace bl
