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
    // At most this many interval events are kept, so that memory does not grow with the file (32 bytes each
    // while reading, 29 after). Past it the shortest events are left out, a duration threshold at a time;
    // what is kept stays closed under nesting (an event's callers are at least as long), and the summary
    // still counts every event. A profile directory shares this many among its profiles.
    std::size_t maxKeptEvents = 4'000'000;
};

// rustc `-Zself-profile` output, measureme file format 8 or 9, read from a memory map. Aggregates exactly as
// measureme's `summarize` does.
Result<SelfProfile> importMmProfdata(const QString& path, Progress& progress,
                                     const ProfileImportOptions& options = {});

} // namespace bl
