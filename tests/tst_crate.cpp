// buildlens crate: one crate joined across a build, a self-profile, a binary, cargo-llvm-lines and metadata.
#include "TestData.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include <nlohmann/json.hpp>

using namespace bl::test;
using json = nlohmann::json;

class TestCrate : public QObject
{
    Q_OBJECT
private slots:
    void joinsEverySource();
    void unknownCrateIsAnError();
    void historyOfTheStoredRuns();
};

namespace {

json run(const QStringList& args, int* exitCode = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(BUILDLENS_EXE), args);
    if (!p.waitForFinished(60000))
        return {};
    if (exitCode)
        *exitCode = p.exitCode();
    const QByteArray out = p.readAllStandardOutput();
    return out.isEmpty() ? json() : json::parse(out.toStdString(), nullptr, false);
}

} // namespace

void TestCrate::joinsEverySource()
{
    int code = -1;
    // regex_syntax as a crate name finds the package regex-syntax
    const json j = run({QStringLiteral("crate"), QStringLiteral("regex_syntax"),
                        dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")),
                        dataPath(QStringLiteral("binary/textstat")),
                        dataPath(QStringLiteral("other/metadata.json")), QStringLiteral("--json")},
                       &code);
    QCOMPARE(code, 0);
    QCOMPARE(j.at("kind").get<std::string>(), std::string("crate"));
    const json& build = j.at("builds").at(0);
    QVERIFY(build.at("file").get<std::string>().find("dev-clean.jsonl") != std::string::npos);
    const json& unit = build.at("units").at(0);
    QCOMPARE(unit.at("label").get<std::string>(), std::string("regex-syntax v0.6.27"));
    // nightly section timings: frontend and codegen within the unit's time
    QVERIFY(unit.at("frontend_seconds").get<double>() > 0 && unit.at("codegen_seconds").get<double>() > 0);
    QVERIFY(unit.at("frontend_seconds").get<double>() + unit.at("codegen_seconds").get<double>() <=
            unit.at("duration").get<double>() + 1e-6);
    QCOMPARE(unit.at("rebuild").at("kind").get<std::string>(), std::string("new"));
    QVERIFY(unit.contains("slack_seconds"));
    // the binary: its crate as summary gives it
    const json summary = run(
        {QStringLiteral("summary"), dataPath(QStringLiteral("binary/textstat")), QStringLiteral("--json")});
    std::uint64_t bytes = 0;
    for (const json& c : summary.at("crates"))
        if (c.at("name").get<std::string>() == "regex_syntax")
            bytes = c.at("size").get<std::uint64_t>();
    QVERIFY(bytes > 100000);
    const json& binary = j.at("binaries").at(0);
    QCOMPARE(binary.at("size").get<std::uint64_t>(), bytes);
    QCOMPARE(binary.at("largest").size(), std::size_t(10));
    QVERIFY(binary.at("largest").at(0).at("size").get<std::uint64_t>() >=
            binary.at("largest").at(9).at("size").get<std::uint64_t>());
    // its place in the graph
    const json& graph = j.at("graphs").at(0);
    QVERIFY(graph.at("versions") == json::array({"0.6.27"}));
    QVERIFY(graph.at("dependents") == json::array({"regex 1.7.1"}));
    QCOMPARE(graph.at("duplicated").get<bool>(), false);
    QVERIFY(graph.at("depth").get<int>() >= 1);
    // no self-profile or llvm-lines given: empty sections, not missing keys
    QVERIFY(j.at("self_profiles").empty() && j.at("llvm_lines").empty());

    // a self-profile of fnv and the llvm-lines of the binary
    const json p =
        run({QStringLiteral("crate"), QStringLiteral("fnv"),
             dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")), QStringLiteral("--json")});
    const json profileSummary =
        run({QStringLiteral("summary"), dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")),
             QStringLiteral("--json")});
    const json& queries = p.at("self_profiles").at(0).at("top_queries");
    QCOMPARE(queries.size(), std::size_t(10));
    QVERIFY(queries.at(0).at("label") == profileSummary.at("queries").at(0).at("label"));
    const json l =
        run({QStringLiteral("crate"), QStringLiteral("anyhow"),
             dataPath(QStringLiteral("binary/llvm-lines.textstat.release.txt")), QStringLiteral("--json")});
    const json& lines = l.at("llvm_lines").at(0);
    QCOMPARE(lines.at("lines").get<int>(), 889);
    QCOMPARE(lines.at("functions").get<int>(), 26);
    QVERIFY(lines.at("most_copies").at(0).at("copies").get<int>() > 1);
}

void TestCrate::unknownCrateIsAnError()
{
    QProcess p;
    p.start(QStringLiteral(BUILDLENS_EXE), {QStringLiteral("crate"), QStringLiteral("no-such-crate"),
                                            dataPath(QStringLiteral("binary/textstat"))});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("no crate 'no-such-crate'"));
    QProcess bad;
    bad.start(QStringLiteral(BUILDLENS_EXE), {QStringLiteral("crate"), QStringLiteral("regex")});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 2);
}

// Stored runs give the crate's history: its time in each stored build, its bytes in each stored binary
void TestCrate::historyOfTheStoredRuns()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    QProcess add;
    add.start(QStringLiteral(BUILDLENS_EXE),
              {QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db,
               dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")),
               dataPath(QStringLiteral("build-analysis/dev-clean.jsonl")),
               dataPath(QStringLiteral("binary/textstat"))});
    QVERIFY(add.waitForFinished(60000));
    QCOMPARE(add.exitCode(), 0);
    int code = -1;
    // the history alone is enough to know the crate
    const json j = run({QStringLiteral("crate"), QStringLiteral("regex-syntax"), QStringLiteral("--db"), db,
                        dataPath(QStringLiteral("other/metadata.json")), QStringLiteral("--json")},
                       &code);
    QCOMPARE(code, 0);
    QCOMPARE(j.at("history").at("file").get<std::string>(), db.toStdString());
    const json& runs = j.at("history").at("runs");
    QCOMPARE(runs.size(), std::size_t(3));
    // oldest build first: the two builds of 2026-11-24, then the binary
    QCOMPARE(runs.at(0).at("kind").get<std::string>(), std::string("timings"));
    QCOMPARE(runs.at(0).at("seconds").get<double>(), 2.11);
    QVERIFY(std::abs(runs.at(1).at("seconds").get<double>() - 1.989414) < 1e-6);
    QCOMPARE(runs.at(1).at("units").get<int>(), 1);
    QCOMPARE(runs.at(2).at("kind").get<std::string>(), std::string("binary-size"));
    QVERIFY(runs.at(2).at("size").get<std::uint64_t>() > 100000);
    // a crate no run has and no file names: nothing to say
    run({QStringLiteral("crate"), QStringLiteral("no-such-crate"), QStringLiteral("--db"), db,
         dataPath(QStringLiteral("other/metadata.json"))},
        &code);
    QCOMPARE(code, 1);
}

QTEST_GUILESS_MAIN(TestCrate)
#include "tst_crate.moc"
