#include "Importer.h"

#include "ImportUtil.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <new>

namespace bl {

namespace {
constexpr qint64 MaxTimingsFileBytes = qint64(1) << 30; // a 100,000-unit report is ~200 MB
}

Result<TimingsRun> importTimingsData(const QString& path, const QByteArray& data, Progress& progress,
                                     const TimingsImportOptions& options)
{
    const FileKind kind = detectFileKind(data.left(FileKindProbeBytes));
    // A value of an unexpected type deep in otherwise valid JSON surfaces as an exception from the JSON
    // library; it must become a message about the file, not end the program.
    try {
        switch (kind) {
        case FileKind::TimingsHtml:
            return importTimingsHtml(path, data, progress);
        case FileKind::BuildAnalysisLog:
            return importBuildAnalysis(path, data, progress);
        case FileKind::TimingInfoLines:
            return importTimingInfo(path, data, progress, options);
        default:
            break;
        }
    } catch (const nlohmann::json::exception& e) {
        return ImportError{path,
                           QCoreApplication::translate("bl", "a value has an unexpected type or shape (%1)")
                               .arg(QString::fromUtf8(e.what()))};
    } catch (const std::bad_alloc&) {
        return ImportError{path, QCoreApplication::translate("bl", "not enough memory to read this file")};
    }
    switch (kind) {
    case FileKind::Empty:
        return ImportError{path, QCoreApplication::translate("bl", "the file is empty")};
    default:
        break;
    }
    return ImportError{
        path, QCoreApplication::translate("bl", "this is %1, not a cargo timings report, build-analysis log "
                                                "or timing-info JSON lines")
                  .arg(fileKindDescription(kind))};
}

Result<TimingsRun> importTimingsFile(const QString& path, Progress& progress,
                                     const TimingsImportOptions& options)
{
    ImportError error;
    const auto data = detail::readWholeFile(path, MaxTimingsFileBytes, error);
    if (!data)
        return error;
    return importTimingsData(path, *data, progress, options);
}

} // namespace bl
