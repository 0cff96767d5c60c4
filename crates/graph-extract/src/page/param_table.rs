//! The request body parameter table: `Parameter`/`Name`/`Property`, `Type` (or `Value` beside a
//! `Description`) and `Description` columns, in any order, read leniently: no row fails the page.

use graph_spec::{EdmType, FactSource, Parameter};

use crate::markdown::blocks::Table;
use crate::markdown::tables::{Note, cell, cell_plain, says_optional, says_required};
use crate::types::EXPECTED_TYPE;
use crate::types::cell;

/// The columns of a request body parameter table.
pub(crate) struct ParamColumns {
    name: usize,
    ty: usize,
    desc: Option<usize>,
}

/// The columns of a parameter table (`Parameter`/`Name`/`Property`, `Type`, `Description` in any order),
/// or `None` when the table is not one.
pub(crate) fn param_columns(table: &Table) -> Option<ParamColumns> {
    let name = table.column(|h| {
        matches!(
            h,
            "parameter" | "parameters" | "name" | "property" | "parameter name" | "property name"
        )
    })?;
    let desc = table.column(|h| h == "description");
    let ty = table
        .column(|h| h == "type")
        .or_else(|| desc.and(table.column(|h| h == "value")))?;
    Some(ParamColumns { name, ty, desc })
}

/// A parameter and the line of its row.
pub(crate) type Row = (usize, Parameter);

/// Types a parameter whose type cell names no type: the type and where it came from (a request
/// example), or `None`.
pub(crate) type Fallback<'a> = &'a dyn Fn(&str) -> Option<(EdmType, String)>;

/// The parameters of a request body table. A type cell that names no type is never fatal: the
/// parameter is typed by `fallback` (from an example value) with a warning, or left out with one.
pub(crate) fn parameters(
    table: &Table,
    cols: &ParamColumns,
    fallback: Fallback<'_>,
) -> (Vec<Row>, Vec<Note>) {
    let mut notes = Vec::new();
    let mut out = Vec::new();
    for row in &table.rows {
        let plain: Vec<String> = row
            .cells
            .iter()
            .map(|c| c.plain().trim().to_ascii_lowercase())
            .collect();
        let dashes = |c: &String| {
            let d = c.trim_start_matches(':').trim_end_matches(':');
            !d.is_empty() && d.chars().all(|x| x == '-')
        };
        if plain.iter().any(dashes) && plain.iter().all(|c| c.is_empty() || dashes(c)) {
            notes.push((
                row.line,
                "request body table has a second delimiter row (`|---|`) among its rows (an empty table \
                 right before the real one); skipped"
                    .into(),
            ));
            continue;
        }
        if plain == table.keys {
            notes.push((
                row.line,
                "request body table repeats its header row among its rows; skipped".into(),
            ));
            continue;
        }
        let name = cell_plain(&row.cells, cols.name);
        if name.is_empty() {
            notes.push((
                row.line,
                "request body row without a parameter name; skipped".into(),
            ));
            continue;
        }
        if name.contains(char::is_whitespace) {
            notes.push((
                row.line,
                format!(
                    "request body parameter name `{name}` contains spaces; recorded as written"
                ),
            ));
        }
        let read = match cell(&row.cells, cols.ty) {
            Some(type_cell) => {
                cell::parse_type_cell(type_cell).map_err(|word| format!("unknown type `{word}`"))
            }
            None => Err("no type cell".to_string()),
        };
        let ty = match read {
            Ok((ty, cell_notes)) => {
                notes.extend(cell_notes.into_iter().map(|n| (row.line, n)));
                ty
            }
            Err(what) => match fallback(&name) {
                Some((ty, origin)) => {
                    notes.push((
                        row.line,
                        format!(
                            "{what} for request body parameter `{name}` ({EXPECTED_TYPE}); typed `{ty}` from \
                             the value {origin} sends"
                        ),
                    ));
                    ty
                }
                None => {
                    notes.push((
                        row.line,
                        format!(
                            "{what} for request body parameter `{name}` ({EXPECTED_TYPE}), and no request \
                             example sends it; the parameter is left out"
                        ),
                    ));
                    continue;
                }
            },
        };
        let description = cols
            .desc
            .and_then(|d| cell(&row.cells, d))
            .map(|c| c.text.clone())
            .unwrap_or_default();
        let required = match (says_required(&description), says_optional(&description)) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            (true, true) => {
                notes.push((
                    row.line,
                    format!(
                        "the description of `{name}` says both \"Required.\" and \"Optional.\"; recorded as unknown"
                    ),
                ));
                None
            }
            (false, false) => None,
        };
        out.push((
            row.line,
            Parameter {
                name,
                ty,
                description,
                required,
                source: FactSource::Table,
                properties: Vec::new(),
            },
        ));
    }
    (out, notes)
}
