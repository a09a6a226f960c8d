#include "../core/Tr.h"
#include "FileKind.h"
#include "ImportUtil.h"
#include "SizeImporters.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <cstring>
#include <limits>
#include <string_view>

namespace bl {

using nlohmann::json;

namespace {

const qint64 kMaxBloatBytes = fileSizeLimit(FileKind::BloatJson);
const qint64 kMaxLlvmLinesBytes = fileSizeLimit(FileKind::LlvmLines);

} // namespace

Result<SizeReport> importBloatJson(const QString& path, Progress& progress)
{
    ImportError error;
    const auto data = detail::readWholeFile(path, kMaxBloatBytes, error);
    if (!data)
        return error;
    const json j = json::parse(data->constData(), data->constData() + data->size(), nullptr, false);
    if (j.is_discarded())
        return ImportError{path, tr("not valid JSON (a cut-off or corrupt cargo-bloat output?)")};
    if (!j.is_object() || !j.contains("file-size") || (!j.contains("functions") && !j.contains("crates")))
        return ImportError{path,
                           tr("not cargo-bloat JSON: `file-size` and `functions` or `crates` are missing")};
    auto report = std::make_shared<SizeReport>();
    report->file = path;
    report->source = QStringLiteral("cargo-bloat");
    // a size is a byte count: a negative or fractional one is impossible, and read as unsigned it would wrap
    // to 18 exabytes and flow into every total and comparison
    struct BadValue
    {
        QString message;
    };
    auto bytes = [](const json& row, const char* key, const QString& record) -> std::uint64_t {
        const json& v = row.at(key);
        if (!v.is_number_unsigned())
            throw BadValue{tr("%1: `%2` is %3, not a byte count")
                               .arg(record, QString::fromLatin1(key), QString::fromStdString(v.dump()))};
        return v.get<std::uint64_t>();
    };
    try {
        report->fileSize = bytes(j, "file-size", tr("the file"));
        report->textSize =
            j.contains("text-section-size") ? bytes(j, "text-section-size", tr("the file")) : 0;
        if (auto f = j.find("functions"); f != j.end()) {
            for (const json& row : *f) {
                FunctionSize fn;
                fn.name = QString::fromStdString(row.at("name").get<std::string>());
                fn.size =
                    bytes(row, "size",
                          tr("function %1 (%2)").arg(report->functions.size() + 1).arg(fn.name.left(80)));
                fn.copies = 1;
                if (auto c = row.find("crate"); c != row.end() && c->is_string()) {
                    fn.crate = QString::fromStdString(c->get<std::string>());
                    // cargo-bloat marks a crate it guessed from the name with a trailing '?'; keep the
                    // mark as a flag so that "flate2?" and "flate2" are one crate in totals and diffs
                    fn.crateGuessed = fn.crate.endsWith(QLatin1Char('?'));
                    if (fn.crateGuessed)
                        fn.crate.chop(1);
                }
                report->functions.push_back(std::move(fn));
            }
        }
        if (auto c = j.find("crates"); c != j.end()) {
            for (const json& row : *c) {
                const QString name = QString::fromStdString(row.at("name").get<std::string>());
                report->crates.push_back(
                    {name, bytes(row, "size", tr("crate %1 (%2)").arg(report->crates.size() + 1).arg(name)),
                     0});
            }
        }
        if (report->crates.empty()) // cargo-bloat without --crates lists only functions
            sumCratesOfFunctions(*report);
    } catch (const BadValue& bad) {
        return ImportError{path, bad.message};
    } catch (const std::exception& e) {
        return ImportError{path, tr("a cargo-bloat row is malformed: %1").arg(QString::fromUtf8(e.what()))};
    }
    progress.setFraction(1.0);
    return std::shared_ptr<const SizeReport>(std::move(report));
}

namespace {

// One row of cargo-llvm-lines: `lines (p%, c%) copies (p%, c%) name`, or the `lines copies (TOTAL)` row.
// Read by hand: a regular expression per row made a 250 MB table take seconds.
struct LlvmRow
{
    std::uint64_t lines = 0, copies = 0;
    const char* name = nullptr;
    const char* nameEnd = nullptr;
};

bool skipSpaces(const char*& p, const char* end)
{
    const char* start = p;
    while (p < end && (*p == ' ' || *p == '\t'))
        ++p;
    return p > start;
}

bool readCount(const char*& p, const char* end, std::uint64_t& value)
{
    const char* start = p;
    value = 0;
    while (p < end && *p >= '0' && *p <= '9') {
        if (value > (std::numeric_limits<std::uint64_t>::max() - 9) / 10)
            return false;
        value = value * 10 + std::uint64_t(*p++ - '0');
    }
    return p > start;
}

// `(6.6%,  6.6%)`
bool skipShares(const char*& p, const char* end)
{
    if (p >= end || *p != '(')
        return false;
    ++p;
    while (p < end && *p != ')') {
        const char c = *p++;
        if (!((c >= '0' && c <= '9') || c == '.' || c == '%' || c == ',' || c == ' '))
            return false;
    }
    if (p >= end)
        return false;
    ++p;
    return true;
}

bool readLlvmRow(const char* p, const char* end, LlvmRow& row)
{
    skipSpaces(p, end);
    if (!readCount(p, end, row.lines))
        return false;
    skipSpaces(p, end);
    if (!skipShares(p, end))
        return false;
    skipSpaces(p, end);
    if (!readCount(p, end, row.copies))
        return false;
    skipSpaces(p, end);
    if (!skipShares(p, end) || !skipSpaces(p, end))
        return false;
    while (end > p && (end[-1] == ' ' || end[-1] == '\r' || end[-1] == '\t'))
        --end;
    if (end == p)
        return false;
    row.name = p;
    row.nameEnd = end;
    return true;
}

bool readLlvmTotal(const char* p, const char* end, LlvmRow& row)
{
    skipSpaces(p, end);
    if (!readCount(p, end, row.lines) || !skipSpaces(p, end) || !readCount(p, end, row.copies) ||
        !skipSpaces(p, end))
        return false;
    while (end > p && (end[-1] == ' ' || end[-1] == '\r' || end[-1] == '\t'))
        --end;
    return std::string_view(p, std::size_t(end - p)) == "(TOTAL)";
}

} // namespace

Result<SizeReport> importLlvmLines(const QString& path, Progress& progress)
{
    ImportError error;
    const auto data = detail::readWholeFile(path, kMaxLlvmLinesBytes, error);
    if (!data)
        return error;
    auto report = std::make_shared<SizeReport>();
    report->file = path;
    report->source = QStringLiteral("llvm-lines");
    bool sawTotal = false;
    qint64 totalLine = -1;
    qint64 lineNo = 0;
    const char* const begin = data->constData();
    const char* const end = begin + data->size();
    QHash<QString, QString> crates; // many rows share a name's crate prefix: look each name up once
    for (const char* p = begin; p < end;) {
        const char* eol = static_cast<const char*>(std::memchr(p, '\n', std::size_t(end - p)));
        if (!eol)
            eol = end;
        const char* line = p;
        p = eol + 1;
        ++lineNo;
        if ((lineNo & 65535) == 0) {
            progress.setFraction(double(line - begin) / double(end - begin));
            if (progress.cancelled()) {
                ImportError e{path, tr("import cancelled")};
                e.cancelled = true;
                return e;
            }
        }
        const char* first = line;
        skipSpaces(first, eol);
        if (first == eol || (first + 1 == eol && *first == '\r'))
            continue;
        if (!sawTotal) {
            const std::string_view head(first, std::size_t(eol - first));
            if (head.substr(0, 5) == "Lines" || head.substr(0, 5) == "-----")
                continue;
            LlvmRow row;
            if (!readLlvmTotal(line, eol, row)) {
                ImportError e{path,
                              tr("not cargo-llvm-lines output: expected the header and the (TOTAL) row")};
                e.line = lineNo;
                return e;
            }
            report->totalLines = row.lines;
            report->totalCopies = row.copies;
            sawTotal = true;
            totalLine = lineNo;
            continue;
        }
        LlvmRow row;
        if (!readLlvmRow(line, eol, row)) {
            ImportError e{path, tr("a row does not read as `lines (p%, c%) copies (p%, c%) name`")};
            e.line = lineNo;
            return e;
        }
        FunctionSize f;
        f.size = row.lines;
        f.copies = row.copies;
        f.name = QString::fromUtf8(row.name, qsizetype(row.nameEnd - row.name));
        bool guessed = false;
        f.crate = crateOfSymbol(f.name, guessed);
        if (f.crate.isEmpty())
            f.crate = unknownCrate();
        f.crateGuessed = guessed;
        // one shared copy of each crate name, not one per row
        if (auto it = crates.constFind(f.crate); it != crates.constEnd())
            f.crate = *it;
        else
            crates.insert(f.crate, f.crate);
        report->functions.push_back(std::move(f));
    }
    if (!sawTotal)
        return ImportError{path, data->trimmed().isEmpty()
                                     ? tr("the file is empty")
                                     : tr("no (TOTAL) row: not cargo-llvm-lines output")};
    // the TOTAL row is the sum of all rows: less than the rows is impossible, more means rows are missing
    std::uint64_t rowLines = 0;
    for (const FunctionSize& f : report->functions)
        rowLines += f.size;
    if (rowLines > report->totalLines) {
        ImportError e{path, tr("the (TOTAL) row says %1 lines, but the rows add up to %2")
                                .arg(report->totalLines)
                                .arg(rowLines)};
        e.line = totalLine;
        return e;
    }
    if (rowLines < report->totalLines)
        report->warnings << tr("the rows add up to %1 of the %2 lines of the (TOTAL) row: a filtered or cut "
                               "table?")
                                .arg(rowLines)
                                .arg(report->totalLines);
    sumCratesOfFunctions(*report);
    progress.setFraction(1.0);
    return std::shared_ptr<const SizeReport>(std::move(report));
}

} // namespace bl
