#include "../core/Tr.h"
#include "ImportUtil.h"
#include "JsonNumber.h"
#include "RebuildCauses.h"
#include "TimingsImporters.h"

#include <QCoreApplication>
#include <QHash>

#include <nlohmann/json.hpp>

#include <cmath>

namespace bl {

using nlohmann::json;

namespace {

constexpr double kYear = 365.0 * 24 * 3600;

QString str(const json& j, const char* key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

// Human text for a `unit-fingerprint` cause, following cargo's own wording.
QString describeCause(const json& cause, const TimingsRun& run, const QHash<qint64, int>& positionOfIndex)
{
    const QString reason = str(cause, "dirty_reason");
    auto unitName = [&](const json& j) {
        auto it = j.find("unit");
        if (it != j.end() && it->is_number_integer()) {
            auto p = positionOfIndex.constFind(it->get<qint64>());
            if (p != positionOfIndex.constEnd())
                return run.units[*p].label();
        }
        return tr("a dependency");
    };
    if (reason == QLatin1String("fs-status-outdated")) {
        const QString fs = str(cause, "fs_status");
        if (fs == QLatin1String("stale-item")) {
            const QString item = str(cause, "stale_item");
            if (item == QLatin1String("changed-file"))
                return tr("the file `%1` has changed").arg(str(cause, "stale"));
            if (item == QLatin1String("missing-file"))
                return tr("the file `%1` is missing").arg(str(cause, "path"));
            if (item == QLatin1String("changed-env"))
                return tr("the environment variable %1 changed").arg(str(cause, "var"));
            return tr("stale: %1").arg(item);
        }
        if (fs == QLatin1String("stale-dependency") || fs == QLatin1String("stale-dep-fingerprint"))
            return tr("the dependency %1 was rebuilt").arg(unitName(cause));
        return tr("stale, unknown reason");
    }
    if (reason == QLatin1String("env-var-changed"))
        return tr("the environment variable %1 changed").arg(str(cause, "name"));
    if (reason == QLatin1String("unit-dependency-info-changed"))
        return tr("info of dependency %1 changed").arg(unitName(cause));
    if (reason.isEmpty())
        return tr("dirty");
    QString text = reason;
    text.replace(QLatin1Char('-'), QLatin1Char(' '));
    return text;
}

} // namespace

Result<TimingsRun> importBuildAnalysis(const QString& path, const QByteArray& data, Progress& progress)
{
    auto run = std::make_shared<TimingsRun>();
    run->file = path;
    run->source = TimingsSource::BuildAnalysis;
    run->layout = QStringLiteral("build-analysis");

    QHash<qint64, int> positionOfIndex;
    std::vector<double> started, finished;
    std::vector<std::vector<qint64>> deps;
    struct PendingSection
    {
        int pos;
        QString name;
        double start;
    };
    std::vector<PendingSection> openSections;
    std::vector<std::vector<UnitSection>> sections;
    std::vector<std::pair<int, std::vector<qint64>>> unblockFull, unblockRmeta;
    std::vector<json> causes;

    qsizetype pos = 0;
    qint64 lineNo = 0;
    const qsizetype n = data.size();
    bool sawRecord = false;
    while (pos < n) {
        qsizetype nl = data.indexOf('\n', pos);
        const bool lastLine = nl < 0;
        if (lastLine)
            nl = n;
        ++lineNo;
        const char* b = data.constData() + pos;
        const char* e = data.constData() + nl;
        pos = nl + 1;
        while (b < e && (*b == ' ' || *b == '\t' || *b == '\r'))
            ++b;
        while (e > b && (e[-1] == ' ' || e[-1] == '\r'))
            --e;
        if (b == e)
            continue;
        if ((lineNo & 1023) == 0) {
            progress.setFraction(double(pos) / double(n));
            if (progress.cancelled()) {
                ImportError err{path, tr("import cancelled")};
                err.cancelled = true;
                return err;
            }
        }
        json j = json::parse(b, e, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            // cargo writes the log through a buffer; a crash can cut the final line
            bool onlyWhitespaceLeft = true;
            for (qsizetype k = pos; k < n && onlyWhitespaceLeft; ++k)
                onlyWhitespaceLeft = QChar::isSpace(static_cast<unsigned char>(data[k]));
            if ((lastLine || onlyWhitespaceLeft) && sawRecord) {
                run->warnings << tr("line %1 is cut short (the log was still being written) and was left out")
                                     .arg(lineNo);
                break;
            }
            ImportError err{path, tr("not a JSON object; a build-analysis log has one JSON object per line")};
            err.line = lineNo;
            return err;
        }
        auto reasonIt = j.find("reason");
        if (reasonIt == j.end() || !reasonIt->is_string()) {
            ImportError err{path, tr("the record has no `reason`; not a build-analysis log")};
            err.line = lineNo;
            return err;
        }
        sawRecord = true;
        const std::string reason = reasonIt->get<std::string>();
        if (reason == "build-started") {
            run->profile = str(j, "profile");
            run->host = str(j, "host");
            run->jobs = int(detail::jsonInt(j, "jobs", 0, 0, 1 << 20));
            run->ncpu = int(detail::jsonInt(j, "num_cpus", 0, 0, 1 << 20));
            run->buildStart = str(j, "timestamp");
            run->runId = str(j, "run_id");
            run->targetDir = str(j, "target_dir");
            const QString verbose = str(j, "rustc_version_verbose");
            run->rustcVersion =
                verbose.isEmpty() ? str(j, "rustc_version") : verbose.section(QLatin1Char('\n'), 0, 0);
            run->targetTriple = run->host;
            continue;
        }
        const bool isUnitEvent = reason.rfind("unit-", 0) == 0 && reason.rfind("unit-graph-", 0) != 0;
        if (!isUnitEvent)
            continue; // resolution-*, unit-graph-*, and reasons newer than this reader
        auto idxIt = j.find("index");
        if (idxIt == j.end() || !idxIt->is_number_integer()) {
            ImportError err{path,
                            tr("`%1` record without an `index`: a log from an older nightly, which is not "
                               "supported")
                                .arg(QString::fromStdString(reason))};
            err.line = lineNo;
            return err;
        }
        const qint64 index = idxIt->get<qint64>();
        if (reason == "unit-registered") {
            Unit u;
            u.id = index;
            const auto ref = detail::parsePackageId(str(j, "package_id"));
            u.name = ref.name;
            u.version = ref.version;
            u.mode = str(j, "mode");
            QString tkind;
            if (auto t = j.find("target"); t != j.end() && t->is_object()) {
                u.targetName = str(*t, "name");
                tkind = str(*t, "kind");
            }
            u.kind = detail::kindFromCargoTarget(tkind, u.mode);
            if (u.kind == UnitKind::Lib || u.kind == UnitKind::BuildScript ||
                u.kind == UnitKind::BuildScriptRun)
                u.targetName.clear(); // the report names neither; keeps identities equal across sources
            u.target = detail::htmlTargetText(u.kind, u.targetName);
            if (auto f = j.find("features"); f != j.end() && f->is_array())
                for (const json& feat : *f)
                    if (feat.is_string())
                        u.features << QString::fromStdString(feat.get<std::string>());
            std::vector<qint64> d;
            if (auto dl = j.find("dependencies"); dl != j.end() && dl->is_array())
                for (const json& v : *dl)
                    if (v.is_number_integer())
                        d.push_back(v.get<qint64>());
            if (positionOfIndex.contains(index)) {
                run->warnings << tr("line %1: unit index %2 registered twice; the first one is kept")
                                     .arg(lineNo)
                                     .arg(index);
                continue;
            }
            positionOfIndex.insert(index, static_cast<int>(run->units.size()));
            run->units.push_back(std::move(u));
            started.push_back(-1);
            finished.push_back(-1);
            deps.push_back(std::move(d));
            sections.emplace_back();
            causes.emplace_back();
            continue;
        }
        auto p = positionOfIndex.constFind(index);
        if (p == positionOfIndex.constEnd()) {
            run->warnings << tr("line %1: `%2` names unit %3, which was never registered; ignored")
                                 .arg(QString::number(lineNo), QString::fromStdString(reason),
                                      QString::number(index));
            continue;
        }
        const int at = *p;
        const double elapsed = j.value("elapsed", -1.0);
        // a time before the build started, or past a year into it, is no time cargo could have written
        if (auto e = j.find("elapsed");
            e != j.end() && (!e->is_number() || !(elapsed >= 0 && elapsed < kYear)))
            return ImportError{path,
                               tr("line %1: `%2` of %3 has the elapsed time %4, which no build can have")
                                   .arg(QString::number(lineNo), QString::fromStdString(reason),
                                        run->units[std::size_t(at)].label(),
                                        e->is_number() ? QString::number(e->get<double>())
                                                       : QString::fromStdString(e->dump()))};
        auto readUnblocked = [&]() {
            std::vector<qint64> ids;
            if (auto u = j.find("unblocked"); u != j.end() && u->is_array())
                for (const json& v : *u)
                    if (v.is_number_integer())
                        ids.push_back(v.get<qint64>());
            return ids;
        };
        if (reason == "unit-fingerprint") {
            Unit& u = run->units[at];
            u.status = str(j, "status");
            u.fresh = u.status == QLatin1String("fresh");
            if (auto c = j.find("cause"); c != j.end() && c->is_object())
                causes[at] = *c;
        } else if (reason == "unit-started") {
            started[at] = elapsed;
        } else if (reason == "unit-rmeta-finished") {
            if (started[at] >= 0 && elapsed >= 0)
                run->units[at].rmetaTime = elapsed - started[at];
            unblockRmeta.emplace_back(at, readUnblocked());
        } else if (reason == "unit-finished") {
            finished[at] = elapsed;
            unblockFull.emplace_back(at, readUnblocked());
        } else if (reason == "unit-section-started") {
            openSections.push_back({at, str(j, "section"), elapsed});
        } else if (reason == "unit-section-finished") {
            const QString name = str(j, "section");
            for (auto it = openSections.begin(); it != openSections.end(); ++it) {
                if (it->pos == at && it->name == name) {
                    if (elapsed < it->start)
                        run->warnings << tr("line %1: section %2 of %3 ends %4 s before it starts; left out")
                                             .arg(lineNo)
                                             .arg(name, run->units[std::size_t(at)].label())
                                             .arg(it->start - elapsed);
                    else if (started[at] >= 0)
                        sections[at].push_back({name, it->start - started[at], elapsed - started[at]});
                    openSections.erase(it);
                    break;
                }
            }
        }
    }
    if (run->units.empty())
        return ImportError{path, tr("the log registers no units (no `unit-registered` records)")};

    auto resolve = [&](const std::vector<qint64>& ids, std::vector<int>& out, const Unit& from) {
        const int self = static_cast<int>(&from - run->units.data());
        for (qint64 id : ids) {
            auto it = positionOfIndex.constFind(id);
            if (it != positionOfIndex.constEnd() && *it == self)
                run->warnings
                    << tr("%1 names itself as its own dependency or as a unit it unblocked; ignored")
                           .arg(from.label());
            else if (it != positionOfIndex.constEnd())
                out.push_back(*it);
            else
                run->warnings << tr("%1 unblocks unit %2, which was never registered")
                                     .arg(from.label(), QString::number(id));
        }
    };
    for (auto& [at, ids] : unblockFull)
        resolve(ids, run->units[at].unblocked, run->units[at]);
    for (auto& [at, ids] : unblockRmeta)
        resolve(ids, run->units[at].unblockedRmeta, run->units[at]);

    int unfinished = 0;
    for (std::size_t i = 0; i < run->units.size(); ++i) {
        Unit& u = run->units[i];
        resolve(deps[i], u.dependencies, u);
        if (started[i] >= 0) {
            u.start = started[i];
            if (finished[i] >= started[i]) {
                u.duration = finished[i] - started[i];
            } else {
                ++unfinished;
                u.duration = 0;
            }
            u.fresh = false;
        } else {
            u.fresh = true; // cargo found it up to date and never ran it
        }
        if (!causes[i].is_null()) {
            u.rebuildReason = describeCause(causes[i], *run, positionOfIndex);
            detail::CargoDirtyReason reason;
            const json& c = causes[i];
            reason.reason = str(c, "dirty_reason");
            reason.fsStatus = str(c, "fs_status");
            reason.staleItem = str(c, "stale_item");
            reason.path = str(c, "stale").isEmpty() ? str(c, "path") : str(c, "stale");
            reason.name = str(c, "name").isEmpty() ? str(c, "var") : str(c, "name");
            if (auto it = c.find("unit"); it != c.end() && it->is_number_integer())
                reason.unit = it->get<qint64>();
            u.rebuildCause =
                detail::classifyDirtyReason(reason, u.kind == UnitKind::BuildScriptRun, &u.rebuildDetail);
            if (reason.unit >= 0)
                u.rebuildVia = positionOfIndex.value(reason.unit, -1);
        } else if (u.status == QLatin1String("new")) {
            u.rebuildReason = tr("not built before");
            u.rebuildCause = RebuildCause::New;
        } else if (u.status == QLatin1String("dirty")) {
            u.rebuildCause = RebuildCause::Unknown;
        }
        // Same section model as an HTML report: frontend up to the first reported section or the rmeta point.
        auto& secs = sections[i];
        if (!secs.empty()) {
            std::sort(secs.begin(), secs.end(),
                      [](const UnitSection& a, const UnitSection& b) { return a.start < b.start; });
            u.sections.push_back({QStringLiteral("frontend"), 0.0, std::max(0.0, secs.front().start)});
            for (const UnitSection& s : secs)
                u.sections.push_back(s);
            if (secs.back().end < u.duration)
                u.sections.push_back({QStringLiteral("other"), secs.back().end, u.duration});
        } else if (u.rmetaTime && !u.fresh) {
            u.sections.push_back({QStringLiteral("frontend"), 0.0, *u.rmetaTime});
            u.sections.push_back({QStringLiteral("codegen"), *u.rmetaTime, u.duration});
        }
    }
    if (unfinished > 0)
        run->warnings << QCoreApplication::translate(
            "bl", "%n unit(s) started but never finished (the build was interrupted?)", nullptr, unfinished);
    detail::inferProcMacros(*run);
    int fresh = 0;
    for (const Unit& u : run->units)
        fresh += u.fresh ? 1 : 0;
    run->freshUnitsReported = fresh;
    run->dirtyUnitsReported = static_cast<int>(run->units.size()) - fresh;
    run->totalUnitsReported = static_cast<int>(run->units.size());
    progress.setFraction(1.0);
    tagTwinUnits(*run);
    return std::shared_ptr<const TimingsRun>(std::move(run));
}

} // namespace bl
