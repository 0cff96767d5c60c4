//! Property test: random text in every spec field that reaches generated code (title, summary,
//! page name, parameter names and descriptions, path segments and placeholder names, response
//! header names, permission and role names, example names, URLs and values) never makes the
//! generator panic. It either refuses the spec with a located `CodegenError`, or gives files that
//! parse as Rust, hold no character that rustc or clippy deny in source, and keep every wire name's
//! exact value in a string literal.
//!
//! What this does not prove: that the files compile (name resolution, duplicate items). The
//! `codegen-fixtures` crate, compiled by every `cargo test`, is the compiled case for hostile text.

#![allow(clippy::unwrap_used)] // test code: a panic is a failure report

mod common;

use common::denied_in_source;
use graph_codegen::{Layout, generate};
use graph_spec::{Header, PathTemplate, PermissionEntry, SpecFile};
use proc_macro2::{TokenStream, TokenTree};
use proptest::prelude::*;
use serde_json::json;

/// Mostly characters that mean something to Rust, Markdown, rustdoc or a terminal; some of any kind.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        6 => prop::sample::select(vec![
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{200B}', '\u{200C}',
            '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{2028}', '\u{2029}', '\u{0085}',
            '\0', '\r', '\n', '\t', '\u{1B}', '\u{7F}', '*', '/', '"', '\'', '\\', '#', '`', '[',
            ']', '<', '>', '{', '}', '|', '!', '_', '.', '@', '-', '%', '?', '&', '(', ')', '=',
            ' ', ':', ';', 'r',
        ]),
        6 => prop::char::range('a', 'z'),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..16).prop_map(|cs| cs.into_iter().collect())
}

/// A name: usually with an ASCII letter so that it has a Rust name, sometimes without.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (text(), "[a-z][a-zA-Z0-9]{0,6}", text()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        1 => text(),
    ]
}

/// A path segment: usually a [`name`] without the characters a path gives a meaning to.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => name().prop_map(|n| n.replace(['/', '{', '}', '(', ')', '=', '\'', '?', '#', '%', '|'], "")),
        1 => text(),
    ]
}

#[derive(Debug, Clone)]
struct Texts {
    title: String,
    summary: String,
    page: String,
    binding: String,
    op_name: String,
    segment: String,
    placeholder: String,
    action: String,
    params: Vec<(String, String)>,
    nested: (String, String),
    headers: Vec<String>,
    permissions: Vec<String>,
    role: String,
    request_header: String,
    example_name: String,
    url_value: String,
    example_values: (String, String, String),
}

fn texts() -> impl Strategy<Value = Texts> {
    (
        (text(), text(), text(), name(), name()),
        (segment(), segment(), segment()),
        (
            prop::collection::vec((name(), text()), 1..4),
            (name(), text()),
            prop::collection::vec(name(), 0..3),
        ),
        (
            prop::collection::vec(text(), 0..3),
            text(),
            text(),
            text(),
            text(),
            (text(), text(), text()),
        ),
    )
        .prop_map(
            |(
                (title, summary, page, binding, op_name),
                (segment, placeholder, action),
                (params, nested, headers),
                (permissions, role, request_header, example_name, url_value, example_values),
            )| Texts {
                title,
                summary,
                page,
                binding,
                op_name,
                segment,
                placeholder,
                action,
                params,
                nested,
                headers,
                permissions,
                role,
                request_header,
                example_name,
                url_value,
                example_values,
            },
        )
}

/// The widget fixture with the random text put into every field that reaches generated code.
fn spec_with(t: &Texts) -> SpecFile {
    let path = format!(
        "{}/tests/fixtures/widget-polish.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut spec = graph_spec::load(path).unwrap();
    spec.title = t.title.clone();
    spec.summary = t.summary.clone();
    spec.description = Some(t.summary.clone());
    spec.source.page = format!("api-reference/beta/api/{}.md", t.page);
    let op = &mut spec.operation;
    op.binding = t.binding.clone();
    op.name = t.op_name.clone();
    op.paths = vec![PathTemplate {
        template: format!("/{}/{{{} | id}}/{}", t.segment, t.placeholder, t.action),
        parameters: Vec::new(),
    }];
    op.request_headers = vec![Header {
        name: t.request_header.clone(),
        value: Some(t.request_header.clone()),
        required: true,
    }];
    let body = op.request_body.as_mut().unwrap();
    // Keep the fixture's types (`type` is an Edm.String, `cloth` an object with a `fibre` string);
    // give every parameter a random name and description, and add more.
    for (p, (n, d)) in body.iter_mut().zip(&t.params) {
        p.name = n.clone();
        p.description = d.clone();
    }
    let cloth = body.iter_mut().find(|p| !p.properties.is_empty()).unwrap();
    cloth.properties[0].name = t.nested.0.clone();
    cloth.properties[0].description = t.nested.1.clone();
    op.response.headers = t.headers.clone();
    if !t.headers.is_empty() {
        op.response.body_type = None;
        op.response.status = 202;
    }
    let perms = op.permissions.as_mut().unwrap();
    perms.delegated_work_or_school = PermissionEntry {
        supported: true,
        least_privileged: t.permissions.clone(),
        higher_privileged: t.permissions.iter().rev().cloned().collect(),
    };
    op.least_privileged_role = Some(t.role.clone());
    let names: Vec<String> = body.iter().map(|p| p.name.clone()).collect();
    let example = &mut spec.examples[0];
    example.name = t.example_name.clone();
    example.request.url = format!(
        "https://graph.microsoft.com/beta/{}/{}/{}",
        t.segment, t.url_value, t.action
    );
    let (a, b, c) = &t.example_values;
    example.request.body = Some(json!({
        names[0].clone(): a,
        names[1].clone(): [[1, 2]],
        names[3].clone(): {"free": b, c.clone(): [c]},
    }));
    example.request.headers = spec.operation.request_headers.clone();
    spec
}

/// The value of every string literal (doc attributes included) in a token stream, at any depth.
fn string_values(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(g) => string_values(g.stream(), out),
            TokenTree::Literal(l) => {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                    out.push(s.value());
                }
            }
            _ => {}
        }
    }
}

fn check(spec: SpecFile) -> Result<(), TestCaseError> {
    use quote::ToTokens;
    let file = "spec/beta/random.json".to_string();
    let wire_names: Vec<String> = spec
        .operation
        .request_body
        .iter()
        .flatten()
        .map(|p| p.name.clone())
        .collect();
    match generate(&[(file.clone(), spec)], &Layout::fixtures()) {
        Err(e) => {
            // Refused, with the file and the field at fault, and never for output that fails to parse.
            prop_assert_eq!(&e.file, &file);
            prop_assert!(!e.path.is_empty(), "no field named: {}", e);
            prop_assert!(!e.message.contains("invalid Rust"), "{}", e);
        }
        Ok(files) => {
            let mut literals = Vec::new();
            for (path, text) in &files {
                let parsed = syn::parse_file(text);
                prop_assert!(parsed.is_ok(), "{}: {:?}", path, parsed.err());
                if let Ok(parsed) = parsed {
                    string_values(parsed.into_token_stream(), &mut literals);
                }
                for (n, line) in text.lines().enumerate() {
                    let bad = line.chars().find(|&c| denied_in_source(c));
                    prop_assert!(
                        bad.is_none(),
                        "{}:{}: raw {:?} in {:?}",
                        path,
                        n + 1,
                        bad,
                        line
                    );
                }
            }
            // Escaping changes how a literal is written, never its value.
            for wire in &wire_names {
                prop_assert!(
                    literals.contains(wire),
                    "wire name {:?} is no literal's value",
                    wire
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_spec_text_gives_parsing_files_or_a_located_error(t in texts()) {
        check(spec_with(&t))?;
    }
}

#[test]
fn the_strategy_reaches_both_outcomes() {
    // A property that only ever saw refusals would prove nothing about generated files.
    let ok = Texts {
        title: "t\u{202E}".into(),
        summary: "s\u{200B}*/".into(),
        page: "p\u{2066}".into(),
        binding: "widget".into(),
        op_name: "polish\u{202E}".into(),
        segment: "wid\u{202E}gets".into(),
        placeholder: "w\u{200B}id".into(),
        action: "pol\u{FEFF}ish".into(),
        params: vec![("a\u{202E}".into(), "\r\u{0}".into())],
        nested: ("f\u{2060}".into(), "\"#[".into()),
        headers: vec!["x-\u{202E}".into()],
        permissions: vec!["P\u{202E}".into()],
        role: "R\u{2067}".into(),
        request_header: "H\u{202E}".into(),
        example_name: "e\u{202E}".into(),
        url_value: "v\u{202E}".into(),
        example_values: ("\u{202E}".into(), "\u{200B}".into(), "k\u{202E}".into()),
    };
    let spec = spec_with(&ok);
    assert!(generate(&[("f".into(), spec.clone())], &Layout::fixtures()).is_ok());
    check(spec).unwrap();
    let refused = Texts {
        op_name: "\u{202E}".into(),
        ..ok
    };
    assert!(generate(&[("f".into(), spec_with(&refused))], &Layout::fixtures()).is_err());
}

#[test]
fn the_check_sees_a_raw_bidi_character() {
    // The property's own detector, on text the generator must never write.
    assert!(denied_in_source('\u{202E}'));
    assert!(!"/// \\u{202e}".chars().any(denied_in_source));
    assert!(
        string_values_of("#[serde(rename = \"a\\u{202e}\")] struct S;")
            .contains(&"a\u{202E}".into())
    );
}

fn string_values_of(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    string_values(src.parse().unwrap(), &mut out);
    out
}

/// Real compilation of random specs: a few hundred milliseconds of `generate` become minutes of
/// `cargo clippy`, so this is not part of the test command. Run it with
/// `cargo test -p graph-codegen --test spec_text_props -- --ignored` (`RANDOM_SPECS=n` for more
/// than 8 specs; `CARGO_TARGET_DIR` is shared with the outer build so dependencies are reused).
/// Each spec the generator accepts becomes a crate of a temporary workspace, checked with
/// clippy and `-D warnings` on every target and feature, and documented with rustdoc and
/// `-Dwarnings`, offline, against this workspace's lock file (doctests are not run).
#[test]
#[ignore = "slow: compiles generated crates with cargo clippy; run with --ignored"]
fn random_specs_compile() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let wanted: usize = std::env::var("RANDOM_SPECS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().unwrap();
    let dir = std::env::temp_dir().join(format!("random-specs-{}", std::process::id()));
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let mut members = Vec::new();
    let mut tries = 0;
    while members.len() < wanted && tries < wanted * 20 {
        tries += 1;
        let t = texts().new_tree(&mut runner).unwrap().current();
        let Ok(files) = generate(
            &[("spec/beta/random.json".into(), spec_with(&t))],
            &Layout::fixtures(),
        ) else {
            continue;
        };
        let name = format!("c{}", members.len());
        for (path, text) in files {
            let rel = path.strip_prefix("crates/codegen-fixtures/").unwrap();
            let out = dir.join(&name).join(rel);
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(out, text).unwrap();
        }
        let manifest = format!(
            r#"[package]
name = "random-spec-{name}"
version = "0.1.0"
edition = "2024"
publish = false

[features]
mock = ["dep:httpmock"]

[dependencies]
graph-runtime = {{ path = "{runtime}" }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["preserve_order"] }}
httpmock = {{ version = "0.8", optional = true }}
"#,
            runtime = root.join("crates/graph-runtime").display()
        );
        std::fs::write(dir.join(&name).join("Cargo.toml"), manifest).unwrap();
        members.push(name);
    }
    assert_eq!(members.len(), wanted, "too few specs were accepted");
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            list.join(", ")
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO"))
            .args(args)
            .env("RUSTDOCFLAGS", "-Dwarnings")
            .current_dir(&dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "`cargo {}` fails on the generated crates in {}:\n{stderr}",
            args.join(" "),
            dir.display()
        );
    };
    let common = [
        "--offline",
        "--workspace",
        "--all-features",
        "--message-format",
        "short",
    ];
    cargo(
        &[
            &["clippy", "--all-targets"],
            &common[..],
            &["--", "-D", "warnings"],
        ]
        .concat(),
    );
    cargo(&[&["doc", "--no-deps"], &common[..]].concat());
    eprintln!("{} random specs compiled ({} tried)", members.len(), tries);
    std::fs::remove_dir_all(&dir).unwrap();
}
