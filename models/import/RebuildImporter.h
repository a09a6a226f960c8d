#pragma once

#include "../core/ImportError.h"
#include "../core/Progress.h"
#include "../core/TimingsRun.h"

#include <QStringList>

namespace bl {

// cargo's stderr of one build as `buildlens why` reads it: the fingerprint log
// (CARGO_LOG=cargo::core::compiler::fingerprint=info: `fingerprint dirty for ...` with `dirty: <reason>`,
// `err: failed to read ...` for a unit never built) and the `-v` lines (`Fresh`, `Dirty <pkg>: <reason>`,
// `Compiling`), alone or mixed. Units carry their RebuildCause; times are zero. Refuses text with none of
// those lines.
Result<TimingsRun> importCargoStderr(const QString& path, const QByteArray& data);

// The files of one build that say why its units were built: a build-analysis log alone, or cargo's stderr,
// with the timings report of the same build for the units' times and cargo's unit numbers. Refuses a
// report alone (it does not say why) and two builds' logs.
Result<TimingsRun> importRebuildInputs(const QStringList& files, Progress& progress);

} // namespace bl
