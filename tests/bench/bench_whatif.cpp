// The what-if simulator on a 5,000-unit build (125 copies of the sample report, one after the other), so that
// a panel can schedule again while a slider moves: the replay, -j1, and a unit twice as fast. Run by hand;
// figures go into notes.
#include "SyntheticTimings.h"
#include "analysis/Schedule.h"
#include "import/Importer.h"
#include "import/TimingsImporters.h"

#include <QFile>
#include <QTest>

using namespace bl;

class BenchWhatIf : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QFile in(QStringLiteral(BUILDLENS_TEST_DATA "/timings/stable-1.95/dev-clean.html"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray html = bench::repeatReport(in.readAll(), 125);
        Progress progress;
        auto r = importTimingsData(QStringLiteral("big.html"), html, progress);
        QVERIFY(r);
        m_run = r.value();
        qInfo("%d units", int(m_run->units.size()));
    }
    void replay()
    {
        Schedule s;
        QBENCHMARK
        {
            s = simulate(*m_run);
        }
        QVERIFY(s.wallSeconds > 0);
    }
    void oneJob()
    {
        Scenario serial;
        serial.jobs = 1;
        Schedule s;
        QBENCHMARK
        {
            s = simulate(*m_run, serial);
        }
        QVERIFY(s.wallSeconds > 0);
    }
    void oneUnitFaster()
    {
        Scenario faster;
        faster.speed[int(m_run->units.size() / 2)] = 0.5;
        Schedule s;
        QBENCHMARK
        {
            s = simulate(*m_run, faster);
        }
        QVERIFY(s.wallSeconds > 0);
    }

private:
    std::shared_ptr<const TimingsRun> m_run;
};

QTEST_GUILESS_MAIN(BenchWhatIf)
#include "bench_whatif.moc"
