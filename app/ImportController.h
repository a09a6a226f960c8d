#pragma once

#include "analysis/Findings.h"
#include "analysis/GraphLayout.h"
#include "analysis/ProfileRows.h"
#include "analysis/SizeTree.h"
#include "analysis/TimingsAnalysis.h"
#include "core/ImportError.h"
#include "import/AnyImporter.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace bl {

// Runs an import (and, for a build, its analysis) on a worker thread, reports progress and lets the user
// cancel. The result, immutable, comes back to the GUI thread in one piece.
class ImportController : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        std::shared_ptr<const ImportedData> data;
        std::shared_ptr<const TimingsAnalysis> analysis;      // for a timings capture
        std::shared_ptr<const std::vector<Finding>> findings; // the analysis's, for its summary panel
        std::vector<ProfileLayouts> profileLayouts;           // one per profile: flame graph and flame chart
        std::shared_ptr<const SizeTree> sizeTree;             // the treemap's tree of a size report
        std::shared_ptr<const GraphLayout> graphLayout;       // Graphviz's layout of a dependency graph
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
    void imported(const QString& path, const bl::ImportController::Outcome& outcome);
    void failed(const QString& path, const QString& message, bool cancelled);

private:
    void onFinished();

    QFutureWatcher<Outcome> m_watcher;
    QString m_path;
};

} // namespace bl

Q_DECLARE_METATYPE(bl::ImportController::Outcome)
