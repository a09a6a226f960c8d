#pragma once

#include "analysis/TimingsAnalysis.h"
#include "import/Importer.h"

#include <QFile>
#include <QString>
#include <QTest>

#include <nlohmann/json.hpp>

namespace bl::test {

inline QString dataPath(const QString& relative)
{
    return QStringLiteral(BUILDLENS_TEST_DATA "/") + relative;
}

// Writes bytes to path (a test's scratch file); false when the file cannot be written.
inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Imports a timings file at any path; null (with the importer's message as a warning) when it is refused.
inline std::shared_ptr<const TimingsRun> loadRunFile(const QString& path, int jobs = 2)
{
    Progress progress;
    TimingsImportOptions options;
    options.jobs = jobs;
    const auto result = importTimingsFile(path, progress, options);
    if (!result) {
        qWarning("%s", qPrintable(result.error().toString()));
        return nullptr;
    }
    return result.value();
}

inline std::shared_ptr<const TimingsRun> loadRun(const QString& relative, int jobs = 2)
{
    return loadRunFile(dataPath(relative), jobs);
}

inline nlohmann::json truth()
{
    QFile f(dataPath(QStringLiteral("truth.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    return nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size());
}

// The truth.json entry whose "file" ends with the given suffix.
inline nlohmann::json truthEntry(const char* section, const QString& fileSuffix)
{
    const nlohmann::json t = truth();
    for (const auto& e : t.at(section))
        if (QString::fromStdString(e.at("file").get<std::string>()).endsWith(fileSuffix))
            return e;
    return {};
}

} // namespace bl::test
