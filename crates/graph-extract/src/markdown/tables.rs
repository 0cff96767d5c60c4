//! The tables the extractor reads: request headers, permissions and national clouds (request body
//! parameters are in `page::param_table`). Columns are found by their header text, case-insensitively,
//! in any order.

use graph_spec::{Header, NationalClouds, PermissionEntry, Permissions};

use crate::markdown::blocks::{Inline, Row, Table};

/// A finding inside a table: the line it is about and the message.
pub(crate) type Note = (usize, String);

/// The rows with more cells in the source than the header has.
fn wide_rows(table: &Table) -> impl Iterator<Item = &Row> {
    let width = table.header.len();
    table
        .rows
        .iter()
        .filter(move |row| row.source_cells > width)
}

/// A note for each row that has more cells than the header: the markdown parser drops the cells
/// beyond the header's count. Graph's pages do this with an unescaped `|` in the last column
/// (`(*.mobileconfig | *.xml)`), so the row is kept, and the note says what was cut so that a
/// shifted column can be found.
pub(crate) fn width_notes(table: &Table, what: &str) -> Vec<Note> {
    let width = table.header.len();
    wide_rows(table)
        .map(|row| {
            (
                row.line,
                format!(
                    "{what}: this row has {} cells but the table header has {width} (an unescaped `|` \
                     inside a cell?); the cells past the first {width} are dropped",
                    row.source_cells
                ),
            )
        })
        .collect()
}

/// The first row with more cells than the header, as a note (the permissions, clouds and headers
/// tables warn with it and read on).
pub(crate) fn check_widths(table: &Table, what: &str) -> Result<(), Note> {
    let width = table.header.len();
    match wide_rows(table).next() {
        Some(row) => Err((
            row.line,
            format!(
                "{what}: this row has {} cells but the table header has {width}: expected at most \
                 {width} cells (escape a `|` inside a cell as `\\|`)",
                row.source_cells
            ),
        )),
        None => Ok(()),
    }
}

fn header_names(table: &Table) -> String {
    table
        .header
        .iter()
        .map(|h| format!("`{}`", h.plain().trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn cell(cells: &[Inline], i: usize) -> Option<&Inline> {
    cells.get(i)
}

pub(crate) fn cell_plain(cells: &[Inline], i: usize) -> String {
    cell(cells, i)
        .map(|c| c.plain().trim().to_string())
        .unwrap_or_default()
}

/// Whether a description says "Required." (a header or parameter), by the docs' convention.
pub(crate) fn says_required(desc: &str) -> bool {
    desc.contains("Required.") || desc.trim_end().ends_with("Required")
}

/// Whether a description says "Optional." (or starts with "Optional", as in "Optional parameter
/// to filter ...").
pub(crate) fn says_optional(desc: &str) -> bool {
    let start = desc.trim_start();
    desc.contains("Optional.")
        || desc.trim_end().ends_with("Optional")
        || start
            .strip_prefix("Optional")
            .is_some_and(|rest| rest.starts_with([' ', ',', ':', ';']))
}

/// The fixed value a header description starts with (`application/json. Required.`), if any. Placeholders
/// (`Bearer {token}`) and prose (`Nature of the data ...`) are not fixed values.
pub(crate) fn header_value(desc: &str) -> Option<String> {
    let plain = desc.replace('`', "");
    let plain = plain.trim();
    let first = match plain.find(". ") {
        Some(i) => &plain[..i],
        None => plain.strip_suffix('.').unwrap_or(plain),
    };
    let first = first.trim();
    let placeholder = first.is_empty()
        || first.contains(char::is_whitespace)
        || first.contains(['{', '}', '<', '>'])
        || first.eq_ignore_ascii_case("required")
        || first.eq_ignore_ascii_case("optional");
    (!placeholder).then(|| first.to_string())
}

/// The `Request headers` table.
pub(crate) fn request_headers(table: &Table) -> (Vec<Header>, Vec<Note>) {
    let mut notes = Vec::new();
    let name_col = table.column(|h| {
        matches!(
            h,
            "name" | "header" | "headers" | "header name" | "request header" | "request headers"
        )
    });
    let desc_col = table
        .column(|h| h == "description")
        .or_else(|| table.column(|h| h == "value"));
    let (name_col, desc_col) = match (name_col, desc_col) {
        (Some(n), Some(d)) => (n, d),
        (n, d) => {
            let last = table.header.len().saturating_sub(1);
            let (n, d) = (n.unwrap_or(0), d.unwrap_or(last));
            notes.push((
                table.line,
                format!(
                    "request headers table has columns {}: expected `Name` and `Description` (or `Header` and \
                     `Value`); read column {} as the name and column {} as the description",
                    header_names(table),
                    n + 1,
                    d + 1
                ),
            ));
            (n, d)
        }
    };
    let mut headers = Vec::new();
    for row in &table.rows {
        let raw_name = cell_plain(&row.cells, name_col);
        if raw_name.is_empty() {
            notes.push((
                row.line,
                "request header row without a name; skipped".into(),
            ));
            continue;
        }
        let desc = cell(&row.cells, desc_col)
            .map(|c| c.text.clone())
            .unwrap_or_default();
        let name = match raw_name.split_once(':') {
            Some((name, _)) => {
                notes.push((
                    row.line,
                    format!(
                        "request header `{raw_name}` names a header and a value; recorded as header `{}` \
                         without a fixed value",
                        name.trim()
                    ),
                ));
                name.trim().to_string()
            }
            None => raw_name,
        };
        headers.push(Header {
            name,
            value: header_value(&desc),
            required: says_required(&desc),
        });
    }
    (headers, notes)
}

/// Whether a table is a permissions table (its first column is `Permission type`).
pub(crate) fn is_permissions_table(table: &Table) -> bool {
    table.column(|h| h.starts_with("permission type")).is_some()
}

/// What a permissions table had to be forgiven, reported once per table.
#[derive(Default)]
struct Oddities {
    /// Entries with footnote markers, as written.
    footnoted: Vec<String>,
    /// Entries that combine permissions (`A and B`).
    combined: Vec<String>,
}

impl Oddities {
    fn into_notes(self, line: usize, notes: &mut Vec<Note>) {
        let list = |v: &[String]| {
            v.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.footnoted.is_empty() {
            notes.push((
                line,
                format!(
                    "permissions table marks {} with footnote markers that refer to notes elsewhere on the page; \
                     recorded without the markers",
                    list(&self.footnoted)
                ),
            ));
        }
        if !self.combined.is_empty() {
            notes.push((
                line,
                format!(
                    "permissions table lists combinations of permissions that are needed together ({}); each is \
                     recorded as one entry",
                    list(&self.combined)
                ),
            ));
        }
    }
}

/// The permission names of a cell: `None` for "Not supported.", empty for "Not available.".
fn permission_list(text: &str, odd: &mut Oddities) -> Option<Vec<String>> {
    let plain = text.replace('`', "");
    let t = plain.trim().trim_end_matches('.').trim();
    if t.eq_ignore_ascii_case("not supported") {
        return None;
    }
    if t.is_empty() || t.eq_ignore_ascii_case("not available") {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    for item in t.split(',') {
        let item = item.trim().trim_end_matches('.').trim();
        if item.is_empty() {
            continue;
        }
        let bare = item.trim_end_matches('*').trim();
        if bare.len() != item.len() && !odd.footnoted.iter().any(|f| f == item) {
            odd.footnoted.push(item.to_string());
        }
        if bare.contains(" and ") && !odd.combined.iter().any(|c| c == bare) {
            odd.combined.push(bare.to_string());
        }
        out.push(bare.to_string());
    }
    Some(out)
}

/// Reads a permissions table: either the current form (`Least privileged permissions`,
/// `Higher privileged permissions`) or the older two-column form (`Permissions (from least to most
/// privileged)`), where the first permission listed is taken as the least privileged one and the rest as
/// higher privileged.
pub(crate) fn permissions(table: &Table) -> Result<(Permissions, Vec<Note>), Note> {
    let mut notes = Vec::new();
    let first_line = table.line;
    let type_col = table
        .column(|h| h.starts_with("permission type"))
        .ok_or_else(|| (first_line, "not a permissions table".to_string()))?;
    let least_col = table.column(|h| h.starts_with("least privileged"));
    let higher_col = table.column(|h| h.starts_with("higher privileged"));
    let ordered_col = table.column(|h| h.starts_with("permissions"));
    let unsupported = || PermissionEntry {
        supported: false,
        least_privileged: Vec::new(),
        higher_privileged: Vec::new(),
    };
    let mut odd = Oddities::default();
    let mut work = None;
    let mut personal = None;
    let mut app = None;
    for row in &table.rows {
        let kind = cell_plain(&row.cells, type_col).to_ascii_lowercase();
        let entry = match (least_col, higher_col, ordered_col) {
            (Some(l), h, _) => {
                let least = permission_list(&cell_plain(&row.cells, l), &mut odd);
                let higher = h
                    .and_then(|h| permission_list(&cell_plain(&row.cells, h), &mut odd))
                    .unwrap_or_default();
                match least {
                    None => unsupported(),
                    Some(least) => PermissionEntry {
                        supported: true,
                        least_privileged: least,
                        higher_privileged: higher,
                    },
                }
            }
            (None, _, Some(o)) => match permission_list(&cell_plain(&row.cells, o), &mut odd) {
                None => unsupported(),
                Some(list) => {
                    let mut list = list.into_iter();
                    PermissionEntry {
                        supported: true,
                        least_privileged: list.next().into_iter().collect(),
                        higher_privileged: list.collect(),
                    }
                }
            },
            (None, _, None) => {
                return Err((
                    first_line,
                    format!(
                        "permissions table has columns {}: expected `Permission type` with `Least privileged \
                         permissions` and `Higher privileged permissions`, or with `Permissions (from least to \
                         most privileged)`",
                        header_names(table)
                    ),
                ));
            }
        };
        let slot = if kind.contains("work or school") {
            &mut work
        } else if kind.contains("personal") {
            &mut personal
        } else if kind.starts_with("application") {
            &mut app
        } else {
            notes.push((
                row.line,
                format!(
                    "permissions row `{}` is not one of `Delegated (work or school account)`, `Delegated \
                     (personal Microsoft account)`, `Application`; skipped",
                    cell_plain(&row.cells, type_col)
                ),
            ));
            continue;
        };
        if slot.is_some() {
            notes.push((
                row.line,
                format!("permissions row `{kind}` appears twice; the first is kept"),
            ));
        } else {
            *slot = Some(entry);
        }
    }
    odd.into_notes(first_line, &mut notes);
    let mut take = |slot: Option<PermissionEntry>, what: &str| {
        slot.unwrap_or_else(|| {
            notes.push((
                first_line,
                format!("permissions table has no `{what}` row; recorded as not supported"),
            ));
            unsupported()
        })
    };
    let permissions = Permissions {
        delegated_work_or_school: take(work, "Delegated (work or school account)"),
        delegated_personal: take(personal, "Delegated (personal Microsoft account)"),
        application: take(app, "Application"),
    };
    Ok((permissions, notes))
}

/// Reads a national cloud table: one column per cloud, a row of check marks (`:heavy_check_mark:`,
/// `:white_check_mark:`) and crosses (`:x:`).
pub(crate) fn national_clouds(table: &Table) -> Result<NationalClouds, Note> {
    let header_line = table.line;
    let col = |pred: &dyn Fn(&str) -> bool, what: &str| {
        table.column(pred).ok_or_else(|| {
            (
                header_line,
                format!(
                    "national cloud table has columns {}: expected a `{what}` column",
                    header_names(table)
                ),
            )
        })
    };
    let global = col(&|h| h.contains("global"), "Global service")?;
    let l4 = col(&|h| h.contains("l4"), "US Government L4")?;
    let l5 = col(
        &|h| h.contains("l5") || h.contains("dod"),
        "US Government L5 (DOD)",
    )?;
    let china = col(
        &|h| h.contains("china") || h.contains("21vianet"),
        "China operated by 21Vianet",
    )?;
    let row = table.rows.first().ok_or_else(|| {
        (
            header_line,
            "national cloud table has no row of check marks".to_string(),
        )
    })?;
    let mark = |i: usize| -> Result<bool, Note> {
        let t = cell_plain(&row.cells, i).to_ascii_lowercase();
        if t.contains("check_mark") || t.contains('✔') || t.contains('✅') || t.contains('✓') {
            Ok(true)
        } else if t.contains(":x:") || t.contains('❌') || t.contains('✖') {
            Ok(false)
        } else {
            Err((
                row.line,
                format!(
                    "national cloud cell `{t}`: expected `:heavy_check_mark:`, `:white_check_mark:` or `:x:`"
                ),
            ))
        }
    };
    Ok(NationalClouds {
        global: mark(global)?,
        us_gov_l4: mark(l4)?,
        us_gov_l5_dod: mark(l5)?,
        china: mark(china)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values() {
        assert_eq!(
            header_value("application/json. Required."),
            Some("application/json".into())
        );
        assert_eq!(
            header_value("`application/json`. Required."),
            Some("application/json".into())
        );
        assert_eq!(
            header_value("application/json"),
            Some("application/json".into())
        );
        assert_eq!(header_value("Bearer {token}. Required."), None);
        assert_eq!(header_value("Nature of the data. Required."), None);
        assert_eq!(header_value("Required."), None);
        assert_eq!(header_value(""), None);
    }
}
