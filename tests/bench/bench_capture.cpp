// The cost of capturing: the test workspace built clean by cargo alone and by `buildlens capture`,
// alternating, five of each (`cargo clean` before every build). Prints both means and the overhead. Run by
// hand.
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <vector>

namespace {

double run(const QString& program, const QStringList& args, const QString& dir,
           const QProcessEnvironment& env)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        qFatal("%s failed", qPrintable(program));
    return double(t.nsecsElapsed()) / 1e9;
}

void stats(const char* what, const std::vector<double>& v, double& mean)
{
    mean = 0;
    for (double x : v)
        mean += x;
    mean /= double(v.size());
    double sd = 0;
    for (double x : v)
        sd += (x - mean) * (x - mean);
    sd = std::sqrt(sd / double(v.size() - 1));
    std::printf("%-22s %.3f s ± %.3f s  (", what, mean, sd);
    for (double x : v)
        std::printf(" %.3f", x);
    std::printf(" )\n");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
    QString cargo = QStandardPaths::findExecutable(QStringLiteral("cargo"), {QStringLiteral("/usr/bin")});
    if (cargo.isEmpty())
        cargo = QStandardPaths::findExecutable(QStringLiteral("cargo"));
    QTemporaryDir dir;
    const QString from = QStringLiteral(BUILDLENS_TEST_DATA "/workspaces/capture");
    const QString ws = dir.filePath(QStringLiteral("ws"));
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        QDir().mkpath(QFileInfo(ws + f.mid(from.size())).absolutePath());
        QFile::copy(f, ws + f.mid(from.size()));
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString rustc = QFileInfo(cargo).dir().filePath(QStringLiteral("rustc"));
    if (QFileInfo::exists(rustc))
        env.insert(QStringLiteral("RUSTC"), rustc);
    const QString db = dir.filePath(QStringLiteral("runs.sqlite"));
    // the same cargo arguments both ways: capture adds --timings and JSON messages, so the plain build gets
    // them
    const QStringList cargoArgs = {QStringLiteral("build"), QStringLiteral("--timings"),
                                   QStringLiteral("--message-format=json-render-diagnostics")};
    std::vector<double> plain, captured;
    run(cargo, {QStringLiteral("build")}, ws, env); // warm the file cache
    for (int i = 0; i < runs; ++i) {
        run(cargo, {QStringLiteral("clean")}, ws, env);
        plain.push_back(run(cargo, cargoArgs, ws, env));
        run(cargo, {QStringLiteral("clean")}, ws, env);
        captured.push_back(run(
            QStringLiteral(BUILDLENS_EXE),
            QStringList{QStringLiteral("capture"), QStringLiteral("--db"), db, QStringLiteral("--"), cargo} +
                cargoArgs,
            ws, env));
    }
    double a = 0, b = 0;
    stats("cargo alone", plain, a);
    stats("buildlens capture", captured, b);
    std::printf("overhead %+.1f %% (%+.3f s)\n", 100.0 * (b - a) / a, b - a);
    return 0;
}
