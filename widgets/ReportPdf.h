#pragma once

#include "ViewExport.h"

#include <QString>

#include <functional>
#include <vector>

namespace bl {

// A part of a report: rich text, or a chart drawn by its view's own painting.
struct ReportPart
{
    QString html;
    std::function<Figure()> figure; // set for a chart
    QString caption;
};

// Writes the parts as a paginated A4 PDF: text through Qt's text engine, charts as vectors between the
// paragraphs (a chart taller than a page split between rows, its axis on every part), page numbers at the
// foot of every page.
bool writeReportPdf(const QString& out, const QString& title, const std::vector<ReportPart>& parts,
                    QString& error);

} // namespace bl
