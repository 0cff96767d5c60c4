//! The public API of generated Rust files, old against new.
//!
//! [`diff_sources`] parses two sets of files of one crate's `src` directory with `syn`, lists
//! their public items (modules, structs and their pub fields with types, enums and variants,
//! functions, inherent methods with signatures, traits and their methods, trait impls, `pub use`,
//! consts, statics and type aliases), and reports what was added, removed and changed, and
//! whether that breaks semver:
//!
//! - an item removed, or its signature changed (a field's type, a method's arguments, a
//!   `#[cfg]` added): breaking. A derive is the trait impl it writes (`#[derive(serde::Serialize)]`
//!   on `S` is `impl serde::Serialize for S`), so a derive dropped is a removed impl, and a derive
//!   traded for a hand-written impl of the same trait is no change;
//! - an item added: not breaking, except a pub field of a struct callers can build with a literal
//!   (no `#[non_exhaustive]`, all fields pub), a variant of an exhaustive enum, and a required
//!   trait method.
//!
//! Signatures are compared as token text, so the report is conservative: a change that happens to
//! be compatible (a lifetime renamed, a bound loosened) is still called breaking.
//!
//! ```
//! use std::collections::BTreeMap;
//! let old = BTreeMap::from([("src/lib.rs".to_owned(), "pub struct A { pub x: u32 }".to_owned())]);
//! let new = BTreeMap::from([("src/lib.rs".to_owned(), "pub struct A { pub x: u64 }".to_owned())]);
//! let diff = api_diff::diff_sources("src", &old, &new).unwrap();
//! assert!(diff.is_breaking());
//! assert_eq!(diff.changes[0].path, "A.x");
//! ```

mod collect;
mod items;
mod report;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

pub use items::{Api, ItemKind, PublicItem};
pub use report::{ApiDiff, Change, ChangeKind};

/// A file that could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiDiffError {
    /// The file, as given.
    pub file: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for ApiDiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ApiDiffError {}

/// The module path of a file under `src_dir`: `lib.rs` is the root (`""`), `a/b.rs` and
/// `a/b/mod.rs` are `a::b`. `None` for a file outside `src_dir` or not ending in `.rs`.
pub fn module_path(src_dir: &str, file: &str) -> Option<String> {
    let rel = file
        .strip_prefix(src_dir.trim_end_matches('/'))?
        .strip_prefix('/')?;
    let stem = rel.strip_suffix(".rs")?;
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    if stem == "lib" || stem == "main" || stem == "mod" {
        return Some(String::new());
    }
    Some(stem.replace('/', "::"))
}

/// The public API of the `.rs` files under `src_dir` among `files` (path -> contents); other files
/// are ignored.
pub fn collect_api(src_dir: &str, files: &BTreeMap<String, String>) -> Result<Api, ApiDiffError> {
    let mut api = Api::default();
    for (file, text) in files {
        let Some(module) = module_path(src_dir, file) else {
            continue;
        };
        let parsed = syn::parse_file(text).map_err(|e| ApiDiffError {
            file: file.clone(),
            line: Some(e.span().start().line),
            message: format!("not valid Rust: {e}"),
        })?;
        collect::collect_items(&module, &parsed.items, &mut api.items);
    }
    Ok(api)
}

/// Compares the public API of two sets of files of one crate (`src_dir` is its `src` directory,
/// relative like the file paths).
pub fn diff_sources(
    src_dir: &str,
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Result<ApiDiff, ApiDiffError> {
    Ok(diff(
        &collect_api(src_dir, old)?,
        &collect_api(src_dir, new)?,
    ))
}

/// Compares two APIs.
pub fn diff(old: &Api, new: &Api) -> ApiDiff {
    report::diff(old, new)
}

/// Reads every `.rs` file below `root/src_dir`, keyed by its path relative to `root` with `/`
/// separators (the form [`diff_sources`] takes). A missing directory gives no files.
pub fn read_sources(root: &Path, src_dir: &str) -> Result<BTreeMap<String, String>, ApiDiffError> {
    let mut files = BTreeMap::new();
    let mut stack = vec![src_dir.trim_end_matches('/').to_owned()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_error(&rel, &e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| io_error(&rel, &e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let child = format!("{rel}/{name}");
            let kind = entry.file_type().map_err(|e| io_error(&child, &e))?;
            if kind.is_dir() {
                stack.push(child);
            } else if name.ends_with(".rs") {
                let text =
                    std::fs::read_to_string(entry.path()).map_err(|e| io_error(&child, &e))?;
                files.insert(child, text);
            }
        }
    }
    Ok(files)
}

fn io_error(file: &str, e: &std::io::Error) -> ApiDiffError {
    ApiDiffError {
        file: file.to_owned(),
        line: None,
        message: format!("could not read: {e}"),
    }
}
