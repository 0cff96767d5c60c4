//! Spec -> Rust: the generated crate's modules, models, bindings and mock helpers, plus the
//! conformance tests that replay every documented example.
//!
//! [`generate`] is a pure function from spec files to file contents; writing and checking them is the
//! caller's job (`cargo xtask codegen [--check]`). The output is deterministic: specs are walked in
//! sorted order and every map is a `BTreeMap`.
//!
//! Spec text (names, descriptions) never becomes tokens: names are rebuilt into identifiers by
//! [`naming`], and prose only reaches `#[doc]` attributes and string literals. No generated file
//! holds a raw control, bidi or other format character: each is written as `\u{..}`, a visible
//! marker in a comment and the same value in a string literal.

mod calls;
mod conformance;
mod docs;
mod emit;
mod error;
mod features;
mod fn_args;
mod generate;
mod layout;
mod lenient;
mod merge;
mod model_impl;
pub mod naming;
mod ops;
mod parallel;
mod path_calls;
mod render;
mod tree;
mod type_models;
mod types;
mod unicode;

pub use error::CodegenError;
pub use generate::{generate, generate_with_types};
pub use layout::Layout;
pub use lenient::{CorpusOutput, SkipClass, Skipped, generate_corpus};
