#pragma once

class QCoreApplication;

namespace bl {

// The organisation, name and version that the settings' location and `--version` come from; the command line
// and the window set the same.
void setApplicationIdentity();

// Installs the user's language if BuildLens has it, else English, whose file supplies the plural forms.
void installTranslations(QCoreApplication& app);

} // namespace bl
