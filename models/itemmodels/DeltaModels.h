#pragma once

#include "../analysis/RunDiff.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>

namespace bl {

// Rows of a comparison for the compare views. Each model holds an immutable diff; numbers for sorting come
// through SortRole, the signed change for colouring through DeltaRole.
enum DeltaRole {
    DeltaSortRole = Qt::UserRole + 1,
    DeltaRole,      // double: the change, b - a (seconds, ns, bytes or lines)
    DeltaShareRole, // double -1..1: the change against the largest absolute change of the table
    StatusRole,    // QString: "changed", "added", "removed", "rebuilt", "fresh"; sets: "significant", "noise"
    KeyRole,       // QString: what identifies the row (a unit's label, a query label, crate + name)
    PositionARole, // int: timings: position of the unit in run A, -1 when absent
    PositionBRole, // int: ... in run B
    CrateRole,     // QString: the crate a row is about (units, size rows), for its crate page
};

// One row per unit of either run: matched units, then those built in one run only.
class UnitDeltaModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UnitName, A, B, Delta, Change, Status, ColumnCount };

    explicit UnitDeltaModel(QObject* parent = nullptr);
    void setDiff(std::shared_ptr<const TimingsDiff> diff);
    const std::shared_ptr<const TimingsDiff>& diff() const { return m_diff; }
    // The row showing the unit at this position of run A (side 0) or B (side 1), -1 when none.
    int rowOfUnit(int side, int position) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int a = -1;
        int b = -1;
        double durationA = 0;
        double durationB = 0;
        QString status;
    };
    std::shared_ptr<const TimingsDiff> m_diff;
    std::vector<Row> m_rows;
    double m_maxDelta = 0;
};

// One row per query label of either profile, like `summarize diff`.
class QueryDeltaModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Label, SelfA, SelfB, SelfDelta, SelfChange, InvocationsDelta, CacheHitsDelta, ColumnCount };

    explicit QueryDeltaModel(QObject* parent = nullptr);
    void setDiff(std::shared_ptr<const ProfileDiff> diff);
    const std::shared_ptr<const ProfileDiff>& diff() const { return m_diff; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const ProfileDiff> m_diff;
    double m_maxDelta = 0;
};

// Crates or functions of two size reports (bytes, or LLVM IR lines).
class SizeDeltaModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Rows { Crates, Functions };
    enum Column { Name, Crate, A, B, Delta, Change, Status, ColumnCount };

    explicit SizeDeltaModel(Rows rows, QObject* parent = nullptr);
    void setDiff(std::shared_ptr<const SizeDiff> diff);
    const std::shared_ptr<const SizeDiff>& diff() const { return m_diff; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Rows m_kind;
    std::shared_ptr<const SizeDiff> m_diff;
    double m_maxDelta = 0;
};

// Repeated builds of each side: one row per unit with mean and spread, significant changes first.
class UnitSetDeltaModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UnitName, MeanA, MeanB, Delta, PValue, Verdict, ColumnCount };

    explicit UnitSetDeltaModel(QObject* parent = nullptr);
    void setDiff(std::shared_ptr<const TimingsSetDiff> diff);
    const std::shared_ptr<const TimingsSetDiff>& diff() const { return m_diff; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const TimingsSetDiff> m_diff;
    double m_maxDelta = 0;
};

// Case-insensitive text filter on column 0 (and the crate, for sizes); sorts by DeltaSortRole.
class DeltaFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DeltaFilterProxy(QObject* parent = nullptr);
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
};

// "+1.25 s", "-512 B", "+3.4 %": signed changes for people.
QString formatSignedSeconds(double seconds);
QString formatPercentChange(double a, double b);
QString formatSignedAmount(std::int64_t amount, bool lines); // bytes, or a count of LLVM IR lines

} // namespace bl
