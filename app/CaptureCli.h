#pragma once

#include <QStringList>

namespace bl {

// `buildlens capture [--db DB] [--keep DIR] [--label TEXT] -- cargo build [ARGS...]`: runs the cargo build,
// shows its progress on one line, passes compiler errors through, imports the timings report cargo wrote and
// stores it in the run library (a failed build too, marked failed). Exits with cargo's status.
int runCapture(const QStringList& args);

// `buildlens bench --runs N [--warmup K] [--prepare CMD] [--name NAME] [--db DB] [--export-json FILE] --
// cargo build ...`: like hyperfine, K warm-up builds then N measured ones, each after the prepare command,
// every measured build captured and stored under the series name (the runs' label); prints mean ± standard
// deviation, min…max and median of the wall time and the critical path, and the units that vary most.
int runBench(const QStringList& args);

} // namespace bl
