// The window as a user drives it: open a file (by argument, by drop), see it; open a broken file, get a
// message naming it while the previous run stays; cancel a long import; the recent-files list remembers.
#include "ImportController.h"
#include "MainWindow.h"
#include "TestData.h"
#include "TimelineView.h"
#include "bench/SyntheticTimings.h"

#include <QApplication>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace bl;
using namespace bl::test;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void openShowsTheRun();
    void brokenFileKeepsThePreviousRun();
    void dropOpensTheFile();
    void cancelLongImport();
    void recentFiles();
};

void TestMainWindow::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BuildLens-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
}

void TestMainWindow::openShowsTheRun()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    w.openFile(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(imported.wait(10000));
    QVERIFY(w.timeline()->analysis());
    QCOMPARE(w.timeline()->analysis()->run->units.size(), std::size_t(40));
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("dev-clean.html")));
}

void TestMainWindow::brokenFileKeepsThePreviousRun()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    QSignalSpy failed(w.importer(), &ImportController::failed);
    w.openFile(dataPath(QStringLiteral("timings/stable-1.95/release-clean.html")));
    QVERIFY(imported.wait(10000));
    const auto before = w.timeline()->analysis();
    const QString bad = dataPath(QStringLiteral("other/metadata.json"));
    w.openFile(bad);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).toString(), bad);
    QVERIFY(failed.first().at(1).toString().contains(bad));
    QVERIFY(!failed.first().at(2).toBool());
    QCOMPARE(w.timeline()->analysis(), before); // still showing the good run
    auto* box = w.findChild<QMessageBox*>(QStringLiteral("importErrorBox"));
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("not a cargo timings report")));
    box->accept();
}

void TestMainWindow::dropOpensTheFile()
{
    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QVERIFY(imported.wait(10000));
    QCOMPARE(w.timeline()->analysis()->run->source, TimingsSource::BuildAnalysis);
}

void TestMainWindow::cancelLongImport()
{
    // a 50,000-unit report takes long enough to cancel midway
    QTemporaryDir dir;
    QFile src(dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
    QVERIFY(src.open(QIODevice::ReadOnly));
    const QString big = dir.filePath(QStringLiteral("big.html"));
    QFile out(big);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bench::repeatReport(src.readAll(), 1250));
    out.close();

    MainWindow w;
    w.show();
    QSignalSpy imported(w.importer(), &ImportController::imported);
    QSignalSpy failed(w.importer(), &ImportController::failed);
    w.openFile(big);
    QVERIFY(w.importer()->isBusy());
    w.importer()->cancel();
    QVERIFY(failed.wait(30000) || failed.count() == 1);
    QCOMPARE(imported.count(), 0);
    QVERIFY(failed.first().at(2).toBool()); // cancelled, no error box
    QVERIFY(!w.findChild<QMessageBox*>(QStringLiteral("importErrorBox")));
    QVERIFY(!w.timeline()->analysis());
}

void TestMainWindow::recentFiles()
{
    QSettings().remove(QStringLiteral("recentFiles"));
    MainWindow w;
    QSignalSpy imported(w.importer(), &ImportController::imported);
    const QString a = dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    const QString b = dataPath(QStringLiteral("timings/stable-1.95/release-clean.html"));
    w.openFile(a);
    QVERIFY(imported.wait(10000));
    w.openFile(b);
    QVERIFY(imported.wait(10000));
    w.openFile(a);
    QVERIFY(imported.wait(10000));
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    QCOMPARE(recent, (QStringList{QFileInfo(a).absoluteFilePath(), QFileInfo(b).absoluteFilePath()}));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
