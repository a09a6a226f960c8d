#include "Cli.h"
#include "CliHelp.h"
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
#include <memory>
#include <new>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BuildLens"));
    QCoreApplication::setApplicationName(QStringLiteral("BuildLens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BUILDLENS_VERSION));
}

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

} // namespace

namespace {

int run(int argc, char** argv);

} // namespace

// Whatever a file does to an importer, it ends as a message and exit status 1, never as an abort.
int main(int argc, char** argv)
{
    try {
        return run(argc, argv);
    } catch (const std::bad_alloc&) {
        bl::cli::printErr(QStringLiteral("buildlens: %1\n").arg(bl::tr("out of memory")));
    } catch (const std::exception& e) {
        bl::cli::printErr(QStringLiteral("buildlens: %1\n").arg(QString::fromLocal8Bit(e.what())));
    }
    return 1;
}

namespace {

int run(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const bool paints = args.value(1) == QLatin1String("export") || args.value(1) == QLatin1String("report");
    if (paints && !bl::cli::wantsHelp(args.mid(2))) {
        // painting needs a GUI application but never a display (CI has none, and a display that cannot be
        // reached would abort): the offscreen platform unless one is chosen
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        setIdentity();
        bl::installTranslations(app);
        return args.value(1) == QLatin1String("export") ? bl::runExport(app.arguments().mid(2))
                                                        : bl::runReport(app.arguments().mid(2));
    }
    if (bl::isCommandLineInvocation(args)) {
        // Headless: no display, no GUI plugins.
        QCoreApplication app(argc, argv);
        setIdentity();
        bl::installTranslations(app);
        return bl::runCommandLine(app.arguments());
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
    setIdentity();
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
