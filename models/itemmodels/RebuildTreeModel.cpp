#include "RebuildTreeModel.h"

#include "ExportRole.h"

#include "report/SummaryReport.h"

#include <QCoreApplication>

namespace bl {

RebuildTreeModel::RebuildTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

void RebuildTreeModel::setAnalysis(std::shared_ptr<const RebuildAnalysis> analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    m_nodes.clear();
    m_topLevel.clear();
    m_nodeOfUnit.assign(m_analysis && m_analysis->run ? m_analysis->run->units.size() : 0, -1);
    if (m_analysis && m_analysis->run) {
        for (std::size_t k = 0; k < m_analysis->roots.size(); ++k) {
            const RebuildCascade& c = m_analysis->roots[k];
            Node root;
            root.unit = c.root;
            root.cascade = int(k);
            root.row = int(m_topLevel.size());
            m_nodeOfUnit[std::size_t(c.root)] = int(m_nodes.size());
            m_topLevel.push_back(int(m_nodes.size()));
            m_nodes.push_back(root);
            // depth-first order: a unit's dependency is always listed before it
            for (const auto& [unit, via] : c.dirtied) {
                Node n;
                n.unit = unit;
                n.via = via;
                n.cascade = int(k);
                n.parent = m_nodeOfUnit[std::size_t(via)];
                n.row = int(m_nodes[std::size_t(n.parent)].children.size());
                m_nodeOfUnit[std::size_t(unit)] = int(m_nodes.size());
                m_nodes[std::size_t(n.parent)].children.push_back(int(m_nodes.size()));
                m_nodes.push_back(n);
            }
        }
    }
    endResetModel();
}

QModelIndex RebuildTreeModel::indexOfUnit(int unit) const
{
    if (unit < 0 || std::size_t(unit) >= m_nodeOfUnit.size() || m_nodeOfUnit[std::size_t(unit)] < 0)
        return {};
    const int node = m_nodeOfUnit[std::size_t(unit)];
    return createIndex(m_nodes[std::size_t(node)].row, 0, quintptr(node));
}

QModelIndex RebuildTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const std::vector<int>& list =
        parent.isValid() ? m_nodes[std::size_t(parent.internalId())].children : m_topLevel;
    if (parent.isValid() && parent.column() != 0)
        return {};
    if (std::size_t(row) >= list.size())
        return {};
    return createIndex(row, column, quintptr(list[std::size_t(row)]));
}

QModelIndex RebuildTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[std::size_t(child.internalId())].parent;
    if (p < 0)
        return {};
    return createIndex(m_nodes[std::size_t(p)].row, 0, quintptr(p));
}

int RebuildTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_topLevel.size());
    if (parent.column() != 0)
        return 0;
    return int(m_nodes[std::size_t(parent.internalId())].children.size());
}

int RebuildTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant RebuildTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_analysis)
        return {};
    const Node& n = m_nodes[std::size_t(index.internalId())];
    const Unit& u = m_analysis->run->units[std::size_t(n.unit)];
    const RebuildCascade& c = m_analysis->roots[std::size_t(n.cascade)];
    const bool root = n.parent < 0;
    if (role == UnitIndexRole)
        return n.unit;
    auto cause = [&]() -> QString {
        if (!root)
            return QCoreApplication::translate("bl", "after %1")
                .arg(m_analysis->run->units[std::size_t(n.via)].label());
        QString text = rebuildCauseKey(u.rebuildCause);
        if (!u.rebuildDetail.isEmpty())
            text += QStringLiteral(": ") + u.rebuildDetail;
        return text;
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case UnitColumn:
            return u.label();
        case Cause:
            return cause();
        case Seconds:
            return formatSeconds(u.duration);
        case Units:
            return root ? QVariant(int(1 + c.dirtied.size())) : QVariant();
        case CascadeSeconds:
            return root ? QVariant(formatSeconds(c.seconds)) : QVariant();
        case CriticalSeconds:
            return root && c.criticalSeconds >= 0 ? QVariant(formatSeconds(c.criticalSeconds)) : QVariant();
        }
        break;
    case SortRole:
    case ExportRole:
        switch (index.column()) {
        case UnitColumn:
            return u.label();
        case Cause:
            return root ? rebuildCauseKey(u.rebuildCause) : QStringLiteral("dependency-rebuilt");
        case Seconds:
            return u.duration;
        case Units:
            return root ? QVariant(int(1 + c.dirtied.size())) : QVariant();
        case CascadeSeconds:
            return root ? QVariant(c.seconds) : QVariant();
        case CriticalSeconds:
            return root && c.criticalSeconds >= 0 ? QVariant(c.criticalSeconds) : QVariant();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Cause)
            return root ? (u.rebuildReason.isEmpty() ? cause() : u.rebuildReason) : cause();
        if (index.column() == CascadeSeconds && root)
            return QCoreApplication::translate("bl", "%1 for this unit, %2 with what it set off")
                .arg(formatSeconds(u.duration), formatSeconds(c.seconds));
        if (index.column() == CriticalSeconds && root && c.criticalSeconds >= 0)
            return QCoreApplication::translate(
                       "bl", "%n unit(s) of this cascade on the critical path: %1 of its %2", nullptr,
                       c.criticalUnits)
                .arg(formatSeconds(c.criticalSeconds), formatSeconds(m_analysis->criticalPathSeconds));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != UnitColumn && index.column() != Cause)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant RebuildTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == ExportRole) {
        static const char* keys[] = {"unit",          "cause",           "seconds",
                                     "cascade_units", "cascade_seconds", "critical_path_seconds"};
        return QString::fromLatin1(keys[section]);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case UnitColumn:
        return QCoreApplication::translate("bl", "Unit");
    case Cause:
        return QCoreApplication::translate("bl", "Why");
    case Seconds:
        return QCoreApplication::translate("bl", "Time");
    case Units:
        return QCoreApplication::translate("bl", "Units set off");
    case CascadeSeconds:
        return QCoreApplication::translate("bl", "Time set off");
    case CriticalSeconds:
        return QCoreApplication::translate("bl", "On critical path");
    }
    return {};
}

} // namespace bl
