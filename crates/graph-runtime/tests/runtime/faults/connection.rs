//! Connections reset mid-response, and servers slower than the timeout.

use super::*;

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
