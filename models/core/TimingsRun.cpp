#include "TimingsRun.h"

#include <QCoreApplication>

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

QString timingsSourceKey(TimingsSource source)
{
    switch (source) {
    case TimingsSource::Html:
        return QStringLiteral("html");
    case TimingsSource::BuildAnalysis:
        return QStringLiteral("build-analysis");
    case TimingsSource::TimingInfo:
        break;
    }
    return QStringLiteral("timing-info");
}

QString Unit::label() const
{
    QString s = name + QStringLiteral(" v") + version;
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
    return s;
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
