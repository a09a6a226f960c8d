#pragma once

#include "../core/ImportError.h"
#include "../core/Progress.h"
#include "../core/TimingsRun.h"

#include <QByteArray>
#include <QString>

namespace bl {

struct TimingsImportOptions
{
    // timing-info lines carry no start times; their units are laid out on this many parallel job slots
    // in the order cargo finished them. 0 = cargo's default on this machine (the number of CPUs).
    int jobs = 0;
};

// `cargo build --timings` HTML, any cargo from 1.60 on (both the unlocked_* and the unblocked_* layout).
Result<TimingsRun> importTimingsHtml(const QString& path, const QByteArray& data, Progress& progress);
// `-Zbuild-analysis` JSONL log (nightly cargo).
Result<TimingsRun> importBuildAnalysis(const QString& path, const QByteArray& data, Progress& progress);
// `--timings=json` timing-info lines mixed with other `--message-format=json` messages (cargo 1.60-1.93).
Result<TimingsRun> importTimingInfo(const QString& path, const QByteArray& data, Progress& progress,
                                    const TimingsImportOptions& options = {});

} // namespace bl
