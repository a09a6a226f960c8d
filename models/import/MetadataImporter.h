#pragma once

#include "../core/DepGraph.h"
#include "../core/ImportError.h"
#include "../core/Progress.h"

namespace bl {

// `cargo metadata --format-version 1`: packages, the resolved graph with dependency kinds and platforms,
// workspace members.
Result<DepGraph> importCargoMetadata(const QString& path, Progress& progress);

} // namespace bl
