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

#[test]
fn a_function_with_parameters_is_refused_by_name() {
    let (name, mut spec) = fixture("widget-polish.json");
    let mut period = spec.operation.request_body.as_ref().unwrap()[0].clone();
    period.name = "period".into();
    spec.operation.function_parameters.push(period);
    let err = generate(&[(name, spec)], &Layout::default()).unwrap_err();
    assert_eq!(err.path, "operation.function_parameters[0]");
    assert!(
        err.message.contains(
            "function parameter `period`: functions with parameters are not generated yet"
        ),
        "{err}"
    );
}

/// Every identifier in a token stream, at any depth.
fn idents(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
            proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
            _ => {}
        }
    }
}

#[test]
fn hostile_spec_text_never_becomes_tokens() {
    use quote::ToTokens;
    let specs = [fixture("hostile-names.json"), fixture("hostile-odata.json")];
    let files = generate(&specs, &Layout::fixtures()).unwrap();
    let mut all = Vec::new();
    for (path, text) in &files {
        // Every file parses as Rust...
        let file: syn::File = syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        idents(file.into_token_stream(), &mut all);
        // ...and the hostile markers, where present, sit inside doc comments or string literals.
        for (n, line) in text.lines().enumerate() {
            if line.contains("evil") || line.contains("Evil") {
                let t = line.trim_start();
                assert!(
                    t.starts_with("///") || t.starts_with("//!") || t.starts_with('"'),
                    "{path}:{}: hostile text outside docs or a literal: {line}",
                    n + 1
                );
            }
        }
    }
    assert!(!all.is_empty());
    for bad in ["evil", "Evil", "derive_Evil"] {
        assert!(
            !all.iter().any(|i| i == bad),
            "identifier `{bad}` was generated"
        );
    }
    // The wire names reach the code only as `#[serde(rename = "...")]` strings.
    let text: String = files.values().cloned().collect();
    for wire in [
        "type",
        "ref",
        "self",
        "match",
        "1st",
        "odata.type",
        "x-ms-thing",
        "crate",
        "@odata.type",
        "r#raw",
    ] {
        assert!(
            text.contains(&format!("#[serde(rename = \"{wire}\"")),
            "no serde rename for `{wire}`"
        );
    }
}

#[test]
fn the_committed_fixtures_crate_is_what_the_generator_makes() {
    // `cargo xtask codegen --check` guards this too; here it fails next to the generator.
    let specs = [
        fixture("gadget-polish.json"),
        fixture("hostile-names.json"),
        fixture("hostile-odata.json"),
        fixture("widget-polish.json"),
    ];
    let specs: Vec<_> = specs
        .into_iter()
        .map(|(name, spec)| {
            (
                name.replace("spec/fixtures/", "crates/graph-codegen/tests/fixtures/"),
                spec,
            )
        })
        .collect();
    let files = generate(&specs, &Layout::fixtures()).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for (path, text) in &files {
        let on_disk = std::fs::read_to_string(root.join(path)).unwrap_or_default();
        assert!(
            on_disk == *text,
            "{path} is stale: run `cargo xtask codegen`"
        );
    }
}
