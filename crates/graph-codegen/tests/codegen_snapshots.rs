//! Snapshots of the code generated for small spec fixtures that exercise naming edge cases:
//! Rust keywords and digits as parameter names, nested collections, a type no page describes,
//! the same action name on two bindings, and one operation reached through two paths.

#![allow(clippy::unwrap_used)] // test code: a panic is a failure report

mod common;

use common::denied_in_source;
use graph_codegen::{Layout, generate};

fn fixture(name: &str) -> (String, graph_spec::SpecFile) {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let spec = graph_spec::load(&path).unwrap();
    (format!("spec/fixtures/{name}"), spec)
}

/// Every fixture in `tests/fixtures`, as `cargo xtask codegen` reads them for the fixtures crate.
fn all_fixtures() -> Vec<(String, graph_spec::SpecFile)> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    names.iter().map(|n| fixture(n)).collect()
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
            "crates/graph-conformance/tests/conformance/examples.rs",
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
fn an_optional_function_parameter_is_an_option_left_out_when_none() {
    let (name, mut spec) = fixture("widget-polish.json");
    let mut since = spec.operation.request_body.as_ref().unwrap()[0].clone();
    since.name = "since".into();
    since.ty = graph_spec::EdmType::Primitive(graph_spec::Primitive::DateTimeOffset);
    since.required = Some(false);
    let mut owner = since.clone();
    owner.name = "owner".into();
    owner.ty = graph_spec::EdmType::Primitive(graph_spec::Primitive::String);
    owner.required = None;
    spec.operation.function_parameters = vec![owner, since];
    spec.operation.paths[0].template = "/widgets/polish(owner='{o}',since={s})".into();
    let files = generate(&[(name, spec)], &Layout::default()).unwrap();
    let widgets = &files["crates/graph-api/src/beta/widgets.rs"];
    let flat: String = widgets.split_whitespace().collect();
    assert!(
        flat.contains("owner:&str,since:Option<graph_runtime::edm::DateTimeOffset>,"),
        "{widgets}"
    );
    assert!(
        flat.contains(
            ".function_opt(\"polish\",&[(\"owner\",Some(graph_runtime::Literal::string(owner))),(\"since\",since.as_ref().map(|v|graph_runtime::Literal::from(&v))),],)"
        ),
        "{widgets}"
    );
}

#[test]
fn a_function_parameter_without_a_url_literal_is_refused_by_name() {
    let (name, mut spec) = fixture("widget-polish.json");
    let mut period = spec.operation.request_body.as_ref().unwrap()[0].clone();
    period.name = "period".into();
    period.ty = graph_spec::EdmType::Named("microsoft.graph.thing".into());
    spec.operation.function_parameters.push(period);
    spec.operation.paths[0].template = "/widgets/polish(period={p})".into();
    let err = generate(&[(name, spec)], &Layout::default()).unwrap_err();
    assert_eq!(err.path, "operation.function_parameters");
    assert!(
        err.message.contains(
            "parameter `period` of `polish` has type `microsoft.graph.thing`, which is neither an enum the docs list nor quoted"
        ),
        "{err}"
    );
}

#[test]
fn a_function_call_in_the_middle_of_a_path_is_a_typed_navigation_step() {
    let (name, mut spec) = fixture("widget-polish.json");
    spec.operation.paths[0].template = "/widgets/list(a='{a}',since={since})/polish".into();
    // Untyped and unquoted: refused, naming the parameter.
    let err = generate(&[(name.clone(), spec.clone())], &Layout::default()).unwrap_err();
    assert_eq!(err.path, "operation.paths[0].template");
    assert!(
        err.message
            .contains("parameter `since` of `list` in the path is unquoted"),
        "{err}"
    );
    spec.operation
        .path_functions
        .push(graph_spec::PathFunction {
            name: "list".into(),
            parameters: vec![graph_spec::Parameter {
                name: "since".into(),
                ty: graph_spec::EdmType::Primitive(graph_spec::Primitive::DateTimeOffset),
                description: String::new(),
                required: Some(false),
                source: graph_spec::FactSource::Template,
                properties: Vec::new(),
            }],
        });
    let files = generate(&[(name, spec)], &Layout::default()).unwrap();
    let widgets = &files["crates/graph-api/src/beta/widgets.rs"];
    let flat: String = widgets.split_whitespace().collect();
    assert!(
        flat.contains("pubfnlist(&self,a:&str,since:Option<graph_runtime::edm::DateTimeOffset>,)"),
        "{widgets}"
    );
    assert!(
        flat.contains("since.as_ref().map(graph_runtime::Literal::from)"),
        "{widgets}"
    );
    assert!(files.contains_key("crates/graph-api/src/beta/widgets/list.rs"));
}

#[test]
fn an_item_path_is_a_navigation_step() {
    let (name, mut spec) = fixture("widget-polish.json");
    spec.operation.paths[0].template = "/widgets/root:/{item-path}:/polish".into();
    let files = generate(&[(name, spec)], &Layout::default()).unwrap();
    let widgets = &files["crates/graph-api/src/beta/widgets.rs"];
    let flat: String = widgets.split_whitespace().collect();
    assert!(
        flat.contains("pubfnroot_path(&self,item_path:&str)->root_path::RootPath<'a>"),
        "{widgets}"
    );
    assert!(
        flat.contains(".item_path(\"root\",\"item-path\",item_path)"),
        "{widgets}"
    );
    // Relative to an item: `items/{parentItemId}:/{fileName}:` is `.by_parent_item_id(..).path(..)`.
    let (name, mut spec) = fixture("widget-polish.json");
    spec.operation.paths[0].template = "/widgets/{parentItemId}:/{path/to/file}:/polish".into();
    let files = generate(&[(name, spec)], &Layout::default()).unwrap();
    let item = &files["crates/graph-api/src/beta/widgets/item.rs"];
    let flat: String = item.split_whitespace().collect();
    assert!(
        flat.contains("pubfnpath(&self,path_to_file:&str)->path::Path<'a>"),
        "{item}"
    );
    assert!(
        flat.contains(".item_path(\"\",\"path/to/file\",path_to_file)"),
        "{item}"
    );
}

/// An operation with several paths is documented once (with its example) and mocked once; each
/// other binding is one line linking to the first, with the same request type.
#[test]
fn an_operation_with_several_paths_is_documented_and_mocked_once() {
    let (name, mut spec) = fixture("widget-polish.json");
    let first = spec.operation.paths[0].clone();
    for template in ["/me/widgets/polish", "/users/{id}/widgets/polish"] {
        let mut path = first.clone();
        path.template = template.into();
        spec.operation.paths.push(path);
    }
    let files = generate(&[(name, spec)], &Layout::default()).unwrap();
    let all: String = files
        .iter()
        .filter(|(path, _)| path.starts_with("crates/graph-api/src"))
        .map(|(_, text)| text.as_str())
        .collect();
    let count = |needle: &str| all.matches(needle).count();
    assert_eq!(count("# Permissions"), 1, "one full doc comment");
    assert_eq!(count("```no_run"), 2, "one doc example, plus the crate's");
    assert_eq!(count("pub struct PolishRequest"), 1);
    assert_eq!(count("pub struct PolishWhen"), 1);
    assert_eq!(count("pub fn polish<'s>"), 1, "one mock function");
    assert_eq!(count("pub async fn polish("), 3, "one binding per path");
    let thin = "[`Widgets::polish`](crate::beta::widgets::Widgets::polish) has its documentation and example.";
    assert_eq!(count(thin), 2, "{all}");
    let me = &files["crates/graph-api/src/beta/me/widgets.rs"];
    assert!(
        me.contains("body: &crate::beta::widgets::PolishRequest"),
        "{me}"
    );
    assert!(!me.contains("pub mod mock"), "{me}");
    // The mock takes the path: one variant per documented path, with its placeholders.
    let home = &files["crates/graph-api/src/beta/widgets.rs"];
    for variant in ["Widgets,", "MeWidgets,", "UsersWidgets {"] {
        assert!(home.contains(variant), "{variant}: {home}");
    }
    assert!(
        home.contains("PolishPath::UsersWidgets { id } =>"),
        "{home}"
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
    // The wire names reach the code only as string literals: the match arm that decodes one.
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
            text.contains(&format!("\"{wire}\" => property.decode")),
            "no decoding arm for `{wire}`"
        );
    }
}

#[test]
fn the_committed_fixtures_crate_is_what_the_generator_makes() {
    // `cargo xtask codegen --check` guards this too; here it fails next to the generator.
    let specs: Vec<_> = all_fixtures()
        .into_iter()
        .map(|(name, spec)| {
            (
                name.replace("spec/fixtures/", "crates/graph-codegen/tests/fixtures/"),
                spec,
            )
        })
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let types: Vec<graph_spec::TypeFile> = graph_spec::load_type_dir(&dir)
        .unwrap()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let files = graph_codegen::generate_with_types(&specs, &types, &Layout::fixtures()).unwrap();
    assert!(files.contains_key("crates/codegen-fixtures/src/beta/models.rs"));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for (path, text) in &files {
        let on_disk = std::fs::read_to_string(root.join(path)).unwrap_or_default();
        assert!(
            on_disk == *text,
            "{path} is stale: run `cargo xtask codegen`"
        );
    }
}

#[test]
fn bidi_and_zero_width_characters_are_written_as_escapes() {
    let spec = fixture("hostile-unicode.json");
    let raw = serde_json::to_string(&spec.1).unwrap();
    assert!(raw.contains('\u{202E}') && raw.contains('\u{200B}'));
    let files = generate(&[spec], &Layout::fixtures()).unwrap();
    let module = &files["crates/codegen-fixtures/src/v1/hostiles/item.rs"];
    for (path, text) in &files {
        syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        for (n, line) in text.lines().enumerate() {
            if let Some(c) = line.chars().find(|&c| denied_in_source(c)) {
                panic!("{path}:{}: raw U+{:04X} in `{line}`", n + 1, c as u32);
            }
        }
    }
    // In prose, a visible marker...
    assert!(
        module.contains("/// \\u{202e} reversed, \\u{200b} zero width,"),
        "{module}"
    );
    assert!(
        module.contains("| Thing.\\u{202e}Read | Thing.\\u{200b}All |"),
        "{module}"
    );
    // ...in a code span too, and in text that is not prose (a header name, a path)...
    assert!(module.contains("/// `code \\u{202e} span`"), "{module}");
    assert!(
        module.contains("the response's `x-\\u{202e}id` header(s)"),
        "{module}"
    );
    // ...and in string literals, the same value: wire names, path segments, headers, example values.
    for literal in [
        "\"label\\u{202e}\" => property.decode",
        ".segment(\"mark\\u{202e}Things\")",
        "response.header(\"x-\\u{202e}id\")",
        "///     \"value \\u{202e}\\u{200b}\\u{2060} end\".to_string(),",
    ] {
        assert!(module.contains(literal), "no `{literal}` in {module}");
    }
    // A literal's escape means the value itself: the wire name parses back to the raw character.
    let lit: syn::LitStr = syn::parse_str("\"label\\u{202e}\"").unwrap();
    assert_eq!(lit.value(), "label\u{202E}");
}

#[test]
fn a_success_example_without_a_body_makes_the_typed_response_optional_unless_truncated() {
    let returns = |spec: graph_spec::SpecFile| {
        let files = generate(&[("spec/beta/g.json".into(), spec)], &Layout::fixtures()).unwrap();
        let module = &files["crates/codegen-fixtures/src/beta/gizmos/item.rs"];
        let at = module.find("pub async fn refresh").unwrap();
        module[at..module[at..].find('{').unwrap() + at].to_string()
    };
    let (_, spec) = fixture("gizmo-refresh.json");
    assert!(
        returns(spec.clone()).contains("Result<Option<RefreshResponse>, graph_runtime::Error>")
    );
    let mut truncated = spec.clone();
    truncated.examples[1].response.as_mut().unwrap().truncated = true;
    assert!(returns(truncated).contains("Result<RefreshResponse, graph_runtime::Error>"));
    let mut only_full = spec;
    only_full.examples.truncate(1);
    assert!(returns(only_full).contains("Result<RefreshResponse, graph_runtime::Error>"));
}

#[test]
fn generated_models_for_type_fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let types: Vec<graph_spec::TypeFile> = graph_spec::load_type_dir(&dir)
        .unwrap()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(types.len(), 3);
    let specs = [fixture("widget-polish.json")];
    let files = graph_codegen::generate_with_types(&specs, &types, &Layout::default()).unwrap();
    let models = &files["crates/graph-api/src/beta/models.rs"];
    assert!(files["crates/graph-api/src/beta.rs"].contains("pub mod models;"));
    // The operation's `x-ms-thing` parameter now has the described type.
    let widgets = &files["crates/graph-api/src/beta/widgets.rs"];
    assert!(widgets.contains("crate::beta::models::Thing"), "{widgets}");
    insta::assert_snapshot!("beta_models", models);
    let mut reversed = types.clone();
    reversed.reverse();
    let again = graph_codegen::generate_with_types(&specs, &reversed, &Layout::default()).unwrap();
    assert_eq!(files, again);
}
