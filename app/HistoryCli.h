#pragma once

#include <QStringList>

namespace bl {

// `buildlens history add|list ...` (the arguments after `history`). Returns the process exit status.
int runHistory(const QStringList& args);

} // namespace bl
