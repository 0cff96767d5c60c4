//! Markdown to blocks: the pulldown-cmark event walk, with a byte offset to line map.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::model::{Block, BlockKind, Inline, LinkSpan, Row, Table};

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
pub(super) fn count_source_cells(row: &str) -> usize {
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
