#pragma once

#include <QStringList>

namespace bl {

// True when the arguments ask for headless work (a subcommand, --help, --version) rather than the window.
bool isCommandLineInvocation(const QStringList& args);

// Runs `buildlens summary|...` without a display. Returns the process exit status.
int runCommandLine(const QStringList& args);

QString usageText();

} // namespace bl
