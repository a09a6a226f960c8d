// Exports and reports: a timeline of 400 units (ten copies of the sample build) as PNG, SVG and a paginated
// PDF, and the whole report of a real build in HTML, PDF and Markdown. Run by hand; figures go into notes.
#include "SyntheticTimings.h"
#include "TimelineView.h"
#include "ViewExport.h"
#include "analysis/TimingsAnalysis.h"
#include "import/AnyImporter.h"
#include "import/TimingsImporters.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace bl;

namespace {

std::shared_ptr<const TimingsAnalysis> bigBuild(const QTemporaryDir& dir)
{
    QFile in(QStringLiteral(BUILDLENS_TEST_DATA "/timings/stable-1.95/dev-clean.html"));
    in.open(QIODevice::ReadOnly);
    const QString path = dir.filePath(QStringLiteral("big.html"));
    QFile out(path);
    out.open(QIODevice::WriteOnly);
    out.write(bench::repeatReport(in.readAll(), 10));
    out.close();
    Progress progress;
    const auto r = importAny(path, progress);
    if (!r)
        qFatal("%s", qPrintable(r.error().toString()));
    return analyse(r.value()->timings);
}

} // namespace

class BenchExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_build = bigBuild(m_dir);
        m_view.resize(1600, 800);
        m_view.setAnalysis(m_build);
        qInfo("%d units", int(m_build->run->units.size()));
    }
    void timeline_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("page");
        QTest::newRow("png") << QStringLiteral("t.png") << QString();
        QTest::newRow("png 2x") << QStringLiteral("t2.png") << QStringLiteral("2x");
        QTest::newRow("svg") << QStringLiteral("t.svg") << QString();
        QTest::newRow("pdf a4") << QStringLiteral("t.pdf") << QStringLiteral("a4");
    }
    void timeline()
    {
        QFETCH(QString, file);
        QFETCH(QString, page);
        ExportOptions options;
        if (page == QLatin1String("2x"))
            options.scale = 2;
        else
            options.page = page;
        const Figure figure =
            timelineFigure(m_view, QStringLiteral("big build"), QStringLiteral("big.html"), {});
        QString error;
        QBENCHMARK
        {
            if (writeFigure(figure, m_dir.filePath(file), options, error).isEmpty())
                qFatal("%s", qPrintable(error));
        }
    }
    void report_data()
    {
        QTest::addColumn<QString>("out");
        QTest::newRow("html") << QStringLiteral("r.html");
        QTest::newRow("pdf") << QStringLiteral("r.pdf");
        QTest::newRow("md") << QStringLiteral("r.md");
    }
    void report()
    {
        // the whole command, as CI runs it: import, analysis, findings, charts, file
        QFETCH(QString, out);
        const QString data = QStringLiteral(BUILDLENS_TEST_DATA);
        QBENCHMARK
        {
            QProcess p;
            p.start(
                QStringLiteral(BUILDLENS_EXE),
                {QStringLiteral("report"), data + QStringLiteral("/timings/nightly-1.97/dev-clean-bfd.html"),
                 data + QStringLiteral("/binary/textstat"),
                 data + QStringLiteral("/self-profile/fnv-0012953.mm_profdata"), QStringLiteral("--compare"),
                 data + QStringLiteral("/timings/nightly-1.97/dev-clean-lld.html"), QStringLiteral("--out"),
                 m_dir.filePath(out)});
            p.waitForFinished(60000);
            if (p.exitCode() != 0)
                qFatal("%s", p.readAllStandardError().constData());
        }
    }

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const TimingsAnalysis> m_build;
    TimelineView m_view;
};

QTEST_MAIN(BenchExport)
#include "bench_export.moc"
