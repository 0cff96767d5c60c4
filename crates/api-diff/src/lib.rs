//! The public API of generated Rust files, old against new.
//!
//! [`diff_sources`] parses two sets of files of one crate's `src` directory with `syn`, lists
//! their public items (modules, structs and their pub fields with types, enums and variants,
//! functions, inherent methods with signatures, traits and their methods, trait impls, `pub use`,
//! consts, statics and type aliases), and reports what was added, removed and changed, and
//! whether that breaks semver:
//!
//! - an item removed, or its signature changed (a field's type, a method's arguments, a derive
//!   dropped, a `#[cfg]` added): breaking;
//! - an item added: not breaking, except a pub field of a struct callers can build with a literal
//!   (no `#[non_exhaustive]`, all fields pub), a variant of an exhaustive enum, and a required
//!   trait method.
//!
//! Signatures are compared as token text, so the report is conservative: a change that happens to
//! be compatible (a derive added, a lifetime renamed) is still called breaking.
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
mod report;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

pub use report::{Change, ChangeKind};

/// What kind of public item a [`PublicItem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// `pub mod`.
    Module,
    /// `pub struct`.
    Struct,
    /// A pub field of a pub struct.
    Field,
    /// `pub enum`.
    Enum,
    /// A variant of a pub enum.
    Variant,
    /// A free `pub fn`.
    Function,
    /// A `pub fn` in an inherent impl.
    Method,
    /// `pub trait`.
    Trait,
    /// A method of a pub trait.
    TraitMethod,
    /// `impl Trait for Type`.
    TraitImpl,
    /// A name brought in by `pub use`.
    Use,
    /// `pub const`.
    Const,
    /// `pub static`.
    Static,
    /// `pub type`.
    TypeAlias,
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ItemKind::Module => "module",
            ItemKind::Struct => "struct",
            ItemKind::Field => "field",
            ItemKind::Enum => "enum",
            ItemKind::Variant => "variant",
            ItemKind::Function => "fn",
            ItemKind::Method => "method",
            ItemKind::Trait => "trait",
            ItemKind::TraitMethod => "trait method",
            ItemKind::TraitImpl => "impl",
            ItemKind::Use => "use",
            ItemKind::Const => "const",
            ItemKind::Static => "static",
            ItemKind::TypeAlias => "type",
        })
    }
}

/// One public item: its path in the crate (`beta::audit_logs::sign_ins::SignIns::confirm_safe`,
/// `Struct.field` for fields) and its signature as tidied token text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicItem {
    /// The kind of item.
    pub kind: ItemKind,
    /// Where it is, from the crate root.
    pub path: String,
    /// What callers depend on: the signature, a field's `name: Type`, a variant's shape.
    pub signature: String,
    /// Why adding this item breaks callers, when it does.
    pub breaking_if_added: Option<&'static str>,
}

/// The public items of a crate, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Api {
    /// Every public item, keyed by [`PublicItem::path`].
    pub items: BTreeMap<String, PublicItem>,
}

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

/// What changed between two APIs. `Display` prints the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiDiff {
    /// The changes, by path.
    pub changes: Vec<Change>,
}

impl ApiDiff {
    /// No public item changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// At least one change breaks semver.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking.is_some())
    }
}
