#include "TimingsRun.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace bl {

QString unitKindKey(UnitKind kind)
{
    switch (kind) {
    case UnitKind::Lib:
        return QStringLiteral("lib");
    case UnitKind::ProcMacro:
        return QStringLiteral("proc-macro");
    case UnitKind::BuildScript:
        return QStringLiteral("build-script");
    case UnitKind::BuildScriptRun:
        return QStringLiteral("build-script-run");
    case UnitKind::Bin:
        return QStringLiteral("bin");
    case UnitKind::Test:
        return QStringLiteral("test");
    case UnitKind::Bench:
        return QStringLiteral("bench");
    case UnitKind::Example:
        return QStringLiteral("example");
    case UnitKind::Other:
        break;
    }
    return QStringLiteral("other");
}

QString unitKindLabel(UnitKind kind)
{
    switch (kind) {
    case UnitKind::Lib:
        return QCoreApplication::translate("bl", "Library");
    case UnitKind::ProcMacro:
        return QCoreApplication::translate("bl", "Proc macro");
    case UnitKind::BuildScript:
        return QCoreApplication::translate("bl", "Build script (compile)");
    case UnitKind::BuildScriptRun:
        return QCoreApplication::translate("bl", "Build script (run)");
    case UnitKind::Bin:
        return QCoreApplication::translate("bl", "Binary");
    case UnitKind::Test:
        return QCoreApplication::translate("bl", "Test");
    case UnitKind::Bench:
        return QCoreApplication::translate("bl", "Benchmark");
    case UnitKind::Example:
        return QCoreApplication::translate("bl", "Example");
    case UnitKind::Other:
        break;
    }
    return QCoreApplication::translate("bl", "Other");
}

QString unitModeLabel(const QString& mode)
{
    static const struct
    {
        const char* raw;
        const char* label;
    } labels[] = {{"todo", QT_TRANSLATE_NOOP("bl", "build")},
                  {"build", QT_TRANSLATE_NOOP("bl", "build")},
                  {"run-custom-build", QT_TRANSLATE_NOOP("bl", "run build script")},
                  {"check", QT_TRANSLATE_NOOP("bl", "check")},
                  {"test", QT_TRANSLATE_NOOP("bl", "test")},
                  {"bench", QT_TRANSLATE_NOOP("bl", "benchmark")},
                  {"doc", QT_TRANSLATE_NOOP("bl", "doc")},
                  {"doctest", QT_TRANSLATE_NOOP("bl", "doc test")},
                  {"docscrape", QT_TRANSLATE_NOOP("bl", "doc scrape")}};
    for (const auto& l : labels)
        if (mode == QLatin1String(l.raw))
            return QCoreApplication::translate("bl", l.label);
    return mode;
}

void tagTwinUnits(TimingsRun& run)
{
    QHash<QString, std::vector<int>> byLabel;
    for (std::size_t i = 0; i < run.units.size(); ++i) {
        run.units[i].twinTag.clear();
        byLabel[run.units[i].label()].push_back(static_cast<int>(i));
    }
    for (auto it = byLabel.cbegin(); it != byLabel.cend(); ++it) {
        const std::vector<int>& twins = it.value();
        if (twins.size() < 2)
            continue;
        QSet<QString> featureSets;
        for (int i : twins) {
            QStringList f = run.units[static_cast<std::size_t>(i)].features;
            f.sort();
            featureSets.insert(f.join(QLatin1Char(',')));
        }
        if (featureSets.size() == qsizetype(twins.size())) {
            // the whole list when it is short, else what sets it apart: the features only some twins have,
            // with + where this one has them and - where it lacks them
            QSet<QString> common, any;
            for (std::size_t k = 0; k < twins.size(); ++k) {
                const QStringList& f = run.units[static_cast<std::size_t>(twins[k])].features;
                const QSet<QString> set(f.cbegin(), f.cend());
                common = k == 0 ? set : common.intersect(set);
                any.unite(set);
            }
            for (int i : twins) {
                Unit& u = run.units[static_cast<std::size_t>(i)];
                QStringList all = u.features;
                all.sort();
                QString text = all.join(QStringLiteral(", "));
                if (all.isEmpty()) {
                    text = QCoreApplication::translate("bl", "no features");
                } else if (text.size() > 40) {
                    const QSet<QString> mine(all.cbegin(), all.cend());
                    QStringList plus, minus;
                    for (const QString& f : std::as_const(all))
                        if (!common.contains(f))
                            plus << QLatin1Char('+') + f;
                    QStringList others = QStringList(any.cbegin(), any.cend());
                    others.sort();
                    for (const QString& f : std::as_const(others))
                        if (!mine.contains(f))
                            minus << QLatin1Char('-') + f;
                    text = (plus + minus).join(QStringLiteral(", "));
                }
                u.twinTag = QLatin1Char('[') + text + QLatin1Char(']');
            }
            continue;
        }
        // same features (another profile or target of one package): the order they started in
        std::vector<int> order = twins;
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return run.units[static_cast<std::size_t>(a)].start <
                   run.units[static_cast<std::size_t>(b)].start;
        });
        for (std::size_t k = 0; k < order.size(); ++k)
            run.units[static_cast<std::size_t>(order[k])].twinTag = QStringLiteral("#%1").arg(k + 1);
    }
}

QString rebuildCauseKey(RebuildCause cause)
{
    switch (cause) {
    case RebuildCause::None:
        return {};
    case RebuildCause::FileChanged:
        return QStringLiteral("file-changed");
    case RebuildCause::BuildScriptRerun:
        return QStringLiteral("build-script-rerun");
    case RebuildCause::EnvChanged:
        return QStringLiteral("env-changed");
    case RebuildCause::FlagsChanged:
        return QStringLiteral("flags-changed");
    case RebuildCause::ProfileChanged:
        return QStringLiteral("profile-changed");
    case RebuildCause::FeaturesChanged:
        return QStringLiteral("features-changed");
    case RebuildCause::DependencyRebuilt:
        return QStringLiteral("dependency-rebuilt");
    case RebuildCause::New:
        return QStringLiteral("new");
    case RebuildCause::Forced:
        return QStringLiteral("forced");
    case RebuildCause::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString timingsSourceKey(TimingsSource source)
{
    switch (source) {
    case TimingsSource::Html:
        return QStringLiteral("html");
    case TimingsSource::BuildAnalysis:
        return QStringLiteral("build-analysis");
    case TimingsSource::Live:
        return QStringLiteral("live");
    case TimingsSource::CargoLog:
        return QStringLiteral("cargo-stderr");
    case TimingsSource::TimingInfo:
        break;
    }
    return QStringLiteral("timing-info");
}

QString Unit::label() const
{
    QString s = name;
    if (!version.isEmpty()) // a unit of a live build before cargo said which version it is
        s += QStringLiteral(" v") + version;
    switch (kind) {
    case UnitKind::Lib:
        break;
    case UnitKind::ProcMacro:
        break;
    case UnitKind::BuildScript:
        s += QStringLiteral(" build script");
        break;
    case UnitKind::BuildScriptRun:
        s += QStringLiteral(" build script (run)");
        break;
    default:
        s += QLatin1Char(' ') + unitKindKey(kind);
        if (!targetName.isEmpty())
            s += QLatin1Char(' ') + targetName;
        break;
    }
    if (!twinTag.isEmpty())
        s += QLatin1Char(' ') + twinTag;
    return s;
}

qsizetype Unit::labelLength() const
{
    qsizetype n = name.size();
    if (!version.isEmpty())
        n += 2 + version.size();
    switch (kind) {
    case UnitKind::Lib:
    case UnitKind::ProcMacro:
        break;
    case UnitKind::BuildScript:
        n += 13; // " build script"
        break;
    case UnitKind::BuildScriptRun:
        n += 19; // " build script (run)"
        break;
    default:
        n += 1 + unitKindKey(kind).size();
        if (!targetName.isEmpty())
            n += 1 + targetName.size();
        break;
    }
    if (!twinTag.isEmpty())
        n += 1 + twinTag.size();
    return n;
}

QString Unit::identity() const
{
    // Libraries and proc macros share a key: a file that cannot tell them apart must still match the other
    // run.
    const UnitKind k = kind == UnitKind::ProcMacro ? UnitKind::Lib : kind;
    const QString tn = (k == UnitKind::Lib || k == UnitKind::BuildScript || k == UnitKind::BuildScriptRun)
                           ? QString()
                           : targetName;
    return name + QLatin1Char('@') + version + QLatin1Char('|') + unitKindKey(k) + QLatin1Char('|') + tn;
}

double TimingsRun::totalSeconds() const
{
    double total = 0;
    for (const Unit& u : units)
        total = std::max(total, u.end());
    return total;
}

} // namespace bl
