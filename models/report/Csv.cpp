#include "Csv.h"

#include "../itemmodels/ExportRole.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QSaveFile>

namespace bl {

namespace {

QString fieldText(const QVariant& v)
{
    switch (v.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
        // 15 significant digits: 2.87 stays "2.87", never in the locale's format
        return QString::number(v.toDouble(), 'g', 15);
    case QMetaType::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::QStringList:
        return v.toStringList().join(QStringLiteral(", "));
    default:
        return v.toString();
    }
}

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')) &&
        !s.contains(QLatin1Char('\r')))
        return s;
    QString quoted = s;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QByteArray csvRecord(const QStringList& fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += QLatin1Char(',');
        line += csvField(fields[i]);
    }
    return line.toUtf8() + "\r\n";
}

QByteArray tableCsv(const QAbstractItemModel& model)
{
    QByteArray out;
    const int columns = model.columnCount();
    QStringList header;
    for (int c = 0; c < columns; ++c) {
        const QVariant name = model.headerData(c, Qt::Horizontal, ExportRole);
        header << (name.isValid() ? name.toString() : model.headerData(c, Qt::Horizontal).toString());
    }
    out += csvRecord(header);
    for (int r = 0, rows = model.rowCount(); r < rows; ++r) {
        QStringList fields;
        for (int c = 0; c < columns; ++c) {
            const QModelIndex index = model.index(r, c);
            const QVariant v = model.data(index, ExportRole);
            fields << fieldText(v.isValid() ? v : model.data(index, Qt::DisplayRole));
        }
        out += csvRecord(fields);
    }
    return out;
}

bool writeTableCsv(const QAbstractItemModel& model, const QString& path, QString& error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(tableCsv(model)) < 0 || !file.commit()) {
        error = QCoreApplication::translate("bl", "cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::vector<QStringList> parseCsv(const QByteArray& csv, bool* ok)
{
    std::vector<QStringList> records;
    const QString text = QString::fromUtf8(csv);
    QStringList record;
    QString field;
    bool quoted = false, wasQuoted = false, good = true;
    auto endField = [&] {
        record << field;
        field.clear();
        wasQuoted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || wasQuoted)
                good = false; // a quote inside an unquoted field
            quoted = wasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
            ++i;
            endField();
            records.push_back(std::move(record));
            record.clear();
        } else if (c == QLatin1Char('\n')) {
            endField();
            records.push_back(std::move(record));
            record.clear();
        } else {
            field += c;
        }
    }
    if (quoted)
        good = false;
    if (!field.isEmpty() || !record.isEmpty()) {
        endField();
        records.push_back(std::move(record));
    }
    if (ok)
        *ok = good;
    return records;
}

} // namespace bl
