#!/usr/bin/env bash
# Builds BuildLens and opens it on the bundled sample build (a real `cargo build --timings` report).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deps.sh
source "$root/packaging/deps.sh"
buildlens_install_missing
cd "$root"
cmake --preset dev >/dev/null
cmake --build --preset dev --target buildlens
exec "$root/build/dev/app/buildlens" "$root/resources/samples/dev-clean.html" "$@"
