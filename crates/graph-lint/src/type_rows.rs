//! The rows of the type comparison: one per item of a type (kind, base type, property, member).

use serde::Serialize;

use crate::Disagreement;

/// One row of a type's comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeRow {
    /// `kind`, `base type`, `property <name>` or `member <name>`.
    pub item: String,
    /// What the metadata says (`-` when it lacks the item).
    pub metadata: String,
    /// What the type file says (`-` when it lacks the item).
    pub spec: String,
    /// Set when they differ.
    pub disagreement: Option<Disagreement>,
}

/// The comparison of one type file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeReport {
    /// The type file, as the caller named it.
    pub file: String,
    /// The qualified type name.
    pub name: String,
    /// The page it was read from.
    pub page: String,
    /// The rows; one `type` row with a disagreement when the metadata has no such type.
    pub rows: Vec<TypeRow>,
}
