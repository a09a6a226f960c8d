#!/usr/bin/env bash
# Compares BuildLens's .mm_profdata summary with measureme's own `summarize` on the same profile: median wall
# time and peak RSS of each over N runs, and the ratios buildlens/summarize.
# Usage: compare-summarize.sh PROFILE [BUILDLENS_EXE]   (SUMMARIZE=path overrides the measureme tool)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 PROFILE [BUILDLENS_EXE]" >&2; exit 2; }
profile="$1"
buildlens="${2:-$root/build/ci/app/buildlens}"
summarize="${SUMMARIZE:-$root/../shared/tools/bin/summarize}"
runs=5
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# summarize writes its JSON next to the profile, so it gets a private copy; the copy also warms the page cache
# for both tools.
cp "$profile" "$tmp/p.mm_profdata"

# Appends "seconds KB exit-status" to $1; GNU time puts a "Command exited with..." line first on failure.
measure() {
    local log="$1"; shift
    /usr/bin/time -f "%e %M %x" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || true
    tail -n1 "$tmp/t" >>"$log"
}
# Runs alternate so that drift in machine load affects both tools alike.
for ((i = 0; i < runs; i++)); do
    measure "$tmp/summarize" "$summarize" summarize --json "$tmp/p.mm_profdata"
    rm -f "$tmp/p.json"
    measure "$tmp/buildlens" "$buildlens" summary "$profile" --json
done

median() { cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
report() {
    local failed
    failed=$(awk '$3 != 0' "$1" | wc -l)
    printf '%-10s median %6.2f s  peak RSS %8d KB' "$2" "$(median "$1" 1)" "$(median "$1" 2)"
    if ((failed == 0)); then echo; return 0; fi
    echo "  FAILED $failed/$runs runs (exit $(awk '$3 != 0 {print $3; exit}' "$1"))"
    return 1
}
echo "$profile ($(stat -c %s "$profile") bytes), $runs runs each"
report "$tmp/summarize" summarize || exit 1
if report "$tmp/buildlens" buildlens; then
    awk -v t1="$(median "$tmp/buildlens" 1)" -v t0="$(median "$tmp/summarize" 1)" \
        -v m1="$(median "$tmp/buildlens" 2)" -v m0="$(median "$tmp/summarize" 2)" \
        'BEGIN {printf "buildlens/summarize: time %s  peak RSS %.2fx\n", (t0 > 0 ? sprintf("%.2fx", t1 / t0) : "n/a"), m1 / m0}'
else
    echo "buildlens's last error: $(head -c 300 "$tmp/err")"
    exit 1
fi
