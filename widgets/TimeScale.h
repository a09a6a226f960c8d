#pragma once

#include <QObject>

#include <cmath>

namespace bl {

// The time axis shared by the timeline and the charts under it: which seconds are visible and where they are
// drawn, in the x coordinates both widgets share (they sit one above the other with the same width).
class TimeScale : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    double visibleStart() const { return m_start; }
    double visibleEnd() const { return m_end; }
    int dataLeft() const { return m_left; }        // x of visibleStart
    int dataRight() const { return m_right; }      // x of visibleEnd
    double cursorTime() const { return m_cursor; } // NaN when the mouse is elsewhere

    void setWindow(double start, double end, int left, int right)
    {
        if (start == m_start && end == m_end && left == m_left && right == m_right)
            return;
        m_start = start;
        m_end = end;
        m_left = left;
        m_right = right;
        emit windowChanged();
    }
    void setCursorTime(double t)
    {
        if ((std::isnan(t) && std::isnan(m_cursor)) || t == m_cursor)
            return;
        m_cursor = t;
        emit cursorChanged(t);
    }

signals:
    void windowChanged();
    void cursorChanged(double t);

private:
    double m_start = 0;
    double m_end = 1;
    int m_left = 0;
    int m_right = 1;
    double m_cursor = std::nan("");
};

} // namespace bl
