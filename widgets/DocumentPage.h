#pragma once

#include "ViewExport.h"

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
    explicit DocumentPage(QWidget* parent = nullptr)
        : QWidget(parent)
    {
        connect(this, &DocumentPage::searchMatchesChanged, this, [this](int count, int current) {
            m_findCount = count;
            m_findCurrent = current;
        });
    }

    // The find text this page was given and what it last matched: each tab keeps its own, so that text typed
    // for one tab never dims another.
    void applyFindText(const QString& text)
    {
        m_findText = text;
        if (text.isEmpty())
            m_findCount = m_findCurrent = -1;
        setSearchText(text);
    }
    QString findText() const { return m_findText; }
    int findMatchCount() const { return m_findCount; } // -1: nothing searched yet
    int findCurrentMatch() const { return m_findCurrent; }

    virtual QString title() const = 0;
    virtual QString statusText() const = 0;
    virtual void setSearchText(const QString& text) = 0;
    virtual void nextMatch() = 0;
    virtual void previousMatch() = 0;
    virtual void fitToWindow() = 0;
    virtual void zoomBy(double factor) = 0;
    // The views this page can export (File › Export View…), the one in front first.
    virtual std::vector<ExportTarget> exportTargets() { return {}; }
    // The file the page shows (set by the window when it opens it).
    QString sourcePath() const { return property("sourcePath").toString(); }

signals:
    void searchMatchesChanged(int count, int current);
    // A crate was double-clicked (a unit, a graph node, a binary's crate): the window opens its crate page.
    void crateRequested(const QString& name);

private:
    QString m_findText;
    int m_findCount = -1;
    int m_findCurrent = -1;

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
