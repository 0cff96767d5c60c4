//! Type files: one complex type, entity type or enumeration that a documentation resource page
//! describes (`spec/<version>/types/<name>.json`).
//!
//! Operation spec files name types (`microsoft.graph.assignedLicense`); a type file says what such a
//! name holds: its properties with their EDM types, its base type, or, for an enumeration, its members.
//! Type files live in a `types/` folder of a version folder, so that [`crate::load_dir`] (operations)
//! and [`load_type_dir`] (types) never read each other's files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::load::TYPES_DIR;
use crate::{ApiVersion, EdmType, EnumMember, LoadError, Source, ValidationError, Warning};

/// One type the docs describe on a resource page (or, for an enumeration, in a `<name> values` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeFile {
    /// The page the type was read from: its resource page, or for an enumeration the page whose
    /// `<name> values` table lists the members.
    pub source: Source,
    /// The API version the type belongs to (a beta type may be read from a v1.0 page when beta has
    /// no page for it; a warning says so).
    pub api_version: ApiVersion,
    /// The qualified name: `microsoft.graph.user`.
    pub name: String,
    /// What kind of type it is.
    pub kind: TypeKind,
    /// The page's summary (the paragraph under its H1, links flattened), or the enumeration's
    /// introduction; empty when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// The qualified name of the base type, from the page's "Inherits from" sentence or its JSON
    /// representation annotation (`baseType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type: Option<String>,
    /// The properties the page lists (its Properties table, then its Relationships table), in page
    /// order. A base type's properties are listed only where the page lists them too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
    /// For an enumeration, its members in documented order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<EnumMember>,
    /// The line of `source` where the type's description starts (the H1, or the `<name> values` heading).
    pub line: usize,
    /// What the extractor noticed but could carry on past (an untyped property, a missing page).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// The kind of a [`TypeFile`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// A structured value without identity (`assignedLicense`).
    Complex,
    /// A type with a key (`user`): the page's annotation names a `keyProperty`, it has
    /// relationships, or it derives from an entity type.
    Entity,
    /// An enumeration: [`TypeFile::members`] lists its members.
    Enum,
}

/// One property of a complex or entity type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Property {
    /// The name exactly as on the wire (`assignedLicenses`).
    pub name: String,
    /// The type, as an OData EDM name.
    #[serde(rename = "type")]
    pub ty: EdmType,
    /// The documented description, links flattened to text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// `Some(false)` when the docs say "Not nullable.", `Some(true)` for "Nullable.", `None` when
    /// they say neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    /// Whether the docs say "Read-only.".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// `Some(true)` when the docs say "Required.", `Some(false)` for "Optional.", `None` when they
    /// say neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// A navigation property (from the Relationships table) rather than a structural one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub navigation: bool,
    /// The page line of the property's row.
    pub line: usize,
}

/// Parses one type file's text. `file` names it in errors.
pub fn type_from_json(text: &str, file: impl AsRef<Path>) -> Result<TypeFile, LoadError> {
    crate::parse_located(text, file.as_ref())
}

/// The canonical text of a type file: pretty JSON with a trailing newline.
pub fn type_to_json(ty: &TypeFile) -> String {
    let mut text = serde_json::to_string_pretty(ty).expect("type files always serialize");
    text.push('\n');
    text
}

/// The JSON Schema of type files, as committed at `spec/types.schema.json`.
pub fn types_schema_json() -> String {
    let schema = schemars::schema_for!(TypeFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}

/// The file name of a type: its name without the namespace, lower-cased, as the docs name resource
/// pages (`microsoft.graph.assignedLicense` -> `assignedlicense.json`).
pub fn type_file_name(name: &str) -> String {
    let short = name.rsplit('.').next().unwrap_or(name);
    format!("{}.json", short.to_ascii_lowercase())
}

/// The type files under `dir`: every `*.json` in a `types/` folder below it, sorted by path.
pub fn type_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    crate::walk_json(dir, &mut |path| {
        let in_types = path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == TYPES_DIR);
        if in_types {
            out.push(path.to_path_buf());
        }
    })?;
    out.sort();
    Ok(out)
}

/// Loads every type file under `dir`, sorted by path. Reports every file that fails.
pub fn load_type_dir(dir: &Path) -> Result<Vec<(PathBuf, TypeFile)>, Vec<LoadError>> {
    let files = type_files(dir).map_err(|e| vec![crate::unlistable(dir, &e)])?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match crate::read(&file).and_then(|text| type_from_json(&text, &file)) {
            Ok(t) => out.push((file, t)),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Checks a set of type files.
///
/// Rules: names (of types and base types) are qualified; no two files of one version describe the
/// same type (names compared ignoring case and punctuation); an enumeration has members and no
/// properties, a complex or entity type has no members; property and member names are non-empty and
/// do not collide (ignoring case and punctuation).
pub fn validate_types<'a>(
    types: impl IntoIterator<Item = (&'a Path, &'a TypeFile)>,
) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let mut seen: BTreeMap<(ApiVersion, String), &Path> = BTreeMap::new();
    for (file, ty) in types {
        let mut err = |path: &str, message: String| {
            errors.push(ValidationError {
                file: file.to_path_buf(),
                path: path.to_string(),
                message,
            })
        };
        if !qualified(&ty.name) {
            err(
                "name",
                format!(
                    "type name `{}` must be a qualified name such as `microsoft.graph.user`",
                    ty.name
                ),
            );
        } else if let Some(other) = seen.insert((ty.api_version, crate::fold(&ty.name)), file) {
            err(
                "name",
                format!(
                    "type `{}` ({}) is also described by {}",
                    ty.name,
                    ty.api_version.as_str(),
                    other.display()
                ),
            );
        }
        if let Some(base) = &ty.base_type
            && !qualified(base)
        {
            err(
                "base_type",
                format!("base type `{base}` must be a qualified name"),
            );
        }
        match ty.kind {
            TypeKind::Enum => {
                if ty.members.is_empty() {
                    err(
                        "members",
                        "an enumeration must list at least one member".into(),
                    );
                }
                if !ty.properties.is_empty() {
                    err("properties", "an enumeration has no properties".into());
                }
            }
            TypeKind::Complex | TypeKind::Entity => {
                if !ty.members.is_empty() {
                    err("members", "only an enumeration has members".into());
                }
            }
        }
        let names = ty
            .properties
            .iter()
            .map(|p| p.name.as_str())
            .enumerate()
            .map(|(i, n)| (format!("properties[{i}].name"), n));
        let members = ty
            .members
            .iter()
            .map(|m| m.name.as_str())
            .enumerate()
            .map(|(i, n)| (format!("members[{i}].name"), n));
        let mut folded: BTreeMap<String, (String, &str)> = BTreeMap::new();
        for (at, name) in names.chain(members) {
            if name.trim().is_empty() {
                err(&at, "name must not be empty".into());
            } else if let Some((other_at, other)) = folded.get(&crate::fold(name)) {
                err(
                    &at,
                    format!(
                        "`{name}` collides with `{other}` ({other_at}): names must differ in more than case and \
                         punctuation"
                    ),
                );
            } else {
                folded.insert(crate::fold(name), (at, name));
            }
        }
    }
    errors
}

fn qualified(name: &str) -> bool {
    name.parse::<EdmType>()
        .is_ok_and(|t| matches!(t, EdmType::Named(_)))
}
