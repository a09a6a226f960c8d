#!/usr/bin/env bash
# Builds the libFuzzer targets of the importers (the asan preset's tree, `fuzz` build preset: Clang, ASan + UBSan)
# and runs each for SECONDS (default 10), JOBS at a time (default: the number of cores), on a corpus seeded from
# tests/data and from the inputs that once went wrong (make-seeds.py). The grown corpora stay in
# build/asan/fuzz/corpus, so runs add up: each run's executions are appended to build/asan/fuzz/ledger.tsv and
# the table shows this run's executions per second and executions, and every run's total for the target.
# Exits non-zero when a target finds a crash, a hang (over 10 s on one input), a leak or memory past 2 GB; the
# input is kept in build/asan/fuzz/findings/<target>/.
#
# usage: [JOBS=N] [BUILDLENS_FUZZ_TIMEOUT=S] tests/fuzz/run.sh [SECONDS] [TARGET[:SECONDS]...]
#   e.g. tests/fuzz/run.sh 3600 mm_profdata; tests/fuzz/run.sh 600 elf:2400 hyperfine any (elf for 2400 s)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-10}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(timings_html build_analysis timing_info cargo_stderr mm_profdata profile_json bloat_json llvm_lines
        cargo_metadata hyperfine elf any)
fi
jobs="${JOBS:-$(nproc)}"
cd "$root"
cmake --preset asan >/dev/null
cmake --build --preset fuzz
build="$root/build/asan/fuzz"
seeds="$build/seeds"
rm -rf "$seeds"
python3 tests/fuzz/make-seeds.py tests/data "$seeds"
ledger="$build/ledger.tsv"
[ -f "$ledger" ] || printf 'date\ttarget\tseconds\texecutions\texec_per_s\tresult\n' >"$ledger"

run_one() {
    local t="$1" secs="$2" log="$build/fuzz_$1.log" result=ok
    if ! sh tests/fuzz/fuzz-one.sh "$root/build/asan/tests/fuzz/fuzz_$t" "$secs" "$build/corpus/$t" "$seeds/$t" \
        "$build/findings/$t" "$log"; then
        result="FAILED: $(grep -m1 -E 'ERROR|ABORT|timeout|out-of-memory|leak' "$log" || echo "see $log")"
    fi
    local execs rate
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$secs" "${execs:-0}" "${rate:-0}" "$result" \
        >>"$ledger"
}

names=()
for spec in "${targets[@]}"; do
    t="${spec%%:*}"
    secs="$seconds"
    [ "$spec" = "$t" ] || secs="${spec#*:}"
    names+=("$t")
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n || true
    done
    run_one "$t" "$secs" &
done
wait

status=0
printf '%-16s %10s %14s %16s %8s  %s\n' target "exec/s" executions "all runs" corpus result
for t in "${names[@]}"; do
    line=$(awk -F'\t' -v t="$t" '$2 == t { last = $0 } END { print last }' "$ledger")
    total=$(awk -F'\t' -v t="$t" '$2 == t { s += $4 } END { print s + 0 }' "$ledger")
    IFS=$'\t' read -r _ _ _ execs rate result <<<"$line"
    size=$(find "$build/corpus/$t" -type f | wc -l)
    printf '%-16s %10s %14s %16s %8s  %s\n' "$t" "$rate" "$execs" "$total" "$size" "$result"
    case "$result" in ok*) ;; *) status=1 ;; esac
done
exit $status
