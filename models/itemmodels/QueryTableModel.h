#pragma once

#include "../core/SelfProfile.h"
#include "../report/SummaryReport.h" // formatNanoseconds

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>

namespace bl {

// A profile's queries and activities as summarize reports them: one row per label.
class QueryTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Label,
        SelfTime,
        SelfShare,
        Time,
        Invocations,
        CacheHits,
        AverageSelf,
        BlockedTime,
        IncrementalLoad,
        IncrementalHashing,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,
        ShareRole, // double 0..1: self time against the total
        LabelRole,
    };

    explicit QueryTableModel(QObject* parent = nullptr);
    void setProfile(std::shared_ptr<const SelfProfile> profile);
    const std::shared_ptr<const SelfProfile>& profile() const { return m_profile; }
    // The row of a label, -1 when absent.
    int rowOfLabel(const QString& label) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const SelfProfile> m_profile;
};

// Case-insensitive text filter on the label; sorts by SortRole.
class QueryFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit QueryFilterProxy(QObject* parent = nullptr);
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
};

} // namespace bl
