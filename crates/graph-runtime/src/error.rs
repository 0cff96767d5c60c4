//! The one error type of the runtime, and Graph's OData error body.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use serde_json::Value;

/// The largest number of body bytes copied into an error or a decode snippet.
pub(crate) const SNIPPET_LIMIT: usize = 512;

/// The largest number of bytes of an error response body that are kept.
///
/// The rest of an oversized error body is neither read nor stored.
pub const MAX_ERROR_BODY: usize = 64 * 1024;

/// Everything that can go wrong when calling Microsoft Graph through this crate.
///
/// No variant ever contains an access token: tokens are kept out of every
/// message, `Debug` output and source chain.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with an error status and an OData error body
    /// (`{"error": {"code": ..., "message": ...}}`).
    Service(Box<ServiceError>),
    /// The server answered with an error status (4xx/5xx) whose body is not a
    /// Graph error, e.g. an HTML page from a gateway.
    Http {
        /// The HTTP status code.
        status: u16,
        /// The start of the response body (at most 512 bytes, lossily decoded as UTF-8).
        body_snippet: String,
        /// The `request-id` response header, if the server sent one.
        request_id: Option<String>,
    },
    /// The request could not be sent or the response could not be read:
    /// connection refused or reset, DNS failure, TLS failure, invalid HTTP.
    Transport(reqwest::Error),
    /// No complete response arrived within the configured timeout.
    Timeout(Duration),
    /// A successful response body could not be decoded into the expected type.
    Decode {
        /// What went wrong, with the JSON path where it went wrong.
        message: String,
        /// The start of the body (at most 512 bytes, lossily decoded as UTF-8).
        snippet: String,
    },
    /// The request was rejected before anything was sent: a bad path or
    /// path parameter, a body that cannot be serialized, an invalid header.
    InvalidRequest(String),
    /// The token provider failed or returned an unusable token.
    Auth(String),
    /// The client configuration is invalid (bad base URL, missing token
    /// provider, TLS set-up failure).
    Config(String),
    /// Nothing was sent: the client was built with
    /// [`ClientBuilder::dry_run`](crate::ClientBuilder::dry_run), and this is
    /// the request it would have sent (token redacted). Its `Display` prints
    /// the request.
    DryRun(Box<crate::PreparedRequest>),
}

impl Error {
    /// The HTTP status of the response this error came from, if any.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service(e) => Some(e.status),
            Error::Http { status, .. } => Some(*status),
            Error::Transport(e) => e.status().map(|s| s.as_u16()),
            _ => None,
        }
    }

    /// The Graph service error, when this is [`Error::Service`].
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// Whether this error is a timeout (the per-request timeout, or a connect
    /// timeout reported by the HTTP client).
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Timeout(_) => true,
            Error::Transport(e) => e.is_timeout(),
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Service(e) => fmt::Display::fmt(e, f),
            Error::Http {
                status,
                body_snippet,
                request_id,
            } => {
                write!(f, "HTTP error status {status}")?;
                if let Some(id) = request_id {
                    write!(f, " (request-id: {id})")?;
                }
                if body_snippet.is_empty() {
                    f.write_str(" with an empty body")
                } else {
                    write!(f, ": {body_snippet}")
                }
            }
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Timeout(d) => write!(f, "request timed out after {d:?}"),
            Error::Decode { message, snippet } => {
                write!(f, "could not decode the response body: {message}")?;
                if !snippet.is_empty() {
                    write!(f, " (body starts with: {snippet})")?;
                }
                Ok(())
            }
            Error::InvalidRequest(m) => write!(f, "invalid request: {m}"),
            Error::Auth(m) => write!(f, "authentication failed: {m}"),
            Error::Config(m) => write!(f, "invalid client configuration: {m}"),
            Error::DryRun(request) => write!(f, "dry run, nothing sent:\n{request}"),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            // The Display above already includes the reqwest error's own
            // message, so the chain continues with *its* source.
            Error::Transport(e) => e.source(),
            _ => None,
        }
    }
}

/// One entry of the `details` array of a Graph error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// The detail's error code.
    pub code: String,
    /// The detail's message.
    pub message: String,
    /// The target of the detail (e.g. a property name), if any.
    pub target: Option<String>,
}

/// An error reported by Microsoft Graph in its OData error format.
///
/// ```json
/// {"error": {"code": "Request_ResourceNotFound", "message": "...",
///            "innerError": {"request-id": "...", "client-request-id": "...", "date": "..."},
///            "details": [{"code": "...", "message": "...", "target": "..."}]}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ServiceError {
    /// The HTTP status code.
    pub status: u16,
    /// Graph's error code, e.g. `Request_ResourceNotFound` (empty if absent).
    pub code: String,
    /// Graph's human-readable message (empty if absent).
    pub message: String,
    /// The `request-id` from the inner error, or else from the response header.
    pub request_id: Option<String>,
    /// The `client-request-id` from the inner error, or else from the response
    /// header, or else the one this client sent.
    pub client_request_id: Option<String>,
    /// The `date` from the inner error.
    pub date: Option<String>,
    /// The `details` array.
    pub details: Vec<ErrorDetail>,
    /// The delay the service asked for in its `Retry-After` header, if any.
    pub retry_after: Option<Duration>,
}

impl ServiceError {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// Graph's error code.
    pub fn code(&self) -> &str {
        &self.code
    }
    /// Graph's error message.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The service's request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The client request id.
    pub fn client_request_id(&self) -> Option<&str> {
        self.client_request_id.as_deref()
    }
    /// The date reported in the inner error.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }
    /// The error details.
    pub fn details(&self) -> &[ErrorDetail] {
        &self.details
    }
    /// The `Retry-After` delay carried by the response.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Graph service error (status {})", self.status)?;
        if !self.code.is_empty() {
            write!(f, " {}", self.code)?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        // Graph's messages end in a period of their own, so the details get a label, not a `;`.
        for (i, d) in self.details.iter().enumerate() {
            f.write_str(if i == 0 { " Details: " } else { " | " })?;
            write!(f, "{}: {}", d.code, d.message)?;
            if let Some(t) = &d.target {
                write!(f, " (target: {t})")?;
            }
        }
        match (&self.request_id, &self.client_request_id) {
            (Some(r), Some(c)) => write!(f, " [request-id: {r}, client-request-id: {c}]"),
            (Some(r), None) => write!(f, " [request-id: {r}]"),
            (None, Some(c)) => write!(f, " [client-request-id: {c}]"),
            (None, None) => Ok(()),
        }
    }
}

impl StdError for ServiceError {}

/// Parses a Graph OData error body. `None` when the body is not one.
pub(crate) fn parse_service_error(status: u16, body: &[u8]) -> Option<ServiceError> {
    let root: Value = serde_json::from_slice(body).ok()?;
    let error = root.get("error")?.as_object()?;
    let code = error.get("code").and_then(Value::as_str);
    let message = error.get("message").and_then(Value::as_str);
    if code.is_none() && message.is_none() {
        return None;
    }
    let inner = error
        .get("innerError")
        .or_else(|| error.get("innererror"))
        .and_then(Value::as_object);
    let inner_str = |key: &str| {
        inner
            .and_then(|i| i.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let details = error
        .get("details")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_object)
                .map(|d| ErrorDetail {
                    code: string_field(d, "code"),
                    message: string_field(d, "message"),
                    target: d.get("target").and_then(Value::as_str).map(str::to_owned),
                })
                .collect()
        })
        .unwrap_or_default();
    Some(ServiceError {
        status,
        code: code.unwrap_or_default().to_owned(),
        message: message.unwrap_or_default().to_owned(),
        request_id: inner_str("request-id"),
        client_request_id: inner_str("client-request-id"),
        date: inner_str("date"),
        details,
        retry_after: None,
    })
}

fn string_field(object: &serde_json::Map<String, Value>, key: &str) -> String {
    object
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The start of `body` as text: at most `limit` bytes, never splitting a
/// UTF-8 character, with a marker when something was cut.
pub(crate) fn snippet(body: &[u8], limit: usize) -> String {
    let cut = body.len() > limit;
    let head = body.get(..limit).unwrap_or(body);
    let mut text = match std::str::from_utf8(head) {
        Ok(s) => s.to_owned(),
        // Only the last character was cut in half: drop it.
        Err(e) if e.error_len().is_none() => {
            String::from_utf8_lossy(head.get(..e.valid_up_to()).unwrap_or_default()).into_owned()
        }
        Err(_) => String::from_utf8_lossy(head).into_owned(),
    };
    if cut {
        text.push_str("...");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_is_bounded_and_char_safe() {
        let body = "é".repeat(400); // 800 bytes, 2 per char
        let s = snippet(body.as_bytes(), 511);
        assert!(s.ends_with("..."));
        let text = s.trim_end_matches("...");
        assert_eq!(text.len(), 510);
        assert!(text.chars().all(|c| c == 'é'));
        assert_eq!(snippet(b"short", 512), "short");
        assert_eq!(snippet(b"", 512), "");
        assert_eq!(snippet(&[0xff, b'a'], 512), "\u{fffd}a");
    }

    #[test]
    fn parses_graph_error() {
        let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"nope",
            "innerError":{"request-id":"r1","client-request-id":"c1","date":"2024-01-01T00:00:00"},
            "details":[{"code":"d","message":"dm","target":"t"}]}}"#;
        let e = parse_service_error(404, body).expect("graph error");
        assert_eq!(e.status, 404);
        assert_eq!(e.code, "Request_ResourceNotFound");
        assert_eq!(e.message, "nope");
        assert_eq!(e.request_id.as_deref(), Some("r1"));
        assert_eq!(e.client_request_id.as_deref(), Some("c1"));
        assert_eq!(e.date.as_deref(), Some("2024-01-01T00:00:00"));
        assert_eq!(
            e.details,
            vec![ErrorDetail {
                code: "d".into(),
                message: "dm".into(),
                target: Some("t".into())
            }]
        );
    }

    #[test]
    fn non_graph_bodies_are_not_service_errors() {
        assert!(parse_service_error(500, b"<html>oops</html>").is_none());
        assert!(parse_service_error(500, b"{}").is_none());
        assert!(parse_service_error(500, br#"{"error":"x"}"#).is_none());
        assert!(parse_service_error(500, br#"{"error":{}}"#).is_none());
        assert!(parse_service_error(500, br#"[1,2]"#).is_none());
    }
}
