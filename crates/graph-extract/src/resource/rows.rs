//! The rows of a resource page's Properties and Relationships tables, read into properties.
//!
//! Columns: `Property`/`Name`/`Relationship` (the name), `Type` and `Description`. The type cell
//! is read like a request body table's (or, for a `String`/`Enum` cell, from an enumeration the
//! description names); a row whose cell names no type is left out with a warning. In the
//! description, `Read-only` marks the property read-only, `Not nullable` / `Nullable` its
//! nullability, `Required.` / `Optional.` its requirement.

use graph_spec::{EdmType, Property};

use crate::markdown::blocks::Table;
use crate::markdown::tables::{cell, cell_plain, says_optional, says_required};
use crate::{resource::desc, resource::ns, types::cell};

/// The name, type and description columns of a properties or relationships table.
pub(crate) fn columns(table: &Table) -> Option<(usize, usize, Option<usize>)> {
    let name = table.column(|h| {
        matches!(
            h,
            "property" | "properties" | "name" | "relationship" | "relationships" | "property name"
        )
    })?;
    let ty = table.column(|h| h == "type" || h == "return type")?;
    Some((name, ty, table.column(|h| h == "description")))
}

/// Whether `desc` says `word` as a statement of its own (`Read-only.`, `Read-only;`, at the end).
fn says(desc: &str, word: &str) -> bool {
    let lower = desc.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower.get(from..).and_then(|r| r.find(word)) {
        let start = from + i;
        let end = start + word.len();
        let before_ok = lower[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '-');
        let after = lower[end..].trim_start_matches(['*', '`']);
        let after_ok = after.is_empty() || after.starts_with(['.', ';', ',', ')']);
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

/// What [`rows`] read: the properties, notes about rows left out (by line), and the names of the
/// properties whose type cell is a word that names no type (`Json`).
pub(crate) type Rows = (Vec<Property>, Vec<(usize, String)>, Vec<String>);

/// The properties of a table's rows, and notes about rows left out. `page_enums` are the names of
/// the page's `<name> values` tables.
/// `ns` is the page's sub-namespace (see [`crate::resource::ns`]).
pub(crate) fn rows(
    table: &Table,
    navigation: bool,
    page_enums: &[String],
    ns: Option<&str>,
) -> Rows {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut untyped = Vec::new();
    let Some((name_col, ty_col, desc_col)) = columns(table) else {
        return (out, notes, untyped);
    };
    for row in &table.rows {
        let name = cell_plain(&row.cells, name_col)
            .trim_matches(['*', '_', '`'])
            .trim()
            .to_string();
        if name.is_empty()
            || name.eq_ignore_ascii_case("none")
            || name.eq_ignore_ascii_case("none.")
        {
            continue;
        }
        // `isFoo (deprecated)`: the name is the first word when the rest is a remark.
        let name = match name.split_once(char::is_whitespace) {
            Some((first, rest)) if rest.trim_start().starts_with('(') => {
                notes.push((
                    row.line,
                    format!("property name `{name}` carries a remark; recorded as `{first}`"),
                ));
                first.to_string()
            }
            _ => name,
        };
        if name.contains(char::is_whitespace) {
            notes.push((
                row.line,
                format!("property name `{name}` contains spaces; skipped"),
            ));
            continue;
        }
        let described = cell(&row.cells, ty_col)
            .zip(desc_col.and_then(|d| cell(&row.cells, d)))
            .and_then(|(t, d)| desc::enum_in_description(t, d, page_enums));
        let typed = match described {
            Some((name, note)) => Some(Ok((EdmType::Named(name), vec![note]))),
            None => cell(&row.cells, ty_col).map(cell::parse_type_cell),
        };
        let ty = match typed {
            Some(Ok((ty, cell_notes))) => {
                notes.extend(cell_notes.into_iter().map(|n| (row.line, n)));
                match (ns, cell(&row.cells, ty_col)) {
                    (Some(ns), Some(c)) => ns::requalify(ty, c, ns, page_enums),
                    _ => ty,
                }
            }
            Some(Err(text)) => {
                notes.push((
                    row.line,
                    format!("the type `{text}` of property `{name}` names no type; the property is left out"),
                ));
                // `Json` (any JSON value) is the table's word: the representation's placeholder
                // (`"string"`) does not type it. Prose (`error object`) leaves it to the representation.
                if cell::names_no_type(&text) {
                    untyped.push(name);
                }
                continue;
            }
            None => {
                notes.push((
                    row.line,
                    format!("property `{name}` has no type cell; left out"),
                ));
                continue;
            }
        };
        let description = desc_col
            .and_then(|d| cell(&row.cells, d))
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        let nullable = if says(&description, "not nullable") {
            Some(false)
        } else if says(&description, "nullable") {
            Some(true)
        } else {
            None
        };
        let required = match (says_required(&description), says_optional(&description)) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        };
        out.push(Property {
            name,
            ty,
            read_only: says(&description, "read-only"),
            description,
            nullable,
            required,
            navigation,
            line: row.line,
        });
    }
    (out, notes, untyped)
}
