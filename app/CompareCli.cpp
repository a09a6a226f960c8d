#include "CompareCli.h"
#include "itemmodels/DeltaModels.h"
#include "report/Csv.h"

#include <QSaveFile>

#include "CliOutput.h"

#include "analysis/RunDiff.h"
#include "core/Tr.h"
#include "import/AnyImporter.h"
#include "report/DiffReport.h"
#include "store/RunLibrary.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

namespace bl {

namespace {

using cli::failed;
using cli::printOut;

int usage(const QString& message)
{
    return cli::usageError(message);
}

QString kindOf(const ImportedData& d)
{
    if (d.timings)
        return QStringLiteral("timings");
    if (d.profile)
        return QStringLiteral("self-profile");
    if (d.profiles)
        return QStringLiteral("self-profile directory");
    if (d.size)
        return d.size->isLlvmLines() ? QStringLiteral("llvm-lines") : QStringLiteral("binary-size");
    if (d.graph)
        return QStringLiteral("cargo-metadata");
    if (d.benchmark)
        return QStringLiteral("benchmark");
    return QStringLiteral("unknown");
}

} // namespace

int runCompare(const QStringList& args)
{
    bool json = false;
    QString csv, table; // --csv OUT (or -), --table units|queries|crates|functions
    int top = 20;
    double alpha = 0.05;
    QStringList sideA, sideB;
    bool vs = false;
    bool series = false; // the words on each side are series names (buildlens bench --name) in --db
    QString db;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--vs")) {
            if (vs)
                return usage(tr("compare takes --vs once"));
            vs = true;
        } else if (a == QLatin1String("--series")) {
            series = true;
        } else if (a == QLatin1String("--db")) {
            if (i + 1 >= args.size())
                return usage(tr("%1 needs a value").arg(a));
            db = args[++i];
        } else if (a == QLatin1String("--csv") || a == QLatin1String("--table")) {
            if (i + 1 >= args.size())
                return usage(tr("%1 needs a value").arg(a));
            (a == QLatin1String("--csv") ? csv : table) = args[++i];
        } else if (a == QLatin1String("--top") || a == QLatin1String("--alpha")) {
            if (i + 1 >= args.size())
                return usage(tr("%1 needs a value").arg(a));
            bool ok = false;
            if (a == QLatin1String("--top")) {
                top = args[++i].toInt(&ok);
                if (!ok || top < 1)
                    return usage(tr("--top needs a whole number of at least 1"));
            } else {
                alpha = args[++i].toDouble(&ok);
                if (!ok || alpha <= 0 || alpha >= 1)
                    return usage(tr("--alpha needs a number between 0 and 1"));
            }
        } else if (a.startsWith(QLatin1String("--"))) {
            return usage(tr("unknown option %1 for compare").arg(a));
        } else {
            (vs ? sideB : sideA) << a;
        }
    }
    if (series) {
        // the stored runs of two series, each side read from the files they were captured from
        if (!vs || sideA.size() != 1 || sideB.size() != 1)
            return usage(tr("compare --series takes one series name on each side: --series A --vs B"));
        RunLibrary library;
        QString error;
        const QString path = db.isEmpty() ? RunLibrary::defaultPath() : db;
        if (!QFileInfo::exists(path))
            return failed(tr("%1: the run library does not exist").arg(path));
        if (!library.open(path, &error))
            return failed(error);
        // a series of captured builds is read from its files; one imported from hyperfine has wall times
        // only, and then both sides are compared on their wall times
        std::vector<double> walls[2];
        bool wallsOnly = false;
        QStringList names;
        for (QStringList* side : {&sideA, &sideB}) {
            const QString name = side->takeFirst();
            names << name;
            for (const StoredRun& r : library.runs({QStringLiteral("timings"), name})) {
                *side << r.file;
                if (r.totalSeconds)
                    walls[side == &sideB].push_back(*r.totalSeconds);
            }
            if (side->isEmpty()) {
                for (const StoredRun& r : library.runs({QStringLiteral("benchmark"), name}))
                    if (r.totalSeconds && !r.failed.value_or(false))
                        walls[side == &sideB].push_back(*r.totalSeconds);
                wallsOnly = wallsOnly || !walls[side == &sideB].empty();
            }
            if (side->isEmpty() && walls[side == &sideB].empty())
                return failed(tr("no stored builds in the series '%1' in %2").arg(name, path));
        }
        if (wallsOnly) {
            if (!csv.isEmpty())
                return failed(tr("a series imported from hyperfine has wall times only: no table to write"));
            const TimingsSetDiff diff = diffWallTimes(walls[0], walls[1], alpha);
            if (json)
                printOut(timingsSetDiffJson(diff, {names[0]}, {names[1]}) + '\n');
            else
                printOut(timingsSetDiffText(diff, top));
            return 0;
        }
    } else if (!db.isEmpty()) {
        return usage(tr("--db goes with --series"));
    }
    if (!vs) {
        if (sideA.size() != 2)
            return usage(tr("compare needs two files, A and B (or A... --vs B... for repeated builds)"));
        sideB << sideA.takeLast();
    }
    if (sideA.isEmpty() || sideB.isEmpty())
        return usage(tr("compare needs at least one file on each side of --vs"));

    std::vector<std::shared_ptr<const ImportedData>> a, b;
    QString kind;
    for (const QStringList* side : {&sideA, &sideB}) {
        for (const QString& file : *side) {
            Progress progress;
            ImportOptions options;
            options.profile.keepEvents = false;
            const Result<ImportedData> r = importAny(file, progress, options);
            if (!r)
                return failed(r.error().toString());
            const QString k = kindOf(*r.value());
            if (kind.isEmpty())
                kind = k;
            else if (k != kind)
                return failed(tr("%1 is a %2 file but %3 is a %4 file: compare needs files of one kind")
                                  .arg(file, k, sideA.first(), kind));
            (side == &sideA ? a : b).push_back(r.value());
        }
    }
    if (!csv.isEmpty() && json)
        return usage(tr("--csv and --json go separately"));
    if (!table.isEmpty() && csv.isEmpty())
        return usage(tr("--table goes with --csv"));
    if (!csv.isEmpty()) {
        // the delta table the window shows for these runs, as CSV
        const QStringList fitting =
            kind == QLatin1String("timings")        ? QStringList{QStringLiteral("units")}
            : kind == QLatin1String("self-profile") ? QStringList{QStringLiteral("queries")}
            : kind == QLatin1String("binary-size") || kind == QLatin1String("llvm-lines")
                ? QStringList{QStringLiteral("crates"), QStringLiteral("functions")}
                : QStringList{};
        if (table.isEmpty() && !fitting.isEmpty())
            table = fitting.first();
        if (!fitting.contains(table))
            return failed(
                tr("a comparison of %1 files has no '%2' table; tables: %3")
                    .arg(kind, table, fitting.isEmpty() ? tr("none") : fitting.join(QStringLiteral(", "))));
        QByteArray bytes;
        if (vs) {
            std::vector<std::shared_ptr<const TimingsRun>> runsA, runsB;
            for (const auto& d : a)
                runsA.push_back(d->timings);
            for (const auto& d : b)
                runsB.push_back(d->timings);
            UnitSetDeltaModel model;
            model.setDiff(std::make_shared<const TimingsSetDiff>(diffTimingsSets(runsA, runsB, alpha)));
            bytes = tableCsv(model);
        } else if (table == QLatin1String("units")) {
            UnitDeltaModel model;
            model.setDiff(std::make_shared<const TimingsDiff>(
                diffTimings(analyse(a[0]->timings), analyse(b[0]->timings))));
            bytes = tableCsv(model);
        } else if (table == QLatin1String("queries")) {
            QueryDeltaModel model;
            model.setDiff(std::make_shared<const ProfileDiff>(diffProfiles(a[0]->profile, b[0]->profile)));
            bytes = tableCsv(model);
        } else {
            SizeDeltaModel model(table == QLatin1String("crates") ? SizeDeltaModel::Rows::Crates
                                                                  : SizeDeltaModel::Rows::Functions);
            model.setDiff(std::make_shared<const SizeDiff>(diffSizes(a[0]->size, b[0]->size)));
            bytes = tableCsv(model);
        }
        if (csv == QLatin1String("-")) {
            cli::write(stdout, bytes);
            return 0;
        }
        QSaveFile file(csv);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
            return failed(tr("cannot write %1: %2").arg(csv, file.errorString()));
        printOut(csv + QLatin1Char('\n'));
        return 0;
    }
    std::string out;
    QString text;
    if (vs) {
        if (kind != QLatin1String("timings"))
            return failed(tr("repeated builds (--vs) can be compared for timings only, not %1").arg(kind));
        std::vector<std::shared_ptr<const TimingsRun>> runsA, runsB;
        for (const auto& d : a)
            runsA.push_back(d->timings);
        for (const auto& d : b)
            runsB.push_back(d->timings);
        const TimingsSetDiff diff = diffTimingsSets(runsA, runsB, alpha);
        if (json)
            out = timingsSetDiffJson(diff, sideA, sideB);
        else
            text = timingsSetDiffText(diff, top);
    } else if (kind == QLatin1String("timings")) {
        const TimingsDiff diff = diffTimings(analyse(a[0]->timings), analyse(b[0]->timings));
        if (json)
            out = timingsDiffJson(diff);
        else
            text = timingsDiffText(diff, top);
    } else if (kind == QLatin1String("self-profile")) {
        const ProfileDiff diff = diffProfiles(a[0]->profile, b[0]->profile);
        if (json)
            out = profileDiffJson(diff);
        else
            text = profileDiffText(diff, top);
    } else if (kind == QLatin1String("binary-size") || kind == QLatin1String("llvm-lines")) {
        const SizeDiff diff = diffSizes(a[0]->size, b[0]->size);
        if (json)
            out = sizeDiffJson(diff);
        else
            text = sizeDiffText(diff, top);
    } else {
        // name what was given: with two files of a kind compare does not read, the user must know which
        return failed(tr("%1 and %2 are %3 files, which compare does not read (it compares timings, "
                         "self-profiles, binary sizes and llvm-lines)")
                          .arg(sideA.join(QStringLiteral(", ")), sideB.join(QStringLiteral(", ")), kind));
    }
    if (json)
        printOut(out + '\n');
    else
        printOut(text);
    return 0;
}

} // namespace bl
