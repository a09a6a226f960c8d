#include "TimingsPage.h"

#include "RebuildsView.h"

#include "ConcurrencyChart.h"
#include "DepGraphView.h"
#include "GraphPage.h"
#include "ShareBarDelegate.h"
#include "SummaryPanel.h"
#include "TimelineView.h"
#include "WhatIfView.h"
#include "itemmodels/UnitsTableModel.h"
#include "report/RunNames.h"
#include "report/SummaryReport.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace bl {

TimingsPage::TimingsPage(QWidget* parent)
    : DocumentPage(parent)
    , m_timeline(new TimelineView)
    , m_chart(new ConcurrencyChart)
    , m_summary(new SummaryPanel)
    , m_unitsModel(new UnitsTableModel(this))
    , m_unitsProxy(new UnitsFilterProxy(this))
    , m_table(new QTableView)
    , m_tableFilter(new QLineEdit)
    , m_showFresh(new QCheckBox(tr("Show fresh units")))
    , m_tabs(new QTabWidget)
    , m_timelineTab(nullptr)
    , m_graph(new GraphPage)
    , m_whatIf(new WhatIfView)
{
    m_chart->setTimeScale(m_timeline->timeScale());

    m_unitsProxy->setSourceModel(m_unitsModel);
    m_unitsProxy->setHideFresh(true);
    m_table->setModel(m_unitsProxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(UnitsTableModel::Duration, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // fitting the columns measures this many rows (Qt's default 1,000 takes a tenth of a second on 13
    // columns); sorted by duration, they are the rows in view
    m_table->horizontalHeader()->setResizeContentsPrecision(100);
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(
        UnitsTableModel::Duration,
        new ShareBarDelegate(m_table, UnitsTableModel::ShareRole, UnitsTableModel::KindRole));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TimingsPage::onTableSelection);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit unitActivated(index.data(UnitsTableModel::UnitIndexRole).toInt());
    });

    m_tableFilter->setPlaceholderText(tr("Filter units by name, version, target, kind or feature"));
    m_tableFilter->setClearButtonEnabled(true);
    connect(m_tableFilter, &QLineEdit::textChanged, m_unitsProxy, &UnitsFilterProxy::setFilterText);
    m_showFresh->setToolTip(tr("Units cargo found up to date and did not rebuild"));
    connect(m_showFresh, &QCheckBox::toggled, this, [this](bool on) {
        m_timeline->setShowFresh(on);
        m_unitsProxy->setHideFresh(!on);
    });

    auto* tablePanel = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePanel);
    tableLayout->setContentsMargins(4, 4, 4, 0);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_tableFilter, 1);
    filterRow->addWidget(m_showFresh);
    tableLayout->addLayout(filterRow);
    tableLayout->addWidget(m_table);

    auto* views = new QSplitter(Qt::Vertical);
    views->addWidget(m_timeline);
    views->addWidget(m_chart);
    views->addWidget(tablePanel);
    views->setStretchFactor(0, 5);
    views->setStretchFactor(1, 2);
    views->setStretchFactor(2, 3);
    views->setSizes({430, 180, 220});
    views->setChildrenCollapsible(false);
    m_chart->setMinimumHeight(150);
    m_timeline->setMinimumHeight(160);
    tablePanel->setMinimumHeight(120);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(views);
    split->addWidget(m_summary);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setSizes({960, 300});
    m_timelineTab = split;
    m_tabs->setDocumentMode(true);
    m_tabs->setTabPosition(QTabWidget::South);
    m_tabs->addTab(split, tr("Timeline"));
    m_tabs->addTab(m_graph, tr("Unit graph"));
    m_tabs->setTabToolTip(1, tr("Which unit waited for which, coloured by duration, the critical path bold"));
    m_tabs->addTab(m_whatIf, tr("What if"));
    m_tabs->setTabToolTip(
        2, tr("The build scheduled again the way cargo does, with more or fewer jobs or cores, "
              "units faster, gone or split, a faster linker or codegen"));
    m_timeline->setUnitMenuExtender([this](QMenu& menu, int unit) {
        fillTableAndWhatIf();
        m_whatIf->addMenuActions(menu, unit, [this] { showWhatIf(); });
    });
    connect(m_whatIf, &WhatIfView::unitSelected, this, [this](int unit) {
        if (!m_syncing)
            m_timeline->selectUnit(unit);
    });
    connect(m_timeline, &TimelineView::unitSelected, m_whatIf, &WhatIfView::selectUnit);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        fillTableAndWhatIf();
        // Graphviz takes a while on a big build: only lay the graph out once someone looks at it.
        if (graphShown() && !m_graphStarted && m_analysis) {
            m_graphStarted = true;
            m_graph->setUnitGraph(m_analysis);
        }
        if (graphShown())
            m_graph->setSearchText(m_search);
        else
            m_timeline->setSearchText(m_search);
    });
    connect(m_graph, &DocumentPage::searchMatchesChanged, this, [this](int count, int current) {
        if (graphShown())
            emit searchMatchesChanged(count, current);
    });
    // Node i of the unit graph is unit i of the run: one selection for both tabs.
    connect(m_graph->view(), &DepGraphView::packageSelected, this, [this](int unit) {
        if (!m_syncing && unit >= 0)
            m_timeline->selectUnit(unit);
    });

    connect(m_timeline, &TimelineView::unitSelected, this, &TimingsPage::onTimelineSelection);
    connect(m_timeline, &TimelineView::unitActivated, this, &TimingsPage::unitActivated);
    connect(m_timeline, &TimelineView::crateActivated, this, [this](int unit) {
        if (m_analysis && unit >= 0 && std::size_t(unit) < m_analysis->run->units.size())
            emit crateRequested(m_analysis->run->units[std::size_t(unit)].name);
    });
    connect(m_timeline, &TimelineView::searchMatchesChanged, this, [this](int count, int current) {
        if (!graphShown())
            emit searchMatchesChanged(count, current);
    });
    connect(m_summary, &SummaryPanel::unitActivated, m_timeline, &TimelineView::selectUnit);
}

void TimingsPage::setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis,
                              std::shared_ptr<const std::vector<Finding>> found)
{
    m_analysis = std::move(analysis);
    m_timeline->setAnalysis(m_analysis);
    m_chart->setAnalysis(m_analysis);
    m_summary->setAnalysis(m_analysis, std::move(found));
    // On a big run the table and the what-if tab are a third of the work: they follow in a later turn of the
    // event loop, so that the window paints the timeline in between rather than stalling for both. A timer
    // rather than a queued call: Qt 6 turns a 0 ms single shot into a posted event, which can run in the same
    // pass as the paint. Whatever needs them first fills them at once.
    m_tablePending = true;
    QTimer::singleShot(1, this, &TimingsPage::fillTableAndWhatIf);
    m_graphStarted = graphShown() && m_analysis;
    if (m_graphStarted)
        m_graph->setUnitGraph(m_analysis);
    // a run that says why its units were built gets the Rebuilds tab, without further steps
    const bool causes =
        m_analysis && std::any_of(m_analysis->run->units.begin(), m_analysis->run->units.end(),
                                  [](const Unit& u) { return u.rebuildCause != RebuildCause::None; });
    if (causes && !m_rebuilds) {
        m_rebuilds = new RebuildsView;
        m_tabs->addTab(m_rebuilds, tr("Rebuilds"));
        m_tabs->setTabToolTip(m_tabs->indexOf(m_rebuilds),
                              tr("Why each unit was built: the root causes and the units each one set off"));
        connect(m_rebuilds, &RebuildsView::unitSelected, m_timeline, &TimelineView::selectUnit);
        // the cascade of the current unit stands out on the timeline and the unit graph (node i is unit i)
        connect(m_rebuilds, &RebuildsView::cascadeMarked, this, [this](const std::vector<char>& units) {
            m_timeline->setMarkedUnits(units);
            m_graph->view()->setMarkedPackages(units);
        });
        connect(m_timeline, &TimelineView::unitSelected, m_rebuilds, &RebuildsView::selectUnit);
    }
    if (m_rebuilds) {
        m_rebuilds->setAnalysis(
            causes ? std::make_shared<const RebuildAnalysis>(analyseRebuilds(m_analysis->run)) : nullptr);
        m_tabs->setTabVisible(m_tabs->indexOf(m_rebuilds), causes);
    }
}

void TimingsPage::fillTableAndWhatIf()
{
    if (!m_tablePending)
        return;
    m_tablePending = false;
    m_unitsModel->setAnalysis(m_analysis);
    m_whatIf->setAnalysis(m_analysis);
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(UnitsTableModel::Features,
                            std::min(m_table->columnWidth(UnitsTableModel::Features), 320));
    if (const int unit = m_timeline->selectedUnit(); unit >= 0) {
        m_syncing = true;
        selectInTable(unit);
        m_whatIf->selectUnit(unit);
        m_syncing = false;
    }
}

WhatIfView* TimingsPage::whatIfView()
{
    fillTableAndWhatIf();
    return m_whatIf;
}

void TimingsPage::showWhatIf()
{
    m_tabs->setCurrentWidget(m_whatIf);
}

void TimingsPage::showUnitGraph(bool show)
{
    m_tabs->setCurrentIndex(show ? 1 : 0);
}

bool TimingsPage::graphShown() const
{
    return m_tabs->currentWidget() == m_graph;
}

std::vector<ExportTarget> TimingsPage::exportTargets()
{
    if (!m_analysis)
        return {};
    const QString run = title(), file = sourcePath();
    const QDateTime date = exportDate(file, m_analysis->run->buildStart);
    std::vector<ExportTarget> targets;
    targets.push_back(
        {tr("Timeline"),
         [=, this] { return timelineFigure(*m_timeline, tr("%1 — timeline").arg(run), file, date); },
         m_timeline});
    targets.push_back({tr("Concurrency chart"),
                       [=, this] {
                           return concurrencyFigure(*m_chart, tr("%1 — concurrency and CPU").arg(run), file,
                                                    date);
                       },
                       m_chart});
    if (m_graph->view()->graph())
        targets.push_back(
            {tr("Unit graph"),
             [=, this] { return graphFigure(*m_graph->view(), tr("%1 — unit graph").arg(run), file, date); },
             m_graph->view()});
    // the view in front first
    if (m_tabs->currentWidget() == m_graph && targets.size() == 3)
        std::rotate(targets.begin(), targets.begin() + 2, targets.end());
    if (TimelineView* predicted = m_whatIf->predictedTimeline(); !m_tablePending && predicted->analysis()) {
        ExportTarget whatIf{tr("Predicted timeline (what if)"),
                            [=, this] {
                                return timelineFigure(
                                    *predicted,
                                    tr("%1 — predicted: %2")
                                        .arg(run, describeScenario(*m_analysis->run, m_whatIf->scenario())
                                                      .join(QStringLiteral(", "))),
                                    file, date);
                            },
                            predicted};
        if (m_tabs->currentWidget() == m_whatIf)
            targets.insert(targets.begin(), std::move(whatIf));
        else
            targets.push_back(std::move(whatIf));
    }
    return targets;
}

QString TimingsPage::title() const
{
    return m_analysis ? timingsRunName(*m_analysis->run) : tr("Timings");
}

QString TimingsPage::statusText() const
{
    if (!m_analysis)
        return {};
    const TimingsSummary& s = m_analysis->summary;
    return tr("%1: %Ln unit(s), wall time %2, critical path %3", nullptr, s.unitCount)
        .arg(title(), formatSeconds(s.wallSeconds),
             m_analysis->critical.available ? formatSeconds(m_analysis->critical.seconds)
                                            : tr("not recorded"));
}

void TimingsPage::setSearchText(const QString& text)
{
    // Kept for the other tab, which is searched when it comes to the front.
    m_search = text;
    if (graphShown())
        m_graph->setSearchText(text);
    else
        m_timeline->setSearchText(text);
}
void TimingsPage::nextMatch()
{
    if (!graphShown())
        m_timeline->nextMatch();
}
void TimingsPage::previousMatch()
{
    if (!graphShown())
        m_timeline->previousMatch();
}
void TimingsPage::fitToWindow()
{
    if (graphShown())
        m_graph->fitToWindow();
    else
        m_timeline->fitToWindow();
}
void TimingsPage::zoomBy(double factor)
{
    if (graphShown())
        m_graph->zoomBy(factor);
    else
        m_timeline->zoomBy(factor);
}

void TimingsPage::onTableSelection()
{
    if (m_syncing)
        return;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    m_syncing = true;
    m_timeline->selectUnit(rows.first().data(UnitsTableModel::UnitIndexRole).toInt());
    m_syncing = false;
}

void TimingsPage::onTimelineSelection(int unit)
{
    emit unitSelected(unit);
    if (m_syncing)
        return;
    m_syncing = true;
    if (m_graphStarted)
        m_graph->view()->selectPackage(unit);
    selectInTable(unit);
    m_syncing = false;
}

void TimingsPage::selectInTable(int unit)
{
    fillTableAndWhatIf();
    if (unit < 0) {
        m_table->clearSelection();
        return;
    }
    const QModelIndex src = m_unitsModel->index(m_unitsModel->rowOfUnit(unit), 0);
    QModelIndex proxy = m_unitsProxy->mapFromSource(src);
    if (!proxy.isValid() && !m_tableFilter->text().isEmpty()) {
        m_tableFilter->clear();
        proxy = m_unitsProxy->mapFromSource(src);
    }
    if (proxy.isValid()) {
        m_table->selectionModel()->select(proxy,
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(proxy);
    }
}

} // namespace bl
