#include "RunListModel.h"

#include "ExportRole.h"

#include <iterator>

#include "SizeTableModels.h"

#include <QFileInfo>
#include <QLocale>

namespace bl {

RunListModel::RunListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RunListModel::setRuns(std::vector<StoredRun> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    m_dates.clear();
    m_dates.reserve(m_runs.size());
    for (const StoredRun& r : m_runs)
        m_dates.push_back(buildDateOf(r));
    endResetModel();
}

int RunListModel::rowOfRun(qint64 id) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int RunListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QDateTime RunListModel::buildDateOf(const StoredRun& run)
{
    QDateTime t = QDateTime::fromString(run.buildDate, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(run.buildDate, Qt::ISODate);
    return t;
}

QString RunListModel::kindName(const QString& kind)
{
    if (kind == QLatin1String("timings"))
        return tr("Timings");
    if (kind == QLatin1String("self-profile"))
        return tr("Self-profile");
    if (kind == QLatin1String("self-profile-set"))
        return tr("Profile directory");
    if (kind == QLatin1String("binary-size"))
        return tr("Binary size");
    if (kind == QLatin1String("llvm-lines"))
        return tr("LLVM lines");
    if (kind == QLatin1String("cargo-metadata"))
        return tr("Dependency graph");
    return kind;
}

std::optional<double> RunListModel::figureValue(const StoredRun& r)
{
    if (r.kind == QLatin1String("timings") ||
        r.kind == QLatin1String("benchmark")) { // benchmark: a measured wall time
        if (r.totalSeconds)
            return *r.totalSeconds;
    } else if (r.totalTimeNs) {
        return static_cast<double>(*r.totalTimeNs) / 1e9;
    } else if (r.textSize) {
        return static_cast<double>(*r.textSize);
    } else if (r.packageCount) {
        return static_cast<double>(*r.packageCount);
    }
    return std::nullopt;
}

QString RunListModel::figureText(const StoredRun& r)
{
    const QLocale locale;
    if (r.kind == QLatin1String("timings") || r.kind == QLatin1String("benchmark"))
        return r.totalSeconds ? tr("%1 s").arg(*r.totalSeconds, 0, 'f', 2) : QString();
    if (r.totalTimeNs) {
        const double s = static_cast<double>(*r.totalTimeNs) / 1e9;
        return s >= 1 ? tr("%1 s").arg(s, 0, 'f', 2) : tr("%1 ms").arg(s * 1e3, 0, 'f', 1);
    }
    if (r.kind == QLatin1String("llvm-lines"))
        return r.textSize ? tr("%1 lines").arg(locale.toString(*r.textSize)) : QString();
    if (r.textSize)
        return tr(".text %1").arg(formatBytes(static_cast<std::uint64_t>(*r.textSize)));
    if (r.packageCount)
        return tr("%n package(s)", nullptr, static_cast<int>(*r.packageCount));
    return {};
}

QString RunListModel::describe(const StoredRun& r)
{
    const QDateTime date = buildDateOf(r);
    QStringList lines;
    lines << tr("Run %1: %2").arg(r.id).arg(QFileInfo(r.file).fileName());
    lines << QStringLiteral("%1 · %2").arg(kindName(r.kind),
                                           QLocale().toString(date.toLocalTime(), QLocale::ShortFormat));
    QStringList tags;
    if (!r.profile.isEmpty())
        tags << tr("profile %1").arg(r.profile);
    if (!r.label.isEmpty())
        tags << tr("label %1").arg(r.label);
    if (!tags.isEmpty())
        lines << tags.join(QStringLiteral(" · "));
    QStringList figures;
    if (const QString f = figureText(r); !f.isEmpty())
        figures << f;
    if (r.criticalPathSeconds)
        figures << tr("critical path %1 s").arg(*r.criticalPathSeconds, 0, 'f', 2);
    if (r.unitCount)
        figures << tr("%n unit(s)", nullptr, static_cast<int>(*r.unitCount));
    if (!figures.isEmpty())
        lines << figures.join(QStringLiteral(" · "));
    if (!r.rustc.isEmpty())
        lines << r.rustc;
    return lines.join(QLatin1Char('\n'));
}

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const std::size_t row = static_cast<std::size_t>(index.row());
    const StoredRun& r = m_runs[row];
    switch (role) {
    case RunIdRole:
        return r.id;
    case FilePathRole:
        return r.file;
    case KindRole:
        return r.kind;
    case ProfileRole:
        return r.profile;
    case LabelRole:
        return r.label;
    case Qt::ToolTipRole:
        return index.column() == File ? r.file : describe(r);
    case Qt::TextAlignmentRole:
        return index.column() == Id || index.column() == Figure || index.column() == Units
                   ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case ExportRole:
        switch (index.column()) {
        case BuildDate:
            return r.buildDate; // UTC, ISO 8601
        case Kind:
            return r.kind;
        case File:
            return r.file;
        case Figure:
            if (const auto v = figureValue(r))
                return *v;
            return QString();
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case Id:
            return r.id;
        case BuildDate:
            return m_dates[row];
        case Figure:
            if (const auto v = figureValue(r))
                return *v;
            return QVariant();
        case Units:
            return r.unitCount ? QVariant(*r.unitCount) : QVariant();
        default:
            break;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return r.id;
        case BuildDate:
            return m_dates[row].isValid()
                       ? QLocale().toString(m_dates[row].toLocalTime(), QStringLiteral("yyyy-MM-dd hh:mm:ss"))
                       : r.buildDate;
        case Kind:
            return kindName(r.kind);
        case File:
            return QFileInfo(r.file).fileName();
        case Profile:
            return r.profile;
        case Label:
            return r.label;
        case Figure:
            return figureText(r);
        case Units:
            return r.unitCount ? QVariant(*r.unitCount) : QVariant();
        case Rustc:
            return r.rustc;
        default:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == ExportRole) {
        // the figure is the run's headline number: seconds for builds and profiles, bytes or IR lines for
        // sizes, packages for a dependency graph
        static const char* const names[] = {"run",   "build_date_utc", "kind",  "file", "profile",
                                            "label", "figure",         "units", "rustc"};
        static_assert(std::size(names) == ColumnCount);
        return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Run");
    case BuildDate:
        return tr("Build date");
    case Kind:
        return tr("Kind");
    case File:
        return tr("File");
    case Profile:
        return tr("Profile");
    case Label:
        return tr("Label");
    case Figure:
        return tr("Wall time / size");
    case Units:
        return tr("Units");
    case Rustc:
        return tr("rustc");
    default:
        return {};
    }
}

RunFilterProxy::RunFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RunListModel::SortRole);
}

void RunFilterProxy::setKind(std::optional<QString> kind)
{
    if (kind == m_kind)
        return;
    m_kind = std::move(kind);
    invalidateRowsFilter();
}

void RunFilterProxy::setProfile(std::optional<QString> profile)
{
    if (profile == m_profile)
        return;
    m_profile = std::move(profile);
    invalidateRowsFilter();
}

void RunFilterProxy::setLabel(std::optional<QString> label)
{
    if (label == m_label)
        return;
    m_label = std::move(label);
    invalidateRowsFilter();
}

void RunFilterProxy::setFilterText(const QString& text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateRowsFilter();
}

bool RunFilterProxy::acceptsRun(const StoredRun& r) const
{
    if (m_kind && r.kind != *m_kind)
        return false;
    if (m_profile && r.profile != *m_profile)
        return false;
    if (m_label && r.label != *m_label)
        return false;
    if (m_text.isEmpty())
        return true;
    for (const QString& field : {QFileInfo(r.file).fileName(), r.kind, RunListModel::kindName(r.kind),
                                 r.profile, r.label, r.rustc, r.host, QString::number(r.id)})
        if (field.contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

bool RunFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto* model = qobject_cast<const RunListModel*>(sourceModel());
    if (!model || sourceParent.isValid())
        return false;
    return acceptsRun(model->runAt(sourceRow));
}

std::vector<StoredRun> RunFilterProxy::acceptedRuns() const
{
    std::vector<StoredRun> out;
    const auto* model = qobject_cast<const RunListModel*>(sourceModel());
    if (!model)
        return out;
    for (const StoredRun& r : model->runs())
        if (acceptsRun(r))
            out.push_back(r);
    return out;
}

} // namespace bl
