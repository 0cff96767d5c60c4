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
#                 graph-rs-sdk 3.0.1 from crates.io, which covers all of Graph;
#   e  real-one:  the binary of a against the crate `cargo xtask corpus` generates from the whole
#                 docs checkout (issue #20; package `graph-api-corpus`, lib `graph_api`), same area;
#   f  real-full: the same, with every area (`full`).
# a, b, c, e and f use a copy of the repository's Cargo.lock, so they resolve the same dependency
# versions; d resolves its own (the lock file is made before the timed build). Each build runs
# under `/usr/bin/time`: its peak RSS is that of the largest single process (cargo waits for each
# rustc; Linux keeps the maximum of the reaped children). The machine is shared: compare the
# ratios of one run, not absolute times; the load average is printed.
#
#   CARGO_TARGET_DIR=/work/target-bench crates/graph-benches/scale-build.sh
#   WORK=/work/scale-build KEEP=1 SIDES="real-full grs" crates/graph-benches/scale-build.sh
#
# Environment: OPERATIONS (2000), SEED (1), AREA (audit-logs), SIDES (small-one big-one big-full
# grs real-one real-full: any subset, in that order), KEEP=1 keeps the workspaces (their path is
# printed), WORK (the workspaces' directory instead of a new temporary one; never removed), NICE (a `nice`
# level for the builds, default 0). For the real sides: CORPUS, the --out directory of an earlier
# `cargo xtask corpus` run (by default the script runs `cargo xtask corpus --no-check --no-lint`
# into the workspaces under `/usr/bin/time -v`, printing its stage times and peak RSS), DOCS
# (the docs checkout, default ../shared/graph-docs).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
ops=${OPERATIONS:-2000}
seed=${SEED:-1}
area=${AREA:-audit-logs}
read -r -a sides <<<"${SIDES:-small-one big-one big-full grs}"
if [[ -n "${WORK:-}" ]]; then mkdir -p "$WORK" && work=$(cd "$WORK" && pwd); else
  work=$(mktemp -d "${TMPDIR:-/tmp}/graph-scale.XXXXXX"); fi
if [[ "${KEEP:-0}" != 1 && -z "${WORK:-}" ]]; then trap 'rm -rf "$work"' EXIT; fi # WORK is kept
echo "workspaces: $work"
echo "machine:    nproc=$(nproc), $(rustc --version), $(cargo --version)"
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit:     $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates spec xtask || echo ' (with uncommitted changes)')"
wants() { [[ " ${sides[*]} " == *" $1"* ]]; } # a side whose name starts with $1 is asked for
lines() { find "$1" -name '*.rs' -exec cat {} + | wc -l; }
features() { sed -n '/^# BEGIN generated features/,/^# END generated features/p' "$1" | grep -cE '^[a-z0-9-]+ = \[\]'; }
echo "generated:  small $(lines "$root/crates/graph-api/src") lines of Rust, $(features "$root/crates/graph-api/Cargo.toml") areas," \
  "$(find "$root/spec" -mindepth 2 -path '*/types' -prune -o -name '*.json' -print | wc -l) operation specs"

if wants big; then
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
echo "generated:  big $(lines "$work/big/graph-api/src") lines of Rust, $(features "$work/big/graph-api/Cargo.toml") areas"
fi

if wants real; then
  # The whole docs checkout as one crate (issue #20). Its report.md has the counts and the time
  # of each stage (`generate`: codegen and writing the files).
  corpus=${CORPUS:-}
  if [[ -z $corpus ]]; then
    corpus="$work/corpus"
    cargo build -q --release -p xtask
    echo "corpus:     /usr/bin/time -v xtask corpus --out $corpus --docs ${DOCS:-../shared/graph-docs} --no-check --no-lint"
    /usr/bin/time -v -o "$work/corpus.time" "${CARGO_TARGET_DIR:-target}/release/xtask" corpus --out "$corpus" \
      --docs "${DOCS:-$root/../shared/graph-docs}" --no-check --no-lint >"$work/corpus.log" 2>&1 ||
      { tail -20 "$work/corpus.log" >&2; exit 1; }
    echo "corpus:     $(grep -E 'Elapsed|Maximum resident' "$work/corpus.time" | sed 's/^\s*//' | paste -sd';')"
  fi
  echo "corpus:     $(grep -E '^Time: ' "$corpus/report.md")"
  echo "corpus:     $(grep -E '^\| in the generated crate' "$corpus/report.md")"
  echo "generated:  real $(lines "$corpus/crate/src") lines of Rust in $(find "$corpus/crate/src" -name '*.rs' | wc -l) files," \
    "$(features "$corpus/crate/Cargo.toml") areas; largest files:"
  find "$corpus/crate/src" -name '*.rs' -printf '%s %P\n' | sort -rn | sed -n 1,3p |
    while read -r size file; do echo "            $file: $size bytes, $(wc -l <"$corpus/crate/src/$file") lines"; done
fi

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
if wants big; then
workspace big-one "graph-api = { path = \"$work/big/graph-api\", features = [\"$area\"] }" "$main" "$root/Cargo.lock"
workspace big-full "graph-api = { path = \"$work/big/graph-api\", features = [\"full\"] }" "$main" "$root/Cargo.lock"
fi
workspace grs 'graph-rs-sdk = "=3.0.1"' "$root/crates/graph-benches/scale/grs.rs" ''
if wants real; then
  real="graph-api = { package = \"graph-api-corpus\", path = \"$corpus/crate\""
  workspace real-one "$real, features = [\"$area\"] }" "$main" "$root/Cargo.lock"
  workspace real-full "$real, features = [\"full\"] }" "$main" "$root/Cargo.lock"
fi

declare -A wall cpu crates
build() { # side -> one clean release build, timed, with its peak RSS
  local side=$1 dir log times real user sys rss status=0
  dir=$(mktemp -d "$work/target-$side.XXXX")
  log="$dir.log"
  times="$dir.times"
  (cd "$work/$side" && CARGO_TARGET_DIR="$dir" CARGO_TERM_COLOR=never \
    /usr/bin/time -f '%e %U %S %M' -o "$times" nice -n "${NICE:-0}" cargo build --release -p down 2>"$log") || status=$?
  read -r real user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$times")
  if [[ $status != 0 ]]; then # reported, not hidden: how far it got, and with how much memory
    echo "| $side | FAILED (exit $status) after $real | $user | $sys | $(grep -c '^ *Compiling ' "$log" || true) | $((rss / 1024)) | $(cut -d' ' -f1-3 /proc/loadavg) | $(date -u +%H:%M:%S) |"
    tail -5 "$log" | sed 's/^/    /'
    return
  fi
  wall[$side]=$real
  cpu[$side]=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  crates[$side]=$(grep -c '^ *Compiling ' "$log" || true)
  echo "| $side | $real | $user | $sys | ${crates[$side]} | $((rss / 1024)) | $(cut -d' ' -f1-3 /proc/loadavg) | $(date -u +%H:%M:%S) |"
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$dir"; fi
}
echo
echo "load avg before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S) UTC"
echo "| build | wall s | user s | sys s | crates compiled | peak RSS MiB | load avg after | finished (UTC) |"
echo "|---|---|---|---|---|---|---|---|"
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
ratio "e/a real-one / small-one" real-one small-one "<= 1.15 as b/a; #20 sets 1.3 for cargo check: scale-check.sh"
ratio "f/d real-full / graph-rs-sdk" real-full grs "< 1, peak memory < 8 GB"
