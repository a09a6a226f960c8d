#pragma once

#include <QPoint>

class QAbstractScrollArea;
class QMouseEvent;
class QWheelEvent;

namespace bl {

// Drag-to-pan and Shift+wheel panning for the time-based scroll areas (the crate timeline and the profile's
// thread timeline): a press starts a possible drag, a move of more than a few pixels turns it into panning,
// and a release that was not a drag is a click.
class DragPan
{
public:
    // A left or middle press: remember where. True when the event was taken.
    bool press(QMouseEvent* event);
    // Pans `area` while dragging; sets the closed-hand cursor when a drag starts.
    void move(QMouseEvent* event, QAbstractScrollArea* area);
    // Ends the gesture; true when it was a click rather than a drag.
    bool release(QAbstractScrollArea* area);
    bool dragging() const { return m_dragging; }

    // Shift+wheel scrolls the time axis. True when the event was taken.
    static bool shiftWheel(QWheelEvent* event, QAbstractScrollArea* area);

private:
    QPoint m_pressPos;
    QPoint m_last;
    bool m_dragging = false;
};

} // namespace bl
