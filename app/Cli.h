#pragma once

#include <QStringList>

namespace bl {

// True when the arguments ask for headless work (a subcommand, --help, --version, or a word that is neither a
// subcommand nor an existing file) rather than the window.
bool isCommandLineInvocation(const QStringList& args);

// Runs `buildlens summary|...` without a display. Returns the process exit status.
int runCommandLine(const QStringList& args);

} // namespace bl
