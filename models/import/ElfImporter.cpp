#include "SizeImporters.h"

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
                            .arg(name)
                            .arg(fileSize > sh.sh_offset ? fileSize - sh.sh_offset : 0)
                            .arg(sh.sh_size));
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
            syms.push_back({s.st_value, s.st_size, n ? n : ""});
        }
    }
    progress.setFraction(0.3);

    // Attribution, as cargo-bloat does it. A symbol that the build's rlibs (cargo's deps/ next to the binary,
    // in build order) or the toolchain's rlibs export goes to that crate, the first to export it winning;
    // ThinLTO's `.llvm.` suffixes do not count. Any other symbol goes to the crate its name starts with.
    // From the binary alone the crate that instantiated std's generic code is guessed instead: a v0 symbol
    // names it at its end; a legacy-mangled copy of std's generic code (std itself is v0-mangled) sits, like
    // all code of one object file, among the functions of the crate that compiled it, so it takes the crate
    // of its nearest legacy neighbour in address order.
    enum class Mangling { None, Legacy, V0 };
    struct Attribution
    {
        QString crate;
        Mangling mangling = Mangling::None;
        bool ambiguous = false;
    };
    std::vector<Attribution> attr(syms.size());
    bool stdIsV0 = false;

    std::vector<Rlib> deps;
    const QDir binaryDir = QFileInfo(path).absoluteDir();
    for (const QDir& dir :
         {QDir(binaryDir.filePath(QStringLiteral("deps"))),
          QDir(binaryDir.filePath(QStringLiteral("../deps")))}) // examples/ sit beside deps/
        if (dir.exists() && deps.empty())
            deps = rlibsIn(dir);
    // cargo-bloat reads the rlibs in the order cargo reported them built; their modification times keep it
    std::stable_sort(deps.begin(), deps.end(),
                     [](const Rlib& x, const Rlib& y) { return x.modified < y.modified; });
    const QString stdLib = findStdLibDir(rustcVersionOf(elf, shstrndx), ehdr.e_machine);
    const std::vector<Rlib> toolchain = stdLib.isEmpty() ? std::vector<Rlib>() : rlibsIn(QDir(stdLib));
    report->sysroot = stdLib;

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

    std::unordered_map<std::string_view, std::size_t> wanted; // symbol without suffix -> index in crateNames
    for (const Sym& sym : syms)
        wanted.emplace(withoutLlvmSuffix(sym.name), SIZE_MAX);
    QStringList crateNames;
    int rlibs = 0;
    auto readIndex = [&](const std::vector<Rlib>& libs, bool countRlibs) {
        for (const Rlib& lib : libs) {
            const auto crate = static_cast<std::size_t>(crateNames.size());
            crateNames << lib.crate;
            const bool ok = forEachArchiveSymbol(lib.path, [&](std::string_view name) {
                const auto it = wanted.find(withoutLlvmSuffix(name));
                if (it != wanted.end() && it->second == SIZE_MAX)
                    it->second = crate;
            });
            if (ok && countRlibs)
                ++rlibs;
        }
    };
    readIndex(deps, true);
    readIndex(toolchain, false);
    report->attribution = rlibs ? QStringLiteral("rlibs") : QStringLiteral("names");
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
        if (exporter != SIZE_MAX) {
            const QString& crate = crateNames[static_cast<qsizetype>(exporter)];
            a.crate = stdCrates.contains(crate) ? QStringLiteral("std") : crate;
        } else if (a.mangling == Mangling::None) {
            a.crate = QStringLiteral("[Unknown]");
        } else if (a.mangling == Mangling::V0 && rlibs == 0) {
            a.crate = v0InstantiatingCrate(s.name);
            if (a.crate.isEmpty())
                a.crate = v0Crate(s.name);
            if (stdCrates.contains(a.crate)) {
                a.crate = QStringLiteral("std");
                stdIsV0 = true;
            }
            if (a.crate.isEmpty())
                a.crate = QStringLiteral("[Unknown]");
        } else {
            a.crate = crateOfSymbol(f.name, f.crateGuessed, stdCrates);
            if (a.crate.isEmpty())
                a.crate = QStringLiteral("[Unknown]");
            a.ambiguous = a.mangling == Mangling::Legacy && a.crate == QLatin1String("std");
            stdIsV0 = stdIsV0 || (a.mangling == Mangling::V0 && a.crate == QLatin1String("std"));
        }
        report->functions.push_back(std::move(f));
    }
    // With the rlibs, what they do not define stays where its name puts it, as cargo-bloat leaves it.
    if (stdIsV0 && rlibs == 0) {
        std::vector<std::size_t> byAddress(syms.size());
        for (std::size_t i = 0; i < byAddress.size(); ++i)
            byAddress[i] = i;
        std::sort(byAddress.begin(), byAddress.end(),
                  [&](std::size_t x, std::size_t y) { return syms[x].address < syms[y].address; });
        auto definite = [&](std::size_t i) {
            return attr[i].mangling == Mangling::Legacy && !attr[i].ambiguous;
        };
        std::vector<long> previous(byAddress.size(), -1), next(byAddress.size(), -1);
        long last = -1;
        for (std::size_t k = 0; k < byAddress.size(); ++k) {
            previous[k] = last;
            if (definite(byAddress[k]))
                last = static_cast<long>(k);
        }
        last = -1;
        for (std::size_t k = byAddress.size(); k-- > 0;) {
            next[k] = last;
            if (definite(byAddress[k]))
                last = static_cast<long>(k);
        }
        for (std::size_t k = 0; k < byAddress.size(); ++k) {
            Attribution& a = attr[byAddress[k]];
            if (!a.ambiguous)
                continue;
            const long from = previous[k] >= 0 ? previous[k] : next[k];
            if (from >= 0) {
                a.crate = attr[byAddress[static_cast<std::size_t>(from)]].crate;
                report->functions[byAddress[k]].crateGuessed = true;
            }
        }
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
