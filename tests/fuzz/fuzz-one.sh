#!/bin/sh
# Runs one libFuzzer target over a corpus and its seeds; what smoke.sh (ctest) and run.sh (long runs) share.
# usage: fuzz-one.sh FUZZER SECONDS CORPUS SEEDS FINDINGS LOG
# Inputs are capped at 16 KB (ELF at 2 MB, whose seeds are whole binaries): the importers' structure fits in a
# few kilobytes, make-seeds.py gives every target a lean real seed under the cap, and a smaller input runs several
# times as often. Timings HTML ran 221 executions a second at 64 KB and 1,311 at 16 KB; .mm_profdata ran 567 at
# 64 KB and 2,339 at 16 KB, and reached in one minute from its lean seeds the 1,550 edges that two hours at 64 KB
# had found. Sizes past the cap are the unit tests' business (tst_broken_inputs, tst_self_profile).
set -eu
fuzzer="$1" seconds="$2" corpus="$3" seeds="$4" findings="$5" log="$6"
case "$(basename "$fuzzer")" in
fuzz_elf) max_len=2097152 ;;
*) max_len=16384 ;;
esac
mkdir -p "$corpus" "$findings"
# -close_fd_mask=1: what the importers print is not the fuzzer's business; sanitizer reports go to stderr
# A hang is an input that runs past BUILDLENS_FUZZ_TIMEOUT seconds (default 10; a long run beside other work,
# which can starve the fuzzer, wants more).
# -reload=0: a corpus belongs to one process, so there is nothing to re-read from it every second.
# ASan's quarantine at 16 MB rather than 256: freed memory is still held back for several executions' worth of
# allocations, and the allocator stops touching fresh pages at every call (timings HTML replays 1.5 times as fast).
# Allocation stacks 8 frames deep rather than 30. ASAN_OPTIONS from the caller come after, and win.
export ASAN_OPTIONS="quarantine_size_mb=16:malloc_context_size=8${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
exec "$fuzzer" "$corpus" "$seeds" -max_total_time="$seconds" -timeout="${BUILDLENS_FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=2048 -max_len="$max_len" -reload=0 -print_final_stats=1 -artifact_prefix="$findings/" \
    -close_fd_mask=1 >"$log" 2>&1
