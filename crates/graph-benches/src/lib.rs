//! Support code for the workspace benchmarks (`cargo bench -p graph-benches`, see `BENCHMARKS.md` at
//! the workspace root and `run.sh` beside this crate's `Cargo.toml`).
//!
//! - [`batching`]: the two sides of the batching benchmark (100 GETs as 5 `$batch` calls or as 100
//!   single calls) and the loopback server's answers for it.
//! - [`calls`]: the two sides of the per-call benchmark (generated binding, hand-written reqwest).
//! - [`corpus`]: a synthetic spec corpus of any size, shaped like `spec/`, for the scale benchmarks
//!   (`synth-corpus` writes one to a directory).
//! - [`pages`]: the preloaded docs pages of the extraction benchmark.
//! - [`server`]: a minimal keep-alive HTTP/1.1 server on `127.0.0.1` that answers every request
//!   with `204 No Content`, so that the per-call benchmark measures the client, not a mock.
//! - [`paired`]: an interleaved A/B measurement that complements criterion's sequential one on a
//!   noisy machine.
//! - [`users`]: the decode benchmark's page of users and its plain-derive baselines.
//! - [`report`]: reads criterion's estimates and prints the medians and ratios table
//!   (`cargo run -p graph-benches --bin bench-report`).
//!
//! The `bench-profile` binary runs one case in a loop for `valgrind --tool=callgrind`.
//!
//! Nothing here is published or used outside the benchmarks.

pub mod batching;
pub mod calls;
pub mod corpus;
pub mod narrow;
pub mod pages;
pub mod paired;
pub mod report;
pub mod server;
pub mod users;

use std::path::PathBuf;

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(|p| p.parent())
        .map(PathBuf::from)
        .unwrap_or(manifest)
}

/// The Graph docs checkout: `GRAPH_DOCS_DIR` when set, else `../shared/graph-docs` beside the
/// workspace, as for the tests.
pub fn docs_root() -> PathBuf {
    match std::env::var_os("GRAPH_DOCS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("../shared/graph-docs"),
    }
}

/// Where criterion writes its results: `CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`, else
/// `criterion` in the target directory of the running executable (`<target>/release/deps/<bench>`
/// or `<target>/release/<bin>`).
pub fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    let exe = std::env::current_exe().unwrap_or_default();
    let mut dir = exe.parent().map(PathBuf::from).unwrap_or_default();
    if dir.ends_with("deps") {
        dir.pop();
    }
    // `<target>/<profile>` -> `<target>`
    dir.pop();
    dir.join("criterion")
}

/// `count` deterministic, distinct UUID-shaped request IDs (sign-in request IDs are UUIDs).
pub fn request_ids(count: usize) -> Vec<String> {
    (0..count as u128)
        .map(|i| {
            uuid::Uuid::from_u128(i.wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835))
                .to_string()
        })
        .collect()
}

/// Loads `spec/` and names each file as `cargo xtask codegen` does (`spec/<version>/<page>.json`),
/// ready for `graph_codegen::generate`.
pub fn load_specs() -> Vec<(String, graph_spec::SpecFile)> {
    let root = workspace_root();
    let loaded = graph_spec::load_dir(&root.join("spec")).unwrap_or_else(|errors| {
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("spec/ does not load:\n{}", errors.join("\n"))
    });
    loaded
        .into_iter()
        .map(|(path, spec)| {
            let rel = path.strip_prefix(&root).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            (rel.join("/"), spec)
        })
        .collect()
}

/// Loads the type files of `spec/` (`spec/<version>/types/*.json`), the templates of the synthetic
/// corpus' types.
pub fn load_types() -> Vec<graph_spec::TypeFile> {
    let root = workspace_root();
    let loaded = graph_spec::load_type_dir(&root.join("spec")).unwrap_or_else(|errors| {
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("spec/ types do not load:\n{}", errors.join("\n"))
    });
    loaded.into_iter().map(|(_, t)| t).collect()
}
