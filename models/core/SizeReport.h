#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace bl {

// The crate rows that are not crates. Bytes of .text no function symbol covers (padding, code of stripped
// symbols) are not the same thing as symbols whose crate is unknown (cargo-bloat's "[Unknown]").
inline QString noSymbolCrate()
{
    return QStringLiteral("[no symbol]");
}
inline QString unknownCrate()
{
    return QStringLiteral("[Unknown]");
}

struct SizeSection
{
    QString name;
    std::uint64_t size = 0;
    std::uint64_t address = 0;
};

struct CrateSize
{
    QString name;
    std::uint64_t size = 0;    // bytes (llvm-lines: lines)
    std::uint64_t symbols = 0; // functions attributed to it
};

struct FunctionSize
{
    QString name;           // demangled, without the trailing legacy hash; generic parameters kept
    QString crate;          // attributed crate ("std" bucket, "[Unknown]"); empty where the file does not say
    std::uint64_t size = 0; // bytes; llvm-lines: IR lines
    std::uint64_t copies = 0; // llvm-lines: monomorphised copies; ELF: symbols merged under this name
    bool crateGuessed = false;
};

// Where a binary's bytes go (or, from cargo-llvm-lines, where its LLVM IR lines go). Immutable once imported.
struct SizeReport
{
    QString file;
    QString source; // "elf", "cargo-bloat", "llvm-lines"
    std::uint64_t fileSize = 0;
    std::uint64_t textSize = 0;          // bytes of .text
    std::vector<SizeSection> sections;   // in file order
    std::vector<CrateSize> crates;       // largest first
    std::vector<FunctionSize> functions; // largest first
    std::uint64_t totalLines = 0;        // llvm-lines TOTAL row
    std::uint64_t totalCopies = 0;
    bool stripped = false; // an ELF without a symbol table
    QString attribution;   // ELF: "rlibs" (symbols looked up in the build's deps/*.rlib) or "names"
    int rlibs = 0;         // how many rlibs were read
    QString sysroot;       // ELF: the toolchain's rlib directory read for std's symbols, if one was found
    QStringList warnings;

    bool isLlvmLines() const { return source == QLatin1String("llvm-lines"); }
};

// Fills `crates` from `functions` (size and count per crate, largest first), for inputs that list only
// functions.
void sumCratesOfFunctions(SizeReport& report);

} // namespace bl
