#include "Cli.h"
#include "Export.h"
#include "MainWindow.h"
#include "Translations.h"

#include <QApplication>
#include <QCoreApplication>

#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BuildLens"));
    QCoreApplication::setApplicationName(QStringLiteral("BuildLens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BUILDLENS_VERSION));
}

} // namespace

int main(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (args.value(1) == QLatin1String("export")) {
        // painting needs a GUI application but no display: use the offscreen platform unless one is chosen
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
            qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        setIdentity();
        bl::installTranslations(app);
        return bl::runExport(app.arguments().mid(2));
    }
    if (bl::isCommandLineInvocation(args)) {
        // Headless: no display, no GUI plugins.
        QCoreApplication app(argc, argv);
        setIdentity();
        bl::installTranslations(app);
        return bl::runCommandLine(app.arguments());
    }
    QApplication app(argc, argv);
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
