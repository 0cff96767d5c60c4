//! What the client tells `tracing`, and what it keeps out of it.
//!
//! One span per call (`graph.request`: method, path template, API version,
//! client-request-id), an event per attempt, one per retry, a warning when a
//! response is dropped. Headers are logged through an allow-list (as
//! azure-sdk-for-rust's logging policy does): a header not on it shows
//! `REDACTED`, so a new secret header is safe by default. Bodies are logged
//! only when the client was built with `log_bodies(true)`.

use std::fmt::{self, Write as _};
use std::time::Instant;

use http::header::HeaderMap;
use reqwest::Url;
use tracing::Span;

use crate::Request;

/// Headers whose values may appear in logs. Everything else is `REDACTED`.
const LOGGABLE_HEADERS: &[&str] = &[
    "accept",
    "cache-control",
    "client-request-id",
    "consistencylevel",
    "content-length",
    "content-type",
    "date",
    "etag",
    "if-match",
    "if-none-match",
    "prefer",
    "preference-applied",
    "request-id",
    "retry-after",
    "retry-attempt",
    "sdkversion",
    "strict-transport-security",
    "transfer-encoding",
    "user-agent",
    "x-ms-ags-diagnostic",
    "x-ms-resource-unit",
    "x-ms-throttle-limit-percentage",
    "x-ms-throttle-scope",
];

/// The most body bytes an event carries (when bodies are logged at all).
pub(crate) const LOGGED_BODY_LIMIT: usize = 4096;

/// The span of one call.
pub(crate) fn request_span(
    request: &Request,
    url: &Url,
    base_path: &str,
    client_request_id: &str,
) -> Span {
    // Borrowed, so that a call without a subscriber allocates nothing here.
    let (path, api_version): (&str, &str) = if request.anonymous {
        // A preauthenticated URL holds its credentials: only its template.
        (request.template.as_deref().unwrap_or("(download)"), "")
    } else if request.absolute.is_some() {
        // A next link: its path under the base URL and version, without the query (skip tokens).
        let under_base = url.path().strip_prefix(base_path).unwrap_or(url.path());
        let after_slash = under_base.strip_prefix('/').unwrap_or(under_base);
        match after_slash.find('/') {
            Some(end) => (
                after_slash.get(end..).unwrap_or_default(),
                after_slash.get(..end).unwrap_or_default(),
            ),
            None => (under_base, ""),
        }
    } else {
        let path = match &request.template {
            Some(template) => template.as_str(),
            None => request.path.split('?').next().unwrap_or_default(),
        };
        (path, request.version.as_str())
    };
    tracing::info_span!(
        "graph.request",
        method = %request.method,
        path,
        api_version,
        client_request_id = %client_request_id,
    )
}

/// Milliseconds since `start`, with a fractional part.
pub(crate) fn elapsed_ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// Headers as `name: value` pairs separated by `; `, values of headers not on
/// the allow-list replaced by `REDACTED`.
pub(crate) struct Sanitized<'a>(pub(crate) &'a HeaderMap);

impl fmt::Display for Sanitized<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (name, value) in self.0 {
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            f.write_str(name.as_str())?;
            f.write_str(": ")?;
            let allowed = LOGGABLE_HEADERS.contains(&name.as_str()) && !value.is_sensitive();
            match value.to_str() {
                Ok(text) if allowed => f.write_str(text)?,
                Err(_) if allowed => f.write_str("(not text)")?,
                _ => f.write_str("REDACTED")?,
            }
        }
        Ok(())
    }
}

/// A body for an event: the first [`LOGGED_BODY_LIMIT`] bytes, lossily
/// decoded, with the full length when cut.
pub(crate) fn body_text(body: &[u8]) -> String {
    let shown = body.get(..LOGGED_BODY_LIMIT).unwrap_or(body);
    let mut text = String::from_utf8_lossy(shown).into_owned();
    if shown.len() < body.len() {
        let _ = write!(text, "... ({} bytes)", body.len());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::{AUTHORIZATION, HeaderValue};

    #[test]
    fn headers_off_the_allow_list_are_redacted() {
        let mut headers = HeaderMap::new();
        headers.insert("request-id", HeaderValue::from_static("r-1"));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer s3cret"));
        headers.insert("x-custom", HeaderValue::from_static("private"));
        let mut sensitive = HeaderValue::from_static("hidden");
        sensitive.set_sensitive(true);
        headers.insert("prefer", sensitive);
        let text = Sanitized(&headers).to_string();
        assert_eq!(
            text,
            "request-id: r-1; authorization: REDACTED; x-custom: REDACTED; prefer: REDACTED"
        );
    }

    #[test]
    fn long_bodies_are_cut() {
        assert_eq!(body_text(b"{\"a\":1}"), "{\"a\":1}");
        let long = vec![b'x'; LOGGED_BODY_LIMIT + 10];
        let text = body_text(&long);
        assert!(text.ends_with(&format!("... ({} bytes)", LOGGED_BODY_LIMIT + 10)));
        assert_eq!(text.len(), LOGGED_BODY_LIMIT + "... (4106 bytes)".len());
    }
}
