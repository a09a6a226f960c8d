#pragma once

#include "../analysis/TimingsAnalysis.h"
#include "../core/DepGraph.h"
#include "../core/SelfProfile.h"
#include "../core/SizeReport.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <string>
#include <vector>

namespace bl {

// One stored run's figure for a crate (RunLibrary::crateHistory()): a build's time in it, or its bytes (IR
// lines) in a binary.
struct CrateHistoryPoint
{
    qint64 run = -1;
    QString kind; // the run's kind: "timings", "binary-size", "llvm-lines"
    QString date; // the build's date, UTC ISO 8601
    QString label;
    QString profile;
    double seconds = 0;     // timings: its built units' time
    int units = 0;          // timings: its built units
    int freshUnits = 0;     // timings: its units cargo did not build again
    std::uint64_t size = 0; // binary-size: bytes; llvm-lines: lines
};

// One crate across everything open about it: its units in builds, its self-profiles, its LLVM IR lines, its
// bytes in binaries and its place in the dependency graph. Each section names the file it came from.
struct CrateSources
{
    std::vector<std::shared_ptr<const TimingsAnalysis>> builds;
    std::vector<std::shared_ptr<const SelfProfile>> profiles;
    std::vector<std::shared_ptr<const SizeReport>> sizes; // binaries, cargo-bloat, cargo-llvm-lines
    std::vector<std::shared_ptr<const DepGraph>> graphs;
    QString historyFile; // the run library the history came from
    std::vector<CrateHistoryPoint> history;
};

struct CrateUnit
{
    QString label;
    QString kind;
    double start = 0;
    double duration = 0;
    double frontend = -1; // seconds to its metadata (or the frontend section); -1 unknown
    double codegen = -1;
    bool critical = false;
    double slack = -1; // -1 unknown
    QString rebuildCause, rebuildDetail;
};

struct CrateBuild
{
    QString file;
    std::vector<CrateUnit> units;
    double seconds = 0;         // sum of its units
    double criticalSeconds = 0; // of its units on the critical path
    double criticalShare = 0;   // of the build's critical path
    double wallSeconds = 0;
};

struct CrateFunction
{
    QString name;
    std::uint64_t size = 0; // bytes, or IR lines
    std::uint64_t copies = 0;
};

struct CrateProfile
{
    QString file;
    double totalSeconds = 0;
    std::vector<QueryStats> topQueries; // by self time
};

struct CrateBytes
{
    QString file;
    QString source; // "elf", "cargo-bloat", "llvm-lines"
    QString attribution;
    std::uint64_t size = 0; // bytes, or IR lines for llvm-lines
    std::uint64_t total = 0;
    std::uint64_t functions = 0;
    std::vector<CrateFunction> largest;
    std::vector<CrateFunction> mostCopies; // llvm-lines: the generic functions with the most copies
};

struct CrateGraph
{
    QString file;
    QStringList versions; // more than one: a duplicate
    QStringList features;
    QStringList dependencies; // direct, "name version"
    QStringList dependents;
    int transitiveDependents = 0;
    int depth = -1; // longest distance from a workspace member
    bool member = false;
};

struct CrateReport
{
    QString name; // as asked
    std::vector<CrateBuild> builds;
    std::vector<CrateProfile> profiles;
    std::vector<CrateBytes> sizes;
    std::vector<CrateGraph> graphs;
    QString historyFile;
    std::vector<CrateHistoryPoint> history; // oldest first

    bool empty() const
    {
        return builds.empty() && profiles.empty() && sizes.empty() && graphs.empty() && history.empty();
    }
};

// One spelling for a crate's name: lower case, `_` for `-` (package names use `-`, crate names `_`).
QString crateKey(const QString& name);
// Whether two crate names are the same crate.
bool sameCrate(const QString& a, const QString& b);
CrateReport crateReport(const QString& name, const CrateSources& sources, int top = 10);
std::string crateJson(const CrateReport& report, int indent = 2);
QString crateText(const CrateReport& report);

} // namespace bl
