#pragma once

#include "core/TimingsRun.h"

#include <QColor>
#include <QPalette>

namespace bl {

// The one categorical scheme for unit kinds, shared by every view, in a light and a dark variant.
QColor kindColor(UnitKind kind, const QPalette& palette);
// A darker (light theme) or brighter (dark theme) shade for the codegen part of a bar.
QColor codegenShade(const QColor& base, const QPalette& palette);
QColor criticalPathColor(const QPalette& palette);
QColor searchMatchColor(const QPalette& palette);
bool isDarkPalette(const QPalette& palette);

} // namespace bl
