// Makes a large synthetic .mm_profdata from a real one: the same string table, and the real event stream
// repeated until the file reaches the size asked for, each copy shifted past the end of the one before. Every
// copy is a real rustc session's events, so the result has real event patterns (nesting, queries, threads)
// at any size; each query's totals are the original's times the number of copies.
//
// usage: grow_profile IN.mm_profdata OUT.mm_profdata SIZE_MB      (prints the number of copies written)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace {

std::uint32_t le32(const unsigned char* p)
{
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}

void put32(unsigned char* p, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        p[i] = static_cast<unsigned char>(v >> (8 * i));
}

constexpr std::uint64_t kInstant = 0xFFFF'FFFF'FFFFull, kInteger = 0xFFFF'FFFF'FFFEull;

struct Times
{
    std::uint64_t start, end;
};

Times timesOf(const unsigned char* r, std::size_t record)
{
    const unsigned char* t = r + record - 12;
    const std::uint32_t upper = le32(t + 8);
    return {le32(t) | (std::uint64_t(upper & 0xFFFF0000u) << 16),
            le32(t + 4) | (std::uint64_t(upper & 0x0000FFFFu) << 32)};
}

void setTimes(unsigned char* r, std::size_t record, Times v)
{
    unsigned char* t = r + record - 12;
    put32(t, static_cast<std::uint32_t>(v.start));
    put32(t + 4, static_cast<std::uint32_t>(v.end));
    put32(t + 8, static_cast<std::uint32_t>((v.start >> 16) & 0xFFFF0000u) |
                     static_cast<std::uint32_t>((v.end >> 32) & 0xFFFFu));
}

int fail(const char* what)
{
    std::fprintf(stderr, "grow_profile: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 4)
        return fail("usage: grow_profile IN.mm_profdata OUT.mm_profdata SIZE_MB");
    std::ifstream in(argv[1], std::ios::binary);
    const std::vector<unsigned char> file((std::istreambuf_iterator<char>(in)),
                                          std::istreambuf_iterator<char>());
    if (file.size() < 8 || std::memcmp(file.data(), "MMPD", 4) != 0)
        return fail("not a measureme profile");
    const std::uint32_t version = le32(file.data() + 4);
    if (version != 8 && version != 9)
        return fail("measureme format 8 or 9 only");
    const std::size_t record = version == 9 ? 32 : 24;

    std::vector<unsigned char> events;     // the event stream, header included
    std::vector<unsigned char> otherPages; // string data and index pages, verbatim
    for (std::size_t pos = 8; pos + 5 <= file.size();) {
        const std::uint32_t length = le32(file.data() + pos + 1);
        if (pos + 5 + length > file.size())
            return fail("truncated page");
        if (file[pos] == 0)
            events.insert(events.end(), file.begin() + long(pos) + 5, file.begin() + long(pos + 5 + length));
        else
            otherPages.insert(otherPages.end(), file.begin() + long(pos),
                              file.begin() + long(pos + 5 + length));
        pos += 5 + length;
    }
    if (events.size() < 8 || (events.size() - 8) % record != 0)
        return fail("no whole event stream");
    const std::size_t count = (events.size() - 8) / record;
    std::uint64_t first = ~0ull, last = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const Times t = timesOf(&events[8 + i * record], record);
        if (t.end == kInstant || t.end == kInteger)
            continue;
        first = std::min(first, t.start);
        last = std::max(last, t.end);
    }
    if (first > last)
        return fail("no interval events");
    const std::uint64_t span = last - first + 1'000'000; // 1 ms between sessions

    const double wanted = std::atof(argv[3]) * 1024 * 1024;
    const double perCopy = double(count * record);
    const auto copies =
        static_cast<std::uint64_t>(std::max(1.0, (wanted - double(otherPages.size()) - 16) / perCopy + 0.5));
    if (last + (copies - 1) * span >= (1ull << 48) - 2)
        return fail("too many copies for 48-bit time stamps");

    std::ofstream out(argv[2], std::ios::binary);
    out.write(reinterpret_cast<const char*>(file.data()), 8);
    out.write(reinterpret_cast<const char*>(otherPages.data()), std::streamsize(otherPages.size()));
    constexpr std::size_t kPage = 256 * 1024;
    std::vector<unsigned char> page;
    page.reserve(kPage + 5 + record);
    auto flush = [&] {
        if (page.size() <= 5)
            return;
        page[0] = 0;
        put32(&page[1], static_cast<std::uint32_t>(page.size() - 5));
        out.write(reinterpret_cast<const char*>(page.data()), std::streamsize(page.size()));
        page.assign(5, 0);
    };
    page.assign(5, 0);
    page.insert(page.end(), events.begin(), events.begin() + 8); // MMES header
    std::vector<unsigned char> r(record);
    for (std::uint64_t c = 0; c < copies; ++c) {
        for (std::size_t i = 0; i < count; ++i) {
            std::memcpy(r.data(), &events[8 + i * record], record);
            if (const Times t = timesOf(r.data(), record); t.end != kInstant && t.end != kInteger)
                setTimes(r.data(), record, {t.start + c * span, t.end + c * span});
            page.insert(page.end(), r.begin(), r.end());
            if (page.size() >= kPage)
                flush();
        }
    }
    flush();
    if (!out)
        return fail("cannot write the output");
    std::printf("%llu copies of %zu events: %llu events\n", static_cast<unsigned long long>(copies), count,
                static_cast<unsigned long long>(copies * count));
    return 0;
}
