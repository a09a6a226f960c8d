#include "Export.h"

#include "CliOutput.h"

#include "ConcurrencyChart.h"
#include "DepGraphView.h"
#include "FlameGraphView.h"
#include "ProfileTimelineView.h"
#include "TimelineView.h"
#include "TreemapView.h"
#include "ViewExport.h"
#include "analysis/GraphLayout.h"
#include "analysis/GraphTimings.h"
#include "analysis/SizeItems.h"
#include "analysis/SizeTree.h"
#include "analysis/TimingsAnalysis.h"
#include "core/Tr.h"
#include "import/AnyImporter.h"
#include "itemmodels/QueryTableModel.h"
#include "itemmodels/SizeTableModels.h"
#include "itemmodels/UnitsTableModel.h"
#include "report/Csv.h"
#include "report/RunNames.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace bl {

namespace {

// Narrower images cannot hold a label column and an axis; wider ones are beyond what image viewers open.
constexpr int kMinWidth = 200;
constexpr int kMaxWidth = 30000;

int fail(const QString& message, int status = 1)
{
    return cli::failed(message, status);
}

// The views a file of this kind can be exported as, charts first.
QStringList viewsFor(const ImportedData& d)
{
    if (d.timings)
        return {QStringLiteral("timeline"), QStringLiteral("concurrency"), QStringLiteral("unit-graph"),
                QStringLiteral("units")};
    if (d.profile)
        return {QStringLiteral("flamegraph"), QStringLiteral("threads"), QStringLiteral("queries")};
    if (d.size)
        return {QStringLiteral("treemap"), QStringLiteral("crates"), QStringLiteral("functions")};
    if (d.graph)
        return {QStringLiteral("graph")};
    return {};
}

bool isTable(const QString& view)
{
    return view == QLatin1String("units") || view == QLatin1String("queries") ||
           view == QLatin1String("crates") || view == QLatin1String("functions");
}

QString kindText(const ImportedData& d)
{
    if (d.timings)
        return tr("a build timings capture");
    if (d.profile)
        return tr("a self-profile");
    if (d.profiles)
        return tr("a directory of self-profiles (export one of its .mm_profdata files)");
    if (d.size)
        return d.size->isLlvmLines() ? tr("cargo-llvm-lines output") : tr("a binary size report");
    return tr("cargo metadata");
}

QDateTime dataDate(const ImportedData& d, const QString& file)
{
    if (d.profile && d.profile->startTimeNs > 0)
        return QDateTime::fromMSecsSinceEpoch(qint64(d.profile->startTimeNs / 1000000), Qt::UTC);
    return exportDate(file, d.timings ? d.timings->buildStart : QString());
}

QString runName(const ImportedData& d)
{
    if (d.timings)
        return timingsRunName(*d.timings);
    if (d.profile)
        return selfProfileName(*d.profile);
    if (d.size)
        return sizeReportName(*d.size);
    if (d.graph)
        return depGraphName(*d.graph);
    return {};
}

QString viewTitle(const QString& view)
{
    if (view == QLatin1String("timeline"))
        return tr("timeline");
    if (view == QLatin1String("concurrency"))
        return tr("concurrency and CPU");
    if (view == QLatin1String("unit-graph"))
        return tr("unit graph");
    if (view == QLatin1String("graph"))
        return tr("dependency graph");
    if (view == QLatin1String("treemap"))
        return tr("binary size");
    if (view == QLatin1String("flamegraph"))
        return tr("flame graph");
    if (view == QLatin1String("threads"))
        return tr("threads");
    return view;
}

} // namespace

int runExport(const QStringList& args)
{
    QString file, view, out, timingsFile;
    ExportOptions options;
    auto number = [&](const QString& option, const QString& value, int low, int high, int& into) {
        bool ok = false;
        into = value.toInt(&ok);
        if (!ok || into < low || into > high) {
            fail(tr("%1 needs a whole number of pixels from %2 to %3, not '%4'")
                     .arg(option)
                     .arg(low)
                     .arg(high)
                     .arg(value),
                 2);
            return false;
        }
        return true;
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool takesValue = a == QLatin1String("--view") || a == QLatin1String("--out") ||
                                a == QLatin1String("--timings") || a == QLatin1String("--width") ||
                                a == QLatin1String("--height") || a == QLatin1String("--max-width") ||
                                a == QLatin1String("--scale") || a == QLatin1String("--page");
        if (takesValue && i + 1 >= args.size())
            return fail(tr("%1 needs a value").arg(a), 2);
        if (a == QLatin1String("--view")) {
            view = args[++i];
        } else if (a == QLatin1String("--out")) {
            out = args[++i];
        } else if (a == QLatin1String("--timings")) {
            timingsFile = args[++i];
        } else if (a == QLatin1String("--width")) {
            if (!number(a, args[++i], kMinWidth, kMaxWidth, options.width))
                return 2;
        } else if (a == QLatin1String("--height")) {
            if (!number(a, args[++i], 100, kMaxWidth, options.height))
                return 2;
        } else if (a == QLatin1String("--max-width")) {
            if (!number(a, args[++i], kMinWidth, kMaxWidth, options.maxWidth))
                return 2;
        } else if (a == QLatin1String("--scale")) {
            bool ok = false;
            options.scale = args[++i].toDouble(&ok);
            if (!ok || options.scale < 0.25 || options.scale > 8)
                return fail(tr("--scale needs a factor from 0.25 to 8, not '%1'").arg(args[i]), 2);
        } else if (a == QLatin1String("--page")) {
            options.page = args[++i].toLower();
            if (!exportPageNames().contains(options.page))
                return fail(tr("--page is one of %1, not '%2'")
                                .arg(exportPageNames().join(QStringLiteral(", ")), args[i]),
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
        return fail(tr("export needs FILE and --out OUT.png|svg|pdf|csv"), 2);
    const QString ext = QFileInfo(out).suffix().toLower();
    static const QStringList formats = {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf"),
                                        QStringLiteral("csv")};
    if (!formats.contains(ext))
        return fail(tr("%1: unknown output format .%2 (png, svg, pdf or csv)").arg(out, ext));

    Progress progress;
    ImportOptions importOptions;
    const Result<ImportedData> result = importAny(file, progress, importOptions);
    if (!result)
        return fail(result.error().toString());
    const ImportedData& data = *result.value();
    const QStringList fitting = viewsFor(data);
    if (view == QLatin1String("graph") && data.timings)
        view = QStringLiteral("unit-graph"); // a build's graph is its unit graph
    if (view.isEmpty() && !fitting.isEmpty()) {
        view = fitting.first();
        if (ext == QLatin1String("csv"))
            for (const QString& v : fitting)
                if (isTable(v)) {
                    view = v;
                    break;
                }
        if (!timingsFile.isEmpty() && data.graph)
            view = QStringLiteral("graph");
    }
    if (!fitting.contains(view)) {
        const QString list = fitting.isEmpty() ? tr("none") : fitting.join(QStringLiteral(", "));
        return fail(tr("%1 is %2; it cannot be exported as the '%3' view. Views that fit: %4")
                        .arg(file, kindText(data), view, list));
    }
    if (isTable(view) != (ext == QLatin1String("csv"))) {
        QStringList tables;
        for (const QString& v : fitting)
            if (isTable(v))
                tables << v;
        return fail(isTable(view) ? tr("the %1 table exports to .csv, not .%2").arg(view, ext)
                                  : tr("the %1 view exports to .png, .svg or .pdf, not .csv (tables: %2)")
                                        .arg(view, tables.join(QStringLiteral(", "))));
    }
    if (!timingsFile.isEmpty() && view != QLatin1String("graph"))
        return fail(tr("--timings paints compile times on a cargo metadata graph (--view graph); %1 is not "
                       "one")
                        .arg(file),
                    2);

    QString error;
    QStringList written;
    if (isTable(view)) {
        bool ok = false;
        if (view == QLatin1String("units")) {
            UnitsTableModel model;
            model.setAnalysis(analyse(data.timings));
            ok = writeTableCsv(model, out, error);
        } else if (view == QLatin1String("queries")) {
            QueryTableModel model;
            model.setProfile(data.profile);
            ok = writeTableCsv(model, out, error);
        } else if (view == QLatin1String("crates")) {
            CrateSizeModel model;
            model.setReport(data.size);
            ok = writeTableCsv(model, out, error);
        } else {
            FunctionSizeModel model;
            model.setReport(data.size);
            ok = writeTableCsv(model, out, error);
        }
        if (!ok)
            return fail(error);
        written << out;
    } else {
        const QString title = QStringLiteral("%1 — %2").arg(runName(data), viewTitle(view));
        const QDateTime date = dataDate(data, file);
        if (view == QLatin1String("timeline") || view == QLatin1String("concurrency")) {
            TimelineView timeline;
            timeline.resize(options.width > 0 ? options.width : 1600, 800);
            timeline.setAnalysis(analyse(data.timings));
            if (view == QLatin1String("timeline")) {
                written = writeFigure(timelineFigure(timeline, title, file, date), out, options, error);
            } else {
                ConcurrencyChart chart;
                chart.setAnalysis(timeline.analysis());
                written = writeFigure(concurrencyFigure(chart, title, file, date), out, options, error);
            }
        } else if (view == QLatin1String("graph") || view == QLatin1String("unit-graph")) {
            std::shared_ptr<const TimingsAnalysis> heatRun;
            if (!timingsFile.isEmpty()) {
                const Result<ImportedData> timings = importAny(timingsFile, progress, importOptions);
                if (!timings)
                    return fail(timings.error().toString());
                if (!timings.value()->timings)
                    return fail(tr("%1: not a build timings capture (a cargo --timings report, a "
                                   "build-analysis log or timing-info lines)")
                                    .arg(timingsFile));
                heatRun = analyse(timings.value()->timings);
            }
            // A timings capture drawn as a graph is its unit graph, coloured by its own durations.
            std::shared_ptr<const DepGraph> graph = data.graph;
            if (!graph) {
                heatRun = analyse(data.timings);
                graph = std::make_shared<const DepGraph>(unitGraph(*data.timings));
            }
            auto layout = std::make_shared<const GraphLayout>(layoutGraph(*graph));
            if (!layout->error.isEmpty())
                return fail(QStringLiteral("%1: %2").arg(file, layout->error));
            DepGraphView graphView;
            graphView.setGraph(graph, layout);
            if (heatRun) {
                const GraphTimings t =
                    data.graph ? joinTimings(*graph, *heatRun) : unitGraphTimings(*heatRun);
                graphView.setHeat(t.seconds);
                graphView.setCriticalPackages(t.critical);
            }
            const Figure figure = graphFigure(graphView, title, file, date);
            written = writeFigure(figure, out, options, error);
            if (const double scale = figureImageScale(figure, options);
                !written.isEmpty() && options.page.isEmpty() && ext != QLatin1String("pdf") &&
                scale < legibleScale())
                cli::printErr(
                    tr("buildlens: note: the graph is drawn at %1 % of its size to fit %2 pixels; its "
                       "labels may be too small to read. --page a4 (or letter, slide) splits it over "
                       "pages at a readable size.\n")
                        .arg(qRound(100 * scale))
                        .arg(figure.natural.width() * scale, 0, 'f', 0));
        } else if (view == QLatin1String("treemap")) {
            TreemapView treemap;
            treemap.setUnit(data.size->isLlvmLines() ? tr("lines") : QStringLiteral("bytes"));
            treemap.setLeavesAreCrates(data.size->functions.empty());
            treemap.setTree(std::make_shared<const SizeTree>(buildSizeTree(sizeItems(*data.size))));
            written = writeFigure(treemapFigure(treemap, title, file, date), out, options, error);
        } else if (view == QLatin1String("flamegraph")) {
            FlameGraphView flame;
            flame.setProfile(data.profile);
            written = writeFigure(flameGraphFigure(flame, title, file, date), out, options, error);
        } else if (view == QLatin1String("threads")) {
            ProfileTimelineView threads;
            threads.resize(options.width > 0 ? options.width : 1600, 600);
            threads.setProfile(data.profile);
            threads.fitToWindow();
            written = writeFigure(threadsFigure(threads, title, file, date), out, options, error);
        }
        if (written.isEmpty())
            return fail(error);
    }
    for (const QString& w : written)
        std::printf("%s\n", qPrintable(w));
    return 0;
}

} // namespace bl
