//! Includes on a resource page, spliced into the page where they stand, so that a Properties or
//! Relationships table (or a `<name> values` table) kept in an include is read like one written
//! on the page.
//!
//! An include is a paragraph starting with `[!INCLUDE [label](path)]`; its path is resolved against
//! the page. Snippet includes and the beta disclaimer are left alone (they never hold tables of
//! the type). The spliced blocks carry the include's line, so a warning about a row of an include
//! points at the page line that includes it. A missing include is a warning; its place stays empty.
//! Includes are spliced one level deep (an include of an include is not followed).

use crate::markdown::blocks::{self, Block, BlockKind};
use crate::{Ctx, markdown::pipes, resolve};

/// Whether an include is one that never holds tables of the type.
fn ignored(label: &str, dest: &str) -> bool {
    let dest = dest.to_ascii_lowercase();
    let file = dest.rsplit('/').next().unwrap_or("");
    dest.contains("snippets/")
        || label.eq_ignore_ascii_case("sample-code")
        || label.eq_ignore_ascii_case("sdk-documentation")
        || file == "beta-disclaimer.md"
}

/// Gives every block (and its table rows and links) the line `line`.
fn reline(blocks: &mut [Block], line: usize) {
    for b in blocks {
        b.line = line;
        match &mut b.kind {
            BlockKind::Table(t) => {
                t.line = line;
                for r in &mut t.rows {
                    r.line = line;
                    for c in &mut r.cells {
                        c.links.iter_mut().for_each(|l| l.line = line);
                    }
                }
                for c in &mut t.header {
                    c.links.iter_mut().for_each(|l| l.line = line);
                }
            }
            BlockKind::Paragraph { inline, .. } | BlockKind::Heading { inline, .. } => {
                inline.links.iter_mut().for_each(|l| l.line = line);
            }
            BlockKind::Code { first_line, .. } => *first_line = line,
            _ => {}
        }
    }
}

impl Ctx<'_> {
    /// Replaces every include paragraph of the page by the blocks of the file it includes.
    pub(crate) fn splice_includes(&mut self) {
        let mut out: Vec<Block> = Vec::with_capacity(self.blocks.len());
        let mut notes = Vec::new();
        for block in std::mem::take(&mut self.blocks) {
            let include = block.paragraph().and_then(|p| {
                if !p.text.trim_start().starts_with("[!INCLUDE") {
                    return None;
                }
                let link = p.links.first()?;
                Some((p.span(&link.range).to_string(), link.dest.clone()))
            });
            let Some((_, dest)) = include.filter(|(l, d)| !ignored(l, d)) else {
                out.push(block);
                continue;
            };
            let Some(path) = resolve(self.page, &dest) else {
                notes.push((
                    block.line,
                    format!("include `{dest}` not found (it points outside the docs root)"),
                ));
                continue;
            };
            match (self.read_include)(&path) {
                Some(text) => {
                    let (text, repairs) =
                        pipes::repair(text.strip_prefix('\u{feff}').unwrap_or(&text));
                    for (l, m) in repairs {
                        notes.push((block.line, format!("{path}:{l}: {m}")));
                    }
                    let mut included = blocks::parse(&text);
                    // The include's own front matter is not part of the page.
                    included.retain(|b| !matches!(b.kind, BlockKind::Metadata(_)));
                    reline(&mut included, block.line);
                    out.extend(included);
                }
                None => notes.push((
                    block.line,
                    format!(
                        "include `{dest}` not found (resolved to {path}); what it holds is not read"
                    ),
                )),
            }
        }
        self.blocks = out;
        for (line, message) in notes {
            self.warn(line, message);
        }
    }
}
