#pragma once

#include <QStringList>

namespace bl {

// `buildlens compare A B [--json] [--top N]` and `buildlens compare A1 A2... --vs B1 B2... [--alpha P]`.
// Returns the process exit status.
int runCompare(const QStringList& args);

} // namespace bl
