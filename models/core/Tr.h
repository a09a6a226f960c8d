#pragma once

#include <QCoreApplication>
#include <QString>

namespace bl {

// Translates a message outside any QObject (importers, reports, the command line) in the one context "bl"
// that translations/buildlens_en.ts keeps them under.
inline QString tr(const char* text)
{
    return QCoreApplication::translate("bl", text);
}

// With a count for %n and plural forms.
inline QString tr(const char* text, const char* disambiguation, int n)
{
    return QCoreApplication::translate("bl", text, disambiguation, n);
}

} // namespace bl
