//! Sending a [`Batch`]: the `$batch` calls, the answers, the throttled items retried alone.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use http::header::HeaderValue;
use tokio_time::time::sleep_until;
use tracing::Instrument;

use super::plan::{Planned, plan};
use super::wire::{self, BatchBody, Decoded};
use super::{Batch, capture};
use crate::exchange::new_request_id;
use crate::telemetry::Sanitized;
use crate::{ApiVersion, Error, Method, Request, Response, RetryPolicy};

/// A pending item, as sent.
struct Pending {
    index: usize,
    request: Request,
    url: String,
    depends_on: Vec<usize>,
}

impl Batch {
    /// Sends every added call not answered yet, as `$batch` calls of at most 20 (see [`Batch`]),
    /// and gives each its answer; await the [`super::BatchItem`]s afterwards.
    ///
    /// An item's own failure (an error status, a request that cannot be batched) is that item's
    /// result, not an error here. The error here is of a whole `$batch` call (after the client's
    /// retries): its items and those of later calls stay unanswered, and calling `send` again
    /// sends just them. Dependency groups of more than 20 items, or of mixed API versions, are
    /// [`Error::InvalidRequest`] before anything is sent.
    pub async fn send(&self) -> Result<(), Error> {
        let mut pending = Vec::new();
        {
            let mut state = self.capture.lock();
            for (index, slot) in state.slots.iter_mut().enumerate() {
                let Some(request) = slot.request.clone().filter(|_| !slot.answered) else {
                    continue;
                };
                match wire::locate(&request, self.sender.base_url()) {
                    Ok((version, url)) => pending.push((
                        version,
                        Pending {
                            index,
                            request,
                            url,
                            depends_on: slot.depends_on.clone(),
                        },
                    )),
                    Err(error) => answer(slot, Err(error)),
                }
            }
        }
        let planned: Vec<Planned> = pending
            .iter()
            .map(|(version, p)| Planned {
                index: p.index,
                version: *version,
                depends_on: p.depends_on.clone(),
            })
            .collect();
        let calls = plan(&planned, self.limit)?;
        let span = tracing::info_span!("graph.batch", items = pending.len(), calls = calls.len());
        async {
            let mut by_index: BTreeMap<usize, (ApiVersion, Pending)> = pending
                .into_iter()
                .map(|(v, p)| (p.index, (v, p)))
                .collect();
            for call in calls {
                let items: Vec<(ApiVersion, Pending)> = call
                    .iter()
                    .filter_map(|index| by_index.remove(index))
                    .collect();
                self.send_call(items).await?;
            }
            Ok(())
        }
        .instrument(span)
        .await
    }

    /// One `$batch` call, then the retries of its throttled items.
    async fn send_call(&self, items: Vec<(ApiVersion, Pending)>) -> Result<(), Error> {
        let Some(version) = items.first().map(|(v, _)| *v) else {
            return Ok(());
        };
        let body = BatchBody {
            requests: items
                .iter()
                .map(|(_, p)| wire::item(&p.request, p.index, p.url.clone(), &p.depends_on))
                .collect::<Result<_, _>>()?,
        };
        let client_request_id = new_request_id().to_string();
        let request = Request::new(Method::POST, version, "/$batch")
            .json(&body)?
            .header("client-request-id", &client_request_id)?;
        let response = self.sender.send(request).await?;
        let received = tokio_time::time::Instant::now();
        let mut answers: BTreeMap<String, wire::ItemAnswer> = wire::parse_answer(response.body())?
            .responses
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        let client_request_id = HeaderValue::from_str(&client_request_id)
            .map_err(|_| Error::InvalidRequest("invalid client-request-id".to_owned()))?;
        let policy = &self.sender.inner.retry;
        // Items retried alone: throttled ones, then those that failed only through them.
        let mut retry: Vec<(Pending, Decoded)> = Vec::new();
        let mut retried = BTreeSet::new();
        for (_, item) in items {
            let decoded = match answers.remove(&wire::item_id(item.index)) {
                Some(a) => a.decode(&client_request_id, tracing::Span::current()),
                None => {
                    self.answer(item.index, Err(wire::unanswered(item.index)));
                    continue;
                }
            };
            log_answer(&item, &decoded);
            let throttled = RetryPolicy::is_retryable_status(decoded.status);
            let blocked =
                decoded.status == 424 && item.depends_on.iter().any(|dep| retried.contains(dep));
            if policy.max_retries > 0 && (throttled || blocked) {
                retried.insert(item.index);
                retry.push((item, decoded));
            } else {
                self.answer(item.index, decoded.outcome);
            }
        }
        let mut succeeded = BTreeSet::new();
        for (item, decoded) in retry {
            if decoded.status == 424 && !item.depends_on.iter().all(|d| succeeded.contains(d)) {
                // Its dependency still failed: the 424 stands.
                self.answer(item.index, decoded.outcome);
                continue;
            }
            let outcome = self.retry_alone(&item, &decoded, received).await;
            if outcome.is_ok() {
                succeeded.insert(item.index);
            }
            self.answer(item.index, outcome);
        }
        Ok(())
    }

    /// Resends one item as a single call, once its own `Retry-After` (or the backoff) has passed
    /// since the `$batch` answer came.
    async fn retry_alone(
        &self,
        item: &Pending,
        decoded: &Decoded,
        received: tokio_time::time::Instant,
    ) -> Result<Response, Error> {
        let policy = &self.sender.inner.retry;
        let throttled = decoded.status != 424;
        let delay = if throttled {
            policy.delay(1, decoded.retry_after)
        } else {
            std::time::Duration::ZERO
        };
        tracing::info!(
            id = %wire::item_id(item.index),
            wait_ms = delay.as_secs_f64() * 1000.0,
            reason = decoded.status,
            wait_from = if throttled && policy.honoured(decoded.retry_after).is_some() {
                "retry-after"
            } else if throttled {
                "backoff"
            } else {
                "dependency"
            },
            "retrying a batch item alone"
        );
        sleep_until(received + delay).await;
        let started = Instant::now();
        let outcome = self.sender.send(item.request.clone()).await;
        tracing::debug!(
            id = %wire::item_id(item.index),
            status = outcome.as_ref().map_or_else(|e| e.status().unwrap_or(0), Response::status),
            elapsed_ms = crate::telemetry::elapsed_ms(started),
            "batch item retried alone"
        );
        outcome
    }

    fn answer(&self, index: usize, outcome: Result<Response, Error>) {
        if let Some(slot) = self.capture.lock().slots.get_mut(index) {
            answer(slot, outcome);
        }
    }
}

fn answer(slot: &mut capture::Slot, outcome: Result<Response, Error>) {
    slot.outcome = Some(outcome);
    slot.answered = true;
}

/// The `DEBUG` event of one answer (headers at `TRACE`, through the allow-list).
fn log_answer(item: &Pending, decoded: &Decoded) {
    let path = match &item.request.template {
        Some(template) => template.as_str(),
        None if item.request.absolute.is_some() => "(next link)",
        None => item.request.path.split('?').next().unwrap_or_default(),
    };
    tracing::debug!(
        id = %wire::item_id(item.index),
        status = decoded.status,
        path,
        "batch item answered"
    );
    if tracing::enabled!(tracing::Level::TRACE) {
        tracing::trace!(
            id = %wire::item_id(item.index),
            headers = %Sanitized(&decoded.headers),
            "batch item headers"
        );
    }
}
