//! `cargo xtask`: the project's command line. Argument parsing, file I/O and printing only; the
//! work is done by the library crates (`graph-extract`, `graph-spec`, `graph-codegen`, `graph-lint`,
//! `file-sync`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use file_sync::{Mode, Owned, SyncError};
use graph_spec::{ApiVersion, SpecFile};

const USAGE: &str = "\
usage:
  cargo xtask spec [--check] [--docs DIR]        re-derive every spec/ file from the page it records
  cargo xtask spec --add PAGE... [--docs DIR]    add pages (docs-relative paths) to spec/
  cargo xtask spec --out DIR PAGE... [--docs DIR]
                                                 extract pages into DIR/<version>/<page>.json
  cargo xtask codegen [--check]                  generate the bindings and conformance tests from spec/
  cargo xtask conformance                        run the conformance tests and print a table of checks
  cargo xtask lint [--version v1.0|beta] [--csdl FILE] [--spec DIR] [--docs DIR] [--json] [--deny extractor|docs]
                                                 compare the spec with Microsoft's CSDL metadata and
                                                 classify each disagreement (docs differ / extractor missed)

The docs root is --docs, else $GRAPH_DOCS_DIR, else ../shared/graph-docs beside the workspace.
--check compares instead of writing and fails with a diff when anything differs.
lint: --spec DIR lints the spec JSON files below DIR (default spec/); without --version, every version
found there is linted, operations and type files (spec/<version>/types/) alike. The CSDL is --csdl (one version only), else v1.0.csdl or beta-usnat.csdl in
$GRAPH_METADATA_DIR, else in ../shared/graph-metadata beside the workspace. --deny extractor (or docs)
fails when any disagreement is of that class.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("spec") => spec(&args[1..]),
        Some("codegen") => codegen(&args[1..]),
        Some("conformance") => conformance(&args[1..]),
        Some("lint") => lint(&args[1..]),
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

fn spec(args: &[String]) -> Result<(), String> {
    let flags = parse_flags(args)?;
    let docs = docs_root(flags.docs.clone());
    if let Some(out) = &flags.out {
        return spec_out(&docs, Path::new(out), &flags.pages);
    }
    if !flags.pages.is_empty() && !flags.add {
        return Err(format!("pages given without --add or --out\n\n{USAGE}"));
    }
    if !docs.is_dir() {
        return Err(format!(
            "docs root {} is not a directory (set --docs or GRAPH_DOCS_DIR)",
            docs.display()
        ));
    }
    // The pages to derive: every committed spec's source page, plus any being added.
    let mut pages: Vec<String> = Vec::new();
    let committed = graph_spec::load_dir(&spec_dir()).map_err(|e| lines(&e))?;
    pages.extend(committed.iter().map(|(_, s)| s.source.page.clone()));
    pages.extend(flags.pages.iter().cloned());
    pages.sort();
    pages.dedup();

    let mut files = BTreeMap::new();
    let mut specs = Vec::new();
    let mut failures = Vec::new();
    for page in &pages {
        match graph_extract::extract_page(&docs, page) {
            Ok(spec) => {
                print_warnings(&spec);
                files.insert(spec_path_for(&spec), graph_spec::to_json(&spec));
                specs.push((PathBuf::from(spec_path_for(&spec)), spec));
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    if !failures.is_empty() {
        return Err(format!("{}\nspec/ left unchanged", failures.join("\n")));
    }
    let invalid = graph_spec::validate(specs.iter().map(|(p, s)| (p.as_path(), s)));
    if !invalid.is_empty() {
        return Err(format!("{}\nspec/ left unchanged", lines(&invalid)));
    }
    // The types the operations name, followed through properties and base types.
    let read = |page: &str| std::fs::read_to_string(docs.join(page)).ok();
    let operations: Vec<SpecFile> = specs.iter().map(|(_, s)| s.clone()).collect();
    let followed = graph_extract::follow_types(&operations, &read);
    for u in &followed.untyped {
        eprintln!(
            "warning: {}: type `{}` stays untyped: {}",
            u.named_by, u.name, u.reason
        );
    }
    let mut types = Vec::new();
    for ty in followed.types {
        let path = format!(
            "spec/{}/{}/{}",
            ty.api_version.as_str(),
            graph_spec::TYPES_DIR,
            graph_spec::type_file_name(&ty.name)
        );
        files.insert(path.clone(), graph_spec::type_to_json(&ty));
        types.push((PathBuf::from(path), ty));
    }
    let invalid = graph_spec::validate_types(types.iter().map(|(p, t)| (p.as_path(), t)));
    if !invalid.is_empty() {
        return Err(format!("{}\nspec/ left unchanged", lines(&invalid)));
    }
    println!(
        "spec: {} type(s) described, {} named type(s) untyped",
        types.len(),
        followed.untyped.len()
    );
    files.insert(
        format!("spec/{}", graph_spec::SCHEMA_FILE),
        graph_spec::schema_json(),
    );
    files.insert(
        format!("spec/{}", graph_spec::TYPES_SCHEMA_FILE),
        graph_spec::types_schema_json(),
    );
    let mode = if flags.check {
        Mode::Check
    } else {
        Mode::Write
    };
    let result = file_sync::sync(
        &workspace_root(),
        &files,
        &[Owned::dir("spec", "json")],
        mode,
    );
    sync_report("spec", result, flags.check)
}

fn spec_out(docs: &Path, out: &Path, pages: &[String]) -> Result<(), String> {
    if pages.is_empty() {
        return Err("--out needs at least one PAGE".into());
    }
    // A page named twice is read once.
    let mut seen = std::collections::BTreeSet::new();
    let pages: Vec<&String> = pages.iter().filter(|p| seen.insert(p.as_str())).collect();
    let mut extracted = Vec::new();
    let mut failed = 0;
    let mut warnings = 0;
    for page in &pages {
        match graph_extract::extract_page(docs, page) {
            Ok(spec) => {
                print_warnings(&spec);
                warnings += spec.warnings.len();
                extracted.push(spec);
            }
            Err(e) => {
                failed += 1;
                println!("FAILED {e}");
            }
        }
    }
    // The same layout as spec/: `<version>/<page>.json`. Two pages that would still share a file
    // are refused before anything is written.
    let files = out_files(&extracted)?;
    let written = files.len();
    if !files.is_empty() {
        file_sync::sync(out, &files, &[], Mode::Write).map_err(|e| e.to_string())?;
    }
    for spec in &extracted {
        let file = out_file(spec);
        println!(
            "ok     {} -> {}",
            spec.source.page,
            out.join(file).display()
        );
    }
    println!(
        "spec --out: {} page(s) read, {written} written, {failed} failed, {warnings} warning(s)",
        pages.len()
    );
    if failed > 0 {
        Err(format!("{failed} of {} page(s) failed", pages.len()))
    } else {
        Ok(())
    }
}

/// `<version>/<page stem>.json`: where `spec --out` writes a spec, relative to the output folder.
fn out_file(spec: &SpecFile) -> String {
    spec_path_for(spec).trim_start_matches("spec/").to_string()
}

/// The files `spec --out` writes, keyed by [`out_file`]; an error naming both pages when two of
/// them would share a file.
fn out_files(specs: &[SpecFile]) -> Result<BTreeMap<String, String>, String> {
    let mut files = BTreeMap::new();
    let mut owners: BTreeMap<String, &str> = BTreeMap::new();
    let mut clashes = Vec::new();
    for spec in specs {
        let file = out_file(spec);
        if let Some(first) = owners.insert(file.clone(), &spec.source.page) {
            clashes.push(format!(
                "{} and {first} would both be written to {file}",
                spec.source.page
            ));
        }
        files.insert(file, graph_spec::to_json(spec));
    }
    if clashes.is_empty() {
        Ok(files)
    } else {
        Err(format!("{}\nnothing was written", clashes.join("\n")))
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

/// One row of the conformance report: an example and the checks it passed.
#[derive(Default)]
struct Row {
    round_trip: bool,
    request: bool,
    response: Option<&'static str>,
    wire: bool,
}

fn conformance(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err(format!("conformance takes no arguments\n\n{USAGE}"));
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .current_dir(workspace_root())
        .args([
            "test",
            "-p",
            "graph-conformance",
            "--test",
            "examples",
            "--",
        ])
        .args(["--nocapture", "--test-threads=1"])
        .output()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The harness prints `conformance: <spec file> | <example> | <check> | ok` per check passed.
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    let mut ignored = Vec::new();
    for line in stdout.lines() {
        if let Some(rest) = line.split_once("conformance: ").map(|(_, r)| r) {
            let cells: Vec<&str> = rest.split(" | ").collect();
            let [file, example, check, "ok"] = cells.as_slice() else {
                continue;
            };
            let row = rows
                .entry((file.to_string(), example.to_string()))
                .or_default();
            match *check {
                "round trip" => row.round_trip = true,
                c if c.starts_with("request matches") => row.request = true,
                "response matches documented body" => row.response = Some("body"),
                "documented status accepted" => row.response = Some("status"),
                "wire request matches snapshot" => row.wire = true,
                _ => {}
            }
        } else if line.contains(" ... ignored") {
            ignored.push(line.trim_start_matches("test ").to_string());
        }
    }
    let mark = |b: bool| if b { "ok" } else { "-" };
    println!(
        "| spec file | example | body round trip | request sent as documented | response | wire snapshot |"
    );
    println!("|---|---|---|---|---|---|");
    for ((file, example), r) in &rows {
        println!(
            "| {file} | {example} | {} | {} | {} | {} |",
            mark(r.round_trip),
            mark(r.request),
            r.response.map_or("-".to_string(), |k| format!("ok ({k})")),
            mark(r.wire)
        );
    }
    for line in &ignored {
        println!("ignored: {line}");
    }
    println!(
        "{} example(s) replayed, {} ignored",
        rows.len(),
        ignored.len()
    );
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "the conformance tests failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// The CSDL of `version`: the one Microsoft serves for it, from the shared metadata directory.
fn default_csdl(version: ApiVersion) -> PathBuf {
    let dir = std::env::var("GRAPH_METADATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace_root().join("../shared/graph-metadata"));
    dir.join(match version {
        ApiVersion::V1 => "v1.0.csdl",
        ApiVersion::Beta => "beta-usnat.csdl",
    })
}

/// Parsed `lint` flags.
#[derive(Default)]
struct LintFlags {
    version: Option<ApiVersion>,
    csdl: Option<PathBuf>,
    spec: Option<PathBuf>,
    docs: Option<String>,
    json: bool,
    deny: Vec<graph_lint::Class>,
}

fn parse_lint_flags(args: &[String]) -> Result<LintFlags, String> {
    let mut flags = LintFlags::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs {what}"))
        };
        match arg.as_str() {
            "--version" => {
                flags.version = Some(match value("v1.0 or beta")?.as_str() {
                    "v1.0" => ApiVersion::V1,
                    "beta" => ApiVersion::Beta,
                    other => return Err(format!("unknown version `{other}`: v1.0 or beta")),
                })
            }
            "--csdl" => flags.csdl = Some(value("a file")?.into()),
            "--spec" => flags.spec = Some(value("a directory")?.into()),
            "--docs" => flags.docs = Some(value("a directory")?),
            "--json" => flags.json = true,
            "--deny" => flags.deny.push(match value("extractor or docs")?.as_str() {
                "extractor" => graph_lint::Class::ExtractorMissed,
                "docs" => graph_lint::Class::DocsDiffer,
                other => return Err(format!("unknown --deny `{other}`: extractor or docs")),
            }),
            other => return Err(format!("lint: unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    Ok(flags)
}

fn lint(args: &[String]) -> Result<(), String> {
    let flags = parse_lint_flags(args)?;
    let dir = flags.spec.clone().unwrap_or_else(spec_dir);
    let loaded = graph_spec::load_dir(&dir).map_err(|e| lines(&e))?;
    // Name each spec by its path below the directory linted.
    let specs: Vec<(String, SpecFile)> = loaded
        .into_iter()
        .map(|(path, spec)| {
            let rel = path.strip_prefix(&dir).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            (rel.join("/"), spec)
        })
        .collect();
    let mut versions: Vec<ApiVersion> = match flags.version {
        Some(v) => vec![v],
        None => specs.iter().map(|(_, s)| s.api_version).collect(),
    };
    versions.sort();
    versions.dedup();
    if versions.is_empty() {
        return Err(format!("no spec file under {}", dir.display()));
    }
    if flags.csdl.is_some() && versions.len() > 1 {
        return Err(
            "--csdl names one metadata document, but the specs are of several versions: add --version"
                .into(),
        );
    }
    let docs = docs_root(flags.docs.clone());
    let page_text = |page: &str| std::fs::read_to_string(docs.join(page)).ok();
    let types: Vec<(String, graph_spec::TypeFile)> = graph_spec::load_type_dir(&dir)
        .map_err(|e| lines(&e))?
        .into_iter()
        .map(|(path, ty)| {
            let rel = path.strip_prefix(&dir).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            (rel.join("/"), ty)
        })
        .collect();
    let mut reports = Vec::new();
    let mut type_reports = Vec::new();
    for version in versions {
        let csdl = flags.csdl.clone().unwrap_or_else(|| default_csdl(version));
        let xml = std::fs::read_to_string(&csdl).map_err(|e| {
            format!(
                "cannot read the CSDL {}: {e} (set --csdl or GRAPH_METADATA_DIR)",
                csdl.display()
            )
        })?;
        let metadata =
            graph_lint::Metadata::parse(&xml).map_err(|e| format!("{}: {e}", csdl.display()))?;
        let name = csdl.file_name().map_or_else(
            || csdl.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        reports.push(graph_lint::lint(
            version, &name, &metadata, &specs, &page_text,
        ));
        if types.iter().any(|(_, t)| t.api_version == version) {
            let meta_types = graph_lint::MetaTypes::parse(&xml)
                .map_err(|e| format!("{}: {e}", csdl.display()))?;
            type_reports.push(graph_lint::lint_types(
                version,
                &name,
                &meta_types,
                &types,
                &page_text,
            ));
        }
    }
    if flags.json {
        print!("{}", graph_lint::to_json(&reports));
    } else {
        for report in &reports {
            println!("{}", graph_lint::render_table(report));
            let missed = graph_lint::render_extractor_list(report);
            if !missed.is_empty() {
                println!("extractor missed ({}):\n{missed}", report.api_version);
            }
            println!("{}", graph_lint::render_totals(report));
        }
        for report in &type_reports {
            print!("{}", graph_lint::render_types(report));
        }
        if reports.iter().any(|r| r.totals.unclassified > 0) {
            eprintln!(
                "warning: some pages could not be read below the docs root {}: their disagreements are unclassified",
                docs.display()
            );
        }
    }
    let denied: Vec<String> = flags
        .deny
        .iter()
        .filter_map(|class| {
            let n: usize = reports
                .iter()
                .flat_map(|r| &r.operations)
                .flat_map(graph_lint::OperationReport::all_disagreements)
                .chain(
                    type_reports
                        .iter()
                        .flat_map(|r| &r.types)
                        .flat_map(|t| &t.rows)
                        .filter_map(|r| r.disagreement.as_ref()),
                )
                .filter(|d| d.class == *class)
                .count();
            (n > 0).then(|| format!("{n} disagreement(s) classified `{}`", class.as_str()))
        })
        .collect();
    if denied.is_empty() {
        Ok(())
    } else {
        Err(format!("{} (denied)", denied.join(", ")))
    }
}
