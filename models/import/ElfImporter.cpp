#include "SizeImporters.h"
#include "V0Symbol.h"

#include "../core/Tr.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

// libiberty.h would declare basename() again, differently from glibc's string.h
#define HAVE_DECL_BASENAME 1
extern "C" {
#include <libiberty/demangle.h>
}

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace bl {

namespace {

// Crates that ship with the toolchain; cargo-bloat merges them into one "std" bucket. Names that are just as
// often a project's own dependency (libc, memchr, cfg_if, unicode_width...) are left out: they keep their
// name.
const QSet<QString>& sysrootCrates()
{
    static const QSet<QString> crates = {
        QStringLiteral("std"),
        QStringLiteral("core"),
        QStringLiteral("alloc"),
        QStringLiteral("proc_macro"),
        QStringLiteral("test"),
        QStringLiteral("panic_unwind"),
        QStringLiteral("panic_abort"),
        QStringLiteral("unwind"),
        QStringLiteral("std_detect"),
        QStringLiteral("rustc_demangle"),
        QStringLiteral("addr2line"),
        QStringLiteral("gimli"),
        QStringLiteral("object"),
        QStringLiteral("miniz_oxide"),
        QStringLiteral("adler"),
        QStringLiteral("adler2"),
        QStringLiteral("hashbrown"),
        QStringLiteral("compiler_builtins"),
        QStringLiteral("rustc_std_workspace_core"),
        QStringLiteral("rustc_std_workspace_alloc"),
        QStringLiteral("rustc_std_workspace_std"),
        QStringLiteral("dlmalloc"),
        QStringLiteral("backtrace_rs"),
    };
    return crates;
}

// cargo-bloat's reading of a crate from one side of `<A as B>`: the first `::` segment, without leading `<`
// and `&`, last word of it (`<&mut regex::Foo` -> `regex`). Empty when there is no path (a type parameter).
QString crateFromPath(const QString& s)
{
    if (!s.contains(QLatin1String("::")))
        return {};
    QString first = s.section(QLatin1String("::"), 0, 0);
    if (first.startsWith(QLatin1Char('<'))) {
        while (first.startsWith(QLatin1Char('<')))
            first.remove(0, 1);
        while (first.startsWith(QLatin1Char('&')))
            first.remove(0, 1);
        const QStringList words = first.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        first = words.isEmpty() ? QString() : words.last();
    }
    return first;
}

// The crate root of a v0-mangled symbol: its first `C[s<disambiguator>_]<len><ident>`.
QString v0Crate(const char* mangled)
{
    const char* p = std::strstr(mangled, "C");
    for (; p && *p; p = std::strchr(p + 1, 'C')) {
        const char* q = p + 1;
        if (*q == 's') {
            ++q;
            while (*q && *q != '_' && std::isalnum(static_cast<unsigned char>(*q)))
                ++q;
            if (*q != '_')
                continue;
            ++q;
        }
        if (!std::isdigit(static_cast<unsigned char>(*q)) || *q == '0')
            continue;
        char* end = nullptr;
        const long n = std::strtol(q, &end, 10);
        if (*end == '_') // an identifier that starts with `_` or a digit is preceded by a `_` separator
            ++end;
        if (n <= 0 || n > 200 || static_cast<long>(std::strlen(end)) < n)
            continue;
        const QString ident = QString::fromLatin1(end, static_cast<int>(n));
        bool ok = !ident.isEmpty();
        for (QChar c : ident)
            ok = ok && (c.isLetterOrNumber() || c == QLatin1Char('_'));
        if (ok)
            return ident;
    }
    return {};
}

// The instantiating crate a v0 symbol may end with (`_R <path> <crate root>`): the crate whose code
// generation made this copy of a generic function.
QString v0InstantiatingCrate(const char* mangled)
{
    const std::size_t n = std::strlen(mangled);
    for (std::size_t i = n; i-- > 2;) {
        if (mangled[i] != 'C')
            continue;
        std::size_t q = i + 1;
        if (mangled[q] == 's') {
            ++q;
            while (q < n && mangled[q] != '_' && std::isalnum(static_cast<unsigned char>(mangled[q])))
                ++q;
            if (q >= n || mangled[q] != '_')
                continue;
            ++q;
        }
        std::size_t len = 0;
        std::size_t d = q;
        while (d < n && std::isdigit(static_cast<unsigned char>(mangled[d])))
            len = len * 10 + static_cast<std::size_t>(mangled[d++] - '0');
        if (d < n && mangled[d] == '_' && d + 1 + len == n) // separator before `_`/digit identifiers
            ++d;
        if (d == q || len == 0 || d + len != n)
            continue;
        return QString::fromLatin1(mangled + d, static_cast<int>(len));
    }
    return {};
}

QString demangle(const char* mangled, bool& rust)
{
    rust = std::strncmp(mangled, "_ZN", 3) == 0 || std::strncmp(mangled, "_R", 2) == 0;
    // no DMGL_VERBOSE: legacy hashes and v0 crate disambiguators are left out, as nm -C and cargo-bloat show
    // them
    char* out = cplus_demangle(mangled, DMGL_PARAMS | DMGL_ANSI | (rust ? DMGL_RUST : DMGL_AUTO));
    if (!out && rust) {
        out = cplus_demangle(mangled, DMGL_PARAMS | DMGL_ANSI | DMGL_AUTO); // C++ that looks like legacy Rust
        rust = false;
    }
    if (!out)
        return QString::fromUtf8(mangled);
    QString s = QString::fromUtf8(out);
    std::free(out);
    // a legacy symbol that libiberty read as C++ keeps its hash segment
    static const QLatin1String hashMark("::h");
    const qsizetype h = s.lastIndexOf(hashMark);
    if (h >= 0 && s.size() - h == 19) {
        bool hex = true;
        for (qsizetype i = h + 3; i < s.size(); ++i)
            hex = hex && std::isxdigit(static_cast<unsigned char>(s[i].toLatin1()));
        if (hex)
            s.truncate(h);
    }
    return s;
}

// A symbol name without the `.llvm.<hex>` suffix that ThinLTO gives the internal functions it promotes: the
// binary often holds an unsuffixed copy of a function an rlib exports with the suffix, and cargo-bloat, which
// strips it too, treats both as one.
std::string_view withoutLlvmSuffix(std::string_view name)
{
    const std::size_t at = name.find(".llvm.");
    if (at == std::string_view::npos)
        return name;
    const std::string_view rest = name.substr(at + 6);
    for (char c : rest)
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || c == '@'))
            return name;
    return name.substr(0, at);
}

// The rlibs of one directory (lib<crate>-<16 hex>.rlib), with their crate names.
struct Rlib
{
    QString path;
    QString crate;
    qint64 modified = 0;
};

std::vector<Rlib> rlibsIn(const QDir& dir)
{
    std::vector<Rlib> out;
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("lib*.rlib")}, QDir::Files, QDir::Name);
    for (const QFileInfo& f : files) {
        const QString name = f.fileName();
        const qsizetype dash = name.indexOf(QLatin1Char('-'));
        const QString crate = dash > 3 ? name.mid(3, dash - 3) : name.mid(3, name.size() - 8);
        out.push_back({f.absoluteFilePath(), crate, f.lastModified().toMSecsSinceEpoch()});
    }
    return out;
}

// An ELF file or archive opened with libelf (memory-mapped), closed when it goes out of scope.
struct ElfFile
{
    explicit ElfFile(const QString& path)
        : fd(::open(QFile::encodeName(path).constData(), O_RDONLY))
        , elf(fd >= 0 ? elf_begin(fd, ELF_C_READ_MMAP, nullptr) : nullptr)
    {
    }
    ~ElfFile()
    {
        if (elf)
            elf_end(elf);
        if (fd >= 0)
            ::close(fd);
    }
    ElfFile(const ElfFile&) = delete;
    ElfFile& operator=(const ElfFile&) = delete;

    int fd;
    Elf* elf;
};

// Global symbols of an rlib, from its archive symbol index (the `/` member the linker reads): the same list
// cargo-bloat reads, and cheap, because no member needs to be opened.
bool forEachArchiveSymbol(const QString& path, const std::function<void(std::string_view)>& visit)
{
    const ElfFile archive(path);
    if (!archive.elf || elf_kind(archive.elf) != ELF_K_AR)
        return false;
    std::size_t n = 0;
    if (Elf_Arsym* syms = elf_getarsym(archive.elf, &n)) // an archive without an index exports nothing
        for (std::size_t i = 0; i < n; ++i)
            if (syms[i].as_name)
                visit(syms[i].as_name);
    return true;
}

// The `rustc version 1.95.0 (59807616e 2026-04-14)` a Rust binary records in its .comment section.
QString rustcVersionOf(Elf* elf, std::size_t shstrndx)
{
    for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS)
            continue;
        const char* name = elf_strptr(elf, shstrndx, sh.sh_name);
        if (!name || std::strcmp(name, ".comment") != 0)
            continue;
        Elf_Data* data = elf_getdata(scn, nullptr);
        if (!data || !data->d_buf)
            return {};
        const QByteArray comment(static_cast<const char*>(data->d_buf), static_cast<qsizetype>(data->d_size));
        static const QByteArray mark("rustc version ");
        const qsizetype at = comment.indexOf(mark);
        if (at < 0)
            return {};
        const qsizetype close = comment.indexOf(')', at);
        const qsizetype nul = comment.indexOf('\0', at);
        const qsizetype end = close >= 0 && (nul < 0 || close < nul) ? close + 1 : nul;
        return QString::fromLatin1(comment.mid(at + mark.size(), end < 0 ? -1 : end - at - mark.size()));
    }
    return {};
}

// Whether the toolchain library directory `lib` was made by the given rustc: its std's object code records
// the same version string the binary does.
// The rustc version an ELF object records (empty when none), and its machine.
QString recordedRustc(Elf* object, int& machine)
{
    GElf_Ehdr eh;
    std::size_t shstrndx = 0;
    if (elf_kind(object) != ELF_K_ELF || !gelf_getehdr(object, &eh) ||
        elf_getshdrstrndx(object, &shstrndx) != 0)
        return {};
    machine = eh.e_machine;
    return rustcVersionOf(object, shstrndx);
}

bool stdBuiltBy(const QString& lib, const QString& version, int machine)
{
    // the toolchain's libstd-*.so, when it ships one, says it in a few section headers; its rlib has to be
    // walked to its first code object
    int found = -1;
    const QStringList dylib = QDir(lib).entryList({QStringLiteral("libstd-*.so")}, QDir::Files);
    if (!dylib.isEmpty()) {
        const ElfFile so(QDir(lib).filePath(dylib.first()));
        return so.elf && recordedRustc(so.elf, found) == version && found == machine;
    }
    const QStringList std = QDir(lib).entryList({QStringLiteral("libstd-*.rlib")}, QDir::Files);
    if (std.isEmpty())
        return false;
    const ElfFile archive(QDir(lib).filePath(std.first()));
    if (!archive.elf)
        return false;
    // lib.rmeta is an ELF object too, without a .comment: the first member that records a version tells
    Elf_Cmd cmd = ELF_C_READ_MMAP;
    for (Elf* member = elf_begin(archive.fd, cmd, archive.elf); member;
         member = elf_begin(archive.fd, cmd, archive.elf)) {
        const QString recorded = recordedRustc(member, found);
        cmd = elf_next(member);
        elf_end(member);
        if (!recorded.isEmpty())
            return recorded == version && found == machine;
    }
    return false;
}

// The toolchain's own rlibs (std, core, alloc, hashbrown, gimli...), which cargo-bloat also reads:
// BUILDLENS_RUST_SYSROOT when set (a sysroot, or directly the directory of its rlibs), else the rustup
// toolchain or system Rust whose std was built by the rustc recorded in the binary.
QString findStdLibDir(const QString& version, int machine)
{
    auto libDirsOf = [](const QString& sysroot) {
        QStringList dirs;
        const QDir rustlib(sysroot + QStringLiteral("/lib/rustlib"));
        for (const QString& target : rustlib.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            dirs << rustlib.filePath(target + QStringLiteral("/lib"));
        return dirs;
    };
    const QString forced = qEnvironmentVariable("BUILDLENS_RUST_SYSROOT");
    if (!forced.isEmpty()) {
        if (!QDir(forced).entryList({QStringLiteral("lib*.rlib")}, QDir::Files).isEmpty())
            return forced;
        for (const QString& lib : libDirsOf(forced))
            if (!QDir(lib).entryList({QStringLiteral("libstd-*.rlib")}, QDir::Files).isEmpty())
                return lib;
        return {};
    }
    if (version.isEmpty())
        return {};
    QStringList sysroots;
    QString rustup = qEnvironmentVariable("RUSTUP_HOME");
    if (rustup.isEmpty())
        rustup = QDir::homePath() + QStringLiteral("/.rustup");
    const QDir toolchains(rustup + QStringLiteral("/toolchains"));
    for (const QString& t : toolchains.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        sysroots << toolchains.filePath(t);
    sysroots << QStringLiteral("/usr") << QStringLiteral("/usr/local");
    for (const QString& sysroot : std::as_const(sysroots))
        for (const QString& lib : libDirsOf(sysroot))
            if (stdBuiltBy(lib, version, machine))
                return lib;
    return {};
}

} // namespace

QString crateOfSymbol(const QString& demangled, bool& guessed)
{
    return crateOfSymbol(demangled, guessed, sysrootCrates());
}

QString crateOfSymbol(const QString& demangled, bool& guessed, const QSet<QString>& stdCrates)
{
    guessed = false;
    QString name;
    const qsizetype as = demangled.indexOf(QLatin1String(" as "));
    if (as >= 0) {
        const QString a = crateFromPath(demangled.left(as));
        const QString b = crateFromPath(demangled.mid(as + 4));
        if (a.isEmpty())
            name = b;
        else {
            name = a;
            guessed = a != b;
        }
    } else {
        name = crateFromPath(demangled);
    }
    const qsizetype bracket =
        name.indexOf(QLatin1Char('[')); // v0 crate disambiguator: core[c1f1a4ba060b9bfa]
    if (bracket > 0)
        name.truncate(bracket);
    while (name.endsWith(QLatin1Char('>')))
        name.chop(1);
    // inherent methods of primitive types (`<usize>::from_str_radix`, `<[T]>::sort`) live in core
    static const QSet<QString> primitives = {
        QStringLiteral("bool"),  QStringLiteral("char"), QStringLiteral("str"),   QStringLiteral("u8"),
        QStringLiteral("u16"),   QStringLiteral("u32"),  QStringLiteral("u64"),   QStringLiteral("u128"),
        QStringLiteral("usize"), QStringLiteral("i8"),   QStringLiteral("i16"),   QStringLiteral("i32"),
        QStringLiteral("i64"),   QStringLiteral("i128"), QStringLiteral("isize"), QStringLiteral("f32"),
        QStringLiteral("f64")};
    if (stdCrates.contains(name) || primitives.contains(name) || name.startsWith(QLatin1Char('[')) ||
        name.startsWith(QLatin1Char('(')) || name.startsWith(QLatin1Char('*')))
        name = QStringLiteral("std");
    return name;
}

namespace {

struct RegionSymbol
{
    std::uint64_t address;
    std::string_view mangled; // without a ThinLTO suffix
    QString demangled;
    QString crate;    // by its name; the rebuilt index's crate on return
    QString ownCrate; // by its name; the toolchain's crates but std, core and alloc not merged into std
    bool candidate;   // legacy-mangled, and no rlib of the toolchain exports it
    bool global;
    bool exported;
};

// What the build's rlibs would have said, rebuilt from the binary alone. cargo-bloat credits a symbol that an
// rlib's index lists to that crate, and every other one to the crate its name starts with. An rlib's index
// lists the symbols that were global in its object files, generic code a crate instantiated for itself
// included (`<aho_corasick::AhoCorasick<S>>::find` compiled in regex is regex's). Those symbols are still
// told apart in the binary: bound globally, or local with the HIDDEN visibility the linker keeps when it
// localises them. The crate of such a symbol is that of the object file it came from, and the code of one
// object file is contiguous in .text. So each crate's region is marked by anchors, symbols only their own
// crate defines: global, legacy-mangled, a name that no other function has (a generic has several copies, a
// public function one) and a crate that is not the toolchain's. A crate that has no global symbol (the
// binary's own, whose objects are in no rlib) is anchored by its hidden functions with a plain path name
// instead, and its region stays with names, as cargo-bloat leaves it. Between anchors of two crates a symbol
// takes the crate of the one before, unless its name says the one after. A local symbol of the same full name
// (hash included) as a rebuilt one takes its crate too: the index lists the name. Returns how many symbols
// changed crate.
int rebuildRlibIndex(std::vector<RegionSymbol>& syms, bool toolchainKnown)
{
    const std::size_t n = syms.size();
    int moved = 0;
    // copies of one name among the build's symbols (a v0 copy with the same name is the toolchain's)
    QHash<QString, int> copies;
    for (const RegionSymbol& s : syms)
        if (s.candidate)
            ++copies[s.demangled];
    // A crate the toolchain ships (miniz_oxide, object, rustc_demangle...) may be the build's own dependency
    // too. Where the toolchain's symbols are known (its rlibs were read, or its std is v0-mangled), a global
    // legacy symbol with a single copy under such a name is the build's copy, and so is the crate.
    if (toolchainKnown) {
        QSet<QString> ownCopies;
        for (const RegionSymbol& s : syms)
            if (s.candidate && s.global && s.crate == QLatin1String("std") && s.ownCrate != s.crate &&
                copies.value(s.demangled) == 1)
                ownCopies.insert(s.ownCrate);
        // the toolchain's copy counts to the build's crate too, as it does with the rlibs
        for (RegionSymbol& s : syms)
            if (s.crate == QLatin1String("std") && ownCopies.contains(s.ownCrate)) {
                s.crate = s.ownCrate;
                ++moved;
            }
    }
    auto named = [&](const RegionSymbol& s) {
        return s.candidate && s.crate != QLatin1String("std") && s.crate != QLatin1String("[Unknown]") &&
               copies.value(s.demangled) == 1;
    };
    QSet<QString> libraries; // crates with a global symbol: their objects came from an rlib
    for (const RegionSymbol& s : syms)
        if (named(s) && s.global)
            libraries.insert(s.crate);
    std::vector<char> anchor(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const RegionSymbol& s = syms[i];
        const bool plain = !s.demangled.startsWith(QLatin1Char('<')) &&
                           !s.demangled.contains(QLatin1String("{{")) &&
                           !s.demangled.contains(QLatin1String("drop_in_place"));
        anchor[i] = named(s) && (s.global || (s.exported && plain && !libraries.contains(s.crate)));
    }
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return syms[x].address < syms[y].address; });
    std::vector<long> previous(n, -1), next(n, -1);
    long last = -1;
    for (std::size_t k = 0; k < n; ++k) {
        previous[k] = last;
        if (anchor[order[k]])
            last = static_cast<long>(order[k]);
    }
    last = -1;
    for (std::size_t k = n; k-- > 0;) {
        next[k] = last;
        if (anchor[order[k]])
            last = static_cast<long>(order[k]);
    }
    std::unordered_map<std::string_view, QString> index;
    for (std::size_t k = 0; k < n; ++k) {
        RegionSymbol& s = syms[order[k]];
        if (!s.candidate || !s.exported)
            continue;
        if (!anchor[order[k]]) {
            const long before = previous[k], after = next[k];
            long from = before >= 0 ? before : after;
            if (before >= 0 && after >= 0 &&
                syms[std::size_t(before)].crate != syms[std::size_t(after)].crate &&
                s.crate == syms[std::size_t(after)].crate)
                from = after;
            if (from >= 0 && libraries.contains(syms[std::size_t(from)].crate) &&
                syms[std::size_t(from)].crate != s.crate) {
                s.crate = syms[std::size_t(from)].crate;
                ++moved;
            }
        }
        index.emplace(s.mangled, s.crate);
    }
    for (RegionSymbol& s : syms)
        if (s.candidate && !s.exported)
            if (const auto it = index.find(s.mangled); it != index.end() && it->second != s.crate) {
                s.crate = it->second;
                ++moved;
            }
    return moved;
}

} // namespace

Result<SizeReport> importElf(const QString& path, Progress& progress)
{
    auto fail = [&](const QString& message) {
        return Result<SizeReport>(ImportError{path, message});
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(tr("the file does not exist"));
    if (elf_version(EV_CURRENT) == EV_NONE)
        return fail(tr("libelf is out of date"));
    const ElfFile file(path);
    if (file.fd < 0)
        return fail(tr("cannot be read: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    const auto fileSize = static_cast<std::uint64_t>(info.size());
    Elf* elf = file.elf;
    if (!elf || elf_kind(elf) != ELF_K_ELF)
        return fail(tr("not an ELF binary"));
    GElf_Ehdr ehdr;
    if (!gelf_getehdr(elf, &ehdr))
        return fail(tr("the ELF header is damaged or cut off: %1").arg(QString::fromUtf8(elf_errmsg(-1))));
    if (ehdr.e_shoff + std::uint64_t(ehdr.e_shnum) * ehdr.e_shentsize > fileSize)
        return fail(tr("truncated: the section headers lie past the end of the file (%1 bytes present)")
                        .arg(fileSize));
    std::size_t shstrndx = 0;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0)
        return fail(tr("the ELF section names cannot be read: %1").arg(QString::fromUtf8(elf_errmsg(-1))));

    auto report = std::make_shared<SizeReport>();
    report->file = path;
    report->source = QStringLiteral("elf");
    report->fileSize = fileSize;
    std::size_t textIndex = 0;
    Elf_Scn* symtab = nullptr;
    Elf_Scn* dynsym = nullptr;
    for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh))
            return fail(tr("a section header is damaged: %1").arg(QString::fromUtf8(elf_errmsg(-1))));
        const char* rawName = elf_strptr(elf, shstrndx, sh.sh_name);
        const QString name = rawName ? QString::fromUtf8(rawName) : QString();
        if (sh.sh_type != SHT_NOBITS && sh.sh_offset + sh.sh_size > fileSize)
            return fail(tr("truncated: section %1 runs past the end of the file (%2 of %3 bytes present)")
                            .arg(name, QString::number(fileSize > sh.sh_offset ? fileSize - sh.sh_offset : 0),
                                 QString::number(sh.sh_size)));
        if (sh.sh_type == SHT_SYMTAB)
            symtab = scn;
        else if (sh.sh_type == SHT_DYNSYM)
            dynsym = scn;
        if (name == QLatin1String(".text")) {
            textIndex = elf_ndxscn(scn);
            report->textSize = sh.sh_size;
        }
        // as `size -A` lists them: everything but the symbol and string tables and the linker's relocations
        const bool alloc = (sh.sh_flags & SHF_ALLOC) != 0;
        if (sh.sh_type == SHT_NULL || sh.sh_type == SHT_SYMTAB ||
            ((sh.sh_type == SHT_STRTAB || sh.sh_type == SHT_REL || sh.sh_type == SHT_RELA) && !alloc))
            continue;
        report->sections.push_back({name, sh.sh_size, sh.sh_addr});
    }
    progress.setFraction(0.1);
    Elf_Scn* symbols = symtab ? symtab : dynsym;
    report->stripped = !symtab;

    struct Sym
    {
        std::uint64_t address;
        std::uint64_t size;
        const char* name;
        bool global;   // bound globally in the binary
        bool exported; // global in its object file: bound globally here, or made local by the linker, which
                       // keeps the HIDDEN visibility of the symbols it localises
    };
    std::vector<Sym> syms;
    if (symbols) {
        GElf_Shdr sh;
        gelf_getshdr(symbols, &sh);
        Elf_Data* data = elf_getdata(symbols, nullptr);
        if (!data || sh.sh_entsize == 0)
            return fail(tr("the symbol table cannot be read: %1").arg(QString::fromUtf8(elf_errmsg(-1))));
        const std::size_t count = data->d_size / sh.sh_entsize;
        std::unordered_set<std::uint64_t> seen; // aliases share an address: count their bytes once
        for (std::size_t i = 0; i < count; ++i) {
            GElf_Sym s;
            if (!gelf_getsym(data, static_cast<int>(i), &s))
                continue;
            if (GELF_ST_TYPE(s.st_info) != STT_FUNC || s.st_size == 0 ||
                (textIndex && s.st_shndx != textIndex))
                continue;
            if (!seen.insert(s.st_value).second)
                continue;
            const char* n = elf_strptr(elf, sh.sh_link, s.st_name);
            const bool global = GELF_ST_BIND(s.st_info) != STB_LOCAL;
            syms.push_back({s.st_value, s.st_size, n ? n : "", global,
                            global || GELF_ST_VISIBILITY(s.st_other) == STV_HIDDEN});
        }
    }
    progress.setFraction(0.3);

    // Attribution, as cargo-bloat does it. A symbol that the build's rlibs (cargo's deps/ next to the binary,
    // in build order) or the toolchain's rlibs export goes to that crate, the first to export it winning;
    // ThinLTO's `.llvm.` suffixes do not count. Any other symbol goes to the crate its name starts with.
    // From the binary alone the rlibs' indexes are rebuilt from the binary (see rebuildRlibIndex()); a v0
    // symbol names the crate that instantiated it at its end.
    enum class Mangling { None, Legacy, V0 };
    struct Attribution
    {
        QString crate;
        Mangling mangling = Mangling::None;
        bool byName = true; // no rlib exports it: its crate is read from its name
        QString own;        // the crate before the toolchain's are merged into std (not for legacy names)
    };
    std::vector<Attribution> attr(syms.size());
    bool stdIsV0 = false;

    std::vector<Rlib> deps;
    const QDir binaryDir = QFileInfo(path).absoluteDir();
    QStringList depsDirs = {binaryDir.filePath(QStringLiteral("deps"))};
    if (binaryDir.dirName() == QLatin1String("examples")) // target/<profile>/examples/ sits beside deps/
        depsDirs << binaryDir.filePath(QStringLiteral("../deps"));
    QString depsDir;
    for (const QString& dir : std::as_const(depsDirs))
        if (QDir(dir).exists() && deps.empty()) {
            deps = rlibsIn(QDir(dir));
            depsDir = QDir::cleanPath(dir);
        }
    // cargo-bloat reads the rlibs in the order cargo reported them built; their modification times keep it
    std::stable_sort(deps.begin(), deps.end(),
                     [](const Rlib& x, const Rlib& y) { return x.modified < y.modified; });
    const QString stdLib = findStdLibDir(rustcVersionOf(elf, shstrndx), ehdr.e_machine);
    const std::vector<Rlib> toolchain = stdLib.isEmpty() ? std::vector<Rlib>() : rlibsIn(QDir(stdLib));
    report->sysroot = stdLib;

    std::unordered_map<std::string_view, std::size_t> wanted; // symbol without suffix -> index in crateNames
    for (const Sym& sym : syms)
        wanted.emplace(withoutLlvmSuffix(sym.name), SIZE_MAX);
    QStringList crateNames;
    int rlibs = 0;
    std::size_t fromDeps = 0; // symbols of the binary the build's rlibs export
    auto readIndex = [&](const std::vector<Rlib>& libs, bool countRlibs) {
        for (const Rlib& lib : libs) {
            const auto crate = static_cast<std::size_t>(crateNames.size());
            crateNames << lib.crate;
            const bool ok = forEachArchiveSymbol(lib.path, [&](std::string_view name) {
                const auto it = wanted.find(withoutLlvmSuffix(name));
                if (it != wanted.end() && it->second == SIZE_MAX) {
                    it->second = crate;
                    fromDeps += countRlibs;
                }
            });
            if (ok && countRlibs)
                ++rlibs;
        }
    };
    readIndex(deps, true);
    if (rlibs > 0 && fromDeps == 0) {
        // rlibs of another build (or of another profile) that define nothing this binary has
        report->warnings << tr("%1: %n rlib(s) of another build (no symbol of this binary among their "
                               "exports); the crates are rebuilt from the binary alone",
                               nullptr, rlibs)
                                .arg(depsDir);
        rlibs = 0;
        deps.clear();
    }
    // The toolchain's crates share one "std" bucket, except those the build also depends on itself (memchr,
    // libc, cfg_if...). Without the build's rlibs those are unknown, so only crates that are never a
    // project's own dependency count then.
    QSet<QString> stdCrates = sysrootCrates();
    if (!deps.empty()) {
        for (const Rlib& r : toolchain)
            stdCrates.insert(r.crate);
        for (const Rlib& r : deps)
            stdCrates.remove(r.crate);
        stdCrates.insert(QStringLiteral("std"));
    }

    readIndex(toolchain, false);
    report->attribution = rlibs ? QStringLiteral("rlibs") : QStringLiteral("names");
    // the crate roots (name and disambiguator) of the v0 symbols the toolchain's rlibs export
    std::set<std::string> toolchainRoots;
    for (const Sym& sym : syms)
        if (std::strncmp(sym.name, "_R", 2) == 0) {
            const auto it = wanted.find(withoutLlvmSuffix(sym.name));
            if (it == wanted.end() || it->second == SIZE_MAX || it->second < deps.size())
                continue;
            const V0Symbol v0 = parseV0Symbol(sym.name);
            if (!v0.ok)
                continue;
            toolchainRoots.insert(v0.defining.name + '[' + v0.defining.disambiguator + ']');
            if (!v0.instantiating.name.empty())
                toolchainRoots.insert(v0.instantiating.name + '[' + v0.instantiating.disambiguator + ']');
        }
    std::size_t v0Symbols = 0;
    report->rlibs = rlibs;
    for (std::size_t i = 0; i < syms.size(); ++i) {
        if ((i & 4095) == 0) {
            progress.setFraction(0.3 + 0.5 * double(i) / double(syms.size()));
            if (progress.cancelled()) {
                ImportError e{path, tr("import cancelled")};
                e.cancelled = true;
                return e;
            }
        }
        const Sym& s = syms[i];
        bool rust = false;
        FunctionSize f;
        f.name = demangle(s.name, rust);
        f.size = s.size;
        f.copies = 1;
        Attribution& a = attr[i];
        a.mangling = !rust                                ? Mangling::None
                     : std::strncmp(s.name, "_R", 2) == 0 ? Mangling::V0
                                                          : Mangling::Legacy;
        const std::size_t exporter = wanted.find(withoutLlvmSuffix(s.name))->second;
        a.byName = exporter == SIZE_MAX;
        if (exporter != SIZE_MAX) {
            const QString& crate = crateNames[static_cast<qsizetype>(exporter)];
            a.crate = stdCrates.contains(crate) ? QStringLiteral("std") : crate;
            a.own = crate;
        } else if (a.mangling == Mangling::None) {
            a.crate = QStringLiteral("[Unknown]");
        } else if (a.mangling == Mangling::V0 && rlibs == 0) {
            // the crate that instantiated a generic, else the one whose path it is
            const V0Symbol v0 = parseV0Symbol(s.name);
            const V0Crate& root = v0.instantiating.name.empty() ? v0.defining : v0.instantiating;
            a.crate = v0.ok ? QString::fromStdString(root.name) : v0InstantiatingCrate(s.name);
            if (a.crate.isEmpty())
                a.crate = v0Crate(s.name);
            a.own = a.crate;
            // A toolchain crate's name (rustc_demangle, miniz_oxide) may be the build's own dependency too:
            // where the toolchain's symbols are known, its copy is told by its disambiguator.
            const bool toolchainCopy =
                v0.ok && !toolchainRoots.empty()
                    ? toolchainRoots.count(root.name + '[' + root.disambiguator + ']') > 0
                    : stdCrates.contains(a.crate);
            if (toolchainCopy || a.crate == QLatin1String("std") || a.crate == QLatin1String("core") ||
                a.crate == QLatin1String("alloc")) {
                a.crate = QStringLiteral("std");
                stdIsV0 = true;
            }
            ++v0Symbols;
            if (a.crate.isEmpty())
                a.crate = QStringLiteral("[Unknown]");
        } else {
            a.crate = crateOfSymbol(f.name, f.crateGuessed, stdCrates);
            if (a.crate.isEmpty())
                a.crate = QStringLiteral("[Unknown]");
        }
        report->functions.push_back(std::move(f));
    }
    // With the rlibs, what they do not define stays where its name puts it, as cargo-bloat leaves it.
    if (rlibs == 0) {
        static const QSet<QString> stdItself = {QStringLiteral("std"), QStringLiteral("core"),
                                                QStringLiteral("alloc")};
        std::vector<QString> ownCrates(syms.size());
        for (std::size_t i = 0; i < syms.size(); ++i) {
            ownCrates[i] = attr[i].own;
            if (attr[i].mangling == Mangling::Legacy && attr[i].byName) {
                bool guessed = false;
                ownCrates[i] = crateOfSymbol(report->functions[i].name, guessed, stdItself);
            }
        }
        std::vector<RegionSymbol> region(syms.size());
        for (std::size_t i = 0; i < syms.size(); ++i)
            region[i] = {syms[i].address,
                         withoutLlvmSuffix(syms[i].name),
                         report->functions[i].name,
                         attr[i].crate,
                         ownCrates[i],
                         attr[i].mangling == Mangling::Legacy && attr[i].byName,
                         syms[i].global,
                         syms[i].exported};
        const int moved = rebuildRlibIndex(region, !toolchain.empty() || stdIsV0);
        for (std::size_t i = 0; i < syms.size(); ++i)
            if (region[i].crate != attr[i].crate) {
                attr[i].crate = region[i].crate;
                report->functions[i].crateGuessed = true;
            }
        if (moved > 0)
            report->attribution = QStringLiteral("layout");
        // v0 names carry the instantiating crate: exact where most of the code is v0-mangled
        if (v0Symbols * 2 > syms.size())
            report->attribution = QStringLiteral("v0");
    }
    QHash<QString, int> crateIndex;
    std::uint64_t covered = 0;
    for (std::size_t i = 0; i < syms.size(); ++i) {
        FunctionSize& f = report->functions[i];
        f.crate = attr[i].crate;
        covered += f.size;
        auto it = crateIndex.find(f.crate);
        if (it == crateIndex.end()) {
            it = crateIndex.insert(f.crate, static_cast<int>(report->crates.size()));
            report->crates.push_back({f.crate, 0, 0});
        }
        report->crates[static_cast<std::size_t>(*it)].size += f.size;
        ++report->crates[static_cast<std::size_t>(*it)].symbols;
    }
    // Bytes of .text no function symbol covers (padding, code of stripped symbols) are shown, not lost.
    if (report->textSize > covered) {
        report->crates.push_back({noSymbolCrate(), report->textSize - covered, 0});
        if (report->stripped)
            report->warnings << tr(
                "the binary has no symbol table (stripped): its code cannot be attributed to "
                "crates and shows as [no symbol]");
    }
    std::stable_sort(report->crates.begin(), report->crates.end(),
                     [](const CrateSize& a, const CrateSize& b) { return a.size > b.size; });
    std::stable_sort(report->functions.begin(), report->functions.end(),
                     [](const FunctionSize& a, const FunctionSize& b) { return a.size > b.size; });
    if (!textIndex)
        report->warnings << tr("the binary has no .text section");
    progress.setFraction(1.0);
    return std::shared_ptr<const SizeReport>(std::move(report));
}

} // namespace bl
