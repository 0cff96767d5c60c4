//! The `Response` section: success status, body type and mentioned headers; cross-checked against the
//! examples' responses.

use graph_spec::{ApiVersion, EdmType, PathTemplate, Response};

use crate::markdown::blocks::Inline;
use crate::page::examples::Annotated;
use crate::page::response_prose::{
    body_type, find_status, is_redirect, is_success, mentioned_headers,
};
use crate::types;
use crate::{Ctx, ExtractError};

/// Whether an example response body fits a body type: `Some` only when the body tells, that is for
/// a primitive or collection type, whose value Graph wraps as `{"value": ...}`.
fn fits_body(ty: &EdmType, body: Option<&serde_json::Value>) -> Option<bool> {
    let value = body?.get("value")?;
    match ty {
        EdmType::Named(_) => None,
        _ => Some(types::value_fits(ty, value)),
    }
}

/// Whether two types are both named types, or both collections of named types.
fn both_named_alike(a: &EdmType, b: &EdmType) -> bool {
    match (a, b) {
        (EdmType::Named(_), EdmType::Named(_)) => true,
        (EdmType::Collection(a), EdmType::Collection(b)) => {
            matches!((&**a, &**b), (EdmType::Named(_), EdmType::Named(_)))
        }
        _ => false,
    }
}

/// The `Content-Type` of an example response when it is given and is not JSON.
fn non_json_content(r: &graph_spec::ExampleResponse) -> Option<&str> {
    let value = r
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))?
        .value
        .as_deref()?;
    (!value.to_ascii_lowercase().contains("json")).then_some(value)
}

/// Whether an example answering `example` shows the result of the documented status: the same
/// status; two statuses with a body (`200` beside a documented `201`); or any success beside a
/// documented redirect (`302 Found` to a download), whose type is that of the content behind it.
fn same_result(example: u16, documented: u16) -> bool {
    example == documented
        || (has_body(example) && has_body(documented))
        || (is_redirect(documented) && is_success(example))
}

/// Whether an example may give the body type of a documented status: one that carries a body,
/// or a redirect, whose "body" is the content it leads to.
fn may_take(status: u16) -> bool {
    has_body(status) || is_redirect(status)
}

/// Whether a success status can carry the operation's result in its body: not `204 No Content`,
/// and not a redirect (whose body, if any, is not the result).
fn has_body(status: u16) -> bool {
    status != 204 && (200..=299).contains(&status)
}

/// The type an `@odata.context` names: `$metadata#Edm.Boolean`, `$metadata#Collection(Edm.String)`,
/// `$metadata#microsoft.graph.user`. Entity-set contexts (`$metadata#users/$entity`) name no type.
fn context_type(body: &serde_json::Value) -> Option<EdmType> {
    let context = body.get("@odata.context")?.as_str()?;
    let (_, fragment) = context.split_once("$metadata#")?;
    let (inner, collection) = match fragment
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        Some(inner) => (inner, true),
        None => (fragment, false),
    };
    let ty = match inner.strip_prefix("Edm.") {
        Some(word) => EdmType::Primitive(graph_spec::Primitive::from_name(word)?),
        None => {
            let name = inner.strip_prefix("microsoft.graph.")?;
            let ok =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok {
                return None;
            }
            EdmType::Named(inner.to_string())
        }
    };
    Some(if collection { ty.collection_of() } else { ty })
}

/// The type of a body that is a single primitive in `value` (`{"value": true}`, with or without
/// an `@odata.context`): `Edm.Boolean` for a boolean, `Edm.String` for a string. A number says
/// too little (`Int32`, `Int64`, `Double`?), and an object or array is an entity or a collection.
fn value_type(body: &serde_json::Value) -> Option<EdmType> {
    let map = body.as_object()?;
    if map.keys().any(|k| k != "value" && !k.starts_with('@')) {
        return None;
    }
    let word = match map.get("value")? {
        serde_json::Value::Bool(_) => graph_spec::Primitive::Boolean,
        serde_json::Value::String(_) => graph_spec::Primitive::String,
        _ => return None,
    };
    Some(EdmType::Primitive(word))
}

/// The documented success response.
pub(crate) fn response(
    ctx: &mut Ctx<'_>,
    annotated: &Annotated,
    paths: &[PathTemplate],
    version: ApiVersion,
) -> Result<Response, ExtractError> {
    let section = ctx.section(&["response", "responses"]);
    let heading_line = section
        .as_ref()
        .and_then(|(h, _)| ctx.blocks.get(*h))
        .map_or(1, |b| b.line);
    // The section's paragraphs are borrowed while `ctx` takes warnings; the blocks are put back afterwards.
    let blocks = std::mem::take(&mut ctx.blocks);
    let paragraphs: Vec<(usize, &Inline)> = section
        .and_then(|(_, range)| blocks.get(range))
        .unwrap_or(&[])
        .iter()
        .filter_map(|b| b.paragraph().map(|p| (b.line, p)))
        .collect();
    let result = documented(ctx, annotated, (paths, version), heading_line, &paragraphs);
    ctx.blocks = blocks;
    result
}

/// The documented success response, from the paragraphs of the `Response` section.
fn documented(
    ctx: &mut Ctx<'_>,
    annotated: &Annotated,
    (paths, version): (&[PathTemplate], ApiVersion),
    heading_line: usize,
    paragraphs: &[(usize, &Inline)],
) -> Result<Response, ExtractError> {
    let mut status = None;
    let mut body = None;
    for (line, p) in paragraphs {
        let Some((code, end)) = find_status(&p.text) else {
            continue;
        };
        status = Some(code);
        match body_type(p, end) {
            Ok(Some((ty, note, dest))) => {
                if let Some(note) = note {
                    ctx.warn(*line, note);
                }
                // `[term](../resources/termstore-term.md)` is `microsoft.graph.termStore.term`.
                body = Some(match dest {
                    Some(dest) => ctx.qualify_linked(ty, &dest),
                    None => ty,
                });
            }
            Ok(None) => {}
            Err(why) => ctx.warn(
                *line,
                format!("the response section mentions a response body, but {why}; recorded without a body type"),
            ),
        }
        break;
    }
    let mut headers: Vec<String> = Vec::new();
    for (_, p) in paragraphs {
        for h in mentioned_headers(&p.text) {
            if !headers.iter().any(|x| x.eq_ignore_ascii_case(&h)) {
                headers.push(h);
            }
        }
    }

    let mut from_example = None;
    let status = match status {
        Some(s) => s,
        None => {
            let found = annotated.examples.iter().enumerate().find_map(|(i, e)| {
                let r = e.response.as_ref()?;
                is_success(r.status).then_some((i, e, r))
            });
            let Some((i, e, r)) = found else {
                // Nothing says: a body type implies `200 OK`, else `204 No Content`.
                let assumed = if body.is_some() { 200 } else { 204 };
                ctx.warn(
                    heading_line,
                    format!(
                        "the `## Response` section names no success status (expected text such as \
                         \"returns a `200 OK` response code\") and no example response has one; assumed {assumed}"
                    ),
                );
                return Ok(Response {
                    status: assumed,
                    body_type: body,
                    headers,
                });
            };
            let extra = annotated.extras.get(i);
            let line = extra.and_then(|x| x.response_line).unwrap_or(e.line);
            ctx.warn(
                heading_line,
                format!(
                    "the response section names no success status; took {} from the response of example `{}` \
                     (line {line})",
                    r.status, e.name
                ),
            );
            for h in &r.headers {
                let skip = h.name.eq_ignore_ascii_case("content-type")
                    || h.name.eq_ignore_ascii_case("content-length");
                if !skip && !headers.iter().any(|x| x.eq_ignore_ascii_case(&h.name)) {
                    headers.push(h.name.clone());
                }
            }
            if body.is_none() {
                body = extra.and_then(|x| x.response_type.clone());
            }
            from_example = Some(i);
            r.status
        }
    };

    let mut annotated_type = None;
    let mut taken_type = None;
    for (i, e) in annotated.examples.iter().enumerate() {
        let Some(r) = &e.response else { continue };
        // An example of another operation on the page (`.../$value` beside the entity's get)
        // says nothing of this one's response.
        if !crate::documents(paths, version.path_below(&e.request.url)) {
            continue;
        }
        let mut extra = annotated.extras.get(i).cloned().unwrap_or_default();
        let line = extra.response_line.unwrap_or(e.line);
        // A typed success body sent as something other than JSON (a CSV report as
        // `application/octet-stream`) is bytes, whatever word the annotation uses for it.
        if let (Some(ty), Some(content_type)) = (&extra.response_type, non_json_content(r))
            && (200..300).contains(&r.status)
            && *ty != EdmType::Primitive(graph_spec::Primitive::Stream)
        {
            ctx.warn(
                line,
                format!(
                    "example `{}` answers `{content_type}`, not JSON: its body is recorded as `Edm.Stream` \
                     rather than the annotation's `{ty}`",
                    e.name
                ),
            );
            extra.response_type = Some(EdmType::Primitive(graph_spec::Primitive::Stream));
        }
        // An error example documents an error, not the success body: its type is never taken. Nor
        // is the type of a success the section does not document (a 200 beside a documented 302).
        if !is_success(r.status) {
            continue;
        }
        let same_status = same_result(r.status, status);
        if Some(i) != from_example && r.status != status {
            ctx.warn(
                line,
                format!(
                    "example `{}` responds {}, but the response section documents {status}",
                    e.name, r.status
                ),
            );
        }
        match (&extra.response_type, &body) {
            // The annotation says one type, the prose another, and the example's own body can only
            // be the prose's: the example is the evidence.
            (Some(a), Some(b))
                if a != b
                    && same_status
                    && fits_body(b, r.body.as_ref()) == Some(true)
                    && fits_body(a, r.body.as_ref()) == Some(false) =>
            {
                ctx.warn(
                    line,
                    format!(
                        "the response annotation of example `{}` types the body `{a}`, but the response section says \
                         `{b}`, which the example's body fits; using the section's type",
                        e.name
                    ),
                );
            }
            // Two named types of the same shape: the section links the operation's resource, the
            // annotation often names what this one example holds (a facet, a derived type).
            (Some(a), Some(b)) if a != b && same_status && both_named_alike(a, b) => {
                ctx.warn(
                    line,
                    format!(
                        "the response annotation of example `{}` types the body `{a}`, but the response section links \
                         `{b}`; using the section's type",
                        e.name
                    ),
                );
            }
            (Some(a), Some(b)) if a != b && same_status => {
                // The annotation is the machine-readable statement (what apidoctor validates the
                // example against); prose types such as "String collection" are often shorthand.
                ctx.warn(
                    line,
                    format!(
                        "the response annotation of example `{}` types the body `{a}`, but the response section says \
                         `{b}`; using the annotation's type",
                        e.name
                    ),
                );
                annotated_type.get_or_insert_with(|| a.clone());
            }
            (Some(a), None) if same_status && may_take(status) => {
                ctx.warn(
                    line,
                    format!(
                        "the response section names no body type; took `{a}` from the response annotation of example \
                         `{}`",
                        e.name
                    ),
                );
                taken_type.get_or_insert_with(|| a.clone());
            }
            (None, None) if same_status && may_take(status) => {
                if let Some(ty) = r.body.as_ref().and_then(context_type) {
                    ctx.warn(
                        line,
                        format!(
                            "the response section names no body type; took `{ty}` from the `@odata.context` of \
                             example `{}`",
                            e.name
                        ),
                    );
                    taken_type.get_or_insert(ty);
                } else if let Some(ty) = r.body.as_ref().and_then(value_type) {
                    ctx.warn(
                        line,
                        format!(
                            "the response section names no body type; took `{ty}` from the `value` of example `{}`",
                            e.name
                        ),
                    );
                    taken_type.get_or_insert(ty);
                } else if r
                    .body
                    .as_ref()
                    .is_some_and(|b| b.as_object().is_some_and(|m| !m.is_empty()))
                {
                    ctx.warn(
                        line,
                        format!(
                            "example `{}` responds with a JSON body, but the response section names no body type",
                            e.name
                        ),
                    )
                }
            }
            _ => {}
        }
    }

    if annotated_type.is_some() {
        body = annotated_type;
    }
    if body.is_none() {
        body = taken_type;
    }
    if body.is_none() && may_take(status) {
        let orphan = annotated
            .orphans
            .iter()
            .find(|o| same_result(o.status, status));
        if let Some(o) = orphan {
            ctx.warn(
                o.line,
                format!(
                    "the response section names no body type; took `{}` from the response annotation at line {} \
                     (which follows no request example)",
                    o.ty, o.line
                ),
            );
            body = Some(o.ty.clone());
        }
    }
    Ok(Response {
        status,
        body_type: body,
        headers,
    })
}
