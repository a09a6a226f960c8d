#pragma once

#include "DocumentPage.h"
#include "analysis/GraphOverview.h"
#include "analysis/GraphTimings.h"
#include "core/DepGraph.h"

#include <QFutureWatcher>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QSpinBox;
class QTextBrowser;

namespace bl {

class DepGraphView;
struct GraphLayout;
struct TimingsAnalysis;

// A dependency graph: a workspace's packages (cargo metadata) or a build's units (unitGraph()), laid out,
// with the crates present in several versions, and for the selected node who pulls it in (every path from a
// workspace member), what would rebuild if it changed, and its compile time and slack when timings are
// painted on it. Focus mode lays out only the selection's neighbourhood. Every layout runs on a worker
// thread.
class GraphPage : public DocumentPage
{
    Q_OBJECT
public:
    struct TimingsSource
    {
        QString title;
        std::shared_ptr<const TimingsAnalysis> analysis;
    };

    explicit GraphPage(QWidget* parent = nullptr);
    ~GraphPage() override;

    // `layout` comes from the import thread (Graphviz takes seconds on big graphs); without one, the page
    // lays the graph out on a worker.
    void setGraph(std::shared_ptr<const DepGraph> graph, std::shared_ptr<const GraphLayout> layout);
    // A build's own unit graph, with its durations, slack and critical path; graph and layout are made on a
    // worker.
    void setUnitGraph(std::shared_ptr<const TimingsAnalysis> analysis);
    // The builds open elsewhere in the window that a package graph may take its heat from ("Heat from").
    void setTimingsSources(const QList<TimingsSource>& sources);
    // Paints the heat of `sources[index]` (index into the last setTimingsSources list; -1 for none).
    void setHeatSource(int index);
    int heatSource() const;

    DepGraphView* view() const { return m_view; }
    const std::shared_ptr<const DepGraph>& graph() const { return m_graph; }
    const GraphTimings& timings() const { return m_timings; }
    QComboBox* heatCombo() const { return m_heatCombo; }

    // The overview of a big graph (graphOverview()): on by default past wantsOverview(); off shows every
    // package. Grouping the workspace members is part of it and may be turned off alone.
    void setOverview(bool on);
    bool overview() const;
    void setMembersGrouped(bool on);
    bool membersGrouped() const;
    // What the overview on screen left out, and the graph it was made from; null without an overview.
    const std::shared_ptr<const GraphOverview>& currentOverview() const { return m_overview; }
    const std::shared_ptr<const DepGraph>& sourceGraph() const { return m_sourceGraph; }

    void setFocusMode(bool on);
    bool focusMode() const;
    void setFocusLevels(int levels);
    int focusLevels() const;
    // True until the layout last asked for (whole graph or neighbourhood) is on screen.
    bool isLayingOut() const { return m_pendingJob != 0; }

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override {}
    void previousMatch() override {}
    void fitToWindow() override;
    void zoomBy(double factor) override;
    std::vector<ExportTarget> exportTargets() override;

signals:
    // A layout was put on screen: the whole graph or a focused neighbourhood.
    void layoutApplied();

private:
    struct Job
    {
        int id = 0;
        bool focus = false;
        std::shared_ptr<const DepGraph> graph;
        std::shared_ptr<const GraphLayout> layout;
        std::shared_ptr<const GraphOverview> overview; // when `graph` is one
    };

    void showGraph(std::shared_ptr<const DepGraph> graph);
    void applyTimings(GraphTimings timings, const QString& from);
    void startJob(bool focus, std::shared_ptr<const DepGraph> graph, std::vector<int> visible,
                  std::shared_ptr<const TimingsAnalysis> unitsOf = {}, bool makeOverview = false);
    void showWholeOrOverview();
    void onJobFinished();
    void refocus();
    void updateHeader();
    void showDetails(int package);
    bool isUnitGraph() const;

    std::shared_ptr<const DepGraph> m_graph; // on screen: the package graph, its overview or a unit graph
    std::shared_ptr<const DepGraph> m_sourceGraph; // the package graph as imported
    std::shared_ptr<const GraphOverview> m_overview;
    std::shared_ptr<const GraphLayout> m_fullLayout;
    std::shared_ptr<const TimingsAnalysis> m_ownRun; // a unit graph's build
    QList<TimingsSource> m_sources;
    GraphTimings m_timings;
    QString m_timingsFrom;
    QLabel* m_header;
    QComboBox* m_heatCombo;
    QLabel* m_heatLabel;
    QCheckBox* m_overviewBox;
    QCheckBox* m_groupBox;
    QCheckBox* m_focus;
    QSpinBox* m_levels;
    QLabel* m_busy;
    QLabel* m_focusInfo;
    QLabel* m_selectedTitle;
    DepGraphView* m_view;
    QListWidget* m_duplicates;
    QTextBrowser* m_details;
    QFutureWatcher<Job> m_watcher;
    int m_pendingJob = 0; // id of the layout being computed, 0 for none
    int m_lastJob = 0;
    int m_focusedOn = -1; // package the neighbourhood on screen is centred on
};

} // namespace bl
