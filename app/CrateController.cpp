#include "CrateController.h"

#include "CratePage.h"
#include "GraphPage.h"
#include "ProfilePage.h"
#include "SizePage.h"
#include "TimelineView.h"
#include "TimingsPage.h"
#include "report/CrateReport.h"
#include "store/RunLibrary.h"

#include <QFileInfo>
#include <QTabWidget>

namespace bl {

CrateController::CrateController(QTabWidget* tabs, std::function<void(DocumentPage*, const QString&)> addPage,
                                 QObject* parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_addPage(std::move(addPage))
{
}

CratePage* CrateController::showCrate(const QString& name)
{
    CrateSources sources;
    QHash<QString, QString> titles;
    for (int i = 0; i < m_tabs->count(); ++i) {
        QWidget* w = m_tabs->widget(i);
        auto note = [&](const QString& file) {
            titles.insert(file, m_tabs->tabText(i));
        };
        if (auto* t = qobject_cast<TimingsPage*>(w); t && t->analysis()) {
            sources.builds.push_back(t->analysis());
            note(t->analysis()->run->file);
        } else if (auto* p = qobject_cast<ProfilePage*>(w); p && p->profile()) {
            sources.profiles.push_back(p->profile());
            note(p->profile()->file);
        } else if (auto* set = qobject_cast<ProfileSetPage*>(w); set && set->profiles()) {
            for (const auto& profile : set->profiles()->profiles) {
                sources.profiles.push_back(profile);
                note(profile->file);
            }
        } else if (auto* s = qobject_cast<SizePage*>(w); s && s->report()) {
            sources.sizes.push_back(s->report());
            note(s->report()->file);
        } else if (auto* g = qobject_cast<GraphPage*>(w); g && g->sourceGraph()) {
            sources.graphs.push_back(g->sourceGraph());
            note(g->sourceGraph()->file);
        }
    }
    if (!m_historyDb.isEmpty() && QFileInfo::exists(m_historyDb)) {
        RunLibrary runs;
        if (runs.open(m_historyDb)) {
            sources.historyFile = m_historyDb;
            sources.history = runs.crateHistory(name);
        }
    }
    const CrateReport report = crateReport(name, sources);
    auto* page = new CratePage;
    page->setReport(report, titles);
    connect(page, &CratePage::openRequested, this,
            [this](const QString& file, const QString& item) { showSource(file, item); });
    // one page per crate: opening it again replaces the old one
    m_addPage(page, QStringLiteral("crate:%1").arg(crateKey(report.name)));
    if (report.empty())
        emit status(tr("Nothing open mentions the crate %1.").arg(name));
    return page;
}

bool CrateController::showSource(const QString& file, const QString& item)
{
    const QString abs = QFileInfo(file).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i) {
        QWidget* w = m_tabs->widget(i);
        const bool timingsOf = qobject_cast<TimingsPage*>(w) && qobject_cast<TimingsPage*>(w)->analysis() &&
                               qobject_cast<TimingsPage*>(w)->analysis()->run->file == file;
        if (w->property("sourcePath").toString() != abs && !timingsOf) {
            // a profile of a directory's set
            if (auto* set = qobject_cast<ProfileSetPage*>(w); set && set->profiles())
                for (const auto& p : set->profiles()->profiles)
                    if (p->file == file) {
                        m_tabs->setCurrentIndex(i);
                        set->showCrate(p->crate);
                        return true;
                    }
            continue;
        }
        m_tabs->setCurrentIndex(i);
        if (auto* t = qobject_cast<TimingsPage*>(w); t && !item.isEmpty() && t->analysis()) {
            const auto& units = t->analysis()->run->units;
            for (std::size_t u = 0; u < units.size(); ++u)
                if (units[u].label() == item) {
                    t->timeline()->selectUnit(int(u));
                    break;
                }
        }
        return true;
    }
    emit status(tr("%1 is no longer open.").arg(QFileInfo(file).fileName()));
    return false;
}

} // namespace bl
