//! The downstream crate's own tests, against a mock Graph built with the generated `mock` helpers:
//! no paths or JSON written by hand.

use example_downstream::{BATCH, confirm_safe_in_batches};
use graph_api::beta::audit_logs::sign_ins::{ConfirmSafeRequest, mock};
use graph_api::{Client, RetryPolicy};
use httpmock::MockServer;

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token("downstream-test-token")
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("a loopback base URL is accepted")
}

fn ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("id-{i}")).collect()
}

#[tokio::test]
async fn sends_one_call_per_batch() {
    let server = MockServer::start_async().await;
    let first = mock::confirm_safe(&server, |when, then| {
        when.body(&ConfirmSafeRequest::new(ids(0..BATCH)));
        then.ok();
    });
    let second = mock::confirm_safe(&server, |when, then| {
        when.body(&ConfirmSafeRequest::new(ids(BATCH..BATCH + 3)));
        then.ok();
    });

    let confirmed = confirm_safe_in_batches(&client(&server), &ids(0..BATCH + 3))
        .await
        .expect("both batches succeed");

    assert_eq!(confirmed, BATCH + 3);
    first.assert_calls(1);
    second.assert_calls(1);
}

#[tokio::test]
async fn stops_at_the_first_refused_batch() {
    let server = MockServer::start_async().await;
    let refused = mock::confirm_safe(&server, |_when, then| {
        then.error(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges.",
        );
    });

    let err = confirm_safe_in_batches(&client(&server), &ids(0..3))
        .await
        .expect_err("Graph refused");

    assert_eq!(err.confirmed, 0);
    let service = err.error.service_error().expect("a Graph service error");
    assert_eq!(service.status(), 403);
    assert_eq!(service.code(), "Authorization_RequestDenied");
    refused.assert_calls(1);
}

#[tokio::test]
async fn sends_nothing_for_no_ids() {
    let server = MockServer::start_async().await;
    let any = mock::confirm_safe(&server, |_when, then| {
        then.ok();
    });
    assert_eq!(
        confirm_safe_in_batches(&client(&server), &[])
            .await
            .unwrap_or(99),
        0
    );
    any.assert_calls(0);
}
