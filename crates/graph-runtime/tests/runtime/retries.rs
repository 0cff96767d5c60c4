//! Retries of 429/503/504.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use graph_runtime::{ApiVersion, Client, Error, Method, Request, RetryPolicy};
use httpmock::prelude::*;

fn fast_policy(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(20),
        max_total_wait: Duration::from_secs(5),
    }
}

fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token("retry-test-token")
        .retry_policy(policy)
        .build()
        .expect("client")
}

fn get(path: &str) -> Request {
    Request::new(Method::GET, ApiVersion::V1, path)
}

#[tokio_time::test(crate = "tokio_time")]
async fn throttled_then_ok_retries_once_with_same_client_request_id() {
    let server = MockServer::start_async().await;
    let ids = Arc::new(Mutex::new(BTreeSet::new()));
    let (r1, r2) = (Arc::clone(&ids), Arc::clone(&ids));
    let record = |set: &Arc<Mutex<BTreeSet<String>>>, req: &httpmock::HttpMockRequest| {
        if let (Some(id), Ok(mut set)) = (req.headers().get("client-request-id"), set.lock()) {
            set.insert(id.to_str().unwrap_or_default().to_owned());
        }
    };
    let throttled = server
        .mock_async(move |when, then| {
            when.path("/v1.0/me")
                .header_missing("retry-attempt")
                .is_true(move |req| {
                    record(&r1, req);
                    true
                });
            then.status(429)
                .header("retry-after", "1")
                .body(r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#);
        })
        .await;
    let retried = server
        .mock_async(move |when, then| {
            when.path("/v1.0/me")
                .header("retry-attempt", "1")
                .is_true(move |req| {
                    record(&r2, req);
                    true
                });
            then.status(204);
        })
        .await;

    let started = Instant::now();
    let response = client(
        &server,
        fast_policy(3).with_max_delay(Duration::from_secs(2)),
    )
    .send(get("/me"))
    .await
    .expect("retried to success");
    let elapsed = started.elapsed();
    assert_eq!(response.status(), 204);
    throttled.assert_calls_async(1).await;
    retried.assert_calls_async(1).await;
    assert!(
        elapsed >= Duration::from_millis(950),
        "Retry-After: 1 honoured, took {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    let ids = ids.lock().expect("lock");
    assert_eq!(
        ids.len(),
        1,
        "same client-request-id on both attempts: {ids:?}"
    );
}

#[tokio_time::test(crate = "tokio_time")]
async fn unavailable_forever_gives_max_retries_plus_one_attempts() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.path("/v1.0/me");
            then.status(503)
                .body(r#"{"error":{"code":"ServiceUnavailable","message":"try later"}}"#);
        })
        .await;
    let err = client(&server, fast_policy(3))
        .send(get("/me"))
        .await
        .expect_err("exhausted");
    mock.assert_calls_async(4).await;
    let service = err.service_error().expect("last response's service error");
    assert_eq!(service.status(), 503);
    assert_eq!(service.code(), "ServiceUnavailable");
}

#[tokio_time::test(crate = "tokio_time")]
async fn each_retry_numbers_its_attempt() {
    let server = MockServer::start_async().await;
    let mut mocks = Vec::new();
    for attempt in 1..=2 {
        mocks.push(
            server
                .mock_async(|when, then| {
                    when.path("/v1.0/me")
                        .header("retry-attempt", attempt.to_string());
                    then.status(504);
                })
                .await,
        );
    }
    let first = server
        .mock_async(|when, then| {
            when.path("/v1.0/me").header_missing("retry-attempt");
            then.status(504);
        })
        .await;
    let err = client(&server, fast_policy(2))
        .send(get("/me"))
        .await
        .expect_err("504 forever");
    assert!(matches!(err, Error::Http { status: 504, .. }), "{err:?}");
    first.assert_calls_async(1).await;
    for mock in &mocks {
        mock.assert_calls_async(1).await;
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn non_retryable_statuses_and_policy_none_are_not_retried() {
    let server = MockServer::start_async().await;
    let internal = server
        .mock_async(|when, then| {
            when.path("/v1.0/internal");
            then.status(500);
        })
        .await;
    let throttled = server
        .mock_async(|when, then| {
            when.path("/v1.0/throttled");
            then.status(429).header("retry-after", "0");
        })
        .await;
    client(&server, fast_policy(3))
        .send(get("/internal"))
        .await
        .expect_err("500");
    internal.assert_calls_async(1).await;
    client(&server, RetryPolicy::none())
        .send(get("/throttled"))
        .await
        .expect_err("429");
    throttled.assert_calls_async(1).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn huge_or_malformed_retry_after_is_capped() {
    let server = MockServer::start_async().await;
    let huge = server
        .mock_async(|when, then| {
            when.path("/v1.0/huge");
            then.status(429).header("retry-after", "86400000");
        })
        .await;
    let garbage = server
        .mock_async(|when, then| {
            when.path("/v1.0/garbage");
            then.status(503).header("retry-after", "whenever");
        })
        .await;
    let client = client(&server, fast_policy(2));
    let started = Instant::now();
    let err = client.send(get("/huge")).await.expect_err("429");
    huge.assert_calls_async(3).await;
    // No Graph body: an Http error with the last status.
    let Error::Http { status: 429, .. } = err else {
        panic!("expected Http 429, got {err:?}");
    };
    client.send(get("/garbage")).await.expect_err("503");
    garbage.assert_calls_async(3).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio_time::test(crate = "tokio_time")]
async fn total_wait_cap_stops_retrying_early() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.path("/v1.0/me");
            then.status(429)
                .header("retry-after", "1")
                .body(r#"{"error":{"code":"TooManyRequests","message":"slow"}}"#);
        })
        .await;
    let policy = RetryPolicy {
        max_retries: 10,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_secs(30),
        max_total_wait: Duration::from_millis(500),
    };
    let started = Instant::now();
    let err = client(&server, policy)
        .send(get("/me"))
        .await
        .expect_err("gives up");
    // The first wait (1 s) already exceeds the 500 ms budget: no retry.
    assert!(started.elapsed() < Duration::from_millis(900));
    mock.assert_calls_async(1).await;
    let service = err.service_error().expect("service error");
    assert_eq!(service.retry_after(), Some(Duration::from_secs(1)));
}

/// Small builder helper used by the tests above.
trait WithMaxDelay {
    fn with_max_delay(self, d: Duration) -> Self;
}

impl WithMaxDelay for RetryPolicy {
    fn with_max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_retry_after_zero_storm_waits_the_floor_between_attempts() {
    let server = MockServer::start_async().await;
    let storm = server
        .mock_async(|when, then| {
            when.path("/v1.0/storm");
            then.status(429)
                .header("retry-after", "0")
                .body(r#"{"error":{"code":"TooManyRequests","message":"come back now"}}"#);
        })
        .await;
    let policy = RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_secs(1),
        max_total_wait: Duration::from_secs(10),
    };
    let started = Instant::now();
    let err = client(&server, policy)
        .send(get("/storm"))
        .await
        .expect_err("still throttled");
    let elapsed = started.elapsed();
    assert!(
        matches!(err, Error::Service(ref e) if e.status == 429),
        "{err:?}"
    );
    // Bounded in attempts, and `Retry-After: 0` did not mean "at once": each of the 3 waits is
    // at least half of `base_delay` (a lower bound of the policy, not a speed measurement).
    storm.assert_calls_async(4).await;
    assert!(elapsed >= Duration::from_millis(150), "{elapsed:?}");
}
