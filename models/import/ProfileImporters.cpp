#include "ProfileImporters.h"

#include "../analysis/QueryAggregator.h"
#include "../core/Tr.h"
#include "FileKind.h"
#include "ImportUtil.h"
#include "JsonNumber.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace bl {

using nlohmann::json;

namespace {

const qint64 kMaxJsonBytes = fileSizeLimit(FileKind::SummarizeJson);

// A Rust Duration as serde writes it: whole seconds and the nanoseconds under one second, both unsigned.
std::int64_t durationNs(const json& d)
{
    if (!d.is_object() || !d.contains("secs") || !d.contains("nanos"))
        throw std::runtime_error("a duration without secs/nanos");
    const json& secs = d.at("secs");
    const json& nanos = d.at("nanos");
    // whole numbers only: serde writes integers, and a float here is not a Duration
    const auto s = secs.is_number_integer() ? detail::jsonCount(secs) : std::nullopt;
    if (!s || *s > 10ULL * 365 * 24 * 3600) // ten years: no compilation takes that long
        throw std::runtime_error("a duration of " + secs.dump() + " seconds");
    const auto n = nanos.is_number_integer() ? detail::jsonCount(nanos) : std::nullopt;
    if (!n || *n >= 1'000'000'000)
        throw std::runtime_error("a duration with " + nanos.dump() + " nanoseconds (0 to 999,999,999)");
    return static_cast<std::int64_t>(*s * 1'000'000'000 + *n);
}

// A count (invocations, cache hits, bytes): 0 when absent, an error when it is not a whole number >= 0.
std::uint64_t count(const json& row, const char* key)
{
    const auto it = row.find(key);
    if (it == row.end() || it->is_null())
        return 0;
    if (const auto c = detail::jsonCount(*it))
        return *c;
    throw std::runtime_error(std::string("`") + key + "` is " + it->dump() + ", not a count");
}

Result<SelfProfile> fromSummarizeJson(const QString& path, const QByteArray& data)
{
    const json j = json::parse(data.constData(), data.constData() + data.size(), nullptr, false);
    if (j.is_discarded())
        return ImportError{path, tr("not valid JSON (a cut-off or corrupt summarize file?)")};
    if (!j.is_object() || !j.contains("query_data") || !j.contains("total_time") ||
        !j.at("query_data").is_array())
        return ImportError{path, tr("not a summarize JSON file: `query_data` or `total_time` is missing")};
    auto profile = std::make_shared<SelfProfile>();
    profile->file = path;
    profile->source = QStringLiteral("summarize-json");
    try {
        for (const json& q : j.at("query_data")) {
            QueryStats s;
            s.label = QString::fromStdString(q.at("label").get<std::string>());
            s.time = durationNs(q.at("time"));
            s.selfTime = durationNs(q.at("self_time"));
            s.invocations = count(q, "invocation_count");
            s.cacheHits = count(q, "number_of_cache_hits");
            s.cacheMisses = count(q, "number_of_cache_misses");
            if (q.contains("blocked_time"))
                s.blockedTime = durationNs(q.at("blocked_time"));
            if (q.contains("incremental_load_time"))
                s.incrementalLoadTime = durationNs(q.at("incremental_load_time"));
            if (q.contains("incremental_hashing_time"))
                s.incrementalHashingTime = durationNs(q.at("incremental_hashing_time"));
            // odd but possible from another tool's arithmetic: kept, and said
            if (s.selfTime > s.time)
                profile->warnings << tr("query %1: self time %2 ns exceeds its total time %3 ns")
                                         .arg(s.label)
                                         .arg(s.selfTime)
                                         .arg(s.time);
            profile->summary.queries.push_back(std::move(s));
        }
        if (auto a = j.find("artifact_sizes"); a != j.end() && a->is_array())
            for (const json& s : *a)
                profile->summary.artifactSizes.push_back(
                    {QString::fromStdString(s.at("label").get<std::string>()), count(s, "value")});
        profile->summary.totalTime = durationNs(j.at("total_time"));
    } catch (const std::exception& e) {
        return ImportError{path,
                           tr("a summarize JSON row is malformed: %1").arg(QString::fromUtf8(e.what()))};
    }
    std::sort(profile->summary.queries.begin(), profile->summary.queries.end(),
              [](const QueryStats& a, const QueryStats& b) {
                  return a.selfTime != b.selfTime ? a.selfTime > b.selfTime : a.label < b.label;
              });
    // summarize's file name is the profile's: <crate>-<pid>.json
    const QString stem = QFileInfo(path).completeBaseName();
    profile->crate = stem.section(QLatin1Char('-'), 0, -2);
    profile->pid = stem.section(QLatin1Char('-'), -1).section(QLatin1Char('.'), 0, 0).toUInt();
    profile->warnings << tr(
        "a summarize JSON file holds the totals only: no events, so no flame graph or timeline");
    return std::shared_ptr<const SelfProfile>(std::move(profile));
}

// Trace events, streamed with a SAX parser: a trace can hold millions of them.
class TraceHandler : public json::json_sax_t
{
public:
    struct Event
    {
        std::uint64_t start, end; // ns
        std::uint32_t label, args, thread;
        std::uint8_t kind;
    };
    std::vector<Event> events;
    std::vector<std::string> labels{std::string()};
    std::vector<std::string> kindNames;
    std::vector<std::uint64_t> threadKeys;
    std::uint64_t elements = 0;
    std::uint32_t firstPid = 0;
    bool sawPid = false;
    std::string processName;
    std::uint64_t minTs = ~0ull;
    Progress* progress = nullptr;
    bool cancelled = false;
    QString refused; // why an event cannot be, which refuses the trace

    bool null() override { return value(json()); }
    bool boolean(bool v) override { return value(v); }
    bool number_integer(number_integer_t v) override { return value(v); }
    bool number_unsigned(number_unsigned_t v) override { return value(v); }
    bool number_float(number_float_t v, const string_t&) override { return value(v); }
    bool string(string_t& v) override { return value(v); }
    bool binary(binary_t&) override { return value(json()); }
    bool start_object(std::size_t) override
    {
        ++m_depth;
        if (m_depth == m_eventDepth) {
            m_cur = Current();
            m_inEvent = true;
        }
        return true;
    }
    bool key(string_t& k) override
    {
        if (m_inEvent && m_depth == m_eventDepth)
            m_key = k;
        else if (m_depth == 1 && m_topIsObject)
            m_topKey = k;
        else if (m_inEvent && m_depth == m_eventDepth + 1 && m_key == "args" && k == "name")
            m_argKey = true;
        return true;
    }
    bool end_object() override
    {
        if (m_inEvent && m_depth == m_eventDepth) {
            m_inEvent = false;
            finishEvent();
        }
        --m_depth;
        return !cancelled && refused.isEmpty();
    }
    bool start_array(std::size_t) override
    {
        ++m_depth;
        if (m_depth == 1)
            m_eventDepth = 2; // [ {event}, ... ]
        else if (m_depth == 2 && m_topIsObject && m_topKey == "traceEvents")
            m_eventDepth = 3; // {"traceEvents": [ {event}, ... ]}
        return true;
    }
    bool end_array() override
    {
        --m_depth;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const json::exception& e) override
    {
        errorAt = position;
        error = e.what();
        return false;
    }
    void markTopObject() { m_topIsObject = true; }
    std::size_t errorAt = 0;
    std::string error;

private:
    struct Current
    {
        std::string name, cat, ph, args;
        double ts = -1, dur = 0;
        std::uint64_t pid = 0, tid = 0;
    };
    bool value(const json& v)
    {
        if (m_inEvent && m_depth == m_eventDepth) {
            if (m_key == "name" && v.is_string())
                m_cur.name = v.get<std::string>();
            else if (m_key == "cat" && v.is_string())
                m_cur.cat = v.get<std::string>();
            else if (m_key == "ph" && v.is_string())
                m_cur.ph = v.get<std::string>();
            else if (m_key == "ts" && v.is_number())
                m_cur.ts = v.get<double>();
            else if (m_key == "dur" && v.is_number())
                m_cur.dur = v.get<double>();
            else if (m_key == "pid" && v.is_number())
                m_cur.pid = detail::jsonCount(v).value_or(0);
            else if (m_key == "tid" && v.is_number())
                m_cur.tid = detail::jsonCount(v).value_or(0);
        } else if (m_inEvent && m_depth == m_eventDepth + 1 && m_key == "args") {
            if (v.is_string()) {
                if (m_argKey)
                    m_cur.args = v.get<std::string>(); // process_name's {"name": ...}
                else if (m_cur.args.size() < 200)
                    m_cur.args += (m_cur.args.empty() ? "" : " ") + v.get<std::string>();
            }
            m_argKey = false;
        }
        return true;
    }
    std::uint32_t intern(std::unordered_map<std::string, std::uint32_t>& ids, std::vector<std::string>& texts,
                         const std::string& s)
    {
        auto [it, inserted] = ids.try_emplace(s, static_cast<std::uint32_t>(texts.size()));
        if (inserted)
            texts.push_back(s);
        return it->second;
    }
    void finishEvent()
    {
        ++elements;
        if ((elements & 0xFFFF) == 0 && progress && progress->cancelled())
            cancelled = true;
        if (m_cur.ph == "M") {
            if (m_cur.name == "process_name" && processName.empty())
                processName = m_cur.args;
            return;
        }
        if (m_cur.ph != "X" || m_cur.ts < 0)
            return;
        // Times are microseconds since 1970 (crox) or since the trace began; in nanoseconds they must fit the
        // 62 bits that leave room for sums: 4.6e15 µs, October 2115. Past that the trace is no record of a
        // build.
        constexpr double kLastMicrosecond = 4.6e15;
        if (!std::isfinite(m_cur.ts) || !std::isfinite(m_cur.dur) || m_cur.ts > kLastMicrosecond ||
            std::max(0.0, m_cur.dur) > kLastMicrosecond - m_cur.ts) {
            // The limit's figure and month come from the constant, so the message cannot drift from the
            // check.
            const QString limitDate =
                QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(kLastMicrosecond / 1000.0), Qt::UTC)
                    .toString(QStringLiteral("MMMM yyyy"));
            // One multi-arg pass: an event name holding "%3" must not be filled in by the arguments after it.
            refused = tr("event %1 (\"%2\"): a start of %3 µs and a duration of %4 µs end past %5 µs (%6)")
                          .arg(QString::number(elements), QString::fromStdString(m_cur.name).left(80),
                               QString::number(m_cur.ts, 'g', 17), QString::number(m_cur.dur, 'g', 17),
                               QString::number(kLastMicrosecond, 'g', 2)
                                   .replace(QLatin1String("e+"), QLatin1String("e")),
                               limitDate);
            return;
        }
        if (!sawPid) {
            sawPid = true;
            firstPid = static_cast<std::uint32_t>(m_cur.pid);
        }
        Event e;
        e.start = static_cast<std::uint64_t>(std::llround(m_cur.ts * 1000.0));
        e.end = e.start + static_cast<std::uint64_t>(std::llround(std::max(0.0, m_cur.dur) * 1000.0));
        minTs = std::min(minTs, e.start);
        e.label = intern(m_labelIds, labels, m_cur.name);
        e.args = m_cur.args.empty() ? 0 : intern(m_labelIds, labels, m_cur.args);
        const std::uint64_t key = (m_cur.pid << 32) ^ m_cur.tid;
        auto [t, inserted] = m_threadIds.try_emplace(key, static_cast<std::uint32_t>(threadKeys.size()));
        if (inserted)
            threadKeys.push_back(key);
        e.thread = t->second;
        auto [k, kin] = m_kindIds.try_emplace(m_cur.cat, static_cast<std::uint32_t>(kindNames.size()));
        if (kin)
            kindNames.push_back(m_cur.cat);
        e.kind = static_cast<std::uint8_t>(std::min<std::uint32_t>(k->second, 255));
        events.push_back(e);
    }
    int m_depth = 0;
    int m_eventDepth = -1;
    bool m_inEvent = false;
    bool m_topIsObject = false;
    bool m_argKey = false;
    std::string m_key, m_topKey;
    Current m_cur;
    std::unordered_map<std::string, std::uint32_t> m_labelIds;
    std::unordered_map<std::string, std::uint32_t> m_kindIds;
    std::unordered_map<std::uint64_t, std::uint32_t> m_threadIds;
};

Result<SelfProfile> fromChromeTrace(const QString& path, const QByteArray& data, Progress& progress)
{
    TraceHandler h;
    h.progress = &progress;
    const QByteArray start = data.left(64).trimmed();
    if (start.startsWith('{'))
        h.markTopObject();
    const bool ok = json::sax_parse(data.constData(), data.constData() + data.size(), &h);
    if (h.cancelled) {
        ImportError e{path, tr("import cancelled")};
        e.cancelled = true;
        return e;
    }
    if (!h.refused.isEmpty())
        return ImportError{path, h.refused};
    if (!ok) {
        ImportError e{path,
                      tr("the trace is not valid JSON (cut off?): %1").arg(QString::fromStdString(h.error))};
        e.offset = static_cast<qint64>(h.errorAt);
        return e;
    }
    if (h.elements == 0)
        return ImportError{path, tr("the trace holds no events")};
    progress.setFraction(0.7);

    auto profile = std::make_shared<SelfProfile>();
    profile->file = path;
    profile->source = QStringLiteral("chrome-trace");
    profile->eventCount = h.elements;
    profile->intervalEvents = h.events.size();
    profile->pid = h.firstPid;
    profile->crate = QString::fromStdString(h.processName);
    for (const std::string& k : h.kindNames)
        profile->kinds << QString::fromStdString(k);
    // Times relative to the first event, in ns, as in a profile. A trace is in whatever order its writer
    // chose: order each thread as measureme writes events (by end; a parent after the children that end with
    // it).
    const std::uint64_t origin = h.minTs == ~0ull ? 0 : h.minTs;
    profile->startTimeNs = origin;
    std::vector<std::uint32_t> byThread(h.threadKeys.size());
    std::vector<std::uint32_t> threadOrder(h.threadKeys.size());
    for (std::uint32_t i = 0; i < threadOrder.size(); ++i)
        threadOrder[i] = i;
    std::sort(threadOrder.begin(), threadOrder.end(),
              [&](auto a, auto b) { return h.threadKeys[a] < h.threadKeys[b]; });
    for (std::uint32_t i = 0; i < threadOrder.size(); ++i) {
        byThread[threadOrder[i]] = i;
        profile->threadIds.push_back(static_cast<std::uint32_t>(h.threadKeys[threadOrder[i]] & 0xFFFFFFFFu));
    }
    auto& ev = h.events;
    for (auto& e : ev) {
        e.start -= origin;
        e.end -= origin;
        e.thread = byThread[e.thread];
    }
    std::sort(ev.begin(), ev.end(), [](const TraceHandler::Event& a, const TraceHandler::Event& b) {
        if (a.thread != b.thread)
            return a.thread < b.thread;
        if (a.end != b.end)
            return a.end < b.end;
        return a.start > b.start;
    });
    QueryAggregator aggregator;
    std::vector<ProfileEventKind> kindOf;
    for (const std::string& k : h.kindNames)
        kindOf.push_back(profileEventKindFromName(k.data(), k.size()));
    std::vector<std::uint16_t> depth(ev.size());
    for (std::size_t n = ev.size(); n-- > 0;) {
        const auto& e = ev[n];
        const ProfileEventKind kind = e.kind < kindOf.size() ? kindOf[e.kind] : ProfileEventKind::Other;
        depth[n] = static_cast<std::uint16_t>(
            std::min(aggregator.addInterval(e.thread, {e.start, e.end, e.label, kind}), 65535));
    }
    profile->summary = aggregator.finish(h.labels);
    std::vector<std::size_t> order(ev.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (ev[a].thread != ev[b].thread)
            return ev[a].thread < ev[b].thread;
        if (ev[a].start != ev[b].start)
            return ev[a].start < ev[b].start;
        return depth[a] < depth[b];
    });
    ProfileIntervals& iv = profile->intervals;
    iv.threadBegin.assign(h.threadKeys.size() + 1, 0);
    for (std::size_t i : order) {
        const auto& e = ev[i];
        iv.start.push_back(e.start);
        iv.end.push_back(e.end);
        iv.label.push_back(e.label);
        iv.args.push_back(e.args);
        iv.thread.push_back(static_cast<std::uint16_t>(e.thread));
        iv.kind.push_back(e.kind);
        iv.depth.push_back(depth[i]);
        ++iv.threadBegin[e.thread + 1];
    }
    for (std::size_t t = 1; t < iv.threadBegin.size(); ++t)
        iv.threadBegin[t] += iv.threadBegin[t - 1];
    for (const std::string& s : h.labels)
        profile->strings << QString::fromStdString(s);
    profile->warnings << tr(
        "a Chrome trace keeps whole microseconds and no integer events: times are rounded "
        "and there are no cache-hit counts");
    progress.setFraction(1.0);
    return std::shared_ptr<const SelfProfile>(std::move(profile));
}

} // namespace

bool gunzip(const QByteArray& in, QByteArray& out, qint64 limit, QString& error)
{
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        error = tr("cannot start decompression");
        return false;
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.constData()));
    zs.avail_in = static_cast<uInt>(in.size());
    out.clear();
    char buffer[1 << 16];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            error = rc == Z_BUF_ERROR ? tr("the compressed data is cut off")
                                      : tr("the compressed data is corrupt");
            return false;
        }
        out.append(buffer, static_cast<qsizetype>(sizeof buffer - zs.avail_out));
        if (out.size() > limit) {
            inflateEnd(&zs);
            error = tr("it inflates to more than %1 MB, more than BuildLens reads").arg(limit >> 20);
            return false;
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            error = tr("the compressed data is cut off");
            return false;
        }
    }
    inflateEnd(&zs);
    return true;
}

Result<SelfProfile> importProfileJson(const QString& path, Progress& progress)
{
    ImportError error;
    auto data = detail::readWholeFile(path, kMaxJsonBytes, error);
    if (!data)
        return error;
    if (detectFileKind(data->left(FileKindProbeBytes)) == FileKind::Gzip) {
        QByteArray inflated;
        QString why;
        if (!gunzip(*data, inflated, kMaxJsonBytes, why))
            return ImportError{path, tr("gzip file: %1").arg(why)};
        data = std::move(inflated);
    }
    progress.setFraction(0.1);
    try {
        switch (detectFileKind(data->left(FileKindProbeBytes))) {
        case FileKind::SummarizeJson:
            return fromSummarizeJson(path, *data);
        case FileKind::ChromeTrace:
            return fromChromeTrace(path, *data, progress);
        case FileKind::Empty:
            return ImportError{path, tr("the file is empty")};
        default:
            break;
        }
    } catch (const std::exception& e) {
        return ImportError{path, tr("unexpected data: %1").arg(QString::fromUtf8(e.what()))};
    }
    return ImportError{path, tr("neither a summarize JSON file nor a Chrome trace")};
}

Result<SelfProfileSet> importProfileDirectory(const QString& path, Progress& progress,
                                              const ProfileImportOptions& options)
{
    const QDir dir(path);
    const QStringList files = dir.entryList({QStringLiteral("*.mm_profdata")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return ImportError{path, tr("the directory holds no .mm_profdata files")};
    auto set = std::make_shared<SelfProfileSet>();
    set->directory = path;
    // The events kept for the flame graphs share one budget, so that memory is bounded however many profiles
    // the directory holds: the smallest files first, each offered an even share of what is left, so small
    // profiles keep all their events and leave the rest to the large ones. A profile is offered at least
    // kMinShare events (a directory of thousands of profiles may go past the budget by that much each).
    constexpr std::size_t kMinShare = 10'000;
    std::vector<std::pair<qint64, QString>> bySize;
    for (const QString& f : files)
        bySize.emplace_back(QFileInfo(dir.filePath(f)).size(), f);
    std::stable_sort(bySize.begin(), bySize.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::size_t budget = options.maxKeptEvents;
    for (qsizetype i = 0; i < files.size(); ++i) {
        struct Scaled : Progress
        {
            Progress& outer;
            double from, span;
            Scaled(Progress& o, double f, double s)
                : outer(o)
                , from(f)
                , span(s)
            {
            }
            void setFraction(double f) override { outer.setFraction(from + span * f); }
            bool cancelled() const override { return outer.cancelled(); }
        } part(progress, double(i) / files.size(), 1.0 / files.size());
        ProfileImportOptions share = options;
        share.maxKeptEvents = std::max(budget / std::size_t(files.size() - i), kMinShare);
        const auto r = importMmProfdata(dir.filePath(bySize[std::size_t(i)].second), part, share);
        if (r) {
            budget -= std::min(budget, r.value()->intervals.size());
            set->profiles.push_back(r.value());
        } else if (r.error().cancelled)
            return r.error();
        else
            set->warnings << r.error().toString();
    }
    if (set->profiles.empty())
        return ImportError{path, tr("none of the %1 profiles could be read: %2")
                                     .arg(files.size())
                                     .arg(set->warnings.join(QStringLiteral("; ")))};
    std::sort(set->profiles.begin(), set->profiles.end(), [](const auto& a, const auto& b) {
        return a->crate != b->crate ? a->crate < b->crate : a->pid < b->pid;
    });
    return std::shared_ptr<const SelfProfileSet>(std::move(set));
}

} // namespace bl
