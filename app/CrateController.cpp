#include "CrateController.h"

#include "CratePage.h"
#include "GraphPage.h"
#include "ProfilePage.h"
#include "RecentList.h"
#include "SizePage.h"
#include "TimelineView.h"
#include "TimingsPage.h"
#include "report/CrateReport.h"
#include "store/RunLibrary.h"

#include "import/MmProfdataImporter.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>

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
    // the crate's profile from a profile directory when none is open
    QStringList dirs = profileDirectories();
    bool profiled = false;
    for (const auto& p : sources.profiles) {
        profiled = profiled || sameCrate(p->crate, name);
        const QString dir = QFileInfo(p->file).absolutePath();
        if (!dirs.contains(dir))
            dirs << dir;
    }
    const QString profileFile = profiled ? QString() : findProfile(name, dirs);

    const CrateReport report = crateReport(name, sources);
    auto* page = new CratePage;
    page->setReport(report, titles);
    if (!profileFile.isEmpty()) {
        auto* watcher = new QFutureWatcher<Result<SelfProfile>>(page);
        connect(watcher, &QFutureWatcherBase::finished, page, [=, this] {
            watcher->deleteLater();
            if (watcher->future().resultCount() == 0)
                return;
            const Result<SelfProfile>& r = watcher->result();
            if (!r) {
                emit status(tr("%1: %2").arg(QFileInfo(profileFile).fileName(), r.error().message));
                return;
            }
            CrateSources more = sources;
            more.profiles.push_back(r.value());
            QHash<QString, QString> moreTitles = titles;
            moreTitles.insert(
                profileFile,
                tr("%1 (profile directory, not open)")
                    .arg(QDir(QFileInfo(profileFile).absolutePath()).relativeFilePath(profileFile)));
            page->setReport(crateReport(name, more), moreTitles);
        });
        watcher->setFuture(QtConcurrent::run([profileFile] {
            Progress progress;
            ProfileImportOptions options;
            options.keepEvents = false; // the page shows the top queries only
            return importMmProfdata(profileFile, progress, options);
        }));
    }
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
        if (auto* size = qobject_cast<SizePage*>(w); size && !item.isEmpty())
            size->showCrate(item);
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
    if (QFileInfo(file).isFile()) {
        emit openFileRequested(file);
        return true;
    }
    emit status(tr("%1 is no longer open.").arg(QFileInfo(file).fileName()));
    return false;
}

namespace {
const char* const kProfileDirsKey = "crates/profileDirectories";
constexpr int kProfileDirs = 8;
} // namespace

void CrateController::rememberProfileDirectory(const QString& dir)
{
    rememberRecent(QLatin1String(kProfileDirsKey), dir, kProfileDirs);
}

QStringList CrateController::profileDirectories()
{
    return QSettings().value(QLatin1String(kProfileDirsKey)).toStringList();
}

QString CrateController::findProfile(const QString& crate, const QStringList& dirs)
{
    // rustc names each file after the crate it compiled and its process id
    const QRegularExpression pattern(QStringLiteral("^(.+)-(\\d+)\\.mm_profdata$"));
    const QString key = crateKey(crate);
    QString best;
    QDateTime newest;
    for (const QString& dir : dirs) {
        const QFileInfoList files =
            QDir(dir).entryInfoList({QStringLiteral("*.mm_profdata")}, QDir::Files | QDir::Readable);
        for (const QFileInfo& f : files) {
            const QRegularExpressionMatch m = pattern.match(f.fileName());
            if (!m.hasMatch() || crateKey(m.captured(1)) != key)
                continue;
            if (best.isEmpty() || f.lastModified() > newest) {
                best = f.absoluteFilePath();
                newest = f.lastModified();
            }
        }
    }
    return best;
}

} // namespace bl
