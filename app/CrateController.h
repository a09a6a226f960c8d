#pragma once

#include <QObject>
#include <QString>

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

    CratePage* showCrate(const QString& name);
    // Brings the tab showing `file` to the front, with `item` (a unit's label) selected where it applies.
    bool showSource(const QString& file, const QString& item);

signals:
    void status(const QString& message);

private:
    QTabWidget* m_tabs;
    std::function<void(DocumentPage*, const QString&)> m_addPage;
    QString m_historyDb;
};

} // namespace bl
