#!/usr/bin/env bash
# Makes the captures in this directory: clean dev builds of the textstat workspace (../../../shared fixtures'
# workspace, with its Debian-registry .cargo/config.toml) at -j1, -j2 and -j4, with rustup's stable and nightly
# toolchains, each through `buildlens capture --keep` (nightly: the build-analysis log beside the HTML report).
# Usage: capture.sh WORKSPACE OUTDIR BUILDLENS
set -euo pipefail
ws=$1
out=$2
exe=$3
mkdir -p "$out"
cd "$ws"
for tc in stable nightly; do
    for j in 1 2 4; do
        cargo +$tc clean -q
        extra=()
        if [ $tc = nightly ]; then
            # Debian's proc-macro2 enables a nightly-only feature that rustc 1.97 no longer has
            export RUSTFLAGS="-Zallow-features=proc_macro_diagnostic"
            extra=(-Zsection-timings)
        else
            unset RUSTFLAGS
        fi
        "$exe" capture --db "$out/jobs.sqlite" --keep "$out/$tc-j$j" --label "$tc -j$j" -- \
            cargo +$tc build -j $j "${extra[@]}" >"$out/$tc-j$j.log" 2>&1
    done
done
