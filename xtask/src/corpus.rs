//! `cargo xtask corpus`: the whole docs checkout through the pipeline, into a folder outside the
//! repository: every API page extracted, the types they name followed, each version linted
//! against its metadata, one crate generated (corpus mode: what cannot be generated is left out
//! with a located warning), `cargo clippy`ed with `full` and with each area alone, and a report
//! written (`report.md`). The work is `graph-corpus`, `graph-codegen` and `graph-lint`'s.

use std::process::Command;
use std::time::Instant;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use file_sync::{Mode, Owned};
use graph_spec::{ApiVersion, SpecFile};

use crate::common::*;
use crate::lint;

const CORPUS_USAGE: &str = "\
usage: cargo xtask corpus --out DIR [--docs DIR] [--no-lint] [--no-check] [--areas all|none|A,B,..]
  DIR/spec/      the specs and type files, as spec/ holds them
  DIR/crate/     the generated crate (graph-api's layout, area features and runtime)
  DIR/target/    its cargo target directory
  DIR/report.md  the report: counts, and every problem with its page and line
--areas: which areas to `cargo clippy` alone besides `full` (default: all).";

/// Where the conformance tests would go (relative to the crate).
const CONFORMANCE: &str = "tests/examples.rs";

struct CorpusFlags {
    out: PathBuf,
    docs: Option<String>,
    lint: bool,
    check: bool,
    areas: Option<Vec<String>>,
}

fn parse(args: &[String]) -> Result<CorpusFlags, String> {
    let mut out = None;
    let mut flags = CorpusFlags {
        out: PathBuf::new(),
        docs: None,
        lint: true,
        check: true,
        areas: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs {what}\n\n{CORPUS_USAGE}"))
        };
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("a directory")?)),
            "--docs" => flags.docs = Some(value("a directory")?),
            "--no-lint" => flags.lint = false,
            "--no-check" => flags.check = false,
            "--areas" => {
                flags.areas = match value("all, none or a list")?.as_str() {
                    "all" => None,
                    "none" => Some(Vec::new()),
                    list => Some(list.split(',').map(str::to_string).collect()),
                }
            }
            other => {
                return Err(format!(
                    "corpus: unknown argument `{other}`\n\n{CORPUS_USAGE}"
                ));
            }
        }
    }
    flags.out = out.ok_or_else(|| format!("corpus needs --out DIR\n\n{CORPUS_USAGE}"))?;
    Ok(flags)
}

/// Seconds since `start`, and `start` reset.
fn lap(start: &mut Instant) -> f64 {
    let s = start.elapsed().as_secs_f64();
    *start = Instant::now();
    s
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let flags = parse(args)?;
    let docs = docs_root(flags.docs.clone());
    let out = &flags.out;
    let mut report = graph_corpus::Report {
        docs: docs.display().to_string(),
        ..Default::default()
    };
    let mut clock = Instant::now();

    // Extraction.
    let pages = graph_corpus::api_pages(&docs)?;
    report.pages = pages.len();
    eprintln!(
        "corpus: extracting {} pages below {}",
        pages.len(),
        docs.display()
    );
    let total = pages.len();
    let extracted = graph_corpus::extract_all(&docs, &pages, &|n| {
        eprint!("\rcorpus: extracted {n}/{total}");
    });
    eprintln!();
    report.extracted = extracted.specs.len();
    report.extract_warnings = extracted.specs.iter().map(|s| s.warnings.len()).sum();
    report.extract_failures = extracted.failures;
    let specs: Vec<(String, SpecFile)> = extracted
        .specs
        .into_iter()
        .map(|s| (spec_file_for(&s), s))
        .collect();
    report.timings.push(("extract".into(), lap(&mut clock)));

    // The types they name.
    eprintln!("corpus: following the named types");
    let read = |page: &str| std::fs::read_to_string(docs.join(page)).ok();
    let operations: Vec<SpecFile> = specs.iter().map(|(_, s)| s.clone()).collect();
    let followed = graph_extract::follow_types(&operations, &read);
    report.types = (followed.types.len(), followed.untyped.len());
    let types: Vec<(String, graph_spec::TypeFile)> = followed
        .types
        .into_iter()
        .map(|t| (type_file_for(&t), t))
        .collect();
    let mut spec_files: BTreeMap<String, String> = BTreeMap::new();
    for (file, spec) in &specs {
        spec_files.insert(file.clone(), graph_spec::to_json(spec));
    }
    for (file, ty) in &types {
        spec_files.insert(file.clone(), graph_spec::type_to_json(ty));
    }
    file_sync::sync(
        &out.join("spec"),
        &spec_files,
        &[Owned::dir("", "json")],
        Mode::Write,
    )
    .map_err(|e| e.to_string())?;
    report.timings.push(("types".into(), lap(&mut clock)));

    // The metadata comparison.
    if flags.lint {
        eprintln!("corpus: comparing with the metadata");
        let mut versions: Vec<ApiVersion> = specs.iter().map(|(_, s)| s.api_version).collect();
        versions.sort();
        versions.dedup();
        let lint = lint::reports(&versions, &lint::Csdl::default(), &specs, &types, &read)?;
        report.add_lint(&lint);
        report.timings.push(("lint".into(), lap(&mut clock)));
    }

    // Generation.
    eprintln!("corpus: generating the crate");
    let crate_dir = out.join("crate");
    let runtime = workspace_root().join("crates/graph-runtime");
    let runtime = runtime.canonicalize().unwrap_or(runtime);
    let layout = graph_codegen::Layout {
        api_crate: "graph_api".into(),
        api_src: "src".into(),
        // Generated to count the examples that replay; not written (it needs graph-conformance).
        conformance_test: Some(CONFORMANCE.into()),
        manifest: Some((
            "Cargo.toml".into(),
            graph_corpus::manifest::manifest(&runtime),
        )),
    };
    let type_files: Vec<graph_spec::TypeFile> = types.into_iter().map(|(_, t)| t).collect();
    let generated =
        graph_codegen::generate_corpus(&specs, &type_files, &layout).map_err(|e| e.to_string())?;
    report.generated = generated.generated.len();
    report.merged = generated.merged.len();
    report.skipped = generated.skipped;
    let by_file: BTreeMap<&str, &SpecFile> = specs.iter().map(|(f, s)| (f.as_str(), s)).collect();
    report
        .disagreements
        .extend(graph_corpus::merged::disagreements(
            &by_file,
            &generated.aliases,
            &type_files,
        ));
    report.disagreements.sort();
    let generated_set: std::collections::BTreeSet<&str> =
        generated.generated.iter().map(String::as_str).collect();
    let documented: usize = specs
        .iter()
        .filter(|(f, _)| generated_set.contains(f.as_str()))
        .map(|(_, s)| s.examples.len())
        .sum();
    let mut files = generated.files;
    let tests = files.remove(CONFORMANCE).unwrap_or_default();
    let replayed = tests.matches("#[tokio::test]").count() - tests.matches("#[ignore").count();
    report.examples = (documented, replayed);
    report.files = (files.len(), files.values().map(|t| t.lines().count()).sum());
    // The workspace's lock file: the corpus crate builds with the same dependency versions.
    if let Ok(lock) = std::fs::read_to_string(workspace_root().join("Cargo.lock")) {
        files.insert("Cargo.lock".into(), lock);
    }
    file_sync::sync(&crate_dir, &files, &[Owned::dir("src", "rs")], Mode::Write)
        .map_err(|e| e.to_string())?;
    report.timings.push(("generate".into(), lap(&mut clock)));

    // Compiling.
    if flags.check {
        let all_areas = areas(files.get("Cargo.toml").map(String::as_str).unwrap_or(""));
        let mut runs = vec!["full".to_string()];
        runs.extend(match &flags.areas {
            None => all_areas,
            Some(list) => list.clone(),
        });
        for (i, features) in runs.iter().enumerate() {
            eprintln!(
                "corpus: cargo clippy --features {features} ({}/{})",
                i + 1,
                runs.len()
            );
            report
                .checks
                .push(check(&crate_dir, &out.join("target"), features)?);
        }
        report.timings.push(("check".into(), lap(&mut clock)));
    }

    let text = report.markdown();
    let path = out.join("report.md");
    file_sync::sync(
        out,
        &BTreeMap::from([("report.md".to_string(), text.clone())]),
        &[],
        Mode::Write,
    )
    .map_err(|e| e.to_string())?;
    // The summary table, on the terminal too.
    for line in text.lines().skip(2).take_while(|l| !l.starts_with("## ")) {
        println!("{line}");
    }
    println!("corpus: report written to {}", path.display());
    Ok(())
}

/// The area features of a generated manifest (its generated block, `full` left out).
fn areas(manifest: &str) -> Vec<String> {
    manifest
        .lines()
        .skip_while(|l| !l.starts_with("# BEGIN generated features"))
        .take_while(|l| !l.starts_with("# END generated features"))
        .filter_map(|l| l.strip_suffix(" = []"))
        .map(str::to_string)
        .collect()
}

/// `cargo clippy` of the crate at `dir` with `features` (and no default ones): it compiles, and
/// its warnings (rustc's and clippy's, under the repository's lints) are counted.
fn check(dir: &Path, target: &Path, features: &str) -> Result<graph_corpus::Check, String> {
    let start = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["clippy", "--quiet", "--message-format", "short"])
        .args(["--no-default-features", "--features", features])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings = stderr.lines().filter(|l| l.contains(": warning: ")).count();
    // The errors first, then the warnings: a clean run has neither.
    let messages: Vec<String> = stderr
        .lines()
        .filter(|l| l.contains(": error") || l.starts_with("error"))
        .chain(stderr.lines().filter(|l| l.contains(": warning: ")))
        .take(20)
        .map(str::to_string)
        .collect();
    Ok(graph_corpus::Check {
        features: features.to_string(),
        ok: output.status.success(),
        seconds: start.elapsed().as_secs_f64(),
        warnings,
        messages,
    })
}
