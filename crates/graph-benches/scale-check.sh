#!/usr/bin/env bash
# One area's `cargo check`, side by side in one run (issue #20): today's graph-api (spec/) against
# the crate `cargo xtask corpus` generates from the whole docs checkout (package
# `graph-api-corpus`, lib `graph_api`, the same area features), with the same area, warm
# dependencies. Each side has its own target directory, warmed by one untimed check; then, for each
# area and round, each side in turn: `cargo clean -p <its package>` and a timed
# `cargo check --no-default-features --features AREA` under `/usr/bin/time` (wall, CPU, and the
# peak RSS of the largest process: rustc checking graph_api). Both use the repository's
# Cargo.lock and the same graph-runtime.
#
#   CORPUS=/work/scale-corpus WORK=/work/scale-check crates/graph-benches/scale-check.sh
#
# Environment: CORPUS (required: the --out directory of `cargo xtask corpus`), AREAS ("audit-logs
# users"; `full` is every area), ROUNDS (1), WORK (the target directories' parent, default a new
# temporary directory, removed at the end unless KEEP=1), NICE (a `nice` level, default 0).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
corpus=${CORPUS:?set CORPUS to the --out directory of cargo xtask corpus}
read -r -a areas <<<"${AREAS:-audit-logs users}"
rounds=${ROUNDS:-1}
if [[ -n "${WORK:-}" ]]; then mkdir -p "$WORK" && work=$(cd "$WORK" && pwd); else
  work=$(mktemp -d "${TMPDIR:-/tmp}/graph-check.XXXXXX"); fi
if [[ "${KEEP:-0}" != 1 && -z "${WORK:-}" ]]; then trap 'rm -rf "$work"' EXIT; fi
echo "machine: nproc=$(nproc), $(rustc --version), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates spec xtask || echo ' (with uncommitted changes)')"
declare -A manifest=([small]="$root/crates/graph-api/Cargo.toml" [real]="$corpus/crate/Cargo.toml")
declare -A package=([small]=graph-api [real]=graph-api-corpus)

check() { # side, features -> "wall user sys rss-KiB status"
  local side=$1 times="$work/check-$1.times" status=0
  CARGO_TARGET_DIR="$work/target-check-$side" CARGO_TERM_COLOR=never \
    /usr/bin/time -f '%e %U %S %M' -o "$times" nice -n "${NICE:-0}" \
    cargo check -q --manifest-path "${manifest[$side]}" --no-default-features --features "$2" \
    2>"$work/check-$side.log" || status=$?
  echo "$(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$times") $status"
}
for side in small real; do # warm dependencies (untimed)
  read -r real _ _ _ status < <(check "$side" "${areas[0]}")
  echo "warm-up: $side, ${areas[0]}: $real s, exit $status"
done

declare -A wall cpu
echo
echo "load avg before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S) UTC"
echo "| area | side | round | wall s | user s | sys s | peak RSS MiB | warnings | exit | load avg after |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for area in "${areas[@]}"; do
  for ((round = 1; round <= rounds; round++)); do
    for side in small real; do
      CARGO_TARGET_DIR="$work/target-check-$side" cargo clean -q --manifest-path "${manifest[$side]}" \
        -p "${package[$side]}" 2>/dev/null
      read -r real user sys rss status < <(check "$side" "$area")
      warnings=$(grep -c '^warning' "$work/check-$side.log" || true)
      echo "| $area | $side | $round | $real | $user | $sys | $((rss / 1024)) | $warnings | $status | $(cut -d' ' -f1-3 /proc/loadavg) |"
      if [[ $status != 0 ]]; then sed 's/^/    /' "$work/check-$side.log" | head -10; fi
      wall[$area.$side]=$(awk -v a="${wall[$area.$side]:-0}" -v b="$real" 'BEGIN { print a + b }')
      cpu[$area.$side]=$(awk -v a="${cpu[$area.$side]:-0}" -v u="$user" -v s="$sys" 'BEGIN { print a + u + s }')
    done
  done
done
echo
for area in "${areas[@]}"; do
  target='target <= 1.3'
  if [[ $area == full ]]; then target='every area: no target'; fi
  awk -v l="$area" -v a="${wall[$area.real]}" -v b="${wall[$area.small]}" \
    -v c="${cpu[$area.real]}" -v d="${cpu[$area.small]}" -v t="$target" \
    'BEGIN { printf "%s real/small: wall %.2f, CPU (user+sys) %.2f (%s)\n", l, a / b, c / d, t }'
done
