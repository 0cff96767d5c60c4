//! `cargo xtask`: the project's command line. Argument parsing, file I/O and printing only; the
//! work is done by the library crates (`graph-extract`, `graph-spec`, `graph-codegen`, `graph-lint`,
//! `file-sync`, `import-graph`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use file_sync::{Mode, Owned, SyncError};
use graph_spec::{ApiVersion, SpecFile};

mod conformance;
mod deps;
mod lint;
mod spec;

const USAGE: &str = "\
usage:
  cargo xtask spec [--check] [--docs DIR]        re-derive every spec/ file from the page it records
  cargo xtask spec --add PAGE... [--docs DIR]    add pages (docs-relative paths) to spec/
  cargo xtask spec --out DIR PAGE... [--docs DIR]
                                                 extract pages into DIR/<version>/<page>.json
  cargo xtask codegen [--check]                  generate the bindings and conformance tests from spec/
  cargo xtask deps [CRATE...] [--except CRATE]   fail when files of a crate import each other in a circle
  cargo xtask conformance                        run the conformance tests and print a table of checks
  cargo xtask lint [--version v1.0|beta] [--csdl FILE] [--csdl-2021 FILE] [--spec DIR] [--docs DIR] [--json] [--deny extractor|docs]
                                                 compare the spec with Microsoft's CSDL metadata and
                                                 classify each disagreement (docs differ / extractor missed)

The docs root is --docs, else $GRAPH_DOCS_DIR, else ../shared/graph-docs beside the workspace.
--check compares instead of writing and fails with a diff when anything differs.
lint: --spec DIR lints the spec JSON files below DIR (default spec/); without --version, every version
found there is linted, operations and type files (spec/<version>/types/) alike. The CSDL is --csdl (one version only), else v1.0.csdl or beta-usnat.csdl in
$GRAPH_METADATA_DIR, else in ../shared/graph-metadata beside the workspace. Resource operations (get, list,
create, update, delete, $ref, $value, $count) are resolved through their URLs, a 2021 page's in
--csdl-2021, else v1.0-2021.csdl or beta-2021.csdl there. --deny extractor (or docs) fails when any
disagreement is of that class.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("spec") => spec::run(&args[1..]),
        Some("codegen") => codegen(&args[1..]),
        Some("conformance") => conformance::run(&args[1..]),
        Some("lint") => lint::run(&args[1..]),
        Some("deps") => deps::run(&args[1..]),
        Some("-h" | "--help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn spec_dir() -> PathBuf {
    workspace_root().join("spec")
}

fn docs_root(flag: Option<String>) -> PathBuf {
    flag.or_else(|| std::env::var("GRAPH_DOCS_DIR").ok())
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/graph-docs"))
}

/// Parsed `spec` / `codegen` flags.
#[derive(Default)]
struct Flags {
    check: bool,
    docs: Option<String>,
    out: Option<String>,
    add: bool,
    pages: Vec<String>,
}

fn parse_flags(args: &[String]) -> Result<Flags, String> {
    let mut flags = Flags::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--check" => flags.check = true,
            "--add" => flags.add = true,
            "--docs" => flags.docs = Some(it.next().ok_or("--docs needs a directory")?.clone()),
            "--out" => flags.out = Some(it.next().ok_or("--out needs a directory")?.clone()),
            s if s.starts_with('-') => return Err(format!("unknown flag `{s}`\n\n{USAGE}")),
            page => flags.pages.push(page.to_string()),
        }
    }
    Ok(flags)
}

/// `spec/<version>/<page stem>.json`, relative to the workspace root.
fn spec_path_for(spec: &SpecFile) -> String {
    let stem = spec
        .source
        .page
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".md");
    format!("spec/{}/{stem}.json", spec.api_version.as_str())
}

/// One error per line.
fn lines(errors: &[impl std::fmt::Display]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn print_warnings(spec: &SpecFile) {
    for w in &spec.warnings {
        eprintln!("warning: {}:{}: {}", spec.source.page, w.line, w.message);
    }
}

fn sync_report(
    what: &str,
    result: Result<file_sync::Report, SyncError>,
    check: bool,
) -> Result<(), String> {
    match result {
        Ok(report) if check => {
            println!("{what}: {} file(s) up to date", report.unchanged);
            Ok(())
        }
        Ok(report) => {
            for c in &report.changes {
                println!(
                    "{what}: {}",
                    match c {
                        file_sync::Change::Added(p) => format!("created {p}"),
                        file_sync::Change::Modified(p, _) => format!("updated {p}"),
                        file_sync::Change::Removed(p) => format!("removed {p}"),
                    }
                );
            }
            println!(
                "{what}: {} changed, {} unchanged",
                report.changes.len(),
                report.unchanged
            );
            Ok(())
        }
        Err(SyncError::Drift(report)) => Err(format!(
            "{}\n{what} is out of date: run `cargo xtask {what}` and commit the result",
            SyncError::Drift(report)
        )),
        Err(e) => Err(e.to_string()),
    }
}

fn codegen(args: &[String]) -> Result<(), String> {
    let flags = parse_flags(args)?;
    if flags.add || flags.out.is_some() || flags.docs.is_some() || !flags.pages.is_empty() {
        return Err(format!("codegen takes only --check\n\n{USAGE}"));
    }
    let root = workspace_root();
    // The bindings from spec/, and the fixtures crate from the codegen's own hostile fixtures:
    // both are generated and checked by the same code path, and both are compiled by `cargo test`.
    let mut files = BTreeMap::new();
    let mut owned = Vec::new();
    for (dir, layout) in [
        (spec_dir(), graph_codegen::Layout::default()),
        (
            root.join("crates/graph-codegen/tests/fixtures"),
            graph_codegen::Layout::fixtures(),
        ),
    ] {
        let loaded = graph_spec::load_dir(&dir).map_err(|e| lines(&e))?;
        let invalid = graph_spec::validate(loaded.iter().map(|(p, s)| (p.as_path(), s)));
        if !invalid.is_empty() {
            return Err(lines(&invalid));
        }
        let named: Vec<(String, SpecFile)> = loaded
            .into_iter()
            .map(|(path, spec)| {
                let rel = path.strip_prefix(&root).unwrap_or(&path);
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                (rel.join("/"), spec)
            })
            .collect();
        let types: Vec<graph_spec::TypeFile> = graph_spec::load_type_dir(&dir)
            .map_err(|e| lines(&e))?
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        let invalid = graph_spec::validate_types(
            graph_spec::type_files(&dir)
                .unwrap_or_default()
                .iter()
                .map(PathBuf::as_path)
                .zip(&types),
        );
        if !invalid.is_empty() {
            return Err(lines(&invalid));
        }
        // The crate's manifest: codegen rewrites its block of area features.
        let manifest = match std::path::Path::new(&layout.api_src).parent() {
            Some(dir) if !dir.as_os_str().is_empty() => format!("{}/Cargo.toml", dir.display()),
            _ => "Cargo.toml".to_string(),
        };
        let text = std::fs::read_to_string(root.join(&manifest))
            .map_err(|e| format!("{manifest}: {e}"))?;
        let layout = graph_codegen::Layout {
            manifest: Some((manifest, text)),
            ..layout
        };
        files.extend(
            graph_codegen::generate_with_types(&named, &types, &layout)
                .map_err(|e| e.to_string())?,
        );
        owned.push(Owned::dir(layout.api_src.clone(), "rs"));
        owned.extend(layout.conformance_test.clone().map(Owned::file));
    }
    // What the run does to the generated crate's public API (on disk against generated), and
    // whether that breaks semver: printed with and without --check.
    let api_src = graph_codegen::Layout::default().api_src;
    match api_diff::read_sources(&root, &api_src)
        .and_then(|old| api_diff::diff_sources(&api_src, &old, &files))
    {
        Ok(diff) => print!("codegen: {diff}"),
        Err(e) => println!("codegen: no public API report: {e}"),
    }
    let mode = if flags.check {
        Mode::Check
    } else {
        Mode::Write
    };
    sync_report(
        "codegen",
        file_sync::sync(&root, &files, &owned, mode),
        flags.check,
    )
}
