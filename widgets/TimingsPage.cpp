#include "TimingsPage.h"

#include "ConcurrencyChart.h"
#include "ShareBarDelegate.h"
#include "SummaryPanel.h"
#include "TimelineView.h"
#include "itemmodels/UnitsTableModel.h"
#include "report/SummaryReport.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
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
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_timeline, &TimelineView::unitSelected, this, &TimingsPage::onTimelineSelection);
    connect(m_timeline, &TimelineView::unitActivated, this, &TimingsPage::unitActivated);
    connect(m_timeline, &TimelineView::searchMatchesChanged, this, &DocumentPage::searchMatchesChanged);
    connect(m_summary, &SummaryPanel::unitActivated, m_timeline, &TimelineView::selectUnit);
}

void TimingsPage::setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_timeline->setAnalysis(m_analysis);
    m_chart->setAnalysis(m_analysis);
    m_summary->setAnalysis(m_analysis);
    m_unitsModel->setAnalysis(m_analysis);
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(UnitsTableModel::Features,
                            std::min(m_table->columnWidth(UnitsTableModel::Features), 320));
}

QString TimingsPage::title() const
{
    return m_analysis ? QFileInfo(m_analysis->run->file).fileName() : tr("Timings");
}

QString TimingsPage::statusText() const
{
    if (!m_analysis)
        return {};
    const TimingsSummary& s = m_analysis->summary;
    return tr("%1: %n unit(s), wall time %2, critical path %3", nullptr, s.unitCount)
        .arg(title(), formatSeconds(s.wallSeconds),
             m_analysis->critical.available ? formatSeconds(m_analysis->critical.seconds)
                                            : tr("not recorded"));
}

void TimingsPage::setSearchText(const QString& text)
{
    m_timeline->setSearchText(text);
}
void TimingsPage::nextMatch()
{
    m_timeline->nextMatch();
}
void TimingsPage::previousMatch()
{
    m_timeline->previousMatch();
}
void TimingsPage::fitToWindow()
{
    m_timeline->fitToWindow();
}
void TimingsPage::zoomBy(double factor)
{
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
    if (unit < 0) {
        m_table->clearSelection();
    } else {
        const QModelIndex src = m_unitsModel->index(unit, 0);
        QModelIndex proxy = m_unitsProxy->mapFromSource(src);
        if (!proxy.isValid() && !m_tableFilter->text().isEmpty()) {
            m_tableFilter->clear();
            proxy = m_unitsProxy->mapFromSource(src);
        }
        if (proxy.isValid()) {
            m_table->selectionModel()->select(proxy, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
            m_table->scrollTo(proxy);
        }
    }
    m_syncing = false;
}

} // namespace bl
