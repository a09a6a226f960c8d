#pragma once

#include <QBrush>
#include <QDateTime>
#include <QPen>
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QPainter;
class QGraphicsView;
class QWidget;

namespace bl {

class ConcurrencyChart;
class DepGraphView;
class FlameGraphView;
class ProfileTimelineView;
class TimelineView;
class TreemapView;
struct TimingsAnalysis;

// One entry of an exported figure's legend: a swatch (fill and outline) and what it stands for. A ramp
// (two colours) stands for a continuous scale with its two ends labelled.
struct LegendEntry
{
    QString label;
    QBrush fill;
    QPen outline = QPen(Qt::NoPen);
    QColor rampEnd;  // valid: the swatch is a ramp from fill's colour to this
    QString rampLow; // labels of a ramp's two ends
    QString rampHigh;

    static LegendEntry swatch(const QString& label, const QBrush& fill, const QPen& outline = QPen(Qt::NoPen))
    {
        LegendEntry e;
        e.label = label;
        e.fill = fill;
        e.outline = outline;
        return e;
    }
    static LegendEntry ramp(const QString& label, const QColor& low, const QColor& high,
                            const QString& lowText, const QString& highText)
    {
        LegendEntry e = swatch(label, low);
        e.rampEnd = high;
        e.rampLow = lowText;
        e.rampHigh = highText;
        return e;
    }
};

// A view as a figure for a file: the painting function the view itself uses on screen, with what an export
// puts around it (a title, the source file, the date, a legend) and how it may be laid out on pages.
struct Figure
{
    QString title;  // what the figure shows: "ts-app · dev · 2026-11-24 07:06 — timeline"
    QString source; // the file it comes from
    QDateTime date; // when the data was made (the build's start), else invalid
    std::vector<LegendEntry> legend;

    // Content paints itself into a rectangle of the given size, origin at (0, 0).
    std::function<void(QPainter&, const QSize&)> paint;
    QSize natural;       // the size the content wants at its default width
    bool reflows = true; // true: content takes any width and its height follows (heightForWidth);
                         // false: content is scaled to fit, aspect kept (a graph)
    std::function<int(int width)> heightForWidth; // for reflowing content; null: natural height
    // Rows: content taller than a page is split between rows (multiples of rowHeight after the axis) and
    // the axis (the top axisHeight pixels) repeats on every page and closes the figure at the bottom.
    int axisHeight = 0;
    int rowHeight = 0;
    // Paints only the axis band (width x axisHeight); null: the content clipped to its top rows.
    std::function<void(QPainter&, const QSize&)> paintAxis;
};

struct ExportOptions
{
    QString page;      // "" (one image of the figure's own size), "a4", "letter" or "slide"
    int width = 0;     // content width in pixels (0: the figure's natural width)
    int height = 0;    // for content that does not reflow (0: from the width and the aspect)
    int maxWidth = 0;  // cap on the width (0: 4096 for images)
    double scale = 1;  // device pixels per pixel for PNG (HiDPI, print)
    bool dark = false; // paint with the application's palette instead of a light one
};

// Writes `figure` to OUT by its extension (png, svg, pdf). A PDF is always paginated (A4 unless `page` says
// otherwise); an image with a page option becomes one file per page (OUT, OUT-2.png, ...). Returns the files
// written; on failure none and `error` says why.
QStringList writeFigure(const Figure& figure, const QString& out, const ExportOptions& options,
                        QString& error);

// The figure as SVG markup (for a report that embeds it).
QByteArray figureSvg(const Figure& figure, const ExportOptions& options = {});
// A figure laid out on pages of `page` pixels, as parts a report places between paragraphs: each part's
// size (a long chart is split between rows, its axis on every part), and one part painted into `target`.
std::vector<QSize> figureSheets(const Figure& figure, const QSize& page);
void paintFigureSheet(QPainter& painter, const Figure& figure, const QSize& page, int sheet,
                      const QRectF& target);

// The figures of the views, as they are now (zoom, focus, selection).
Figure timelineFigure(TimelineView& view, const QString& title, const QString& source, const QDateTime& date);
Figure concurrencyFigure(ConcurrencyChart& chart, const QString& title, const QString& source,
                         const QDateTime& date);
Figure graphFigure(DepGraphView& view, const QString& title, const QString& source, const QDateTime& date);
Figure treemapFigure(TreemapView& view, const QString& title, const QString& source, const QDateTime& date);
Figure flameGraphFigure(FlameGraphView& view, const QString& title, const QString& source,
                        const QDateTime& date);
Figure threadsFigure(ProfileTimelineView& view, const QString& title, const QString& source,
                     const QDateTime& date);

// A view a page can export, as it is now, by the name the user picks it by ("Timeline").
struct ExportTarget
{
    QString name;
    std::function<Figure()> figure;
    QWidget* widget = nullptr; // the view on screen: its context menu offers the export
};

// When the data was made: the build's start (RFC 3339) where known, else the file's modification time.
QDateTime exportDate(const QString& sourcePath, const QString& rfc3339 = {});

// Several figures one above the other under one title (two builds compared), each under its own label; the
// legends are merged.
Figure stackedFigure(const QString& title, const QString& source, const QDateTime& date,
                     std::vector<std::pair<QString, Figure>> parts);
// A Qt Charts view (the history's trends) as it is drawn on screen, scaled to the export's size.
Figure graphicsViewFigure(QGraphicsView& view, const QString& title, const QString& source,
                          const QDateTime& date);

// How large a content that does not reflow (a graph) is drawn in one image, against its natural size; below
// legibleScale() its labels are too small to read, and pages (--page) split it at a readable size.
double figureImageScale(const Figure& figure, const ExportOptions& options);
double legibleScale();

// The page sizes offered, by name: "a4", "letter", "slide".
QStringList exportPageNames();

} // namespace bl
