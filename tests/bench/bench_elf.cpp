// Benchmarks (QBENCHMARK; not run by ctest): the ELF size analysis in process, on the bundled sample with its
// build's rlib indexes and toolchain rlibs, and on any binary named by BUILDLENS_BENCH_BINARY (a 4-6 MB Rust
// binary such as rustup's rustfmt, with the toolchain found from its .comment). tests/bench/compare-nm.sh
// compares whole processes with `nm -S --size-sort -C`.
#include "import/SizeImporters.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTest>

using namespace bl;

class BenchElf : public QObject
{
    Q_OBJECT

private slots:
    void sample();
    void alone();
    void external();
};

void BenchElf::sample()
{
    const QByteArray previous = qgetenv("BUILDLENS_RUST_SYSROOT");
    qputenv("BUILDLENS_RUST_SYSROOT", BUILDLENS_TEST_DATA "/binary/sysroot");
    const QString file = QStringLiteral(BUILDLENS_TEST_DATA "/binary/textstat");
    std::size_t functions = 0;
    QBENCHMARK
    {
        Progress progress;
        const auto r = importElf(file, progress);
        QVERIFY(r);
        functions = r.value()->functions.size();
    }
    qInfo("%s: %zu functions", qPrintable(file), functions);
    qputenv("BUILDLENS_RUST_SYSROOT", previous);
}

// The second sample without its rlibs: the rlib indexes rebuilt from the symbols' visibility and layout.
void BenchElf::alone()
{
    const QString file = QStringLiteral(BUILDLENS_TEST_DATA "/binary/objscan/objscan");
    QString attribution;
    QBENCHMARK
    {
        Progress progress;
        const auto r = importElf(file, progress);
        QVERIFY(r);
        attribution = r.value()->attribution;
    }
    qInfo("%s: attribution %s", qPrintable(file), qPrintable(attribution));
}

void BenchElf::external()
{
    const QString file = qEnvironmentVariable("BUILDLENS_BENCH_BINARY");
    if (file.isEmpty())
        QSKIP("set BUILDLENS_BENCH_BINARY to a Rust binary");
    std::size_t functions = 0;
    QString sysroot;
    QBENCHMARK
    {
        Progress progress;
        const auto r = importElf(file, progress);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        functions = r.value()->functions.size();
        sysroot = r.value()->sysroot;
    }
    qInfo("%s: %lld bytes, %zu functions, toolchain rlibs: %s", qPrintable(file), QFileInfo(file).size(),
          functions, sysroot.isEmpty() ? "none" : qPrintable(sysroot));
}

QTEST_GUILESS_MAIN(BenchElf)
#include "bench_elf.moc"
