// The concurrency chart rendered offscreen, checked pixel by pixel against its own axes: each tick's grid
// line and label sit on the row of its value, a known stretch of the sample build draws its curve on the row
// of its unit count, nothing is drawn below zero, at several sizes and at a device pixel ratio of 2; the time
// axis is the timeline's; the readout under the cursor says the time and counts there; two builds share one
// axis.
#include "ConcurrencyChart.h"
#include "KindColors.h"
#include "TestData.h"
#include "TimeScale.h"

#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>

using namespace bl;
using namespace bl::test;

namespace {

struct Stretch
{
    double from = 0, to = 0;
    int value = 0;
};

// The longest stretches over which a build's active count holds one value.
std::vector<Stretch> longestStretches(const TimingsAnalysis& a, std::size_t count)
{
    std::vector<Stretch> out;
    const auto& c = a.concurrency;
    for (std::size_t i = 0; i + 1 < c.size(); ++i)
        if (c[i].active > 0)
            out.push_back({c[i].t, c[i + 1].t, c[i].active});
    std::sort(out.begin(), out.end(),
              [](const Stretch& x, const Stretch& y) { return x.to - x.from > y.to - y.from; });
    out.resize(std::min(out.size(), count));
    return out;
}

bool near(const QColor& a, const QColor& b, int tolerance)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) <=
           tolerance;
}

QImage render(const ConcurrencyChart& chart, double dpr)
{
    QImage image((QSizeF(chart.size()) * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::magenta); // anything paint() leaves alone shows
    QPainter p(&image);
    chart.paint(p, chart.rect());
    return image;
}

// The topmost row (device pixels) in column x whose colour is near `color`, or -1.
int topRowOf(const QImage& image, int x, const QColor& color, int fromRow, int toRow)
{
    for (int y = std::max(0, fromRow); y <= std::min(toRow, image.height() - 1); ++y)
        if (near(image.pixelColor(x, y), color, 90))
            return y;
    return -1;
}

} // namespace

class TestConcurrencyChart : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void curvesSitOnTheirAxis_data();
    void curvesSitOnTheirAxis();
    void followsTheTimeline();
    void readoutUnderTheCursor();
    void twoBuildsOnOneAxis();
    void legendTogglesSeries();

private:
    void checkAxisAndCurve(ConcurrencyChart& chart, const TimingsAnalysis& analysis, int series, double dpr);
    std::shared_ptr<const TimingsAnalysis> m_dev, m_release;
};

void TestConcurrencyChart::initTestCase()
{
    auto dev = loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"));
    auto release = loadRun(QStringLiteral("timings/stable-1.95/release-clean.html"));
    QVERIFY(dev && release);
    m_dev = analyse(dev);
    m_release = analyse(release);
}

void TestConcurrencyChart::checkAxisAndCurve(ConcurrencyChart& chart, const TimingsAnalysis& analysis,
                                             int series, double dpr)
{
    const QImage image = render(chart, dpr);
    const ConcurrencyChart::Geometry g = chart.geometry(chart.rect());
    const QColor base = chart.palette().color(QPalette::Base);
    const QColor text = chart.palette().color(QPalette::Text);
    const QColor curve = kindColor(UnitKind::Bin, chart.palette());
    auto row = [dpr](double y) {
        return int(std::floor(y * dpr));
    };

    // whole units, evenly spaced, zero at the bottom of the plot, the most units fit
    int most = 0;
    for (const ConcurrencySample& s : analysis.concurrency)
        most = std::max(most, s.active);
    QVERIFY(g.unitsTop >= most);
    QVERIFY(g.unitsTop - g.unitsStep < most);
    QCOMPARE(g.unitsTop % g.unitsStep, 0);
    QVERIFY(std::abs(g.yOfUnits(0) - (g.plot.bottom() - 1.5)) <= 1.0);
    QVERIFY(std::abs(g.yOfUnits(g.unitsTop) - (g.plot.top() + 0.5)) <= 1.0);

    // each tick: its label's text sits around the tick's row, left of the plot, and nowhere between ticks
    const QFontMetrics fm(chart.font());
    const int labelLeft =
        int((g.plot.left() - 6 - fm.horizontalAdvance(QString::number(g.unitsTop))) * dpr) - 2;
    const int labelRight = int((g.plot.left() - 6) * dpr);
    auto inkInRows = [&](double fromY, double toY) {
        for (int y = row(fromY); y <= row(toY); ++y)
            for (int x = std::max(0, labelLeft); x <= labelRight; ++x)
                if (near(image.pixelColor(x, y), text, 200) && !near(image.pixelColor(x, y), base, 60))
                    return true;
        return false;
    };
    for (int v = 0; v <= g.unitsTop; v += g.unitsStep) {
        const double y = g.yOfUnits(v);
        QVERIFY2(inkInRows(y - 2, y + 2), qPrintable(QStringLiteral("label %1 not at y %2").arg(v).arg(y)));
        if (v + g.unitsStep <= g.unitsTop) {
            const double gap = g.yOfUnits(v) - g.yOfUnits(v + g.unitsStep);
            if (gap > fm.height() + 4) // room for empty rows between two labels
                QVERIFY2(!inkInRows(y - gap / 2 - 0.5, y - gap / 2 + 0.5),
                         qPrintable(QStringLiteral("ink between %1 and %2").arg(v).arg(v + g.unitsStep)));
        }
    }

    // the curve over the longest stretches of one count lies on that count's row
    for (const Stretch& s : longestStretches(analysis, 4)) {
        const double mid = (s.from + s.to) / 2;
        const double x = g.xOf(mid);
        if (x < g.plot.left() + 2 || x > g.plot.right() - 2 ||
            (s.to - s.from) * g.plot.width() / (g.t1 - g.t0) < 6)
            continue;
        const int top = topRowOf(image, int(x * dpr), curve, row(g.plot.top()) - 2, row(g.plot.bottom()) + 2);
        const double expected = g.yOfUnits(s.value) * dpr;
        QVERIFY2(top >= 0 && std::abs(top - expected) <= 1.5 * dpr,
                 qPrintable(QStringLiteral("%1 units at %2 s: curve at row %3, axis says %4 (series %5)")
                                .arg(s.value)
                                .arg(mid)
                                .arg(top)
                                .arg(expected)
                                .arg(series)));
    }

    // nothing of the curves or their fills below the zero row: only the time axis (grey ticks, dark
    // labels) is drawn there
    const int below = row(g.yOfUnits(0) + 1.5);
    auto grey = [](const QColor& c) {
        return std::abs(c.red() - c.green()) < 16 && std::abs(c.green() - c.blue()) < 16;
    };
    for (int y = below; y < image.height(); ++y)
        for (int x = int(g.plot.left() * dpr); x < int(g.plot.right() * dpr); ++x)
            QVERIFY2(near(image.pixelColor(x, y), base, 40) || grey(image.pixelColor(x, y)),
                     qPrintable(QStringLiteral("drawn below zero at %1,%2").arg(x).arg(y)));
}

void TestConcurrencyChart::curvesSitOnTheirAxis_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("dpr");
    QTest::newRow("900x170") << QSize(900, 170) << 1.0;
    QTest::newRow("1280x400") << QSize(1280, 400) << 1.0;
    QTest::newRow("600x130") << QSize(600, 130) << 1.0;
    QTest::newRow("900x170@2x") << QSize(900, 170) << 2.0;
}

void TestConcurrencyChart::curvesSitOnTheirAxis()
{
    QFETCH(QSize, size);
    QFETCH(double, dpr);
    ConcurrencyChart chart;
    chart.setAnalysis(m_dev);
    QCOMPARE(chart.seriesCount(), 4); // active, waiting, blocked, CPU
    for (int i = 1; i < chart.seriesCount(); ++i)
        chart.setSeriesVisible(i, false); // only the active curve: its colour is then unambiguous
    chart.resize(size);
    checkAxisAndCurve(chart, *m_dev, 0, dpr);
    // and again after a resize, which once left zero in the middle of the chart
    chart.resize(size.width() - 137, size.height() + 91);
    checkAxisAndCurve(chart, *m_dev, 0, dpr);
}

void TestConcurrencyChart::followsTheTimeline()
{
    ConcurrencyChart chart;
    chart.setAnalysis(m_dev);
    TimeScale scale;
    chart.setTimeScale(&scale);
    chart.resize(1000, 180);
    const double wall = m_dev->summary.wallSeconds;
    scale.setWindow(1.0, 1.0 + wall, 250, 900);
    ConcurrencyChart::Geometry g = chart.geometry(chart.rect());
    QCOMPARE(g.plot.left(), 250.0);
    QCOMPARE(g.plot.right(), 900.0);
    QCOMPARE(g.xOf(1.0), 250.0);
    QCOMPARE(g.xOf(1.0 + wall), 900.0);
    for (int i = 1; i < chart.seriesCount(); ++i)
        chart.setSeriesVisible(i, false);
    checkAxisAndCurve(chart, *m_dev, 0, 1.0);
    // zoomed into a second of the build: the same rows, other columns
    scale.setWindow(2.0, 3.0, 250, 900);
    g = chart.geometry(chart.rect());
    QCOMPARE(g.xOf(2.5), 575.0);
    checkAxisAndCurve(chart, *m_dev, 0, 1.0);
}

void TestConcurrencyChart::readoutUnderTheCursor()
{
    ConcurrencyChart chart;
    chart.setAnalysis(m_dev);
    chart.resize(900, 170);
    const ConcurrencyChart::Geometry g = chart.geometry(chart.rect());
    const Stretch s = longestStretches(*m_dev, 1).front();
    const double mid = (s.from + s.to) / 2;
    const QPointF pos(g.xOf(mid), g.plot.center().y());
    QMouseEvent move(QEvent::MouseMove, pos, chart.mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&chart, &move);
    const QString readout = chart.readoutText();
    // the time under the mouse (to the pixel), and the count the build had then
    const double t = readout.section(QLatin1Char(' '), 0, 0).toDouble();
    QVERIFY2(std::abs(t - mid) <= (g.t1 - g.t0) / g.plot.width() + 0.01, qPrintable(readout));
    QVERIFY2(readout.contains(QStringLiteral("%1 active").arg(s.value)), qPrintable(readout));
    QVERIFY(readout.contains(QStringLiteral("CPU")));
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(&chart, &leave);
    QVERIFY(chart.readoutText().isEmpty());
}

void TestConcurrencyChart::twoBuildsOnOneAxis()
{
    ConcurrencyChart chart;
    chart.setComparison(m_dev, m_release);
    QCOMPARE(chart.seriesCount(), 2);
    TimeScale scale;
    chart.setTimeScale(&scale);
    chart.resize(800, 160);
    const double wall = std::max(m_dev->summary.wallSeconds, m_release->summary.wallSeconds);
    scale.setWindow(0, wall, 240, 780);
    const ConcurrencyChart::Geometry g = chart.geometry(chart.rect());
    int most = 0;
    for (const auto* a : {m_dev.get(), m_release.get()})
        for (const ConcurrencySample& s : a->concurrency)
            most = std::max(most, s.active);
    QVERIFY(g.unitsTop >= most);
    // ticks go up from zero at the bottom, evenly
    double previous = g.yOfUnits(0) + 1;
    for (int v = 0; v <= g.unitsTop; v += g.unitsStep) {
        QVERIFY(g.yOfUnits(v) < previous);
        previous = g.yOfUnits(v);
    }
    // B is drawn in the single build's active colour: its curve lies on its counts
    chart.setSeriesVisible(0, false);
    checkAxisAndCurve(chart, *m_release, 1, 1.0);
    scale.setCursorTime(1.0);
    QVERIFY2(chart.readoutText().startsWith(QStringLiteral("1.00 s")), qPrintable(chart.readoutText()));
    QVERIFY(chart.readoutText().contains(QStringLiteral("B: ")));
}

void TestConcurrencyChart::legendTogglesSeries()
{
    ConcurrencyChart chart;
    chart.setAnalysis(m_dev);
    chart.resize(900, 170);
    chart.show();
    QVERIFY(!chart.isSeriesVisible(2)); // blocked units: hidden until asked for
    const QFontMetrics fm(chart.font());
    const ConcurrencyChart::Geometry g = chart.geometry(chart.rect());
    // the first entry, "Active", starts at the plot's left edge
    const QPoint onActive(int(g.plot.left()) + 4, 2 + (fm.height() + 4) / 2);
    QTest::mouseClick(&chart, Qt::LeftButton, Qt::NoModifier, onActive);
    QVERIFY(!chart.isSeriesVisible(0));
    QTest::mouseClick(&chart, Qt::LeftButton, Qt::NoModifier, onActive);
    QVERIFY(chart.isSeriesVisible(0));
}

QTEST_MAIN(TestConcurrencyChart)
#include "tst_concurrency_chart.moc"
