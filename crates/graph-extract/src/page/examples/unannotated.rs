//! HTTP code blocks that no annotation names. A request that calls one of the page's documented paths
//! is still a usable example (recorded with a warning, named after its line), and an unannotated
//! response right after it is its response; any other such block is reported and left out.

use std::ops::Range;

use graph_spec::{ApiVersion, Example, PathTemplate};

use crate::Ctx;
use crate::markdown::blocks::{Block, BlockKind};
use crate::page::examples::annotation::{Annotated, Extra, first_line_of};
use crate::page::http;
use crate::page::messages::{read_request, read_response};

/// Adds the unannotated examples of `blocks` to `out` and reports the blocks it leaves out. The
/// examples stay in page order.
pub(crate) fn collect(
    ctx: &mut Ctx<'_>,
    blocks: &[Block],
    http_section: &Range<usize>,
    version: ApiVersion,
    paths: &[PathTemplate],
    out: &mut Annotated,
) {
    // The example whose request is the last HTTP code block seen, if it was taken from an
    // unannotated block: only then does an unannotated response belong to it.
    let mut open: Option<usize> = None;
    for (i, block) in blocks.iter().enumerate() {
        let BlockKind::Code {
            info,
            text,
            first_line,
        } = &block.kind
        else {
            continue;
        };
        let is_http = crate::page::examples::is_request_fence(info) && !info.trim().is_empty();
        if !is_http || http_section.contains(&i) {
            continue;
        }
        if out.annotated_code.contains(&i) {
            open = None;
            continue;
        }
        let first = first_line_of(text);
        if let Some((_, url)) = http::request_start(first) {
            open = None;
            let below = version.path_below(&url);
            if below.contains('{') {
                ctx.warn(
                    block.line,
                    format!(
                        "code block `{first}` has no annotation and its URL is a template with `{{placeholders}}`, \
                         not an example; not recorded"
                    ),
                );
                continue;
            }
            if !crate::documents(paths, below) {
                ctx.warn(
                    block.line,
                    format!(
                        "code block `{first}` looks like an example request but has no annotation and does not call \
                         a path of the `HTTP request` section; not recorded"
                    ),
                );
                continue;
            }
            let name = format!("unannotated_line_{}", block.line);
            match read_request(ctx, &name, text, *first_line) {
                Ok(request) => {
                    ctx.warn(
                        block.line,
                        format!("code block `{first}` is an example request without an annotation; recorded as `{name}`"),
                    );
                    out.examples.push(Example {
                        name,
                        line: block.line,
                        request,
                        response: None,
                    });
                    out.extras.push(Extra::default());
                    open = Some(out.examples.len() - 1);
                }
                Err(e) => ctx.warn(e.line, format!("{}; not recorded", e.message)),
            }
        } else if http::status_line(first).is_some() {
            let Some(index) = open.take() else {
                ctx.warn(
                    block.line,
                    format!(
                        "code block `{first}` looks like an example response but has no annotation and follows no \
                         request example; not recorded"
                    ),
                );
                continue;
            };
            let name = out
                .examples
                .get(index)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            match read_response(ctx, &name, text, *first_line, false) {
                Ok(response) => {
                    if let Some(example) = out.examples.get_mut(index) {
                        example.response = Some(response);
                    }
                    if let Some(extra) = out.extras.get_mut(index) {
                        extra.response_line = Some(block.line);
                    }
                }
                Err(e) => ctx.warn(e.line, format!("{}; not recorded", e.message)),
            }
        }
    }
    // Page order: the annotated examples were collected first.
    let mut both: Vec<(Example, Extra)> = std::mem::take(&mut out.examples)
        .into_iter()
        .zip(std::mem::take(&mut out.extras))
        .collect();
    both.sort_by_key(|(e, _)| e.line);
    (out.examples, out.extras) = both.into_iter().unzip();
}
