#!/usr/bin/env bash
# Instruction counts per iteration (valgrind --tool=callgrind), reproducible where wall-clock
# times on a shared machine are not. Counts the calling thread only (the loopback server runs on
# its own thread) and user space only (no kernel time). SHA-256 runs without SHA-NI under valgrind.
#
#   CARGO_TARGET_DIR=/work/target-bench crates/graph-benches/callgrind.sh
#
# Output files (for callgrind_annotate) go to $CARGO_TARGET_DIR/callgrind/ (or target/callgrind/).
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
out="$target/callgrind"
mkdir -p "$out"
cargo build -q --release -p graph-benches --bin bench-profile

count() { # case iterations -> instructions per iteration
  valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured*' \
    --callgrind-out-file="$out/$1.out" "$target/release/bench-profile" "$1" "$2" 2>&1 |
    awk -v n="$2" '/Collected :/ { printf "%.0f", $NF / n }'
}
row() { # label candidate baseline iterations
  local a b
  a=$(count "$2" "$4")
  b=$(count "$3" "$4")
  awk -v l="$1" -v c="$2" -v d="$3" -v a="$a" -v b="$b" \
    'BEGIN { printf "| %s | %s | %d | %s | %d | %.3f |\n", l, c, a, d, b, a / b }'
}
echo "| comparison | candidate | instr/iter | baseline | instr/iter | ratio |"
echo "|---|---|---|---|---|---|"
row per_call per_call_binding per_call_reqwest 2000
row serialize_10k serialize_generated serialize_plain 100
row serialize_10k serialize_generated serialize_value 100
row decode_users_999 decode_generated decode_plain 5
row decode_users_999 decode_generated decode_value 5
row serialize_create_user serialize_create_generated serialize_create_plain 20000
row extract extract_str pulldown_page 10
row extract extract_str pulldown_page_and_includes 10
row extract sha256_pages pulldown_page 10
echo "| codegen | codegen | $(count codegen 5) | | | |"
