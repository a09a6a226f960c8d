#include "ReportCli.h"

#include "CliOutput.h"

#include "ConcurrencyChart.h"
#include "FlameGraphView.h"
#include "ReportPdf.h"
#include "TimelineView.h"
#include "TreemapView.h"
#include "ViewExport.h"
#include "analysis/SizeItems.h"
#include "analysis/SizeTree.h"
#include "core/Tr.h"
#include "import/AnyImporter.h"
#include "report/BuildReport.h"
#include "report/RunNames.h"

#include <QFileInfo>
#include <QSaveFile>

#include <memory>

namespace bl {

namespace {

int fail(const QString& message, int status = 1)
{
    return cli::failed(message, status);
}

// Makes the charts of a report from the views' own painting; the views live as long as the factory, so that
// the figures can be painted after they are made (the PDF lays out all text first).
class ChartFactory
{
public:
    explicit ChartFactory(const BuildReportData& data, int width)
        : m_data(data)
        , m_width(width)
    {
    }

    Figure make(const ReportBlock& block)
    {
        const double span =
            std::max(m_data.builds.empty() ? 0.0 : m_data.builds.front()->summary.wallSeconds,
                     m_data.baseBuilds.empty() ? 0.0 : m_data.baseBuilds.front()->summary.wallSeconds);
        Figure f;
        switch (*block.chart) {
        case ReportChart::Timeline:
        case ReportChart::BaseTimeline: {
            auto view = std::make_unique<TimelineView>();
            view->resize(m_width, 800);
            view->setAnalysis(*block.chart == ReportChart::Timeline ? m_data.builds.front()
                                                                    : m_data.baseBuilds.front());
            view->setMinimumSpan(span); // both timelines on one time axis
            f = timelineFigure(*view, {}, {}, {});
            m_views.push_back(std::move(view));
            break;
        }
        case ReportChart::Concurrency: {
            auto chart = std::make_unique<ConcurrencyChart>();
            if (m_data.baseBuilds.empty())
                chart->setAnalysis(m_data.builds.front());
            else
                chart->setComparison(m_data.baseBuilds.front(), m_data.builds.front());
            f = concurrencyFigure(*chart, {}, {}, {});
            m_views.push_back(std::move(chart));
            break;
        }
        case ReportChart::FlameGraph: {
            auto flame = std::make_unique<FlameGraphView>();
            flame->setProfile(m_data.profiles[std::size_t(block.index)]);
            f = flameGraphFigure(*flame, {}, {}, {});
            m_views.push_back(std::move(flame));
            break;
        }
        case ReportChart::Treemap: {
            auto treemap = std::make_unique<TreemapView>();
            treemap->setLeavesAreCrates(m_data.size->functions.empty());
            treemap->setTree(std::make_shared<const SizeTree>(buildSizeTree(sizeItems(*m_data.size))));
            f = treemapFigure(*treemap, {}, {}, {});
            f.heightForWidth = [](int w) {
                return w / 2;
            };
            m_views.push_back(std::move(treemap));
            break;
        }
        }
        f.natural.setWidth(m_width);
        return f;
    }

private:
    const BuildReportData& m_data;
    int m_width;
    std::vector<std::unique_ptr<QWidget>> m_views;
};

bool writeText(const QString& out, const QByteArray& bytes, QString& error)
{
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit()) {
        error = tr("cannot write %1: %2").arg(out, file.errorString());
        return false;
    }
    return true;
}

} // namespace

int runReport(const QStringList& args)
{
    QStringList inputs, bases, conditions;
    QString out, title;
    bool baseSide = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool takesValue =
            a == QLatin1String("--out") || a == QLatin1String("--fail-if") || a == QLatin1String("--title");
        if (takesValue && i + 1 >= args.size())
            return fail(tr("%1 needs a value").arg(a), 2);
        if (a == QLatin1String("--out")) {
            out = args[++i];
        } else if (a == QLatin1String("--fail-if")) {
            conditions << args[++i];
        } else if (a == QLatin1String("--title")) {
            title = args[++i];
        } else if (a == QLatin1String("--compare")) {
            baseSide = true;
        } else if (a.startsWith(QLatin1String("--"))) {
            return fail(tr("unknown option %1 for report").arg(a), 2);
        } else {
            (baseSide ? bases : inputs) << a;
        }
    }
    if (inputs.isEmpty() || out.isEmpty())
        return fail(tr("report needs at least one INPUT and --out report.html|report.pdf|report.md"), 2);
    if (baseSide && bases.isEmpty())
        return fail(tr("--compare needs at least one baseline file"), 2);
    const QString ext = QFileInfo(out).suffix().toLower();
    if (ext != QLatin1String("html") && ext != QLatin1String("htm") && ext != QLatin1String("pdf") &&
        ext != QLatin1String("md"))
        return fail(tr("%1: a report is .html, .pdf or .md").arg(out));

    // the gate's syntax is checked before any work
    std::vector<GateCondition> gates;
    for (const QString& c : conditions) {
        QString error;
        const auto parsed = parseGateCondition(c, error);
        if (!parsed)
            return fail(error);
        gates.push_back(*parsed);
    }

    BuildReportData data;
    data.inputFiles = inputs;
    data.baseFiles = bases;
    Progress progress;
    ImportOptions options;
    for (int side = 0; side < 2; ++side) {
        const bool base = side == 1;
        for (const QString& file : base ? bases : inputs) {
            const Result<ImportedData> result = importAny(file, progress, options);
            if (!result)
                return fail(result.error().toString());
            const ImportedData& d = *result.value();
            if (d.timings)
                (base ? data.baseBuilds : data.builds).push_back(analyse(d.timings));
            else if (d.profile)
                (base ? data.baseProfiles : data.profiles).push_back(d.profile);
            else if (d.profiles)
                for (const auto& p : d.profiles->profiles)
                    (base ? data.baseProfiles : data.profiles).push_back(p);
            else if (d.size && d.size->isLlvmLines()) {
                if (!base)
                    data.llvmLines = d.size;
            } else if (d.size) {
                auto& slot = base ? data.baseSize : data.size;
                if (slot)
                    return fail(tr("%1: a report takes one binary a side").arg(file), 2);
                slot = d.size;
            } else if (d.graph && !base) {
                data.metadata = d.graph;
            }
        }
    }
    if (title.isEmpty()) {
        const QString name = !data.builds.empty()     ? timingsRunName(*data.builds.front()->run)
                             : data.size              ? sizeReportName(*data.size)
                             : !data.profiles.empty() ? selfProfileName(*data.profiles.front())
                             : data.metadata          ? depGraphName(*data.metadata)
                                                      : QFileInfo(inputs.front()).fileName();
        title = tr("Build report: %1").arg(name);
    }
    data.title = title;
    deriveReport(data);

    GateInputs gateInputs;
    if (!data.builds.empty())
        gateInputs.timingsB = data.builds.front();
    if (!data.baseBuilds.empty())
        gateInputs.timingsA = data.baseBuilds.front();
    gateInputs.sizeA = data.baseSize;
    gateInputs.sizeB = data.size;
    bool gateError = false, gateMet = false;
    for (const GateCondition& g : gates) {
        data.gates.push_back(evaluateGate(g, gateInputs));
        gateError = gateError || !data.gates.back().evaluated;
        gateMet = gateMet || data.gates.back().met;
    }

    QString error;
    bool ok = false;
    if (ext == QLatin1String("md")) {
        ok = writeText(out, markdownReport(data).toUtf8(), error);
    } else {
        const std::vector<ReportBlock> blocks = reportBlocks(data);
        if (ext == QLatin1String("pdf")) {
            ChartFactory charts(data, 700);
            std::vector<ReportPart> parts;
            for (const ReportBlock& b : blocks) {
                if (b.chart)
                    parts.push_back({QString(), [&charts, b] { return charts.make(b); }, b.caption});
                else
                    parts.push_back({b.html, {}, {}});
            }
            ok = writeReportPdf(out, data.title, parts, error);
        } else {
            ChartFactory charts(data, 1100);
            const QString html = htmlReport(data, blocks, [&charts](const ReportBlock& b) {
                QByteArray svg = figureSvg(charts.make(b));
                // inline SVG: drop the XML prolog, keep the drawing
                const qsizetype start = svg.indexOf("<svg");
                return QString::fromUtf8(start >= 0 ? svg.mid(start) : svg);
            });
            ok = writeText(out, html.toUtf8(), error);
        }
    }
    if (!ok)
        return fail(error);
    cli::printOut(out + QLatin1Char('\n'));
    for (const GateResult& g : data.gates) {
        if (!g.evaluated)
            cli::printErr(QStringLiteral("buildlens: %1\n").arg(g.error));
        else if (g.met)
            cli::printErr(QStringLiteral("buildlens: fail-if met: %1\n").arg(g.text));
    }
    if (gateError)
        return 1;
    return gateMet ? 2 : 0;
}

} // namespace bl
