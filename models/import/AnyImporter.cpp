#include "AnyImporter.h"

#include "HyperfineImporter.h"
#include "Importer.h"
#include "MetadataImporter.h"
#include "ProfileImporters.h"
#include "SizeImporters.h"

#include "FileKind.h"
#include "ImportUtil.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace bl {

Result<ImportedData> importAny(const QString& path, Progress& progress, const ImportOptions& options)
{
    auto wrap = [](auto result, auto member) -> Result<ImportedData> {
        if (!result)
            return result.error();
        auto data = std::make_shared<ImportedData>();
        data.get()->*member = result.value();
        return std::shared_ptr<const ImportedData>(std::move(data));
    };
    const QFileInfo info(path);
    if (info.isDir())
        return wrap(importProfileDirectory(path, progress, options.profile), &ImportedData::profiles);
    if (QString why; !detail::isRegularFile(path, &why))
        return ImportError{path, why};
    switch (info.exists() ? peekFileKind(path) : FileKind::Unknown) {
    case FileKind::MmProfdata:
        return wrap(importMmProfdata(path, progress, options.profile), &ImportedData::profile);
    case FileKind::SummarizeJson:
    case FileKind::ChromeTrace:
    case FileKind::Gzip:
        return wrap(importProfileJson(path, progress), &ImportedData::profile);
    case FileKind::Elf:
        return wrap(importElf(path, progress), &ImportedData::size);
    case FileKind::BloatJson:
        return wrap(importBloatJson(path, progress), &ImportedData::size);
    case FileKind::LlvmLines:
        return wrap(importLlvmLines(path, progress), &ImportedData::size);
    case FileKind::CargoMetadata:
        return wrap(importCargoMetadata(path, progress), &ImportedData::graph);
    case FileKind::HyperfineJson:
        return wrap(importHyperfine(path, progress), &ImportedData::benchmark);
    default:
        break;
    }
    return wrap(importTimingsFile(path, progress, options.timings), &ImportedData::timings);
}

} // namespace bl
