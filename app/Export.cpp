#include "Export.h"

#include "CliOutput.h"

#include "DepGraphView.h"
#include "TimelineView.h"
#include "analysis/GraphLayout.h"
#include "analysis/GraphTimings.h"
#include "analysis/TimingsAnalysis.h"
#include "core/Tr.h"
#include "import/AnyImporter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cstdio>
#include <functional>

namespace bl {

namespace {

// Narrower images cannot hold a label column and an axis; wider ones are beyond what image viewers open.
constexpr int kMinWidth = 200;
constexpr int kMaxWidth = 30000;

int fail(const QString& message, int status = 1)
{
    return cli::failed(message, status);
}

// Paints `paint` (which draws into a rectangle of `size`) into OUT by its extension.
bool write(const QString& out, const QSize& size, const std::function<void(QPainter&, const QSize&)>& paint,
           QString& error)
{
    const QString ext = QFileInfo(out).suffix().toLower();
    if (ext == QLatin1String("png")) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        paint(p, size);
        p.end();
        if (!image.save(out)) {
            error = tr("cannot write %1").arg(out);
            return false;
        }
        return true;
    }
    if (ext == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(out);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(QFileInfo(out).completeBaseName());
        QPainter p;
        if (!p.begin(&svg)) {
            error = tr("cannot write %1").arg(out);
            return false;
        }
        paint(p, size);
        p.end();
        return true;
    }
    if (ext == QLatin1String("pdf")) {
        QPdfWriter pdf(out);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p;
        if (!p.begin(&pdf)) {
            error = tr("cannot write %1").arg(out);
            return false;
        }
        // the PDF's device is in its own resolution; paint in the pixel size and let the painter scale
        const double scale = double(pdf.width()) / double(size.width());
        p.scale(scale, scale);
        paint(p, size);
        p.end();
        return true;
    }
    error = tr("unknown output format .%1 (png, svg or pdf)").arg(ext);
    return false;
}

} // namespace

int runExport(const QStringList& args)
{
    QString file, view, out, timingsFile;
    int width = 0;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool takesValue = a == QLatin1String("--view") || a == QLatin1String("--out") ||
                                a == QLatin1String("--timings") || a == QLatin1String("--width");
        if (takesValue && i + 1 >= args.size())
            return fail(tr("%1 needs a value").arg(a), 2);
        if (a == QLatin1String("--view")) {
            view = args[++i];
        } else if (a == QLatin1String("--out")) {
            out = args[++i];
        } else if (a == QLatin1String("--timings")) {
            timingsFile = args[++i];
        } else if (a == QLatin1String("--width")) {
            bool ok = false;
            width = args[++i].toInt(&ok);
            if (!ok || width < kMinWidth || width > kMaxWidth)
                return fail(tr("--width needs a whole number of pixels from %1 to %2, not '%3'")
                                .arg(kMinWidth)
                                .arg(kMaxWidth)
                                .arg(args[i]),
                            2);
        } else if (a.startsWith(QLatin1String("--"))) {
            return fail(tr("unknown option %1 for export").arg(a), 2);
        } else if (file.isEmpty()) {
            file = a;
        } else {
            return fail(tr("export takes one file"), 2);
        }
    }
    if (file.isEmpty() || out.isEmpty())
        return fail(tr("export needs FILE and --out OUT.png|svg|pdf"), 2);

    Progress progress;
    ImportOptions options;
    const Result<ImportedData> result = importAny(file, progress, options);
    if (!result)
        return fail(result.error().toString());
    const ImportedData& data = *result.value();
    if (view.isEmpty())
        view = data.graph || !timingsFile.isEmpty() ? QStringLiteral("graph") : QStringLiteral("timeline");
    if (!timingsFile.isEmpty() && !(data.graph && view == QLatin1String("graph")))
        return fail(tr("--timings paints compile times on a cargo metadata graph (--view graph); %1 is not "
                       "one")
                        .arg(file),
                    2);
    std::shared_ptr<const TimingsAnalysis> heatRun;
    if (!timingsFile.isEmpty()) {
        const Result<ImportedData> timings = importAny(timingsFile, progress, options);
        if (!timings)
            return fail(timings.error().toString());
        if (!timings.value()->timings)
            return fail(
                tr("%1: not a build timings capture (a cargo --timings report, a build-analysis log or "
                   "timing-info lines)")
                    .arg(timingsFile));
        heatRun = analyse(timings.value()->timings);
    }
    QString error;
    bool ok = false;
    // A timings capture drawn as a graph is its unit graph, coloured by its own durations.
    std::shared_ptr<const DepGraph> graph = data.graph;
    if (view == QLatin1String("graph") && !graph && data.timings) {
        heatRun = analyse(data.timings);
        graph = std::make_shared<const DepGraph>(unitGraph(*data.timings));
    }
    if (view == QLatin1String("graph") && graph) {
        auto layout = std::make_shared<const GraphLayout>(layoutGraph(*graph));
        if (!layout->error.isEmpty())
            return fail(QStringLiteral("%1: %2").arg(file, layout->error));
        DepGraphView graphView;
        graphView.setGraph(graph, layout);
        if (heatRun) {
            const GraphTimings t = data.graph ? joinTimings(*graph, *heatRun) : unitGraphTimings(*heatRun);
            graphView.setHeat(t.seconds);
            graphView.setCriticalPackages(t.critical);
        }
        const QRectF bounds = graphView.sceneBounds();
        const int w = width > 0 ? width : std::max(800, int(bounds.width() * 1.5));
        const QSize size(w, std::max(200, int(w * bounds.height() / std::max(1.0, bounds.width()))));
        ok = write(
            out, size,
            [&](QPainter& p, const QSize& s) { graphView.render(p, QRectF(QPointF(0, 0), QSizeF(s))); },
            error);
    } else if (view == QLatin1String("timeline") && data.timings) {
        TimelineView timeline;
        timeline.resize(width > 0 ? width : 1600, 800);
        timeline.setAnalysis(analyse(data.timings));
        const QSize size(width > 0 ? width : 1600, timeline.fullContentSize().height());
        ok = write(
            out, size, [&](QPainter& p, const QSize& s) { timeline.renderAll(p, s); }, error);
    } else {
        return fail(
            tr("%1 cannot be shown as the %2 view (graph: cargo metadata or a timings capture; timeline: a "
               "timings capture)")
                .arg(file, view),
            2);
    }
    if (!ok)
        return fail(error);
    std::printf("%s\n", qPrintable(out));
    return 0;
}

} // namespace bl
