#include "ImportError.h"

namespace bl {

QString ImportError::toString() const
{
    QString where;
    if (line > 0)
        where = QStringLiteral("line %1: ").arg(line);
    else if (offset >= 0)
        where = QStringLiteral("byte %1: ").arg(offset);
    return QStringLiteral("%1: %2%3").arg(file, where, message);
}

} // namespace bl
