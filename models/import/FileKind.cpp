#include "FileKind.h"

#include <QCoreApplication>
#include <QFile>

#include <cstring>

#include <nlohmann/json.hpp>

namespace bl {

namespace {

QByteArray firstJsonLine(const QByteArray& head)
{
    qsizetype pos = 0;
    while (pos < head.size()) {
        qsizetype nl = head.indexOf('\n', pos);
        if (nl < 0)
            nl = head.size();
        const QByteArray line = head.mid(pos, nl - pos).trimmed();
        if (line.startsWith('{'))
            return line;
        if (!line.isEmpty() && pos > 4096)
            break; // a message stream may start with a few stray lines, a JSON log does not
        pos = nl + 1;
    }
    return {};
}

bool isBinary(const QByteArray& head)
{
    const qsizetype n = std::min<qsizetype>(head.size(), 4096);
    return std::memchr(head.constData(), 0, std::size_t(n)) != nullptr;
}

} // namespace

FileKind peekFileKind(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? peekFileKind(f) : FileKind::Unknown;
}

FileKind peekFileKind(QFile& open)
{
    const qint64 size = open.size(); // 0 for what has no size, such as a pipe
    return detectFileKind(
        open.read(size > 0 ? std::min<qint64>(size, FileKindProbeBytes) : FileKindProbeBytes));
}

FileKind detectFileKind(const QByteArray& head)
{
    if (head.trimmed().isEmpty())
        return FileKind::Empty;
    if (head.startsWith("MMPD"))
        return FileKind::MmProfdata;
    if (head.startsWith("\x7f"
                        "ELF"))
        return FileKind::Elf;
    if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
        static_cast<unsigned char>(head[1]) == 0x8b)
        return FileKind::Gzip;
    if (isBinary(head))
        return FileKind::Unknown;
    const QByteArray lower = head.left(4096).toLower();
    if (lower.contains("<!doctype html") || lower.contains("<html")) {
        if (head.contains("Cargo Build Timings") || head.contains("const UNIT_DATA"))
            return FileKind::TimingsHtml;
        return FileKind::OtherHtml;
    }
    const QByteArray start = head.left(4096).trimmed();
    if (start.startsWith('{') && head.contains("\"file-size\"") &&
        (head.contains("\"functions\"") || head.contains("\"crates\"")))
        return FileKind::BloatJson;
    if (start.startsWith("Lines") && head.contains("(TOTAL)"))
        return FileKind::LlvmLines;
    if (start.startsWith("{\"packages\"") ||
        (start.startsWith('{') && head.contains("\"packages\"") && head.contains("\"workspace_members\"")))
        return FileKind::CargoMetadata;
    if (start.startsWith('{') && head.contains("\"results\"") && head.contains("\"times\""))
        return FileKind::HyperfineJson;
    if (start.startsWith('{') && head.contains("\"query_data\"") && head.contains("\"label\""))
        return FileKind::SummarizeJson;
    if ((start.startsWith('[') && (start.contains("\"ph\"") || start.mid(1).trimmed().startsWith("]"))) ||
        (start.startsWith('{') && head.contains("\"traceEvents\"")))
        return FileKind::ChromeTrace;
    const QByteArray line = firstJsonLine(head);
    if (line.isEmpty())
        return FileKind::Unknown;
    if (line.contains("\"run_id\"") && line.contains("\"reason\""))
        return FileKind::BuildAnalysisLog;
    if (head.contains("\"reason\":\"timing-info\"") || head.contains("\"reason\":\"compiler-artifact\"") ||
        head.contains("\"reason\":\"build-script-executed\""))
        return FileKind::TimingInfoLines;
    // the same messages written with other spacing (re-serialised, pretty-printed per line): by their content
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size() || (i == 0 && lines.size() == 1); ++i) {
        const QByteArray text = lines[i].trimmed();
        if (!text.startsWith('{'))
            continue;
        const nlohmann::json j = nlohmann::json::parse(text.constBegin(), text.constEnd(), nullptr, false);
        if (!j.is_object())
            continue;
        const auto reason = j.find("reason");
        if (reason == j.end() || !reason->is_string())
            continue;
        const std::string r = reason->get<std::string>();
        if (j.contains("run_id"))
            return FileKind::BuildAnalysisLog;
        if (r == "timing-info" || r == "compiler-artifact" || r == "build-script-executed")
            return FileKind::TimingInfoLines;
    }
    return FileKind::Unknown;
}

QString fileKindDescription(FileKind kind)
{
    switch (kind) {
    case FileKind::Unknown:
        return QCoreApplication::translate("bl", "an unrecognised file");
    case FileKind::Empty:
        return QCoreApplication::translate("bl", "an empty file");
    case FileKind::TimingsHtml:
        return QCoreApplication::translate("bl", "a cargo timings report");
    case FileKind::BuildAnalysisLog:
        return QCoreApplication::translate("bl", "a cargo build-analysis log");
    case FileKind::TimingInfoLines:
        return QCoreApplication::translate("bl", "cargo JSON messages");
    case FileKind::OtherHtml:
        return QCoreApplication::translate("bl", "an HTML page that is not a cargo timings report");
    case FileKind::MmProfdata:
        return QCoreApplication::translate("bl", "a rustc self-profile");
    case FileKind::SummarizeJson:
        return QCoreApplication::translate("bl", "a measureme summarize JSON file");
    case FileKind::ChromeTrace:
        return QCoreApplication::translate("bl", "a Chrome trace");
    case FileKind::Gzip:
        return QCoreApplication::translate("bl", "a gzip-compressed file");
    case FileKind::Elf:
        return QCoreApplication::translate("bl", "an ELF binary");
    case FileKind::BloatJson:
        return QCoreApplication::translate("bl", "cargo-bloat JSON");
    case FileKind::LlvmLines:
        return QCoreApplication::translate("bl", "cargo-llvm-lines output");
    case FileKind::CargoMetadata:
        return QCoreApplication::translate("bl", "cargo metadata");
    case FileKind::HyperfineJson:
        return QCoreApplication::translate("bl", "hyperfine benchmark results");
    }
    return {};
}

qint64 fileSizeLimit(FileKind kind)
{
    constexpr qint64 MiB = qint64(1) << 20;
    switch (kind) {
    case FileKind::TimingsHtml:
    case FileKind::BuildAnalysisLog:
    case FileKind::TimingInfoLines:
        return 1024 * MiB; // a 100,000-unit report is ~200 MB
    case FileKind::CargoMetadata:
    case FileKind::BloatJson:
        return 1024 * MiB;
    case FileKind::LlvmLines:
        return 256 * MiB; // the largest crates' tables are tens of MB; each row costs about 4x in memory
    case FileKind::SummarizeJson:
    case FileKind::ChromeTrace:
    case FileKind::Gzip:
        return 1536 * MiB; // QByteArray's practical limit, with room
    case FileKind::HyperfineJson:
        return 256 * MiB;
    case FileKind::Unknown: // cargo's stderr (why rebuilt) has no kind of its own
    case FileKind::OtherHtml:
    case FileKind::Empty:
        return 512 * MiB;
    case FileKind::MmProfdata:
    case FileKind::Elf:
        return -1;
    }
    return -1;
}

} // namespace bl
