#pragma once

#include "analysis/TimingsAnalysis.h"
#include "core/ImportError.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace bl {

// Runs an import and its analysis on a worker thread, reports progress and lets the user cancel. The result,
// an immutable analysis, comes back to the GUI thread in one piece.
class ImportController : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        std::shared_ptr<const TimingsAnalysis> analysis;
        ImportError error;
    };

    explicit ImportController(QObject* parent = nullptr);
    ~ImportController() override;

    void start(const QString& path);
    void cancel();
    bool isBusy() const { return m_watcher.isRunning(); }
    QString currentFile() const { return m_path; }

signals:
    void started(const QString& path);
    void progressChanged(int permille);
    void imported(const QString& path, std::shared_ptr<const bl::TimingsAnalysis> analysis);
    void failed(const QString& path, const QString& message, bool cancelled);

private:
    void onFinished();

    QFutureWatcher<Outcome> m_watcher;
    QString m_path;
};

} // namespace bl
