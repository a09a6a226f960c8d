#pragma once

#include "../core/TimingsRun.h"

#include <QString>

namespace bl::detail {

// cargo's DirtyReason (src/compiler/fingerprint/dirty_reason.rs), however it was written down: the JSON of a
// build-analysis `unit-fingerprint` record, or the Debug text of the fingerprint log
// (CARGO_LOG=cargo::core::compiler::fingerprint=info). Names are kebab-case as in the JSON.
struct CargoDirtyReason
{
    QString reason;    // "fs-status-outdated", "rustflags-changed", "env-var-changed", ...
    QString fsStatus;  // "stale-item", "stale-dep-fingerprint", "stale-dependency", "stale"
    QString staleItem; // "changed-file", "missing-file", "changed-env", ...
    QString path;      // the stale file
    QString name;      // the variable
    qint64 unit = -1;  // cargo's unit index of the dependency that was rebuilt
};

// Reads the Debug text: `FsStatusOutdated(StaleItem(ChangedFile { reference: "...", stale: "/x/lib.rs", ...
// }))`, `FsStatusOutdated(StaleDepFingerprint { unit: UnitIndex(33) })`, `RustflagsChanged { old: [..], new:
// [..] }`, `EnvVarChanged { name: "X", ... }`.
CargoDirtyReason parseDirtyReasonDebug(const QString& text);
// "FsStatusOutdated" -> "fs-status-outdated"
QString kebabCase(const QString& camel);

// The kind `buildlens why` reports, and what changed. `runsBuildScript`: the unit runs a build script, whose
// changed input means the script runs again.
RebuildCause classifyDirtyReason(const CargoDirtyReason& reason, bool runsBuildScript, QString* detail);

} // namespace bl::detail
