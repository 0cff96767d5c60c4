//! Hand-written behaviour of the conformance gate: errors, retries, redirects and secrets, all
//! through the generated binding `client.beta().audit_logs().sign_ins().confirm_safe(..)` against
//! servers on loopback (httpmock, or a raw TCP server where the exact wire requests matter).
//!
//! The helpers and the scripted server are here; the tests are in one module per concern.
#![allow(clippy::unwrap_used)]

mod errors;
mod retries;
mod secrets;

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
