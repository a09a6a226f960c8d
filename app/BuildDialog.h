#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace bl {

// Build › Run Cargo Build…: the workspace (with the recent ones), what to run (build or check), the
// profile, features, --jobs, the toolchain (rustup's list, where rustup exists) and extra arguments, with
// the command line it makes shown as it is edited. The choices are remembered for the next build.
class BuildDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BuildDialog(QWidget* parent = nullptr);

    QString workspace() const;
    // `cargo [+toolchain] build --profile ...`: what BuildLens runs (it adds --timings and the message
    // format itself).
    QStringList command() const;
    QString label() const;

    void setWorkspace(const QString& path);
    // The toolchains `rustup toolchain list` names, the default one first; empty without rustup.
    static QStringList rustupToolchains(QString* defaultToolchain = nullptr);
    // Remembers the workspace among the recent ones (most recent first, at most 10).
    static void rememberWorkspace(const QString& path);
    static QStringList recentWorkspaces();

    void accept() override;

private:
    void browse();
    void updatePreview();
    void restoreChoices();
    void saveChoices() const;

    QComboBox* m_workspace;
    QComboBox* m_subcommand;
    QComboBox* m_profile;
    QLineEdit* m_features;
    QCheckBox* m_allFeatures;
    QCheckBox* m_noDefault;
    QSpinBox* m_jobs;
    QComboBox* m_toolchain;
    QLineEdit* m_extra;
    QLineEdit* m_label;
    QLabel* m_preview;
    QLabel* m_problem;
};

} // namespace bl
