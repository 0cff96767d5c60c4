//! Enumerations the docs list: a `<name> values` heading (level 3 or deeper) or bold paragraph,
//! followed by a table of members (`Member`, `Name` or `Value`; optionally `Value` and `Description`).
//!
//! When a request body parameter's type (or the type of one of its properties, or a collection's
//! element type) names a `microsoft.graph.<name>` that such a table lists, the spec records the enum
//! with its members. The page itself is searched first; then the pages that links named like the enum
//! point to (a resource page lists the enums of its properties); then the docs' enumerations page in
//! the page's version (`../resources/enums.md` from the page), then v1.0's
//! (`api-reference/v1.0/resources/enums.md`).
//! A named type listed nowhere is not an enum as far as the docs say, and nothing is recorded.

use std::collections::BTreeMap;

use graph_spec::{EdmType, EnumMember, EnumType, EnumValue, Parameter};

use crate::markdown::blocks::{self, Block, BlockKind, Inline, Table};
use crate::markdown::tables::Note;
use crate::types::NAMESPACE;
use crate::types::fold;
use crate::{Ctx, markdown::pipes, resolve};

/// The enumerations page of v1.0, the fallback for every version.
const V1_ENUMS: &str = "api-reference/v1.0/resources/enums.md";

/// An enum table found in a file: the short name (`siteLockState`), its heading line and its members.
pub(crate) struct Listed {
    pub name: String,
    pub line: usize,
    pub members: Vec<EnumMember>,
    /// The line of the table's header row.
    pub table_line: usize,
    /// What was skipped while reading the table (lines of its file).
    pub notes: Vec<Note>,
}

/// The `<name>` of a `<name> values` title (also `<name> enum values`, `<name> enumeration
/// values`), when it is one identifier.
fn values_title(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(':').trim();
    let lower = t.to_ascii_lowercase();
    let rest = lower.strip_suffix(" values")?;
    let rest = rest
        .strip_suffix(" enumeration")
        .or_else(|| rest.strip_suffix(" enum"))
        .unwrap_or(rest);
    let name = t.get(..rest.len())?.trim();
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    ok.then(|| name.to_string())
}

/// The name a block introduces as an enum: a heading of level 3 or more, or a paragraph that is all
/// bold, reading `<name> values`.
fn introduces(block: &Block) -> Option<String> {
    match &block.kind {
        BlockKind::Heading { level, inline } if *level >= 3 => values_title(&inline.plain()),
        BlockKind::Paragraph { inline, .. } if all_emphasis(inline) => {
            values_title(&inline.plain())
        }
        _ => None,
    }
}

fn all_emphasis(p: &Inline) -> bool {
    p.emphasis
        .iter()
        .any(|r| r.start == 0 && r.end >= p.text.trim_end().len())
}

/// The columns of an enum table: member name, value, description.
fn columns(table: &Table) -> Option<(usize, Option<usize>, Option<usize>)> {
    let name = table
        .column(|h| h == "member" || h == "name" || h == "members")
        .or_else(|| table.column(|h| h == "value" || h == "values"))?;
    let value = table
        .keys
        .iter()
        .enumerate()
        .position(|(i, h)| i != name && (h == "value" || h.ends_with(" value")));
    let desc = table.column(|h| h == "description");
    Some((name, value, desc))
}

fn member_value(text: &str) -> Option<EnumValue> {
    let t = text.trim().trim_matches('`').trim();
    if t.is_empty() {
        return None;
    }
    Some(match t.parse::<i64>() {
        Ok(i) => EnumValue::Integer(i),
        Err(_) => EnumValue::Text(t.to_string()),
    })
}

/// Reads the members of an enum table. Rows without a name are skipped and a member listed twice
/// is kept once, each with a note.
fn members(table: &Table, name: &str, notes: &mut Vec<Note>) -> Option<Vec<EnumMember>> {
    table_members(table, name, notes)
}

/// The members of a table of enumeration members (`Member`, `Name` or `Value` column), or `None`
/// when it is not one or lists none. `name` (the enumeration's) is for the notes.
pub(crate) fn table_members(
    table: &Table,
    name: &str,
    notes: &mut Vec<Note>,
) -> Option<Vec<EnumMember>> {
    let (name_col, value_col, desc_col) = columns(table)?;
    let text = |cells: &[Inline], i: Option<usize>| {
        i.and_then(|i| cells.get(i))
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default()
    };
    let mut out: Vec<EnumMember> = Vec::new();
    for row in &table.rows {
        let member = row
            .cells
            .get(name_col)
            .map(|c| c.plain().trim().to_string())
            .unwrap_or_default();
        if member.is_empty() {
            notes.push((
                row.line,
                format!("a row of the `{name} values` table has no member name; skipped"),
            ));
            continue;
        }
        if out.iter().any(|m| fold(&m.name) == fold(&member)) {
            notes.push((
                row.line,
                format!("member `{member}` of `{name}` is listed twice; the first is kept"),
            ));
            continue;
        }
        out.push(EnumMember {
            name: member,
            value: value_col.and_then(|_| member_value(&text(&row.cells, value_col))),
            description: text(&row.cells, desc_col),
        });
    }
    (!out.is_empty()).then_some(out)
}

/// Every enum table of a file, in file order.
pub(crate) fn listed(blocks: &[Block]) -> Vec<Listed> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let Some(name) = introduces(block) else {
            continue;
        };
        // The table follows, possibly after a sentence or a comment; a heading ends the search.
        let table = blocks
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|b| !matches!(b.kind, BlockKind::Heading { .. }))
            .find_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            });
        let Some(table) = table else { continue };
        let mut notes = Vec::new();
        if let Some(members) = members(table, &name, &mut notes) {
            out.push(Listed {
                name,
                line: block.line,
                table_line: table.line,
                members,
                notes,
            });
        }
    }
    out
}

/// The named types (`microsoft.graph.x`) of the parameters and their properties, element types of
/// collections included, in first-seen order.
fn named_types(params: &[Parameter], out: &mut Vec<String>) {
    for p in params {
        let mut ty = &p.ty;
        while let EdmType::Collection(inner) = ty {
            ty = inner;
        }
        if let EdmType::Named(name) = ty
            && !out.contains(name)
        {
            out.push(name.clone());
        }
        named_types(&p.properties, out);
    }
}

/// The enums the request body's parameters use, sorted by name.
pub(crate) fn resolve_enums(ctx: &mut Ctx<'_>, params: &[Parameter]) -> Vec<EnumType> {
    let mut wanted = Vec::new();
    named_types(params, &mut wanted);
    let prefix = format!("{NAMESPACE}.");
    wanted.retain(|n| n.starts_with(&prefix));
    if wanted.is_empty() {
        return Vec::new();
    }
    // Files searched, in order: the page, then the enumerations pages, each read when first needed.
    let mut sources: Vec<(String, Vec<Listed>)> = vec![(ctx.page.to_string(), listed(&ctx.blocks))];
    let mut candidates: Vec<String> = Vec::new();
    for name in &wanted {
        linked_pages(ctx, name.get(prefix.len()..).unwrap_or(""), &mut candidates);
    }
    for c in resolve(ctx.page, "../resources/enums.md")
        .into_iter()
        .chain([V1_ENUMS.to_string()])
    {
        if !candidates.contains(&c) {
            candidates.push(c);
        }
    }
    let mut candidates = candidates.into_iter();
    let mut found: BTreeMap<String, EnumType> = BTreeMap::new();
    let mut notes: Vec<Note> = Vec::new();
    // Notes about a file other than the page are placed on the request body heading.
    let body_line = ctx
        .section(&["request body"])
        .and_then(|(h, _)| ctx.blocks.get(h))
        .map_or(0, |b| b.line);
    for name in &wanted {
        let short = name.get(prefix.len()..).unwrap_or("");
        let mut searched = 0;
        let hit = loop {
            if let Some((path, list)) = sources.get(searched) {
                searched += 1;
                if let Some(l) = find(list, short) {
                    break Some((path, l));
                }
                continue;
            }
            let Some(path) = candidates.next() else {
                break None;
            };
            if let Some(text) = (ctx.read_include)(&path) {
                let (text, repairs) = pipes::repair(text.strip_prefix('\u{feff}').unwrap_or(&text));
                let mut list = listed(&blocks::parse(&text));
                // A repaired delimiter row is said with the table it belongs to.
                for l in &mut list {
                    let repaired = repairs.iter().filter(|(at, _)| *at == l.table_line + 1);
                    l.notes.splice(0..0, repaired.cloned());
                }
                sources.push((path, list));
            }
        };
        let Some((path, l)) = hit else { continue };
        // Names that differ only in case or punctuation would collide in generated code (and fail
        // `graph_spec::validate`): the first is kept.
        if let Some(other) = found.keys().find(|k| fold(k) == fold(name)) {
            notes.push((
                body_line,
                format!(
                    "enum `{name}` differs from `{other}` only in case or punctuation; only `{other}` is recorded"
                ),
            ));
            continue;
        }
        let on_page = path == ctx.page;
        notes.extend(l.notes.iter().map(|(line, m)| {
            if on_page {
                (*line, m.clone())
            } else {
                (body_line, format!("{path}:{line}: {m}"))
            }
        }));
        found.insert(
            name.clone(),
            EnumType {
                name: name.clone(),
                members: l.members.clone(),
                source: path.clone(),
                line: l.line,
            },
        );
    }
    for (l, m) in notes {
        ctx.warn(l, m);
    }
    found.into_values().collect()
}

/// The docs pages that links named `short` on the page point to (`[siteLockState](../resources/x.md)`,
/// `[x](/graph/api/resources/x?view=graph-rest-1.0#x-values)`): resource pages often list the enums of
/// their properties.
fn linked_pages(ctx: &Ctx<'_>, short: &str, out: &mut Vec<String>) {
    let version = ctx.page.split('/').nth(1).unwrap_or("v1.0");
    for block in &ctx.blocks {
        for inline in block.inlines() {
            for link in &inline.links {
                let text = inline.span(&link.range).replace('`', "");
                if !text.trim().eq_ignore_ascii_case(short) {
                    continue;
                }
                let dest = link.dest.trim();
                let path = dest.split(['#', '?']).next().unwrap_or(dest);
                let page = if path.contains("://") {
                    None
                } else if let Some(rest) = path.strip_prefix("/graph/api/resources/") {
                    let version = if dest.contains("view=graph-rest-beta") {
                        "beta"
                    } else if dest.contains("view=graph-rest-1.0") {
                        "v1.0"
                    } else {
                        version
                    };
                    Some(format!("api-reference/{version}/resources/{rest}.md"))
                } else if path.ends_with(".md") {
                    resolve(ctx.page, path)
                } else {
                    None
                };
                if let Some(page) = page.filter(|p| !out.contains(p) && p != ctx.page) {
                    out.push(page);
                }
            }
        }
    }
}

/// The enum table named `short`: an exact match, else one differing only in case.
fn find<'a>(list: &'a [Listed], short: &str) -> Option<&'a Listed> {
    list.iter()
        .find(|l| l.name == short)
        .or_else(|| list.iter().find(|l| l.name.eq_ignore_ascii_case(short)))
}
