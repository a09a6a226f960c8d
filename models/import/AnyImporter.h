#pragma once

#include "../core/Benchmark.h"
#include "../core/DepGraph.h"
#include "../core/ImportError.h"
#include "../core/Progress.h"
#include "../core/SelfProfile.h"
#include "../core/SizeReport.h"
#include "../core/TimingsRun.h"
#include "FileKind.h"
#include "MmProfdataImporter.h"
#include "TimingsImporters.h"

#include <memory>

namespace bl {

// Whatever a file turned out to hold; exactly one member is set.
struct ImportedData
{
    std::shared_ptr<const TimingsRun> timings;
    std::shared_ptr<const SelfProfile> profile;
    std::shared_ptr<const SelfProfileSet> profiles;
    std::shared_ptr<const SizeReport> size;
    std::shared_ptr<const DepGraph> graph;
    std::shared_ptr<const Benchmark> benchmark; // wall times of repeated runs (hyperfine)
};

struct ImportOptions
{
    TimingsImportOptions timings;
    ProfileImportOptions profile;
};

// Any file or directory BuildLens reads, its kind told from the content. A directory is read as the
// self-profiles of one build (`-Zself-profile=DIR`).
Result<ImportedData> importAny(const QString& path, Progress& progress, const ImportOptions& options = {});

} // namespace bl
