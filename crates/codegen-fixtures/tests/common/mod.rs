//! Helpers shared by the tests of the generated fixtures crate.

use codegen_fixtures::{Client, RetryPolicy};
use httpmock::MockServer;

/// A client for `server` with no retries.
#[allow(clippy::unwrap_used)] // test code: a panic is a failure report
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token("fixture-token")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}
