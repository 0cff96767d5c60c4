//! The module tree: every documented path, split at `/`, becomes a chain of request-builder modules,
//! so that a call reads like the URL it sends (`beta().audit_logs().sign_ins().confirm_safe(..)`).

use std::collections::{BTreeMap, BTreeSet};

use graph_spec::{ApiVersion, PathTemplate, SpecFile};

use crate::{CodegenError, naming};

/// One module of the generated crate: a URL prefix and what hangs off it.
#[derive(Debug)]
pub struct Node<'s> {
    /// The URL segment as on the wire (`signIns`); the version (`beta`) for a root.
    pub wire: String,
    /// The Rust module name (`sign_ins`).
    pub module: String,
    /// The request builder's type name (`SignIns`).
    pub type_name: String,
    /// Rust module path from the crate root (`["beta", "audit_logs", "sign_ins"]`).
    pub module_path: Vec<String>,
    /// The URL path below the version (`/auditLogs/signIns`); empty for a root.
    pub url_path: String,
    /// Child segments by wire name.
    pub children: BTreeMap<String, Node<'s>>,
    /// Operations whose path ends right below this node.
    pub actions: Vec<Action<'s>>,
    /// Spec files that contribute to this module.
    pub sources: BTreeSet<&'s str>,
    /// The URL below the version, segment by segment (`users`, `{id}`, `calendar`).
    pub segments: Vec<Segment>,
}

/// One URL segment on the way to a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A fixed name, sent as it is (`signIns`).
    Literal(String),
    /// A `{placeholder}`: the caller's value, percent-encoded. Holds the placeholder's first name
    /// (`id` for `{id | userPrincipalName}`) and every name it offers.
    Param {
        /// The name used for the Rust argument and in errors.
        name: String,
        /// Every name the docs offer for it.
        names: Vec<String>,
    },
}

impl Node<'_> {
    /// The segment this node adds to its parent's path (`None` for a version root).
    pub fn own_segment(&self) -> Option<&Segment> {
        self.segments.last()
    }

    /// The accessor on the parent: `sign_ins()` for a literal, `by_id(..)` for a parameter.
    pub fn accessor(&self) -> String {
        match self.own_segment() {
            Some(Segment::Param { name, .. }) => format!("by_{}", param_ident(name)),
            _ => self.module.clone(),
        }
    }

    /// The parameters along the path to this node, with Rust argument names made unique
    /// (`id`, `id_2` for `/mailFolders/{id}/messages/{id}`) and different from `reserved` (the
    /// other arguments of the function that takes them).
    pub fn params(&self, reserved: &[&str]) -> Vec<(String, String)> {
        let mut seen: BTreeSet<String> = reserved.iter().map(|r| r.to_string()).collect();
        let mut out = Vec::new();
        for seg in &self.segments {
            if let Segment::Param { name, .. } = seg {
                let base = param_ident(name);
                let mut ident = base.clone();
                let mut n = 1;
                while !seen.insert(ident.clone()) {
                    n += 1;
                    ident = format!("{base}_{n}");
                }
                out.push((name.clone(), ident));
            }
        }
        out
    }
}

/// The Rust argument name of a path parameter (`key` when the name has none).
pub fn param_ident(name: &str) -> String {
    naming::snake(name).unwrap_or_else(|| "key".into())
}

/// Parses one documented segment: a plain name or a whole-segment `{placeholder}`.
fn parse_segment(segment: &str) -> Option<Segment> {
    if let Some(inner) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        if inner.contains(['{', '}']) {
            return None;
        }
        let names: Vec<String> = inner
            .split('|')
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        let name = names.first()?.clone();
        return Some(Segment::Param { name, names });
    }
    if segment.is_empty() || segment.contains(['{', '}', '(', ')', '=', '\'', '?', '#', '%']) {
        return None;
    }
    Some(Segment::Literal(segment.to_string()))
}

/// One binding: an operation reached through one of its documented paths.
#[derive(Debug)]
pub struct Action<'s> {
    /// The spec file, as named in banners.
    pub file: &'s str,
    /// The spec.
    pub spec: &'s SpecFile,
    /// The documented path this binding sends to.
    pub path: &'s PathTemplate,
    /// The last segment as on the wire (`confirmSafe`, or `microsoft.graph.assignLicense`).
    pub wire: String,
    /// The method name (`confirm_safe`).
    pub method: String,
    /// The prefix of model type names (`ConfirmSafe`, giving `ConfirmSafeRequest`).
    pub model_prefix: String,
    /// Where the operation's models live: this node for the first documented path, that node's
    /// module for the others (the models are generated once).
    pub models_home: Vec<String>,
}

impl Action<'_> {
    /// Whether the models are generated in this action's own module.
    pub fn owns_models(&self, node: &Node<'_>) -> bool {
        self.models_home == node.module_path
    }
}

fn version_names(v: ApiVersion) -> (&'static str, &'static str) {
    match v {
        ApiVersion::V1 => ("v1", "V1"),
        ApiVersion::Beta => ("beta", "Beta"),
    }
}

fn new_root<'s>(v: ApiVersion) -> Node<'s> {
    let (module, type_name) = version_names(v);
    Node {
        wire: v.as_str().to_string(),
        module: module.to_string(),
        type_name: type_name.to_string(),
        module_path: vec![module.to_string()],
        url_path: String::new(),
        children: BTreeMap::new(),
        actions: Vec::new(),
        sources: BTreeSet::new(),
        segments: Vec::new(),
    }
}

/// Builds one tree per API version from the spec files (`(file name, spec)`, any order).
pub fn build<'s>(
    specs: &'s [(String, SpecFile)],
) -> Result<BTreeMap<ApiVersion, Node<'s>>, CodegenError> {
    let mut roots: BTreeMap<ApiVersion, Node<'s>> = BTreeMap::new();
    for (file, spec) in specs {
        let root = roots
            .entry(spec.api_version)
            .or_insert_with(|| new_root(spec.api_version));
        if let Some(p) = spec.operation.function_parameters.first() {
            return Err(CodegenError {
                file: file.clone(),
                path: "operation.function_parameters[0]".into(),
                message: format!(
                    "function parameter `{}`: functions with parameters are not generated yet (issue #11)",
                    p.name
                ),
            });
        }
        let mut models_home: Option<Vec<String>> = None;
        for (i, path) in spec.operation.paths.iter().enumerate() {
            let at = |field: &str| format!("operation.paths[{i}]{field}");
            let err = |field: &str, message: String| CodegenError {
                file: file.clone(),
                path: at(field),
                message,
            };
            let segments: Vec<&str> = path.template.trim_start_matches('/').split('/').collect();
            let Some((action_wire, parents)) = segments.split_last() else {
                return Err(err(".template", "empty path".into()));
            };
            let mut node = &mut *root;
            node.sources.insert(file);
            for segment in parents {
                let Some(parsed) = parse_segment(segment) else {
                    return Err(err(
                        ".template",
                        format!(
                            "segment `{segment}` of `{}` is neither a plain name nor a `{{placeholder}}`: key segments such as `applications(appId='{{appId}}')` are not supported yet",
                            path.template
                        ),
                    ));
                };
                // Every placeholder at one position is the same child: the item of a collection.
                let (key, module, type_name) = match &parsed {
                    Segment::Param { .. } => (
                        "{}".to_string(),
                        "item".to_string(),
                        format!("{}Item", node.type_name),
                    ),
                    Segment::Literal(name) => {
                        let no_name =
                            || err(".template", format!("segment `{segment}` has no Rust name"));
                        (
                            name.clone(),
                            naming::snake(name).ok_or_else(no_name)?,
                            naming::pascal(name).ok_or_else(no_name)?,
                        )
                    }
                };
                let mut module_path = node.module_path.clone();
                module_path.push(module.clone());
                let shown = match &parsed {
                    Segment::Param { name, .. } => format!("{{{name}}}"),
                    Segment::Literal(name) => name.clone(),
                };
                let url_path = format!("{}/{shown}", node.url_path);
                let mut segments = node.segments.clone();
                segments.push(parsed);
                node = node.children.entry(key).or_insert_with(|| Node {
                    wire: segment.to_string(),
                    module,
                    type_name,
                    module_path,
                    url_path,
                    children: BTreeMap::new(),
                    actions: Vec::new(),
                    sources: BTreeSet::new(),
                    segments,
                });
                node.sources.insert(file);
            }
            if !matches!(parse_segment(action_wire), Some(Segment::Literal(_))) {
                return Err(err(
                    ".template",
                    format!(
                        "the last segment `{action_wire}` of `{}` is not a plain action name",
                        path.template
                    ),
                ));
            }
            // `microsoft.graph.assignLicense` is named like `assignLicense`.
            let short = action_wire.rsplit('.').next().unwrap_or(action_wire);
            let method = naming::snake(short).ok_or_else(|| {
                err(
                    ".template",
                    format!("action `{action_wire}` has no Rust name"),
                )
            })?;
            let model_prefix =
                naming::pascal(&spec.operation.name).ok_or_else(|| CodegenError {
                    file: file.clone(),
                    path: "operation.name".into(),
                    message: format!("`{}` has no Rust name", spec.operation.name),
                })?;
            let home = models_home
                .get_or_insert_with(|| node.module_path.clone())
                .clone();
            node.actions.push(Action {
                file,
                spec,
                path,
                wire: action_wire.to_string(),
                method,
                model_prefix,
                models_home: home,
            });
        }
    }
    for root in roots.values() {
        check_names(root)?;
    }
    Ok(roots)
}

/// Two things in one module with the same Rust name would overwrite each other, or not compile:
/// refuse instead.
fn check_names(node: &Node<'_>) -> Result<(), CodegenError> {
    let clash = |file: &str, path: &str, message: String| CodegenError {
        file: file.to_string(),
        path: path.to_string(),
        message,
    };
    // Any spec that contributes to this module is the one to blame for a clash between segments.
    let blame = node.sources.iter().next().copied().unwrap_or_default();
    let mut methods: BTreeMap<&str, String> = BTreeMap::new();
    methods.insert("new", "the request builder's constructor".into());
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    types.insert(
        node.type_name.clone(),
        format!("the request builder of `{}`", node.url_path),
    );
    let mut modules: BTreeMap<&str, String> = BTreeMap::new();
    if !node.actions.is_empty() {
        modules.insert("mock", "the mock helpers of its operations".into());
    }
    let accessors: Vec<(String, &Node<'_>)> =
        node.children.values().map(|c| (c.accessor(), c)).collect();
    for (accessor, child) in &accessors {
        let what = format!("segment `{}`", child.wire);
        let at = child.sources.iter().next().copied().unwrap_or(blame);
        if let Some(other) = methods.insert(accessor, what.clone()) {
            return Err(clash(
                at,
                "operation.paths",
                format!(
                    "{what} and {other} both become `{accessor}()` in module `{}`",
                    node.module_path.join("::")
                ),
            ));
        }
        if let Some(other) = modules.insert(&child.module, what.clone()) {
            return Err(clash(
                at,
                "operation.paths",
                format!(
                    "{what} and {other} both become module `{}` in module `{}`",
                    child.module,
                    node.module_path.join("::")
                ),
            ));
        }
    }
    for action in &node.actions {
        // Each documented response header is a field of the response type and an argument of the
        // mock's `ok`.
        let mut fields: BTreeMap<String, &str> = BTreeMap::new();
        for (i, h) in action.spec.operation.response.headers.iter().enumerate() {
            let field = naming::header_field(h);
            if let Some(other) = fields.insert(field.clone(), h) {
                return Err(clash(
                    action.file,
                    &format!("operation.response.headers[{i}]"),
                    format!("headers `{other}` and `{h}` both become the Rust field `{field}`"),
                ));
            }
        }
        let what = format!("action `{}` of {}", action.wire, action.file);
        if let Some(other) = methods.insert(&action.method, what.clone()) {
            return Err(CodegenError {
                file: action.file.to_string(),
                path: "operation.paths".into(),
                message: format!(
                    "{what} and {other} both become `{}()` in module `{}`",
                    action.method,
                    node.module_path.join("::")
                ),
            });
        }
        if action.owns_models(node) {
            // Object parameters whose properties are described get a struct of their own.
            fn objects(params: &[graph_spec::Parameter], out: &mut Vec<String>) {
                for p in params.iter().filter(|p| !p.properties.is_empty()) {
                    out.extend(naming::pascal(&p.name));
                    objects(&p.properties, out);
                }
            }
            let mut names: Vec<String> = ["Request", "Response"]
                .iter()
                .map(|suffix| format!("{}{suffix}", action.model_prefix))
                .collect();
            objects(
                action
                    .spec
                    .operation
                    .request_body
                    .as_deref()
                    .unwrap_or_default(),
                &mut names,
            );
            for name in names {
                if let Some(other) = types.insert(name.clone(), what.clone()) {
                    return Err(CodegenError {
                        file: action.file.to_string(),
                        path: "operation.name".into(),
                        message: format!(
                            "{what} and {other} both need type `{name}` in module `{}`",
                            node.module_path.join("::")
                        ),
                    });
                }
            }
        }
    }
    node.children.values().try_for_each(check_names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_parse_as_literals_or_placeholders() {
        assert_eq!(
            parse_segment("signIns"),
            Some(Segment::Literal("signIns".into()))
        );
        assert_eq!(
            parse_segment("{id | userPrincipalName}"),
            Some(Segment::Param {
                name: "id".into(),
                names: vec!["id".into(), "userPrincipalName".into()]
            })
        );
        for bad in [
            "",
            "applications(appId='{appId}')",
            "{a{b}}",
            "{}",
            "a?b",
            "x%2F",
        ] {
            assert_eq!(parse_segment(bad), None, "{bad:?}");
        }
    }
}
