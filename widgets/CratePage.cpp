#include "CratePage.h"

#include "itemmodels/SizeTableModels.h"
#include "report/SummaryReport.h"

#include <QFileInfo>
#include <QTextBrowser>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace bl {

namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString openLink(const QString& file, const QString& item, const QString& text)
{
    QUrl url;
    url.setScheme(QStringLiteral("open"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("file"), file);
    if (!item.isEmpty())
        query.addQueryItem(QStringLiteral("item"), item);
    url.setQuery(query);
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(url.toString(QUrl::FullyEncoded)), esc(text));
}

// A table, and a small gap so that the next section's heading stands apart from it (Qt's rich text drops the
// heading's margin after some tables).
constexpr char kEndOfTable[] = "</table><p style='margin:0; font-size:6pt'>&nbsp;</p>";

QString percent(double share)
{
    return QStringLiteral("%1 %").arg(100 * share, 0, 'f', 1);
}

} // namespace

CratePage::CratePage(QWidget* parent)
    : DocumentPage(parent)
    , m_header(makeHeader())
    , m_body(new QTextBrowser)
{
    m_body->setOpenLinks(false);
    m_body->setObjectName(QStringLiteral("crateBody"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_body, 1);
    connect(m_body, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() != QLatin1String("open"))
            return;
        const QUrlQuery query(url);
        emit openRequested(query.queryItemValue(QStringLiteral("file"), QUrl::FullyDecoded),
                           query.queryItemValue(QStringLiteral("item"), QUrl::FullyDecoded));
    });
}

void CratePage::setReport(const CrateReport& report, const QHash<QString, QString>& titles)
{
    m_report = report;
    const CrateReport& r = m_report;
    auto from = [&](const QString& file) {
        const QString tab = titles.value(file, QFileInfo(file).fileName());
        return tr("from %1").arg(openLink(file, QString(), tab));
    };
    QStringList kinds;
    if (!r.builds.empty())
        kinds << tr("%n build(s)", nullptr, int(r.builds.size()));
    if (!r.profiles.empty())
        kinds << tr("%n self-profile(s)", nullptr, int(r.profiles.size()));
    if (!r.sizes.empty())
        kinds << tr("%n size report(s)", nullptr, int(r.sizes.size()));
    if (!r.graphs.empty())
        kinds << tr("%n dependency graph(s)", nullptr, int(r.graphs.size()));
    m_header->setText(
        tr("<b>%1</b> &nbsp; everything open about it: %2")
            .arg(esc(r.name), kinds.isEmpty() ? tr("nothing") : kinds.join(QStringLiteral(", "))));

    QString h;
    for (const CrateBuild& b : r.builds) {
        h += tr("<h3>Build</h3><p>%1 · %2 of a %3 build")
                 .arg(from(b.file), formatSeconds(b.seconds), formatSeconds(b.wallSeconds));
        if (b.criticalSeconds > 0)
            h += tr(" · %1 on the critical path (%2 of it)")
                     .arg(formatSeconds(b.criticalSeconds), percent(b.criticalShare));
        h += QStringLiteral(
                 "</p><table cellspacing=0 cellpadding=3><tr><th align=left>%1</th><th align=right>%2"
                 "</th><th align=right>%3</th><th align=right>%4</th><th align=right>%5</th>"
                 "<th align=left>%6</th></tr>")
                 .arg(tr("Unit"), tr("Time"), tr("Frontend"), tr("Codegen"), tr("Slack"),
                      tr("Rebuilt because"));
        for (const CrateUnit& u : b.units) {
            auto seconds = [](double s) {
                return s >= 0 ? formatSeconds(s) : QStringLiteral("–");
            };
            h +=
                QStringLiteral(
                    "<tr><td>%1%2</td><td align=right>%3</td><td align=right>%4</td><td align=right>"
                    "%5</td><td align=right>%6</td><td>%7</td></tr>")
                    .arg(openLink(b.file, u.label, u.label),
                         u.critical ? tr(" <b>(critical)</b>") : QString(), seconds(u.duration),
                         seconds(u.frontend), seconds(u.codegen), seconds(u.slack),
                         esc(u.rebuildCause.isEmpty() ? QString()
                                                      : u.rebuildCause + QLatin1Char(' ') + u.rebuildDetail));
        }
        h += QLatin1String(kEndOfTable);
    }
    for (const CrateProfile& p : r.profiles) {
        h +=
            tr("<h3>Self-profile</h3><p>%1 · %2 in all</p>").arg(from(p.file), formatSeconds(p.totalSeconds));
        h += QStringLiteral(
                 "<table cellspacing=0 cellpadding=3><tr><th align=left>%1</th><th align=right>%2</th>"
                 "<th align=right>%3</th></tr>")
                 .arg(tr("Query"), tr("Self time"), tr("Calls"));
        for (const QueryStats& q : p.topQueries)
            h += QStringLiteral("<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td></tr>")
                     .arg(esc(q.label), formatSeconds(double(q.selfTime) / 1e9),
                          QString::number(q.invocations));
        h += QLatin1String(kEndOfTable);
    }
    for (const CrateBytes& s : r.sizes) {
        const bool lines = s.source == QLatin1String("llvm-lines");
        const double share = s.total ? double(s.size) / double(s.total) : 0;
        h += lines ? tr("<h3>LLVM IR lines</h3><p>%1 · %2 lines, %3 of the total, %4 functions</p>")
                         .arg(from(s.file), QString::number(s.size), percent(share),
                              QString::number(s.functions))
                   : tr("<h3>In the binary</h3><p>%1 · %2, %3 of .text, %4 functions · %5</p>")
                         .arg(from(s.file), formatBytes(s.size), percent(share), QString::number(s.functions),
                              openLink(s.file, r.name, tr("its block in the treemap")));
        const std::vector<CrateFunction>& list = lines && !s.mostCopies.empty() ? s.mostCopies : s.largest;
        if (list.empty())
            continue;
        h += lines ? QStringLiteral("<p>%1</p>").arg(tr("The generic functions with the most copies:"))
                   : QString();
        h += QStringLiteral(
                 "<table cellspacing=0 cellpadding=3><tr><th align=left>%1</th><th align=right>%2</th>%3"
                 "</tr>")
                 .arg(tr("Function"), lines ? tr("Lines") : tr("Size"),
                      lines ? QStringLiteral("<th align=right>%1</th>").arg(tr("Copies")) : QString());
        for (const CrateFunction& f : list)
            h += QStringLiteral("<tr><td>%1</td><td align=right>%2</td>%3</tr>")
                     .arg(esc(f.name), lines ? QString::number(f.size) : formatBytes(f.size),
                          lines ? QStringLiteral("<td align=right>%1</td>").arg(f.copies) : QString());
        h += QLatin1String(kEndOfTable);
    }
    for (const CrateGraph& g : r.graphs) {
        h += tr("<h3>In the dependency graph</h3><p>%1 · %2%3 · depth %4 from the workspace members · %5 "
                "crate(s) depend on it, directly or not</p>")
                 .arg(from(g.file), esc(g.versions.join(QStringLiteral(", "))),
                      g.versions.size() > 1 ? tr(" (<b>in several versions</b>)") : QString(),
                      QString::number(g.depth), QString::number(g.transitiveDependents));
        if (!g.dependents.isEmpty())
            h += tr("<p><b>Used by</b> %1</p>").arg(esc(g.dependents.join(QStringLiteral(", "))));
        if (!g.dependencies.isEmpty())
            h += tr("<p><b>Depends on</b> %1</p>").arg(esc(g.dependencies.join(QStringLiteral(", "))));
        if (!g.features.isEmpty())
            h += tr("<p><b>Features</b> %1</p>").arg(esc(g.features.join(QStringLiteral(", "))));
    }
    if (!r.history.empty()) {
        h += tr("<h3>Over the stored runs</h3><p>from the run library %1 (History › Show History)</p>")
                 .arg(esc(QFileInfo(r.historyFile).fileName()));
        h += QStringLiteral(
                 "<table cellspacing=0 cellpadding=3><tr><th align=left>%1</th><th align=left>%2</th>"
                 "<th align=left>%3</th><th align=right>%4</th></tr>")
                 .arg(tr("Run"), tr("Built"), tr("Label"), tr("Its time or size"));
        for (const CrateHistoryPoint& p : r.history) {
            const QString value = p.kind == QLatin1String("timings")
                                      ? tr("%1 in %n unit(s)", nullptr, p.units).arg(formatSeconds(p.seconds))
                                  : p.kind == QLatin1String("llvm-lines") ? tr("%1 IR lines").arg(p.size)
                                                                          : formatBytes(p.size);
            h += QStringLiteral("<tr><td>#%1 %2</td><td>%3</td><td>%4</td><td align=right>%5</td></tr>")
                     .arg(p.run)
                     .arg(esc(p.kind),
                          esc(QString(p.date).left(16).replace(QLatin1Char('T'), QLatin1Char(' '))),
                          esc(p.label), value);
        }
        h += QLatin1String(kEndOfTable);
    }
    if (h.isEmpty())
        h = tr("<p>Nothing open says anything about %1.</p>").arg(esc(r.name));
    m_body->setHtml(h);
}

QString CratePage::html() const
{
    return m_body->toHtml();
}

QString CratePage::title() const
{
    return tr("%1 · crate").arg(m_report.name);
}

QString CratePage::statusText() const
{
    return tr("%1: %n section(s) from the open tabs", nullptr,
              int(m_report.builds.size() + m_report.profiles.size() + m_report.sizes.size() +
                  m_report.graphs.size()))
        .arg(m_report.name);
}

void CratePage::setSearchText(const QString& text)
{
    QTextCursor start = m_body->textCursor();
    start.movePosition(QTextCursor::Start);
    m_body->setTextCursor(start);
    const bool found = !text.isEmpty() && m_body->find(text);
    emit searchMatchesChanged(text.isEmpty() ? -1 : found ? 1 : 0, found ? 0 : -1);
}

void CratePage::nextMatch()
{
    m_body->find(findText());
}

void CratePage::previousMatch()
{
    m_body->find(findText(), QTextDocument::FindBackward);
}

void CratePage::zoomBy(double factor)
{
    if (factor > 1)
        m_body->zoomIn(1);
    else
        m_body->zoomOut(1);
}

} // namespace bl
