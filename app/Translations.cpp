#include "Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace bl {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BuildLens"));
    QCoreApplication::setApplicationName(QStringLiteral("BuildLens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BUILDLENS_VERSION));
}

void installTranslations(QCoreApplication& app)
{
    auto* translator = new QTranslator(&app);
    const QLocale locale;
    const bool localised =
        locale.language() != QLocale::C &&
        translator->load(locale, QStringLiteral("buildlens"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (localised || translator->load(QStringLiteral(":/i18n/buildlens_en.qm")))
        QCoreApplication::installTranslator(translator);
}

} // namespace bl
