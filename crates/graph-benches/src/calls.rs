//! The two sides of the per-call benchmark: the generated binding through
//! [`graph_runtime::Client`], and the same request written by hand with reqwest.
//!
//! Both send `POST /beta/auditLogs/signIns/confirmSafe` with the documented example's three
//! request IDs to a [`LoopbackServer`], one call at a time on a single-threaded tokio runtime (one
//! kept-alive connection each). [`PerCall::check_same_wire`] verifies that the two requests are
//! identical on the wire except for the fresh `client-request-id` UUID.

use std::sync::Arc;
use std::time::{Duration, Instant};

use graph_api::GraphApi;
use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_runtime::{Client, RetryPolicy, USER_AGENT_VALUE};
use reqwest::header::{ACCEPT, CONTENT_TYPE, USER_AGENT};

use crate::server::LoopbackServer;

/// The operation's path.
pub const PATH: &str = "/beta/auditLogs/signIns/confirmSafe";

/// The request IDs of the documented example.
pub const IDS: [&str; 3] = [
    "5a0c76d2-cb57-4ece-9bc1-c323178f116a",
    "96609214-09ef-4f80-9d4a-ace5fceecaec",
    "05020696-4eb8-45a3-918f-8f8bb7ad6015",
];

/// The hand-written body type: what one would write without the generated one.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlainConfirmSafe {
    /// The sign-in request IDs.
    #[serde(rename = "requestIds")]
    pub request_ids: Vec<String>,
}

/// A token of a realistic size (Entra access tokens are JWTs of 1-2.5 KB): 1.5 KB.
pub fn token() -> String {
    let mut token = String::from("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.");
    while token.len() < 1500 {
        token.push_str("eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20i");
    }
    token
}

/// The same HTTP client configuration as `graph_runtime::ClientBuilder::build`: rustls with the
/// *ring* provider (no process-wide provider; reqwest's `rustls-no-provider` needs one), HTTP/1.1
/// ALPN, 30 s connect timeout, no `Referer`, the runtime's `User-Agent`. Only plain http to
/// loopback is used, so TLS is configured but never exercised.
pub fn reqwest_client() -> reqwest::Client {
    let mut tls = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("ring supports the default TLS versions")
    .with_root_certificates(rustls::RootCertStore::empty())
    .with_no_client_auth();
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(Duration::from_secs(30))
        .referer(false)
        .user_agent(USER_AGENT_VALUE)
        .build()
        .expect("reqwest client")
}

/// The hand-written call: the same headers as the runtime sends (`Authorization: Bearer`,
/// `Content-Type`, `Accept`, `User-Agent`, `SdkVersion`, a fresh `client-request-id`), the same
/// body, and a check of the status.
pub async fn hand_written(http: &reqwest::Client, url: &str, token: &str, body: &PlainConfirmSafe) {
    let bytes = serde_json::to_vec(body).expect("serializes");
    let response = http
        .post(url)
        .bearer_auth(token)
        .header(CONTENT_TYPE, "application/json")
        .header(ACCEPT, "application/json")
        .header(USER_AGENT, USER_AGENT_VALUE)
        .header("SdkVersion", USER_AGENT_VALUE)
        .header("client-request-id", uuid::Uuid::new_v4().to_string())
        .body(bytes)
        .send()
        .await
        .expect("request sent");
    response.error_for_status().expect("204");
}

/// Everything both sides need: the server, a runtime, both clients and both bodies.
#[derive(Debug)]
pub struct PerCall {
    /// The loopback server both call.
    pub server: LoopbackServer,
    /// A single-threaded runtime with IO and time (the runtime's timeouts need the timer).
    pub rt: tokio::runtime::Runtime,
    /// The Graph client: base URL on loopback, static token, no retries.
    pub client: Client,
    /// The hand-written side's reqwest client.
    pub http: reqwest::Client,
    /// The full URL for the hand-written side.
    pub url: String,
    /// The bearer token both send.
    pub token: String,
    /// The generated request body.
    pub typed: ConfirmSafeRequest,
    /// The hand-written request body.
    pub plain: PlainConfirmSafe,
}

impl PerCall {
    /// Starts the server and builds both clients.
    pub fn new() -> PerCall {
        let server = LoopbackServer::start().expect("loopback server");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        let token = token();
        let client = Client::builder()
            .base_url(server.base_url())
            .static_token(token.clone())
            .retry_policy(RetryPolicy::none())
            .build()
            .expect("graph client");
        let url = format!("{}{PATH}", server.base_url());
        let ids: Vec<String> = IDS.iter().map(|s| (*s).to_owned()).collect();
        PerCall {
            server,
            rt,
            client,
            http: reqwest_client(),
            url,
            token,
            typed: ConfirmSafeRequest::new(ids.clone()),
            plain: PlainConfirmSafe { request_ids: ids },
        }
    }

    /// `iters` calls of the generated binding; the time they took.
    pub fn binding(&self, iters: u64) -> Duration {
        self.rt.block_on(async {
            let start = Instant::now();
            for _ in 0..iters {
                self.client
                    .beta()
                    .audit_logs()
                    .sign_ins()
                    .confirm_safe(std::hint::black_box(&self.typed))
                    .await
                    .expect("204");
            }
            start.elapsed()
        })
    }

    /// `iters` hand-written reqwest calls; the time they took.
    pub fn reqwest(&self, iters: u64) -> Duration {
        self.rt.block_on(async {
            let start = Instant::now();
            for _ in 0..iters {
                hand_written(
                    &self.http,
                    &self.url,
                    &self.token,
                    std::hint::black_box(&self.plain),
                )
                .await;
            }
            start.elapsed()
        })
    }

    /// Sends one call of each side and panics unless both requests are the same on the wire
    /// (request line, header names and values, body, total length), the `client-request-id` UUID
    /// aside.
    pub fn check_same_wire(&self) {
        self.server.record(true);
        self.binding(1);
        self.reqwest(1);
        self.server.record(false);
        let recorded = self.server.take_recorded();
        assert_eq!(recorded.len(), 2, "one request each");
        assert_eq!(
            wire_shape(&recorded[0]),
            wire_shape(&recorded[1]),
            "the binding and the hand-written call differ on the wire"
        );
        assert_eq!(recorded[0].len(), recorded[1].len());
    }
}

impl Default for PerCall {
    fn default() -> Self {
        PerCall::new()
    }
}

/// A raw request's request line, its header lines (lower-cased names, sorted, the
/// `client-request-id` value checked to be a UUID and masked) and its body.
pub fn wire_shape(raw: &[u8]) -> (String, Vec<String>, Vec<u8>) {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("complete head");
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or_default().to_owned();
    let mut headers: Vec<String> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            let name = name.to_ascii_lowercase();
            let value = value.trim();
            if name == "client-request-id" {
                assert!(uuid::Uuid::parse_str(value).is_ok(), "not a UUID: {value}");
                format!("{name}: <uuid>")
            } else {
                format!("{name}: {value}")
            }
        })
        .collect();
    headers.sort();
    (request_line, headers, raw[end + 4..].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_send_the_same_request() {
        let per_call = PerCall::new();
        per_call.check_same_wire();
        per_call.binding(3);
        per_call.reqwest(3);
        assert_eq!(per_call.server.requests(), 8);
        let one = per_call.server.take_recorded();
        assert!(one.is_empty());
    }
}
