#include "CompareDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace bl {

namespace {

constexpr int TabRole = Qt::UserRole;
constexpr int KindRole = Qt::UserRole + 1;

QList<int> selectedTabs(const QListWidget* list)
{
    QList<int> out;
    for (const QListWidgetItem* item : list->selectedItems())
        out << item->data(TabRole).toInt();
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

QString CompareDialog::kindOf(const ComparePage::Run& run)
{
    if (run.timings)
        return tr("Build timings");
    if (run.profile)
        return tr("Self-profiles");
    if (run.size)
        return run.size->isLlvmLines() ? tr("LLVM IR lines (cargo-llvm-lines)") : tr("Binary sizes");
    return {};
}

CompareDialog::CompareDialog(const QList<Entry>& entries, int a, int b, QWidget* parent)
    : QDialog(parent)
    , m_entries(entries)
{
    setWindowTitle(tr("Compare Runs"));
    auto* layout = new QVBoxLayout(this);
    auto* lists = new QHBoxLayout;
    m_listA = makeList(tr("A, the baseline:"), lists);
    auto* swap = new QPushButton(tr("⇄"));
    swap->setToolTip(tr("Swap A and B"));
    lists->addWidget(swap);
    m_listB = makeList(tr("B, the run judged:"), lists);
    layout->addLayout(lists);
    m_note = new QLabel;
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    layout->addWidget(m_buttons);

    for (QListWidget* list : {m_listA, m_listB})
        for (int r = 0; r < list->count(); ++r) {
            QListWidgetItem* item = list->item(r);
            const QVariant tab = item->data(TabRole);
            if (tab.isValid() && tab.toInt() == (list == m_listA ? a : b))
                item->setSelected(true);
        }
    connect(swap, &QPushButton::clicked, this, &CompareDialog::swapSides);
    connect(m_listA, &QListWidget::itemSelectionChanged, this, &CompareDialog::refreshChoices);
    connect(m_listB, &QListWidget::itemSelectionChanged, this, &CompareDialog::refreshChoices);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    refreshChoices();
    resize(680, 360);
}

QListWidget* CompareDialog::makeList(const QString& title, QHBoxLayout* row)
{
    auto* box = new QVBoxLayout;
    box->addWidget(new QLabel(title));
    auto* list = new QListWidget;
    list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // one group per kind, in the order the kinds first appear among the tabs
    QStringList kinds;
    for (const Entry& e : std::as_const(m_entries))
        if (!kinds.contains(kindOf(e.run)))
            kinds << kindOf(e.run);
    for (const QString& kind : std::as_const(kinds)) {
        auto* header = new QListWidgetItem(kind, list);
        QFont bold = header->font();
        bold.setBold(true);
        header->setFont(bold);
        header->setFlags(Qt::ItemIsEnabled); // a heading, never selected
        for (const Entry& e : std::as_const(m_entries)) {
            if (kindOf(e.run) != kind)
                continue;
            auto* item = new QListWidgetItem(QStringLiteral("    ") + e.name, list);
            item->setData(TabRole, e.tab);
            item->setData(KindRole, kind);
            item->setToolTip(e.toolTip);
        }
    }
    box->addWidget(list);
    row->addLayout(box);
    return list;
}

QList<int> CompareDialog::selectedA() const
{
    return selectedTabs(m_listA);
}

QList<int> CompareDialog::selectedB() const
{
    return selectedTabs(m_listB);
}

QString CompareDialog::note() const
{
    return m_note->text();
}

const CompareDialog::Entry* CompareDialog::entryOf(int tab) const
{
    for (const Entry& e : m_entries)
        if (e.tab == tab)
            return &e;
    return nullptr;
}

void CompareDialog::swapSides()
{
    const QList<int> a = selectedA(), b = selectedB();
    m_updating = true;
    for (QListWidget* list : {m_listA, m_listB})
        for (int r = 0; r < list->count(); ++r) {
            QListWidgetItem* item = list->item(r);
            if (item->data(TabRole).isValid())
                item->setSelected((list == m_listA ? b : a).contains(item->data(TabRole).toInt()));
        }
    m_updating = false;
    refreshChoices();
}

void CompareDialog::refreshChoices()
{
    if (m_updating)
        return;
    const QList<int> a = selectedA(), b = selectedB();
    // the kind picked first decides what else can be picked
    QString kind;
    for (int tab : a + b)
        if (const Entry* e = entryOf(tab)) {
            kind = kindOf(e->run);
            break;
        }
    m_updating = true;
    for (QListWidget* list : {m_listA, m_listB})
        for (int r = 0; r < list->count(); ++r) {
            QListWidgetItem* item = list->item(r);
            if (!item->data(TabRole).isValid())
                continue;
            const bool fits = kind.isEmpty() || item->data(KindRole).toString() == kind;
            item->setFlags(fits ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags);
            if (!fits)
                item->setSelected(false);
        }
    m_updating = false;

    QString problem;
    if (a.isEmpty() || b.isEmpty())
        problem = tr("Select at least one run on each side.");
    for (int i : a)
        if (b.contains(i))
            problem = tr("A run cannot be on both sides.");
    if (problem.isEmpty() && (a.size() > 1 || b.size() > 1))
        for (int i : a + b)
            if (const Entry* e = entryOf(i); e && !e->run.timings)
                problem = tr("Repeated builds (several runs on a side) can be compared for timings only.");
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_note->setText(
        !problem.isEmpty() ? problem
        : a.size() > 1 || b.size() > 1
            ? tr("Repeated builds: each unit's mean and spread; a change counts when Welch's t-test "
                 "gives p < 0.05.")
            : tr("Changes are shown as B minus A. Select several runs on a side to compare repeated "
                 "builds against their noise."));
}

} // namespace bl
