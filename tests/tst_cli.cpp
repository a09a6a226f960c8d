// The command line as a user runs it: `buildlens summary FILE --json` of each sample against a golden file,
// key by key; bad input gives exit status 1 and a message naming the file; --help and --version.
#include "TestData.h"
#include "report/Csv.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>
#include <QXmlStreamReader>

using namespace bl::test;
using nlohmann::json;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList& args, const QString& display = {})
{
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(BUILDLENS_TEST_DATA));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // the command line must not need one
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    if (!display.isEmpty())
        env.insert(QStringLiteral("DISPLAY"), display);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(BUILDLENS_EXE), args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Compares two JSON documents, returns the path of the first difference or an empty string.
std::string difference(const json& a, const json& b, const std::string& path = "$")
{
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>(), y = b.get<double>();
        return std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(x))
                   ? ""
                   : path + ": " + a.dump() + " != " + b.dump();
    }
    if (a.type() != b.type())
        return path + ": type " + a.type_name() + " != " + b.type_name();
    if (a.is_object()) {
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!b.contains(it.key()))
                return path + "." + it.key() + ": missing in output";
            const std::string d = difference(it.value(), b.at(it.key()), path + "." + it.key());
            if (!d.empty())
                return d;
        }
        for (auto it = b.begin(); it != b.end(); ++it)
            if (!a.contains(it.key()))
                return path + "." + it.key() + ": not in the golden file";
        return "";
    }
    if (a.is_array()) {
        if (a.size() != b.size())
            return path + ": " + std::to_string(a.size()) + " elements != " + std::to_string(b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string d = difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
            if (!d.empty())
                return d;
        }
        return "";
    }
    return a == b ? "" : path + ": " + a.dump() + " != " + b.dump();
}

} // namespace

// pdfinfo's "Key: value" lines (poppler-utils).
static QMap<QByteArray, QString> pdfInfo(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {pdf});
    p.waitForFinished(30000);
    QMap<QByteArray, QString> info;
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        const int colon = line.indexOf(':');
        if (colon > 0)
            info.insert(line.left(colon), QString::fromUtf8(line.mid(colon + 1)).trimmed());
    }
    return info;
}

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void summaryJsonMatchesGolden_data();
    void summaryJsonMatchesGolden();
    void summaryContract();
    void textSummary();
    void selfProfileSummary();
    void sizeSummary();
    void exportViews();
    void exportEveryView_data();
    void exportEveryView();
    void exportPages();
    void exportTablesAsCsv_data();
    void exportTablesAsCsv();
    void exportRefusals();
    void exportLargeGraphOverPages();
    void reportFormats();
    void reportGate();
    void reportInChromium();
    void deltaAndHistoryTablesAsCsv();
    void exportGraphWithTimings();
    void compareTimings();
    void compareRepeatedBuilds();
    void compareProfilesAndSizes();
    void compareRefusals();
    void badInput_data();
    void badInput();
    void helpAndVersion();
    void compareDifferentJobCounts();
    void commandHelp_data();
    void commandHelp();
    void unknownCommandOrFile_data();
    void unknownCommandOrFile();
    void windowWithoutDisplay();
    void badOptionValues_data();
    void badOptionValues();
};

void TestCli::summaryJsonMatchesGolden_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("golden");
    const char* inputs[][2] = {
        {"timings/debian-1.65/dev-clean.html", "debian-1.65-dev-clean.json"},
        {"timings/debian-1.65/release-clean.html", "debian-1.65-release-clean.json"},
        {"timings/stable-1.95/dev-clean.html", "stable-1.95-dev-clean.json"},
        {"timings/stable-1.95/dev-incremental.html", "stable-1.95-dev-incremental.json"},
        {"timings/stable-1.95/release-clean.html", "stable-1.95-release-clean.json"},
        {"timings/nightly-1.97/dev-clean.html", "nightly-1.97-dev-clean.json"},
        {"timings/nightly-1.97/dev-incremental.html", "nightly-1.97-dev-incremental.json"},
        {"build-analysis/dev-clean.jsonl", "build-analysis-dev-clean.json"},
        {"build-analysis/dev-incremental.jsonl", "build-analysis-dev-incremental.json"},
        {"logs/timing-info.dev-clean.debian-1.65.jsonl", "timing-info-dev-clean.json"},
    };
    for (const auto& row : inputs)
        QTest::newRow(row[0]) << QString::fromLatin1(row[0]) << QString::fromLatin1(row[1]);
}

void TestCli::summaryJsonMatchesGolden()
{
    QFETCH(QString, input);
    QFETCH(QString, golden);
    const Run r = runCli({QStringLiteral("summary"), input, QStringLiteral("--json"),
                          QStringLiteral("--jobs"), QStringLiteral("2")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.err.isEmpty());
    const json out = json::parse(r.out.constData(), r.out.constData() + r.out.size(), nullptr, false);
    QVERIFY2(!out.is_discarded(), "stdout is not one JSON object");
    QFile f(QStringLiteral(BUILDLENS_GOLDEN_DIR "/") + golden);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const QByteArray g = f.readAll();
    const json expected = json::parse(g.constData(), g.constData() + g.size());
    const std::string d = difference(expected, out);
    QVERIFY2(d.empty(), d.c_str());
}

void TestCli::summaryContract()
{
    // The keys and meanings the README documents, checked against the file itself rather than a golden copy.
    const Run r = runCli({QStringLiteral("summary"), QStringLiteral("timings/stable-1.95/release-clean.html"),
                          QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const json j = json::parse(r.out.constData(), r.out.constData() + r.out.size());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("cargo-timings"));
    QCOMPARE(j.at("source").get<std::string>(), std::string("html"));
    QCOMPARE(j.at("file").get<std::string>(), std::string("timings/stable-1.95/release-clean.html"));
    QCOMPARE(j.at("rustc_version").get<std::string>(), std::string("rustc 1.95.0 (59807616e 2026-04-14)"));
    QCOMPARE(j.at("profile").get<std::string>(), std::string("release"));
    QCOMPARE(j.at("unit_count").get<int>(), 41);
    QCOMPARE(j.at("total_seconds").get<double>(), 11.83);
    QCOMPARE(j.at("units").size(), std::size_t(41));
    const json& first = j.at("units")[0];
    for (const char* key :
         {"name", "version", "target", "mode", "kind", "start", "duration", "critical", "slack"})
        QVERIFY2(first.contains(key), key);
    const json& cp = j.at("critical_path");
    QCOMPARE(cp.at("units").size(), std::size_t(3));
    QCOMPARE(cp.at("units")[0].at("name").get<std::string>(), std::string("regex-syntax"));
    QCOMPARE(cp.at("units")[2].at("target").get<std::string>(), std::string(" textstat \"bin\""));
    for (const char* key : {"name", "version", "target", "start", "duration"})
        QVERIFY2(cp.at("units")[0].contains(key), key);
    QVERIFY(std::abs(cp.at("seconds").get<double>() - (1.35 + 7.28 + 0.5)) < 1e-9);
    QVERIFY(j.at("longest_path_seconds").get<double>() > 0);
    QVERIFY(j.at("parallelism").get<double>() > 1.9);
    int critical = 0;
    for (const json& u : j.at("units"))
        critical += u.at("critical").get<bool>() ? 1 : 0;
    QCOMPARE(critical, 3);
}

void TestCli::textSummary()
{
    const Run r = runCli({QStringLiteral("summary"), QStringLiteral("timings/stable-1.95/dev-clean.html")});
    QCOMPARE(r.exitCode, 0);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY(text.contains(QStringLiteral("wall time            6.29 s")));
    QVERIFY(text.contains(QStringLiteral("40 (40 built, 0 fresh)")));
    QVERIFY(text.contains(QStringLiteral("regex-syntax v0.6.27")));
}

void TestCli::selfProfileSummary()
{
    // the issue's contract: kind, file, crate, pid, events, threads, total_time_ns and one row per label with
    // summarize's numbers
    const Run r = runCli({QStringLiteral("summary"), QStringLiteral("self-profile/fnv-0012953.mm_profdata"),
                          QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = json::parse(r.out.constData(), r.out.constData() + r.out.size());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("self-profile"));
    QCOMPARE(j.at("file").get<std::string>(), std::string("self-profile/fnv-0012953.mm_profdata"));
    QCOMPARE(j.at("crate").get<std::string>(), std::string("fnv"));
    QCOMPARE(j.at("pid").get<int>(), 12953);
    QCOMPARE(j.at("events").get<int>(), 6391);
    QCOMPARE(j.at("threads").get<int>(), 3);
    QCOMPARE(j.at("total_time_ns").get<std::int64_t>(), std::int64_t(21423181));
    QCOMPARE(j.at("queries").size(), std::size_t(375));
    const json& top = j.at("queries")[0];
    QCOMPARE(top.at("label").get<std::string>(), std::string("finish_ongoing_codegen"));
    QCOMPARE(top.at("self_time_ns").get<std::int64_t>(), std::int64_t(2795282));
    QCOMPARE(top.at("invocations").get<int>(), 1);
    QCOMPARE(top.at("cache_hits").get<int>(), 0);
    QVERIFY(top.contains("time_ns"));
    // a directory of profiles
    const Run d =
        runCli({QStringLiteral("summary"), QStringLiteral("self-profile/v8"), QStringLiteral("--json")});
    QVERIFY2(d.exitCode == 0, d.err.constData());
    const json set = json::parse(d.out.constData(), d.out.constData() + d.out.size());
    QCOMPARE(set.at("kind").get<std::string>(), std::string("self-profile-set"));
    QCOMPARE(set.at("profiles").size(), std::size_t(2));
    QCOMPARE(set.at("profiles")[1].at("crate").get<std::string>(), std::string("smallvec"));
    QCOMPARE(set.at("profiles")[1].at("events").get<int>(), 51300);
    // a profile cut short
    QTemporaryDir dir;
    QFile src(QStringLiteral(BUILDLENS_TEST_DATA "/self-profile/fnv-0012953.mm_profdata"));
    QVERIFY(src.open(QIODevice::ReadOnly));
    const QString cut = dir.filePath(QStringLiteral("fnv-0000001.mm_profdata"));
    QFile dst(cut);
    QVERIFY(dst.open(QIODevice::WriteOnly));
    dst.write(src.readAll().left(100000));
    dst.close();
    const Run c = runCli({QStringLiteral("summary"), cut, QStringLiteral("--json")});
    QCOMPARE(c.exitCode, 1);
    QVERIFY2(c.err.contains(cut.toUtf8()) && c.err.contains("truncated"), c.err.constData());
}

void TestCli::sizeSummary()
{
    Run r = runCli({QStringLiteral("summary"), QStringLiteral("binary/textstat"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    json j = json::parse(r.out.constData(), r.out.constData() + r.out.size());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("binary-size"));
    QCOMPARE(j.at("file").get<std::string>(), std::string("binary/textstat"));
    QCOMPARE(j.at("file_size").get<int>(), 2201072);
    QCOMPARE(j.at("text_size").get<int>(), 843907);
    QCOMPARE(j.at("sections").size(), std::size_t(31)); // the rows of size -A
    QCOMPARE(j.at("functions").size(), std::size_t(1750));
    for (const char* key : {"name", "crate", "size"})
        QVERIFY(j.at("functions")[0].contains(key));
    for (const char* key : {"name", "size", "symbols"})
        QVERIFY(j.at("crates")[0].contains(key));
    std::int64_t previous = std::numeric_limits<std::int64_t>::max(), sum = 0;
    for (const json& c : j.at("crates")) {
        QVERIFY(c.at("size").get<std::int64_t>() <= previous); // sorted by size
        previous = c.at("size").get<std::int64_t>();
        sum += previous;
    }
    QCOMPARE(sum, std::int64_t(843907));

    r = runCli({QStringLiteral("summary"), QStringLiteral("binary/bloat.textstat.crates.json"),
                QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    j = json::parse(r.out.constData(), r.out.constData() + r.out.size());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("binary-size"));
    QCOMPARE(j.at("crates")[0].at("name").get<std::string>(), std::string("std"));
    QCOMPARE(j.at("crates")[0].at("size").get<int>(), 322846);

    r = runCli({QStringLiteral("summary"), QStringLiteral("binary/llvm-lines.textstat.release.txt"),
                QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    j = json::parse(r.out.constData(), r.out.constData() + r.out.size());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("llvm-lines"));
    QCOMPARE(j.at("total_lines").get<int>(), 12084);
    QCOMPARE(j.at("total_copies").get<int>(), 488);
    QCOMPARE(j.at("functions").size(), std::size_t(293));
    QCOMPARE(j.at("functions")[0].at("lines").get<int>(), 798);
}

void TestCli::exportViews()
{
    // the dependency graph and the timeline rendered headless, in the three formats
    QTemporaryDir dir;
    for (const char* ext : {"png", "svg", "pdf"}) {
        const QString out = dir.filePath(QStringLiteral("graph.") + QLatin1String(ext));
        const Run r =
            runCli({QStringLiteral("export"), QStringLiteral("other/metadata.json"), QStringLiteral("--view"),
                    QStringLiteral("graph"), QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.size() > 5000);
        if (QLatin1String(ext) == QLatin1String("png")) {
            const QImage image = QImage::fromData(bytes, "PNG");
            QVERIFY(image.width() >= 800 && image.height() >= 200);
            int coloured = 0;
            for (int y = 0; y < image.height(); y += 4)
                for (int x = 0; x < image.width(); x += 4)
                    coloured += image.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
            QVERIFY(coloured > 500); // nodes and edges were drawn, not a blank page
        } else if (QLatin1String(ext) == QLatin1String("svg")) {
            QVERIFY(bytes.contains("<svg") && bytes.contains("ts-app"));
        } else {
            QVERIFY(bytes.startsWith("%PDF"));
        }
    }
    const QString timeline = dir.filePath(QStringLiteral("timeline.png"));
    Run r = runCli({QStringLiteral("export"), QStringLiteral("timings/stable-1.95/dev-clean.html"),
                    QStringLiteral("--out"), timeline});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QImage(timeline).width(), 1600 + 2 * 16); // the chart and the export's margins
    // wrong view for the file, unknown format, bad input
    r = runCli({QStringLiteral("export"), QStringLiteral("other/metadata.json"), QStringLiteral("--view"),
                QStringLiteral("timeline"), QStringLiteral("--out"), dir.filePath(QStringLiteral("x.png"))});
    QCOMPARE(r.exitCode, 1);
    r = runCli({QStringLiteral("export"), QStringLiteral("other/metadata.json"), QStringLiteral("--out"),
                dir.filePath(QStringLiteral("x.bmp2"))});
    QCOMPARE(r.exitCode, 1);
    r = runCli({QStringLiteral("export"), QStringLiteral("no/such.json"), QStringLiteral("--out"),
                dir.filePath(QStringLiteral("x.png"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("no/such.json"));
}

void TestCli::exportEveryView_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("view");
    QTest::addColumn<QByteArray>("text"); // shown in the view, so in the SVG as text
    const QString build = QStringLiteral("timings/stable-1.95/dev-clean.html");
    const QString profile = QStringLiteral("self-profile/fnv-0012953.mm_profdata");
    QTest::newRow("timeline") << build << QStringLiteral("timeline") << QByteArray("regex-syntax v0.6.27");
    QTest::newRow("concurrency") << build << QStringLiteral("concurrency")
                                 << QByteArray("Waiting for a slot");
    QTest::newRow("unit-graph") << build << QStringLiteral("unit-graph") << QByteArray("(bin textstat)");
    QTest::newRow("graph") << QStringLiteral("other/metadata.json") << QStringLiteral("graph")
                           << QByteArray("ts-core");
    QTest::newRow("treemap") << QStringLiteral("binary/textstat") << QStringLiteral("treemap")
                             << QByteArray("regex_syntax");
    QTest::newRow("treemap llvm-lines") << QStringLiteral("binary/llvm-lines.textstat.release.txt")
                                        << QStringLiteral("treemap") << QByteArray("textstat");
    QTest::newRow("flamegraph") << profile << QStringLiteral("flamegraph") << QByteArray("typeck");
    QTest::newRow("threads") << profile << QStringLiteral("threads") << QByteArray("Thread 3");
}

void TestCli::exportEveryView()
{
    QFETCH(QString, file);
    QFETCH(QString, view);
    QFETCH(QByteArray, text);
    QTemporaryDir dir;
    for (const char* ext : {"png", "svg", "pdf"}) {
        const QString out = dir.filePath(view + QLatin1Char('.') + QLatin1String(ext));
        const Run r = runCli(
            {QStringLiteral("export"), file, QStringLiteral("--view"), view, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.trimmed(), out.toUtf8());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        if (QLatin1String(ext) == QLatin1String("png")) {
            QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
            const QImage image = QImage::fromData(bytes, "PNG");
            // the content's width plus the margins; the title, the view and the legend stacked below
            QVERIFY2(image.width() >= 1200 && image.width() <= 4200,
                     qPrintable(QString::number(image.width())));
            QVERIFY(image.height() >= 150 && image.height() <= 8000);
            QCOMPARE(image.pixel(2, 2), qRgb(255, 255, 255));
            int ink = 0;
            for (int y = 0; y < image.height(); y += 3)
                for (int x = 0; x < image.width(); x += 3)
                    ink += image.pixel(x, y) != qRgb(255, 255, 255);
            QVERIFY2(ink > 2000, qPrintable(QString::number(ink))); // drawn, not a blank page
            // twice the pixels at --scale 2, the same picture
            const QString hidpi = dir.filePath(view + QStringLiteral("@2x.png"));
            const Run r2 =
                runCli({QStringLiteral("export"), file, QStringLiteral("--view"), view,
                        QStringLiteral("--scale"), QStringLiteral("2"), QStringLiteral("--out"), hidpi});
            QVERIFY2(r2.exitCode == 0, r2.err.constData());
            const QImage big(hidpi);
            QCOMPARE(big.width(), image.width() * 2);
            QVERIFY(std::abs(big.height() - image.height() * 2) <= 2);
        } else if (QLatin1String(ext) == QLatin1String("svg")) {
            QXmlStreamReader xml(bytes);
            int texts = 0;
            QByteArray allText;
            while (!xml.atEnd()) {
                if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text")) {
                    ++texts;
                    allText += xml.readElementText(QXmlStreamReader::IncludeChildElements).toUtf8() + '\n';
                }
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QVERIFY(texts > 5); // text kept as text, not paths
            QVERIFY2(allText.contains(text), allText.left(2000).constData());
            QVERIFY(allText.contains(QFileInfo(file).fileName().toUtf8())); // the source under the title
        } else {
            QVERIFY(bytes.startsWith("%PDF-"));
            QCOMPARE(pdfInfo(out).value("Pages").toInt() >= 1, true);
        }
    }
}

void TestCli::exportPages()
{
    // A4 by default for a PDF; a 40-unit timeline split over slides with the axis on every one
    QTemporaryDir dir;
    const QString build = QStringLiteral("timings/stable-1.95/dev-clean.html");
    const QString a4 = dir.filePath(QStringLiteral("a4.pdf"));
    Run r = runCli({QStringLiteral("export"), build, QStringLiteral("--out"), a4});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QMap<QByteArray, QString> info = pdfInfo(a4);
    QVERIFY2(info.value("Page size").startsWith(QLatin1String("842 x 595")),
             qPrintable(info.value("Page size")));
    const QString slides = dir.filePath(QStringLiteral("slides.pdf"));
    r = runCli({QStringLiteral("export"), build, QStringLiteral("--page"), QStringLiteral("slide"),
                QStringLiteral("--out"), slides});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    info = pdfInfo(slides);
    QVERIFY2(info.value("Page size").startsWith(QLatin1String("720 x 405")),
             qPrintable(info.value("Page size")));
    const int pages = info.value("Pages").toInt();
    QVERIFY2(pages >= 2 && pages <= 4, qPrintable(info.value("Pages")));
    // every page carries the axis: each one's text has the "Unit (40)" header and the tick labels
    for (int page = 1; page <= pages; ++page) {
        QProcess text;
        text.start(QStringLiteral("pdftotext"),
                   {QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"), QString::number(page),
                    slides, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(30000));
        const QByteArray t = text.readAllStandardOutput();
        QVERIFY2(t.contains("Unit") && t.contains("(40)"), t.constData());
        // only this page's rows: the first unit is on page 1 alone, the last on the last page alone
        QCOMPARE(t.contains("unicode-ident v1.0.0"), page == 1);
        QCOMPARE(t.contains("bin textstat"), page == pages);
        QVERIFY(t.contains(QStringLiteral("page %1 of %2").arg(page).arg(pages).toUtf8()));
    }
    // as images: one file per page, each the slide's size
    const QString png = dir.filePath(QStringLiteral("slide.png"));
    r = runCli({QStringLiteral("export"), build, QStringLiteral("--page"), QStringLiteral("slide"),
                QStringLiteral("--out"), png});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> files = r.out.trimmed().split('\n');
    QCOMPARE(files.size(), pages);
    for (const QByteArray& f : files)
        QCOMPARE(QImage(QString::fromUtf8(f)).size(), QSize(960, 540));
    // a graph wider than --max-width is scaled down to it
    const QString narrow = dir.filePath(QStringLiteral("narrow.png"));
    r = runCli({QStringLiteral("export"), QStringLiteral("other/metadata.json"),
                QStringLiteral("--max-width"), QStringLiteral("600"), QStringLiteral("--out"), narrow});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QImage(narrow).width(), 600 + 32);
}

void TestCli::exportTablesAsCsv_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("view");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("firstColumn");
    QTest::newRow("units") << QStringLiteral("timings/stable-1.95/dev-clean.html") << QStringLiteral("units")
                           << 40 << QStringLiteral("unit");
    QTest::newRow("queries") << QStringLiteral("self-profile/fnv-0012953.mm_profdata")
                             << QStringLiteral("queries") << 375 << QStringLiteral("query");
    QTest::newRow("crates") << QStringLiteral("binary/textstat") << QStringLiteral("crates") << 19
                            << QStringLiteral("crate");
    QTest::newRow("functions") << QStringLiteral("binary/textstat") << QStringLiteral("functions") << 1750
                               << QStringLiteral("function");
    QTest::newRow("llvm-lines") << QStringLiteral("binary/llvm-lines.textstat.release.txt")
                                << QStringLiteral("functions") << 293 << QStringLiteral("function");
}

void TestCli::exportTablesAsCsv()
{
    QFETCH(QString, file);
    QFETCH(QString, view);
    QFETCH(int, rows);
    QFETCH(QString, firstColumn);
    QTemporaryDir dir;
    const QString out = dir.filePath(view + QStringLiteral(".csv"));
    const Run r = runCli(
        {QStringLiteral("export"), file, QStringLiteral("--view"), view, QStringLiteral("--out"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    QVERIFY(csv.endsWith("\r\n"));
    bool ok = false;
    const std::vector<QStringList> records = bl::parseCsv(csv, &ok);
    QVERIFY(ok);
    QCOMPARE(int(records.size()), rows + 1);
    QCOMPARE(records.front().first(), firstColumn);
    for (const QStringList& rec : records)
        QCOMPARE(rec.size(), records.front().size());
    // the numbers read back as the data's own: the summary JSON of the same file
    Run summary = runCli({QStringLiteral("summary"), file, QStringLiteral("--json")});
    QCOMPARE(summary.exitCode, 0);
    const json j = json::parse(summary.out.constData(), summary.out.constData() + summary.out.size());
    if (view == QLatin1String("units")) {
        const int duration = int(records.front().indexOf(QStringLiteral("duration_s")));
        double sum = 0;
        for (std::size_t i = 1; i < records.size(); ++i)
            sum += records[i][duration].toDouble();
        double expected = 0;
        for (const json& u : j.at("units"))
            expected += u.at("duration").get<double>();
        QVERIFY(std::abs(sum - expected) < 1e-6);
    } else if (view == QLatin1String("queries")) {
        const int self = int(records.front().indexOf(QStringLiteral("self_time_ns")));
        qint64 sum = 0;
        for (std::size_t i = 1; i < records.size(); ++i)
            sum += records[i][self].toLongLong();
        qint64 expected = 0;
        for (const json& q : j.at("queries"))
            expected += q.at("self_time_ns").get<qint64>();
        QCOMPARE(sum, expected);
    } else if (view == QLatin1String("crates")) {
        const int bytes = int(records.front().indexOf(QStringLiteral("bytes")));
        std::uint64_t sum = 0;
        for (std::size_t i = 1; i < records.size(); ++i)
            sum += records[i][bytes].toULongLong();
        QCOMPARE(sum, j.at("text_size").get<std::uint64_t>());
    } else {
        const int size = int(records.front().indexOf(
            file.contains(QLatin1String("llvm-lines")) ? QStringLiteral("lines") : QStringLiteral("bytes")));
        QVERIFY(size > 0);
        const json& functions = j.at("functions");
        const char* key = file.contains(QLatin1String("llvm-lines")) ? "lines" : "size";
        for (std::size_t i = 1; i < records.size(); ++i) {
            QCOMPARE(records[i][0].toStdString(), functions[i - 1].at("name").get<std::string>());
            QCOMPARE(records[i][size].toULongLong(), functions[i - 1].at(key).get<std::uint64_t>());
        }
    }
}

void TestCli::exportRefusals()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("x.png"));
    // a view that does not fit the file: the message lists the views that do, exit 1
    Run r = runCli({QStringLiteral("export"), QStringLiteral("binary/textstat"), QStringLiteral("--view"),
                    QStringLiteral("timeline"), QStringLiteral("--out"), png});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("treemap, crates, functions"), r.err.constData());
    r = runCli({QStringLiteral("export"), QStringLiteral("binary/textstat"), QStringLiteral("--view"),
                QStringLiteral("pie"), QStringLiteral("--out"), png});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("'pie'") && r.err.contains("treemap"), r.err.constData());
    // a table as an image, a chart as CSV
    r = runCli({QStringLiteral("export"), QStringLiteral("binary/textstat"), QStringLiteral("--view"),
                QStringLiteral("crates"), QStringLiteral("--out"), png});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(".csv"));
    r = runCli({QStringLiteral("export"), QStringLiteral("binary/textstat"), QStringLiteral("--view"),
                QStringLiteral("treemap"), QStringLiteral("--out"), dir.filePath(QStringLiteral("x.csv"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("crates, functions"));
    // options out of range
    for (const QStringList& bad : {QStringList{QStringLiteral("--page"), QStringLiteral("a3")},
                                   QStringList{QStringLiteral("--scale"), QStringLiteral("0")},
                                   QStringList{QStringLiteral("--scale"), QStringLiteral("x")},
                                   QStringList{QStringLiteral("--max-width"), QStringLiteral("10")}}) {
        r = runCli(QStringList{QStringLiteral("export"), QStringLiteral("binary/textstat"),
                               QStringLiteral("--out"), png} +
                   bad);
        QCOMPARE(r.exitCode, 2);
    }
    QVERIFY(!QFile::exists(png));
}

void TestCli::exportLargeGraphOverPages()
{
    // A graph of 300 crates (a random DAG written as `cargo metadata`): one image fits it only at a scale
    // whose labels cannot be read, and says so; pages split it into tiles at a readable scale, and every
    // crate's name is on one of them.
    QTemporaryDir dir;
    json packages = json::array(), nodes = json::array();
    std::uint32_t seed = 7;
    auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    const int n = 300;
    auto id = [](int i) {
        return "registry+https://github.com/rust-lang/crates.io-index#crate-" + std::to_string(i) + "@1.0.0";
    };
    for (int i = 0; i < n; ++i) {
        packages.push_back(
            {{"name", "crate-" + std::to_string(i)},
             {"version", "1.0.0"},
             {"id", i == 0 ? std::string("path+file:///ws/crate-0#1.0.0") : id(i)},
             {"source", i == 0 ? json() : json("registry+https://github.com/rust-lang/crates.io-index")},
             {"dependencies", json::array()},
             {"targets", json::array({{{"kind", {"lib"}}, {"name", "crate_" + std::to_string(i)}}})},
             {"features", json::object()},
             {"manifest_path", "/ws/crate-" + std::to_string(i) + "/Cargo.toml"}});
        json deps = json::array(), depIds = json::array();
        for (int k = 0, count = i < n - 40 ? 1 + int(next() % 3) : 0; k < count; ++k) {
            const int j = i + 1 + int(next() % std::uint32_t(n - i - 1));
            depIds.push_back(id(j));
            deps.push_back({{"name", "crate_" + std::to_string(j)},
                            {"pkg", id(j)},
                            {"dep_kinds", json::array({{{"kind", nullptr}, {"target", nullptr}}})}});
        }
        nodes.push_back({{"id", packages.back().at("id")},
                         {"dependencies", depIds},
                         {"deps", deps},
                         {"features", json::array()}});
    }
    const json meta = {{"packages", packages},
                       {"workspace_members", {packages[0].at("id")}},
                       {"resolve", {{"nodes", nodes}, {"root", nullptr}}},
                       {"target_directory", "/ws/target"},
                       {"version", 1},
                       {"workspace_root", "/ws"}};
    const QString file = dir.filePath(QStringLiteral("metadata.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(meta.dump()));
    f.close();

    Run r = runCli(
        {QStringLiteral("export"), file, QStringLiteral("--out"), dir.filePath(QStringLiteral("g.png"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("labels may be too small to read") && r.err.contains("--page"),
             r.err.constData());
    QVERIFY(QImage(dir.filePath(QStringLiteral("g.png"))).width() <= 4096 + 32);

    const QString pdf = dir.filePath(QStringLiteral("g.pdf"));
    r = runCli({QStringLiteral("export"), file, QStringLiteral("--page"), QStringLiteral("a4"),
                QStringLiteral("--out"), pdf});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!r.err.contains("too small"));
    const int pages = pdfInfo(pdf).value("Pages").toInt();
    QVERIFY2(pages > 1, qPrintable(QString::number(pages)));
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(30000));
    const QByteArray t = text.readAllStandardOutput();
    QVERIFY(t.contains(QStringLiteral("page 1 of %1 (row 1, column 1)").arg(pages).toUtf8()));
    for (int i = 0; i < n; ++i)
        QVERIFY2(t.contains(QByteArray("crate-") + QByteArray::number(i) + '\n'),
                 qPrintable(QString::number(i)));
}

void TestCli::reportFormats()
{
    // one build with everything of it: timings, a self-profile, the binary, llvm-lines, metadata; and a
    // baseline
    QTemporaryDir dir;
    const QStringList inputs = {
        QStringLiteral("timings/nightly-1.97/dev-clean-bfd.html"),
        QStringLiteral("self-profile/fnv-0012953.mm_profdata"), QStringLiteral("binary/textstat"),
        QStringLiteral("binary/llvm-lines.textstat.release.txt"), QStringLiteral("other/metadata.json")};
    const QStringList compare = {QStringLiteral("--compare"),
                                 QStringLiteral("timings/nightly-1.97/dev-clean-lld.html")};
    auto report = [&](const QString& out) {
        return runCli(QStringList{QStringLiteral("report")} + inputs + compare +
                      QStringList{QStringLiteral("--out"), out});
    };

    const QString html = dir.filePath(QStringLiteral("report.html"));
    Run r = report(html);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), html.toUtf8());
    QFile h(html);
    QVERIFY(h.open(QIODevice::ReadOnly));
    const QByteArray page = h.readAll();
    QVERIFY(page.startsWith("<!DOCTYPE html>"));
    // self-contained: no script, nothing fetched
    // (the SVG namespace names are identifiers, not addresses)
    const QByteArray fetchable =
        QString::fromUtf8(page)
            .remove(QRegularExpression(QStringLiteral("xmlns(:\\w+)?=\"http://www.w3.org/[^\"]*\"")))
            .toUtf8();
    for (const char* outside : {"<script", "http://", "https://", "<link", "src=\""})
        QVERIFY2(!fetchable.contains(outside), outside);
    QVERIFY(!QString::fromUtf8(page).contains(
        QRegularExpression(QStringLiteral("url\\([^#]")))); // url(#id) is in the file
    for (const char* section :
         {"Findings", "Timeline", "Concurrency and CPU", "Slowest units", "Critical path", "What changed",
          "Self-profile: fnv", "Binary size: textstat", "Linking takes"})
        QVERIFY2(page.contains(section), section);
    QCOMPARE(page.count("<svg"), 5); // two timelines, concurrency, flame graph, treemap
    QVERIFY(page.contains("prefers-color-scheme: dark"));

    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    r = report(pdf);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QMap<QByteArray, QString> info = pdfInfo(pdf);
    QVERIFY2(info.value("Page size").contains(QLatin1String("A4")), qPrintable(info.value("Page size")));
    const int pages = info.value("Pages").toInt();
    QVERIFY(pages >= 4);
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(30000));
    const QByteArray t = text.readAllStandardOutput();
    // vector charts: their labels are text in the PDF, and every page is numbered
    QVERIFY(t.contains("regex-syntax v0.6.27") && t.contains("Unit (40)") && t.contains("Findings"));
    QVERIFY(t.contains(QStringLiteral("page %1 of %1").arg(pages).toUtf8()));

    const QString md = dir.filePath(QStringLiteral("report.md"));
    r = report(md);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile m(md);
    QVERIFY(m.open(QIODevice::ReadOnly));
    const QByteArray markdown = m.readAll();
    QVERIFY2(markdown.count('\n') <= 45, markdown.constData());
    QVERIFY(markdown.contains("| Wall time |") && markdown.contains("Top regressions"));

    // wrong usage
    QCOMPARE(runCli({QStringLiteral("report"), inputs.front()}).exitCode, 2); // no --out
    QCOMPARE(runCli({QStringLiteral("report"), inputs.front(), QStringLiteral("--out"),
                     dir.filePath(QStringLiteral("x.txt"))})
                 .exitCode,
             1);
    QCOMPARE(runCli({QStringLiteral("report"), inputs.front(), QStringLiteral("--frobnicate"),
                     QStringLiteral("--out"), html})
                 .exitCode,
             2);
    r = runCli({QStringLiteral("report"), QStringLiteral("no/such.html"), QStringLiteral("--out"),
                dir.filePath(QStringLiteral("y.html"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("no/such.html"));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("y.html"))));
}

void TestCli::reportGate()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("gate.md"));
    const QString dev = QStringLiteral("timings/stable-1.95/dev-clean.html");
    const QString release = QStringLiteral("timings/stable-1.95/release-clean.html");
    auto gate = [&](const QStringList& conditions, bool compare = true) {
        QStringList args{QStringLiteral("report"), release};
        if (compare)
            args << QStringLiteral("--compare") << dev;
        args << QStringLiteral("--out") << out;
        for (const QString& c : conditions)
            args << QStringLiteral("--fail-if") << c;
        return runCli(args);
    };
    // release vs dev: 6.29 s -> 11.83 s. Met: exit 2, the condition and its values on stderr, the report
    // written
    Run r = gate({QStringLiteral("total_seconds > +10%"), QStringLiteral("units.rebuilt > 100")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("fail-if met: total_seconds > +10%: 6.29 s -> 11.83 s (+88.1 %)"),
             r.err.constData());
    QVERIFY(!r.err.contains("units.rebuilt"));
    QVERIFY(QFile::exists(out));
    // not met: 0
    QFile::remove(out);
    r = gate({QStringLiteral("total_seconds > +100%"), QStringLiteral("critical_path.seconds > +60s")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFile::exists(out));
    // bad syntax: 1, before any work
    QFile::remove(out);
    r = gate({QStringLiteral("total_seconds >> 10%")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("METRIC OP VALUE"));
    QVERIFY(!QFile::exists(out));
    r = gate({QStringLiteral("wall_time > 10")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("unknown metric"));
    // relative without a baseline, a metric the data lacks: 1, with the reason
    r = gate({QStringLiteral("total_seconds > +10%")}, false);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("--compare"));
    r = gate({QStringLiteral("text_size > 1MB")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("text_size"));
    // absolute: met on the run's own value
    r = gate({QStringLiteral("units.built > 40")}, false);
    QCOMPARE(r.exitCode, 2);
    // sizes: the stripped sample binary against cargo-bloat's reading of the unstripped one: the same .text
    // (843,907 bytes), the file 2.1 MiB instead of 5.8 MiB
    auto sizes = [&](const QString& condition) {
        return runCli({QStringLiteral("report"), QStringLiteral("binary/textstat"),
                       QStringLiteral("--compare"), QStringLiteral("binary/bloat.textstat.crates.json"),
                       QStringLiteral("--out"), out, QStringLiteral("--fail-if"), condition});
    };
    QCOMPARE(sizes(QStringLiteral("text_size > +0%")).exitCode, 0);
    r = sizes(QStringLiteral("file_size < -50%"));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("6,128,376 B -> "), r.err.constData());
    QCOMPARE(sizes(QStringLiteral("text_size > 800KiB")).exitCode, 2);
    QCOMPARE(sizes(QStringLiteral("text_size > 900KiB")).exitCode, 0);
}

void TestCli::deltaAndHistoryTablesAsCsv()
{
    QTemporaryDir dir;
    const QString dev = QStringLiteral("timings/stable-1.95/dev-clean.html");
    const QString release = QStringLiteral("timings/stable-1.95/release-clean.html");
    const QString out = dir.filePath(QStringLiteral("units.csv"));
    Run r = runCli({QStringLiteral("compare"), dev, release, QStringLiteral("--csv"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    bool ok = false;
    auto records = bl::parseCsv(f.readAll(), &ok);
    QVERIFY(ok);
    QCOMPARE(records.front(), (QStringList{QStringLiteral("unit"), QStringLiteral("a_s"),
                                           QStringLiteral("b_s"), QStringLiteral("change_s"),
                                           QStringLiteral("change_fraction"), QStringLiteral("status")}));
    // the same units as the JSON comparison, each change B - A
    const Run jr = runCli({QStringLiteral("compare"), dev, release, QStringLiteral("--json")});
    const json j = json::parse(jr.out.constData(), jr.out.constData() + jr.out.size());
    QCOMPARE(int(records.size()) - 1,
             int(j.at("units").size() + j.at("added").size() + j.at("removed").size()));
    for (std::size_t i = 1; i < records.size(); ++i) {
        const QStringList& rec = records[i];
        if (!rec[1].isEmpty() && !rec[2].isEmpty())
            QVERIFY(std::abs(rec[2].toDouble() - rec[1].toDouble() - rec[3].toDouble()) < 1e-9);
    }
    // to stdout; a table the comparison does not have
    r = runCli({QStringLiteral("compare"), dev, release, QStringLiteral("--csv"), QStringLiteral("-")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("unit,a_s,b_s,"));
    r = runCli({QStringLiteral("compare"), dev, release, QStringLiteral("--csv"), out,
                QStringLiteral("--table"), QStringLiteral("queries")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("tables: units"));
    QCOMPARE(
        runCli({QStringLiteral("compare"), dev, release, QStringLiteral("--table"), QStringLiteral("units")})
            .exitCode,
        2);
    // functions of two readings of one binary: bytes, and each change
    r = runCli({QStringLiteral("compare"), QStringLiteral("binary/bloat.textstat.functions.json"),
                QStringLiteral("binary/textstat"), QStringLiteral("--csv"), QStringLiteral("-"),
                QStringLiteral("--table"), QStringLiteral("functions")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    records = bl::parseCsv(r.out, &ok);
    QVERIFY(ok);
    // the functions that differ: cargo-bloat names a const generic `<10: usize>`, the demangler `<10>`
    QCOMPARE(records.front().at(2), QStringLiteral("bytes_a"));
    QCOMPARE(records.size(), std::size_t(5));
    QCOMPARE(records[1],
             (QStringList{QStringLiteral("core::escape::escape_unicode::<10: usize>"), QStringLiteral("std"),
                          QStringLiteral("190"), QString(), QStringLiteral("-190"), QStringLiteral("-1"),
                          QStringLiteral("removed")}));
    // repeated builds: means and p-values
    r = runCli({QStringLiteral("compare"), QStringLiteral("timings/repeated/dev-clean-1.html"),
                QStringLiteral("timings/repeated/dev-clean-2.html"), QStringLiteral("--vs"),
                QStringLiteral("timings/repeated/release-clean-1.html"),
                QStringLiteral("timings/repeated/release-clean-2.html"), QStringLiteral("--csv"),
                QStringLiteral("-")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.startsWith("unit,mean_a_s,mean_b_s,change_s,p_value,verdict\r\n"));

    // the history's runs
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    r = runCli({QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--db"), db, dev, release});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db,
                QStringLiteral("--csv")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    records = bl::parseCsv(r.out, &ok);
    QVERIFY(ok);
    QCOMPARE(records.size(), std::size_t(3));
    QCOMPARE(records.front().first(), QStringLiteral("run"));
    QVERIFY(records.front().contains(QStringLiteral("figure")));
    const int figure = int(records.front().indexOf(QStringLiteral("figure")));
    QStringList figures{records[1][figure], records[2][figure]};
    figures.sort();
    QCOMPARE(figures, (QStringList{QStringLiteral("11.83"), QStringLiteral("6.29")}));
    QCOMPARE(runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db,
                     QStringLiteral("--csv"), QStringLiteral("--json")})
                 .exitCode,
             2);
}

void TestCli::reportInChromium()
{
    // The HTML report in a real browser: it renders, logs nothing to the console and requests nothing. The
    // same checks on a page that does both prove that they see it.
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("report.html"));
    Run r =
        runCli({QStringLiteral("report"), QStringLiteral("timings/nightly-1.97/dev-clean-bfd.html"),
                QStringLiteral("binary/textstat"), QStringLiteral("--compare"),
                QStringLiteral("timings/nightly-1.97/dev-clean-lld.html"), QStringLiteral("--out"), html});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    struct Browse
    {
        QImage shot;
        QByteArrayList console;
        QStringList requests; // made by the page, not by the browser's own services
    };
    auto browse = [&](const QString& file) {
        Browse b;
        const QString shot = file + QStringLiteral(".png"), netlog = file + QStringLiteral(".netlog.json");
        QProcess chromium;
        chromium.start(QStringLiteral("chromium"),
                       {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                        QStringLiteral("--disable-gpu"), QStringLiteral("--hide-scrollbars"),
                        QStringLiteral("--no-first-run"), QStringLiteral("--disable-background-networking"),
                        QStringLiteral("--disable-dev-shm-usage"), // a fresh root may have no /dev/shm
                        QStringLiteral("--disable-component-update"),
                        QStringLiteral("--enable-logging=stderr"), QStringLiteral("--v=0"),
                        QStringLiteral("--user-data-dir=") + dir.filePath(QStringLiteral("profile")),
                        QStringLiteral("--log-net-log=") + netlog, QStringLiteral("--window-size=1280,2400"),
                        QStringLiteral("--screenshot=") + shot, QUrl::fromLocalFile(file).toString()});
        if (!chromium.waitForFinished(120000))
            qFatal("chromium did not finish");
        b.shot = QImage(shot);
        for (const QByteArray& line : chromium.readAllStandardError().split('\n'))
            if (line.contains(":CONSOLE")) // "INFO:CONSOLE:1] "message", source: ..."
                b.console << line;
        QFile log(netlog);
        if (log.open(QIODevice::ReadOnly)) {
            const json j = json::parse(log.readAll().toStdString(), nullptr, false);
            if (!j.is_discarded()) {
                const int start =
                    j.at("constants").at("logEventTypes").at("URL_REQUEST_START_JOB").get<int>();
                for (const json& e : j.at("events"))
                    // a request's start names its initiator; the browser's own services have none
                    if (e.value("type", -1) == start && e.contains("params") &&
                        e.at("params").contains("url") &&
                        e.at("params").value("initiator", std::string()) != "not an origin")
                        b.requests << QString::fromStdString(e.at("params").value("url", std::string()));
            }
        }
        return b;
    };
    const Browse report = browse(html);
    QCOMPARE(report.shot.width(), 1280);
    int ink = 0;
    for (int y = 0; y < report.shot.height(); y += 4)
        for (int x = 0; x < report.shot.width(); x += 4)
            ink += report.shot.pixel(x, y) != qRgb(255, 255, 255);
    QVERIFY2(ink > 5000, qPrintable(QString::number(ink)));
    QVERIFY2(report.console.isEmpty(), report.console.join('\n').constData());
    QVERIFY2(report.requests.isEmpty(), qPrintable(report.requests.join(QLatin1Char(' '))));

    const QString bad = dir.filePath(QStringLiteral("bad.html"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\">"
            "<script>console.error('broken');</script></body></html>");
    f.close();
    const Browse control = browse(bad);
    QVERIFY(!control.console.isEmpty());
    QVERIFY2(!control.requests.isEmpty(), "the request check does not see a page's requests");
}

namespace {

// Pixels (every other one) of the hottest node's fill in the light theme, heatColor(1.0): no other part of
// the graph is painted in it.
int hottestPixels(const QImage& image)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            n += std::abs(c.red() - 0xe0) <= 3 && std::abs(c.green() - 0x5a) <= 3 &&
                 std::abs(c.blue() - 0x4b) <= 3;
        }
    return n;
}

} // namespace

void TestCli::exportGraphWithTimings()
{
    QTemporaryDir dir;
    const QString plain = dir.filePath(QStringLiteral("plain.png"));
    const QString heat = dir.filePath(QStringLiteral("heat.png"));
    Run r = runCli({QStringLiteral("export"), QStringLiteral("other/metadata.json"), QStringLiteral("--view"),
                    QStringLiteral("graph"), QStringLiteral("--out"), plain});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({QStringLiteral("export"), QStringLiteral("other/metadata.json"), QStringLiteral("--timings"),
                QStringLiteral("timings/stable-1.95/dev-clean.html"), QStringLiteral("--out"), heat});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QImage plainImage(plain), heatImage(heat);
    // the same layout, coloured; the heat's legend below it makes the image taller
    QCOMPARE(heatImage.width(), plainImage.width());
    QVERIFY(heatImage.height() > plainImage.height());
    QCOMPARE(hottestPixels(plainImage), 0);
    QVERIFY2(hottestPixels(heatImage) > 300, qPrintable(QString::number(hottestPixels(heatImage))));

    // a timings capture as a graph: its unit graph, coloured by its own durations
    const QString units = dir.filePath(QStringLiteral("units.svg"));
    r = runCli({QStringLiteral("export"), QStringLiteral("build-analysis/dev-clean.jsonl"),
                QStringLiteral("--view"), QStringLiteral("graph"), QStringLiteral("--out"), units});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile svg(units);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray svgBytes = svg.readAll();
    QVERIFY(svgBytes.contains("(build.rs run)") && svgBytes.contains("(bin textstat)"));
    const QString unitsPng = dir.filePath(QStringLiteral("units.png"));
    r = runCli({QStringLiteral("export"), QStringLiteral("timings/stable-1.95/dev-clean.html"),
                QStringLiteral("--view"), QStringLiteral("graph"), QStringLiteral("--out"), unitsPng});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(hottestPixels(QImage(unitsPng)) > 300);

    // bad timings: a message naming the file, exit status 1
    for (const char* bad : {"no/such.html", "binary/size-A.textstat.txt", "other/metadata.json"}) {
        r = runCli({QStringLiteral("export"), QStringLiteral("other/metadata.json"),
                    QStringLiteral("--timings"), QString::fromLatin1(bad), QStringLiteral("--out"),
                    dir.filePath(QStringLiteral("x.png"))});
        QVERIFY2(r.exitCode == 1, bad);
        QVERIFY2(r.err.contains(bad), r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.png"))));
    }
    // --timings goes with a metadata graph only
    r = runCli({QStringLiteral("export"), QStringLiteral("timings/stable-1.95/dev-clean.html"),
                QStringLiteral("--timings"), QStringLiteral("timings/stable-1.95/dev-clean.html"),
                QStringLiteral("--out"), dir.filePath(QStringLiteral("x.png"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--timings"));
}

void TestCli::compareTimings()
{
    Run r = runCli({QStringLiteral("compare"), QStringLiteral("timings/stable-1.95/dev-clean.html"),
                    QStringLiteral("timings/stable-1.95/release-clean.html"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = json::parse(r.out.constData(), r.out.constData() + r.out.size());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("timings-diff"));
    // Total time 6.29 s and 11.83 s in the two reports
    QCOMPARE(j.at("total_delta_seconds").get<double>(), 5.54);
    QCOMPARE(j.at("units").size(), std::size_t(40));
    QCOMPARE(j.at("added").size(), std::size_t(1));
    QCOMPARE(j.at("removed").size(), std::size_t(0));
    const json& first = j.at("units")[0];
    for (const char* key : {"name", "version", "target", "mode", "a", "b", "delta"})
        QVERIFY2(first.contains(key), key);
    // regex 1.99 s -> 7.28 s in the two reports' unit tables
    QCOMPARE(first.at("name").get<std::string>(), std::string("regex"));
    QCOMPARE(first.at("version").get<std::string>(), std::string("1.7.1"));
    QCOMPARE(first.at("target").get<std::string>(), std::string("lib"));
    QCOMPARE(first.at("mode").get<std::string>(), std::string("build"));
    QCOMPARE(first.at("a").get<double>(), 1.99);
    QCOMPARE(first.at("b").get<double>(), 7.28);
    QCOMPARE(first.at("delta").get<double>(), 5.29);
    QCOMPARE(j.at("added")[0].at("name").get<std::string>(), std::string("ts-derive"));

    r = runCli({QStringLiteral("compare"), QStringLiteral("timings/stable-1.95/dev-clean.html"),
                QStringLiteral("timings/stable-1.95/release-clean.html"), QStringLiteral("--top"),
                QStringLiteral("3")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("wall time        6.29 s -> 11.8 s  (+5.54 s, +88.1 %)"));
    QVERIFY(r.out.contains("regex v1.7.1"));
    QVERIFY(r.out.contains("built only in B"));
}

void TestCli::compareRepeatedBuilds()
{
    // three clean dev builds against three clean release builds of the workspace, made one after the other on
    // a busy machine: the wall time changed beyond its noise (16.5 s ± 4.4 s -> 35.8 s ± 8.1 s), and of the
    // units regex-syntax (5.2 s ± 0.7 s -> 16.9 s ± 4.5 s); units that vary more than they change do not
    // count
    QStringList args{QStringLiteral("compare")};
    for (int i = 1; i <= 3; ++i)
        args << QStringLiteral("timings/repeated/dev-clean-%1.html").arg(i);
    args << QStringLiteral("--vs");
    for (int i = 1; i <= 3; ++i)
        args << QStringLiteral("timings/repeated/release-clean-%1.html").arg(i);
    args << QStringLiteral("--json");
    const Run r = runCli(args);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = json::parse(r.out.constData(), r.out.constData() + r.out.size());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("timings-set-diff"));
    QCOMPARE(j.at("a").size(), std::size_t(3));
    QCOMPARE(j.at("test").get<std::string>(), std::string("Welch's t-test, two-sided"));
    QVERIFY(j.at("wall").at("significant").get<bool>());
    QVERIFY(j.at("wall").at("p_value").get<double>() < 0.05);
    const json& first = j.at("units")[0];
    QCOMPARE(first.at("label").get<std::string>(), std::string("regex-syntax v0.6.27"));
    QVERIFY(first.at("significant").get<bool>());
    QCOMPARE(first.at("runs_a").get<int>(), 3);
    int significant = 0;
    for (const json& u : j.at("units")) {
        for (const char* key : {"label", "mean_a", "sd_a", "mean_b", "sd_b", "p_value", "significant"})
            QVERIFY2(u.contains(key), key);
        if (u.at("significant").get<bool>()) {
            QVERIFY(u.at("p_value").get<double>() < 0.05);
            ++significant;
        }
    }
    // regex itself took 5 s more too, but its spread is too large to tell
    QVERIFY(significant >= 1 && significant < 5);
}

void TestCli::compareProfilesAndSizes()
{
    Run r = runCli({QStringLiteral("compare"), QStringLiteral("self-profile/v8/fnv-0026749.mm_profdata"),
                    QStringLiteral("self-profile/fnv-0012953.mm_profdata"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    json j = json::parse(r.out.constData(), r.out.constData() + r.out.size());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("self-profile-diff"));
    QVERIFY(j.at("queries").size() > 300);
    for (const char* key : {"label", "self_time_delta_ns", "invocations_delta", "cache_hits_delta"})
        QVERIFY2(j.at("queries")[0].contains(key), key);

    // cargo-bloat's reading of the sample against BuildLens's own: the same functions (const generic
    // arguments are printed differently) and the bytes between symbols, which only the ELF reading names
    r = runCli({QStringLiteral("compare"), QStringLiteral("binary/bloat.textstat.functions.json"),
                QStringLiteral("binary/textstat"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    j = json::parse(r.out.constData(), r.out.constData() + r.out.size());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("binary-size-diff"));
    QCOMPARE(j.at("total_delta").get<int>(), 0);
    QCOMPARE(j.at("crates")[0].at("name").get<std::string>(), std::string("[no symbol]"));
    for (const char* key : {"name", "a", "b", "delta", "status"})
        QVERIFY2(j.at("functions")[0].contains(key), key);
}

void TestCli::compareRefusals()
{
    // different kinds: exit 1, both files named
    Run r = runCli({QStringLiteral("compare"), QStringLiteral("timings/stable-1.95/dev-clean.html"),
                    QStringLiteral("binary/textstat")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("binary/textstat") && r.err.contains("dev-clean.html"), r.err.constData());
    // two files of a kind compare does not read: both named, and what it does read
    r = runCli({QStringLiteral("compare"), QStringLiteral("other/metadata.json"),
                QStringLiteral("workspaces/duplicates/metadata.json")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("other/metadata.json") && r.err.contains("workspaces/duplicates/metadata.json") &&
                 r.err.contains("cargo-metadata"),
             r.err.constData());
    // an unreadable side: exit 1, the file named
    r = runCli({QStringLiteral("compare"), QStringLiteral("timings/stable-1.95/dev-clean.html"),
                QStringLiteral("no/such/file.html")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no/such/file.html"), r.err.constData());
    // usage
    QCOMPARE(
        runCli({QStringLiteral("compare"), QStringLiteral("timings/stable-1.95/dev-clean.html")}).exitCode,
        2);
    QCOMPARE(runCli({QStringLiteral("compare"), QStringLiteral("a"), QStringLiteral("--vs")}).exitCode, 2);
    QCOMPARE(runCli({QStringLiteral("compare"), QStringLiteral("a"), QStringLiteral("b"),
                     QStringLiteral("--top"), QStringLiteral("0")})
                 .exitCode,
             2);
    // repeated builds are for timings only
    r = runCli({QStringLiteral("compare"), QStringLiteral("binary/textstat"), QStringLiteral("--vs"),
                QStringLiteral("binary/textstat")});
    QCOMPARE(r.exitCode, 1);
}

void TestCli::badInput_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("missing") << QStringLiteral("no/such/file.html") << QStringLiteral("does not exist");
    QTest::newRow("wrong kind") << QStringLiteral("binary/size-A.textstat.txt")
                                << QStringLiteral("not a cargo timings report");
    QTest::newRow("unknown json") << QStringLiteral("self-profile/fnv-0012953.mmstat.json")
                                  << QStringLiteral("not a cargo timings report");
    QTest::newRow("directory") << QStringLiteral("timings") << QStringLiteral("directory");
}

void TestCli::badInput()
{
    QFETCH(QString, file);
    QFETCH(QString, phrase);
    for (const bool asJson : {false, true}) {
        QStringList args{QStringLiteral("summary"), file};
        if (asJson)
            args << QStringLiteral("--json");
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(file) && err.contains(phrase), qPrintable(err));
    }
    // a truncated copy
    QTemporaryDir dir;
    QFile src(QStringLiteral(BUILDLENS_TEST_DATA "/timings/stable-1.95/dev-clean.html"));
    QVERIFY(src.open(QIODevice::ReadOnly));
    const QString cut = dir.filePath(QStringLiteral("cut.html"));
    QFile dst(cut);
    QVERIFY(dst.open(QIODevice::WriteOnly));
    const QByteArray html = src.readAll();
    dst.write(html.left(html.indexOf("const UNIT_DATA") + 3000));
    dst.close();
    const Run r = runCli({QStringLiteral("summary"), cut, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(cut + QStringLiteral(": line ")), r.err.constData());
    QVERIFY(r.err.contains("truncated timing report"));
}

void TestCli::helpAndVersion()
{
    Run r = runCli({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("buildlens summary FILE"));
    r = runCli({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("buildlens "));
    r = runCli({QStringLiteral("summary")});
    QCOMPARE(r.exitCode, 2);
    r = runCli({QStringLiteral("summary"), QStringLiteral("x"), QStringLiteral("--bogus")});
    QCOMPARE(r.exitCode, 2);
}

void TestCli::compareDifferentJobCounts()
{
    // the same workspace built with -j2 and with -j1: the comparison names the job counts and says they
    // differ
    const QString j2 = QStringLiteral("timings/twins/dev-clean.html");
    const QString j1 = QStringLiteral("timings/twins/dev-clean-j1.html");
    Run r = runCli({QStringLiteral("compare"), j2, j1});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("jobs             2 -> 1  (different job counts"), r.out.constData());
    r = runCli({QStringLiteral("compare"), j2, j1, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const json j = json::parse(r.out.toStdString());
    QCOMPARE(j.at("a").at("jobs").get<int>(), 2);
    QCOMPARE(j.at("b").at("jobs").get<int>(), 1);
    QVERIFY(j.at("different_jobs").get<bool>());
    r = runCli({QStringLiteral("compare"), j2, j2, QStringLiteral("--json")});
    QVERIFY(!json::parse(r.out.toStdString()).at("different_jobs").get<bool>());
    // and the summary gives the job count
    r = runCli({QStringLiteral("summary"), j1});
    QVERIFY2(r.out.contains("  jobs                 1 (-j1)"), r.out.constData());
}

void TestCli::commandHelp_data()
{
    QTest::addColumn<QString>("command");
    for (const char* c : {"summary", "compare", "export", "report", "history"})
        QTest::newRow(c) << QString::fromLatin1(c);
}

void TestCli::commandHelp()
{
    QFETCH(QString, command);
    const Run r = runCli({command, QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("Usage: buildlens " + command.toUtf8()), r.out.constData());
    QVERIFY(r.err.isEmpty());
    // the same text by `help COMMAND`, and -h anywhere among the options
    QCOMPARE(runCli({QStringLiteral("help"), command}).out, r.out);
    QCOMPARE(runCli({command, QStringLiteral("some-file"), QStringLiteral("-h")}).out, r.out);
    // every option a command takes is in its help
    const QMap<QString, QStringList> options = {
        {QStringLiteral("summary"), {QStringLiteral("--json"), QStringLiteral("--jobs")}},
        {QStringLiteral("compare"),
         {QStringLiteral("--json"), QStringLiteral("--top"), QStringLiteral("--alpha"),
          QStringLiteral("--vs"), QStringLiteral("--csv"), QStringLiteral("--table")}},
        {QStringLiteral("export"),
         {QStringLiteral("--out"), QStringLiteral("--view"), QStringLiteral("--width"),
          QStringLiteral("--height"), QStringLiteral("--max-width"), QStringLiteral("--scale"),
          QStringLiteral("--page"), QStringLiteral("--timings")}},
        {QStringLiteral("report"),
         {QStringLiteral("--out"), QStringLiteral("--compare"), QStringLiteral("--fail-if"),
          QStringLiteral("--title")}},
        {QStringLiteral("history"),
         {QStringLiteral("--db"), QStringLiteral("--label"), QStringLiteral("--kind"),
          QStringLiteral("--json"), QStringLiteral("--csv")}}};
    for (const QString& option : options.value(command))
        QVERIFY2(r.out.contains(option.toUtf8()), qPrintable(option));

    // the overview names every kind of input, not only build timings
    const Run overview = runCli({QStringLiteral("--help")});
    for (const char* input : {"--timings", "build-analysis", ".mm_profdata", "summarize", "crox", "ELF",
                              "cargo-bloat", "llvm-lines", "cargo metadata"})
        QVERIFY2(overview.out.contains(input), input);
    QVERIFY(overview.out.contains("buildlens " + command.toUtf8()));
    QCOMPARE(runCli({QStringLiteral("help")}).out, overview.out);
    QCOMPARE(runCli({QStringLiteral("help"), QStringLiteral("frobnicate")}).exitCode, 2);
}

void TestCli::unknownCommandOrFile_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("suggestion");
    QTest::newRow("typo") << QStringLiteral("sumary") << QStringLiteral("summary");
    QTest::newRow("swapped") << QStringLiteral("comapre") << QStringLiteral("compare");
    QTest::newRow("prefix") << QStringLiteral("hist") << QStringLiteral("history");
    QTest::newRow("exprot") << QStringLiteral("exprot") << QStringLiteral("export");
    QTest::newRow("nothing near") << QStringLiteral("frobnicate") << QString();
    QTest::newRow("missing file") << QStringLiteral("no-such-build.html") << QString();
}

void TestCli::unknownCommandOrFile()
{
    QFETCH(QString, word);
    QFETCH(QString, suggestion);
    // with a file after it, as in `buildlens sumary FILE`; never a window, never an abort, with or without a
    // display
    for (const QString& display : {QString(), QStringLiteral(":12345")}) {
        const Run r = runCli({word, QStringLiteral("timings/stable-1.95/dev-clean.html")}, display);
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(QStringLiteral("unknown command or file '%1'").arg(word)), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("no such file or command")), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("window")), qPrintable(err));
        if (suggestion.isEmpty())
            QVERIFY2(!err.contains(QStringLiteral("did you mean")), qPrintable(err));
        else
            QVERIFY2(err.contains(QStringLiteral("did you mean `buildlens %1`").arg(suggestion)),
                     qPrintable(err));
        QVERIFY(r.out.isEmpty());
    }
}

void TestCli::windowWithoutDisplay()
{
    // an existing file asks for the window: with no display at all, a message and exit 1
    Run r = runCli({QStringLiteral("timings/stable-1.95/dev-clean.html")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot open the window: no display"), r.err.constData());
    QVERIFY(r.err.contains("buildlens summary"));
    r = runCli({});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot open the window"), r.err.constData());
    // a display that cannot be reached: the same, not Qt's abort (exit 134)
    r = runCli({QStringLiteral("timings/stable-1.95/dev-clean.html")}, QStringLiteral(":12345"));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot open the window"), r.err.constData());
}

void TestCli::badOptionValues_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("phrase");
    const QString timeline = QStringLiteral("timings/stable-1.95/dev-clean.html");
    for (const char* width : {"abc", "0", "-5", "12.5", "999999"})
        QTest::addRow("export --width %s", width)
            << QStringList{QStringLiteral("export"),  timeline,
                           QStringLiteral("--out"),   QStringLiteral("never-written.png"),
                           QStringLiteral("--width"), QString::fromLatin1(width)}
            << QStringLiteral("--width needs a whole number");
    QTest::newRow("export --width missing")
        << QStringList{QStringLiteral("export"), timeline, QStringLiteral("--out"), QStringLiteral("x.png"),
                       QStringLiteral("--width")}
        << QStringLiteral("--width needs a value");
    QTest::newRow("history --kind typo")
        << QStringList{QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--kind"),
                       QStringLiteral("timing")}
        << QStringLiteral("unknown kind 'timing' for --kind: one of timings, "
                          "self-profile, self-profile-set, binary-size, "
                          "llvm-lines, cargo-metadata");
    QTest::newRow("summary --jobs 0")
        << QStringList{QStringLiteral("summary"), timeline, QStringLiteral("--jobs"), QStringLiteral("0")}
        << QStringLiteral("--jobs needs a whole number");
}

void TestCli::badOptionValues()
{
    QFETCH(QStringList, args);
    QFETCH(QString, phrase);
    const Run r = runCli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(phrase), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFileInfo::exists(QStringLiteral(BUILDLENS_TEST_DATA "/never-written.png")));
    // a kind that exists is accepted (the test's own home has an empty default library)
    if (args.contains(QStringLiteral("--kind"))) {
        const Run ok = runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--kind"),
                               QStringLiteral("timings")});
        QCOMPARE(ok.exitCode, 0);
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
