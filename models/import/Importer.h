#pragma once

#include "../core/ImportError.h"
#include "../core/Progress.h"
#include "../core/TimingsRun.h"
#include "FileKind.h"
#include "TimingsImporters.h"

namespace bl {

// Reads any timings capture (HTML report, build-analysis log, timing-info lines), telling the kind from the
// content. Missing, empty, truncated, garbage and wrong-kind files come back as an ImportError naming the
// file.
Result<TimingsRun> importTimingsFile(const QString& path, Progress& progress,
                                     const TimingsImportOptions& options = {});

// The same for bytes already in memory (tests, drag and drop of data).
Result<TimingsRun> importTimingsData(const QString& path, const QByteArray& data, Progress& progress,
                                     const TimingsImportOptions& options = {});

} // namespace bl
