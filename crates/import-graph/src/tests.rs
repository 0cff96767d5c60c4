use std::collections::BTreeMap;

use crate::error::GraphError;
use crate::{cycles, file_graph};

fn tree(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

/// The imports as `from -> to` strings.
fn imports(files: &[(&str, &str)]) -> Vec<String> {
    let graph = file_graph(&tree(files)).expect("graph");
    graph
        .imports
        .keys()
        .map(|(a, b)| format!("{a} -> {b}"))
        .collect()
}

#[test]
fn a_tree_without_a_circle_has_no_cycle() {
    let files = [
        (
            "lib.rs",
            "mod model; mod parse; pub use model::Op; pub fn run() { parse::read(); }",
        ),
        ("model.rs", "pub struct Op;"),
        (
            "parse.rs",
            "use crate::model::Op; pub fn read() -> Op { Op }",
        ),
    ];
    assert_eq!(
        imports(&files),
        [
            "lib.rs -> model.rs",
            "lib.rs -> parse.rs",
            "parse.rs -> model.rs"
        ]
    );
    assert!(cycles(&file_graph(&tree(&files)).expect("graph")).is_empty());
}

#[test]
fn two_siblings_importing_each_other_are_a_cycle() {
    let files = [
        ("lib.rs", "mod a; mod b;"),
        ("a.rs", "use crate::b::helper; pub struct Shared;"),
        ("b.rs", "pub fn helper(_: super::a::Shared) {}"),
    ];
    let found = cycles(&file_graph(&tree(&files)).expect("graph"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].files, ["a.rs", "b.rs"]);
    let text = found[0].to_string();
    assert!(text.contains("a.rs -> b.rs: crate::b::helper"), "{text}");
    assert!(text.contains("b.rs -> a.rs: super::a::Shared"), "{text}");
}

#[test]
fn a_circle_of_three_through_a_directory_module() {
    let files = [
        ("lib.rs", "mod page;"),
        (
            "page/mod.rs",
            "mod body; mod rows; pub(crate) fn qualify() {}",
        ),
        (
            "page/body.rs",
            "pub(crate) fn body() { super::rows::rows(); }",
        ),
        ("page/rows.rs", "pub(crate) fn rows() { super::qualify(); }"),
    ];
    let graph = file_graph(&tree(&files)).expect("graph");
    assert_eq!(cycles(&graph), []);
    // The parent closes the circle once it uses its child's name.
    let mut files = files;
    files[1].1 = "mod body; mod rows; pub(crate) fn qualify() { body::body(); }";
    let found = cycles(&file_graph(&tree(&files)).expect("graph"));
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].files,
        ["page/body.rs", "page/mod.rs", "page/rows.rs"]
    );
}

#[test]
fn declaring_a_child_is_not_an_import_and_the_child_may_use_its_parent() {
    let files = [
        ("lib.rs", "mod child; pub struct Root;"),
        ("child.rs", "use super::Root;"),
    ];
    assert_eq!(imports(&files), ["child.rs -> lib.rs"]);
    assert!(cycles(&file_graph(&tree(&files)).expect("graph")).is_empty());
}

#[test]
fn a_re_export_is_followed_to_the_defining_file() {
    let files = [
        (
            "lib.rs",
            "mod model; mod user; pub use model::*; pub use user::go;",
        ),
        ("model.rs", "pub struct Op;"),
        ("user.rs", "pub fn go(_: crate::Op) {}"),
    ];
    // user.rs names `crate::Op`, which lib.rs only re-exports: the import is of model.rs, so
    // lib.rs -> user.rs -> lib.rs is no cycle.
    assert_eq!(
        imports(&files),
        [
            "lib.rs -> model.rs",
            "lib.rs -> user.rs",
            "user.rs -> model.rs"
        ]
    );
}

#[test]
fn a_test_module_importing_its_parent_is_no_cycle() {
    let files = [
        ("lib.rs", "mod parse; #[cfg(test)] mod tests;"),
        ("parse.rs", "pub fn read() {}"),
        (
            "tests.rs",
            "use super::*; use crate::parse::read; #[test] fn t() { read() }",
        ),
    ];
    let graph = file_graph(&tree(&files)).expect("graph");
    assert_eq!(graph.files.get("tests.rs"), Some(&true));
    assert_eq!(graph.files.get("parse.rs"), Some(&false));
    assert!(graph.imports.is_empty(), "{:?}", graph.imports);
}

#[test]
fn an_inline_test_module_importing_a_sibling_is_no_import_of_its_file() {
    let files = [
        ("lib.rs", "mod model; mod matching;"),
        (
            "model.rs",
            "pub struct Template; impl Template { fn m(&self) { crate::matching::segments(); } }",
        ),
        (
            "matching.rs",
            "pub fn segments() {}\n#[cfg(test)]\nmod tests { use crate::model::Template; }",
        ),
    ];
    assert_eq!(imports(&files), ["model.rs -> matching.rs"]);
    // The same import outside the test module closes a cycle.
    let mut files = files;
    files[2].1 = "use crate::model::Template; pub fn segments() {}";
    let found = cycles(&file_graph(&tree(&files)).expect("graph"));
    assert_eq!(found[0].files, ["matching.rs", "model.rs"]);
}

#[test]
fn inline_modules_nested_dirs_and_path_attributes_resolve() {
    let files = [
        (
            "lib.rs",
            "mod outer { pub mod inner; }\n#[path = \"other_name.rs\"] mod renamed; use renamed::X;",
        ),
        ("outer/inner.rs", "pub fn f() { crate::renamed::g() }"),
        (
            "other_name.rs",
            "pub struct X; pub fn g() { crate::outer::inner::f() }",
        ),
    ];
    let graph = file_graph(&tree(&files)).expect("graph");
    assert!(graph.unreached.is_empty(), "{:?}", graph.unreached);
    let found = cycles(&graph);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].files, ["other_name.rs", "outer/inner.rs"]);
}

#[test]
fn macros_comments_strings_and_external_paths_are_not_imports() {
    let files = [
        ("lib.rs", "mod a; mod b;"),
        (
            "a.rs",
            "//! See [crate::b::f].\nuse ::std::fmt; use std::io;\n\
             pub fn a() -> String { let t = quote!(crate::b::f()); format!(\"crate::b::f {}\", 1) }",
        ),
        ("b.rs", "pub fn f() { crate::a::a(); }"),
    ];
    assert_eq!(imports(&files), ["b.rs -> a.rs"]);
}

#[test]
fn use_trees_with_groups_self_and_aliases() {
    let files = [
        ("lib.rs", "mod a; mod b; mod c;"),
        ("a.rs", "use crate::{b::{self, B as Bee}, c::*};"),
        ("b.rs", "pub struct B;"),
        ("c.rs", "pub struct C;"),
    ];
    assert_eq!(imports(&files), ["a.rs -> b.rs", "a.rs -> c.rs"]);
}

#[test]
fn a_missing_module_file_is_an_error_naming_it() {
    let err = file_graph(&tree(&[("lib.rs", "mod gone;")])).expect_err("missing");
    assert_eq!(
        err,
        GraphError::MissingModule {
            from: "lib.rs".into(),
            name: "gone".into(),
            tried: vec!["gone.rs".into(), "gone/mod.rs".into()]
        }
    );
}

#[test]
fn a_file_no_root_reaches_is_listed() {
    let graph = file_graph(&tree(&[("lib.rs", ""), ("stray.rs", "")])).expect("graph");
    assert_eq!(graph.unreached, ["stray.rs"]);
}

#[test]
fn a_name_two_globs_deep_resolves_to_its_file_not_to_the_root() {
    // lib.rs re-exports both modules by glob; model.rs imports `crate::EnumType`, which the first
    // glob (model itself) does not have: it is operation.rs's, not lib.rs's.
    let files = [
        (
            "lib.rs",
            "mod model; mod operation; pub use model::*; pub use operation::*;",
        ),
        (
            "model.rs",
            "use crate::{EnumType}; pub struct SpecFile { e: EnumType }",
        ),
        ("operation.rs", "pub struct EnumType;"),
    ];
    assert_eq!(
        imports(&files),
        [
            "lib.rs -> model.rs",
            "lib.rs -> operation.rs",
            "model.rs -> operation.rs"
        ]
    );
}
