//! Checks that serde cannot express: rules within a file and across files.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::{EdmType, SpecFile};

/// A spec that parsed but breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The spec file.
    pub file: PathBuf,
    /// The JSON path of the offending field.
    pub path: String,
    /// What rule it breaks.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: at `{}`: {}",
            self.file.display(),
            self.path,
            self.message
        )
    }
}

impl std::error::Error for ValidationError {}

/// Names that differ only in case or punctuation (`requestIds`, `request_ids`, `RequestIDs`) collide
/// in any generated language, so they are compared in this folded form.
pub(crate) fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Checks a set of loaded spec files: each file on its own, then operations across files.
///
/// Rules: the binding, name and every path are non-empty; paths start with `/`; body parameter names
/// are non-empty and do not collide (compared ignoring case and punctuation); path placeholders name
/// something; the enum rules of [`SpecFile::enums`] (qualified, unique names; members present,
/// non-empty and unique). Two files may document one method and path: graph-codegen merges them
/// into one operation.
pub fn validate<'a>(
    specs: impl IntoIterator<Item = (&'a Path, &'a SpecFile)>,
) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    for (file, spec) in specs {
        let mut err = |path: String, message: String| {
            errors.push(ValidationError {
                file: file.to_path_buf(),
                path,
                message,
            })
        };
        let op = &spec.operation;
        if op.binding.trim().is_empty() {
            err("operation.binding".into(), "must not be empty".into());
        }
        if op.name.trim().is_empty() {
            err("operation.name".into(), "must not be empty".into());
        }
        if op.paths.is_empty() {
            err(
                "operation.paths".into(),
                "must list at least one path".into(),
            );
        }
        for (i, p) in op.paths.iter().enumerate() {
            let at = format!("operation.paths[{i}].template");
            if p.template.trim().is_empty() || p.template == "/" {
                err(at, "empty path".into());
                continue;
            }
            if !p.template.starts_with('/') {
                err(at.clone(), format!("`{}` must start with `/`", p.template));
            }
            for (j, param) in p.parameters.iter().enumerate() {
                if param.names.is_empty() || param.names.iter().any(|n| n.trim().is_empty()) {
                    err(
                        format!("operation.paths[{i}].parameters[{j}].names"),
                        format!("placeholder `{{{}}}` names nothing", param.placeholder),
                    );
                }
            }
        }
        let mut names: BTreeMap<String, (usize, &str)> = BTreeMap::new();
        for (i, param) in op.request_body.iter().flatten().enumerate() {
            let at = format!("operation.request_body[{i}].name");
            if param.name.trim().is_empty() {
                err(at, "parameter name must not be empty".into());
                continue;
            }
            if let Some((j, other)) = names.get(&fold(&param.name)) {
                err(
                    at,
                    format!(
                        "parameter `{}` collides with `{other}` (operation.request_body[{j}]): names must differ in more than case and punctuation",
                        param.name
                    ),
                );
            } else {
                names.insert(fold(&param.name), (i, &param.name));
            }
        }
        check_enums(spec, &mut err);
    }
    errors
}

/// Enum rules: names are qualified type names (`namespace.name`) and do not collide; each enum has
/// members; member names are non-empty and do not collide within their enum (both compared ignoring
/// case and punctuation).
fn check_enums(spec: &SpecFile, err: &mut impl FnMut(String, String)) {
    let mut names: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for (i, e) in spec.enums.iter().enumerate() {
        let at = format!("enums[{i}]");
        let qualified = e
            .name
            .parse::<EdmType>()
            .is_ok_and(|t| matches!(t, EdmType::Named(_)));
        if !qualified {
            err(
                format!("{at}.name"),
                format!(
                    "enum name `{}` must be a qualified type name such as `microsoft.graph.lockState`",
                    e.name
                ),
            );
        } else if let Some((j, other)) = names.get(&fold(&e.name)) {
            err(
                format!("{at}.name"),
                format!(
                    "enum `{}` collides with `{other}` (enums[{j}]): names must differ in more than case and punctuation",
                    e.name
                ),
            );
        } else {
            names.insert(fold(&e.name), (i, &e.name));
        }
        if e.members.is_empty() {
            err(
                format!("{at}.members"),
                "must list at least one member".into(),
            );
        }
        let mut members: BTreeMap<String, (usize, &str)> = BTreeMap::new();
        for (j, m) in e.members.iter().enumerate() {
            let at = format!("{at}.members[{j}].name");
            if m.name.trim().is_empty() {
                err(at, "member name must not be empty".into());
            } else if let Some((k, other)) = members.get(&fold(&m.name)) {
                err(
                    at,
                    format!(
                        "member `{}` of `{}` collides with `{other}` (members[{k}]): names must differ in more than case \
                         and punctuation",
                        m.name, e.name
                    ),
                );
            } else {
                members.insert(fold(&m.name), (j, &m.name));
            }
        }
    }
}
