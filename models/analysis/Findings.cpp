#include "Findings.h"

#include "GraphQueries.h"
#include "Schedule.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>

namespace bl {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bl::Findings", text);
}

QString seconds(double s)
{
    return QStringLiteral("%1 s").arg(s, 0, 'f', s < 10 ? 2 : 1);
}

QString percent(double part, double whole)
{
    return whole > 0 ? QStringLiteral("%1 %").arg(std::lround(100.0 * part / whole)) : QStringLiteral("–");
}

// Puts on a finding what cargo's schedule replayed with a change predicts the build saves (the what-if
// simulator), measured against the replay of the build as it was, so that the model's own error cancels out;
// the saving and a sentence saying how it was found. Nothing where the change would not shorten the build.
void addPredictedSaving(Finding& f, const TimingsRun& run, const Scenario& change, const QString& what)
{
    if (run.startsReconstructed || run.units.empty())
        return;
    const double replay = simulate(run).wallSeconds, predicted = simulate(run, change).wallSeconds;
    if (replay <= 0 || replay - predicted < 0.01)
        return;
    f.savingSeconds = replay - predicted;
    f.evidence += QLatin1Char(' ') + tr("Replaying cargo's schedule %1 predicts the build %2 shorter.")
                                         .arg(what, seconds(*f.savingSeconds));
}

double sectionSeconds(const Unit& u, QLatin1String name)
{
    double total = 0;
    for (const UnitSection& s : u.sections)
        if (s.name == name)
            total += s.end - s.start;
    return total;
}

bool isBuildStep(UnitKind k)
{
    return k == UnitKind::ProcMacro || k == UnitKind::BuildScript || k == UnitKind::BuildScriptRun;
}

// The dependency chain's length (unlimited job slots) with these units taking no time: what they cost the
// build at most.
double longestPathWithout(const TimingsRun& run, const std::vector<int>& units)
{
    TimingsRun copy = run;
    for (int u : units) {
        Unit& x = copy.units[std::size_t(u)];
        x.duration = 0;
        x.rmetaTime = 0.0;
        x.sections.clear();
    }
    return analyseDag(copy).longestPathSeconds;
}

// Build scripts and proc macros on the observed critical path, per package: if they took no time, how much
// shorter would the dependency chain be?
void buildStepsOnCriticalPath(const TimingsAnalysis& a, std::vector<Finding>& out)
{
    const TimingsRun& run = *a.run;
    const double wall = a.summary.wallSeconds;
    if (!a.critical.available || wall <= 0)
        return;
    std::map<QString, std::vector<int>> byPackage; // "name version" -> units, in path order
    for (int u : a.critical.units) {
        const Unit& x = run.units[std::size_t(u)];
        if (isBuildStep(x.kind) && !x.fresh)
            byPackage[x.name + QLatin1Char(' ') + x.version].push_back(u);
    }
    for (const auto& [package, units] : byPackage) {
        double took = 0;
        QStringList parts, labels;
        bool procMacro = false, script = false;
        for (int u : units) {
            const Unit& x = run.units[std::size_t(u)];
            took += x.duration;
            labels << x.label();
            procMacro = procMacro || x.kind == UnitKind::ProcMacro;
            script = script || x.kind != UnitKind::ProcMacro;
            parts << (x.kind == UnitKind::BuildScript ? tr("compiling build.rs (%1)").arg(seconds(x.duration))
                      : x.kind == UnitKind::BuildScriptRun
                          ? tr("running it (%1)").arg(seconds(x.duration))
                          : tr("compiling the proc macro (%1)").arg(seconds(x.duration)));
        }
        const double without = longestPathWithout(run, units);
        const double saving = a.dag.longestPathSeconds - without;
        // on the observed path but not on the chain that sets the length: nothing to gain, no finding
        if (saving < std::max(0.05, 0.01 * wall))
            continue;
        const QString name = units.empty() ? package : run.units[std::size_t(units.front())].name;
        Finding f;
        f.rule = QStringLiteral("build-step-on-critical-path");
        f.title = procMacro && !script ? tr("The proc macro %1 is on the critical path").arg(name)
                                       : tr("%1's build script is on the critical path").arg(name);
        QString steps = parts.join(QStringLiteral(" and "));
        steps[0] = steps[0].toUpper();
        f.evidence =
            tr("%1 lie on the critical path, %2 in all: the units after them waited. With them taking "
               "no time the dependency chain would be %3 instead of %4 (unlimited job slots).")
                .arg(steps, seconds(took), seconds(without), seconds(a.dag.longestPathSeconds));
        f.advice =
            procMacro && !script
                ? tr("Check that the crates using %1 need it, or that it is built with fewer features "
                     "(syn's \"full\" parser is slow); a derive used by few crates can move off the path "
                     "when they stop depending on it.")
                      .arg(name)
                : tr("Make the build script cheaper: emit precise rerun-if-changed lines, cache or "
                     "check in what it generates, or drop build-dependencies it no longer needs.");
        f.units = labels;
        f.savingSeconds = saving;
        f.weight = saving;
        out.push_back(std::move(f));
    }
}

// Long stretches with one unit compiling, idle job slots and nothing waiting, while the critical path runs:
// the build is serial there, and more jobs cannot help.
void serialBottleneck(const TimingsAnalysis& a, std::vector<Finding>& out)
{
    const TimingsRun& run = *a.run;
    const double wall = a.summary.wallSeconds;
    const int jobSlots = run.jobs > 0 ? run.jobs : run.ncpu;
    if (jobSlots < 2 || wall <= 0 || a.concurrency.size() < 2 || run.startsReconstructed)
        return;
    double serial = 0;
    std::map<int, double> byUnit; // critical unit -> seconds of serial stretches it was running in
    for (std::size_t i = 0; i + 1 < a.concurrency.size(); ++i) {
        const ConcurrencySample& s = a.concurrency[i];
        const double t0 = s.t, t1 = a.concurrency[i + 1].t;
        if (s.active != 1 || s.waiting > 0 || t1 <= t0)
            continue;
        // the unit running then, if it is on the critical path
        for (int u : a.critical.units) {
            const Unit& x = run.units[std::size_t(u)];
            const double overlap = std::min(t1, x.end()) - std::max(t0, x.start);
            if (overlap > 0) {
                byUnit[u] += overlap;
                serial += overlap;
            }
        }
    }
    if (serial < std::max(0.5, 0.15 * wall))
        return;
    std::vector<std::pair<int, double>> units(byUnit.begin(), byUnit.end());
    std::sort(units.begin(), units.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    QStringList parts, labels;
    for (std::size_t i = 0; i < units.size() && i < 4; ++i) {
        labels << run.units[std::size_t(units[i].first)].label();
        parts << tr("%1 (%2)").arg(labels.back(), seconds(units[i].second));
    }
    Finding f;
    f.rule = QStringLiteral("serial-bottleneck");
    f.title = tr("The build runs one unit at a time for %1 of its %2").arg(seconds(serial), seconds(wall));
    f.evidence =
        tr("For %1 (%2 of the wall time) a single unit on the critical path compiled while %3 of %4 job "
           "slots stayed idle and no unit waited: %5.")
            .arg(seconds(serial), percent(serial, wall))
            .arg(jobSlots - 1)
            .arg(jobSlots)
            .arg(parts.join(QStringLiteral(", ")));
    f.advice =
        tr("More job slots will not help here. Make these crates compile faster or let their dependents "
           "start earlier: split a large crate, trim its generic code, or move what the dependents need "
           "into a smaller crate.");
    f.units = labels;
    f.weight = serial;
    out.push_back(std::move(f));
}

// The link step at the end of the build (nightly section timings record it).
void slowLink(const TimingsAnalysis& a, std::vector<Finding>& out)
{
    const TimingsRun& run = *a.run;
    const double wall = a.summary.wallSeconds;
    double link = 0;
    QStringList labels, parts;
    for (int u : a.critical.units) {
        const Unit& x = run.units[std::size_t(u)];
        const double l = sectionSeconds(x, QLatin1String("link"));
        if (l > 0) {
            link += l;
            labels << x.label();
            parts << tr("%1 of %2 for %3").arg(seconds(l), seconds(x.duration), x.label());
        }
    }
    // half a second, or a tenth of a short build: what a faster linker (several times faster) makes worth it
    if (link < 0.2 || (link < 0.5 && link < 0.1 * wall))
        return;
    Finding f;
    f.rule = QStringLiteral("slow-link");
    f.title = tr("Linking takes %1 on the critical path").arg(seconds(link));
    f.evidence = tr("Section timings record link steps on the critical path: %1 (%2 of the wall time).")
                     .arg(parts.join(QStringLiteral("; ")), percent(link, wall));
    f.advice =
        tr("Try a faster linker: mold, or lld (`-C link-arg=-fuse-ld=lld`, the default on "
           "x86_64-unknown-linux-gnu since Rust 1.90); less debug info (`debug = \"line-tables-only\"`) "
           "also shortens linking.");
    // mold or lld link several times faster than GNU ld: the schedule replayed with a quarter of the link
    // time
    Scenario fasterLink;
    fasterLink.linkFactor = 0.25;
    addPredictedSaving(f, run, fasterLink, tr("with every link four times faster"));
    f.units = labels;
    f.weight = link;
    out.push_back(std::move(f));
}

// A dev build that spends most of its compile time generating code.
void devCodegen(const TimingsAnalysis& a, std::vector<Finding>& out)
{
    const TimingsRun& run = *a.run;
    const TimingsSummary& s = a.summary;
    const bool dev = run.profile == QLatin1String("dev") || run.profile == QLatin1String("debug") ||
                     run.profile == QLatin1String("test");
    const double compiled = s.frontendSeconds + s.codegenSeconds;
    if (!dev || compiled <= 0 || s.codegenSeconds < 0.5 * compiled || s.codegenSeconds < 0.5)
        return;
    std::vector<std::pair<double, int>> heaviest;
    for (std::size_t i = 0; i < run.units.size(); ++i) {
        const double c = sectionSeconds(run.units[i], QLatin1String("codegen"));
        if (c > 0)
            heaviest.push_back({c, int(i)});
    }
    std::sort(heaviest.rbegin(), heaviest.rend());
    QStringList parts, labels;
    for (std::size_t i = 0; i < heaviest.size() && i < 3; ++i) {
        labels << run.units[std::size_t(heaviest[i].second)].label();
        parts << tr("%1 %2").arg(labels.back(), seconds(heaviest[i].first));
    }
    Finding f;
    f.rule = QStringLiteral("dev-build-codegen");
    f.title = tr("This dev build spends %1 of its compile time in code generation")
                  .arg(percent(s.codegenSeconds, compiled));
    f.evidence = tr("Of %1 in rustc's frontend and code generation, %2 were code generation; the most: %3.")
                     .arg(seconds(compiled), seconds(s.codegenSeconds), parts.join(QStringLiteral(", ")));
    f.advice = tr("For dev builds try the Cranelift backend (nightly: `-Zcodegen-backend=cranelift`), lower "
                  "debug info (`[profile.dev] debug = \"line-tables-only\"` or `0`), or optimise only the "
                  "dependencies that need it (`[profile.dev.package.\"*\"]`).");
    // a backend that generates code twice as fast: the schedule replayed with half of every unit's codegen
    Scenario fasterCodegen;
    fasterCodegen.codegenFactor = 0.5;
    addPredictedSaving(f, run, fasterCodegen, tr("with code generation twice as fast"));
    f.units = labels;
    f.weight = s.codegenSeconds - s.frontendSeconds;
    out.push_back(std::move(f));
}

QString crateKey(QString name)
{
    return name.replace(QLatin1Char('-'), QLatin1Char('_'));
}

// A crate whose code generation is long while cargo-llvm-lines shows many generic copies in it.
void codegenGenerics(const TimingsAnalysis& a, const SizeReport& lines, std::vector<Finding>& out)
{
    if (!lines.isLlvmLines() || lines.functions.empty() || lines.totalCopies == 0)
        return;
    // the crate llvm-lines measured: the one, other than std, with the most lines attributed
    QString measured;
    std::uint64_t most = 0;
    for (const CrateSize& c : lines.crates)
        if (c.name != QLatin1String("std") && !c.name.startsWith(QLatin1Char('[')) && c.size > most) {
            most = c.size;
            measured = c.name;
        }
    if (measured.isEmpty())
        return;
    const TimingsRun& run = *a.run;
    const Unit* unit = nullptr;
    for (const Unit& u : run.units)
        if (!u.fresh && (crateKey(u.name) == measured || crateKey(u.targetName) == measured) &&
            u.kind != UnitKind::BuildScript && u.kind != UnitKind::BuildScriptRun &&
            (!unit || u.duration > unit->duration))
            unit = &u;
    if (!unit)
        return;
    const double codegen = sectionSeconds(*unit, QLatin1String("codegen"));
    const double copiesPerFunction = double(lines.totalCopies) / double(lines.functions.size());
    std::vector<const FunctionSize*> generic;
    for (const FunctionSize& f : lines.functions)
        if (f.copies >= 2)
            generic.push_back(&f);
    std::sort(generic.begin(), generic.end(),
              [](const FunctionSize* x, const FunctionSize* y) { return x->size > y->size; });
    std::uint64_t genericLines = 0;
    for (const FunctionSize* f : generic)
        genericLines += f->size;
    if (codegen < 0.4 * unit->duration || codegen < 0.5 || genericLines < lines.totalLines / 4)
        return;
    QStringList top;
    for (std::size_t i = 0; i < generic.size() && i < 3; ++i)
        top << tr("%1 (%2 copies, %3 lines)")
                   .arg(generic[i]->name, QString::number(generic[i]->copies),
                        QString::number(generic[i]->size));
    Finding f;
    f.rule = QStringLiteral("codegen-generic-copies");
    f.title = tr("%1 spends %2 in code generation, much of it on generic copies")
                  .arg(unit->label(), seconds(codegen));
    f.evidence =
        tr("Code generation took %1 of %2's %3. cargo-llvm-lines counts %4 LLVM IR lines in %5 "
           "copies of %6 functions (%7 copies each on average); %8 of the lines are functions "
           "instantiated more than once, the largest: %9.")
            .arg(seconds(codegen), unit->label(), seconds(unit->duration),
                 QLocale().toString(qulonglong(lines.totalLines)),
                 QLocale().toString(qulonglong(lines.totalCopies)),
                 QLocale().toString(qulonglong(lines.functions.size())),
                 QString::number(copiesPerFunction, 'f', 1),
                 percent(double(genericLines), double(lines.totalLines)), top.join(QStringLiteral("; ")));
    f.advice =
        tr("Move the body of a large generic function into a non-generic inner function (the "
           "\"outlining\" trick), take `&dyn Trait` where speed does not matter, or instantiate it for "
           "fewer types.");
    f.units = {unit->label()};
    f.weight = codegen;
    out.push_back(std::move(f));
}

void duplicateVersions(const DepGraph& graph, const TimingsAnalysis* a, std::vector<Finding>& out)
{
    const std::vector<Duplicate> dups = duplicates(graph);
    if (dups.empty())
        return;
    QStringList parts, names;
    double cost = 0;
    bool timed = false;
    for (const Duplicate& d : dups) {
        names << d.name;
        parts << tr("%1 %2").arg(d.name, d.versions.join(QStringLiteral(" and ")));
        if (!a)
            continue;
        // the older versions' units in the same build: what one version fewer would save in CPU time
        for (qsizetype v = 0; v + 1 < d.versions.size(); ++v)
            for (const Unit& u : a->run->units)
                if (u.name == d.name && u.version == d.versions[v] && !u.fresh) {
                    cost += u.duration;
                    timed = true;
                }
    }
    Finding f;
    f.rule = QStringLiteral("duplicate-versions");
    f.title = dups.size() == 1 ? tr("%1 is built in %2 versions")
                                     .arg(dups.front().name, QString::number(dups.front().versions.size()))
                               : tr("%1 crates are built in more than one version").arg(dups.size());
    f.evidence = tr("cargo metadata resolves %1.").arg(parts.join(QStringLiteral(", ")));
    if (timed)
        f.evidence +=
            QLatin1Char(' ') +
            tr("Compiling the older versions took %1 of CPU time in this build.").arg(seconds(cost));
    f.advice =
        tr("See who pulls in each version with `cargo tree -d` (or `cargo tree -i NAME@VERSION`), then "
           "update or align those dependents so that one version is left.");
    f.units = names;
    f.weight = cost;
    out.push_back(std::move(f));
}

} // namespace

QStringList findingRules()
{
    return {QStringLiteral("build-step-on-critical-path"),
            QStringLiteral("serial-bottleneck"),
            QStringLiteral("slow-link"),
            QStringLiteral("dev-build-codegen"),
            QStringLiteral("codegen-generic-copies"),
            QStringLiteral("duplicate-versions")};
}

std::vector<Finding> findings(const FindingsInput& input)
{
    std::vector<Finding> out;
    if (input.timings && input.timings->run) {
        const TimingsAnalysis& a = *input.timings;
        buildStepsOnCriticalPath(a, out);
        serialBottleneck(a, out);
        slowLink(a, out);
        devCodegen(a, out);
        if (input.llvmLines)
            codegenGenerics(a, *input.llvmLines, out);
    }
    if (input.metadata)
        duplicateVersions(*input.metadata, input.timings.get(), out);
    std::stable_sort(out.begin(), out.end(),
                     [](const Finding& x, const Finding& y) { return x.weight > y.weight; });
    return out;
}

} // namespace bl
