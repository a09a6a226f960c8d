#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <cstdio>
#include <string>

namespace bl::cli {

// How every subcommand writes: UTF-8, flushed at once so that output and messages interleave as written.
inline void write(std::FILE* stream, const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
    std::fflush(stream);
}

inline void printOut(const QString& text)
{
    write(stdout, text.toUtf8());
}

inline void printOut(const std::string& text)
{
    write(stdout, QByteArray::fromStdString(text));
}

inline void printErr(const QString& text)
{
    write(stderr, text.toUtf8());
}

// A message naming the input and what is wrong with it; exit status 1 (or `status`).
inline int failed(const QString& message, int status = 1)
{
    printErr(QStringLiteral("buildlens: %1\n").arg(message));
    return status;
}

// Wrong usage: the message and a pointer to --help; exit status 2.
inline int usageError(const QString& message)
{
    printErr(QStringLiteral("buildlens: %1\n%2")
                 .arg(message, QCoreApplication::translate("bl", "Try `buildlens --help`.\n")));
    return 2;
}

} // namespace bl::cli
