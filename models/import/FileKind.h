#pragma once

#include <QByteArray>
#include <QString>

class QFile;

namespace bl {

enum class FileKind {
    Unknown,
    Empty,
    TimingsHtml,      // cargo build --timings report
    BuildAnalysisLog, // cargo -Zbuild-analysis JSONL
    TimingInfoLines,  // cargo --timings=json / --message-format=json stdout
    OtherHtml,        // HTML that is not a timings report
    MmProfdata,       // rustc -Zself-profile (measureme)
    SummarizeJson,    // measureme `summarize summarize --json`
    ChromeTrace,      // Chrome trace-event JSON (measureme `crox`)
    Gzip,             // compressed: look inside
    Elf,              // a binary
    BloatJson,        // cargo-bloat --message-format json
    LlvmLines,        // cargo-llvm-lines table
    CargoMetadata,    // cargo metadata --format-version 1
    HyperfineJson,    // hyperfine --export-json (and buildlens bench --export-json)
};

// Tells the kind of a file from its first bytes (the extension is never consulted).
FileKind detectFileKind(const QByteArray& head);
QString fileKindDescription(FileKind kind);

// The largest file of that kind BuildLens reads, in bytes: what a real one can reasonably be, with room.
// Checked from the file's size before anything is read or hashed. No limit (-1) for kinds read from a memory
// map or in place (self-profiles, binaries).
qint64 fileSizeLimit(FileKind kind);

// How many leading bytes detectFileKind wants to see.
constexpr qsizetype FileKindProbeBytes = 64 * 1024;

// The kind of the file at `path` from its first bytes; Unknown when it cannot be opened. Reads no more than
// the file holds (QIODevice::read(n) allocates all n bytes first).
FileKind peekFileKind(const QString& path);
FileKind peekFileKind(QFile& open);

} // namespace bl
