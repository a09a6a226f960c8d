#include "../core/Tr.h"
#include "FileKind.h"
#include "ImportUtil.h"
#include "SizeImporters.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

namespace bl {

using nlohmann::json;

namespace {

const qint64 kMaxTextBytes = fileSizeLimit(FileKind::LlvmLines);

} // namespace

Result<SizeReport> importBloatJson(const QString& path, Progress& progress)
{
    ImportError error;
    const auto data = detail::readWholeFile(path, kMaxTextBytes, error);
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

Result<SizeReport> importLlvmLines(const QString& path, Progress& progress)
{
    ImportError error;
    const auto data = detail::readWholeFile(path, kMaxTextBytes, error);
    if (!data)
        return error;
    static const QRegularExpression total(QStringLiteral(R"(^\s*(\d+)\s+(\d+)\s+\(TOTAL\)\s*$)"));
    static const QRegularExpression row(QStringLiteral(
        R"(^\s*(\d+)\s+\(\s*[\d.]+%,\s*[\d.]+%\)\s+(\d+)\s+\(\s*[\d.]+%,\s*[\d.]+%\)\s+(.*)$)"));
    auto report = std::make_shared<SizeReport>();
    report->file = path;
    report->source = QStringLiteral("llvm-lines");
    bool sawTotal = false;
    qint64 totalLine = -1;
    qint64 lineNo = 0;
    const QList<QByteArray> lines = data->split('\n');
    for (const QByteArray& raw : lines) {
        ++lineNo;
        const QString line = QString::fromUtf8(raw).trimmed().isEmpty() ? QString() : QString::fromUtf8(raw);
        if (line.isEmpty())
            continue;
        const QString trimmed = line.trimmed();
        if (!sawTotal) {
            if (trimmed.startsWith(QLatin1String("Lines")) || trimmed.startsWith(QLatin1String("-----")))
                continue;
            const auto m = total.match(line);
            if (!m.hasMatch()) {
                ImportError e{path,
                              tr("not cargo-llvm-lines output: expected the header and the (TOTAL) row")};
                e.line = lineNo;
                return e;
            }
            report->totalLines = m.captured(1).toULongLong();
            report->totalCopies = m.captured(2).toULongLong();
            sawTotal = true;
            totalLine = lineNo;
            continue;
        }
        const auto m = row.match(line);
        if (!m.hasMatch()) {
            ImportError e{path, tr("a row does not read as `lines (p%, c%) copies (p%, c%) name`")};
            e.line = lineNo;
            return e;
        }
        FunctionSize f;
        f.size = m.captured(1).toULongLong();
        f.copies = m.captured(2).toULongLong();
        f.name = m.captured(3);
        bool guessed = false;
        f.crate = crateOfSymbol(f.name, guessed);
        if (f.crate.isEmpty())
            f.crate = unknownCrate();
        f.crateGuessed = guessed;
        report->functions.push_back(std::move(f));
    }
    if (!sawTotal)
        return ImportError{path, lines.isEmpty() || data->trimmed().isEmpty()
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
