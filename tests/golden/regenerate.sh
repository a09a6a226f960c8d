#!/usr/bin/env bash
# Rewrites the golden `summary --json` files from a build (default build/dev). Review the diff before committing:
# the goldens are the contract the tests hold the command line to.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exe="${1:-$here/../../build/dev/app/buildlens}"
cd "$here/../data"
gen() { "$exe" summary "$1" --json --jobs 2 > "$here/$2"; }
gen timings/debian-1.65/dev-clean.html debian-1.65-dev-clean.json
gen timings/debian-1.65/release-clean.html debian-1.65-release-clean.json
gen timings/stable-1.95/dev-clean.html stable-1.95-dev-clean.json
gen timings/stable-1.95/dev-incremental.html stable-1.95-dev-incremental.json
gen timings/stable-1.95/release-clean.html stable-1.95-release-clean.json
gen timings/nightly-1.97/dev-clean.html nightly-1.97-dev-clean.json
gen timings/nightly-1.97/dev-incremental.html nightly-1.97-dev-incremental.json
gen build-analysis/dev-clean.jsonl build-analysis-dev-clean.json
gen build-analysis/dev-incremental.jsonl build-analysis-dev-incremental.json
gen logs/timing-info.dev-clean.debian-1.65.jsonl timing-info-dev-clean.json
