//! Thin bindings: an operation documented at several paths is documented in full once, at its
//! first (canonical) path; each other path's binding gets a line that links there, and uses the
//! same request and response types.

use graph_spec::ApiVersion;

use super::functions;
use crate::ops::{Binding, method_link};
use crate::tree::{Action, Node};
use crate::{docs, error::CodegenError};

/// The rustdoc of a binding that is not its operation's canonical one.
pub(super) fn binding_docs(
    version: ApiVersion,
    action: &Action<'_>,
    (canonical_node, canonical): Binding<'_, '_>,
) -> Result<Vec<String>, CodegenError> {
    let spec = action.spec;
    let mut lines = vec![format!(
        "`{} /{}{}`: *{}* through another of its documented paths, with the same request and response types; [`{}::{}`]({}) has its documentation and example.",
        spec.operation.method.as_str(),
        version.as_str(),
        docs::escape(&action.path.template),
        docs::escape(&spec.title),
        canonical_node.type_name,
        canonical.method,
        method_link(canonical_node, &canonical.method),
    )];
    // The function's arguments may differ from the canonical binding's (`supportedTimeZones` and
    // `supportedTimeZones(TimeZoneStandard=..)`): this binding's own are described here.
    let args = functions::arg_docs(&functions::function_args(action)?);
    if !args.is_empty() {
        lines.push(String::new());
        lines.extend(args);
    }
    Ok(lines)
}

/// The name of a path's variant in its operation's `<Name>Path` mock enum: the path's literal
/// segments (`/users/{id}/calendar/events/{id}/accept` -> `UsersCalendarEvents`), plus the
/// binding's `With..` suffix for a function call beside a plain path of the same name.
pub(super) fn variant_name(node: &Node<'_>, action: &Action<'_>) -> String {
    use crate::tree::Segment;
    let mut words: Vec<&str> = Vec::new();
    for segment in &node.segments {
        match segment {
            Segment::Literal(literal) => words.push(literal),
            Segment::Key {
                collection, key, ..
            } => words.extend([collection.as_str(), "by", key.as_str()]),
            Segment::ItemPath { base, .. } => words.extend([base.as_str(), "path"]),
            Segment::Call { name, .. } => words.push(name),
            Segment::Param { .. } => {}
        }
    }
    words.push(
        action
            .mock_prefix
            .strip_prefix(&action.model_prefix)
            .unwrap_or_default(),
    );
    // One identifier from all the words, so that a keyword or a digit is handled once.
    crate::naming::pascal(&words.join(".")).unwrap_or_else(|| "Root".into())
}

/// Variant names for the bindings of one operation, made unique in order (`Drive`, `Drive2`).
pub(super) fn variant_names(bindings: &[Binding<'_, '_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (node, action) in bindings {
        let base = variant_name(node, action);
        let mut name = base.clone();
        let mut n = 1;
        while out.contains(&name) {
            n += 1;
            name = format!("{base}{n}");
        }
        out.push(name);
    }
    out
}
