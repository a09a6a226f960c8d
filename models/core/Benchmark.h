#pragma once

#include <QString>

#include <vector>

namespace bl {

// A hyperfine JSON export (`hyperfine --export-json`, or `buildlens bench --export-json`): repeated runs of
// one or more commands, wall times only.
struct Benchmark
{
    struct Result
    {
        QString command;
        QString name; // hyperfine's --command-name (and BuildLens's --name); empty where not given
        double mean = 0;
        double stddev = 0; // 0 with a single run
        double median = 0;
        double min = 0;
        double max = 0;
        std::vector<double> times;  // seconds, one per measured run, in the order they ran
        std::vector<int> exitCodes; // one per run where the file has them
        // The series the runs join in the build history: the name, else the command.
        QString seriesName() const { return name.isEmpty() ? command : name; }
    };
    QString file;
    std::vector<Result> results;
};

} // namespace bl
