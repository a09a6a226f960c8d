#include "ProfilePage.h"

#include "FlameGraphView.h"
#include "ProfileTimelineView.h"
#include "ShareBarDelegate.h"
#include "analysis/ProfileTree.h"
#include "itemmodels/QueryTableModel.h"
#include "report/RunNames.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bl {

namespace {

void setUpTable(QTableView* table)
{
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setWordWrap(false);
}

} // namespace

ProfilePage::ProfilePage(QWidget* parent)
    : DocumentPage(parent)
    , m_header(makeHeader())
    , m_model(new QueryTableModel(this))
    , m_proxy(new QueryFilterProxy(this))
    , m_table(new QTableView)
    , m_filter(new QLineEdit)
    , m_viewsOrNote(new QStackedWidget)
    , m_views(new QTabWidget)
    , m_noEvents(new QLabel)
    , m_flame(new FlameGraphView)
    , m_threads(new ProfileTimelineView)
{
    m_proxy->setSourceModel(m_model);
    setUpTable(m_table);
    m_table->setModel(m_proxy);
    m_table->sortByColumn(QueryTableModel::SelfTime, Qt::DescendingOrder);
    m_table->setItemDelegateForColumn(QueryTableModel::SelfShare,
                                      new ShareBarDelegate(m_table, QueryTableModel::ShareRole));
    m_table->horizontalHeader()->setSectionResizeMode(QueryTableModel::Label, QHeaderView::Interactive);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProfilePage::onQuerySelected);
    m_filter->setPlaceholderText(tr("Filter queries and activities"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QueryFilterProxy::setFilterText);

    m_views->addTab(m_flame, tr("Flame graph"));
    m_views->addTab(m_threads, tr("Threads"));
    m_views->setDocumentMode(true);
    m_noEvents->setAlignment(Qt::AlignCenter);
    m_noEvents->setWordWrap(true);
    m_viewsOrNote->addWidget(m_views);
    m_viewsOrNote->addWidget(m_noEvents);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_table);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(m_viewsOrNote);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({520, 760});
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(split, 1);

    connect(m_flame, &FlameGraphView::frameActivated, this, &ProfilePage::selectLabel);
    connect(m_flame, &FlameGraphView::searchMatchesChanged, this,
            [this](int frames) { emit searchMatchesChanged(frames, -1); });
    connect(m_threads, &ProfileTimelineView::eventActivated, this, [this](int event) {
        if (m_profile && event >= 0 && std::size_t(event) < m_profile->intervals.size())
            selectLabel(m_profile->strings.value(int(m_profile->intervals.label[std::size_t(event)])));
    });
}

void ProfilePage::setProfile(std::shared_ptr<const SelfProfile> profile, ProfileLayouts layouts)
{
    m_profile = std::move(profile);
    m_model->setProfile(m_profile);
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(QueryTableModel::Label,
                            std::clamp(m_table->columnWidth(QueryTableModel::Label), 160, 300));
    if (!m_profile)
        return;
    const SelfProfile& p = *m_profile;
    const QLocale locale;
    QStringList facts;
    if (p.pid)
        facts << tr("pid %1").arg(p.pid);
    facts << tr("%n thread(s)", nullptr, int(p.threadIds.size()));
    if (p.eventCount)
        facts << tr("%1 events").arg(locale.toString(qulonglong(p.eventCount)));
    facts << tr("total %1").arg(formatNanoseconds(p.summary.totalTime));
    if (p.source == QLatin1String("mm_profdata"))
        facts << tr("measureme format %1").arg(p.formatVersion);
    else
        facts << (p.source == QLatin1String("chrome-trace") ? tr("from a Chrome trace")
                                                            : tr("from summarize JSON"));
    QString header = QStringLiteral("<b>%1</b> &nbsp; %2")
                         .arg((p.crate.isEmpty() ? QFileInfo(p.file).fileName() : p.crate).toHtmlEscaped(),
                              facts.join(QStringLiteral(" · ")).toHtmlEscaped());
    for (const QString& w : p.warnings)
        header += QStringLiteral("<br><span style='color:%1'>%2</span>")
                      .arg(palette().color(QPalette::PlaceholderText).name(), w.toHtmlEscaped());
    m_header->setText(header);

    if (p.intervals.size() == 0) {
        m_noEvents->setText(
            tr("This file holds the totals of each query only, no events: the table is all there "
               "is. Open the .mm_profdata itself for the flame graph and the thread timeline."));
        m_viewsOrNote->setCurrentWidget(m_noEvents);
        return;
    }
    m_viewsOrNote->setCurrentWidget(m_views);
    if (layouts.tree)
        m_flame->setTree(m_profile, std::move(layouts.tree));
    else
        m_flame->setProfile(m_profile);
    m_threads->setProfile(m_profile, std::move(layouts.rows));
}

void ProfilePage::selectLabel(const QString& label)
{
    const int row = m_model->rowOfLabel(label);
    if (row < 0)
        return;
    QModelIndex proxy = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!proxy.isValid()) {
        m_filter->clear();
        proxy = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_table->selectionModel()->select(proxy, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(proxy);
}

void ProfilePage::onQuerySelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString label = rows.first().data(QueryTableModel::LabelRole).toString();
    m_flame->setSearchText(label);
    m_threads->setSearchText(label);
}

std::vector<ExportTarget> ProfilePage::exportTargets()
{
    if (!m_profile)
        return {};
    const QString run = title(), file = sourcePath();
    const QDateTime date =
        m_profile->startTimeNs > 0
            ? QDateTime::fromMSecsSinceEpoch(qint64(m_profile->startTimeNs / 1000000), Qt::UTC)
            : exportDate(file);
    std::vector<ExportTarget> targets;
    targets.push_back(
        {tr("Flame graph"),
         [=, this] { return flameGraphFigure(*m_flame, tr("%1 — flame graph").arg(run), file, date); },
         m_flame});
    targets.push_back(
        {tr("Threads"),
         [=, this] { return threadsFigure(*m_threads, tr("%1 — threads").arg(run), file, date); },
         m_threads});
    if (m_views->currentWidget() == m_threads)
        std::swap(targets[0], targets[1]);
    return targets;
}

QString ProfilePage::title() const
{
    if (!m_profile)
        return tr("Self-profile");
    return selfProfileName(*m_profile);
}

QString ProfilePage::statusText() const
{
    if (!m_profile)
        return {};
    return tr("%1: %2 labels, total %3")
        .arg(title(), QString::number(m_profile->summary.queries.size()),
             formatNanoseconds(m_profile->summary.totalTime));
}

void ProfilePage::setSearchText(const QString& text)
{
    m_search = text.trimmed();
    m_flame->setSearchText(m_search);
    m_threads->setSearchText(m_search);
}

// Enter in the find box walks the matching rows of the table (which highlights each in the views).
void ProfilePage::stepMatch(int direction)
{
    const int rows = m_proxy->rowCount();
    if (m_search.isEmpty() || rows == 0)
        return;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    int row = selected.isEmpty() ? (direction > 0 ? -1 : rows) : selected.first().row();
    for (int n = 0; n < rows; ++n) {
        row = (row + direction + rows) % rows;
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(QueryTableModel::LabelRole).toString().contains(m_search, Qt::CaseInsensitive)) {
            m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
            m_table->scrollTo(index);
            return;
        }
    }
}

void ProfilePage::nextMatch()
{
    stepMatch(1);
}
void ProfilePage::previousMatch()
{
    stepMatch(-1);
}

void ProfilePage::fitToWindow()
{
    m_flame->resetZoom();
    m_threads->fitToWindow();
}

void ProfilePage::zoomBy(double factor)
{
    if (m_views->currentWidget() == m_threads)
        m_threads->zoomBy(factor);
    else if (factor < 1)
        m_flame->zoomOut();
}

ProfileSetPage::ProfileSetPage(QWidget* parent)
    : DocumentPage(parent)
    , m_list(new QTableView)
    , m_page(new ProfilePage)
{
    setUpTable(m_list);
    m_list->horizontalHeader()->setStretchLastSection(true);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_list);
    split->addWidget(m_page);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({260, 1020});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    connect(m_page, &DocumentPage::searchMatchesChanged, this, &DocumentPage::searchMatchesChanged);
    // a crate double-clicked in the list: everything open about it
    connect(m_list, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit crateRequested(index.siblingAtColumn(0).data().toString());
    });
}

void ProfileSetPage::setProfiles(std::shared_ptr<const SelfProfileSet> set,
                                 std::vector<ProfileLayouts> layouts)
{
    m_set = std::move(set);
    m_layouts = std::move(layouts);
    auto* model = new QStandardItemModel(0, 3, m_list);
    model->setHorizontalHeaderLabels({tr("Crate"), tr("PID"), tr("Total")});
    for (std::size_t i = 0; i < m_set->profiles.size(); ++i) {
        const SelfProfile& p = *m_set->profiles[i];
        auto* crate = new QStandardItem(p.crate);
        crate->setData(int(i), Qt::UserRole);
        crate->setToolTip(p.file);
        auto* pid = new QStandardItem(QString::number(p.pid));
        auto* total = new QStandardItem(formatNanoseconds(p.summary.totalTime));
        total->setData(qlonglong(p.summary.totalTime), Qt::UserRole + 1);
        total->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        for (QStandardItem* item : {crate, pid, total})
            item->setEditable(false);
        model->appendRow({crate, pid, total});
    }
    model->setSortRole(Qt::UserRole + 1);
    delete m_list->model();
    m_list->setModel(model);
    m_list->resizeColumnsToContents();
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                showProfile(current.siblingAtColumn(0).data(Qt::UserRole).toInt());
            });
    if (!m_set->profiles.empty())
        m_list->selectRow(0);
}

void ProfileSetPage::showProfile(int index)
{
    if (!m_set || index < 0 || std::size_t(index) >= m_set->profiles.size())
        return;
    m_page->setProfile(m_set->profiles[std::size_t(index)], std::size_t(index) < m_layouts.size()
                                                                ? m_layouts[std::size_t(index)]
                                                                : ProfileLayouts{});
    if (!m_search.isEmpty())
        m_page->setSearchText(m_search);
}

bool ProfileSetPage::showCrate(const QString& crate)
{
    if (!m_set)
        return false;
    for (int row = 0; row < m_list->model()->rowCount(); ++row) {
        const int i = m_list->model()->index(row, 0).data(Qt::UserRole).toInt();
        if (m_set->profiles[std::size_t(i)]->crate == crate) {
            m_list->selectRow(row);
            return true;
        }
    }
    return false;
}

QString ProfileSetPage::title() const
{
    return m_set ? QFileInfo(m_set->directory).fileName() + QLatin1Char('/') : tr("Profiles");
}

QString ProfileSetPage::statusText() const
{
    if (!m_set)
        return {};
    QString s = tr("%1: %n profile(s)", nullptr, int(m_set->profiles.size())).arg(title());
    if (!m_set->warnings.isEmpty())
        s += tr(" (%n file(s) could not be read)", nullptr, int(m_set->warnings.size()));
    return s;
}

void ProfileSetPage::setSearchText(const QString& text)
{
    m_search = text;
    m_page->setSearchText(text);
}
void ProfileSetPage::nextMatch()
{
    m_page->nextMatch();
}
void ProfileSetPage::previousMatch()
{
    m_page->previousMatch();
}
void ProfileSetPage::fitToWindow()
{
    m_page->fitToWindow();
}
void ProfileSetPage::zoomBy(double factor)
{
    m_page->zoomBy(factor);
}

} // namespace bl
