#pragma once

#include "CargoCapture.h"

#include "../core/TimingsRun.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <algorithm>
#include <memory>
#include <vector>

namespace bl {

// A build as it happens, put together from what cargo says while it runs: a unit starts when its name
// appears among the running crates of cargo's progress line, and ends with its compiler-artifact (or, for a
// build script's run, build-script-executed) message, or when it leaves the progress line without one (it
// failed or the build was cancelled). Times are seconds on the caller's clock, started with cargo.
//
// The finished run comes from cargo's own report, not from here: this is what the window draws while the
// build is still running.
class LiveRun
{
public:
    struct LiveUnit
    {
        QString progressName; // cargo's name for it: "serde", "cap-core(build.rs)", "cap-app(bin)"
        Unit unit;            // name and kind from the progress name, version and target once cargo says
        double start = 0;
        double end = -1;           // -1 while it runs
        bool seenRunning = false;  // in a progress line before it ended (else it began and ended between two)
        bool identified = false;   // its compiler-artifact or build-script-executed message came
        bool leftProgress = false; // no longer in the progress line (its message may still be on the way)
    };

    void onProgress(const CaptureProgress& progress, double now);
    // One line of cargo's JSON on stdout; lines of no interest are ignored. True when it changed the run.
    bool onMessage(const QByteArray& json, double now);
    // The build ended: whatever still runs ends now.
    void finish(double now);

    // The run at `now`: units that still run end at `now` and are marked running.
    std::shared_ptr<TimingsRun> snapshot(double now) const;

    const std::vector<LiveUnit>& units() const { return m_units; }
    int finishedUnits() const; // built and ended (fresh ones not counted)
    int runningUnits() const;
    int freshUnits() const { return m_fresh; }
    // cargo's count of units done and to do, fresh ones included (0 until its first progress line)
    int progressDone() const
    {
        return std::max(m_done, m_messaged);
    } // its last line comes before the last unit ends
    int progressTotal() const { return m_total; }
    // The progress name cargo gives the unit of a compiler-artifact or build-script-executed message.
    static QString progressNameOf(const QByteArray& json, bool* fresh = nullptr);

private:
    int startUnit(const QString& progressName, double now, bool seen);
    // The unit of that name that runs (or last left the progress line), oldest first; -1 when none.
    int runningUnitNamed(const QString& progressName) const;

    std::vector<LiveUnit> m_units;
    QHash<QString, int> m_runningCount; // how many units of each name the last progress line showed
    int m_fresh = 0;
    int m_done = 0;
    int m_messaged = 0; // units that cargo said are done, fresh ones included
    int m_total = 0;
    double m_lastTick = 0;
};

} // namespace bl
