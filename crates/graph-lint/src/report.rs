//! The report a lint run returns for one API version, and the reports as JSON.

use serde::Serialize;

use crate::{OperationReport, Totals};

/// The lint of one API version against one CSDL document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// `v1.0` or `beta`.
    pub api_version: String,
    /// The metadata document, as the caller named it.
    pub metadata: String,
    /// One entry per spec operation of the version, in the order given.
    pub operations: Vec<OperationReport>,
    /// The figures.
    pub totals: Totals,
    /// The type comparison of the version (see [`crate::lint_types`]), when the caller made one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub types: Option<crate::TypesReport>,
    /// The resource-operation comparison of the version (see [`crate::lint_resources`]), when the
    /// caller made one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<crate::ResourcesReport>,
}

/// The reports as pretty JSON, with a trailing newline.
pub fn to_json(reports: &[Report]) -> String {
    let mut text = serde_json::to_string_pretty(reports).expect("reports always serialize");
    text.push('\n');
    text
}
