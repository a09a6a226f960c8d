#include "RunNames.h"

#include "../core/Tr.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace bl {

namespace {

// The package the build was for: the first of the report's targets ("ts-app 0.1.0 (bin ...)"), "+N" for more
QString buildSubject(const TimingsRun& run)
{
    QStringList packages;
    for (const QString& target : run.targets.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
        const QString package = target.trimmed().section(QLatin1Char(' '), 0, 0);
        if (!package.isEmpty() && !packages.contains(package))
            packages << package;
    }
    if (!packages.isEmpty())
        return packages.size() == 1
                   ? packages.first()
                   : tr("%1 +%2").arg(packages.first(), QString::number(packages.size() - 1));
    // no Targets row (build-analysis logs, timing-info lines): the unit that finished last is the top of the
    // build
    const Unit* last = nullptr;
    for (const Unit& u : run.units)
        if (!last || u.end() > last->end())
            last = &u;
    return last ? last->name : QFileInfo(run.file).completeBaseName();
}

QString when(const QString& rfc3339)
{
    const QDateTime t = QDateTime::fromString(rfc3339, Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm")) : QString();
}

} // namespace

QString timingsRunName(const TimingsRun& run)
{
    QStringList parts{buildSubject(run)};
    if (!run.profile.isEmpty())
        parts << run.profile;
    int fresh = 0;
    for (const Unit& u : run.units)
        fresh += u.fresh ? 1 : 0;
    if (fresh > 0)
        parts << tr("incremental");
    const QString date = when(run.buildStart);
    parts << (date.isEmpty() ? QFileInfo(run.file).fileName() : date);
    return parts.join(QStringLiteral(" · "));
}

QString selfProfileName(const SelfProfile& profile)
{
    if (profile.crate.isEmpty())
        return QFileInfo(profile.file).fileName();
    return tr("%1 · self-profile").arg(profile.crate);
}

QString sizeReportName(const SizeReport& report)
{
    QString name = QFileInfo(report.file).fileName();
    // cargo-bloat / llvm-lines outputs are named by whoever saved them; strip the usual extensions
    if (report.source != QLatin1String("elf"))
        name = QFileInfo(report.file).completeBaseName();
    if (report.source == QLatin1String("cargo-bloat"))
        return tr("%1 · cargo-bloat").arg(name);
    if (report.isLlvmLines())
        return tr("%1 · llvm-lines").arg(name);
    return tr("%1 · size").arg(name);
}

QString depGraphName(const DepGraph& graph)
{
    QStringList members;
    for (int m : graph.members)
        if (m >= 0 && m < int(graph.packages.size()))
            members << graph.packages[static_cast<std::size_t>(m)].name;
    std::sort(members.begin(), members.end());
    QString subject = QDir(graph.workspaceRoot).dirName();
    if (subject.isEmpty() || subject == QLatin1String("."))
        subject = members.value(0, QFileInfo(graph.file).completeBaseName());
    return tr("%1 · metadata").arg(subject);
}

} // namespace bl
