//! What a documentation page says, read just well enough to tell who a disagreement is due to.
//!
//! The lint cannot read the extractor's mind, but it can read the page. The rules, all
//! case-insensitive:
//!
//! - **A page mentions a parameter** when a line has its name in one of the forms the docs use for
//!   names: a table cell holding just the name (`| requestIds |`, also bold, italic or in
//!   backticks); the name in backticks (`` `requestIds` ``); in bold or italic (`**requestIds**`,
//!   `_requestIds_`); as a JSON key (`"requestIds":`, in an example body); or as a template
//!   argument (`(period='{period_value}')`, `?on=`, a name right after `(`, `,`, `?`, `&` or a
//!   space and followed by `=`). Prose that merely uses the word (`the name of the copy`) is not a
//!   mention.
//! - **A page shows a type for a parameter** when one line that mentions the parameter also has
//!   the type's word (the last dotted segment of the element type: `String` for
//!   `Collection(Edm.String)`, `itemReference` for `microsoft.graph.itemReference`), and has the
//!   word `collection` (or `[]`) exactly when the type is a collection. A primitive's word may
//!   stand anywhere as a word; a named type's word must be written as a name (a link text
//!   `[itemReference](...)`, a table cell, backticks, bold or italic, or `graph.itemReference`),
//!   since it is often an English word too (`report`, `file`).
//! - **A page shows a requirement for a parameter** when one line that mentions the parameter
//!   has the word `required` (or `optional`).
//! - **A page shows a return type** when one line of its `## Response` section (up to the next
//!   `#` or `##` heading) has the type's word, with the same rules; or when the `"@odata.type"`
//!   of a response annotation (`<!-- { "blockType": "response", "@odata.type": "..." } -->`)
//!   is the type (`#` dropped, a bare `String` read as `Edm.String`, letter case ignored).

use serde::Serialize;

use crate::csdl::{Requirement, strip_collection};

/// How a line of a page names a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A table cell holding just the name.
    TableCell,
    /// `` `name` ``.
    Backticks,
    /// `**name**`, `*name*`, `__name__` or `_name_`.
    Emphasis,
    /// `"name":`, a key of a JSON example body.
    JsonKey,
    /// `name=`, an argument of a path template or query string.
    Template,
    /// A line of the `## Response` section (for return types, which have no name to mention).
    ResponseSection,
    /// The `"@odata.type"` of a response annotation (`<!-- { "blockType": "response", ... } -->`).
    ResponseAnnotation,
    /// A line of the `## Request body` section (for the body of a create or update).
    RequestBodySection,
    /// A request line of the page (`GET /users/{id}`), for a path.
    RequestLine,
}

impl MentionKind {
    /// A few words for tables: `table cell`, `JSON key`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::TableCell => "table cell",
            MentionKind::Backticks => "backticks",
            MentionKind::Emphasis => "bold or italic",
            MentionKind::JsonKey => "JSON key",
            MentionKind::Template => "template argument",
            MentionKind::ResponseSection => "Response section",
            MentionKind::ResponseAnnotation => "response annotation",
            MentionKind::RequestBodySection => "Request body section",
            MentionKind::RequestLine => "request line",
        }
    }
}

/// Where a page says something: a line, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The 1-based line of the page.
    pub line: usize,
    /// How the line says it.
    pub how: MentionKind,
    /// The line, trimmed (and cut at 200 characters).
    pub text: String,
}

/// A page's text, split into lines.
pub struct Page<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Page<'a> {
    /// A page from its markdown text.
    pub fn new(text: &'a str) -> Page<'a> {
        Page {
            lines: text.lines().collect(),
        }
    }

    fn evidence(&self, index: usize, how: MentionKind) -> Evidence {
        let text = self.lines[index].trim();
        let text = match text.char_indices().nth(200) {
            Some((cut, _)) => format!("{}...", &text[..cut]),
            None => text.to_string(),
        };
        Evidence {
            line: index + 1,
            how,
            text,
        }
    }

    /// Every line that mentions `name` (see the module documentation), with how.
    pub fn mentions(&self, name: &str) -> Vec<Evidence> {
        let name = name.to_ascii_lowercase();
        self.lines
            .iter()
            .enumerate()
            .filter_map(|(i, line)| {
                mention_kind(&line.to_ascii_lowercase(), &name).map(|k| self.evidence(i, k))
            })
            .collect()
    }

    /// The first line that mentions `name`.
    pub fn first_mention(&self, name: &str) -> Option<Evidence> {
        self.mentions(name).into_iter().next()
    }

    /// The first line that mentions `name` and shows the (normalised) type `ty`.
    pub fn shows_type(&self, name: &str, ty: &str) -> Option<Evidence> {
        self.shows_type_where(name, ty, |_| true)
    }

    /// The first line that mentions `name` in a way `accept` takes and shows the (normalised)
    /// type `ty`.
    pub fn shows_type_where(
        &self,
        name: &str,
        ty: &str,
        accept: impl Fn(&Evidence) -> bool,
    ) -> Option<Evidence> {
        self.mentions(name).into_iter().find(|e| {
            accept(e) && line_shows_type(&self.lines[e.line - 1].to_ascii_lowercase(), ty)
        })
    }

    /// The first line that mentions `name` and says `required` (or `optional`, as `requirement` is).
    pub fn shows_requirement(&self, name: &str, requirement: Requirement) -> Option<Evidence> {
        let word = match requirement {
            Requirement::Required => "required",
            Requirement::Optional => "optional",
            Requirement::Unstated => return None,
        };
        self.mentions(name)
            .into_iter()
            .find(|e| has_word(&self.lines[e.line - 1].to_ascii_lowercase(), word))
    }

    /// The first line of the `## Response` section that shows the (normalised) type `ty`, else
    /// the first response annotation that names it.
    pub fn response_shows_type(&self, ty: &str) -> Option<Evidence> {
        self.response_section_shows_type(ty)
            .or_else(|| self.response_annotation_names(ty))
    }

    /// The `"@odata.type"` line of a `<!-- { "blockType": "response", ... } -->` annotation whose
    /// value is `ty` (`#` dropped, a bare primitive name such as `String` read as `Edm.String`,
    /// letter case ignored).
    fn response_annotation_names(&self, ty: &str) -> Option<Evidence> {
        let mut i = 0;
        while i < self.lines.len() {
            if !self.lines[i].trim_start().starts_with("<!--") {
                i += 1;
                continue;
            }
            let end = (i..self.lines.len())
                .find(|&j| self.lines[j].contains("-->"))
                .unwrap_or(self.lines.len() - 1);
            let block = &self.lines[i..=end];
            let is_response = block.iter().any(|l| {
                let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
                l.contains("\"blockType\":\"response\"")
            });
            if is_response {
                for (k, line) in block.iter().enumerate() {
                    let Some((_, value)) = line.split_once("\"@odata.type\"") else {
                        continue;
                    };
                    let value = value.trim_start().trim_start_matches(':').trim_start();
                    let value = value.strip_prefix('"').unwrap_or(value);
                    let value = value.split('"').next().unwrap_or(value);
                    if annotation_type(value).eq_ignore_ascii_case(ty) {
                        return Some(self.evidence(i + k, MentionKind::ResponseAnnotation));
                    }
                }
            }
            i = end + 1;
        }
        None
    }

    fn response_section_shows_type(&self, ty: &str) -> Option<Evidence> {
        self.section_shows_type("## response", ty, MentionKind::ResponseSection)
    }

    /// The first line of the `## Request body` section that shows the (normalised) type `ty`.
    pub fn request_body_shows_type(&self, ty: &str) -> Option<Evidence> {
        self.section_shows_type("## request body", ty, MentionKind::RequestBodySection)
    }

    fn section_shows_type(&self, heading: &str, ty: &str, how: MentionKind) -> Option<Evidence> {
        let start = self
            .lines
            .iter()
            .position(|l| l.trim_end().eq_ignore_ascii_case(heading))?;
        self.lines[start + 1..]
            .iter()
            .take_while(|l| !(l.starts_with("# ") || l.starts_with("## ")))
            .position(|l| line_shows_type(&l.to_ascii_lowercase(), ty))
            .map(|i| self.evidence(start + 1 + i, how))
    }

    /// The lines of the page, in order.
    pub(crate) fn lines(&self) -> &[&'a str] {
        &self.lines
    }

    /// The evidence of the 0-based line `index`, said in `how`.
    pub(crate) fn line_evidence(&self, index: usize, how: MentionKind) -> Evidence {
        self.evidence(index, how)
    }
}

/// How a lower-cased `line` mentions the lower-cased `name`, if it does.
fn mention_kind(line: &str, name: &str) -> Option<MentionKind> {
    if name.is_empty() || !line.contains(name) {
        return None;
    }
    let trimmed = line.trim();
    if trimmed.starts_with('|')
        && trimmed
            .split('|')
            .any(|cell| cell.trim().trim_matches(['*', '_', '`']) == name)
    {
        return Some(MentionKind::TableCell);
    }
    if line.contains(&format!("`{name}`")) {
        return Some(MentionKind::Backticks);
    }
    for mark in ["**", "__", "*", "_"] {
        if occurrences(line, name)
            .any(|(before, after)| before.ends_with(mark) && after.starts_with(mark))
        {
            return Some(MentionKind::Emphasis);
        }
    }
    if occurrences(line, name).any(|(before, after)| {
        before.ends_with('"')
            && after
                .strip_prefix('"')
                .is_some_and(|r| r.trim_start().starts_with(':'))
    }) {
        return Some(MentionKind::JsonKey);
    }
    if occurrences(line, name).any(|(before, after)| {
        before.ends_with(['(', ',', '?', '&', ' ', '/'])
            && after.trim_start().starts_with('=')
            && !after.trim_start().starts_with("==")
    }) {
        return Some(MentionKind::Template);
    }
    None
}

/// Each occurrence of `word` in `line`, as the text before and after it.
fn occurrences<'l>(line: &'l str, word: &'l str) -> impl Iterator<Item = (&'l str, &'l str)> + 'l {
    line.match_indices(word)
        .map(move |(i, _)| (&line[..i], &line[i + word.len()..]))
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whether `word` occurs in `line` with no letter, digit or `_` either side.
pub(crate) fn has_word(line: &str, word: &str) -> bool {
    occurrences(line, word)
        .any(|(before, after)| !before.ends_with(is_word_char) && !after.starts_with(is_word_char))
}

/// An annotation's type as an EDM name: `#microsoft.graph.x` -> `microsoft.graph.x`,
/// `String` -> `Edm.String`, `Collection(String)` -> `Collection(Edm.String)`.
fn annotation_type(value: &str) -> String {
    let value = value.trim().trim_start_matches('#');
    if let Some(inner) = value
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        return format!("Collection({})", annotation_type(inner));
    }
    if value.contains('.') {
        value.to_string()
    } else {
        format!("Edm.{value}")
    }
}

/// Whether a lower-cased line shows the word of type `ty`, and the word `collection` (or `[]`)
/// exactly when `ty` is a collection.
///
/// The word of an `Edm` primitive may stand anywhere as a word (`String`, `Boolean value`). The
/// word of a named type must be written as a name, since it is often an English word too (the
/// type `report` against "a download URL for the report"): as a link text (`[driveItem](...)`),
/// a table cell, in backticks or emphasis, or qualified (`microsoft.graph.driveItem`).
fn line_shows_type(line: &str, ty: &str) -> bool {
    let element = strip_collection(ty);
    let word = element
        .rsplit('.')
        .next()
        .unwrap_or(element)
        .to_ascii_lowercase();
    let collection = element.len() != ty.len();
    let shown = if element.starts_with("Edm.") {
        has_word(line, &word)
    } else {
        matches!(
            mention_kind(line, &word),
            Some(MentionKind::TableCell | MentionKind::Backticks | MentionKind::Emphasis)
        ) || occurrences(line, &word).any(|(before, after)| {
            (before.ends_with('[') && after.starts_with(']'))
                || (before.ends_with('.') && !after.starts_with(is_word_char))
        })
    };
    shown && (has_word(line, "collection") || line.contains("[]")) == collection
}

#[cfg(test)]
mod tests;
