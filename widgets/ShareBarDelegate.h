#pragma once

#include <QStyledItemDelegate>

namespace bl {

// Draws a unit's duration with a bar for its share of the slowest unit, and marks critical-path rows.
class ShareBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace bl
