//! Example requests the docs do not annotate `request`: one annotated `ignored`, or one with no
//! annotation at all (often a ```` ```msgraph-interactive ```` block), that a response annotation
//! follows. Either is that response's example when its URL has concrete values and calls a
//! documented path.

use std::ops::Range;

use graph_spec::{ApiVersion, PathTemplate};

use crate::Ctx;
use crate::markdown::blocks::{Block, BlockKind};
use crate::page::examples::annotation::{Annotated, first_line_of};
use crate::page::http;
use crate::page::messages::read_request;

/// The last request annotated `ignored` outside the `HTTP request` section: its line, and the
/// request itself when its URL has concrete values and calls a documented path.
#[derive(Debug, Default)]
pub(crate) struct IgnoredRequest {
    pub line: Option<usize>,
    pub request: Option<(usize, graph_spec::ExampleRequest)>,
    /// The request has no annotation at all (rather than an `ignored` one).
    pub unannotated: bool,
}

/// The request code block right before a response annotation at block `idx`, when it has no
/// annotation (often a ```` ```msgraph-interactive ```` block) and calls a documented path with
/// concrete values: the docs pair them by position.
pub(crate) fn unannotated_before(
    ctx: &mut Ctx<'_>,
    blocks: &[Block],
    idx: usize,
    (http_section, version, paths): (&Range<usize>, ApiVersion, &[PathTemplate]),
    out: &mut Annotated,
) -> Option<IgnoredRequest> {
    let (j, block) = blocks
        .get(..idx)?
        .iter()
        .enumerate()
        .rev()
        .find(|(_, b)| matches!(b.kind, BlockKind::Code { .. }))?;
    let BlockKind::Code {
        info,
        text,
        first_line,
    } = &block.kind
    else {
        return None;
    };
    if out.annotated_code.contains(&j) || http_section.contains(&j) || !is_request_fence(info) {
        return None;
    }
    let request = ignored_request(ctx, block.line, text, *first_line, version, paths)?;
    out.annotated_code.insert(j);
    Some(IgnoredRequest {
        line: Some(block.line),
        request: Some(request),
        unannotated: true,
    })
}

/// Whether a code fence's info string can hold an example request: `http` (any case, with or
/// without more after it), the docs' `msgraph-interactive`, or none.
pub(crate) fn is_request_fence(info: &str) -> bool {
    let info = info.trim();
    info.is_empty()
        || info
            .as_bytes()
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"http"))
        || info.eq_ignore_ascii_case("msgraph-interactive")
}

/// An `ignored` request that calls a documented path with concrete values, read for the case a
/// response annotation follows it (the docs mark requests `ignored` to keep their validator off
/// them, not because they are wrong).
pub(crate) fn ignored_request(
    ctx: &mut Ctx<'_>,
    line: usize,
    text: &str,
    first_line: usize,
    version: ApiVersion,
    paths: &[PathTemplate],
) -> Option<(usize, graph_spec::ExampleRequest)> {
    let (_, url) = http::request_start(first_line_of(text))?;
    let below = version.path_below(&url);
    if below.contains(['{', '}']) || !crate::documents(paths, below) {
        return None;
    }
    // Warnings of a request that turns out not to be an example would only be noise.
    let saved = ctx.warnings.len();
    let read = read_request(ctx, &format!("ignored_line_{line}"), text, first_line).ok();
    ctx.warnings.truncate(saved);
    read.map(|r| (line, r))
}
