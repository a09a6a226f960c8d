#include "HyperfineImporter.h"

#include "FileKind.h"
#include "ImportUtil.h"

#include "../core/Tr.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace bl {

using json = nlohmann::json;

namespace {

const qint64 kMaxBytes = fileSizeLimit(FileKind::HyperfineJson);

} // namespace

Result<Benchmark> importHyperfine(const QString& path, Progress& progress)
{
    ImportError error{path, {}};
    const auto bytes = detail::readWholeFile(path, kMaxBytes, error);
    if (!bytes)
        return error;
    progress.setFraction(0.5);
    const json doc = json::parse(bytes->constBegin(), bytes->constEnd(), nullptr, false);
    if (doc.is_discarded())
        return ImportError{path, tr("not valid JSON (cut short?); a hyperfine export is one JSON object")};
    const auto results = doc.is_object() ? doc.find("results") : doc.end();
    if (results == doc.end() || !results->is_array())
        return ImportError{path, tr("no `results` array: not a hyperfine JSON export")};
    auto run = std::make_shared<Benchmark>();
    run->file = path;
    int index = 0;
    for (const json& r : *results) {
        ++index;
        auto refuse = [&](const QString& what) {
            return ImportError{path, tr("result %1: %2").arg(index).arg(what)};
        };
        if (!r.is_object())
            return refuse(tr("not an object"));
        Benchmark::Result out;
        if (auto c = r.find("command"); c != r.end() && c->is_string())
            out.command = QString::fromStdString(c->get<std::string>());
        else
            return refuse(tr("no `command`"));
        if (auto n = r.find("name"); n != r.end() && n->is_string())
            out.name = QString::fromStdString(n->get<std::string>());
        const auto times = r.find("times");
        if (times == r.end() || !times->is_array() || times->empty())
            return refuse(tr("no `times`: hyperfine writes one time per run"));
        for (const json& t : *times) {
            if (!t.is_number() || !std::isfinite(t.get<double>()) || t.get<double>() < 0)
                return refuse(tr("a time that is not a number of seconds"));
            out.times.push_back(t.get<double>());
        }
        if (auto codes = r.find("exit_codes"); codes != r.end() && codes->is_array())
            for (const json& c : *codes)
                out.exitCodes.push_back(c.is_number_integer() ? c.get<int>() : -1);
        auto number = [&](const char* key, double fallback) {
            auto it = r.find(key);
            return it != r.end() && it->is_number() && std::isfinite(it->get<double>()) ? it->get<double>()
                                                                                        : fallback;
        };
        double sum = 0;
        for (double t : out.times)
            sum += t;
        out.mean = number("mean", sum / double(out.times.size()));
        out.stddev = number("stddev", 0);
        out.median = number("median", out.mean);
        out.min = number("min", *std::min_element(out.times.begin(), out.times.end()));
        out.max = number("max", *std::max_element(out.times.begin(), out.times.end()));
        run->results.push_back(std::move(out));
    }
    if (run->results.empty())
        return ImportError{path, tr("the `results` array is empty: nothing was measured")};
    progress.setFraction(1);
    return std::shared_ptr<const Benchmark>(std::move(run));
}

} // namespace bl
