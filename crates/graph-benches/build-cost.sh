#!/usr/bin/env bash
# Build cost of the generated bindings: a clean release build of graph-api (and so graph-runtime
# and every dependency) in a fresh, empty target directory, timed, with the crates compiled counted.
#
#   crates/graph-benches/build-cost.sh
#
# The exact command is printed first. The target directory is a new `mktemp -d` (removed at the
# end; cargo's --timings HTML report is copied to $CARGO_TARGET_DIR/build-cost/ if that is set).
# Wall time depends on the machine's load: the load average is printed before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=$(mktemp -d "${TMPDIR:-/tmp}/graph-build-cost.XXXXXX")
log="$dir.log"
trap 'rm -rf "$dir" "$dir.log" "$dir.times"' EXIT

cmd=(cargo build --release -p graph-api --timings)
echo "command:  CARGO_TARGET_DIR=$dir ${cmd[*]}"
echo "machine:  nproc=$(nproc), $(rustc --version), $(cargo --version)"
echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "load avg: $(cut -d' ' -f1-3 /proc/loadavg) (before)"

times="$dir.times"
TIMEFORMAT='%R %U %S'
{
  time CARGO_TARGET_DIR="$dir" CARGO_TERM_COLOR=never "${cmd[@]}" 2>"$log"
} 2>"$times" || {
  cat "$log" >&2
  exit 1
}
read -r real user sys <"$times"

echo "load avg: $(cut -d' ' -f1-3 /proc/loadavg) (after)"
compiled=$(grep -c '^ *Compiling ' "$log" || true)
packages=$(cargo tree -p graph-api -e normal,build --prefix none --no-dedupe 2>/dev/null |
  sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u | wc -l)
echo "wall:     $real s (CPU: user $user s, sys $sys s)"
echo "compiled: $compiled crates ('Compiling' lines; cargo tree -e normal,build lists $packages packages)"
grep -o 'Finished .*' "$log" || true

if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
  mkdir -p "$CARGO_TARGET_DIR/build-cost"
  cp "$dir"/cargo-timings/cargo-timing.html "$CARGO_TARGET_DIR/build-cost/" 2>/dev/null &&
    echo "timings:  $CARGO_TARGET_DIR/build-cost/cargo-timing.html"
fi
