// Item models under QAbstractItemModelTester, plus their filtering and sorting.
#include "TestData.h"
#include "import/AnyImporter.h"
#include "import/MmProfdataImporter.h"
#include "itemmodels/ExportRole.h"
#include "itemmodels/QueryTableModel.h"
#include "itemmodels/UnitsTableModel.h"
#include "report/RunNames.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QRegularExpression>
#include <QXmlStreamReader>

using namespace bl;
using namespace bl::test;

class TestModels : public QObject
{
    Q_OBJECT
private slots:
    void pluralMessagesReadAsEnglish();
    void unitsModelIsConsistent();
    void filterAndSort();
    void queryModel();
    void twinsAndModes();
    void runNames();
};

void TestModels::unitsModelIsConsistent()
{
    UnitsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setAnalysis(analyse(loadRun(QStringLiteral("timings/stable-1.95/release-clean.html"))));
    QCOMPARE(model.rowCount(), 41);
    QCOMPARE(model.columnCount(), int(UnitsTableModel::ColumnCount));
    model.setAnalysis(analyse(loadRun(QStringLiteral("build-analysis/dev-incremental.jsonl"))));
    QCOMPARE(model.rowCount(), 40);
    for (int r = 0; r < model.rowCount(); ++r)
        for (int c = 0; c < model.columnCount(); ++c)
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(UnitsTableModel::SortRole)})
                model.data(model.index(r, c), role);
    // the timeline ranks labels by their length without building them
    for (const char* file : {"timings/stable-1.95/release-clean.html", "build-analysis/dev-incremental.jsonl",
                             "timings/stable-1.95/dev-clean.html", "timings/twins/dev-clean.html"}) {
        const auto run = loadRun(QString::fromLatin1(file));
        QVERIFY(run);
        for (const Unit& u : run->units)
            QCOMPARE(u.labelLength(), u.label().size());
    }
    model.setAnalysis(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::filterAndSort()
{
    UnitsTableModel model;
    UnitsFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAnalysis(analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-incremental.html"))));
    QCOMPARE(proxy.rowCount(), 40);
    proxy.setHideFresh(true);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setHideFresh(false);
    proxy.setFilterText(QStringLiteral("regex"));
    QCOMPARE(proxy.rowCount(), 2);                       // regex and regex-syntax
    proxy.setFilterText(QStringLiteral("unicode-perl")); // a feature of regex and regex-syntax
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setFilterText(QStringLiteral("build-script"));
    QCOMPARE(proxy.rowCount(), 16); // compile + run of 8 build scripts
    proxy.setFilterText(QString());

    model.setAnalysis(analyse(loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"))));
    proxy.sort(UnitsTableModel::Duration, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, UnitsTableModel::Name).data().toString(), QStringLiteral("regex-syntax"));
    QCOMPARE(proxy.index(1, UnitsTableModel::Name).data().toString(), QStringLiteral("regex"));
    double previous = 1e9;
    for (int r = 0; r < proxy.rowCount(); ++r) {
        const double d = proxy.index(r, UnitsTableModel::Duration).data(UnitsTableModel::SortRole).toDouble();
        QVERIFY(d <= previous);
        previous = d;
    }
    // every numeric column sorts by the numbers SortRole gives, both ways
    for (int column :
         {UnitsTableModel::Start, UnitsTableModel::Duration, UnitsTableModel::Frontend,
          UnitsTableModel::Codegen, UnitsTableModel::Critical, UnitsTableModel::Slack, UnitsTableModel::Kind})
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            proxy.sort(column, order);
            for (int r = 1; r < proxy.rowCount(); ++r) {
                const double a = proxy.index(r - 1, column).data(UnitsTableModel::SortRole).toDouble();
                const double b = proxy.index(r, column).data(UnitsTableModel::SortRole).toDouble();
                QVERIFY2(order == Qt::AscendingOrder ? a <= b : a >= b,
                         qPrintable(QStringLiteral("column %1, row %2").arg(column).arg(r)));
            }
        }
    proxy.sort(UnitsTableModel::Critical, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, UnitsTableModel::Critical).data().toString(), QStringLiteral("yes"));
    QCOMPARE(proxy.index(1, UnitsTableModel::Critical).data().toString(), QStringLiteral("yes"));
    QCOMPARE(proxy.index(2, UnitsTableModel::Critical).data().toString(), QString());
    // ties keep the file's order: the units off the critical path follow in the order the file lists them
    for (int r = 3; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r - 1, 0).data(UnitsTableModel::UnitIndexRole).toInt() <
                proxy.index(r, 0).data(UnitsTableModel::UnitIndexRole).toInt());

    // a text column sorts without regard to case, both ways
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        proxy.sort(UnitsTableModel::Name, order);
        for (int r = 1; r < proxy.rowCount(); ++r) {
            const QString a = proxy.index(r - 1, UnitsTableModel::Name).data().toString().toCaseFolded();
            const QString b = proxy.index(r, UnitsTableModel::Name).data().toString().toCaseFolded();
            QVERIFY2(order == Qt::AscendingOrder ? a <= b : a >= b, qPrintable(a + QLatin1Char(' ') + b));
        }
    }
    // rows and units map both ways, and a row keeps showing its unit through a sort
    proxy.sort(UnitsTableModel::Duration, Qt::AscendingOrder);
    for (int r = 0; r < model.rowCount(); ++r) {
        const int unit = model.unitAt(r);
        QCOMPARE(model.rowOfUnit(unit), r);
        QCOMPARE(model.index(r, 0).data(UnitsTableModel::UnitIndexRole).toInt(), unit);
        QCOMPARE(model.index(r, UnitsTableModel::Name).data(ExportRole).toString(),
                 model.analysis()->run->units[std::size_t(unit)].name);
    }
    QCOMPARE(model.unitAt(-1), -1);
    QCOMPARE(model.rowOfUnit(model.rowCount()), -1);
    const QPersistentModelIndex slowest = proxy.index(proxy.rowCount() - 1, UnitsTableModel::Name);
    QCOMPARE(slowest.data().toString(), QStringLiteral("regex-syntax"));
    proxy.sort(UnitsTableModel::Duration, Qt::DescendingOrder);
    QCOMPARE(slowest.row(), 0);
    QCOMPARE(slowest.data().toString(), QStringLiteral("regex-syntax"));
    // the next run comes sorted the same way; with no sort column, rows are in file order
    model.setAnalysis(analyse(loadRun(QStringLiteral("timings/stable-1.95/release-clean.html"))));
    for (int r = 1; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r - 1, UnitsTableModel::Duration).data(UnitsTableModel::SortRole).toDouble() >=
                proxy.index(r, UnitsTableModel::Duration).data(UnitsTableModel::SortRole).toDouble());
    proxy.sort(-1);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.unitAt(r), r);
}

void TestModels::queryModel()
{
    QueryTableModel model;
    QueryFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Progress progress;
    const auto profile =
        importMmProfdata(dataPath(QStringLiteral("self-profile/fnv-0012953.mm_profdata")), progress);
    QVERIFY(profile);
    model.setProfile(profile.value());
    QCOMPARE(model.rowCount(), 375);
    QCOMPARE(model.index(0, QueryTableModel::Label).data().toString(),
             QStringLiteral("finish_ongoing_codegen"));
    QCOMPARE(model.index(0, QueryTableModel::SelfTime).data().toString(), QStringLiteral("2.795 ms"));
    QCOMPARE(model.index(0, QueryTableModel::SelfTime).data(QueryTableModel::SortRole).toLongLong(),
             2795282LL);
    QCOMPARE(model.index(0, QueryTableModel::SelfShare).data().toString(),
             QStringLiteral("13.05 %")); // 2795282 / 21423181
    QCOMPARE(model.rowOfLabel(QStringLiteral("typeck_root")) >= 0, true);
    proxy.setFilterText(QStringLiteral("typeck"));
    QVERIFY(proxy.rowCount() >= 1);
    for (int r = 0; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r, 0).data().toString().contains(QStringLiteral("typeck")));
    proxy.setFilterText(QString());
    proxy.sort(QueryTableModel::CacheHits, Qt::DescendingOrder);
    const qulonglong most =
        proxy.index(0, QueryTableModel::CacheHits).data(QueryTableModel::SortRole).toULongLong();
    for (int r = 1; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r, QueryTableModel::CacheHits).data(QueryTableModel::SortRole).toULongLong() <=
                most);
    for (int r = 0; r < model.rowCount(); ++r)
        for (int c = 0; c < model.columnCount(); ++c)
            model.data(model.index(r, c), Qt::DisplayRole);
    model.setProfile(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

// The English translation holds only the plural messages: each has a singular and a plural made from its
// source ("%n unit(s)" -> "%n unit" / "%n units"), and nothing else (a broken fill once put XML in them).
void TestModels::pluralMessagesReadAsEnglish()
{
    QFile ts(QStringLiteral(BUILDLENS_TEST_DATA "/../../translations/buildlens_en.ts"));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    QString source;
    QStringList forms;
    int messages = 0;
    const QRegularExpression marker(QStringLiteral("\\((s|es|ies)\\)"));
    const QRegularExpression count(QStringLiteral("%L?n")); // %Ln: with the locale's thousands separators
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            forms.clear();
        } else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
            forms << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            ++messages;
            QVERIFY2(source.contains(count), qPrintable(source));
            QCOMPARE(forms.size(), 2);
            for (const QString& form : forms) {
                QVERIFY2(!form.contains(QLatin1String("numerusform")) && !form.contains(marker),
                         qPrintable(form));
                QVERIFY2(form.contains(count), qPrintable(form));
            }
            QString singular = source, plural = source;
            singular.replace(QLatin1String("c(ies)"), QLatin1String("cy")).remove(marker);
            plural.replace(QLatin1String("c(ies)"), QLatin1String("cies"))
                .replace(QLatin1String("(s)"), QLatin1String("s"))
                .replace(QLatin1String("(es)"), QLatin1String("es"));
            QCOMPARE(forms[0], singular);
            QCOMPARE(forms[1], plural);
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages >= 20);
}

QTEST_GUILESS_MAIN(TestModels)
void TestModels::twinsAndModes()
{
    // a real build of one package twice, with other features for a build script (resolver 2)
    const auto run = loadRun(QStringLiteral("timings/twins/dev-clean.html"));
    QVERIFY(run);
    QStringList shared;
    for (const Unit& u : run->units)
        if (u.name == QLatin1String("shared"))
            shared << u.label();
    shared.sort();
    QCOMPARE(shared, (QStringList{QStringLiteral("shared v0.1.0 [fast]"),
                                  QStringLiteral("shared v0.1.0 [verbose]")}));
    // a unit without a twin keeps its plain label
    for (const Unit& u : run->units)
        if (u.name == QLatin1String("app"))
            QVERIFY2(u.twinTag.isEmpty(), qPrintable(u.label()));

    UnitsTableModel model;
    model.setAnalysis(analyse(run));
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r) {
        names << model.index(r, UnitsTableModel::Name).data().toString();
        // cargo's HTML writes "todo" for every compilation: the table says what it is, the tooltip what the
        // file says
        const QModelIndex mode = model.index(r, UnitsTableModel::Mode);
        QVERIFY2(mode.data().toString() != QLatin1String("todo"), qPrintable(mode.data().toString()));
        QVERIFY(mode.data(Qt::ToolTipRole).toString().contains(QLatin1String("\"todo\"")) ||
                mode.data(Qt::ToolTipRole).toString().contains(QLatin1String("run-custom-build")));
    }
    QVERIFY(names.contains(QStringLiteral("shared [fast]")) &&
            names.contains(QStringLiteral("shared [verbose]")));
    QCOMPARE(unitModeLabel(QStringLiteral("todo")), QStringLiteral("build"));
    QCOMPARE(unitModeLabel(QStringLiteral("run-custom-build")), QStringLiteral("run build script"));
    QCOMPARE(unitModeLabel(QStringLiteral("something-new")), QStringLiteral("something-new"));

    // twins with the same features (a release build's two ts-derive units) are numbered in order of start
    const auto release = loadRun(QStringLiteral("timings/stable-1.95/release-clean.html"));
    QVERIFY(release);
    std::vector<const Unit*> derive;
    for (const Unit& u : release->units)
        if (u.name == QLatin1String("ts-derive"))
            derive.push_back(&u);
    QCOMPARE(derive.size(), std::size_t(2));
    if (derive[0]->start > derive[1]->start)
        std::swap(derive[0], derive[1]);
    QCOMPARE(derive[0]->twinTag, QStringLiteral("#1"));
    QCOMPARE(derive[1]->twinTag, QStringLiteral("#2"));

    // long feature lists give the features that differ
    TimingsRun synthetic;
    Unit a;
    a.name = QStringLiteral("serde");
    a.version = QStringLiteral("1.0.0");
    a.features = {QStringLiteral("alloc"), QStringLiteral("default"), QStringLiteral("rc"),
                  QStringLiteral("std"), QStringLiteral("unstable-features")};
    Unit b = a;
    b.features << QStringLiteral("derive");
    synthetic.units = {a, b};
    tagTwinUnits(synthetic);
    QCOMPARE(synthetic.units[0].twinTag, QStringLiteral("[-derive]"));
    QCOMPARE(synthetic.units[1].twinTag, QStringLiteral("[+derive]"));
    Unit none = a;
    none.features.clear();
    synthetic.units = {a, none};
    tagTwinUnits(synthetic);
    QCOMPARE(synthetic.units[0].twinTag, QStringLiteral("[+alloc, +default, +rc, +std, +unstable-features]"));
    QCOMPARE(synthetic.units[1].twinTag, QStringLiteral("[no features]"));
}

void TestModels::runNames()
{
    // two "dev-clean.html" of different workspaces do not look alike
    QCOMPARE(timingsRunName(*loadRun(QStringLiteral("timings/stable-1.95/dev-clean.html"))),
             QStringLiteral("ts-app +2 · dev · 2026-11-24 07:06"));
    const QString twins = timingsRunName(*loadRun(QStringLiteral("timings/twins/dev-clean.html")));
    QVERIFY2(twins.startsWith(QStringLiteral("app +1 · dev · 2026-")), qPrintable(twins));
    QVERIFY(timingsRunName(*loadRun(QStringLiteral("timings/stable-1.95/dev-incremental.html")))
                .contains(QStringLiteral(" · incremental · ")));
    QVERIFY(timingsRunName(*loadRun(QStringLiteral("timings/repeated/release-clean-1.html")))
                .startsWith(QStringLiteral("ts-app · release · ")));
    // no Targets row: the package that finished last
    QVERIFY(timingsRunName(*loadRun(QStringLiteral("build-analysis/dev-clean.jsonl")))
                .startsWith(QStringLiteral("ts-app · ")));
    auto load = [](const QString& file) {
        Progress progress;
        const auto r = importAny(dataPath(file), progress, {});
        return r ? r.value() : nullptr;
    };
    QCOMPARE(selfProfileName(*load(QStringLiteral("self-profile/fnv-0012953.mm_profdata"))->profile),
             QStringLiteral("fnv · self-profile"));
    QCOMPARE(sizeReportName(*load(QStringLiteral("binary/textstat"))->size),
             QStringLiteral("textstat · size"));
    QVERIFY(sizeReportName(*load(QStringLiteral("binary/bloat.textstat.functions.json"))->size)
                .endsWith(QStringLiteral(" · cargo-bloat")));
    QVERIFY(depGraphName(*load(QStringLiteral("other/metadata.json"))->graph)
                .endsWith(QStringLiteral(" · metadata")));
}

#include "tst_models.moc"
