#pragma once

#include <QStringList>

namespace bl {

// `buildlens capture [--db DB] [--keep DIR] [--label TEXT] -- cargo build [ARGS...]`: runs the cargo build,
// shows its progress on one line, passes compiler errors through, imports the timings report cargo wrote and
// stores it in the run library (a failed build too, marked failed). Exits with cargo's status.
int runCapture(const QStringList& args);

} // namespace bl
