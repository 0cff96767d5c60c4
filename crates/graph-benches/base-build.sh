#!/usr/bin/env bash
# The base, before and after a change to graph-runtime's dependencies, side by side in one run: a
# clean `cargo build --release` of the one-call binary (crates/graph-benches/scale/main.rs) against
# the graph-api of BASE (a git revision, extracted with `git archive`) and of the working tree,
# each with its own Cargo.lock, in a new empty target directory. Also counts graph-runtime's normal
# dependencies as the issue does (`cargo tree -p graph-runtime -e normal --prefix none | sort -u | wc -l`).
#
#   BASE=aa0a44c CARGO_TARGET_DIR=/work/target-bench crates/graph-benches/base-build.sh
#
# Environment: BASE (required), ROUNDS (1: before, after; 2: before, after, after, before).
# The base against graph-rs-sdk, and the 2,000-operation crate, are in scale-build.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
base=${BASE:?set BASE to the git revision before the change}
rounds=${ROUNDS:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/graph-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "machine: nproc=$(nproc), $(rustc --version), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
mkdir -p "$work/before-src"
git archive "$base" | tar -x -C "$work/before-src"
declare -A src=([before]="$work/before-src" [after]="$root")
for side in before after; do
  echo "$side: $(cd "${src[$side]}" && git rev-parse --short HEAD 2>/dev/null || echo "$base") graph-runtime normal deps:" \
    "$(cd "${src[$side]}" && cargo tree -q -p graph-runtime -e normal --prefix none | sort -u | wc -l)"
  mkdir -p "$work/$side/down/src"
  printf '[workspace]\nresolver = "3"\nmembers = ["down"]\n' >"$work/$side/Cargo.toml"
  cp "${src[$side]}/Cargo.lock" "$work/$side/Cargo.lock"
  cp "$root/crates/graph-benches/scale/main.rs" "$work/$side/down/src/main.rs"
  # Since graph-api has features by area, the binary enables the one it calls.
  features=''
  if grep -q '^audit-logs = \[\]' "${src[$side]}/crates/graph-api/Cargo.toml"; then
    features=', features = ["audit-logs"]'
  fi
  cat >"$work/$side/down/Cargo.toml" <<TOML
[package]
name = "down"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
graph-api = { path = "${src[$side]}/crates/graph-api"$features }
tokio = { version = "1", default-features = false, features = ["rt"] }
TOML
done
declare -A total
echo
echo "| base | wall s | user s | sys s | crates compiled | load avg after |"
echo "|---|---|---|---|---|---|"
order=(before after)
if [[ $rounds == 2 ]]; then order=(before after after before); fi
for side in "${order[@]}"; do
  dir=$(mktemp -d "$work/target-$side.XXXX")
  TIMEFORMAT='%R %U %S'
  { time (cd "$work/$side" && CARGO_TARGET_DIR="$dir" CARGO_TERM_COLOR=never \
    cargo build --release -p down 2>"$dir.log"); } 2>"$dir.times" || { cat "$dir.log" >&2; exit 1; }
  read -r real user sys <"$dir.times"
  echo "| $side | $real | $user | $sys | $(grep -c '^ *Compiling ' "$dir.log" || true) | $(cut -d' ' -f1-3 /proc/loadavg) |"
  total[$side]=$(awk -v a="${total[$side]:-0}" -v b="$real" 'BEGIN { print a + b }')
  rm -rf "$dir"
done
echo
awk -v a="${total[after]}" -v b="${total[before]}" \
  'BEGIN { printf "ratio after/before (wall, summed over rounds): %.2f\n", a / b }'
