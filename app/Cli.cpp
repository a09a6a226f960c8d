#include "Cli.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "HistoryCli.h"

#include "CaptureCli.h"
#include "CompareCli.h"
#include "CrateCli.h"

#include "analysis/GraphTimings.h"
#include "analysis/TimingsAnalysis.h"
#include "import/AnyImporter.h"
#include "import/Importer.h"
#include "import/MetadataImporter.h"
#include "import/RebuildImporter.h"
#include "report/SummaryReport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>
#include <optional>
#include <set>

namespace bl {

namespace {

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
    } else if (data.benchmark) {
        if (!json) {
            printOut(benchmarkText(*data.benchmark, file));
            return 0;
        }
        out = benchmarkJson(*data.benchmark, file);
    }
    printOut(out + '\n');
    return 0;
}

// buildlens whatif FILE [--jobs N] [--cpus N] [--speed UNIT=FACTOR]... [--remove UNIT]... [--split
// UNIT[=SHARE]]...
// [--link F] [--codegen F] [--metadata FILE] [--json]
int runWhatIf(const QStringList& args)
{
    bool json = false;
    QString file;
    Scenario scenario;
    QStringList speeds, removes, splits;
    QString metadataFile;
    QStringList calibrateFiles;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        static const QStringList valued = {QStringLiteral("--jobs"),       QStringLiteral("--cpus"),
                                           QStringLiteral("--speed"),      QStringLiteral("--remove"),
                                           QStringLiteral("--split"),      QStringLiteral("--link"),
                                           QStringLiteral("--codegen"),    QStringLiteral("--metadata"),
                                           QStringLiteral("--contention"), QStringLiteral("--calibrate")};
        if (a == QLatin1String("--json")) {
            json = true;
            continue;
        }
        if (valued.contains(a)) {
            if (i + 1 >= args.size())
                return usageError(QCoreApplication::translate("bl", "%1 needs a value").arg(a));
            const QString v = args[++i];
            bool ok = true;
            if (a == QLatin1String("--jobs")) {
                scenario.jobs = v.toInt(&ok);
                ok = ok && scenario.jobs >= 1 && scenario.jobs <= 4096;
            } else if (a == QLatin1String("--cpus")) {
                scenario.cpus = v.toInt(&ok);
                ok = ok && scenario.cpus >= 1 && scenario.cpus <= 4096;
            } else if (a == QLatin1String("--speed")) {
                speeds << v;
            } else if (a == QLatin1String("--remove")) {
                removes << v;
            } else if (a == QLatin1String("--split")) {
                splits << v;
            } else if (a == QLatin1String("--metadata")) {
                metadataFile = v;
            } else if (a == QLatin1String("--calibrate")) {
                calibrateFiles << v;
            } else if (a == QLatin1String("--contention")) {
                scenario.contention = v.toDouble(&ok);
                ok = ok && scenario.contention >= 0 && scenario.contention <= 1;
            } else {
                const double f = v.toDouble(&ok);
                ok = ok && f >= 0 && f <= 100;
                (a == QLatin1String("--link") ? scenario.linkFactor : scenario.codegenFactor) = f;
            }
            if (!ok)
                return usageError(
                    QCoreApplication::translate("bl", "%1: '%2' is not a valid value").arg(a, v));
            continue;
        }
        if (a.startsWith(QLatin1String("--")))
            return usageError(QCoreApplication::translate("bl", "unknown option %1 for whatif").arg(a));
        if (!file.isEmpty())
            return usageError(QCoreApplication::translate("bl", "whatif takes one build"));
        file = a;
    }
    if (file.isEmpty())
        return usageError(QCoreApplication::translate(
            "bl", "whatif needs a build: a timings report or build-analysis log"));
    Progress progress;
    Result<TimingsRun> run = importTimingsFile(file, progress);
    if (!run) {
        printErr(QStringLiteral("buildlens: %1\n").arg(run.error().toString()));
        return 1;
    }
    // a report records only who released whom: cargo metadata of the workspace gives the real dependencies
    std::optional<PackageDependencies> joined;
    std::shared_ptr<const DepGraph> metadataGraph;
    if (!metadataFile.isEmpty()) {
        const Result<DepGraph> graph = importCargoMetadata(metadataFile, progress);
        if (!graph) {
            printErr(QStringLiteral("buildlens: %1\n").arg(graph.error().toString()));
            return 1;
        }
        metadataGraph = graph.value();
        joined = withPackageDependencies(*run.value(), *graph.value());
        if (joined->matchedUnits == 0) {
            printErr(QCoreApplication::translate(
                         "bl", "buildlens: no unit of %1 is a package of %2: is it another workspace?\n")
                         .arg(file, metadataFile));
            return 1;
        }
        run = Result<TimingsRun>(std::make_shared<const TimingsRun>(joined->run));
    }
    auto unitOf = [&](const QString& name) {
        const int u = findUnit(*run.value(), name);
        if (u == -1)
            printErr(QCoreApplication::translate("bl", "buildlens: no unit '%1' in %2\n").arg(name, file));
        else if (u == -2)
            printErr(QCoreApplication::translate(
                         "bl", "buildlens: '%1' names several units of %2; give its label\n")
                         .arg(name, file));
        return u;
    };
    for (const QString& s : std::as_const(speeds)) {
        const qsizetype eq = s.lastIndexOf(QLatin1Char('='));
        bool ok = false;
        const double f = eq > 0 ? s.mid(eq + 1).toDouble(&ok) : 0;
        if (!ok || f < 0 || f > 100)
            return usageError(
                QCoreApplication::translate("bl", "--speed takes UNIT=FACTOR (0.5: twice as fast), not '%1'")
                    .arg(s));
        const int u = unitOf(s.left(eq));
        if (u < 0)
            return 2;
        scenario.speed[u] = f;
    }
    for (const QString& r : std::as_const(removes)) {
        const int u = unitOf(r);
        if (u < 0)
            return 2;
        scenario.removed.push_back(u);
    }
    for (const QString& sp : std::as_const(splits)) {
        // UNIT or UNIT=SHARE; a unit's label may itself hold '=' only in a feature list, which comes last
        QString name = sp;
        double share = 0.5;
        if (const qsizetype eq = sp.lastIndexOf(QLatin1Char('=')); eq > 0 && findUnit(*run.value(), sp) < 0) {
            bool ok = false;
            share = sp.mid(eq + 1).toDouble(&ok);
            if (!ok || share <= 0 || share >= 1)
                return usageError(QCoreApplication::translate(
                                      "bl", "--split takes UNIT or UNIT=SHARE (0.5: halves), not '%1'")
                                      .arg(sp));
            name = sp.left(eq);
        }
        const int u = unitOf(name);
        if (u < 0)
            return 2;
        scenario.split[u] = share;
    }
    // other captures of the same build at other -j: the machine's contention with which they predict each
    // other
    std::optional<Calibration> calibration;
    if (!calibrateFiles.isEmpty()) {
        std::vector<std::shared_ptr<const TimingsRun>> others;
        std::set<int> levels = {capturedJobs(*run.value())};
        for (const QString& f : std::as_const(calibrateFiles)) {
            Result<TimingsRun> other = importTimingsFile(f, progress);
            if (!other) {
                printErr(QStringLiteral("buildlens: %1\n").arg(other.error().toString()));
                return 1;
            }
            others.push_back(joined // the same dependencies for all
                                 ? std::make_shared<const TimingsRun>(
                                       withPackageDependencies(*other.value(), *metadataGraph).run)
                                 : other.value());
            levels.insert(capturedJobs(*others.back()));
        }
        if (levels.size() < 2)
            return usageError(QCoreApplication::translate(
                                  "bl", "--calibrate needs a capture at another -j than %1 (all ran -j%2)")
                                  .arg(file, QString::number(capturedJobs(*run.value()))));
        std::vector<const TimingsRun*> captures = {run.value().get()};
        for (const auto& o : others)
            captures.push_back(o.get());
        calibration = calibrateContention(captures);
        scenario.contention = calibration->contention;
    }
    const QStringList changes = describeScenario(*run.value(), scenario);
    const auto observed = analyse(run.value());
    // the baseline under the same machine model, so that the difference is the change alone
    Scenario asCaptured;
    asCaptured.contention = scenario.contention;
    const Schedule replayed = simulate(*run.value(), asCaptured);
    const Schedule predicted = simulate(*run.value(), scenario);
    WhatIfSource source;
    if (joined) {
        source.metadataFile = metadataFile;
        source.matchedUnits = joined->matchedUnits;
        source.unmatchedUnits = joined->unmatchedUnits;
        source.contradicted = joined->contradicted;
    }
    if (calibration) {
        source.calibrationFiles = calibrateFiles;
        source.calibrationErrors = calibration->errors;
    }
    if (json)
        printOut(whatIfJson(*observed, replayed, predicted, changes, source) + '\n');
    else
        printOut(whatIfText(*observed, replayed, predicted, changes, source));
    return 0;
}

// buildlens why FILE... [--json]: why each unit of one build was rebuilt
int runWhy(const QStringList& args)
{
    bool json = false;
    QStringList files;
    for (const QString& a : args) {
        if (a == QLatin1String("--json"))
            json = true;
        else if (a.startsWith(QLatin1String("--")))
            return usageError(QCoreApplication::translate("bl", "unknown option %1 for why").arg(a));
        else
            files << a;
    }
    if (files.isEmpty())
        return usageError(QCoreApplication::translate(
            "bl",
            "why needs the files of one build: a build-analysis log, or cargo's stderr (and its report)"));
    Progress progress;
    const Result<TimingsRun> run = importRebuildInputs(files, progress);
    if (!run) {
        printErr(QStringLiteral("buildlens: %1\n").arg(run.error().toString()));
        return 1;
    }
    const RebuildAnalysis analysis = analyseRebuilds(run.value());
    if (json)
        printOut(rebuildsJson(analysis, files) + '\n');
    else
        printOut(rebuildsText(analysis, files));
    return 0;
}

} // namespace

bool isCommandLineInvocation(const QStringList& args)
{
    if (args.size() < 2)
        return false;
    const QString& first = args[1];
    if (cli::subcommands().contains(first) || first == QLatin1String("--help") ||
        first == QLatin1String("-h") || first == QLatin1String("--version") || first == QLatin1String("-v"))
        return true;
    // A word that is neither a command nor a file is a mistyped command: answer it here, never with a window.
    return !first.startsWith(QLatin1Char('-')) && !QFileInfo::exists(first);
}

int runCommandLine(const QStringList& args)
{
    const QString cmd = args.value(1);
    if (cmd == QLatin1String("--help") || cmd == QLatin1String("-h")) {
        printOut(cli::usageText());
        return 0;
    }
    if (cmd == QLatin1String("--version") || cmd == QLatin1String("-v")) {
        printOut(QStringLiteral("buildlens %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    const QStringList rest = args.mid(2);
    if (cmd == QLatin1String("help")) {
        if (rest.isEmpty()) {
            printOut(cli::usageText());
            return 0;
        }
        const QString help = cli::commandHelp(rest.first());
        if (help.isEmpty() || rest.size() > 1)
            return usageError(QCoreApplication::translate("bl", "help takes one command: %1")
                                  .arg(cli::subcommands().join(QStringLiteral(", "))));
        printOut(help);
        return 0;
    }
    if (cli::subcommands().contains(cmd) && cli::wantsHelp(rest)) {
        printOut(cli::commandHelp(cmd));
        return 0;
    }
    if (cmd == QLatin1String("summary"))
        return runSummary(rest);
    if (cmd == QLatin1String("history"))
        return runHistory(rest);
    if (cmd == QLatin1String("compare"))
        return runCompare(rest);
    if (cmd == QLatin1String("capture"))
        return runCapture(rest);
    if (cmd == QLatin1String("why"))
        return runWhy(rest);
    if (cmd == QLatin1String("whatif"))
        return runWhatIf(rest);
    if (cmd == QLatin1String("crate"))
        return runCrate(rest);
    if (cmd == QLatin1String("bench"))
        return runBench(rest);
    if (cmd == QLatin1String("export") || cmd == QLatin1String("report"))
        return usageError(QCoreApplication::translate("bl", "%1 runs in a GUI application").arg(cmd));
    QString message =
        QCoreApplication::translate("bl", "unknown command or file '%1': no such file or command").arg(cmd);
    const QString suggestion = cli::closestCommand(cmd);
    if (!suggestion.isEmpty())
        message += QCoreApplication::translate("bl", "; did you mean `buildlens %1`?").arg(suggestion);
    printErr(QStringLiteral("buildlens: %1\n%2")
                 .arg(message, QCoreApplication::translate("bl", "Try `buildlens --help`.\n")));
    return 1;
}

} // namespace bl
