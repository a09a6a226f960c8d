#!/usr/bin/env bash
# Compares BuildLens's .mm_profdata summary with measureme's own `summarize` and with a plain read of the file
# (`cat FILE > /dev/null`) on the same profile, each a whole process: median wall time and peak RSS over N
# runs, and the ratios buildlens/summarize and buildlens/cat (the goals: at most 0.1x and 5x).
# Usage: compare-summarize.sh PROFILE [BUILDLENS_EXE]   (SUMMARIZE=path overrides the measureme tool)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 PROFILE [BUILDLENS_EXE]" >&2; exit 2; }
profile="$1"
buildlens="${2:-$root/build/release/app/buildlens}"
summarize="${SUMMARIZE:-$root/../shared/tools/bin/summarize}"
runs=${RUNS:-9}
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# summarize writes its JSON next to the profile, so it gets a private copy; the copy also warms the page cache
# for both tools.
cp "$profile" "$tmp/p.mm_profdata"

# Appends "seconds KB exit-status" to $1: wall time from bash's microsecond clock (GNU time's has 10 ms steps,
# as long as reading a 40 MB file takes), peak RSS from GNU time.
measure() {
    local log="$1"; shift
    local t0=$EPOCHREALTIME
    /usr/bin/time -f "%M %x" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || true
    local t1=$EPOCHREALTIME
    echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}') $(tail -n1 "$tmp/t")" >>"$log"
}
# Runs alternate so that drift in machine load affects both tools alike.
for ((i = 0; i < runs; i++)); do
    measure "$tmp/summarize" "$summarize" summarize --json "$tmp/p.mm_profdata"
    rm -f "$tmp/p.json"
    measure "$tmp/buildlens" "$buildlens" summary "$profile" --json
    measure "$tmp/cat" sh -c 'cat "$1" >/dev/null' cat "$profile"
done

median() { cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
report() {
    local failed
    failed=$(awk '$3 != 0' "$1" | wc -l)
    printf '%-10s median %7.4f s  peak RSS %8d KB' "$2" "$(median "$1" 1)" "$(median "$1" 2)"
    if ((failed == 0)); then echo; return 0; fi
    echo "  FAILED $failed/$runs runs (exit $(awk '$3 != 0 {print $3; exit}' "$1"))"
    return 1
}
echo "$profile ($(stat -c %s "$profile") bytes), $runs runs each"
report "$tmp/cat" cat || exit 1
report "$tmp/summarize" summarize || exit 1
if report "$tmp/buildlens" buildlens; then
    awk -v t1="$(median "$tmp/buildlens" 1)" -v t0="$(median "$tmp/summarize" 1)" \
        -v m1="$(median "$tmp/buildlens" 2)" -v m0="$(median "$tmp/summarize" 2)" \
        -v tc="$(median "$tmp/cat" 1)" \
        'BEGIN {printf "buildlens/summarize: time %s  peak RSS %.2fx\n", (t0 > 0 ? sprintf("%.2fx", t1 / t0) : "n/a"), m1 / m0;
                printf "buildlens/cat: time %s\n", (tc > 0 ? sprintf("%.1fx", t1 / tc) : "n/a")}'
else
    echo "buildlens's last error: $(head -c 300 "$tmp/err")"
    exit 1
fi
