//! The two sides of the batching benchmark: 100 `GET /v1.0/users/{id}` through the generated
//! binding, sent as 100 single calls or added to one [`graph_runtime::Batch`] (sent as 5 `$batch`
//! calls of 20), against a loopback server that answers both with the same user JSON.

use std::time::{Duration, Instant};

use graph_api::{Client, GraphApi, RetryPolicy};
use serde_json::{Value, json};

use crate::server::LoopbackServer;

/// How many GETs one iteration sends.
pub const GETS: usize = 100;

/// The user the server answers for `id`.
fn user(id: &str) -> Value {
    json!({
        "id": id,
        "displayName": format!("User {id}"),
        "mail": format!("{id}@contoso.com"),
        "userPrincipalName": format!("{id}@contoso.com"),
    })
}

fn http_response(body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// The server side: a user for `GET /v1.0/users/{id}`, and for `POST /v1.0/$batch` one `200`
/// answer with that user per item, in order.
pub fn respond(raw: &[u8]) -> Vec<u8> {
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let line = raw.split(|&b| b == b'\r').next().unwrap_or_default();
    let target = std::str::from_utf8(line)
        .ok()
        .and_then(|l| l.split(' ').nth(1))
        .unwrap_or_default();
    if target.ends_with("/$batch") {
        let body: Value = serde_json::from_slice(raw.get(head_end + 4..).unwrap_or_default())
            .unwrap_or(Value::Null);
        let responses: Vec<Value> = body["requests"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|item| {
                let id = item["url"].as_str().unwrap_or_default().rsplit('/').next();
                json!({
                    "id": item["id"],
                    "status": 200,
                    "headers": { "content-type": "application/json" },
                    "body": user(id.unwrap_or_default()),
                })
            })
            .collect();
        let body = serde_json::to_vec(&json!({ "responses": responses })).unwrap_or_default();
        return http_response(&body);
    }
    let id = target.rsplit('/').next().unwrap_or_default();
    http_response(&serde_json::to_vec(&user(id)).unwrap_or_default())
}

/// Everything both sides need.
#[derive(Debug)]
pub struct Batching {
    /// The loopback server both call.
    pub server: LoopbackServer,
    /// A single-threaded runtime with IO and time.
    pub rt: tokio::runtime::Runtime,
    /// The Graph client: base URL on loopback, static token, no retries.
    pub client: Client,
    /// The user ids, `u1` to `u100`.
    pub ids: Vec<String>,
}

impl Batching {
    /// Starts the server and builds the client.
    pub fn new() -> Batching {
        let server = LoopbackServer::start_with(respond).expect("loopback server");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        let client = Client::builder()
            .base_url(server.base_url())
            .static_token(crate::calls::token())
            .retry_policy(RetryPolicy::none())
            .build()
            .expect("graph client");
        let ids = (1..=GETS).map(|i| format!("u{i}")).collect();
        Batching {
            server,
            rt,
            client,
            ids,
        }
    }

    /// `iters` times 100 single calls, one after the other; the time they took.
    pub fn singles(&self, iters: u64) -> Duration {
        self.rt.block_on(async {
            let start = Instant::now();
            for _ in 0..iters {
                for id in &self.ids {
                    let user = self.client.v1().users().by_id(id).get().await;
                    std::hint::black_box(user.expect("user"));
                }
            }
            start.elapsed()
        })
    }

    /// `iters` times 100 calls in one batch (5 `$batch` calls); the time they took.
    pub fn batched(&self, iters: u64) -> Duration {
        self.rt.block_on(async {
            let start = Instant::now();
            for _ in 0..iters {
                let batch = self.client.batch();
                let mut items = Vec::with_capacity(GETS);
                for id in &self.ids {
                    let call = async { batch.client().v1().users().by_id(id).get().await };
                    items.push(batch.add(call).expect("added"));
                }
                batch.send().await.expect("sent");
                for item in items {
                    std::hint::black_box(item.await.expect("user"));
                }
            }
            start.elapsed()
        })
    }

    /// Runs each side once and panics unless both decode the same 100 users, and the batch side
    /// took 5 requests to the server's 100.
    pub fn check(&self) {
        let before = self.server.requests();
        self.singles(1);
        let singles = self.server.requests() - before;
        self.batched(1);
        let batches = self.server.requests() - before - singles;
        assert_eq!((singles, batches), (GETS as u64, 5), "requests per side");
        let decoded = self.rt.block_on(async {
            let batch = self.client.batch();
            let item = batch
                .add(async { batch.client().v1().users().by_id("u7").get().await })
                .expect("added");
            batch.send().await.expect("sent");
            item.await.expect("user")
        });
        let single = self
            .rt
            .block_on(self.client.v1().users().by_id("u7").get())
            .expect("user");
        assert_eq!(decoded, single);
        assert_eq!(single.display_name.as_deref(), Some("User u7"));
    }
}

impl Default for Batching {
    fn default() -> Self {
        Batching::new()
    }
}
