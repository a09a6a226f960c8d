// Linked into every test: a test must give the same answer on every machine that ran packaging/deps.sh, so
// nothing of the machine it runs on may reach it. Before main() runs, each test process gets a home of its
// own (settings, the default run library, caches), no rustup or cargo home, the bundled toolchain rlibs
// instead of whatever Rust is installed, no display, the C.UTF-8 locale and UTC. Child processes (the command
// line the tests start) inherit all of it.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdlib>
#include <ctime>

namespace {

class TestEnvironment
{
public:
    TestEnvironment()
        : m_home(QDir::tempPath() + QStringLiteral("/buildlens-test-home-XXXXXX"))
    {
        if (!m_home.isValid())
            std::abort(); // a test that cannot be isolated must not run against the real home
        const QByteArray home = QFile::encodeName(m_home.path());
        set("HOME", home);
        set("XDG_CONFIG_HOME", home + "/.config");
        set("XDG_DATA_HOME", home + "/.local/share");
        set("XDG_CACHE_HOME", home + "/.cache");
        set("XDG_STATE_HOME", home + "/.local/state");
        // Qt wants a runtime directory only its user can enter
        const QByteArray runtime = home + "/.runtime";
        QDir().mkpath(QString::fromLocal8Bit(runtime));
        QFile::setPermissions(QString::fromLocal8Bit(runtime),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        set("XDG_RUNTIME_DIR", runtime);

        // The toolchain's rlibs decide which crate a std generic belongs to; pin them to the ones the bundled
        // binary was built with. A test that wants none (or detection) sets this itself.
        set("BUILDLENS_RUST_SYSROOT", BUILDLENS_TEST_DATA "/binary/sysroot");
        set("RUSTUP_HOME", home + "/.rustup");
        set("CARGO_HOME", home + "/.cargo");
        unset("RUSTUP_TOOLCHAIN");

        set("QT_QPA_PLATFORM", "offscreen");
        unset("DISPLAY");
        unset("WAYLAND_DISPLAY");

        set("LC_ALL", "C.UTF-8");
        set("LANG", "C.UTF-8");
        unset("LANGUAGE");
        set("TZ", "UTC");
        tzset();

        // Set by a test for the command line it starts, never inherited from a shell. (BUILDLENS_SHOTS and
        // BUILDLENS_GRAPH_PNG stay: they only save renderings for review.)
        unset("BUILDLENS_TEST_PAUSE_IN_IMPORT");
    }

private:
    static void set(const char* name, const QByteArray& value) { setenv(name, value.constData(), 1); }
    static void unset(const char* name) { unsetenv(name); }

    QTemporaryDir m_home;
};

const TestEnvironment environment;

} // namespace
