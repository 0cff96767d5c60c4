//! `cargo xtask spec`: re-derive spec/ from the docs, add pages, or extract pages into a folder
//! (the logic is `graph-extract`; this is reading, writing and printing).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use file_sync::{Mode, Owned};
use graph_spec::SpecFile;

use crate::common::*;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
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
        let path = format!("spec/{}", type_file_for(&ty));
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
        let file = spec_file_for(spec);
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

/// The files `spec --out` writes, keyed by [`spec_file_for`]; an error naming both pages when two of
/// them would share a file.
fn out_files(specs: &[SpecFile]) -> Result<BTreeMap<String, String>, String> {
    let mut files = BTreeMap::new();
    let mut owners: BTreeMap<String, &str> = BTreeMap::new();
    let mut clashes = Vec::new();
    for spec in specs {
        let file = spec_file_for(spec);
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
