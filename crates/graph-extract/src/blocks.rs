//! Markdown to a flat list of blocks with 1-based line numbers, built from pulldown-cmark events.
//!
//! Everything the extractor knows about a page's structure comes from here: headings, paragraphs
//! (inline text with links flattened), tables, code blocks, HTML blocks (where the annotations live)
//! and the front matter. The rest of the crate only looks inside single blocks.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// Maps byte offsets to 1-based line numbers. Offsets are asked in document order, so each lookup
/// only counts the newlines between the previous offset and this one (backwards if it is earlier).
struct Lines<'a> {
    text: &'a [u8],
    /// The last offset asked for (at most the text's length) and its line.
    offset: usize,
    line: usize,
}

impl Lines<'_> {
    fn new(text: &str) -> Lines<'_> {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    fn line(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let newlines = |range: Range<usize>| self.text.get(range).map_or(0, count_newlines);
        if offset >= self.offset {
            self.line += newlines(self.offset..offset);
        } else {
            self.line = self.line.saturating_sub(newlines(offset..self.offset));
        }
        self.offset = offset;
        self.line
    }
}

/// The number of `\n` bytes. Counted per chunk of 255 bytes into a `u8`, which the compiler
/// vectorises.
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| chunk.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n')))
        .map(usize::from)
        .sum()
}

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
    fn with_capacity(capacity: usize) -> Inline {
        Inline {
            text: String::with_capacity(capacity),
            ..Inline::default()
        }
    }

    /// Appends text, each whitespace character becoming a space unless the text is empty or already
    /// ends with one.
    fn push_text(&mut self, s: &str) {
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

    fn finish(&mut self) {
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

/// Where inline events currently go.
enum Target {
    None,
    Paragraph {
        line: usize,
        inline: Inline,
    },
    /// Text directly inside a tight list item (no paragraph events).
    Item {
        line: usize,
        inline: Inline,
    },
    Heading {
        line: usize,
        level: u8,
        inline: Inline,
    },
    Cell(Inline),
}

impl Target {
    fn inline(&mut self) -> Option<&mut Inline> {
        match self {
            Target::None => None,
            Target::Paragraph { inline, .. }
            | Target::Item { inline, .. }
            | Target::Heading { inline, .. }
            | Target::Cell(inline) => Some(inline),
        }
    }
}

struct TableBuilder {
    line: usize,
    table: Table,
    row: Option<Row>,
    in_head: bool,
}

/// A heading that is only a link to a docfx tab: `# [HTTP](#tab/http)`, `# [C#](#tab/csharp)`.
fn is_tab_heading(inline: &Inline) -> bool {
    match inline.links.as_slice() {
        [link] => {
            link.dest.starts_with("#tab/")
                && link.range.start == 0
                && link.range.end == inline.text.len()
        }
        _ => false,
    }
}

/// Counts the cells of one table row as written (`|a|b\|c|` has two).
fn count_source_cells(row: &str) -> usize {
    let line = row.lines().next().unwrap_or("").trim();
    let mut pipes = Vec::new();
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => pipes.push(i),
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    let mut count = pipes.len() + 1;
    if pipes.first() == Some(&0) {
        count -= 1;
    }
    if line.len() > 1 && pipes.last() == Some(&(line.len() - 1)) {
        count -= 1;
    }
    count
}

/// Parses markdown text into blocks.
pub(crate) fn parse(text: &str) -> Vec<Block> {
    let mut lines = Lines::new(text);
    let parser = Parser::new_ext(
        text,
        Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
    );
    let mut blocks = Vec::new();
    let mut target = Target::None;
    let mut quote_depth = 0usize;
    let mut item_depth = 0usize;
    let mut table: Option<TableBuilder> = None;
    let mut code: Option<(usize, String, String, Option<usize>)> = None;
    let mut html: Option<(usize, String)> = None;
    let mut meta: Option<(usize, String)> = None;
    let mut link_stack: Vec<(usize, String, usize)> = Vec::new();
    let mut emph_stack: Vec<usize> = Vec::new();
    let mut lifted_html: Vec<Block> = Vec::new();

    // Ends the implicit paragraph of a tight list item, if one is open.
    fn flush_item(target: &mut Target, blocks: &mut Vec<Block>) {
        if let Target::Item { .. } = target
            && let Target::Item { line, mut inline } = std::mem::replace(target, Target::None)
        {
            inline.finish();
            if !inline.text.is_empty() {
                blocks.push(Block {
                    line,
                    kind: BlockKind::Paragraph {
                        inline,
                        nested: true,
                    },
                });
            }
        }
    }

    for (event, range) in parser.into_offset_iter() {
        // Only the events that open something need their line.
        let mut line = || lines.line(range.start);
        match event {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(_) => meta = Some((line(), String::with_capacity(range.len()))),
                Tag::Heading { level, .. } => {
                    flush_item(&mut target, &mut blocks);
                    target = Target::Heading {
                        line: line(),
                        level: level as u8,
                        inline: Inline::with_capacity(range.len()),
                    };
                }
                Tag::Paragraph => {
                    flush_item(&mut target, &mut blocks);
                    target = Target::Paragraph {
                        line: line(),
                        inline: Inline::with_capacity(range.len()),
                    };
                }
                Tag::Item => {
                    flush_item(&mut target, &mut blocks);
                    item_depth += 1;
                    target = Target::Item {
                        line: line(),
                        inline: Inline::default(),
                    };
                }
                Tag::List(_) => flush_item(&mut target, &mut blocks),
                Tag::BlockQuote(_) => {
                    flush_item(&mut target, &mut blocks);
                    quote_depth += 1;
                }
                Tag::CodeBlock(kind) => {
                    flush_item(&mut target, &mut blocks);
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.trim().to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((line(), info, String::with_capacity(range.len()), None));
                }
                Tag::HtmlBlock => {
                    flush_item(&mut target, &mut blocks);
                    html = Some((line(), String::with_capacity(range.len())));
                }
                Tag::Table(_) => {
                    flush_item(&mut target, &mut blocks);
                    let line = line();
                    table = Some(TableBuilder {
                        line,
                        table: Table {
                            line,
                            ..Table::default()
                        },
                        row: None,
                        in_head: false,
                    });
                }
                Tag::TableHead => {
                    if let Some(t) = table.as_mut() {
                        t.in_head = true;
                    }
                }
                Tag::TableRow => {
                    if let Some(t) = table.as_mut() {
                        t.row = Some(Row {
                            line: line(),
                            cells: Vec::with_capacity(t.table.header.len()),
                            source_cells: count_source_cells(text.get(range.clone()).unwrap_or("")),
                        });
                    }
                }
                Tag::TableCell => target = Target::Cell(Inline::with_capacity(range.len())),
                Tag::Link { dest_url, .. } => {
                    if let Some(inline) = target.inline() {
                        link_stack.push((inline.text.len(), dest_url.into_string(), line()));
                    }
                }
                Tag::Emphasis | Tag::Strong => {
                    if let Some(inline) = target.inline() {
                        emph_stack.push(inline.text.len());
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::MetadataBlock(_) => {
                    if let Some((line, text)) = meta.take() {
                        blocks.push(Block {
                            line,
                            kind: BlockKind::Metadata(text),
                        });
                    }
                }
                TagEnd::Heading(_) => {
                    if let Target::Heading {
                        line,
                        level,
                        mut inline,
                    } = std::mem::replace(&mut target, Target::None)
                    {
                        inline.finish();
                        // A docfx tab heading (`# [HTTP](#tab/http)`) opens a tab group inside the
                        // current section; it is not a section of its own.
                        if !is_tab_heading(&inline) {
                            blocks.push(Block {
                                line,
                                kind: BlockKind::Heading { level, inline },
                            });
                        }
                    }
                }
                TagEnd::Paragraph => {
                    if let Target::Paragraph { line, mut inline } =
                        std::mem::replace(&mut target, Target::None)
                    {
                        inline.finish();
                        blocks.push(Block {
                            line,
                            kind: BlockKind::Paragraph {
                                inline,
                                nested: quote_depth > 0 || item_depth > 0,
                            },
                        });
                    }
                    blocks.append(&mut lifted_html);
                }
                TagEnd::Item => {
                    flush_item(&mut target, &mut blocks);
                    item_depth = item_depth.saturating_sub(1);
                    blocks.append(&mut lifted_html);
                }
                TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                TagEnd::CodeBlock => {
                    if let Some((line, info, text, first)) = code.take() {
                        blocks.push(Block {
                            line,
                            kind: BlockKind::Code {
                                info,
                                text,
                                first_line: first.unwrap_or(line + 1),
                            },
                        });
                    }
                }
                TagEnd::HtmlBlock => {
                    if let Some((line, text)) = html.take() {
                        blocks.push(Block {
                            line,
                            kind: BlockKind::Html(text),
                        });
                    }
                }
                TagEnd::TableHead => {
                    if let Some(t) = table.as_mut() {
                        t.in_head = false;
                    }
                }
                TagEnd::TableRow => {
                    if let Some(t) = table.as_mut()
                        && let Some(row) = t.row.take()
                    {
                        t.table.rows.push(row);
                    }
                }
                TagEnd::TableCell => {
                    if let Target::Cell(mut inline) = std::mem::replace(&mut target, Target::None) {
                        inline.finish();
                        if let Some(t) = table.as_mut() {
                            match t.row.as_mut() {
                                Some(row) if !t.in_head => row.cells.push(inline),
                                _ => t.table.header.push(inline),
                            }
                        }
                    }
                }
                TagEnd::Table => {
                    if let Some(mut t) = table.take() {
                        t.table.keys = t
                            .table
                            .header
                            .iter()
                            .map(|h| h.plain().trim().to_ascii_lowercase())
                            .collect();
                        blocks.push(Block {
                            line: t.line,
                            kind: BlockKind::Table(t.table),
                        });
                    }
                    blocks.append(&mut lifted_html);
                }
                TagEnd::Link => {
                    if let Some((start, dest, line)) = link_stack.pop()
                        && let Some(inline) = target.inline()
                    {
                        let end = inline.text.len();
                        inline.links.push(LinkSpan {
                            range: start..end,
                            dest,
                            line,
                        });
                    }
                }
                TagEnd::Emphasis | TagEnd::Strong => {
                    if let Some(start) = emph_stack.pop()
                        && let Some(inline) = target.inline()
                    {
                        let end = inline.text.len();
                        inline.emphasis.push(start..end);
                    }
                }
                _ => {}
            },
            Event::Text(s) => {
                if let Some((_, text)) = meta.as_mut() {
                    text.push_str(&s);
                } else if let Some((_, _, text, first)) = code.as_mut() {
                    if first.is_none() {
                        *first = Some(line());
                    }
                    text.push_str(&s);
                } else if let Some(inline) = target.inline() {
                    inline.push_text(&s);
                }
            }
            Event::Code(s) => {
                if let Some(inline) = target.inline() {
                    inline.text.push('`');
                    let start = inline.text.len();
                    inline.push_text(&s);
                    let end = inline.text.len();
                    inline.codes.push(start..end);
                    inline.text.push('`');
                }
            }
            Event::Html(s) => {
                if let Some((_, text)) = html.as_mut() {
                    text.push_str(&s);
                } else {
                    lifted_html.push(Block {
                        line: line(),
                        kind: BlockKind::Html(s.into_string()),
                    });
                }
            }
            Event::InlineHtml(s) => {
                if s.trim_start().starts_with("<!--") {
                    lifted_html.push(Block {
                        line: line(),
                        kind: BlockKind::Html(s.into_string()),
                    });
                } else if let Some(inline) = target.inline() {
                    // `<br/>`, `<li>` and the like separate words.
                    inline.push_text(" ");
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(inline) = target.inline() {
                    inline.push_text(" ");
                }
            }
            _ => {}
        }
        if matches!(target, Target::None) && !lifted_html.is_empty() && html.is_none() {
            blocks.append(&mut lifted_html);
        }
    }
    flush_item(&mut target, &mut blocks);
    blocks.append(&mut lifted_html);
    blocks
}

/// An HTML comment and the line its `<!--` is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Comment {
    pub line: usize,
    pub body: String,
}

/// The HTML comments of an HTML block (`<!--` up to the first `-->`, as HTML has it).
pub(crate) fn comments(html: &str, first_line: usize) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut consumed = 0usize;
    while let Some(start) = rest.find("<!--") {
        let after = &rest[start + 4..];
        let Some(end) = after.find("-->") else {
            break;
        };
        let line = first_line + html[..consumed + start].matches('\n').count();
        out.push(Comment {
            line,
            body: after[..end].to_string(),
        });
        let advance = start + 4 + end + 3;
        consumed += advance;
        rest = &rest[advance..];
    }
    out
}

/// The `key: value` pairs of a front matter block, values with surrounding quotes removed.
pub(crate) fn front_matter(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.starts_with(char::is_whitespace))
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), unquote(v.trim()).trim().to_string()))
        .collect()
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_source_cells() {
        assert_eq!(count_source_cells("|a|b|"), 2);
        assert_eq!(count_source_cells("| a | b | c |"), 3);
        assert_eq!(count_source_cells("a | b"), 2);
        assert_eq!(count_source_cells(r"|a\|x|b|"), 2);
        assert_eq!(count_source_cells("|a|b|c|\n"), 3);
    }

    #[test]
    fn finds_comments_and_their_lines() {
        let c = comments("<!-- a -->\n<!-- {\n\"x\": 1\n} -->\n", 7);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].line, 7);
        assert_eq!(c[1].line, 8);
        assert_eq!(c[1].body.trim(), "{\n\"x\": 1\n}");
    }

    #[test]
    fn push_text_collapses_every_kind_of_whitespace() {
        // The rule, one character at a time: whitespace becomes a space unless the text is empty or
        // already ends with one.
        fn by_char(start: &str, s: &str) -> String {
            let mut text = start.to_string();
            for c in s.chars() {
                if !c.is_whitespace() {
                    text.push(c);
                } else if !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                }
            }
            text
        }
        let inputs = [
            "",
            " ",
            "a b",
            "a  b ",
            "\tx\u{a0}\u{a0}y\n",
            " é\u{3000}ü\u{2003} z",
            "\u{85}a\u{b}b\u{1c}c\u{7f}",
            "a \t\r\n b",
        ];
        for start in ["", "a", "a "] {
            for s in inputs {
                let mut inline = Inline {
                    text: start.to_string(),
                    ..Inline::default()
                };
                inline.push_text(s);
                assert_eq!(inline.text, by_char(start, s), "{start:?} + {s:?}");
            }
        }
    }

    #[test]
    fn flattens_links_and_keeps_code() {
        let blocks = parse("Some [link](x.md) and `code`\n*it*.\n");
        let Some(p) = blocks.first().and_then(Block::paragraph) else {
            panic!("no paragraph: {blocks:?}");
        };
        assert_eq!(p.text, "Some link and `code` it.");
        assert_eq!(p.span(&p.links[0].range), "link");
        assert_eq!(p.span(&p.emphasis[0]), "it");
        assert_eq!(p.span(&p.codes[0]), "code");
    }
}
