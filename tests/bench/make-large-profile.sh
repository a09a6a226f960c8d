#!/usr/bin/env bash
# Makes a large real rustc self-profile (>= 30 MB) for benchmarking the .mm_profdata reader: compiles Debian's
# packaged `syn` with every feature under nightly `-Zself-profile`. Works offline (no crates.io needed).
# Usage: make-large-profile.sh OUTDIR   -> leaves OUTDIR/syn.mm_profdata and prints its path.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
outdir="$(mkdir -p "$1" && cd "$1" && pwd)"
out="$outdir/syn.mm_profdata"
min_bytes=$((30 * 1024 * 1024))
registry=/usr/share/cargo/registry

if ! compgen -G "$registry/syn-1.*" >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq librust-syn-dev >/dev/null
fi
syn_version="$(basename "$(compgen -G "$registry/syn-1.*" | sort -V | tail -1)")"
syn_version="${syn_version#syn-}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/crate/src" "$work/crate/.cargo" "$work/prof"
cat >"$work/crate/.cargo/config.toml" <<EOF
[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "$registry"
[net]
offline = true
EOF
cat >"$work/crate/Cargo.toml" <<EOF
[package]
name = "bigprofile"
version = "0.0.0"
edition = "2021"
[dependencies]
syn = { version = "=$syn_version", features = ["full", "extra-traits", "visit", "visit-mut", "fold"] }
EOF
echo >"$work/crate/src/lib.rs"

# Only syn is profiled, so the result is one file from one crate rather than one per dependency.
# The default events give about 50 MB with syn 1.0.107; `-Zself-profile-events=default,args` would give 125 MB.
cat >"$work/wrapper.sh" <<EOF
#!/usr/bin/env bash
prev=
for a in "\$@"; do
    if [[ \$prev == --crate-name && \$a == syn ]]; then
        exec "\$@" -Zself-profile="$work/prof"
    fi
    prev=\$a
done
exec "\$@"
EOF
chmod +x "$work/wrapper.sh"

# Debian's proc-macro2 1.0.47 detects a nightly compiler and turns on features that newer nightlies removed
# (E0635); allowing only the one it still needs makes its build script fall back to the stable code path.
(cd "$work/crate" &&
    RUSTC_WRAPPER="$work/wrapper.sh" RUSTFLAGS="-Zallow-features=proc_macro_diagnostic" \
        CARGO_TARGET_DIR="$work/target" cargo +nightly build --quiet)

profiles=("$work"/prof/*.mm_profdata)
[[ ${#profiles[@]} -eq 1 && -f ${profiles[0]} ]] || { echo "expected one profile, got: ${profiles[*]}" >&2; exit 1; }
size=$(stat -c %s "${profiles[0]}")
((size >= min_bytes)) || { echo "profile is only $size bytes (< $min_bytes)" >&2; exit 1; }
mv "${profiles[0]}" "$out"
echo "$out"
