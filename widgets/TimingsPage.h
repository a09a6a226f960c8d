#pragma once

#include "DocumentPage.h"
#include "analysis/Findings.h"
#include "analysis/TimingsAnalysis.h"

#include <memory>

class QCheckBox;
class QLineEdit;
class QTabWidget;
class QTableView;

namespace bl {

class ConcurrencyChart;
class GraphPage;
class SummaryPanel;
class TimelineView;
class UnitsFilterProxy;
class UnitsTableModel;
class RebuildsView;
class WhatIfView;

// A cargo build: the timeline, the concurrency chart under it on the same time axis, the units table and the
// summary, with one selection shared by all of them; in a second tab the build's unit graph (what waited for
// what), laid out the first time the tab is shown.
class TimingsPage : public DocumentPage
{
    Q_OBJECT
public:
    explicit TimingsPage(QWidget* parent = nullptr);

    // `found`: the run's findings, when worked out off the GUI thread (the summary panel's, else its own)
    void setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis,
                     std::shared_ptr<const std::vector<Finding>> found = nullptr);
    const std::shared_ptr<const TimingsAnalysis>& analysis() const { return m_analysis; }
    TimelineView* timeline() const { return m_timeline; }
    GraphPage* graphPage() const { return m_graph; }
    // The Rebuilds tab's view, when the run says why its units were built (build-analysis logs); else null.
    RebuildsView* rebuildsView() const { return m_rebuilds; }
    // The What if tab: the build scheduled again with other jobs, cores or units changed.
    // The What if tab, showing this run (filled now if it was still waiting for its turn).
    WhatIfView* whatIfView();
    void showWhatIf();
    // Brings the unit graph's tab (true) or the timeline's to the front.
    void showUnitGraph(bool show);

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override;
    void previousMatch() override;
    void fitToWindow() override;
    void zoomBy(double factor) override;
    std::vector<ExportTarget> exportTargets() override;

signals:
    // The user asked for a unit's detail (double click, context menu): the window opens its self-profile.
    void unitActivated(int unit);
    void unitSelected(int unit);

private:
    void onTableSelection();
    void onTimelineSelection(int unit);
    bool graphShown() const;
    void fillTableAndWhatIf();
    void selectInTable(int unit);

    std::shared_ptr<const TimingsAnalysis> m_analysis;
    TimelineView* m_timeline;
    ConcurrencyChart* m_chart;
    SummaryPanel* m_summary;
    UnitsTableModel* m_unitsModel;
    UnitsFilterProxy* m_unitsProxy;
    QTableView* m_table;
    QLineEdit* m_tableFilter;
    QCheckBox* m_showFresh;
    QTabWidget* m_tabs;
    QWidget* m_timelineTab;
    GraphPage* m_graph;
    RebuildsView* m_rebuilds = nullptr;
    WhatIfView* m_whatIf;
    bool m_graphStarted = false;
    bool m_tablePending = false; // the units table and the what-if tab wait for the next event-loop turn
    QString m_search;
    bool m_syncing = false;
};

} // namespace bl
