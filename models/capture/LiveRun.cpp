#include "LiveRun.h"

#include "../import/ImportUtil.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace bl {

using json = nlohmann::json;

namespace {

QString str(const json& j, const char* key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

bool hasKind(const json& kinds, const char* kind)
{
    if (!kinds.is_array())
        return false;
    return std::any_of(kinds.begin(), kinds.end(),
                       [kind](const json& k) { return k.is_string() && k.get<std::string>() == kind; });
}

// "cap-core(build.rs)" -> name "cap-core", suffix "build.rs"; "serde" -> "serde", ""
std::pair<QString, QString> splitProgressName(const QString& progressName)
{
    const qsizetype open = progressName.indexOf(QLatin1Char('('));
    if (open <= 0 || !progressName.endsWith(QLatin1Char(')')))
        return {progressName, {}};
    return {progressName.left(open), progressName.mid(open + 1, progressName.size() - open - 2)};
}

// What a unit shows before cargo's message names it fully: its kind from the progress name's suffix.
void describeFromProgressName(Unit& u, const QString& progressName)
{
    const auto [name, suffix] = splitProgressName(progressName);
    u.name = name;
    u.kind = UnitKind::Lib;
    if (suffix == QLatin1String("build.rs")) {
        u.kind = UnitKind::BuildScript;
    } else if (suffix == QLatin1String("build")) {
        u.kind = UnitKind::BuildScriptRun;
    } else if (suffix == QLatin1String("bin")) {
        u.kind = UnitKind::Bin;
        u.targetName = name;
    } else if (suffix.contains(QLatin1String("test"))) {
        u.kind = UnitKind::Test;
        u.targetName = name;
    } else if (suffix == QLatin1String("bench")) {
        u.kind = UnitKind::Bench;
        u.targetName = name;
    } else if (suffix.startsWith(QLatin1String("example"))) {
        u.kind = UnitKind::Example;
        u.targetName = name;
    }
    u.target = detail::htmlTargetText(u.kind, u.targetName);
}

// cargo's name (its job queue's name_for_progress) for the unit of a compiler-artifact or
// build-script-executed message, already parsed
QString progressNameOfMessage(const json& j, bool* fresh)
{
    if (!j.is_object())
        return {};
    const QString reason = str(j, "reason");
    const QString package = detail::parsePackageId(str(j, "package_id")).name;
    if (fresh)
        *fresh = false;
    if (reason == QLatin1String("build-script-executed"))
        return package + QStringLiteral("(build)");
    if (reason != QLatin1String("compiler-artifact"))
        return {};
    if (fresh) {
        auto f = j.find("fresh");
        *fresh = f != j.end() && f->is_boolean() && f->get<bool>();
    }
    const auto targetIt = j.find("target");
    if (targetIt == j.end() || !targetIt->is_object())
        return {};
    const json& target = *targetIt;
    const QString targetName = str(target, "name");
    const json kinds = target.value("kind", json::array());
    bool test = false;
    if (auto p = j.find("profile"); p != j.end() && p->is_object())
        test = p->value("test", false);
    if (hasKind(kinds, "custom-build"))
        return package + QStringLiteral("(build.rs)");
    if (test) {
        if (hasKind(kinds, "bin"))
            return targetName + QStringLiteral("(bin test)");
        if (hasKind(kinds, "bench"))
            return targetName + QStringLiteral("(bench)");
        if (hasKind(kinds, "example"))
            return targetName + QStringLiteral("(example test)");
        return targetName + QStringLiteral("(test)"); // a library's or an integration test's test build
    }
    if (hasKind(kinds, "bin"))
        return targetName + QStringLiteral("(bin)");
    if (hasKind(kinds, "test"))
        return targetName + QStringLiteral("(test)");
    if (hasKind(kinds, "bench"))
        return targetName + QStringLiteral("(bench)");
    if (hasKind(kinds, "example"))
        return targetName + QStringLiteral("(example)");
    return package;
}

} // namespace

QString LiveRun::progressNameOf(const QByteArray& line, bool* fresh)
{
    return progressNameOfMessage(json::parse(line.constBegin(), line.constEnd(), nullptr, false), fresh);
}

int LiveRun::startUnit(const QString& progressName, double now, bool seen)
{
    LiveUnit lu;
    lu.progressName = progressName;
    lu.start = now;
    lu.seenRunning = seen;
    describeFromProgressName(lu.unit, progressName);
    lu.unit.id = static_cast<qint64>(m_units.size());
    m_units.push_back(std::move(lu));
    return static_cast<int>(m_units.size()) - 1;
}

int LiveRun::runningUnitNamed(const QString& progressName) const
{
    // one that left the progress line and waits for its message first: stdout and stderr are two pipes, so
    // the message may come after the progress line that no longer shows the unit
    int active = -1;
    for (int i = 0; i < static_cast<int>(m_units.size()); ++i) {
        const LiveUnit& lu = m_units[i];
        if (lu.identified || lu.progressName != progressName)
            continue;
        if (lu.leftProgress)
            return i;
        if (active < 0)
            active = i;
    }
    return active;
}

void LiveRun::onProgress(const CaptureProgress& progress, double now)
{
    m_done = progress.done;
    m_total = progress.total;
    m_lastTick = now;
    QHash<QString, int> shown;
    for (const QString& name : progress.running)
        ++shown[name];
    // units that are running and still in the line, by name, oldest first
    QHash<QString, std::vector<int>> active;
    for (int i = 0; i < static_cast<int>(m_units.size()); ++i)
        if (!m_units[i].leftProgress && m_units[i].end < 0)
            active[m_units[i].progressName].push_back(i);
    // in the line's order, which is the order cargo started them in
    QHash<QString, int> seen;
    for (const QString& name : progress.running)
        if (++seen[name] > static_cast<int>(active.value(name).size()))
            startUnit(name, now, true);
    if (progress.truncated)
        return; // a name missing from a cut list may still run
    for (auto it = active.constBegin(); it != active.constEnd(); ++it) {
        const int gone = static_cast<int>(it.value().size()) - shown.value(it.key());
        for (int k = 0; k < gone; ++k) {
            LiveUnit& lu = m_units[it.value()[k]];
            lu.leftProgress = true;
            lu.end = now;
        }
    }
}

bool LiveRun::onMessage(const QByteArray& line, double now)
{
    if (!line.contains("\"compiler-artifact\"") && !line.contains("\"build-script-executed\""))
        return false;
    // one parse per message: cargo sends one for every unit, and rendered diagnostics can be long
    const json j = json::parse(line.constBegin(), line.constEnd(), nullptr, false);
    bool fresh = false;
    const QString progressName = progressNameOfMessage(j, &fresh);
    if (!progressName.isEmpty())
        ++m_messaged;
    if (progressName.isEmpty())
        return false;
    if (fresh) {
        ++m_fresh;
        return true;
    }
    int at = runningUnitNamed(progressName);
    if (at < 0) // it began and ended between two progress lines
        at = startUnit(progressName, std::min(m_lastTick, now), false);
    LiveUnit& lu = m_units[at];
    lu.identified = true;
    if (lu.end < 0)
        lu.end = now;
    const detail::PackageRef ref = detail::parsePackageId(str(j, "package_id"));
    Unit& u = lu.unit;
    u.name = ref.name;
    u.version = ref.version;
    if (lu.unit.kind != UnitKind::BuildScriptRun) {
        const json target = j.value("target", json::object());
        const json kinds = target.value("kind", json::array());
        QString kind = kinds.is_array() && !kinds.empty() && kinds.front().is_string()
                           ? QString::fromStdString(kinds.front().get<std::string>())
                           : QString();
        bool test = false;
        if (auto p = j.find("profile"); p != j.end() && p->is_object())
            test = p->value("test", false);
        u.kind = detail::kindFromCargoTarget(kind, test ? QStringLiteral("test") : QString());
        u.targetName =
            u.kind == UnitKind::Lib || u.kind == UnitKind::ProcMacro || u.kind == UnitKind::BuildScript
                ? QString()
                : str(target, "name");
        u.target = detail::htmlTargetText(u.kind, u.targetName);
    }
    if (auto f = j.find("features"); f != j.end() && f->is_array()) {
        u.features.clear();
        for (const json& feature : *f)
            if (feature.is_string())
                u.features << QString::fromStdString(feature.get<std::string>());
    }
    return true;
}

void LiveRun::finish(double now)
{
    for (LiveUnit& lu : m_units)
        if (lu.end < 0)
            lu.end = now;
}

std::shared_ptr<TimingsRun> LiveRun::snapshot(double now) const
{
    auto run = std::make_shared<TimingsRun>();
    run->source = TimingsSource::Live;
    run->layout = QStringLiteral("live");
    run->units.reserve(m_units.size());
    for (const LiveUnit& lu : m_units) {
        Unit u = lu.unit;
        u.start = lu.start;
        u.running = lu.end < 0;
        u.duration = std::max(0.0, (u.running ? now : lu.end) - lu.start);
        run->units.push_back(std::move(u));
    }
    if (m_total > 0)
        run->totalUnitsReported = m_total;
    run->freshUnitsReported = m_fresh;
    return run;
}

int LiveRun::finishedUnits() const
{
    return static_cast<int>(
        std::count_if(m_units.begin(), m_units.end(), [](const LiveUnit& lu) { return lu.end >= 0; }));
}

int LiveRun::runningUnits() const
{
    return static_cast<int>(m_units.size()) - finishedUnits();
}

} // namespace bl
