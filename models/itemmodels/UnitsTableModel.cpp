#include "UnitsTableModel.h"

#include "ExportRole.h"

#include <cmath>
#include <iterator>
#include <limits>
#include <numeric>

#include "../report/SummaryReport.h"

namespace bl {

namespace {

double sectionSeconds(const Unit& u, QLatin1String name)
{
    double total = 0;
    bool any = false;
    for (const UnitSection& s : u.sections)
        if (s.name == name) {
            total += s.end - s.start;
            any = true;
        }
    return any ? total : -1.0;
}

} // namespace

UnitsTableModel::UnitsTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void UnitsTableModel::setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    m_longest = 0;
    m_frontend.clear();
    m_codegen.clear();
    if (m_analysis)
        for (const Unit& u : m_analysis->run->units) {
            m_longest = std::max(m_longest, u.duration);
            m_frontend.push_back(sectionSeconds(u, QLatin1String("frontend")));
            m_codegen.push_back(sectionSeconds(u, QLatin1String("codegen")));
        }
    setOrder(sortedUnits());
    endResetModel();
}

int UnitsTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_analysis)
        return 0;
    return static_cast<int>(m_analysis->run->units.size());
}

int UnitsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UnitsTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_analysis || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int unit = m_order[std::size_t(index.row())];
    const Unit& u = m_analysis->run->units[std::size_t(unit)];
    const bool critical = m_analysis->onCriticalPath[std::size_t(unit)] != 0;
    const double slack = m_analysis->dag.slack[std::size_t(unit)];
    switch (role) {
    case UnitIndexRole:
        return unit;
    case KindRole:
        return static_cast<int>(u.kind);
    case CriticalRole:
        return critical;
    case FreshRole:
        return u.fresh;
    case ShareRole:
        return m_longest > 0 ? u.duration / m_longest : 0.0;
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Start:
        case Duration:
        case Frontend:
        case Codegen:
        case Slack:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Rebuild || index.column() == Features)
            return data(index, Qt::DisplayRole);
        if (index.column() == Mode)
            return tr("%1 (in the file: \"%2\")").arg(unitModeLabel(u.mode), u.mode);
        return u.label();
    case ExportRole:
        switch (index.column()) {
        case Name:
            return u.name;
        case Kind:
            return unitKindKey(u.kind);
        case Mode:
            return u.mode;
        case Start:
            return u.start;
        case Duration:
            return u.duration;
        case Frontend:
        case Codegen: {
            const double v = (index.column() == Frontend ? m_frontend : m_codegen)[std::size_t(unit)];
            return v < 0 ? QVariant(QString()) : QVariant(v);
        }
        case Critical:
            return critical;
        case Slack:
            return u.fresh ? QVariant(QString()) : QVariant(slack);
        case Rebuild:
            return u.fresh ? QStringLiteral("fresh") : u.rebuildReason;
        default:
            return {};
        }
    case SortRole:
        if (numericColumn(index.column()))
            return numericSortKey(u, unit, index.column());
        return displayText(u, unit, index.column());
    case Qt::DisplayRole:
        return displayText(u, unit, index.column());
    default:
        return {};
    }
}

QVariant UnitsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == ExportRole) {
        static const char* const names[] = {"unit",    "version",    "target",        "kind",      "mode",
                                            "start_s", "duration_s", "frontend_s",    "codegen_s", "critical",
                                            "slack_s", "features",   "rebuild_reason"};
        static_assert(std::size(names) == ColumnCount);
        return QString::fromLatin1(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Start:
            return tr("Seconds from the start of the build");
        case Frontend:
            return tr("Time until the unit's metadata was ready (parsing, type checking)");
        case Codegen:
            return tr("Time from metadata to the end of code generation");
        case Critical:
            return tr("On the observed critical path: each unit here released the next one");
        case Slack:
            return tr("How many seconds longer the unit could take before the whole build takes longer "
                      "(with unlimited jobs)");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Unit");
    case Version:
        return tr("Version");
    case Target:
        return tr("Target");
    case Kind:
        return tr("Kind");
    case Mode:
        return tr("Mode");
    case Start:
        return tr("Start (s)");
    case Duration:
        return tr("Duration (s)");
    case Frontend:
        return tr("Frontend");
    case Codegen:
        return tr("Codegen");
    case Critical:
        return tr("Critical");
    case Slack:
        return tr("Slack (s)");
    case Features:
        return tr("Features");
    case Rebuild:
        return tr("Rebuild reason");
    default:
        return {};
    }
}

bool UnitsTableModel::numericColumn(int column)
{
    switch (column) {
    case Start:
    case Duration:
    case Frontend:
    case Codegen:
    case Critical:
    case Slack:
    case Kind:
        return true;
    default:
        return false;
    }
}

double UnitsTableModel::numericSortKey(const Unit& u, int unit, int column) const
{
    switch (column) {
    case Start:
        return u.start;
    case Duration:
        return u.duration;
    case Frontend:
        return m_frontend[std::size_t(unit)];
    case Codegen:
        return m_codegen[std::size_t(unit)];
    case Critical:
        return m_analysis->onCriticalPath[std::size_t(unit)] != 0 ? 1 : 0;
    case Slack:
        return m_analysis->dag.slack[std::size_t(unit)];
    case Kind:
        return static_cast<int>(u.kind);
    default:
        return 0;
    }
}

QString UnitsTableModel::displayText(const Unit& u, int unit, int column) const
{
    const bool critical = m_analysis->onCriticalPath[std::size_t(unit)] != 0;
    const double slack = m_analysis->dag.slack[std::size_t(unit)];
    switch (column) {
    case Name:
        return u.twinTag.isEmpty() ? u.name : u.name + QLatin1Char(' ') + u.twinTag;
    case Version:
        return u.version;
    case Target:
        return u.targetName.isEmpty() ? u.target.trimmed() : u.targetName;
    case Kind:
        return unitKindLabel(u.kind);
    case Mode:
        return unitModeLabel(u.mode);
    case Start:
        return QString::number(u.start, 'f', 2);
    case Duration:
        return QString::number(u.duration, 'f', 2);
    case Frontend:
    case Codegen: {
        const double v = (column == Frontend ? m_frontend : m_codegen)[std::size_t(unit)];
        if (v < 0 || u.duration <= 0)
            return QString();
        return QStringLiteral("%1 (%2%)").arg(v, 0, 'f', 2).arg(qRound(100.0 * v / u.duration));
    }
    case Critical:
        return critical ? tr("yes") : QString();
    case Slack:
        return u.fresh ? QString() : QString::number(slack, 'f', 2);
    case Features:
        return u.features.join(QStringLiteral(", "));
    case Rebuild:
        return u.fresh ? tr("fresh") : u.rebuildReason;
    default:
        return QString();
    }
}

std::vector<int> UnitsTableModel::sortedUnits() const
{
    const std::size_t n = m_analysis ? m_analysis->run->units.size() : 0;
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    if (n == 0 || m_sortColumn < 0 || m_sortColumn >= ColumnCount)
        return order;
    const auto& units = m_analysis->run->units;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    auto sortBy = [&](const auto& keys) {
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return descending ? keys[std::size_t(b)] < keys[std::size_t(a)]
                              : keys[std::size_t(a)] < keys[std::size_t(b)];
        });
    };
    if (numericColumn(m_sortColumn)) {
        std::vector<double> keys(n);
        for (std::size_t i = 0; i < n; ++i) {
            const double k = numericSortKey(units[i], int(i), m_sortColumn);
            keys[i] = std::isnan(k) ? -std::numeric_limits<double>::infinity() : k; // keeps the order strict
        }
        sortBy(keys);
    } else {
        std::vector<QString> keys(n);
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = displayText(units[i], int(i), m_sortColumn).toCaseFolded();
        sortBy(keys);
    }
    return order;
}

void UnitsTableModel::setOrder(std::vector<int> order)
{
    m_order = std::move(order);
    m_rowOf.assign(m_order.size(), -1);
    for (std::size_t r = 0; r < m_order.size(); ++r)
        m_rowOf[std::size_t(m_order[r])] = int(r);
}

void UnitsTableModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_analysis)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> units;
    units.reserve(std::size_t(before.size()));
    for (const QModelIndex& index : before)
        units.push_back(unitAt(index.row()));
    setOrder(sortedUnits());
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(index(rowOfUnit(units[std::size_t(i)]), before[i].column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int UnitsTableModel::unitAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_order.size() ? m_order[std::size_t(row)] : -1;
}

int UnitsTableModel::rowOfUnit(int unit) const
{
    return unit >= 0 && std::size_t(unit) < m_rowOf.size() ? m_rowOf[std::size_t(unit)] : -1;
}

UnitsFilterProxy::UnitsFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(UnitsTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void UnitsFilterProxy::setFilterText(const QString& text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateRowsFilter();
}

void UnitsFilterProxy::setHideFresh(bool hide)
{
    if (hide == m_hideFresh)
        return;
    m_hideFresh = hide;
    invalidateRowsFilter();
}

void UnitsFilterProxy::setSourceModel(QAbstractItemModel* model)
{
    m_units = qobject_cast<UnitsTableModel*>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void UnitsFilterProxy::sort(int column, Qt::SortOrder order)
{
    // The model sorts itself far faster than this proxy would; the proxy keeps its order (column -1).
    if (m_units)
        m_units->sort(column, order);
    else
        QSortFilterProxyModel::sort(column, order);
}

bool UnitsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto* model = m_units;
    if (!model || !model->analysis())
        return true;
    const Unit& u = model->analysis()->run->units[std::size_t(model->unitAt(sourceRow))];
    if (m_hideFresh && u.fresh)
        return false;
    if (m_text.isEmpty())
        return true;
    if (u.name.contains(m_text, Qt::CaseInsensitive) || u.target.contains(m_text, Qt::CaseInsensitive) ||
        u.version.contains(m_text, Qt::CaseInsensitive) || u.mode.contains(m_text, Qt::CaseInsensitive) ||
        unitKindKey(u.kind).contains(m_text, Qt::CaseInsensitive))
        return true;
    for (const QString& f : u.features)
        if (f.contains(m_text, Qt::CaseInsensitive))
            return true;
    Q_UNUSED(sourceParent);
    return false;
}

} // namespace bl
