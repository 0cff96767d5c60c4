#!/usr/bin/env bash
# Every benchmark with short settings, the medians/ratios table, then the build cost.
#
#   CARGO_TARGET_DIR=/work/target-bench crates/graph-benches/run.sh
#
# About 4-5 minutes on 2 cores once the benches are compiled (the first run also compiles them in
# release mode). Environment:
#   WARM_UP=1 MEASURE=3          criterion --warm-up-time / --measurement-time, seconds
#   GRAPH_BENCH_PAIRED_SECS=3    the interleaved A/B measurement of per_call and serialize_10k
#   SKIP_BUILD_COST=1            leave out the clean release build (the longest part)
#   CALLGRIND=1                  also count instructions with callgrind (crates/graph-benches/callgrind.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "machine: nproc=$(nproc), $(rustc --version), $(date -u +%Y-%m-%dT%H:%M:%SZ), load avg $(cut -d' ' -f1-3 /proc/loadavg)"
cargo bench -p graph-benches -- --warm-up-time "${WARM_UP:-1}" --measurement-time "${MEASURE:-3}" --noplot
echo
cargo run -q --release -p graph-benches --bin bench-report
if [[ "${CALLGRIND:-0}" == 1 ]]; then
  echo
  crates/graph-benches/callgrind.sh
fi
if [[ "${SKIP_BUILD_COST:-0}" != 1 ]]; then
  echo
  crates/graph-benches/build-cost.sh
fi
