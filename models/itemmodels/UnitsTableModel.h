#pragma once

#include "../analysis/TimingsAnalysis.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>
#include <vector>

namespace bl {

// The units of one run as a table: one row per unit, in file order until sorted.
class UnitsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name,
        Version,
        Target,
        Kind,
        Mode,
        Start,
        Duration,
        Frontend,
        Codegen,
        Critical,
        Slack,
        Features,
        Rebuild,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers for numeric columns
        UnitIndexRole,               // position in TimingsRun::units
        KindRole,                    // int(UnitKind)
        CriticalRole,                // bool
        FreshRole,                   // bool
        ShareRole,                   // double 0..1: the unit's duration against the slowest unit's
    };

    explicit UnitsTableModel(QObject* parent = nullptr);

    void setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis);
    const std::shared_ptr<const TimingsAnalysis>& analysis() const { return m_analysis; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Sorts the rows by one column (by SortRole: numbers for numeric columns, else the text, case folded),
    // ties in file order. The sort is kept: the next analysis comes sorted the same way. With no sort
    // (column -1), rows are in file order. Sorting here rather than in a QSortFilterProxyModel saves its
    // per-comparison QModelIndex work: a 50,000-unit run sorts in a few milliseconds.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // The unit (position in TimingsRun::units) shown on a row, and the row that shows a unit (-1 if none).
    int unitAt(int row) const;
    int rowOfUnit(int unit) const;

private:
    static bool numericColumn(int column);
    double numericSortKey(const Unit& u, int unit, int column) const;
    QString displayText(const Unit& u, int unit, int column) const;
    std::vector<int> sortedUnits() const;
    void setOrder(std::vector<int> order);

    std::shared_ptr<const TimingsAnalysis> m_analysis;
    double m_longest = 0;
    std::vector<double> m_frontend, m_codegen; // seconds per unit, -1 when the unit has no such section
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::vector<int> m_order; // row -> unit
    std::vector<int> m_rowOf; // unit -> row
};

// Text filter over name, version, target and features, plus "hide fresh units". Its sort() sorts the
// UnitsTableModel under it, whose order it keeps.
class UnitsFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit UnitsFilterProxy(QObject* parent = nullptr);
    void setFilterText(const QString& text);
    void setHideFresh(bool hide);
    void setSourceModel(QAbstractItemModel* model) override;
    bool hideFresh() const { return m_hideFresh; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    bool m_hideFresh = false;
    UnitsTableModel* m_units = nullptr; // the source, when it is one
};

} // namespace bl
