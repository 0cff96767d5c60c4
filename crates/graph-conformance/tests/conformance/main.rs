//! graph-conformance's tests, in one binary.
//!
//! `examples` is generated (one test per documented example); the other modules are written by
//! hand. Each file under `tests/` would be a test binary of its own that links the generated crate
//! and its dependencies again, so the tests are modules of this one.

mod behaviour;
mod derived_types;
mod error_display;
mod error_examples;
mod examples;
mod path_forms;
mod query_options;
mod response_shapes;
mod typed_models;
