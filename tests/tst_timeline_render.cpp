// Offscreen render of the timeline: bars span their start..end on the ruler, in their kind's colour, also
// after zooming and scrolling; search finds units.
#include "KindColors.h"
#include "TestData.h"
#include "TimeScale.h"
#include "TimelineView.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>

using namespace bl;
using namespace bl::test;

class TestTimelineRender : public QObject
{
    Q_OBJECT
private slots:
    void barsSpanTheirTimes();
    void barsAfterZoomAndScroll();
    void rulerTicksAtTheirTimes();
    void searchAndSelect();
    void renderAllForExport();

private:
    static bool closeTo(const QColor& a, const QColor& b)
    {
        return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) <
               30;
    }
    void checkBars(TimelineView& view, const QImage& image, int& checked);
};

void TestTimelineRender::checkBars(TimelineView& view, const QImage& image, int& checked)
{
    const auto& run = *view.analysis()->run;
    const QPalette& pal = view.palette();
    const double dpr = image.devicePixelRatio();
    for (int i = 0; i < int(run.units.size()); ++i) {
        const Unit& u = run.units[i];
        const QRectF bar = view.barRect(i);
        if (bar.isEmpty() || u.duration <= 0)
            continue;
        QVERIFY(std::abs(bar.left() - view.xForTime(u.start)) < 0.01);
        QVERIFY(std::abs(bar.right() - view.xForTime(u.end())) < 0.01);
        // inside the viewport, away from the outline: the bar's fill is its kind's colour (or the codegen
        // shade)
        const double x = bar.left() + 3;
        const double y = bar.center().y();
        if (bar.width() < 8 || x < view.labelColumnWidth() + 2 || x > view.viewport()->width() - 60 ||
            y < view.rulerHeight() + 4 || y > view.viewport()->height() - 4)
            continue;
        const QColor base = kindColor(u.kind, pal);
        const QColor px = image.pixelColor(int(x * dpr), int(y * dpr));
        QVERIFY2(closeTo(px, base) || closeTo(px, codegenShade(base, pal)),
                 qPrintable(QStringLiteral("%1 at %2,%3: %4 vs %5")
                                .arg(u.label())
                                .arg(x)
                                .arg(y)
                                .arg(px.name(), base.name())));
        // just left of the bar start there is no bar colour (the row background)
        const double before = bar.left() - 2;
        if (before > view.labelColumnWidth() + 2) {
            const QColor bg = image.pixelColor(int(before * dpr), int(y * dpr));
            QVERIFY2(!closeTo(bg, base), qPrintable(u.label()));
        }
        ++checked;
    }
}

void TestTimelineRender::barsSpanTheirTimes()
{
    TimelineView view;
    view.resize(1100, 900);
    view.setAnalysis(analyse(loadRun(QStringLiteral("timings/stable-1.95/release-clean.html"))));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // fitted: the whole build spans the data area
    QVERIFY(std::abs(view.xForTime(0) - view.labelColumnWidth()) < 0.01);
    const double end = view.xForTime(view.analysis()->summary.wallSeconds);
    QVERIFY(end <= view.viewport()->width());
    QVERIFY(end > view.viewport()->width() - 80);
    const QImage image = view.viewport()->grab().toImage();
    int checked = 0;
    checkBars(view, image, checked);
    QVERIFY2(checked >= 10, qPrintable(QString::number(checked)));
}

void TestTimelineRender::barsAfterZoomAndScroll()
{
    TimelineView view;
    view.resize(1000, 500);
    view.setAnalysis(analyse(loadRun(QStringLiteral("timings/debian-1.65/release-clean.html"))));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const double pps = view.pixelsPerSecond();
    view.zoomBy(4);
    QVERIFY(std::abs(view.pixelsPerSecond() - 4 * pps) < 1e-6);
    view.horizontalScrollBar()->setValue(int(10 * view.pixelsPerSecond())); // 10 s at the left edge
    view.verticalScrollBar()->setValue(view.rowHeight() * 10);
    QVERIFY(std::abs(view.timeForX(view.labelColumnWidth()) - 10.0) < 0.01);
    const QImage image = view.viewport()->grab().toImage();
    int checked = 0;
    checkBars(view, image, checked);
    QVERIFY(checked >= 3);
    // the time scale shared with the chart follows
    QVERIFY(std::abs(view.timeScale()->visibleStart() - 10.0) < 0.01);
}

void TestTimelineRender::rulerTicksAtTheirTimes()
{
    TimelineView view;
    view.resize(1000, 400);
    view.setAnalysis(analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"))));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.viewport()->grab().toImage();
    const double dpr = image.devicePixelRatio();
    const QColor tick = view.palette().color(QPalette::WindowText);
    // whole seconds carry ticks on a 6.3 s build fitted into ~750 px
    for (int s = 1; s <= 6; ++s) {
        const double x = view.xForTime(s);
        const int y = view.rulerHeight() - 3;
        bool found = false;
        for (int dx = -1; dx <= 1 && !found; ++dx)
            found = closeTo(image.pixelColor(int((x + dx) * dpr), int(y * dpr)), tick);
        QVERIFY2(found, qPrintable(QStringLiteral("no tick at %1 s (x=%2)").arg(s).arg(x)));
    }
}

void TestTimelineRender::searchAndSelect()
{
    TimelineView view;
    view.resize(900, 300);
    view.setAnalysis(analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"))));
    QSignalSpy matches(&view, &TimelineView::searchMatchesChanged);
    view.setSearchText(QStringLiteral("regex"));
    QCOMPARE(view.matchCount(), 2);
    QCOMPARE(matches.count(), 1);
    QSignalSpy selected(&view, &TimelineView::unitSelected);
    view.nextMatch();
    QCOMPARE(selected.count(), 1);
    const int unit = selected.takeFirst().at(0).toInt();
    QVERIFY(view.analysis()->run->units[unit].name.startsWith(QLatin1String("regex")));
    // the selected unit was scrolled into view
    const QRectF bar = view.barRect(unit);
    QVERIFY(bar.top() >= view.rulerHeight() && bar.bottom() <= view.viewport()->height());
    view.setSearchText(QStringLiteral("no such crate"));
    QCOMPARE(view.matchCount(), 0);
    // fresh units are hidden by default and shown on request
    view.setAnalysis(analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-incremental.html"))));
    int rows = 0;
    for (std::size_t i = 0; i < view.analysis()->run->units.size(); ++i)
        rows += view.rowOfUnit(int(i)) >= 0;
    QCOMPARE(rows, 2);
    view.setShowFresh(true);
    rows = 0;
    for (std::size_t i = 0; i < view.analysis()->run->units.size(); ++i)
        rows += view.rowOfUnit(int(i)) >= 0;
    QCOMPARE(rows, 40);
}

void TestTimelineRender::renderAllForExport()
{
    TimelineView view;
    view.resize(900, 300);
    view.setAnalysis(analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"))));
    const QSize size = view.fullContentSize();
    QCOMPARE(size.height(), view.rulerHeight() + 40 * view.rowHeight() + 4);
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter p(&image);
    view.renderAll(p, size);
    p.end();
    // the last row (ts-app, which ends the build) is painted near the right edge
    const QColor bin = kindColor(UnitKind::Bin, view.palette());
    bool found = false;
    const int y = size.height() - 4 - view.rowHeight() / 2;
    for (int x = size.width() - 120; x < size.width() - 40 && !found; ++x)
        found = image.pixelColor(x, y) == bin;
    QVERIFY(found);
}

QTEST_MAIN(TestTimelineRender)
#include "tst_timeline_render.moc"
