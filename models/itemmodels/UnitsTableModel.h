#pragma once

#include "../analysis/TimingsAnalysis.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>

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

private:
    std::shared_ptr<const TimingsAnalysis> m_analysis;
    double m_longest = 0;
};

// Text filter over name, version, target and features, plus "hide fresh units". Sorts by SortRole.
class UnitsFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit UnitsFilterProxy(QObject* parent = nullptr);
    void setFilterText(const QString& text);
    void setHideFresh(bool hide);
    bool hideFresh() const { return m_hideFresh; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    bool m_hideFresh = false;
};

} // namespace bl
