#!/usr/bin/env bash
# Build cost at scale, side by side in one run (issue #13): a clean `cargo build --release` of a
# one-call downstream binary, each in a new, empty target directory, for
#   a  small-one: crates/graph-benches/scale/main.rs (`confirm_safe` on one sign-in) against the
#                 repository's graph-api (spec/, today's operations) with one area (`audit-logs`);
#   b  big-one:   the same binary against a graph-api generated from a synthetic corpus of
#                 OPERATIONS operations plus spec/ itself (`synth-corpus --with-templates --codegen`,
#                 so the same call exists in both), with the same one area;
#   c  big-full:  the same, with every area (`full`);
#   d  grs:       crates/graph-benches/scale/grs.rs (one `users().list_user()` call) against
#                 graph-rs-sdk 3.0.1 from crates.io, which covers all of Graph.
# a, b and c use a copy of the repository's Cargo.lock, so they resolve the same dependency
# versions; d resolves its own (the lock file is made before the timed build). The machine is
# shared: compare the ratios of one run, not absolute times; the load average is printed.
#
#   CARGO_TARGET_DIR=/work/target-bench crates/graph-benches/scale-build.sh
#
# Environment: OPERATIONS (2000), SEED (1), AREA (audit-logs), SIDES (small-one big-one big-full
# grs: any subset, in that order), KEEP=1 keeps the temporary workspaces (their path is printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
ops=${OPERATIONS:-2000}
seed=${SEED:-1}
area=${AREA:-audit-logs}
read -r -a sides <<<"${SIDES:-small-one big-one big-full grs}"
work=$(mktemp -d "${TMPDIR:-/tmp}/graph-scale.XXXXXX")
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$work"' EXIT; fi
echo "workspaces: $work"
echo "machine:    nproc=$(nproc), $(rustc --version), $(cargo --version)"
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit:     $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates spec || echo ' (with uncommitted changes)')"

# The synthetic crate: graph-api's manifest, with the workspace's dependencies spelt out and the
# marker lines between which `synth-corpus --codegen` writes the area features.
mkdir -p "$work/big/graph-api"
cat >"$work/big/graph-api/Cargo.toml" <<TOML
[package]
name = "graph-api"
version = "0.1.0"
edition = "2024"
publish = false

[features]
default = []
mock = ["dep:httpmock"]
$(grep '^# BEGIN generated features' "$root/crates/graph-api/Cargo.toml")
$(grep '^# END generated features' "$root/crates/graph-api/Cargo.toml")

[dependencies]
graph-runtime = { path = "$root/crates/graph-runtime" }
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }
httpmock = { version = "0.8", optional = true }
TOML
cargo build -q --release -p graph-benches --bin synth-corpus
"${CARGO_TARGET_DIR:-target}/release/synth-corpus" --operations "$ops" --seed "$seed" \
  --with-templates --codegen --out "$work/big" | sed 's/^/synth-corpus: /'
features() { sed -n '/^# BEGIN generated features/,/^# END generated features/p' "$1" | grep -cE '^[a-z0-9-]+ = \[\]'; }
echo "areas:      small $(features "$root/crates/graph-api/Cargo.toml"), big $(features "$work/big/graph-api/Cargo.toml")"

workspace() { # side, dependency line, main.rs, lock file or ''
  local side=$1
  mkdir -p "$work/$side/down/src"
  printf '[workspace]\nresolver = "3"\nmembers = ["down"]\n' >"$work/$side/Cargo.toml"
  cp "$3" "$work/$side/down/src/main.rs"
  cat >"$work/$side/down/Cargo.toml" <<TOML
[package]
name = "down"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
$2
tokio = { version = "1", default-features = false, features = ["rt"] }
TOML
  if [[ -n $4 ]]; then cp "$4" "$work/$side/Cargo.lock"; else
    (cd "$work/$side" && cargo generate-lockfile -q); fi
}
main="$root/crates/graph-benches/scale/main.rs"
workspace small-one "graph-api = { path = \"$root/crates/graph-api\", features = [\"$area\"] }" "$main" "$root/Cargo.lock"
workspace big-one "graph-api = { path = \"$work/big/graph-api\", features = [\"$area\"] }" "$main" "$root/Cargo.lock"
workspace big-full "graph-api = { path = \"$work/big/graph-api\", features = [\"full\"] }" "$main" "$root/Cargo.lock"
workspace grs 'graph-rs-sdk = "=3.0.1"' "$root/crates/graph-benches/scale/grs.rs" ''

lines() { find "$1" -name '*.rs' -exec cat {} + | wc -l; }
echo "generated:  small $(lines "$root/crates/graph-api/src") lines, big $(lines "$work/big/graph-api/src") lines of Rust"

declare -A wall cpu crates
build() { # side -> one clean release build, timed
  local side=$1 dir log times real user sys
  dir=$(mktemp -d "$work/target-$side.XXXX")
  log="$dir.log"
  times="$dir.times"
  TIMEFORMAT='%R %U %S'
  { time (cd "$work/$side" && CARGO_TARGET_DIR="$dir" CARGO_TERM_COLOR=never \
    cargo build --release -p down 2>"$log"); } 2>"$times" || { cat "$log" >&2; exit 1; }
  read -r real user sys <"$times"
  wall[$side]=$real
  cpu[$side]=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  crates[$side]=$(grep -c '^ *Compiling ' "$log" || true)
  echo "| $side | $real | $user | $sys | ${crates[$side]} | $(cut -d' ' -f1-3 /proc/loadavg) | $(date -u +%H:%M:%S) |"
  rm -rf "$dir"
}
echo
echo "| build | wall s | user s | sys s | crates compiled | load avg after | finished (UTC) |"
echo "|---|---|---|---|---|---|---|"
for side in "${sides[@]}"; do build "$side"; done
echo
ratio() { # label, numerator side, denominator side, target
  if [[ -n "${wall[$2]:-}" && -n "${wall[$3]:-}" ]]; then
    awk -v l="$1" -v a="${wall[$2]}" -v b="${wall[$3]}" -v c="${cpu[$2]}" -v d="${cpu[$3]}" -v t="$4" \
      'BEGIN { printf "%s: wall %.2f, CPU (user+sys) %.2f (target %s)\n", l, a / b, c / d, t }'
  fi
}
ratio "b/a big-one / small-one" big-one small-one "<= 1.15"
ratio "c/d big-full / graph-rs-sdk" big-full grs "< 1"
ratio "a/d small-one / graph-rs-sdk" small-one grs "<= 0.40, with <= 100 crates"
