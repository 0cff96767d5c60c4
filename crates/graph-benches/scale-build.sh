#!/usr/bin/env bash
# Build cost at scale, side by side in one run: a clean `cargo build --release` of the same one-call
# downstream binary (crates/graph-benches/scale/main.rs: `confirm_safe` on one sign-in) against
#   small: the repository's graph-api (spec/, today's operations), and
#   big:   a graph-api generated from a synthetic corpus of OPERATIONS operations plus spec/ itself
#          (`synth-corpus --with-templates --codegen`, so the same call exists in both).
# Each build starts from a new, empty target directory; both temporary workspaces use a copy of the
# repository's Cargo.lock, so both resolve the same dependency versions. The machine is shared:
# compare the ratio big/small of one run, not absolute times.
#
#   CARGO_TARGET_DIR=/work/target-bench crates/graph-benches/scale-build.sh
#
# Environment: OPERATIONS (2000), SEED (1), ROUNDS (1: small, big; 2: small, big, big, small),
# KEEP=1 keeps the temporary workspaces (their path is printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
ops=${OPERATIONS:-2000}
seed=${SEED:-1}
rounds=${ROUNDS:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/graph-scale.XXXXXX")
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$work"' EXIT; fi
echo "workspaces: $work"
echo "machine:    nproc=$(nproc), $(rustc --version), $(cargo --version)"
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"

cargo build -q --release -p graph-benches --bin synth-corpus
"${CARGO_TARGET_DIR:-target}/release/synth-corpus" --operations "$ops" --seed "$seed" \
  --with-templates --codegen --out "$work/big" | sed 's/^/synth-corpus: /'

# The synthetic crate: graph-api's manifest, with the workspace's dependencies spelt out.
mkdir -p "$work/big/graph-api"
cat >"$work/big/graph-api/Cargo.toml" <<TOML
[package]
name = "graph-api"
version = "0.1.0"
edition = "2024"
publish = false

[features]
mock = ["dep:httpmock"]

[dependencies]
graph-runtime = { path = "$root/crates/graph-runtime" }
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }
httpmock = { version = "0.8", optional = true }
TOML

for side in small big; do
  if [[ $side == small ]]; then api="$root/crates/graph-api"; members='"down"'; else
    api="$work/big/graph-api"; members='"down", "graph-api"'; fi
  mkdir -p "$work/$side/down/src"
  printf '[workspace]\nresolver = "3"\nmembers = [%s]\n' "$members" >"$work/$side/Cargo.toml"
  cp "$root/Cargo.lock" "$work/$side/Cargo.lock"
  cp "$root/crates/graph-benches/scale/main.rs" "$work/$side/down/src/main.rs"
  cat >"$work/$side/down/Cargo.toml" <<TOML
[package]
name = "down"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
graph-api = { path = "$api" }
tokio = { version = "1", default-features = false, features = ["rt"] }
TOML
done

lines() { find "$1" -name '*.rs' -exec cat {} + | wc -l; }
echo "generated:  small $(lines "$root/crates/graph-api/src") lines, big $(lines "$work/big/graph-api/src") lines of Rust"

declare -A total
build() { # side -> one clean release build, timed
  local side=$1 dir log times real user sys compiled
  dir=$(mktemp -d "$work/target-$side.XXXX")
  log="$dir.log"
  times="$dir.times"
  TIMEFORMAT='%R %U %S'
  { time (cd "$work/$side" && CARGO_TARGET_DIR="$dir" CARGO_TERM_COLOR=never \
    cargo build --release -p down 2>"$log"); } 2>"$times" || { cat "$log" >&2; exit 1; }
  read -r real user sys <"$times"
  compiled=$(grep -c '^ *Compiling ' "$log" || true)
  echo "| $side | $real | $user | $sys | $compiled | $(cut -d' ' -f1-3 /proc/loadavg) |"
  total[$side]=$(awk -v a="${total[$side]:-0}" -v b="$real" 'BEGIN { print a + b }')
  rm -rf "$dir"
}
order=(small big)
if [[ $rounds == 2 ]]; then order=(small big big small); fi
echo
echo "| crate | wall s | user s | sys s | crates compiled | load avg after |"
echo "|---|---|---|---|---|---|"
for side in "${order[@]}"; do build "$side"; done
echo
awk -v s="${total[small]}" -v b="${total[big]}" \
  'BEGIN { printf "ratio big/small (wall, summed over rounds): %.2f\n", b / s }'
