#pragma once

#include "DocumentPage.h"
#include "analysis/ProfileRows.h"
#include "core/SelfProfile.h"

#include <memory>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTabWidget;

namespace bl {

class FlameGraphView;
class ProfileTimelineView;
class QueryFilterProxy;
class QueryTableModel;
struct ProfileTree;

// One rustc self-profile: where the compiler spent its time, as summarize's query table, a flame graph and a
// timeline of each thread's events. Selecting a query highlights it in both views; clicking a frame selects
// it.
class ProfilePage : public DocumentPage
{
    Q_OBJECT
public:
    explicit ProfilePage(QWidget* parent = nullptr);

    // What `layouts` lacks is computed here (the import controller computes both on its worker thread).
    void setProfile(std::shared_ptr<const SelfProfile> profile, ProfileLayouts layouts = {});
    const std::shared_ptr<const SelfProfile>& profile() const { return m_profile; }
    void selectLabel(const QString& label);
    FlameGraphView* flameGraph() const { return m_flame; }
    ProfileTimelineView* threadTimeline() const { return m_threads; }

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override;
    void previousMatch() override;
    void fitToWindow() override;
    void zoomBy(double factor) override;
    std::vector<ExportTarget> exportTargets() override;

private:
    void onQuerySelected();
    void stepMatch(int direction);

    std::shared_ptr<const SelfProfile> m_profile;
    QLabel* m_header;
    QueryTableModel* m_model;
    QueryFilterProxy* m_proxy;
    QTableView* m_table;
    QLineEdit* m_filter;
    QStackedWidget* m_viewsOrNote;
    QTabWidget* m_views;
    QLabel* m_noEvents;
    FlameGraphView* m_flame;
    ProfileTimelineView* m_threads;
    QString m_search;
};

// The profiles of one build directory: a list of the rustc invocations (crate, pid, total time) and the
// selected one's profile page.
class ProfileSetPage : public DocumentPage
{
    Q_OBJECT
public:
    explicit ProfileSetPage(QWidget* parent = nullptr);
    void setProfiles(std::shared_ptr<const SelfProfileSet> set, std::vector<ProfileLayouts> layouts);
    const std::shared_ptr<const SelfProfileSet>& profiles() const { return m_set; }
    // Shows the profile of a crate (rustc's name, with underscores); false when the set has none.
    bool showCrate(const QString& crate);
    ProfilePage* profilePage() const { return m_page; }

    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override;
    void previousMatch() override;
    void fitToWindow() override;
    void zoomBy(double factor) override;

private:
    void showProfile(int index);

    std::shared_ptr<const SelfProfileSet> m_set;
    std::vector<ProfileLayouts> m_layouts; // per profile of the set
    QTableView* m_list;
    ProfilePage* m_page;
    QString m_search;
};

} // namespace bl
