//! The client: authentication, standard headers, retries, diagnostics.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::Url;
use tokio_time::time::{sleep, timeout};
use tracing::Instrument;

use crate::dry_run::PreparedRequest;
use crate::error::MAX_ERROR_BODY;
use crate::exchange::{
    CLIENT_REQUEST_ID, REQUEST_ID, WithoutUrlQuery, error_from_response, headers_for,
    new_request_id,
};
use crate::path::{check_request_path, download_url};
use crate::retry::parse_retry_after;
use crate::telemetry::{Sanitized, body_text, elapsed_ms, request_span};
use crate::{Error, Request, Response, RetryPolicy, TokenProvider};

pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);
pub(crate) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// A Microsoft Graph client. Cloning is cheap: clones share one connection
/// pool and configuration.
///
/// `Debug` never shows a token.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Clone)]
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    /// The same client without following redirects, for [`Request::keep_redirect`] (`None`
    /// when the caller supplied the `reqwest::Client`).
    pub(crate) http_no_redirect: Option<reqwest::Client>,
    /// The base URL without a trailing slash, e.g. `https://graph.microsoft.com`.
    pub(crate) base: String,
    pub(crate) base_url: Url,
    pub(crate) scope: String,
    pub(crate) token_provider: Arc<dyn TokenProvider>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    /// `None` when the caller supplied the `reqwest::Client`.
    pub(crate) connect_timeout: Option<Duration>,
    /// Whether bodies go into `TRACE` events.
    pub(crate) log_bodies: bool,
    /// Whether `send` only prepares the request.
    pub(crate) dry_run: bool,
    /// A [`crate::Batch`]'s client: `send` hands the request to the batch instead.
    pub(crate) batch_hook: Option<Arc<crate::batch::Capture>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &i.base)
            .field("scope", &i.scope)
            .field("token_provider", &"***")
            .field("retry_policy", &i.retry)
            .field("timeout", &i.timeout)
            .field("connect_timeout", &i.connect_timeout)
            .field("log_bodies", &i.log_bodies)
            .field("dry_run", &i.dry_run)
            .finish_non_exhaustive()
    }
}

/// What one attempt produced.
enum Outcome {
    Success(Response),
    Failure {
        error: Error,
        status: u16,
        retryable: bool,
        retry_after: Option<Duration>,
        /// For `TRACE` events.
        headers: HeaderMap,
        /// The kept part of the body, for `TRACE` events.
        body: Bytes,
    },
}

impl Client {
    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// The scope tokens are requested for.
    pub fn scope(&self) -> &str {
        &self.inner.scope
    }

    /// Sends one request with auth, standard headers, retries and timeouts.
    ///
    /// Every attempt carries `Authorization: Bearer <token>` (a token is
    /// asked of the provider per attempt), `Accept: application/json`,
    /// `User-Agent` and `SdkVersion: graph-runtime/<version>`, a
    /// `client-request-id` (a fresh UUID v4 per call, the same across its
    /// retries) and, on retries, `Retry-Attempt: <n>`; a body adds its
    /// `Content-Type`.
    ///
    /// A response with status below 400 is a success. Otherwise the result is
    /// [`Error::Service`] for a Graph error body or [`Error::Http`], after
    /// retries as set by the [`RetryPolicy`].
    ///
    /// Each call runs in a `tracing` span (see the crate docs, "Diagnostics").
    /// A [dry-run](crate::ClientBuilder::dry_run) client returns [`Error::DryRun`]
    /// instead of sending.
    pub async fn send(&self, request: Request) -> Result<Response, Error> {
        if let Some(capture) = &self.inner.batch_hook {
            return capture.intercept(request).await;
        }
        let url = self.url_for(&request)?;
        let client_request_id = match request.headers.get(&CLIENT_REQUEST_ID) {
            Some(id) => id.clone(),
            None => HeaderValue::from_str(&new_request_id().to_string())
                .map_err(|_| Error::InvalidRequest("invalid client-request-id".to_owned()))?,
        };
        let span = request_span(
            &request,
            &url,
            self.inner.base_url.path().trim_end_matches('/'),
            client_request_id.to_str().unwrap_or("(not text)"),
        );
        self.send_with_retries(&request, &url, &client_request_id)
            .instrument(span)
            .await
    }

    async fn send_with_retries(
        &self,
        request: &Request,
        url: &Url,
        client_request_id: &HeaderValue,
    ) -> Result<Response, Error> {
        let inner = &*self.inner;
        if inner.dry_run {
            let mut auth = HeaderValue::from_static("Bearer [redacted]");
            auth.set_sensitive(true);
            let prepared = PreparedRequest {
                method: request.method.clone(),
                url: url.to_string(),
                headers: headers_for(
                    request,
                    client_request_id,
                    0,
                    (!request.anonymous).then_some(auth),
                ),
                body: request.body.as_ref().map(|b| b.bytes.clone()),
            };
            tracing::debug!("dry run: request prepared, not sent");
            return Err(Error::DryRun(Box::new(prepared)));
        }
        let mut retries = 0u32;
        let mut waited = Duration::ZERO;
        loop {
            // A preauthenticated download never carries the token, nor asks for one.
            let auth = if request.anonymous {
                None
            } else {
                let token = inner.token_provider.token(&inner.scope).await?;
                let mut auth = HeaderValue::from_str(&format!("Bearer {}", token.secret()))
                    .map_err(|_| {
                        Error::Auth(
                            "the token provider returned a token that is not a valid header value"
                                .to_owned(),
                        )
                    })?;
                auth.set_sensitive(true);
                Some(auth)
            };
            let headers = headers_for(request, client_request_id, retries, auth);
            let outcome = self
                .attempt(request, url, headers, client_request_id, retries)
                .await?;
            let (error, status, retryable, retry_after) = match outcome {
                Outcome::Success(response) => return Ok(response),
                Outcome::Failure {
                    error,
                    status,
                    retryable,
                    retry_after,
                    ..
                } => (error, status, retryable, retry_after),
            };
            if !retryable {
                return Err(error);
            }
            if retries >= inner.retry.max_retries {
                tracing::debug!(
                    retries,
                    "not retrying: the retry policy's max_retries reached"
                );
                return Err(error);
            }
            let delay = inner.retry.delay(retries + 1, retry_after);
            match waited.checked_add(delay) {
                Some(total) if total <= inner.retry.max_total_wait => waited = total,
                _ => {
                    tracing::debug!(
                        wait_ms = delay.as_secs_f64() * 1000.0,
                        waited_ms = waited.as_secs_f64() * 1000.0,
                        "not retrying: the wait would exceed the retry policy's max_total_wait"
                    );
                    return Err(error);
                }
            }
            let reason = http::StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .map_or_else(|| status.to_string(), |r| format!("{status} {r}"));
            tracing::info!(
                retry = retries + 1,
                wait_ms = delay.as_secs_f64() * 1000.0,
                reason = %reason,
                wait_from = if inner.retry.honoured(retry_after).is_some() {
                    "retry-after"
                } else {
                    "backoff"
                },
                "retrying"
            );
            sleep(delay).await;
            retries += 1;
        }
    }

    /// The absolute URL of a request, checked.
    fn url_for(&self, request: &Request) -> Result<Url, Error> {
        let inner = &*self.inner;
        if request.anonymous {
            return download_url(&request.relative_url());
        }
        if request.absolute.is_some() {
            let url = Url::parse(&request.relative_url())
                .map_err(|e| Error::InvalidRequest(format!("invalid next link URL: {e}")))?;
            let base = &inner.base_url;
            let same_origin = url.scheme() == base.scheme()
                && url.host_str() == base.host_str()
                && url.port_or_known_default() == base.port_or_known_default();
            let base_path = base.path().trim_end_matches('/');
            let under_base = url
                .path()
                .strip_prefix(base_path)
                .is_some_and(|rest| rest.starts_with('/'));
            let no_credentials = url.username().is_empty() && url.password().is_none();
            if !same_origin || !under_base || !no_credentials || url.fragment().is_some() {
                return Err(Error::InvalidRequest(
                    "a next link must point under the client's base URL; the token is \
                     never sent elsewhere"
                        .to_owned(),
                ));
            }
            return Ok(url);
        }
        check_request_path(&request.path)?;
        // `{base}{relative}` joined onto the already parsed base URL: the same URL as parsing the
        // concatenation, without parsing the scheme and host (IDNA included) again on every call,
        // which cost about 5,600 of the 8,400 instructions of the full parse (see BENCHMARKS.md).
        // `relative` starts with `/{version}`, never `//`, so it cannot change the origin.
        let relative = request.relative_url();
        let base_path = inner.base_url.path().trim_end_matches('/');
        let joined = if base_path.is_empty() {
            inner.base_url.join(&relative)
        } else {
            inner.base_url.join(&format!("{base_path}{relative}"))
        };
        joined.map_err(|e| Error::InvalidRequest(format!("invalid request URL: {e}")))
    }

    async fn attempt(
        &self,
        request: &Request,
        url: &Url,
        headers: HeaderMap,
        client_request_id: &HeaderValue,
        retry: u32,
    ) -> Result<Outcome, Error> {
        let inner = &*self.inner;
        let attempt = retry + 1;
        if tracing::enabled!(tracing::Level::TRACE) {
            let body = match (&request.body, inner.log_bodies) {
                (Some(b), true) => body_text(&b.bytes),
                (Some(b), false) => format!("({} bytes, not logged)", b.bytes.len()),
                (None, _) => String::new(),
            };
            tracing::trace!(attempt, headers = %Sanitized(&headers), body = %body, "sending");
        }
        let http = match (&inner.http_no_redirect, request.keep_redirect) {
            (Some(no_redirect), true) => no_redirect,
            _ => &inner.http,
        };
        let mut builder = http
            .request(request.method.clone(), url.clone())
            .headers(headers);
        if let Some(body) = &request.body {
            builder = builder.body(body.bytes.clone());
        }

        let started = Instant::now();
        let exchange = async {
            let response = builder.send().await.map_err(|e| self.transport(e))?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            if status < 400 {
                let body = response.bytes().await.map_err(|e| self.transport(e))?;
                return Ok(Outcome::Success(Response {
                    status,
                    headers,
                    body,
                    span: tracing::Span::current(),
                }));
            }
            let (body, truncated) = read_bounded(response, MAX_ERROR_BODY).await;
            if truncated {
                tracing::warn!(
                    attempt,
                    status,
                    kept_bytes = body.len(),
                    "error response body dropped past {MAX_ERROR_BODY} bytes (too large)"
                );
            }
            let retry_after = headers
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, SystemTime::now()));
            let error =
                error_from_response(status, &headers, &body, client_request_id, retry_after);
            Ok(Outcome::Failure {
                error,
                status,
                retryable: RetryPolicy::is_retryable_status(status),
                retry_after,
                headers,
                body,
            })
        };
        let result = match timeout(inner.timeout, exchange).await {
            Ok(result) => result,
            Err(_elapsed) => Err(Error::Timeout(inner.timeout)),
        };
        self.log_attempt(attempt, started, &result);
        result
    }

    /// The per-attempt event (`DEBUG`), plus headers and body at `TRACE`.
    fn log_attempt(&self, attempt: u32, started: Instant, result: &Result<Outcome, Error>) {
        let elapsed_ms = elapsed_ms(started);
        let (status, headers, body) = match result {
            Ok(Outcome::Success(r)) => (r.status, &r.headers, &r.body),
            Ok(Outcome::Failure {
                status,
                headers,
                body,
                ..
            }) => (*status, headers, body),
            Err(error) => {
                tracing::debug!(attempt, elapsed_ms, error = %error, "attempt failed");
                return;
            }
        };
        let request_id = headers
            .get(&REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        tracing::debug!(attempt, status, request_id, elapsed_ms, "response");
        if tracing::enabled!(tracing::Level::TRACE) {
            let body = if self.inner.log_bodies {
                body_text(body)
            } else {
                format!("({} bytes, not logged)", body.len())
            };
            tracing::trace!(attempt, headers = %Sanitized(headers), body = %body, "response received");
        }
    }

    /// Maps a reqwest error; a connect timeout of our own client becomes
    /// [`Error::Timeout`].
    fn transport(&self, error: reqwest::Error) -> Error {
        match self.inner.connect_timeout {
            Some(connect) if error.is_timeout() && error.is_connect() => Error::Timeout(connect),
            _ => Error::Transport(error.without_url_query()),
        }
    }
}

/// Reads at most `limit` bytes of a body; a read failure keeps what was read.
/// The flag tells whether the body went on past `limit`.
async fn read_bounded(mut response: reqwest::Response, limit: usize) -> (Bytes, bool) {
    let mut buf = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        let room = limit.saturating_sub(buf.len());
        if chunk.len() >= room {
            buf.extend_from_slice(chunk.get(..room).unwrap_or_default());
            let more = chunk.len() > room
                || matches!(response.chunk().await, Ok(Some(next)) if !next.is_empty());
            return (Bytes::from(buf), more);
        }
        buf.extend_from_slice(&chunk);
    }
    (Bytes::from(buf), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApiVersion, Method};

    #[test]
    fn request_ids_are_distinct_version_4_uuids() {
        let ids: std::collections::BTreeSet<uuid::Uuid> =
            (0..1000).map(|_| new_request_id()).collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            assert_eq!(id.get_version(), Some(uuid::Version::Random), "{id}");
            assert_eq!(id.get_variant(), uuid::Variant::RFC4122, "{id}");
        }
    }

    #[test]
    fn request_urls_join_like_a_full_parse() {
        for base in [
            "https://graph.microsoft.com",
            "https://graph.microsoft.com/",
            "http://127.0.0.1:8080",
            "http://[::1]:8080/prefix/",
            "https://example.com/a%20b/c",
        ] {
            let client = Client::builder()
                .base_url(base)
                .static_token("t")
                .build()
                .unwrap();
            for (path, query) in [
                ("/me", None),
                (
                    "/users/a%2Fb/messages?$top=1",
                    Some(("$filter", "a eq 'b c'")),
                ),
                ("/users/\u{e9}/x", Some(("q", "\u{e9}&#"))),
                ("/a/%2e%2e%2E.x/b?x=[1]", None),
            ] {
                let mut request = Request::new(Method::GET, ApiVersion::Beta, path);
                if let Some((name, value)) = query {
                    request = request.query(name, value);
                }
                let expected =
                    Url::parse(&format!("{}{}", client.base_url(), request.relative_url()))
                        .unwrap();
                assert_eq!(client.url_for(&request).unwrap(), expected, "{base} {path}");
            }
        }
    }
}
