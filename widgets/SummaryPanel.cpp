#include "SummaryPanel.h"

#include "analysis/Findings.h"

#include "KindColors.h"
#include "report/SummaryReport.h"

#include <QCursor>
#include <QEvent>
#include <QFileInfo>
#include <QRegularExpression>
#include <QToolTip>

namespace bl {

SummaryPanel::SummaryPanel(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("unit"))
            emit unitActivated(url.path().toInt());
    });
    // hovering a unit says why it is, or is not, on the critical path
    connect(this, qOverload<const QUrl&>(&QTextBrowser::highlighted), this, [this](const QUrl& url) {
        const QString tip =
            url.scheme() == QLatin1String("unit") ? unitToolTip(url.path().toInt()) : QString();
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(QCursor::pos(), tip, this);
    });
    render();
}

QString SummaryPanel::unitToolTip(int unit) const
{
    if (!m_analysis || unit < 0 || unit >= int(m_analysis->run->units.size()))
        return {};
    const Unit& u = m_analysis->run->units[static_cast<std::size_t>(unit)];
    return QStringLiteral("<p><b>%1</b> · %2</p><p>%3</p>")
        .arg(u.label().toHtmlEscaped(), formatSeconds(u.duration),
             criticalPathReason(*m_analysis, unit).toHtmlEscaped());
}

QSize SummaryPanel::sizeHint() const
{
    return {300, 500};
}

void SummaryPanel::setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis,
                               std::shared_ptr<const std::vector<Finding>> found)
{
    m_analysis = std::move(analysis);
    m_findings = std::move(found);
    render();
}

void SummaryPanel::changeEvent(QEvent* event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render();
}

void SummaryPanel::render()
{
    if (!m_analysis) {
        setHtml(tr("<p>No build loaded.</p><p>Open a <code>cargo build --timings</code> report, a "
                   "<code>-Zbuild-analysis</code> log or <code>--timings=json</code> lines.</p>"));
        return;
    }
    const TimingsAnalysis& a = *m_analysis;
    const TimingsRun& run = *a.run;
    const TimingsSummary& s = a.summary;
    const QPalette& pal = palette();
    const QString muted = pal.color(QPalette::PlaceholderText).name();
    auto pct = [&](double part) {
        return s.sumUnitSeconds > 0 ? QStringLiteral("%1 %").arg(100.0 * part / s.sumUnitSeconds, 0, 'f', 1)
                                    : QStringLiteral("–");
    };
    auto row = [](const QString& label, const QString& value, const QString& hint = QString()) {
        // a narrow panel breaks a value between its parts, never between a number and its unit ("0 fresh")
        static const QRegularExpression numberSpace(QStringLiteral("(\\d) "));
        QString v = value;
        v.replace(numberSpace, QStringLiteral("\\1&nbsp;"));
        QString r =
            QStringLiteral("<tr><td style='padding-right:10px'>%1</td><td align='right'><b>%2</b></td></tr>")
                .arg(label, v);
        if (!hint.isEmpty())
            r += QStringLiteral("<tr><td colspan='2' style='font-size:small'>%1</td></tr>").arg(hint);
        return r;
    };
    QColor link = pal.color(QPalette::Link);
    if (isDarkPalette(pal) && link.lightness() < 140)
        link = QColor(0x6c, 0xb6, 0xff); // the default link blue is unreadable on a dark background
    QString html = QStringLiteral("<style>a { color: %1; text-decoration: none; }</style>").arg(link.name());
    html += QStringLiteral("<h3 style='margin-bottom:2px'>%1</h3>")
                .arg(QFileInfo(run.file).fileName().toHtmlEscaped());
    QStringList meta;
    if (!run.profile.isEmpty())
        meta << tr("%1 profile").arg(run.profile.toHtmlEscaped());
    if (!run.rustcVersion.isEmpty())
        meta << run.rustcVersion.toHtmlEscaped();
    if (run.jobs > 0)
        meta << tr("%1 jobs").arg(run.jobs);
    html += QStringLiteral("<p style='color:%1;margin-top:0'>%2</p>")
                .arg(muted, meta.join(QStringLiteral(" · ")));

    html += QStringLiteral("<table width='100%' cellspacing='2'>");
    html += row(tr("Wall time"), formatSeconds(s.wallSeconds));
    html += row(tr("Units"), tr("%L1 built, %L2 fresh").arg(s.builtUnits).arg(s.freshUnits));
    html += row(tr("Sum of unit times"), formatSeconds(s.sumUnitSeconds));
    html += row(tr("Parallelism"), QStringLiteral("%1×").arg(s.parallelism, 0, 'f', 2),
                tr("<span style='color:%1'>average units compiling at once; most at once: %2</span>")
                    .arg(muted)
                    .arg(s.maxConcurrency));
    {
        const QString verdict = jobSlotsVerdict(a);
        html +=
            row(tr("Job slots"),
                run.jobs > 0 ? (s.jobLimited ? tr("%1 · limited").arg(run.jobs) : QString::number(run.jobs))
                             : tr("not recorded"),
                verdict.isEmpty()
                    ? QString()
                    : QStringLiteral("<span style='color:%1'>%2</span>").arg(muted, verdict.toHtmlEscaped()));
    }
    html += row(
        tr("Outside units"), formatSeconds(s.outsideUnitsSeconds()),
        tr("<span style='color:%1'>no unit compiling: %2 before the first one (resolving, fingerprinting, "
           "waiting for the build lock), %3 in gaps</span>")
            .arg(muted, formatSeconds(s.beforeFirstUnitSeconds), formatSeconds(s.gapSeconds)));
    if (a.critical.available)
        html += row(tr("Critical path"), formatSeconds(a.critical.seconds),
                    tr("<span style='color:%1'>%n unit(s), each releasing the next</span>", nullptr,
                       int(a.critical.units.size()))
                        .arg(muted));
    html += row(tr("Longest path"), formatSeconds(a.dag.longestPathSeconds),
                tr("<span style='color:%1'>the wall time with unlimited jobs</span>").arg(muted));
    html += row(tr("Build scripts"), QStringLiteral("%1 · %2").arg(formatSeconds(s.buildScriptSeconds),
                                                                   pct(s.buildScriptSeconds)));
    html += row(tr("Proc macros"),
                QStringLiteral("%1 · %2").arg(formatSeconds(s.procMacroSeconds), pct(s.procMacroSeconds)));
    if (s.frontendSeconds + s.codegenSeconds > 0)
        html += row(tr("Frontend / codegen"), QStringLiteral("%1 / %2").arg(formatSeconds(s.frontendSeconds),
                                                                            formatSeconds(s.codegenSeconds)));
    html += QStringLiteral("</table>");

    // what the data says, with the figures behind it; nothing when nothing stands out
    if (!m_findings) // kept for the next render (a palette change)
        m_findings = std::make_shared<const std::vector<Finding>>(
            findings(FindingsInput{m_analysis, nullptr, nullptr}));
    const std::vector<Finding>& found = *m_findings;
    if (!found.empty()) {
        html += QStringLiteral("<h4>%1</h4>").arg(tr("Findings"));
        for (const Finding& f : found) {
            html += QStringLiteral("<p style='margin-bottom:2px'><b>%1</b>%2</p>")
                        .arg(f.title.toHtmlEscaped(),
                             f.savingSeconds ? QStringLiteral(" <span style='color:%1'>%2</span>")
                                                   .arg(muted, tr("could save up to %1")
                                                                   .arg(formatSeconds(*f.savingSeconds))
                                                                   .toHtmlEscaped())
                                             : QString());
            html += QStringLiteral("<p style='font-size:small;margin-top:0'>%1<br><i>%2</i> "
                                   "<span style='color:%3'>%4</span></p>")
                        .arg(f.evidence.toHtmlEscaped(), tr("Try:"), muted, f.advice.toHtmlEscaped());
        }
    }

    html += QStringLiteral("<h4>%1</h4><table width='100%' cellspacing='2'>").arg(tr("Time by kind"));
    for (const KindShare& k : s.byKind) {
        html += QStringLiteral("<tr><td><span style='color:%1'>■</span> %2</td><td align='right'>%3</td><td "
                               "align='right'>%4</td></tr>")
                    .arg(kindColor(k.kind, pal).name(), unitKindLabel(k.kind), formatSeconds(k.seconds),
                         pct(k.seconds));
    }
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h4>%1</h4><table width='100%' cellspacing='2'>").arg(tr("Slowest units"));
    for (int u : s.slowest) {
        const Unit& unit = run.units[u];
        if (unit.duration <= 0)
            break;
        html += QStringLiteral("<tr><td><a href='unit:%1'>%2</a>%3</td><td align='right'>%4</td></tr>")
                    .arg(QString::number(u), unit.label().toHtmlEscaped(),
                         a.onCriticalPath[u] ? QStringLiteral(" <span style='color:%1'>●</span>")
                                                   .arg(criticalPathColor(pal).name())
                                             : QString(),
                         formatSeconds(unit.duration));
    }
    html += QStringLiteral("</table>");
    if (a.critical.available && !a.critical.units.empty())
        html += tr("<p style='color:%1'><span style='color:%2'>●</span> on the critical path</p>")
                    .arg(muted, criticalPathColor(pal).name());
    if (!run.warnings.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><ul style='margin-left:-20px'>").arg(tr("Notes on this file"));
        for (const QString& w : run.warnings.mid(0, 20))
            html += QStringLiteral("<li>%1</li>").arg(w.toHtmlEscaped());
        if (run.warnings.size() > 20)
            html += tr("<li>… and %1 more</li>").arg(run.warnings.size() - 20);
        html += QStringLiteral("</ul>");
    }
    setHtml(html);
}

} // namespace bl
