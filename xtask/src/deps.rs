//! `cargo xtask deps`: the import graph between the files of each workspace crate must have no
//! cycle (the logic is in `import-graph`). The generated crates (`graph-api`, `codegen-fixtures`)
//! are left out: their modules follow the URL tree the generator is given, and a change there is
//! a generator change.

use std::path::Path;

use import_graph::{cycles, file_graph, read_sources};

use crate::common::workspace_root;

/// The generated crates, never checked.
const GENERATED: &[&str] = &["graph-api", "codegen-fixtures"];

/// Checks every hand-written crate under `crates/` and `xtask`, or only those named; `--except
/// NAME` leaves one out.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut only = Vec::new();
    let mut except = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--except" => except.push(it.next().ok_or("--except needs a crate name")?.clone()),
            s if s.starts_with('-') => return Err(format!("unknown flag `{s}`")),
            name => only.push(name.to_string()),
        }
    }
    let root = workspace_root();
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("crates"))
        .map_err(|e| format!("crates/: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    dirs.push(root.join("xtask"));
    dirs.sort();
    let mut failures = 0;
    for dir in dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let src = dir.join("src");
        if !src.is_dir()
            || GENERATED.contains(&name.as_str())
            || except.contains(&name)
            || (!only.is_empty() && !only.contains(&name))
        {
            continue;
        }
        failures += check_crate(&name, &src)?;
    }
    if failures > 0 {
        return Err(format!(
            "{failures} import cycle(s) or unreached file(s) (see above)"
        ));
    }
    Ok(())
}

/// Prints one crate's result; the number of problems.
fn check_crate(name: &str, src: &Path) -> Result<usize, String> {
    let files = read_sources(src).map_err(|e| format!("{name}: {e}"))?;
    let graph = file_graph(&files).map_err(|e| format!("{name}: {e}"))?;
    let found = cycles(&graph);
    println!(
        "{name}: {} files, {} file-to-file imports, {} cycle(s)",
        graph.files.len(),
        graph.imports.len(),
        found.len()
    );
    for cycle in &found {
        print!("  {name}: {cycle}");
    }
    for file in &graph.unreached {
        println!("  {name}: src/{file} is reached from no crate root");
    }
    Ok(found.len() + graph.unreached.len())
}
