#include "BuildDialog.h"

#include "capture/CargoCapture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace bl {

namespace {

constexpr int kRecentWorkspaces = 10;

QString quoted(const QString& word)
{
    static const QString plain = QStringLiteral("+-_./=:,@%");
    const bool needs = word.isEmpty() || std::any_of(word.begin(), word.end(), [](QChar c) {
                           return !c.isLetterOrNumber() && !plain.contains(c);
                       });
    return needs ? QLatin1Char('\'') + QString(word).replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
                       QLatin1Char('\'')
                 : word;
}

// Words as a POSIX shell splits them: blanks separate, '...' keeps everything, "..." and \ escape.
QStringList splitArguments(const QString& text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quote == QLatin1Char('\'')) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
        } else if (c == QLatin1Char('\\') && i + 1 < text.size() && quote != QLatin1Char('\'')) {
            word += text[++i];
            inWord = true;
        } else if (quote == QLatin1Char('"')) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

} // namespace

BuildDialog::BuildDialog(QWidget* parent)
    : QDialog(parent)
    , m_workspace(new QComboBox)
    , m_subcommand(new QComboBox)
    , m_profile(new QComboBox)
    , m_features(new QLineEdit)
    , m_allFeatures(new QCheckBox(tr("All features")))
    , m_noDefault(new QCheckBox(tr("No default features")))
    , m_jobs(new QSpinBox)
    , m_toolchain(new QComboBox)
    , m_extra(new QLineEdit)
    , m_label(new QLineEdit)
    , m_preview(new QLabel)
    , m_problem(new QLabel)
{
    setWindowTitle(tr("Run Cargo Build"));
    m_workspace->setObjectName(QStringLiteral("workspace"));
    m_subcommand->setObjectName(QStringLiteral("subcommand"));
    m_profile->setObjectName(QStringLiteral("profile"));
    m_features->setObjectName(QStringLiteral("features"));
    m_allFeatures->setObjectName(QStringLiteral("allFeatures"));
    m_noDefault->setObjectName(QStringLiteral("noDefaultFeatures"));
    m_jobs->setObjectName(QStringLiteral("jobs"));
    m_toolchain->setObjectName(QStringLiteral("toolchain"));
    m_extra->setObjectName(QStringLiteral("extra"));
    m_label->setObjectName(QStringLiteral("label"));
    m_preview->setObjectName(QStringLiteral("preview"));
    m_problem->setObjectName(QStringLiteral("problem"));
    m_workspace->setEditable(true);
    m_workspace->addItems(recentWorkspaces());
    m_workspace->setMinimumContentsLength(40);
    m_workspace->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_workspace->lineEdit()->setPlaceholderText(tr("the folder with the workspace's Cargo.toml"));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, &BuildDialog::browse);
    auto* workspaceRow = new QHBoxLayout;
    workspaceRow->addWidget(m_workspace, 1);
    workspaceRow->addWidget(browse);

    m_subcommand->addItem(tr("build"), QStringLiteral("build"));
    m_subcommand->addItem(tr("check"), QStringLiteral("check"));
    m_subcommand->addItem(tr("test (build the tests, do not run them)"), QStringLiteral("test"));
    m_profile->setEditable(true);
    m_profile->addItems({QStringLiteral("dev"), QStringLiteral("release")});
    m_profile->setToolTip(tr("dev, release, or a custom profile of the workspace's Cargo.toml"));
    m_features->setPlaceholderText(tr("feature names, separated by spaces or commas"));
    m_jobs->setRange(0, 1024);
    m_jobs->setSpecialValueText(tr("cargo's default"));
    m_jobs->setToolTip(tr("--jobs: how many compilers run at once"));
    QString defaultToolchain;
    const QStringList toolchains = rustupToolchains(&defaultToolchain);
    m_toolchain->addItem(
        toolchains.isEmpty() ? tr("cargo on the PATH") : tr("default (%1)").arg(defaultToolchain), QString());
    for (const QString& t : toolchains)
        m_toolchain->addItem(t, t);
    m_toolchain->setEnabled(!toolchains.isEmpty());
    if (toolchains.isEmpty())
        m_toolchain->setToolTip(tr("rustup is not installed: the cargo on the PATH builds"));
    m_extra->setPlaceholderText(
        tr("more cargo arguments, for example -p mycrate --target x86_64-unknown-linux-musl"));
    m_label->setPlaceholderText(tr("optional: a label for this run in the history"));
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    QFont mono = m_preview->font();
    mono.setFamily(QStringLiteral("monospace"));
    m_preview->setFont(mono);
    m_problem->setWordWrap(true);
    QPalette warn = m_problem->palette();
    warn.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    m_problem->setPalette(warn);

    auto* featureRow = new QHBoxLayout;
    featureRow->addWidget(m_features, 1);
    featureRow->addWidget(m_allFeatures);
    featureRow->addWidget(m_noDefault);

    auto* form = new QFormLayout;
    // rows whose field is a layout get their label's buddy set by hand, for the Alt shortcut
    auto* workspaceLabel = new QLabel(tr("&Workspace:"));
    workspaceLabel->setBuddy(m_workspace);
    auto* featuresLabel = new QLabel(tr("&Features:"));
    featuresLabel->setBuddy(m_features);
    form->addRow(workspaceLabel, workspaceRow);
    form->addRow(tr("&Run:"), m_subcommand);
    form->addRow(tr("&Profile:"), m_profile);
    form->addRow(featuresLabel, featureRow);
    form->addRow(tr("&Jobs:"), m_jobs);
    form->addRow(tr("&Toolchain:"), m_toolchain);
    form->addRow(tr("&Extra arguments:"), m_extra);
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("Command:"), m_preview);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Build"));
    connect(buttons, &QDialogButtonBox::accepted, this, &BuildDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BuildDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    setMinimumWidth(680);
    restoreChoices();
    for (QComboBox* c : {m_workspace, m_subcommand, m_profile, m_toolchain})
        connect(c, &QComboBox::currentTextChanged, this, &BuildDialog::updatePreview);
    for (QLineEdit* e : {m_features, m_extra})
        connect(e, &QLineEdit::textChanged, this, &BuildDialog::updatePreview);
    for (QCheckBox* b : {m_allFeatures, m_noDefault})
        connect(b, &QCheckBox::toggled, this, &BuildDialog::updatePreview);
    connect(m_jobs, &QSpinBox::valueChanged, this, &BuildDialog::updatePreview);
    updatePreview();
}

QStringList BuildDialog::rustupToolchains(QString* defaultToolchain)
{
    QStringList out;
    const QString rustup = QStandardPaths::findExecutable(QStringLiteral("rustup"));
    if (rustup.isEmpty())
        return out;
    QProcess p;
    p.start(rustup, {QStringLiteral("toolchain"), QStringLiteral("list")});
    if (!p.waitForFinished(5000) || p.exitCode() != 0) {
        p.kill();
        return out;
    }
    for (const QString& line : QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'))) {
        const QString name = line.section(QLatin1Char(' '), 0, 0).trimmed();
        if (name.isEmpty() || name.startsWith(QLatin1String("no ")))
            continue;
        if (line.contains(QLatin1String("(default")) || line.contains(QLatin1String("(active, default")))
            if (defaultToolchain)
                *defaultToolchain = name;
        out << name;
    }
    return out;
}

QStringList BuildDialog::recentWorkspaces()
{
    return QSettings().value(QStringLiteral("build/recentWorkspaces")).toStringList();
}

void BuildDialog::rememberWorkspace(const QString& path)
{
    QStringList recent = recentWorkspaces();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kRecentWorkspaces)
        recent.removeLast();
    QSettings().setValue(QStringLiteral("build/recentWorkspaces"), recent);
}

void BuildDialog::setWorkspace(const QString& path)
{
    m_workspace->setCurrentText(QDir::toNativeSeparators(path));
}

QString BuildDialog::workspace() const
{
    return QDir::fromNativeSeparators(m_workspace->currentText().trimmed());
}

QString BuildDialog::label() const
{
    return m_label->text().trimmed();
}

QStringList BuildDialog::command() const
{
    QStringList c{QStringLiteral("cargo")};
    if (const QString t = m_toolchain->currentData().toString(); !t.isEmpty())
        c << QLatin1Char('+') + t;
    const QString sub = m_subcommand->currentData().toString();
    c << sub;
    if (sub == QLatin1String("test"))
        c << QStringLiteral("--no-run");
    const QString profile = m_profile->currentText().trimmed();
    if (profile == QLatin1String("release"))
        c << QStringLiteral("--release");
    else if (!profile.isEmpty() && profile != QLatin1String("dev"))
        c << QStringLiteral("--profile") << profile;
    if (m_allFeatures->isChecked()) {
        c << QStringLiteral("--all-features");
    } else {
        QStringList features =
            m_features->text().split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
        if (!features.isEmpty())
            c << QStringLiteral("--features") << features.join(QLatin1Char(','));
    }
    if (m_noDefault->isChecked())
        c << QStringLiteral("--no-default-features");
    if (m_jobs->value() > 0)
        c << QStringLiteral("--jobs") << QString::number(m_jobs->value());
    c << splitArguments(m_extra->text());
    return c;
}

void BuildDialog::updatePreview()
{
    m_features->setEnabled(!m_allFeatures->isChecked());
    QStringList words;
    for (const QString& w : CargoCapture::completeCommand(
             command(), m_toolchain->currentData().toString().contains(QLatin1String("nightly"))))
        words << quoted(w);
    m_preview->setText(words.join(QLatin1Char(' ')));
    m_problem->clear();
}

void BuildDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Workspace to Build"), workspace());
    if (!dir.isEmpty())
        setWorkspace(dir);
}

void BuildDialog::accept()
{
    const QString dir = workspace();
    if (dir.isEmpty() || !QFileInfo(QDir(dir).filePath(QStringLiteral("Cargo.toml"))).isFile()) {
        m_problem->setText(dir.isEmpty() ? tr("Choose the folder of the workspace to build.")
                                         : tr("%1 has no Cargo.toml: choose the folder of a cargo package or "
                                              "workspace.")
                                               .arg(QDir::toNativeSeparators(dir)));
        return;
    }
    if (const QString why = CargoCapture::check(command()); !why.isEmpty()) {
        m_problem->setText(why);
        return;
    }
    rememberWorkspace(dir);
    saveChoices();
    QDialog::accept();
}

void BuildDialog::restoreChoices()
{
    QSettings s;
    s.beginGroup(QStringLiteral("build"));
    if (m_workspace->count() > 0)
        m_workspace->setCurrentIndex(0);
    const int sub = m_subcommand->findData(s.value(QStringLiteral("subcommand")).toString());
    if (sub >= 0)
        m_subcommand->setCurrentIndex(sub);
    if (const QString p = s.value(QStringLiteral("profile")).toString(); !p.isEmpty())
        m_profile->setCurrentText(p);
    m_features->setText(s.value(QStringLiteral("features")).toString());
    m_allFeatures->setChecked(s.value(QStringLiteral("allFeatures")).toBool());
    m_noDefault->setChecked(s.value(QStringLiteral("noDefaultFeatures")).toBool());
    m_jobs->setValue(s.value(QStringLiteral("jobs")).toInt());
    const int tc = m_toolchain->findData(s.value(QStringLiteral("toolchain")).toString());
    if (tc >= 0)
        m_toolchain->setCurrentIndex(tc);
    m_extra->setText(s.value(QStringLiteral("extra")).toString());
}

void BuildDialog::saveChoices() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("build"));
    s.setValue(QStringLiteral("subcommand"), m_subcommand->currentData());
    s.setValue(QStringLiteral("profile"), m_profile->currentText().trimmed());
    s.setValue(QStringLiteral("features"), m_features->text());
    s.setValue(QStringLiteral("allFeatures"), m_allFeatures->isChecked());
    s.setValue(QStringLiteral("noDefaultFeatures"), m_noDefault->isChecked());
    s.setValue(QStringLiteral("jobs"), m_jobs->value());
    s.setValue(QStringLiteral("toolchain"), m_toolchain->currentData());
    s.setValue(QStringLiteral("extra"), m_extra->text());
}

} // namespace bl
