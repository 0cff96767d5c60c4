//! `cargo xtask codegen [--check]`: spec/ to the generated crates (the logic is `graph-codegen`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use file_sync::{Mode, Owned};
use graph_spec::SpecFile;

use crate::common::{
    USAGE, lines, parse_flags, relative_name, spec_dir, sync_report, workspace_root,
};

pub(crate) fn run(args: &[String]) -> Result<(), String> {
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
            .map(|(path, spec)| (relative_name(&path, &root), spec))
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
