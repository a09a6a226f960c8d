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
// Self-profile frames and events: a warm colour picked by a stable hash of the label, so a query keeps its
// colour across views, runs and sessions. Light fills under dark text in the light theme, deep fills under
// light text in the dark one.
QColor profileLabelColor(QStringView label, const QPalette& palette);
// Where many events too narrow to tell apart are drawn as one span, and the flame graph's root.
QColor profileAggregateColor(const QPalette& palette);
// Black or white, whichever reads better on `fill`.
QColor textColorOn(const QColor& fill);
// `from` moved the fraction `t` of the way towards `to` (dimming, fading into a background).
QColor blendColors(const QColor& from, const QColor& to, double t);

} // namespace bl
