#pragma once

#include "../core/DepGraph.h"

#include <vector>

namespace bl {

struct Duplicate
{
    QString name;
    QStringList versions; // ascending
};

// Packages present in more than one version, by name.
std::vector<Duplicate> duplicates(const DepGraph& graph);

// The longest chain of dependencies (normal and build; dev-dependencies may form cycles and are left out)
// from any workspace member, in edges; per package when `depths` is given.
int maxDepth(const DepGraph& graph, std::vector<int>* depths = nullptr);

// "Why is this crate here?": every path from `from` to `to` (package positions), each first package first,
// at most `limit` of them. Dev-dependencies are followed only when `withDev`.
std::vector<std::vector<int>> whyPaths(const DepGraph& graph, int from, int to, bool withDev = false,
                                       int limit = 200);

// Direct dependents of a package.
std::vector<int> reverseDependencies(const DepGraph& graph, int package);

// Everything that depends on a package, directly or not: what would rebuild if it changed.
std::vector<int> transitiveDependents(const DepGraph& graph, int package);

// A package's neighbourhood, what focus mode shows: the package, its dependencies up to `levels` edges down
// and its dependents up to `levels` edges up (two separate walks, so a dependent's other dependencies are not
// pulled in), ascending. Dev-dependencies are followed down only from the package itself, as cargo builds
// only the package's own; up, every edge counts.
std::vector<int> neighbourhood(const DepGraph& graph, int package, int levels);

} // namespace bl
