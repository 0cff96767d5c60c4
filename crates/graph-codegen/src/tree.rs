//! The module tree: every documented path, split at `/`, becomes a chain of request-builder modules,
//! so that a call reads like the URL it sends (`beta().audit_logs().sign_ins().confirm_safe(..)`).

use std::collections::{BTreeMap, BTreeSet};

use graph_spec::{ApiVersion, SpecFile};

use crate::{error::CodegenError, naming};

mod model;

pub use model::{Action, Node, Segment, param_accessor, param_ident};
pub(crate) use model::{mid_path_call, parse_segment};

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
    aliases: &'s crate::merge::Aliases,
) -> Result<BTreeMap<ApiVersion, Node<'s>>, CodegenError> {
    let mut roots: BTreeMap<ApiVersion, Node<'s>> = BTreeMap::new();
    let spellings = spellings(specs);
    for (file, spec) in specs {
        let root = roots
            .entry(spec.api_version)
            .or_insert_with(|| new_root(spec.api_version));
        let mut models_home: Option<Vec<String>> = None;
        // A function whose documented paths all leave its parameters out (`.../filterByCurrentUser`
        // with an `on` parameter) is called with them: the docs' own examples do.
        let any_call = spec.operation.paths.iter().any(|p| {
            p.template
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('('))
        });
        let synthesize = !any_call
            && spec.operation.method == graph_spec::HttpMethod::Get
            && !spec.operation.function_parameters.is_empty();
        for (i, path) in spec.operation.paths.iter().enumerate() {
            let at = |field: &str| format!("operation.paths[{i}]{field}");
            let err = |field: &str, message: String| CodegenError {
                file: file.clone(),
                path: at(field),
                message,
            };
            let segments = crate::path_calls::join_item_paths(&path.template);
            let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
            // An action or function is a method of its parent's module, named by its segment; a
            // resource operation is a method of the module its whole path addresses, named by its
            // kind (`users().by_id(..).get()`), with an OData suffix (`$ref`) as its own segment.
            let resource = resource_method(spec.operation.kind);
            let (action_wire, parents): (&str, &[&str]) = match (resource, segments.split_last()) {
                (_, None) => return Err(err(".template", "empty path".into())),
                (Some(_), Some((last, rest))) if last.starts_with('$') => (*last, rest),
                (Some(_), Some(_)) => ("", &segments[..]),
                (None, Some((last, rest))) => (*last, rest),
            };
            let mut node = &mut *root;
            node.sources.insert(file);
            for segment in parents {
                // Graph's URLs are case-insensitive: `calendarGroups` and `calendargroups` are
                // one segment, spelled one way (`spellings`, which holds plain names only: no
                // placeholder, key or call folds into one).
                let segment = spellings
                    .get(&segment.to_ascii_lowercase())
                    .map_or(*segment, String::as_str);
                let Some(parsed) = parse_segment(segment).or(mid_path_call(spec, segment)
                    .transpose()
                    .map_err(|m| err(".template", m))?)
                else {
                    return Err(err(
                        ".template",
                        format!(
                            "segment `{segment}` of `{}` is neither a plain name, a `{{placeholder}}` nor an alternate key such as `applications(appId='{{appId}}')`",
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
                    // `servicePrincipals(appId=..)` is module `service_principals_by_app_id`.
                    Segment::Key {
                        collection, key, ..
                    } => crate::calls::key_names(collection, key).ok_or_else(|| {
                        err(".template", format!("segment `{segment}` has no Rust name"))
                    })?,
                    // `root:/{item-path}:` is module `root_path`.
                    Segment::ItemPath { base, .. } => crate::path_calls::item_path_names(base)
                        .ok_or_else(|| {
                            err(".template", format!("segment `{segment}` has no Rust name"))
                        })?,
                    // `getAllTranscripts(..)` is module `get_all_transcripts`.
                    Segment::Call { name, .. } => {
                        let no_name =
                            || err(".template", format!("segment `{segment}` has no Rust name"));
                        (
                            format!("{name}()"),
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
                    Segment::Key {
                        collection,
                        key,
                        name,
                    } => format!("{collection}({key}='{{{name}}}')"),
                    Segment::ItemPath { .. } | Segment::Call { .. } => segment.to_string(),
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
            let call = if resource.is_some() {
                None
            } else if action_wire.contains('(') {
                let Some(call) = crate::calls::parse_call(action_wire) else {
                    return Err(err(
                        ".template",
                        format!(
                            "the last segment `{action_wire}` of `{}` is not a function call this generator reads (`name(p='{{v}}',q={{w}})`)",
                            path.template
                        ),
                    ));
                };
                Some(call)
            } else if matches!(parse_segment(action_wire), Some(Segment::Literal(_))) {
                synthesize.then(|| {
                    crate::calls::Call::from_parameters(
                        action_wire,
                        &spec.operation.function_parameters,
                    )
                })
            } else {
                return Err(err(
                    ".template",
                    format!(
                        "the last segment `{action_wire}` of `{}` is not a plain action name",
                        path.template
                    ),
                ));
            };
            let wire_name = call.as_ref().map_or(action_wire, |c| c.name.as_str());
            // `microsoft.graph.assignLicense` is named like `assignLicense`.
            let short = wire_name.rsplit('.').next().unwrap_or(wire_name);
            let method = match resource {
                Some(method) => method.to_string(),
                None => naming::snake(short).ok_or_else(|| {
                    err(
                        ".template",
                        format!("action `{action_wire}` has no Rust name"),
                    )
                })?,
            };
            // `GetUser`, `ListUser` for a resource operation (binding `user`): one module can
            // hold a list and a create, each with its own models.
            let prefix_name = match resource {
                Some(method) => format!("{method}_{}", spec.operation.binding),
                None => spec.operation.name.clone(),
            };
            let model_prefix = naming::pascal(&prefix_name).ok_or_else(|| CodegenError {
                file: file.clone(),
                path: "operation.name".into(),
                message: format!("`{prefix_name}` has no Rust name"),
            })?;
            let home = models_home
                .get_or_insert_with(|| node.module_path.clone())
                .clone();
            let (template, method, mock_prefix) = crate::calls::binding_names(
                call.as_ref(),
                &path.template,
                method,
                &model_prefix,
                |m| node.actions.iter().any(|a| a.method == m),
            );
            node.actions.push(Action {
                template,
                mock_prefix,
                file,
                spec,
                path,
                wire: wire_name.to_string(),
                call,
                method,
                model_prefix,
                models_home: home,
                first_path: i == 0,
                aliases: aliases
                    .get(&(file.clone(), path.template.clone()))
                    .map_or(&[], Vec::as_slice),
            });
        }
    }
    for root in roots.values_mut() {
        rename_shadowed_actions(root);
    }
    for root in roots.values() {
        check_names(root)?;
    }
    Ok(roots)
}

/// The method of a resource operation of this kind (`get`, `list`, ...), or `None` for an action,
/// a function, or a spec written before kinds were read (generated as an action, as then).
pub fn resource_method(kind: graph_spec::OperationKind) -> Option<&'static str> {
    use graph_spec::OperationKind as K;
    Some(match kind {
        K::Get => "get",
        K::List => "list",
        K::Create => "create",
        K::Update => "update",
        K::Replace => "replace",
        K::Delete => "delete",
        K::RefGet => "get_ref",
        K::RefAdd => "add_ref",
        K::RefSet => "set_ref",
        K::RefRemove => "delete_ref",
        K::MediaGet => "get_content",
        K::MediaPut => "put_content",
        K::Count => "count",
        K::Action | K::Function | K::Unclassified => return None,
    })
}

/// The spelling of each plain path segment (by its lower-case form) when the pages spell it in
/// several ways: Graph's own camel case, that is one that starts in lower case, then the one with
/// the most capitals (`calendarGroups` over `calendargroups` and `CalendarGroups`), then the first
/// in sort order.
fn spellings(specs: &[(String, SpecFile)]) -> BTreeMap<String, String> {
    let mut all: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (_, spec) in specs {
        for path in &spec.operation.paths {
            for segment in path.template.split('/') {
                if matches!(parse_segment(segment), Some(Segment::Literal(_))) {
                    all.entry(segment.to_ascii_lowercase())
                        .or_default()
                        .insert(segment);
                }
            }
        }
    }
    all.into_iter()
        .filter(|(_, spelt)| spelt.len() > 1)
        .filter_map(|(lower, spelt)| {
            let rank = |s: &&str| {
                let camel = s.starts_with(|c: char| c.is_ascii_lowercase());
                (camel, s.chars().filter(char::is_ascii_uppercase).count())
            };
            let best = spelt
                .iter()
                .max_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| b.cmp(a)))?;
            Some((lower, best.to_string()))
        })
        .collect()
}

/// A naming rule: an action named like a child segment of its module (`POST /appCatalogs/teamsApps`
/// documented as the action *publish*, beside `teamsApps/{id}`) is named by its operation instead
/// (`publish()`), or, when that is taken too, by its HTTP method and segment (`post_teams_apps()`),
/// so that the segment's accessor keeps its name.
fn rename_shadowed_actions(node: &mut Node<'_>) {
    let accessors: BTreeSet<String> = node.children.values().map(Node::accessor).collect();
    let mut taken: BTreeSet<String> = accessors.clone();
    taken.extend(node.actions.iter().map(|a| a.method.clone()));
    for action in &mut node.actions {
        if !accessors.contains(&action.method) {
            continue;
        }
        let by_name = naming::snake(&action.spec.operation.name).filter(|n| !taken.contains(n));
        let renamed = by_name.unwrap_or_else(|| {
            let verb = action.spec.operation.method.as_str().to_ascii_lowercase();
            let mut name = format!("{verb}_{}", action.method);
            while taken.contains(&name) {
                name.push('_');
            }
            name
        });
        taken.insert(renamed.clone());
        action.method = renamed;
    }
    for child in node.children.values_mut() {
        rename_shadowed_actions(child);
    }
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
            let mut names: Vec<String> = ["Request", "Response", "Query"]
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
mod tests;
