#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

class QAbstractItemModel;

namespace bl {

// RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; records end in CRLF.
QByteArray csvRecord(const QStringList& fields);

// Every row of a table model (top-level rows, in the model's order) with a header record. Each cell is its
// ExportRole value where the model gives one, else the displayed text.
QByteArray tableCsv(const QAbstractItemModel& model);

// Writes tableCsv(model) to `path` atomically; false with `error` naming the file and the problem.
bool writeTableCsv(const QAbstractItemModel& model, const QString& path, QString& error);

// Reads CSV back (for tests and for tools that check an export): records of fields.
std::vector<QStringList> parseCsv(const QByteArray& csv, bool* ok = nullptr);

} // namespace bl
