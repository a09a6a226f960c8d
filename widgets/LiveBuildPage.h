#pragma once

#include "DocumentPage.h"
#include "analysis/TimingsAnalysis.h"

#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace bl {

class TimelineView;

// A cargo build while it runs: its timeline growing (units appear when they start, bars grow, finished ones
// keep their length), the count of units done and to do, what compiles now, cargo's own output, and Cancel.
// It shows what it is given; the process belongs to whoever started it (app/BuildController).
class LiveBuildPage : public DocumentPage
{
    Q_OBJECT
public:
    LiveBuildPage(const QString& command, const QString& workspace, QWidget* parent = nullptr);

    // The build so far: `done` of `total` units (total 0 while cargo has not said), `running` now.
    void setProgress(std::shared_ptr<const TimingsAnalysis> analysis, int done, int total,
                     const QStringList& running);
    // A line cargo wrote that is not its progress (compiler errors and warnings, "Compiling ..."); terminal
    // escapes are dropped.
    void appendOutput(const QString& line);
    // The build ended: the message says how, the Cancel button goes.
    void setFinished(const QString& message, bool success);
    bool isFinished() const { return m_finished; }

    TimelineView* timeline() const { return m_timeline; }
    QString output() const;
    QString progressText() const;

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override;
    void previousMatch() override;
    void fitToWindow() override;
    void zoomBy(double factor) override;

signals:
    void cancelRequested();

private:
    void updateHeader();

    QString m_command;
    QString m_workspace;
    QLabel* m_header;
    QProgressBar* m_bar;
    QLabel* m_progressLabel;
    QPushButton* m_cancel;
    TimelineView* m_timeline;
    QPlainTextEdit* m_output;
    QString m_state;
    bool m_finished = false;
    int m_done = 0;
    int m_total = 0;
    int m_units = 0;
};

} // namespace bl
