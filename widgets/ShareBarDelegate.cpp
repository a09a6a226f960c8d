#include "ShareBarDelegate.h"

#include "KindColors.h"
#include "itemmodels/UnitsTableModel.h"

#include <QPainter>

namespace bl {

void ShareBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    const double share = index.data(UnitsTableModel::ShareRole).toDouble();
    if (share > 0) {
        painter->save();
        const auto kind = static_cast<UnitKind>(index.data(UnitsTableModel::KindRole).toInt());
        QColor c = kindColor(kind, option.palette);
        c.setAlpha(isDarkPalette(option.palette) ? 110 : 90);
        const QRect r = option.rect.adjusted(2, 3, -2, -3);
        painter->fillRect(QRect(r.left(), r.top(), static_cast<int>(r.width() * share), r.height()), c);
        painter->restore();
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace bl
