#include "Gate.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace bl {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bl::Gate", text);
}

enum class Dimension { Seconds, Bytes, Count, Ratio };

Dimension dimensionOf(const QString& metric)
{
    if (metric == QLatin1String("text_size") || metric == QLatin1String("file_size"))
        return Dimension::Bytes;
    if (metric.startsWith(QLatin1String("units.")))
        return Dimension::Count;
    if (metric == QLatin1String("parallelism"))
        return Dimension::Ratio;
    return Dimension::Seconds;
}

bool knownMetric(const QString& metric)
{
    static const QStringList plain = {QStringLiteral("total_seconds"),
                                      QStringLiteral("critical_path.seconds"),
                                      QStringLiteral("longest_path.seconds"),
                                      QStringLiteral("parallelism"),
                                      QStringLiteral("units.total"),
                                      QStringLiteral("units.built"),
                                      QStringLiteral("units.rebuilt"),
                                      QStringLiteral("units.fresh"),
                                      QStringLiteral("text_size"),
                                      QStringLiteral("file_size")};
    if (plain.contains(metric))
        return true;
    static const QRegularExpression unit(QStringLiteral(R"(^unit:[^\s]+\.duration$)"));
    return unit.match(metric).hasMatch();
}

QString formatValue(Dimension d, double v)
{
    switch (d) {
    case Dimension::Seconds:
        return QStringLiteral("%1 s").arg(v, 0, 'f', 2);
    case Dimension::Bytes:
        return QStringLiteral("%L1 B").arg(qlonglong(std::llround(v)));
    case Dimension::Count:
        return QString::number(qlonglong(std::llround(v)));
    case Dimension::Ratio:
        return QString::number(v, 'f', 2);
    }
    return {};
}

// The compile time of a package's code: its library, binaries, proc macro (not its build script).
std::optional<double> unitDuration(const TimingsAnalysis& a, const QString& name)
{
    double sum = 0;
    bool any = false;
    for (const Unit& u : a.run->units)
        if (u.name == name && u.kind != UnitKind::BuildScript && u.kind != UnitKind::BuildScriptRun) {
            sum += u.duration;
            any = true;
        }
    return any ? std::optional<double>(sum) : std::nullopt;
}

std::optional<double> metricOf(const QString& metric, const TimingsAnalysis* t, const SizeReport* s)
{
    if (metric == QLatin1String("text_size") || metric == QLatin1String("file_size")) {
        if (!s || s->isLlvmLines())
            return std::nullopt;
        return double(metric == QLatin1String("text_size") ? s->textSize : s->fileSize);
    }
    if (!t)
        return std::nullopt;
    const TimingsSummary& sum = t->summary;
    if (metric == QLatin1String("total_seconds"))
        return sum.wallSeconds;
    if (metric == QLatin1String("critical_path.seconds"))
        return t->critical.available ? std::optional<double>(t->critical.seconds) : std::nullopt;
    if (metric == QLatin1String("longest_path.seconds"))
        return t->dag.longestPathSeconds;
    if (metric == QLatin1String("parallelism"))
        return sum.parallelism;
    if (metric == QLatin1String("units.total"))
        return double(sum.unitCount);
    if (metric == QLatin1String("units.built") || metric == QLatin1String("units.rebuilt"))
        return double(sum.builtUnits);
    if (metric == QLatin1String("units.fresh"))
        return double(sum.freshUnits);
    if (metric.startsWith(QLatin1String("unit:")))
        return unitDuration(*t, metric.mid(5).chopped(int(qstrlen(".duration"))));
    return std::nullopt;
}

bool compare(double lhs, const QString& op, double rhs)
{
    if (op == QLatin1String(">"))
        return lhs > rhs;
    if (op == QLatin1String(">="))
        return lhs >= rhs;
    if (op == QLatin1String("<"))
        return lhs < rhs;
    return lhs <= rhs;
}

} // namespace

std::optional<GateCondition> parseGateCondition(const QString& text, QString& error)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^\s*(\S+?)\s*(>=|<=|>|<)\s*([+-]?)\s*(\d+(?:\.\d+)?|\.\d+)\s*(%|s|ms|B|KiB|MiB|GiB|kB|KB|MB|GB)?\s*$)"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) {
        error = tr("'%1' is not a condition: write METRIC OP VALUE, for example 'total_seconds > +10%' or "
                   "'units.rebuilt > 10'")
                    .arg(text);
        return std::nullopt;
    }
    GateCondition c;
    c.text = text.trimmed();
    c.metric = m.captured(1);
    c.op = m.captured(2);
    if (!knownMetric(c.metric)) {
        error = tr("'%1': unknown metric '%2' (total_seconds, critical_path.seconds, longest_path.seconds, "
                   "parallelism, units.total, units.built, units.rebuilt, units.fresh, text_size, file_size, "
                   "unit:NAME.duration)")
                    .arg(text, c.metric);
        return std::nullopt;
    }
    const QString sign = m.captured(3);
    double v = m.captured(4).toDouble();
    const QString unit = m.captured(5);
    c.percent = unit == QLatin1String("%");
    c.relative = !sign.isEmpty() || c.percent;
    if (sign == QLatin1String("-"))
        v = -v;
    const Dimension d = dimensionOf(c.metric);
    if (!unit.isEmpty() && !c.percent) {
        const bool time = unit == QLatin1String("s") || unit == QLatin1String("ms");
        if (time != (d == Dimension::Seconds) || (d != Dimension::Seconds && d != Dimension::Bytes)) {
            error = tr("'%1': %2 is measured in %3, not in %4")
                        .arg(text, c.metric,
                             d == Dimension::Seconds ? tr("seconds")
                             : d == Dimension::Bytes ? tr("bytes")
                                                     : tr("plain numbers"),
                             unit);
            return std::nullopt;
        }
        static const QHash<QString, double> factor = {
            {QStringLiteral("s"), 1},           {QStringLiteral("ms"), 1e-3},
            {QStringLiteral("B"), 1},           {QStringLiteral("KiB"), 1024.0},
            {QStringLiteral("MiB"), 1048576.0}, {QStringLiteral("GiB"), 1073741824.0},
            {QStringLiteral("kB"), 1e3},        {QStringLiteral("KB"), 1e3},
            {QStringLiteral("MB"), 1e6},        {QStringLiteral("GB"), 1e9}};
        v *= factor.value(unit, 1);
    }
    c.value = v;
    return c;
}

GateResult evaluateGate(const GateCondition& c, const GateInputs& in)
{
    GateResult r;
    const Dimension d = dimensionOf(c.metric);
    const std::optional<double> b = metricOf(c.metric, in.timingsB.get(), in.sizeB.get());
    if (!b) {
        r.error = tr("'%1': the report's input has no %2").arg(c.text, c.metric);
        return r;
    }
    r.b = *b;
    if (!c.relative) {
        r.evaluated = true;
        r.met = compare(*b, c.op, c.value);
        r.text = tr("%1: %2").arg(c.text, formatValue(d, *b));
        return r;
    }
    if (!in.timingsA && !in.sizeA) {
        r.error = tr("'%1' is relative to a baseline: give one with --compare").arg(c.text);
        return r;
    }
    r.a = metricOf(c.metric, in.timingsA.get(), in.sizeA.get());
    if (!r.a) {
        r.error = tr("'%1': the baseline has no %2").arg(c.text, c.metric);
        return r;
    }
    const double change = *b - *r.a;
    const QString pct = *r.a != 0 ? QStringLiteral("%1%2 %")
                                        .arg(change >= 0 ? QStringLiteral("+") : QString())
                                        .arg(100.0 * change / *r.a, 0, 'f', 1)
                                  : tr("new");
    if (c.percent) {
        if (*r.a == 0) {
            r.error = tr("'%1': the baseline's %2 is 0, so a change in percent has no meaning")
                          .arg(c.text, c.metric);
            return r;
        }
        r.met = compare(100.0 * change / *r.a, c.op, c.value);
    } else {
        r.met = compare(change, c.op, c.value);
    }
    r.evaluated = true;
    r.text = tr("%1: %2 -> %3 (%4)").arg(c.text, formatValue(d, *r.a), formatValue(d, *b), pct);
    return r;
}

} // namespace bl
