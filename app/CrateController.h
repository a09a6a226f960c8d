#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QTabWidget;

namespace bl {

class CratePage;
class DocumentPage;

// Opens the crate page (CratePage) for a crate double-clicked anywhere: it joins what every open tab holds
// about that crate, and its links bring those tabs to the front.
class CrateController : public QObject
{
    Q_OBJECT
public:
    // `addPage` puts a new page into the window (as a tab keyed by its path).
    CrateController(QTabWidget* tabs, std::function<void(DocumentPage*, const QString&)> addPage,
                    QObject* parent = nullptr);
    // The run library whose stored runs give the crate's history (none: no history section).
    void setHistoryDb(const QString& path) { m_historyDb = path; }

    // Without an open self-profile of the crate, the newest one in a remembered profile directory is read
    // on a worker and its section added when it arrives.
    CratePage* showCrate(const QString& name);
    // A -Zself-profile directory just opened: remembered (the last few, across sessions) so that a crate page
    // finds its profile there after the tab is closed.
    static void rememberProfileDirectory(const QString& dir);
    static QStringList profileDirectories();
    // The newest `<crate>-<pid>.mm_profdata` of `crate` (rustc's name) in `dirs`; empty if none.
    static QString findProfile(const QString& crate, const QStringList& dirs);
    // Brings the tab showing `file` to the front, with `item` (a unit's label) selected where it applies.
    bool showSource(const QString& file, const QString& item);

signals:
    void status(const QString& message);
    // A section's file is not open in any tab: open it.
    void openFileRequested(const QString& path);

private:
    QTabWidget* m_tabs;
    std::function<void(DocumentPage*, const QString&)> m_addPage;
    QString m_historyDb;
};

} // namespace bl
