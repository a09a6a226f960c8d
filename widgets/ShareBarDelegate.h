#pragma once

#include <QStyledItemDelegate>

namespace bl {

// Draws a cell's text over a bar for its share (a double 0..1 under `shareRole`), coloured by unit kind when
// the model gives one under `kindRole`, else in the palette's highlight colour.
class ShareBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ShareBarDelegate(QObject* parent, int shareRole, int kindRole = -1);
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

private:
    int m_shareRole;
    int m_kindRole;
};

} // namespace bl
