//! The base type of a resource page: its annotation's `baseType`, else what its prose says.
//!
//! The prose is read from the paragraphs before the first `##` section and from those of the
//! Properties section before its first table (some pages say it there). A sentence names the base
//! type after one of these phrases (case-insensitively): `inherits from`, `inherits properties
//! from`, `inherits the properties of`, `derives from`, `derived from`, `base type:`, `base type
//! is`, `subtype of`. The name is, in order of preference:
//! - the first link after the phrase: its text when it is one identifier (backticks dropped), else
//!   the word of its text that matches the link's file name (`[the user resource](user.md)`);
//! - the first code or emphasis span after the phrase (`**entity**`, `` `entity` ``);
//! - the next word, when it is an identifier that starts lower case, as type names do
//!   (`Inherits from entity.`).
//!
//! A link after the phrase that names no type (`derived from [Azure AD](...)`) means the sentence
//! names no base type.
//!
//! When the annotation and the prose both name one and they differ, the annotation wins with a
//! warning.

use serde_json::Value;

use crate::markdown::blocks::{BlockKind, Inline};
use crate::resource::ns::qualify;
use crate::{Ctx, resource::ns};

/// The phrases that introduce a base type, lower case.
const PHRASES: [&str; 9] = [
    "inherits properties from",
    "inherits the properties of",
    "inherits from",
    "derives from",
    "is derived from",
    "derived from",
    "base type:",
    "base type is",
    "subtype of",
];

/// A single identifier (dots allowed), or `None`.
fn identifier(text: &str) -> Option<&str> {
    let t = text.trim().trim_matches(['`', '*', '_']).trim();
    let ok = !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    ok.then_some(t)
}

/// The base type a paragraph names, if it has one of [`PHRASES`].
pub(crate) fn named_base(p: &Inline, ns: Option<&str>) -> Option<String> {
    let lower = p.text.to_ascii_lowercase();
    let (at, phrase) = PHRASES
        .iter()
        .filter_map(|ph| lower.find(ph).map(|i| (i, *ph)))
        .min_by_key(|(i, ph)| (*i, usize::MAX - ph.len()))?;
    let after = at + phrase.len();
    // The name must follow the phrase closely: within the same sentence.
    let sentence_end = lower
        .get(after..)
        .and_then(|r| r.find(". ").map(|i| after + i))
        .unwrap_or(lower.len());
    if let Some(link) = p
        .links
        .iter()
        .find(|l| l.range.start >= after && l.range.start <= sentence_end)
    {
        let text = p.span(&link.range).replace('`', "");
        if let Some(name) = identifier(&text) {
            // A link to a page of the sub-namespace names a type of it.
            return match ns {
                Some(ns) if !name.contains('.') && ns::links_into(&link.dest, name, ns) => {
                    qualify(name).map(|q| ns::in_namespace(&q, ns))
                }
                _ => qualify(name),
            };
        }
        let file = link
            .dest
            .split(['#', '?'])
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md");
        if let Some(word) = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .find(|w| !w.is_empty() && w.eq_ignore_ascii_case(file))
        {
            return qualify(word);
        }
        // A link that names no type (`derived from [Azure AD](...)`): not a base type.
        return None;
    }
    let span = p
        .codes
        .iter()
        .chain(&p.emphasis)
        .filter(|r| r.start >= after && r.start <= sentence_end)
        .min_by_key(|r| r.start);
    if let Some(name) = span.and_then(|r| identifier(p.span(r))) {
        return qualify(name);
    }
    let rest = p.text.get(after..).unwrap_or("");
    let word = rest
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ',', ';', ':', ')']);
    // A plain word must look like a type name (camelCase, so it starts lower case), and not be
    // an article or a pronoun.
    let word = identifier(word).filter(|w| {
        w.starts_with(|c: char| c.is_ascii_lowercase())
            && !["a", "an", "the", "this", "that", "its", "other"].contains(w)
    })?;
    qualify(word)
}

/// The base type: the annotation's `baseType`, else the first sentence that names one.
pub(crate) fn base_type(
    ctx: &mut Ctx<'_>,
    annotation: Option<&serde_json::Map<String, Value>>,
    ns: Option<&str>,
) -> Option<String> {
    let annotated = annotation
        .and_then(|a| a.get("baseType"))
        .and_then(Value::as_str)
        .and_then(qualify);
    // Where the prose may say it: the intro (before the first `##`), and the Properties section
    // up to its first table.
    #[derive(PartialEq)]
    enum Region {
        Intro,
        PropertiesIntro,
        Elsewhere,
    }
    let mut region = Region::Intro;
    let mut said = None;
    for block in &ctx.blocks {
        match &block.kind {
            BlockKind::Heading { level: 2, inline } => {
                let plain = inline.plain();
                let t = plain.trim().trim_end_matches(':');
                region = if t.eq_ignore_ascii_case("properties") {
                    Region::PropertiesIntro
                } else {
                    Region::Elsewhere
                };
                continue;
            }
            BlockKind::Table(_) if region == Region::PropertiesIntro => {
                region = Region::Elsewhere;
            }
            _ => {}
        }
        if region == Region::Elsewhere {
            continue;
        }
        let Some(p) = block.paragraph() else { continue };
        if let Some(name) = named_base(p, ns) {
            said = Some((block.line, name));
            break;
        }
    }
    match (annotated, said) {
        (Some(a), Some((line, s))) if !a.eq_ignore_ascii_case(&s) => {
            ctx.warn(
                line,
                format!("the page says the type inherits from `{s}`, its resource annotation says `{a}`; `{a}` is recorded"),
            );
            Some(a)
        }
        (Some(a), _) => Some(a),
        (None, s) => s.map(|(_, s)| s),
    }
}
