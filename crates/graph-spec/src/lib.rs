//! The doc-derived spec: what the extractor writes and the code generator reads.
//!
//! A spec file (`spec/<version>/<page>.json`) describes one Graph documentation page. This crate knows
//! nothing of markdown or of Rust code generation: it owns the types ([`SpecFile`] and friends), reading
//! them with errors that name the file, line and JSON path of a bad field ([`from_json`], [`load_dir`]),
//! the checks that span files ([`validate`]), the canonical JSON form ([`to_json`]) and the JSON Schema
//! of the format ([`schema_json`], committed as `spec/schema.json`). Type files (`spec/<version>/types/`,
//! [`TypeFile`]) describe the types operations name, with their own loading, checks and schema
//! ([`load_type_dir`], [`validate_types`], [`types_schema_json`]).
//!
//! ```
//! let text = r#"{
//!   "source": {"page": "api-reference/beta/api/x-do.md", "sha256": "00"},
//!   "api_version": "beta", "title": "x: do", "summary": "Does it.",
//!   "operation": {"binding": "x", "name": "do", "method": "POST",
//!     "paths": [{"template": "/x/do"}], "response": {"status": 204}}
//! }"#;
//! let spec = graph_spec::from_json(text, "x-do.json").unwrap();
//! assert_eq!(spec.operation.paths[0].template, "/x/do");
//!
//! let bad = text.replace("204", "\"none\"");
//! let err = graph_spec::from_json(&bad, "x-do.json").unwrap_err();
//! assert!(err.to_string().starts_with("x-do.json:5:"));
//! assert!(err.to_string().contains("operation.response.status"));
//! ```

mod edm;
mod kind;
mod literal;
mod load;
mod model;
mod operation;
mod path_match;
mod permissions;
mod types;
mod url;
mod validate;

pub use edm::{EdmParseError, EdmType, Primitive};
pub use kind::{OperationKind, QUERY_OPTIONS, QueryOptions, QuerySupport, query_option};
pub use load::{
    LoadError, SCHEMA_FILE, TYPES_DIR, TYPES_SCHEMA_FILE, from_json, load, load_dir, schema_json,
    spec_files, to_json,
};
pub(crate) use load::{parse_located, read, unlistable, walk_json};
pub use model::*;
pub use operation::*;
pub use path_match::{split_call_args, template_segments};
pub use permissions::*;
pub use types::{
    Property, TypeFile, TypeKind, load_type_dir, type_file_name, type_files, type_from_json,
    type_to_json, types_schema_json, validate_types,
};
pub use url::{url_path, url_query};
pub(crate) use validate::fold;
pub use validate::{ValidationError, validate};

#[cfg(test)]
mod tests;
