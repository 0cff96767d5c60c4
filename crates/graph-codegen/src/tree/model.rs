//! The nodes of the module tree (one per URL path segment) and the actions on them; how one path
//! segment reads (a literal, a key, a parameter, an item path, a call).

use std::collections::{BTreeMap, BTreeSet};

use graph_spec::{PathTemplate, SpecFile};

use crate::naming;

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
    /// An alternate key, `servicePrincipals(appId='{appId}')`: the caller's value, sent as an
    /// OData string literal.
    Key {
        /// The collection (`servicePrincipals`).
        collection: String,
        /// The key property (`appId`).
        key: String,
        /// The placeholder's name (`appId`), for the Rust argument and in errors.
        name: String,
    },
    /// An OData item path, `root:/{item-path}:`: the caller's slash-separated path, each segment
    /// percent-encoded (`graph_runtime::RequestPath::item_path`).
    ItemPath {
        /// What the path is relative to (`root`).
        base: String,
        /// The placeholder's name (`item-path`), for the Rust argument and in errors.
        name: String,
    },
    /// A function called in the middle of the path,
    /// `getAllTranscripts(meetingOrganizerUserId='{userId}',startDateTime={startDateTime})`: the
    /// caller's typed arguments, sent as OData literals (an optional one may be left out).
    Call {
        /// The function (`getAllTranscripts`).
        name: String,
        /// Its arguments, in template order.
        args: Vec<crate::fn_args::FnArg>,
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
            Some(Segment::Param { name, .. }) => param_accessor(name),
            // `service_principals_by_app_id`, the module's own name.
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
            if let Segment::Param { name, .. }
            | Segment::Key { name, .. }
            | Segment::ItemPath { name, .. } = seg
            {
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

/// The accessor of a path parameter on its parent: `by_id` for `{id}`, and `by_1st` (not
/// `by__1st`, which is not snake case) for `{1st}`, whose argument is `_1st`.
pub fn param_accessor(name: &str) -> String {
    format!("by_{}", param_ident(name).trim_start_matches('_'))
}

/// Parses one documented segment: a plain name, a whole-segment `{placeholder}`, or an alternate
/// key (`servicePrincipals(appId='{appId}')`).
pub(crate) fn parse_segment(segment: &str) -> Option<Segment> {
    if let Some((base, name)) = crate::path_calls::parse_item_path(segment) {
        return Some(Segment::ItemPath { base, name });
    }
    if segment.contains('(') {
        let call = crate::calls::parse_call(segment)?;
        let (key, name) = call.as_key()?;
        return Some(Segment::Key {
            collection: call.name.clone(),
            key: key.to_string(),
            name: name.to_string(),
        });
    }
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
    /// The path template examples are matched against: the documented one, or, for a function
    /// whose documented path leaves its parameters out, with the call written in.
    pub template: String,
    /// The prefix of the mock helper types (`ConfirmSafe`, giving `ConfirmSafeWhen`): the model
    /// prefix, plus `With..` for a function call beside a plain path of the same name.
    pub mock_prefix: String,
    /// The function call, when the path ends in one (`getX(period='{period_value}')`,
    /// `delta()`): the binding takes its arguments and sends them as OData literals.
    pub call: Option<crate::calls::Call>,
    /// Where the operation's models live: this node for the first documented path, that node's
    /// module for the others (the models are generated once).
    pub models_home: Vec<String>,
    /// Whether this is the binding of the page's first documented path.
    pub first_path: bool,
    /// Other pages that document this method and path (`merge`).
    pub aliases: &'s [crate::merge::Alias],
}

impl Action<'_> {
    /// Whether the models are generated in this action's own module.
    pub fn owns_models(&self, node: &Node<'_>) -> bool {
        // Two paths of one page can end in the same module (`supportedTimeZones` with and without
        // its function call): the first one's binding owns the models.
        self.first_path && self.models_home == node.module_path
    }
}

/// A function called mid-path (`getAllTranscripts(a='{a}',b={b})`, not an alternate key), typed
/// by the spec's `path_functions`; `Ok(None)` when `segment` is no such call.
pub(crate) fn mid_path_call(spec: &SpecFile, segment: &str) -> Option<Result<Segment, String>> {
    let call = crate::calls::parse_call(segment)?;
    if call.as_key().is_some() {
        return None;
    }
    let params = spec
        .operation
        .path_functions
        .iter()
        .find(|f| f.name == call.name)
        .map(|f| f.parameters.as_slice())
        .unwrap_or_default();
    Some(
        crate::path_calls::path_args(&call, params).map(|args| Segment::Call {
            name: call.name.clone(),
            args,
        }),
    )
}
