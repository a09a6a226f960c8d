#include "KindColors.h"

namespace bl {

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor kindColor(UnitKind kind, const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    // Colour-blind-safe hues (Okabe-Ito), softened for the light theme's white background.
    switch (kind) {
    case UnitKind::Lib:
        return dark ? QColor(0x56, 0xa7, 0xe0) : QColor(0x4a, 0x90, 0xc8);
    case UnitKind::ProcMacro:
        return dark ? QColor(0xd0, 0x8c, 0xc4) : QColor(0xb7, 0x6f, 0xa8);
    case UnitKind::BuildScript:
        return dark ? QColor(0xf0, 0xb2, 0x4a) : QColor(0xe6, 0x9f, 0x00);
    case UnitKind::BuildScriptRun:
        return dark ? QColor(0xf2, 0xe0, 0x6a) : QColor(0xd4, 0xc2, 0x2c);
    case UnitKind::Bin:
        return dark ? QColor(0x3c, 0xc0, 0x9a) : QColor(0x00, 0x9e, 0x73);
    case UnitKind::Test:
        return dark ? QColor(0xe8, 0x7d, 0x3e) : QColor(0xd5, 0x5e, 0x00);
    case UnitKind::Bench:
        return dark ? QColor(0x9d, 0x8b, 0xe0) : QColor(0x7a, 0x68, 0xc0);
    case UnitKind::Example:
        return dark ? QColor(0x8d, 0xc6, 0xe8) : QColor(0x56, 0xb4, 0xe9);
    case UnitKind::Other:
        break;
    }
    return dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x88, 0x88, 0x88);
}

QColor codegenShade(const QColor& base, const QPalette& palette)
{
    return isDarkPalette(palette) ? base.darker(140) : base.darker(135);
}

QColor criticalPathColor(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
}

QColor searchMatchColor(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(0x8a, 0x72, 0x00) : QColor(0xff, 0xe0, 0x66);
}

} // namespace bl
