#include "GraphPage.h"

#include "DepGraphView.h"
#include "analysis/GraphLayout.h"
#include "analysis/GraphQueries.h"
#include "analysis/TimingsAnalysis.h"
#include "report/RunNames.h"
#include "report/SummaryReport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace bl {

GraphPage::GraphPage(QWidget* parent)
    : DocumentPage(parent)
    , m_header(makeHeader())
    , m_heatCombo(new QComboBox)
    , m_heatLabel(new QLabel(tr("Heat from:")))
    , m_overviewBox(new QCheckBox(tr("Overview")))
    , m_groupBox(new QCheckBox(tr("Group members")))
    , m_focus(new QCheckBox(tr("Focus")))
    , m_levels(new QSpinBox)
    , m_busy(new QLabel(tr("Laying out…")))
    , m_focusInfo(new QLabel)
    , m_selectedTitle(new QLabel(tr("<b>Selected crate</b>")))
    , m_view(new DepGraphView)
    , m_duplicates(new QListWidget)
    , m_details(new QTextBrowser)
{
    m_details->setOpenLinks(false);
    m_heatCombo->setToolTip(tr("Colour the crates by their compile time in a build of this workspace "
                               "opened in another tab"));
    m_heatCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_heatLabel->setBuddy(m_heatCombo);
    m_focus->setToolTip(tr("Show only the selected crate's dependencies and dependents, a few levels deep"));
    m_levels->setRange(1, 5);
    m_levels->setValue(2);
    m_levels->setSuffix(tr(" level(s)"));
    m_levels->setToolTip(tr("How many levels of dependencies and dependents focus mode shows"));
    m_busy->hide();
    m_overviewBox->setToolTip(
        tr("Show a big graph so that it reads at window size: workspace members that no two "
           "other members share as one node, dev-dependencies hidden, edges another path "
           "already implies left out, and crates with no dependencies that only one crate "
           "uses folded into it (\"+1\")"));
    m_groupBox->setToolTip(
        tr("In the overview, show the workspace members that no two other members share as "
           "one node; unticked, the group opens in place and the rest of the graph keeps its layout"));
    m_groupBox->setChecked(true);
    m_overviewBox->hide();
    m_groupBox->hide();

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 6, 2);
    bar->addWidget(m_heatLabel);
    bar->addWidget(m_heatCombo);
    bar->addSpacing(16);
    bar->addWidget(m_overviewBox);
    bar->addWidget(m_groupBox);
    bar->addSpacing(8);
    bar->addWidget(m_focus);
    bar->addWidget(m_levels);
    bar->addSpacing(8);
    bar->addWidget(m_focusInfo);
    bar->addSpacing(12);
    bar->addWidget(m_busy);
    bar->addStretch(1);

    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 0, 4, 0);
    sideLayout->addWidget(new QLabel(tr("<b>In more than one version</b>")));
    sideLayout->addWidget(m_duplicates, 1);
    sideLayout->addWidget(m_selectedTitle);
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
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_view, &DepGraphView::packageSelected, this, [this](int package) {
        showDetails(package);
        if (m_focus->isChecked() && package >= 0 && package != m_focusedOn)
            refocus();
    });
    connect(m_view, &DepGraphView::packageActivated, this, [this](int package) {
        if (!m_graph || package < 0 || std::size_t(package) >= m_graph->packages.size())
            return;
        // a group of members stands for many crates: it opens in place
        if (m_overview && std::size_t(package) < m_overview->groupOf.size() &&
            m_overview->groupOf[std::size_t(package)] >= 0) {
            m_groupBox->setChecked(false);
            return;
        }
        emit crateRequested(m_graph->packages[std::size_t(package)].name);
    });
    connect(m_view, &DepGraphView::searchMatchesChanged, this,
            [this](int n) { emit searchMatchesChanged(n, -1); });
    connect(m_duplicates, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { m_view->selectPackage(item->data(Qt::UserRole).toInt()); });
    connect(m_details, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("pkg"))
            m_view->selectPackage(url.path().toInt());
    });
    connect(m_heatCombo, &QComboBox::currentIndexChanged, this, [this](int i) { setHeatSource(i - 1); });
    connect(m_focus, &QCheckBox::toggled, this, [this] { refocus(); });
    connect(m_overviewBox, &QCheckBox::toggled, this, [this] { showWholeOrOverview(); });
    connect(m_groupBox, &QCheckBox::toggled, this, [this] { showWholeOrOverview(); });
    connect(m_levels, &QSpinBox::valueChanged, this, [this] {
        if (m_focus->isChecked())
            refocus();
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &GraphPage::onJobFinished);
    setTimingsSources({});
    showDetails(-1);
}

GraphPage::~GraphPage() = default;

bool GraphPage::isUnitGraph() const
{
    return m_ownRun != nullptr;
}

void GraphPage::setGraph(std::shared_ptr<const DepGraph> graph, std::shared_ptr<const GraphLayout> layout)
{
    m_ownRun.reset();
    m_heatLabel->show();
    m_heatCombo->show();
    m_sourceGraph = graph;
    m_overview.reset();
    const bool big = graph && wantsOverview(*graph);
    {
        const QSignalBlocker b1(m_overviewBox), b2(m_groupBox);
        m_overviewBox->setChecked(big);
        m_groupBox->setChecked(true);
    }
    m_overviewBox->setVisible(graph != nullptr);
    m_groupBox->setVisible(big);
    showGraph(std::move(graph));
    if (big) {
        startJob(false, m_sourceGraph, {}, {}, true);
        return;
    }
    if (layout) {
        m_fullLayout = std::move(layout);
        m_view->setLayout(m_fullLayout);
        updateHeader();
        emit layoutApplied();
    } else {
        startJob(false, m_graph, {});
    }
}

void GraphPage::setOverview(bool on)
{
    m_overviewBox->setChecked(on);
}

bool GraphPage::overview() const
{
    return m_overviewBox->isChecked();
}

void GraphPage::setMembersGrouped(bool on)
{
    m_groupBox->setChecked(on);
}

bool GraphPage::membersGrouped() const
{
    return m_groupBox->isChecked();
}

void GraphPage::showWholeOrOverview()
{
    if (!m_sourceGraph || isUnitGraph())
        return;
    m_groupBox->setVisible(m_overviewBox->isChecked());
    if (m_overviewBox->isChecked()) {
        startJob(false, m_sourceGraph, {}, {}, true);
    } else {
        m_overview.reset();
        startJob(false, m_sourceGraph, {});
    }
}

void GraphPage::setUnitGraph(std::shared_ptr<const TimingsAnalysis> analysis)
{
    m_ownRun = std::move(analysis);
    m_sourceGraph.reset();
    m_overview.reset();
    m_overviewBox->hide();
    m_groupBox->hide();
    m_heatLabel->hide();
    m_heatCombo->hide();
    m_selectedTitle->setText(tr("<b>Selected unit</b>"));
    startJob(false, nullptr, {}, m_ownRun);
}

void GraphPage::showGraph(std::shared_ptr<const DepGraph> graph)
{
    m_graph = std::move(graph);
    m_fullLayout.reset();
    m_focusedOn = -1;
    m_timings = {};
    m_timingsFrom.clear();
    m_view->setGraph(m_graph, nullptr);
    m_duplicates->clear();
    const auto dups = duplicates(*m_graph);
    for (const Duplicate& d : dups)
        for (const QString& v : d.versions) {
            const int p = m_graph->indexOf(d.name, v);
            auto* item = new QListWidgetItem(QStringLiteral("%1 %2").arg(d.name, v), m_duplicates);
            item->setData(Qt::UserRole, p);
            QStringList by;
            for (int q : reverseDependencies(*m_graph, p))
                by << m_graph->packages[std::size_t(q)].name;
            item->setToolTip(tr("pulled in by %1").arg(by.join(QStringLiteral(", "))));
        }
    if (dups.empty())
        m_duplicates->addItem(tr("none: every crate in one version"));
    if (!isUnitGraph() && m_heatCombo->currentIndex() > 0)
        setHeatSource(m_heatCombo->currentIndex() - 1);
    updateHeader();
    showDetails(-1);
}

void GraphPage::updateHeader()
{
    if (!m_graph) {
        m_header->setText(isUnitGraph() ? tr("Building the unit graph…") : QString());
        return;
    }
    const QString file = QFileInfo(m_graph->file).fileName().toHtmlEscaped();
    QString text;
    if (isUnitGraph()) {
        const QString edges = m_graph->edges.empty() ? tr("the file records no dependencies, only durations")
                              : m_ownRun->dag.usesDependencyGraph
                                  ? tr("edges: the dependencies cargo recorded")
                                  : tr("edges: which unit released which (cargo's scheduling; a unit waits "
                                       "for more than the one that released it)");
        text = tr("<b>%1</b> &nbsp; unit graph: %2 units · %3 edges · %4 · colour: duration, bold: critical "
                  "path")
                   .arg(file, QString::number(m_graph->packages.size()),
                        QString::number(m_graph->edges.size()), edges);
    } else {
        // the imported graph's figures; a big workspace's members are named up to a few, then counted
        const DepGraph& whole = m_sourceGraph ? *m_sourceGraph : *m_graph;
        QStringList members;
        constexpr int kNamed = 6;
        for (std::size_t i = 0; i < whole.members.size() && i < std::size_t(kNamed); ++i)
            members << whole.packages[std::size_t(whole.members[i])].name;
        QString memberText = members.join(QStringLiteral(", ")).toHtmlEscaped();
        if (whole.members.size() > std::size_t(kNamed))
            memberText = tr("%1 and %2 more").arg(memberText, QString::number(whole.members.size() - kNamed));
        text =
            tr("<b>%1</b> &nbsp; %2 packages · %3 dependency edges · %n member(s): %4 · deepest chain %5 "
               "· %6 "
               "in several versions",
               nullptr, int(whole.members.size()))
                .arg(file, QString::number(whole.packages.size()), QString::number(whole.edges.size()),
                     memberText, QString::number(maxDepth(whole)), QString::number(duplicates(whole).size()));
        if (m_overview) {
            QStringList left;
            if (m_overview->groupedMembers > 0)
                left << tr("%n member(s) as one node", nullptr, m_overview->groupedMembers);
            if (m_overview->devEdgesHidden > 0)
                left << tr("%n dev edge(s) hidden", nullptr, m_overview->devEdgesHidden);
            if (m_overview->edgesReduced > 0)
                left << tr("%n edge(s) implied by others left out", nullptr, m_overview->edgesReduced);
            if (m_overview->folded > 0)
                left << tr("%n single-use crate(s) folded (+N)", nullptr, m_overview->folded);
            text += tr("<br><b>Overview</b>: %1 · untick Overview for every package")
                        .arg(left.isEmpty() ? tr("nothing left out") : left.join(QStringLiteral(", ")));
        }
        if (!m_timingsFrom.isEmpty()) {
            const int built = m_timings.matchedUnits + m_timings.unmatchedUnits;
            text += tr(" · colour: compile time in %1 (%2 of %3 built units matched)")
                        .arg(m_timingsFrom.toHtmlEscaped(), QString::number(m_timings.matchedUnits),
                             QString::number(built));
        }
    }
    if (m_fullLayout && !m_fullLayout->error.isEmpty())
        text += QStringLiteral(" · <b>%1</b>").arg(m_fullLayout->error.toHtmlEscaped());
    m_header->setText(text);
}

void GraphPage::setTimingsSources(const QList<TimingsSource>& sources)
{
    const int current = heatSource();
    const TimingsAnalysis* was =
        current >= 0 && current < m_sources.size() ? m_sources[current].analysis.get() : nullptr;
    m_sources = sources;
    int keep = -1;
    {
        const QSignalBlocker block(m_heatCombo);
        m_heatCombo->clear();
        m_heatCombo->addItem(sources.isEmpty() ? tr("none (open a build of this workspace)") : tr("none"));
        for (int i = 0; i < sources.size(); ++i) {
            m_heatCombo->addItem(sources[i].title);
            if (sources[i].analysis.get() == was)
                keep = i;
        }
        m_heatCombo->setCurrentIndex(keep + 1);
        m_heatCombo->setEnabled(!sources.isEmpty());
    }
    if (was && keep < 0)
        setHeatSource(-1);
}

int GraphPage::heatSource() const
{
    return m_heatCombo->currentIndex() - 1;
}

void GraphPage::setHeatSource(int index)
{
    if (isUnitGraph())
        return;
    if (m_heatCombo->currentIndex() != index + 1) {
        const QSignalBlocker block(m_heatCombo);
        m_heatCombo->setCurrentIndex(index + 1);
    }
    if (!m_graph)
        return;
    if (index < 0 || index >= m_sources.size() || !m_sources[index].analysis) {
        applyTimings({}, QString());
        return;
    }
    // A hash join over a few thousand units at most: well under a millisecond, so it runs here.
    applyTimings(joinTimings(*m_graph, *m_sources[index].analysis), m_sources[index].title);
}

void GraphPage::applyTimings(GraphTimings timings, const QString& from)
{
    m_timings = std::move(timings);
    m_timingsFrom = from;
    m_view->setHeat(m_timings.seconds);
    m_view->setCriticalPackages(m_timings.critical);
    m_view->setSlack(m_timings.slack);
    updateHeader();
    showDetails(m_view->selectedPackage());
}

void GraphPage::startJob(bool focus, std::shared_ptr<const DepGraph> graph, std::vector<int> visible,
                         std::shared_ptr<const TimingsAnalysis> unitsOf, bool makeOverview)
{
    OverviewOptions options;
    if (!m_groupBox->isChecked())
        options.expanded.insert(0);
    const int id = ++m_lastJob;
    m_pendingJob = id;
    m_busy->show();
    const int centre = focus ? m_view->selectedPackage() : -1;
    const int levels = m_levels->value();
    m_watcher.setFuture(QtConcurrent::run([id, focus, graph, visible, unitsOf, centre, levels, makeOverview,
                                           options]() mutable {
        Job job;
        job.id = id;
        job.focus = focus;
        if (makeOverview && graph) {
            job.overview = std::make_shared<const GraphOverview>(graphOverview(*graph, options));
            job.graph = std::shared_ptr<const DepGraph>(job.overview, &job.overview->graph);
            if (!focus && options.expanded.count(0)) {
                // opened in place of the collapsed layout (a cache hit when it was just on screen), so
                // that everything else stays where the user last saw it
                OverviewOptions closedOptions = options;
                closedOptions.expanded.clear();
                const GraphOverview closed = graphOverview(*graph, closedOptions);
                if (closed.groups > 0) {
                    GraphLayout open = expandGroupInPlace(closed, layoutGraph(closed.graph), *job.overview);
                    if (!open.isEmpty()) {
                        job.layout = std::make_shared<const GraphLayout>(std::move(open));
                        return job;
                    }
                }
            }
        } else {
            job.graph =
                unitsOf ? std::make_shared<const DepGraph>(unitGraph(*unitsOf->run)) : std::move(graph);
        }
        if (focus)
            visible = neighbourhood(*job.graph, centre, levels);
        job.layout = std::make_shared<const GraphLayout>(layoutGraph(*job.graph, visible));
        return job;
    }));
    if (focus)
        m_focusedOn = centre;
}

void GraphPage::onJobFinished()
{
    if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0)
        return;
    Job job = m_watcher.result();
    if (job.id != m_pendingJob) // superseded while it ran (focus left, another crate selected)
        return;
    m_pendingJob = 0;
    m_busy->hide();
    if (job.focus) {
        m_view->setLayout(std::move(job.layout));
        if (m_focusedOn >= 0)
            m_focusInfo->setText(tr("%1 of %2 shown around %3")
                                     .arg(m_view->laidOutCount())
                                     .arg(m_graph->packages.size())
                                     .arg(m_graph->packages[std::size_t(m_focusedOn)].name));
    } else {
        if (job.graph != m_graph) {
            m_overview = job.overview;
            showGraph(job.graph);
            if (m_ownRun)
                applyTimings(unitGraphTimings(*m_ownRun), QFileInfo(m_ownRun->run->file).fileName());
        }
        m_fullLayout = std::move(job.layout);
        if (m_focus->isChecked() && m_view->selectedPackage() >= 0) {
            refocus();
            return;
        }
        m_view->setLayout(m_fullLayout);
        updateHeader();
    }
    emit layoutApplied();
}

void GraphPage::refocus()
{
    if (!m_graph)
        return;
    if (!m_focus->isChecked()) {
        const bool wasFocused = m_focusedOn >= 0;
        m_focusedOn = -1;
        m_focusInfo->clear();
        if (wasFocused && m_fullLayout) {
            m_pendingJob = 0; // a neighbourhood still being laid out is no longer wanted
            m_busy->hide();
            m_view->setLayout(m_fullLayout);
            emit layoutApplied();
        }
        return;
    }
    if (!m_fullLayout || m_view->selectedPackage() < 0) {
        // shown once the whole graph is laid out and something is selected
        if (m_view->selectedPackage() < 0 && m_focusedOn < 0)
            m_focusInfo->setText(isUnitGraph() ? tr("select a unit to focus on it")
                                               : tr("select a crate to focus on it"));
        return;
    }
    startJob(true, m_graph, {});
}

void GraphPage::setFocusMode(bool on)
{
    m_focus->setChecked(on);
}

bool GraphPage::focusMode() const
{
    return m_focus->isChecked();
}

void GraphPage::setFocusLevels(int levels)
{
    m_levels->setValue(levels);
}

int GraphPage::focusLevels() const
{
    return m_levels->value();
}

void GraphPage::showDetails(int package)
{
    if (!m_graph || package < 0) {
        m_details->setHtml(isUnitGraph()
                               ? tr("<p>Click a unit to see what it waited for and what waited "
                                    "for it.</p>")
                               : tr("<p>Click a crate to see who pulls it in and what rebuilds when "
                                    "it changes.</p>"));
        return;
    }
    const std::size_t pi = std::size_t(package);
    const DepPackage& p = m_graph->packages[pi];
    auto link = [&](int i) {
        const DepPackage& q = m_graph->packages[std::size_t(i)];
        const QString text = isUnitGraph() ? q.name + QLatin1Char(' ') + q.unit : q.name;
        return QStringLiteral("<a href='pkg:%1'>%2</a>").arg(i).arg(text.toHtmlEscaped());
    };
    QString html = QStringLiteral("<h3>%1 %2</h3>").arg(p.name.toHtmlEscaped(), p.detail().toHtmlEscaped());
    // an overview node: a group of members, or a crate with what was folded into it
    if (m_overview && m_sourceGraph && pi < m_overview->sources.size()) {
        const std::vector<int>& sources = m_overview->sources[pi];
        if (m_overview->groupOf[pi] >= 0) {
            QStringList names;
            for (std::size_t i = 0; i < sources.size() && i < 60; ++i)
                names << m_sourceGraph->packages[std::size_t(sources[i])].name.toHtmlEscaped();
            if (sources.size() > 60)
                names << tr("and %1 more").arg(sources.size() - 60);
            html += tr("<p>The workspace members that no two other members share, shown as one node "
                       "(double-click "
                       "it or untick <i>Group members</i> to open it in place):</p><p>%1</p>")
                        .arg(names.join(QStringLiteral(", ")));
        } else if (!p.folded.isEmpty()) {
            html += tr("<p><b>Folded into it</b> (no dependencies of their own, used by it alone): %1</p>")
                        .arg(p.folded.join(QStringLiteral(", ")).toHtmlEscaped());
        }
    }
    if (!isUnitGraph())
        html += QStringLiteral("<p>%1</p>")
                    .arg(p.source.isEmpty() ? tr("a path package") : p.source.toHtmlEscaped());
    if (!m_timings.seconds.empty() && pi < m_timings.seconds.size()) {
        if (m_timings.units[pi] == 0) {
            html += tr("<p><b>Compile time:</b> not built in %1</p>").arg(m_timingsFrom.toHtmlEscaped());
        } else {
            html += isUnitGraph()
                        ? tr("<p><b>Duration:</b> %1</p>").arg(formatSeconds(m_timings.seconds[pi]))
                        : tr("<p><b>Compile time:</b> %1 in %n unit(s)</p>", nullptr, m_timings.units[pi])
                              .arg(formatSeconds(m_timings.seconds[pi]));
            if (m_timings.hasSlack(package))
                html += tr("<p><b>Slack:</b> %1 (how much longer it could take before the build gets "
                           "longer)</p>")
                            .arg(formatSeconds(m_timings.slack[pi]));
            if (m_timings.critical[pi])
                html += tr("<p><b>On the critical path</b></p>");
        }
    }
    if (!p.features.isEmpty())
        html += tr("<p>Features: %1</p>").arg(p.features.join(QStringLiteral(", ")).toHtmlEscaped());
    QStringList direct;
    for (int d : reverseDependencies(*m_graph, package))
        direct << link(d);
    // counted in the imported graph: an overview's group stands for many crates
    const bool inSource = m_overview && m_sourceGraph && pi < m_overview->sources.size() &&
                          m_overview->groupOf[pi] < 0 && !m_overview->sources[pi].empty();
    const auto all = inSource ? transitiveDependents(*m_sourceGraph, m_overview->sources[pi].front())
                              : transitiveDependents(*m_graph, package);
    html += (isUnitGraph() ? tr("<p><b>Needed by</b> %1</p>") : tr("<p><b>Used by</b> %1</p>"))
                .arg(direct.isEmpty() ? tr("nothing (a root)") : direct.join(QStringLiteral(", ")));
    if (isUnitGraph()) {
        QStringList deps;
        for (int e : m_graph->out[pi])
            deps << link(m_graph->edges[std::size_t(e)].to);
        html += tr("<p><b>Waited for</b> %1</p>")
                    .arg(deps.isEmpty() ? tr("nothing") : deps.join(QStringLiteral(", ")));
    }
    html += isUnitGraph()
                ? tr("<p><b>Waiting on it, directly or not:</b> %n unit(s)</p>", nullptr, int(all.size()))
                : tr("<p><b>Rebuilds if it changes:</b> %n crate(s)</p>", nullptr, int(all.size()));
    // A unit graph has no workspace members: the paths start at the units nothing waits for.
    std::vector<int> roots = m_graph->members;
    if (roots.empty())
        for (std::size_t i = 0; i < m_graph->packages.size(); ++i)
            if (m_graph->in[i].empty())
                roots.push_back(int(i));
    html += tr("<p><b>Why it is here</b></p><ul>");
    int shown = 0;
    for (int m : roots) {
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
    // a crate in several versions: each version with who pulls it in, and what each of those asks of it
    if (!isUnitGraph()) {
        std::vector<int> versions;
        for (std::size_t i = 0; i < m_graph->packages.size(); ++i)
            if (m_graph->packages[i].name == p.name)
                versions.push_back(int(i));
        if (versions.size() > 1) {
            html +=
                tr("<p><b>%1 in %n version(s), side by side</b></p><table cellspacing=0 cellpadding=4><tr>",
                   nullptr, int(versions.size()))
                    .arg(p.name.toHtmlEscaped());
            for (int v : versions)
                html += QStringLiteral("<th align=left>%1</th>")
                            .arg(link(v) + QLatin1Char(' ') +
                                 m_graph->packages[std::size_t(v)].version.toHtmlEscaped());
            html += QStringLiteral("</tr><tr>");
            for (int v : versions) {
                const DepPackage& q = m_graph->packages[std::size_t(v)];
                QString cell =
                    tr("features on: %1")
                        .arg(q.features.isEmpty() ? tr("none")
                                                  : q.features.join(QStringLiteral(", ")).toHtmlEscaped());
                cell += QStringLiteral("<ul>");
                int paths = 0;
                for (int m : roots) {
                    for (const auto& path : whyPaths(*m_graph, m, v, false, 5)) {
                        QStringList hops;
                        for (int i : path)
                            hops << link(i);
                        // what the last dependent asks of this version
                        QString asks;
                        if (path.size() >= 2)
                            for (int e : m_graph->out[std::size_t(path[path.size() - 2])]) {
                                const DepEdge& edge = m_graph->edges[std::size_t(e)];
                                if (edge.to != v)
                                    continue;
                                QStringList wants = edge.features;
                                if (edge.defaultFeatures)
                                    wants.prepend(tr("default"));
                                asks = wants.isEmpty() ? tr("no default features")
                                                       : wants.join(QStringLiteral(", "));
                            }
                        cell += QStringLiteral("<li>%1%2</li>")
                                    .arg(hops.join(QStringLiteral(" › ")),
                                         asks.isEmpty() ? QString()
                                                        : tr(" <i>(asks: %1)</i>").arg(asks.toHtmlEscaped()));
                        if (++paths >= 6)
                            break;
                    }
                    if (paths >= 6)
                        break;
                }
                cell += QStringLiteral("</ul>");
                html += QStringLiteral("<td valign=top>%1</td>").arg(cell);
            }
            html += QStringLiteral("</tr></table>");
        }
    }
    m_details->setHtml(html);
}

std::vector<ExportTarget> GraphPage::exportTargets()
{
    if (!m_view->graph())
        return {};
    const QString run = title(), file = sourcePath();
    return {{tr("Dependency graph"),
             [=, this] {
                 return graphFigure(*m_view, tr("%1 — dependency graph").arg(run), file, exportDate(file));
             },
             m_view}};
}

QString GraphPage::title() const
{
    return m_graph ? depGraphName(*m_graph) : tr("Dependencies");
}

QString GraphPage::statusText() const
{
    if (!m_graph)
        return {};
    return isUnitGraph() ? tr("%1: %2 units, %3 edges")
                               .arg(title(), QString::number(m_graph->packages.size()),
                                    QString::number(m_graph->edges.size()))
                         : tr("%1: %2 packages, %3 edges")
                               .arg(title(), QString::number(m_graph->packages.size()),
                                    QString::number(m_graph->edges.size()));
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
