// Benchmarks (QBENCHMARK; not run by ctest) of the .mm_profdata reader. Point BUILDLENS_BENCH_PROFILE at a
// big profile (tests/bench/make-large-profile.sh makes a ~50 MB one); without it the bundled 1.5 MB profile
// is used. The side-by-side comparison with measureme's own `summarize` is tests/bench/compare-summarize.sh.
#include "../TestData.h"
#include "analysis/ProfileTree.h"
#include "import/MmProfdataImporter.h"

using namespace bl;

class BenchSelfProfile : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void summaryOnly();
    void withEvents();
    void flameTree();

private:
    QString m_path;
};

void BenchSelfProfile::initTestCase()
{
    m_path = qEnvironmentVariable("BUILDLENS_BENCH_PROFILE");
    if (m_path.isEmpty())
        m_path = test::dataPath(QStringLiteral("self-profile/v8/smallvec-0026733.mm_profdata"));
    Progress progress;
    const auto r = importMmProfdata(m_path, progress);
    QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
    qInfo("%s: %llu events, %zu threads, %zu labels", qPrintable(m_path), qulonglong(r.value()->eventCount),
          r.value()->threadIds.size(), r.value()->summary.queries.size());
}

void BenchSelfProfile::summaryOnly()
{
    ProfileImportOptions options;
    options.keepEvents = false;
    QBENCHMARK
    {
        Progress progress;
        QVERIFY(importMmProfdata(m_path, progress, options));
    }
}

void BenchSelfProfile::withEvents()
{
    QBENCHMARK
    {
        Progress progress;
        QVERIFY(importMmProfdata(m_path, progress));
    }
}

void BenchSelfProfile::flameTree()
{
    Progress progress;
    const auto profile = importMmProfdata(m_path, progress).value();
    QBENCHMARK
    {
        const ProfileTree tree = buildProfileTree(*profile);
        QVERIFY(tree.size() > 1);
    }
}

QTEST_GUILESS_MAIN(BenchSelfProfile)
#include "bench_selfprofile.moc"
