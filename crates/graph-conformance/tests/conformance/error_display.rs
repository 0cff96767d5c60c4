//! The `Display` (and `source()` chain) of every kind of `graph_runtime::Error`, each produced
//! for real: through the generated binding against a loopback server where there is a response,
//! through the runtime's own request and builder APIs where there is none. Volatile parts (ports,
//! UUIDs) are redacted.
#![allow(clippy::unwrap_used)]

use std::error::Error as _;
use std::time::Duration;

use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_api::{Client, GraphApi, RetryPolicy};
use graph_runtime::{
    AccessToken, ApiVersion, BoxFuture, Error, Method, Request, TokenProvider, encode_path_segment,
};
use httpmock::MockServer;
use serde_json::json;
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

const TOKEN: &str = "display-s3cr3t-token";
const PATH: &str = "/beta/auditLogs/signIns/confirmSafe";

fn client(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .static_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

async fn confirm_safe(client: &Client) -> Error {
    client
        .beta()
        .audit_logs()
        .sign_ins()
        .confirm_safe(&ConfirmSafeRequest::new(vec![
            "5a0c76d2-cb57-4ece-9bc1-c323178f116a".to_string(),
        ]))
        .await
        .unwrap_err()
}

/// A server answering every confirmSafe call with `status`, `headers` and `body`.
async fn answering(status: u16, headers: &[(&str, &str)], body: &str) -> MockServer {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("POST").path(PATH);
            let mut then = then.status(status);
            for (name, value) in headers {
                then = then.header(*name, *value);
            }
            then.body(body);
        })
        .await;
    server
}

fn kind(error: &Error) -> &'static str {
    match error {
        Error::Service(_) => "Service",
        Error::Http { .. } => "Http",
        Error::Transport(_) => "Transport",
        Error::Timeout(_) => "Timeout",
        Error::Decode { .. } => "Decode",
        Error::InvalidRequest(_) => "InvalidRequest",
        Error::Auth(_) => "Auth",
        Error::Config(_) => "Config",
        _ => "(a kind this test does not know: add it)",
    }
}

/// The kind, `Display` and `source()` chain, redacted; checks no token shows.
fn render(error: &Error) -> String {
    let mut out = format!("kind: {}\ndisplay: {error}\n", kind(error));
    let mut source = error.source();
    let mut depth = 0;
    if source.is_none() {
        out.push_str("source: none\n");
    }
    while let Some(s) = source {
        depth += 1;
        out.push_str(&format!("source {depth}: {s}\n"));
        source = s.source();
    }
    assert!(!out.contains("s3cr3t"), "the token leaked: {out}");
    assert!(
        !format!("{error:?}").contains("s3cr3t"),
        "the token leaked: {error:?}"
    );
    redact(&out)
}

/// Replaces loopback ports with `[port]` and UUIDs with `[uuid]`.
fn redact(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("127.0.0.1:") {
        let (before, after) = rest.split_at(i + "127.0.0.1:".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            out.push_str("[port]");
        }
        rest = &after[digits..];
    }
    out.push_str(rest);

    let chars: Vec<char> = out.chars().collect();
    let mut redacted = String::new();
    let mut i = 0;
    while i < chars.len() {
        if i + 36 <= chars.len() {
            let candidate: String = chars[i..i + 36].iter().collect();
            if candidate.len() == 36 && uuid::Uuid::parse_str(&candidate).is_ok() {
                redacted.push_str("[uuid]");
                i += 36;
                continue;
            }
        }
        redacted.push(chars[i]);
        i += 1;
    }
    redacted
}

#[test]
fn redaction_works() {
    assert_eq!(
        redact(
            "http://127.0.0.1:41234/beta x 127.0.0.1:9 [127.0.0.1:] 5a0c76d2-cb57-4ece-9bc1-c323178f116a."
        ),
        "http://127.0.0.1:[port]/beta x 127.0.0.1:[port] [127.0.0.1:] [uuid]."
    );
}

#[tokio::test]
async fn service_error_full() {
    let body = json!({"error": {
        "code": "Request_ResourceNotFound",
        "message": "Resource 'signIns' does not exist or one of its queried reference-property objects are not present.",
        "innerError": {
            "request-id": "3f8f2c4e-request-id",
            "client-request-id": "client-7",
            "date": "2024-05-01T10:00:00"
        },
        "details": [
            {"code": "InvalidValue", "message": "Invalid request id.", "target": "requestIds"},
            {"code": "Other", "message": "No target."}
        ]
    }});
    let server = answering(
        404,
        &[("content-type", "application/json")],
        &body.to_string(),
    )
    .await;
    let error = confirm_safe(&client(&server.base_url())).await;
    assert!(matches!(error, Error::Service(_)));
    insta::assert_snapshot!("service_error_full", render(&error));
}

#[tokio::test]
async fn service_error_ids_from_headers() {
    // No innerError: request-id from the header, client-request-id the one sent (a UUID).
    let server = answering(
        403,
        &[
            ("content-type", "application/json"),
            ("request-id", "header-request-id"),
        ],
        r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"#,
    )
    .await;
    let error = confirm_safe(&client(&server.base_url())).await;
    insta::assert_snapshot!("service_error_ids_from_headers", render(&error));
}

#[tokio::test]
async fn service_error_throttled() {
    let server = answering(
        429,
        &[
            ("retry-after", "30"),
            ("client-request-id", "echoed-client-id"),
        ],
        r#"{"error":{"code":"TooManyRequests","message":"Too many requests."}}"#,
    )
    .await;
    let error = confirm_safe(&client(&server.base_url())).await;
    assert_eq!(
        error.service_error().and_then(|e| e.retry_after()),
        Some(Duration::from_secs(30))
    );
    insta::assert_snapshot!("service_error_throttled", render(&error));
}

#[tokio::test]
async fn http_error_html() {
    let server = answering(
        500,
        &[("content-type", "text/html"), ("request-id", "gateway-500")],
        "<html><body><h1>500 Internal Server Error</h1></body></html>",
    )
    .await;
    let error = confirm_safe(&client(&server.base_url())).await;
    insta::assert_snapshot!("http_error_html", render(&error));
}

#[tokio::test]
async fn http_error_empty_body() {
    let server = answering(502, &[], "").await;
    let error = confirm_safe(&client(&server.base_url())).await;
    insta::assert_snapshot!("http_error_empty_body", render(&error));
}

#[tokio::test]
async fn http_error_long_body_is_cut() {
    // A JSON body that is not a Graph error, longer than the 512-byte snippet.
    let body = format!(r#"{{"message":"{}"}}"#, "x".repeat(600));
    let server = answering(400, &[("content-type", "application/json")], &body).await;
    let error = confirm_safe(&client(&server.base_url())).await;
    insta::assert_snapshot!("http_error_long_body_is_cut", render(&error));
}

#[tokio::test]
async fn transport_connection_refused() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        listener.local_addr().unwrap().port()
    };
    let error = confirm_safe(&client(&format!("http://127.0.0.1:{port}"))).await;
    insta::assert_snapshot!("transport_connection_refused", render(&error));
}

#[tokio::test]
async fn transport_connection_closed() {
    // The server reads the request, then closes the connection without answering.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        // Head and the small body arrive together or shortly after: read until the JSON ends.
        while !buf.ends_with(b"]}") {
            let n = socket.read(&mut chunk).await.unwrap();
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
    });
    let error = confirm_safe(&client(&base)).await;
    server.await.unwrap();
    insta::assert_snapshot!("transport_connection_closed", render(&error));
}

#[tokio::test]
async fn timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let (socket, _) = listener.accept().await.unwrap();
        // Hold the connection open, never answer.
        tokio::time::sleep(Duration::from_secs(30)).await;
        drop(socket);
    });
    let client = Client::builder()
        .base_url(&base)
        .static_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let error = confirm_safe(&client).await;
    server.abort();
    insta::assert_snapshot!("timeout", render(&error));
}

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)]
struct Page {
    value: Vec<Item>,
}

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)]
struct Item {
    id: String,
}

/// A `GET /v1.0/items` answered 200 with `body`, decoded as a [`Page`].
async fn decode(body: &str) -> Error {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v1.0/items");
            then.status(200)
                .header("content-type", "application/json")
                .body(body);
        })
        .await;
    client(&server.base_url())
        .send(Request::new(Method::GET, ApiVersion::V1, "/items"))
        .await
        .unwrap()
        .json::<Page>()
        .unwrap_err()
}

#[tokio::test]
async fn decode_wrong_type() {
    let error = decode(r#"{"value":[{"id":"a"},{"id":5}]}"#).await;
    insta::assert_snapshot!("decode_wrong_type", render(&error));
}

#[tokio::test]
async fn decode_empty_body() {
    let error = decode("").await;
    insta::assert_snapshot!("decode_empty_body", render(&error));
}

#[tokio::test]
async fn decode_trailing_characters() {
    let error = decode(r#"{"value":[]} trailing"#).await;
    insta::assert_snapshot!("decode_trailing_characters", render(&error));
}

#[tokio::test]
async fn invalid_request_path() {
    let client = client("http://127.0.0.1:9");
    let error = client
        .send(Request::new(Method::GET, ApiVersion::V1, "users"))
        .await
        .unwrap_err();
    insta::assert_snapshot!("invalid_request_path", render(&error));
}

#[tokio::test]
async fn invalid_request_next_link_elsewhere() {
    let client = client("http://127.0.0.1:9");
    let error = client
        .send(Request::next_link(
            "https://evil.example/v1.0/users?$skiptoken=x",
        ))
        .await
        .unwrap_err();
    insta::assert_snapshot!("invalid_request_next_link_elsewhere", render(&error));
}

#[test]
fn invalid_request_authorization_header() {
    let error = Request::new(Method::GET, ApiVersion::V1, "/me")
        .header("Authorization", "Bearer other")
        .unwrap_err();
    insta::assert_snapshot!("invalid_request_authorization_header", render(&error));
}

#[test]
fn invalid_request_dot_segment() {
    let error = encode_path_segment("user-id", "..").unwrap_err();
    insta::assert_snapshot!("invalid_request_dot_segment", render(&error));
}

/// A provider whose token cannot be a header value (it holds a line break).
#[derive(Debug)]
struct BrokenToken;

impl TokenProvider for BrokenToken {
    fn token<'a>(&'a self, _scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async { Ok(AccessToken::new("display-s3cr3t\r\ninjected: 1")) })
    }
}

/// A provider that fails, as a credential would when the identity endpoint refuses.
#[derive(Debug)]
struct Refusing;

impl TokenProvider for Refusing {
    fn token<'a>(&'a self, scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async move {
            Err(Error::Auth(format!(
                "the identity endpoint refused a token for {scope}"
            )))
        })
    }
}

#[tokio::test]
async fn auth_token_not_a_header_value() {
    let server = answering(204, &[], "").await;
    let client = Client::builder()
        .base_url(server.base_url())
        .token_provider(BrokenToken)
        .build()
        .unwrap();
    let error = confirm_safe_result(&client).await.unwrap_err();
    insta::assert_snapshot!("auth_token_not_a_header_value", render(&error));
}

#[tokio::test]
async fn auth_provider_failed() {
    let server = answering(204, &[], "").await;
    let client = Client::builder()
        .base_url(server.base_url())
        .token_provider(Refusing)
        .build()
        .unwrap();
    let error = confirm_safe_result(&client).await.unwrap_err();
    insta::assert_snapshot!("auth_provider_failed", render(&error));
}

async fn confirm_safe_result(client: &Client) -> Result<(), Error> {
    client
        .beta()
        .audit_logs()
        .sign_ins()
        .confirm_safe(&ConfirmSafeRequest::new(vec!["id".to_string()]))
        .await
}

#[test]
fn config_no_token_provider() {
    let error = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap_err();
    insta::assert_snapshot!("config_no_token_provider", render(&error));
}

#[test]
fn config_plain_http_elsewhere() {
    let error = Client::builder()
        .base_url("http://graph.example.com")
        .static_token(TOKEN)
        .build()
        .unwrap_err();
    insta::assert_snapshot!("config_plain_http_elsewhere", render(&error));
}

#[test]
fn config_credentials_in_base_url() {
    let error = Client::builder()
        .base_url("https://user:display-s3cr3t@graph.example.com")
        .static_token(TOKEN)
        .build()
        .unwrap_err();
    insta::assert_snapshot!("config_credentials_in_base_url", render(&error));
}

#[test]
fn config_invalid_base_url() {
    let error = Client::builder()
        .base_url("not a url")
        .static_token(TOKEN)
        .build()
        .unwrap_err();
    insta::assert_snapshot!("config_invalid_base_url", render(&error));
}

#[test]
fn config_unsupported_scheme() {
    let error = Client::builder()
        .base_url("ftp://127.0.0.1/graph")
        .static_token(TOKEN)
        .build()
        .unwrap_err();
    insta::assert_snapshot!("config_unsupported_scheme", render(&error));
}
