#pragma once

#include "DocumentPage.h"
#include "store/RunLibrary.h"

#include <QDateTime>
#include <QFutureWatcher>

#include <optional>
#include <vector>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineEdit;
class QLineSeries;
class QScatterSeries;
class QStackedWidget;
class QMenu;
class QTableView;
class QValueAxis;
class QXYSeries;

namespace bl {

class RunListModel;
class RunFilterProxy;

// The build history of one run library: its runs in a filterable table and the trends of the runs shown
// (wall time and critical path, unit count, .text size) over their build dates. The database is read on a
// worker thread, with a connection of its own; the page fills in when it is read, in one step.
class HistoryPage : public DocumentPage
{
    Q_OBJECT
public:
    enum Chart { WallTimeChart, UnitsChart, SizeChart, ChartCount };

    explicit HistoryPage(QWidget* parent = nullptr);
    ~HistoryPage() override;

    // Shows the runs of the library at `path` (read again from the file, also when it is the same).
    void setDatabase(const QString& path);
    QString databasePath() const { return m_path; }
    // Reads the database again, keeping the filters.
    void refresh();
    // The table's context menu for the selected runs: open, compare two, label. Built anew each time.
    QMenu* selectionMenu();
    // Stores `label` for the selected runs and reads the library again; false with `error` when it failed.
    bool labelSelectedRuns(const QString& label, QString* error = nullptr);
    bool isLoading() const { return m_loading; }

    RunListModel* model() const { return m_model; }
    RunFilterProxy* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    QComboBox* kindCombo() const { return m_kind; }
    QComboBox* profileCombo() const { return m_profile; }
    QComboBox* labelCombo() const { return m_label; }
    QLineEdit* filterEdit() const { return m_filter; }
    QChartView* chartView(Chart chart) const;
    // The series of a chart's markers, one a run: wall time and critical path, units, or .text size.
    QList<QXYSeries*> pointSeries(Chart chart) const;
    // The text shown instead of the table and charts (no database, no runs, an error); empty when runs show.
    QString message() const;
    // The run that point `index` of a trend series stands for.
    const StoredRun* runOfPoint(const QXYSeries* series, int index) const;
    // The tooltip for a point of `chart` within a few pixels of `pos` (viewport coordinates), else empty.
    QString tooltipAt(Chart chart, const QPoint& pos) const;
    // Where point `index` of `series` is drawn, in its chart view's viewport coordinates.
    QPoint pointPosition(const QXYSeries* series, int index) const;

    std::vector<ExportTarget> exportTargets() override;
    QString title() const override;
    QString statusText() const override;
    void setSearchText(const QString& text) override;
    void nextMatch() override;
    void previousMatch() override;
    // The whole history on the time axis of every chart.
    void fitToWindow() override;
    // Narrows or widens the time axes around their centres.
    void zoomBy(double factor) override;

signals:
    // A finished read of the database is on screen.
    void loaded();
    // The user asked to open the file a run was imported from.
    void openRunRequested(const QString& file);
    // The user asked to compare two stored runs: A, the older build, with B.
    void compareRunsRequested(const QString& fileA, const QString& fileB);
    // The user asked to compare two series (the runs that share a label, buildlens bench --name): every
    // stored build of each, A the series that began first.
    void compareSeriesRequested(const QStringList& filesA, const QStringList& filesB);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Loaded
    {
        enum class State { Missing, Failed, Ok };
        State state = State::Missing;
        QString error;
        std::vector<StoredRun> runs;
        QStringList crates; // every crate the runs name, for the crate field
    };
    struct Trend
    {
        QLineSeries* line = nullptr;          // the first group's line, and the trend's name and colour
        std::vector<QLineSeries*> groupLines; // one more per further group (profile, clean or incremental)
        QScatterSeries* series = nullptr;     // the markers, one a run
        std::vector<StoredRun> runs;          // one per point, in the order of the points
    };
    struct TrendChart
    {
        QChartView* view = nullptr;
        QChart* chart = nullptr;
        QDateTimeAxis* x = nullptr;
        QValueAxis* y = nullptr;
        std::vector<Trend> trends;
        QDateTime first, last; // the time axis with everything on it
    };

    // Which runs a trend line may join: one profile, clean or incremental ("dev · clean"); empty: any.
    static QString trendGroup(const StoredRun& run);
    // A trend's name and colour: wall time and critical path, units, .text.
    static QString trendName(int chart, int trend);
    static QColor trendColour(const QPalette& palette, int chart, int trend);
    void applyLinePens(TrendChart& chart, int index);

    static Loaded read(const QString& path);
    void startRead();
    void showLoaded();
    void fillCombos();
    void applyFilters();
    void rebuildCharts();
    void updateHeader();
    void applyPalette();
    void setTimeRange(TrendChart& c, const QDateTime& from, const QDateTime& to);
    void updateTickCount(TrendChart& c);
    void selectMatch(int step);
    void highlightSelectedRun();
    // The trend and point nearest to `pos` (viewport coordinates) within `radius` pixels.
    std::optional<std::pair<const Trend*, int>> pointNear(const TrendChart& c, const QPointF& pos,
                                                          double radius) const;

    QLabel* m_header;
    QComboBox* m_kind;
    QComboBox* m_profile;
    QComboBox* m_label;
    QLineEdit* m_filter;
    QLineEdit* m_crate; // a crate's page with its trend over the stored runs
    QStackedWidget* m_stack;
    QLabel* m_message;
    QTableView* m_table;
    QLabel* m_noTrends;
    RunListModel* m_model;
    RunFilterProxy* m_proxy;
    std::vector<TrendChart> m_charts;

    QString m_path;
    Loaded m_loaded;
    bool m_loading = false;
    bool m_readAgain = false; // a refresh came while a read was running
    QFutureWatcher<Loaded> m_watcher;
};

} // namespace bl
