//! The JSON representation block of a resource page: the properties of a page that has no
//! Properties table, and the properties a page lists only there.
//!
//! A key of the JSON representation that no table of the page lists is a property of the type
//! (the docs state it, in the one place they do), typed from its value, with a warning that says
//! where it came from. Keys starting with `@` (`@odata.type`) are annotations, not properties.

use graph_spec::{EdmType, Property};
use serde_json::Value;

use crate::Ctx;
use crate::markdown::blocks::BlockKind;
use crate::resource::ns::qualify;
use crate::types::cell::names_no_type;

/// The properties of the page's JSON representation (the first `json` code block after the
/// resource annotation) that `listed` (the tables' properties) lacks; names compare
/// case-insensitively. Each value names its type: a type word (`"String"`, `"String (timestamp)"`,
/// `"Guid"`), a JSON literal (`true`, `0`), a timestamp (`"2020-01-01T00:00:00Z"`), an object with
/// an `@odata.type`, or an array of one of those. Keys whose value names no type are left out with
/// a warning, and so are the `untyped` names: those a table lists with a type cell that names no
/// type (`Json`, any JSON value), whatever placeholder the representation shows (`"string"`).
pub(crate) fn json_representation(
    ctx: &mut Ctx<'_>,
    listed: &[Property],
    untyped: &[String],
) -> Vec<Property> {
    let mut after_annotation = false;
    let mut code = None;
    for block in &ctx.blocks {
        match &block.kind {
            BlockKind::Html(html) if html.contains("\"resource\"") => after_annotation = true,
            BlockKind::Code {
                info,
                text,
                first_line,
            } if after_annotation && info.trim().eq_ignore_ascii_case("json") => {
                code = Some((text.clone(), *first_line));
                break;
            }
            _ => {}
        }
    }
    let Some((text, first_line)) = code else {
        return Vec::new();
    };
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text) else {
        ctx.warn(
            first_line,
            "the JSON representation is not a JSON object; no property read from it",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    let known = |key: &str| {
        listed.iter().any(|p| p.name.eq_ignore_ascii_case(key))
            || untyped.iter().any(|n| n.eq_ignore_ascii_case(key))
    };
    for (key, value) in map.iter().filter(|(k, _)| !k.starts_with('@') && !known(k)) {
        let line = text
            .lines()
            .position(|l| l.contains(&format!("\"{key}\"")))
            .map_or(first_line, |i| first_line + i);
        match value_type(value) {
            Some(ty) => out.push(Property {
                name: key.clone(),
                ty,
                description: String::new(),
                nullable: None,
                read_only: false,
                required: None,
                navigation: false,
                line,
            }),
            None => ctx.warn(
                line,
                format!(
                    "the JSON representation's `{key}` names no type; the property is left out"
                ),
            ),
        }
    }
    if listed.is_empty() && !out.is_empty() {
        ctx.warn(
            first_line,
            "the page has no Properties table: the properties are read from its JSON representation",
        );
    } else {
        for p in &out {
            ctx.warn(
                p.line,
                format!(
                    "property `{}` is listed only in the JSON representation; typed `{}` from its value",
                    p.name, p.ty
                ),
            );
        }
    }
    out
}

/// The type a JSON representation's value names.
fn value_type(value: &Value) -> Option<EdmType> {
    match value {
        Value::Bool(_) => Some(EdmType::Primitive(graph_spec::Primitive::Boolean)),
        Value::Number(n) if n.is_i64() => Some(EdmType::Primitive(graph_spec::Primitive::Int32)),
        Value::Number(_) => Some(EdmType::Primitive(graph_spec::Primitive::Double)),
        Value::String(s) => {
            let lower = s.to_ascii_lowercase();
            if lower.contains("timestamp")
                || lower.contains("datetimeoffset")
                || graph_spec::Primitive::DateTimeOffset.is_literal(s)
            {
                return Some(EdmType::Primitive(graph_spec::Primitive::DateTimeOffset));
            }
            let word = s.split(['(', ' ']).next().unwrap_or("").trim();
            crate::types::primitive_word(word)
                .map(EdmType::Primitive)
                .or_else(|| {
                    qualify(word)
                        .filter(|_| word.contains('.'))
                        .and_then(|n| n.parse().ok())
                })
        }
        // `{"@odata.type": "microsoft.graph.Json"}` is any JSON value, as a `Json` cell is.
        Value::Object(o) => o
            .get("@odata.type")
            .and_then(Value::as_str)
            .filter(|n| !names_no_type(n))
            .and_then(qualify)
            .and_then(|n| n.parse().ok()),
        Value::Array(items) => items
            .first()
            .and_then(value_type)
            .map(EdmType::collection_of),
        Value::Null => None,
    }
}
