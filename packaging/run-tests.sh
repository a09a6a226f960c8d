#!/usr/bin/env bash
# Builds BuildLens with warnings as errors and runs the whole test suite with ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deps.sh
source "$root/packaging/deps.sh"
buildlens_install_missing
cd "$root"
cmake --preset ci
cmake --build --preset ci
ctest --preset ci "$@"
