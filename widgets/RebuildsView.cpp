#include "RebuildsView.h"

#include "itemmodels/RebuildTreeModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace bl {

RebuildsView::RebuildsView(QWidget* parent)
    : QWidget(parent)
    , m_headline(new QLabel)
    , m_tree(new QTreeView)
    , m_model(new RebuildTreeModel(this))
{
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::PlainText);
    QFont bold = m_headline->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_headline->setFont(bold);
    m_headline->setContentsMargins(8, 6, 8, 6);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(RebuildTreeModel::Cause, QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_headline);
    layout->addWidget(m_tree, 1);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const int unit =
                    current.isValid() ? current.data(RebuildTreeModel::UnitIndexRole).toInt() : -1;
                emit cascadeMarked(cascadeOf(unit));
                if (!m_syncing && unit >= 0)
                    emit unitSelected(unit);
            });
}

void RebuildsView::setAnalysis(std::shared_ptr<const RebuildAnalysis> analysis)
{
    m_analysis = analysis;
    emit cascadeMarked({});
    m_headline->setText(analysis ? rebuildHeadline(*analysis) : QString());
    m_model->setAnalysis(std::move(analysis));
    m_tree->expandAll();
    for (int c = 0; c < RebuildTreeModel::ColumnCount; ++c)
        if (c != RebuildTreeModel::Cause)
            m_tree->resizeColumnToContents(c);
    m_tree->setColumnWidth(RebuildTreeModel::UnitColumn,
                           std::min(m_tree->columnWidth(RebuildTreeModel::UnitColumn) + 24, 420));
}

QString RebuildsView::headline() const
{
    return m_headline->text();
}

std::vector<char> RebuildsView::cascadeOf(int unit) const
{
    if (!m_analysis || unit < 0 || std::size_t(unit) >= m_analysis->rootOf.size() ||
        m_analysis->rootOf[std::size_t(unit)] < 0)
        return {};
    const int root = m_analysis->rootOf[std::size_t(unit)];
    std::vector<char> marks(m_analysis->rootOf.size(), 0);
    for (std::size_t i = 0; i < marks.size(); ++i)
        marks[i] = m_analysis->rootOf[i] == root;
    return marks;
}

void RebuildsView::selectUnit(int unit)
{
    const QModelIndex index = m_model->indexOfUnit(unit);
    m_syncing = true;
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    } else {
        m_tree->clearSelection();
        emit cascadeMarked({});
    }
    m_syncing = false;
}

} // namespace bl
