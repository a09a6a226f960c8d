#pragma once

#include "analysis/Findings.h"
#include "analysis/TimingsAnalysis.h"

#include <QTextBrowser>

#include <memory>

namespace bl {

// The figures of a run at a glance: wall time, parallelism, critical and longest path, where the unit time
// went by kind, the slowest units (click to select), and anything odd the importer noticed.
class SummaryPanel : public QTextBrowser
{
    Q_OBJECT
public:
    explicit SummaryPanel(QWidget* parent = nullptr);
    // `found`: the run's findings when already worked out (off the GUI thread); else worked out here.
    void setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis,
                     std::shared_ptr<const std::vector<Finding>> found = nullptr);
    QSize sizeHint() const override;
    // Shown on hovering a unit: its time and why it is, or is not, on the critical path.
    QString unitToolTip(int unit) const;

signals:
    void unitActivated(int unit);

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    std::shared_ptr<const TimingsAnalysis> m_analysis;
    std::shared_ptr<const std::vector<Finding>> m_findings;
};

} // namespace bl
