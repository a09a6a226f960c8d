#pragma once

#include <QEvent>
#include <QHelpEvent>
#include <QToolTip>
#include <QWidget>

namespace bl {

// Answers a viewport's ToolTip event with the text of the item under the pointer (`itemAt` gives -1 for
// none). True when the event was a tooltip request, which the caller then reports as handled.
template <typename ItemAt, typename TextOf>
bool showItemTooltip(QEvent* event, QWidget* viewport, ItemAt itemAt, TextOf textOf)
{
    if (event->type() != QEvent::ToolTip)
        return false;
    auto* help = static_cast<QHelpEvent*>(event);
    const int item = itemAt(help->pos());
    if (item >= 0)
        QToolTip::showText(help->globalPos(), textOf(item), viewport);
    else
        QToolTip::hideText();
    return true;
}

} // namespace bl
