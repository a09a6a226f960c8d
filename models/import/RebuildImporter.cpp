#include "RebuildImporter.h"

#include "FileKind.h"
#include "ImportUtil.h"
#include "Importer.h"
#include "RebuildCauses.h"

#include "../core/Tr.h"

#include <QByteArrayView>
#include <QFile>
#include <QHash>
#include <QRegularExpression>

namespace bl {

namespace {

const qint64 kMaxStderrBytes = fileSizeLimit(FileKind::Unknown);

// The unit a fingerprint file names: `.fingerprint/<pkg>-<hash>/<prefix>-<target>`.
UnitKind kindOfFingerprintFile(const QString& file)
{
    if (file.startsWith(QLatin1String("run-build-script-")))
        return UnitKind::BuildScriptRun;
    if (file.startsWith(QLatin1String("build-script-")))
        return UnitKind::BuildScript;
    if (file.startsWith(QLatin1String("bin-")))
        return UnitKind::Bin;
    if (file.startsWith(QLatin1String("test-")))
        return UnitKind::Test;
    if (file.startsWith(QLatin1String("bench-")))
        return UnitKind::Bench;
    if (file.startsWith(QLatin1String("example-")))
        return UnitKind::Example;
    return UnitKind::Lib;
}

// A `-v` Dirty line's reason, in cargo's words (dirty_reason.rs present_to).
RebuildCause classifyDirtyText(const QString& text, QString* detail, QString* viaPackage)
{
    static const QRegularExpression file(QStringLiteral(R"(^the file `([^`]+)` (?:has changed|is missing))"));
    static const QRegularExpression dep(QStringLiteral(R"(^the dependency `([^`]+)` was rebuilt)"));
    static const QRegularExpression env(
        QStringLiteral(R"(^the (?:env variable|environment variable) (\S+) changed)"));
    if (const auto m = file.match(text); m.hasMatch()) {
        *detail = m.captured(1);
        return RebuildCause::FileChanged;
    }
    if (const auto m = dep.match(text); m.hasMatch()) {
        *viaPackage = m.captured(1);
        return RebuildCause::DependencyRebuilt;
    }
    if (const auto m = env.match(text); m.hasMatch()) {
        *detail = m.captured(1);
        return RebuildCause::EnvChanged;
    }
    *detail = text;
    if (text.startsWith(QLatin1String("the rustflags changed")) ||
        text.startsWith(QLatin1String("the toolchain")) ||
        text.startsWith(QLatin1String("the target configuration")) ||
        text.startsWith(QLatin1String("the config settings")))
        return RebuildCause::FlagsChanged;
    if (text.startsWith(QLatin1String("the profile configuration")))
        return RebuildCause::ProfileChanged;
    if (text.contains(QLatin1String("features changed")))
        return RebuildCause::FeaturesChanged;
    if (text.contains(QLatin1String("rerun-if")))
        return RebuildCause::BuildScriptRerun;
    return RebuildCause::Unknown;
}

struct StderrUnit
{
    Unit unit;
    qint64 viaIndex = -1; // cargo's unit index of the dependency (fingerprint log)
    QString viaPackage;   // the dependency's package (a -v line)
};

QString unitKey(const QString& name, const QString& version, UnitKind kind, const QString& target)
{
    return QStringLiteral("%1 %2 %3 %4").arg(name, version, unitKindKey(kind), target);
}

// Whether a line can match the fingerprint-log or the `-v` pattern: most of a captured stderr is `Running`
// command lines and compiler output, and testing a few bytes is far cheaper than converting each line to
// UTF-16 and running the expressions on it. A superset of what the expressions match.
bool mayMatter(QByteArrayView line)
{
    if (line.contains("prepare_target{"))
        return true;
    qsizetype i = 0;
    while (i < line.size() && (line[i] == ' ' || (line[i] >= '\t' && line[i] <= '\r')))
        ++i;
    if (i == 0)
        return false; // the -v pattern wants indentation
    const QByteArrayView rest = line.sliced(i);
    return rest.startsWith("Fresh") || rest.startsWith("Dirty") || rest.startsWith("Compiling");
}

} // namespace

Result<TimingsRun> importCargoStderr(const QString& path, const QByteArray& data)
{
    // prepare_target{force=false package_id=ts-app v0.1.0 (/ws/ts-app) target="textstat"}: ...fingerprint:
    // <msg>
    static const QRegularExpression prepare(QStringLiteral(
        R"re(prepare_target\{[^}]*package_id=(\S+) v(\S+)(?: \([^)]*\))? target="([^"]*)"\}: cargo::core::compiler::fingerprint:\s*(.*)$)re"));
    static const QRegularExpression dirtyFor(
        QStringLiteral(R"(^fingerprint dirty for \S+ v\S+(?: \([^)]*\))?/(\w+)[/ {])"));
    static const QRegularExpression missing(
        QStringLiteral(R"(^err: failed to read `[^`]*/\.fingerprint/[^/`]+/([^/`]+)`)"));
    static const QRegularExpression verbose(
        QStringLiteral(R"(^\s+(Fresh|Dirty|Compiling)\s+(\S+) v(\S+)(?: \([^)]*\))?(?::\s*(.*))?\s*$)"));

    auto run = std::make_shared<TimingsRun>();
    run->file = path;
    run->source = TimingsSource::CargoLog;
    run->layout = QStringLiteral("cargo-stderr");
    std::vector<StderrUnit> units;
    QHash<QString, int> byKey;
    QHash<QString, int> pendingDirty;  // "pkg ver target" -> unit awaiting its `dirty:` line
    QStringList compiling;             // packages of -v Compiling lines
    QHash<QString, QString> dirtyText; // package -> -v Dirty reason
    int freshPackages = 0;
    bool sawAny = false;

    auto unitFor = [&](const QString& name, const QString& version, UnitKind kind,
                       const QString& target) -> StderrUnit& {
        const QString key = unitKey(name, version, kind, target);
        auto it = byKey.constFind(key);
        if (it != byKey.constEnd())
            return units[*it];
        StderrUnit su;
        su.unit.name = name;
        su.unit.version = version;
        su.unit.kind = kind;
        su.unit.targetName = kind == UnitKind::Lib || kind == UnitKind::ProcMacro ||
                                     kind == UnitKind::BuildScript || kind == UnitKind::BuildScriptRun
                                 ? QString()
                                 : target;
        su.unit.target = detail::htmlTargetText(kind, su.unit.targetName);
        su.unit.mode =
            kind == UnitKind::BuildScriptRun ? QStringLiteral("run-custom-build") : QStringLiteral("build");
        su.unit.id = static_cast<qint64>(units.size());
        byKey.insert(key, static_cast<int>(units.size()));
        units.push_back(std::move(su));
        return units.back();
    };

    for (qsizetype from = 0; from < data.size();) {
        qsizetype nl = data.indexOf('\n', from);
        if (nl < 0)
            nl = data.size();
        const QByteArrayView raw(data.constData() + from, nl - from);
        from = nl + 1;
        if (!mayMatter(raw))
            continue;
        const QString line = QString::fromUtf8(raw);
        if (const auto m = prepare.match(line); m.hasMatch()) {
            sawAny = true;
            const QString name = m.captured(1), version = m.captured(2), target = m.captured(3);
            const QString message = m.captured(4).trimmed();
            const QString pendingKey = name + QLatin1Char(' ') + version + QLatin1Char(' ') + target;
            if (const auto d = dirtyFor.match(message); d.hasMatch()) {
                const QString mode = d.captured(1);
                UnitKind kind = UnitKind::Bin;
                if (message.contains(QLatin1String("custom_build_target(")))
                    kind = mode == QLatin1String("RunCustomBuild") ? UnitKind::BuildScriptRun
                                                                   : UnitKind::BuildScript;
                else if (message.contains(QLatin1String("lib_target(")))
                    kind = message.contains(QLatin1String("\"proc-macro\"")) ? UnitKind::ProcMacro
                                                                             : UnitKind::Lib;
                else if (mode == QLatin1String("Test"))
                    kind = UnitKind::Test;
                StderrUnit& su = unitFor(name, version, kind, target);
                su.unit.status = QStringLiteral("dirty");
                pendingDirty.insert(pendingKey, static_cast<int>(&su - units.data()));
            } else if (message.startsWith(QLatin1String("dirty: "))) {
                auto p = pendingDirty.constFind(pendingKey);
                if (p == pendingDirty.constEnd())
                    continue;
                StderrUnit& su = units[*p];
                pendingDirty.erase(p);
                const detail::CargoDirtyReason reason = detail::parseDirtyReasonDebug(message.mid(7));
                su.unit.rebuildReason = message.mid(7);
                su.unit.rebuildCause = detail::classifyDirtyReason(
                    reason, su.unit.kind == UnitKind::BuildScriptRun, &su.unit.rebuildDetail);
                su.viaIndex = reason.unit;
            } else if (const auto e = missing.match(message); e.hasMatch()) {
                // no fingerprint from an earlier build: a unit built for the first time
                const UnitKind kind = kindOfFingerprintFile(e.captured(1));
                StderrUnit& su = unitFor(name, version, kind, target);
                su.unit.status = QStringLiteral("new");
                su.unit.rebuildCause = RebuildCause::New;
                su.unit.rebuildReason = tr("not built before");
            }
            continue;
        }
        if (const auto m = verbose.match(line); m.hasMatch()) {
            sawAny = true;
            const QString what = m.captured(1), name = m.captured(2);
            if (what == QLatin1String("Fresh"))
                ++freshPackages;
            else if (what == QLatin1String("Compiling"))
                compiling << name + QLatin1Char(' ') + m.captured(3);
            else
                dirtyText.insert(name + QLatin1Char(' ') + m.captured(3), m.captured(4));
        }
    }
    if (!sawAny)
        return ImportError{path,
                           tr("no fingerprint log or `cargo build -v` lines: capture cargo's stderr with "
                              "CARGO_LOG=cargo::core::compiler::fingerprint=info and/or `-v`")};

    const bool fingerprintLog = !units.empty();
    if (!fingerprintLog) {
        // -v lines only: one unit per package that cargo compiled, with the reason it gave
        for (const QString& pkg : std::as_const(compiling)) {
            const QString name = pkg.section(QLatin1Char(' '), 0, 0),
                          version = pkg.section(QLatin1Char(' '), 1);
            StderrUnit& su = unitFor(name, version, UnitKind::Lib, name);
            auto d = dirtyText.constFind(pkg);
            if (d == dirtyText.constEnd()) {
                su.unit.status = QStringLiteral("new");
                su.unit.rebuildCause = RebuildCause::New;
            } else {
                su.unit.status = QStringLiteral("dirty");
                su.unit.rebuildReason = *d;
                su.unit.rebuildCause = classifyDirtyText(*d, &su.unit.rebuildDetail, &su.viaPackage);
            }
        }
    } else {
        // the -v line names the dependency a unit waited for, where the fingerprint log has only its number
        for (StderrUnit& su : units) {
            auto d = dirtyText.constFind(su.unit.name + QLatin1Char(' ') + su.unit.version);
            if (su.unit.rebuildCause == RebuildCause::DependencyRebuilt && d != dirtyText.constEnd()) {
                QString ignored;
                classifyDirtyText(*d, &ignored, &su.viaPackage);
            }
        }
    }
    for (StderrUnit& su : units) {
        su.unit.rebuildVia = -1;
        su.unit.fresh = false;
        run->units.push_back(su.unit);
    }
    // cargo's unit numbers are not in its stderr: a dependency rebuilt is found among the units rebuilt, by
    // the package the -v line names, else by how units depend on each other (a library on its own build
    // script's run, a binary on a library)
    for (std::size_t i = 0; i < units.size(); ++i) {
        Unit& u = run->units[i];
        if (u.rebuildCause != RebuildCause::DependencyRebuilt)
            continue;
        int best = -1, bestScore = -1;
        for (std::size_t j = 0; j < units.size(); ++j) {
            if (j == i || run->units[j].rebuildCause == RebuildCause::None)
                continue;
            const Unit& d = run->units[j];
            int score = 0;
            if (!units[i].viaPackage.isEmpty())
                score += d.name == units[i].viaPackage ? 8 : -100;
            if (d.name == u.name && d.kind == UnitKind::BuildScriptRun &&
                u.kind != UnitKind::BuildScriptRun && u.kind != UnitKind::BuildScript)
                score += 4;
            if (d.name == u.name && u.kind == UnitKind::BuildScriptRun && d.kind == UnitKind::BuildScript)
                score += 4;
            if (d.name != u.name && (d.kind == UnitKind::Lib || d.kind == UnitKind::ProcMacro))
                score += 2;
            if (score > bestScore) {
                bestScore = score;
                best = static_cast<int>(j);
            }
        }
        if (bestScore >= 0)
            u.rebuildVia = best;
    }
    // cargo's unit number of the dependency, for a report of the same build to resolve exactly
    for (std::size_t i = 0; i < units.size(); ++i)
        run->units[i].rebuildViaIndex = units[i].viaIndex;
    run->freshUnitsReported = freshPackages;
    run->dirtyUnitsReported = static_cast<int>(run->units.size());
    return std::shared_ptr<const TimingsRun>(std::move(run));
}

Result<TimingsRun> importRebuildInputs(const QStringList& files, Progress& progress)
{
    std::shared_ptr<const TimingsRun> log, report, stderrRun;
    for (const QString& file : files) {
        ImportError error{file, {}};
        const auto data = detail::readWholeFile(file, kMaxStderrBytes, error);
        if (!data)
            return error;
        const FileKind kind = detectFileKind(data->left(FileKindProbeBytes));
        if (kind == FileKind::BuildAnalysisLog || kind == FileKind::TimingsHtml) {
            Result<TimingsRun> r = importTimingsData(file, *data, progress);
            if (!r)
                return r.error();
            if (kind == FileKind::TimingsHtml) {
                if (report)
                    return ImportError{file, tr("a second timings report: give the files of one build")};
                report = r.value();
            } else {
                if (log)
                    return ImportError{file, tr("a second build-analysis log: give the files of one build")};
                log = r.value();
            }
        } else {
            if (stderrRun)
                return ImportError{file, tr("a second stderr capture: give the files of one build")};
            Result<TimingsRun> r = importCargoStderr(file, *data);
            if (!r)
                return r.error();
            stderrRun = r.value();
        }
    }
    if (log)
        return log; // it has everything: causes, cargo's numbers, times
    if (!stderrRun)
        return ImportError{
            files.value(0),
            tr("a timings report does not say why units were built: add cargo's stderr of the same "
               "build (-v, CARGO_LOG=cargo::core::compiler::fingerprint=info) or use a "
               "build-analysis log")};
    if (!report)
        return stderrRun;
    // the report's units, with the causes the stderr gives; cargo 1.94+ numbers units as its fingerprint log
    // does
    auto merged = std::make_shared<TimingsRun>(*report);
    QHash<qint64, int> positionOfId;
    for (std::size_t i = 0; i < merged->units.size(); ++i)
        positionOfId.insert(merged->units[i].id, static_cast<int>(i));
    const bool sameNumbers = merged->layout == QLatin1String("unblocked");
    std::vector<int> positionOfStderr(stderrRun->units.size(), -1);
    for (std::size_t s = 0; s < stderrRun->units.size(); ++s) {
        const Unit& from = stderrRun->units[s];
        for (std::size_t i = 0; i < merged->units.size(); ++i) {
            const Unit& to = merged->units[i];
            // a proc macro's fingerprint file is named like a library's
            const auto libLike = [](UnitKind k) {
                return k == UnitKind::Lib || k == UnitKind::ProcMacro;
            };
            const bool sameKind = to.kind == from.kind || (libLike(to.kind) && libLike(from.kind));
            if (to.name == from.name && to.version == from.version && sameKind &&
                (from.targetName.isEmpty() || to.targetName.isEmpty() || to.targetName == from.targetName)) {
                positionOfStderr[s] = static_cast<int>(i);
                break;
            }
        }
    }
    for (std::size_t s = 0; s < stderrRun->units.size(); ++s) {
        const int at = positionOfStderr[s];
        if (at < 0) {
            merged->warnings
                << tr("%1 is in cargo's stderr but not in the report").arg(stderrRun->units[s].label());
            continue;
        }
        const Unit& from = stderrRun->units[s];
        Unit& to = merged->units[static_cast<std::size_t>(at)];
        to.status = from.status;
        to.rebuildCause = from.rebuildCause;
        to.rebuildDetail = from.rebuildDetail;
        to.rebuildReason = from.rebuildReason;
        to.rebuildViaIndex = from.rebuildViaIndex;
        if (sameNumbers && from.rebuildViaIndex >= 0)
            to.rebuildVia = positionOfId.value(from.rebuildViaIndex, -1);
        else if (from.rebuildVia >= 0)
            to.rebuildVia = positionOfStderr[static_cast<std::size_t>(from.rebuildVia)];
    }
    for (Unit& u : merged->units)
        if (!u.fresh && u.rebuildCause == RebuildCause::None) {
            u.rebuildCause = RebuildCause::Unknown;
            u.rebuildDetail = tr("built, but cargo's stderr does not say why");
        }
    return std::shared_ptr<const TimingsRun>(std::move(merged));
}

} // namespace bl
