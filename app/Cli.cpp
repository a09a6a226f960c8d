#include "Cli.h"
#include "CliOutput.h"
#include "HistoryCli.h"

#include "CompareCli.h"

#include "analysis/TimingsAnalysis.h"
#include "import/AnyImporter.h"
#include "report/SummaryReport.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace bl {

namespace {

const QStringList kSubcommands = {QStringLiteral("summary"), QStringLiteral("compare"),
                                  QStringLiteral("history")};

using cli::printErr;
using cli::printOut;
using cli::usageError;

int runSummary(const QStringList& args)
{
    bool json = false;
    int jobs = 0;
    QString file;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--jobs") || a.startsWith(QLatin1String("--jobs="))) {
            QString value = a.startsWith(QLatin1String("--jobs="))
                                ? a.mid(7)
                                : (i + 1 < args.size() ? args[++i] : QString());
            bool ok = false;
            jobs = value.toInt(&ok);
            if (!ok || jobs < 1)
                return usageError(
                    QCoreApplication::translate("bl", "--jobs needs a whole number of at least 1"));
        } else if (a.startsWith(QLatin1String("--"))) {
            return usageError(QCoreApplication::translate("bl", "unknown option %1 for summary").arg(a));
        } else if (file.isEmpty()) {
            file = a;
        } else {
            return usageError(QCoreApplication::translate("bl", "summary takes one file"));
        }
    }
    if (file.isEmpty())
        return usageError(QCoreApplication::translate("bl", "summary needs a FILE"));

    Progress progress;
    ImportOptions options;
    options.timings.jobs = jobs;
    options.profile.keepEvents = false; // the summary needs only the aggregate
    const Result<ImportedData> result = importAny(file, progress, options);
    if (!result) {
        printErr(QStringLiteral("buildlens: %1\n").arg(result.error().toString()));
        return 1;
    }
    const ImportedData& data = *result.value();
    std::string out;
    if (data.timings) {
        const auto analysis = analyse(data.timings);
        if (!json) {
            printOut(timingsSummaryText(*analysis, file));
            return 0;
        }
        out = timingsSummaryJson(*analysis, file);
    } else if (data.profile) {
        if (!json) {
            printOut(selfProfileSummaryText(*data.profile, file));
            return 0;
        }
        out = selfProfileSummaryJson(*data.profile, file);
    } else if (data.profiles) {
        if (!json) {
            for (const auto& p : data.profiles->profiles)
                printOut(selfProfileSummaryText(*p, p->file) + QLatin1Char('\n'));
            for (const QString& w : data.profiles->warnings)
                printErr(QStringLiteral("buildlens: skipped %1\n").arg(w));
            return 0;
        }
        out = selfProfileSetSummaryJson(*data.profiles, file);
    } else if (data.graph) {
        if (!json) {
            printOut(depGraphText(*data.graph, file));
            return 0;
        }
        out = depGraphJson(*data.graph, file);
    } else if (data.size) {
        if (!json) {
            printOut(sizeReportText(*data.size, file));
            return 0;
        }
        out = sizeReportJson(*data.size, file);
    }
    printOut(out + '\n');
    return 0;
}

} // namespace

QString usageText()
{
    return QCoreApplication::translate(
        "bl",
        "Usage:\n"
        "  buildlens [FILE]                 open the window (on FILE, if given)\n"
        "  buildlens summary FILE [--json]  summarise a build capture without a display\n"
        "  buildlens export FILE --out OUT.png|svg|pdf [--view graph|timeline] [--width PX]\n"
        "                   [--timings T]   render a view to a file without a display; the graph of\n"
        "                                   a timings capture is its unit graph, --timings colours a\n"
        "                                   cargo metadata graph by the compile times of build T\n"
        "  buildlens compare A B [--json] [--top N]\n"
        "                                   what changed from build A to build B: timings, self-profiles,\n"
        "                                   binaries, cargo-bloat or llvm-lines output\n"
        "  buildlens compare A... --vs B... [--json] [--alpha P]\n"
        "                                   repeated builds of each side: mean and spread per unit, changes\n"
        "                                   beyond the noise only (Welch's t-test, p < P, default 0.05)\n"
        "  buildlens history add [--db DB] [--label TEXT] INPUT...\n"
        "                                   store each INPUT in the run library (build history);\n"
        "                                   a file already stored is skipped\n"
        "  buildlens history list [--db DB] [--json] [--kind K] [--label L]\n"
        "                                   list the stored runs (JSON shape in README.md)\n"
        "  buildlens --help | --version\n"
        "\n"
        "FILE is a cargo --timings HTML report (any cargo since 1.60), a -Zbuild-analysis JSONL log,\n"
        "or cargo --timings=json timing-info lines; the kind is told from the content.\n"
        "\n"
        "summary options:\n"
        "  --json      print one JSON object (shape in README.md)\n"
        "  --jobs N    timing-info lines record no start times: lay units out on N job slots\n"
        "              (default: this machine's CPU count, cargo's own default)\n"
        "\n"
        "history: DB is the run library, an SQLite file; without --db it is runs.sqlite in the\n"
        "user's data directory (~/.local/share/BuildLens/BuildLens on Linux).\n"
        "\n"
        "Exit status: 0 success, 1 the input could not be read, 2 wrong usage.\n");
}

bool isCommandLineInvocation(const QStringList& args)
{
    if (args.size() < 2)
        return false;
    const QString& first = args[1];
    return kSubcommands.contains(first) || first == QLatin1String("--help") || first == QLatin1String("-h") ||
           first == QLatin1String("--version") || first == QLatin1String("-v");
}

int runCommandLine(const QStringList& args)
{
    const QString cmd = args.value(1);
    if (cmd == QLatin1String("--help") || cmd == QLatin1String("-h")) {
        printOut(usageText());
        return 0;
    }
    if (cmd == QLatin1String("--version") || cmd == QLatin1String("-v")) {
        printOut(QStringLiteral("buildlens %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    const QStringList rest = args.mid(2);
    if (cmd == QLatin1String("summary"))
        return runSummary(rest);
    if (cmd == QLatin1String("history"))
        return runHistory(rest);
    if (cmd == QLatin1String("compare"))
        return runCompare(rest);
    return usageError(QCoreApplication::translate("bl", "unknown command %1").arg(cmd));
}

} // namespace bl
