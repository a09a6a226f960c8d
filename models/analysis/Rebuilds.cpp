#include "Rebuilds.h"

#include "../core/Tr.h"
#include "TimingsAnalysis.h"

#include <QCoreApplication>

#include <algorithm>
#include <functional>

namespace bl {

RebuildAnalysis analyseRebuilds(std::shared_ptr<const TimingsRun> run)
{
    RebuildAnalysis a;
    a.run = run;
    const auto& units = run->units;
    const int n = static_cast<int>(units.size());
    a.rootOf.assign(std::size_t(n), -1);
    auto rebuilt = [&](int i) {
        return i >= 0 && i < n && !units[std::size_t(i)].fresh &&
               units[std::size_t(i)].rebuildCause != RebuildCause::None;
    };
    std::vector<std::vector<int>> dependents(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        if (!rebuilt(i)) {
            a.fresh += units[std::size_t(i)].fresh ? 1 : 0;
            continue;
        }
        ++a.rebuilt;
        a.seconds += units[std::size_t(i)].duration;
        const Unit& u = units[std::size_t(i)];
        if (u.rebuildCause == RebuildCause::DependencyRebuilt && rebuilt(u.rebuildVia) && u.rebuildVia != i)
            dependents[std::size_t(u.rebuildVia)].push_back(i);
    }
    auto isRoot = [&](int i) {
        const Unit& u = units[std::size_t(i)];
        return u.rebuildCause != RebuildCause::DependencyRebuilt || !rebuilt(u.rebuildVia) ||
               u.rebuildVia == i;
    };
    std::function<void(RebuildCascade&, int, int)> visit = [&](RebuildCascade& c, int unit, int index) {
        for (int d : dependents[std::size_t(unit)]) {
            if (a.rootOf[std::size_t(d)] >= 0)
                continue;
            a.rootOf[std::size_t(d)] = index;
            c.dirtied.push_back({d, unit});
            c.seconds += units[std::size_t(d)].duration;
            visit(c, d, index);
        }
    };
    auto addRoot = [&](int i) {
        RebuildCascade c;
        c.root = i;
        c.seconds = units[std::size_t(i)].duration;
        a.rootOf[std::size_t(i)] = static_cast<int>(a.roots.size());
        visit(c, i, static_cast<int>(a.roots.size()));
        a.roots.push_back(std::move(c));
    };
    for (int i = 0; i < n; ++i)
        if (rebuilt(i) && isRoot(i))
            addRoot(i);
    // a loop of "rebuilt because the other was" (garbled input) has no root: its units become roots
    for (int i = 0; i < n; ++i)
        if (rebuilt(i) && a.rootOf[std::size_t(i)] < 0)
            addRoot(i);
    // cargo's stderr alone counts fresh packages, not units
    a.fresh = std::max(a.fresh, run->freshUnitsReported);
    // longest first; the index per unit follows
    std::vector<int> order(a.roots.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        order[k] = static_cast<int>(k);
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
        const auto& cx = a.roots[std::size_t(x)];
        const auto& cy = a.roots[std::size_t(y)];
        if (cx.dirtied.size() != cy.dirtied.size() && cx.seconds == cy.seconds)
            return cx.dirtied.size() > cy.dirtied.size();
        return cx.seconds > cy.seconds;
    });
    std::vector<RebuildCascade> sorted;
    std::vector<int> newIndex(a.roots.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        newIndex[std::size_t(order[k])] = static_cast<int>(k);
        sorted.push_back(std::move(a.roots[std::size_t(order[k])]));
    }
    a.roots = std::move(sorted);
    for (int& r : a.rootOf)
        if (r >= 0)
            r = newIndex[std::size_t(r)];
    // each cascade's share of the critical path, where the run has times (not from cargo's stderr alone)
    if (a.seconds > 0) {
        const CriticalPath cp = observedCriticalPath(*run);
        if (cp.available && !cp.units.empty()) {
            a.criticalPathSeconds = cp.seconds;
            for (RebuildCascade& c : a.roots)
                c.criticalSeconds = 0;
            for (std::size_t k = 0; k < cp.units.size(); ++k) {
                const int u = cp.units[k];
                const Unit& unit = units[std::size_t(u)];
                double share = unit.duration;
                if (k + 1 < cp.units.size()) {
                    const int next = cp.units[k + 1];
                    if (releasedByMetadata(unit, next, units[std::size_t(next)]))
                        share = unit.rmetaOffset();
                }
                if (const int r = a.rootOf[std::size_t(u)]; r >= 0) {
                    a.roots[std::size_t(r)].criticalSeconds += share;
                    ++a.roots[std::size_t(r)].criticalUnits;
                }
            }
        }
    }
    return a;
}

QString rebuildHeadline(const RebuildAnalysis& a)
{
    if (a.rebuilt == 0)
        return QCoreApplication::translate("bl", "Nothing was rebuilt: %n unit(s) fresh", nullptr, a.fresh);
    // the causes of the roots, counted by kind
    std::vector<std::pair<RebuildCause, int>> kinds;
    QStringList where;
    for (const RebuildCascade& c : a.roots) {
        const Unit& u = a.run->units[std::size_t(c.root)];
        auto it = std::find_if(kinds.begin(), kinds.end(),
                               [&](const auto& k) { return k.first == u.rebuildCause; });
        if (it == kinds.end())
            kinds.push_back({u.rebuildCause, 1});
        else
            ++it->second;
        if (!where.contains(u.name))
            where << u.name;
    }
    auto what = [](RebuildCause cause, int count) {
        switch (cause) {
        case RebuildCause::FileChanged:
            return QCoreApplication::translate("bl", "%n file change(s)", nullptr, count);
        case RebuildCause::BuildScriptRerun:
            return QCoreApplication::translate("bl", "%n build script input change(s)", nullptr, count);
        case RebuildCause::EnvChanged:
            return QCoreApplication::translate("bl", "%n environment change(s)", nullptr, count);
        case RebuildCause::FlagsChanged:
            return QCoreApplication::translate("bl", "%n flag change(s)", nullptr, count);
        case RebuildCause::ProfileChanged:
            return QCoreApplication::translate("bl", "%n profile change(s)", nullptr, count);
        case RebuildCause::FeaturesChanged:
            return QCoreApplication::translate("bl", "%n feature change(s)", nullptr, count);
        case RebuildCause::New:
            return QCoreApplication::translate("bl", "%n unit(s) never built before", nullptr, count);
        case RebuildCause::Forced:
            return QCoreApplication::translate("bl", "%n forced rebuild(s)", nullptr, count);
        default:
            return QCoreApplication::translate("bl", "%n unexplained rebuild(s)", nullptr, count);
        }
    };
    double total = 0;
    for (const Unit& u : a.run->units)
        total += u.fresh ? 0.0 : u.duration;
    const QString of =
        total > 0 ? tr(": %1 s of %2 s").arg(a.seconds, 0, 'f', 2).arg(total, 0, 'f', 2) : QString();
    if (kinds.size() == 1 && kinds.front().first == RebuildCause::New && int(a.roots.size()) == a.rebuilt)
        return QCoreApplication::translate("bl", "%n unit(s) built for the first time", nullptr, a.rebuilt) +
               of;
    QStringList causes;
    for (const auto& [cause, count] : kinds)
        causes << what(cause, count);
    const QString in = where.size() <= 3 ? tr(" in %1").arg(where.join(QStringLiteral(", "))) : QString();
    return causes.join(QStringLiteral(", ")) + in + QLatin1Char(' ') +
           QCoreApplication::translate("bl", "rebuilt %n unit(s)", nullptr, a.rebuilt) + of;
}

} // namespace bl
