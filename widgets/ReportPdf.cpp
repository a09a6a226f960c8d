#include "ReportPdf.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextObjectInterface>

#include <memory>

namespace bl {

namespace {

constexpr int kChartObject = QTextFormat::UserObject + 1;
constexpr int kFigureProperty = QTextFormat::UserProperty + 1;
constexpr int kSheetProperty = QTextFormat::UserProperty + 2;

// Draws a chart where the text engine put its object: vector paint onto the PDF page.
class ChartObject : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    ChartObject(std::vector<Figure> figures, QSize page)
        : m_figures(std::move(figures))
        , m_page(page)
    {
        for (const Figure& f : m_figures)
            m_sheets.push_back(figureSheets(f, m_page));
    }
    const std::vector<QSize>& sheets(int figure) const { return m_sheets[std::size_t(figure)]; }

    QSizeF intrinsicSize(QTextDocument*, int, const QTextFormat& format) override
    {
        const int f = format.property(kFigureProperty).toInt();
        const int s = format.property(kSheetProperty).toInt();
        return QSizeF(m_sheets[std::size_t(f)][std::size_t(s)]);
    }
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument*, int,
                    const QTextFormat& format) override
    {
        const int f = format.property(kFigureProperty).toInt();
        const int s = format.property(kSheetProperty).toInt();
        paintFigureSheet(*painter, m_figures[std::size_t(f)], m_page, s, rect);
    }

private:
    std::vector<Figure> m_figures;
    QSize m_page;
    std::vector<std::vector<QSize>> m_sheets;
};

} // namespace

bool writeReportPdf(const QString& out, const QString& title, const std::vector<ReportPart>& parts,
                    QString& error)
{
    QPdfWriter pdf(out);
    pdf.setResolution(96);
    pdf.setCreator(QStringLiteral("BuildLens"));
    pdf.setTitle(title);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    const QSize body = pdf.pageLayout().paintRectPixels(96).size();
    // page numbers take a line at the foot; charts are at most what is left of a page
    const QSize chartPage(body.width(), body.height() - 60);

    std::vector<Figure> figures;
    for (const ReportPart& p : parts)
        if (p.figure)
            figures.push_back(p.figure());
    auto handler = std::make_unique<ChartObject>(figures, chartPage);

    QTextDocument doc;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(12);
    doc.setDefaultFont(font);
    doc.setDefaultStyleSheet(QStringLiteral(
        "h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 14px; } h3 { font-size: 14px; }"
        "th { background-color: #eef0f2; } .meta { color: #5c6066; } .chain { font-size: 11px; }"));
    doc.documentLayout()->registerHandler(kChartObject, handler.get());
    QTextCursor cursor(&doc);
    int figure = 0;
    for (const ReportPart& p : parts) {
        if (!p.figure) {
            cursor.insertHtml(p.html);
            continue;
        }
        for (std::size_t s = 0; s < handler->sheets(figure).size(); ++s) {
            cursor.insertBlock();
            QTextCharFormat object;
            object.setObjectType(kChartObject);
            object.setProperty(kFigureProperty, figure);
            object.setProperty(kSheetProperty, int(s));
            cursor.insertText(QString(QChar::ObjectReplacementCharacter), object);
        }
        if (!p.caption.isEmpty()) {
            cursor.insertBlock();
            cursor.insertHtml(QStringLiteral("<p class=\"meta\">%1</p>").arg(p.caption.toHtmlEscaped()));
        }
        cursor.insertBlock();
        ++figure;
    }
    if (!QFileInfo(out).absoluteDir().exists()) {
        error = QCoreApplication::translate("bl::ReportPdf", "cannot write %1: no such directory").arg(out);
        return false;
    }
    // The document paginates itself at the page body's size (a line or a chart that would cross a page
    // boundary moves to the next page); each page is then drawn through a clip, with its number below.
    const int footer = 28;
    const QSizeF pageBody(body.width(), body.height() - footer);
    doc.setPageSize(pageBody);
    const int pages = doc.pageCount();
    QPainter painter;
    if (!painter.begin(&pdf)) {
        error = QCoreApplication::translate("bl::ReportPdf", "cannot write %1").arg(out);
        return false;
    }
    QFont small = font;
    small.setPixelSize(10);
    for (int page = 0; page < pages; ++page) {
        if (page > 0)
            pdf.newPage();
        painter.save();
        painter.translate(0, -page * pageBody.height());
        doc.drawContents(&painter, QRectF(0, page * pageBody.height(), pageBody.width(), pageBody.height()));
        painter.restore();
        painter.setFont(small);
        painter.setPen(QColor(0x5c, 0x60, 0x66));
        const QRectF foot(0, body.height() - footer + 8, body.width(), footer - 8);
        painter.drawText(foot, Qt::AlignLeft | Qt::AlignVCenter, title);
        painter.drawText(
            foot, Qt::AlignRight | Qt::AlignVCenter,
            QCoreApplication::translate("bl::ReportPdf", "page %1 of %2").arg(page + 1).arg(pages));
    }
    painter.end();
    return true;
}

} // namespace bl

#include "ReportPdf.moc"
