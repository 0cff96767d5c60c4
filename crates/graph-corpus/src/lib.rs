//! The whole Graph reference through the pipeline, for `cargo xtask corpus`.
//!
//! - [`extract`]: every API page of a docs checkout, extracted on every core, each page on its
//!   own (a panic or an error is that page's failure, never the run's);
//! - [`manifest`]: the `Cargo.toml` of the generated corpus crate, the same layout, area features
//!   and runtime as `graph-api`;
//! - [`merged`]: where pages merged into one operation disagree;
//! - [`report`]: what a run found, in counts and located lists, rendered as markdown for a person
//!   (a docs maintainer first).
//!
//! Generation itself is `graph_codegen::generate_corpus`, and the metadata comparison is
//! `graph-lint`'s; `xtask` reads and writes the files, runs `cargo check`, and prints progress.

pub mod extract;
pub mod manifest;
pub mod merged;
pub mod report;

pub use extract::{Extracted, api_pages, extract_all};
pub use report::{Check, Report};
