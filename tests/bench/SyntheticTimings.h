#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <nlohmann/json.hpp>

namespace bl::bench {

// A cargo 1.95 report of `copies` x 40 units, made by repeating a real report one after the other: copy k's
// units are renamed (suffix -kN), their ids and unblock lists offset, their starts shifted by k times the
// original wall time, and the last unit of copy k-1 releases the first units of copy k. The result has
// the shape and density of a real report, and one long critical path through all copies.
inline QByteArray repeatReport(const QByteArray& html, int copies)
{
    const qsizetype at = html.indexOf("const UNIT_DATA = ");
    const qsizetype begin = html.indexOf('[', at);
    const qsizetype concurrency = html.indexOf("const CONCURRENCY_DATA");
    const qsizetype end = html.lastIndexOf(']', concurrency) + 1;
    const nlohmann::json units = nlohmann::json::parse(html.constData() + begin, html.constData() + end);
    double wall = 0;
    qint64 maxId = 0;
    int lastPos = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const double e = units[i]["start"].get<double>() + units[i]["duration"].get<double>();
        if (e > wall) {
            wall = e;
            lastPos = int(i);
        }
        maxId = std::max(maxId, units[i]["i"].get<qint64>());
    }
    // units nobody releases start the build
    std::vector<char> released(std::size_t(maxId + 1), 0);
    for (const auto& u : units)
        for (const char* k : {"unblocked_units", "unblocked_rmeta_units"})
            for (const auto& id : u[k])
                released[id.get<std::size_t>()] = 1;
    nlohmann::json out = nlohmann::json::array();
    const qint64 stride = maxId + 1;
    for (int k = 0; k < copies; ++k) {
        for (std::size_t i = 0; i < units.size(); ++i) {
            nlohmann::json u = units[i];
            u["i"] = u["i"].get<qint64>() + k * stride;
            u["name"] = u["name"].get<std::string>() + "-k" + std::to_string(k);
            u["start"] = std::round((u["start"].get<double>() + k * wall) * 100) / 100;
            for (const char* key : {"unblocked_units", "unblocked_rmeta_units"})
                for (auto& id : u[key])
                    id = id.get<qint64>() + k * stride;
            if (int(i) == lastPos && k + 1 < copies)
                for (std::size_t j = 0; j < units.size(); ++j)
                    if (!released[units[j]["i"].get<std::size_t>()])
                        u["unblocked_units"].push_back(units[j]["i"].get<qint64>() + (k + 1) * stride);
            out.push_back(std::move(u));
        }
    }
    QByteArray result = html.left(begin);
    result += QByteArray::fromStdString(out.dump(2));
    result += ";\n";
    // drop the recorded concurrency and CPU curves (they belong to the 40-unit build); BuildLens derives them
    const qsizetype script = html.indexOf("const X_LINE", concurrency);
    result += html.mid(script);
    return result;
}

} // namespace bl::bench
