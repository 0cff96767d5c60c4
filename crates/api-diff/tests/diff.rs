//! The API report on two small fixtures (`tests/fixtures/old` and `tests/fixtures/new`, stand-ins
//! for a generated `src` directory), and on inline sources.

use std::collections::BTreeMap;
use std::path::Path;

use api_diff::{ChangeKind, ItemKind, diff_sources, read_sources};

fn fixture(which: &str) -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files = read_sources(&root, which).expect("fixture readable");
    assert!(!files.is_empty(), "no files in fixture {which}");
    // Both sides keyed as one `src` directory.
    files
        .into_iter()
        .map(|(path, text)| (path.replacen(which, "src", 1), text))
        .collect()
}

#[test]
fn the_fixture_report_lists_added_removed_and_changed_items_and_calls_it_breaking() {
    let diff = diff_sources("src", &fixture("old"), &fixture("new")).expect("parsed");
    let report = diff.to_string();
    println!("{report}");
    assert!(diff.is_breaking());
    assert_eq!(
        report,
        "public API: 7 added, 2 removed, 1 changed: BREAKING under semver (the next release needs a new major version, or minor while 0.x)\n\
         \x20 + method beta::Beta::risky_users: fn risky_users(&self) -> risky_users::RiskyUsers<'a>\n\
         \x20 + module beta::risky_users: mod risky_users\n\
         \x20 + struct beta::risky_users::DismissRequest: struct DismissRequest\n\
         \x20 + struct beta::risky_users::RiskyUsers: struct RiskyUsers<'a>\n\
         \x20 + method beta::risky_users::RiskyUsers::dismiss: async fn dismiss(&self, body: &DismissRequest) -> Result<(), graph_runtime::Error>\n\
         ! - struct beta::sign_ins::ConfirmCompromisedRequest: struct ConfirmCompromisedRequest (breaking: callers that use it no longer compile)\n\
         ! + field beta::sign_ins::ConfirmSafeRequest.note: note: Option<String> (breaking: a field added to a struct without #[non_exhaustive] breaks its struct literals)\n\
         ! ~ field beta::sign_ins::ConfirmSafeRequest.request_ids: request_ids: Vec<String> => request_ids: Vec<uuid::Uuid> (breaking: its signature changed)\n\
         \x20 + variant beta::sign_ins::RiskLevel::Medium: Medium\n\
         ! - method beta::sign_ins::SignIns::confirm_compromised: async fn confirm_compromised(&self, body: &ConfirmCompromisedRequest) -> Result<(), graph_runtime::Error> (breaking: callers that use it no longer compile)\n"
    );
    // The same in data: the field type change is one `Changed` item with both types.
    let changed: Vec<_> = diff
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Changed)
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].item, ItemKind::Field);
    assert_eq!(
        changed[0].new.as_deref(),
        Some("request_ids: Vec<uuid::Uuid>")
    );
    // Unchanged: same files on both sides.
    let same = diff_sources("src", &fixture("old"), &fixture("old")).expect("parsed");
    assert!(same.is_empty());
    assert_eq!(same.to_string(), "public API: unchanged\n");
}

fn one(text: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("src/lib.rs".to_owned(), text.to_owned())])
}

#[test]
fn additions_that_callers_cannot_observe_are_compatible() {
    let old = one("pub struct Builder { inner: u8 }\n\
         impl Builder { pub fn a(&self) {} }\n\
         #[non_exhaustive] pub enum Kind { A }\n\
         pub trait Api { fn a(&self); }");
    let new = one("/// Docs may change.\n\
         pub struct Builder { inner: u8, pub extra: u8 }\n\
         impl Builder { pub fn a(&self) { let _ = 1; } pub fn b(&self) {} fn hidden(&self) {} }\n\
         #[non_exhaustive] pub enum Kind { A, B }\n\
         pub trait Api { fn a(&self); fn b(&self) {} }\n\
         pub fn new_function() {}");
    let diff = diff_sources("src", &old, &new).expect("parsed");
    assert!(!diff.is_breaking(), "{diff}");
    let paths: Vec<&str> = diff.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Api::b",
            "Builder.extra",
            "Builder::b",
            "Kind::B",
            "new_function"
        ]
    );
    assert!(
        diff.to_string().contains("compatible under semver"),
        "{diff}"
    );
}

#[test]
fn additions_that_break_callers_are_breaking() {
    for (old, new, path) in [
        ("pub enum E { A }", "pub enum E { A, B }", "E::B"),
        (
            "pub trait T { fn a(&self); }",
            "pub trait T { fn a(&self); fn b(&self); }",
            "T::b",
        ),
        (
            "pub struct S { pub a: u8 }",
            "pub struct S { pub a: u8, pub b: u8 }",
            "S.b",
        ),
        ("pub fn f(a: u8) {}", "pub fn f(a: u8, b: u8) {}", "f"),
        ("pub mod m {}", "#[cfg(feature = \"x\")] pub mod m {}", "m"),
        ("pub struct S;", "pub(crate) struct S;", "S"),
    ] {
        let diff = diff_sources("src", &one(old), &one(new)).expect("parsed");
        assert!(diff.is_breaking(), "{old} -> {new}: {diff}");
        assert_eq!(diff.changes.len(), 1, "{diff}");
        assert_eq!(diff.changes[0].path, path);
    }
}

#[test]
fn a_derive_is_the_trait_impl_it_writes() {
    // A derive traded for a hand-written impl of the same trait is no change, lifetimes and all.
    let derived = one("#[derive(Debug, serde::Serialize, serde::Deserialize)]\n\
         pub struct S<'a, T> { pub a: &'a T }");
    let by_hand = one("#[derive(Debug)] pub struct S<'a, T> { pub a: &'a T }\n\
         impl<'a, T> serde::Serialize for S<'a, T> {}\n\
         impl<'de, 'a, T> serde::Deserialize<'de> for S<'a, T> {}");
    let diff = diff_sources("src", &derived, &by_hand).expect("parsed");
    assert!(diff.is_empty(), "{diff}");
    // A derive dropped with nothing in its place is a removed impl, which breaks its callers.
    let dropped = one("#[derive(Debug, serde::Serialize)] pub struct S<'a, T> { pub a: &'a T }");
    let diff = diff_sources("src", &derived, &dropped).expect("parsed");
    assert!(diff.is_breaking(), "{diff}");
    let paths: Vec<&str> = diff.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["S::<impl serde::Deserialize for S<'a, T>>"]);
    // A trait's type arguments stay apart: `From<u8>` and `From<u16>` are two impls.
    let one_from = one("pub struct S; impl From<u8> for S {}");
    let two_from = one("pub struct S; impl From<u8> for S {} impl From<u16> for S {}");
    let diff = diff_sources("src", &one_from, &two_from).expect("parsed");
    assert_eq!(diff.changes.len(), 1, "{diff}");
    assert_eq!(diff.changes[0].path, "S::<impl From<u16> for S>");
}

#[test]
fn files_map_to_modules_and_bad_rust_names_file_and_line() {
    assert_eq!(
        api_diff::module_path("src", "src/lib.rs").as_deref(),
        Some("")
    );
    assert_eq!(
        api_diff::module_path("src/", "src/a/b.rs").as_deref(),
        Some("a::b")
    );
    assert_eq!(
        api_diff::module_path("src", "src/a/mod.rs").as_deref(),
        Some("a")
    );
    assert_eq!(api_diff::module_path("src", "srcx/a.rs"), None);
    assert_eq!(api_diff::module_path("src", "src/notes.txt"), None);

    let mut files = one("pub struct A;");
    files.insert(
        "src/broken.rs".to_owned(),
        "pub struct Ok;\npub fn (".to_owned(),
    );
    let err = diff_sources("src", &one("pub struct A;"), &files).expect_err("broken");
    assert_eq!(err.file, "src/broken.rs");
    assert_eq!(err.line, Some(2));
    assert!(
        err.to_string()
            .starts_with("src/broken.rs:2: not valid Rust"),
        "{err}"
    );
}
