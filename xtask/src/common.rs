//! What the subcommands share: the usage text, where things are, flags, and printing.

use std::path::{Path, PathBuf};

use file_sync::SyncError;
use graph_spec::SpecFile;

pub(crate) const USAGE: &str = "\
usage:
  cargo xtask spec [--check] [--docs DIR]        re-derive every spec/ file from the page it records
  cargo xtask spec --add PAGE... [--docs DIR]    add pages (docs-relative paths) to spec/
  cargo xtask spec --out DIR PAGE... [--docs DIR]
                                                 extract pages into DIR/<version>/<page>.json
  cargo xtask codegen [--check]                  generate the bindings and conformance tests from spec/
  cargo xtask deps [CRATE...] [--except CRATE]   fail when files of a crate import each other in a circle
  cargo xtask conformance                        run the conformance tests and print a table of checks
  cargo xtask corpus --out DIR [--docs DIR] [--no-lint] [--no-check] [--areas all|none|A,B,..]
                                                 the whole docs checkout through the pipeline into DIR
                                                 (specs, a generated crate, clippy, report.md)
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

/// `path` below `root`, with `/` between its parts (`beta/signin-confirmsafe.json`): the name a
/// loaded spec or type file goes by.
pub(crate) fn relative_name(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub(crate) fn spec_dir() -> PathBuf {
    workspace_root().join("spec")
}

pub(crate) fn docs_root(flag: Option<String>) -> PathBuf {
    flag.or_else(|| std::env::var("GRAPH_DOCS_DIR").ok())
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/graph-docs"))
}

/// Parsed `spec` / `codegen` flags.
#[derive(Default)]
pub(crate) struct Flags {
    pub(crate) check: bool,
    pub(crate) docs: Option<String>,
    pub(crate) out: Option<String>,
    pub(crate) add: bool,
    pub(crate) pages: Vec<String>,
}

pub(crate) fn parse_flags(args: &[String]) -> Result<Flags, String> {
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
pub(crate) fn spec_path_for(spec: &SpecFile) -> String {
    format!("spec/{}", spec_file_for(spec))
}

/// `<version>/<page stem>.json`: where a spec goes below a spec folder (`spec/`, or one of
/// `spec --out` and `corpus`).
pub(crate) fn spec_file_for(spec: &SpecFile) -> String {
    let stem = spec
        .source
        .page
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".md");
    format!("{}/{stem}.json", spec.api_version.as_str())
}

/// `<version>/types/<file>.json`: where a type file goes below a spec folder.
pub(crate) fn type_file_for(ty: &graph_spec::TypeFile) -> String {
    format!(
        "{}/{}/{}",
        ty.api_version.as_str(),
        graph_spec::TYPES_DIR,
        graph_spec::type_file_name(&ty.name)
    )
}

/// One error per line.
pub(crate) fn lines(errors: &[impl std::fmt::Display]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn print_warnings(spec: &SpecFile) {
    for w in &spec.warnings {
        eprintln!("warning: {}:{}: {}", spec.source.page, w.line, w.message);
    }
}

pub(crate) fn sync_report(
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
