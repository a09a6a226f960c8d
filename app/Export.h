#pragma once

#include <QStringList>

namespace bl {

// `buildlens export FILE [--view graph|timeline] --out OUT.png|svg|pdf [--width PX]`: renders a view without
// a window, through the same painting code the window uses. Needs a QApplication (offscreen is enough).
int runExport(const QStringList& args);

} // namespace bl
