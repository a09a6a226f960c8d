#pragma once

#include <QLabel>
#include <QWidget>

class QPaintDevice;

namespace bl {

// One open document in the main window: a timings run, a profile or a set of profiles. The window's toolbar
// (find, fit, zoom) talks to whichever page is current through this interface.
class DocumentPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual QString title() const = 0;
    virtual QString statusText() const = 0;
    virtual void setSearchText(const QString& text) = 0;
    virtual void nextMatch() = 0;
    virtual void previousMatch() = 0;
    virtual void fitToWindow() = 0;
    virtual void zoomBy(double factor) = 0;

signals:
    void searchMatchesChanged(int count, int current);

protected:
    // The one-line rich-text description above a page's views (file, figures, the importer's notes).
    static QLabel* makeHeader()
    {
        auto* header = new QLabel;
        header->setTextFormat(Qt::RichText);
        header->setWordWrap(true);
        header->setContentsMargins(6, 4, 6, 4);
        return header;
    }
};

} // namespace bl
