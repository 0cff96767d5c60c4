//! Example annotations (`<!-- { "blockType": "request", ... } -->`): their JSON read leniently,
//! and what the examples pass produces besides the examples ([`Annotated`]).

use std::collections::BTreeSet;

use graph_spec::{EdmType, Example};
use serde_json::{Map, Value};

use crate::page::messages::{strip_position, strip_trailing_commas};
use crate::types;

/// What the examples pass produced besides the examples.
#[derive(Debug, Default)]
pub(crate) struct Annotated {
    pub examples: Vec<Example>,
    /// Per example: facts from the response annotation, for cross-checks.
    pub extras: Vec<Extra>,
    /// Blocks right after a `"blockType": "permissions"` annotation.
    pub permission_targets: Vec<usize>,
    /// Code blocks some annotation (request, response or ignored) points at.
    pub annotated_code: BTreeSet<usize>,
    /// Typed response annotations that follow no request example.
    pub orphans: Vec<Orphan>,
}

/// A response annotation that follows no request example (the request was `ignored`): its
/// status and the type its annotation names, which still describe the operation's response.
#[derive(Debug, Clone)]
pub(crate) struct Orphan {
    pub line: usize,
    pub status: u16,
    pub ty: EdmType,
}

/// Facts of an example that the spec does not keep.
#[derive(Debug, Default, Clone)]
pub(crate) struct Extra {
    /// The line of the response annotation.
    pub response_line: Option<usize>,
    /// The response annotation's `@odata.type` (with `isCollection`), as an EDM type.
    pub response_type: Option<EdmType>,
}

/// The first JSON value of `text` and any text after it.
fn first_value(text: &str) -> Result<(Value, &str), serde_json::Error> {
    let mut it = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    match it.next() {
        Some(Ok(v)) => {
            let rest = text.get(it.byte_offset()..).unwrap_or("").trim();
            Ok((v, rest))
        }
        Some(Err(e)) => Err(e),
        None => serde_json::from_str::<Value>(text).map(|v| (v, "")),
    }
}

/// Parses annotation JSON leniently. `Ok((object, repair))`: `repair` says what had to be forgiven.
/// `Err((relative line, message))` when it does not parse even after removing trailing commas.
/// An annotation's JSON object and, when it had to be repaired, what was forgiven.
type Parsed = (Map<String, Value>, Option<String>);

pub(crate) fn parse_annotation(body: &str) -> Result<Parsed, (usize, String)> {
    let (value, repair) = match first_value(body) {
        Ok((v, "")) => (v, None),
        Ok((v, rest)) => (
            v,
            Some(format!("text after the JSON object is ignored: `{rest}`")),
        ),
        Err(e) => {
            let repaired = strip_trailing_commas(body);
            match first_value(&repaired) {
                Ok((v, rest)) if repaired != body => {
                    let mut what = "a trailing comma was removed".to_string();
                    if !rest.is_empty() {
                        what.push_str(&format!(
                            ", and text after the JSON object is ignored: `{rest}`"
                        ));
                    }
                    (v, Some(what))
                }
                _ => return Err((e.line(), strip_position(&e.to_string()).to_string())),
            }
        }
    };
    match value {
        Value::Object(map) => Ok((map, repair)),
        other => Err((
            1,
            format!("expected a JSON object, found {}", types::kind(&other)),
        )),
    }
}

/// `name` with every `microsoft.graph.` written in another letter case made lower case.
fn normalise_namespace(name: &str) -> String {
    const NAMESPACE: &str = "microsoft.graph.";
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(i) = rest.to_ascii_lowercase().find(NAMESPACE) {
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push_str(NAMESPACE);
        rest = rest.get(i + NAMESPACE.len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The type an annotation's `@odata.type` and `isCollection` describe. Some pages write `@type`
/// for `@odata.type`; it says the same.
pub(crate) fn annotation_type(map: &Map<String, Value>) -> Option<EdmType> {
    let name = map
        .get("@odata.type")
        .or_else(|| map.get("@type"))?
        .as_str()?
        .trim()
        .trim_start_matches('#');
    // The namespace is sometimes capitalised (`Microsoft.graph.x`, also inside `Collection(...)`);
    // Graph's is `microsoft.graph`.
    let normalised = normalise_namespace(name);
    let name = normalised.as_str();
    let ty = match types::primitive_word(name) {
        Some(p) => EdmType::Primitive(p),
        None => name.parse().ok()?,
    };
    let collection = map
        .get("isCollection")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Some(if collection { ty.collection_of() } else { ty })
}

/// The first non-empty line of a code block, trimmed.
pub(crate) fn first_line_of(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).expect("test JSON parses")
    }

    #[test]
    fn an_annotation_types_its_body_by_odata_type_or_type_and_is_collection() {
        let ty = |json: &str| annotation_type(&map(json)).map(|t| t.to_string());
        assert_eq!(
            ty(r#"{"@odata.type": "microsoft.graph.user", "isCollection": true}"#).as_deref(),
            Some("Collection(microsoft.graph.user)")
        );
        assert_eq!(
            ty(r#"{"@type": "microsoft.graph.x", "isCollection": true}"#).as_deref(),
            Some("Collection(microsoft.graph.x)")
        );
        assert_eq!(
            ty(r#"{"@type": "Edm.Boolean"}"#).as_deref(),
            Some("Edm.Boolean")
        );
        assert_eq!(ty(r#"{"isCollection": true}"#), None);
    }
}
