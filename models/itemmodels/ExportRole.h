#pragma once

#include <Qt>

namespace bl {

// A table's cells as a file (CSV) wants them: numbers in base units (seconds, nanoseconds, bytes, fractions)
// where the view shows formatted text, raw values where it shows a readable word. In headerData it names the
// column in snake_case with its unit ("self_time_ns"). Models leave it unanswered where the displayed value
// is the value.
inline constexpr int ExportRole = Qt::UserRole + 200;

} // namespace bl
