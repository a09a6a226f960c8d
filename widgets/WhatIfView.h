#pragma once

#include "analysis/Schedule.h"
#include "analysis/TimingsAnalysis.h"

#include <QWidget>

#include <memory>

class QDoubleSpinBox;
class QLabel;
class QMenu;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace bl {

class TimelineView;

// What if the build ran with other job slots or cores, with a unit faster, gone or split in two, with a
// faster linker or codegen: cargo's schedule replayed with the change (models/analysis/Schedule), drawn as a
// second timeline under the real one on the same time axis, with the predicted total and critical path. The
// changes are made in the panel on the right and from a unit's context menu on any timeline of the page.
class WhatIfView : public QWidget
{
    Q_OBJECT
public:
    enum class Change { Faster, Slower, Gone, Split };

    explicit WhatIfView(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis);
    // One unit changed (from a context menu): replaces what was asked of that unit before.
    void addChange(int unit, Change change);
    // The menu entries for a unit, which add a change and call `shown` (to bring this view to the front).
    void addMenuActions(QMenu& menu, int unit, const std::function<void()>& shown);

    const Scenario& scenario() const { return m_scenario; }
    const Schedule& prediction() const { return m_predicted; }
    const Schedule& replay() const { return m_replay; }
    TimelineView* observedTimeline() const { return m_observed; }
    TimelineView* predictedTimeline() const { return m_predictedView; }
    QString resultText() const;

public slots:
    void selectUnit(int unit);
    void resetChanges();

signals:
    void unitSelected(int unit);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void recompute();
    void setControlsFromRun();
    void scheduleRecompute();
    void fillChangeList();
    void syncTimelines(TimelineView* from, TimelineView* to);

    std::shared_ptr<const TimingsAnalysis> m_analysis;
    Scenario m_scenario;
    Schedule m_replay;
    Schedule m_predicted;
    bool m_dirty = true;
    bool m_replayStale = true; // the replay is computed when the tab is first shown, not with every page
    bool m_syncing = false;
    bool m_recomputeQueued = false;

    QLabel* m_observedHeader;
    QLabel* m_predictedHeader;
    TimelineView* m_observed;
    TimelineView* m_predictedView;
    QSpinBox* m_jobs;
    QSpinBox* m_cpus;
    QDoubleSpinBox* m_link;
    QDoubleSpinBox* m_codegen;
    QDoubleSpinBox* m_contention;
    QTreeWidget* m_changes;
    QPushButton* m_removeChange;
    QLabel* m_result;
};

} // namespace bl
