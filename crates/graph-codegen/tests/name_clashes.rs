//! Specs whose names would give Rust that parses but does not compile (two items with one name)
//! are refused with a located error, or given distinct names where the generator owns the choice.

#![allow(clippy::unwrap_used)] // test code: a panic is a failure report

use graph_codegen::{CodegenError, Layout, generate};
use graph_spec::{PathTemplate, SpecFile};

fn widget() -> SpecFile {
    let path = format!(
        "{}/tests/fixtures/widget-polish.json",
        env!("CARGO_MANIFEST_DIR")
    );
    graph_spec::load(path).unwrap()
}

fn with_paths(templates: &[&str]) -> SpecFile {
    let mut spec = widget();
    spec.operation.paths = templates
        .iter()
        .map(|t| PathTemplate {
            template: t.to_string(),
            parameters: Vec::new(),
        })
        .collect();
    spec
}

fn refused(spec: SpecFile) -> CodegenError {
    generate(&[("spec/beta/w.json".into(), spec)], &Layout::fixtures()).unwrap_err()
}

#[test]
fn two_headers_for_one_field_are_refused() {
    let mut spec = widget();
    spec.operation.response.body_type = None;
    spec.operation.response.headers = vec!["Location".into(), "location".into()];
    let err = refused(spec);
    assert_eq!(err.path, "operation.response.headers[1]", "{err}");
    assert!(
        err.message
            .contains("headers `Location` and `location` both become the Rust field `location`"),
        "{err}"
    );
}

#[test]
fn two_segments_for_one_accessor_are_refused() {
    let err = refused(with_paths(&[
        "/widgets/signIns/polish",
        "/widgets/sign-ins/polish",
    ]));
    assert_eq!(err.file, "spec/beta/w.json");
    assert!(
        err.message
            .contains("both become `sign_ins()` in module `beta::widgets`"),
        "{err}"
    );
}

#[test]
fn a_segment_or_action_named_new_is_refused() {
    let err = refused(with_paths(&["/widgets/new/polish"]));
    assert!(
        err.message
            .contains("segment `new` and the request builder's constructor both become `new()`"),
        "{err}"
    );
    let err = refused(with_paths(&["/widgets/new"]));
    assert!(
        err.message
            .contains("and the request builder's constructor both become `new()`"),
        "{err}"
    );
}

#[test]
fn a_literal_item_beside_a_placeholder_is_refused() {
    let err = refused(with_paths(&[
        "/widgets/item/polish",
        "/widgets/{id}/polish",
    ]));
    assert!(
        err.message
            .contains("both become module `item` in module `beta::widgets`"),
        "{err}"
    );
}

#[test]
fn a_segment_named_mock_beside_operations_is_refused() {
    let err = refused(with_paths(&["/widgets/polish", "/widgets/mock/polish"]));
    assert!(
        err.message.contains(
            "segment `mock` and the mock helpers of its operations both become module `mock`"
        ),
        "{err}"
    );
    // Without operations beside it, `mock` is an ordinary module.
    generate(
        &[(
            "spec/beta/w.json".into(),
            with_paths(&["/widgets/mock/polish"]),
        )],
        &Layout::fixtures(),
    )
    .unwrap();
}

#[test]
fn placeholders_named_like_the_mock_arguments_get_other_names() {
    let files = generate(
        &[(
            "spec/beta/w.json".into(),
            with_paths(&["/servers/{server}/configs/{config}/polish"]),
        )],
        &Layout::fixtures(),
    )
    .unwrap();
    let module = &files["crates/codegen-fixtures/src/beta/servers/item/configs/item.rs"];
    assert!(module.contains("server_2: &str,"), "{module}");
    assert!(module.contains("config_2: &str,"), "{module}");
    assert!(module.contains(".param(\"server\", server_2)"), "{module}");
}
