#pragma once

#include "../core/ImportError.h"
#include "../core/Progress.h"
#include "../core/SelfProfile.h"

#include <QString>

namespace bl {

struct ProfileImportOptions
{
    // Keep every interval event (flame graph, thread timeline). The command line's summary needs only the
    // aggregate and skips them: less memory, less time.
    bool keepEvents = true;
};

// rustc `-Zself-profile` output, measureme file format 8 or 9, read from a memory map. Aggregates exactly as
// measureme's `summarize` does.
Result<SelfProfile> importMmProfdata(const QString& path, Progress& progress,
                                     const ProfileImportOptions& options = {});

} // namespace bl
