//! The HTTP messages of examples: a request or response code block read into the spec's example
//! types, with the JSON repairs the docs need (trailing commas).

use graph_spec::{ExampleRequest, ExampleResponse, Header};
use serde_json::Value;

use crate::page::http;
use crate::{Ctx, ErrorKind, ExtractError};

/// Removes commas that directly precede `}` or `]` (outside strings).
pub(crate) fn strip_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut in_string = false;
    let mut escaped = false;
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars
                .get(i + 1..)
                .and_then(|r| r.iter().find(|c| !c.is_whitespace()));
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// serde_json appends " at line L column C"; the extractor reports the page line itself.
pub(crate) fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

fn headers(message: &http::Message) -> Vec<Header> {
    message
        .headers
        .iter()
        .map(|h| Header {
            name: h.name.clone(),
            value: Some(h.value.clone()),
            required: false,
        })
        .collect()
}

/// A message body as JSON; one that is valid only without its trailing commas is read that way,
/// with a warning on `line` naming `what` (`request body of example `x``). Otherwise the error of
/// the body as written.
fn json_body(
    ctx: &mut Ctx<'_>,
    line: usize,
    text: &str,
    what: &str,
) -> Result<Value, serde_json::Error> {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Ok(v),
        Err(e) => match serde_json::from_str::<Value>(&strip_trailing_commas(text)) {
            Ok(v) => {
                ctx.warn(
                    line,
                    format!("{what} is malformed: a trailing comma was removed"),
                );
                Ok(v)
            }
            Err(_) => Err(e),
        },
    }
}

/// Reads the HTTP request of example `name` from its code block.
pub(crate) fn read_request(
    ctx: &mut Ctx<'_>,
    name: &str,
    text: &str,
    first_line: usize,
) -> Result<ExampleRequest, ExtractError> {
    let message = http::message(text, first_line).map_err(|(line, m)| {
        ctx.error(
            ErrorKind::Example,
            line,
            format!("request example `{name}`: {m}"),
        )
    })?;
    let (method, url) = http::request_start(&message.start.1).ok_or_else(|| {
        ctx.error(
            ErrorKind::Example,
            message.start.0,
            format!(
                "request example `{name}`: expected `METHOD URL` (GET, POST, PUT, PATCH or DELETE) as its first \
                 line, found `{}`",
                message.start.1
            ),
        )
    })?;
    let body = match &message.body {
        None => None,
        Some((line, text)) => match json_body(
            ctx,
            *line,
            text,
            &format!("request body of example `{name}`"),
        ) {
            Ok(v) => Some(v),
            Err(e) => {
                let content_type = message
                    .headers
                    .iter()
                    .find(|h| h.name.eq_ignore_ascii_case("content-type"))
                    .map(|h| h.value.as_str());
                let looks_json = text.starts_with('{')
                    || text.starts_with('[')
                    || content_type.is_some_and(|c| c.to_ascii_lowercase().contains("json"));
                if looks_json {
                    return Err(ctx.error(
                        ErrorKind::Example,
                        line + e.line().saturating_sub(1),
                        format!(
                            "request body of example `{name}` is not valid JSON: {}",
                            strip_position(&e.to_string())
                        ),
                    ));
                }
                ctx.warn(
                    *line,
                    format!(
                        "request body of example `{name}` is not JSON (Content-Type `{}`); recorded without a body",
                        content_type.unwrap_or("not given")
                    ),
                );
                None
            }
        },
    };
    Ok(ExampleRequest {
        method,
        url,
        headers: headers(&message),
        body,
    })
}

/// Reads the HTTP response of example `name` from its code block. A body that is not JSON is a
/// warning and no body (`truncated`: the annotation says the body is cut short).
pub(crate) fn read_response(
    ctx: &mut Ctx<'_>,
    name: &str,
    text: &str,
    first_line: usize,
    truncated: bool,
) -> Result<ExampleResponse, ExtractError> {
    let message = http::message(text, first_line).map_err(|(line, m)| {
        ctx.error(
            ErrorKind::Example,
            line,
            format!("response of example `{name}`: {m}"),
        )
    })?;
    let status = http::status_line(&message.start.1).ok_or_else(|| {
        ctx.error(
            ErrorKind::Example,
            message.start.0,
            format!(
                "response of example `{name}`: expected a status line such as `HTTP/1.1 200 OK`, found `{}`",
                message.start.1
            ),
        )
    })?;
    let body = match &message.body {
        None => None,
        Some((line, text)) => match json_body(
            ctx,
            *line,
            text,
            &format!("response body of example `{name}`"),
        ) {
            Ok(v) => Some(v),
            Err(e) => {
                let why = if truncated {
                    "is not complete JSON (the annotation says it is truncated)".to_string()
                } else {
                    format!("is not valid JSON ({})", strip_position(&e.to_string()))
                };
                ctx.warn(
                    *line,
                    format!("response body of example `{name}` {why}; recorded without a body"),
                );
                None
            }
        },
    };
    Ok(ExampleResponse {
        status,
        headers: headers(&message),
        body,
        truncated,
    })
}
