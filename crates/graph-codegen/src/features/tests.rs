use graph_spec::{SpecFile, TypeFile};

use super::manifest::{BEGIN, END};
use super::*;
use crate::{Layout, generate_with_types};

/// A spec of `binding: act`, with a body of `microsoft.graph.thing` and the given paths.
fn spec(binding: &str, paths: &[&str]) -> (String, SpecFile) {
    let paths: Vec<String> = paths
        .iter()
        .map(|p| format!(r#"{{"template": "{p}"}}"#))
        .collect();
    let json = format!(
        r#"{{
  "source": {{"page": "api-reference/v1.0/api/{binding}-act.md", "sha256": "00"}},
  "api_version": "v1.0",
  "title": "{binding}: act",
  "summary": "Acts.",
  "operation": {{
    "binding": "{binding}",
    "name": "act",
    "method": "POST",
    "paths": [{}],
    "request_body": [{{"name": "thing", "type": "microsoft.graph.thing", "required": true, "source": "table"}}],
    "response": {{"status": 204}}
  }}
}}"#,
        paths.join(", ")
    );
    let name = format!("spec/v1.0/{binding}-act.json");
    (name.clone(), graph_spec::from_json(&json, &name).unwrap())
}

fn types() -> Vec<TypeFile> {
    let src = r#""source": {"page": "api-reference/v1.0/resources/x.md", "sha256": "00"}, "api_version": "v1.0", "line": 1"#;
    let ty = |json: String| graph_spec::type_from_json(&json, "t.json").unwrap();
    vec![
        ty(format!(
            r#"{{ {src}, "name": "microsoft.graph.thing", "kind": "complex", "base_type": "microsoft.graph.base",
            "properties": [{{"name": "part", "type": "Collection(microsoft.graph.part)", "line": 2}}]}}"#
        )),
        ty(format!(
            r#"{{ {src}, "name": "microsoft.graph.base", "kind": "complex",
            "properties": [{{"name": "id", "type": "Edm.String", "line": 2}}]}}"#
        )),
        ty(format!(
            r#"{{ {src}, "name": "microsoft.graph.part", "kind": "enum", "members": [{{"name": "a"}}]}}"#
        )),
        ty(format!(
            r#"{{ {src}, "name": "microsoft.graph.orphan", "kind": "complex"}}"#
        )),
    ]
}

fn layout() -> Layout {
    Layout {
        api_crate: "graph_api".into(),
        api_src: "api/src".into(),
        conformance_test: None,
        manifest: Some((
            "api/Cargo.toml".into(),
            format!(
                "[package]\nname = \"api\"\n\n[features]\nmock = []\n{BEGIN}\nold = []\n{END}\n\n[dependencies]\n"
            ),
        )),
    }
}

/// A generated file's text.
fn file(files: &BTreeMap<String, String>, path: &str) -> String {
    files
        .get(path)
        .unwrap_or_else(|| panic!("no {path} in {:?}", files.keys()))
        .clone()
}

/// The `#[cfg(..)]` line right above the first line that starts with `item`.
fn gate_above(text: &str, item: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(item))?;
    let mut i = at;
    while i > 0 {
        i -= 1;
        let l = lines[i].trim_start();
        if l.starts_with("#[cfg(") {
            return Some(l.to_string());
        }
        if !(l.starts_with("///") || l.starts_with("#[")) {
            return None;
        }
    }
    None
}

#[test]
fn feature_names_are_kebab_case_of_the_top_level_segment() {
    let specs = vec![spec("signIn", &["/auditLogs/signIns/act"])];
    let files = generate_with_types(&specs, &[], &layout()).unwrap();
    let manifest = file(&files, "api/Cargo.toml");
    assert!(
        manifest.contains("\nfull = [\"audit-logs\"]\naudit-logs = []\n"),
        "{manifest}"
    );
    // The block is replaced, the rest of the manifest kept.
    assert!(!manifest.contains("old = []"), "{manifest}");
    assert!(manifest.starts_with("[package]\nname = \"api\"\n\n[features]\nmock = []\n"));
    assert!(
        manifest.ends_with(&format!("{END}\n\n[dependencies]\n")),
        "{manifest}"
    );
}

#[test]
fn an_area_named_like_a_reserved_feature_is_refused_with_its_file() {
    let specs = vec![spec("widget", &["/full/act"])];
    let e = generate_with_types(&specs, &[], &layout()).unwrap_err();
    assert_eq!(e.file, "spec/v1.0/widget-act.json");
    assert!(e.message.contains("`full`"), "{e}");
}

#[test]
fn shared_models_compile_with_any_area_that_uses_them() {
    // `/me/...` is the first path, so the models live under `me`; `/users/...` uses them.
    let specs = vec![
        spec("user", &["/me/x/act", "/users/{id}/x/act"]),
        spec("group", &["/groups/act"]),
    ];
    let types = types();
    let files = generate_with_types(&specs, &types, &layout()).unwrap();
    let v1 = file(&files, "api/src/v1.rs");
    assert_eq!(
        gate_above(&v1, "pub mod me;").as_deref(),
        Some(r#"#[cfg(any(feature = "me", feature = "users"))]"#),
        "{v1}"
    );
    assert_eq!(
        gate_above(&v1, "pub mod users;").as_deref(),
        Some(r#"#[cfg(feature = "users")]"#)
    );
    assert_eq!(
        gate_above(&v1, "pub fn me(").as_deref(),
        Some(r#"#[cfg(feature = "me")]"#),
        "the accessor needs the area itself: {v1}"
    );
    // Under `me`, the builder and the operations need `me`; the models either area.
    let x = file(&files, "api/src/v1/me/x.rs");
    assert_eq!(
        gate_above(&x, "pub struct X<").as_deref(),
        Some(r#"#[cfg(feature = "me")]"#),
        "{x}"
    );
    assert_eq!(
        gate_above(&x, "impl<'a> X<'a>").as_deref(),
        Some(r#"#[cfg(feature = "me")]"#)
    );
    assert_eq!(gate_above(&x, "pub struct ActRequest"), None, "{x}");
    // The operation's one set of mock helpers (for both paths) lives here too: it needs `mock`
    // and either area, not `me` itself.
    assert!(x.contains("#[cfg(feature = \"mock\")]\n"), "{x}");
    assert!(
        !x.contains("#[cfg(feature = \"me\")]\n#[cfg(feature = \"mock\")]"),
        "{x}"
    );
    assert!(
        x.contains("UsersX {"),
        "the mock takes the users path too: {x}"
    );
    let me = file(&files, "api/src/v1/me.rs");
    assert_eq!(
        gate_above(&me, "pub mod x;"),
        None,
        "same gate as `me`: {me}"
    );
    // The type models: the body's type, its base and its property's enum for both areas; a
    // type no operation reaches only with `full`.
    let models = file(&files, "api/src/v1/models.rs");
    for t in ["pub struct Thing", "pub struct Base", "pub enum Part"] {
        assert_eq!(
            gate_above(&models, t).as_deref(),
            Some(r#"#[cfg(any(feature = "groups", feature = "me", feature = "users"))]"#),
            "{t}: {models}"
        );
    }
    assert_eq!(
        gate_above(&models, "pub struct Orphan").as_deref(),
        Some(r#"#[cfg(feature = "full")]"#)
    );
    // The version and its entry: any of its areas.
    let lib = file(&files, "api/src/lib.rs");
    let any = r#"#[cfg(any(feature = "groups", feature = "me", feature = "users"))]"#;
    assert_eq!(
        gate_above(&lib, "pub mod v1;").as_deref(),
        Some(any),
        "{lib}"
    );
    assert_eq!(gate_above(&lib, "fn v1(&self)").as_deref(), Some(any));
    // The crate's example calls the first operation, under `groups`: its items are gated.
    assert!(
        lib.contains(
            "//! ```no_run\n//! # #[cfg(feature = \"groups\")]\n//! use graph_api::{Client, GraphApi};\n"
        ),
        "{lib}"
    );
    assert!(
        lib.contains("//! # #[cfg(feature = \"groups\")]\n//! # async fn run("),
        "{lib}"
    );
}

#[test]
fn models_owned_for_fewer_areas_than_their_module_are_gated_on_theirs() {
    // `/me` holds `me`'s own model, and `/me/x` holds a model `/users` uses too: `me.rs` is
    // compiled for `users`, its own model only for `me`.
    let specs = vec![
        spec("user", &["/me/act"]),
        spec("event", &["/me/x/act", "/users/{id}/x/act"]),
    ];
    let files = generate_with_types(&specs, &types(), &layout()).unwrap();
    let me = file(&files, "api/src/v1/me.rs");
    assert_eq!(
        gate_above(&me, "pub struct ActRequest").as_deref(),
        Some(r#"#[cfg(feature = "me")]"#),
        "{me}"
    );
    assert!(
        me.contains("#[cfg(feature = \"me\")]\n#[cfg(feature = \"mock\")]\n"),
        "{me}"
    );
}

#[test]
fn the_manifest_needs_both_markers() {
    let e = splice_manifest("x/Cargo.toml", "[features]\n", "block\n").unwrap_err();
    assert_eq!(e.file, "x/Cargo.toml");
    assert!(e.message.contains(BEGIN), "{e}");
    let text = format!("a\n{END}\n{BEGIN}\nb\n");
    assert!(splice_manifest("x/Cargo.toml", &text, "block\n").is_err());
    let text = format!("a\n{BEGIN}\nold\n{END}\nb\n");
    assert_eq!(
        splice_manifest("x/Cargo.toml", &text, "new\n").unwrap(),
        "a\nnew\nb\n"
    );
}
