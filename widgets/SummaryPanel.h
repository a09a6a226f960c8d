#pragma once

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
    void setAnalysis(std::shared_ptr<const TimingsAnalysis> analysis);
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
};

} // namespace bl
