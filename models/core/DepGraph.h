#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace bl {

struct DepPackage
{
    QString id; // package id, opaque
    QString name;
    QString version;
    QString source; // empty for path (workspace) packages
    bool member = false;
    bool procMacro = false; // its library is a proc macro (cargo metadata's target kinds)
    QStringList features;   // activated in the resolve
    // Only in a unit graph (unitGraph(), one node per compilation unit): what the unit builds, short and
    // lower-case ("build.rs run", "bin textstat"). Empty for a package.
    QString unit;
    // Only in an overview (graphOverview()): crates with no dependencies of their own that only this one
    // uses, folded into it.
    QStringList folded;

    // The line under the name in the drawn graph.
    QString detail() const
    {
        const QString line = unit.isEmpty() ? version : QStringLiteral("v%1 (%2)").arg(version, unit);
        return folded.isEmpty() ? line : QStringLiteral("%1 +%2").arg(line).arg(folded.size());
    }
};

struct DepEdge
{
    int from = -1; // positions in DepGraph::packages
    int to = -1;
    QString name; // the extern crate name the dependent uses
    bool normal = false;
    bool build = false;
    bool dev = false;
    QStringList platforms; // cfg(...) or target triples; empty = all
    // What the dependent asks of it in its Cargo.toml (every declaration of it, of any kind, merged): the
    // features it turns on, and whether it keeps the default ones
    QStringList features;
    bool defaultFeatures = true;
};

// A resolved dependency graph (`cargo metadata`), packages as nodes. Immutable once imported.
struct DepGraph
{
    QString file;
    QString workspaceRoot;
    std::vector<DepPackage> packages;
    std::vector<DepEdge> edges;
    std::vector<int> members;          // positions of workspace members
    std::vector<std::vector<int>> out; // edge indices per package
    std::vector<std::vector<int>> in;
    QStringList warnings;

    int indexOf(const QString& name, const QString& version = QString()) const;
};

} // namespace bl
