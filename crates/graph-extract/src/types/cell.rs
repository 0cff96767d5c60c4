//! The type cell of a parameter table, read leniently: whatever a real page writes there gives a type
//! or a reason, never a failure of the page.
//!
//! Rules, in order, for each alternative of the cell:
//!
//! - **Unions** (`a or b`, with or without links and backticks): every alternative is read; the first
//!   one that gives a type is recorded and a note lists all of them. The docs rarely name the common
//!   base type of the alternatives in the cell, and the spec holds one type per parameter, so the first
//!   (the one the page puts forward) is the most faithful choice.
//! - **Parenthetical remarks** (`String (timestamp)`, `Int32 (in minutes)`) are dropped with a note.
//! - **Collections**: `T collection`, `Collection(T)`, `collection of T`, `T array`.
//! - **Links**: the link text names the type (`[assignedLicense](...)`).
//! - **Primitives**, case-insensitively, with or without `Edm.`; also `Int`/`Integer` (Int32) and
//!   `Bool` (Boolean). Spellings that are not EDM names are mapped with a note: `DateTime` and
//!   `Timestamp` to `Edm.DateTimeOffset`, `Long` to `Edm.Int64`.
//! - **Dotted names** (`microsoft.graph.x`, `Edm.Guid`) as EDM names.
//! - **A bare identifier** that is not linked (`exchangeIdFormat`, `siteLockState`), usually an enum
//!   described elsewhere: the named type `microsoft.graph.<word>`, with a note.
//!
//! Anything else (prose such as `JSON object`, an empty cell) is `Err` with the text, and the caller
//! decides (the request body table types such a parameter from an example, or leaves it out).

use graph_spec::{EdmType, Primitive};

use crate::markdown::blocks::Inline;
use crate::types::{named, primitive_word};

/// A type read from a cell and the notes that ask for warnings.
pub(crate) type CellType = (EdmType, Vec<String>);

/// Words that are not type names even though they look like identifiers.
const NOT_TYPES: [&str; 10] = [
    "object",
    "json",
    "any",
    "none",
    "various",
    "true",
    "false",
    "null",
    "enum",
    "enumeration",
];

/// Whether a word (or the short name of `microsoft.graph.<word>`) is one of [`NOT_TYPES`]:
/// `Json` is any JSON value, not a type of its own.
pub(crate) fn names_no_type(word: &str) -> bool {
    let short = word.rsplit('.').next().unwrap_or(word);
    NOT_TYPES.contains(&short.to_ascii_lowercase().as_str())
}

/// Parses the type cell of a docs table. `Err` is the cell text that names no type.
pub(crate) fn parse_type_cell(cell: &Inline) -> Result<CellType, String> {
    let text = cell.plain();
    let text = text.trim().trim_end_matches('.').trim();
    let alternatives = split_union(text);
    if let [single] = alternatives.as_slice() {
        return alternative(cell, single);
    }
    let mut found = None;
    for alt in &alternatives {
        if let Ok(t) = alternative(cell, alt) {
            found = Some(t);
            break;
        }
    }
    let Some((ty, mut notes)) = found else {
        return Err(text.to_string());
    };
    let listed = alternatives
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    notes.push(format!(
        "type `{text}` names alternatives ({listed}); the spec holds one type, so `{ty}` was recorded"
    ));
    Ok((ty, notes))
}

/// The alternatives of a union (`a or b`, `a, b, or c`), trimmed; one element when there is none.
fn split_union(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains(" or ") {
        return vec![text.to_string()];
    }
    let mut out = Vec::new();
    let mut start = 0;
    // ASCII lower-casing keeps byte offsets, so positions in `lower` are positions in `text`.
    for (i, _) in lower.match_indices(" or ") {
        out.push(text.get(start..i).unwrap_or(""));
        start = i + " or ".len();
    }
    out.push(text.get(start..).unwrap_or(""));
    out.iter()
        .flat_map(|part| part.split(','))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Drops parenthetical remarks (`String (timestamp)`) but not the parentheses of `Collection(T)`.
/// The second value is what was dropped.
fn drop_remarks(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut dropped = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let before = rest.get(..open).unwrap_or("");
        let is_collection = before
            .trim_end()
            .to_ascii_lowercase()
            .ends_with("collection")
            && !before.ends_with(char::is_whitespace);
        let Some(close) = rest.get(open..).and_then(|r| r.find(')')).map(|c| c + open) else {
            break;
        };
        if is_collection {
            out.push_str(rest.get(..=close).unwrap_or(""));
        } else {
            out.push_str(before);
            dropped.push(rest.get(open..=close).unwrap_or("").to_string());
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (out, dropped)
}

/// A primitive spelled the way the docs sometimes do but EDM does not, with a note.
fn primitive_variant(word: &str) -> Option<(Primitive, Option<String>)> {
    if let Some(p) = primitive_word(word) {
        return Some((p, None));
    }
    let p = match word.to_ascii_lowercase().as_str() {
        "datetime" | "timestamp" => Primitive::DateTimeOffset,
        "long" => Primitive::Int64,
        _ => return None,
    };
    let note = format!(
        "type `{word}` is not an EDM primitive; recorded as `{}`",
        EdmType::Primitive(p)
    );
    Some((p, Some(note)))
}

/// One alternative of a type cell.
fn alternative(cell: &Inline, text: &str) -> Result<CellType, String> {
    let (without, dropped) = drop_remarks(text);
    let mut notes: Vec<String> = dropped
        .iter()
        .map(|d| format!("type `{text}`: the remark `{d}` is not part of the type; dropped"))
        .collect();
    let lower = without.to_ascii_lowercase();
    // `lower` has the same byte offsets as `without`.
    let slice = |r: std::ops::Range<usize>| without.get(r).unwrap_or("");
    let (inner, collection) = if let Some(inner) = lower
        .strip_prefix("collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        (slice(11..11 + inner.len()), true)
    } else if let Some(inner) = lower
        .strip_suffix(" collection")
        .or_else(|| lower.strip_suffix(" array"))
    {
        (slice(0..inner.len()), true)
    } else if let Some(rest) = lower.strip_prefix("collection of ") {
        (slice(without.len() - rest.len()..without.len()), true)
    } else {
        (without.as_str(), false)
    };
    let inner = inner.trim();
    let wrap = |ty: EdmType| if collection { ty.collection_of() } else { ty };
    // A linked type: the link text names it.
    let linked = cell
        .links
        .iter()
        .map(|l| cell.span(&l.range).replace('`', ""))
        .find(|t| t.trim() == inner);
    if let Some(link_text) = linked {
        if let Some((p, note)) = primitive_variant(link_text.trim()) {
            notes.extend(note);
            return Ok((wrap(EdmType::Primitive(p)), notes));
        }
        return match named(&link_text) {
            Some((ty, note)) => {
                notes.extend(note);
                Ok((wrap(ty), notes))
            }
            None => Err(text.to_string()),
        };
    }
    if let Some((p, note)) = primitive_variant(inner) {
        notes.extend(note);
        return Ok((wrap(EdmType::Primitive(p)), notes));
    }
    if inner.contains('.') {
        return match inner.parse::<EdmType>() {
            Ok(ty) => Ok((wrap(ty), notes)),
            Err(_) => Err(text.to_string()),
        };
    }
    if names_no_type(inner) {
        return Err(text.to_string());
    }
    match named(inner) {
        Some((ty, note)) => {
            notes.extend(note);
            notes.push(format!(
                "type `{inner}` is neither an EDM primitive nor linked; recorded as the named type `{ty}` \
                 (usually an enum or a type documented on another page)"
            ));
            Ok((wrap(ty), notes))
        }
        None => Err(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::NAMESPACE;

    fn graph(name: &str) -> EdmType {
        EdmType::Named(format!("{NAMESPACE}.{name}"))
    }

    fn read(text: &str) -> Result<(String, usize), String> {
        let blocks = crate::markdown::blocks::parse(&format!("{text}\n"));
        let cell = blocks
            .first()
            .and_then(crate::markdown::blocks::Block::paragraph)
            .cloned()
            .unwrap_or_default();
        parse_type_cell(&cell).map(|(t, notes)| (t.to_string(), notes.len()))
    }

    #[test]
    fn plain_words_need_no_note() {
        assert_eq!(read("String"), Ok(("Edm.String".into(), 0)));
        assert_eq!(read("boolean"), Ok(("Edm.Boolean".into(), 0)));
        assert_eq!(read("Int"), Ok(("Edm.Int32".into(), 0)));
        assert_eq!(
            read("Int32 collection"),
            Ok(("Collection(Edm.Int32)".into(), 0))
        );
        assert_eq!(
            read("`String` collection"),
            Ok(("Collection(Edm.String)".into(), 0))
        );
        assert_eq!(
            read("Collection(Edm.Guid)"),
            Ok(("Collection(Edm.Guid)".into(), 0))
        );
        assert_eq!(
            read("[assignedLicense](../resources/assignedlicense.md) collection"),
            Ok(("Collection(microsoft.graph.assignedLicense)".into(), 0))
        );
    }

    #[test]
    fn variants_and_remarks_are_read_with_a_note() {
        assert_eq!(read("DateTime"), Ok(("Edm.DateTimeOffset".into(), 1)));
        assert_eq!(read("long"), Ok(("Edm.Int64".into(), 1)));
        assert_eq!(read("String (timestamp)"), Ok(("Edm.String".into(), 1)));
        assert_eq!(
            read("String (identifier) collection"),
            Ok(("Collection(Edm.String)".into(), 1))
        );
    }

    #[test]
    fn bare_identifiers_are_named_types_with_a_note() {
        assert_eq!(
            read("exchangeIdFormat"),
            Ok((graph("exchangeIdFormat").to_string(), 1))
        );
        assert_eq!(
            read("`siteLockState` collection"),
            Ok(("Collection(microsoft.graph.siteLockState)".into(), 1))
        );
        // Capitalised: lowered, and both things are said.
        assert_eq!(
            read("WorkLocationType"),
            Ok((graph("workLocationType").to_string(), 2))
        );
    }

    #[test]
    fn unions_record_the_first_alternative_and_list_all() {
        let blocks = crate::markdown::blocks::parse(
            "[appHostedMediaConfig](a.md) or [serviceHostedMediaConfig](b.md)\n",
        );
        let cell = blocks
            .first()
            .and_then(crate::markdown::blocks::Block::paragraph)
            .cloned()
            .unwrap_or_default();
        let (ty, notes) = parse_type_cell(&cell).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ty, graph("appHostedMediaConfig"));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].contains("`appHostedMediaConfig`, `serviceHostedMediaConfig`"),
            "{notes:?}"
        );
        assert_eq!(
            read("`String` or `Int32`").map(|(t, _)| t),
            Ok("Edm.String".into())
        );
        assert_eq!(
            read("JSON object or String").map(|(t, _)| t),
            Ok("Edm.String".into())
        );
    }

    #[test]
    fn prose_is_not_a_type() {
        assert_eq!(read("JSON object"), Err("JSON object".into()));
        assert_eq!(read("Object"), Err("Object".into()));
        assert_eq!(read("See below"), Err("See below".into()));
        assert_eq!(read("true"), Err("true".into()));
        assert_eq!(read(""), Err("".into()));
        assert_eq!(read("a.b.c d"), Err("a.b.c d".into()));
    }
}
