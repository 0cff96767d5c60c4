//! A 204 with a body, endless error bodies, and invalid JSON in a success body.

use super::*;

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
