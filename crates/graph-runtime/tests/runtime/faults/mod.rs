//! Faulty servers: connections reset at each stage of a response, servers slower than the timeout,
//! absurd `Retry-After` values, 503 storms, a 204 with a body, endless error bodies and broken JSON.
//!
//! `transport.rs`, `retries.rs` and `errors.rs` cover the plain cases (a reset after part of a 200 body,
//! a server that never answers, `Retry-After: 86400000`, a 512 KiB error body, a 200 body of the wrong
//! shape); these are the harder variants. Each test checks the error kind, bounds the wall-clock time,
//! runs under `tokio::time::timeout` so that a hang fails instead of blocking, and counts the requests
//! the server saw against what the retry policy allows. Servers listen on 127.0.0.1 only: httpmock where
//! it can fake the fault, a raw `TcpListener` where the fault is below HTTP.
//!
//! The helpers are here; the tests are in one module per kind of fault.

#![allow(clippy::unwrap_used)]

mod bodies;
mod connection;
mod throttling;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use graph_runtime::{ApiVersion, Client, Error, MAX_ERROR_BODY, Method, Request, RetryPolicy};
use httpmock::prelude::*;
use tokio_time::io::{AsyncReadExt, AsyncWriteExt};
use tokio_time::net::{TcpListener, TcpStream};
use tokio_time::time::{sleep, timeout};

/// The longest any one test may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(20);

fn client(base: String, policy: RetryPolicy, request_timeout: Duration) -> Client {
    Client::builder()
        .base_url(base)
        .static_token("faults-test-token")
        .retry_policy(policy)
        .timeout(request_timeout)
        .connect_timeout(Duration::from_secs(2))
        .build()
        .unwrap()
}

fn policy(max_retries: u32, max_delay: Duration, max_total_wait: Duration) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(5),
        max_delay,
        max_total_wait,
    }
}

fn get(path: &str) -> Request {
    Request::new(Method::GET, ApiVersion::V1, path)
}

/// Sends `request`, failing the test if it does not finish within [`HANG`]; returns the result and
/// how long it took.
async fn send(
    client: &Client,
    request: Request,
) -> (Result<graph_runtime::Response, Error>, Duration) {
    let started = Instant::now();
    let result = timeout(HANG, client.send(request))
        .await
        .unwrap_or_else(|_| panic!("the request hung for {HANG:?}"));
    let elapsed = started.elapsed();
    (result, elapsed)
}

/// A raw HTTP/1.1 server on 127.0.0.1: `handle` gets each connection and the shared request counter.
async fn raw_server<F, Fut>(handle: F) -> (SocketAddr, Arc<AtomicUsize>)
where
    F: Fn(TcpStream, Arc<AtomicUsize>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&requests);
    tokio_time::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio_time::spawn(handle(stream, Arc::clone(&counter)));
        }
    });
    (addr, requests)
}

/// Reads one request head (the requests here have no body) and counts it. `false` at end of stream.
async fn read_request(stream: &mut TcpStream, requests: &AtomicUsize) -> bool {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => return false,
        }
    }
    requests.fetch_add(1, Ordering::SeqCst);
    true
}

/// Writes `bytes`, then closes the connection with a TCP reset (not a FIN).
async fn write_then_reset(mut stream: TcpStream, bytes: &[u8]) {
    let _ = stream.write_all(bytes).await;
    let _ = stream.flush().await;
    // Let the bytes leave before the reset discards what is unsent.
    sleep(Duration::from_millis(20)).await;
    let _ = stream.set_zero_linger();
    drop(stream);
}

fn count(requests: &AtomicUsize) -> usize {
    requests.load(Ordering::SeqCst)
}
