//! Where pages merged into one operation disagree: one method and URL documented by several pages
//! (graph-codegen's `merge`) is generated from one of them, so a difference between them is a
//! question for the docs (which page is right?), reported beside the metadata comparison.

use std::collections::BTreeMap;

use graph_spec::{EdmType, SpecFile};

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

/// Every difference between each alias and its canonical page: what they return, the entity they
/// send, their body parameters and their function parameters. `specs` are the extracted specs by
/// file; `aliases` are `(canonical file, alias file, alias template)`.
pub fn disagreements(
    specs: &BTreeMap<&str, &SpecFile>,
    aliases: &[(String, String, String)],
) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for (canonical, alias, template) in aliases {
        let (Some(c), Some(a)) = (specs.get(canonical.as_str()), specs.get(alias.as_str())) else {
            continue;
        };
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
        let found = disagreements(&specs, &aliases);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].page, "api/webapp-get.md");
        assert_eq!(
            found[0].detail,
            "GET /apps/{appId}: the response is microsoft.graph.webApp here, microsoft.graph.mobileApp on api/mobileapp-get.md, the page it is generated from"
        );
    }
}
