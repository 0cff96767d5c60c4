//! Relationships a resource page states only in its resource annotation and its Methods table.
//!
//! The annotation's `optionalProperties` names the navigation properties of the type; when one of
//! them is in no table of the page, a Methods row `List <name>` or `Get <name>` (the link text,
//! case-insensitively) that returns a type states the relationship's type: its return type cell
//! (`[appRoleAssignment](approleassignment.md) collection`). Such a property is recorded as a
//! navigation property with a warning saying where it was read. A name with no such row is left
//! out with a warning (the page does not type it).

use graph_spec::Property;
use serde_json::Value;

use crate::Ctx;
use crate::markdown::blocks::{BlockKind, Table};
use crate::markdown::tables::cell;
use crate::types::cell;

/// The Methods tables of the page (a `Method` and a `Return type` column).
fn method_tables<'a>(ctx: &'a Ctx<'_>) -> Vec<&'a Table> {
    ctx.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(t)
                if t.column(|h| h == "method" || h == "methods").is_some()
                    && t.column(|h| h == "return type" || h == "return types")
                        .is_some() =>
            {
                Some(t)
            }
            _ => None,
        })
        .collect()
}

/// Whether the page documents methods: a Methods table with a row whose method cell links to an
/// API page. Only an entity type (addressable by its key) has methods; a complex type has none.
pub(crate) fn has_methods(ctx: &Ctx<'_>) -> bool {
    method_tables(ctx).iter().any(|t| {
        let m = t.column(|h| h == "method" || h == "methods");
        t.rows.iter().any(|r| {
            m.and_then(|m| cell(&r.cells, m))
                .is_some_and(|c| c.links.iter().any(|l| l.dest.contains("api/")))
        })
    })
}

/// The navigation properties the annotation names that `listed` lacks, typed from the Methods table.
pub(crate) fn annotated_relationships(
    ctx: &mut Ctx<'_>,
    annotation: Option<&serde_json::Map<String, Value>>,
    listed: &[Property],
    line: usize,
) -> Vec<Property> {
    let Some(names) = annotation
        .and_then(|a| a.get("optionalProperties"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    let mut out: Vec<Property> = Vec::new();
    let mut notes = Vec::new();
    for name in names.iter().filter_map(Value::as_str) {
        let known = |n: &str| {
            listed.iter().any(|p| p.name.eq_ignore_ascii_case(n))
                || out.iter().any(|p| p.name.eq_ignore_ascii_case(n))
        };
        if name.is_empty() || known(name) {
            continue;
        }
        let mut found = None;
        'tables: for t in method_tables(ctx) {
            let (Some(m), Some(r)) = (
                t.column(|h| h == "method" || h == "methods"),
                t.column(|h| h == "return type" || h == "return types"),
            ) else {
                continue;
            };
            for row in &t.rows {
                let Some(method) = cell(&row.cells, m) else {
                    continue;
                };
                let text = method.plain();
                let mut words = text.split_whitespace();
                let verb = words.next().unwrap_or("");
                let object: Vec<&str> = words.collect();
                let names_it = (verb.eq_ignore_ascii_case("list")
                    || verb.eq_ignore_ascii_case("get"))
                    && object.len() == 1
                    && object.first().is_some_and(|o| o.eq_ignore_ascii_case(name));
                if !names_it {
                    continue;
                }
                if let Some(Ok((ty, _))) = cell(&row.cells, r).map(cell::parse_type_cell) {
                    found = Some((ty, row.line));
                    break 'tables;
                }
            }
        }
        match found {
            Some((ty, row_line)) => {
                notes.push((
                    row_line,
                    format!(
                        "relationship `{name}` is named only by the resource annotation; typed `{ty}` from the Methods table"
                    ),
                ));
                out.push(Property {
                    name: name.to_string(),
                    ty,
                    description: String::new(),
                    nullable: None,
                    read_only: false,
                    required: None,
                    navigation: true,
                    line: row_line,
                });
            }
            None => notes.push((
                line,
                format!(
                    "relationship `{name}` is named only by the resource annotation, which does not type it; left out"
                ),
            )),
        }
    }
    for (l, m) in notes {
        ctx.warn(l, m);
    }
    out
}
