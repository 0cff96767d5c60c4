//! A token stream just fine enough to find modules, items, `use` trees and paths: comments are
//! dropped, string and char literals become one token each (a string's text is kept for
//! `#[path = "..."]`), lifetimes and numbers are opaque.

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// An identifier or keyword (`r#` stripped).
    Ident(String),
    /// `::`
    Sep,
    /// A string literal's raw text between the quotes (escapes not decoded).
    Str(String),
    /// Any other single punctuation character.
    Punct(char),
    /// A number, a char literal or a lifetime.
    Other,
}

/// Splits `text` into tokens. Never fails: an unterminated literal or comment runs to the end.
pub(crate) fn tokens(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i = block_comment_end(&chars, i);
        } else if let Some((end, text)) = string_literal(&chars, i) {
            out.push(Tok::Str(text));
            i = end;
        } else if c == '\'' {
            i = quote_end(&chars, i);
            out.push(Tok::Other);
        } else if c == 'r'
            && next == Some('#')
            && chars.get(i + 2).is_some_and(|c| is_ident_start(*c))
        {
            let (end, word) = ident(&chars, i + 2);
            out.push(Tok::Ident(word));
            i = end;
        } else if is_ident_start(c) {
            let (end, word) = ident(&chars, i);
            out.push(Tok::Ident(word));
            i = end;
        } else if c.is_ascii_digit() {
            i += 1;
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || chars[i] == '_'
                    || (chars[i] == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            out.push(Tok::Other);
        } else if c == ':' && next == Some(':') {
            out.push(Tok::Sep);
            i += 2;
        } else {
            out.push(Tok::Punct(c));
            i += 1;
        }
    }
    out
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn ident(chars: &[char], start: usize) -> (usize, String) {
    let mut end = start;
    while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '_') {
        end += 1;
    }
    (end, chars[start..end].iter().collect())
}

/// The index after a (nested) block comment starting at `start`.
fn block_comment_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < chars.len() {
        if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// A string literal at `start` (`"..."`, `b"..."`, `c"..."`, `r#"..."#`, `br"..."`, `cr"..."`):
/// the index after it and its text.
fn string_literal(chars: &[char], start: usize) -> Option<(usize, String)> {
    let mut i = start;
    if matches!(chars.get(i), Some('b' | 'c')) {
        i += 1;
    }
    let raw = chars.get(i) == Some(&'r');
    if raw {
        i += 1;
    }
    let mut hashes = 0;
    while raw && chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if chars.get(i) != Some(&'"') {
        return None;
    }
    // `b`/`c`/`r` must not be the tail of a longer identifier: the caller only reaches this at a
    // token start, so `start` is one.
    let body = i + 1;
    let mut j = body;
    while j < chars.len() {
        if !raw && chars[j] == '\\' {
            j += 2;
            continue;
        }
        if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
            let text = chars[body..j].iter().collect();
            return Some((j + 1 + hashes, text));
        }
        j += 1;
    }
    Some((chars.len(), chars[body.min(chars.len())..].iter().collect()))
}

/// The index after a char literal (`'a'`, `'\n'`, `'\u{1F600}'`) or a lifetime (`'a`) at `start`.
fn quote_end(chars: &[char], start: usize) -> usize {
    match chars.get(start + 1) {
        Some('\\') => {
            let mut j = start + 2;
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            j + 1
        }
        Some(_) if chars.get(start + 2) == Some(&'\'') => start + 3,
        _ => {
            let (end, _) = ident(chars, start + 1);
            end
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Tok, tokens};

    fn idents(text: &str) -> Vec<String> {
        tokens(text)
            .into_iter()
            .filter_map(|t| match t {
                Tok::Ident(w) => Some(w),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn comments_strings_chars_and_lifetimes_hide_their_words() {
        let text = r##"a // crate::x
            /* super::y /* nested */ still */ b "crate::z \" q" r#"self::w"# 'c' '\'' c d: &'life e"##;
        assert_eq!(idents(text), ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn paths_keep_their_separators() {
        assert_eq!(
            tokens("crate::a::B"),
            [
                Tok::Ident("crate".into()),
                Tok::Sep,
                Tok::Ident("a".into()),
                Tok::Sep,
                Tok::Ident("B".into())
            ]
        );
        assert_eq!(tokens("r#type"), [Tok::Ident("type".into())]);
        assert_eq!(tokens(r#"#[path = "x.rs"]"#)[4], Tok::Str("x.rs".into()));
    }
}
