//! Characters that never stand raw in a generated file.
//!
//! Spec text may hold characters that change how source reads without being seen: the bidi
//! controls behind "Trojan Source" (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), other
//! format characters (Unicode category Cf: U+200B–U+200D, U+2060, U+FEFF, U+00AD, ...), C0 and C1
//! controls (tab included), and the line and paragraph separators U+2028 and U+2029. rustc denies
//! the bidi controls in comments and literals (`text_direction_codepoint_in_comment`,
//! `text_direction_codepoint_in_literal`) and rejects a bare CR in a doc comment; clippy denies
//! zero-width characters in literals (`invisible_characters`) and, with `-D warnings`, tabs in doc
//! comments (`tabs_in_doc_comments`).
//!
//! Such a character is written as its Rust escape, `\u{202e}` (what `char::escape_unicode` gives):
//! inside a string literal that is the same value, inside a comment it is a visible marker that
//! reads the same as the literal's escape. Newline is kept: the formatter writes it between lines,
//! and spec text never reaches a comment with one (a doc line with a newline is written as a
//! `#[doc = ".."]` literal, where it is escaped).

/// Unicode general category Cf (format characters), as of Unicode 16.0, as inclusive ranges.
const FORMAT: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{0600}', '\u{0605}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
    ('\u{13430}', '\u{1343F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0001}', '\u{E0001}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// Whether `c` is a format character (Unicode category Cf).
fn is_format(c: char) -> bool {
    FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Whether `c` must not stand raw in generated source: a control other than newline, a format
/// character (bidi controls included), or U+2028 / U+2029.
pub fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        // The common case, answered without the table: only the ASCII controls but newline.
        return c.is_ascii_control() && c != '\n';
    }
    c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` with every [invisible](is_invisible) character written as `\u{..}`.
pub fn visible(text: &str) -> String {
    if !text.chars().any(is_invisible) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_of_the_denied_sets_is_invisible() {
        // rustc's `text_direction_codepoint_*` set, the marks, and clippy's `invisible_characters`.
        let denied = [
            '\u{202A}',
            '\u{202B}',
            '\u{202C}',
            '\u{202D}',
            '\u{202E}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{200E}',
            '\u{200F}',
            '\u{061C}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{0000}',
            '\u{001B}',
            '\r',
            '\t',
            '\u{007F}',
            '\u{0085}',
            '\u{009F}',
            '\u{2028}',
            '\u{2029}',
            '\u{E0041}',
        ];
        for c in denied {
            assert!(is_invisible(c), "U+{:04X}", c as u32);
        }
        for c in [
            '\n',
            ' ',
            'a',
            'é',
            '\u{00A0}',
            '\u{05D0}',
            '\u{1F600}',
            '\\',
            '"',
        ] {
            assert!(!is_invisible(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_the_general_rule() {
        for c in (0..=0x7f_u8).map(char::from) {
            let general = (c.is_control() && c != '\n')
                || is_format(c)
                || matches!(c, '\u{2028}' | '\u{2029}');
            assert_eq!(is_invisible(c), general, "{c:?}");
        }
    }

    #[test]
    fn visible_writes_rust_escapes_and_keeps_the_rest() {
        assert_eq!(
            visible("a\u{202E}b\u{200B}c\td\ne\rf\u{FEFF}"),
            "a\\u{202e}b\\u{200b}c\\u{9}d\ne\\u{d}f\\u{feff}"
        );
        assert_eq!(visible("plain ✓ text"), "plain ✓ text");
    }
}
