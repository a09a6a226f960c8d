#include "CliHelp.h"

#include "core/Tr.h"

#include <algorithm>
#include <vector>

namespace bl::cli {

namespace {

QString inputsText()
{
    return tr("Inputs (the kind is told from the content, not from the file name):\n"
              "  build timings   a cargo build --timings HTML report (any cargo since 1.60), a nightly\n"
              "                  -Zbuild-analysis JSONL log, or cargo --timings=json timing-info lines\n"
              "  self-profile    a rustc -Zself-profile .mm_profdata file (formats 8 and 9), a directory\n"
              "                  of them, measureme summarize --json output, or a Chrome trace as crox\n"
              "                  writes it (gzip-compressed or not)\n"
              "  binary size     an ELF binary (its crates exact when the build's rlibs sit beside it),\n"
              "                  cargo-bloat --message-format json output, or cargo llvm-lines output\n"
              "  package graph   cargo metadata --format-version 1 output\n");
}

QString exitText()
{
    return tr("Exit status: 0 success, 1 an input could not be read (or no such file or command),\n"
              "2 wrong usage.\n");
}

int editDistance(const QString& a, const QString& b)
{
    std::vector<int> row(static_cast<std::size_t>(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[static_cast<std::size_t>(j)];
            const int substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[static_cast<std::size_t>(j)] =
                std::min({above + 1, row[static_cast<std::size_t>(j - 1)] + 1, substitution});
            diagonal = above;
        }
    }
    return row.back();
}

} // namespace

const QStringList& subcommands()
{
    static const QStringList names = {
        QStringLiteral("summary"), QStringLiteral("compare"), QStringLiteral("export"),
        QStringLiteral("report"),  QStringLiteral("capture"), QStringLiteral("bench"),
        QStringLiteral("history"), QStringLiteral("why"),     QStringLiteral("whatif"),
        QStringLiteral("crate"),   QStringLiteral("help")};
    return names;
}

QString usageText()
{
    return tr("Usage:\n"
              "  buildlens [FILE]            open the window (on FILE, if given)\n"
              "  buildlens summary FILE      the key figures of any input, as text or --json\n"
              "  buildlens compare A B       what changed from A to B (two builds, self-profiles or\n"
              "                              binaries); A... --vs B... for repeated builds\n"
              "  buildlens export FILE --out OUT.png|svg|pdf|csv [--view V]\n"
              "                              draw the timeline or the dependency graph without a display\n"
              "  buildlens report INPUT... [--compare BASE...] --out report.html|pdf|md\n"
              "                              one report of a build (and its gate: --fail-if EXPR)\n"
              "  buildlens capture [--db DB] [--label TEXT] -- cargo build [ARGS...]\n"
              "                              run a cargo build, follow it, store its timings\n"
              "  buildlens bench --runs N [--warmup K] [--prepare CMD] -- cargo build [ARGS...]\n"
              "                              repeated builds measured against their noise\n"
              "  buildlens why FILE...       why each unit of a build was rebuilt, by root cause\n"
              "  buildlens whatif FILE [--jobs N] [--cpus N] [--speed UNIT=F] [--remove UNIT] [--split "
              "UNIT]...\n"
              "                              the build scheduled again with a change: its predicted time\n"
              "  buildlens crate NAME FILE...\n"
              "                              one crate across builds, profiles, binaries and the graph\n"
              "  buildlens history add|list|label\n"
              "                              store runs in the build history, list them, label them\n"
              "  buildlens help [COMMAND]    this text, or the options of one command\n"
              "  buildlens --version\n"
              "\n"
              "`buildlens COMMAND --help` shows the options of each command.\n"
              "\n") +
           inputsText() + QLatin1Char('\n') + exitText();
}

QString commandHelp(const QString& command)
{
    if (command == QLatin1String("summary"))
        return tr("Usage: buildlens summary FILE [--json] [--jobs N]\n"
                  "\n"
                  "The key figures of one input, without a display: wall time, parallelism, critical path "
                  "and\n"
                  "slowest units of a build; the top queries of a self-profile; crates and functions of a\n"
                  "binary; packages, duplicates and depth of a cargo metadata graph.\n"
                  "\n"
                  "Options:\n"
                  "  --json      print one JSON object (its shape, by kind of input, is in README.md)\n"
                  "  --jobs N    timing-info lines record no start times: lay units out on N job slots\n"
                  "              (default: this machine's CPU count, cargo's own default)\n"
                  "  -h, --help  this text\n"
                  "\n") +
               inputsText() + QLatin1Char('\n') + exitText();
    if (command == QLatin1String("compare"))
        return tr("Usage: buildlens compare A B [--json] [--top N]\n"
                  "       buildlens compare --series NAME_A --vs NAME_B [--db DB] [--json] [--alpha P]\n"
                  "       buildlens compare A... --vs B... [--json] [--alpha P] [--top N]\n"
                  "\n"
                  "What changed from A (the baseline) to B: two build timings (units slower, faster, added,\n"
                  "removed, rebuilt; the critical path), two self-profiles (queries), two binaries or\n"
                  "cargo-bloat / llvm-lines outputs (crates and functions). Both sides must be of one kind.\n"
                  "With --vs, several builds a side are compared against their noise: mean and spread per\n"
                  "unit, and a change only where Welch's t-test says so.\n"
                  "\n"
                  "Options:\n"
                  "  --json      print one JSON object (shape in README.md)\n"
                  "  --series    the two words are series names (buildlens bench --name) in --db DB\n"
                  "              (default: as for history); their builds are compared against the noise\n"
                  "  --csv OUT   write the delta table as CSV to OUT (- for stdout) instead\n"
                  "  --table T   with --csv: units (builds), queries (self-profiles), crates or\n"
                  "              functions (binaries; crates by default)\n"
                  "  --top N     list the N largest changes in the text output (default 20)\n"
                  "  --alpha P   significance level of the repeated-builds test, 0 < P < 1 (default 0.05)\n"
                  "  -h, --help  this text\n"
                  "\n") +
               exitText();
    if (command == QLatin1String("crate"))
        return tr("Usage: buildlens crate NAME FILE... [--db DB] [--json]\n"
                  "\n"
                  "One crate (a package name; - and _ alike) across every FILE: its units in each build\n"
                  "(times, frontend and codegen, critical path share, slack, why it was rebuilt), its\n"
                  "self-profiles (top queries; a -Zself-profile directory is searched for it), its bytes "
                  "and\n"
                  "largest functions in each binary or cargo-bloat output, its cargo-llvm-lines lines and "
                  "the\n"
                  "generic functions with the most copies, and its place in cargo metadata (versions,\n"
                  "features, dependencies, dependents, depth), and its time or bytes in every stored run.\n"
                  "Each section names its file.\n"
                  "\n"
                  "Options:\n"
                  "  --db DB               the run library (default: the one `history` uses, if it exists)\n"
                  "  --json                one JSON object\n"
                  "  -h, --help            this text\n"
                  "\n") +
               exitText();
    if (command == QLatin1String("whatif"))
        return tr("Usage: buildlens whatif FILE [--jobs N] [--cpus N] [--speed UNIT=FACTOR]... [--remove "
                  "UNIT]...\n"
                  "                        [--split UNIT[=SHARE]]... [--link F] [--codegen F]\n"
                  "                        [--metadata FILE] [--contention G | --calibrate FILE...] "
                  "[--json]\n"
                  "\n"
                  "Schedules the build again the way cargo does (job slots, dependencies, pipelining, "
                  "cargo's\n"
                  "choice among ready units) with the captured work: first as it was (the replay, to judge\n"
                  "the model), then with the changes, and prints both times and the critical path. Where "
                  "the\n"
                  "capture says how many cores it had, the running units share them: each unit's work is "
                  "its\n"
                  "time times the cores it had (from the CPU samples of the report, else one core, shared).\n"
                  "\n"
                  "  --jobs N              N job slots (-j N)\n"
                  "  --cpus N              a machine with N cores\n"
                  "  --speed UNIT=FACTOR   a unit's time times FACTOR (0.5: twice as fast, 1.2: 20 % "
                  "slower)\n"
                  "  --remove UNIT         a unit taken out (it takes no time)\n"
                  "  --split UNIT[=SHARE]  a crate split in two that run side by side, the first part with\n"
                  "                        SHARE of its time (default 0.5); its dependents need both\n"
                  "  --link F              every unit's link section times F (nightly section timings)\n"
                  "  --codegen F           every unit's codegen section times F\n"
                  "  --metadata FILE       cargo metadata of the workspace: the units' real dependencies\n"
                  "                        for a report that records only who released whom\n"
                  "  --contention G        each unit does G more work with one unit beside it (G times\n"
                  "                        log2 of the units running)\n"
                  "  --calibrate FILE      G fitted so that FILE (the same build at another -j) and this\n"
                  "                        capture predict each other best; repeat it for more captures\n"
                  "  --json                one JSON object\n"
                  "  -h, --help            this text\n"
                  "\n") +
               exitText();
    if (command == QLatin1String("why"))
        return tr("Usage: buildlens why FILE... [--json]\n"
                  "\n"
                  "Why cargo rebuilt what it rebuilt in one build: every rebuilt unit under the root cause "
                  "it\n"
                  "descends from (a file, a build script input, an environment variable, flags, profile or\n"
                  "features changed, never built before, forced), with the units each root set off and "
                  "their\n"
                  "compile time. FILE is a build-analysis log (nightly -Zbuild-analysis), or cargo's stderr "
                  "of\n"
                  "the build (CARGO_LOG=cargo::core::compiler::fingerprint=info and/or -v), optionally with "
                  "the\n"
                  "timings report of the same build for times and cargo's own unit numbers.\n"
                  "\n"
                  "  --json      one JSON object (see the README)\n"
                  "  -h, --help  this text\n"
                  "\n") +
               exitText();
    if (command == QLatin1String("capture"))
        return tr("Usage: buildlens capture [--db DB] [--keep DIR] [--label TEXT] -- cargo build [ARGS...]\n"
                  "\n"
                  "Runs the cargo command (build, check, test, bench or rustc) in its own process group,\n"
                  "with --timings and --message-format=json-render-diagnostics added where absent, and\n"
                  "shows its progress on one line. Compiler errors pass through as cargo rendered them.\n"
                  "When cargo ends, the timings report it wrote is imported and stored in the run library,\n"
                  "a failed build too (marked failed, with the units that finished). Ctrl+C ends cargo and\n"
                  "every rustc it started.\n"
                  "\n"
                  "Options:\n"
                  "  --db DB        the run library (default: as for history)\n"
                  "  --keep DIR     copy cargo's report into DIR and store that copy\n"
                  "  --label TEXT   a label for the stored run (a branch, a ticket)\n"
                  "  -h, --help     this text\n"
                  "\n"
                  "Exit status: cargo's; 130 when cancelled; 2 wrong usage; 1 when the report could not be\n"
                  "read or stored.\n");
    if (command == QLatin1String("bench"))
        return tr(
            "Usage: buildlens bench --runs N [--warmup K] [--prepare CMD] [--name NAME] [--db DB]\n"
            "                       [--export-json FILE] -- cargo build [ARGS...]\n"
            "\n"
            "Like hyperfine for cargo builds: K warm-up builds, then N measured ones, each after the\n"
            "prepare command (run by /bin/sh in this directory, for example 'cargo clean -p mycrate' or\n"
            "'touch src/lib.rs'). Every measured build is captured as by `buildlens capture` and stored\n"
            "with the series name as its label. Prints mean ± standard deviation, min … max and median\n"
            "of the wall time and the critical path, and the units whose time varies most.\n"
            "\n"
            "Options:\n"
            "  --runs N           measured builds, 1 to 1000\n"
            "  --warmup K         builds run first and not kept (default 0)\n"
            "  --prepare CMD      a shell command before every build\n"
            "  --name NAME        the series' name (default: the command)\n"
            "  --db DB            the run library (default: as for history)\n"
            "  --export-json FILE hyperfine's JSON: {\"results\": [{\"command\", \"mean\", \"stddev\",\n"
            "                     \"median\", \"min\", \"max\", \"times\": [...]}]}\n"
            "  -h, --help         this text\n"
            "\n"
            "Exit status: 0; a failed build's status (the series stops there); 130 when cancelled;\n"
            "2 wrong usage; 1 when a prepare command failed or a run could not be stored.\n");
    if (command == QLatin1String("report"))
        return tr(
            "Usage: buildlens report INPUT... [--compare BASE...] --out report.html|report.pdf|report.md\n"
            "                        [--fail-if EXPR]... [--title TEXT]\n"
            "\n"
            "One report of a build from any mix of its inputs: build timings, self-profiles, the\n"
            "binary (or cargo-bloat JSON), cargo-llvm-lines output and cargo metadata, each with its\n"
            "section, and findings backed by the data. With --compare, against a baseline (several\n"
            "timings a side: repeated builds judged against their noise).\n"
            "\n"
            "Options:\n"
            "  --out FILE     .html (one self-contained file), .pdf (A4, vector charts, page\n"
            "                 numbers) or .md (short enough for a pull-request comment)\n"
            "  --compare      the files after it are the baseline\n"
            "  --fail-if EXPR a CI gate, repeatable: METRIC OP VALUE, for example\n"
            "                 'total_seconds > +10%', 'critical_path.seconds > +5s',\n"
            "                 'text_size > +2%', 'unit:syn.duration > +20%', 'units.rebuilt > 10'.\n"
            "                 A signed or % VALUE is a change from the baseline; else a plain value.\n"
            "                 Metrics: total_seconds, critical_path.seconds, longest_path.seconds,\n"
            "                 parallelism, units.total|built|rebuilt|fresh, text_size, file_size,\n"
            "                 unit:NAME.duration\n"
            "  --title TEXT   the report's title\n"
            "  -h, --help     this text\n"
            "\n"
            "Exit status: 0 the report was written and no condition was met; 2 a --fail-if\n"
            "condition was met (the report is written, the condition and its values go to stderr);\n"
            "1 an input could not be read, a condition is not valid or its metric is not in the data.\n");
    if (command == QLatin1String("export"))
        return tr("Usage: buildlens export FILE --out OUT.png|OUT.svg|OUT.pdf|OUT.csv [--view V]\n"
                  "                        [--page a4|letter|slide] [--width PX] [--height PX]\n"
                  "                        [--max-width PX] [--scale S] [--timings T]\n"
                  "\n"
                  "Draws a view into an image or a PDF, or writes a table as CSV, without a display.\n"
                  "An export carries a title, the source file, the date and a legend.\n"
                  "\n"
                  "Views, by the kind of FILE (the first is the default; tables go to .csv only):\n"
                  "  build timings      timeline, concurrency, unit-graph, units\n"
                  "  self-profile       flamegraph, threads, queries\n"
                  "  binary, cargo-bloat, cargo-llvm-lines\n"
                  "                     treemap, crates, functions\n"
                  "  cargo metadata     graph\n"
                  "\n"
                  "Options:\n"
                  "  --out FILE     the output; its extension (png, svg, pdf or csv) sets the format\n"
                  "  --view V       which view (see above); one that does not fit FILE is refused\n"
                  "  --page P       a4, letter or slide (landscape): a PDF is always paginated (A4 by\n"
                  "                 default), long charts split between rows with the axis on every page;\n"
                  "                 an image becomes one file per page (OUT, OUT-2.png, ...)\n"
                  "  --width PX     content width, 200 to 30000 (default 1600; a graph: its layout's)\n"
                  "  --height PX    content height of a graph (default: from its aspect)\n"
                  "  --max-width PX the widest an image may be (default 4096); wider graphs are scaled\n"
                  "  --scale S      device pixels per pixel for PNG, 0.25 to 8 (2 for HiDPI or print)\n"
                  "  --timings T    colour a cargo metadata graph by the compile times of build T\n"
                  "  -h, --help     this text\n"
                  "\n") +
               exitText();
    if (command == QLatin1String("history"))
        return tr("Usage: buildlens history add [--db DB] [--label TEXT] INPUT...\n"
                  "       buildlens history list [--db DB] [--json|--csv] [--kind KIND] [--label TEXT]\n"
                  "       buildlens history label [--db DB] ID TEXT\n"
                  "\n"
                  "The build history: a run library that keeps the figures of every stored run.\n"
                  "  add     store each INPUT (any kind of input); a file already stored is skipped\n"
                  "  list    list the stored runs, oldest build first (JSON shape in README.md)\n"
                  "  label   give the stored run ID the label TEXT (\"\" removes it)\n"
                  "\n"
                  "Options:\n"
                  "  --db DB       the run library, an SQLite file; without it runs.sqlite in the user's "
                  "data\n"
                  "                directory (~/.local/share/BuildLens/BuildLens on Linux)\n"
                  "  --label TEXT  add: a label for the stored runs; list: only runs with this label\n"
                  "  --kind KIND   only runs of this kind: timings, self-profile, self-profile-set,\n"
                  "                binary-size, llvm-lines, cargo-metadata\n"
                  "  --json        list: print a JSON array\n"
                  "  --csv         list: print the runs as CSV (the window's history table)\n"
                  "  -h, --help    this text\n"
                  "\n") +
               exitText();
    if (command == QLatin1String("help"))
        return tr("Usage: buildlens help [COMMAND]\n"
                  "\n"
                  "Without COMMAND, what buildlens does and which inputs it reads; with one of summary,\n"
                  "compare, export or history, that command's options.\n");
    return {};
}

bool wantsHelp(const QStringList& args)
{
    for (const QString& a : args) {
        if (a == QLatin1String("--"))
            return false;
        if (a == QLatin1String("--help") || a == QLatin1String("-h"))
            return true;
    }
    return false;
}

QString closestCommand(const QString& word)
{
    const QString w = word.toLower();
    QString best;
    int bestDistance = 0;
    for (const QString& c : subcommands()) {
        const int d = editDistance(w, c);
        if (best.isEmpty() || d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    // the start of a command ("comp", "hist"), or a slip of a key or two
    for (const QString& c : subcommands())
        if (w.size() >= 3 && c.startsWith(w))
            return c;
    if (bestDistance <= std::max<qsizetype>(1, std::min<qsizetype>(2, w.size() / 3)))
        return best;
    return {};
}

} // namespace bl::cli
