//! Annotated examples: `<!-- { "blockType": "request", "name": ... } -->` before a code fence, and the
//! next `"blockType": "response"` annotation with its fence.

use std::collections::BTreeSet;
use std::ops::Range;

use graph_spec::{ApiVersion, Example, PathTemplate};
use serde_json::{Map, Value};

use crate::markdown::blocks::{self, Block, BlockKind};
pub(crate) use crate::page::examples::annotation::{
    Annotated, Extra, Orphan, annotation_type, first_line_of, parse_annotation,
};
pub(crate) use crate::page::examples::untagged::is_request_fence;
use crate::page::examples::untagged::{IgnoredRequest, ignored_request, unannotated_before};
use crate::page::http;
use crate::page::messages::{read_request, read_response};
use crate::types;
use crate::{Ctx, ExtractError};

pub(crate) mod annotation;
pub(crate) mod unannotated;
pub(crate) mod untagged;

fn next_content_block(blocks: &[Block], after: usize) -> Option<usize> {
    (after + 1..blocks.len())
        .find(|&i| !matches!(blocks.get(i).map(|b| &b.kind), Some(BlockKind::Html(_))))
}

fn code_of(blocks: &[Block], i: Option<usize>) -> Option<(usize, &str, usize)> {
    let i = i?;
    match &blocks.get(i)?.kind {
        BlockKind::Code {
            text, first_line, ..
        } => Some((i, text.as_str(), *first_line)),
        _ => None,
    }
}

/// Gives each example a name of its own: a name used before on the page gets `_2`, `_3`, ...
/// (with a warning), so that every example can be told apart (and tested) by its name.
fn distinct_names(ctx: &mut Ctx<'_>, examples: &mut [Example]) {
    let mut seen = BTreeSet::new();
    for e in examples.iter_mut() {
        if seen.insert(e.name.clone()) {
            continue;
        }
        let renamed = (2..)
            .map(|n| format!("{}_{n}", e.name))
            .find(|n| !seen.contains(n))
            .unwrap_or_default();
        ctx.warn(
            e.line,
            format!(
                "example name `{}` is used by an earlier example of the page; this one is named `{renamed}`",
                e.name
            ),
        );
        seen.insert(renamed.clone());
        e.name = renamed;
    }
}

/// Walks every annotation of the page. `http_section` is the block range of the `HTTP request` section,
/// whose `ignored` blocks are not examples.
pub(crate) fn collect(
    ctx: &mut Ctx<'_>,
    http_section: &Range<usize>,
    version: ApiVersion,
    paths: &[PathTemplate],
) -> Result<Annotated, ExtractError> {
    let mut out = Annotated::default();
    let mut pending: Option<usize> = None;
    let mut last_ignored_request = IgnoredRequest::default();
    let blocks = std::mem::take(&mut ctx.blocks);
    let result = walk(
        ctx,
        &blocks,
        (http_section, version, paths),
        &mut out,
        &mut pending,
        &mut last_ignored_request,
    );
    if result.is_ok() {
        unannotated::collect(ctx, &blocks, http_section, version, paths, &mut out);
        distinct_names(ctx, &mut out.examples);
    }
    ctx.blocks = blocks;
    result.map(|()| out)
}

fn walk(
    ctx: &mut Ctx<'_>,
    blocks: &[Block],
    (http_section, version, paths): (&Range<usize>, ApiVersion, &[PathTemplate]),
    out: &mut Annotated,
    pending: &mut Option<usize>,
    last_ignored_request: &mut IgnoredRequest,
) -> Result<(), ExtractError> {
    for (idx, block) in blocks.iter().enumerate() {
        let BlockKind::Html(html) = &block.kind else {
            continue;
        };
        for comment in blocks::comments(html, block.line) {
            let body = comment.body.trim();
            if !body.starts_with('{') {
                continue;
            }
            let target = next_content_block(blocks, idx);
            let code = code_of(blocks, target);
            let (map, repair) = match parse_annotation(&comment.body) {
                Ok(parsed) => parsed,
                Err((rel, message)) => {
                    let at = comment.line + rel.saturating_sub(1);
                    let request_below = code
                        .and_then(|(_, text, _)| http::request_start(first_line_of(text)))
                        .is_some();
                    if request_below {
                        let code_line = code.map_or(0, |(_, _, l)| l);
                        ctx.warn(
                            at,
                            format!(
                                "annotation starting at line {} is not valid JSON ({message}); the request \
                                 example below it (line {code_line}) is read as an unannotated one",
                                comment.line
                            ),
                        );
                        continue;
                    }
                    ctx.warn(
                        at,
                        format!(
                            "annotation starting at line {} is not valid JSON ({message}); skipped",
                            comment.line
                        ),
                    );
                    continue;
                }
            };
            let Some(block_type) = map.get("blockType").and_then(Value::as_str) else {
                continue;
            };
            if let Some(repair) = &repair
                && block_type != "ignored"
            {
                ctx.warn(
                    comment.line,
                    format!("annotation JSON is malformed: {repair}"),
                );
            }
            // An example that cannot be read is skipped with a warning; the page's others are kept.
            match block_type {
                "request" => {
                    if let Err(e) = request(ctx, &comment, &map, code, out, pending) {
                        ctx.warn(e.line, format!("{}; the example is skipped", e.message));
                        *pending = None;
                    }
                }
                "response" => {
                    if pending.is_none()
                        && last_ignored_request.request.is_none()
                        && let Some(found) = unannotated_before(
                            ctx,
                            blocks,
                            idx,
                            (http_section, version, paths),
                            out,
                        )
                    {
                        *last_ignored_request = found;
                    }
                    let read = response(
                        ctx,
                        &comment,
                        &map,
                        code,
                        out,
                        pending,
                        last_ignored_request,
                    );
                    if let Err(e) = read {
                        ctx.warn(e.line, format!("{}; the response is skipped", e.message));
                    }
                }
                "ignored" => {
                    if let Some((ci, text, first_line)) = code {
                        out.annotated_code.insert(ci);
                        if !http_section.contains(&ci)
                            && http::request_start(first_line_of(text)).is_some()
                        {
                            *last_ignored_request = IgnoredRequest {
                                unannotated: false,
                                line: Some(comment.line),
                                request: ignored_request(
                                    ctx,
                                    comment.line,
                                    text,
                                    first_line,
                                    version,
                                    paths,
                                ),
                            };
                            *pending = None;
                        }
                    }
                }
                "permissions" => {
                    if let Some(t) = target {
                        out.permission_targets.push(t);
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn request(
    ctx: &mut Ctx<'_>,
    comment: &blocks::Comment,
    map: &Map<String, Value>,
    code: Option<(usize, &str, usize)>,
    out: &mut Annotated,
    pending: &mut Option<usize>,
) -> Result<(), ExtractError> {
    let given = map
        .get("name")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let name = match given {
        Some(name) => name.to_string(),
        None => {
            let name = format!("unnamed_line_{}", comment.line);
            ctx.warn(
                comment.line,
                format!(
                    "request annotation has no `name` (expected `\"name\": \"<example name>\"`); named `{name}`"
                ),
            );
            name
        }
    };
    let name = name.as_str();
    let Some((ci, text, first_line)) = code else {
        ctx.warn(
            comment.line,
            format!("request annotation `{name}` is not followed by a code block; skipped"),
        );
        return Ok(());
    };
    out.annotated_code.insert(ci);
    let request = read_request(ctx, name, text, first_line)?;
    out.examples.push(Example {
        name: name.to_string(),
        line: comment.line,
        request,
        response: None,
    });
    out.extras.push(Extra::default());
    *pending = Some(out.examples.len() - 1);
    Ok(())
}

fn response(
    ctx: &mut Ctx<'_>,
    comment: &blocks::Comment,
    map: &Map<String, Value>,
    code: Option<(usize, &str, usize)>,
    out: &mut Annotated,
    pending: &mut Option<usize>,
    last_ignored_request: &mut IgnoredRequest,
) -> Result<(), ExtractError> {
    let Some((ci, text, first_line)) = code else {
        ctx.warn(
            comment.line,
            "response annotation is not followed by a code block; skipped".to_string(),
        );
        return Ok(());
    };
    out.annotated_code.insert(ci);
    if pending.is_none()
        && let Some((line, request)) = last_ignored_request.request.take()
    {
        let shown = format!("{} {}", request.method.as_str(), request.url);
        let (name, why) = if last_ignored_request.unannotated {
            (format!("unannotated_line_{line}"), "has no annotation")
        } else {
            (format!("ignored_line_{line}"), "is annotated `ignored`")
        };
        ctx.warn(
            line,
            format!(
                "request `{shown}` {why}, but it calls a documented path with concrete values and a \
                 response annotation follows it; recorded as example `{name}`"
            ),
        );
        out.examples.push(Example {
            name,
            line,
            request,
            response: None,
        });
        out.extras.push(Extra::default());
        *pending = Some(out.examples.len() - 1);
    }
    let Some(index) = pending.take() else {
        let why = match last_ignored_request
            .line
            .filter(|_| !last_ignored_request.unannotated)
        {
            Some(l) => format!(" (the request at line {l} is annotated `ignored`)"),
            None => String::new(),
        };
        ctx.warn(
            comment.line,
            format!("response annotation is not preceded by a request example{why}; skipped"),
        );
        // Not an example, but its annotation still says what the response is.
        let status = http::message(text, first_line)
            .ok()
            .and_then(|m| http::status_line(&m.start.1));
        if let (Some(status), Some(ty)) = (status, annotation_type(map)) {
            out.orphans.push(Orphan {
                line: comment.line,
                status,
                ty,
            });
        }
        return Ok(());
    };
    let name = out
        .examples
        .get(index)
        .map(|e| e.name.clone())
        .unwrap_or_default();
    let truncated = match map.get("truncated") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s))
            if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") =>
        {
            ctx.warn(
                comment.line,
                format!("`truncated` is the string \"{s}\"; read as a boolean"),
            );
            s.eq_ignore_ascii_case("true")
        }
        Some(other) => {
            ctx.warn(
                comment.line,
                format!(
                    "`truncated` is {}: expected `true` or `false`; read as false",
                    types::kind(other)
                ),
            );
            false
        }
    };
    let response = read_response(ctx, &name, text, first_line, truncated)?;
    if let Some(example) = out.examples.get_mut(index) {
        example.response = Some(response);
    }
    if let Some(extra) = out.extras.get_mut(index) {
        extra.response_line = Some(comment.line);
        extra.response_type = annotation_type(map);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::messages::strip_trailing_commas;

    #[test]
    fn repairs_trailing_commas() {
        assert_eq!(strip_trailing_commas("{\"a\": 1,\n}"), "{\"a\": 1\n}");
        assert_eq!(strip_trailing_commas("{\"a\": \",}\"}"), "{\"a\": \",}\"}");
        let (map, repair) = parse_annotation("{ \"blockType\": \"response\", }").unwrap();
        assert_eq!(map.get("blockType"), Some(&Value::from("response")));
        assert!(repair.is_some());
        let (_, repair) = parse_annotation("{ \"blockType\": \"ignored\" } // note").unwrap();
        assert!(repair.unwrap().contains("// note"));
        assert!(parse_annotation("{ \"blockType\": response }").is_err());
    }

    #[test]
    fn annotation_types_normalise_the_namespace_case() {
        let (map, _) = parse_annotation(
            "{ \"@odata.type\": \"Microsoft.Graph.widget\", \"isCollection\": true }",
        )
        .unwrap();
        assert_eq!(
            annotation_type(&map).map(|t| t.to_string()).as_deref(),
            Some("Collection(microsoft.graph.widget)")
        );
        let (map, _) =
            parse_annotation("{ \"@odata.type\": \"Collection(Microsoft.graph.widget)\" }")
                .unwrap();
        assert_eq!(
            annotation_type(&map).map(|t| t.to_string()).as_deref(),
            Some("Collection(microsoft.graph.widget)")
        );
    }
}
