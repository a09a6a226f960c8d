// Benchmarks (QBENCHMARK; not run by ctest): diff of two 5,000-unit timings runs (the bundled clean and
// release reports each repeated 125 times with the units of each copy renamed, see SyntheticTimings.h) and of
// two synthetic binaries of 500,000 functions each (10 % of them resized, 1 % replaced by other
// instantiations).
#include "SyntheticTimings.h"
#include "analysis/RunDiff.h"
#include "import/AnyImporter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace bl;

class BenchDiff : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void timings5000();
    void sizes500k();

private:
    std::shared_ptr<const TimingsAnalysis> m_a, m_b;
    std::shared_ptr<const SizeReport> m_sizeA, m_sizeB;
};

static std::shared_ptr<const TimingsAnalysis> repeated(const QString& file, QTemporaryDir& dir,
                                                       const QString& name)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return nullptr;
    QFile out(dir.filePath(name));
    if (!out.open(QIODevice::WriteOnly))
        return nullptr;
    out.write(bench::repeatReport(f.readAll(), 125));
    out.close();
    Progress progress;
    const auto r = importAny(out.fileName(), progress);
    return r && r.value()->timings ? analyse(r.value()->timings) : nullptr;
}

static std::shared_ptr<const SizeReport> synthetic(std::uint32_t seed, bool variant)
{
    auto r = std::make_shared<SizeReport>();
    r->source = QStringLiteral("elf");
    std::mt19937 rng(1);
    std::mt19937 change(seed);
    for (int i = 0; i < 500000; ++i) {
        FunctionSize f;
        f.crate = QStringLiteral("crate%1").arg(rng() % 40);
        f.name = QStringLiteral("%1::module%2::function%3<T%4>")
                     .arg(f.crate)
                     .arg(rng() % 50)
                     .arg(i)
                     .arg(rng() % 7);
        f.size = 16 + rng() % 4000;
        f.copies = 1;
        if (variant && change() % 10 == 0)
            f.size += change() % 200;
        if (variant && change() % 100 == 0)
            f.name += QStringLiteral("::{{closure}}");
        r->textSize += f.size;
        r->functions.push_back(std::move(f));
    }
    return r;
}

void BenchDiff::initTestCase()
{
    QTemporaryDir dir;
    m_a = repeated(QStringLiteral(BUILDLENS_TEST_DATA "/timings/stable-1.95/dev-clean.html"), dir,
                   QStringLiteral("a.html"));
    m_b = repeated(QStringLiteral(BUILDLENS_TEST_DATA "/timings/stable-1.95/release-clean.html"), dir,
                   QStringLiteral("b.html"));
    QVERIFY(m_a && m_b);
    qInfo("timings: %zu and %zu units", m_a->run->units.size(), m_b->run->units.size());
    m_sizeA = synthetic(1, false);
    m_sizeB = synthetic(2, true);
}

void BenchDiff::timings5000()
{
    std::size_t changed = 0;
    QBENCHMARK
    {
        changed = diffTimings(m_a, m_b).changed.size();
    }
    QVERIFY(changed >= 5000);
}

void BenchDiff::sizes500k()
{
    std::size_t functions = 0;
    QBENCHMARK
    {
        functions = diffSizes(m_sizeA, m_sizeB).functions.size();
    }
    QVERIFY(functions > 40000);
}

QTEST_GUILESS_MAIN(BenchDiff)
#include "bench_diff.moc"
