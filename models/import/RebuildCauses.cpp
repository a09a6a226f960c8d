#include "RebuildCauses.h"

#include <QRegularExpression>

namespace bl::detail {

QString kebabCase(const QString& camel)
{
    QString out;
    for (qsizetype i = 0; i < camel.size(); ++i) {
        const QChar c = camel[i];
        if (c.isUpper()) {
            if (i > 0)
                out += QLatin1Char('-');
            out += c.toLower();
        } else {
            out += c;
        }
    }
    return out;
}

CargoDirtyReason parseDirtyReasonDebug(const QString& text)
{
    CargoDirtyReason r;
    static const QRegularExpression ident(QStringLiteral(R"(^\s*([A-Z][A-Za-z]*))"));
    // the variant names, outermost first: FsStatusOutdated(StaleItem(ChangedFile { ...
    QString rest = text;
    QStringList variants;
    for (;;) {
        const QRegularExpressionMatch m = ident.match(rest);
        if (!m.hasMatch())
            break;
        variants << m.captured(1);
        rest = rest.mid(m.capturedEnd());
        if (!rest.startsWith(QLatin1Char('(')))
            break;
        rest = rest.mid(1);
    }
    if (variants.isEmpty())
        return r;
    r.reason = kebabCase(variants.value(0));
    if (r.reason == QLatin1String("fs-status-outdated")) {
        r.fsStatus = kebabCase(variants.value(1));
        if (r.fsStatus == QLatin1String("stale-item"))
            r.staleItem = kebabCase(variants.value(2));
    }
    // compiled once: a fingerprint log has a reason per unit, and compiling a pattern costs more than
    // matching
    const auto fieldPattern = [](const char* key) {
        return QRegularExpression(
            QStringLiteral("\\b%1: \"((?:[^\"\\\\]|\\\\.)*)\"").arg(QLatin1String(key)));
    };
    static const QRegularExpression stale = fieldPattern("stale"), path = fieldPattern("path"),
                                    name = fieldPattern("name"), var = fieldPattern("var");
    auto field = [&](const QRegularExpression& re) {
        const QRegularExpressionMatch m = re.match(text);
        return m.hasMatch() ? m.captured(1) : QString();
    };
    r.path = field(stale);
    if (r.path.isEmpty())
        r.path = field(path);
    r.name = field(name);
    if (r.name.isEmpty())
        r.name = field(var);
    static const QRegularExpression unit(QStringLiteral(R"(\bunit: UnitIndex\((\d+)\))"));
    if (const QRegularExpressionMatch m = unit.match(text); m.hasMatch())
        r.unit = m.captured(1).toLongLong();
    return r;
}

RebuildCause classifyDirtyReason(const CargoDirtyReason& r, bool runsBuildScript, QString* detail)
{
    auto say = [detail](const QString& text) {
        if (detail)
            *detail = text;
    };
    const QString& reason = r.reason;
    if (reason == QLatin1String("fs-status-outdated")) {
        if (r.fsStatus == QLatin1String("stale-dep-fingerprint") ||
            r.fsStatus == QLatin1String("stale-dependency"))
            return RebuildCause::DependencyRebuilt;
        if (r.fsStatus == QLatin1String("stale-item")) {
            if (r.staleItem == QLatin1String("changed-env")) {
                say(r.name);
                return runsBuildScript ? RebuildCause::BuildScriptRerun : RebuildCause::EnvChanged;
            }
            say(r.path);
            return runsBuildScript ? RebuildCause::BuildScriptRerun : RebuildCause::FileChanged;
        }
        say(QStringLiteral("stale, unknown reason"));
        return RebuildCause::Unknown;
    }
    if (reason == QLatin1String("env-var-changed") || reason == QLatin1String("env-vars-changed")) {
        say(r.name);
        return RebuildCause::EnvChanged;
    }
    if (reason == QLatin1String("rustflags-changed")) {
        say(QStringLiteral("RUSTFLAGS"));
        return RebuildCause::FlagsChanged;
    }
    if (reason == QLatin1String("rustc-changed") || reason == QLatin1String("target-configuration-changed") ||
        reason == QLatin1String("config-settings-changed") ||
        reason == QLatin1String("compile-kind-changed")) {
        say(reason);
        return RebuildCause::FlagsChanged;
    }
    if (reason == QLatin1String("profile-configuration-changed")) {
        say(reason);
        return RebuildCause::ProfileChanged;
    }
    if (reason == QLatin1String("features-changed") || reason == QLatin1String("declared-features-changed")) {
        say(reason);
        return RebuildCause::FeaturesChanged;
    }
    if (reason == QLatin1String("unit-dependency-info-changed") ||
        reason == QLatin1String("unit-dependency-name-changed") ||
        reason == QLatin1String("number-of-dependencies-changed"))
        return r.unit >= 0 ? RebuildCause::DependencyRebuilt : (say(reason), RebuildCause::Unknown);
    if (reason == QLatin1String("rerun-if-changed-output-file-changed") ||
        reason == QLatin1String("rerun-if-changed-output-paths-changed") ||
        reason == QLatin1String("local-lengths-changed")) {
        say(reason);
        return RebuildCause::BuildScriptRerun;
    }
    if (reason == QLatin1String("forced"))
        return RebuildCause::Forced;
    if (reason == QLatin1String("fresh-build"))
        return RebuildCause::New;
    say(reason.isEmpty() ? QStringLiteral("no reason recorded") : reason);
    return RebuildCause::Unknown;
}

} // namespace bl::detail
