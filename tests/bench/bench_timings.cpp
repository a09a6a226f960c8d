// Benchmarks (QBENCHMARK; not run by ctest): importing, analysing and summarising a 5,000-unit report, the
// `buildlens summary` process as a whole, and a full repaint of the timeline at 5,000 units.
#include "../TestData.h"
#include "SyntheticTimings.h"
#include "TimelineView.h"
#include "report/SummaryReport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QScrollBar>
#include <QTemporaryDir>

using namespace bl;

class BenchTimings : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void importHtml5000();
    void analyse5000();
    void summaryJson5000();
    void summaryProcess5000();
    void timelineRepaint5000();
    void timelineRepaintZoomed5000();

private:
    QTemporaryDir m_dir;
    QString m_file;
    QByteArray m_data;
    std::shared_ptr<const TimingsRun> m_run;
};

void BenchTimings::initTestCase()
{
    QFile f(test::dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    m_data = bench::repeatReport(f.readAll(), 125);
    m_file = m_dir.filePath(QStringLiteral("report-5000.html"));
    QFile out(m_file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(m_data);
    out.close();
    Progress progress;
    const auto r = importTimingsFile(m_file, progress);
    QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
    m_run = r.value();
    QCOMPARE(m_run->units.size(), std::size_t(5000));
    qInfo("synthetic report: %lld bytes, %zu units, critical path %zu units", qlonglong(m_data.size()),
          m_run->units.size(), observedCriticalPath(*m_run).units.size());
}

void BenchTimings::importHtml5000()
{
    QBENCHMARK
    {
        Progress progress;
        const auto r = importTimingsData(m_file, m_data, progress);
        QVERIFY(r);
    }
}

void BenchTimings::analyse5000()
{
    QBENCHMARK
    {
        const auto a = analyse(m_run);
        QVERIFY(a->critical.units.size() > 100);
    }
}

void BenchTimings::summaryJson5000()
{
    const auto a = analyse(m_run);
    QBENCHMARK
    {
        const std::string json = timingsSummaryJson(*a, m_file);
        QVERIFY(json.size() > 1000000);
    }
}

void BenchTimings::summaryProcess5000()
{
    // the whole `buildlens summary FILE --json` process, start to exit, output discarded
    QBENCHMARK
    {
        QProcess p;
        p.setStandardOutputFile(QProcess::nullDevice());
        p.start(QStringLiteral(BUILDLENS_EXE), {QStringLiteral("summary"), m_file, QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
    }
}

void BenchTimings::timelineRepaint5000()
{
    TimelineView view;
    view.resize(1280, 800);
    view.setAnalysis(analyse(m_run));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
    QBENCHMARK
    {
        view.viewport()->repaint();
    }
}

void BenchTimings::timelineRepaintZoomed5000()
{
    TimelineView view;
    view.resize(1280, 800);
    view.setAnalysis(analyse(m_run));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.zoomBy(50);
    view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->maximum() / 2);
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
    QBENCHMARK
    {
        view.viewport()->repaint();
    }
}

QTEST_MAIN(BenchTimings)
#include "bench_timings.moc"
