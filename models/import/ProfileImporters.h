#pragma once

#include "../core/ImportError.h"
#include "../core/Progress.h"
#include "../core/SelfProfile.h"
#include "MmProfdataImporter.h"

namespace bl {

// measureme `summarize --json` output, or a Chrome trace (as `crox` writes it, or any trace-event JSON, in
// the array or the {"traceEvents": [...]} form), gzip-compressed or not.
Result<SelfProfile> importProfileJson(const QString& path, Progress& progress);

// Every .mm_profdata of a directory (`-Zself-profile=DIR`), ordered by crate and pid. Files that cannot be
// read are listed in the set's warnings; the rest are kept.
Result<SelfProfileSet> importProfileDirectory(const QString& path, Progress& progress,
                                              const ProfileImportOptions& options = {});

// Inflates gzip data, refusing more than `limit` bytes of output.
bool gunzip(const QByteArray& in, QByteArray& out, qint64 limit, QString& error);

} // namespace bl
