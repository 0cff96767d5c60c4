//! The OData query options a page says its operation supports, from its *Optional query
//! parameters* section ([`QueryOptions`]).
//!
//! - Options named in the section's text or its table's first column (`$select`, `` `$orderBy` ``,
//!   or a known name in code without its `$`, `` `select` ``) are recorded in their canonical
//!   spelling ([`graph_spec::QUERY_OPTIONS`]): support `named`.
//! - "supports the OData query parameters ..., including `$search`, `$count`": support `general`,
//!   with the names it gives as well (they may go beyond the general set of the kind).
//! - "supports the OData query parameters" without naming any: support `general`, with the options
//!   a subsection of notes names (`### Using filter and orderby in the same query`). A parameter of
//!   the operation's own (`@microsoft.graph.conflictBehavior`) is not an OData option.
//! - "does not support" (or "doesn't support") query parameters, with none named elsewhere in the
//!   section: support `none` (options a negative sentence names are the ones left out).
//! - A section that says neither (only a table of the function's own parameters, say) records
//!   nothing, and neither does a page without the section.

use std::collections::BTreeSet;

use graph_spec::{QueryOptions, QuerySupport};

use crate::Ctx;
use crate::markdown::blocks::{BlockKind, Inline};

/// The canonical spelling of a query option written `word` (with or without `$`, any case).
fn canonical(word: &str) -> Option<&'static str> {
    graph_spec::query_option(&format!("${}", word.trim().trim_start_matches('$')))
}

/// Every `$option` in `text`, and every code span that is an option's name without `$`.
fn named_in(inline: &Inline, out: &mut BTreeSet<&'static str>) {
    let text = &inline.text;
    for (i, _) in text.match_indices('$') {
        let word: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if let Some(o) = canonical(&word) {
            out.insert(o);
        }
    }
    for code in &inline.codes {
        if let Some(o) = canonical(inline.span(code)) {
            out.insert(o);
        }
    }
}

impl Ctx<'_> {
    /// What the *Optional query parameters* section says, or `None` when the page has no such
    /// section or it says nothing about OData query options.
    pub(crate) fn query_options(&self) -> Option<QueryOptions> {
        let (heading, range) = self.section(&["optional query parameters", "query parameters"])?;
        let line = self.blocks.get(heading).map_or(1, |b| b.line);
        // Options named in the section itself, and in a subsection of notes (`### Using filter and
        // orderby in the same query`), which tells how to use options rather than which exist.
        let mut names = BTreeSet::new();
        let mut noted = BTreeSet::new();
        let mut general = false;
        let mut including = false;
        let mut none = false;
        let mut in_notes = false;
        for block in self.blocks.get(range).unwrap_or_default() {
            let found = if in_notes { &mut noted } else { &mut names };
            match &block.kind {
                BlockKind::Heading { inline, .. } => {
                    in_notes = !inline
                        .plain()
                        .to_ascii_lowercase()
                        .contains("query parameter");
                }
                BlockKind::Paragraph { inline, .. } => {
                    let lower = inline.plain().to_ascii_lowercase();
                    let about = lower.contains("odata")
                        || lower.contains("query parameter")
                        || lower.contains("query option");
                    let negative = lower.contains("not support") || lower.contains("n't support");
                    if about && negative {
                        // "does not support the OData query parameters (e.g. $filter is not
                        // supported here)": the options it names are the ones left out.
                        none = true;
                        continue;
                    }
                    named_in(inline, found);
                    // "supports the `@microsoft.graph.conflictBehavior` query parameter" is a
                    // parameter of the operation's own, not OData's options.
                    let supports = lower.contains("odata") && lower.contains("support");
                    general |= supports;
                    // "supports the OData query parameters ..., including `$search`": the
                    // general set, and these besides.
                    including |= supports && lower.contains("including");
                }
                BlockKind::Table(table) => {
                    for row in &table.rows {
                        if let Some(first) = row.cells.first() {
                            named_in(first, found);
                        }
                    }
                }
                _ => {}
            }
        }
        let direct = !names.is_empty();
        names.extend(noted);
        let support = if including {
            QuerySupport::General
        } else if direct {
            QuerySupport::Named
        } else if general {
            QuerySupport::General
        } else if none {
            QuerySupport::None
        } else {
            return None;
        };
        Some(QueryOptions {
            support,
            names: names.into_iter().map(String::from).collect(),
            line,
        })
    }
}
