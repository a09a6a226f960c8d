#!/usr/bin/env bash
# Builds BuildLens with warnings as errors and runs the whole test suite with ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deps.sh
source "$root/packaging/deps.sh"
# poppler-utils: the export tests count the pages of the PDFs with pdfinfo;
# chromium: the HTML report is opened in a real browser (no console errors, no requests)
buildlens_install_missing poppler-utils chromium
cd "$root"
cmake --preset ci
cmake --build --preset ci
ctest --preset ci "$@"
