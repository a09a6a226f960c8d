#pragma once

#include "DocumentPage.h"
#include "report/CrateReport.h"

class QTextBrowser;

namespace bl {

// One crate across everything open: its units in each build, its self-profiles, its bytes in binaries, its
// cargo-llvm-lines and its place in the dependency graph (crateReport()). Each section names the file it came
// from and links to the tab that shows it whole.
class CratePage : public DocumentPage
{
    Q_OBJECT
public:
    explicit CratePage(QWidget* parent = nullptr);

    // `titles` maps a section's file to the title of the tab showing it.
    void setReport(const CrateReport& report, const QHash<QString, QString>& titles = {});
    const CrateReport& report() const { return m_report; }
    QString html() const;

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override;
    void previousMatch() override;
    void fitToWindow() override {}
    void zoomBy(double factor) override;

signals:
    // A section's link: show `file` in its own tab, with `item` (a unit's label) selected where it applies.
    void openRequested(const QString& file, const QString& item);

private:
    CrateReport m_report;
    QLabel* m_header;
    QTextBrowser* m_body;
};

} // namespace bl
