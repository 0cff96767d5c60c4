//! Snapshots of the code generated for small spec fixtures that exercise naming edge cases:
//! Rust keywords and digits as parameter names, nested collections, a type no page describes,
//! the same action name on two bindings, and one operation reached through two paths.

#![allow(clippy::unwrap_used)] // test code: a panic is a failure report

use graph_codegen::{Layout, generate};

fn fixture(name: &str) -> (String, graph_spec::SpecFile) {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let spec = graph_spec::load(&path).unwrap();
    (format!("spec/fixtures/{name}"), spec)
}

#[test]
fn generated_code_for_naming_fixtures() {
    let specs = [fixture("widget-polish.json"), fixture("gadget-polish.json")];
    let files = generate(&specs, &Layout::default()).unwrap();
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "crates/graph-api/src/beta.rs",
            "crates/graph-api/src/beta/gadgets.rs",
            "crates/graph-api/src/beta/me.rs",
            "crates/graph-api/src/beta/me/gadgets.rs",
            "crates/graph-api/src/beta/widgets.rs",
            "crates/graph-api/src/lib.rs",
            "crates/graph-conformance/tests/examples.rs",
        ]
    );
    for (path, text) in &files {
        let name = path.replace('/', "__");
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn generation_is_deterministic_whatever_the_input_order() {
    let a = [fixture("widget-polish.json"), fixture("gadget-polish.json")];
    let b = [fixture("gadget-polish.json"), fixture("widget-polish.json")];
    assert_eq!(
        generate(&a, &Layout::default()).unwrap(),
        generate(&b, &Layout::default()).unwrap()
    );
}

#[test]
fn two_wire_names_for_one_field_are_an_error() {
    let (name, mut spec) = fixture("widget-polish.json");
    let params = spec.operation.request_body.as_mut().unwrap();
    let mut twin = params[0].clone();
    twin.name = "@type".into();
    params.push(twin);
    let err = generate(&[(name, spec)], &Layout::default()).unwrap_err();
    assert_eq!(err.path, "operation.request_body[5].name");
    assert!(
        err.message
            .contains("wire names `type` and `@type` both map to the Rust field `type_`"),
        "{err}"
    );
}
