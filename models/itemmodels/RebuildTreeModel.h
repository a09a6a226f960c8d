#pragma once

#include "analysis/Rebuilds.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace bl {

// The Rebuilds view's tree: each root cause at the top, the units it dirtied under the unit they waited for,
// depth-first, with their compile times.
class RebuildTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    // Seconds: the unit's own compile time; Units and CascadeSeconds: a root's whole cascade
    enum Column { UnitColumn, Cause, Seconds, Units, CascadeSeconds, CriticalSeconds, ColumnCount };
    enum Role {
        UnitIndexRole = Qt::UserRole + 1, // the unit's position in the run
        SortRole,
    };

    explicit RebuildTreeModel(QObject* parent = nullptr);

    void setAnalysis(std::shared_ptr<const RebuildAnalysis> analysis);
    const std::shared_ptr<const RebuildAnalysis>& analysis() const { return m_analysis; }
    // The item of a unit of the run, or an invalid index when it was not rebuilt.
    QModelIndex indexOfUnit(int unit) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        int unit = -1;
        int via = -1;    // the unit it waited for (-1 for a root)
        int parent = -1; // node index
        int row = 0;     // among its parent's children
        int cascade = -1;
        std::vector<int> children;
    };
    std::shared_ptr<const RebuildAnalysis> m_analysis;
    std::vector<Node> m_nodes;
    std::vector<int> m_topLevel;
    std::vector<int> m_nodeOfUnit;
};

} // namespace bl
