//! The spec's side of the comparison: the parameters it documents for its operation.

use graph_spec::{Parameter, SpecFile};
use serde::Serialize;

/// A parameter as the spec documents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecParameter {
    /// The name as documented.
    pub name: String,
    /// The type, as an EDM name.
    #[serde(rename = "type")]
    pub ty: String,
    /// `Some(true)` for "Required.", `Some(false)` for "Optional.", `None` when the page says neither.
    pub required: Option<bool>,
    /// Which part of the spec it comes from (`function_parameters` or `request_body`).
    pub from: &'static str,
}

impl SpecParameter {
    fn from(p: &Parameter, from: &'static str) -> SpecParameter {
        SpecParameter {
            name: p.name.clone(),
            ty: p.ty.to_string(),
            required: p.required,
            from,
        }
    }

    /// `required`, `optional` or `not stated`.
    pub fn requirement_str(&self) -> &'static str {
        match self.required {
            Some(true) => "required",
            Some(false) => "optional",
            None => "not stated",
        }
    }
}

/// The parameters the spec documents for its operation: every comparison reads this list.
///
/// That is the function's parameters (`function_parameters`), then the top-level parameters of
/// the JSON request body (`request_body`). When the spec records parameters somewhere else too,
/// adding them is one more `extend` here.
pub fn documented_parameters(spec: &SpecFile) -> Vec<SpecParameter> {
    let mut out = Vec::new();
    out.extend(
        spec.operation
            .function_parameters
            .iter()
            .map(|p| SpecParameter::from(p, "function_parameters")),
    );
    out.extend(
        spec.operation
            .request_body
            .iter()
            .flatten()
            .map(|p| SpecParameter::from(p, "request_body")),
    );
    out
}
