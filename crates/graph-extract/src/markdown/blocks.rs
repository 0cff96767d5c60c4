//! Markdown to a flat list of blocks with 1-based line numbers, built from pulldown-cmark events.
//!
//! Everything the extractor knows about a page's structure comes from here: headings, paragraphs
//! (inline text with links flattened), tables, code blocks, HTML blocks (where the annotations live)
//! and the front matter. The rest of the crate only looks inside single blocks.

mod html;
mod model;
mod parse;

pub(crate) use html::{Comment, comments, front_matter};
pub(crate) use model::{Block, BlockKind, Inline, Row, Table};
pub(crate) use parse::parse;

#[cfg(test)]
mod tests;
