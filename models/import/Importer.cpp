#include "Importer.h"

#include "FileKind.h"
#include "ImportUtil.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <new>
#include <optional>

namespace bl {

namespace {
const qint64 MaxTimingsFileBytes = fileSizeLimit(FileKind::TimingsHtml);
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

namespace {

// A build-analysis log records no CPU use, but cargo writes the HTML report of the same run beside it
// (cargo-timing-<run id>.html, under the target directory, or copied next to the log): its CPU samples are
// the same build's. Anything wrong with that report only means there are no samples.
std::optional<std::pair<std::vector<CpuSample>, QString>> cpuFromReport(const TimingsRun& run,
                                                                        const QString& logPath)
{
    if (run.source != TimingsSource::BuildAnalysis || !run.cpu.empty() || run.runId.isEmpty() ||
        run.runId.contains(QLatin1Char('/')) || run.runId.contains(QLatin1Char('\\')))
        return std::nullopt;
    const QString name = QStringLiteral("cargo-timing-%1.html").arg(run.runId);
    QStringList candidates{QFileInfo(logPath).dir().filePath(name)};
    if (!run.targetDir.isEmpty())
        candidates << QDir(run.targetDir).filePath(QStringLiteral("cargo-timings/") + name);
    for (const QString& candidate : std::as_const(candidates)) {
        if (!QFileInfo(candidate).isFile())
            continue;
        ImportError ignored;
        const auto data = detail::readWholeFile(candidate, MaxTimingsFileBytes, ignored);
        if (!data)
            continue;
        Progress quiet;
        try {
            Result<TimingsRun> report = importTimingsHtml(candidate, *data, quiet);
            if (!report || report.value()->cpu.empty())
                continue;
            return std::make_pair(report.value()->cpu, candidate);
        } catch (const std::exception&) {
            continue;
        }
    }
    return std::nullopt;
}

} // namespace

Result<TimingsRun> importTimingsFile(const QString& path, Progress& progress,
                                     const TimingsImportOptions& options)
{
    ImportError error;
    const auto data = detail::readWholeFile(path, MaxTimingsFileBytes, error);
    if (!data)
        return error;
    Result<TimingsRun> run = importTimingsData(path, *data, progress, options);
    if (run) {
        if (auto cpu = cpuFromReport(*run.value(), path)) {
            auto withCpu = std::make_shared<TimingsRun>(*run.value());
            withCpu->cpu = std::move(cpu->first);
            withCpu->cpuFrom = cpu->second;
            return Result<TimingsRun>(std::shared_ptr<const TimingsRun>(std::move(withCpu)));
        }
    }
    return run;
}

} // namespace bl
