#pragma once

class QCoreApplication;

namespace bl {

// Installs the user's language if BuildLens has it, else English, whose file supplies the plural forms.
void installTranslations(QCoreApplication& app);

} // namespace bl
