#include "SizeTableModels.h"

#include "ExportRole.h"

#include <QCoreApplication>

namespace bl {

QString formatBytes(std::uint64_t b)
{
    if (b >= 1024ull * 1024)
        return QStringLiteral("%1 MiB").arg(double(b) / 1048576.0, 0, 'f', 1);
    if (b >= 1024)
        return QStringLiteral("%1 KiB").arg(double(b) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 B").arg(b);
}

QString guessedCrateToolTip(const QString& crate)
{
    return QCoreApplication::translate(
               "bl::FunctionSizeModel",
               "%1 is a guess from the symbol's name: for a trait implementation (<Type as Trait>) whose "
               "type and trait come from different crates, the name does not say which crate instantiated "
               "it, and the type's crate is taken.")
        .arg(crate);
}

namespace {

// The denominator of "% of": .text for bytes (as cargo-bloat), the total for llvm-lines.
double totalOf(const SizeReport& r)
{
    if (r.isLlvmLines())
        return double(r.totalLines);
    if (r.textSize)
        return double(r.textSize);
    double sum = 0;
    for (const CrateSize& c : r.crates)
        sum += double(c.size);
    return sum;
}

QString amount(const SizeReport& r, std::uint64_t v)
{
    return r.isLlvmLines() ? QString::number(v) : formatBytes(v);
}

} // namespace

FunctionSizeModel::FunctionSizeModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FunctionSizeModel::setReport(std::shared_ptr<const SizeReport> report)
{
    beginResetModel();
    m_report = std::move(report);
    m_total = m_report ? totalOf(*m_report) : 0;
    endResetModel();
}

int FunctionSizeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_report ? 0 : static_cast<int>(m_report->functions.size());
}

int FunctionSizeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FunctionSizeModel::data(const QModelIndex& index, int role) const
{
    if (!m_report || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FunctionSize& f = m_report->functions[static_cast<std::size_t>(index.row())];
    const double share = m_total > 0 ? double(f.size) / m_total : 0.0;
    switch (role) {
    case ShareRole:
        return share;
    case CrateRole:
        return f.crate;
    case Qt::ToolTipRole:
        if (index.column() == Crate && f.crateGuessed)
            return guessedCrateToolTip(f.crate);
        return f.name;
    case CrateGuessedRole:
        return f.crateGuessed;
    case ExportRole:
        switch (index.column()) {
        case Size:
            return qulonglong(f.size);
        case Share:
            return share;
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() >= Size ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole:
        switch (index.column()) {
        case Name:
            return f.name;
        case Crate:
            return f.crate;
        case Size:
        case Share:
            return qulonglong(f.size);
        case Copies:
            return qulonglong(f.copies);
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return f.name;
        case Crate:
            return f.crate;
        case Size:
            return amount(*m_report, f.size);
        case Share:
            return QStringLiteral("%1 %").arg(100.0 * share, 0, 'f', 2);
        case Copies:
            return qulonglong(f.copies);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant FunctionSizeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == ExportRole && section >= 0 && section < ColumnCount) {
        const bool lines = m_report && m_report->isLlvmLines();
        const char* const names[] = {"function", "crate", lines ? "lines" : "bytes",
                                     lines ? "share_of_lines" : "share_of_text",
                                     lines ? "copies" : "symbols"};
        return QString::fromLatin1(names[section]);
    }
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == Crate)
        return tr("The crate whose code this is. In italics: a guess from the symbol's name.");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool lines = m_report && m_report->isLlvmLines();
    switch (section) {
    case Name:
        return tr("Function");
    case Crate:
        return tr("Crate");
    case Size:
        return lines ? tr("Lines") : tr("Size");
    case Share:
        return lines ? tr("% of lines") : tr("% of .text");
    case Copies:
        return lines ? tr("Copies") : tr("Symbols");
    default:
        return {};
    }
}

CrateSizeModel::CrateSizeModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CrateSizeModel::setReport(std::shared_ptr<const SizeReport> report)
{
    beginResetModel();
    m_report = std::move(report);
    m_total = m_report ? totalOf(*m_report) : 0;
    endResetModel();
}

int CrateSizeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_report ? 0 : static_cast<int>(m_report->crates.size());
}

int CrateSizeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CrateSizeModel::data(const QModelIndex& index, int role) const
{
    if (!m_report || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CrateSize& c = m_report->crates[static_cast<std::size_t>(index.row())];
    const double share = m_total > 0 ? double(c.size) / m_total : 0.0;
    switch (role) {
    case ShareRole:
        return share;
    case ExportRole:
        switch (index.column()) {
        case Size:
            return qulonglong(c.size);
        case Share:
            return share;
        case Symbols:
            return c.symbols ? QVariant(qulonglong(c.symbols)) : QVariant(QString());
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() == Name ? QVariant() : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case SortRole:
        switch (index.column()) {
        case Name:
            return c.name;
        case Size:
        case Share:
            return qulonglong(c.size);
        case Symbols:
            return qulonglong(c.symbols);
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return c.name;
        case Size:
            return amount(*m_report, c.size);
        case Share:
            return QStringLiteral("%1 %").arg(100.0 * share, 0, 'f', 1);
        case Symbols:
            return c.symbols ? QVariant(qulonglong(c.symbols)) : QVariant();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant CrateSizeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const bool lines = m_report && m_report->isLlvmLines();
    if (orientation == Qt::Horizontal && role == ExportRole && section >= 0 && section < ColumnCount) {
        const char* const names[] = {"crate", lines ? "lines" : "bytes",
                                     lines ? "share_of_lines" : "share_of_text",
                                     lines ? "functions" : "symbols"};
        return QString::fromLatin1(names[section]);
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Crate");
    case Size:
        return lines ? tr("Lines") : tr("Size");
    case Share:
        return lines ? tr("% of lines") : tr("% of .text");
    case Symbols:
        return lines ? tr("Functions") : tr("Symbols");
    default:
        return {};
    }
}

} // namespace bl
