#include "DeltaModels.h"

#include "ExportRole.h"

#include <initializer_list>

#include "../report/SummaryReport.h"
#include "QueryTableModel.h"
#include "SizeTableModels.h"

#include <algorithm>
#include <cmath>

namespace bl {

namespace {

QVariant alignRight()
{
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
}

QString signedNanoseconds(std::int64_t ns)
{
    return (ns > 0   ? QStringLiteral("+")
            : ns < 0 ? QStringLiteral("-")
                     : QString()) +
           formatNanoseconds(std::llabs(ns));
}

QString statusText(const QString& status)
{
    if (status == QLatin1String("added"))
        return QObject::tr("only in B");
    if (status == QLatin1String("removed"))
        return QObject::tr("only in A");
    if (status == QLatin1String("rebuilt"))
        return QObject::tr("compiled again");
    if (status == QLatin1String("fresh"))
        return QObject::tr("fresh in B");
    if (status == QLatin1String("moved"))
        return QObject::tr("moved crate");
    return QString();
}

} // namespace

QString formatSignedSeconds(double seconds)
{
    return (seconds > 0   ? QStringLiteral("+")
            : seconds < 0 ? QStringLiteral("-")
                          : QString()) +
           formatSeconds(std::abs(seconds));
}

QString formatSignedAmount(std::int64_t amount, bool lines)
{
    const QString sign = amount > 0 ? QStringLiteral("+") : amount < 0 ? QStringLiteral("-") : QString();
    const auto magnitude = static_cast<std::uint64_t>(amount < 0 ? -amount : amount);
    return sign + (lines ? QString::number(magnitude) : formatBytes(magnitude));
}

namespace {

QVariant exportName(int section, std::initializer_list<const char*> names)
{
    return section >= 0 && std::size_t(section) < names.size() ? QString::fromLatin1(names.begin()[section])
                                                               : QVariant();
}

} // namespace

QString formatPercentChange(double a, double b)
{
    if (a == 0)
        return b == 0 ? QStringLiteral("0 %") : QObject::tr("new");
    const double p = 100.0 * (b - a) / a;
    return QStringLiteral("%1%2 %").arg(p > 0 ? QStringLiteral("+") : QString()).arg(p, 0, 'f', 1);
}

// ---- units ----

UnitDeltaModel::UnitDeltaModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void UnitDeltaModel::setDiff(std::shared_ptr<const TimingsDiff> diff)
{
    beginResetModel();
    m_diff = std::move(diff);
    m_rows.clear();
    m_maxDelta = 0;
    if (m_diff) {
        const TimingsRun& a = *m_diff->a->run;
        const TimingsRun& b = *m_diff->b->run;
        for (const UnitChange& c : m_diff->changed) {
            const QString status = c.freshA && !c.freshB   ? QStringLiteral("rebuilt")
                                   : !c.freshA && c.freshB ? QStringLiteral("fresh")
                                                           : QStringLiteral("changed");
            m_rows.push_back({c.a, c.b, c.durationA, c.durationB, status});
        }
        for (int j : m_diff->added)
            m_rows.push_back({-1, j, 0, b.units[std::size_t(j)].duration, QStringLiteral("added")});
        for (int i : m_diff->removed)
            m_rows.push_back({i, -1, a.units[std::size_t(i)].duration, 0, QStringLiteral("removed")});
        // a unit built in one run only is as large a change as its duration: it sorts among the others
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& x, const Row& y) {
            return std::abs(x.durationB - x.durationA) > std::abs(y.durationB - y.durationA);
        });
        for (const Row& r : m_rows)
            m_maxDelta = std::max(m_maxDelta, std::abs(r.durationB - r.durationA));
    }
    endResetModel();
}

int UnitDeltaModel::rowOfUnit(int side, int position) const
{
    for (std::size_t r = 0; r < m_rows.size(); ++r)
        if ((side == 0 ? m_rows[r].a : m_rows[r].b) == position)
            return int(r);
    return -1;
}

int UnitDeltaModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UnitDeltaModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UnitDeltaModel::data(const QModelIndex& index, int role) const
{
    if (!m_diff || !index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row& r = m_rows[std::size_t(index.row())];
    const bl::Unit& u =
        r.b >= 0 ? m_diff->b->run->units[std::size_t(r.b)] : m_diff->a->run->units[std::size_t(r.a)];
    const double delta = r.durationB - r.durationA;
    switch (role) {
    case ExportRole:
        switch (index.column()) {
        case A:
            return r.a >= 0 ? QVariant(r.durationA) : QVariant(QString());
        case B:
            return r.b >= 0 ? QVariant(r.durationB) : QVariant(QString());
        case Change:
            return r.a >= 0 && r.b >= 0 && r.durationA > 0 ? QVariant(delta / r.durationA)
                                                           : QVariant(QString());
        default:
            return data(index, DeltaSortRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case UnitName:
            return u.label();
        case A:
            return r.a >= 0 ? formatSeconds(r.durationA) : QString();
        case B:
            return r.b >= 0 ? formatSeconds(r.durationB) : QString();
        case Delta:
            return formatSignedSeconds(delta);
        case Change:
            return r.a >= 0 && r.b >= 0 ? formatPercentChange(r.durationA, r.durationB) : QString();
        case Status:
            return statusText(r.status);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != UnitName && index.column() != Status)
            return alignRight();
        break;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\nA: %2\nB: %3")
            .arg(u.label(), r.a >= 0 ? formatSeconds(r.durationA) : tr("not built"),
                 r.b >= 0 ? formatSeconds(r.durationB) : tr("not built"));
    case DeltaSortRole:
        switch (index.column()) {
        case UnitName:
            return u.label();
        case A:
            return r.durationA;
        case B:
            return r.durationB;
        case Delta:
            return delta;
        case Change:
            return r.durationA > 0 ? (r.durationB - r.durationA) / r.durationA : 0.0;
        case Status:
            return r.status;
        }
        break;
    case DeltaRole:
        return delta;
    case DeltaShareRole:
        return m_maxDelta > 0 ? delta / m_maxDelta : 0.0;
    case StatusRole:
        return r.status;
    case KeyRole:
        return u.label();
    case CrateRole:
        return u.name;
    case PositionARole:
        return r.a;
    case PositionBRole:
        return r.b;
    }
    return {};
}

QVariant UnitDeltaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == ExportRole)
        return exportName(section, {"unit", "a_s", "b_s", "change_s", "change_fraction", "status"});
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case UnitName:
        return tr("Unit");
    case A:
        return tr("A");
    case B:
        return tr("B");
    case Delta:
        return tr("Change");
    case Change:
        return tr("%");
    case Status:
        return tr("Status");
    }
    return {};
}

// ---- queries ----

QueryDeltaModel::QueryDeltaModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void QueryDeltaModel::setDiff(std::shared_ptr<const ProfileDiff> diff)
{
    beginResetModel();
    m_diff = std::move(diff);
    m_maxDelta = 0;
    if (m_diff)
        for (const QueryChange& q : m_diff->queries)
            m_maxDelta = std::max(m_maxDelta, double(std::llabs(q.selfTimeDelta())));
    endResetModel();
}

int QueryDeltaModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_diff ? 0 : int(m_diff->queries.size());
}

int QueryDeltaModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueryDeltaModel::data(const QModelIndex& index, int role) const
{
    if (!m_diff || !index.isValid() || index.row() >= int(m_diff->queries.size()))
        return {};
    const QueryChange& q = m_diff->queries[std::size_t(index.row())];
    const QString status = !q.inA   ? QStringLiteral("added")
                           : !q.inB ? QStringLiteral("removed")
                                    : QStringLiteral("changed");
    switch (role) {
    case ExportRole:
        switch (index.column()) {
        case SelfA:
            return q.inA ? QVariant(qlonglong(q.a.selfTime)) : QVariant(QString());
        case SelfB:
            return q.inB ? QVariant(qlonglong(q.b.selfTime)) : QVariant(QString());
        case SelfChange:
            return q.a.selfTime > 0 ? QVariant(double(q.selfTimeDelta()) / double(q.a.selfTime))
                                    : QVariant(QString());
        default:
            return data(index, DeltaSortRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Label:
            return q.label;
        case SelfA:
            return q.inA ? formatNanoseconds(q.a.selfTime) : QString();
        case SelfB:
            return q.inB ? formatNanoseconds(q.b.selfTime) : QString();
        case SelfDelta:
            return signedNanoseconds(q.selfTimeDelta());
        case SelfChange:
            return formatPercentChange(double(q.a.selfTime), double(q.b.selfTime));
        case InvocationsDelta:
            return QStringLiteral("%1%2")
                .arg(q.invocationsDelta() > 0 ? QStringLiteral("+") : QString())
                .arg(q.invocationsDelta());
        case CacheHitsDelta:
            return QStringLiteral("%1%2")
                .arg(q.cacheHitsDelta() > 0 ? QStringLiteral("+") : QString())
                .arg(q.cacheHitsDelta());
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != Label)
            return alignRight();
        break;
    case DeltaSortRole:
        switch (index.column()) {
        case Label:
            return q.label;
        case SelfA:
            return qlonglong(q.a.selfTime);
        case SelfB:
            return qlonglong(q.b.selfTime);
        case SelfDelta:
            return qlonglong(q.selfTimeDelta());
        case SelfChange:
            return q.a.selfTime > 0 ? double(q.selfTimeDelta()) / double(q.a.selfTime) : 0.0;
        case InvocationsDelta:
            return qlonglong(q.invocationsDelta());
        case CacheHitsDelta:
            return qlonglong(q.cacheHitsDelta());
        }
        break;
    case DeltaRole:
        return double(q.selfTimeDelta());
    case DeltaShareRole:
        return m_maxDelta > 0 ? double(q.selfTimeDelta()) / m_maxDelta : 0.0;
    case StatusRole:
        return status;
    case KeyRole:
        return q.label;
    }
    return {};
}

QVariant QueryDeltaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == ExportRole)
        return exportName(section, {"query", "self_a_ns", "self_b_ns", "self_change_ns",
                                    "self_change_fraction", "invocations_change", "cache_hits_change"});
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Label:
        return tr("Query");
    case SelfA:
        return tr("Self time A");
    case SelfB:
        return tr("Self time B");
    case SelfDelta:
        return tr("Change");
    case SelfChange:
        return tr("%");
    case InvocationsDelta:
        return tr("Calls change");
    case CacheHitsDelta:
        return tr("Cache hits change");
    }
    return {};
}

// ---- sizes ----

SizeDeltaModel::SizeDeltaModel(Rows rows, QObject* parent)
    : QAbstractTableModel(parent)
    , m_kind(rows)
{
}

void SizeDeltaModel::setDiff(std::shared_ptr<const SizeDiff> diff)
{
    beginResetModel();
    m_diff = std::move(diff);
    m_maxDelta = 0;
    if (m_diff) {
        if (m_kind == Rows::Crates)
            for (const CrateChange& c : m_diff->crates)
                m_maxDelta = std::max(m_maxDelta, double(std::llabs(c.delta())));
        else
            for (const FunctionChange& f : m_diff->functions)
                m_maxDelta = std::max(m_maxDelta, double(std::llabs(f.delta())));
    }
    endResetModel();
}

int SizeDeltaModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_diff)
        return 0;
    return int(m_kind == Rows::Crates ? m_diff->crates.size() : m_diff->functions.size());
}

int SizeDeltaModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SizeDeltaModel::data(const QModelIndex& index, int role) const
{
    if (!m_diff || !index.isValid() || index.row() >= rowCount())
        return {};
    const bool lines = m_diff->lines;
    auto amount = [lines](std::uint64_t v) {
        return lines ? QString::number(v) : formatBytes(v);
    };
    QString name, crate, status, detail;
    std::uint64_t a = 0, b = 0;
    if (m_kind == Rows::Crates) {
        const CrateChange& c = m_diff->crates[std::size_t(index.row())];
        name = crate = c.name;
        a = c.sizeA;
        b = c.sizeB;
        status = c.symbolsA == 0 && c.sizeA == 0   ? QStringLiteral("added")
                 : c.symbolsB == 0 && c.sizeB == 0 ? QStringLiteral("removed")
                                                   : QStringLiteral("changed");
        if (c.movedIn + c.movedOut > 0)
            detail = tr("Of the change, %1 is functions moving in from other crates and %2 moving out: "
                        "attribution, not code.")
                         .arg(amount(c.movedIn), amount(c.movedOut));
    } else {
        const FunctionChange& f = m_diff->functions[std::size_t(index.row())];
        name = f.name;
        crate = f.crate;
        a = f.sizeA;
        b = f.sizeB;
        status = f.moved()     ? QStringLiteral("moved")
                 : f.added()   ? QStringLiteral("added")
                 : f.removed() ? QStringLiteral("removed")
                               : QStringLiteral("changed");
        if (!f.movedFrom.isEmpty())
            detail =
                tr("Moved here from %1: the same code, attributed to another crate in B.").arg(f.movedFrom);
        else if (!f.movedTo.isEmpty())
            detail = tr("Moved to %1: the same code, attributed to another crate in B.").arg(f.movedTo);
    }
    const auto delta = std::int64_t(b) - std::int64_t(a);
    switch (role) {
    case ExportRole:
        switch (index.column()) {
        case A:
            return status == QLatin1String("added") ? QVariant(QString()) : QVariant(qulonglong(a));
        case B:
            return status == QLatin1String("removed") ? QVariant(QString()) : QVariant(qulonglong(b));
        case Change:
            return a > 0 ? QVariant(double(delta) / double(a)) : QVariant(QString());
        default:
            return data(index, DeltaSortRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return name;
        case Crate:
            return crate;
        case A:
            return status == QLatin1String("added") ? QString() : amount(a);
        case B:
            return status == QLatin1String("removed") ? QString() : amount(b);
        case Delta:
            return formatSignedAmount(delta, lines);
        case Change:
            return formatPercentChange(double(a), double(b));
        case Status:
            return statusText(status);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == A || index.column() == B || index.column() == Delta || index.column() == Change)
            return alignRight();
        break;
    case Qt::ToolTipRole:
        if (!detail.isEmpty())
            return index.column() == Name ? name + QLatin1Char('\n') + detail : detail;
        if (index.column() == Name)
            return name;
        break;
    case DeltaSortRole:
        switch (index.column()) {
        case Name:
            return name;
        case Crate:
            return crate;
        case A:
            return qulonglong(a);
        case B:
            return qulonglong(b);
        case Delta:
            return qlonglong(delta);
        case Change:
            return a > 0 ? double(delta) / double(a) : 0.0;
        case Status:
            return status;
        }
        break;
    case DeltaRole:
        return double(delta);
    case DeltaShareRole:
        return m_maxDelta > 0 ? double(delta) / m_maxDelta : 0.0;
    case StatusRole:
        return status;
    case KeyRole:
        return m_kind == Rows::Crates ? name : crate + QLatin1Char('\n') + name;
    case CrateRole:
        return m_kind == Rows::Crates ? name : crate;
    }
    return {};
}

QVariant SizeDeltaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const bool lines = m_diff && m_diff->lines;
    if (orientation == Qt::Horizontal && role == ExportRole)
        return lines ? exportName(section, {m_kind == Rows::Crates ? "crate" : "function", "crate", "lines_a",
                                            "lines_b", "lines_change", "change_fraction", "status"})
                     : exportName(section, {m_kind == Rows::Crates ? "crate" : "function", "crate", "bytes_a",
                                            "bytes_b", "bytes_change", "change_fraction", "status"});
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return m_kind == Rows::Crates ? tr("Crate") : tr("Function");
    case Crate:
        return tr("Crate");
    case A:
        return lines ? tr("Lines A") : tr("Size A");
    case B:
        return lines ? tr("Lines B") : tr("Size B");
    case Delta:
        return tr("Change");
    case Change:
        return tr("%");
    case Status:
        return tr("Status");
    }
    return {};
}

// ---- repeated builds ----

UnitSetDeltaModel::UnitSetDeltaModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void UnitSetDeltaModel::setDiff(std::shared_ptr<const TimingsSetDiff> diff)
{
    beginResetModel();
    m_diff = std::move(diff);
    m_maxDelta = 0;
    if (m_diff)
        for (const UnitStats& u : m_diff->units)
            m_maxDelta = std::max(m_maxDelta, std::abs(u.delta()));
    endResetModel();
}

int UnitSetDeltaModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_diff ? 0 : int(m_diff->units.size());
}

int UnitSetDeltaModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UnitSetDeltaModel::data(const QModelIndex& index, int role) const
{
    if (!m_diff || !index.isValid() || index.row() >= rowCount())
        return {};
    const UnitStats& u = m_diff->units[std::size_t(index.row())];
    auto meanSd = [](double mean, double sd, int runs) {
        if (runs == 0)
            return QString();
        return runs > 1 ? QStringLiteral("%1 ± %2").arg(formatSeconds(mean), formatSeconds(sd))
                        : formatSeconds(mean);
    };
    switch (role) {
    case ExportRole:
        switch (index.column()) {
        case MeanA:
            return u.runsA ? QVariant(u.meanA) : QVariant(QString());
        case MeanB:
            return u.runsB ? QVariant(u.meanB) : QVariant(QString());
        case PValue:
            return u.runsA > 1 && u.runsB > 1 ? QVariant(u.pValue) : QVariant(QString());
        case Verdict:
            return u.significant ? QStringLiteral("changed") : QStringLiteral("noise");
        default:
            return data(index, DeltaSortRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case UnitName:
            return u.label;
        case MeanA:
            return meanSd(u.meanA, u.sdA, u.runsA);
        case MeanB:
            return meanSd(u.meanB, u.sdB, u.runsB);
        case Delta:
            return formatSignedSeconds(u.delta());
        case PValue:
            return u.runsA > 1 && u.runsB > 1 ? QString::number(u.pValue, 'g', 2) : QString();
        case Verdict:
            return u.significant ? tr("changed") : tr("within the noise");
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != UnitName && index.column() != Verdict)
            return alignRight();
        break;
    case Qt::ToolTipRole:
        return tr("%1\nA: %2 runs, B: %3 runs\nWelch's t-test: p = %4")
            .arg(u.label, QString::number(u.runsA), QString::number(u.runsB),
                 QString::number(u.pValue, 'g', 3));
    case DeltaSortRole:
        switch (index.column()) {
        case UnitName:
            return u.label;
        case MeanA:
            return u.meanA;
        case MeanB:
            return u.meanB;
        case Delta:
            return u.delta();
        case PValue:
            return u.pValue;
        case Verdict:
            return u.significant ? 1 : 0;
        }
        break;
    case DeltaRole:
        return u.delta();
    case DeltaShareRole:
        // a change within the noise gets no bar: the table should not draw the eye to it
        return u.significant && m_maxDelta > 0 ? u.delta() / m_maxDelta : 0.0;
    case StatusRole:
        return u.significant ? QStringLiteral("significant") : QStringLiteral("noise");
    case KeyRole:
        return u.label;
    }
    return {};
}

QVariant UnitSetDeltaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == ExportRole)
        return exportName(section, {"unit", "mean_a_s", "mean_b_s", "change_s", "p_value", "verdict"});
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case UnitName:
        return tr("Unit");
    case MeanA:
        return tr("A (mean ± sd)");
    case MeanB:
        return tr("B (mean ± sd)");
    case Delta:
        return tr("Change");
    case PValue:
        return tr("p");
    case Verdict:
        return tr("Verdict");
    }
    return {};
}

// ---- filter ----

DeltaFilterProxy::DeltaFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DeltaSortRole);
}

void DeltaFilterProxy::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool DeltaFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex key = sourceModel()->index(sourceRow, 0, sourceParent);
    return sourceModel()->data(key, KeyRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace bl
