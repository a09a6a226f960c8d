#pragma once

#include "analysis/GraphLayout.h"

#include <QGraphicsView>

#include <memory>
#include <vector>

namespace bl {

// A compile-time scale from cool (t = 0) to hot (t = 1): pale fills under dark text in the light theme, deep
// ones under light text in the dark theme.
QColor heatColor(double t, const QPalette& palette);

// A Rust workspace's dependency graph as `dot` laid it out (GraphLayout): dependents above their
// dependencies, an arrow per dependency, solid for normal ones, dashed for build and dotted for dev ones.
// Workspace members get a thick accent border, packages present in several versions an amber corner. Nodes
// may be coloured by compile time (setHeat) and a set of them, the critical path, drawn bold with the edges
// between them.
//
// Ctrl+wheel zooms around the cursor, dragging pans, a click selects a package and dims everything that is
// neither its dependency nor its dependent; a click on empty space or Escape clears. The scene is the
// layout's coordinate space (points), so nodeRect() is directly comparable with the layout.
class DepGraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DepGraphView(QWidget* parent = nullptr);
    ~DepGraphView() override;

    void setGraph(std::shared_ptr<const DepGraph> graph, std::shared_ptr<const GraphLayout> layout);
    // Another layout of the same graph (focus mode's neighbourhood, or the whole graph again): selection,
    // heat and search stay, the view fits the new layout.
    void setLayout(std::shared_ptr<const GraphLayout> layout);
    const std::shared_ptr<const DepGraph>& graph() const { return m_graph; }
    const std::shared_ptr<const GraphLayout>& graphLayout() const { return m_layout; }
    // Seconds per package (positions in the graph); zeros and missing entries are drawn neutral.
    void setHeat(std::vector<double> secondsPerPackage);
    // Per package, non-zero for the packages on the critical path.
    void setCriticalPackages(std::vector<char> critical);
    // Seconds per package for the tooltip; negative entries are unknown.
    void setSlack(std::vector<double> secondsPerPackage);
    bool hasHeat() const { return m_maxHeat > 0; }

    // Packages to stand out while nothing is selected (a rebuild cascade): the others are dimmed. Empty:
    // none.
    void setMarkedPackages(std::vector<char> marked);
    bool isMarked(int package) const;

    int selectedPackage() const { return m_selected; }
    // True for the selection, its transitive dependencies and dependents, and for everything when nothing is
    // selected: what is drawn undimmed.
    bool isHighlighted(int package) const;
    bool isMatch(int package) const;
    int matchCount() const { return m_matchCount; }
    bool isDuplicate(int package) const;

    // Scene coordinates (the layout's points); empty for a package that is not laid out.
    QRectF nodeRect(int package) const;
    QRectF sceneBounds() const;
    int packageAt(const QPointF& scenePos) const;
    // The fill a node is painted with now, dimming included.
    QColor nodeFill(int package) const;
    QString tooltipFor(int package) const;
    int laidOutCount() const; // packages with a box in the current layout
    double zoom() const;      // view pixels per scene point

    // Paints the whole graph into `target`, aspect kept and centred (export to PNG, SVG or PDF).
    // An export puts its legend beside the graph (`withLegend` false) so that it never covers a node.
    void render(QPainter& painter, const QRectF& target, bool withLegend = true);
    double maxHeat() const { return m_maxHeat; }
    bool hasCriticalPackages() const;
    // The selection is a crate in several versions: who pulls in the others is drawn too, in amber.
    bool showsOtherVersions() const;

public slots:
    void selectPackage(int package); // -1 clears
    void fitToWindow();
    void zoomBy(double factor);
    void setSearchText(const QString& text);

signals:
    void packageSelected(int package);
    void packageActivated(int package); // double click
    void searchMatchesChanged(int packages);

protected:
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    bool viewportEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void paintGraph(QPainter& p, const QRectF& exposed) const;
    // The heat scale and the critical path's key, in device pixels at the bottom left of `area`.
    void paintLegend(QPainter& p, const QRectF& area) const;
    void updateRelations();

    void updateDuplicates();
    QColor baseFill(int package) const;

    std::shared_ptr<const DepGraph> m_graph;
    std::shared_ptr<const GraphLayout> m_layout;
    std::vector<double> m_heat;
    double m_maxHeat = 0;
    std::vector<char> m_critical;
    std::vector<double> m_slack;
    std::vector<char> m_duplicate;
    std::vector<char> m_member;
    std::vector<char> m_related;
    std::vector<char> m_marked; // per package, for the selection
    std::vector<char> m_match;
    int m_matchCount = 0;
    QString m_search;
    int m_selected = -1;
    bool m_autoFit = true; // refit on resize until the user zooms
    QPoint m_pressPos;
};

} // namespace bl
