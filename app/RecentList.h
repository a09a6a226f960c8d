#pragma once

#include <QString>
#include <QStringList>

namespace bl {

// Puts `path` (made absolute) first in the list the settings keep under `key`, once, keeping at most `max`
// entries; returns the new list. Recent files and the crate page's profile directories share it.
QStringList rememberRecent(const QString& key, const QString& path, int max);

} // namespace bl
