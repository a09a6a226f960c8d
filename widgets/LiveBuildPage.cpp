#include "LiveBuildPage.h"

#include "TimelineView.h"
#include "report/SummaryReport.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QVBoxLayout>

namespace bl {

LiveBuildPage::LiveBuildPage(const QString& command, const QString& workspace, QWidget* parent)
    : DocumentPage(parent)
    , m_command(command)
    , m_workspace(workspace)
    , m_header(makeHeader())
    , m_bar(new QProgressBar)
    , m_progressLabel(new QLabel)
    , m_cancel(new QPushButton(tr("Cancel Build")))
    , m_timeline(new TimelineView)
    , m_output(new QPlainTextEdit)
{
    m_state = tr("Starting cargo…");
    m_bar->setRange(0, 0); // busy until cargo's first progress line gives the total
    m_bar->setTextVisible(true);
    m_bar->setMinimumWidth(220);
    m_bar->setMaximumWidth(320);
    m_progressLabel->setTextFormat(Qt::PlainText);
    m_progressLabel->setMinimumWidth(120);
    m_progressLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_cancel->setToolTip(tr("Stops cargo and every compiler and build script it started"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_state = tr("Cancelling…");
        updateHeader();
        emit cancelRequested();
    });

    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(20000);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setPlaceholderText(tr("cargo's messages (compiler warnings and errors) appear here"));

    auto* progressRow = new QHBoxLayout;
    progressRow->setContentsMargins(6, 0, 6, 4);
    progressRow->addWidget(m_bar);
    progressRow->addWidget(m_progressLabel, 1);
    progressRow->addWidget(m_cancel);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_timeline);
    split->addWidget(m_output);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addLayout(progressRow);
    layout->addWidget(split, 1);
    connect(m_timeline, &TimelineView::searchMatchesChanged, this, &DocumentPage::searchMatchesChanged);
    updateHeader();
}

void LiveBuildPage::setProgress(std::shared_ptr<const TimingsAnalysis> analysis, int done, int total,
                                const QStringList& running)
{
    m_units = analysis ? static_cast<int>(analysis->run->units.size()) : 0;
    // room on the right for the bars to grow into and for their labels, while the build runs
    if (analysis && !m_finished)
        m_timeline->setMinimumSpan(analysis->summary.wallSeconds * 1.1 + 0.2);
    m_timeline->updateAnalysis(std::move(analysis));
    m_done = done;
    m_total = total;
    if (total > 0) {
        m_bar->setRange(0, total);
        m_bar->setValue(std::min(done, total));
        m_bar->setFormat(tr("%1 / %2 units").arg(done).arg(total));
    }
    m_state =
        running.isEmpty() ? tr("Building…") : tr("Compiling %1").arg(running.join(QStringLiteral(", ")));
    updateHeader();
}

void LiveBuildPage::appendOutput(const QString& line)
{
    static const QRegularExpression escapes(QStringLiteral("\x1b\\[[0-9;?]*[A-Za-z]"));
    QString text = line;
    text.remove(escapes);
    m_output->appendPlainText(text);
}

void LiveBuildPage::setFinished(const QString& message, bool success)
{
    m_finished = true;
    m_timeline->setMinimumSpan(0);
    m_state = message;
    m_cancel->hide();
    if (m_total > 0 && success)
        m_bar->setValue(m_total);
    else if (m_total == 0)
        m_bar->setRange(0, 1);
    updateHeader();
}

QString LiveBuildPage::output() const
{
    return m_output->toPlainText();
}

QString LiveBuildPage::progressText() const
{
    return m_progressLabel->text();
}

void LiveBuildPage::updateHeader()
{
    const QString elapsed =
        m_timeline->analysis() ? formatSeconds(m_timeline->analysis()->summary.wallSeconds) : QString();
    m_header->setText(tr("<b>%1</b> in %2%3")
                          .arg(m_command.toHtmlEscaped(),
                               QDir::toNativeSeparators(m_workspace).toHtmlEscaped(),
                               elapsed.isEmpty() ? QString() : QStringLiteral(" · ") + elapsed));
    m_progressLabel->setText(m_state);
    m_progressLabel->setToolTip(m_state);
}

QString LiveBuildPage::title() const
{
    const QString name = QFileInfo(m_workspace).fileName();
    return m_finished ? tr("%1 · build").arg(name) : tr("%1 · building…").arg(name);
}

QString LiveBuildPage::statusText() const
{
    if (m_finished)
        return m_state;
    return m_total > 0 ? tr("Building %1: %2 of %3 units done, %4 seen so far")
                             .arg(QFileInfo(m_workspace).fileName(), QString::number(m_done),
                                  QString::number(m_total), QString::number(m_units))
                       : tr("Building %1…").arg(QFileInfo(m_workspace).fileName());
}

void LiveBuildPage::setSearchText(const QString& text)
{
    m_timeline->setSearchText(text);
}

void LiveBuildPage::nextMatch()
{
    m_timeline->nextMatch();
}

void LiveBuildPage::previousMatch()
{
    m_timeline->previousMatch();
}

void LiveBuildPage::fitToWindow()
{
    m_timeline->fitToWindow();
}

void LiveBuildPage::zoomBy(double factor)
{
    m_timeline->zoomBy(factor);
}

} // namespace bl
