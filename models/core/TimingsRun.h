#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace bl {

// What a compilation unit builds, normalised so that a unit has the same identity whichever cargo wrote the
// file (" build script" in cargo 1.65, " build-script" in 1.95, a build-analysis {kind: "build-script"}...).
enum class UnitKind : std::uint8_t {
    Lib,
    ProcMacro,
    BuildScript,    // compiling build.rs
    BuildScriptRun, // running it
    Bin,
    Test,
    Bench,
    Example,
    Other,
};
constexpr int UnitKindCount = 9;

// Stable lower-case key ("lib", "proc-macro", "build-script", "build-script-run", "bin", ...), used in JSON.
QString unitKindKey(UnitKind kind);
// Human label ("Library", "Build script (run)", ...).
QString unitKindLabel(UnitKind kind);
// A unit's mode as a person reads it: cargo's HTML reports write "todo" for every compilation (the raw value
// stays in Unit::mode and the JSON).
QString unitModeLabel(const QString& mode);

// Live: a build still running, put together from cargo's messages and progress (capture/LiveRun).
// Why cargo built a unit again, as the kinds `buildlens why` reports (rebuildCauseKey()).
enum class RebuildCause : std::uint8_t {
    None, // not recorded (or fresh)
    FileChanged,
    BuildScriptRerun, // a build script ran again: an input it watches (rerun-if-changed/-env-changed) changed
    EnvChanged,
    FlagsChanged, // RUSTFLAGS, the toolchain, the target or config settings
    ProfileChanged,
    FeaturesChanged,
    DependencyRebuilt,
    New, // never built before (also after a change that gives it a new artifact name)
    Forced,
    Unknown,
};
// "file-changed", "build-script-rerun", "env-changed", "flags-changed", "profile-changed",
// "features-changed", "dependency-rebuilt", "new", "forced", "unknown"; empty for None.
QString rebuildCauseKey(RebuildCause cause);

enum class TimingsSource : std::uint8_t { Html, BuildAnalysis, TimingInfo, Live, CargoLog };
QString timingsSourceKey(TimingsSource source); // "html", "build-analysis", "timing-info", "live"

// A phase of a unit, in seconds relative to the unit's own start.
struct UnitSection
{
    QString name; // frontend, codegen, link, other, ...
    double start = 0;
    double end = 0;
};

struct Unit
{
    qint64 id = -1; // `i` of an HTML report, `index` of a build-analysis log, position otherwise
    QString name;   // package name
    QString version;
    QString target; // the target text exactly as the file has it (HTML: " build-script", ` textstat "bin"`)
    QString mode;   // exactly as in the file ("todo", "build", "run-custom-build")
    UnitKind kind = UnitKind::Lib;
    QString targetName; // e.g. "textstat" for a bin; empty where the file does not say
    QStringList features;
    double start = 0;                // seconds since the build started
    double duration = 0;             // seconds
    std::optional<double> rmetaTime; // seconds after start at which metadata was ready (pipelining)
    std::vector<UnitSection> sections;
    std::vector<int> unblocked;      // positions in TimingsRun::units released when this unit finished
    std::vector<int> unblockedRmeta; // ... released when its metadata was ready
    std::vector<int> dependencies;   // positions; only where the file records the real dependency graph
    bool fresh = false;              // not rebuilt (incremental build)
    bool running = false;            // still running when a live capture took this snapshot
    QString status;                  // build-analysis fingerprint status: new / dirty / fresh
    QString rebuildReason;           // why it was rebuilt, human text, where the file says
    RebuildCause rebuildCause = RebuildCause::None;
    QString rebuildDetail; // what changed: the file, the variable, ...
    int rebuildVia = -1;   // DependencyRebuilt: the position of the dependency that was rebuilt, -1 unknown
    qint64 rebuildViaIndex = -1; // ... cargo's unit number of it, where only that is known (fingerprint log)
    // What tells this unit from another of the same name, version and target in the run (built twice with
    // other features: "[std]" / "[std, derive]"); empty for a unit that has no twin. Set by tagTwinUnits().
    QString twinTag;

    double end() const { return start + duration; }
    // "regex-syntax v0.6.27", "ts-app v0.1.0 bin textstat", "syn v1.0.107 build script (run)", and the twin
    // tag where there is one: "serde v1.0.0 [std, derive]"
    QString label() const;
    qsizetype labelLength() const; // label().size(), without building it
    // Key that matches the same unit in another run, whichever cargo wrote either file.
    QString identity() const;
    // The point at which this unit let its rmeta dependents start (seconds after `start`).
    double rmetaOffset() const { return rmetaTime.value_or(duration); }
};

struct ConcurrencySample
{
    double t = 0;
    int active = 0;
    int waiting = 0;
    int inactive = 0;
};

struct CpuSample
{
    double t = 0;
    double percent = 0;
};

// One cargo build as recorded by a timings report, a build-analysis log or timing-info lines. Immutable once
// imported; shared between threads as std::shared_ptr<const TimingsRun>.
struct TimingsRun
{
    QString file;
    TimingsSource source = TimingsSource::Html;
    QString layout;       // HTML: "unlocked" (cargo 1.60-1.93) or "unblocked" (1.94+)
    QString rustcVersion; // "rustc 1.95.0 (59807616e 2026-04-14)"
    QString host;
    QString targetTriple;
    QString profile;    // dev, release, ...
    QString buildStart; // as written (RFC 3339)
    QString runId;      // build-analysis: cargo's run id, which also names the run's HTML report
    QString targetDir;  // build-analysis: the build's target directory
    QString cpuFrom;    // where the CPU samples came from when not from the file itself (the run's report)
    QString targets;    // the report's Targets row
    QString maxConcurrencyText;
    int jobs = 0; // 0 = not recorded
    int ncpu = 0;
    int freshUnitsReported = -1; // the report's own counts, -1 = not recorded
    int dirtyUnitsReported = -1;
    int totalUnitsReported = -1;
    double totalTimeReported = -1; // the report's "Total time", seconds
    std::vector<Unit> units;
    std::vector<ConcurrencySample> concurrency; // as recorded; empty when the file has none
    std::vector<CpuSample> cpu;
    bool startsReconstructed =
        false;            // timing-info lines carry no start times: starts were laid out by BuildLens
    QStringList warnings; // tolerated oddities in the file

    double totalSeconds() const; // largest start + duration
};

// Gives every unit that shares its label with another of the run a twin tag: the features that tell them
// apart, else the order in which they started. Importers call it once a run is complete.
void tagTwinUnits(TimingsRun& run);

} // namespace bl
