//! Where generated files go.

/// Where generated files go, relative to the workspace root.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The generated crate's name as Rust code spells it (doc examples `use` it).
    pub api_crate: String,
    /// The generated crate's `src` directory.
    pub api_src: String,
    /// The generated conformance test file, if conformance tests are wanted.
    pub conformance_test: Option<String>,
    /// The generated crate's `Cargo.toml` (path relative to the workspace root, current text): its
    /// block of area features, between the lines `# BEGIN generated features: ..` and
    /// `# END generated features` inside its `[features]` table, is rewritten and returned with
    /// the other files. `None` leaves the manifest alone (the code is gated on the features all
    /// the same: one per top-level path segment, and `full`).
    pub manifest: Option<(String, String)>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            api_crate: "graph_api".into(),
            api_src: "crates/graph-api/src".into(),
            conformance_test: Some("crates/graph-conformance/tests/conformance/examples.rs".into()),
            manifest: None,
        }
    }
}

impl Layout {
    /// The layout of the codegen fixtures crate (hostile names and text, compiled in the test run).
    pub fn fixtures() -> Layout {
        Layout {
            api_crate: "codegen_fixtures".into(),
            api_src: "crates/codegen-fixtures/src".into(),
            conformance_test: None,
            manifest: None,
        }
    }
}
