//! Examples that document an error answer (4xx/5xx) are replayed as that error: the harness
//! checks that the binding returns `Error::Service` with the documented status and Graph error
//! code, not `Ok`. The spec here is a hand-written fixture, since no committed page documents an
//! error example yet; `examples.rs` replays any that the docs add the same way.
#![allow(clippy::unwrap_used)]

use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_api::{Client, GraphApi};
use graph_conformance::Case;
use graph_runtime::Error;

const FIXTURE: &str = "crates/graph-conformance/tests/fixtures/signin-confirmsafe-errors.json";

async fn confirm_safe(client: &Client, body: ConfirmSafeRequest) -> Result<(), Error> {
    client
        .beta()
        .audit_logs()
        .sign_ins()
        .confirm_safe(&body)
        .await
}

#[tokio::test]
async fn a_documented_403_is_replayed_as_that_service_error() {
    Case::load(FIXTURE, 0).replay_with_body(confirm_safe).await;
}

#[tokio::test]
async fn a_documented_429_is_replayed_as_that_service_error_without_retrying() {
    // The conformance client does not retry, so the mock is hit exactly once.
    Case::load(FIXTURE, 1).replay_with_body(confirm_safe).await;
}

#[tokio::test]
async fn a_documented_404_without_a_body_is_replayed_as_an_error_with_that_status() {
    Case::load(FIXTURE, 2).replay_with_body(confirm_safe).await;
}

#[tokio::test]
#[should_panic(expected = "documented as a 403 error, but the binding returned Ok")]
async fn a_binding_that_hides_a_documented_error_fails_the_case() {
    Case::load(FIXTURE, 0)
        .replay_with_body(async |client: &Client, body: ConfirmSafeRequest| {
            let _ = confirm_safe(client, body).await;
            Ok(())
        })
        .await;
}

#[tokio::test]
#[should_panic(expected = "documented as a 429 error, but the binding returned")]
async fn an_error_with_another_status_fails_the_case() {
    Case::load(FIXTURE, 1)
        .replay_with_body(async |client: &Client, body: ConfirmSafeRequest| {
            let _ = confirm_safe(client, body).await;
            Err::<(), _>(Error::InvalidRequest("not the documented error".into()))
        })
        .await;
}
