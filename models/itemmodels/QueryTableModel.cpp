#include "QueryTableModel.h"

#include "ExportRole.h"

#include <iterator>

#include <cmath>

namespace bl {

QueryTableModel::QueryTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void QueryTableModel::setProfile(std::shared_ptr<const SelfProfile> profile)
{
    beginResetModel();
    m_profile = std::move(profile);
    endResetModel();
}

int QueryTableModel::rowOfLabel(const QString& label) const
{
    if (!m_profile)
        return -1;
    const auto& q = m_profile->summary.queries;
    for (std::size_t i = 0; i < q.size(); ++i)
        if (q[i].label == label)
            return static_cast<int>(i);
    return -1;
}

int QueryTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_profile ? 0 : static_cast<int>(m_profile->summary.queries.size());
}

int QueryTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueryTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_profile || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueryStats& q = m_profile->summary.queries[static_cast<std::size_t>(index.row())];
    const double total = static_cast<double>(m_profile->summary.totalTime);
    const double share = total > 0 ? static_cast<double>(q.selfTime) / total : 0.0;
    const double average =
        q.invocations ? static_cast<double>(q.selfTime) / static_cast<double>(q.invocations) : 0.0;
    switch (role) {
    case LabelRole:
        return q.label;
    case ShareRole:
        return share;
    case Qt::TextAlignmentRole:
        return index.column() == Label ? QVariant() : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return q.label;
    case ExportRole:
        return index.column() == Label ? QVariant() : data(index, SortRole);
    case SortRole:
        switch (index.column()) {
        case Label:
            return q.label;
        case SelfTime:
            return qlonglong(q.selfTime);
        case SelfShare:
            return share;
        case Time:
            return qlonglong(q.time);
        case Invocations:
            return qulonglong(q.invocations);
        case CacheHits:
            return qulonglong(q.cacheHits);
        case AverageSelf:
            return average;
        case BlockedTime:
            return qlonglong(q.blockedTime);
        case IncrementalLoad:
            return qlonglong(q.incrementalLoadTime);
        case IncrementalHashing:
            return qlonglong(q.incrementalHashingTime);
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Label:
            return q.label;
        case SelfTime:
            return formatNanoseconds(q.selfTime);
        case SelfShare:
            return QStringLiteral("%1 %").arg(100.0 * share, 0, 'f', 2);
        case Time:
            return formatNanoseconds(q.time);
        case Invocations:
            return QString::number(q.invocations);
        case CacheHits:
            return QString::number(q.cacheHits);
        case AverageSelf:
            return q.invocations ? formatNanoseconds(std::llround(average)) : QString();
        case BlockedTime:
            return q.blockedTime ? formatNanoseconds(q.blockedTime) : QString();
        case IncrementalLoad:
            return q.incrementalLoadTime ? formatNanoseconds(q.incrementalLoadTime) : QString();
        case IncrementalHashing:
            return q.incrementalHashingTime ? formatNanoseconds(q.incrementalHashingTime) : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant QueryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == ExportRole) {
        static const char* const names[] = {"query",
                                            "self_time_ns",
                                            "self_share",
                                            "time_ns",
                                            "invocations",
                                            "cache_hits",
                                            "average_self_ns",
                                            "blocked_ns",
                                            "incremental_load_ns",
                                            "incremental_hashing_ns"};
        static_assert(std::size(names) == ColumnCount);
        return QString::fromLatin1(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SelfTime:
            return tr("Time in this query or activity itself, without the ones it called");
        case SelfShare:
            return tr("Self time against the profile's total (all threads)");
        case Time:
            return tr("Time including everything it called");
        case Invocations:
            return tr("How often it ran (cache misses)");
        case CacheHits:
            return tr("How often its result came from the in-memory cache");
        case AverageSelf:
            return tr("Self time per invocation");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Label:
        return tr("Query / activity");
    case SelfTime:
        return tr("Self time");
    case SelfShare:
        return tr("% of total");
    case Time:
        return tr("Total time");
    case Invocations:
        return tr("Invocations");
    case CacheHits:
        return tr("Cache hits");
    case AverageSelf:
        return tr("Average self");
    case BlockedTime:
        return tr("Blocked");
    case IncrementalLoad:
        return tr("Incr. load");
    case IncrementalHashing:
        return tr("Incr. hashing");
    default:
        return {};
    }
}

QueryFilterProxy::QueryFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(QueryTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void QueryFilterProxy::setFilterText(const QString& text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateRowsFilter();
}

bool QueryFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    return sourceModel()
        ->index(sourceRow, 0, sourceParent)
        .data(QueryTableModel::LabelRole)
        .toString()
        .contains(m_text, Qt::CaseInsensitive);
}

} // namespace bl
