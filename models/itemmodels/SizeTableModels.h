#pragma once

#include "../core/SizeReport.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>

namespace bl {

// Why a crate shown in italics is a guess.
QString guessedCrateToolTip(const QString& crate);

// The functions (symbols, or llvm-lines rows) of a size report, largest first.
class FunctionSizeModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Crate, Size, Share, Copies, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, ShareRole, CrateRole, CrateGuessedRole };

    explicit FunctionSizeModel(QObject* parent = nullptr);
    void setReport(std::shared_ptr<const SizeReport> report);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const SizeReport> m_report;
    double m_total = 0;
};

// The crates of a size report, largest first.
class CrateSizeModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Size, Share, Symbols, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, ShareRole };

    explicit CrateSizeModel(QObject* parent = nullptr);
    void setReport(std::shared_ptr<const SizeReport> report);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const SizeReport> m_report;
    double m_total = 0;
};

// "155.5 KiB", "1.2 MiB", "512 B".
QString formatBytes(std::uint64_t bytes);

} // namespace bl
