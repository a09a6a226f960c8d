#include "ImportUtil.h"

#include <algorithm>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace bl::detail {

bool isRegularFile(const QString& path, QString* why)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        if (why)
            *why = errno == ENOENT ? QCoreApplication::translate("bl", "the file does not exist")
                                   : QCoreApplication::translate("bl", "cannot be read: %1")
                                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (S_ISREG(st.st_mode))
        return true;
    if (why)
        *why = S_ISDIR(st.st_mode)    ? QCoreApplication::translate("bl", "this is a directory, not a file")
               : S_ISFIFO(st.st_mode) ? QCoreApplication::translate("bl", "this is a pipe, not a file")
               : S_ISSOCK(st.st_mode) ? QCoreApplication::translate("bl", "this is a socket, not a file")
                                      : QCoreApplication::translate("bl", "this is a device, not a file");
    return false;
}

std::optional<QByteArray> readWholeFile(const QString& path, qint64 maxBytes, ImportError& error)
{
    error.file = path;
    if (QString why; !isRegularFile(path, &why)) {
        error.message = why;
        return std::nullopt;
    }
    const QFileInfo info(path);
    auto tooLarge = [&](qint64 size) {
        error.message =
            QCoreApplication::translate(
                "bl", "the file is %1 MB, more than the %2 MB this kind of file can reasonably be")
                .arg(size / (1024 * 1024))
                .arg(maxBytes / (1024 * 1024));
        return std::nullopt;
    };
    if (info.size() > maxBytes)
        return tooLarge(info.size());
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error.message = QCoreApplication::translate("bl", "cannot be read: %1").arg(f.errorString());
        return std::nullopt;
    }
    // Read up to one byte more than allowed (which tells a file that grew past the limit from one exactly at
    // it): QIODevice::read(limit) would reserve the whole limit, 1.5 GB for every file. First the size the
    // file system gives plus one byte, which finds the end without growing the buffer; then, for a file that
    // turns out longer or has no size (a device), chunks that double.
    QByteArray data;
    data.reserve(std::max<qint64>(info.size(), 0) + 1);
    qint64 chunk = qint64(1) << 16;
    while (data.size() <= maxBytes) {
        const qint64 have = data.size();
        const qint64 expected = info.size() + 1 - have;
        const qint64 want = std::min(expected > 0 ? expected : chunk, maxBytes + 1 - have);
        data.resize(have + want);
        const qint64 got = f.read(data.data() + have, want);
        if (got < 0) {
            error.message = QCoreApplication::translate("bl", "reading failed: %1").arg(f.errorString());
            return std::nullopt;
        }
        data.resize(have + got);
        if (got == 0)
            break;
        if (expected <= 0)
            chunk = std::min(chunk * 2, qint64(64) << 20);
    }
    if (data.size() > maxBytes)
        return tooLarge(data.size());
    return data;
}

PackageRef parsePackageId(const QString& id)
{
    PackageRef ref;
    const qsizetype hash = id.lastIndexOf(QLatin1Char('#'));
    if (hash >= 0 && id.contains(QLatin1Char('+'))) {
        // package-id spec: <kind>+<url>#<name>@<version>, or #<version> when the name ends the URL path
        const QString frag = id.mid(hash + 1);
        const qsizetype at = frag.indexOf(QLatin1Char('@'));
        if (at >= 0) {
            ref.name = frag.left(at);
            ref.version = frag.mid(at + 1);
        } else {
            ref.version = frag;
            QString url = id.left(hash);
            const qsizetype q = url.indexOf(QLatin1Char('?'));
            if (q >= 0)
                url = url.left(q);
            while (url.endsWith(QLatin1Char('/')))
                url.chop(1);
            ref.name = url.mid(url.lastIndexOf(QLatin1Char('/')) + 1);
            if (ref.name.endsWith(QLatin1String(".git")))
                ref.name.chop(4);
        }
        return ref;
    }
    // old form: "name version (source)"
    const QStringList parts = id.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!parts.isEmpty())
        ref.name = parts.value(0);
    if (parts.size() > 1)
        ref.version = parts.value(1);
    return ref;
}

namespace {

bool isKindWord(const QString& w)
{
    static const QStringList words = {QStringLiteral("lib"),     QStringLiteral("bin"),
                                      QStringLiteral("test"),    QStringLiteral("bench"),
                                      QStringLiteral("example"), QStringLiteral("proc-macro"),
                                      QStringLiteral("rlib"),    QStringLiteral("dylib"),
                                      QStringLiteral("cdylib"),  QStringLiteral("staticlib")};
    return words.contains(w);
}

UnitKind kindFromWord(const QString& w)
{
    if (w == QLatin1String("bin"))
        return UnitKind::Bin;
    if (w == QLatin1String("test"))
        return UnitKind::Test;
    if (w == QLatin1String("bench"))
        return UnitKind::Bench;
    if (w == QLatin1String("example"))
        return UnitKind::Example;
    if (w == QLatin1String("proc-macro"))
        return UnitKind::ProcMacro;
    return UnitKind::Lib;
}

} // namespace

void classifyHtmlTarget(const QString& target, UnitKind& kind, QString& targetName)
{
    targetName.clear();
    QString t = target.trimmed();
    if (t.isEmpty() || t == QLatin1String("lib")) {
        kind = UnitKind::Lib;
        return;
    }
    if (t == QLatin1String("build-script") || t == QLatin1String("build script")) {
        kind = UnitKind::BuildScript;
        return;
    }
    if (t == QLatin1String("build-script (run)") || t == QLatin1String("build script (run)")) {
        kind = UnitKind::BuildScriptRun;
        return;
    }
    // ` textstat "bin"` (cargo 1.94+), ` bin "textstat"` (before), ` "test"` (a library's tests)
    static const QRegularExpression re(QStringLiteral(R"re(^(\S+)?\s*"([^"]*)"(.*)$)re"));
    const QRegularExpressionMatch m = re.match(t);
    if (m.hasMatch()) {
        const QString a = m.captured(1);
        const QString b = m.captured(2);
        if (isKindWord(b) && !isKindWord(a)) {
            kind = kindFromWord(b);
            targetName = a;
            return;
        }
        if (isKindWord(a)) {
            kind = kindFromWord(a);
            targetName = b;
            return;
        }
    }
    kind = UnitKind::Other;
    targetName = t;
}

UnitKind kindFromCargoTarget(const QString& targetKind, const QString& mode)
{
    if (targetKind == QLatin1String("build-script") || targetKind == QLatin1String("custom-build"))
        return mode == QLatin1String("run-custom-build") ? UnitKind::BuildScriptRun : UnitKind::BuildScript;
    if (mode == QLatin1String("run-custom-build"))
        return UnitKind::BuildScriptRun;
    if (mode == QLatin1String("test") && targetKind == QLatin1String("lib"))
        return UnitKind::Test;
    if (isKindWord(targetKind))
        return kindFromWord(targetKind);
    return UnitKind::Other;
}

QString htmlTargetText(UnitKind kind, const QString& targetName)
{
    switch (kind) {
    case UnitKind::Lib:
    case UnitKind::ProcMacro:
        return QString();
    case UnitKind::BuildScript:
        return QStringLiteral(" build-script");
    case UnitKind::BuildScriptRun:
        return QStringLiteral(" build-script (run)");
    case UnitKind::Other:
        return QLatin1Char(' ') + targetName;
    default:
        break;
    }
    return QStringLiteral(" %1 \"%2\"").arg(targetName, unitKindKey(kind));
}

void inferProcMacros(TimingsRun& run)
{
    bool anyLibWithRmeta = false;
    for (const Unit& u : run.units)
        if (u.kind == UnitKind::Lib && u.rmetaTime)
            anyLibWithRmeta = true;
    if (!anyLibWithRmeta)
        return; // nothing to tell them apart by
    for (Unit& u : run.units)
        if (u.kind == UnitKind::Lib && !u.rmetaTime && !u.fresh && u.duration > 0)
            u.kind = UnitKind::ProcMacro;
}

qint64 lineOfOffset(const QByteArray& data, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, data.size());
    return 1 + std::count(data.constBegin(), data.constBegin() + offset, '\n');
}

} // namespace bl::detail
