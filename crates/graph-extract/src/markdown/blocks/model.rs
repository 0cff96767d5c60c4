//! The blocks themselves: headings, paragraphs of inline text, tables, code, HTML, front matter.

use std::borrow::Cow;
use std::ops::Range;

/// A link inside inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkSpan {
    /// The byte range of the link text inside [`Inline::text`].
    pub range: Range<usize>,
    /// The link destination as written.
    pub dest: String,
    /// The line the link starts on.
    pub line: usize,
}

/// Inline text: links flattened to their text, inline code kept in backticks, emphasis markers dropped,
/// whitespace collapsed to single spaces. The spans record where links, code and emphasis were.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Inline {
    pub text: String,
    pub links: Vec<LinkSpan>,
    /// Ranges of `*emphasis*` and `**strong**` text.
    pub emphasis: Vec<Range<usize>>,
    /// Ranges of inline code contents (inside the backticks).
    pub codes: Vec<Range<usize>>,
}

impl Inline {
    /// An empty inline text with room for `capacity` bytes (the length of its source).
    pub(super) fn with_capacity(capacity: usize) -> Inline {
        Inline {
            text: String::with_capacity(capacity),
            ..Inline::default()
        }
    }

    /// Appends text, each whitespace character becoming a space unless the text is empty or already
    /// ends with one.
    pub(super) fn push_text(&mut self, s: &str) {
        // Runs of `s` that need no change (words separated by single spaces) are copied at once.
        let mut run = 0;
        let mut after_space = self.text.is_empty() || self.text.ends_with(' ');
        for (i, &b) in s.as_bytes().iter().enumerate() {
            // The length of the whitespace character (`char::is_whitespace`) starting at byte `i`.
            let space = match b {
                b'!'..=b'~' => 0,
                b' ' if !after_space => {
                    after_space = true;
                    continue;
                }
                b'\t'..=b'\r' | b' ' => 1,
                // Inside a character already looked at.
                0x80..=0xbf => continue,
                0xc0.. => s
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .filter(|c| c.is_whitespace())
                    .map_or(0, char::len_utf8),
                _ => 0,
            };
            if space == 0 {
                after_space = false;
                continue;
            }
            self.text.push_str(s.get(run..i).unwrap_or(""));
            if !after_space {
                self.text.push(' ');
            }
            after_space = true;
            run = i + space;
        }
        self.text.push_str(s.get(run..).unwrap_or(""));
    }

    pub(super) fn finish(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        let len = self.text.len();
        let clamp = |r: &mut Range<usize>| {
            r.end = r.end.min(len);
            r.start = r.start.min(r.end);
        };
        self.links.iter_mut().for_each(|l| clamp(&mut l.range));
        self.emphasis.iter_mut().for_each(clamp);
        self.codes.iter_mut().for_each(clamp);
    }

    /// The text with the backticks of inline code removed.
    pub fn plain(&self) -> Cow<'_, str> {
        if self.text.contains('`') {
            Cow::Owned(self.text.replace('`', ""))
        } else {
            Cow::Borrowed(&self.text)
        }
    }

    /// The text of a span (empty if the range is not on character boundaries).
    pub fn span(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or("")
    }
}

/// A table: header cells and body rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// The line of the header row.
    pub line: usize,
    pub header: Vec<Inline>,
    /// The lower-cased, trimmed plain text of each header cell, for [`Table::column`].
    pub keys: Vec<String>,
    pub rows: Vec<Row>,
}

/// One body row of a table.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<Inline>,
    /// How many cells the row has in the source; pulldown-cmark drops cells beyond the header's count.
    pub source_cells: usize,
}

impl Table {
    /// The index of the first header cell for which `pred` holds on its lower-cased plain text.
    pub fn column(&self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.keys.iter().position(|k| pred(k))
    }
}

/// What a block is.
#[derive(Debug, Clone)]
pub(crate) enum BlockKind {
    /// The YAML front matter, without its `---` fences.
    Metadata(String),
    Heading {
        level: u8,
        inline: Inline,
    },
    Paragraph {
        inline: Inline,
        /// Inside a block quote or a list.
        nested: bool,
    },
    Table(Table),
    Code {
        info: String,
        text: String,
        /// The line of the first line of the code (after the opening fence).
        first_line: usize,
    },
    /// Raw HTML, typically comments; inline comments are lifted out of their paragraph into one of these.
    Html(String),
}

/// A block and the line it starts on.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub line: usize,
    pub kind: BlockKind,
}

impl Block {
    /// Every inline text of the block: a paragraph, a heading, or a table's cells.
    pub fn inlines(&self) -> Vec<&Inline> {
        match &self.kind {
            BlockKind::Paragraph { inline, .. } | BlockKind::Heading { inline, .. } => vec![inline],
            BlockKind::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flat_map(|r| &r.cells))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn paragraph(&self) -> Option<&Inline> {
        match &self.kind {
            BlockKind::Paragraph { inline, .. } => Some(inline),
            _ => None,
        }
    }
}
