//! Absurd `Retry-After` values and 503 storms: retries stay within the policy.

use super::*;

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
