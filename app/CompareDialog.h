#pragma once

#include "ComparePage.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QHBoxLayout;
class QLabel;
class QListWidget;

namespace bl {

// File › Compare Runs: A (the baseline) and B (the run judged) picked among the open runs, grouped by kind.
// Once a run is picked, only runs of its kind stay selectable on either side; several runs a side compare
// repeated builds.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    struct Entry
    {
        int tab = -1;
        QString name;
        QString toolTip;
        ComparePage::Run run;
    };

    // `entries` in tab order; a and b: the tabs selected at first (-1: none).
    CompareDialog(const QList<Entry>& entries, int a, int b, QWidget* parent = nullptr);

    QList<int> selectedA() const; // tab indexes, ascending
    QList<int> selectedB() const;
    QListWidget* listA() const { return m_listA; }
    QListWidget* listB() const { return m_listB; }
    QString note() const;

    // "Build timings", "Self-profiles", "Binary sizes", "LLVM IR lines": runs of one group compare.
    static QString kindOf(const ComparePage::Run& run);

private:
    QListWidget* makeList(const QString& title, QHBoxLayout* row);
    void swapSides();
    // Offers only runs of the kind picked, and says whether the choice can be compared.
    void refreshChoices();
    const Entry* entryOf(int tab) const;

    QList<Entry> m_entries;
    QListWidget* m_listA = nullptr;
    QListWidget* m_listB = nullptr;
    QLabel* m_note = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_updating = false;
};

} // namespace bl
