//! Hand-written behaviour of the conformance gate: errors, retries, redirects and secrets, all
//! through the generated binding `client.beta().audit_logs().sign_ins().confirm_safe(..)` against
//! servers on loopback (httpmock, or a raw TCP server where the exact wire requests matter).
//!
//! Over 500 lines on purpose: every file in `tests/` is a binary of its own that links the whole
//! crate (and its dependencies) again, so related tests share one file rather than adding a link
//! step per split.
#![allow(clippy::unwrap_used)]

use std::error::Error as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_api::{Client, GraphApi, RetryPolicy};
use graph_runtime::Error;
use httpmock::MockServer;
use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

/// A distinctive token: every error and `Debug` output is searched for it.
const SECRET: &str = "behaviour-s3cr3t-eyJ0eXAiOiJKV1Qi";
const PATH: &str = "/beta/auditLogs/signIns/confirmSafe";
const UUID_V4: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

fn body() -> ConfirmSafeRequest {
    ConfirmSafeRequest::new(vec![
        "5a0c76d2-cb57-4ece-9bc1-c323178f116a".to_string(),
        "96609214-09ef-4f80-9d4a-ace5fceecaec".to_string(),
    ])
}

fn body_json() -> serde_json::Value {
    json!({"requestIds": [
        "5a0c76d2-cb57-4ece-9bc1-c323178f116a",
        "96609214-09ef-4f80-9d4a-ace5fceecaec"
    ]})
}

/// Retries with delays of a few milliseconds, so that a wrong retry shows as an extra hit
/// without slowing the tests down; `Retry-After` is honoured up to 5 s.
fn fast_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_secs(5),
        max_total_wait: Duration::from_secs(10),
    }
}

fn client(base: &str, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(base)
        .static_token(SECRET)
        .retry_policy(policy)
        .build()
        .unwrap()
}

async fn confirm_safe(client: &Client) -> Result<(), Error> {
    client
        .beta()
        .audit_logs()
        .sign_ins()
        .confirm_safe(&body())
        .await
}

/// Fails when the token appears in the error's `Display`, `Debug` (plain and alternate) or
/// anywhere in its `source()` chain.
fn assert_no_token(error: &Error) {
    let mut shown = vec![
        format!("{error}"),
        format!("{error:?}"),
        format!("{error:#?}"),
    ];
    let mut source = error.source();
    while let Some(s) = source {
        shown.push(format!("{s}"));
        shown.push(format!("{s:?}"));
        source = s.source();
    }
    for text in shown {
        assert!(!text.is_empty(), "an error printed nothing");
        assert!(!text.contains(SECRET), "the token leaked: {text}");
        assert!(!text.contains("s3cr3t"), "part of the token leaked: {text}");
    }
}

/// A Graph OData error body.
fn graph_error(code: &str, message: &str, inner: Option<serde_json::Value>) -> String {
    let mut error = json!({ "code": code, "message": message });
    if let Some(inner) = inner {
        error["innerError"] = inner;
    }
    json!({ "error": error }).to_string()
}

#[tokio::test]
async fn service_errors_on_400_403_404_carry_status_code_message_and_request_id() {
    struct Case {
        status: u16,
        code: &'static str,
        message: &'static str,
        inner: Option<serde_json::Value>,
        header_request_id: Option<&'static str>,
        want_request_id: &'static str,
        want_client_request_id: Option<&'static str>,
    }
    let cases = [
        // Everything in innerError.
        Case {
            status: 400,
            code: "badRequest",
            message: "Invalid request ids.",
            inner: Some(json!({
                "request-id": "inner-400",
                "client-request-id": "client-400",
                "date": "2024-05-01T10:00:00"
            })),
            header_request_id: None,
            want_request_id: "inner-400",
            want_client_request_id: Some("client-400"),
        },
        // No innerError: the request id comes from the header.
        Case {
            status: 403,
            code: "Authorization_RequestDenied",
            message: "Insufficient privileges to complete the operation.",
            inner: None,
            header_request_id: Some("header-403"),
            want_request_id: "header-403",
            want_client_request_id: None,
        },
        // Both: innerError wins over the header.
        Case {
            status: 404,
            code: "Request_ResourceNotFound",
            message: "Resource 'signIns' does not exist.",
            inner: Some(json!({ "request-id": "inner-404", "date": "2024-05-01T10:00:00" })),
            header_request_id: Some("header-404"),
            want_request_id: "inner-404",
            want_client_request_id: None,
        },
    ];
    for case in cases {
        let server = MockServer::start_async().await;
        let mock = server
            .mock_async(|when, then| {
                when.method("POST")
                    .path(PATH)
                    .header("authorization", format!("Bearer {SECRET}"))
                    .json_body(body_json());
                let then = then
                    .status(case.status)
                    .header("content-type", "application/json")
                    .body(graph_error(case.code, case.message, case.inner.clone()));
                if let Some(id) = case.header_request_id {
                    then.header("request-id", id);
                }
            })
            .await;
        // A policy that would retry: a 4xx must still be sent exactly once.
        let error = confirm_safe(&client(&server.base_url(), fast_retries(3)))
            .await
            .unwrap_err();
        let status = case.status;
        assert_eq!(
            mock.calls_async().await,
            1,
            "{status}: not sent exactly once"
        );
        assert_eq!(error.status(), Some(status));
        let Error::Service(service) = &error else {
            panic!("{status}: expected Error::Service, got {error:?}");
        };
        assert_eq!(service.status(), status);
        assert_eq!(service.code(), case.code, "{status}");
        assert_eq!(service.message(), case.message, "{status}");
        assert_eq!(service.request_id(), Some(case.want_request_id), "{status}");
        match case.want_client_request_id {
            Some(want) => assert_eq!(service.client_request_id(), Some(want), "{status}"),
            // Without one in the body or headers, the id this client sent.
            None => {
                let sent = service.client_request_id().unwrap();
                assert!(uuid::Uuid::parse_str(sent).is_ok(), "{status}: {sent}");
            }
        }
        assert_eq!(service.retry_after(), None);
        let shown = error.to_string();
        for part in [
            &status.to_string(),
            case.code,
            case.message,
            case.want_request_id,
        ] {
            assert!(shown.contains(part), "{status}: `{part}` not in `{shown}`");
        }
        assert_no_token(&error);
    }
}

#[tokio::test]
async fn throttled_429_with_retry_after_is_retried_once_then_ok() {
    let server = MockServer::start_async().await;
    let throttled = server
        .mock_async(|when, then| {
            when.method("POST")
                .path(PATH)
                .header("authorization", format!("Bearer {SECRET}"))
                .header_matches("client-request-id", UUID_V4)
                .header_missing("retry-attempt")
                .json_body(body_json());
            then.status(429)
                .header("retry-after", "1")
                .header("content-type", "application/json")
                .body(graph_error("TooManyRequests", "Too many requests.", None));
        })
        .await;
    let retried = server
        .mock_async(|when, then| {
            when.method("POST")
                .path(PATH)
                .header("authorization", format!("Bearer {SECRET}"))
                .header_matches("client-request-id", UUID_V4)
                .header("retry-attempt", "1")
                .json_body(body_json());
            then.status(204);
        })
        .await;
    let started = Instant::now();
    let result = confirm_safe(&client(&server.base_url(), fast_retries(3))).await;
    let elapsed = started.elapsed();
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(throttled.calls_async().await, 1, "first attempt");
    assert_eq!(retried.calls_async().await, 1, "exactly one retry");
    // The backoff alone would be ~1 ms: the wait is the one Retry-After asked for.
    assert!(
        elapsed >= Duration::from_secs(1),
        "Retry-After: 1 not honoured, retried after {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
}

#[tokio::test]
async fn retry_keeps_the_client_request_id_and_adds_retry_attempt() {
    let server = Scripted::start(vec![
        answer(
            429,
            &[("retry-after", "1"), ("content-type", "application/json")],
            &graph_error("TooManyRequests", "Too many requests.", None),
        ),
        answer(204, &[], ""),
    ])
    .await;
    let result = confirm_safe(&client(&server.base, fast_retries(3))).await;
    assert!(result.is_ok(), "{result:?}");
    let seen = server.finish();
    assert_eq!(
        seen.len(),
        2,
        "expected one attempt and one retry: {seen:#?}"
    );
    let (first, second) = (&seen[0], &seen[1]);
    for request in &seen {
        assert_eq!(request.request_line, format!("POST {PATH} HTTP/1.1"));
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {SECRET}").as_str())
        );
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body, body_json());
    }
    let id = first.header("client-request-id").unwrap();
    let parsed = uuid::Uuid::parse_str(id).unwrap();
    assert_eq!(parsed.get_version_num(), 4, "{id}");
    assert_eq!(
        second.header("client-request-id"),
        Some(id),
        "the retry must keep the client-request-id"
    );
    assert_eq!(first.header("retry-attempt"), None);
    assert_eq!(second.header("retry-attempt"), Some("1"));
}

#[tokio::test]
async fn service_error_without_ids_reports_the_client_request_id_sent() {
    let server = Scripted::start(vec![answer(
        403,
        &[("content-type", "application/json")],
        &graph_error("accessDenied", "Access denied.", None),
    )])
    .await;
    let error = confirm_safe(&client(&server.base, fast_retries(3)))
        .await
        .unwrap_err();
    let seen = server.finish();
    assert_eq!(seen.len(), 1);
    let sent = seen[0].header("client-request-id").unwrap();
    let service = error.service_error().unwrap();
    assert_eq!(service.client_request_id(), Some(sent));
    assert_eq!(service.request_id(), None);
    assert!(error.to_string().contains(sent), "{error}");
    assert_no_token(&error);
}

#[tokio::test]
async fn unavailable_503_stops_after_max_retries_with_the_last_error() {
    let server = MockServer::start_async().await;
    // One mock per attempt, told apart by Retry-Attempt, each with its own error code, so
    // the error returned shows which attempt it came from.
    let attempt = |retry: Option<&'static str>, code: &'static str| {
        let server = &server;
        async move {
            server
                .mock_async(|when, then| {
                    let when = when
                        .method("POST")
                        .path(PATH)
                        .header("authorization", format!("Bearer {SECRET}"));
                    match retry {
                        None => when.header_missing("retry-attempt"),
                        Some(n) => when.header("retry-attempt", n),
                    };
                    then.status(503)
                        .header("content-type", "application/json")
                        .header("request-id", format!("rid-{code}"))
                        .body(graph_error(code, "The service is unavailable.", None));
                })
                .await
        }
    };
    let first = attempt(None, "unavailable0").await;
    let second = attempt(Some("1"), "unavailable1").await;
    let third = attempt(Some("2"), "unavailable2").await;
    let fourth = attempt(Some("3"), "unavailable3").await;

    let error = confirm_safe(&client(&server.base_url(), fast_retries(2)))
        .await
        .unwrap_err();
    let hits = [
        first.calls_async().await,
        second.calls_async().await,
        third.calls_async().await,
        fourth.calls_async().await,
    ];
    assert_eq!(hits, [1, 1, 1, 0], "max_retries 2 means exactly 3 attempts");
    assert_eq!(hits.iter().sum::<usize>(), 3);
    let Error::Service(service) = &error else {
        panic!("expected Error::Service, got {error:?}");
    };
    assert_eq!(service.status(), 503);
    assert_eq!(
        service.code(),
        "unavailable2",
        "not the last attempt's error"
    );
    assert_eq!(service.request_id(), Some("rid-unavailable2"));
    assert_eq!(error.status(), Some(503));
    assert_no_token(&error);
}

#[tokio::test]
async fn html_500_is_a_clear_http_error_and_not_retried() {
    let server = MockServer::start_async().await;
    let html = "<html><body><h1>500 Internal Server Error</h1>upstream gateway</body></html>";
    let mock = server
        .mock_async(|when, then| {
            when.method("POST").path(PATH);
            then.status(500)
                .header("content-type", "text/html")
                .header("request-id", "gateway-500")
                .body(html);
        })
        .await;
    let error = confirm_safe(&client(&server.base_url(), fast_retries(3)))
        .await
        .unwrap_err();
    assert_eq!(mock.calls_async().await, 1, "500 is not retryable");
    assert!(error.service_error().is_none(), "{error:?}");
    assert!(!matches!(error, Error::Service(_)));
    assert_eq!(error.status(), Some(500));
    match &error {
        Error::Http {
            status,
            body_snippet,
            request_id,
        } => {
            assert_eq!(*status, 500);
            assert_eq!(body_snippet, html);
            assert_eq!(request_id.as_deref(), Some("gateway-500"));
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    let shown = error.to_string();
    assert!(shown.contains("500"), "{shown}");
    assert!(shown.contains("upstream gateway"), "{shown}");
    assert!(shown.contains("gateway-500"), "{shown}");
    assert_no_token(&error);
}

#[tokio::test]
async fn redirect_to_another_origin_does_not_carry_authorization() {
    let origin = MockServer::start_async().await;
    let other = MockServer::start_async().await;
    assert_ne!(origin.port(), other.port());
    let redirect = origin
        .mock_async(|when, then| {
            when.method("POST")
                .path(PATH)
                .header("authorization", format!("Bearer {SECRET}"));
            then.status(307).header("location", other.url(PATH));
        })
        .await;
    let without_auth = other
        .mock_async(|when, then| {
            when.method("POST")
                .path(PATH)
                .header_missing("authorization")
                .json_body(body_json());
            then.status(204);
        })
        .await;
    let with_auth = other
        .mock_async(|when, then| {
            when.method("POST")
                .path(PATH)
                .header_exists("authorization");
            then.status(204);
        })
        .await;
    let result = confirm_safe(&client(&origin.base_url(), fast_retries(0))).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(redirect.calls_async().await, 1, "the origin got the token");
    assert_eq!(
        without_auth.calls_async().await,
        1,
        "the redirect was followed without Authorization (method and body kept)"
    );
    assert_eq!(
        with_auth.calls_async().await,
        0,
        "Authorization was sent to another origin"
    );
}

#[tokio::test]
async fn redirect_within_the_origin_keeps_authorization() {
    // The counterpart of the test above: Authorization is dropped because the origin changed,
    // not on every redirect.
    let server = MockServer::start_async().await;
    let moved = "/beta/auditLogs/signIns/confirmSafeMoved";
    let redirect = server
        .mock_async(|when, then| {
            when.method("POST").path(PATH);
            then.status(307).header("location", moved);
        })
        .await;
    let target = server
        .mock_async(|when, then| {
            when.method("POST")
                .path(moved)
                .header("authorization", format!("Bearer {SECRET}"))
                .json_body(body_json());
            then.status(204);
        })
        .await;
    let result = confirm_safe(&client(&server.base_url(), fast_retries(0))).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(redirect.calls_async().await, 1);
    assert_eq!(target.calls_async().await, 1);
}

#[tokio::test]
async fn transport_and_timeout_errors_do_not_show_the_token() {
    // Connection refused: a port that was just free.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        listener.local_addr().unwrap().port()
    };
    let error = confirm_safe(&client(
        &format!("http://127.0.0.1:{port}"),
        fast_retries(3),
    ))
    .await
    .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.source().is_some(), "{error:?}");
    assert_no_token(&error);

    // A server that reads the request and never answers.
    let silent = Scripted::silent().await;
    let timed_out = Client::builder()
        .base_url(&silent.base)
        .static_token(SECRET)
        .retry_policy(fast_retries(3))
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = confirm_safe(&timed_out).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(error, Error::Timeout(d) if d == Duration::from_millis(200)),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_no_token(&error);
    let seen = silent.finish();
    assert_eq!(seen.len(), 1, "a timeout is not retried");
    // The request did carry the token: the check above is not vacuous.
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {SECRET}").as_str())
    );
}

#[tokio::test]
async fn client_debug_does_not_show_the_token() {
    let client = client("http://127.0.0.1:9", fast_retries(2));
    let api = client.beta();
    let sign_ins = api.audit_logs().sign_ins();
    for shown in [
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{sign_ins:?}"),
        format!("{:?}", Client::builder().static_token(SECRET)),
    ] {
        assert!(!shown.contains(SECRET), "the token leaked: {shown}");
        assert!(
            !shown.contains("s3cr3t"),
            "part of the token leaked: {shown}"
        );
        // Not vacuous: the output is the configuration, with the provider masked.
        assert!(shown.contains("***"), "{shown}");
    }
    let shown = format!("{client:?}");
    assert!(shown.contains("http://127.0.0.1:9"), "{shown}");
    assert!(shown.contains("max_retries: 2"), "{shown}");
}

/// A request as a [`Scripted`] server received it.
type Seen = graph_conformance::Wire;

/// A raw HTTP/1.1 server on loopback: one connection per scripted answer (each closed after
/// its answer), recording every request it reads; after the script it accepts no more.
struct Scripted {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

/// A raw response with `content-length` and `connection: close`.
fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> String {
    let mut text = format!(
        "HTTP/1.1 {status} Scripted\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}

impl Scripted {
    async fn start(answers: Vec<String>) -> Scripted {
        Self::spawn(Some(answers)).await
    }

    /// Reads requests and never answers.
    async fn silent() -> Scripted {
        Self::spawn(None).await
    }

    async fn spawn(answers: Option<Vec<String>>) -> Scripted {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let task = tokio::spawn(async move {
            let Some(answers) = answers else {
                let mut held = Vec::new();
                while let Ok((mut socket, _)) = listener.accept().await {
                    if let Some(request) = graph_conformance::read_request(&mut socket).await {
                        record.lock().unwrap().push(request);
                    }
                    held.push(socket);
                }
                return;
            };
            for answer in answers {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                if let Some(request) = graph_conformance::read_request(&mut socket).await {
                    record.lock().unwrap().push(request);
                }
                let _ = socket.write_all(answer.as_bytes()).await;
                let _ = socket.shutdown().await;
            }
        });
        Scripted { base, seen, task }
    }

    /// Stops the server and returns the requests it received.
    fn finish(self) -> Vec<Seen> {
        self.task.abort();
        self.seen.lock().unwrap().clone()
    }
}
