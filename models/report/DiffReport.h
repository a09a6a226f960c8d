#pragma once

#include "../analysis/RunDiff.h"

#include <QString>

#include <string>

namespace bl {

// `buildlens compare A B --json` objects (shapes documented in README.md) and their readable forms, which
// list the largest `top` changes.
std::string timingsDiffJson(const TimingsDiff& diff, int indent = 2);
// "2 (limited by job slots)", "not recorded": one side's job count in a comparison.
QString jobsText(const TimingsAnalysis& analysis);
QString timingsDiffText(const TimingsDiff& diff, int top = 20);

std::string timingsSetDiffJson(const TimingsSetDiff& diff, const QStringList& filesA,
                               const QStringList& filesB, int indent = 2);
QString timingsSetDiffText(const TimingsSetDiff& diff, int top = 20);

std::string profileDiffJson(const ProfileDiff& diff, int indent = 2);
QString profileDiffText(const ProfileDiff& diff, int top = 20);

std::string sizeDiffJson(const SizeDiff& diff, int indent = 2);
QString sizeDiffText(const SizeDiff& diff, int top = 20);

// How a unit's target and mode read in a comparison: "lib", "bin textstat", "build-script"; "build" or
// "run-custom-build".
QString unitTargetText(const Unit& u);
QString unitModeText(const Unit& u);

} // namespace bl
