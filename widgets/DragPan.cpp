#include "DragPan.h"

#include <QAbstractScrollArea>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace bl {

bool DragPan::press(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton)
        return false;
    m_pressPos = event->pos();
    m_last = event->pos();
    m_dragging = false;
    event->accept();
    return true;
}

void DragPan::move(QMouseEvent* event, QAbstractScrollArea* area)
{
    if (!(event->buttons() & (Qt::LeftButton | Qt::MiddleButton)))
        return;
    if (!m_dragging && (event->pos() - m_pressPos).manhattanLength() > 4) {
        m_dragging = true;
        area->viewport()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_dragging) {
        const QPoint d = event->pos() - m_last;
        area->horizontalScrollBar()->setValue(area->horizontalScrollBar()->value() - d.x());
        area->verticalScrollBar()->setValue(area->verticalScrollBar()->value() - d.y());
        m_last = event->pos();
    }
}

bool DragPan::release(QAbstractScrollArea* area)
{
    const bool click = !m_dragging;
    m_dragging = false;
    area->viewport()->unsetCursor();
    return click;
}

bool DragPan::shiftWheel(QWheelEvent* event, QAbstractScrollArea* area)
{
    if (!(event->modifiers() & Qt::ShiftModifier))
        return false;
    const QPoint delta = event->angleDelta();
    QScrollBar* h = area->horizontalScrollBar();
    h->setValue(h->value() - (delta.y() != 0 ? delta.y() : delta.x()));
    event->accept();
    return true;
}

} // namespace bl
