#pragma once
// The test workspace that the capture tests build with a real cargo, and how to see what a build left
// running.
#include "TestData.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace bl::test {

// Debian's cargo first: the tests give rustup no home, so its proxy has no toolchain.
inline QString cargo()
{
    const QString debian =
        QStandardPaths::findExecutable(QStringLiteral("cargo"), {QStringLiteral("/usr/bin")});
    return debian.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("cargo")) : debian;
}

// A fresh copy of the workspace, so that every test builds from clean.
inline QString copyWorkspace(const QTemporaryDir& dir)
{
    const QString from = dataPath(QStringLiteral("workspaces/capture"));
    const QString to = dir.filePath(QStringLiteral("ws"));
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + file.mid(from.size());
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(file, target);
    }
    return to;
}

// The environment of a build with `cargo`: its own rustc beside it (not a rustup proxy earlier in PATH).
inline QProcessEnvironment buildEnvironment(const QString& cargo)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString rustc = QFileInfo(cargo).dir().filePath(QStringLiteral("rustc"));
    if (QFileInfo::exists(rustc))
        env.insert(QStringLiteral("RUSTC"), rustc);
    return env;
}

// Processes that work in `path` or name it (cargo, rustc, build scripts of that workspace).
inline QStringList processesUnder(const QString& path)
{
    QStringList found;
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool number = false;
        pid.toInt(&number);
        if (!number || pid.toLongLong() == QCoreApplication::applicationPid())
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        const QByteArray c = cmdline.readAll().replace('\0', ' ');
        const QString cwd = QFileInfo(QStringLiteral("/proc/%1/cwd").arg(pid)).symLinkTarget();
        if (c.contains(path.toUtf8()) || cwd.startsWith(path))
            found << QStringLiteral("%1: %2").arg(pid, QString::fromUtf8(c));
    }
    return found;
}

} // namespace bl::test
