#include "../core/Tr.h"
#include "ImportUtil.h"
#include "JsonNumber.h"
#include "TimingsImporters.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <cmath>
#include <deque>
#include <map>

namespace bl {

using detail::lineOfOffset;
using nlohmann::json;

namespace {

// Finds `const NAME = ` at the start of a line and returns the extent of the JSON value after it, counting
// brackets and honouring JSON strings. Returns false with `truncated` set when the value never closes.
bool findJsonConstant(const QByteArray& data, const char* name, qsizetype& begin, qsizetype& end,
                      bool& truncated)
{
    truncated = false;
    const QByteArray needle = QByteArray("const ") + name + " = ";
    qsizetype pos = 0;
    for (;;) {
        pos = data.indexOf(needle, pos);
        if (pos < 0)
            return false;
        if (pos == 0 || data[pos - 1] == '\n' || data[pos - 1] == '\r')
            break;
        pos += needle.size();
    }
    qsizetype i = pos + needle.size();
    while (i < data.size() && (data[i] == ' ' || data[i] == '\t'))
        ++i;
    if (i >= data.size() || (data[i] != '[' && data[i] != '{')) {
        begin = i;
        end = i;
        return true; // present but not JSON: the caller's parser reports it
    }
    begin = i;
    int depth = 0;
    bool inString = false;
    const char* p = data.constData();
    const qsizetype n = data.size();
    for (; i < n; ++i) {
        const char c = p[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '[' || c == '{')
            ++depth;
        else if (c == ']' || c == '}') {
            if (--depth == 0) {
                end = i + 1;
                return true;
            }
        }
    }
    truncated = true;
    return false;
}

QString htmlToText(QString s)
{
    static const QRegularExpression br(QStringLiteral("<br\\s*/?>"),
                                       QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    s.replace(br, QStringLiteral(" | "));
    s.remove(tags);
    s.replace(QLatin1String("&quot;"), QLatin1String("\""));
    s.replace(QLatin1String("&#39;"), QLatin1String("'"));
    s.replace(QLatin1String("&lt;"), QLatin1String("<"));
    s.replace(QLatin1String("&gt;"), QLatin1String(">"));
    s.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return s.simplified();
}

void readSummaryTable(const QByteArray& data, TimingsRun& run)
{
    const qsizetype tableStart = data.indexOf("summary-table\">");
    if (tableStart < 0)
        return;
    const qsizetype tableEnd = data.indexOf("</table>", tableStart);
    const QString table =
        QString::fromUtf8(data.mid(tableStart, tableEnd < 0 ? 20000 : tableEnd - tableStart));
    static const QRegularExpression row(QStringLiteral(R"(<td>([^<]*):</td>\s*<td[^>]*>(.*?)</td>)"),
                                        QRegularExpression::DotMatchesEverythingOption);
    for (auto it = row.globalMatch(table); it.hasNext();) {
        const auto m = it.next();
        const QString label = m.captured(1).trimmed();
        const QString raw = m.captured(2);
        const QString value = htmlToText(raw);
        if (label == QLatin1String("Targets"))
            run.targets = value;
        else if (label == QLatin1String("Profile"))
            run.profile = value;
        else if (label == QLatin1String("Fresh units"))
            run.freshUnitsReported = value.toInt();
        else if (label == QLatin1String("Dirty units"))
            run.dirtyUnitsReported = value.toInt();
        else if (label == QLatin1String("Total units"))
            run.totalUnitsReported = value.toInt();
        else if (label == QLatin1String("Build start"))
            run.buildStart = value;
        else if (label == QLatin1String("Max concurrency")) {
            run.maxConcurrencyText = value;
            static const QRegularExpression jobs(QStringLiteral(R"(jobs=(\d+)\s+ncpu=(\d+))"));
            const auto jm = jobs.match(value);
            if (jm.hasMatch()) {
                run.jobs = jm.captured(1).toInt();
                run.ncpu = jm.captured(2).toInt();
            }
        } else if (label == QLatin1String("Total time")) {
            static const QRegularExpression secs(QStringLiteral(R"(^([0-9.]+)s)"));
            const auto sm = secs.match(value);
            if (sm.hasMatch())
                run.totalTimeReported = sm.captured(1).toDouble();
        } else if (label == QLatin1String("rustc")) {
            const QStringList parts = value.split(QStringLiteral(" | "));
            run.rustcVersion = parts.value(0).trimmed();
            for (const QString& p : parts) {
                if (p.startsWith(QLatin1String("Host: ")))
                    run.host = p.mid(6).trimmed();
                else if (p.startsWith(QLatin1String("Target: ")))
                    run.targetTriple = p.mid(8).trimmed();
            }
        } else if (label == QLatin1String("Error")) {
            run.warnings << tr("cargo reported an error: %1").arg(value);
        }
    }
}

// cargo before 1.94 lists features only in the unit table under the charts: "name vX.Y.Z[ target]" rows.
std::map<QString, std::deque<QStringList>> readUnitTableFeatures(const QByteArray& data)
{
    std::map<QString, std::deque<QStringList>> byLabel;
    const qsizetype scriptAt = data.indexOf("const UNIT_DATA");
    qsizetype pos = data.indexOf("<table class=\"my-table\">");
    if (pos < 0 || (scriptAt >= 0 && pos > scriptAt))
        return byLabel;
    const qsizetype end = data.indexOf("</table>", pos);
    const QString table = QString::fromUtf8(data.mid(pos, end < 0 ? -1 : end - pos));
    static const QRegularExpression row(QStringLiteral(R"(<tr>\s*<td>\d+\.</td>(.*?)</tr>)"),
                                        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression cell(QStringLiteral(R"(<td>(.*?)</td>)"),
                                         QRegularExpression::DotMatchesEverythingOption);
    for (auto it = row.globalMatch(table); it.hasNext();) {
        QStringList cells;
        const QString body = it.next().captured(1);
        for (auto c = cell.globalMatch(body); c.hasNext();)
            cells << htmlToText(c.next().captured(1));
        if (cells.size() < 2)
            continue;
        const QString features = cells.last();
        byLabel[cells.first()].push_back(features.isEmpty() ? QStringList()
                                                            : features.split(QStringLiteral(", ")));
    }
    return byLabel;
}

bool isNumber(const json& j)
{
    return j.is_number();
}

} // namespace

Result<TimingsRun> importTimingsHtml(const QString& path, const QByteArray& data, Progress& progress)
{
    auto fail = [&](const QString& message, qsizetype offset = -1) {
        ImportError e;
        e.file = path;
        e.message = message;
        if (offset >= 0)
            e.line = lineOfOffset(data, offset);
        return Result<TimingsRun>(e);
    };

    qsizetype begin = 0, end = 0;
    bool truncated = false;
    if (!findJsonConstant(data, "UNIT_DATA", begin, end, truncated)) {
        if (truncated)
            return fail(
                tr("truncated timing report: the UNIT_DATA list never closes (was the build killed while "
                   "writing it?)"),
                begin);
        return fail(tr("not a cargo timing report or an unsupported version: no `const UNIT_DATA` found"));
    }
    progress.setFraction(0.1);

    auto run = std::make_shared<TimingsRun>();
    run->file = path;
    run->source = TimingsSource::Html;

    // Parsing is most of the work on a big report. Each unit is taken from the parser as soon as its object
    // closes and its JSON dropped, so the whole list never sits in memory as JSON (a 50,000-unit report's
    // DOM took more than the units themselves); progress is reported per unit, and a cancel stops the parse.
    struct Stop
    {
    };
    readSummaryTable(data, *run);
    bool oldLayout = false;
    bool sectionTimings = false; // nightly -Zsection-timings: sections for every unit, not rmeta-derived
    QHash<qint64, int> positionOfId;
    std::vector<std::pair<std::vector<qint64>, std::vector<qint64>>> rawUnblocks;
    const double expectedUnits = std::max(1.0, double(end - begin) / 450.0); // a unit takes ~450 bytes
    run->units.reserve(std::size_t(std::min(expectedUnits, 1e6)));
    // the unit at position idx of UNIT_DATA, or why it is refused
    auto addUnit = [&](const json& ju, std::size_t idx) -> std::optional<QString> {
        const QString which = tr("unit %1 of UNIT_DATA").arg(idx);
        if (!ju.is_object())
            return std::optional<QString>(tr("%1 is not an object").arg(which));
        auto name = ju.find("name");
        auto start = ju.find("start");
        auto duration = ju.find("duration");
        if (name == ju.end() || !name->is_string())
            return std::optional<QString>(tr("%1 lacks its `name`").arg(which));
        if (start == ju.end() || !isNumber(*start))
            return std::optional<QString>(tr("%1 (%2) lacks a numeric `start`")
                                              .arg(which, QString::fromStdString(name->get<std::string>())));
        if (duration == ju.end() || !isNumber(*duration))
            return std::optional<QString>(tr("%1 (%2) lacks a numeric `duration`")
                                              .arg(which, QString::fromStdString(name->get<std::string>())));
        Unit u;
        u.name = QString::fromStdString(name->get<std::string>());
        u.start = start->get<double>();
        u.duration = duration->get<double>();
        if (u.start < 0 || u.duration < 0 || !std::isfinite(u.start) || !std::isfinite(u.duration))
            return std::optional<QString>(tr("%1 (%2) has a negative or invalid time").arg(which, u.name));
        // a build of more than a year is no build: such a time would turn every total into infinity
        constexpr double kLongestBuildSeconds = 366.0 * 24 * 3600;
        if (u.start > kLongestBuildSeconds || u.duration > kLongestBuildSeconds)
            return std::optional<QString>(tr("%1 (%2) has a time of %3 s, more than a year")
                                              .arg(which, u.name)
                                              .arg(std::max(u.start, u.duration), 0, 'g', 6));
        u.id = detail::jsonInt(ju, "i", static_cast<qint64>(idx));
        u.version = QString::fromStdString(ju.value("version", std::string()));
        u.mode = QString::fromStdString(ju.value("mode", std::string()));
        u.target = QString::fromStdString(ju.value("target", std::string()));
        detail::classifyHtmlTarget(u.target, u.kind, u.targetName);
        if (auto f = ju.find("features"); f != ju.end() && f->is_array())
            for (const json& feat : *f)
                if (feat.is_string())
                    u.features << QString::fromStdString(feat.get<std::string>());
        if (auto r = ju.find("rmeta_time"); r != ju.end()) {
            oldLayout = true;
            if (r->is_number()) {
                u.rmetaTime = r->get<double>();
                // the metadata is ready within the unit's own time; a point past its end is clamped, and said
                if (!std::isfinite(*u.rmetaTime) || *u.rmetaTime < 0 || *u.rmetaTime > u.duration + 0.01) {
                    run->warnings << tr("%1 (%2): rmeta_time %3 s lies outside its duration of %4 s; taken "
                                        "as its end")
                                         .arg(which, u.name)
                                         .arg(*u.rmetaTime)
                                         .arg(u.duration);
                    u.rmetaTime =
                        std::clamp(std::isfinite(*u.rmetaTime) ? *u.rmetaTime : u.duration, 0.0, u.duration);
                }
            }
        }
        if (ju.contains("unlocked_units") || ju.contains("unlocked_rmeta_units"))
            oldLayout = true;
        if (auto s = ju.find("sections"); s != ju.end() && s->is_array()) {
            for (const json& pair : *s) {
                if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_object())
                    continue;
                UnitSection sec;
                sec.name = QString::fromStdString(pair[0].get<std::string>());
                const json& span = pair[1];
                sec.start = span.value("start", 0.0);
                const auto e = span.find("end");
                sec.end = (e != span.end() && e->is_number()) ? e->get<double>() : u.duration;
                // cargo rounds, so an end may be 0.01 before its start; more than that is a broken section
                if (sec.end < sec.start - 0.011 || !std::isfinite(sec.start) || !std::isfinite(sec.end))
                    run->warnings << tr("%1 (%2): its %3 section ends at %4 s, before it starts at %5 s")
                                         .arg(which, u.name, sec.name)
                                         .arg(sec.end)
                                         .arg(sec.start);
                sec.end = std::max(sec.end, sec.start);
                u.sections.push_back(sec);
            }
        }
        auto readIds = [&](const char* a, const char* b) {
            std::vector<qint64> ids;
            for (const char* key : {a, b}) {
                auto it = ju.find(key);
                if (it != ju.end() && it->is_array())
                    for (const json& v : *it)
                        if (v.is_number_integer())
                            ids.push_back(v.get<qint64>());
            }
            return ids;
        };
        rawUnblocks.emplace_back(readIds("unblocked_units", "unlocked_units"),
                                 readIds("unblocked_rmeta_units", "unlocked_rmeta_units"));
        if (positionOfId.contains(u.id))
            run->warnings << tr("unit id %1 appears twice; references go to its first occurrence").arg(u.id);
        else
            positionOfId.insert(u.id, static_cast<int>(run->units.size()));
        u.fresh = u.start == 0.0 && u.duration == 0.0;
        run->units.push_back(std::move(u));
        return std::nullopt;
    };
    bool list = false;
    std::size_t parsedUnits = 0;
    std::optional<QString> refused;
    const json::parser_callback_t perUnit = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 0 && event == json::parse_event_t::array_start)
            list = true;
        if (depth != 1 || !list ||
            (event != json::parse_event_t::object_end && event != json::parse_event_t::array_end &&
             event != json::parse_event_t::value))
            return true;
        refused = addUnit(parsed, parsedUnits);
        if (refused)
            throw Stop{};
        if ((++parsedUnits & 255) == 0) {
            progress.setFraction(0.1 + 0.6 * std::min(1.0, parsedUnits / expectedUnits));
            if (progress.cancelled())
                throw Stop{};
        }
        return false; // taken: the parser keeps nothing of it
    };
    try {
        const json rest = json::parse(data.constData() + begin, data.constData() + end, perUnit);
        Q_UNUSED(rest); // every unit was taken as it closed
    } catch (const json::parse_error& e) {
        return fail(tr("UNIT_DATA is not valid JSON: %1").arg(QString::fromUtf8(e.what())),
                    begin + static_cast<qsizetype>(e.byte));
    } catch (const Stop&) {
    }
    if (refused)
        return fail(*refused, begin);
    if (progress.cancelled()) {
        ImportError e{path, tr("import cancelled")};
        e.cancelled = true;
        return e;
    }
    if (!list)
        return fail(tr("UNIT_DATA is not a list of units"), begin);
    run->layout = oldLayout ? QStringLiteral("unlocked") : QStringLiteral("unblocked");

    // The rmeta point: recorded as rmeta_time (old layout) or as the end of the rmeta-derived "frontend"
    // section (stable 1.91+). With -Zsection-timings every unit has sections; rustc's metadata is ready when
    // codegen starts.
    for (const Unit& u : run->units)
        for (const UnitSection& s : u.sections)
            if (s.name == QLatin1String("link") || s.name == QLatin1String("other"))
                sectionTimings = true;
    for (std::size_t pos = 0; pos < run->units.size(); ++pos) {
        Unit& u = run->units[pos];
        // A unit is unblocked when the other finishes (or has its metadata): one that started before that
        // cannot have waited for it. Such an edge (a unit unblocking itself, a cycle) would send the earliest
        // starts and the critical path after the build; it is left out. Times are rounded to 10 ms.
        constexpr double kRounding = 0.02;
        auto link = [&](qint64 id, std::vector<int>& into, bool rmeta) {
            const auto it = positionOfId.constFind(id);
            if (it == positionOfId.constEnd()) {
                run->warnings << tr("%1 unblocks unit id %2, which is not in the report")
                                     .arg(u.label(), QString::number(id));
                return;
            }
            const Unit& v = run->units[std::size_t(*it)];
            const double ready = rmeta ? u.start : u.start + u.duration;
            if (std::size_t(*it) == pos) {
                run->warnings << tr("%1 unblocks itself; the edge is left out").arg(u.label());
                return;
            }
            if (v.start + kRounding < ready) {
                run->warnings
                    << tr("%1 unblocks %2, which started at %3 s, before %1 %4 at %5 s; the edge is "
                          "left out")
                           .arg(u.label(), v.label(), QString::number(v.start, 'f', 2),
                                rmeta ? tr("started") : tr("finished"), QString::number(ready, 'f', 2));
                return;
            }
            into.push_back(*it);
        };
        for (qint64 id : rawUnblocks[pos].first)
            link(id, u.unblocked, false);
        for (qint64 id : rawUnblocks[pos].second)
            link(id, u.unblockedRmeta, true);
        if (oldLayout) {
            if (u.rmetaTime && u.sections.empty()) {
                const double r = std::clamp(*u.rmetaTime, 0.0, u.duration);
                u.sections.push_back({QStringLiteral("frontend"), 0.0, r});
                u.sections.push_back({QStringLiteral("codegen"), r, u.duration});
            }
        } else if (!u.rmetaTime) {
            for (const UnitSection& s : u.sections) {
                if (!sectionTimings && s.name == QLatin1String("frontend"))
                    u.rmetaTime = s.end;
                else if (sectionTimings && s.name == QLatin1String("frontend") && !u.unblockedRmeta.empty())
                    u.rmetaTime = s.end;
            }
        }
    }
    if (!sectionTimings)
        detail::inferProcMacros(*run);

    if (oldLayout) {
        // Features of the old layout live in the unit table; rows are labelled "name vX.Y.Z" + target text.
        auto features = readUnitTableFeatures(data);
        // The table lists units by descending duration; match identical labels in that order.
        std::vector<int> order(run->units.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = static_cast<int>(i);
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return run->units[a].duration > run->units[b].duration; });
        for (int pos : order) {
            Unit& u = run->units[pos];
            const QString label = u.name + QStringLiteral(" v") + u.version + u.target;
            auto it = features.find(label);
            if (it != features.end() && !it->second.empty()) {
                u.features = it->second.front();
                it->second.pop_front();
            }
        }
    }
    progress.setFraction(0.8);

    if (findJsonConstant(data, "CONCURRENCY_DATA", begin, end, truncated)) {
        const json c = json::parse(data.constData() + begin, data.constData() + end, nullptr, false);
        if (c.is_array()) {
            for (const json& s : c) {
                if (!s.is_object())
                    continue;
                ConcurrencySample cs;
                cs.t = s.value("t", 0.0);
                cs.active = int(detail::jsonInt(s, "active", 0, 0, 1 << 24));
                cs.waiting = int(detail::jsonInt(s, "waiting", 0, 0, 1 << 24));
                cs.inactive = int(detail::jsonInt(s, "inactive", 0, 0, 1 << 24));
                run->concurrency.push_back(cs);
            }
        } else {
            run->warnings << tr("CONCURRENCY_DATA is not valid JSON; concurrency is derived from the units");
        }
    } else if (truncated) {
        run->warnings << tr("CONCURRENCY_DATA is truncated; concurrency is derived from the units");
    }
    if (findJsonConstant(data, "CPU_USAGE", begin, end, truncated)) {
        const json c = json::parse(data.constData() + begin, data.constData() + end, nullptr, false);
        if (c.is_array()) {
            for (const json& s : c)
                if (s.is_array() && s.size() == 2 && s[0].is_number() && s[1].is_number())
                    run->cpu.push_back({s[0].get<double>(), s[1].get<double>()});
        } else {
            run->warnings << tr("CPU_USAGE is not valid JSON and was left out");
        }
    } else if (truncated) {
        run->warnings << tr("CPU_USAGE is truncated and was left out");
    }
    if (!data.contains("</html>"))
        run->warnings << tr(
            "the report ends before its closing </html> (cut short?); everything up to the cut was read");
    if (run->totalUnitsReported >= 0 && run->totalUnitsReported != static_cast<int>(run->units.size()))
        run->warnings << tr("the summary says %1 units but UNIT_DATA has %2")
                             .arg(run->totalUnitsReported)
                             .arg(run->units.size());
    progress.setFraction(1.0);
    tagTwinUnits(*run);
    return std::shared_ptr<const TimingsRun>(std::move(run));
}

} // namespace bl
