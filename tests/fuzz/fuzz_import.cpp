// A libFuzzer target per importer: the bytes are read as one kind of file, named by the name the program is
// called by (fuzz_<kind>: one executable, a link per kind, made by CMakeLists.txt), and whatever imports is
// then summarised as `buildlens summary --json` does, its JSON parsed back. A crash, a hang, a sanitizer
// finding, an exception or JSON that does not parse is a finding; an import that refuses the bytes with a
// message is the expected outcome for most of them.

#include "analysis/GraphOverview.h"
#include "analysis/TimingsAnalysis.h"
#include "core/Progress.h"
#include "import/AnyImporter.h"
#include "import/HyperfineImporter.h"
#include "import/Importer.h"
#include "import/MetadataImporter.h"
#include "import/MmProfdataImporter.h"
#include "import/ProfileImporters.h"
#include "import/RebuildImporter.h"
#include "import/SizeImporters.h"
#include "import/TimingsImporters.h"
#include "report/SummaryReport.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace {

enum Kind {
    TimingsHtml,
    BuildAnalysis,
    TimingInfo,
    CargoStderr,
    MmProfdata,
    ProfileJson,
    BloatJson,
    LlvmLines,
    CargoMetadata,
    Hyperfine,
    Elf,
    Any,
};
// in Kind's order, as CMakeLists.txt names the links
const char* const kKindNames[] = {"timings_html",   "build_analysis", "timing_info", "cargo_stderr",
                                  "mm_profdata",    "profile_json",   "bloat_json",  "llvm_lines",
                                  "cargo_metadata", "hyperfine",      "elf",         "any"};
Kind g_kind = Any;

// Importers that take a path read this file; tmpfs when there is one, so that a run stays in memory.
const QString& scratch()
{
    static const QString path = [] {
        const QString dir =
            QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
        return QStringLiteral("%1/buildlens-fuzz-%2.bin").arg(dir).arg(::getpid());
    }();
    return path;
}

void writeScratch(const std::uint8_t* data, std::size_t size)
{
    const QByteArray name = QFile::encodeName(scratch());
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        std::abort();
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n <= 0)
            std::abort();
        done += std::size_t(n);
    }
    ::close(fd);
}

// Validates without building the document: the parse of a DOM was a quarter of an execution's time.
void mustParse(const std::string& json)
{
    if (!nlohmann::json::accept(json)) {
        std::fprintf(stderr, "summary JSON does not parse:\n%s\n", json.c_str());
        std::abort();
    }
}

void summarise(const std::shared_ptr<const bl::TimingsRun>& run)
{
    const auto analysis = bl::analyse(run);
    mustParse(bl::timingsSummaryJson(*analysis, scratch()));
    (void)bl::timingsSummaryText(*analysis, scratch());
}

void summarise(const bl::ImportedData& d)
{
    if (d.timings)
        summarise(d.timings);
    if (d.profile)
        mustParse(bl::selfProfileSummaryJson(*d.profile, scratch()));
    if (d.size) {
        mustParse(bl::sizeReportJson(*d.size, scratch()));
        (void)bl::sizeReportText(*d.size, scratch());
    }
    if (d.graph)
        (void)bl::graphOverview(*d.graph);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    const QString program = *argc > 0 ? QFileInfo(QString::fromLocal8Bit((*argv)[0])).fileName() : QString();
    for (int k = 0; k <= Any; ++k)
        if (program == QLatin1String("fuzz_") + QLatin1String(kKindNames[k])) {
            g_kind = Kind(k);
            return 0;
        }
    std::fprintf(stderr, "called as %s: call a link named fuzz_<kind> (tests/fuzz/CMakeLists.txt)\n",
                 qPrintable(program));
    std::exit(2);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace bl;
    Progress progress;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString path = scratch();
    ImportedData out;
    switch (g_kind) {
    case TimingsHtml:   // the three timings formats through the window's and the CLI's entry, which tells
    case BuildAnalysis: // them apart by content: the targets differ by their seeds
    case TimingInfo:
        if (auto r = importTimingsData(path, bytes, progress))
            out.timings = r.value();
        break;
    case CargoStderr:
        if (auto r = importCargoStderr(path, bytes))
            out.timings = r.value();
        break;
    case MmProfdata:
        writeScratch(data, size);
        if (auto r = importMmProfdata(path, progress))
            out.profile = r.value();
        break;
    case ProfileJson:
        writeScratch(data, size);
        if (auto r = importProfileJson(path, progress))
            out.profile = r.value();
        break;
    case BloatJson:
        writeScratch(data, size);
        if (auto r = importBloatJson(path, progress))
            out.size = r.value();
        break;
    case LlvmLines:
        writeScratch(data, size);
        if (auto r = importLlvmLines(path, progress))
            out.size = r.value();
        break;
    case CargoMetadata:
        writeScratch(data, size);
        if (auto r = importCargoMetadata(path, progress))
            out.graph = r.value();
        break;
    case Hyperfine:
        writeScratch(data, size);
        (void)importHyperfine(path, progress);
        break;
    case Elf:
        writeScratch(data, size);
        if (auto r = importElf(path, progress))
            out.size = r.value();
        break;
    case Any:
        writeScratch(data, size);
        if (auto r = importAny(path, progress))
            out = *r.value();
        break;
    }
    summarise(out);
    return 0;
}
