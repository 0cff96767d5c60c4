#!/usr/bin/env bash
# The one-call binary against its floor, side by side in one run (issue #21): a clean
# `cargo build --release` of each side below, one after the other, each in a new, empty target
# directory, all with a copy of the workspace's Cargo.lock (same dependency versions):
#   floor         crates/graph-benches/floor/main.rs: the same POST written by hand on the stack
#                 graph-runtime uses (reqwest, rustls/ring, webpki-roots, tokio, serde_json);
#   one-call      crates/graph-benches/scale/main.rs against this tree's graph-api (`audit-logs`,
#                 default features: gzip on);
#   no-gzip       the same with graph-api's default features off (no `gzip`);
#   base          the same binary against the graph-api of BASE (a git revision, `git archive`,
#                 its own Cargo.lock), when BASE is set.
# Prints wall/user/sys seconds and crates compiled per side, and the ratios to the floor (CPU is
# user + sys: on this shared machine wall time follows the load; compare within one run).
#
#   CARGO_TARGET_DIR=/work/target-bench crates/graph-benches/floor-build.sh
#   SIDES="floor one-call" crates/graph-benches/floor-build.sh
#   BASE=729d818 SIDES="floor base one-call no-gzip" crates/graph-benches/floor-build.sh
#
# Environment: SIDES (default "floor one-call no-gzip", plus "base" when BASE is set).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
default_sides="floor one-call no-gzip${BASE:+ base}"
read -r -a sides <<<"${SIDES:-$default_sides}"
work=$(mktemp -d "${TMPDIR:-/tmp}/graph-floor.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "machine: nproc=$(nproc), $(rustc --version), $(date -u +%Y-%m-%dT%H:%M:%SZ)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates || echo ' (with uncommitted changes)')"
echo "graph-runtime normal dependencies (cargo tree -e normal, default features):" \
  "$(cargo tree -q -p graph-runtime -e normal --prefix none | sort -u | wc -l)"

manifest() { # side, dependency lines
  mkdir -p "$work/$1/down/src"
  printf '[workspace]\nresolver = "3"\nmembers = ["down"]\n' >"$work/$1/Cargo.toml"
  cat >"$work/$1/down/Cargo.toml" <<TOML
[package]
name = "down"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
$2
TOML
}
tokio_dep='tokio = { version = "1", default-features = false, features = ["rt"] }'
for side in "${sides[@]}"; do
  case $side in
    floor)
      manifest floor "$tokio_dep
reqwest = { version = \"0.13\", default-features = false, features = [\"json\", \"rustls-no-provider\"] }
rustls = { version = \"0.23\", default-features = false, features = [\"ring\", \"std\", \"tls12\"] }
webpki-roots = \"1\"
serde_json = { version = \"1\", features = [\"preserve_order\"] }"
      cp "$root/crates/graph-benches/floor/main.rs" "$work/floor/down/src/main.rs"
      cp "$root/Cargo.lock" "$work/floor/Cargo.lock"
      ;;
    one-call)
      manifest one-call "$tokio_dep
graph-api = { path = \"$root/crates/graph-api\", features = [\"audit-logs\"] }"
      ;;
    no-gzip)
      manifest no-gzip "$tokio_dep
graph-api = { path = \"$root/crates/graph-api\", default-features = false, features = [\"audit-logs\"] }"
      ;;
    base)
      mkdir -p "$work/base-src"
      git archive "${BASE:?set BASE for the base side}" | tar -x -C "$work/base-src"
      manifest base "$tokio_dep
graph-api = { path = \"$work/base-src/crates/graph-api\", features = [\"audit-logs\"] }"
      ;;
    *) echo "unknown side $side" >&2; exit 2 ;;
  esac
  if [[ $side != floor ]]; then
    cp "$root/crates/graph-benches/scale/main.rs" "$work/$side/down/src/main.rs"
    if [[ $side == base ]]; then cp "$work/base-src/Cargo.lock" "$work/base/Cargo.lock"
    else cp "$root/Cargo.lock" "$work/$side/Cargo.lock"; fi
  fi
done

echo
echo "| side | wall s | user s | sys s | CPU s | crates compiled | load avg after |"
echo "|---|---|---|---|---|---|---|"
declare -A wall cpu
for side in "${sides[@]}"; do
  dir=$(mktemp -d "$work/target-$side.XXXX")
  TIMEFORMAT='%R %U %S'
  { time (cd "$work/$side" && CARGO_TARGET_DIR="$dir" CARGO_TERM_COLOR=never \
    cargo build --release -p down 2>"$dir.log"); } 2>"$dir.times" || { cat "$dir.log" >&2; exit 1; }
  read -r real user sys <"$dir.times"
  wall[$side]=$real
  cpu[$side]=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  echo "| $side | $real | $user | $sys | ${cpu[$side]} | $(grep -c '^ *Compiling ' "$dir.log" || true) | $(cut -d' ' -f1-3 /proc/loadavg) |"
  rm -rf "$dir"
done
if [[ -n ${wall[floor]:-} ]]; then
  echo
  for side in "${sides[@]}"; do
    [[ $side == floor ]] && continue
    awk -v s="$side" -v w="${wall[$side]}" -v c="${cpu[$side]}" -v fw="${wall[floor]}" -v fc="${cpu[floor]}" \
      'BEGIN { printf "%s / floor: wall %.3f, CPU %.3f\n", s, w / fw, c / fc }'
  done
fi
if [[ -n ${cpu[one-call]:-} && -n ${cpu[no-gzip]:-} ]]; then
  awk -v a="${cpu[one-call]}" -v b="${cpu[no-gzip]}" -v wa="${wall[one-call]}" -v wb="${wall[no-gzip]}" \
    'BEGIN { printf "gzip cost (one-call / no-gzip): wall %.3f, CPU %.3f\n", wa / wb, a / b }'
fi
