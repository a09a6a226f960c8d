#pragma once

#include "store/RunLibrary.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QSortFilterProxyModel>

#include <optional>
#include <vector>

namespace bl {

// The runs of a run library, one row each, in the order given (the library's: by build date, then id).
class RunListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, BuildDate, Kind, File, Profile, Label, Figure, Units, Rustc, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers as numbers, dates as QDateTime
        RunIdRole,                   // qint64
        FilePathRole,                // the absolute path the run was imported from
        KindRole,
        ProfileRole,
        LabelRole,
    };

    explicit RunListModel(QObject* parent = nullptr);

    void setRuns(std::vector<StoredRun> runs);
    const std::vector<StoredRun>& runs() const { return m_runs; }
    const StoredRun& runAt(int row) const { return m_runs[static_cast<std::size_t>(row)]; }
    // The row of the run with this id, or -1.
    int rowOfRun(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The stored build date (UTC ISO 8601) as a QDateTime; invalid when the run has none.
    static QDateTime buildDateOf(const StoredRun& run);
    // "6.29 s", ".text 824.1 KiB", "12,084 lines", ...: the figure a history is scanned for, by kind.
    static QString figureText(const StoredRun& run);
    // The same figure as a number for sorting (seconds, bytes, lines, packages); empty if none.
    static std::optional<double> figureValue(const StoredRun& run);
    // "timings" → "Timings", "binary-size" → "Binary size", ...
    static QString kindName(const QString& kind);
    // A few lines about the run for tooltips (file, date, label, figures).
    static QString describe(const StoredRun& run);

private:
    std::vector<StoredRun> m_runs;
    std::vector<QDateTime> m_dates; // parsed once: sorting compares them many times
};

// Keeps the runs of one kind, profile and label, whose text matches. An unset criterion (std::nullopt) keeps
// every run; an empty profile or label keeps only the runs that have none.
class RunFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RunFilterProxy(QObject* parent = nullptr);

    void setKind(std::optional<QString> kind);
    void setProfile(std::optional<QString> profile);
    void setLabel(std::optional<QString> label);
    // Case-insensitive, in the file name, kind, profile, label, rustc, host and run id.
    void setFilterText(const QString& text);
    const std::optional<QString>& kind() const { return m_kind; }
    const std::optional<QString>& profile() const { return m_profile; }
    const std::optional<QString>& label() const { return m_label; }
    QString filterText() const { return m_text; }

    // The runs that pass, in source order.
    std::vector<StoredRun> acceptedRuns() const;
    bool acceptsRun(const StoredRun& run) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<QString> m_kind;
    std::optional<QString> m_profile;
    std::optional<QString> m_label;
    QString m_text;
};

} // namespace bl
