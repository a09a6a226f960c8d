#include "ViewExport.h"

#include "ConcurrencyChart.h"
#include "DepGraphView.h"
#include "FlameGraphView.h"
#include "KindColors.h"
#include "ProfileTimelineView.h"
#include "TimelineView.h"
#include "TreemapView.h"
#include "analysis/ProfileTree.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsView>
#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSet>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <set>

namespace bl {

namespace {

constexpr int kMargin = 16;
constexpr int kGap = 8;
constexpr int kDefaultMaxWidth = 4096;

QString tr(const char* text)
{
    return QCoreApplication::translate("bl::ViewExport", text);
}

QFont titleFont()
{
    QFont f = QGuiApplication::font();
    f.setPixelSize(15);
    f.setBold(true);
    return f;
}

QFont smallFont()
{
    QFont f = QGuiApplication::font();
    f.setPixelSize(11);
    return f;
}

QString subtitle(const Figure& figure)
{
    QStringList parts;
    if (!figure.source.isEmpty())
        parts << QFileInfo(figure.source).fileName();
    if (figure.date.isValid())
        parts << QLocale::c().toString(figure.date.toUTC(), QStringLiteral("yyyy-MM-dd hh:mm 'UTC'"));
    return parts.join(QStringLiteral(" · "));
}

int titleHeight(const Figure& figure)
{
    if (figure.title.isEmpty() && subtitle(figure).isEmpty())
        return 0; // a chart inside a report: the report's heading names it
    const int title = QFontMetrics(titleFont()).height();
    return subtitle(figure).isEmpty() ? title : title + 2 + QFontMetrics(smallFont()).height();
}

void paintTitle(QPainter& p, const Figure& figure, const QRect& area, const QString& pageText)
{
    if (area.height() <= 0)
        return;
    const QPalette pal = QGuiApplication::palette();
    p.save();
    p.setPen(pal.color(QPalette::Text));
    p.setFont(titleFont());
    const QFontMetrics tfm(titleFont());
    p.drawText(QRect(area.left(), area.top(), area.width(), tfm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               tfm.elidedText(figure.title, Qt::ElideMiddle, area.width()));
    p.setFont(smallFont());
    p.setPen(blendColors(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.35));
    const QFontMetrics sfm(smallFont());
    const QRect sub(area.left(), area.top() + tfm.height() + 2, area.width(), sfm.height());
    p.drawText(sub, Qt::AlignLeft | Qt::AlignVCenter, subtitle(figure));
    if (!pageText.isEmpty())
        p.drawText(sub, Qt::AlignRight | Qt::AlignVCenter, pageText);
    p.restore();
}

// Legend entries flow left to right and wrap; returns the height they take at `width`.
int layoutLegend(const Figure& figure, int width, std::vector<QRect>* boxes = nullptr)
{
    if (figure.legend.empty())
        return 0;
    const QFontMetrics fm(smallFont());
    const int h = fm.height() + 4;
    int x = 0, y = 0;
    for (const LegendEntry& e : figure.legend) {
        int w = 14 + 6 + fm.horizontalAdvance(e.label);
        if (e.rampEnd.isValid())
            w = fm.horizontalAdvance(e.label) + 6 + fm.horizontalAdvance(e.rampLow) + 4 + 90 + 4 +
                fm.horizontalAdvance(e.rampHigh);
        if (x > 0 && x + w > width) {
            x = 0;
            y += h;
        }
        if (boxes)
            boxes->push_back(QRect(x, y, w, h));
        x += w + 18;
    }
    return y + h;
}

void paintLegend(QPainter& p, const Figure& figure, const QRect& area)
{
    std::vector<QRect> boxes;
    layoutLegend(figure, area.width(), &boxes);
    const QPalette pal = QGuiApplication::palette();
    const QFontMetrics fm(smallFont());
    p.save();
    p.setFont(smallFont());
    for (std::size_t i = 0; i < figure.legend.size(); ++i) {
        const LegendEntry& e = figure.legend[i];
        const QRect box = boxes[i].translated(area.topLeft());
        const int cy = box.center().y();
        p.setPen(pal.color(QPalette::Text));
        if (e.rampEnd.isValid()) {
            int x = box.left();
            p.drawText(QRect(x, box.top(), box.width(), box.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       e.label);
            x += fm.horizontalAdvance(e.label) + 6;
            p.drawText(QRect(x, box.top(), box.width(), box.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       e.rampLow);
            x += fm.horizontalAdvance(e.rampLow) + 4;
            QLinearGradient ramp(x, 0, x + 90, 0);
            ramp.setColorAt(0, e.fill.color());
            ramp.setColorAt(1, e.rampEnd);
            p.fillRect(QRect(x, cy - 5, 90, 10), ramp);
            x += 94;
            p.drawText(QRect(x, box.top(), box.width(), box.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       e.rampHigh);
            continue;
        }
        const QRect swatch(box.left(), cy - 6, 14, 12);
        p.fillRect(swatch, pal.color(QPalette::Base));
        p.fillRect(swatch, e.fill);
        if (e.outline.style() != Qt::NoPen) {
            p.setPen(e.outline);
            p.setBrush(Qt::NoBrush);
            p.drawRect(swatch.adjusted(1, 1, -1, -1));
        }
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(box.left() + 20, box.top(), box.width() - 20, box.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, e.label);
    }
    p.restore();
}

// One page (or the whole image): which part of the content it shows and where.
struct Sheet
{
    QSize size;       // the page or image, in pixels
    QRect content;    // where the content goes
    int sliceTop = 0; // first content row (pixels) below the axis; -1: the whole content, scaled to fit
    int sliceHeight = 0;
    bool bottomAxis = false;
    QString pageText;
    // A tile of a figure too large for a page at a readable size (a graph of hundreds of crates): the part
    // of the content from `tileOrigin` (content pixels), drawn at `tileScale`.
    double tileScale = 0;
    QPointF tileOrigin;
};

// The smallest scale at which a graph's labels still read (its layout is drawn at 1.5 pixels a point, so
// labels of 10 points stay 7.5 pixels high); a graph that would be smaller on one page is split over pages.
constexpr double kLegibleScale = 0.5;

struct Plan
{
    std::vector<Sheet> sheets;
    QSize contentSize; // the size the content is painted at
    int legendHeight = 0;
};

QSizeF pageSizePoints(const QString& page)
{
    if (page == QLatin1String("letter"))
        return {792, 612};
    if (page == QLatin1String("slide"))
        return {720, 405}; // 16:9, 10 in x 5.625 in
    return {842, 595};     // A4, landscape: charts are wide
}

Plan planImage(const Figure& f, const ExportOptions& o)
{
    Plan plan;
    const int cap = o.maxWidth > 0 ? o.maxWidth : kDefaultMaxWidth;
    int w = o.width > 0 ? o.width : f.natural.width();
    w = std::clamp(w, 200, cap);
    int h = 0;
    if (f.reflows)
        h = f.heightForWidth ? f.heightForWidth(w) : f.natural.height();
    else if (o.height > 0)
        h = o.height;
    else
        h = int(std::lround(double(w) * f.natural.height() / std::max(1, f.natural.width())));
    h = std::max(h, 40);
    plan.contentSize = QSize(w, h);
    plan.legendHeight = layoutLegend(f, w);
    const int bottomAxis = f.axisHeight;
    Sheet s;
    const int top = kMargin + titleHeight(f) + kGap;
    s.content = QRect(kMargin, top, w, h);
    s.sliceTop = 0;
    s.sliceHeight = h;
    s.bottomAxis = bottomAxis > 0;
    const int legendTop = top + h + bottomAxis + (plan.legendHeight ? kGap : 0);
    s.size = QSize(w + 2 * kMargin, legendTop + plan.legendHeight + kMargin);
    plan.sheets.push_back(s);
    return plan;
}

QSize pagePixels(const ExportOptions& o)
{
    const QSizeF pt = pageSizePoints(o.page.isEmpty() ? QStringLiteral("a4") : o.page);
    return {int(std::lround(pt.width() * 96.0 / 72.0)), int(std::lround(pt.height() * 96.0 / 72.0))};
}

// Pages of a given size (pixels): the figure fitted to them, split between rows where it is taller.
Plan planPages(const Figure& f, const QSize& page)
{
    Plan plan;
    const int w = page.width() - 2 * kMargin;
    plan.legendHeight = layoutLegend(f, w);
    const int top = kMargin + titleHeight(f) + kGap;
    const int avail = page.height() - top - kMargin - (plan.legendHeight ? plan.legendHeight + kGap : 0);
    int h = f.reflows ? (f.heightForWidth ? f.heightForWidth(w) : f.natural.height())
                      : int(std::lround(double(w) * f.natural.height() / std::max(1, f.natural.width())));
    const int axis = f.axisHeight;
    auto sheetAt = [&](QRect content) {
        Sheet s;
        s.size = page;
        s.content = content;
        return s;
    };
    if (!f.reflows) {
        const double fit = std::min(double(w) / std::max(1, f.natural.width()),
                                    double(avail) / std::max(1, f.natural.height()));
        if (fit < kLegibleScale) {
            // a poster: tiles at a readable scale, left to right, top to bottom
            const double s = kLegibleScale;
            plan.contentSize = f.natural;
            const int cols = int(std::ceil(f.natural.width() * s / w));
            const int rows = int(std::ceil(f.natural.height() * s / avail));
            for (int r = 0; r < rows; ++r)
                for (int c = 0; c < cols; ++c) {
                    Sheet sheet = sheetAt(QRect(kMargin, top, w, avail));
                    sheet.tileScale = s;
                    sheet.tileOrigin = QPointF(c * w / s, r * avail / s);
                    plan.sheets.push_back(sheet);
                }
            for (std::size_t i = 0; i < plan.sheets.size(); ++i)
                plan.sheets[i].pageText = tr("page %1 of %2 (row %3, column %4)")
                                              .arg(i + 1)
                                              .arg(plan.sheets.size())
                                              .arg(int(i) / cols + 1)
                                              .arg(int(i) % cols + 1);
            return plan;
        }
    }
    if (h + axis <= avail || !f.reflows || f.rowHeight <= 0 || avail - 2 * axis < 3 * f.rowHeight) {
        // one page; content that does not fit is scaled down with its aspect kept
        if (h + axis > avail) {
            const double s = double(avail) / double(h + axis);
            Sheet sheet = sheetAt(QRect(kMargin, top, int(w * s), avail - int(axis * s)));
            sheet.sliceTop = -1;
            plan.contentSize = QSize(w, h);
            plan.sheets.push_back(sheet);
        } else {
            Sheet sheet = sheetAt(QRect(kMargin, top, w, h));
            sheet.sliceHeight = h;
            sheet.bottomAxis = axis > 0;
            plan.contentSize = QSize(w, h);
            plan.sheets.push_back(sheet);
        }
    } else {
        plan.contentSize = QSize(w, h);
        const int perPage = ((avail - 2 * axis) / f.rowHeight) * f.rowHeight;
        for (int y = axis; y < h; y += perPage) {
            Sheet sheet = sheetAt(QRect(kMargin, top, w, axis + std::min(perPage, h - y)));
            sheet.sliceTop = y;
            sheet.sliceHeight = std::min(perPage, h - y);
            sheet.bottomAxis = axis > 0;
            plan.sheets.push_back(sheet);
        }
    }
    for (std::size_t i = 0; i < plan.sheets.size(); ++i)
        plan.sheets[i].pageText = tr("page %1 of %2").arg(i + 1).arg(plan.sheets.size());
    return plan;
}

// The axis band of a figure (its top axisHeight pixels) at the painter's origin. SVG output does not clip,
// so a figure that can paint its axis alone does.
void paintAxisBand(QPainter& p, const Figure& f, const QSize& cs)
{
    p.save();
    p.setClipRect(QRect(0, 0, cs.width(), f.axisHeight), Qt::IntersectClip);
    if (f.paintAxis)
        f.paintAxis(p, QSize(cs.width(), f.axisHeight));
    else
        f.paint(p, cs);
    p.restore();
}

// Paints the content first, then the bands around it (title, repeated axes, legend) each on its own
// background: where a paint engine does not clip (SVG), what the content paints beyond its slice is covered.
void paintSheet(QPainter& p, const Figure& f, const Plan& plan, const Sheet& sheet)
{
    const QPalette pal = QGuiApplication::palette();
    const QColor background = pal.color(QPalette::Base);
    p.fillRect(QRect(QPoint(0, 0), sheet.size), background);
    const QSize cs = plan.contentSize;
    const int axis = f.axisHeight;
    int bottom = sheet.content.bottom() + 1;
    if (sheet.tileScale > 0) {
        p.save();
        p.translate(sheet.content.topLeft());
        p.setClipRect(QRect(QPoint(0, 0), sheet.content.size()), Qt::IntersectClip);
        p.scale(sheet.tileScale, sheet.tileScale);
        p.translate(-sheet.tileOrigin);
        f.paint(p, cs);
        p.restore();
    } else if (sheet.sliceTop < 0) {
        // scaled to fit: content and its bottom axis as one picture
        const double s = double(sheet.content.width()) / cs.width();
        p.save();
        p.translate(sheet.content.topLeft());
        p.scale(s, s);
        p.setClipRect(QRect(QPoint(0, 0), cs), Qt::IntersectClip);
        f.paint(p, cs);
        p.restore();
        if (axis > 0) {
            p.fillRect(QRect(0, bottom, sheet.size.width(), sheet.size.height() - bottom), background);
            p.save();
            p.translate(sheet.content.left(), bottom);
            p.scale(s, s);
            paintAxisBand(p, f, cs);
            p.restore();
            bottom += int(axis * s);
        }
    } else {
        int destTop = sheet.content.top();
        int from = 0, shown = cs.height();
        if (sheet.sliceTop > 0) { // a later page of a split chart: the axis, then this page's rows
            destTop += axis;
            from = sheet.sliceTop;
            shown = sheet.sliceHeight;
        }
        p.save();
        p.translate(sheet.content.left(), destTop - from);
        p.setClipRect(QRect(0, from, cs.width(), shown), Qt::IntersectClip);
        f.paint(p, cs);
        p.restore();
        bottom = destTop + shown;
        p.fillRect(QRect(0, bottom, sheet.size.width(), sheet.size.height() - bottom), background);
        if (sheet.sliceTop > 0) {
            p.fillRect(QRect(0, sheet.content.top(), sheet.size.width(), axis), background);
            p.save();
            p.translate(sheet.content.topLeft());
            paintAxisBand(p, f, cs);
            p.restore();
        }
        if (sheet.bottomAxis && axis > 0) {
            p.save();
            p.translate(sheet.content.left(), bottom);
            paintAxisBand(p, f, cs);
            p.restore();
            bottom += axis;
        }
    }
    // the margins and the title band, over anything the content painted there
    p.fillRect(QRect(0, 0, sheet.size.width(), sheet.content.top()), background);
    p.fillRect(QRect(0, 0, sheet.content.left(), bottom), background);
    p.fillRect(QRect(sheet.content.left() + sheet.content.width(), 0, sheet.size.width(), bottom),
               background);
    paintTitle(p, f, QRect(kMargin, kMargin, sheet.size.width() - 2 * kMargin, titleHeight(f)),
               sheet.pageText);
    if (plan.legendHeight > 0)
        paintLegend(p, f, QRect(kMargin, bottom + kGap, sheet.size.width() - 2 * kMargin, plan.legendHeight));
}

QString pageFileName(const QString& out, int page)
{
    if (page == 0)
        return out;
    const QFileInfo info(out);
    return info.dir().filePath(
        QStringLiteral("%1-%2.%3").arg(info.completeBaseName(), QString::number(page + 1), info.suffix()));
}

} // namespace

QDateTime exportDate(const QString& sourcePath, const QString& rfc3339)
{
    if (!rfc3339.isEmpty()) {
        const QDateTime t = QDateTime::fromString(rfc3339, Qt::ISODateWithMs);
        if (t.isValid())
            return t;
    }
    return QFileInfo(sourcePath).lastModified();
}

QByteArray figureSvg(const Figure& figure, const ExportOptions& options)
{
    const Plan plan = planImage(figure, options);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(plan.sheets.front().size);
    svg.setViewBox(QRect(QPoint(0, 0), plan.sheets.front().size));
    svg.setTitle(figure.title);
    QPainter p(&svg);
    paintSheet(p, figure, plan, plan.sheets.front());
    p.end();
    return buffer.data();
}

std::vector<QSize> figureSheets(const Figure& figure, const QSize& page)
{
    std::vector<QSize> sizes;
    const Plan plan = planPages(figure, page);
    for (const Sheet& s : plan.sheets) {
        // a sheet of a report ends below its legend, not at the page's bottom
        int bottom = s.content.top() +
                     (s.sliceTop < 0 || s.tileScale > 0 ? s.content.height() : s.sliceHeight) +
                     (s.bottomAxis || s.sliceTop < 0 ? figure.axisHeight : 0) +
                     (s.sliceTop > 0 ? figure.axisHeight : 0);
        if (plan.legendHeight > 0)
            bottom += kGap + plan.legendHeight;
        sizes.push_back(QSize(s.size.width(), std::min(s.size.height(), bottom + kMargin)));
    }
    return sizes;
}

void paintFigureSheet(QPainter& painter, const Figure& figure, const QSize& page, int sheet,
                      const QRectF& target)
{
    const Plan plan = planPages(figure, page);
    if (sheet < 0 || sheet >= int(plan.sheets.size()))
        return;
    Sheet s = plan.sheets[std::size_t(sheet)];
    s.pageText.clear(); // the report numbers its own pages
    const QSize size = figureSheets(figure, page)[std::size_t(sheet)];
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(target.width() / size.width(), target.height() / size.height());
    painter.setClipRect(QRect(QPoint(0, 0), size), Qt::IntersectClip);
    s.size = size;
    paintSheet(painter, figure, plan, s);
    painter.restore();
}

double figureImageScale(const Figure& figure, const ExportOptions& options)
{
    if (figure.reflows || figure.natural.width() <= 0)
        return 1;
    return double(planImage(figure, options).contentSize.width()) / figure.natural.width();
}

double legibleScale()
{
    return kLegibleScale;
}

QStringList exportPageNames()
{
    return {QStringLiteral("a4"), QStringLiteral("letter"), QStringLiteral("slide")};
}

QStringList writeFigure(const Figure& f, const QString& out, const ExportOptions& o, QString& error)
{
    const QString ext = QFileInfo(out).suffix().toLower();
    QStringList written;
    if (ext == QLatin1String("pdf")) {
        const Plan plan = planPages(f, pagePixels(o));
        QPdfWriter pdf(out);
        pdf.setResolution(96);
        pdf.setCreator(QStringLiteral("BuildLens"));
        pdf.setTitle(f.title);
        const QSizeF pt = pageSizePoints(o.page.isEmpty() ? QStringLiteral("a4") : o.page);
        pdf.setPageSize(QPageSize(pt, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p;
        if (!p.begin(&pdf)) {
            error = tr("cannot write %1").arg(out);
            return {};
        }
        // the device is in its own resolution; paint in pixels and let the painter scale
        const double s = double(pdf.width()) / double(plan.sheets.front().size.width());
        for (std::size_t i = 0; i < plan.sheets.size(); ++i) {
            if (i > 0)
                pdf.newPage();
            p.save();
            p.scale(s, s);
            paintSheet(p, f, plan, plan.sheets[i]);
            p.restore();
        }
        p.end();
        return {out};
    }
    if (ext != QLatin1String("png") && ext != QLatin1String("svg")) {
        error = tr("unknown output format .%1 (png, svg or pdf)").arg(ext);
        return {};
    }
    const Plan plan = o.page.isEmpty() ? planImage(f, o) : planPages(f, pagePixels(o));
    for (std::size_t i = 0; i < plan.sheets.size(); ++i) {
        const Sheet& sheet = plan.sheets[i];
        const QString file = pageFileName(out, int(i));
        if (ext == QLatin1String("png")) {
            const double scale = std::clamp(o.scale, 0.25, 8.0);
            const QSize px(int(std::ceil(sheet.size.width() * scale)),
                           int(std::ceil(sheet.size.height() * scale)));
            if (qint64(px.width()) * px.height() > 400'000'000LL) {
                error =
                    tr("%1 would be %2×%3 pixels: too large for an image; use --page or a smaller --scale")
                        .arg(file, QString::number(px.width()), QString::number(px.height()));
                return {};
            }
            QImage image(px, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(scale);
            image.fill(Qt::white);
            QPainter p(&image);
            p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
            paintSheet(p, f, plan, sheet);
            p.end();
            if (!image.save(file)) {
                error = tr("cannot write %1").arg(file);
                return {};
            }
        } else {
            QSvgGenerator svg;
            svg.setFileName(file);
            svg.setSize(sheet.size);
            svg.setViewBox(QRect(QPoint(0, 0), sheet.size));
            svg.setTitle(f.title);
            svg.setDescription(subtitle(f));
            QPainter p;
            if (!p.begin(&svg)) {
                error = tr("cannot write %1").arg(file);
                return {};
            }
            paintSheet(p, f, plan, sheet);
            p.end();
        }
        written << file;
    }
    return written;
}

// ---- the views ----

namespace {

Figure captioned(const QString& title, const QString& source, const QDateTime& date)
{
    Figure f;
    f.title = title;
    f.source = source;
    f.date = date;
    return f;
}

std::vector<LegendEntry> kindLegend(const std::vector<UnitKind>& kinds, const QPalette& pal)
{
    std::vector<LegendEntry> legend;
    for (UnitKind k : kinds)
        legend.push_back(LegendEntry::swatch(unitKindLabel(k), kindColor(k, pal)));
    return legend;
}

std::vector<UnitKind> kindsOf(const TimingsAnalysis& a)
{
    std::set<int> seen;
    std::vector<UnitKind> kinds;
    for (const Unit& u : a.run->units)
        if (seen.insert(int(u.kind)).second)
            kinds.push_back(u.kind);
    std::sort(kinds.begin(), kinds.end());
    return kinds;
}

} // namespace

Figure timelineFigure(TimelineView& view, const QString& title, const QString& source, const QDateTime& date)
{
    Figure f = captioned(title, source, date);
    const QPalette pal = view.palette();
    if (view.analysis()) {
        f.legend = kindLegend(kindsOf(*view.analysis()), pal);
        const QColor base = kindColor(UnitKind::Lib, pal);
        f.legend.push_back(LegendEntry::swatch(tr("codegen (after metadata)"), codegenShade(base, pal)));
        const auto& units = view.analysis()->run->units;
        const bool link = std::any_of(units.begin(), units.end(), [](const Unit& u) {
            return std::any_of(u.sections.begin(), u.sections.end(),
                               [](const UnitSection& s) { return s.name == QLatin1String("link"); });
        });
        if (link) // nightly section timings: the link step hatched, as the timeline draws it
            f.legend.push_back(LegendEntry::swatch(
                tr("link"), QBrush(codegenShade(base, pal).darker(130), Qt::Dense4Pattern)));
        if (!view.analysis()->critical.units.empty())
            f.legend.push_back(
                LegendEntry::swatch(tr("critical path"), Qt::NoBrush, QPen(criticalPathColor(pal), 2)));
    }
    f.natural = QSize(1600, view.fullContentSize().height());
    f.heightForWidth = [&view](int) {
        return view.fullContentSize().height();
    };
    // zoomed in: the seconds on screen (plain variables: Clang 14 cannot capture structured bindings)
    const double start = view.shownSpan().first, end = view.shownSpan().second;
    f.paint = [&view, start, end](QPainter& p, const QSize& s) {
        view.renderAll(p, s, start, end);
    };
    f.axisHeight = view.rulerHeight();
    f.rowHeight = view.rowHeight();
    f.paintAxis = [&view, start, end](QPainter& p, const QSize& s) {
        view.renderRuler(p, s, start, end);
    };
    return f;
}

Figure concurrencyFigure(ConcurrencyChart& chart, const QString& title, const QString& source,
                         const QDateTime& date)
{
    Figure f = captioned(title, source, date);
    f.natural = QSize(1600, 360);
    f.heightForWidth = [](int w) {
        return std::clamp(w / 4, 220, 480);
    };
    f.paint = [&chart](QPainter& p, const QSize& s) {
        chart.paint(p, QRect(QPoint(0, 0), s));
    };
    return f;
}

Figure graphFigure(DepGraphView& view, const QString& title, const QString& source, const QDateTime& date)
{
    Figure f = captioned(title, source, date);
    const QPalette pal = view.palette();
    if (view.hasHeat())
        f.legend.push_back(
            LegendEntry::ramp(tr("compile time"), heatColor(0, pal), heatColor(1, pal), tr("0 s"),
                              tr("%1 s").arg(view.maxHeat(), 0, 'f', view.maxHeat() < 10 ? 2 : 1)));
    if (view.hasCriticalPackages())
        f.legend.push_back(
            LegendEntry::swatch(tr("critical path"), Qt::NoBrush, QPen(criticalPathColor(pal), 2)));
    const QRectF bounds = view.sceneBounds();
    // a point of the layout is a pixel at 1.5x: node labels about 12 px high
    f.natural = QSize(std::max(400, int(bounds.width() * 1.5)), std::max(200, int(bounds.height() * 1.5)));
    f.reflows = false;
    f.paint = [&view](QPainter& p, const QSize& s) {
        view.render(p, QRectF(QPointF(0, 0), QSizeF(s)), false);
    };
    return f;
}

Figure stackedFigure(const QString& title, const QString& source, const QDateTime& date,
                     std::vector<std::pair<QString, Figure>> parts)
{
    Figure f = captioned(title, source, date);
    QSet<QString> seen;
    int width = 0;
    for (const auto& [label, part] : parts) {
        width = std::max(width, part.natural.width());
        for (const LegendEntry& e : part.legend)
            if (!seen.contains(e.label)) {
                seen.insert(e.label);
                f.legend.push_back(e);
            }
    }
    const int labelHeight = QFontMetrics(titleFont()).height() + 6;
    auto heightOf = [](const Figure& part, int w) {
        return part.reflows
                   ? (part.heightForWidth ? part.heightForWidth(w) : part.natural.height())
                   : int(std::lround(double(w) * part.natural.height() / std::max(1, part.natural.width())));
    };
    f.natural = QSize(width, 0);
    f.heightForWidth = [parts, labelHeight, heightOf](int w) {
        int h = 0;
        for (const auto& [label, part] : parts)
            h += labelHeight + heightOf(part, w) + kGap;
        return h;
    };
    f.natural.setHeight(f.heightForWidth(width));
    f.paint = [parts, labelHeight, heightOf](QPainter& p, const QSize& s) {
        const QPalette pal = QGuiApplication::palette();
        int y = 0;
        for (const auto& [label, part] : parts) {
            p.save();
            p.setFont(titleFont());
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRect(0, y, s.width(), labelHeight), Qt::AlignLeft | Qt::AlignVCenter, label);
            p.restore();
            y += labelHeight;
            const QSize partSize(s.width(), heightOf(part, s.width()));
            p.save();
            p.translate(0, y);
            p.setClipRect(QRect(QPoint(0, 0), partSize), Qt::IntersectClip);
            part.paint(p, partSize);
            p.restore();
            y += partSize.height() + kGap;
        }
    };
    return f;
}

Figure graphicsViewFigure(QGraphicsView& view, const QString& title, const QString& source,
                          const QDateTime& date)
{
    Figure f = captioned(title, source, date);
    const QSize shown = view.viewport()->size().isEmpty() ? QSize(900, 300) : view.viewport()->size();
    f.natural = QSize(1600, 1600 * shown.height() / std::max(1, shown.width()));
    f.reflows = false;
    f.paint = [&view, shown](QPainter& p, const QSize& s) {
        view.render(&p, QRectF(QPointF(0, 0), QSizeF(s)), QRect(QPoint(0, 0), shown), Qt::KeepAspectRatio);
    };
    return f;
}

Figure treemapFigure(TreemapView& view, const QString& title, const QString& source, const QDateTime& date)
{
    Figure f = captioned(title, source, date);
    f.natural = QSize(1600, 1000);
    f.heightForWidth = [](int w) {
        return w * 5 / 8;
    };
    if (view.hasBaseline()) {
        f.legend.push_back(
            LegendEntry::swatch(tr("grew against A (stronger: more)"), view.changeColor(true)));
        f.legend.push_back(LegendEntry::swatch(tr("shrank against A"), view.changeColor(false)));
    }
    f.paint = [&view](QPainter& p, const QSize& s) {
        view.render(p, QRect(QPoint(0, 0), s));
    };
    return f;
}

Figure flameGraphFigure(FlameGraphView& view, const QString& title, const QString& source,
                        const QDateTime& date)
{
    Figure f = captioned(title, source, date);
    // every level of the tree, and no empty band below the deepest
    const int h = std::max(120, ((view.tree() ? view.tree()->maxDepth + 1 : 3)) * view.rowHeight() + 4);
    f.natural = QSize(1600, h);
    f.heightForWidth = [h](int) {
        return h;
    };
    f.paint = [&view](QPainter& p, const QSize& s) {
        view.render(p, QRect(QPoint(0, 0), s));
    };
    return f;
}

Figure threadsFigure(ProfileTimelineView& view, const QString& title, const QString& source,
                     const QDateTime& date)
{
    Figure f = captioned(title, source, date);
    const int h = std::max(120, view.sizeHint().height());
    f.natural = QSize(1600, h);
    f.heightForWidth = [h](int) {
        return h;
    };
    f.paint = [&view](QPainter& p, const QSize& s) {
        view.render(p, QRect(QPoint(0, 0), s));
    };
    f.axisHeight = view.rulerHeight();
    f.rowHeight = view.rowHeight();
    f.paintAxis = [&view](QPainter& p, const QSize& s) {
        view.renderRuler(p, QRect(QPoint(0, 0), s));
    };
    return f;
}

} // namespace bl
