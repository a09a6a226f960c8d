// How long the window's event loop stalls while a big input opens: a 50,000-unit timings report (the sample
// repeated, SyntheticTimings.h) or any FILE given as the first argument (BUILDLENS_BENCH_FILE). A 2 ms timer
// records the longest gap between its ticks from the moment the file is opened until the page is on screen
// and idle, and the process's peak memory. Not run by ctest (figures go into issue notes).
//
// BUILDLENS_BENCH_CANCEL_MS=N cancels the import N ms after it starts, as the status bar's Cancel button
// does, and prints how long the import took to stop.
//
// usage: QT_QPA_PLATFORM=offscreen bench_responsiveness [FILE] [UNITS]
#include "../TestData.h"
#include "ImportController.h"
#include "MainWindow.h"
#include "SyntheticTimings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <sys/resource.h>

using namespace bl;

namespace {

long peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QString file = argc > 1 ? QString::fromLocal8Bit(argv[1]) : qEnvironmentVariable("BUILDLENS_BENCH_FILE");
    QTemporaryDir dir;
    if (file.isEmpty() || file.toInt() > 0) {
        const int units = file.toInt() > 0 ? file.toInt() : (argc > 2 ? atoi(argv[2]) : 50000);
        QFile in(test::dataPath(QStringLiteral("timings/stable-1.95/dev-clean.html")));
        if (!in.open(QIODevice::ReadOnly))
            return 1;
        const QByteArray html = bench::repeatReport(in.readAll(), std::max(1, units / 40));
        // BUILDLENS_BENCH_KEEP=PATH keeps the report there (to look at it in the window)
        file = qEnvironmentVariable("BUILDLENS_BENCH_KEEP", dir.filePath(QStringLiteral("report.html")));
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly))
            return 1;
        out.write(html);
        out.close();
        std::printf("synthetic report: %d units, %.1f MB\n", std::max(1, units / 40) * 40, html.size() / 1e6);
    }

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QElapsedTimer clock;
    qint64 last = 0, worst = 0, worstAt = 0;
    QTimer tick;
    tick.setInterval(2);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        if (now - last > worst) {
            worst = now - last;
            worstAt = now;
        }
        last = now;
    });
    bool done = false;
    qint64 importedAt = -1;
    QObject::connect(window.importer(), &ImportController::imported, [&] { importedAt = clock.elapsed(); });
    qint64 cancelledAt = -1;
    QObject::connect(window.importer(), &ImportController::failed,
                     [&](const QString&, const QString& why, bool cancelled) {
                         if (cancelled && cancelledAt >= 0)
                             std::printf("cancelled after %lld ms; the import stopped %lld ms later\n",
                                         qlonglong(cancelledAt), qlonglong(clock.elapsed() - cancelledAt));
                         else
                             std::printf("failed: %s\n", qPrintable(why));
                         done = true;
                     });
    if (const int after = qEnvironmentVariableIntValue("BUILDLENS_BENCH_CANCEL_MS"); after > 0)
        QTimer::singleShot(after, [&] {
            cancelledAt = clock.elapsed();
            window.importer()->cancel();
        });
    clock.start();
    tick.start();
    window.openFile(file);
    // until the page is up and a second has passed without work
    QElapsedTimer wall;
    wall.start();
    while (!done && wall.elapsed() < 600000) {
        app.processEvents(QEventLoop::AllEvents, 50);
        if (importedAt >= 0 && clock.elapsed() > importedAt + 1000)
            done = true;
    }
    std::printf("opened in %lld ms; longest event-loop stall %lld ms (at %lld ms); peak RSS %ld MB\n",
                qlonglong(importedAt), qlonglong(worst), qlonglong(worstAt), peakRssMb());
    return importedAt >= 0 ? 0 : 1;
}
