#include "WhatIfView.h"

#include "TimeScale.h"
#include "TimelineView.h"
#include "report/SummaryReport.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace bl {

namespace {

QLabel* headerLabel()
{
    auto* label = new QLabel;
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setContentsMargins(8, 4, 8, 4);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString signedSeconds(double seconds)
{
    return (seconds >= 0 ? QStringLiteral("+") : QStringLiteral("−")) + formatSeconds(std::abs(seconds));
}

QString signedPercent(double fraction)
{
    return (fraction >= 0 ? QStringLiteral("+") : QStringLiteral("−")) +
           QStringLiteral("%1 %").arg(std::abs(100 * fraction), 0, 'f', 1);
}

} // namespace

WhatIfView::WhatIfView(QWidget* parent)
    : QWidget(parent)
    , m_observedHeader(headerLabel())
    , m_predictedHeader(headerLabel())
    , m_observed(new TimelineView)
    , m_predictedView(new TimelineView)
    , m_jobs(new QSpinBox)
    , m_cpus(new QSpinBox)
    , m_link(new QDoubleSpinBox)
    , m_codegen(new QDoubleSpinBox)
    , m_contention(new QDoubleSpinBox)
    , m_changes(new QTreeWidget)
    , m_removeChange(new QPushButton(tr("Remove")))
    , m_result(new QLabel)
{
    auto* timelines = new QSplitter(Qt::Vertical);
    for (auto [header, view] :
         {std::pair{m_observedHeader, m_observed}, {m_predictedHeader, m_predictedView}}) {
        auto* box = new QWidget;
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(0);
        v->addWidget(header);
        v->addWidget(view, 1);
        view->setMinimumHeight(140);
        timelines->addWidget(box);
    }
    timelines->setChildrenCollapsible(false);

    // the panel: the machine, the phases, the units changed, the result
    auto* panel = new QWidget;
    panel->setMinimumWidth(260);
    panel->setMaximumWidth(420);
    auto* side = new QVBoxLayout(panel);
    side->setContentsMargins(8, 8, 8, 8);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_jobs->setRange(1, 1024);
    m_jobs->setObjectName(QStringLiteral("whatIfJobs"));
    m_jobs->setToolTip(tr("Job slots: cargo's -j"));
    m_cpus->setRange(0, 1024);
    m_cpus->setSpecialValueText(tr("not recorded"));
    m_cpus->setObjectName(QStringLiteral("whatIfCpus"));
    m_cpus->setSuffix(tr(" cores"));
    for (QDoubleSpinBox* f : {m_link, m_codegen}) {
        f->setRange(0, 10);
        f->setSingleStep(0.1);
        f->setDecimals(2);
        f->setPrefix(QStringLiteral("× "));
        f->setValue(1);
    }
    m_link->setObjectName(QStringLiteral("whatIfLink"));
    m_codegen->setObjectName(QStringLiteral("whatIfCodegen"));
    m_link->setToolTip(
        tr("Every unit's link section (nightly -Zsection-timings) times this: a faster linker"));
    m_codegen->setToolTip(
        tr("Every unit's codegen section (or the time after its metadata) times this: another backend"));
    form->addRow(tr("Job slots"), m_jobs);
    form->addRow(tr("Machine"), m_cpus);
    form->addRow(tr("Link time"), m_link);
    form->addRow(tr("Codegen time"), m_codegen);
    m_contention->setRange(0, 50);
    m_contention->setSingleStep(1);
    m_contention->setDecimals(1);
    m_contention->setSuffix(tr(" % with a neighbour"));
    m_contention->setObjectName(QStringLiteral("whatIfContention"));
    m_contention->setToolTip(
        tr("How much more work a unit does with one other unit running beside it, twice that with three, "
           "growing with the log2 of the running units (caches, memory bandwidth): the machine's, as "
           "`buildlens whatif --calibrate` fits it from captures at different -j"));
    form->addRow(tr("Contention"), m_contention);
    side->addLayout(form);

    auto* changesLabel = new QLabel(tr("Units changed (right-click a unit on a timeline to add one)"));
    changesLabel->setWordWrap(true);
    side->addWidget(changesLabel);
    m_changes->setObjectName(QStringLiteral("whatIfChanges"));
    m_changes->setColumnCount(2);
    m_changes->setHeaderLabels({tr("Unit"), tr("Change")});
    m_changes->setRootIsDecorated(false);
    m_changes->header()->setStretchLastSection(false);
    m_changes->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_changes->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    side->addWidget(m_changes, 1);
    auto* buttons = new QHBoxLayout;
    auto* reset = new QPushButton(tr("Reset All"));
    buttons->addWidget(m_removeChange);
    buttons->addWidget(reset);
    buttons->addStretch(1);
    side->addLayout(buttons);
    m_result->setObjectName(QStringLiteral("whatIfResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    side->addWidget(m_result);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(timelines);
    split->addWidget(panel);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setSizes({960, 300});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_jobs, &QSpinBox::valueChanged, this, [this](int v) {
        m_scenario.jobs = m_analysis && v == capturedJobs(*m_analysis->run) ? 0 : v;
        scheduleRecompute();
    });
    connect(m_cpus, &QSpinBox::valueChanged, this, [this](int v) {
        m_scenario.cpus = m_analysis && v == m_analysis->run->ncpu ? 0 : v;
        scheduleRecompute();
    });
    connect(m_link, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_scenario.linkFactor = v;
        scheduleRecompute();
    });
    connect(m_codegen, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_scenario.codegenFactor = v;
        scheduleRecompute();
    });
    connect(m_contention, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_scenario.contention = v / 100;
        m_replayStale = true; // the replay under the same machine model: the difference is the change alone
        scheduleRecompute();
    });
    connect(m_removeChange, &QPushButton::clicked, this, [this] {
        const QTreeWidgetItem* item = m_changes->currentItem();
        if (!item)
            return;
        const int unit = item->data(0, Qt::UserRole).toInt();
        m_scenario.speed.erase(unit);
        m_scenario.split.erase(unit);
        std::erase(m_scenario.removed, unit);
        fillChangeList();
        scheduleRecompute();
    });
    connect(reset, &QPushButton::clicked, this, &WhatIfView::resetChanges);
    connect(m_changes, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_removeChange->setEnabled(item);
        if (item)
            selectUnit(item->data(0, Qt::UserRole).toInt());
    });
    m_removeChange->setEnabled(false);

    // one time axis and one selection for both timelines; unit i is the same unit in both
    connect(m_observed->timeScale(), &TimeScale::windowChanged, this,
            [this] { syncTimelines(m_observed, m_predictedView); });
    connect(m_predictedView->timeScale(), &TimeScale::windowChanged, this,
            [this] { syncTimelines(m_predictedView, m_observed); });
    for (TimelineView* view : {m_observed, m_predictedView}) {
        connect(view, &TimelineView::unitSelected, this, [this, view](int unit) {
            if (m_syncing)
                return;
            m_syncing = true;
            TimelineView* other = view == m_observed ? m_predictedView : m_observed;
            const int n = m_analysis ? static_cast<int>(m_analysis->run->units.size()) : 0;
            int own = unit;
            if (unit >= n && unit - n < static_cast<int>(m_predicted.splitFrom.size()))
                own = m_predicted.splitFrom[std::size_t(unit - n)]; // a second part: its unit
            other->selectUnit(own);
            m_syncing = false;
            emit unitSelected(own);
        });
        view->setUnitMenuExtender([this](QMenu& menu, int unit) {
            const int n = m_analysis ? static_cast<int>(m_analysis->run->units.size()) : 0;
            if (unit >= n && unit - n < static_cast<int>(m_predicted.splitFrom.size()))
                unit = m_predicted.splitFrom[std::size_t(unit - n)];
            addMenuActions(menu, unit, {});
        });
    }
}

void WhatIfView::setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_scenario = {};
    m_observed->setAnalysis(m_analysis);
    m_predictedView->setAnalysis(nullptr);
    // scheduling a large build takes a while: not before someone looks at this tab
    m_replay = {};
    m_replayStale = true;
    setControlsFromRun();
    fillChangeList();
    m_dirty = true;
    if (isVisible())
        recompute();
}

void WhatIfView::setControlsFromRun()
{
    const bool cores = m_analysis && m_analysis->run->ncpu > 0;
    const QSignalBlocker b1(m_jobs), b2(m_cpus), b3(m_link), b4(m_codegen), b5(m_contention);
    m_jobs->setValue(m_analysis ? capturedJobs(*m_analysis->run) : 1);
    m_cpus->setMinimum(cores ? 1 : 0); // 0 only shows "not recorded"
    m_cpus->setValue(cores ? m_analysis->run->ncpu : 0);
    m_cpus->setEnabled(cores);
    m_contention->setValue(0);
    m_contention->setEnabled(cores);
    m_cpus->setToolTip(cores
                           ? tr("Cores of the machine; the running units share them")
                           : tr("The file does not say how many cores the machine had: every unit takes its "
                                "captured time"));
    m_link->setValue(1);
    m_codegen->setValue(1);
}

void WhatIfView::addChange(int unit, Change change)
{
    if (!m_analysis || unit < 0 || unit >= static_cast<int>(m_analysis->run->units.size()))
        return;
    m_scenario.speed.erase(unit);
    m_scenario.split.erase(unit);
    std::erase(m_scenario.removed, unit);
    switch (change) {
    case Change::Faster:
        m_scenario.speed[unit] = 0.5;
        break;
    case Change::Slower:
        m_scenario.speed[unit] = 1.5;
        break;
    case Change::Gone:
        m_scenario.removed.push_back(unit);
        break;
    case Change::Split:
        m_scenario.split[unit] = 0.5;
        break;
    }
    fillChangeList();
    scheduleRecompute();
}

void WhatIfView::addMenuActions(QMenu& menu, int unit, const std::function<void()>& shown)
{
    if (!m_analysis || unit < 0 || unit >= static_cast<int>(m_analysis->run->units.size()) ||
        m_analysis->run->units[std::size_t(unit)].fresh)
        return;
    const QString name = m_analysis->run->units[std::size_t(unit)].name;
    auto add = [&](const QString& text, Change change) {
        menu.addAction(text, this, [this, unit, change, shown] {
            addChange(unit, change);
            if (shown)
                shown();
        });
    };
    add(tr("What If %1 Were 50 % Faster").arg(name), Change::Faster);
    add(tr("What If %1 Were 50 % Slower").arg(name), Change::Slower);
    add(tr("What If %1 Were Gone").arg(name), Change::Gone);
    add(tr("What If %1 Were Split in Two").arg(name), Change::Split);
}

void WhatIfView::resetChanges()
{
    m_scenario = {};
    m_replayStale = true;
    setControlsFromRun();
    fillChangeList();
    scheduleRecompute();
}

void WhatIfView::selectUnit(int unit)
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_observed->selectUnit(unit);
    m_predictedView->selectUnit(unit);
    m_syncing = false;
}

void WhatIfView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        recompute();
}

void WhatIfView::scheduleRecompute()
{
    m_dirty = true;
    if (!isVisible() || m_recomputeQueued)
        return;
    // spin box arrows held down: one schedule per turn of the event loop, not one per step
    m_recomputeQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_recomputeQueued = false;
        if (m_dirty)
            recompute();
    });
}

void WhatIfView::fillChangeList()
{
    m_changes->clear();
    if (!m_analysis)
        return;
    const auto& units = m_analysis->run->units;
    auto row = [&](int unit, QWidget* editor, const QString& text) {
        auto* item = new QTreeWidgetItem(m_changes, {units[std::size_t(unit)].label(), text});
        item->setData(0, Qt::UserRole, unit);
        item->setToolTip(0, units[std::size_t(unit)].label());
        if (editor)
            m_changes->setItemWidget(item, 1, editor);
    };
    for (const auto& [unit, factor] : m_scenario.speed) {
        auto* f = new QDoubleSpinBox;
        f->setRange(0.05, 10);
        f->setSingleStep(0.1);
        f->setDecimals(2);
        f->setPrefix(QStringLiteral("× "));
        f->setSuffix(tr(" time"));
        f->setValue(factor);
        f->setToolTip(tr("Its time times this: 0.5 is twice as fast"));
        connect(f, &QDoubleSpinBox::valueChanged, this, [this, u = unit](double v) {
            m_scenario.speed[u] = v;
            scheduleRecompute();
        });
        row(unit, f, {});
    }
    for (int unit : m_scenario.removed)
        row(unit, nullptr, tr("gone"));
    for (const auto& [unit, share] : m_scenario.split) {
        auto* f = new QSpinBox;
        f->setRange(5, 95);
        f->setSingleStep(5);
        f->setPrefix(tr("split "));
        f->setSuffix(QStringLiteral(" %"));
        f->setValue(static_cast<int>(std::lround(share * 100)));
        f->setToolTip(tr("The first part's share of its time; the second part has the rest"));
        connect(f, &QSpinBox::valueChanged, this, [this, u = unit](int v) {
            m_scenario.split[u] = v / 100.0;
            scheduleRecompute();
        });
        row(unit, f, {});
    }
    m_removeChange->setEnabled(false);
}

void WhatIfView::recompute()
{
    m_dirty = false;
    if (!m_analysis) {
        m_predictedView->setAnalysis(nullptr);
        m_result->clear();
        return;
    }
    const TimingsRun& run = *m_analysis->run;
    if (m_replayStale) {
        Scenario asCaptured;
        asCaptured.contention = m_scenario.contention;
        m_replay = simulate(run, asCaptured);
        m_replayStale = false;
    }
    m_predicted = simulate(run, m_scenario);
    auto predictedAnalysis = analyse(std::make_shared<const TimingsRun>(predictedRun(run, m_predicted)));
    const double observed = m_analysis->summary.wallSeconds;
    const double span = std::max(observed, m_predicted.wallSeconds);
    m_observed->setMinimumSpan(span);
    m_predictedView->setMinimumSpan(span);
    const int selected = m_observed->selectedUnit();
    // the same build under another change: the zoom and the scroll position stay
    if (m_predictedView->analysis())
        m_predictedView->updateAnalysis(predictedAnalysis);
    else
        m_predictedView->setAnalysis(predictedAnalysis);
    m_syncing = true;
    m_predictedView->selectUnit(selected);
    m_syncing = false;
    syncTimelines(m_observed, m_predictedView);

    const double replayError = observed > 0 ? (m_replay.wallSeconds - observed) / observed : 0;
    if (run.startsReconstructed)
        m_observedHeader->setText(tr("<b>Laid out</b> %1, -j%2: the file records no start times · the model "
                                     "schedules it in %3")
                                      .arg(formatSeconds(observed))
                                      .arg(m_replay.jobs)
                                      .arg(formatSeconds(m_replay.wallSeconds)));
    else
        m_observedHeader->setText(tr("<b>Observed</b> %1 wall time, -j%2 · the model replays it in %3 (%4)")
                                      .arg(formatSeconds(observed))
                                      .arg(m_replay.jobs)
                                      .arg(formatSeconds(m_replay.wallSeconds), signedPercent(replayError)));
    const double delta = m_predicted.wallSeconds - m_replay.wallSeconds;
    const QStringList changes = describeScenario(run, m_scenario);
    QStringList chain;
    for (int u : m_predicted.criticalPath)
        chain << scheduledLabel(run, m_predicted, u);
    const QString changed =
        changes.isEmpty() ? tr("nothing changed yet") : changes.join(QStringLiteral(", "));
    m_predictedHeader->setText(
        tr("<b>Predicted</b> %1 (%2 against the replay, %3) with %4")
            .arg(formatSeconds(m_predicted.wallSeconds), signedSeconds(delta),
                 signedPercent(m_replay.wallSeconds > 0 ? delta / m_replay.wallSeconds : 0),
                 changed.toHtmlEscaped()));
    QString result = tr("<p><b>Predicted: %1</b><br>%2 against the replay (%3)</p>")
                         .arg(formatSeconds(m_predicted.wallSeconds), signedSeconds(delta),
                              signedPercent(m_replay.wallSeconds > 0 ? delta / m_replay.wallSeconds : 0));
    result += tr("<p>Critical path %1 over %n unit(s):<br>%2</p>", nullptr,
                 static_cast<int>(m_predicted.criticalPath.size()))
                  .arg(formatSeconds(m_predicted.criticalSeconds),
                       chain.join(QStringLiteral(" → ")).toHtmlEscaped());
    result +=
        QStringLiteral("<p style='color:palette(mid)'>") +
        (m_predicted.sharesCores
             ? (m_predicted.cpuMeasured
                    ? tr("%1 cores shared by the running units; each unit's share from the capture's "
                         "CPU samples.")
                    : tr("%1 cores shared by the running units, one core per unit (the capture has no "
                         "CPU samples)."))
                   .arg(m_predicted.cpus)
             : tr("The capture does not say how many cores it had: every unit takes its captured time.")) +
        QLatin1Char(' ') +
        (m_predicted.usesDependencyGraph ? tr("Real dependencies (build-analysis log).")
         : m_predicted.releaseEdges
             ? tr("Dependencies from who released whom in the report.")
             : tr("The file records no dependencies: units wait only for job slots and for their own "
                  "package's order, so the prediction is a lower bound.")) +
        QStringLiteral("</p>");
    m_result->setText(result);
}

QString WhatIfView::resultText() const
{
    return m_predictedHeader->text() + QLatin1Char('\n') + m_result->text();
}

void WhatIfView::syncTimelines(TimelineView* from, TimelineView* to)
{
    if (m_syncing)
        return;
    m_syncing = true;
    to->setTimeWindow(from->timeScale()->visibleStart(), from->pixelsPerSecond());
    m_syncing = false;
}

} // namespace bl
