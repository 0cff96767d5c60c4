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

/// An operation with several documented paths (`event: accept` has ten) has one set of mock
/// helpers, in the module of its first path; the `path` argument mocks any of them.
#[tokio::test]
async fn mocks_an_operation_at_any_of_its_paths() {
    use graph_api::GraphApi;
    use graph_api::beta::me::events::item::AcceptRequest;
    use graph_api::beta::me::events::item::mock::{AcceptPath, accept};

    let server = MockServer::start_async().await;
    let body = AcceptRequest::new().with_comment("see you there".into());
    let at_user = accept(
        &server,
        AcceptPath::UsersEvents {
            id: "adele@contoso.com",
            id_2: "event 1",
        },
        |when, then| {
            when.body(&body);
            then.ok();
        },
    );
    let at_me = accept(
        &server,
        AcceptPath::MeEvents { id: "event 1" },
        |_, then| {
            then.ok();
        },
    );

    // The binding at the user's path takes the request type of the first path's module.
    client(&server)
        .beta()
        .users()
        .by_id("adele@contoso.com")
        .events()
        .by_id("event 1")
        .accept(Some(&body))
        .await
        .expect("the mocked path answers");

    at_user.assert_calls(1);
    at_me.assert_calls(0);
}
