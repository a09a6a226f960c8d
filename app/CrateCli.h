#pragma once

#include <QStringList>

namespace bl {

// `buildlens crate NAME FILE... [--db DB] [--json]`: one crate across every given file (builds, self-profiles
// or their directory, binaries, cargo-bloat and cargo-llvm-lines output, cargo metadata) and the runs stored
// in the run library, each section naming its file. Exits 1 when the crate is in none of them.
int runCrate(const QStringList& args);

} // namespace bl
