#pragma once

#include "DocumentPage.h"
#include "core/DepGraph.h"

#include <memory>

class QLabel;
class QListWidget;
class QTextBrowser;

namespace bl {

class DepGraphView;
struct GraphLayout;

// A workspace's dependency graph (cargo metadata): the laid-out graph, the crates present in several
// versions, and for the selected crate who pulls it in (every path from a workspace member) and what would
// rebuild if it changed.
class GraphPage : public DocumentPage
{
    Q_OBJECT
public:
    explicit GraphPage(QWidget* parent = nullptr);
    // `layout` comes from the import thread (Graphviz takes seconds on big graphs).
    void setGraph(std::shared_ptr<const DepGraph> graph, std::shared_ptr<const GraphLayout> layout);
    DepGraphView* view() const { return m_view; }

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override {}
    void previousMatch() override {}
    void fitToWindow() override;
    void zoomBy(double factor) override;

private:
    void showDetails(int package);

    std::shared_ptr<const DepGraph> m_graph;
    QLabel* m_header;
    DepGraphView* m_view;
    QListWidget* m_duplicates;
    QTextBrowser* m_details;
};

} // namespace bl
