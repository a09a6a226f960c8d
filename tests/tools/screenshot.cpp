// Renders the main window on a file to a PNG without a display (QT_QPA_PLATFORM=offscreen), for the README
// and for looking at views: screenshot FILE OUT.png [WIDTHxHEIGHT] [--dark] [--scale F] [--select NAME]
// [--search TEXT]
#include "DocumentPage.h"
#include "ImportController.h"
#include "MainWindow.h"
#include "ProfilePage.h"
#include "ProfileTimelineView.h"
#include "TimeScale.h"
#include "TimelineView.h"
#include "Translations.h"
#include <QTabWidget>

#include <QApplication>
#include <QEventLoop>
#include <QPalette>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: screenshot FILE OUT.png [WxH] [--dark] [--scale F] [--select NAME] "
                             "[--search TEXT] [--cursor SECONDS] [--threads]\n");
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
    double cursor = -1;
    bool threads = false;
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
        } else if (a == QLatin1String("--cursor") && i + 1 < argc) {
            cursor = QString::fromLocal8Bit(argv[++i]).toDouble();
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
    QTimer::singleShot(0, &window, [&] { window.openFile(QString::fromLocal8Bit(argv[1])); });
    loop.exec();
    if (!ok) {
        std::fprintf(stderr, "import failed\n");
    }
    if (!select.isEmpty() && window.timeline()) {
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
    QTimer::singleShot(200, &loop, &QEventLoop::quit);
    loop.exec();
    const QPixmap shot = window.grab();
    if (!shot.save(QString::fromLocal8Bit(argv[2]))) {
        std::fprintf(stderr, "cannot write %s\n", argv[2]);
        return 1;
    }
    return ok ? 0 : 1;
}
