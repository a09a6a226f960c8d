#include "SizeReport.h"

#include <QHash>

#include <algorithm>

namespace bl {

void sumCratesOfFunctions(SizeReport& report)
{
    report.crates.clear();
    QHash<QString, std::size_t> index;
    for (const FunctionSize& f : report.functions) {
        const QString crate = f.crate.isEmpty() ? unknownCrate() : f.crate;
        auto it = index.find(crate);
        if (it == index.end()) {
            it = index.insert(crate, report.crates.size());
            report.crates.push_back({crate, 0, 0});
        }
        report.crates[*it].size += f.size;
        ++report.crates[*it].symbols;
    }
    std::stable_sort(report.crates.begin(), report.crates.end(),
                     [](const CrateSize& a, const CrateSize& b) { return a.size > b.size; });
}

} // namespace bl
