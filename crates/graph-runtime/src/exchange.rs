//! One HTTP exchange as the client builds and reads it: the headers of an attempt, the error a
//! failed response gives, and transport errors without the URL's query (it may carry secrets).

use std::time::Duration;

use http::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT,
};

use crate::error::{SNIPPET_LIMIT, parse_service_error, snippet};
use crate::{Error, Request};

/// `graph-runtime/<version>`, sent as `User-Agent` and `SdkVersion`.
pub const USER_AGENT_VALUE: &str = concat!("graph-runtime/", env!("CARGO_PKG_VERSION"));

pub(crate) const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("request-id");
pub(crate) const RETRY_ATTEMPT: HeaderName = HeaderName::from_static("retry-attempt");
pub(crate) const SDK_VERSION: HeaderName = HeaderName::from_static("sdkversion");

pub(crate) trait WithoutUrlQuery {
    fn without_url_query(self) -> Self;
}

impl WithoutUrlQuery for reqwest::Error {
    /// Query strings can be long (OData filters); the path is enough to
    /// identify the request in a message.
    fn without_url_query(mut self) -> Self {
        if let Some(url) = self.url_mut() {
            url.set_query(None);
        }
        self
    }
}

/// The headers of one attempt: the standard ones, the request's own, then
/// `Authorization` (`auth`; never for a download) and, on retries, `Retry-Attempt`.
pub(crate) fn headers_for(
    request: &Request,
    client_request_id: &HeaderValue,
    retry: u32,
    auth: Option<HeaderValue>,
) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let accept = if auth.is_some() {
        "application/json"
    } else {
        "*/*"
    };
    headers.insert(ACCEPT, HeaderValue::from_static(accept));
    headers.insert(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE));
    headers.insert(SDK_VERSION, HeaderValue::from_static(USER_AGENT_VALUE));
    headers.insert(CLIENT_REQUEST_ID, client_request_id.clone());
    if let Some(body) = &request.body {
        headers.insert(CONTENT_TYPE, body.content_type.clone());
    }
    for (name, value) in &request.headers {
        headers.insert(name.clone(), value.clone());
    }
    match auth {
        Some(auth) => {
            headers.insert(AUTHORIZATION, auth);
        }
        None => {
            headers.remove(AUTHORIZATION);
        }
    }
    if retry > 0 {
        headers.insert(RETRY_ATTEMPT, HeaderValue::from(retry));
    }
    headers
}

pub(crate) fn header_string(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

pub(crate) fn error_from_response(
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    client_request_id: &HeaderValue,
    retry_after: Option<Duration>,
) -> Error {
    let request_id = header_string(headers, &REQUEST_ID);
    match parse_service_error(status, body) {
        Some(mut e) => {
            e.request_id = e.request_id.or(request_id);
            e.client_request_id = e
                .client_request_id
                .or_else(|| header_string(headers, &CLIENT_REQUEST_ID))
                .or_else(|| client_request_id.to_str().ok().map(str::to_owned));
            e.retry_after = retry_after;
            Error::Service(Box::new(e))
        }
        None => Error::Http {
            status,
            body_snippet: snippet(body, SNIPPET_LIMIT),
            request_id,
        },
    }
}

/// A fresh random (version 4) UUID for `client-request-id`. It correlates a call with Graph's
/// logs and needs to be unique, not unpredictable, so it comes from `fastrand` (seeded from the
/// OS's randomness by std) instead of one `getrandom` system call per request.
pub(crate) fn new_request_id() -> uuid::Uuid {
    uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes()).into_uuid()
}
