#!/bin/sh
# Runs one libFuzzer target over a corpus and its seeds; what smoke.sh (ctest) and run.sh (long runs) share.
# usage: fuzz-one.sh FUZZER SECONDS CORPUS SEEDS FINDINGS LOG
# Inputs are capped at 64 KB (ELF at 2 MB, whose seeds are whole binaries): the importers' structure fits in a
# few kilobytes, and a smaller input runs several times as often (.mm_profdata: 110 to 890 executions a second
# under ASan). Sizes past the cap are the unit tests' business (tst_broken_inputs, tst_self_profile).
set -eu
fuzzer="$1" seconds="$2" corpus="$3" seeds="$4" findings="$5" log="$6"
case "$(basename "$fuzzer")" in
fuzz_elf) max_len=2097152 ;;
*) max_len=65536 ;;
esac
mkdir -p "$corpus" "$findings"
# -close_fd_mask=1: what the importers print is not the fuzzer's business; sanitizer reports go to stderr
# A hang is an input that runs past BUILDLENS_FUZZ_TIMEOUT seconds (default 10; a long run beside other work,
# which can starve the fuzzer, wants more).
exec "$fuzzer" "$corpus" "$seeds" -max_total_time="$seconds" -timeout="${BUILDLENS_FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$findings/" -close_fd_mask=1 \
    >"$log" 2>&1
