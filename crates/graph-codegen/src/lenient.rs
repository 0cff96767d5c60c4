//! Corpus mode: generate everything that can be generated, and skip (with a located, classified
//! warning) each spec or type file that cannot, instead of refusing the whole set as
//! [`crate::generate_with_types`] does for `spec/`.
//!
//! The cheap checks run first, so that the expensive full generation rarely has to run twice:
//! 1. each spec alone: the spec rules ([`graph_spec::validate`]) and its own paths (a segment no
//!    Rust name can be made of, a call this generator does not read);
//! 2. all specs together: the module tree, where two things of one module would share a Rust name
//!    (the spec named by the clash is skipped, and the tree is built again);
//! 3. each version's type models;
//! 4. the full generation, again without the spec or type file an error names, until it passes.

use std::collections::BTreeMap;
use std::path::Path;

use graph_spec::{SpecFile, TypeFile};

use crate::error::CodegenError;
use crate::layout::Layout;
use crate::{merge, tree, type_models};

/// Why a file was left out of a corpus run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipClass {
    /// The spec breaks a spec rule (an empty operation name, a path that does not start with `/`).
    Invalid,
    /// One of its paths cannot become Rust calls.
    Path,
    /// It would give a Rust name that something else in its module already has.
    NameClash,
    /// A type file whose model cannot be generated.
    Type,
    /// Its code could not be emitted.
    Emit,
}

impl SkipClass {
    /// A short stable label.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipClass::Invalid => "invalid-spec",
            SkipClass::Path => "path",
            SkipClass::NameClash => "name-clash",
            SkipClass::Type => "type-model",
            SkipClass::Emit => "emit",
        }
    }
}

/// A spec or type file left out, with the error that says where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Why.
    pub class: SkipClass,
    /// The error (its file is the spec file's name, or a type file's docs page).
    pub error: CodegenError,
}

/// What a corpus run generated.
#[derive(Debug, Default)]
pub struct CorpusOutput {
    /// The generated files, as [`crate::generate_with_types`] gives them.
    pub files: BTreeMap<String, String>,
    /// The spec files that were generated.
    pub generated: Vec<String>,
    /// The spec files whose every path was merged into another page's operation (`merge`).
    pub merged: Vec<String>,
    /// What was left out, in the order it was found.
    pub skipped: Vec<Skipped>,
    /// Every merged page: `(canonical spec file, alias spec file, the alias's path template)`.
    pub aliases: Vec<(String, String, String)>,
}

/// How many times a stage is retried without the file an error names before giving up.
const MAX_ROUNDS: usize = 2_000;

/// Generates `specs` and `types` into `layout`, leaving out what cannot be generated.
///
/// Fails only when a stage keeps failing after 2,000 files were left out of it, or an
/// error names no input file (a manifest, say).
pub fn generate_corpus(
    specs: &[(String, SpecFile)],
    types: &[TypeFile],
    layout: &Layout,
) -> Result<CorpusOutput, CodegenError> {
    let mut out = CorpusOutput::default();
    let mut specs: Vec<(String, SpecFile)> = specs.to_vec();
    specs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut types: Vec<TypeFile> = types.to_vec();

    // 1. Each spec alone.
    let no_aliases = merge::Aliases::new();
    specs.retain(|(file, spec)| {
        let invalid = graph_spec::validate([(Path::new(file), spec)]);
        if let Some(e) = invalid.into_iter().next() {
            out.skipped.push(Skipped {
                class: SkipClass::Invalid,
                error: CodegenError {
                    file: file.clone(),
                    path: e.path,
                    message: e.message,
                },
            });
            return false;
        }
        // Merged on its own too: a page may document one URL twice (`{list-id}`, `{list-title}`).
        let one = merge::merge(&[(file.clone(), spec.clone())], &types).specs;
        match tree::build(&one, &no_aliases) {
            Ok(_) => true,
            Err(error) => {
                out.skipped.push(Skipped {
                    class: SkipClass::Path,
                    error,
                });
                false
            }
        }
    });

    // 2. The tree of every spec together, after merging.
    for _ in 0..MAX_ROUNDS {
        let merged = merge::merge(&specs, &types);
        let Err(error) = tree::build(&merged.specs, &merged.aliases) else {
            break;
        };
        if !drop_spec(&mut specs, &error) {
            return Err(error);
        }
        out.skipped.push(Skipped {
            class: SkipClass::NameClash,
            error,
        });
    }

    // 3. The type models of each version.
    for _ in 0..MAX_ROUNDS {
        let mut versions: Vec<_> = types.iter().map(|t| t.api_version).collect();
        versions.sort();
        versions.dedup();
        let Some(error) = versions
            .into_iter()
            .find_map(|v| type_models::Models::new(v, &types).err())
        else {
            break;
        };
        if !drop_type(&mut types, &error) {
            return Err(error);
        }
        out.skipped.push(Skipped {
            class: SkipClass::Type,
            error,
        });
    }

    // 4. Everything.
    for _ in 0..MAX_ROUNDS {
        // `specs` is sorted by file name, as generation wants it.
        let merged = merge::merge(&specs, &types);
        match crate::generate::generate_merged(&merged, &types, layout) {
            Ok(files) => {
                out.files = files;
                out.generated = merged.specs.iter().map(|(f, _)| f.clone()).collect();
                out.aliases = merged
                    .aliases
                    .iter()
                    .flat_map(|((canonical, _), aliases)| {
                        aliases
                            .iter()
                            .map(|a| (canonical.clone(), a.file.clone(), a.template.clone()))
                    })
                    .collect();
                out.merged = specs
                    .iter()
                    .map(|(f, _)| f)
                    .filter(|f| out.generated.binary_search(f).is_err())
                    .cloned()
                    .collect();
                return Ok(out);
            }
            Err(error) => {
                let class = if drop_spec(&mut specs, &error) {
                    SkipClass::Emit
                } else if drop_type(&mut types, &error) {
                    SkipClass::Type
                } else {
                    return Err(error);
                };
                out.skipped.push(Skipped { class, error });
            }
        }
    }
    Err(CodegenError {
        file: String::new(),
        path: String::new(),
        message: format!("still failing after leaving out {MAX_ROUNDS} files"),
    })
}

/// Removes the spec `error` names; whether there was one.
fn drop_spec(specs: &mut Vec<(String, SpecFile)>, error: &CodegenError) -> bool {
    let before = specs.len();
    specs.retain(|(file, _)| *file != error.file);
    specs.len() < before
}

/// Removes the type file `error` names (its page, and the type name its path starts with);
/// whether there was one.
fn drop_type(types: &mut Vec<TypeFile>, error: &CodegenError) -> bool {
    let Some((page, name)) = type_models::type_at_fault(error) else {
        return false;
    };
    let before = types.len();
    types.retain(|t| !(t.source.page == page && t.name == name));
    types.len() < before
}
