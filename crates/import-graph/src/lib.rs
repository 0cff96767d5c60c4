//! The import graph between the source files of one crate, and its cycles.
//!
//! A file imports another when a name it uses is defined there: a `use` leaf (`use
//! crate::a::B`, `use super::*`, `use child::f`) or a path in its code (`crate::a::f()`,
//! `super::B`, `self::child::C`, `child::f()`), resolved through the module tree to the file
//! that defines the item. A re-export is followed to the item's own file (see [`resolve`] for the
//! rules). Declaring a module (`mod child;`) is not an import of it, and a child does not
//! import its parent unless it uses one of the parent's names.
//!
//! A cycle is a set of two or more files that import each other, directly or around a circle
//! (a strongly connected component of the graph). None of them can be read or changed alone;
//! the names they share belong in a file below all of them.
//!
//! Test code is left out: a `#[cfg(test)]` module, inline (`#[cfg(test)] mod tests { ... }`) or
//! in its own file, and everything below it, makes no import. A test imports what it tests (its
//! parent, `use super::*`, and the siblings it needs for fixtures), nothing can import a test
//! module back, and it is compiled only into the test build; so its imports are not the
//! dependencies between the crate's files that a cycle is about. [`FileGraph::files`] still lists
//! test files, marked.
//!
//! What the checker does not see: paths produced by macros (the tokens of `quote!` and
//! `parse_quote!` are the generated code's and are skipped), intra-doc links (comments are not
//! code), and names that reach a file only through a chain of glob imports more than one deep.
//!
//! `cargo xtask deps` runs it on every crate of the workspace.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

pub use error::GraphError;

mod error;
mod lex;
mod parse;
pub mod resolve;
mod scc;
#[cfg(test)]
mod tests;

/// The import graph of one crate's `src/` files.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileGraph {
    /// Every file reached from a crate root (`lib.rs`, `main.rs`, `bin/*.rs`), relative to `src/`,
    /// with whether it is a test module's file.
    pub files: BTreeMap<String, bool>,
    /// Files under `src/` that no crate root reaches.
    pub unreached: Vec<String>,
    /// (importing file, imported file) and the paths, as written, that make the import.
    pub imports: BTreeMap<(String, String), BTreeSet<String>>,
}

/// Two or more files that import each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// The files, sorted.
    pub files: Vec<String>,
    /// The imports between them: (from, to, paths as written).
    pub imports: Vec<(String, String, Vec<String>)>,
}

/// The crate roots among `files`: `lib.rs`, `main.rs`, `bin/<name>.rs`, `bin/<name>/main.rs`.
fn roots(files: &BTreeMap<String, String>) -> Vec<&str> {
    files
        .keys()
        .map(String::as_str)
        .filter(|f| {
            matches!(*f, "lib.rs" | "main.rs")
                || f.strip_prefix("bin/").is_some_and(|rest| {
                    !rest.contains('/') || rest.split_once('/').is_some_and(|(_, m)| m == "main.rs")
                })
        })
        .collect()
}

/// Builds the graph of one crate from its `src/` files (relative path -> text).
pub fn file_graph(files: &BTreeMap<String, String>) -> Result<FileGraph, GraphError> {
    let mut graph = FileGraph::default();
    for root in roots(files) {
        let tree = resolve::Tree::load(files, root)?;
        for (file, test) in tree.files() {
            let entry = graph.files.entry(file).or_insert(test);
            *entry &= test;
        }
        for (from, to, written) in tree.imports() {
            graph.imports.entry((from, to)).or_default().insert(written);
        }
    }
    graph.unreached = files
        .keys()
        .filter(|f| !graph.files.contains_key(*f))
        .cloned()
        .collect();
    Ok(graph)
}

/// Reads every `.rs` file below `src_dir`, keyed by its path relative to it (with `/`).
pub fn read_sources(src_dir: &Path) -> Result<BTreeMap<String, String>, GraphError> {
    fn walk(
        dir: &Path,
        prefix: &str,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), GraphError> {
        let io = |e: std::io::Error| GraphError::Io(format!("{}: {e}", dir.display()));
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .collect::<Result<_, _>>()
            .map_err(io)?;
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{name}/"), out)?;
            } else if name.ends_with(".rs") {
                let text = std::fs::read_to_string(&path).map_err(io)?;
                out.insert(format!("{prefix}{name}"), text);
            }
        }
        Ok(())
    }
    let mut out = BTreeMap::new();
    walk(src_dir, "", &mut out)?;
    Ok(out)
}

/// The cycles of the graph, each with the imports that close it.
pub fn cycles(graph: &FileGraph) -> Vec<Cycle> {
    let edges: BTreeSet<(&str, &str)> = graph
        .imports
        .keys()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    scc::components(&edges)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|files| {
            let imports = graph
                .imports
                .iter()
                .filter(|((a, b), _)| files.contains(&a.as_str()) && files.contains(&b.as_str()))
                .map(|((a, b), paths)| (a.clone(), b.clone(), paths.iter().cloned().collect()))
                .collect();
            Cycle {
                files: files.into_iter().map(str::to_string).collect(),
                imports,
            }
        })
        .collect()
}

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "cycle of {} files: {}",
            self.files.len(),
            self.files.join(", ")
        )?;
        for (from, to, paths) in &self.imports {
            let shown: Vec<&str> = paths.iter().take(4).map(String::as_str).collect();
            let more = paths.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(", and {more} more")
            } else {
                String::new()
            };
            writeln!(f, "  {from} -> {to}: {}{more}", shown.join(", "))?;
        }
        Ok(())
    }
}
