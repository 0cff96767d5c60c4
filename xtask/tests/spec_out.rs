//! `cargo xtask spec --out`: the output mirrors spec/'s `<version>/<page>.json` layout, a clash is
//! refused before anything is written, and every run ends with a summary line.

use std::path::Path;
use std::process::{Command, Output};

/// A small page in the docs' format, written for this test.
fn page(name: &str) -> String {
    format!(
        "---\ntitle: \"widget: {name}\"\n---\n\n# widget: {name}\n\nDoes {name} to a widget.\n\n\
         ## HTTP request\n\n```http\nPOST /widgets/{{id}}/{name}\n```\n\n\
         ## Request body\n\nDon't supply a request body for this method.\n\n\
         ## Response\n\nIf successful, this action returns a `204 No Content` response code.\n"
    )
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write page");
}

fn xtask(docs: &Path, out: &Path, pages: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["spec", "--docs"])
        .arg(docs)
        .arg("--out")
        .arg(out)
        .args(pages)
        .output()
        .expect("run xtask")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn pages_of_both_versions_with_one_name_get_one_file_each() {
    let docs = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    write(
        docs.path(),
        "api-reference/v1.0/api/widget-polish.md",
        &page("polish"),
    );
    write(
        docs.path(),
        "api-reference/beta/api/widget-polish.md",
        &page("shine"),
    );
    let run = xtask(
        docs.path(),
        out.path(),
        &[
            "api-reference/v1.0/api/widget-polish.md",
            "api-reference/beta/api/widget-polish.md",
        ],
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let v1 = std::fs::read_to_string(out.path().join("v1.0/widget-polish.json")).expect("v1.0");
    let beta = std::fs::read_to_string(out.path().join("beta/widget-polish.json")).expect("beta");
    assert!(v1.contains("\"name\": \"polish\""), "{v1}");
    assert!(beta.contains("\"name\": \"shine\""), "{beta}");
    assert!(
        text(&run.stdout).contains("2 page(s) read, 2 written, 0 failed, 0 warning(s)"),
        "{}",
        text(&run.stdout)
    );
}

#[test]
fn two_pages_that_would_share_a_file_are_refused_before_anything_is_written() {
    let docs = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    write(
        docs.path(),
        "api-reference/v1.0/api/widget-polish.md",
        &page("polish"),
    );
    write(
        docs.path(),
        "api-reference/v1.0/more/widget-polish.md",
        &page("shine"),
    );
    write(
        docs.path(),
        "api-reference/v1.0/api/widget-buff.md",
        &page("buff"),
    );
    let run = xtask(
        docs.path(),
        out.path(),
        &[
            "api-reference/v1.0/api/widget-buff.md",
            "api-reference/v1.0/api/widget-polish.md",
            "api-reference/v1.0/more/widget-polish.md",
        ],
    );
    assert!(!run.status.success());
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains(
            "api-reference/v1.0/more/widget-polish.md and api-reference/v1.0/api/widget-polish.md \
             would both be written to v1.0/widget-polish.json"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(out.path()).expect("list").collect();
    assert!(left.is_empty(), "files were written: {left:?}");
}

#[test]
fn a_failing_page_is_counted_and_the_others_are_written() {
    let docs = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    write(
        docs.path(),
        "api-reference/v1.0/api/widget-polish.md",
        &page("polish"),
    );
    let run = xtask(
        docs.path(),
        out.path(),
        &[
            "api-reference/v1.0/api/widget-polish.md",
            "api-reference/v1.0/api/missing.md",
        ],
    );
    assert!(!run.status.success());
    let stdout = text(&run.stdout);
    assert!(
        stdout.contains("2 page(s) read, 1 written, 1 failed, 0 warning(s)"),
        "{stdout}"
    );
    assert!(out.path().join("v1.0/widget-polish.json").is_file());
}
