#pragma once

#include "../analysis/TimingsAnalysis.h"
#include "../core/SizeReport.h"

#include <QString>

#include <memory>
#include <optional>

namespace bl {

// A CI gate condition, `--fail-if EXPR`:
//
//   EXPR   = METRIC OP VALUE
//   METRIC = total_seconds | critical_path.seconds | longest_path.seconds | parallelism
//          | units.total | units.built | units.rebuilt | units.fresh
//          | text_size | file_size | unit:NAME.duration
//   OP     = > | >= | < | <=
//   VALUE  = [+|-]NUMBER[UNIT]     UNIT = % | s | ms | B | KiB | MiB | GiB | kB | MB | GB
//
// A VALUE with a sign or in % is relative to the compared run: the change from it (`total_seconds > +10%`:
// more than 10 % slower; `critical_path.seconds > +5s`: more than 5 s longer). Without, it is the value of
// the run itself (`units.rebuilt > 10`).
struct GateCondition
{
    QString text;     // as given
    QString metric;   // "total_seconds", "unit:syn.duration"
    QString op;       // ">", ">=", "<", "<="
    double value = 0; // in the metric's base unit (seconds, bytes, a count, or percent when `percent`)
    bool relative = false;
    bool percent = false;
};

// Parses EXPR; on failure returns nothing and says why in `error`.
std::optional<GateCondition> parseGateCondition(const QString& text, QString& error);

// The runs a condition is evaluated on: the report's (b) and, when it compares, the baseline's (a).
struct GateInputs
{
    std::shared_ptr<const TimingsAnalysis> timingsA, timingsB;
    std::shared_ptr<const SizeReport> sizeA, sizeB;
};

struct GateResult
{
    bool evaluated = false; // false: the metric is not in the data (error says which)
    bool met = false;
    std::optional<double> a; // the baseline's value
    double b = 0;
    QString error;
    QString text; // "total_seconds > +10%: 6.29 s -> 11.83 s (+88.1 %)"
};

GateResult evaluateGate(const GateCondition& condition, const GateInputs& inputs);

} // namespace bl
