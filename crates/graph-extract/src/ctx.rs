//! The extraction state of one page ([`Ctx`]): its blocks, its warnings, how it reads includes,
//! and the section lookups and link resolution every reader uses.

use std::ops::Range;

use graph_spec::{ApiVersion, PathTemplate, Warning};

use crate::error::{ErrorKind, ExtractError};
use crate::markdown::blocks::{Block, BlockKind};

/// Whether a heading's text is one of `names` (lower case; compared case-insensitively, a trailing
/// `:` ignored).
pub(crate) fn names_match(names: &[&str], text: &str) -> bool {
    let t = text.trim_end_matches(':');
    names.iter().any(|n| t.eq_ignore_ascii_case(n))
}

/// Whether a URL path below the version is an instance of one of the page's paths.
pub(crate) fn documents(paths: &[PathTemplate], below: &str) -> bool {
    paths.iter().any(|p| p.match_path(below).is_some())
}

/// Normalises an include destination relative to the page's directory. `None` when it leaves the docs root.
pub(crate) fn resolve(page: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or(dest).trim();
    let mut parts: Vec<&str> = if dest.starts_with('/') {
        Vec::new()
    } else {
        page.split('/').collect()
    };
    parts.pop(); // the page's file name
    for part in dest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a `String` cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

pub(crate) fn api_version(page: &str) -> Result<ApiVersion, ExtractError> {
    let mut parts = page.split('/');
    let version = match (parts.next(), parts.next()) {
        (Some("api-reference"), Some("v1.0")) => Some(ApiVersion::V1),
        (Some("api-reference"), Some("beta")) => Some(ApiVersion::Beta),
        _ => None,
    };
    version.ok_or_else(|| ExtractError {
        file: page.to_string(),
        line: 0,
        kind: ErrorKind::Version,
        message: "cannot tell the API version: expected a page path `api-reference/v1.0/...` or \
                  `api-reference/beta/...`"
            .to_string(),
    })
}

/// The extraction state of one page.
pub(crate) struct Ctx<'a> {
    pub page: &'a str,
    pub blocks: Vec<Block>,
    pub warnings: Vec<Warning>,
    pub read_include: &'a dyn Fn(&str) -> Option<String>,
}

impl Ctx<'_> {
    pub(crate) fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }

    pub(crate) fn error(
        &self,
        kind: ErrorKind,
        line: usize,
        message: impl Into<String>,
    ) -> ExtractError {
        ExtractError {
            file: self.page.to_string(),
            line,
            kind,
            message: message.into(),
        }
    }

    /// The first level-2 section with one of `names` (lower case; compared case-insensitively): its
    /// heading index and the block range up to the next heading of level 1 or 2.
    pub(crate) fn section(&self, names: &[&str]) -> Option<(usize, Range<usize>)> {
        self.sections_where(|level, text| level == 2 && names_match(names, text))
            .into_iter()
            .next()
    }

    /// Every heading for which `wanted(level, text)` holds (`text` is its plain text, trimmed):
    /// its index and the block range up to the next heading of the same or a higher level.
    pub(crate) fn sections_where(
        &self,
        wanted: impl Fn(u8, &str) -> bool,
    ) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            let BlockKind::Heading { level, inline } = &b.kind else {
                continue;
            };
            if !wanted(*level, inline.plain().trim()) {
                continue;
            }
            let end = (i + 1..self.blocks.len())
                .find(|&j| {
                    matches!(self.blocks.get(j).map(|b| &b.kind), Some(BlockKind::Heading { level: l, .. }) if l <= level)
                })
                .unwrap_or(self.blocks.len());
            out.push((i, i + 1..end));
        }
        out
    }

    pub(crate) fn summary(&mut self, h1: Option<usize>) -> String {
        let start = h1.map_or(0, |i| i + 1);
        let mut paragraphs: Vec<String> = Vec::new();
        for block in self.blocks.iter().skip(start) {
            match &block.kind {
                BlockKind::Heading { .. } => break,
                BlockKind::Html(_) | BlockKind::Metadata(_) => {}
                BlockKind::Paragraph { inline, nested } => {
                    let mut text = inline.text.as_str();
                    if let Some(rest) = text.strip_prefix("Namespace:") {
                        // `Namespace: microsoft.graph`, possibly with the summary run on after it.
                        let rest = rest.trim_start();
                        text = rest.split_once(' ').map_or("", |(_, r)| r).trim();
                    }
                    let skip = *nested || text.is_empty() || text.starts_with("[!INCLUDE");
                    match (skip, paragraphs.is_empty()) {
                        (true, true) => {}
                        (true, false) => break,
                        (false, _) => paragraphs.push(text.to_string()),
                    }
                }
                _ => {
                    if !paragraphs.is_empty() {
                        break;
                    }
                }
            }
        }
        if paragraphs.len() > 1 && paragraphs.last().is_some_and(|p| p.ends_with(':')) {
            paragraphs.pop();
        }
        if paragraphs.is_empty() {
            self.warn(
                self.blocks
                    .get(start.saturating_sub(1))
                    .map_or(1, |b| b.line),
                "no summary paragraph after the title heading",
            );
        }
        paragraphs.join("\n\n")
    }
}
