//! What the sentences of the `Response` section say: the success status (with its reason phrase
//! or "response"), the body type named after it, and the headers it mentions.

use graph_spec::EdmType;

use crate::markdown::blocks::Inline;
use crate::types;

/// The reason phrases of the success statuses, and of the redirects that some operations answer
/// with on success (`302 Found` to a download URL).
const REASONS: [(u16, &str); 11] = [
    (200, "ok"),
    (201, "created"),
    (202, "accepted"),
    (203, "non-authoritative information"),
    (204, "no content"),
    (205, "reset content"),
    (206, "partial content"),
    (207, "multi-status"),
    (302, "found"),
    (303, "see other"),
    (307, "temporary redirect"),
];

/// Whether a status is a documented outcome of success: 2xx, or a redirect with its reason phrase
/// in [`REASONS`].
pub(crate) fn is_success(status: u16) -> bool {
    (200..=299).contains(&status) || REASONS.iter().any(|(c, _)| *c == status)
}

/// Whether a status is one of the redirects of [`REASONS`].
pub(crate) fn is_redirect(status: u16) -> bool {
    (300..=399).contains(&status) && is_success(status)
}

/// Words before "header" that are not response header names: words of prose, and
/// `Authorization`, which is only ever a request header ("download URLs do not require an
/// `Authorization` header").
const NOT_HEADERS: [&str; 10] = [
    "Response",
    "Request",
    "HTTP",
    "The",
    "A",
    "An",
    "This",
    "That",
    "Each",
    "Authorization",
];

/// The first success status in a text: three digits, 2xx, followed by their reason phrase or by
/// "response". Returns the status and the byte offset after the phrase.
pub(crate) fn find_status(text: &str) -> Option<(u16, usize)> {
    let bytes = text.as_bytes();
    let alnum = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
    for i in 0..bytes.len() {
        let digits = bytes
            .get(i..i + 3)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        if !digits || (i > 0 && alnum(i - 1)) || alnum(i + 3) {
            continue;
        }
        let Some(code) = text.get(i..i + 3).and_then(|d| d.parse::<u16>().ok()) else {
            continue;
        };
        if !is_success(code) {
            continue;
        }
        let mut j = i + 3;
        while bytes.get(j).is_some_and(|b| *b == b' ' || *b == b'`') {
            j += 1;
        }
        let rest = bytes.get(j..).unwrap_or(&[]);
        let starts_with = |word: &str| {
            rest.get(..word.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(word.as_bytes()))
        };
        if let Some((_, reason)) = REASONS.iter().find(|(c, _)| *c == code)
            && starts_with(reason)
        {
            return Some((code, j + reason.len()));
        }
        if starts_with("response") && (200..=299).contains(&code) {
            return Some((code, j));
        }
    }
    None
}

/// A body type found in prose: the type, a note for a warning, and the destination of the link
/// that named it.
type Found = (EdmType, Option<String>, Option<String>);

/// The body type named in the sentence after the status: a linked resource (`a [user](...) object`,
/// `a collection of [x](...) objects`) or a primitive word (`String collection`).
pub(crate) fn body_type(p: &Inline, from: usize) -> Result<Option<Found>, String> {
    let end = p
        .text
        .get(from..)
        .and_then(|r| r.find(". "))
        .map_or(p.text.len(), |i| from + i);
    let window = p.text.get(from..end).unwrap_or("");
    let lower = window.to_ascii_lowercase();
    if lower.contains("no response body")
        || lower.contains("empty response body")
        || lower.contains("not return anything")
    {
        return Ok(None);
    }
    let link = p.links.iter().find(|l| {
        l.range.start >= from
            && l.range.start < end
            && !l.dest.starts_with('/')
            && !l.dest.contains("://")
            && !l.dest.starts_with('#')
    });
    if let Some(link) = link {
        let text = p.span(&link.range).replace('`', "");
        let before = p
            .text
            .get(from..link.range.start)
            .unwrap_or("")
            .to_ascii_lowercase();
        let after = p
            .text
            .get(link.range.end..)
            .unwrap_or("")
            .trim_start()
            .to_ascii_lowercase();
        let collection = before.contains("collection of") || after.starts_with("collection");
        let (ty, note) = match types::primitive_word(&text) {
            Some(prim) => (EdmType::Primitive(prim), None),
            None => types::named(&text)
                .ok_or_else(|| format!("the linked type `{text}` is not a type name"))?,
        };
        return Ok(Some((
            if collection { ty.collection_of() } else { ty },
            note,
            Some(link.dest.clone()),
        )));
    }
    let words: Vec<&str> = window
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_end_matches('.');
        let bare = w.strip_prefix("Edm.").unwrap_or(w);
        let primitive = graph_spec::Primitive::ALL
            .into_iter()
            .find(|p| p.name() == bare);
        if let Some(prim) = primitive {
            let ty = EdmType::Primitive(prim);
            let collection = words
                .get(i + 1)
                .is_some_and(|n| n.eq_ignore_ascii_case("collection"))
                || matches!(
                    words.get(i.saturating_sub(2)..i),
                    Some([c, o]) if c.eq_ignore_ascii_case("collection") && *o == "of"
                );
            return Ok(Some((
                if collection { ty.collection_of() } else { ty },
                None,
                None,
            )));
        }
    }
    if lower.contains("response body") {
        return Err(format!("no type recognised in `{}`", window.trim()));
    }
    Ok(None)
}

/// Header names a text mentions: the word before "header" (`` `Location` header``).
pub(crate) fn mentioned_headers(text: &str) -> Vec<String> {
    let plain = text.replace('`', "");
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    for pair in words.windows(2) {
        let (Some(w), Some(next)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let next = next.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if !next.eq_ignore_ascii_case("header") && !next.eq_ignore_ascii_case("headers") {
            continue;
        }
        let name = w.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '-'));
        let looks_like = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !NOT_HEADERS.contains(&name);
        if looks_like && !out.iter().any(|h| h.eq_ignore_ascii_case(name)) {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_statuses() {
        assert_eq!(
            find_status("returns a `204 No Content` response code").map(|s| s.0),
            Some(204)
        );
        assert_eq!(
            find_status("returns `200 OK` response code").map(|s| s.0),
            Some(200)
        );
        assert_eq!(
            find_status("up to 200 items, then 201 Created").map(|s| s.0),
            Some(201)
        );
        assert_eq!(find_status("returns `400 Bad Request`"), None);
        assert_eq!(find_status("1200 OK"), None);
    }

    #[test]
    fn finds_headers() {
        assert_eq!(
            mentioned_headers("contain a `Location` header, which"),
            ["Location"]
        );
        assert!(mentioned_headers("the response header").is_empty());
        assert_eq!(
            mentioned_headers(
                "in the `Location` header. They do not require an `Authorization` header."
            ),
            ["Location"]
        );
    }
}
