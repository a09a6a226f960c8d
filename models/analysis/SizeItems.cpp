#include "SizeItems.h"

namespace bl {

QString withoutGenerics(const QString& name)
{
    QString out;
    out.reserve(name.size());
    int depth = 0;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        // `<T as Trait>::f` at the start (or in a type position) is a qualified path and stays; `Vec<T>` and
        // the turbofish `::<u8>` are argument lists and go
        const bool qualified = i == 0 || name[i - 1] == QLatin1Char(' ') || name[i - 1] == QLatin1Char('(') ||
                               name[i - 1] == QLatin1Char(',');
        if (c == QLatin1Char('<') && (depth > 0 || !qualified)) {
            ++depth;
            continue;
        }
        if (c == QLatin1Char('>') && depth > 0) {
            --depth;
            continue;
        }
        if (depth == 0)
            out += c;
    }
    out.replace(QLatin1String("::::"), QLatin1String("::"));
    if (out.endsWith(QLatin1String("::")))
        out.chop(2);
    return out;
}

std::vector<SizeItem> sizeItems(const SizeReport& report, bool groupGenerics)
{
    std::vector<SizeItem> items;
    items.reserve(report.functions.size() + 1);
    for (const FunctionSize& f : report.functions) {
        const QString name = groupGenerics ? withoutGenerics(f.name) : f.name;
        QStringList path = splitRustPath(name);
        const QString crate = f.crate.isEmpty() ? unknownCrate() : f.crate;
        if (path.isEmpty() || path.first() != crate)
            path.prepend(crate); // `std` holds core::, alloc::...; unknown symbols get their bucket
        items.push_back({std::move(path), f.size, 1});
    }
    // bytes no function accounts for (padding, stripped code) stay visible as their own block
    for (const CrateSize& c : report.crates)
        if (c.symbols == 0 && c.size > 0 && !report.functions.empty() && c.name == noSymbolCrate())
            items.push_back({{c.name}, c.size, 0});
    if (report.functions.empty()) // crates only (cargo-bloat --crates)
        for (const CrateSize& c : report.crates)
            items.push_back({{c.name}, c.size, 1});
    return items;
}

} // namespace bl
