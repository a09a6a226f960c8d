#include "KindColors.h"

#include <cmath>
#include <cstdint>

namespace bl {

namespace {

// WCAG 2 relative luminance, 0 for black to 1 for white
double relativeLuminance(const QColor& c)
{
    auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

} // namespace

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

QColor profileLabelColor(QStringView label, const QPalette& palette)
{
    // FNV-1a over the UTF-16 code units: qHash is seeded per process, and the colour must not change between
    // runs.
    std::uint32_t h = 2166136261u;
    for (QChar c : label) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    h ^= h >> 15; // FNV's low bits mix poorly for short strings that differ in their last character
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    // Warm hues only (red to amber), with lightness and saturation varied too so that neighbours differ.
    const int hue = static_cast<int>(h % 46);
    const int satStep = static_cast<int>((h >> 8) % 4);
    const int lightStep = static_cast<int>((h >> 16) % 4);
    // Ambers look much brighter than reds of the same HSL lightness: walk the lightness until the label on
    // top keeps a WCAG contrast of 4.5:1 or better (dark text in the light theme, light text in the dark
    // one).
    if (isDarkPalette(palette)) {
        // deep ambers turn olive: the dark theme stops a little short of them
        const int darkHue = hue * 38 / 45;
        QColor c = QColor::fromHsl(darkHue, 120 + 22 * satStep, 84 + 8 * lightStep);
        while (relativeLuminance(c) > 0.14 && c.lightness() > 40)
            c = QColor::fromHsl(darkHue, c.hslSaturation(), c.lightness() - 3);
        return c;
    }
    QColor c = QColor::fromHsl(hue, 170 + 20 * satStep, 158 + 9 * lightStep);
    while (relativeLuminance(c) < 0.30 && c.lightness() < 220)
        c = QColor::fromHsl(hue, c.hslSaturation(), c.lightness() + 3);
    return c;
}

QColor profileAggregateColor(const QPalette& palette)
{
    // a warm grey: part of the flame, but clearly not one label's colour
    return isDarkPalette(palette) ? QColor(0x52, 0x4c, 0x48) : QColor(0xd6, 0xce, 0xc6);
}

QColor textColorOn(const QColor& fill)
{
    // whichever of the two gives the higher WCAG contrast
    static const QColor dark(0x1a, 0x1a, 0x1a);
    static const QColor light(0xf2, 0xf2, 0xf2);
    const double y = relativeLuminance(fill);
    const double onDark = (relativeLuminance(light) + 0.05) / (y + 0.05);
    const double onLight = (y + 0.05) / (relativeLuminance(dark) + 0.05);
    return onLight >= onDark ? dark : light;
}

QColor blendColors(const QColor& from, const QColor& to, double t)
{
    auto mix = [t](int a, int b) {
        return static_cast<int>(a + (b - a) * t + 0.5);
    };
    return QColor(mix(from.red(), to.red()), mix(from.green(), to.green()), mix(from.blue(), to.blue()),
                  mix(from.alpha(), to.alpha()));
}

} // namespace bl
