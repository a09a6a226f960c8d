#include "SizePage.h"

#include "ShareBarDelegate.h"
#include "TreemapView.h"
#include "analysis/SizeItems.h"
#include "analysis/SizeTree.h"
#include "itemmodels/SizeTableModels.h"
#include "report/CrateReport.h"
#include "report/RunNames.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bl {

namespace {

QTableView* makeTable(QAbstractItemModel* model, int sortRole, int sortColumn, QObject* owner)
{
    auto* proxy = new QSortFilterProxyModel(owner);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setFilterKeyColumn(0);
    auto* table = new QTableView;
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(sortColumn, Qt::DescendingOrder);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setWordWrap(false);
    return table;
}

// A crate BuildLens (or cargo-bloat) guessed from a symbol's name is set in italics; the tooltip says why.
class GuessedCrateDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(FunctionSizeModel::CrateGuessedRole).toBool())
            option->font.setItalic(true);
    }
};

} // namespace

SizePage::SizePage(QWidget* parent)
    : DocumentPage(parent)
    , m_header(makeHeader())
    , m_tables(new QTabWidget)
    , m_crates(new CrateSizeModel(this))
    , m_functions(new FunctionSizeModel(this))
    , m_filter(new QLineEdit)
    , m_groupGenerics(new QCheckBox(tr("Group generic instantiations")))
    , m_treemap(new TreemapView)
{
    m_crateTable = makeTable(m_crates, CrateSizeModel::SortRole, CrateSizeModel::Size, this);
    m_crateTable->setItemDelegateForColumn(CrateSizeModel::Share,
                                           new ShareBarDelegate(m_crateTable, CrateSizeModel::ShareRole));
    m_functionTable = makeTable(m_functions, FunctionSizeModel::SortRole, FunctionSizeModel::Size, this);
    m_functionTable->setItemDelegateForColumn(
        FunctionSizeModel::Share, new ShareBarDelegate(m_functionTable, FunctionSizeModel::ShareRole));
    m_functionTable->setItemDelegateForColumn(FunctionSizeModel::Crate,
                                              new GuessedCrateDelegate(m_functionTable));
    m_tables->addTab(m_crateTable, tr("Crates"));
    m_tables->addTab(m_functionTable, tr("Functions"));
    m_tables->setDocumentMode(true);
    m_filter->setPlaceholderText(tr("Filter functions"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        static_cast<QSortFilterProxyModel*>(m_functionTable->model())->setFilterFixedString(text.trimmed());
        m_tables->setCurrentWidget(m_functionTable);
    });
    m_groupGenerics->setToolTip(
        tr("Drop type parameters so that every instantiation of a generic function adds "
           "up to one block: monomorphisation blow-up at a glance"));
    connect(m_groupGenerics, &QCheckBox::toggled, this, &SizePage::rebuildTree);

    // a block double-clicked: the crate it belongs to
    connect(m_treemap, &TreemapView::nodeDoubleClicked, this, [this](int node) {
        const auto tree = m_treemap->tree();
        if (!tree || node <= 0)
            return;
        while (tree->parent[node] != SizeTree::kNone && tree->depth[node] > 1)
            node = tree->parent[node];
        if (tree->depth[node] == 1 && !tree->labelOf(node).startsWith(QLatin1Char('[')))
            emit crateRequested(tree->labelOf(node));
    });
    connect(m_crateTable, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString crate = index.siblingAtColumn(CrateSizeModel::Name).data().toString();
        if (!crate.startsWith(QLatin1Char('['))) // [Unknown], [no symbol]
            emit crateRequested(crate);
    });
    // a crate picked in the table: zoom the treemap to it
    connect(m_crateTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_crateTable->selectionModel()->selectedRows();
        const auto tree = m_treemap->tree();
        if (rows.isEmpty() || !tree)
            return;
        const QString crate = rows.first().data().toString();
        for (int n = tree->firstChild[0]; n != SizeTree::kNone; n = tree->nextSibling[n])
            if (tree->labelOf(n) == crate) {
                m_treemap->zoomTo(n);
                return;
            }
    });

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_tables);
    leftLayout->addWidget(m_groupGenerics);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(m_treemap);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({480, 800});
    split->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(split, 1);
    connect(m_treemap, &TreemapView::searchMatchesChanged, this,
            [this](int n) { emit searchMatchesChanged(n, -1); });
}

std::vector<ExportTarget> SizePage::exportTargets()
{
    if (!m_report)
        return {};
    const QString run = title(), file = sourcePath();
    return {{tr("Treemap"),
             [=, this] {
                 return treemapFigure(*m_treemap, tr("%1 — binary size").arg(run), file, exportDate(file));
             },
             m_treemap}};
}

void SizePage::setReport(std::shared_ptr<const SizeReport> report, std::shared_ptr<const SizeTree> tree)
{
    m_report = std::move(report);
    m_crates->setReport(m_report);
    m_functions->setReport(m_report);
    // The name column takes what the numbers leave, so that the sizes and shares stay in view in a
    // narrow pane; long names elide instead of pushing the numbers off the right edge.
    for (QTableView* table : {m_crateTable, m_functionTable}) {
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        table->resizeColumnsToContents();
        table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    }
    // a long crate name (unicode_segmentation) elides rather than squeezing the function names
    const int crateWidth = m_functionTable->fontMetrics().averageCharWidth() * 14;
    if (m_functionTable->columnWidth(FunctionSizeModel::Crate) > crateWidth)
        m_functionTable->setColumnWidth(FunctionSizeModel::Crate, crateWidth);
    if (!m_report)
        return;
    const SizeReport& r = *m_report;
    // cargo-bloat --crates lists no functions: an empty table would read as "nothing found"
    const bool functions = !r.functions.empty();
    m_tables->setTabEnabled(m_tables->indexOf(m_functionTable), functions);
    m_tables->setTabToolTip(m_tables->indexOf(m_functionTable),
                            functions ? QString() : tr("This file lists crates only (cargo bloat --crates)"));
    m_filter->setEnabled(functions);
    m_groupGenerics->setEnabled(functions);
    m_treemap->setLeavesAreCrates(!functions);
    const QLocale locale;
    QStringList facts;
    if (r.isLlvmLines()) {
        facts << tr("%1 LLVM IR lines in %2 copies of %3 functions")
                     .arg(locale.toString(qulonglong(r.totalLines)),
                          locale.toString(qulonglong(r.totalCopies)),
                          locale.toString(qulonglong(r.functions.size())));
        m_treemap->setUnit(tr("lines"));
    } else {
        facts << tr("file %1").arg(formatBytes(r.fileSize)) << tr(".text %1").arg(formatBytes(r.textSize));
        // each entry is a symbol; the treemap merges symbols of one name into one function
        if (!r.functions.empty())
            facts << tr("%1 symbols").arg(locale.toString(qulonglong(r.functions.size())));
        if (r.source != QLatin1String("elf"))
            facts << (functions ? tr("from cargo-bloat") : tr("from cargo-bloat --crates (no functions)"));
        else if (r.rlibs > 0)
            facts << tr("crates from the exports of %n rlib(s) beside the binary", nullptr, r.rlibs);
        else if (r.attribution == QLatin1String("v0"))
            facts << tr("crates from the v0 symbol names: each generic in the crate that instantiated it");
        else if (r.attribution == QLatin1String("layout"))
            facts << tr("crates rebuilt from the binary's symbols and layout (no rlibs beside it)");
        else if (!r.stripped)
            facts << tr("crates guessed from symbol names (no rlibs beside the binary)");
    }
    QString header =
        QStringLiteral("<b>%1</b> &nbsp; %2")
            .arg(QFileInfo(r.file).fileName().toHtmlEscaped(), facts.join(QStringLiteral(" · ")));
    for (const QString& w : r.warnings)
        header += QStringLiteral("<br><span style='color:%1'>%2</span>")
                      .arg(palette().color(QPalette::PlaceholderText).name(), w.toHtmlEscaped());
    m_header->setText(header);
    m_treemap->setRootLabel(QFileInfo(r.file).fileName());
    if (tree)
        m_treemap->setTree(std::move(tree));
    else
        rebuildTree();
}

void SizePage::rebuildTree()
{
    if (!m_report)
        return;
    // small enough to build here: a tree of even 500,000 items takes a fraction of a second, the layout is
    // async
    m_treemap->setTree(
        std::make_shared<const SizeTree>(buildSizeTree(sizeItems(*m_report, m_groupGenerics->isChecked()))));
}

QString SizePage::title() const
{
    return m_report ? sizeReportName(*m_report) : tr("Size");
}

QString SizePage::statusText() const
{
    if (!m_report)
        return {};
    if (m_report->isLlvmLines())
        return tr("%1: %2 lines").arg(title(), QString::number(m_report->totalLines));
    return tr("%1: .text %2").arg(title(), formatBytes(m_report->textSize));
}

bool SizePage::showCrate(const QString& name)
{
    const QString key = crateKey(name);
    QAbstractItemModel* model = m_crateTable->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, CrateSizeModel::Name);
        if (crateKey(index.data().toString()) == key) {
            m_tables->setCurrentWidget(m_crateTable);
            m_crateTable->selectRow(row);
            m_crateTable->scrollTo(index);
            return true;
        }
    }
    return false;
}

void SizePage::setSearchText(const QString& text)
{
    m_treemap->setSearchText(text.trimmed());
}
void SizePage::fitToWindow()
{
    m_treemap->resetZoom();
}

void SizePage::zoomBy(double factor)
{
    if (factor < 1)
        m_treemap->zoomOut();
}

} // namespace bl
