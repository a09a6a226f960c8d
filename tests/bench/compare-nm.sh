#!/usr/bin/env bash
# Compares BuildLens's ELF size analysis with `nm -S --size-sort -C` on the same binary: mean wall time of each
# over N alternating runs (whole processes, output discarded), and the ratio buildlens/nm. BuildLens also
# reads the rlibs beside the binary and the toolchain's, when there are any; nm reads the binary only.
# Usage: compare-nm.sh BINARY [BUILDLENS_EXE] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ $# -ge 1 && $# -le 3 ]] || { echo "usage: $0 BINARY [BUILDLENS_EXE] [RUNS]" >&2; exit 2; }
binary="$1"
buildlens="${2:-$root/build/release/app/buildlens}"
runs="${3:-20}"
cat "$binary" >/dev/null # both start from a warm page cache

total_nm=0 total_bl=0
for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME
    nm -S --size-sort -C "$binary" >/dev/null
    t1=$EPOCHREALTIME
    "$buildlens" summary "$binary" --json >/dev/null
    t2=$EPOCHREALTIME
    total_nm=$(echo "$total_nm + $t1 - $t0" | bc -l)
    total_bl=$(echo "$total_bl + $t2 - $t1" | bc -l)
done
printf 'nm -S --size-sort -C  mean %7.1f ms\n' "$(echo "1000 * $total_nm / $runs" | bc -l)"
printf 'buildlens summary     mean %7.1f ms\n' "$(echo "1000 * $total_bl / $runs" | bc -l)"
printf 'ratio buildlens/nm    %.2f\n' "$(echo "$total_bl / $total_nm" | bc -l)"
