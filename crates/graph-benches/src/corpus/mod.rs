//! A synthetic spec corpus for measuring scale: `N` operations shaped like the real spec files.
//!
//! Each synthetic operation copies the *shape* of one real spec file (its template): the number of
//! paths and where their `{placeholders}` are, the method, the request body parameters and their
//! types, the response kind, headers, permissions and examples. Every name is new: areas
//! (top-level path segments, the real ones first), intermediate segments drawn from a shared pool
//! (so that modules are shared the way `/users/{id}/messages` is), and the binding and operation
//! name, all made of words the real files use. Some operations get an enumeration: a string body
//! parameter becomes an enum type listed in the file's `enums` (with the documented example values
//! among its members), so the corpus has types too. Documented example URLs are rewritten onto the
//! new paths, so conformance tests are generated for them as for the real files.
//!
//! The same templates, operation count and seed always give the same corpus ([`synthesize`]). A
//! [`registry::Registry`] of the names each generated module gets keeps operations from
//! colliding, so the corpus passes `graph_spec::validate` and `graph_codegen::generate`.
//!
//! With [`synthesize_with_types`], the corpus also has type files (`spec/<version>/types/`) shaped
//! like the real ones, and operations typed by them ([`types`]).
//!
//! The corpus is written to a directory of the caller's choosing ([`write_dir`]), never into the
//! repository's `spec/`: `cargo run -p graph-benches --bin synth-corpus -- --help`.

pub mod names;
mod operations;
pub mod registry;
pub mod types;

pub use operations::{CorpusError, Options, synthesize, write_dir, write_files};
pub use types::{Corpus, synthesize_with_types};
