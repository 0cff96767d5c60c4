//! Configuring a [`Client`]: cloud, base URL, auth, retries, timeouts, diagnostics.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;

use crate::client::{Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, Inner};
use crate::error::snippet;
use crate::{Cloud, Error, RetryPolicy, StaticToken, TokenProvider, USER_AGENT_VALUE};

/// Configures and builds a [`Client`]. Start with [`Client::builder`].
pub struct ClientBuilder {
    cloud: Option<Cloud>,
    base_url: Option<String>,
    scope: Option<String>,
    token_provider: Option<Arc<dyn TokenProvider>>,
    retry: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    http_client: Option<reqwest::Client>,
    log_bodies: bool,
    dry_run: bool,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            cloud: None,
            base_url: None,
            scope: None,
            token_provider: None,
            retry: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            http_client: None,
            log_bodies: false,
            dry_run: false,
        }
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("cloud", &self.cloud)
            .field("base_url", &self.base_url)
            .field("scope", &self.scope)
            .field(
                "token_provider",
                &self.token_provider.as_ref().map(|_| "***"),
            )
            .field("retry_policy", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("http_client", &self.http_client.is_some())
            .field("log_bodies", &self.log_bodies)
            .field("dry_run", &self.dry_run)
            .finish()
    }
}

impl ClientBuilder {
    /// The national cloud: its URL is the base URL (unless
    /// [`base_url`](Self::base_url) is also given) and its `/.default` scope
    /// is the token scope. Default [`Cloud::Global`].
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = Some(cloud);
        self
    }

    /// An explicit base URL, e.g. a mock server's `http://127.0.0.1:1234`.
    ///
    /// It must use `https`, except for loopback hosts (`127.0.0.0/8`, `::1`,
    /// `localhost`). The token scope stays the one of the configured cloud
    /// ([`Cloud::Global`] by default).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Overrides the token scope (default: the cloud's `/.default` scope).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// Where access tokens come from.
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.token_provider = Some(Arc::new(provider));
        self
    }

    /// Uses one fixed token ([`StaticToken`]).
    pub fn static_token(self, token: impl Into<String>) -> Self {
        self.token_provider(StaticToken::new(token))
    }

    /// The retry policy. Default [`RetryPolicy::default`].
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The time allowed for one attempt, from sending the request to having
    /// read the whole response. Default 100 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time allowed to open a connection. Default 30 s. Ignored when
    /// [`http_client`](Self::http_client) is given.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Uses the caller's `reqwest::Client` (its TLS, proxy, redirect and
    /// connect-timeout settings). The per-request [`timeout`](Self::timeout)
    /// still applies. Its redirect policy applies to every request, including
    /// those that expect a redirect as their answer ([`Request::keep_redirect`](crate::Request::keep_redirect),
    /// a report's `302 Found`): give it `Policy::none()` to get those answers.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Whether request and response bodies appear in the client's `tracing`
    /// events (at `TRACE` level, the first 4 KiB, lossily decoded as UTF-8).
    /// Default `false`: bodies can hold personal data or secrets (a
    /// `changePassword` body holds passwords), so only opt in where the logs
    /// may hold them. The access token never appears, whatever this says.
    pub fn log_bodies(mut self, log_bodies: bool) -> Self {
        self.log_bodies = log_bodies;
        self
    }

    /// A client that sends nothing: every [`Client::send`] builds the exact
    /// request it would send (URL, headers, body) and returns it as
    /// [`Error::DryRun`], without asking the token provider for a token or
    /// opening a connection. The `Authorization` header shows
    /// `Bearer [redacted]`. Default `false`.
    ///
    /// With generated bindings, the call returns `Err(Error::DryRun(request))`,
    /// and `request` prints as the HTTP request:
    ///
    /// ```
    /// # use graph_runtime::{ApiVersion, Client, Error, Method, Request};
    /// # async fn run() -> Result<(), Error> {
    /// let client = Client::builder().static_token("secret").dry_run(true).build()?;
    /// let request = Request::new(Method::POST, ApiVersion::Beta, "/me/sendMail")
    ///     .json(&serde_json::json!({ "saveToSentItems": false }))?;
    /// match client.send(request).await {
    ///     Err(Error::DryRun(prepared)) => {
    ///         let text = prepared.to_string();
    ///         assert!(text.starts_with("POST https://graph.microsoft.com/beta/me/sendMail\n"));
    ///         assert!(text.contains("authorization: Bearer [redacted]\n"));
    ///         assert!(!text.contains("secret"));
    ///     }
    ///     other => panic!("expected a dry run, got {other:?}"),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn dry_run(mut self, dry_run: bool) -> Self {
        self.dry_run = dry_run;
        self
    }

    /// Builds the client.
    ///
    /// Fails with [`Error::Config`] when no token provider was given, when
    /// the base URL is invalid or not `https` for a non-loopback host, or
    /// when the HTTP client cannot be built.
    pub fn build(self) -> Result<Client, Error> {
        let token_provider = self.token_provider.ok_or_else(|| {
            Error::Config(
                "no token provider: call ClientBuilder::token_provider or \
                 ClientBuilder::static_token before build()"
                    .to_owned(),
            )
        })?;
        let cloud = self.cloud.unwrap_or_default();
        let raw_base = self.base_url.unwrap_or_else(|| cloud.base_url().to_owned());
        let base_url = check_base_url(&raw_base)?;
        let base = base_url.as_str().trim_end_matches('/').to_owned();
        let scope = self.scope.unwrap_or_else(|| cloud.default_scope());

        let (http, http_no_redirect, connect_timeout) = match self.http_client {
            Some(client) => (client, None, None),
            None => {
                let build = |policy: reqwest::redirect::Policy| -> Result<reqwest::Client, Error> {
                    reqwest::Client::builder()
                        .tls_backend_preconfigured(tls_config()?)
                        .connect_timeout(self.connect_timeout)
                        .referer(false)
                        .redirect(policy)
                        .user_agent(USER_AGENT_VALUE)
                        .build()
                        .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))
                };
                // Redirects are followed (reqwest drops `Authorization` on another origin), never
                // from https down to plain http, except for requests that expect one as their
                // answer (a report's `302 Found`).
                (
                    build(redirect_policy())?,
                    Some(build(reqwest::redirect::Policy::none())?),
                    Some(self.connect_timeout),
                )
            }
        };

        Ok(Client {
            inner: Arc::new(Inner {
                http,
                http_no_redirect,
                base,
                base_url,
                scope,
                token_provider,
                retry: self.retry,
                timeout: self.timeout,
                connect_timeout,
                log_bodies: self.log_bodies,
                dry_run: self.dry_run,
                batch_hook: None,
            }),
        })
    }
}

/// reqwest's default (at most 10 redirects), and no redirect to plain `http` once the request
/// was on `https`: a redirect that would downgrade is an error rather than followed. The http
/// loopback base URLs of mocks stay `http` throughout, so their redirects are followed.
fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if downgrades(attempt.previous(), attempt.url()) {
            let to = format!("{}://{}", attempt.url().scheme(), attempt.url().authority());
            attempt.error(format!("refused a redirect from https down to {to}"))
        } else if attempt.previous().len() > 10 {
            attempt.error("too many redirects (more than 10)")
        } else {
            attempt.follow()
        }
    })
}

/// Whether following a redirect to `next` leaves https for plain http.
fn downgrades(previous: &[Url], next: &Url) -> bool {
    next.scheme() == "http" && previous.iter().any(|u| u.scheme() == "https")
}

/// Parses and checks a base URL: `https`, or `http` to a loopback host; no
/// credentials, query or fragment.
fn check_base_url(raw: &str) -> Result<Url, Error> {
    // The URL is echoed in messages only when it cannot hold credentials.
    let shown = if raw.contains('@') {
        "(hidden: it contains '@')".to_owned()
    } else {
        format!("{:?}", snippet(raw.as_bytes(), 200))
    };
    let url = Url::parse(raw).map_err(|e| {
        // url's IDNA back end is ASCII-only (graph-runtime's README, "Dependencies"), and a
        // non-ASCII path or query would have been percent-encoded, not refused.
        let hint = if !raw.is_ascii() {
            " (write an internationalized host in its ASCII `xn--` form)"
        } else {
            ""
        };
        Error::Config(format!("invalid base URL {shown}: {e}{hint}"))
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(
            "the base URL must not contain user credentials".to_owned(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "the base URL {shown} must not have a query or fragment"
        )));
    }
    let host = url
        .host_str()
        .ok_or_else(|| Error::Config(format!("the base URL {shown} has no host")))?;
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(Error::Config(format!(
            "the base URL {shown} must use https: plain http is only allowed for \
             loopback hosts (127.0.0.0/8, ::1, localhost)"
        ))),
        other => Err(Error::Config(format!(
            "the base URL {shown} has unsupported scheme {other:?}: use https"
        ))),
    }
}

/// A rustls configuration with the *ring* provider and the webpki-roots
/// trust anchors, built without touching the process-wide default provider.
fn tls_config() -> Result<rustls::ClientConfig, Error> {
    let roots = rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| Error::Config(format!("TLS set-up failed: {e}")))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{Url, downgrades};

    fn urls(list: &[&str]) -> Vec<Url> {
        list.iter().map(|u| Url::parse(u).unwrap()).collect()
    }

    #[test]
    fn a_redirect_from_https_to_http_downgrades() {
        let next = |u: &str| Url::parse(u).unwrap();
        let from_https = urls(&["https://graph.microsoft.com/v1.0/me"]);
        assert!(downgrades(&from_https, &next("http://evil.example/")));
        assert!(downgrades(&from_https, &next("http://127.0.0.1:8080/")));
        assert!(!downgrades(&from_https, &next("https://download.example/")));
        // Once on https, a later hop to http is refused too.
        let via = urls(&["http://127.0.0.1:1/", "https://graph.microsoft.com/"]);
        assert!(downgrades(&via, &next("http://127.0.0.1:1/")));
        // The http loopback of mocks keeps its redirects.
        let loopback = urls(&["http://127.0.0.1:1/v1.0/me"]);
        assert!(!downgrades(
            &loopback,
            &next("http://127.0.0.1:1/elsewhere")
        ));
    }
}
