#!/usr/bin/env bash
# Builds the libFuzzer targets of the importers (the asan preset's tree, `fuzz` build preset: Clang, ASan + UBSan)
# and runs each for
# SECONDS (default 10) on a corpus seeded from tests/data and from the inputs that once went wrong
# (make-seeds.py). Prints executions per second and executions reached per target; exits non-zero when a
# target finds a crash, a hang (over 10 s on one input), a leak or memory past 2 GB; the input is kept in
# build/asan/fuzz/findings/<target>/.
#
# usage: tests/fuzz/run.sh [SECONDS] [TARGET...]     e.g. tests/fuzz/run.sh 3600 mm_profdata
# A long run (README): tests/fuzz/run.sh 7200 keeps the grown corpora in build/asan/fuzz/corpus for the next run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-10}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(timings_html build_analysis timing_info cargo_stderr mm_profdata profile_json bloat_json llvm_lines
        cargo_metadata hyperfine elf any)
fi
cd "$root"
cmake --preset asan >/dev/null
cmake --build --preset fuzz
build="$root/build/asan/fuzz"
seeds="$build/seeds"
rm -rf "$seeds"
python3 tests/fuzz/make-seeds.py tests/data "$seeds"
status=0
printf '%-16s %10s %14s %8s  %s\n' target "exec/s" executions corpus result
for t in "${targets[@]}"; do
    corpus="$build/corpus/$t"
    findings="$build/findings/$t"
    mkdir -p "$corpus" "$findings"
    log="$build/fuzz_$t.log"
    result=ok
    # -close_fd_mask=1: nothing the importers print belongs in the log (sanitizer reports go to stderr)
    if ! "$root/build/asan/tests/fuzz/fuzz_$t" "$corpus" "$seeds/$t" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=2097152 -print_final_stats=1 -artifact_prefix="$findings/" \
        -close_fd_mask=1 >"$log" 2>&1; then
        result="FAILED: $(grep -m1 -E 'ERROR|ABORT|timeout|out-of-memory|leak' "$log" || echo "see $log")"
        status=1
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    size=$(find "$corpus" -type f | wc -l)
    printf '%-16s %10s %14s %8s  %s\n' "$t" "${rate:-?}" "${execs:-?}" "$size" "$result"
done
exit $status
