#pragma once

#include "DocumentPage.h"
#include "core/SizeReport.h"

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTabWidget;

namespace bl {

class CrateSizeModel;
class FunctionSizeModel;
class TreemapView;
struct SizeTree;

// Where a binary's bytes go (or, for cargo-llvm-lines, its LLVM IR lines): crates and functions as tables and
// a zoomable treemap crate → module → function.
class SizePage : public DocumentPage
{
    Q_OBJECT
public:
    explicit SizePage(QWidget* parent = nullptr);
    // `tree` may be null; it is then built here (the import controller builds it on its worker thread).
    void setReport(std::shared_ptr<const SizeReport> report, std::shared_ptr<const SizeTree> tree);
    const std::shared_ptr<const SizeReport>& report() const { return m_report; }
    TreemapView* treemap() const { return m_treemap; }
    // Selects a crate in the crate table and zooms the treemap to its block (names compare as cargo does,
    // `-` and `_` alike); false when the report has no such crate.
    bool showCrate(const QString& name);

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override {}
    void previousMatch() override {}
    void fitToWindow() override;
    void zoomBy(double factor) override;
    std::vector<ExportTarget> exportTargets() override;

private:
    void rebuildTree();

    std::shared_ptr<const SizeReport> m_report;
    QLabel* m_header;
    QTabWidget* m_tables;
    CrateSizeModel* m_crates;
    FunctionSizeModel* m_functions;
    QTableView* m_crateTable;
    QTableView* m_functionTable;
    QLineEdit* m_filter;
    QCheckBox* m_groupGenerics;
    TreemapView* m_treemap;
};

} // namespace bl
