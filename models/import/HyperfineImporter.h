#pragma once

#include "Importer.h"

#include "../core/Benchmark.h"

namespace bl {

// hyperfine's JSON export: {"results": [{"command", "mean", "stddev", "median", "min", "max", "times": [...],
// "exit_codes": [...]}]}. Refuses a file without results or with a result that has no times.
Result<Benchmark> importHyperfine(const QString& path, Progress& progress);

} // namespace bl
