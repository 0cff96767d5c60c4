//! The request a dry-run client would have sent.

use std::fmt;

use bytes::Bytes;
use http::Method;
use http::header::HeaderMap;

/// The exact request a [dry-run](crate::ClientBuilder::dry_run) client would
/// have sent: method, absolute URL, headers and body. The `Authorization`
/// header holds `Bearer [redacted]`, never a token.
///
/// `Display` prints it as an HTTP request: `METHOD URL`, one `name: value`
/// line per header (names in lower case, as they go on the wire), then a
/// blank line and the body as sent (lossily decoded as UTF-8) when there is
/// one. The HTTP layer adds `host` and `content-length` to the real request.
#[derive(Debug, Clone)]
pub struct PreparedRequest {
    pub(crate) method: Method,
    pub(crate) url: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Bytes>,
}

impl PreparedRequest {
    /// The request method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The absolute URL, query included.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The headers, `Authorization` redacted.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body as it would be sent, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }
}

impl fmt::Display for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            let value = String::from_utf8_lossy(value.as_bytes());
            writeln!(f, "{name}: {value}")?;
        }
        if let Some(body) = &self.body {
            writeln!(f)?;
            writeln!(f, "{}", String::from_utf8_lossy(body))?;
        }
        Ok(())
    }
}
