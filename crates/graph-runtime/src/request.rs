//! One Graph request and its successful response.

use std::fmt;

use bytes::Bytes;
use http::Method;
use http::header::{AUTHORIZATION, HOST, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{SNIPPET_LIMIT, snippet};
use crate::{ApiVersion, EncodedPath, Error};

/// A request to send with [`crate::Client::send`].
#[derive(Clone)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) version: ApiVersion,
    pub(crate) path: String,
    /// The path with `{name}` for each parameter, for logs.
    pub(crate) template: Option<String>,
    /// An absolute URL (a next link), used instead of `version` + `path`.
    pub(crate) absolute: Option<String>,
    /// A preauthenticated download (an absolute URL on any host): sent without `Authorization`.
    pub(crate) anonymous: bool,
    /// Whether a redirect is the answer rather than followed.
    pub(crate) keep_redirect: bool,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Body>,
}

/// A request body, serialized in advance so that retries can resend it.
#[derive(Clone)]
pub(crate) struct Body {
    pub(crate) content_type: HeaderValue,
    pub(crate) bytes: Bytes,
}

impl Request {
    /// A request for `path` under `{base}/{version}`.
    ///
    /// `path` must already be encoded (use [`crate::encode_path_segment`]
    /// for values, or build it with a [`crate::RequestPath`]) and start with
    /// `/`; it may carry a query string. It is checked when the request is
    /// sent. A path from [`crate::RequestPath::finish`] brings its template
    /// (see [`Request::path_template`]); a `String` or `&str` does not.
    pub fn new(method: Method, version: ApiVersion, path: impl Into<EncodedPath>) -> Request {
        let (path, template) = path.into().into_parts();
        Request {
            method,
            version,
            path,
            template,
            absolute: None,
            anonymous: false,
            keep_redirect: false,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
        }
    }

    /// A `GET` of an absolute URL returned by the service, such as an
    /// `@odata.nextLink` or `@odata.deltaLink`.
    ///
    /// When sent, the URL must lie under the client's base URL (same scheme,
    /// host and port, and base path), otherwise [`Error::InvalidRequest`]:
    /// the token is never sent to another origin.
    pub fn next_link(url: impl Into<String>) -> Request {
        let mut request = Request::new(Method::GET, ApiVersion::V1, String::new());
        request.absolute = Some(url.into());
        request
    }

    /// A `GET` of a preauthenticated download URL (see [`crate::Client::download`]): sent
    /// without `Authorization`, to whatever host it names.
    pub(crate) fn download(url: String) -> Request {
        let mut request = Request::next_link(url);
        request.anonymous = true;
        request.template = Some("(download)".to_owned());
        request
    }

    /// Makes a redirect (`3xx` with `Location`) the answer instead of following it: for calls
    /// documented to answer `302 Found`, such as report functions, whose `Location` is read with
    /// [`Response::into_redirect`] and fetched with [`crate::Client::download`]. Without it, the
    /// client follows redirects (and never carries `Authorization` to another origin).
    pub fn keep_redirect(mut self) -> Request {
        self.keep_redirect = true;
        self
    }

    /// Sets the path template the client's tracing span records instead of
    /// the path, e.g. `/users/{id}/messages` for `/users/adele%40contoso.com/messages`.
    ///
    /// Without one, the span records the template of the [`crate::RequestPath`]
    /// the path was built with, or else the path itself (without its query).
    pub fn path_template(mut self, template: impl Into<String>) -> Request {
        self.template = Some(template.into());
        self
    }

    /// Serializes `body` as JSON now; it is sent with
    /// `Content-Type: application/json`.
    pub fn json<T: Serialize + ?Sized>(self, body: &T) -> Result<Request, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::InvalidRequest(format!("could not serialize the request body as JSON: {e}"))
        })?;
        Ok(self.with_body(HeaderValue::from_static("application/json"), bytes.into()))
    }

    /// Sets a raw body with the given content type (e.g. for uploads).
    pub fn bytes(self, content_type: &str, body: impl Into<Bytes>) -> Result<Request, Error> {
        let content_type = HeaderValue::from_str(content_type)
            .map_err(|_| Error::InvalidRequest(format!("invalid content type {content_type:?}")))?;
        Ok(self.with_body(content_type, body.into()))
    }

    fn with_body(mut self, content_type: HeaderValue, bytes: Bytes) -> Request {
        self.body = Some(Body {
            content_type,
            bytes,
        });
        self
    }

    /// Appends a query parameter; `name` and `value` are percent-encoded
    /// (OData punctuation such as `$`, `'`, `(`, `)`, `,` is kept).
    pub fn query(mut self, name: &str, value: &str) -> Request {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets an extra header, e.g. `ConsistencyLevel: eventual` or `Prefer`.
    ///
    /// It replaces a standard header of the same name (`Accept`,
    /// `client-request-id`, ...). `Authorization` and `Host` cannot be set.
    pub fn header(mut self, name: &str, value: &str) -> Result<Request, Error> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::InvalidRequest(format!("invalid header name {name:?}")))?;
        if name == AUTHORIZATION || name == HOST {
            return Err(Error::InvalidRequest(format!(
                "the {name} header is set by the client and cannot be overridden"
            )));
        }
        let value = HeaderValue::from_str(value)
            .map_err(|_| Error::InvalidRequest(format!("invalid value for header {name}")))?;
        self.headers.insert(name, value);
        Ok(self)
    }

    /// The request method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The API version.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The path, as given to [`Request::new`].
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path template, if one is known (see [`Request::path_template`]).
    pub fn template(&self) -> Option<&str> {
        self.template.as_deref()
    }

    /// The serialized body, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_ref().map(|b| b.bytes.as_ref())
    }

    /// The URL relative to `{base}`: `/{version}{path}` plus the query (or
    /// the next link plus the query).
    pub(crate) fn relative_url(&self) -> String {
        let mut url = match &self.absolute {
            Some(link) => link.clone(),
            None => format!("/{}{}", self.version.as_str(), self.path),
        };
        let mut sep = if url.contains('?') { '&' } else { '?' };
        for (name, value) in &self.query {
            url.push(sep);
            url.push_str(&crate::path::encode_query(name));
            url.push('=');
            url.push_str(&crate::path::encode_query(value));
            sep = '&';
        }
        url
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.relative_url())
            .field("headers", &self.headers)
            .field("body_len", &self.body.as_ref().map(|b| b.bytes.len()))
            .finish()
    }
}

/// A successful (status below 400) response, with its body read in full.
#[derive(Clone)]
pub struct Response {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The call's span, for the warning when the body does not decode.
    pub(crate) span: tracing::Span,
}

impl Response {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// A response header's value, if present and valid text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The response body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The response body, owned.
    pub fn into_body(self) -> Bytes {
        self.body
    }

    /// The `Location` header of a redirect (`302 Found`), e.g. a report's preauthenticated
    /// download URL; [`Error::Decode`] when the response has none.
    pub fn into_redirect(self) -> Result<Redirect, Error> {
        match self.header("location") {
            Some(location) if !location.is_empty() => Ok(Redirect {
                location: location.to_owned(),
            }),
            _ => Err(Error::Decode {
                message: format!(
                    "expected a redirect with a Location header, got a {} response without one",
                    self.status
                ),
                snippet: snippet(&self.body, SNIPPET_LIMIT),
            }),
        }
    }

    /// Accepts a success that carries no meaningful body (e.g. 204).
    pub fn into_unit(self) -> Result<(), Error> {
        Ok(())
    }

    /// Decodes the body as JSON into `T`.
    ///
    /// On failure gives [`Error::Decode`] with the JSON path of the problem
    /// and the start of the body, and logs a `WARN` event in the call's span
    /// (the JSON path and serde's error category, never the body).
    pub fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            self.span.in_scope(|| {
                tracing::warn!(
                    status = self.status,
                    body_bytes = self.body.len(),
                    "response dropped: expected a JSON body, got an empty one"
                );
            });
            return Err(Error::Decode {
                message: format!(
                    "expected a JSON body but the body of the {} response was empty",
                    self.status
                ),
                snippet: String::new(),
            });
        }
        let decode_error = |message: String| Error::Decode {
            message,
            snippet: snippet(&self.body, SNIPPET_LIMIT),
        };
        let mut de = serde_json::Deserializer::from_slice(&self.body);
        let warn = |path: &str, e: &serde_json::Error| {
            self.span.in_scope(|| {
                tracing::warn!(
                    status = self.status,
                    body_bytes = self.body.len(),
                    json_path = path,
                    category = ?e.classify(),
                    line = e.line(),
                    column = e.column(),
                    "response dropped: the body does not decode into {}",
                    std::any::type_name::<T>()
                );
            });
        };
        let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            warn(&path, &inner);
            decode_error(if path == "." {
                inner.to_string()
            } else {
                format!("at `{path}`: {inner}")
            })
        })?;
        de.end().map_err(|e| {
            warn(".", &e);
            decode_error(e.to_string())
        })?;
        Ok(value)
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A redirect answer (`302 Found`): where the content is, e.g. a report's preauthenticated
/// download URL. Fetch it with [`crate::Client::download`], which never sends the token there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The `Location` header.
    pub location: String,
}
