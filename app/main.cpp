// `buildlens`: the command line runs here with Qt Core only; the window, `export` and `report` are in the
// module libbuildlens-gui.so (GuiMain.cpp), loaded for them alone.
#include "Cli.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "Translations.h"
#include "core/Tr.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cstdlib>
#include <dlfcn.h>
#include <exception>
#include <new>

namespace {

// Beside the executable (a build tree), or in ../lib/buildlens (an installation).
int runGui(int argc, char** argv, bool paints)
{
    const QString exe = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    const QDir dir = QFileInfo(exe.isEmpty() ? QString::fromLocal8Bit(argv[0]) : exe).absoluteDir();
    const QStringList candidates = {dir.filePath(QStringLiteral("libbuildlens-gui.so")),
                                    dir.filePath(QStringLiteral("../lib/buildlens/libbuildlens-gui.so"))};
    QString tried;
    for (const QString& path : candidates) {
        if (!QFileInfo::exists(path))
            continue;
        void* module = dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL);
        if (!module) {
            tried = QString::fromLocal8Bit(dlerror());
            break;
        }
        using Entry = int (*)(int, char**, int);
        if (auto entry = reinterpret_cast<Entry>(dlsym(module, "buildlens_gui_main")))
            return entry(argc, argv, paints ? 1 : 0);
        tried = QString::fromLocal8Bit(dlerror());
        break;
    }
    bl::cli::printErr(QStringLiteral("buildlens: %1\n")
                          .arg(bl::tr("cannot load the window's library (%1): %2")
                                   .arg(candidates.front(), tried.isEmpty() ? bl::tr("not found") : tried)));
    return 1;
}

int run(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const bool paints = args.value(1) == QLatin1String("export") || args.value(1) == QLatin1String("report");
    if (paints && !bl::cli::wantsHelp(args.mid(2)))
        return runGui(argc, argv, true);
    if (bl::isCommandLineInvocation(args)) {
        // Headless: no display, no GUI libraries.
        QCoreApplication app(argc, argv);
        bl::setApplicationIdentity();
        bl::installTranslations(app);
        return bl::runCommandLine(app.arguments());
    }
    return runGui(argc, argv, false);
}

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
