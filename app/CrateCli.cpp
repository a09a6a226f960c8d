#include "CrateCli.h"

#include "CliOutput.h"
#include "import/AnyImporter.h"
#include "report/CrateReport.h"
#include "store/RunLibrary.h"

#include <QFileInfo>

#include <QCoreApplication>

namespace bl {

using namespace cli;

int runCrate(const QStringList& args)
{
    bool json = false;
    QString db;
    QStringList positional;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--json"))
            json = true;
        else if (a == QLatin1String("--db")) {
            if (i + 1 >= args.size())
                return usageError(QCoreApplication::translate("bl", "--db needs a value"));
            db = args[++i];
        } else if (a.startsWith(QLatin1String("--")))
            return usageError(QCoreApplication::translate("bl", "unknown option %1 for crate").arg(a));
        else
            positional << a;
    }
    if (positional.size() < 2)
        return usageError(QCoreApplication::translate(
            "bl", "crate needs a crate name and at least one file: buildlens crate NAME FILE..."));
    const QString name = positional.takeFirst();
    CrateSources sources;
    Progress progress;
    for (const QString& file : std::as_const(positional)) {
        const Result<ImportedData> data = importAny(file, progress);
        if (!data) {
            printErr(QStringLiteral("buildlens: %1\n").arg(data.error().toString()));
            return 1;
        }
        const ImportedData& d = *data.value();
        if (d.timings)
            sources.builds.push_back(analyse(d.timings));
        if (d.profile)
            sources.profiles.push_back(d.profile);
        if (d.profiles)
            for (const auto& p : d.profiles->profiles)
                sources.profiles.push_back(p);
        if (d.size)
            sources.sizes.push_back(d.size);
        if (d.graph)
            sources.graphs.push_back(d.graph);
    }
    // the stored runs: the given library, else the default one where it exists
    const QString library = !db.isEmpty() ? db : RunLibrary::defaultPath();
    if (!db.isEmpty() || QFileInfo::exists(library)) {
        RunLibrary runs;
        QString error;
        if (!runs.open(library, &error)) {
            printErr(QStringLiteral("buildlens: %1: %2\n").arg(library, error));
            return 1;
        }
        sources.historyFile = library;
        sources.history = runs.crateHistory(name);
    }
    const CrateReport report = crateReport(name, sources);
    if (report.empty()) {
        printErr(QCoreApplication::translate("bl", "buildlens: no crate '%1' in %2\n")
                     .arg(name, positional.join(QStringLiteral(", "))));
        return 1;
    }
    if (json)
        printOut(QString::fromStdString(crateJson(report)) + QLatin1Char('\n'));
    else
        printOut(crateText(report));
    return 0;
}

} // namespace bl
