#!/usr/bin/env bash
# Installs the Debian 12 packages BuildLens needs to build and test, but only those that are missing.
# Sourced by run-sample.sh and run-tests.sh.
set -euo pipefail

BUILDLENS_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    libqt6opengl6-dev
    nlohmann-json3-dev zlib1g-dev libelf-dev libiberty-dev libgraphviz-dev
    fonts-dejavu-core
    cargo rustc
)

buildlens_install_missing() {
    local missing=()
    for pkg in "${BUILDLENS_PACKAGES[@]}" "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "Installing missing packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
