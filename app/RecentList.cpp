#include "RecentList.h"

#include <QFileInfo>
#include <QSettings>

namespace bl {

QStringList rememberRecent(const QString& key, const QString& path, int max)
{
    QSettings settings;
    QStringList list = settings.value(key).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > max)
        list.removeLast();
    settings.setValue(key, list);
    return list;
}

} // namespace bl
