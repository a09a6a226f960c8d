#include "ImportController.h"

#include "analysis/GraphOverview.h"
#include "analysis/SizeItems.h"

#include <QCoreApplication>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace bl {

namespace {

class PromiseProgress final : public Progress
{
public:
    explicit PromiseProgress(QPromise<ImportController::Outcome>& promise)
        : m_promise(promise)
    {
    }
    void setFraction(double f) override
    {
        m_promise.setProgressValue(static_cast<int>(std::clamp(f, 0.0, 1.0) * 1000));
    }
    bool cancelled() const override { return m_promise.isCanceled(); }

private:
    QPromise<ImportController::Outcome>& m_promise;
};

} // namespace

ImportController::ImportController(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ImportController::onFinished);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, &ImportController::progressChanged);
}

ImportController::~ImportController()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

void ImportController::start(const QString& path)
{
    if (m_watcher.isRunning()) {
        m_watcher.cancel();
        m_watcher.waitForFinished(); // importers poll for cancellation often; this returns promptly
    }
    m_path = path;
    emit started(path);
    m_watcher.setFuture(QtConcurrent::run([path](QPromise<Outcome>& promise) {
        promise.setProgressRange(0, 1000);
        PromiseProgress progress(promise);
        Outcome out;
        const Result<ImportedData> result = importAny(path, progress);
        if (result) {
            out.data = result.value();
            if (out.data->timings) {
                out.analysis = analyse(out.data->timings);
                out.findings = std::make_shared<const std::vector<Finding>>(
                    findings(FindingsInput{out.analysis, nullptr, nullptr}));
            }
            // the flame graph and the flame chart of a big profile take a while: laid out here, off the GUI
            // thread
            if (out.data->profile)
                out.profileLayouts.push_back(layOutProfile(*out.data->profile));
            // a big graph opens as its overview, which the page lays out itself
            if (out.data->graph && !wantsOverview(*out.data->graph))
                out.graphLayout = std::make_shared<const GraphLayout>(layoutGraph(*out.data->graph));
            if (out.data->size)
                out.sizeTree = std::make_shared<const SizeTree>(buildSizeTree(sizeItems(*out.data->size)));
            if (out.data->profiles)
                for (const auto& p : out.data->profiles->profiles)
                    out.profileLayouts.push_back(layOutProfile(*p));
        } else {
            out.error = result.error();
        }
        promise.addResult(std::move(out));
    }));
}

void ImportController::cancel()
{
    m_watcher.cancel();
}

void ImportController::onFinished()
{
    const QString path = m_path;
    if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) {
        emit failed(path, tr("Import of %1 cancelled.").arg(path), true);
        return;
    }
    const Outcome out = m_watcher.result();
    if (out.data)
        emit imported(path, out);
    else
        emit failed(path, out.error.toString(), out.error.cancelled);
}

} // namespace bl
