//! Resource pages of a sub-namespace (`Namespace: microsoft.graph.security`): the page's own type
//! and enumerations are in that namespace, and so is a type its cells link to a page of that
//! namespace (`[alertEvidence](security-alertevidence.md)`, the docs' file naming for
//! `microsoft.graph.security.alertEvidence`) or to one of its own `<name> values` tables.
//! Other names stay in `microsoft.graph` (a page of a sub-namespace uses `identitySet` and friends).

use graph_spec::EdmType;

use crate::markdown::blocks::{Block, BlockKind, Inline};
use crate::types::NAMESPACE;

/// What a `Namespace: microsoft.graph.x` line says: `None` when `text` is no such line, else the
/// sub-namespace (`security`, `partners.billing`), `None` inside for `microsoft.graph` itself.
fn namespace_line(text: &str) -> Option<Option<String>> {
    let rest = text.trim().strip_prefix("Namespace:")?;
    let ns = rest.split_whitespace().next().unwrap_or("");
    let ns = ns.trim_end_matches(['.', ',', ';']);
    let prefix = format!("{NAMESPACE}.");
    let Some(sub) = ns
        .get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(&prefix))
    else {
        return Some(None);
    };
    let sub = ns.get(sub.len()..).unwrap_or("");
    let ok = !sub.is_empty()
        && sub
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    Some(ok.then(|| sub.to_string()))
}

/// The sub-namespace (`security`, `partners.billing`) a `Namespace: microsoft.graph.x` line of the
/// page's intro (before its first `##`) names; `None` for `microsoft.graph` or no such line.
pub(crate) fn sub_namespace(blocks: &[Block]) -> Option<String> {
    for b in blocks {
        match &b.kind {
            BlockKind::Heading { level: 2, .. } => return None,
            BlockKind::Paragraph { inline, .. } => {
                if let Some(found) = namespace_line(&inline.plain()) {
                    return found;
                }
            }
            _ => {}
        }
    }
    None
}

/// [`sub_namespace`] of a page's raw text, read line by line up to its first `##` heading (for a
/// linked page: cheaper than parsing it).
pub(crate) fn sub_namespace_of_text(text: &str) -> Option<String> {
    for line in text.lines() {
        if line.trim().starts_with("## ") {
            return None;
        }
        if let Some(found) = namespace_line(line) {
            return found;
        }
    }
    None
}

/// `microsoft.graph.<ns>.<short>` for `microsoft.graph.<short>`.
pub(crate) fn in_namespace(name: &str, ns: &str) -> String {
    let short = name.get(NAMESPACE.len() + 1..).unwrap_or(name);
    format!("{NAMESPACE}.{ns}.{short}")
}

/// `ty` with each `microsoft.graph.<short>` in it moved into the sub-namespace `ns`; a name already
/// in a sub-namespace stays.
pub(crate) fn moved_into(ty: EdmType, ns: &str) -> EdmType {
    match ty {
        EdmType::Collection(inner) => EdmType::Collection(Box::new(moved_into(*inner, ns))),
        EdmType::Named(name) if !name.get(NAMESPACE.len() + 1..).unwrap_or(".").contains('.') => {
            EdmType::Named(in_namespace(&name, ns))
        }
        other => other,
    }
}

/// Whether a link destination is the page of `short` in the sub-namespace `ns`
/// (`security-alertevidence.md`, `../resources/security-alertevidence.md`), or an anchor of a
/// values table of the page (`#alertseverity-values`).
pub(crate) fn links_into(dest: &str, short: &str, ns: &str) -> bool {
    let lower = dest.to_ascii_lowercase();
    let short = short.to_ascii_lowercase();
    if let Some(anchor) = lower.strip_prefix('#') {
        return anchor == format!("{short}-values");
    }
    let file = lower
        .split(['#', '?'])
        .next()
        .unwrap_or("")
        .rsplit('/')
        .next()
        .unwrap_or("");
    file == format!("{}-{short}.md", ns.replace('.', "-").to_ascii_lowercase())
}

/// `ty` with its named type moved into `ns` when the cell links it there, or when it names one of
/// the page's own enumerations (`page_enums`, short names).
pub(crate) fn requalify(ty: EdmType, cell: &Inline, ns: &str, page_enums: &[String]) -> EdmType {
    match ty {
        EdmType::Collection(inner) => {
            EdmType::Collection(Box::new(requalify(*inner, cell, ns, page_enums)))
        }
        EdmType::Named(name) => {
            let short = name.get(NAMESPACE.len() + 1..).unwrap_or("");
            if short.is_empty() || short.contains('.') {
                return EdmType::Named(name);
            }
            let linked = cell.links.iter().any(|l| {
                cell.span(&l.range).replace('`', "").trim() == short
                    && links_into(&l.dest, short, ns)
            });
            let own_enum = page_enums.iter().any(|e| e == short);
            if linked || own_enum {
                EdmType::Named(in_namespace(&name, ns))
            } else {
                EdmType::Named(name)
            }
        }
        other => other,
    }
}

/// `microsoft.graph.x` from a docs type name (`#microsoft.graph.x`, `Microsoft.Graph.x`, `x`).
pub(crate) fn qualify(name: &str) -> Option<String> {
    let name = name.trim().trim_start_matches('#').trim();
    let prefix = format!("{NAMESPACE}.");
    let short = match name.get(..prefix.len()) {
        Some(p) if p.eq_ignore_ascii_case(&prefix) => name.get(prefix.len()..)?,
        _ => name,
    };
    let ok = !short.is_empty()
        && short
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    ok.then(|| format!("{prefix}{short}"))
}
