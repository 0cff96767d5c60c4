//! How a generated binding's request is taken without sending it, and how the binding later gets
//! its answer: the batch's own client hands each request to a [`Capture`] and parks the binding
//! until the batch has an outcome for it.
//!
//! A binding builds its [`Request`], calls `client.send(request).await`, then decodes the
//! [`Response`] (`json()`, `into_unit()`, ...). With a batch's client, `send` records the request
//! in the item's slot and waits; [`crate::Batch::add`] polls the binding once, so that it runs up
//! to that point. When the batch is sent, the slot receives the item's response (or error), and
//! awaiting the item resumes the binding, which decodes it exactly as after a single call.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard};
use std::task::{Context, Poll};

use crate::{Error, Request, Response};

/// The state a batch shares with its client.
#[derive(Default)]
pub(crate) struct Capture {
    state: Mutex<State>,
}

#[derive(Default)]
pub(crate) struct State {
    /// The item being added: the next `send` of the batch's client belongs to it.
    pub(crate) current: Option<usize>,
    pub(crate) slots: Vec<Slot>,
}

/// One batch item.
#[derive(Default)]
pub(crate) struct Slot {
    /// The binding's request, once it called `send`.
    pub(crate) request: Option<Request>,
    /// The items (indexes) this one depends on.
    pub(crate) depends_on: Vec<usize>,
    /// The answer, once the batch was sent; taken by the binding.
    pub(crate) outcome: Option<Result<Response, Error>>,
    /// Whether an answer was given (the outcome may have been taken since).
    pub(crate) answered: bool,
}

impl Capture {
    /// The shared state. A panic while it was held cannot leave it half-written in a way that
    /// matters (each write is one assignment), so a poisoned lock is used as it is.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// What a batch client's `send` does: records the request for the item being added, then
    /// waits for the batch's answer.
    pub(crate) async fn intercept(&self, request: Request) -> Result<Response, Error> {
        let index = {
            let mut state = self.lock();
            let Some(index) = state.current.take() else {
                return Err(Error::InvalidRequest(
                    "a batch's client only prepares requests: pass the call to Batch::add \
                     instead of awaiting it"
                        .to_owned(),
                ));
            };
            match state.slots.get_mut(index) {
                Some(slot) => slot.request = Some(request),
                None => {
                    return Err(Error::InvalidRequest(
                        "batch item lost before its request was recorded".to_owned(),
                    ));
                }
            }
            index
        };
        Parked {
            capture: self,
            index,
            first_poll: true,
        }
        .await
    }
}

/// A binding waiting for its answer.
struct Parked<'a> {
    capture: &'a Capture,
    index: usize,
    first_poll: bool,
}

impl Future for Parked<'_> {
    type Output = Result<Response, Error>;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.first_poll {
            // The poll of `Batch::add`: the request is recorded, the answer comes later.
            self.first_poll = false;
            return Poll::Pending;
        }
        let mut state = self.capture.lock();
        let outcome = state
            .slots
            .get_mut(self.index)
            .and_then(|slot| slot.outcome.take());
        Poll::Ready(outcome.unwrap_or_else(|| {
            Err(Error::InvalidRequest(
                "batch item awaited before Batch::send answered it".to_owned(),
            ))
        }))
    }
}
