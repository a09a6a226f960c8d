#include "RunDiff.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <map>

namespace bl {

QString unitMatchKey(const Unit& u)
{
    QStringList features = u.features;
    features.sort();
    return u.identity() + QLatin1Char('|') + features.join(QLatin1Char(','));
}

namespace {

bool recordsFeatures(const TimingsRun& run)
{
    return std::any_of(run.units.begin(), run.units.end(),
                       [](const Unit& u) { return !u.features.isEmpty(); });
}

// Pairs units of B with units of A that have the same key, in order of occurrence.
template <typename KeyFn>
void pairUnits(const TimingsRun& a, const TimingsRun& b, std::vector<int>& matchOfA,
               std::vector<int>& matchOfB, KeyFn key)
{
    QHash<QString, std::vector<int>> waiting; // key -> unmatched positions in A, in order
    for (int i = 0; i < int(a.units.size()); ++i)
        if (matchOfA[std::size_t(i)] < 0)
            waiting[key(a.units[std::size_t(i)])].push_back(i);
    QHash<QString, std::size_t> taken;
    for (int j = 0; j < int(b.units.size()); ++j) {
        if (matchOfB[std::size_t(j)] >= 0)
            continue;
        const QString k = key(b.units[std::size_t(j)]);
        const auto it = waiting.constFind(k);
        if (it == waiting.constEnd())
            continue;
        std::size_t& next = taken[k];
        if (next >= it->size())
            continue;
        const int i = (*it)[next++];
        matchOfA[std::size_t(i)] = j;
        matchOfB[std::size_t(j)] = i;
    }
}

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return v.empty() ? 0 : s / double(v.size());
}

double sampleSd(const std::vector<double>& v, double m)
{
    if (v.size() < 2)
        return 0;
    double s = 0;
    for (double x : v)
        s += (x - m) * (x - m);
    return std::sqrt(s / double(v.size() - 1));
}

// Continued fraction of the regularized incomplete beta function (modified Lentz), converging for
// x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double a, double b, double x)
{
    constexpr double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = 1 / (std::abs(d) < tiny ? tiny : d);
    double h = d;
    for (int m = 1; m <= 300; ++m) {
        const double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        d = 1 + num * d;
        d = 1 / (std::abs(d) < tiny ? tiny : d);
        c = 1 + num / c;
        c = std::abs(c) < tiny ? tiny : c;
        h *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        d = 1 + num * d;
        d = 1 / (std::abs(d) < tiny ? tiny : d);
        c = 1 + num / c;
        c = std::abs(c) < tiny ? tiny : c;
        const double step = d * c;
        h *= step;
        if (std::abs(step - 1) < 1e-14)
            break;
    }
    return h;
}

// I_x(a, b)
double regularizedBeta(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const double front =
        std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1) / (a + b + 2))
        return front * betaContinuedFraction(a, b, x) / a;
    return 1 - front * betaContinuedFraction(b, a, 1 - x) / b;
}

} // namespace

double welchPValue(double meanA, double sdA, int nA, double meanB, double sdB, int nB)
{
    if (nA < 2 || nB < 2)
        return 1;
    const double va = sdA * sdA / nA;
    const double vb = sdB * sdB / nB;
    const double se2 = va + vb;
    if (se2 <= 0)
        return meanA == meanB ? 1.0 : 0.0;
    const double t = (meanB - meanA) / std::sqrt(se2);
    const double df = se2 * se2 / (va * va / (nA - 1) + vb * vb / (nB - 1));
    // two-sided tail of Student's t with df degrees of freedom
    return regularizedBeta(df / 2, 0.5, df / (df + t * t));
}

TimingsDiff diffTimings(std::shared_ptr<const TimingsAnalysis> a, std::shared_ptr<const TimingsAnalysis> b)
{
    TimingsDiff d;
    d.a = a;
    d.b = b;
    const TimingsRun& ra = *a->run;
    const TimingsRun& rb = *b->run;
    std::vector<int> matchOfA(ra.units.size(), -1), matchOfB(rb.units.size(), -1);
    pairUnits(ra, rb, matchOfA, matchOfB, unitMatchKey);
    if (!recordsFeatures(ra) || !recordsFeatures(rb))
        pairUnits(ra, rb, matchOfA, matchOfB, [](const Unit& u) { return u.identity(); });

    auto critical = [](const TimingsAnalysis& t, int i) {
        return i >= 0 && std::size_t(i) < t.onCriticalPath.size() && t.onCriticalPath[std::size_t(i)] != 0;
    };
    for (int j = 0; j < int(rb.units.size()); ++j) {
        const int i = matchOfB[std::size_t(j)];
        if (i < 0) {
            d.added.push_back(j);
            continue;
        }
        const Unit& ua = ra.units[std::size_t(i)];
        const Unit& ub = rb.units[std::size_t(j)];
        d.changed.push_back({i, j, ua.duration, ub.duration, ua.start, ub.start, critical(*a, i),
                             critical(*b, j), ua.fresh, ub.fresh});
        if (ua.fresh && !ub.fresh)
            d.rebuilt.push_back(j);
        else if (!ua.fresh && ub.fresh)
            d.nowFresh.push_back(j);
    }
    for (int i = 0; i < int(ra.units.size()); ++i)
        if (matchOfA[std::size_t(i)] < 0)
            d.removed.push_back(i);
    std::stable_sort(d.changed.begin(), d.changed.end(), [](const UnitChange& x, const UnitChange& y) {
        return std::abs(x.delta()) > std::abs(y.delta());
    });
    auto longestFirst = [](const TimingsRun& run) {
        return [&run](int x, int y) {
            return run.units[std::size_t(x)].duration > run.units[std::size_t(y)].duration;
        };
    };
    std::stable_sort(d.added.begin(), d.added.end(), longestFirst(rb));
    std::stable_sort(d.removed.begin(), d.removed.end(), longestFirst(ra));
    std::stable_sort(d.rebuilt.begin(), d.rebuilt.end(), longestFirst(rb));

    d.wallA = a->summary.wallSeconds;
    d.wallB = b->summary.wallSeconds;
    d.criticalA = a->critical.seconds;
    d.criticalB = b->critical.seconds;
    for (int j : b->critical.units)
        if (!critical(*a, matchOfB[std::size_t(j)]))
            d.joinedCriticalPath.push_back(j);
    for (int i : a->critical.units)
        if (!critical(*b, matchOfA[std::size_t(i)]))
            d.leftCriticalPath.push_back(i);
    return d;
}

TimingsSetDiff diffWallTimes(const std::vector<double>& a, const std::vector<double>& b, double alpha,
                             double minSeconds)
{
    TimingsSetDiff d;
    d.alpha = alpha;
    d.runsA = int(a.size());
    d.runsB = int(b.size());
    d.wallMeanA = mean(a);
    d.wallMeanB = mean(b);
    d.wallSdA = sampleSd(a, d.wallMeanA);
    d.wallSdB = sampleSd(b, d.wallMeanB);
    d.wallPValue = welchPValue(d.wallMeanA, d.wallSdA, d.runsA, d.wallMeanB, d.wallSdB, d.runsB);
    d.wallSignificant = d.wallPValue < alpha && std::abs(d.wallMeanB - d.wallMeanA) > minSeconds;
    return d;
}

TimingsSetDiff diffTimingsSets(const std::vector<std::shared_ptr<const TimingsRun>>& a,
                               const std::vector<std::shared_ptr<const TimingsRun>>& b, double alpha,
                               double minSeconds)
{
    TimingsSetDiff d;
    d.alpha = alpha;
    d.runsA = int(a.size());
    d.runsB = int(b.size());
    struct Samples
    {
        QString label;
        std::vector<double> a, b;
    };
    std::map<QString, Samples> byKey; // ordered, so that equal changes come out in a stable order
    std::vector<double> wallA, wallB;
    auto collect = [&](const std::vector<std::shared_ptr<const TimingsRun>>& runs, bool sideA) {
        for (const auto& run : runs) {
            (sideA ? wallA : wallB).push_back(run->totalSeconds());
            QHash<QString, int> seen; // the n-th unit with one key matches the n-th of the other runs
            for (const Unit& u : run->units) {
                QString key = unitMatchKey(u);
                const int n = seen[key]++;
                if (n > 0)
                    key += QStringLiteral("#%1").arg(n + 1);
                Samples& s = byKey[key];
                if (s.label.isEmpty())
                    s.label = u.label();
                (sideA ? s.a : s.b).push_back(u.duration);
            }
        }
    };
    collect(a, true);
    collect(b, false);
    const TimingsSetDiff walls = diffWallTimes(wallA, wallB, alpha, minSeconds);
    d.wallMeanA = walls.wallMeanA;
    d.wallMeanB = walls.wallMeanB;
    d.wallSdA = walls.wallSdA;
    d.wallSdB = walls.wallSdB;
    d.wallPValue = walls.wallPValue;
    d.wallSignificant = walls.wallSignificant;
    for (auto& [key, s] : byKey) {
        UnitStats u;
        u.key = key;
        u.label = s.label;
        u.runsA = int(s.a.size());
        u.runsB = int(s.b.size());
        u.meanA = mean(s.a);
        u.meanB = mean(s.b);
        u.sdA = sampleSd(s.a, u.meanA);
        u.sdB = sampleSd(s.b, u.meanB);
        u.pValue = welchPValue(u.meanA, u.sdA, u.runsA, u.meanB, u.sdB, u.runsB);
        u.significant = u.pValue < alpha && std::abs(u.delta()) > minSeconds;
        d.units.push_back(std::move(u));
    }
    std::stable_sort(d.units.begin(), d.units.end(), [](const UnitStats& x, const UnitStats& y) {
        if (x.significant != y.significant)
            return x.significant;
        return std::abs(x.delta()) > std::abs(y.delta());
    });
    return d;
}

ProfileDiff diffProfiles(std::shared_ptr<const SelfProfile> a, std::shared_ptr<const SelfProfile> b)
{
    ProfileDiff d;
    d.a = a;
    d.b = b;
    d.totalA = a->summary.totalTime;
    d.totalB = b->summary.totalTime;
    QHash<QString, std::size_t> index;
    auto row = [&](const QString& label) -> QueryChange& {
        auto it = index.constFind(label);
        if (it == index.constEnd()) {
            it = index.insert(label, d.queries.size());
            d.queries.push_back({});
            d.queries.back().label = label;
        }
        return d.queries[*it];
    };
    for (const QueryStats& q : a->summary.queries) {
        QueryChange& c = row(q.label);
        c.a = q;
        c.inA = true;
    }
    for (const QueryStats& q : b->summary.queries) {
        QueryChange& c = row(q.label);
        c.b = q;
        c.inB = true;
    }
    std::stable_sort(d.queries.begin(), d.queries.end(), [](const QueryChange& x, const QueryChange& y) {
        return std::llabs(x.selfTimeDelta()) > std::llabs(y.selfTimeDelta());
    });
    return d;
}

namespace {

// The crate a function's bytes count under: cargo-bloat's name for a symbol of no known crate.
QString crateKey(const QString& crate)
{
    return crate.isEmpty() ? unknownCrate() : crate;
}

} // namespace

SizeDiff diffSizes(std::shared_ptr<const SizeReport> a, std::shared_ptr<const SizeReport> b)
{
    SizeDiff d;
    d.a = a;
    d.b = b;
    d.lines = a->isLlvmLines() && b->isLlvmLines();
    d.totalA = d.lines ? a->totalLines : a->textSize;
    d.totalB = d.lines ? b->totalLines : b->textSize;
    if (!d.lines && a->fileSize > 0 && b->fileSize > 0) {
        d.fileSizeA = a->fileSize;
        d.fileSizeB = b->fileSize;
    }

    QHash<QString, std::size_t> crateIndex;
    auto crate = [&](const QString& name) -> CrateChange& {
        auto it = crateIndex.constFind(name);
        if (it == crateIndex.constEnd()) {
            it = crateIndex.insert(name, d.crates.size());
            d.crates.push_back({name, 0, 0, 0, 0, 0, 0});
        }
        return d.crates[*it];
    };
    // cargo-bloat's functions mode lists no crates: they are summed from the functions then
    auto addCrates = [&](const SizeReport& r, bool sideA) {
        auto add = [&](const QString& name, std::uint64_t size, std::uint64_t symbols) {
            CrateChange& x = crate(name);
            (sideA ? x.sizeA : x.sizeB) += size;
            (sideA ? x.symbolsA : x.symbolsB) += symbols;
        };
        if (!r.crates.empty() || r.isLlvmLines()) {
            for (const CrateSize& c : r.crates)
                add(c.name, c.size, c.symbols);
        } else {
            for (const FunctionSize& f : r.functions)
                add(crateKey(f.crate), f.size, 1);
        }
    };
    addCrates(*a, true);
    addCrates(*b, false);

    // Half a million functions a side: an open-addressing table of indexes into d.functions, with each
    // entry's hash kept beside it, so that no key is built and a probe rarely compares strings.
    const std::size_t total = a->functions.size() + b->functions.size();
    std::size_t capacity = 16;
    while (capacity < total * 2)
        capacity <<= 1;
    std::vector<std::int32_t> table(capacity, -1);
    std::vector<std::size_t> hashes;
    hashes.reserve(total);
    d.functions.reserve(total);
    auto function = [&](const FunctionSize& f) -> FunctionChange& {
        const std::size_t h = qHash(f.name, qHash(f.crate));
        for (std::size_t i = h & (capacity - 1);; i = (i + 1) & (capacity - 1)) {
            const std::int32_t at = table[i];
            if (at < 0) {
                table[i] = std::int32_t(d.functions.size());
                hashes.push_back(h);
                d.functions.push_back({f.crate, f.name, 0, 0, 0, 0, {}, {}});
                return d.functions.back();
            }
            FunctionChange& c = d.functions[std::size_t(at)];
            if (hashes[std::size_t(at)] == h && c.name == f.name && c.crate == f.crate)
                return c;
        }
    };
    for (const FunctionSize& f : a->functions) {
        FunctionChange& x = function(f);
        x.sizeA += f.size;
        x.copiesA += std::max<std::uint64_t>(f.copies, 1);
    }
    for (const FunctionSize& f : b->functions) {
        FunctionChange& x = function(f);
        x.sizeB += f.size;
        x.copiesB += std::max<std::uint64_t>(f.copies, 1);
    }
    // A function only in A under one crate and only in B under another is one function that moved: the
    // crates are attributed per build (which rlib exports it, who instantiated a generic), the code is the
    // same.
    QHash<QString, std::vector<std::size_t>> gone, appeared;
    for (std::size_t i = 0; i < d.functions.size(); ++i) {
        const FunctionChange& f = d.functions[i];
        if (f.removed())
            gone[f.name].push_back(i);
        else if (f.added())
            appeared[f.name].push_back(i);
    }
    std::vector<char> drop(d.functions.size(), 0);
    for (auto it = gone.cbegin(); it != gone.cend(); ++it) {
        const auto to = appeared.constFind(it.key());
        // one crate lost it whole and one gained it: the same function (its size may have changed too);
        // copies spread over several crates are judged by their totals below
        if (to == appeared.cend() || it->size() != 1 || to->size() != 1)
            continue;
        const FunctionChange from = d.functions[it->front()];
        FunctionChange& into = d.functions[to->front()];
        into.sizeA = from.sizeA;
        into.copiesA = from.copiesA;
        into.movedFrom = crateKey(from.crate);
        crate(into.movedFrom).movedOut += from.sizeA;
        crate(crateKey(into.crate)).movedIn += into.sizeB;
        drop[it->front()] = 1;
        ++d.moved;
    }
    // The copies of one function spread over crates differently, its total unchanged: all of it moves.
    struct Totals
    {
        std::uint64_t sizeA = 0, sizeB = 0, copiesA = 0, copiesB = 0;
        std::vector<std::size_t> rows;
    };
    QHash<QString, Totals> byName;
    for (std::size_t i = 0; i < d.functions.size(); ++i) {
        if (drop[i])
            continue;
        const FunctionChange& f = d.functions[i];
        Totals& t = byName[f.name];
        t.sizeA += f.sizeA;
        t.sizeB += f.sizeB;
        t.copiesA += f.copiesA;
        t.copiesB += f.copiesB;
        t.rows.push_back(i);
    }
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        const Totals& t = *it;
        if (t.rows.size() < 2 || t.sizeA != t.sizeB || t.copiesA != t.copiesB)
            continue;
        QStringList gainers, losers;
        for (std::size_t i : t.rows) {
            const FunctionChange& f = d.functions[i];
            if (f.moved()) // already one function moved whole from one crate to another
                continue;
            if (f.delta() > 0 || (f.delta() == 0 && f.copiesB > f.copiesA))
                gainers << f.crate;
            else if (f.delta() < 0 || f.copiesB < f.copiesA)
                losers << f.crate;
        }
        if (gainers.isEmpty() || losers.isEmpty())
            continue;
        for (std::size_t i : t.rows) {
            FunctionChange& f = d.functions[i];
            if (f.moved())
                continue;
            const std::int64_t delta = f.delta();
            if (delta > 0 || (delta == 0 && f.copiesB > f.copiesA)) {
                f.movedFrom = losers.join(QStringLiteral(", "));
                crate(crateKey(f.crate)).movedIn += std::uint64_t(delta);
            } else if (delta < 0 || f.copiesB < f.copiesA) {
                f.movedTo = gainers.join(QStringLiteral(", "));
                crate(crateKey(f.crate)).movedOut += std::uint64_t(-delta);
            }
            if (!f.movedFrom.isEmpty() || !f.movedTo.isEmpty())
                ++d.moved;
        }
    }
    std::size_t keep = 0;
    for (std::size_t i = 0; i < d.functions.size(); ++i) {
        const FunctionChange& f = d.functions[i];
        if (drop[i] || (!f.moved() && f.sizeA == f.sizeB && f.copiesA == f.copiesB))
            continue;
        if (keep != i)
            d.functions[keep] = std::move(d.functions[i]);
        ++keep;
    }
    d.functions.resize(keep);
    std::stable_sort(d.functions.begin(), d.functions.end(),
                     [](const FunctionChange& x, const FunctionChange& y) {
                         return std::llabs(x.delta()) > std::llabs(y.delta());
                     });
    std::stable_sort(d.crates.begin(), d.crates.end(), [](const CrateChange& x, const CrateChange& y) {
        return std::llabs(x.delta()) > std::llabs(y.delta());
    });
    return d;
}

} // namespace bl
