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
//! Over 500 lines on purpose: every file in `tests/` is a binary of its own that links the whole
//! crate (and its dependencies) again, so related tests share one file rather than adding a link
//! step per split.

#![allow(clippy::unwrap_used)]

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

// -------------------------------------------------------------------------------------------------
// Connections reset mid-response
// -------------------------------------------------------------------------------------------------

#[tokio_time::test(crate = "tokio_time")]
async fn a_reset_inside_the_status_line_or_headers_is_a_transport_error_and_not_retried() {
    for partial in [
        &b"HTTP/1.1 20"[..],
        b"HTTP/1.1 200 OK\r\nContent-Type: appl",
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\n",
    ] {
        let (addr, requests) = raw_server(move |mut stream, requests| async move {
            if read_request(&mut stream, &requests).await {
                write_then_reset(stream, partial).await;
            }
        })
        .await;
        let policy = policy(3, Duration::from_millis(20), Duration::from_secs(1));
        let client = client(format!("http://{addr}"), policy, Duration::from_secs(5));
        let (result, elapsed) = send(&client, get("/me")).await;
        let err = result.expect_err("a reset response");
        eprintln!(
            "reset after {:?}: {err:?} / {err}",
            String::from_utf8_lossy(partial)
        );
        assert!(matches!(err, Error::Transport(_)), "{err:?}");
        assert!(err.to_string().starts_with("transport error: "), "{err}");
        assert!(!err.is_timeout(), "{err:?}");
        assert_eq!(err.status(), None, "{err:?}");
        // Transport errors are not retried: the request may have been processed.
        assert_eq!(count(&requests), 1);
        assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_reset_inside_a_chunked_success_body_is_a_transport_error() {
    let (addr, requests) = raw_server(|mut stream, requests| async move {
        if read_request(&mut stream, &requests).await {
            write_then_reset(
                stream,
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\
                  c\r\n{\"value\": [1\r\n",
            )
            .await;
        }
    })
    .await;
    let policy = policy(3, Duration::from_millis(20), Duration::from_secs(1));
    let client = client(format!("http://{addr}"), policy, Duration::from_secs(5));
    let (result, elapsed) = send(&client, get("/users")).await;
    let err = result.expect_err("a body cut by a reset");
    eprintln!("reset inside a chunked 200 body: {err:?} / {err}");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(count(&requests), 1);
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_reset_inside_a_503_body_keeps_the_status_and_retries_within_the_policy() {
    let (addr, requests) = raw_server(|mut stream, requests| async move {
        if read_request(&mut stream, &requests).await {
            write_then_reset(
                stream,
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 1000\r\nRetry-After: 0\r\n\r\n\
                  {\"error\": {\"code\": \"Unavail",
            )
            .await;
        }
    })
    .await;
    let policy = policy(2, Duration::from_millis(20), Duration::from_secs(1));
    let client = client(format!("http://{addr}"), policy, Duration::from_secs(5));
    let (result, elapsed) = send(&client, get("/me")).await;
    let err = result.expect_err("503 every time");
    eprintln!("reset inside a 503 body: {err:?} / {err}");
    // What arrived of the body is kept; it is not a Graph error, so the status is reported as is.
    let Error::Http {
        status: 503,
        body_snippet,
        ..
    } = &err
    else {
        panic!("expected Http 503, got {err:?}");
    };
    assert!(body_snippet.starts_with("{\"error\""), "{body_snippet}");
    assert_eq!(count(&requests), 3, "max_retries 2: three attempts");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

// -------------------------------------------------------------------------------------------------
// Slow servers
// -------------------------------------------------------------------------------------------------

#[tokio_time::test(crate = "tokio_time")]
async fn a_server_slower_than_the_timeout_times_out_once_without_retries() {
    let server = MockServer::start_async().await;
    let slow = server
        .mock_async(|when, then| {
            when.path("/v1.0/me");
            then.status(503)
                .header("retry-after", "0")
                .delay(Duration::from_secs(3));
        })
        .await;
    let policy = policy(3, Duration::from_millis(20), Duration::from_secs(1));
    let client = client(server.base_url(), policy, Duration::from_millis(200));
    let (result, elapsed) = send(&client, get("/me")).await;
    let err = result.expect_err("too slow");
    eprintln!("server slower than the timeout: {err:?} / {err}");
    assert!(
        matches!(err, Error::Timeout(d) if d == Duration::from_millis(200)),
        "{err:?}"
    );
    assert!(err.is_timeout());
    assert_eq!(err.to_string(), "request timed out after 200ms");
    assert!(elapsed >= Duration::from_millis(190), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    // A timed-out request may have been processed: it is not retried.
    slow.assert_calls_async(1).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_body_that_drips_in_slower_than_the_timeout_times_out() {
    // Every byte arrives well within the timeout, the whole body does not: the timeout is per attempt,
    // not per read.
    let (addr, requests) = raw_server(|mut stream, requests| async move {
        if !read_request(&mut stream, &requests).await {
            return;
        }
        let head =
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n";
        if stream.write_all(head).await.is_err() {
            return;
        }
        for _ in 0..200 {
            sleep(Duration::from_millis(25)).await;
            if stream.write_all(b" ").await.is_err() {
                return;
            }
        }
    })
    .await;
    let policy = policy(3, Duration::from_millis(20), Duration::from_secs(1));
    let client = client(format!("http://{addr}"), policy, Duration::from_millis(400));
    let (result, elapsed) = send(&client, get("/me")).await;
    let err = result.expect_err("too slow in total");
    eprintln!("dripping body: {err:?} / {err}");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert!(elapsed >= Duration::from_millis(390), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert_eq!(count(&requests), 1);
}

// -------------------------------------------------------------------------------------------------
// Retry-After
// -------------------------------------------------------------------------------------------------

const THROTTLED: &str = r#"{"error":{"code":"TooManyRequests","message":"Too many requests"}}"#;

#[tokio_time::test(crate = "tokio_time")]
async fn huge_or_malformed_retry_after_is_capped_by_max_delay() {
    let server = MockServer::start_async().await;
    let values = [
        "1000000000000",                    // 10^12 s
        "18446744073709551615",             // u64::MAX s
        "99999999999999999999999999999999", // beyond u64
        "Fri, 31 Dec 9999 23:59:59 GMT",    // the last HTTP date
        "-1",
        "1.5",
        "0x10",
        "soon",
        "",
        "1000000000000, 1",
        "Thu, 01 Jan 1970 00:00:00 GMT", // in the past: no wait
    ];
    // max_delay caps each wait at 30 ms; two retries wait at most 60 ms in all.
    let policy = policy(2, Duration::from_millis(30), Duration::from_secs(60));
    let client = client(server.base_url(), policy, Duration::from_secs(5));
    for (i, value) in values.iter().enumerate() {
        let path = format!("/throttled/{i}");
        let mock = server
            .mock_async(|when, then| {
                when.path(format!("/v1.0{path}"));
                then.status(429)
                    .header("content-type", "application/json")
                    .header("retry-after", *value)
                    .body(THROTTLED);
            })
            .await;
        let (result, elapsed) = send(&client, get(&path)).await;
        let err = result.expect_err("429 every time");
        let Error::Service(service) = &err else {
            panic!("Retry-After {value:?}: expected Service, got {err:?}");
        };
        assert_eq!((service.status(), service.code()), (429, "TooManyRequests"));
        if i == 0 {
            eprintln!("Retry-After {value}: {err:?} / {err}");
            assert_eq!(
                service.retry_after(),
                Some(Duration::from_secs(1_000_000_000_000))
            );
        }
        mock.assert_calls_async(3).await;
        // Two waits of at most 30 ms, three local round trips: far below a second, even on a
        // loaded machine; a cap above ~500 ms would show.
        assert!(
            elapsed < Duration::from_secs(1),
            "Retry-After {value:?} took {elapsed:?}"
        );
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_retry_after_beyond_the_total_budget_gives_up_at_once() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.path("/v1.0/me");
            then.status(429)
                .header("retry-after", "1000000000000")
                .body(THROTTLED);
        })
        .await;
    // Even capped at an hour, the wait does not fit in 200 ms: the 429 is returned without waiting.
    let policy = policy(5, Duration::from_secs(3600), Duration::from_millis(200));
    let client = client(server.base_url(), policy, Duration::from_secs(5));
    let (result, elapsed) = send(&client, get("/me")).await;
    let err = result.expect_err("429");
    eprintln!("Retry-After beyond the budget: {err:?} / {err}");
    assert_eq!(err.status(), Some(429));
    assert!(err.service_error().is_some(), "{err:?}");
    mock.assert_calls_async(1).await;
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

// -------------------------------------------------------------------------------------------------
// 503 storms
// -------------------------------------------------------------------------------------------------

#[tokio_time::test(crate = "tokio_time")]
async fn a_503_storm_is_bounded_in_attempts_and_time() {
    let server = MockServer::start_async().await;
    let storm = server
        .mock_async(|when, then| {
            when.path("/v1.0/storm");
            then.status(503)
                .header("content-type", "application/json")
                .body(r#"{"error":{"code":"ServiceUnavailable","message":"try later"}}"#);
        })
        .await;
    // Backoff waits of at most 10 + 20 + 40 ms fit the 500 ms budget: exactly four attempts each.
    let policy = policy(3, Duration::from_millis(40), Duration::from_millis(500));
    let client = client(server.base_url(), policy, Duration::from_secs(5));
    const CALLERS: usize = 16;
    let started = Instant::now();
    let calls: Vec<_> = (0..CALLERS)
        .map(|_| {
            let client = client.clone();
            tokio_time::spawn(async move { send(&client, get("/storm")).await })
        })
        .collect();
    for call in calls {
        let (result, _) = call.await.unwrap();
        let err = result.expect_err("503 every time");
        let service = err.service_error().unwrap_or_else(|| panic!("{err:?}"));
        assert_eq!(
            (service.status(), service.code()),
            (503, "ServiceUnavailable")
        );
    }
    let elapsed = started.elapsed();
    storm.assert_calls_async(CALLERS * 4).await;
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_503_storm_with_retry_after_zero_stops_at_max_retries() {
    let server = MockServer::start_async().await;
    let storm = server
        .mock_async(|when, then| {
            when.path("/v1.0/storm");
            then.status(503).header("retry-after", "0");
        })
        .await;
    // `Retry-After: 0` counts as absent, so each wait is the backoff, here capped at 1 ms by
    // `max_delay`: the waits never exhaust the time budget and the attempt count bounds the
    // storm (retries.rs has the floor itself).
    let policy = policy(10, Duration::from_millis(1), Duration::from_secs(1));
    let client = client(server.base_url(), policy, Duration::from_secs(5));
    let (result, elapsed) = send(&client, get("/storm")).await;
    let err = result.expect_err("503 every time");
    eprintln!("503 storm with Retry-After: 0: {err:?} / {err}");
    assert!(
        matches!(&err, Error::Http { status: 503, body_snippet, .. } if body_snippet.is_empty()),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "HTTP error status 503 with an empty body");
    storm.assert_calls_async(11).await;
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

// -------------------------------------------------------------------------------------------------
// A 204 with a body
// -------------------------------------------------------------------------------------------------

#[tokio_time::test(crate = "tokio_time")]
async fn a_204_with_a_body_is_empty_and_does_not_poison_the_connection() {
    // The first request on each connection gets a 204 that (against RFC 9110) carries a body; a
    // later one on the same connection gets a 200. The stray body must neither reach the caller nor
    // be read as the next response on a reused connection.
    let connections = Arc::new(AtomicUsize::new(0));
    let opened = Arc::clone(&connections);
    let (addr, requests) = raw_server(move |mut stream, requests| {
        opened.fetch_add(1, Ordering::SeqCst);
        async move {
            let mut first = true;
            while read_request(&mut stream, &requests).await {
                let response: &[u8] = if first {
                    b"HTTP/1.1 204 No Content\r\nContent-Length: 27\r\n\r\n{\"unexpected\": \"body here\"}"
                } else {
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"
                };
                first = false;
                if stream.write_all(response).await.is_err() {
                    return;
                }
            }
        }
    })
    .await;
    let client = client(
        format!("http://{addr}"),
        RetryPolicy::none(),
        Duration::from_secs(5),
    );
    let (result, _) = send(&client, get("/first")).await;
    let response = result.expect("a 204 is a success");
    assert_eq!(response.status(), 204);
    assert_eq!(response.body(), b"", "a 204 has no body");
    let err = response
        .clone()
        .json::<serde_json::Value>()
        .expect_err("no body to decode");
    eprintln!("204 with a body, decoded: {err:?} / {err}");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    response.into_unit().unwrap();

    // The next request gets the server's next answer: a 204 on a fresh connection (what hyper does:
    // it drops a connection with unread bytes) or the 200 on the same one; never the stray body.
    let (result, _) = send(&client, get("/second")).await;
    let response = result.expect("the next request works");
    let connections = connections.load(Ordering::SeqCst);
    match response.status() {
        204 => {
            assert_eq!(response.body(), b"");
            assert_eq!(connections, 2);
        }
        200 => {
            assert_eq!(response.body(), br#"{"ok":true}"#);
            assert_eq!(connections, 1);
        }
        other => panic!("unexpected status {other}: {response:?}"),
    }
    assert_eq!(count(&requests), 2);
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_chunked_204_body_is_ignored_too() {
    let (addr, requests) = raw_server(|mut stream, requests| async move {
        if read_request(&mut stream, &requests).await {
            let _ = stream
                .write_all(b"HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                .await;
        }
    })
    .await;
    let client = client(
        format!("http://{addr}"),
        RetryPolicy::default(),
        Duration::from_secs(5),
    );
    let (result, elapsed) = send(&client, get("/me")).await;
    let response = result.expect("a 204 is a success");
    assert_eq!((response.status(), response.body()), (204, &b""[..]));
    assert_eq!(count(&requests), 1);
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

// -------------------------------------------------------------------------------------------------
// Oversized error bodies
// -------------------------------------------------------------------------------------------------

/// A server answering `head` and then an endless body, counting the body bytes it managed to send.
async fn endless_body_server(
    head: &'static [u8],
) -> (SocketAddr, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let sent = Arc::new(AtomicUsize::new(0));
    let sent_by_server = Arc::clone(&sent);
    let (addr, requests) = raw_server(move |mut stream, requests| {
        let sent = Arc::clone(&sent_by_server);
        async move {
            if !read_request(&mut stream, &requests).await || stream.write_all(head).await.is_err()
            {
                return;
            }
            let chunk = vec![b'x'; 16 * 1024];
            let chunked = head.windows(7).any(|w| w.eq_ignore_ascii_case(b"chunked"));
            loop {
                let written = if chunked {
                    let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
                    framed.extend_from_slice(&chunk);
                    framed.extend_from_slice(b"\r\n");
                    stream.write_all(&framed).await
                } else {
                    stream.write_all(&chunk).await
                };
                if written.is_err() {
                    return;
                }
                sent.fetch_add(chunk.len(), Ordering::SeqCst);
            }
        }
    })
    .await;
    (addr, requests, sent)
}

#[tokio_time::test(crate = "tokio_time")]
async fn an_endless_error_body_is_read_only_up_to_the_bound() {
    for head in [
        &b"HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n"[..],
        b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 1000000000000\r\n\r\n",
    ] {
        let (addr, requests, sent) = endless_body_server(head).await;
        // The request timeout is far above the test's bound: only a bounded read returns in time.
        let client = client(
            format!("http://{addr}"),
            RetryPolicy::none(),
            Duration::from_secs(60),
        );
        let (result, elapsed) = send(&client, get("/me")).await;
        let err = result.expect_err("an error status");
        let Error::Http {
            status,
            body_snippet,
            ..
        } = &err
        else {
            panic!("expected Http, got {err:?}");
        };
        assert!(*status == 500 || *status == 502, "{err:?}");
        assert!(body_snippet.len() <= 515, "{}", body_snippet.len());
        assert!(body_snippet.ends_with("xxx..."), "{body_snippet}");
        assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
        assert_eq!(count(&requests), 1);
        // The client stopped reading after MAX_ERROR_BODY bytes and closed the connection: the server
        // got no further than what the socket buffers hold (a few MiB on loopback).
        sleep(Duration::from_millis(200)).await;
        let sent = sent.load(Ordering::SeqCst);
        assert!(sent >= MAX_ERROR_BODY, "the server sent {sent} bytes");
        assert!(sent < 64 * 1024 * 1024, "the server sent {sent} bytes");
        if *status == 500 {
            eprintln!(
                "endless error body: Http {{ status: {status}, body_snippet: <{} bytes>, .. }} / {}...; server sent {sent} bytes",
                body_snippet.len(),
                err.to_string().chars().take(60).collect::<String>()
            );
        }
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn an_endless_429_body_is_bounded_on_every_attempt() {
    let (addr, requests, _) = endless_body_server(
        b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nTransfer-Encoding: chunked\r\n\r\n",
    )
    .await;
    let policy = policy(2, Duration::from_millis(20), Duration::from_secs(1));
    let client = client(format!("http://{addr}"), policy, Duration::from_secs(60));
    let (result, elapsed) = send(&client, get("/me")).await;
    let err = result.expect_err("429 every time");
    assert!(matches!(err, Error::Http { status: 429, .. }), "{err:?}");
    assert_eq!(count(&requests), 3);
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

// -------------------------------------------------------------------------------------------------
// Invalid JSON in a success body
// -------------------------------------------------------------------------------------------------

#[tokio_time::test(crate = "tokio_time")]
async fn invalid_json_in_a_200_body_is_a_decode_error() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Page {
        value: Vec<serde_json::Value>,
    }

    let server = MockServer::start_async().await;
    let bodies: [(&str, &[u8]); 7] = [
        ("truncated", br#"{"value": [{"id": "1"}, "#),
        ("html", b"<html><body>Sign in</body></html>"),
        ("trailing", br#"{"value": []} {"value": []}"#),
        ("not-utf8", b"{\"value\": [\"\xff\xfe\"]}"),
        ("nan", br#"{"value": [NaN]}"#),
        ("bom", b"\xef\xbb\xbf{\"value\": []}"),
        ("null", b"null"),
    ];
    let client = client(
        server.base_url(),
        RetryPolicy::default(),
        Duration::from_secs(5),
    );
    for (name, body) in bodies {
        let mock = server
            .mock_async(|when, then| {
                when.path(format!("/v1.0/{name}"));
                then.status(200)
                    .header("content-type", "application/json")
                    .body(body);
            })
            .await;
        let (result, _) = send(&client, get(&format!("/{name}"))).await;
        let response =
            result.unwrap_or_else(|e| panic!("{name}: the 200 itself is a success: {e}"));
        let err = response.clone().json::<Page>().expect_err(name);
        if name == "truncated" {
            eprintln!("invalid JSON in a 200 body: {err:?} / {err}");
        }
        let Error::Decode { message, snippet } = &err else {
            panic!("{name}: expected Decode, got {err:?}");
        };
        assert!(!message.is_empty(), "{name}");
        assert!(snippet.len() <= 515, "{name}: {}", snippet.len());
        assert!(
            err.to_string()
                .starts_with("could not decode the response body: "),
            "{name}: {err}"
        );
        assert_eq!(err.status(), None);
        if name != "null" {
            // Broken JSON is broken whatever it is decoded into.
            let err = response.json::<serde_json::Value>().expect_err(name);
            assert!(matches!(err, Error::Decode { .. }), "{name}: {err:?}");
        }
        // A success is never retried, whatever its body.
        mock.assert_calls_async(1).await;
    }
}
