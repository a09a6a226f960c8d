#include "ComparePage.h"

#include "ConcurrencyChart.h"

#include "FlameGraphView.h"
#include "KindColors.h"
#include "TimeScale.h"
#include "TimelineView.h"
#include "TreemapView.h"
#include "analysis/SizeItems.h"
#include "itemmodels/DeltaModels.h"
#include "itemmodels/QueryTableModel.h"
#include "itemmodels/SizeTableModels.h"
#include "report/DiffReport.h"
#include "report/SummaryReport.h"

#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QLineSeries>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace bl {

void DeltaBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    const double share = index.data(DeltaShareRole).toDouble();
    if (share != 0 && std::isfinite(share)) {
        const bool dark = isDarkPalette(option.palette);
        QColor c = share > 0 ? (dark ? QColor(0xd0, 0x4a, 0x3c) : QColor(0xd7, 0x30, 0x27))
                             : (dark ? QColor(0x3c, 0xa0, 0x5a) : QColor(0x1a, 0x98, 0x50));
        c.setAlpha(dark ? 110 : 80);
        const QRectF r = QRectF(option.rect).adjusted(2, 3, -2, -3);
        const double mid = r.center().x();
        const double len = std::min(1.0, std::abs(share)) * r.width() / 2;
        painter->fillRect(share > 0 ? QRectF(mid, r.top(), len, r.height())
                                    : QRectF(mid - len, r.top(), len, r.height()),
                          c);
    }
    QStyledItemDelegate::paint(painter, option, index);
}

namespace {

QTableView* makeTable(QAbstractItemModel* model, int deltaColumn, int stretchColumn)
{
    auto* table = new QTableView;
    table->setModel(model);
    // the diff's own order (largest change first) until a header is clicked
    table->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->setItemDelegateForColumn(deltaColumn, new DeltaBarDelegate(table));
    table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    return table;
}

} // namespace

ComparePage::ComparePage(QWidget* parent)
    : DocumentPage(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_header = makeHeader();
    layout->addWidget(m_header);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 0, 6, 4);
    m_swap = new QPushButton(tr("Swap A and B"));
    m_swap->setToolTip(tr("Compare the other way round: B becomes the baseline"));
    connect(m_swap, &QPushButton::clicked, this, &ComparePage::swapRuns);
    m_filter = new QLineEdit;
    m_filter->setPlaceholderText(tr("Filter changes"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_swap);
    bar->addStretch(1);
    bar->addWidget(m_filter, 2);
    layout->addLayout(bar);
    m_split = new QSplitter(Qt::Horizontal);
    m_views = new QWidget;
    new QVBoxLayout(m_views);
    m_views->layout()->setContentsMargins(0, 0, 0, 0);
    m_tables = new QTabWidget;
    m_tables->setDocumentMode(true);
    m_split->addWidget(m_views);
    m_split->addWidget(m_tables);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setSizes({620, 420}); // scaled to the page's width
    layout->addWidget(m_split, 1);
    m_header->setText(tr("Comparing…"));

    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        m_result = m_watcher.result();
        showResult();
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (m_proxy)
            m_proxy->setFilterText(text);
        if (m_functionProxy)
            m_functionProxy->setFilterText(text);
    });
}

ComparePage::~ComparePage()
{
    m_watcher.waitForFinished();
}

bool ComparePage::canCompare(const Run& a, const Run& b)
{
    if (a.timings && b.timings)
        return true;
    if (a.profile && b.profile)
        return true;
    return a.size && b.size && a.size->isLlvmLines() == b.size->isLlvmLines();
}

ComparePage::Result ComparePage::computeResult(const Run& a, const Run& b)
{
    Result r;
    if (a.timings && b.timings) {
        r.timings = std::make_shared<const TimingsDiff>(diffTimings(a.timings, b.timings));
    } else if (a.profile && b.profile) {
        r.profile = std::make_shared<const ProfileDiff>(diffProfiles(a.profile, b.profile));
        if (!a.profile->intervals.start.empty())
            r.treeA = std::make_shared<const ProfileTree>(buildProfileTree(*a.profile));
        if (!b.profile->intervals.start.empty())
            r.treeB = std::make_shared<const ProfileTree>(buildProfileTree(*b.profile));
    } else if (a.size && b.size) {
        r.size = std::make_shared<const SizeDiff>(diffSizes(a.size, b.size));
        auto treeB = std::make_shared<const SizeTree>(buildSizeTree(sizeItems(*b.size)));
        r.sizeBefore = weightsAtSamePaths(*treeB, buildSizeTree(sizeItems(*a.size)));
        r.sizeTree = std::move(treeB);
    }
    return r;
}

void ComparePage::compare(Run a, Run b)
{
    m_watcher.waitForFinished();
    m_a = std::move(a);
    m_b = std::move(b);
    m_ready = false;
    m_header->setText(
        tr("Comparing <b>%1</b> with <b>%2</b>…").arg(m_a.name.toHtmlEscaped(), m_b.name.toHtmlEscaped()));
    m_swap->setEnabled(false);
    const Run ra = m_a, rb = m_b;
    m_watcher.setFuture(QtConcurrent::run([ra, rb] { return computeResult(ra, rb); }));
}

void ComparePage::compareSets(std::vector<Run> a, std::vector<Run> b)
{
    m_watcher.waitForFinished();
    m_setA = std::move(a);
    m_setB = std::move(b);
    m_a = m_setA.empty() ? Run{} : m_setA.front();
    m_b = m_setB.empty() ? Run{} : m_setB.front();
    m_a.name = tr("%n run(s)", nullptr, int(m_setA.size()));
    m_b.name = tr("%n run(s)", nullptr, int(m_setB.size()));
    m_ready = false;
    m_header->setText(tr("Comparing repeated builds…"));
    m_swap->setEnabled(false);
    std::vector<std::shared_ptr<const TimingsRun>> ra, rb;
    for (const Run& r : m_setA)
        if (r.timings)
            ra.push_back(r.timings->run);
    for (const Run& r : m_setB)
        if (r.timings)
            rb.push_back(r.timings->run);
    m_watcher.setFuture(QtConcurrent::run([ra, rb] {
        Result r;
        r.set = std::make_shared<const TimingsSetDiff>(diffTimingsSets(ra, rb));
        return r;
    }));
}

void ComparePage::swapRuns()
{
    if (isSetComparison()) {
        std::vector<Run> a = m_setA, b = m_setB;
        compareSets(std::move(b), std::move(a));
        return;
    }
    compare(m_b, m_a);
}

QWidget* ComparePage::sideLabel(const QString& side, const QString& name, const QString& facts)
{
    auto* label =
        new QLabel(QStringLiteral("<b>%1</b> &nbsp;%2 &nbsp;<span style='color:%3'>%4</span>")
                       .arg(side, name.toHtmlEscaped(), palette().color(QPalette::PlaceholderText).name(),
                            facts.toHtmlEscaped()));
    label->setContentsMargins(6, 3, 6, 1);
    return label;
}

void ComparePage::clearViews()
{
    m_timelineA = m_timelineB = nullptr;
    delete m_exportChart;
    m_exportChart = nullptr;
    m_flameA = m_flameB = nullptr;
    m_treemap = nullptr;
    m_table = nullptr;
    m_proxy = m_functionProxy = nullptr;
    QLayoutItem* item;
    while ((item = m_views->layout()->takeAt(0))) {
        delete item->widget();
        delete item;
    }
    while (m_tables->count()) {
        QWidget* w = m_tables->widget(0);
        m_tables->removeTab(0);
        delete w;
    }
    // models are parented to the page; the new views take new ones
    for (QObject* m : {static_cast<QObject*>(m_unitModel), static_cast<QObject*>(m_queryModel),
                       static_cast<QObject*>(m_crateModel), static_cast<QObject*>(m_functionModel),
                       static_cast<QObject*>(m_setModel)})
        delete m;
    m_setModel = nullptr;
    m_unitModel = nullptr;
    m_queryModel = nullptr;
    m_crateModel = m_functionModel = nullptr;
}

void ComparePage::showResult()
{
    clearViews();
    m_views->setVisible(!m_result.set);
    if (m_result.set)
        buildSetView();
    else if (m_result.timings)
        buildTimingsView();
    else if (m_result.profile)
        buildProfileView();
    else if (m_result.size)
        buildSizeView();
    // a row about a crate opens its page, as the crate does everywhere else
    for (QTableView* table : m_tables->findChildren<QTableView*>())
        connect(table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
            if (const QString crate = index.data(CrateRole).toString(); !crate.isEmpty())
                emit crateRequested(crate);
        });
    if (m_proxy)
        m_proxy->setFilterText(m_filter->text());
    if (m_functionProxy)
        m_functionProxy->setFilterText(m_filter->text());
    m_swap->setEnabled(true);
    m_ready = true;
    if (!m_search.isEmpty())
        setSearchText(m_search);
    emit ready();
}

void ComparePage::buildTimingsView()
{
    const TimingsDiff& d = *m_result.timings;
    QStringList facts;
    facts << tr("wall time %1 → %2 (<b>%3</b>, %4)")
                 .arg(formatSeconds(d.wallA), formatSeconds(d.wallB), formatSignedSeconds(d.totalDelta()),
                      formatPercentChange(d.wallA, d.wallB));
    facts << tr("critical path %1 → %2").arg(formatSeconds(d.criticalA), formatSeconds(d.criticalB));
    if (d.a->run->jobs != d.b->run->jobs)
        facts << tr("<b>different job counts</b>: %1 → %2").arg(jobsText(*d.a), jobsText(*d.b));
    else
        facts << tr("jobs %1").arg(jobsText(*d.b));
    facts << tr("%1 units in both, %2 only in B, %3 only in A")
                 .arg(d.changed.size())
                 .arg(d.added.size())
                 .arg(d.removed.size());
    facts << tr("compiled %1 → %2").arg(d.a->summary.builtUnits).arg(d.b->summary.builtUnits);
    if (!d.rebuilt.empty())
        facts << tr("%1 fresh in A compiled again in B").arg(d.rebuilt.size());
    m_header->setText(
        QStringLiteral("<b>%1</b> → <b>%2</b> &nbsp; %3")
            .arg(m_a.name.toHtmlEscaped(), m_b.name.toHtmlEscaped(), facts.join(QStringLiteral(" · "))));

    auto* stack = new QSplitter(Qt::Vertical);
    auto addTimeline = [&](const QString& side, const Run& run,
                           const std::shared_ptr<const TimingsAnalysis>& t) {
        auto* box = new QWidget;
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(0);
        v->addWidget(sideLabel(
            side, run.name,
            tr("%1 · %2 units").arg(formatSeconds(t->summary.wallSeconds)).arg(t->run->units.size())));
        auto* view = new TimelineView;
        view->setMinimumSpan(std::max(d.wallA, d.wallB));
        view->setAnalysis(t);
        v->addWidget(view, 1);
        stack->addWidget(box);
        return view;
    };
    m_timelineA = addTimeline(QStringLiteral("A"), m_a, d.a);
    m_timelineB = addTimeline(QStringLiteral("B"), m_b, d.b);
    auto* overlay = new ConcurrencyChart;
    overlay->setComparison(d.a, d.b);
    // B's timeline follows A's window, so B's scale is where both sit
    overlay->setTimeScale(m_timelineB->timeScale());
    overlay->setMinimumHeight(150);
    stack->addWidget(overlay);
    stack->setStretchFactor(0, 3);
    stack->setStretchFactor(1, 3);
    stack->setStretchFactor(2, 1);
    m_views->layout()->addWidget(stack);
    m_split->setSizes({620, 420});
    connect(m_timelineA->timeScale(), &TimeScale::windowChanged, this,
            [this] { syncTimelines(m_timelineA, m_timelineB); });
    connect(m_timelineB->timeScale(), &TimeScale::windowChanged, this,
            [this] { syncTimelines(m_timelineB, m_timelineA); });
    connect(m_timelineA, &TimelineView::unitSelected, this, [this](int unit) {
        if (m_syncing || !m_table)
            return;
        const int row = m_unitModel->rowOfUnit(0, unit);
        if (row >= 0)
            m_table->selectRow(m_proxy->mapFromSource(m_unitModel->index(row, 0)).row());
    });
    connect(m_timelineB, &TimelineView::unitSelected, this, [this](int unit) {
        if (m_syncing || !m_table)
            return;
        const int row = m_unitModel->rowOfUnit(1, unit);
        if (row >= 0)
            m_table->selectRow(m_proxy->mapFromSource(m_unitModel->index(row, 0)).row());
    });

    m_unitModel = new UnitDeltaModel(this);
    m_unitModel->setDiff(m_result.timings);
    m_proxy = new DeltaFilterProxy(this);
    m_proxy->setSourceModel(m_unitModel);
    m_table = makeTable(m_proxy, UnitDeltaModel::Delta, UnitDeltaModel::UnitName);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(UnitDeltaModel::UnitName, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ComparePage::onTableSelection);
    m_tables->addTab(m_table, tr("Units (%1)").arg(m_unitModel->rowCount()));
}

void ComparePage::syncTimelines(TimelineView* from, TimelineView* to)
{
    if (m_syncing || !from || !to)
        return;
    m_syncing = true;
    to->setTimeWindow(from->timeScale()->visibleStart(), from->pixelsPerSecond());
    m_syncing = false;
}

void ComparePage::buildProfileView()
{
    const ProfileDiff& d = *m_result.profile;
    const auto both = std::count_if(d.queries.begin(), d.queries.end(),
                                    [](const QueryChange& q) { return q.inA && q.inB; });
    m_header->setText(
        QStringLiteral("<b>%1</b> → <b>%2</b> &nbsp; %3")
            .arg(m_a.name.toHtmlEscaped(), m_b.name.toHtmlEscaped(),
                 tr("total time %1 → %2 (<b>%3</b>, %4) · %5 queries in both, %6 only in B, %7 only in A")
                     .arg(formatNanoseconds(d.totalA), formatNanoseconds(d.totalB),
                          (d.totalDelta() >= 0 ? QStringLiteral("+") : QStringLiteral("-")) +
                              formatNanoseconds(std::llabs(d.totalDelta())),
                          formatPercentChange(double(d.totalA), double(d.totalB)))
                     .arg(both)
                     .arg(std::count_if(d.queries.begin(), d.queries.end(),
                                        [](const QueryChange& q) { return !q.inA; }))
                     .arg(std::count_if(d.queries.begin(), d.queries.end(),
                                        [](const QueryChange& q) { return !q.inB; }))));
    auto* stack = new QSplitter(Qt::Vertical);
    auto addFlame = [&](const QString& side, const Run& run, const std::shared_ptr<const ProfileTree>& tree) {
        auto* box = new QWidget;
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(0);
        v->addWidget(sideLabel(side, run.name, formatNanoseconds(run.profile->summary.totalTime)));
        auto* view = new FlameGraphView;
        if (tree)
            view->setTree(run.profile, tree);
        v->addWidget(view, 1);
        stack->addWidget(box);
        return view;
    };
    m_flameA = addFlame(QStringLiteral("A"), m_a, m_result.treeA);
    m_flameB = addFlame(QStringLiteral("B"), m_b, m_result.treeB);
    connect(m_flameA, &FlameGraphView::zoomChanged, this,
            [this](int node) { syncFlames(m_flameA, m_flameB, node); });
    connect(m_flameB, &FlameGraphView::zoomChanged, this,
            [this](int node) { syncFlames(m_flameB, m_flameA, node); });
    m_views->layout()->addWidget(stack);
    m_split->setSizes({520, 760}); // query labels are long: the table gets the larger part

    m_queryModel = new QueryDeltaModel(this);
    m_queryModel->setDiff(m_result.profile);
    m_proxy = new DeltaFilterProxy(this);
    m_proxy->setSourceModel(m_queryModel);
    m_table = makeTable(m_proxy, QueryDeltaModel::SelfDelta, QueryDeltaModel::Label);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(QueryDeltaModel::Label, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ComparePage::onTableSelection);
    m_tables->addTab(m_table, tr("Queries (%1)").arg(m_queryModel->rowCount()));
}

void ComparePage::syncFlames(FlameGraphView* from, FlameGraphView* to, int node)
{
    // the two trees number their nodes differently: the same frame is the same path of labels from the root
    if (m_syncing || !from->tree() || !to->tree() || !from->profile() || !to->profile())
        return;
    const ProfileTree& a = *from->tree();
    const ProfileTree& b = *to->tree();
    QStringList path;
    for (int n = node; n > ProfileTree::kRoot && n < a.size(); n = a.parent[std::size_t(n)])
        path.prepend(from->profile()->strings.value(qsizetype(a.label[std::size_t(n)])));
    int target = ProfileTree::kRoot;
    bool whole = true;
    for (const QString& label : std::as_const(path)) {
        int child = b.firstChild[std::size_t(target)];
        while (child != ProfileTree::kNone &&
               to->profile()->strings.value(qsizetype(b.label[std::size_t(child)])) != label)
            child = b.nextSibling[std::size_t(child)];
        if (child == ProfileTree::kNone) {
            whole = false;
            break;
        }
        target = child;
    }
    if (!whole && !path.isEmpty()) {
        // another rustc nests its queries differently: the same query where B spent the most time in it
        std::uint64_t most = 0;
        for (int n = 1; n < b.size(); ++n)
            if (b.inclusive[std::size_t(n)] > most &&
                to->profile()->strings.value(qsizetype(b.label[std::size_t(n)])) == path.last()) {
                most = b.inclusive[std::size_t(n)];
                target = n;
            }
    }
    m_syncing = true;
    to->zoomTo(target);
    m_syncing = false;
}

void ComparePage::buildSizeView()
{
    const SizeDiff& d = *m_result.size;
    const bool lines = d.lines;
    auto amount = [lines](std::uint64_t v) {
        return lines ? QLocale().toString(qulonglong(v)) : formatBytes(v);
    };
    const auto added = std::count_if(d.functions.begin(), d.functions.end(),
                                     [](const FunctionChange& f) { return f.added() && !f.moved(); });
    const auto removed = std::count_if(d.functions.begin(), d.functions.end(),
                                       [](const FunctionChange& f) { return f.removed() && !f.moved(); });
    const auto changed = std::int64_t(d.functions.size()) - added - removed - std::int64_t(d.moved);
    const std::int64_t delta = d.totalDelta();
    QString facts =
        (lines ? tr("LLVM IR lines %1 → %2 (<b>%3</b>, %4)") : tr(".text %1 → %2 (<b>%3</b>, %4)"))
            .arg(amount(d.totalA), amount(d.totalB), formatSignedAmount(delta, lines),
                 formatPercentChange(double(d.totalA), double(d.totalB)));
    if (d.fileSizeA > 0)
        facts += tr(" · file %1 → %2 (%3, %4)")
                     .arg(formatBytes(d.fileSizeA), formatBytes(d.fileSizeB),
                          formatSignedAmount(d.fileSizeDelta(), false),
                          formatPercentChange(double(d.fileSizeA), double(d.fileSizeB)));
    facts += tr(" · %1 functions changed, %2 new, %3 gone").arg(changed).arg(added).arg(removed);
    if (d.moved > 0)
        facts += tr(" · %1 only moved between crates (attribution, not code)").arg(d.moved);
    m_header->setText(QStringLiteral("<b>%1</b> → <b>%2</b> &nbsp; %3")
                          .arg(m_a.name.toHtmlEscaped(), m_b.name.toHtmlEscaped(), facts));
    auto* box = new QWidget;
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);
    v->addWidget(sideLabel(QStringLiteral("B"), m_b.name,
                           tr("areas: B · colour: change from A, red grew, green shrank")));
    m_treemap = new TreemapView;
    if (lines)
        m_treemap->setUnit(tr("lines"));
    m_treemap->setRootLabel(m_b.name);
    m_treemap->setTree(m_result.sizeTree);
    m_treemap->setBaseline(m_result.sizeBefore);
    v->addWidget(m_treemap, 1);
    m_views->layout()->addWidget(box);
    m_split->setSizes({620, 420});

    m_crateModel = new SizeDeltaModel(SizeDeltaModel::Rows::Crates, this);
    m_crateModel->setDiff(m_result.size);
    m_proxy = new DeltaFilterProxy(this);
    m_proxy->setSourceModel(m_crateModel);
    m_table = makeTable(m_proxy, SizeDeltaModel::Delta, SizeDeltaModel::Name);
    m_table->hideColumn(SizeDeltaModel::Crate);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(SizeDeltaModel::Name, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ComparePage::onTableSelection);
    m_tables->addTab(m_table, tr("Crates (%1)").arg(m_crateModel->rowCount()));

    m_functionModel = new SizeDeltaModel(SizeDeltaModel::Rows::Functions, this);
    m_functionModel->setDiff(m_result.size);
    m_functionProxy = new DeltaFilterProxy(this);
    m_functionProxy->setSourceModel(m_functionModel);
    auto* functions = makeTable(m_functionProxy, SizeDeltaModel::Delta, SizeDeltaModel::Name);
    functions->resizeColumnsToContents();
    functions->setColumnWidth(SizeDeltaModel::Crate,
                              std::min(functions->columnWidth(SizeDeltaModel::Crate), 120));
    functions->horizontalHeader()->setSectionResizeMode(SizeDeltaModel::Name, QHeaderView::Stretch);
    m_tables->addTab(functions, tr("Functions (%1)").arg(m_functionModel->rowCount()));
}

void ComparePage::buildSetView()
{
    const TimingsSetDiff& d = *m_result.set;
    const auto changed =
        std::count_if(d.units.begin(), d.units.end(), [](const UnitStats& u) { return u.significant; });
    m_header->setText(
        tr("<b>%1 builds</b> → <b>%2 builds</b> &nbsp; wall time %3 ± %4 → %5 ± %6 (<b>%7</b>, p = %8: %9) · "
           "%10 of %11 units changed beyond the noise (Welch's t-test, p < %12)")
            .arg(d.runsA)
            .arg(d.runsB)
            .arg(formatSeconds(d.wallMeanA), formatSeconds(d.wallSdA), formatSeconds(d.wallMeanB),
                 formatSeconds(d.wallSdB), formatSignedSeconds(d.wallMeanB - d.wallMeanA))
            .arg(d.wallPValue, 0, 'g', 2)
            .arg(d.wallSignificant ? tr("a real change") : tr("within the noise"))
            .arg(changed)
            .arg(d.units.size())
            .arg(d.alpha));
    m_setModel = new UnitSetDeltaModel(this);
    m_setModel->setDiff(m_result.set);
    m_proxy = new DeltaFilterProxy(this);
    m_proxy->setSourceModel(m_setModel);
    m_table = makeTable(m_proxy, UnitSetDeltaModel::Delta, UnitSetDeltaModel::UnitName);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(UnitSetDeltaModel::UnitName, QHeaderView::Stretch);
    m_tables->addTab(m_table, tr("Units (%1)").arg(m_setModel->rowCount()));

    // the wall times of each side as box plots: the spread the verdicts are judged against
    auto* chart = new QChart;
    chart->setTheme(isDarkPalette(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundVisible(false);
    chart->legend()->hide();
    chart->setTitle(tr("Wall time of each build"));
    auto* series = new QBoxPlotSeries;
    double lo = 1e300, hi = 0;
    auto addBox = [&](const QString& name, const std::vector<Run>& runs) {
        std::vector<double> walls;
        for (const Run& r : runs)
            if (r.timings)
                walls.push_back(r.timings->summary.wallSeconds);
        std::sort(walls.begin(), walls.end());
        if (walls.empty())
            return;
        auto quantile = [&walls](double q) {
            const double pos = q * double(walls.size() - 1);
            const auto i = std::size_t(pos);
            return i + 1 < walls.size() ? walls[i] + (pos - double(i)) * (walls[i + 1] - walls[i]) : walls[i];
        };
        auto* set =
            new QBoxSet(walls.front(), quantile(0.25), quantile(0.5), quantile(0.75), walls.back(), name);
        series->append(set);
        lo = std::min(lo, walls.front());
        hi = std::max(hi, walls.back());
    };
    addBox(tr("A (%1)").arg(m_setA.size()), m_setA);
    addBox(tr("B (%1)").arg(m_setB.size()), m_setB);
    chart->addSeries(series);
    chart->createDefaultAxes();
    if (auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0))) {
        const double pad = std::max(0.05, (hi - lo) * 0.15);
        y->setRange(std::max(0.0, lo - pad), hi + pad);
        y->setLabelFormat(QStringLiteral("%.2f s"));
    }
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    m_tables->setCornerWidget(nullptr);
    m_tables->addTab(view, tr("Wall times"));
}

void ComparePage::onTableSelection()
{
    if (!m_table || m_syncing)
        return;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QModelIndex row = rows.first();
    m_syncing = true;
    if (m_timelineA && m_timelineB) {
        m_timelineA->selectUnit(row.data(PositionARole).toInt());
        m_timelineB->selectUnit(row.data(PositionBRole).toInt());
    } else if (m_flameA && m_flameB) {
        const QString label = row.data(KeyRole).toString();
        m_flameA->setSearchText(label);
        m_flameB->setSearchText(label);
    } else if (m_treemap) {
        m_treemap->setSearchText(row.data(KeyRole).toString());
    }
    m_syncing = false;
}

std::vector<ExportTarget> ComparePage::exportTargets()
{
    if (!m_ready)
        return {};
    const QString run = title();
    const QString source = tr("%1 and %2").arg(m_a.name, m_b.name);
    const QDateTime date = QDateTime::currentDateTime();
    std::vector<ExportTarget> targets;
    if (m_timelineA && m_timelineB && m_result.timings) {
        const QString a = tr("A: %1").arg(m_a.name), b = tr("B: %1").arg(m_b.name);
        targets.push_back({tr("Both timelines"), [=, this] {
                               return stackedFigure(tr("%1 — timelines").arg(run), source, date,
                                                    {{a, timelineFigure(*m_timelineA, {}, {}, {})},
                                                     {b, timelineFigure(*m_timelineB, {}, {}, {})}});
                           }});
        if (!m_exportChart) {
            m_exportChart = new ConcurrencyChart(this);
            m_exportChart->hide();
            m_exportChart->setComparison(m_result.timings->a, m_result.timings->b);
        }
        targets.push_back({tr("Concurrency of both builds"), [=, this] {
                               return concurrencyFigure(*m_exportChart, tr("%1 — concurrency").arg(run),
                                                        source, date);
                           }});
    }
    if (m_flameA && m_flameB) {
        const QString a = tr("A: %1").arg(m_a.name), b = tr("B: %1").arg(m_b.name);
        targets.push_back({tr("Both flame graphs"), [=, this] {
                               return stackedFigure(tr("%1 — flame graphs").arg(run), source, date,
                                                    {{a, flameGraphFigure(*m_flameA, {}, {}, {})},
                                                     {b, flameGraphFigure(*m_flameB, {}, {}, {})}});
                           }});
    }
    if (m_treemap)
        targets.push_back({tr("Treemap coloured by change"), [=, this] {
                               return treemapFigure(*m_treemap, tr("%1 — size change").arg(run), source,
                                                    date);
                           }});
    return targets;
}

QString ComparePage::title() const
{
    return tr("%1 ↔ %2").arg(m_a.name, m_b.name);
}

QString ComparePage::statusText() const
{
    if (!m_ready)
        return tr("Comparing…");
    if (m_result.set)
        return tr("B − A: %1 wall time (mean)")
            .arg(formatSignedSeconds(m_result.set->wallMeanB - m_result.set->wallMeanA));
    if (m_result.timings)
        return tr("B − A: %1 wall time").arg(formatSignedSeconds(m_result.timings->totalDelta()));
    if (m_result.size)
        return m_result.size->moved > 0
                   ? tr("B − A: %1 functions changed, %2 of them only moved between crates")
                         .arg(m_result.size->functions.size())
                         .arg(m_result.size->moved)
                   : tr("B − A: %1 functions changed").arg(m_result.size->functions.size());
    if (m_result.profile)
        return tr("B − A: %1 queries").arg(m_result.profile->queries.size());
    return {};
}

void ComparePage::setSearchText(const QString& text)
{
    m_search = text;
    if (m_timelineA && m_timelineB) {
        m_timelineA->setSearchText(text);
        m_timelineB->setSearchText(text);
        emit searchMatchesChanged(m_timelineB->matchCount(), m_timelineB->currentMatch());
    } else if (m_flameA && m_flameB) {
        m_flameA->setSearchText(text);
        m_flameB->setSearchText(text);
    } else if (m_treemap) {
        m_treemap->setSearchText(text);
        emit searchMatchesChanged(m_treemap->matchCount(), -1);
    }
}

void ComparePage::nextMatch()
{
    if (m_timelineB) {
        m_timelineB->nextMatch();
        emit searchMatchesChanged(m_timelineB->matchCount(), m_timelineB->currentMatch());
    }
}

void ComparePage::previousMatch()
{
    if (m_timelineB) {
        m_timelineB->previousMatch();
        emit searchMatchesChanged(m_timelineB->matchCount(), m_timelineB->currentMatch());
    }
}

void ComparePage::fitToWindow()
{
    if (m_timelineA)
        m_timelineA->fitToWindow(); // B follows
    if (m_flameA && m_flameB) {
        m_flameA->resetZoom();
        m_flameB->resetZoom();
    }
    if (m_treemap)
        m_treemap->resetZoom();
}

void ComparePage::zoomBy(double factor)
{
    if (m_timelineA)
        m_timelineA->zoomBy(factor);
}

} // namespace bl
