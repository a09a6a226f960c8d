#pragma once

#include "../core/ImportError.h"
#include "../core/TimingsRun.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace bl::detail {

// Reads a whole text input, refusing missing, unreadable and absurdly large files with a message.
// Whether `path` is a regular file (or a link to one); else why not, in words for a message. A device, pipe
// or socket is refused before it is opened: /dev/zero never ends, a FIFO with no writer blocks forever.
bool isRegularFile(const QString& path, QString* why = nullptr);
// The whole file, at most maxBytes: refused beforehand when its size says it is larger, and while reading
// when it turns out larger than it said (a file that grows, /proc).
std::optional<QByteArray> readWholeFile(const QString& path, qint64 maxBytes, ImportError& error);

struct PackageRef
{
    QString name;
    QString version;
};
// Both package id forms: "regex 1.7.1 (registry+...)" (cargo <= 1.76) and "registry+URL#regex@1.7.1" /
// "path+file:///x/ts-app#0.1.0".
PackageRef parsePackageId(const QString& id);

// Normalises an HTML report's target text (` textstat "bin"`, ` bin "textstat"`, " build script (run)", ...).
void classifyHtmlTarget(const QString& target, UnitKind& kind, QString& targetName);
// From a cargo target kind ("lib", "bin", "build-script", "custom-build", "proc-macro", ...) and mode.
UnitKind kindFromCargoTarget(const QString& targetKind, const QString& mode);
// The target text cargo 1.94+ writes into its HTML report for a unit, for inputs that lack one.
QString htmlTargetText(UnitKind kind, const QString& targetName);

// Where units of a kind that cargo does not name (proc macros) can be told apart from the rmeta data:
// pipelined libraries emit metadata early, proc macros never do. Only valid when the file records the rmeta
// point of every library that had one.
void inferProcMacros(TimingsRun& run);

// Line number (1-based) of a byte offset.
qint64 lineOfOffset(const QByteArray& data, qsizetype offset);

} // namespace bl::detail
