#include "../core/Tr.h"
#include "ImportUtil.h"
#include "JsonNumber.h"
#include "TimingsImporters.h"

#include <QCoreApplication>
#include <QThread>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <queue>

namespace bl {

using nlohmann::json;

namespace {

QString str(const json& j, const char* key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

// The mode may be a string or, in very old cargo, an object such as {"check": {"test": false}}.
QString modeText(const json& j)
{
    auto it = j.find("mode");
    if (it == j.end())
        return {};
    if (it->is_string())
        return QString::fromStdString(it->get<std::string>());
    if (it->is_object() && !it->empty())
        return QString::fromStdString(it->begin().key());
    return {};
}

} // namespace

Result<TimingsRun> importTimingInfo(const QString& path, const QByteArray& data, Progress& progress,
                                    const TimingsImportOptions& options)
{
    auto run = std::make_shared<TimingsRun>();
    run->file = path;
    run->source = TimingsSource::TimingInfo;
    run->layout = QStringLiteral("timing-info");
    run->startsReconstructed = true;

    qsizetype pos = 0;
    qint64 lineNo = 0;
    const qsizetype n = data.size();
    int jsonLines = 0;
    QString optLevel;
    bool debugAssertions = false;
    bool sawProfile = false;
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
        if (b == e || *b != '{')
            continue; // the stream may carry output of programs cargo ran
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
            if (lastLine && jsonLines > 0) {
                run->warnings << tr("line %1 is cut short and was left out").arg(lineNo);
                break;
            }
            ImportError err{path, tr("a line starting with `{` is not valid JSON")};
            err.line = lineNo;
            return err;
        }
        ++jsonLines;
        const QString reason = str(j, "reason");
        if (reason == QLatin1String("compiler-artifact") && !sawProfile) {
            if (auto p = j.find("profile"); p != j.end() && p->is_object()) {
                sawProfile = true;
                if (auto o = p->find("opt_level"); o != p->end())
                    optLevel =
                        o->is_string()
                            ? QString::fromStdString(o->get<std::string>())
                            : QString::number(std::min<std::uint64_t>(detail::jsonCount(*o).value_or(0), 3));
                debugAssertions = p->value("debug_assertions", false);
            }
            continue;
        }
        if (reason != QLatin1String("timing-info"))
            continue;
        auto dur = j.find("duration");
        if (dur == j.end() || !dur->is_number()) {
            ImportError err{path, tr("timing-info record without a numeric `duration`")};
            err.line = lineNo;
            return err;
        }
        Unit u;
        u.id = static_cast<qint64>(run->units.size());
        const auto ref = detail::parsePackageId(str(j, "package_id"));
        u.name = ref.name;
        u.version = ref.version;
        u.mode = modeText(j);
        const double duration = dur->get<double>();
        // a negative time, or one past a year, is no time cargo measured
        if (!(duration >= 0 && duration < 365.0 * 24 * 3600)) {
            ImportError err{path,
                            tr("line %1: a timing-info record with the duration %2, which no unit can take")
                                .arg(lineNo)
                                .arg(duration)};
            err.line = lineNo;
            return err;
        }
        u.duration = duration;
        if (auto r = j.find("rmeta_time"); r != j.end() && r->is_number()) {
            u.rmetaTime = r->get<double>();
            if (!(*u.rmetaTime >= 0 && *u.rmetaTime <= u.duration)) {
                run->warnings << tr("line %1: rmeta_time %2 s lies outside its unit's %3 s; clamped")
                                     .arg(lineNo)
                                     .arg(*u.rmetaTime)
                                     .arg(u.duration);
                u.rmetaTime = std::clamp(*u.rmetaTime, 0.0, u.duration);
            }
        }
        QString tkind;
        if (auto t = j.find("target"); t != j.end() && t->is_object()) {
            u.targetName = str(*t, "name");
            if (auto k = t->find("kind");
                k != t->end() && k->is_array() && !k->empty() && (*k)[0].is_string())
                tkind = QString::fromStdString((*k)[0].get<std::string>());
        }
        u.kind = detail::kindFromCargoTarget(tkind, u.mode);
        if (u.kind == UnitKind::Lib || u.kind == UnitKind::ProcMacro || u.kind == UnitKind::BuildScript ||
            u.kind == UnitKind::BuildScriptRun)
            u.targetName.clear();
        u.target = detail::htmlTargetText(u.kind, u.targetName);
        if (u.rmetaTime) {
            const double r = std::clamp(*u.rmetaTime, 0.0, u.duration);
            u.sections.push_back({QStringLiteral("frontend"), 0.0, r});
            u.sections.push_back({QStringLiteral("codegen"), r, u.duration});
        }
        u.status = QStringLiteral("dirty");
        run->units.push_back(std::move(u));
    }
    if (run->units.empty()) {
        if (jsonLines == 0)
            return ImportError{path, tr("no JSON lines found")};
        return ImportError{path,
                           tr("cargo JSON messages without `timing-info` records: capture the build with "
                              "`cargo build --timings=json -Zunstable-options --message-format=json` "
                              "(cargo 1.60 to 1.93), or use its HTML report")};
    }
    if (sawProfile) {
        if (optLevel == QLatin1String("0") && debugAssertions)
            run->profile = QStringLiteral("dev");
        else if (optLevel == QLatin1String("3") && !debugAssertions)
            run->profile = QStringLiteral("release");
        else
            run->profile = QStringLiteral("opt-level %1").arg(optLevel);
    }

    // No start times are recorded: lay the units out on `jobs` slots in the order cargo reported them
    // finished. Each unit starts as soon as a slot is free, but never so early that it would finish before a
    // unit reported ahead of it.
    const int jobs = options.jobs > 0 ? options.jobs : std::max(1, QThread::idealThreadCount());
    run->jobs = jobs;
    std::priority_queue<double, std::vector<double>, std::greater<>> freeAt;
    for (int i = 0; i < jobs; ++i)
        freeAt.push(0.0);
    double lastFinish = 0;
    for (Unit& u : run->units) {
        const double slot = freeAt.top();
        freeAt.pop();
        u.start = std::max(slot, lastFinish - u.duration);
        lastFinish = std::max(lastFinish, u.start + u.duration);
        freeAt.push(u.start + u.duration);
    }
    run->warnings << QCoreApplication::translate(
        "bl",
        "timing-info lines record no start times; starts are laid "
        "out on %n job slot(s) in the order cargo finished the units",
        nullptr, jobs);
    run->freshUnitsReported = 0;
    run->dirtyUnitsReported = static_cast<int>(run->units.size());
    run->totalUnitsReported = static_cast<int>(run->units.size());
    progress.setFraction(1.0);
    tagTwinUnits(*run);
    return std::shared_ptr<const TimingsRun>(std::move(run));
}

} // namespace bl
