//! An example of a crate that depends on the generated bindings, the way any SDK crate would.
//!
//! It marks sign-in events as safe in batches, so that one call per batch reaches Graph, and stops
//! at the first batch Graph refuses, saying how many events were confirmed before it.

use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_api::{Client, Error, GraphApi};

/// How many request IDs go into one `confirmSafe` call.
pub const BATCH: usize = 50;

/// Why [`confirm_safe_in_batches`] stopped.
#[derive(Debug)]
pub struct BatchError {
    /// How many IDs were confirmed before the failing batch.
    pub confirmed: usize,
    /// What Graph (or the transport) said.
    pub error: Error,
}

/// Marks every sign-in event in `request_ids` as safe, [`BATCH`] at a time.
///
/// Returns how many IDs were confirmed. Nothing is sent when `request_ids` is empty.
pub async fn confirm_safe_in_batches(
    client: &Client,
    request_ids: &[String],
) -> Result<usize, BatchError> {
    let mut confirmed = 0;
    for batch in request_ids.chunks(BATCH) {
        let body = ConfirmSafeRequest::new(batch.to_vec());
        client
            .beta()
            .audit_logs()
            .sign_ins()
            .confirm_safe(&body)
            .await
            .map_err(|error| BatchError { confirmed, error })?;
        confirmed += batch.len();
    }
    Ok(confirmed)
}
