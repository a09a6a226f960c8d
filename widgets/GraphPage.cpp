#include "GraphPage.h"

#include "DepGraphView.h"
#include "analysis/GraphLayout.h"
#include "analysis/GraphQueries.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bl {

GraphPage::GraphPage(QWidget* parent)
    : DocumentPage(parent)
    , m_header(makeHeader())
    , m_view(new DepGraphView)
    , m_duplicates(new QListWidget)
    , m_details(new QTextBrowser)
{
    m_details->setOpenLinks(false);
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 0, 4, 0);
    sideLayout->addWidget(new QLabel(tr("<b>In more than one version</b>")));
    sideLayout->addWidget(m_duplicates, 1);
    sideLayout->addWidget(new QLabel(tr("<b>Selected crate</b>")));
    sideLayout->addWidget(m_details, 3);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_view);
    split->addWidget(side);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setSizes({920, 340});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(split, 1);
    connect(m_view, &DepGraphView::packageSelected, this, &GraphPage::showDetails);
    connect(m_view, &DepGraphView::searchMatchesChanged, this,
            [this](int n) { emit searchMatchesChanged(n, -1); });
    connect(m_duplicates, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { m_view->selectPackage(item->data(Qt::UserRole).toInt()); });
    connect(m_details, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("pkg"))
            m_view->selectPackage(url.path().toInt());
    });
    showDetails(-1);
}

void GraphPage::setGraph(std::shared_ptr<const DepGraph> graph, std::shared_ptr<const GraphLayout> layout)
{
    m_graph = std::move(graph);
    m_view->setGraph(m_graph, std::move(layout));
    const auto dups = duplicates(*m_graph);
    QStringList members;
    for (int m : m_graph->members)
        members << m_graph->packages[std::size_t(m)].name;
    m_header->setText(tr("<b>%1</b> &nbsp; %2 packages · %3 dependency edges · members: %4 · deepest chain "
                         "%5 · %6 in several versions")
                          .arg(QFileInfo(m_graph->file).fileName().toHtmlEscaped())
                          .arg(m_graph->packages.size())
                          .arg(m_graph->edges.size())
                          .arg(members.join(QStringLiteral(", ")).toHtmlEscaped())
                          .arg(maxDepth(*m_graph))
                          .arg(dups.size()));
    m_duplicates->clear();
    for (const Duplicate& d : dups)
        for (const QString& v : d.versions) {
            auto* item = new QListWidgetItem(QStringLiteral("%1 %2").arg(d.name, v), m_duplicates);
            item->setData(Qt::UserRole, m_graph->indexOf(d.name, v));
            QStringList by;
            for (int p : reverseDependencies(*m_graph, m_graph->indexOf(d.name, v)))
                by << m_graph->packages[std::size_t(p)].name;
            item->setToolTip(tr("pulled in by %1").arg(by.join(QStringLiteral(", "))));
        }
    if (dups.empty())
        m_duplicates->addItem(tr("none: every crate in one version"));
}

void GraphPage::showDetails(int package)
{
    if (!m_graph || package < 0) {
        m_details->setHtml(
            tr("<p>Click a crate to see who pulls it in and what rebuilds when it changes.</p>"));
        return;
    }
    const DepPackage& p = m_graph->packages[std::size_t(package)];
    auto link = [&](int i) {
        const DepPackage& q = m_graph->packages[std::size_t(i)];
        return QStringLiteral("<a href='pkg:%1'>%2</a>").arg(i).arg(q.name.toHtmlEscaped());
    };
    QString html = QStringLiteral("<h3>%1 %2</h3>").arg(p.name.toHtmlEscaped(), p.version.toHtmlEscaped());
    html +=
        QStringLiteral("<p>%1</p>").arg(p.source.isEmpty() ? tr("a path package") : p.source.toHtmlEscaped());
    if (!p.features.isEmpty())
        html += tr("<p>Features: %1</p>").arg(p.features.join(QStringLiteral(", ")).toHtmlEscaped());
    QStringList direct;
    for (int d : reverseDependencies(*m_graph, package))
        direct << link(d);
    const auto all = transitiveDependents(*m_graph, package);
    html += tr("<p><b>Used by</b> %1</p>")
                .arg(direct.isEmpty() ? tr("nothing (a root)") : direct.join(QStringLiteral(", ")));
    html += tr("<p><b>Rebuilds if it changes:</b> %n crate(s)</p>", nullptr, int(all.size()));
    html += tr("<p><b>Why it is here</b></p><ul>");
    int shown = 0;
    for (int m : m_graph->members) {
        for (const auto& path : whyPaths(*m_graph, m, package, false, 10)) {
            QStringList hops;
            for (int i : path)
                hops << link(i);
            html += QStringLiteral("<li>%1</li>").arg(hops.join(QStringLiteral(" › ")));
            if (++shown >= 12)
                break;
        }
        if (shown >= 12)
            break;
    }
    html += QStringLiteral("</ul>");
    m_details->setHtml(html);
}

QString GraphPage::title() const
{
    return m_graph ? QFileInfo(m_graph->file).fileName() : tr("Dependencies");
}

QString GraphPage::statusText() const
{
    return m_graph ? tr("%1: %2 packages, %3 edges")
                         .arg(title())
                         .arg(m_graph->packages.size())
                         .arg(m_graph->edges.size())
                   : QString();
}

void GraphPage::setSearchText(const QString& text)
{
    m_view->setSearchText(text.trimmed());
}
void GraphPage::fitToWindow()
{
    m_view->fitToWindow();
}
void GraphPage::zoomBy(double factor)
{
    m_view->zoomBy(factor);
}

} // namespace bl
