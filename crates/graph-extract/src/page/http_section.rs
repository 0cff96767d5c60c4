//! The `## HTTP request` section: the operation's method and paths.
//!
//! One code block of `METHOD /path` lines, read line by line (a bad line is skipped with a warning;
//! a section without a usable path is an error). A page that documents one operation per `##`
//! section has an `### HTTP request` in each, and their paths are the operation's paths; so do
//! several `## HTTP request (to upload a new file)` sections, one per case. Paths
//! relative to the service root (`~/users`, `users/{id}`) are read from it, with a warning.

use std::ops::Range;

use graph_spec::{HttpMethod, PathTemplate};

use crate::markdown::blocks::BlockKind;
use crate::{Ctx, ErrorKind, ExtractError, names_match, page::http};

impl Ctx<'_> {
    pub(crate) fn http_request(
        &mut self,
        h1: Option<usize>,
    ) -> Result<(HttpMethod, Vec<PathTemplate>, Range<usize>), ExtractError> {
        let fallback_line = h1.and_then(|i| self.blocks.get(i)).map_or(1, |b| b.line);
        const NAMES: [&str; 2] = ["http request", "http requests"];
        // A page that documents one operation per `##` section (`Get a user's OneDrive`, ...) has
        // an `### HTTP request` in each: their paths are the operation's paths.
        let sections = match self.section(&NAMES) {
            Some(found) => vec![found],
            None => {
                let below =
                    self.sections_where(|level, text| level > 2 && names_match(&NAMES, text));
                if below.is_empty() {
                    // `## HTTP request (to upload a new file)`, one per case.
                    self.sections_where(|level, text| {
                        level == 2 && text.to_ascii_lowercase().starts_with("http request (")
                    })
                } else {
                    below
                }
            }
        };
        let Some((heading, range)) = sections.first().cloned() else {
            return Err(self.error(
                ErrorKind::HttpRequest,
                fallback_line,
                "the page has no `## HTTP request` section: expected one with a code block of `METHOD /path` lines",
            ));
        };
        let heading_line = self.blocks.get(heading).map_or(0, |b| b.line);
        // A line that cannot be read (a typo such as an unclosed `{`) is skipped with a warning, so
        // that one bad path does not lose the page's others; only a section without any usable path
        // is an error.
        let mut lines = Vec::new();
        let mut bad = Vec::new();
        let blocks = sections
            .iter()
            .flat_map(|(_, r)| self.blocks.get(r.clone()).unwrap_or(&[]));
        for block in blocks {
            if let BlockKind::Code {
                text, first_line, ..
            } = &block.kind
            {
                for parsed in http::request_lines(text, *first_line) {
                    match parsed {
                        Ok(l) => lines.push(l),
                        Err(e) => bad.push(e),
                    }
                }
            }
        }
        let Some(first) = lines.first() else {
            return Err(match bad.into_iter().next() {
                Some((line, message)) => self.error(
                    ErrorKind::HttpRequest,
                    line,
                    format!("{message}, and the `## HTTP request` section has no other path"),
                ),
                None => self.error(
                    ErrorKind::HttpRequest,
                    heading_line,
                    "the `## HTTP request` section has no code block with a `METHOD /path` line",
                ),
            });
        };
        for (line, message) in bad {
            self.warn(line, format!("{message}; this path is skipped"));
        }
        let (method, first_line) = (first.method, first.line);
        let mut paths: Vec<PathTemplate> = Vec::new();
        let mut notes = Vec::new();
        // `$value`, `$ref` and `$count` address another operation than the entity itself.
        let suffix = |template: &str| {
            template
                .rsplit('/')
                .next()
                .filter(|last| last.starts_with('$'))
                .map(str::to_string)
        };
        let first_suffix = suffix(&first.path.template);
        for l in lines {
            let own_suffix = suffix(&l.path.template);
            if l.method == method && own_suffix != first_suffix {
                notes.push((
                    l.line,
                    format!(
                        "`{}` addresses {} rather than what line {first_line} does: the page documents \
                         more than one operation; this path is skipped",
                        l.path.template,
                        own_suffix.as_deref().unwrap_or("the entity itself"),
                    ),
                ));
                continue;
            }
            if l.method != method {
                // One spec holds one operation: the first method's paths are kept.
                notes.push((
                    l.line,
                    format!(
                        "method `{}` differs from `{}` on line {first_line}: the page documents more than one \
                         operation; this path is skipped",
                        l.method.as_str(),
                        method.as_str()
                    ),
                ));
                continue;
            }
            if let Some(note) = l.note {
                notes.push((l.line, note));
            }
            if !paths.iter().any(|p| p.template == l.path.template) {
                paths.push(l.path);
            }
        }
        for (line, note) in notes {
            self.warn(line, note);
        }
        Ok((method, paths, range))
    }
}
