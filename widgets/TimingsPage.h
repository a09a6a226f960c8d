#pragma once

#include "DocumentPage.h"
#include "analysis/TimingsAnalysis.h"

#include <memory>

class QCheckBox;
class QLineEdit;
class QTableView;

namespace bl {

class ConcurrencyChart;
class SummaryPanel;
class TimelineView;
class UnitsFilterProxy;
class UnitsTableModel;

// A cargo build: the timeline, the concurrency chart under it on the same time axis, the units table and the
// summary, with one selection shared by all of them.
class TimingsPage : public DocumentPage
{
    Q_OBJECT
public:
    explicit TimingsPage(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis);
    const std::shared_ptr<const TimingsAnalysis>& analysis() const { return m_analysis; }
    TimelineView* timeline() const { return m_timeline; }

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override;
    void previousMatch() override;
    void fitToWindow() override;
    void zoomBy(double factor) override;

signals:
    // The user asked for a unit's detail (double click, context menu): the window opens its self-profile.
    void unitActivated(int unit);
    void unitSelected(int unit);

private:
    void onTableSelection();
    void onTimelineSelection(int unit);

    std::shared_ptr<const TimingsAnalysis> m_analysis;
    TimelineView* m_timeline;
    ConcurrencyChart* m_chart;
    SummaryPanel* m_summary;
    UnitsTableModel* m_unitsModel;
    UnitsFilterProxy* m_unitsProxy;
    QTableView* m_table;
    QLineEdit* m_tableFilter;
    QCheckBox* m_showFresh;
    bool m_syncing = false;
};

} // namespace bl
