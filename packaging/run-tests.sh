#!/usr/bin/env bash
# Builds BuildLens and runs the whole test suite with ctest: the ci preset, which is the asan preset (Clang,
# AddressSanitizer and UBSan with every finding fatal, warnings as errors) without line tables. The suite
# includes a short run of every libFuzzer target of the importers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deps.sh
source "$root/packaging/deps.sh"
# poppler-utils: the export tests count the pages of the PDFs with pdfinfo;
# chromium: the HTML report is opened in a real browser (no console errors, no requests);
# clang, libclang-rt-14-dev, lld: the sanitizers, libFuzzer and a fast linker for the instrumented build;
# llvm-14: llvm-symbolizer, so that a sanitizer report names functions and lines;
# python3: seeds the fuzzers' corpora from the test data (tests/fuzz/make-seeds.py)
buildlens_install_missing poppler-utils chromium clang libclang-rt-14-dev lld llvm-14 python3
cd "$root"
cmake --preset ci
cmake --build --preset ci
ctest --preset ci "$@"
