//! Throttling and unavailability: retried within the policy, with the same client request id.

use super::*;

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
