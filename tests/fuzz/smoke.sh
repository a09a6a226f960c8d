#!/bin/sh
# One libFuzzer target for a few seconds from a fresh corpus over its seeds (a ctest smoke run).
# usage: smoke.sh FUZZER SEEDS WORKDIR SECONDS   (a finding is kept in WORKDIR/findings/)
set -eu
fuzzer="$1" seeds="$2" work="$3" seconds="$4"
rm -rf "$work"
mkdir -p "$work/corpus" "$work/findings"
# -close_fd_mask=1: what the importers print is not the fuzzer's business; sanitizer reports go to stderr
status=0
"$fuzzer" "$work/corpus" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=2097152 -print_final_stats=1 -artifact_prefix="$work/findings/" -close_fd_mask=1 \
    >"$work/log" 2>&1 || status=$?
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/log" || true
if [ "$status" -ne 0 ]; then
    tail -n 60 "$work/log"
    echo "finding kept in $work/findings/: $(ls "$work/findings")"
fi
exit "$status"
