#include "BuildReport.h"

#include "../itemmodels/DeltaModels.h"
#include "../itemmodels/QueryTableModel.h"
#include "../itemmodels/SizeTableModels.h"
#include "DiffReport.h"
#include "RunNames.h"
#include "SummaryReport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace bl {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("bl::BuildReport", text, disambiguation, n);
}

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString secondsText(double s)
{
    return formatSeconds(s);
}

// One figure of a build, for the headline table.
struct Figure
{
    QString name;
    std::optional<double> a, b;
    enum { Seconds, Ratio, Count } kind = Seconds;
    bool lowerIsBetter = true;
};

QString figureText(const Figure& f, double v)
{
    switch (f.kind) {
    case Figure::Seconds:
        return secondsText(v);
    case Figure::Ratio:
        return QString::number(v, 'f', 2);
    case Figure::Count:
        return QString::number(qlonglong(std::llround(v)));
    }
    return {};
}

std::vector<Figure> headlineFigures(const BuildReportData& d)
{
    std::vector<Figure> out;
    if (d.builds.empty())
        return out;
    const TimingsAnalysis& b = *d.builds.front();
    const TimingsAnalysis* a = d.baseBuilds.empty() ? nullptr : d.baseBuilds.front().get();
    auto add = [&](const QString& name, auto get, decltype(Figure::kind) kind, bool lower = true) {
        Figure f;
        f.name = name;
        f.kind = kind;
        f.lowerIsBetter = lower;
        f.b = get(b);
        if (a)
            f.a = get(*a);
        if (f.b || f.a)
            out.push_back(f);
    };
    using Opt = std::optional<double>;
    add(
        tr("Wall time"), [](const TimingsAnalysis& x) { return Opt(x.summary.wallSeconds); },
        Figure::Seconds);
    add(
        tr("Critical path"),
        [](const TimingsAnalysis& x) { return x.critical.available ? Opt(x.critical.seconds) : Opt(); },
        Figure::Seconds);
    add(
        tr("Longest path (unlimited jobs)"),
        [](const TimingsAnalysis& x) { return Opt(x.dag.longestPathSeconds); }, Figure::Seconds);
    add(
        tr("Parallelism"), [](const TimingsAnalysis& x) { return Opt(x.summary.parallelism); }, Figure::Ratio,
        false);
    add(
        tr("Units built"), [](const TimingsAnalysis& x) { return Opt(x.summary.builtUnits); }, Figure::Count);
    add(
        tr("Units fresh"), [](const TimingsAnalysis& x) { return Opt(x.summary.freshUnits); }, Figure::Count,
        false);
    add(
        tr("CPU time in units"), [](const TimingsAnalysis& x) { return Opt(x.summary.sumUnitSeconds); },
        Figure::Seconds);
    add(
        tr("Job slots"), [](const TimingsAnalysis& x) { return x.run->jobs > 0 ? Opt(x.run->jobs) : Opt(); },
        Figure::Count, false);
    return out;
}

QString changeText(const Figure& f)
{
    if (!f.a || !f.b)
        return {};
    if (f.kind == Figure::Count) {
        const auto delta = qlonglong(std::llround(*f.b - *f.a));
        return delta == 0
                   ? QStringLiteral("0")
                   : QStringLiteral("%1%2").arg(delta > 0 ? QStringLiteral("+") : QString()).arg(delta);
    }
    return formatPercentChange(*f.a, *f.b);
}

// "B is 88 % slower than the baseline", or for repeated builds whether the change stands out of the noise.
QString verdict(const BuildReportData& d)
{
    if (d.setDiff) {
        const TimingsSetDiff& s = *d.setDiff;
        const QString change = formatPercentChange(s.wallMeanA, s.wallMeanB);
        return s.wallSignificant ? tr("Wall time changed by %1 (%2 -> %3 on average over %4 and %5 builds; "
                                      "Welch's t-test p = %6)")
                                       .arg(change, secondsText(s.wallMeanA), secondsText(s.wallMeanB))
                                       .arg(s.runsA)
                                       .arg(s.runsB)
                                       .arg(s.wallPValue, 0, 'g', 2)
                                 : tr("No significant change in wall time (%1 -> %2 on average, %3; p = %4 "
                                      "over %5 and %6 builds)")
                                       .arg(secondsText(s.wallMeanA), secondsText(s.wallMeanB), change)
                                       .arg(s.wallPValue, 0, 'g', 2)
                                       .arg(s.runsA)
                                       .arg(s.runsB);
    }
    if (d.diff) {
        const TimingsDiff& t = *d.diff;
        const double rel = t.wallA > 0 ? (t.wallB - t.wallA) / t.wallA : 0;
        QString v =
            std::abs(rel) < 0.005
                ? tr("As fast as the baseline: %1 -> %2").arg(secondsText(t.wallA), secondsText(t.wallB))
            : rel > 0 ? tr("%1 slower than the baseline: %2 -> %3")
                            .arg(QStringLiteral("%1 %").arg(100 * rel, 0, 'f', 1), secondsText(t.wallA),
                                 secondsText(t.wallB))
                      : tr("%1 faster than the baseline: %2 -> %3")
                            .arg(QStringLiteral("%1 %").arg(-100 * rel, 0, 'f', 1), secondsText(t.wallA),
                                 secondsText(t.wallB));
        if (t.a->run->jobs > 0 && t.b->run->jobs > 0 && t.a->run->jobs != t.b->run->jobs)
            v += tr(" (different job counts: -j%1 -> -j%2)").arg(t.a->run->jobs).arg(t.b->run->jobs);
        return v;
    }
    if (d.sizeDiff)
        return tr(".text %1 -> %2 (%3)")
            .arg(formatBytes(d.baseSize->textSize), formatBytes(d.size->textSize),
                 formatPercentChange(double(d.baseSize->textSize), double(d.size->textSize)));
    return {};
}

QString th(const QStringList& cells)
{
    QString row = QStringLiteral("<tr>");
    for (const QString& c : cells)
        row += QStringLiteral("<th>%1</th>").arg(esc(c));
    return row + QStringLiteral("</tr>");
}

// Cells starting with '#' are numbers: right-aligned.
QString tdRow(const QStringList& cells)
{
    QString row = QStringLiteral("<tr>");
    for (const QString& c : cells) {
        if (c.startsWith(QLatin1Char('#')))
            row += QStringLiteral("<td align=\"right\" class=\"num\">%1</td>").arg(esc(c.mid(1)));
        else
            row += QStringLiteral("<td>%1</td>").arg(esc(c));
    }
    return row + QStringLiteral("</tr>");
}

QString table(const QStringList& header, const std::vector<QStringList>& rows)
{
    QString t = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"4\" border=\"1\">") + th(header);
    for (const QStringList& r : rows)
        t += tdRow(r);
    return t + QStringLiteral("</table>");
}

// Escaped text with Markdown's `code` spans as <code>: the findings are written once for both formats.
QString withCode(const QString& text)
{
    static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
    return esc(text).replace(code, QStringLiteral("<code>\\1</code>"));
}

QString findingsHtml(const std::vector<Finding>& findings, bool haveBuild)
{
    QString h = QStringLiteral("<h2>%1</h2>").arg(tr("Findings"));
    if (findings.empty())
        return h + QStringLiteral("<p>%1</p>")
                       .arg(haveBuild
                                ? tr("Nothing stands out: no build step on the critical path costs time, "
                                     "no long serial stretch, no slow link, no duplicated crate in the data "
                                     "given.")
                                : tr("Findings need a build timings input."));
    h += QStringLiteral("<ul>");
    for (const Finding& f : findings) {
        h += QStringLiteral("<li><b>%1</b>").arg(esc(f.title));
        if (f.savingSeconds)
            h += QStringLiteral(" — %1").arg(
                esc(tr("could save up to %1").arg(secondsText(*f.savingSeconds))));
        h += QStringLiteral("<br>%1<br><i>%2</i> %3</li>")
                 .arg(withCode(f.evidence), esc(tr("Try:")), withCode(f.advice));
    }
    return h + QStringLiteral("</ul>");
}

QString unitKindShort(const Unit& u)
{
    return unitKindLabel(u.kind);
}

} // namespace

void deriveReport(BuildReportData& d)
{
    if (!d.builds.empty() && !d.baseBuilds.empty()) {
        d.diff = std::make_shared<const TimingsDiff>(diffTimings(d.baseBuilds.front(), d.builds.front()));
        if (d.builds.size() > 1 || d.baseBuilds.size() > 1) {
            std::vector<std::shared_ptr<const TimingsRun>> a, b;
            for (const auto& x : d.baseBuilds)
                a.push_back(x->run);
            for (const auto& x : d.builds)
                b.push_back(x->run);
            d.setDiff = std::make_shared<const TimingsSetDiff>(diffTimingsSets(a, b));
        }
    }
    if (d.size && d.baseSize)
        d.sizeDiff = std::make_shared<const SizeDiff>(diffSizes(d.baseSize, d.size));
    FindingsInput in;
    if (!d.builds.empty())
        in.timings = d.builds.front();
    in.llvmLines = d.llvmLines;
    in.metadata = d.metadata;
    d.findings = findings(in);
}

std::vector<ReportBlock> reportBlocks(const BuildReportData& d)
{
    std::vector<ReportBlock> blocks;
    auto text = [&](const QString& html) {
        if (!blocks.empty() && !blocks.back().chart)
            blocks.back().html += html;
        else
            blocks.push_back({html, std::nullopt, 0, {}});
    };
    auto chart = [&](ReportChart c, const QString& caption, int index = 0) {
        blocks.push_back({QString(), c, index, caption});
    };

    QStringList inputs;
    for (const QString& f : d.inputFiles)
        inputs << QFileInfo(f).fileName();
    QString head = QStringLiteral("<h1>%1</h1><p class=\"meta\">%2</p>")
                       .arg(esc(d.title), esc(tr("Inputs: %1").arg(inputs.join(QStringLiteral(", ")))));
    if (d.compares()) {
        QStringList base;
        for (const QString& f : d.baseFiles)
            base << QFileInfo(f).fileName();
        head += QStringLiteral("<p class=\"meta\">%1</p>")
                    .arg(esc(tr("Compared with: %1").arg(base.join(QStringLiteral(", ")))));
    }
    if (const QString v = verdict(d); !v.isEmpty())
        head += QStringLiteral("<p class=\"verdict\"><b>%1</b></p>").arg(esc(v));
    text(head);

    // the gate first: in CI it is what the reader came for
    if (!d.gates.empty()) {
        std::vector<QStringList> rows;
        for (const GateResult& g : d.gates)
            rows.push_back({g.evaluated ? (g.met ? tr("FAILED") : tr("passed")) : tr("error"),
                            g.evaluated ? g.text : g.error});
        text(QStringLiteral("<h2>%1</h2>").arg(tr("Gate")) + table({tr("Result"), tr("Condition")}, rows));
    }

    if (!d.builds.empty()) {
        const TimingsAnalysis& b = *d.builds.front();
        const bool compare = !d.baseBuilds.empty();
        std::vector<QStringList> rows;
        for (const Figure& f : headlineFigures(d)) {
            if (compare)
                rows.push_back({f.name, f.a ? QLatin1Char('#') + figureText(f, *f.a) : QString(),
                                f.b ? QLatin1Char('#') + figureText(f, *f.b) : QString(),
                                QLatin1Char('#') + changeText(f)});
            else
                rows.push_back({f.name, QLatin1Char('#') + figureText(f, *f.b)});
        }
        text(QStringLiteral("<h2>%1</h2><p>%2</p>")
                 .arg(esc(d.setDiff ? tr("Build: %1 (the first of each side)").arg(timingsRunName(*b.run))
                                    : tr("Build: %1").arg(timingsRunName(*b.run))),
                      esc(QStringList{b.run->rustcVersion, jobSlotsVerdict(b)}.join(QStringLiteral(" · ")))) +
             table(compare ? QStringList{QString(), tr("Baseline"), tr("This build"), tr("Change")}
                           : QStringList{QString(), tr("This build")},
                   rows));
        text(findingsHtml(d.findings, true));
        text(QStringLiteral("<h2>%1</h2>").arg(tr("Timeline")));
        chart(ReportChart::Timeline, compare ? tr("This build") : QString());
        if (compare)
            chart(ReportChart::BaseTimeline, tr("Baseline, on the same time axis"));
        text(QStringLiteral("<h2>%1</h2>").arg(tr("Concurrency and CPU")));
        chart(ReportChart::Concurrency, QString());

        const auto& units = b.run->units;
        std::vector<QStringList> slow;
        for (int u : b.summary.slowest) {
            const Unit& x = units[std::size_t(u)];
            slow.push_back({x.label(), unitKindShort(x), QLatin1Char('#') + secondsText(x.duration),
                            QLatin1Char('#') + secondsText(x.start),
                            b.onCriticalPath[std::size_t(u)] ? tr("yes") : QString(),
                            QLatin1Char('#') + secondsText(b.dag.slack[std::size_t(u)])});
        }
        text(QStringLiteral("<h2>%1</h2>").arg(tr("Slowest units")) +
             table({tr("Unit"), tr("Kind"), tr("Duration"), tr("Start"), tr("Critical"), tr("Slack")}, slow));
        if (b.critical.available && !b.critical.units.empty()) {
            QStringList chain;
            for (int u : b.critical.units)
                chain << QStringLiteral("%1 (%2)").arg(units[std::size_t(u)].label(),
                                                       secondsText(units[std::size_t(u)].duration));
            text(QStringLiteral("<h2>%1</h2><p>%2</p><p class=\"chain\">%3</p>")
                     .arg(tr("Critical path"),
                          esc(tr("%n unit(s), %1: each unit released the next one.", nullptr,
                                 int(b.critical.units.size()))
                                  .arg(secondsText(b.critical.seconds))),
                          esc(chain.join(QStringLiteral(" → ")))));
        }
        if (d.diff) {
            const TimingsDiff& t = *d.diff;
            std::vector<QStringList> rows;
            for (std::size_t i = 0; i < t.changed.size() && rows.size() < 15; ++i) {
                const UnitChange& c = t.changed[i];
                if (std::abs(c.delta()) < 0.005)
                    break;
                rows.push_back({t.b->run->units[std::size_t(c.b)].label(),
                                QLatin1Char('#') + secondsText(c.durationA),
                                QLatin1Char('#') + secondsText(c.durationB),
                                QLatin1Char('#') + formatSignedSeconds(c.delta()),
                                QLatin1Char('#') + formatPercentChange(c.durationA, c.durationB)});
            }
            QString h = QStringLiteral("<h2>%1</h2>").arg(tr("What changed"));
            h += rows.empty()
                     ? QStringLiteral("<p>%1</p>").arg(tr("No unit changed by 0.01 s or more."))
                     : table({tr("Unit"), tr("Baseline"), tr("This build"), tr("Change"), tr("%")}, rows);
            auto list = [&](const QString& title, const std::vector<int>& which, const TimingsAnalysis& run) {
                if (which.empty())
                    return;
                QStringList names;
                for (std::size_t i = 0; i < which.size() && i < 20; ++i)
                    names << QStringLiteral("%1 (%2)").arg(
                        run.run->units[std::size_t(which[i])].label(),
                        secondsText(run.run->units[std::size_t(which[i])].duration));
                if (which.size() > 20)
                    names << tr("and %1 more").arg(which.size() - 20);
                h += QStringLiteral("<p><b>%1</b> (%2): %3</p>")
                         .arg(esc(title), QString::number(which.size()),
                              esc(names.join(QStringLiteral(", "))));
            };
            list(tr("Added"), t.added, *t.b);
            list(tr("Removed"), t.removed, *t.a);
            list(tr("Rebuilt (fresh in the baseline)"), t.rebuilt, *t.b);
            text(h);
        }
        if (d.setDiff) {
            std::vector<QStringList> rows;
            for (const UnitStats& u : d.setDiff->units) {
                if (!u.significant || rows.size() >= 15)
                    break;
                rows.push_back({u.label,
                                QLatin1Char('#') +
                                    QStringLiteral("%1 ± %2").arg(secondsText(u.meanA), secondsText(u.sdA)),
                                QLatin1Char('#') +
                                    QStringLiteral("%1 ± %2").arg(secondsText(u.meanB), secondsText(u.sdB)),
                                QLatin1Char('#') + formatSignedSeconds(u.delta()),
                                QLatin1Char('#') + QString::number(u.pValue, 'g', 2)});
            }
            text(QStringLiteral("<h2>%1</h2>").arg(tr("Repeated builds: changes beyond the noise")) +
                 (rows.empty()
                      ? QStringLiteral("<p>%1</p>").arg(tr("No unit changed significantly."))
                      : table({tr("Unit"), tr("Baseline"), tr("This build"), tr("Change"), tr("p")}, rows)));
        }
    } else {
        text(findingsHtml(d.findings, false));
    }

    for (std::size_t i = 0; i < d.profiles.size(); ++i) {
        const SelfProfile& p = *d.profiles[i];
        const std::vector<QueryStats>& queries = p.summary.queries; // largest self time first
        std::int64_t total = 0;
        for (const QueryStats& q : queries)
            total += q.selfTime;
        std::vector<QStringList> rows;
        for (std::size_t k = 0; k < queries.size() && k < 10; ++k)
            rows.push_back(
                {queries[k].label, QLatin1Char('#') + formatNanoseconds(queries[k].selfTime),
                 QLatin1Char('#') + QStringLiteral("%1 %").arg(100.0 * double(queries[k].selfTime) /
                                                                   double(std::max<std::int64_t>(1, total)),
                                                               0, 'f', 1),
                 QLatin1Char('#') + QString::number(queries[k].invocations)});
        text(QStringLiteral("<h2>%1</h2>").arg(esc(tr("Self-profile: %1").arg(selfProfileName(p)))) +
             table({tr("Query"), tr("Self time"), tr("Share"), tr("Invocations")}, rows));
        chart(ReportChart::FlameGraph, tr("Flame graph"), int(i));
    }

    if (d.size) {
        const SizeReport& s = *d.size;
        std::vector<QStringList> rows;
        for (std::size_t k = 0; k < s.crates.size() && k < 12; ++k)
            rows.push_back({s.crates[k].name, QLatin1Char('#') + formatBytes(s.crates[k].size),
                            QLatin1Char('#') +
                                QStringLiteral("%1 %").arg(
                                    s.textSize ? 100.0 * double(s.crates[k].size) / double(s.textSize) : 0.0,
                                    0, 'f', 1)});
        text(QStringLiteral("<h2>%1</h2><p>%2</p>")
                 .arg(esc(tr("Binary size: %1").arg(sizeReportName(s))),
                      esc(tr("file %1, .text %2").arg(formatBytes(s.fileSize), formatBytes(s.textSize)))) +
             table({tr("Crate"), tr("Size"), tr("% of .text")}, rows));
        if (d.sizeDiff) {
            std::vector<QStringList> delta;
            for (const CrateChange& c : d.sizeDiff->crates) {
                if (delta.size() >= 10 || c.delta() == 0)
                    continue;
                delta.push_back({c.name, QLatin1Char('#') + formatBytes(c.sizeA),
                                 QLatin1Char('#') + formatBytes(c.sizeB),
                                 QLatin1Char('#') + formatSignedAmount(c.delta(), false)});
            }
            text(QStringLiteral("<h3>%1</h3><p>%2</p>")
                     .arg(tr("Size against the baseline"),
                          esc(tr("file %1 -> %2, .text %3 -> %4")
                                  .arg(formatBytes(d.sizeDiff->fileSizeA), formatBytes(d.sizeDiff->fileSizeB),
                                       formatBytes(d.baseSize->textSize), formatBytes(s.textSize)))) +
                 table({tr("Crate"), tr("Baseline"), tr("This build"), tr("Change")}, delta));
        }
        chart(ReportChart::Treemap, tr("Where the bytes of .text go"));
    }
    return blocks;
}

QString htmlReport(const BuildReportData& d, const std::vector<ReportBlock>& blocks,
                   const std::function<QString(const ReportBlock&)>& svgOf)
{
    QString body;
    for (const ReportBlock& b : blocks) {
        if (!b.chart) {
            body += b.html;
            continue;
        }
        body += QStringLiteral("<figure class=\"chart\">%1%2</figure>")
                    .arg(svgOf(b), b.caption.isEmpty()
                                       ? QString()
                                       : QStringLiteral("<figcaption>%1</figcaption>").arg(esc(b.caption)));
    }
    // No script and no request: the styles and the charts are in the file. Charts keep their light
    // background in a dark theme, on a card, so that their colours mean the same.
    static const char* const css = R"(
:root { color-scheme: light dark; --fg: #1d1f22; --bg: #ffffff; --muted: #5c6066; --line: #d5d8dc; --head: #f2f4f6; }
@media (prefers-color-scheme: dark) { :root { --fg: #e4e6e9; --bg: #1b1c1f; --muted: #a0a4aa; --line: #3a3d42; --head: #26282c; } }
body { font: 14px/1.45 "DejaVu Sans", system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 1200px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; }
.meta { color: var(--muted); margin: 2px 0; } .verdict { font-size: 16px; margin: 12px 0; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; }
th { background: var(--head); } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 12px 0; background: #ffffff; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
figure.chart svg { width: 100%; height: auto; display: block; } figcaption { color: #5c6066; font-size: 12px; margin-top: 4px; }
.chain { font-size: 13px; }
li { margin-bottom: 8px; }
@media print { body { margin: 0; max-width: none; } figure.chart { break-inside: avoid; } h2 { break-after: avoid; } }
)";
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                          "<title>%1</title><style>%2</style></head><body>%3"
                          "<p class=\"meta\">%4</p></body></html>\n")
        .arg(esc(d.title), QString::fromLatin1(css), body,
             esc(tr("Made by BuildLens on %1.")
                     .arg(QDateTime::currentDateTimeUtc().toString(
                         QStringLiteral("yyyy-MM-dd hh:mm 'UTC'")))));
}

QString markdownReport(const BuildReportData& d)
{
    QStringList md;
    md << QStringLiteral("### %1").arg(d.title);
    if (const QString v = verdict(d); !v.isEmpty())
        md << QString() << QStringLiteral("**%1**").arg(v);
    for (const GateResult& g : d.gates)
        md << QStringLiteral("- %1 %2").arg(g.evaluated ? (g.met ? QStringLiteral("❌") : QStringLiteral("✅"))
                                                        : QStringLiteral("⚠️"),
                                            g.evaluated ? g.text : g.error);
    const std::vector<Figure> figures = headlineFigures(d);
    if (!figures.empty()) {
        const bool compare = !d.baseBuilds.empty();
        md << QString();
        if (d.setDiff)
            md << tr("The first build of each side:") << QString();
        md << (compare
                   ? QStringLiteral("| | %1 | %2 | %3 |").arg(tr("baseline"), tr("this build"), tr("change"))
                   : QStringLiteral("| | %1 |").arg(tr("this build")));
        md << (compare ? QStringLiteral("|---|---:|---:|---:|") : QStringLiteral("|---|---:|"));
        for (const Figure& f : figures) {
            if (compare) {
                // only the figures that changed, to stay short
                if (f.a && f.b && figureText(f, *f.a) == figureText(f, *f.b))
                    continue;
                md << QStringLiteral("| %1 | %2 | %3 | %4 |")
                          .arg(f.name, f.a ? figureText(f, *f.a) : QString(),
                               f.b ? figureText(f, *f.b) : QString(), changeText(f));
            } else {
                md << QStringLiteral("| %1 | %2 |").arg(f.name, figureText(f, *f.b));
            }
        }
    }
    if (d.diff) {
        std::vector<const UnitChange*> worse;
        for (const UnitChange& c : d.diff->changed)
            if (c.delta() >= 0.01)
                worse.push_back(&c);
        std::sort(worse.begin(), worse.end(), [](auto* x, auto* y) { return x->delta() > y->delta(); });
        if (!worse.empty()) {
            md << QString() << tr("Top regressions:") << QString();
            md << QStringLiteral("| %1 | %2 | %3 | %4 |")
                      .arg(tr("unit"), tr("baseline"), tr("this build"), tr("change"));
            md << QStringLiteral("|---|---:|---:|---:|");
            for (std::size_t i = 0; i < worse.size() && i < 8; ++i)
                md << QStringLiteral("| %1 | %2 | %3 | %4 (%5) |")
                          .arg(d.diff->b->run->units[std::size_t(worse[i]->b)].label(),
                               secondsText(worse[i]->durationA), secondsText(worse[i]->durationB),
                               formatSignedSeconds(worse[i]->delta()),
                               formatPercentChange(worse[i]->durationA, worse[i]->durationB));
        }
        if (!d.diff->added.empty() || !d.diff->rebuilt.empty())
            md << QString()
               << tr("%1 unit(s) added, %2 removed, %3 rebuilt that the baseline had fresh.")
                      .arg(d.diff->added.size())
                      .arg(d.diff->removed.size())
                      .arg(d.diff->rebuilt.size());
    }
    if (d.sizeDiff)
        md << QString()
           << tr("Binary: file %1 -> %2, .text %3 -> %4 (%5).")
                  .arg(formatBytes(d.sizeDiff->fileSizeA), formatBytes(d.sizeDiff->fileSizeB),
                       formatBytes(d.baseSize->textSize), formatBytes(d.size->textSize),
                       formatPercentChange(double(d.baseSize->textSize), double(d.size->textSize)));
    if (!d.findings.empty()) {
        md << QString() << tr("Findings:");
        for (std::size_t i = 0; i < d.findings.size() && i < 4; ++i) {
            const Finding& f = d.findings[i];
            md << QStringLiteral("- **%1**%2. %3")
                      .arg(f.title,
                           f.savingSeconds ? tr(" (could save up to %1)").arg(secondsText(*f.savingSeconds))
                                           : QString(),
                           f.advice);
        }
    }
    return md.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace bl
