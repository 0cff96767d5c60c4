//! Where pages merged into one operation disagree: one method and URL documented by several pages
//! (graph-codegen's `merge`) is generated from one of them, so a difference between them is a
//! question for the docs (which page is right?), reported beside the metadata comparison.

use std::collections::{BTreeMap, BTreeSet};

use graph_spec::{ApiVersion, EdmType, SpecFile, TypeFile};

use crate::report::Disagreement;

fn shown(t: Option<&EdmType>) -> String {
    t.map_or_else(|| "nothing".to_string(), ToString::to_string)
}

/// The names of `params`, sorted.
fn names(params: &[graph_spec::Parameter]) -> Vec<String> {
    let mut out: Vec<String> = params.iter().map(|p| p.name.clone()).collect();
    out.sort();
    out
}

/// The named type of `t` (inside a collection too) and whether it is a collection.
fn named(t: Option<&EdmType>) -> Option<(&str, bool)> {
    match t? {
        EdmType::Named(n) => Some((n, false)),
        EdmType::Collection(inner) => match inner.as_ref() {
            EdmType::Named(n) => Some((n, true)),
            _ => None,
        },
        EdmType::Primitive(_) => None,
    }
}

/// Base types by (version, name), from the type files.
struct Hierarchy<'t>(BTreeMap<(ApiVersion, &'t str), &'t str>);

impl Hierarchy<'_> {
    /// `name`'s base types, nearest first, short of `microsoft.graph.entity` (which every entity
    /// derives from, so sharing it says nothing).
    fn bases(&self, version: ApiVersion, name: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut at = name.to_string();
        while let Some(base) = self.0.get(&(version, at.as_str())) {
            if *base == "microsoft.graph.entity" || !out.insert(base.to_string()) {
                break;
            }
            at = base.to_string();
        }
        out
    }

    /// Whether `a` and `b` (both collections or both not) are one type's derived types, or one
    /// derives from the other: a URL documented per derived type, not a disagreement.
    fn related(&self, version: ApiVersion, a: Option<&EdmType>, b: Option<&EdmType>) -> bool {
        let (Some((a, ac)), Some((b, bc))) = (named(a), named(b)) else {
            return false;
        };
        if ac != bc {
            return false;
        }
        let (mut ab, mut bb) = (self.bases(version, a), self.bases(version, b));
        ab.insert(a.to_string());
        bb.insert(b.to_string());
        ab.contains(b) || bb.contains(a) || !ab.is_disjoint(&bb)
    }
}

/// Every difference between each alias and its canonical page: what they return, the entity they
/// send, their body parameters and their function parameters. `specs` are the extracted specs by
/// file; `aliases` are `(canonical file, alias file, alias template)`. A URL documented once per
/// derived type (`mobileApp`, `webApp`, ... by the type files' base types) is not reported: its
/// types and its create bodies differ by design.
pub fn disagreements(
    specs: &BTreeMap<&str, &SpecFile>,
    aliases: &[(String, String, String)],
    types: &[TypeFile],
) -> Vec<Disagreement> {
    let hierarchy = Hierarchy(
        types
            .iter()
            .filter_map(|t| Some(((t.api_version, t.name.as_str()), t.base_type.as_deref()?)))
            .collect(),
    );
    let mut out = Vec::new();
    for (canonical, alias, template) in aliases {
        let (Some(c), Some(a)) = (specs.get(canonical.as_str()), specs.get(alias.as_str())) else {
            continue;
        };
        let version = c.api_version;
        let per_derived = hierarchy.related(
            version,
            a.operation.response.body_type.as_ref(),
            c.operation.response.body_type.as_ref(),
        ) || hierarchy.related(
            version,
            a.operation.request_type.as_ref(),
            c.operation.request_type.as_ref(),
        );
        if per_derived {
            continue;
        }
        let mut differ = |what: &str, theirs: String, ours: String| {
            if theirs != ours {
                out.push(Disagreement {
                    class: "docs differ".into(),
                    what: "merged pages".into(),
                    page: a.source.page.clone(),
                    line: 0,
                    detail: format!(
                        "{} {template}: {what} is {theirs} here, {ours} on {}, the page it is generated from",
                        a.operation.method.as_str(),
                        c.source.page
                    ),
                });
            }
        };
        differ(
            "the response",
            shown(a.operation.response.body_type.as_ref()),
            shown(c.operation.response.body_type.as_ref()),
        );
        differ(
            "the entity sent",
            shown(a.operation.request_type.as_ref()),
            shown(c.operation.request_type.as_ref()),
        );
        let body = |s: &SpecFile| names(s.operation.request_body.as_deref().unwrap_or_default());
        differ(
            "the body's parameters",
            format!("{:?}", body(a)),
            format!("{:?}", body(c)),
        );
        differ(
            "the function's parameters",
            format!("{:?}", names(&a.operation.function_parameters)),
            format!("{:?}", names(&c.operation.function_parameters)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(page: &str, returns: &str) -> SpecFile {
        graph_spec::from_json(
            &format!(
                r#"{{"source": {{"page": "{page}", "sha256": "00"}},
                  "api_version": "beta", "title": "t", "summary": "s",
                  "operation": {{"binding": "b", "name": "n", "kind": "get", "method": "GET",
                    "paths": [{{"template": "/apps/{{id}}"}}],
                    "response": {{"status": 200, "body_type": "{returns}"}}}}}}"#
            ),
            "x.json",
        )
        .expect("test spec parses")
    }

    #[test]
    fn a_merged_page_that_returns_another_type_is_reported_on_its_own_page() {
        let base = spec("api/mobileapp-get.md", "microsoft.graph.mobileApp");
        let web = spec("api/webapp-get.md", "microsoft.graph.webApp");
        let same = spec("api/other-get.md", "microsoft.graph.mobileApp");
        let specs = BTreeMap::from([("a.json", &base), ("w.json", &web), ("o.json", &same)]);
        let aliases = [
            (
                "a.json".to_string(),
                "w.json".to_string(),
                "/apps/{appId}".to_string(),
            ),
            (
                "a.json".to_string(),
                "o.json".to_string(),
                "/apps/{id}".to_string(),
            ),
        ];
        let found = disagreements(&specs, &aliases, &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].page, "api/webapp-get.md");
        assert_eq!(
            found[0].detail,
            "GET /apps/{appId}: the response is microsoft.graph.webApp here, microsoft.graph.mobileApp on api/mobileapp-get.md, the page it is generated from"
        );
        // With the type files saying webApp derives from mobileApp, it is a URL documented per
        // derived type: nothing to report.
        let ty = |name: &str, base: &str| -> TypeFile {
            serde_json::from_str(&format!(
                r#"{{"source": {{"page": "resources/x.md", "sha256": "00"}}, "api_version": "beta",
                  "name": "{name}", "kind": "entity", "summary": "", "base_type": "{base}",
                  "properties": [], "line": 1}}"#
            ))
            .expect("test type parses")
        };
        let types = [
            ty("microsoft.graph.webApp", "microsoft.graph.mobileApp"),
            ty("microsoft.graph.mobileApp", "microsoft.graph.entity"),
        ];
        assert!(disagreements(&specs, &aliases, &types).is_empty());
        // Sharing only `entity` relates nothing.
        let user = spec("api/user-get.md", "microsoft.graph.user");
        let specs = BTreeMap::from([("a.json", &base), ("u.json", &user)]);
        let aliases = [(
            "a.json".to_string(),
            "u.json".to_string(),
            "/apps/{id}".to_string(),
        )];
        let types = [
            ty("microsoft.graph.user", "microsoft.graph.entity"),
            ty("microsoft.graph.mobileApp", "microsoft.graph.entity"),
        ];
        assert_eq!(disagreements(&specs, &aliases, &types).len(), 1);
    }
}
