// Renders the main window on a file to a PNG without a display (QT_QPA_PLATFORM=offscreen), for the README
// and for looking at views: screenshot FILE OUT.png [WIDTHxHEIGHT] [--dark] [--scale F] [--select NAME]
// [--search TEXT] [--open OTHER]... [--graph] [--heat] [--focus LEVELS] [--compare] [--history DB.sqlite].
// --history shows the build history of that run library, after FILE is open. --compare opens the
// comparison of the first OTHER (A) with FILE (B); --compare-dialog PNG saves the Compare Runs dialog. --open
// opens other files first (a build, so that a dependency graph can take its heat from it: --heat); --graph
// shows a build's unit graph;
// --build runs `cargo build` (or $BUILDLENS_CARGO) in the workspace FILE through Build › Run Cargo Build and
// also saves the window while it builds (OUT-live.png, once units run and some have finished);
// --focus turns on focus mode around the --select'ed node; --crate NAME opens the crate page of NAME from
// every open file.
#include "ComparePage.h"
#include "DepGraphView.h"
#include "DocumentPage.h"
#include "GraphPage.h"
#include "HistoryPage.h"
#include "ImportController.h"
#include "LiveBuildPage.h"
#include "MainWindow.h"
#include "ProfilePage.h"
#include "ProfileTimelineView.h"
#include "TimeScale.h"
#include "TimelineView.h"
#include "TimingsPage.h"
#include "Translations.h"
#include "WhatIfView.h"
#include "analysis/Schedule.h"
#include <QTabWidget>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QEventLoop>
#include <QFileInfo>
#include <QPalette>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>

namespace {

// Runs `start`, then the event loop until the page puts a layout on screen (Graphviz runs on a worker).
template <typename F> void waitForLayout(bl::GraphPage* page, F start)
{
    QEventLoop wait;
    QObject::connect(page, &bl::GraphPage::layoutApplied, &wait, &QEventLoop::quit);
    QTimer::singleShot(120000, &wait, &QEventLoop::quit);
    start();
    if (page->isLayingOut())
        wait.exec();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: screenshot FILE OUT.png [WxH] [--dark] [--scale F] [--select NAME] "
                             "[--search TEXT] [--cursor SECONDS] [--threads] [--open OTHER]... [--graph] "
                             "[--heat] [--focus LEVELS] [--history DB.sqlite] [--crate NAME]\n");
        return 2;
    }
    for (int i = 3; i < argc; ++i)
        if (QByteArray(argv[i]) == "--scale" && i + 1 < argc)
            qputenv("QT_SCALE_FACTOR", argv[i + 1]);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("BuildLens-screenshot"));
    QApplication::setApplicationName(QStringLiteral("BuildLens"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    bl::installTranslations(app);
    QSize size(1280, 800);
    QString select, search;
    bool ungroup = false;
    double cursor = -1;
    bool threads = false, graph = false, heat = false;
    bool compare = false;     // compare the first --open file (A) with FILE (B)
    bool build = false;       // FILE is a workspace to build
    QString dialogShot;       // --compare-dialog PNG: the Compare Runs dialog as it opens
    bool buildDialog = false; // --build-dialog: that PNG is of Build › Run Cargo Build's dialog instead
    int focus = 0;
    QStringList others;
    QString history;
    QString crate;
    QStringList innerTabs; // --tab NAME: show the inner tab of that name (Functions, Crates...)
    QStringList whatIf;    // --whatif jobs=N|faster=UNIT|gone=UNIT|split=UNIT: changes on the What if tab
    for (int i = 3; i < argc; ++i) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == QLatin1String("--dark")) {
            QPalette p;
            p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
            p.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
            p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
            p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
            p.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
            p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3a));
            p.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
            p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
            p.setColor(QPalette::HighlightedText, Qt::white);
            p.setColor(QPalette::Mid, QColor(0x60, 0x60, 0x60));
            p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
            p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3a));
            p.setColor(QPalette::ToolTipText, QColor(0xe0, 0xe0, 0xe0));
            QApplication::setPalette(p);
        } else if (a == QLatin1String("--select") && i + 1 < argc) {
            select = QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--search") && i + 1 < argc) {
            search = QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--threads")) {
            threads = true;
        } else if (a == QLatin1String("--compare-dialog") && i + 1 < argc) {
            dialogShot = QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--build-dialog") && i + 1 < argc) {
            dialogShot = QString::fromLocal8Bit(argv[++i]);
            buildDialog = true;
        } else if (a == QLatin1String("--compare")) {
            compare = true;
        } else if (a == QLatin1String("--graph")) {
            graph = true;
        } else if (a == QLatin1String("--ungroup")) {
            ungroup = true;
        } else if (a == QLatin1String("--heat")) {
            heat = true;
        } else if (a == QLatin1String("--focus") && i + 1 < argc) {
            focus = QString::fromLocal8Bit(argv[++i]).toInt();
        } else if (a == QLatin1String("--open") && i + 1 < argc) {
            others << QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--history") && i + 1 < argc) {
            history = QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--crate") && i + 1 < argc) {
            crate = QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--tab") && i + 1 < argc) {
            innerTabs << QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--whatif") && i + 1 < argc) {
            whatIf << QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--cursor") && i + 1 < argc) {
            cursor = QString::fromLocal8Bit(argv[++i]).toDouble();
        } else if (a == QLatin1String("--build")) {
            build = true;
        } else if (a == QLatin1String("--scale")) {
            ++i;
        } else if (a.contains(QLatin1Char('x'))) {
            size =
                QSize(a.section(QLatin1Char('x'), 0, 0).toInt(), a.section(QLatin1Char('x'), 1, 1).toInt());
        }
    }
    bl::MainWindow window;
    window.resize(size);
    window.show();
    QEventLoop loop;
    bool ok = false;
    QObject::connect(window.importer(), &bl::ImportController::imported, &loop, [&] {
        ok = true;
        loop.quit();
    });
    QObject::connect(window.importer(), &bl::ImportController::failed, &loop, [&] { loop.quit(); });
    for (const QString& other : others) {
        QTimer::singleShot(0, &window, [&] { window.openFile(other); });
        loop.exec();
    }
    ok = false;
    // with --build: the live tab, grabbed once some units have finished while others still run
    QTimer poll;
    bool grabbed = false;
    const QString out = QString::fromLocal8Bit(argv[2]);
    const QString liveShot = out.left(out.lastIndexOf(QLatin1Char('.'))) + QStringLiteral("-live.png");
    if (build) {
        const QString cargo = qEnvironmentVariableIsEmpty("BUILDLENS_CARGO")
                                  ? QStringLiteral("cargo")
                                  : qEnvironmentVariable("BUILDLENS_CARGO");
        bl::LiveBuildPage* page =
            window.builder()->start({QString::fromLocal8Bit(argv[1]), {cargo, QStringLiteral("build")}, {}});
        QObject::connect(&poll, &QTimer::timeout, &window, [&] {
            const auto& a = page->timeline()->analysis();
            if (grabbed || !a)
                return;
            int running = 0, finished = 0;
            for (const bl::Unit& u : a->run->units)
                (u.running ? running : finished) += 1;
            if (running > 0 && finished >= 6) {
                grabbed = true;
                window.grab().save(liveShot);
            }
        });
        poll.start(100);
        QObject::connect(window.builder(), &bl::BuildController::buildFinished, &loop,
                         [&](bl::LiveBuildPage* p, const QString& report, int status) {
                             if (report.isEmpty()) {
                                 std::fprintf(stderr, "the build wrote no report (status %d):\n%s\n", status,
                                              p ? qPrintable(p->output()) : "");
                                 loop.quit();
                             }
                         });
    } else {
        QTimer::singleShot(0, &window, [&] { window.openFile(QString::fromLocal8Bit(argv[1])); });
    }
    loop.exec();
    if (!ok) {
        std::fprintf(stderr, "import failed\n");
    }
    if (!dialogShot.isEmpty()) {
        for (QAction* action : window.findChildren<QAction*>())
            if (action->shortcut() == (buildDialog ? QKeySequence(Qt::CTRL | Qt::Key_B)
                                                   : QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C))) {
                QTimer::singleShot(300, &window, [&dialogShot] {
                    if (QWidget* dialog = QApplication::activeModalWidget()) {
                        dialog->grab().save(dialogShot);
                        dialog->close();
                    }
                });
                action->trigger();
                break;
            }
    }
    if (compare && !others.isEmpty()) {
        const int b = window.tabs()->currentIndex();
        int a = -1;
        for (int i = 0; i < window.tabs()->count(); ++i)
            if (window.tabs()->widget(i)->property("sourcePath").toString() ==
                QFileInfo(others.first()).absoluteFilePath())
                a = i;
        if (!window.compareTabs(a, b)) {
            std::fprintf(stderr, "cannot compare these files\n");
            return 1;
        }
        if (auto* page = qobject_cast<bl::ComparePage*>(window.currentPage()); page && !page->isReady()) {
            QObject::connect(page, &bl::ComparePage::ready, &loop, &QEventLoop::quit);
            loop.exec();
        }
    }
    if (!history.isEmpty()) {
        bl::HistoryPage* page = window.showHistory(history);
        if (page->isLoading()) {
            QObject::connect(page, &bl::HistoryPage::loaded, &loop, &QEventLoop::quit);
            loop.exec();
        }
    }
    if (!crate.isEmpty())
        window.crates()->showCrate(crate);
    bl::GraphPage* graphPage = qobject_cast<bl::GraphPage*>(window.currentPage());
    if (auto* timings = qobject_cast<bl::TimingsPage*>(window.currentPage()); timings && graph) {
        graphPage = timings->graphPage();
        waitForLayout(graphPage, [&] { timings->showUnitGraph(true); });
    }
    if (graphPage) {
        if (graphPage->isLayingOut())
            waitForLayout(graphPage, [] {});
        if (ungroup)
            waitForLayout(graphPage, [graphPage] { graphPage->setMembersGrouped(false); });
        if (heat)
            graphPage->heatCombo()->setCurrentIndex(graphPage->heatCombo()->count() - 1);
        const auto& g = graphPage->view()->graph();
        if (!select.isEmpty() && g)
            for (std::size_t i = 0; i < g->packages.size(); ++i)
                if (g->packages[i].name == select) {
                    graphPage->view()->selectPackage(int(i));
                    break;
                }
        if (focus > 0) {
            waitForLayout(graphPage, [&] {
                graphPage->setFocusLevels(focus);
                graphPage->setFocusMode(true);
            });
        }
    }
    if (!select.isEmpty() && window.timeline() && !graphPage) {
        const auto& units = window.timeline()->analysis()->run->units;
        for (int i = 0; i < static_cast<int>(units.size()); ++i)
            if (units[i].name == select) {
                window.timeline()->selectUnit(i);
                break;
            }
    }
    if (!search.isEmpty() && window.currentPage())
        window.currentPage()->setSearchText(search);
    if (threads) {
        if (auto* page = window.currentPage()->findChild<bl::ProfilePage*>();
            page || qobject_cast<bl::ProfilePage*>(window.currentPage())) {
            if (!page)
                page = qobject_cast<bl::ProfilePage*>(window.currentPage());
            for (QWidget* w = page->threadTimeline(); w; w = w->parentWidget())
                if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
                    tabs->setCurrentWidget(page->threadTimeline());
                    break;
                }
        }
    }
    if (cursor >= 0 && window.timeline())
        window.timeline()->timeScale()->setCursorTime(cursor);
    for (const QString& name : innerTabs)
        if (window.currentPage())
            for (QTabWidget* tabs : window.currentPage()->findChildren<QTabWidget*>())
                for (int t = 0; t < tabs->count(); ++t)
                    if (tabs->tabText(t).remove(QLatin1Char('&')) == name)
                        tabs->setCurrentIndex(t);
    if (auto* page = qobject_cast<bl::TimingsPage*>(window.currentPage()); page && !whatIf.isEmpty()) {
        bl::WhatIfView* view = page->whatIfView();
        page->showWhatIf();
        for (const QString& change : std::as_const(whatIf)) {
            const QString key = change.section(QLatin1Char('='), 0, 0),
                          value = change.section(QLatin1Char('='), 1);
            if (key == QLatin1String("jobs")) {
                view->findChild<QSpinBox*>(QStringLiteral("whatIfJobs"))->setValue(value.toInt());
                continue;
            }
            const int unit = bl::findUnit(*page->analysis()->run, value);
            if (key == QLatin1String("faster"))
                view->addChange(unit, bl::WhatIfView::Change::Faster);
            else if (key == QLatin1String("gone"))
                view->addChange(unit, bl::WhatIfView::Change::Gone);
            else if (key == QLatin1String("split"))
                view->addChange(unit, bl::WhatIfView::Change::Split);
        }
    }
    QTimer::singleShot(200, &loop, &QEventLoop::quit);
    loop.exec();
    const QPixmap shot = window.grab();
    if (!shot.save(QString::fromLocal8Bit(argv[2]))) {
        std::fprintf(stderr, "cannot write %s\n", argv[2]);
        return 1;
    }
    return ok ? 0 : 1;
}
