#include "HistoryPage.h"

#include "KindColors.h"
#include "itemmodels/RunListModel.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeAxis>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QInputDialog>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QScatterSeries>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringListModel>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace bl {

namespace {

// A point counts as hovered or clicked this close to its marker, in pixels.
constexpr double kPickRadius = 10;
constexpr qreal kMarkerSize = 9;

QComboBox* makeCombo()
{
    auto* combo = new QComboBox;
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo->setMinimumContentsLength(8);
    return combo;
}

// Any (an invalid QVariant) or one value; an empty string stands for "none".
std::optional<QString> comboChoice(const QComboBox* combo)
{
    const QVariant v = combo->currentData();
    if (!v.isValid())
        return std::nullopt;
    return v.toString();
}

void refill(QComboBox* combo, const QString& any, const QString& none,
            const QList<QPair<QString, QString>>& items, bool hasNone)
{
    const QVariant current = combo->currentData();
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(any);
    for (const auto& [text, value] : items)
        combo->addItem(text, value);
    if (hasNone)
        combo->addItem(none, QString(QLatin1String("")));
    // a refresh keeps what was picked, if it is still there
    const int keep = current.isValid() ? combo->findData(current) : 0;
    combo->setCurrentIndex(std::max(0, keep));
    combo->setEnabled(combo->count() > 1);
}

} // namespace

HistoryPage::HistoryPage(QWidget* parent)
    : DocumentPage(parent)
    , m_header(makeHeader())
    , m_kind(makeCombo())
    , m_profile(makeCombo())
    , m_label(makeCombo())
    , m_filter(new QLineEdit)
    , m_crate(new QLineEdit)
    , m_stack(new QStackedWidget)
    , m_message(new QLabel)
    , m_table(new QTableView)
    , m_noTrends(new QLabel)
    , m_model(new RunListModel(this))
    , m_proxy(new RunFilterProxy(this))
{
    m_proxy->setSourceModel(m_model);
    m_filter->setPlaceholderText(tr("Filter runs (file, label, rustc…)"));
    m_filter->setClearButtonEnabled(true);
    m_kind->setToolTip(tr("Show only the runs of one kind"));
    m_profile->setToolTip(tr("Show only the builds of one cargo profile"));
    m_label->setToolTip(tr("Show only the runs stored with this label (a branch, a ticket)"));

    auto* filters = new QHBoxLayout;
    filters->setContentsMargins(6, 0, 6, 4);
    auto addLabelled = [filters](const QString& text, QWidget* w) {
        auto* label = new QLabel(text);
        label->setBuddy(w);
        filters->addWidget(label);
        filters->addWidget(w);
        filters->addSpacing(8);
    };
    addLabelled(tr("&Kind:"), m_kind);
    addLabelled(tr("&Profile:"), m_profile);
    addLabelled(tr("&Label:"), m_label);
    filters->addWidget(m_filter, 1);
    filters->addSpacing(8);
    m_crate->setObjectName(QStringLiteral("crateField"));
    m_crate->setPlaceholderText(tr("A crate's page and trend…"));
    m_crate->setMinimumWidth(m_crate->fontMetrics().horizontalAdvance(m_crate->placeholderText()) + 40);
    m_crate->setToolTip(
        tr("Open the page of one crate: its time and size over the stored runs, and everything "
           "open about it"));
    m_crate->setClearButtonEnabled(true);
    m_crate->setCompleter(new QCompleter(QStringList(), m_crate));
    m_crate->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_crate->completer()->setFilterMode(Qt::MatchContains);
    connect(m_crate, &QLineEdit::returnPressed, this, [this] {
        const QString name = m_crate->text().trimmed();
        if (!name.isEmpty())
            emit crateRequested(name);
    });
    filters->addWidget(m_crate);

    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RunListModel::BuildDate, Qt::DescendingOrder); // the latest build on top
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // several runs: two of them compare, any number take one label
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu* menu = selectionMenu();
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // rustc's version is the widest text and the least looked at: it gets what is left
    m_table->horizontalHeader()->setSectionResizeMode(RunListModel::Rustc, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.isValid())
            emit openRunRequested(index.data(RunListModel::FilePathRole).toString());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPage::highlightSelectedRun);

    // Three charts side by side: the time axis of each needs the width more than the value axis needs height.
    auto* chartRow = new QWidget;
    auto* chartLayout = new QHBoxLayout(chartRow);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(0);
    m_charts.reserve(ChartCount);
    const QString titles[ChartCount] = {tr("Wall time and critical path (s)"), tr("Units"), tr(".text size")};
    for (int i = 0; i < ChartCount; ++i) {
        TrendChart c;
        c.chart = new QChart;
        c.chart->setAnimationOptions(QChart::NoAnimation);
        c.chart->setBackgroundRoundness(0);
        c.chart->setMargins(QMargins(4, 4, 8, 4));
        c.chart->setTitle(titles[i]);
        c.x = new QDateTimeAxis;
        c.y = new QValueAxis;
        c.chart->addAxis(c.x, Qt::AlignBottom);
        c.chart->addAxis(c.y, Qt::AlignLeft);
        const int seriesCount = i == WallTimeChart ? 2 : 1;
        for (int s = 0; s < seriesCount; ++s) {
            // The line joins the runs; the markers are a scatter series of their own because a line of one
            // point has no length, so its marker could never be hovered or clicked.
            Trend t;
            t.line = new QLineSeries;
            t.series = new QScatterSeries;
            t.series->setMarkerShape(QScatterSeries::MarkerShapeCircle);
            t.series->setMarkerSize(kMarkerSize);
            for (QXYSeries* xy : {static_cast<QXYSeries*>(t.line), static_cast<QXYSeries*>(t.series)}) {
                c.chart->addSeries(xy);
                xy->attachAxis(c.x);
                xy->attachAxis(c.y);
            }
            c.chart->legend()->markers(t.series).first()->setVisible(false);
            connect(t.series, &QXYSeries::clicked, this, [this, i](const QPointF& value) {
                const TrendChart& tc = m_charts[std::size_t(i)];
                const QPointF scene = tc.chart->mapToScene(tc.chart->mapToPosition(value));
                if (const auto hit = pointNear(tc, tc.view->mapFromScene(scene), kPickRadius))
                    emit openRunRequested(hit->first->runs[std::size_t(hit->second)].file);
            });
            c.trends.push_back(std::move(t));
        }
        if (i == WallTimeChart) {
            c.trends[0].line->setName(trendName(i, 0));
            c.trends[1].line->setName(trendName(i, 1));
            c.chart->legend()->setAlignment(Qt::AlignTop);
            c.chart->legend()->setBackgroundVisible(false);
        } else {
            c.chart->legend()->hide();
        }
        c.view = new QChartView(c.chart);
        c.view->setRenderHint(QPainter::Antialiasing);
        c.view->setFrameShape(QFrame::NoFrame);
        c.view->setMinimumSize(240, 200);
        c.view->viewport()->installEventFilter(this);
        c.view->installEventFilter(this);
        chartLayout->addWidget(c.view, 1);
        m_charts.push_back(std::move(c));
    }
    m_charts[SizeChart].y->setTitleText(tr("KiB"));
    m_noTrends->setAlignment(Qt::AlignCenter);
    m_noTrends->setWordWrap(true);
    m_noTrends->setText(tr("The runs shown have no trend to draw: wall time, critical path and units are "
                           "charted for timings runs, .text size for binaries."));
    chartLayout->addWidget(m_noTrends, 1);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(chartRow);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({260, 400});
    split->setChildrenCollapsible(false);

    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setContentsMargins(24, 24, 24, 24);
    m_stack->addWidget(m_message);
    m_stack->addWidget(split);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addLayout(filters);
    layout->addWidget(m_stack, 1);

    auto kindChanged = [this] {
        m_proxy->setKind(comboChoice(m_kind));
        applyFilters();
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, kindChanged);
    connect(m_profile, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setProfile(comboChoice(m_profile));
        applyFilters();
    });
    connect(m_label, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setLabel(comboChoice(m_label));
        applyFilters();
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterText(text);
        applyFilters();
    });
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, [this] {
        m_loaded = m_watcher.result();
        if (m_readAgain) {
            m_readAgain = false;
            startRead();
            return;
        }
        m_loading = false;
        showLoaded();
        emit loaded();
    });
    applyPalette();
    updateHeader();
}

HistoryPage::~HistoryPage()
{
    m_watcher.waitForFinished();
}

QChartView* HistoryPage::chartView(Chart chart) const
{
    return m_charts[std::size_t(chart)].view;
}

QList<QXYSeries*> HistoryPage::pointSeries(Chart chart) const
{
    QList<QXYSeries*> out;
    for (const Trend& t : m_charts[std::size_t(chart)].trends)
        out << t.series;
    return out;
}

QMenu* HistoryPage::selectionMenu()
{
    auto* menu = new QMenu(this);
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    auto dateOf = [this](const QModelIndex& row) {
        return m_proxy->index(row.row(), RunListModel::BuildDate).data(RunListModel::SortRole).toDateTime();
    };
    // oldest build first: the baseline of a comparison
    std::sort(rows.begin(), rows.end(),
              [&](const QModelIndex& x, const QModelIndex& y) { return dateOf(x) < dateOf(y); });
    QAction* open = menu->addAction(tr("&Open"));
    open->setEnabled(rows.size() == 1);
    if (rows.size() == 1) {
        const QString file = rows.first().data(RunListModel::FilePathRole).toString();
        connect(open, &QAction::triggered, this, [this, file] { emit openRunRequested(file); });
    }
    QAction* compare = menu->addAction(tr("&Compare the Two Selected Runs"));
    const bool two =
        rows.size() == 2 && rows[0].data(RunListModel::KindRole) == rows[1].data(RunListModel::KindRole);
    compare->setEnabled(two);
    if (rows.size() == 2 && !two)
        compare->setText(tr("&Compare the Two Selected Runs (not of one kind)"));
    if (two) {
        const QString a = rows[0].data(RunListModel::FilePathRole).toString();
        const QString b = rows[1].data(RunListModel::FilePathRole).toString();
        connect(compare, &QAction::triggered, this, [this, a, b] { emit compareRunsRequested(a, b); });
    }
    // two series (builds that share a label): each whole series, from one selected run of each
    QStringList labels;
    for (const QModelIndex& row : rows) {
        const QString l = row.data(RunListModel::LabelRole).toString();
        if (row.data(RunListModel::KindRole).toString() == QLatin1String("timings") && !l.isEmpty() &&
            !labels.contains(l))
            labels << l;
    }
    QAction* series = menu->addAction(tr("Compare the Two Selected &Series"));
    series->setToolTip(tr("Every stored build of each label against the other, judged against the noise"));
    series->setEnabled(labels.size() == 2);
    if (labels.size() == 2) {
        QStringList files[2];
        QDateTime first[2];
        for (const StoredRun& r : m_model->runs()) {
            const int side = labels.indexOf(r.label);
            if (side < 0 || r.kind != QLatin1String("timings") || r.failed.value_or(false))
                continue;
            files[side] << r.file;
            const QDateTime date = QDateTime::fromString(r.buildDate, Qt::ISODateWithMs);
            if (!first[side].isValid() || date < first[side])
                first[side] = date;
        }
        const int a = first[1].isValid() && first[1] < first[0] ? 1 : 0;
        series->setText(tr("Compare the Two Selected &Series (%1: %2 builds, %3: %4 builds)")
                            .arg(labels[a], QString::number(files[a].size()), labels[1 - a],
                                 QString::number(files[1 - a].size())));
        const QStringList filesA = files[a], filesB = files[1 - a];
        connect(series, &QAction::triggered, this,
                [this, filesA, filesB] { emit compareSeriesRequested(filesA, filesB); });
    }
    menu->addSeparator();
    QAction* label =
        menu->addAction(rows.size() > 1 ? tr("Set &Label of %1 Runs…").arg(rows.size()) : tr("Set &Label…"));
    label->setEnabled(!rows.isEmpty());
    connect(label, &QAction::triggered, this, [this, rows] {
        bool ok = false;
        const QString current =
            rows.isEmpty() ? QString() : rows.first().data(RunListModel::LabelRole).toString();
        const QString text =
            QInputDialog::getText(this, tr("Label"), tr("A label for the selected runs (empty removes it):"),
                                  QLineEdit::Normal, current, &ok);
        if (!ok)
            return;
        QString error;
        if (!labelSelectedRuns(text.trimmed(), &error))
            QMessageBox::warning(this, tr("Label"), error);
    });
    return menu;
}

bool HistoryPage::labelSelectedRuns(const QString& label, QString* error)
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return true;
    RunLibrary library;
    if (!library.open(m_path, error))
        return false;
    for (const QModelIndex& row : rows)
        if (!library.setLabel(row.data(RunListModel::RunIdRole).toLongLong(), label, error))
            return false;
    library.close();
    refresh();
    return true;
}

void HistoryPage::setDatabase(const QString& path)
{
    m_path = QFileInfo(path).absoluteFilePath();
    refresh();
}

void HistoryPage::refresh()
{
    if (m_loading) {
        m_readAgain = true;
        return;
    }
    startRead();
}

HistoryPage::Loaded HistoryPage::read(const QString& path)
{
    // Runs in the pool: the library, and so its SQL connection, lives and dies in this thread.
    Loaded out;
    if (!QFileInfo::exists(path))
        return out;
    RunLibrary library;
    if (!library.open(path, &out.error)) {
        out.state = Loaded::State::Failed;
        return out;
    }
    out.runs = library.runs();
    out.crates = library.crateNames();
    out.state = Loaded::State::Ok;
    return out;
}

void HistoryPage::startRead()
{
    m_loading = true;
    updateHeader();
    const QString path = m_path;
    m_watcher.setFuture(QtConcurrent::run([path] { return read(path); }));
}

void HistoryPage::showLoaded()
{
    m_model->setRuns(m_loaded.state == Loaded::State::Ok ? m_loaded.runs : std::vector<StoredRun>{});
    fillCombos();
    const QString howToAdd =
        tr("<p>Store runs with <code>buildlens history add [--label TEXT] FILE…</code> on the command line, "
           "or open a build, a profile or a binary and use History › Add Current Run to History.</p>");
    const QString path = m_path.toHtmlEscaped();
    switch (m_loaded.state) {
    case Loaded::State::Missing:
        m_message->setText(
            tr("<h3>No build history yet</h3><p>There is no run library at <code>%1</code>.</p>").arg(path) +
            howToAdd);
        break;
    case Loaded::State::Failed:
        m_message->setText(
            tr("<h3>Cannot read this build history</h3><p>%1</p>").arg(m_loaded.error.toHtmlEscaped()));
        break;
    case Loaded::State::Ok:
        m_message->setText(
            m_loaded.runs.empty()
                ? tr("<h3>No runs stored yet</h3><p>The run library <code>%1</code> is empty.</p>")
                          .arg(path) +
                      howToAdd
                : QString());
        break;
    }
    const bool hasRuns = m_model->rowCount() > 0;
    m_stack->setCurrentIndex(hasRuns ? 1 : 0);
    m_filter->setEnabled(hasRuns);
    m_crate->setEnabled(!m_loaded.crates.isEmpty());
    if (auto* model = qobject_cast<QStringListModel*>(m_crate->completer()->model()))
        model->setStringList(m_loaded.crates);
    applyFilters();
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(RunListModel::File, std::min(m_table->columnWidth(RunListModel::File), 260));
    // sizing the other columns leaves the stretched one as it was: have it take up the rest again
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(RunListModel::Rustc, QHeaderView::Interactive);
    header->setSectionResizeMode(RunListModel::Rustc, QHeaderView::Stretch);
}

QString HistoryPage::message() const
{
    return m_stack->currentIndex() == 0 ? m_message->text() : QString();
}

void HistoryPage::fillCombos()
{
    std::set<QString> kinds, profiles, labels;
    bool noProfile = false, noLabel = false;
    for (const StoredRun& r : m_model->runs()) {
        kinds.insert(r.kind);
        if (r.profile.isEmpty())
            noProfile = true;
        else
            profiles.insert(r.profile);
        if (r.label.isEmpty())
            noLabel = true;
        else
            labels.insert(r.label);
    }
    QList<QPair<QString, QString>> items;
    for (const QString& k : kinds)
        items.append({RunListModel::kindName(k), k});
    refill(m_kind, tr("All kinds"), QString(), items, false);
    items.clear();
    for (const QString& p : profiles)
        items.append({p, p});
    refill(m_profile, tr("All profiles"), tr("(none)"), items, noProfile && !profiles.empty());
    items.clear();
    for (const QString& l : labels)
        items.append({l, l});
    refill(m_label, tr("All labels"), tr("(no label)"), items, noLabel && !labels.empty());
    m_proxy->setKind(comboChoice(m_kind));
    m_proxy->setProfile(comboChoice(m_profile));
    m_proxy->setLabel(comboChoice(m_label));
}

void HistoryPage::applyFilters()
{
    rebuildCharts();
    updateHeader();
    highlightSelectedRun();
    if (!m_filter->text().trimmed().isEmpty())
        emit searchMatchesChanged(m_proxy->rowCount(), -1);
}

void HistoryPage::rebuildCharts()
{
    std::vector<StoredRun> shown = m_proxy->acceptedRuns();
    std::stable_sort(shown.begin(), shown.end(), [](const StoredRun& a, const StoredRun& b) {
        return RunListModel::buildDateOf(a) < RunListModel::buildDateOf(b);
    });
    // which number of a run each series draws; nothing where the run has none
    auto timings = [](const StoredRun& r) {
        return r.kind == QLatin1String("timings");
    };
    auto wall = [&](const StoredRun& r) {
        return timings(r) ? r.totalSeconds : std::nullopt;
    };
    auto critical = [&](const StoredRun& r) {
        return timings(r) ? r.criticalPathSeconds : std::nullopt;
    };
    auto units = [&](const StoredRun& r) -> std::optional<double> {
        return timings(r) && r.unitCount ? std::optional<double>(double(*r.unitCount)) : std::nullopt;
    };
    qint64 largestText = 0;
    for (const StoredRun& r : shown)
        if (r.kind == QLatin1String("binary-size") && r.textSize)
            largestText = std::max(largestText, *r.textSize);
    // KiB up to a few MiB keeps whole numbers on the axis readable
    const bool mib = largestText >= 8ll * 1024 * 1024;
    const double sizeDivisor = mib ? 1024.0 * 1024.0 : 1024.0;
    m_charts[SizeChart].y->setTitleText(mib ? tr("MiB") : tr("KiB"));
    auto text = [&](const StoredRun& r) -> std::optional<double> {
        return r.kind == QLatin1String("binary-size") && r.textSize
                   ? std::optional<double>(double(*r.textSize) / sizeDivisor)
                   : std::nullopt;
    };
    const std::function<std::optional<double>(const StoredRun&)> values[ChartCount][2] = {
        {wall, critical}, {units, {}}, {text, {}}};

    bool anyChart = false;
    bool seriesAdded = false;
    for (int i = 0; i < ChartCount; ++i) {
        TrendChart& c = m_charts[std::size_t(i)];
        double top = 0;
        QDateTime first, last;
        bool any = false;
        // a line joins only runs of one group: a clean build after an incremental one is no trend
        QStringList groups;
        bool linesAdded = false;
        for (std::size_t s = 0; s < c.trends.size(); ++s) {
            Trend& t = c.trends[s];
            t.runs.clear();
            QList<QPointF> points;
            std::vector<QList<QPointF>> byGroup;
            for (const StoredRun& r : shown) {
                const QDateTime date = RunListModel::buildDateOf(r);
                const std::optional<double> v = values[i][s](r);
                if (!date.isValid() || !v)
                    continue;
                const QPointF p(double(date.toMSecsSinceEpoch()), *v);
                points.append(p);
                const QString group = trendGroup(r);
                qsizetype g = groups.indexOf(group);
                if (g < 0) {
                    groups << group;
                    g = groups.size() - 1;
                }
                if (byGroup.size() <= std::size_t(g))
                    byGroup.resize(std::size_t(g) + 1);
                byGroup[std::size_t(g)].append(p);
                t.runs.push_back(r);
                top = std::max(top, *v);
                first = first.isValid() ? std::min(first, date) : date;
                last = last.isValid() ? std::max(last, date) : date;
            }
            byGroup.resize(std::max<std::size_t>(1, groups.size()));
            t.line->replace(byGroup[0]);
            while (t.groupLines.size() + 1 < byGroup.size()) {
                auto* line = new QLineSeries;
                c.chart->addSeries(line);
                line->attachAxis(c.x);
                line->attachAxis(c.y);
                t.groupLines.push_back(line);
                linesAdded = true;
            }
            while (t.groupLines.size() + 1 > byGroup.size()) {
                c.chart->removeSeries(t.groupLines.back());
                delete t.groupLines.back();
                t.groupLines.pop_back();
            }
            for (std::size_t g = 1; g < byGroup.size(); ++g)
                t.groupLines[g - 1]->replace(byGroup[g]);
            t.series->replace(points);
            any = any || !points.isEmpty();
        }
        // the markers stay above every line, or a line added later would take their clicks
        seriesAdded = seriesAdded || linesAdded;
        if (linesAdded)
            for (Trend& t : c.trends) {
                c.chart->removeSeries(t.series);
                c.chart->addSeries(t.series);
                t.series->attachAxis(c.x);
                t.series->attachAxis(c.y);
            }
        // the legend names the groups when there are several (by their dash pattern); the second trend of a
        // chart (critical path) follows the first's patterns and shows once
        for (std::size_t s = 0; s < c.trends.size(); ++s) {
            Trend& t = c.trends[s];
            const bool byGroup = groups.size() > 1 && s == 0;
            t.line->setName(byGroup && !groups[0].isEmpty() ? groups[0] : trendName(i, int(s)));
            for (std::size_t g = 0; g < t.groupLines.size(); ++g) {
                const QString group = groups.value(qsizetype(g + 1));
                t.groupLines[g]->setName(group.isEmpty() ? tr("other") : group);
                for (QLegendMarker* m : c.chart->legend()->markers(t.groupLines[g]))
                    m->setVisible(s == 0);
            }
        }
        c.chart->legend()->setVisible(i == WallTimeChart || groups.size() > 1);
        c.chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries); // a line with its dash pattern
        c.chart->legend()->setAlignment(Qt::AlignTop);
        c.chart->legend()->setBackgroundVisible(false);
        for (std::size_t s = 0; s < c.trends.size(); ++s)
            for (QLegendMarker* m : c.chart->legend()->markers(c.trends[s].series))
                m->setVisible(false);
        applyLinePens(c, i);
        c.view->setVisible(any);
        anyChart = anyChart || any;
        if (!any)
            continue;
        c.y->setRange(0, top > 0 ? top * 1.08 : 1);
        c.y->applyNiceNumbers();
        c.y->setLabelFormat(i == WallTimeChart ? QStringLiteral("%.1f") : QStringLiteral("%d"));
        // a little room either side, so that the first and last markers are not cut in half
        const qint64 span = first.msecsTo(last);
        const qint64 pad = span > 0 ? std::max<qint64>(span / 20, 60 * 1000) : 12ll * 3600 * 1000;
        c.first = first.addMSecs(-pad);
        c.last = last.addMSecs(pad);
        setTimeRange(c, c.first, c.last);
    }
    m_noTrends->setVisible(!anyChart);
    if (seriesAdded)
        applyPalette(); // a series added takes the theme's colours: ours again
}

void HistoryPage::setTimeRange(TrendChart& c, const QDateTime& from, const QDateTime& to)
{
    const QDateTime a = from.toLocalTime(), b = to.toLocalTime();
    const qint64 span = a.msecsTo(b);
    constexpr qint64 hour = 3600ll * 1000;
    // Labels that differ from one tick to the next: seconds when the runs are minutes apart (the day then
    // goes into the axis title), the date alone when they are days apart.
    QString title;
    if (span <= 2 * hour) {
        c.x->setFormat(QStringLiteral("hh:mm:ss"));
        title = a.date() == b.date() ? a.toString(QStringLiteral("yyyy-MM-dd"))
                                     : QStringLiteral("%1 – %2").arg(a.toString(QStringLiteral("yyyy-MM-dd")),
                                                                     b.toString(QStringLiteral("MM-dd")));
    } else {
        c.x->setFormat(span <= 72 * hour ? QStringLiteral("MM-dd hh:mm") : QStringLiteral("yyyy-MM-dd"));
    }
    c.x->setTitleText(title);
    c.x->setRange(a, b);
    updateTickCount(c);
}

void HistoryPage::updateTickCount(TrendChart& c)
{
    // As many dates as fit with room between them. From the view's width, less the value axis: the plot area
    // is only laid out later, when the chart next paints.
    const QString sample = QDateTime(QDate(2000, 12, 28), QTime(23, 58)).toString(c.x->format());
    const int labelWidth = c.view->fontMetrics().horizontalAdvance(sample) + 32;
    const int plotWidth = c.view->width() - 90;
    c.x->setTickCount(std::clamp(plotWidth / std::max(1, labelWidth) + 1, 2, 8));
}

void HistoryPage::updateHeader()
{
    QStringList facts;
    facts << QStringLiteral("<code>%1</code>").arg(m_path.toHtmlEscaped());
    if (m_loading)
        facts << tr("reading…");
    else if (m_loaded.state == Loaded::State::Ok) {
        const int total = m_model->rowCount();
        facts << tr("%n run(s)", nullptr, total);
        if (m_proxy->rowCount() != total)
            facts << tr("%1 shown").arg(m_proxy->rowCount());
    }
    m_header->setText(
        QStringLiteral("<b>%1</b> &nbsp; %2").arg(tr("Build history"), facts.join(QStringLiteral(" · "))));
}

void HistoryPage::applyPalette()
{
    const QPalette& pal = palette();
    const bool dark = isDarkPalette(pal);
    const QColor text = pal.color(QPalette::Text);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(dark ? 70 : 60);
    for (int i = 0; i < ChartCount; ++i) {
        TrendChart& c = m_charts[std::size_t(i)];
        // the theme resets fonts and colours: set it first, then ours
        c.chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        c.chart->setBackgroundVisible(false);
        c.chart->setPlotAreaBackgroundVisible(false);
        c.view->setBackgroundBrush(pal.color(QPalette::Base));
        c.chart->setTitleBrush(text);
        QFont titleFont = font();
        titleFont.setBold(true);
        c.chart->setTitleFont(titleFont);
        c.chart->legend()->setLabelColor(text);
        c.chart->legend()->setFont(font());
        for (QAbstractAxis* a : {static_cast<QAbstractAxis*>(c.x), static_cast<QAbstractAxis*>(c.y)}) {
            a->setLabelsColor(text);
            a->setLabelsFont(font());
            a->setTitleBrush(text);
            a->setTitleFont(font());
            a->setGridLineColor(grid);
            a->setLinePenColor(pal.color(QPalette::Mid));
        }
        applyLinePens(c, i);
        for (std::size_t s = 0; s < c.trends.size(); ++s) {
            const QColor colour = trendColour(pal, i, int(s));
            QScatterSeries* markers = c.trends[s].series;
            markers->setColor(colour);
            // a ring in the background colour keeps close markers apart
            markers->setBorderColor(pal.color(QPalette::Base));
            markers->setSelectedColor(pal.color(QPalette::Highlight));
        }
        updateTickCount(c);
    }
}

QString HistoryPage::trendName(int chart, int trend)
{
    switch (chart) {
    case WallTimeChart:
        return trend == 0 ? tr("Wall time") : tr("Critical path");
    case UnitsChart:
        return tr("Units");
    default:
        return tr(".text");
    }
}

QColor HistoryPage::trendColour(const QPalette& pal, int chart, int trend)
{
    switch (chart) {
    case WallTimeChart:
        return trend == 0 ? kindColor(UnitKind::Lib, pal) : criticalPathColor(pal);
    case UnitsChart:
        return kindColor(UnitKind::Bin, pal);
    default:
        return kindColor(UnitKind::ProcMacro, pal);
    }
}

QString HistoryPage::trendGroup(const StoredRun& run)
{
    QStringList parts;
    if (!run.profile.isEmpty())
        parts << run.profile;
    if (run.kind == QLatin1String("timings") && run.freshUnits)
        parts << (*run.freshUnits > 0 ? tr("incremental") : tr("clean"));
    return parts.join(QLatin1Char(' '));
}

void HistoryPage::applyLinePens(TrendChart& c, int index)
{
    const QPalette& pal = palette();
    // one colour a trend, one dash pattern a group
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DotLine, Qt::DashLine, Qt::DashDotLine,
                                          Qt::DashDotDotLine};
    for (std::size_t s = 0; s < c.trends.size(); ++s) {
        const QColor colour = trendColour(pal, index, int(s));
        c.trends[s].line->setPen(QPen(colour, 2, styles[0]));
        for (std::size_t g = 0; g < c.trends[s].groupLines.size(); ++g)
            c.trends[s].groupLines[g]->setPen(QPen(colour, 2, styles[(g + 1) % std::size(styles)]));
    }
}

void HistoryPage::changeEvent(QEvent* event)
{
    DocumentPage::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

std::optional<std::pair<const HistoryPage::Trend*, int>>
HistoryPage::pointNear(const TrendChart& c, const QPointF& pos, double radius) const
{
    std::optional<std::pair<const Trend*, int>> best;
    double bestDistance = radius;
    for (const Trend& t : c.trends) {
        if (!t.series->isVisible())
            continue;
        const QList<QPointF> points = t.series->points();
        for (int i = 0; i < points.size(); ++i) {
            const QPointF at =
                c.view->mapFromScene(c.chart->mapToScene(c.chart->mapToPosition(points[i], t.series)));
            const double d = std::hypot(at.x() - pos.x(), at.y() - pos.y());
            if (d <= bestDistance) {
                bestDistance = d;
                best = std::make_pair(&t, i);
            }
        }
    }
    return best;
}

const StoredRun* HistoryPage::runOfPoint(const QXYSeries* series, int index) const
{
    for (const TrendChart& c : m_charts)
        for (const Trend& t : c.trends)
            if (t.series == series && index >= 0 && std::size_t(index) < t.runs.size())
                return &t.runs[std::size_t(index)];
    return nullptr;
}

QPoint HistoryPage::pointPosition(const QXYSeries* series, int index) const
{
    for (const TrendChart& c : m_charts)
        for (const Trend& t : c.trends)
            if (t.series == series && index >= 0 && index < t.series->count())
                return c.view->mapFromScene(
                    c.chart->mapToScene(c.chart->mapToPosition(t.series->at(index), t.series)));
    return {};
}

QString HistoryPage::tooltipAt(Chart chart, const QPoint& pos) const
{
    const TrendChart& c = m_charts[std::size_t(chart)];
    const auto hit = pointNear(c, pos, kPickRadius);
    if (!hit)
        return {};
    const StoredRun& run = hit->first->runs[std::size_t(hit->second)];
    return QStringLiteral("<b>%1</b><br>%2")
               .arg(hit->first->line->name().isEmpty() ? c.chart->title().toHtmlEscaped()
                                                       : hit->first->line->name().toHtmlEscaped(),
                    RunListModel::describe(run).toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                        QLatin1String("<br>"))) +
           tr("<br><i>Click to open</i>");
}

bool HistoryPage::eventFilter(QObject* watched, QEvent* event)
{
    // filters are installed while the charts are built: only those already built can be meant
    for (int i = 0; i < int(m_charts.size()); ++i) {
        TrendChart& c = m_charts[std::size_t(i)];
        if (watched == c.view->viewport() && event->type() == QEvent::ToolTip) {
            auto* help = static_cast<QHelpEvent*>(event);
            const QString tip = tooltipAt(Chart(i), help->pos());
            if (tip.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), tip, c.view->viewport());
            return true;
        }
        if (watched == c.view && event->type() == QEvent::Resize)
            updateTickCount(c);
    }
    return DocumentPage::eventFilter(watched, event);
}

void HistoryPage::highlightSelectedRun()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const qint64 id = rows.isEmpty() ? -1 : rows.first().data(RunListModel::RunIdRole).toLongLong();
    for (TrendChart& c : m_charts)
        for (Trend& t : c.trends) {
            t.series->deselectAllPoints();
            for (std::size_t p = 0; p < t.runs.size(); ++p)
                if (t.runs[p].id == id)
                    t.series->selectPoint(int(p));
        }
}

std::vector<ExportTarget> HistoryPage::exportTargets()
{
    std::vector<ExportTarget> targets;
    const QString names[ChartCount] = {tr("Wall time trend"), tr("Units trend"), tr(".text size trend")};
    for (int i = 0; i < ChartCount; ++i) {
        QChartView* view = m_charts[std::size_t(i)].view;
        if (!view || view->isHidden())
            continue;
        const QString name = names[i];
        targets.push_back({name, [this, view, name] {
                               return graphicsViewFigure(*view, tr("%1 — %2").arg(title(), name.toLower()),
                                                         m_path, QDateTime::currentDateTime());
                           }});
    }
    return targets;
}

QString HistoryPage::title() const
{
    const QString defaultPath = QFileInfo(RunLibrary::defaultPath()).absoluteFilePath();
    return m_path == defaultPath || m_path.isEmpty() ? tr("History")
                                                     : tr("History: %1").arg(QFileInfo(m_path).fileName());
}

QString HistoryPage::statusText() const
{
    if (m_loading)
        return tr("Reading %1…").arg(m_path);
    switch (m_loaded.state) {
    case Loaded::State::Missing:
        return tr("No run library at %1").arg(m_path);
    case Loaded::State::Failed:
        return m_loaded.error;
    case Loaded::State::Ok:
        break;
    }
    return tr("%n run(s) in %1", nullptr, m_model->rowCount()).arg(m_path);
}

void HistoryPage::setSearchText(const QString& text)
{
    m_filter->setText(text);
}

void HistoryPage::selectMatch(int step)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    const int current = selected.isEmpty() ? (step > 0 ? -1 : rows) : selected.first().row();
    const int next = ((current + step) % rows + rows) % rows;
    m_table->selectRow(next);
    m_table->scrollTo(m_proxy->index(next, 0));
    emit searchMatchesChanged(rows, next);
}

void HistoryPage::nextMatch()
{
    selectMatch(1);
}

void HistoryPage::previousMatch()
{
    selectMatch(-1);
}

void HistoryPage::fitToWindow()
{
    for (TrendChart& c : m_charts)
        if (c.first.isValid())
            setTimeRange(c, c.first, c.last);
}

void HistoryPage::zoomBy(double factor)
{
    for (TrendChart& c : m_charts) {
        if (!c.first.isValid() || factor <= 0)
            continue;
        const qint64 from = c.x->min().toMSecsSinceEpoch(), to = c.x->max().toMSecsSinceEpoch();
        const qint64 centre = from + (to - from) / 2;
        // never narrower than a minute, never wider than everything
        const qint64 half = std::clamp<qint64>(qint64(double(to - from) / factor / 2), 30 * 1000,
                                               c.first.msecsTo(c.last) / 2);
        setTimeRange(c, QDateTime::fromMSecsSinceEpoch(centre - half),
                     QDateTime::fromMSecsSinceEpoch(centre + half));
    }
}

} // namespace bl
