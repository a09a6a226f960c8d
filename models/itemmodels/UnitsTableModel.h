#pragma once

#include "../analysis/TimingsAnalysis.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>
#include <vector>

namespace bl {

// The units of one run as a table: one row per unit, in file order.
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

    // SortRole of a numeric column as plain numbers, one per row (computed on first use): a 50,000-row sort
    // makes a million comparisons, which QVariants and scattered units make slow. Null for a text column.
    const std::vector<double>* sortKeys(int column) const;

private:
    static bool numericColumn(int column);
    double numericSortKey(const Unit& u, int row, int column) const;

    std::shared_ptr<const TimingsAnalysis> m_analysis;
    double m_longest = 0;
    std::vector<double> m_frontend, m_codegen; // seconds per unit, -1 when the unit has no such section
    mutable std::vector<double> m_sortKeys[ColumnCount];
};

// Text filter over name, version, target and features, plus "hide fresh units". Sorts by SortRole.
class UnitsFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit UnitsFilterProxy(QObject* parent = nullptr);
    void setFilterText(const QString& text);
    void setHideFresh(bool hide);
    void setSourceModel(QAbstractItemModel* model) override;
    bool hideFresh() const { return m_hideFresh; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_text;
    bool m_hideFresh = false;
    const UnitsTableModel* m_units = nullptr; // the source, when it is one (lessThan runs a million times)
};

} // namespace bl
