#pragma once

#include "../core/ImportError.h"
#include "../core/Progress.h"
#include "../core/SizeReport.h"

#include <QSet>

namespace bl {

// An ELF binary, read with libelf: section sizes as `size -A` gives them, every function symbol with its
// size, demangled with libiberty (Rust legacy and v0) and attributed to a crate the way cargo-bloat does it.
Result<SizeReport> importElf(const QString& path, Progress& progress);

// `cargo bloat --message-format json` output, functions or crates mode, read back as it is.
Result<SizeReport> importBloatJson(const QString& path, Progress& progress);

// `cargo llvm-lines` text output: the TOTAL row and one row per function.
Result<SizeReport> importLlvmLines(const QString& path, Progress& progress);

// The crate a demangled Rust symbol belongs to, as cargo-bloat reads it from the name: the first path
// segment, for `<A as B>::f` the crate of A (of B when A is a bare type parameter), sysroot crates merged
// into "std". `guessed` is set where A and B disagree.
QString crateOfSymbol(const QString& demangled, bool& guessed);
// The same with the toolchain's crates as found in its sysroot.
QString crateOfSymbol(const QString& demangled, bool& guessed, const QSet<QString>& stdCrates);

} // namespace bl
