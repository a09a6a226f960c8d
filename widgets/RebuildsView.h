#pragma once

#include "analysis/Rebuilds.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTreeView;

namespace bl {

class RebuildTreeModel;

// Why an incremental build rebuilt what it did: a sentence ("1 file change in ts-core rebuilt 2 units: 1.9 s
// of 2.1 s"), then each root cause with the units it set off, depth-first, with their times. Selecting a unit
// tells the page, which selects it on the timeline and the unit graph.
class RebuildsView : public QWidget
{
    Q_OBJECT
public:
    explicit RebuildsView(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const RebuildAnalysis> analysis);
    QString headline() const;
    QTreeView* tree() const { return m_tree; }
    RebuildTreeModel* model() const { return m_model; }

public slots:
    void selectUnit(int unit);

    // Per unit of the run, non-zero for the units of the cascade `unit` belongs to; empty for a fresh unit.
    std::vector<char> cascadeOf(int unit) const;

signals:
    void unitSelected(int unit);
    // The cascade of the current unit, to mark on the timeline and the unit graph (empty: none).
    void cascadeMarked(const std::vector<char>& units);

private:
    QLabel* m_headline;
    QTreeView* m_tree;
    RebuildTreeModel* m_model;
    std::shared_ptr<const RebuildAnalysis> m_analysis;
    bool m_syncing = false;
};

} // namespace bl
