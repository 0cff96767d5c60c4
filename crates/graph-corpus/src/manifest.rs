//! The generated corpus crate's `Cargo.toml`: the same library name, area features, optional
//! `mock` helpers and runtime as `graph-api`, as a workspace of its own outside the repository.

use std::path::Path;

/// The manifest, for a crate whose runtime is the `graph-runtime` crate at `runtime` (an absolute
/// path). The area features are the block `cargo xtask codegen` writes between its markers.
pub fn manifest(runtime: &Path) -> String {
    let runtime = runtime.display().to_string().replace('\\', "/");
    format!(
        r#"# Written by `cargo xtask corpus`: the whole Graph reference, generated as one crate.
[package]
name = "graph-api-corpus"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
# The same name as graph-api, so that its doc examples (`use graph_api::...`) compile.
name = "graph_api"

[features]
default = []
mock = ["dep:httpmock"]
# BEGIN generated features: `cargo xtask codegen` writes this block; do not edit it.
# END generated features

[dependencies]
graph-runtime = {{ path = "{runtime}" }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["preserve_order"] }}
httpmock = {{ version = "0.8", optional = true }}

# The repository's lints, so that a clean `cargo clippy` here means what it means there.
[lints.rust]
unsafe_code = "forbid"
missing_docs = "warn"

[lints.clippy]
unwrap_used = "warn"

# Its own workspace: not a member of the repository's.
[workspace]
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_points_at_the_runtime_and_has_the_feature_markers() {
        let text = manifest(Path::new("/w/crates/graph-runtime"));
        assert!(text.contains(r#"graph-runtime = { path = "/w/crates/graph-runtime" }"#));
        assert!(text.contains("\n# BEGIN generated features"));
        assert!(text.contains("\n# END generated features\n"));
        assert!(text.contains("\n[workspace]\n"));
        assert!(text.contains("missing_docs = \"warn\""));
    }
}
