#include "MmProfdataImporter.h"

#include "../analysis/QueryAggregator.h"
#include "../core/Tr.h"
#include "../report/SummaryReport.h"
#include "ImportUtil.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

namespace bl {

namespace {

constexpr std::uint64_t kMaxVirtualId = 100'000'000;
constexpr std::uint64_t kMetadataId = kMaxVirtualId + 1;
constexpr std::uint64_t kInvalidId = kMaxVirtualId + 2;
constexpr std::uint64_t kFirstRegularId = kMaxVirtualId + 3;
constexpr unsigned char kTerminator = 0xFF;
constexpr unsigned char kStringRefTag = 0xFE;
constexpr char kArgSeparator = '\x1e';
constexpr std::uint64_t kInstantMarker = 0xFFFF'FFFF'FFFFull;
constexpr std::uint64_t kIntegerMarker = 0xFFFF'FFFF'FFFEull;

std::uint32_t le32(const unsigned char* p)
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v; // the format is little-endian, as is every machine BuildLens builds for
}

std::uint64_t le64(const unsigned char* p)
{
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

// One logical stream (events, string data or string index): the payloads of its pages in file order. Pages of
// the three streams interleave, so a stream is a list of segments of the mapped file.
class Stream
{
public:
    void add(const unsigned char* p, std::uint64_t n)
    {
        m_segments.push_back({p, m_size, n});
        m_size += n;
    }
    std::uint64_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    // A pointer to `n` bytes at `offset`: into the mapping when they lie in one page, else copied to
    // `scratch`.
    const unsigned char* at(std::uint64_t offset, std::size_t n, unsigned char* scratch) const
    {
        std::size_t s = segment(offset);
        const Segment& seg = m_segments[s];
        const std::uint64_t inSeg = offset - seg.begin;
        if (inSeg + n <= seg.length)
            return seg.data + inSeg;
        std::size_t copied = 0;
        while (copied < n && s < m_segments.size()) {
            const Segment& g = m_segments[s];
            const std::uint64_t from = (copied == 0 ? offset - g.begin : 0);
            const std::size_t take =
                static_cast<std::size_t>(std::min<std::uint64_t>(g.length - from, n - copied));
            std::memcpy(scratch + copied, g.data + from, take);
            copied += take;
            ++s;
        }
        return scratch;
    }
    unsigned char byte(std::uint64_t offset) const
    {
        const Segment& seg = m_segments[segment(offset)];
        return seg.data[offset - seg.begin];
    }
    // Contiguous bytes available at `offset` without crossing into the next page.
    std::uint64_t contiguous(std::uint64_t offset, const unsigned char** p) const
    {
        const Segment& seg = m_segments[segment(offset)];
        *p = seg.data + (offset - seg.begin);
        return seg.length - (offset - seg.begin);
    }

private:
    struct Segment
    {
        const unsigned char* data;
        std::uint64_t begin;
        std::uint64_t length;
    };
    std::size_t segment(std::uint64_t offset) const
    {
        // most look-ups are near the previous one
        const Segment& last = m_segments[m_last];
        if (offset >= last.begin && offset < last.begin + last.length)
            return m_last;
        auto it = std::upper_bound(m_segments.begin(), m_segments.end(), offset,
                                   [](std::uint64_t o, const Segment& s) { return o < s.begin; });
        m_last = static_cast<std::size_t>(it - m_segments.begin()) - 1;
        return m_last;
    }
    std::vector<Segment> m_segments;
    std::uint64_t m_size = 0;
    mutable std::size_t m_last = 0;
};

class StringTable
{
public:
    StringTable(const Stream& data, const Stream& index, bool wide)
        : m_data(data)
        , m_wide(wide)
    {
        const std::size_t entry = wide ? 16 : 8;
        const std::uint64_t count = (index.size() - 8) / entry;
        // Two passes over the index, each reading it in the runs the mapping holds contiguously: the first
        // finds the largest virtual id, the second fills the table. (A copy of the entries cost a tenth of
        // the summary of a 50 MB profile.)
        auto forEach = [&](auto&& f) {
            unsigned char scratch[16];
            for (std::uint64_t i = 0; i < count;) {
                const unsigned char* p;
                std::uint64_t avail = index.contiguous(8 + i * entry, &p) / entry;
                if (avail == 0) { // an entry across two pages
                    p = index.at(8 + i * entry, entry, scratch);
                    avail = 1;
                }
                for (const std::uint64_t end = std::min(count, i + avail); i < end; ++i, p += entry)
                    f(wide ? le64(p) : le32(p), wide ? le64(p + 8) : le32(p + 4));
            }
        };
        std::uint64_t maxId = 0;
        forEach([&](std::uint64_t id, std::uint64_t) {
            if (id <= kMaxVirtualId) // the metadata id sits far above the dense range
                maxId = std::max(maxId, id);
        });
        // Query invocations use dense virtual ids (dep-node indices): a flat table beats hashing. Four bytes
        // an id while the string data is under 4 GB (always, for rustc's).
        const bool flat = maxId < 64'000'000 && maxId <= 8 * count + 1024 && data.size() < kResolved - 1;
        if (flat)
            m_flat.assign(maxId + 1, 0);
        forEach([&](std::uint64_t id, std::uint64_t addr) { // a repeated id: the later entry wins
            if (flat && id <= maxId && addr + 1 < kResolved)
                m_flat[id] = static_cast<std::uint32_t>(addr + 1);
            else
                m_map[id] = addr;
        });
    }

    // Address in the data stream of a string id, or ~0 when it has none.
    std::uint64_t address(std::uint64_t id) const
    {
        if (id >= kFirstRegularId)
            return id - kFirstRegularId;
        if (id == kInvalidId)
            return ~0ull;
        if (id < m_flat.size() && m_flat[id] && !(m_flat[id] & kResolved))
            return m_flat[id] - 1;
        auto it = m_map.find(id);
        return it == m_map.end() ? ~0ull : it->second;
    }

    // Appends the full text of the string at `addr` (references spliced in). False when the data is corrupt:
    // a reference cycle, or a string that would grow past any real one. rustc's strings are a label, a query
    // key or the command line, kilobytes at most; a crafted table in which each string refers twice to the
    // next doubles at every level and would reach gigabytes, or, with empty strings, take exponential time.
    bool appendAt(std::uint64_t addr, std::string& out) const
    {
        std::uint64_t references = 0;
        const std::size_t start = out.size();
        return appendAt(addr, out, 0, references, start);
    }

private:
    static constexpr std::size_t kMaxStringBytes = 4 << 20;
    static constexpr std::uint64_t kMaxReferences = 1 << 16;

    bool appendAt(std::uint64_t addr, std::string& out, int depth, std::uint64_t& references,
                  std::size_t start) const
    {
        if (depth > 64 || ++references > kMaxReferences)
            return false;
        const std::size_t refSize = m_wide ? 9 : 5;
        unsigned char scratch[16];
        for (;;) {
            if (addr >= m_data.size())
                return false;
            const unsigned char* p;
            const std::uint64_t avail = m_data.contiguous(addr, &p);
            std::uint64_t run = 0;
            while (run < avail && p[run] != kTerminator && p[run] != kStringRefTag)
                ++run;
            if (out.size() - start + run > kMaxStringBytes)
                return false;
            out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(run));
            addr += run;
            if (run == avail)
                continue; // the string goes on in the next page
            if (p[run] == kTerminator)
                return true;
            if (addr + refSize > m_data.size())
                return false;
            const unsigned char* r = m_data.at(addr + 1, refSize - 1, scratch);
            const std::uint64_t id = m_wide ? le64(r) : le32(r);
            const std::uint64_t target = address(id);
            if (target == ~0ull)
                out += "<unknown>";
            else if (!appendAt(target, out, depth + 1, references, start))
                return false;
            addr += refSize;
        }
    }

public:
    // Ids below this are looked up in a flat table; callers can keep per-id caches of the same size.
    // The event loop's cache, in the flat table itself (half the memory of a second table): a dense id's
    // slot holds its string's address + 1 until the loop has read the string, then kResolved | what the
    // loop keeps for it. address() no longer knows a resolved id.
    static constexpr std::uint32_t kResolved = 0x80000000u;
    std::uint32_t* slot(std::uint64_t id) { return id < m_flat.size() ? &m_flat[id] : nullptr; }

    std::string text(std::uint64_t id) const
    {
        std::string s;
        const std::uint64_t addr = address(id);
        if (addr == ~0ull || !appendAt(addr, s))
            return "<unknown>";
        return s;
    }

private:
    const Stream& m_data;
    bool m_wide;
    std::vector<std::uint32_t> m_flat; // id -> address + 1, 0 = none
    std::unordered_map<std::uint64_t, std::uint64_t> m_map;
};

// Label and argument strings, interned: each distinct text once.
class Interner
{
public:
    Interner() { intern(std::string()); }
    std::uint32_t intern(const std::string& s)
    {
        auto [it, inserted] = m_ids.try_emplace(s, static_cast<std::uint32_t>(m_texts.size()));
        if (inserted)
            m_texts.push_back(s);
        return it->second;
    }
    const std::vector<std::string>& texts() const { return m_texts; }

private:
    std::unordered_map<std::string, std::uint32_t> m_ids;
    std::vector<std::string> m_texts;
};

// Reads the hand-written JSON of the metadata string leniently: rustc escapes the command line with Rust's
// escape_default, which is not JSON.
void readMetadata(const std::string& text, SelfProfile& profile)
{
    const QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    static const QRegularExpression startTime(QStringLiteral(R"re("start_time"\s*:\s*(\d+))re"));
    static const QRegularExpression pid(QStringLiteral(R"re("process_id"\s*:\s*(\d+))re"));
    static const QRegularExpression cmd(QStringLiteral(R"re("cmd"\s*:\s*"((?:[^"\\]|\\.)*)")re"));
    static const QRegularExpression counter(
        QStringLiteral(R"re("counter"\s*:\s*\{\s*"name"\s*:\s*"([^"]*)")re"));
    if (auto m = startTime.match(s); m.hasMatch())
        profile.startTimeNs = m.captured(1).toULongLong();
    if (auto m = pid.match(s); m.hasMatch())
        profile.pid = m.captured(1).toUInt();
    if (auto m = cmd.match(s); m.hasMatch()) {
        QString c = m.captured(1);
        c.replace(QLatin1String("\\\""), QLatin1String("\""))
            .replace(QLatin1String("\\\\"), QLatin1String("\\"));
        profile.cmd = c.trimmed();
    }
    profile.counter = QStringLiteral("wall-time"); // files from before measureme 10 record no counter
    if (auto m = counter.match(s); m.hasMatch())
        profile.counter = m.captured(1);
    const qsizetype at = profile.cmd.indexOf(QLatin1String("--crate-name "));
    if (at >= 0)
        profile.crate = profile.cmd.mid(at + 13).section(QLatin1Char(' '), 0, 0);
}

} // namespace

Result<SelfProfile> importMmProfdata(const QString& path, Progress& progress,
                                     const ProfileImportOptions& options)
{
    auto fail = [&](const QString& message, qint64 offset = -1) {
        ImportError e;
        e.file = path;
        e.message = message;
        e.offset = offset;
        return Result<SelfProfile>(e);
    };
    auto stopped = [&] {
        ImportError e{path, tr("import cancelled")};
        e.cancelled = true;
        return Result<SelfProfile>(e);
    };
    QFile file(path);
    if (QString why; !detail::isRegularFile(path, &why))
        return fail(why);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("cannot be read: %1").arg(file.errorString()));
    qint64 size = file.size();
    if (size < 8)
        return fail(size == 0 ? tr("the file is empty")
                              : tr("too short for a measureme profile (%1 bytes)").arg(size));
    const unsigned char* base = file.map(0, size);
    std::vector<unsigned char> fallback;
    if (!base) { // not mappable (some file systems): read it instead
        fallback.resize(std::size_t(size));
        const qint64 got = file.read(reinterpret_cast<char*>(fallback.data()), size);
        if (got < 8) // it shrank since its size was taken
            return fail(tr("too short for a measureme profile (%1 bytes)").arg(std::max<qint64>(got, 0)));
        size = got;
        base = fallback.data();
    }
    if (std::memcmp(base, "MMPD", 4) != 0) {
        if (std::memcmp(base, "MMES", 4) == 0 || path.endsWith(QLatin1String(".events")))
            return fail(
                tr("this is the three-file self-profile format of rustc before 2020 (.events, .string_data, "
                   ".string_index), which BuildLens does not read"));
        return fail(tr("not a measureme profile: the file does not start with MMPD"));
    }
    const std::uint32_t version = le32(base + 4);
    if (version != 8 && version != 9)
        return fail(tr("unsupported measureme file format version %1 (supported: 8, 9)").arg(version), 4);
    const bool wide = version >= 9;

    // Pages already read leave this process's memory (the page cache keeps them, and a page is read back if
    // it is needed again): a file of gigabytes must not end up resident because it was mapped.
    const std::uintptr_t pageMask = std::uintptr_t(std::max(sysconf(_SC_PAGESIZE), 1L)) - 1;
    auto release = [&](const unsigned char* from, const unsigned char* to) {
        if (!fallback.empty())
            return;
        const auto a = (reinterpret_cast<std::uintptr_t>(from) + pageMask) & ~pageMask;
        const auto b = reinterpret_cast<std::uintptr_t>(to) & ~pageMask;
        if (a < b)
            madvise(reinterpret_cast<void*>(a), b - a, MADV_DONTNEED);
    };
    constexpr std::uint64_t kReleaseEvery = 64 << 20;

    Stream events, data, index;
    std::uint64_t pos = 8;
    std::uint64_t released = 0; // the page headers are read a page apart, but faulting maps their neighbours
    std::uint64_t completeEventBytes = 0;
    while (pos < static_cast<std::uint64_t>(size)) {
        if (pos + 5 > static_cast<std::uint64_t>(size))
            return fail(tr("truncated: a page header is cut off at the end of the file (%1 complete events "
                           "before it)")
                            .arg(events.size() > 8 ? (events.size() - 8) / (wide ? 32 : 24) : 0),
                        static_cast<qint64>(pos));
        const unsigned char tag = base[pos];
        const std::uint32_t length = le32(base + pos + 1);
        if (tag > 2)
            return fail(tr("unknown page tag %1").arg(tag), static_cast<qint64>(pos));
        if (length == 0)
            return fail(tr("empty page"), static_cast<qint64>(pos));
        if (pos + 5 + length > static_cast<std::uint64_t>(size))
            return fail(tr("truncated: a page of %1 bytes runs past the end of the file (rustc stopped while "
                           "writing?); %2 complete events before it")
                            .arg(length)
                            .arg(events.size() > 8 ? (events.size() - 8) / (wide ? 32 : 24) : 0),
                        static_cast<qint64>(pos));
        Stream& target = tag == 0 ? events : tag == 1 ? data : index;
        target.add(base + pos + 5, length);
        if (tag == 0)
            completeEventBytes = events.size();
        pos += 5 + length;
        if (pos - released >= kReleaseEvery) {
            release(base + released, base + pos);
            released = pos;
        }
    }
    if (released > 0) // a small file stays mapped: reading it twice would cost more than it holds
        release(base + released, base + size);
    Q_UNUSED(completeEventBytes);
    struct Check
    {
        Stream* stream;
        const char* magic;
        const char* name;
    };
    for (const Check& c : {Check{&events, "MMES", "event"}, Check{&data, "MMSD", "string data"},
                           Check{&index, "MMSI", "string index"}}) {
        if (c.stream->size() < 8)
            return fail(tr("the %1 stream is missing").arg(QLatin1String(c.name)));
        unsigned char scratch[8];
        const unsigned char* h = c.stream->at(0, 8, scratch);
        if (std::memcmp(h, c.magic, 4) != 0 || le32(h + 4) != version)
            return fail(tr("the %1 stream has a wrong header").arg(QLatin1String(c.name)));
    }
    const std::size_t record = wide ? 32 : 24;
    if ((events.size() - 8) % record != 0)
        return fail(tr("the event stream is not a whole number of %1-byte events").arg(record));
    if ((index.size() - 8) % (wide ? 16 : 8) != 0)
        return fail(tr("the string index is not a whole number of entries"));

    auto profile = std::make_shared<SelfProfile>();
    profile->file = path;
    profile->source = QStringLiteral("mm_profdata");
    profile->formatVersion = static_cast<int>(version);
    StringTable strings(data, index, wide);
    readMetadata(strings.text(kMetadataId), *profile);
    if (profile->crate.isEmpty()) // rustc names the file <crate>-<pid>.mm_profdata
        profile->crate = QFileInfo(path).completeBaseName().section(QLatin1Char('-'), 0, -2);

    const std::uint64_t count = (events.size() - 8) / record;
    profile->eventCount = count;

    Interner labels;
    Interner args;
    std::unordered_map<std::uint64_t, ProfileEventKind> kindOf; // event_kind string id -> kind
    std::unordered_map<std::uint64_t, std::uint32_t> kindIndexOf;
    std::vector<std::string> kindNames;
    // event_id string address -> (label, args); queries share few addresses, activities are concrete ids
    std::unordered_map<std::uint64_t, std::uint32_t> idCache; // -> position in `resolved`
    std::vector<std::pair<std::uint32_t, std::uint32_t>> resolved;

    std::vector<std::uint32_t> threadIds;
    std::unordered_map<std::uint32_t, std::uint32_t> threadIndex;

    QueryAggregator aggregator;
    std::uint64_t longest = 0; // the longest interval, ns
    std::uint32_t longestLabel = 0;
    struct Raw
    {
        std::uint64_t start, end;
        std::uint32_t label, args;
        std::uint32_t thread;
        std::uint8_t kind;
        std::uint16_t depth;
    };
    std::vector<Raw> kept;
    const std::size_t cap = std::max<std::size_t>(options.maxKeptEvents, 2);
    // room for one past the cap, so that thinning never follows a reallocation (fresh pages are slow)
    if (options.keepEvents)
        kept.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, cap + 1)));
    std::vector<std::uint64_t> durations; // thinning's scratch, allocated once
    std::uint64_t keepFrom = 0;           // the shortest duration still kept, ns
    std::uint64_t droppedEvents = 0;
    // Raises the threshold until at most half the cap is kept: ties go together, so that nesting holds.
    auto thin = [&] {
        durations.resize(kept.size());
        for (std::size_t i = 0; i < kept.size(); ++i)
            durations[i] = kept[i].end - kept[i].start;
        auto mid = durations.begin() + std::ptrdiff_t(durations.size() / 2);
        std::nth_element(durations.begin(), mid, durations.end());
        keepFrom = *mid + 1;
        const auto before = kept.size();
        std::erase_if(kept, [&](const Raw& e) { return e.end - e.start < keepFrom; });
        droppedEvents += before - kept.size();
    };
    const unsigned char* residentEnd = base + size; // events past it are released
    std::string scratchText;
    unsigned char scratch[32];
    std::uint64_t lastKindId = ~0ull;
    ProfileEventKind lastKind = ProfileEventKind::Other;
    std::uint32_t lastKindIndex = 0;
    std::uint32_t lastThread = ~0u;
    std::uint32_t lastThreadIndex = 0;
    for (std::uint64_t n = count; n-- > 0;) {
        if ((n & 0xFFFF) == 0) {
            if (n + 1 < count) { // the events after this one are read (backwards, from the file's end)
                const unsigned char* next = events.at(8 + (n + 1) * record, record, scratch);
                if (next != scratch && next + record < residentEnd) {
                    release(next + record, residentEnd);
                    residentEnd = next + record;
                }
            }
            progress.setFraction(0.05 + 0.85 * double(count - n) / double(count));
            if (progress.cancelled()) {
                return stopped();
            }
        }
        const unsigned char* r = events.at(8 + n * record, record, scratch);
        std::uint64_t kindId, eventId;
        std::uint32_t threadId, p1, p2, upper;
        if (wide) {
            kindId = le64(r);
            eventId = le64(r + 8);
            threadId = le32(r + 16);
            p1 = le32(r + 20);
            p2 = le32(r + 24);
            upper = le32(r + 28);
        } else {
            kindId = le32(r);
            eventId = le32(r + 4);
            threadId = le32(r + 8);
            p1 = le32(r + 12);
            p2 = le32(r + 16);
            upper = le32(r + 20);
        }
        const std::uint64_t value1 = p1 | (std::uint64_t(upper & 0xFFFF0000u) << 16);
        const std::uint64_t value2 = p2 | (std::uint64_t(upper & 0x0000FFFFu) << 32);

        if (kindId != lastKindId) {
            auto it = kindOf.find(kindId);
            if (it == kindOf.end()) {
                const std::string name = strings.text(kindId);
                it = kindOf.emplace(kindId, profileEventKindFromName(name.data(), name.size())).first;
                kindIndexOf[kindId] = static_cast<std::uint32_t>(kindNames.size());
                kindNames.push_back(name);
            }
            lastKindId = kindId;
            lastKind = it->second;
            lastKindIndex = kindIndexOf[kindId];
        }
        if (threadId != lastThread) {
            auto [it, inserted] =
                threadIndex.try_emplace(threadId, static_cast<std::uint32_t>(threadIds.size()));
            if (inserted)
                threadIds.push_back(threadId);
            lastThread = threadId;
            lastThreadIndex = it->second;
        }

        std::pair<std::uint32_t, std::uint32_t> ids{0, 0};
        // query invocations use dense virtual ids: each one's position in `resolved` is kept in its slot
        std::uint32_t* slot = strings.slot(eventId);
        if (slot && (*slot & StringTable::kResolved)) {
            ids = resolved[*slot & ~StringTable::kResolved];
        } else if (const std::uint64_t addr = strings.address(eventId); idCache.count(addr)) {
            const std::uint32_t at = idCache[addr];
            ids = resolved[at];
            if (slot)
                *slot = at | StringTable::kResolved;
        } else {
            scratchText.clear();
            if (addr == ~0ull || !strings.appendAt(addr, scratchText))
                scratchText = "<unknown>";
            const std::size_t sep = scratchText.find(kArgSeparator);
            if (sep == std::string::npos) {
                ids.first = labels.intern(scratchText);
            } else {
                ids.first = labels.intern(scratchText.substr(0, sep));
                if (options.keepEvents) {
                    std::string a = scratchText.substr(sep + 1);
                    std::replace(a.begin(), a.end(), kArgSeparator, ' ');
                    ids.second = args.intern(a);
                }
            }
            const auto at = static_cast<std::uint32_t>(resolved.size());
            resolved.push_back(ids);
            idCache.emplace(addr, at);
            if (slot)
                *slot = at | StringTable::kResolved;
        }

        if (value2 == kInstantMarker) {
            ++profile->instantEvents;
            aggregator.addInstant(lastKind, ids.first);
        } else if (value2 == kIntegerMarker) {
            ++profile->integerEvents;
            aggregator.addInteger(lastKind, ids.first, value1);
        } else {
            ++profile->intervalEvents;
            if (value2 < value1) {
                return fail(tr("event %1 ends before it starts (a corrupt file)").arg(n),
                            static_cast<qint64>(8 + n * record));
            }
            if (value2 - value1 > longest) {
                longest = value2 - value1;
                longestLabel = ids.first;
            }
            const int depth = aggregator.addInterval(threadId, {value1, value2, ids.first, lastKind});
            if (options.keepEvents && value2 - value1 < keepFrom) {
                ++droppedEvents;
            } else if (options.keepEvents) {
                kept.push_back({value1, value2, ids.first, ids.second, lastThreadIndex,
                                static_cast<std::uint8_t>(std::min<std::uint32_t>(lastKindIndex, 255)),
                                static_cast<std::uint16_t>(std::min(depth, 65535))});
                if (kept.size() > cap)
                    thin();
            }
        }
    }
    profile->summary = aggregator.finish(labels.texts());
    // possible in principle, but no rustc invocation runs for a day: a damaged time stamp, most likely
    constexpr std::uint64_t kDayNs = 24ULL * 3600 * 1'000'000'000;
    if (longest > kDayNs)
        profile->warnings << tr("an event lasts %1 h (%2): no compilation runs that long, so its times are "
                                "probably damaged, and so are the totals it counts in")
                                 .arg(double(longest) / 3.6e12, 0, 'f', 1)
                                 .arg(longestLabel < labels.texts().size()
                                          ? QString::fromStdString(labels.texts()[longestLabel])
                                          : QStringLiteral("?"));
    if (droppedEvents > 0)
        profile->warnings
            << tr("%L1 of the %L2 timed events are kept for the flame graph and the Threads tab: "
                  "the %L3 shorter than %4 count in their callers' time there. The query table "
                  "counts every event.")
                   .arg(qulonglong(kept.size()))
                   .arg(qulonglong(profile->intervalEvents))
                   .arg(qulonglong(droppedEvents))
                   .arg(formatNanoseconds(std::int64_t(keepFrom)));
    progress.setFraction(0.92);

    // threads in ascending id order, events grouped by thread, parents before children
    std::vector<std::uint32_t> order(threadIds.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return threadIds[a] < threadIds[b]; });
    std::vector<std::uint16_t> rank(threadIds.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        rank[order[i]] = static_cast<std::uint16_t>(i);
        profile->threadIds.push_back(threadIds[order[i]]);
    }
    for (const std::string& k : kindNames)
        profile->kinds << QString::fromStdString(k);
    if (options.keepEvents) {
        for (Raw& e : kept)
            e.thread = rank[e.thread];
        std::sort(kept.begin(), kept.end(), [](const Raw& a, const Raw& b) {
            if (a.thread != b.thread)
                return a.thread < b.thread;
            if (a.start != b.start)
                return a.start < b.start;
            return a.depth < b.depth;
        });
        if (progress.cancelled()) {
            return stopped();
        }
        progress.setFraction(0.96);
        ProfileIntervals& iv = profile->intervals;
        const std::size_t k = kept.size();
        iv.start.resize(k);
        iv.end.resize(k);
        iv.label.resize(k);
        iv.args.resize(k);
        iv.thread.resize(k);
        iv.kind.resize(k);
        iv.depth.resize(k);
        iv.threadBegin.assign(threadIds.size() + 1, 0);
        for (std::size_t i = 0; i < k; ++i) {
            const Raw& e = kept[i];
            iv.start[i] = e.start;
            iv.end[i] = e.end;
            iv.label[i] = e.label;
            iv.args[i] = e.args ? e.args + static_cast<std::uint32_t>(labels.texts().size()) - 1 : 0;
            iv.thread[i] = static_cast<std::uint16_t>(e.thread);
            iv.kind[i] = e.kind;
            iv.depth[i] = e.depth;
            ++iv.threadBegin[e.thread + 1];
        }
        for (std::size_t t = 1; t < iv.threadBegin.size(); ++t)
            iv.threadBegin[t] += iv.threadBegin[t - 1];
        std::vector<Raw>().swap(kept);
        if (progress.cancelled()) {
            return stopped();
        }
        // labels first, then arguments (offset so that 0 stays "none")
        profile->strings.reserve(static_cast<qsizetype>(labels.texts().size() + args.texts().size()));
        for (const std::string& s : labels.texts())
            profile->strings << QString::fromStdString(s);
        for (std::size_t i = 1; i < args.texts().size(); ++i)
            profile->strings << QString::fromStdString(args.texts()[i]);
    }
    std::uint64_t unknown = 0;
    for (const QueryStats& q : profile->summary.queries)
        if (q.label == QLatin1String("<unknown>"))
            unknown = q.invocations;
    if (unknown > 0)
        profile->warnings << tr("%1 events have no label (<unknown>): rustc names queries only at exit, so "
                                "late or interrupted ones stay unnamed")
                                 .arg(unknown);
    progress.setFraction(1.0);
    return std::shared_ptr<const SelfProfile>(std::move(profile));
}

} // namespace bl
