#!/usr/bin/env bash
# Builds BuildLens and opens it on the bundled sample build (a real `cargo build --timings` report).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deps.sh
source "$root/packaging/deps.sh"
buildlens_install_missing
cd "$root"
# BUILDLENS_PRESET=ci reuses the tree the test command built (CI opens the sample right after the tests)
preset="${BUILDLENS_PRESET:-dev}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target buildlens
exec "$root/build/$preset/app/buildlens" "$root/resources/samples/dev-clean.html" "$@"
