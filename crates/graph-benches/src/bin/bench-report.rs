//! Prints the medians and ratios of the last `cargo bench -p graph-benches` run as a markdown table.
//!
//! Usage: `bench-report [CRITERION_DIR]` (default: see `graph_benches::criterion_dir`).

use std::path::PathBuf;

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(graph_benches::criterion_dir, PathBuf::from);
    print!("{}", graph_benches::report::render(&dir));
}
