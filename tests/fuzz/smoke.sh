#!/bin/sh
# One libFuzzer target for a few seconds from a fresh corpus over its seeds (a ctest smoke run).
# usage: smoke.sh FUZZER SEEDS WORKDIR SECONDS   (a finding is kept in WORKDIR/findings/)
set -eu
fuzzer="$1" seeds="$2" work="$3" seconds="$4"
rm -rf "$work"
status=0
sh "$(dirname "$0")/fuzz-one.sh" "$fuzzer" "$seconds" "$work/corpus" "$seeds" "$work/findings" "$work/log" ||
    status=$?
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/log" || true
if [ "$status" -ne 0 ]; then
    tail -n 60 "$work/log"
    echo "finding kept in $work/findings/: $(ls "$work/findings")"
fi
exit "$status"
