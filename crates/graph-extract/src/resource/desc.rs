//! An enumeration that a property's description names when its type cell does not.
//!
//! Some pages type an enum-valued property `String` (or `Enum`) and point at the enumeration from
//! the description: `... The possible values are listed in [riskLevel](enums.md#risklevel-values).`
//! A link whose anchor is `#<name>-values` (the anchor of a `<name> values` table) names the
//! property's type. A type cell that says only `Enum` or `Enumeration` also takes the first link
//! of the description that points at the enumerations page (`enums.md`).
//!
//! The name's casing comes from the link text when it is the same identifier, else from a
//! `<name> values` table of the page; an anchor that neither spells is not read (anchors are lower
//! case, type names are not).

use crate::markdown::blocks::Inline;
use crate::resource::ns::qualify;

/// Type cells that say "an enumeration" without naming it.
const ENUM_WORDS: [&str; 2] = ["enum", "enumeration"];

/// Whether a type cell says `String` or `Enum` and nothing else.
fn plain_cell(type_cell: &Inline) -> Option<bool> {
    let text = type_cell
        .plain()
        .trim()
        .trim_end_matches('.')
        .to_ascii_lowercase();
    if text == "string" || text == "edm.string" {
        Some(false)
    } else if ENUM_WORDS.contains(&text.as_str()) {
        Some(true)
    } else {
        None
    }
}

fn identifier(s: &str) -> Option<&str> {
    let s = s.trim().trim_matches('`').trim();
    let ok = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    ok.then_some(s)
}

/// The qualified enum type the description names for a property typed `type_cell`, and a note
/// saying so. `page_enums` are the names of the page's `<name> values` tables.
pub(crate) fn enum_in_description(
    type_cell: &Inline,
    description: &Inline,
    page_enums: &[String],
) -> Option<(String, String)> {
    let enum_cell = plain_cell(type_cell)?;
    for link in &description.links {
        let text = description.span(&link.range).replace('`', "");
        let anchor = link
            .dest
            .split_once('#')
            .map(|(_, a)| a.to_ascii_lowercase());
        let from_anchor = anchor.as_deref().and_then(|a| a.strip_suffix("-values"));
        let name = match from_anchor {
            Some(a) => identifier(&text)
                .filter(|t| t.eq_ignore_ascii_case(a))
                .map(str::to_string)
                .or_else(|| {
                    page_enums
                        .iter()
                        .find(|e| e.eq_ignore_ascii_case(a))
                        .cloned()
                }),
            None if enum_cell
                && link
                    .dest
                    .split(['#', '?'])
                    .next()
                    .is_some_and(|d| d.to_ascii_lowercase().ends_with("enums.md")) =>
            {
                identifier(&text).map(str::to_string)
            }
            None => None,
        };
        if let Some(q) = name.and_then(|n| qualify(&n)) {
            let cell = type_cell.plain();
            let note = format!(
                "the type cell says `{}`; the description names the enumeration `{q}`, which is recorded",
                cell.trim()
            );
            return Some((q, note));
        }
    }
    None
}
