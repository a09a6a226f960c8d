// The part of BuildLens that paints: the window, `export` and `report`. Built as a module that the
// `buildlens` executable loads only for them, so that the command line starts without Qt's GUI libraries
// (loading them took about 25 ms of every `buildlens summary`).
#include "CliOutput.h"
#include "Export.h"
#include "MainWindow.h"
#include "ReportCli.h"
#include "Translations.h"
#include "core/Tr.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdlib>
#include <exception>
#include <new>

namespace {

bool displayPlatform()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    return platform.isEmpty() || platform.startsWith("xcb") || platform.startsWith("wayland");
}

QString noWindowHint()
{
    return bl::tr(
        "buildlens summary, compare, export, report and history work without one; see `buildlens --help`.");
}

// Qt ends the process with abort() when its platform plugin cannot reach the display; while the window's
// application starts, that becomes a message and exit status 1 instead.
QtMessageHandler previousHandler = nullptr;

void startupMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type != QtFatalMsg) {
        if (previousHandler)
            previousHandler(type, context, message);
        else
            bl::cli::printErr(message + QLatin1Char('\n'));
        return;
    }
    // Qt's own words here suggest reinstalling; the usual cause is a display that is not there
    const QString display = qEnvironmentVariable("WAYLAND_DISPLAY", qEnvironmentVariable("DISPLAY"));
    const QString why = !display.isEmpty() && displayPlatform()
                            ? bl::tr("could not connect to the display %1").arg(display)
                            : message.section(QLatin1Char('\n'), 0, 0).trimmed();
    bl::cli::printErr(QStringLiteral("buildlens: %1\n%2\n")
                          .arg(bl::tr("cannot open the window: %1").arg(why), noWindowHint()));
    std::_Exit(1);
}

int run(int argc, char** argv, bool paints)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (paints) {
        // painting needs a GUI application but never a display (CI has none, and a display that cannot be
        // reached would abort): the offscreen platform unless one is chosen
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        bl::setApplicationIdentity();
        bl::installTranslations(app);
        return args.value(1) == QLatin1String("export") ? bl::runExport(app.arguments().mid(2))
                                                        : bl::runReport(app.arguments().mid(2));
    }
    if (displayPlatform() && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        bl::cli::printErr(
            QStringLiteral("buildlens: %1\n%2\n")
                .arg(
                    bl::tr("cannot open the window: no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"),
                    noWindowHint()));
        return 1;
    }
    previousHandler = qInstallMessageHandler(startupMessageHandler);
    QApplication app(argc, argv);
    qInstallMessageHandler(previousHandler);
    bl::setApplicationIdentity();
    bl::installTranslations(app);
    bl::MainWindow window;
    window.show();
    const QStringList files = app.arguments().mid(1);
    for (const QString& f : files) {
        if (!f.startsWith(QLatin1Char('-'))) {
            window.openFile(f);
            break;
        }
    }
    return app.exec();
}

} // namespace

// The module's one entry: `paints` for `export` and `report`, else the window. Whatever a file does, it ends
// as a message and exit status 1.
extern "C" __attribute__((visibility("default"))) int buildlens_gui_main(int argc, char** argv, int paints)
{
    try {
        return run(argc, argv, paints != 0);
    } catch (const std::bad_alloc&) {
        bl::cli::printErr(QStringLiteral("buildlens: %1\n").arg(bl::tr("out of memory")));
    } catch (const std::exception& e) {
        bl::cli::printErr(QStringLiteral("buildlens: %1\n").arg(QString::fromLocal8Bit(e.what())));
    }
    return 1;
}
