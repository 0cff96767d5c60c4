//! Helpers shared by the integration tests.

/// Characters that rustc or clippy deny in source by default, written out here independently of
/// the generator's own table: rustc's `text_direction_codepoint_in_{comment,literal}` set, the
/// other bidi marks, clippy's `invisible_characters` set, and controls other than newline (a bare
/// CR is an error in a doc comment, a tab fails clippy's `tabs_in_doc_comments`).
pub fn denied_in_source(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
    ) || (c.is_control() && c != '\n')
}
