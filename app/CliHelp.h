#pragma once

#include <QString>
#include <QStringList>

namespace bl::cli {

// The subcommands, as typed: summary, compare, export, history, help.
const QStringList& subcommands();

// `buildlens --help`: every subcommand in a line or two, and every kind of input.
QString usageText();

// `buildlens CMD --help` (or `buildlens help CMD`); empty for a word that is no subcommand.
QString commandHelp(const QString& command);

// True when --help or -h stands among the arguments (before a `--` that ends the options).
bool wantsHelp(const QStringList& args);

// The subcommand a mistyped word was most likely meant to be ("sumary" → "summary"), or empty when none is
// close enough to suggest.
QString closestCommand(const QString& word);

} // namespace bl::cli
