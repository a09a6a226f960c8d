#include "ShareBarDelegate.h"

#include "KindColors.h"

#include <QPainter>

#include <algorithm>

namespace bl {

ShareBarDelegate::ShareBarDelegate(QObject* parent, int shareRole, int kindRole)
    : QStyledItemDelegate(parent)
    , m_shareRole(shareRole)
    , m_kindRole(kindRole)
{
}

void ShareBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    const double share = std::clamp(index.data(m_shareRole).toDouble(), 0.0, 1.0);
    if (share > 0) {
        painter->save();
        QColor c = m_kindRole >= 0
                       ? kindColor(static_cast<UnitKind>(index.data(m_kindRole).toInt()), option.palette)
                       : option.palette.color(QPalette::Highlight);
        c.setAlpha(isDarkPalette(option.palette) ? 110 : 90);
        const QRect r = option.rect.adjusted(2, 3, -2, -3);
        painter->fillRect(QRect(r.left(), r.top(), static_cast<int>(r.width() * share), r.height()), c);
        painter->restore();
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace bl
