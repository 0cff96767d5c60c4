//! JSON batching: many binding calls sent as `POST /{version}/$batch`, each answer decoded by its
//! own binding.

mod base64;
mod capture;
mod plan;
mod send;
mod wire;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

pub(crate) use capture::Capture;
pub use plan::MAX_BATCH_ITEMS;

use crate::client::Inner;
use crate::{Client, Error};

/// Calls gathered to be sent as JSON `$batch` requests; start with [`Client::batch`].
///
/// Build each call with the batch's own client ([`Batch::client`]) and give the unawaited call
/// to [`Batch::add`]: the batch takes its request (nothing is sent) and returns a
/// [`BatchItem`]. [`Batch::send`] then sends every pending request, at most
/// [`MAX_BATCH_ITEMS`] (20) per `$batch` and more split into several, and awaiting an item gives
/// exactly what the call would have given alone: the binding decodes its own answer into its
/// typed response, or its [`Error`] (an [`Error::Service`] for a Graph error, with the item's
/// status, code and `Retry-After`).
///
/// - **Dependencies.** [`Batch::add_after`] sets `dependsOn`: Graph runs the item after the
///   items it names, and answers `424 Failed Dependency` when one of them failed. An item and
///   its dependencies always go into the same `$batch` (so a chain holds at most 20 calls).
/// - **Throttling.** An item answered 429, 503 or 504 is retried alone (as a single call), after
///   its own `Retry-After` (with the client's [`crate::RetryPolicy`]: the floor at
///   `base_delay`, the cap at `max_delay`, then `max_retries` more as any single call). Items
///   that failed with `424` only because of such an item are retried after it.
/// - **Versions.** Items of `v1.0` and `beta` go into separate `$batch` calls.
/// - **Everything else as a single call.** Each `$batch` is sent with [`Client::send`]: the same
///   token, standard headers, retries of the whole call, timeouts, tracing (a `graph.request`
///   span with the path `/$batch`), redaction, and dry run (a dry-run client's batch returns
///   [`Error::DryRun`] with the `$batch` request). All of it runs in an `INFO` span
///   `graph.batch` (`items`, `calls`), with a `DEBUG` event per answer (`id`, `status`, `path`
///   template) and an `INFO` event per item retried.
///
/// ```no_run
/// use graph_runtime::{ApiVersion, Client, Method, Request};
///
/// # async fn run(client: Client) -> Result<(), graph_runtime::Error> {
/// let batch = client.batch();
/// // Any binding call works the same way: build it with `batch.client()`, do not await it.
/// let me = batch.add(async {
///     batch.client().send(Request::new(Method::GET, ApiVersion::V1, "/me")).await?.json::<serde_json::Value>()
/// })?;
/// let photo = batch.add_after(
///     async {
///         let request = Request::new(Method::GET, ApiVersion::V1, "/me/photo");
///         batch.client().send(request).await?.json::<serde_json::Value>()
///     },
///     &[me.id()],
/// )?;
/// batch.send().await?;
/// let me = me.await?;
/// let photo = photo.await; // its own result: Ok, or the error of that item alone
/// # let _ = (me, photo);
/// # Ok(())
/// # }
/// ```
pub struct Batch {
    /// Sends the `$batch` calls and the retries.
    sender: Client,
    /// Hands each request to `capture` instead of sending it.
    capturing: Client,
    capture: Arc<Capture>,
    /// Held while a call is polled in [`Batch::add`], so that its request lands in its own slot.
    adding: Mutex<()>,
    /// Tells this batch's [`ItemId`]s from another's.
    tag: u64,
    limit: usize,
}

impl fmt::Debug for Batch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batch")
            .field("client", &self.sender)
            .field("items", &self.len())
            .field("max_items", &self.limit)
            .finish_non_exhaustive()
    }
}

/// Identifies an item of a [`Batch`], for [`Batch::add_after`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemId {
    batch: u64,
    index: usize,
}

impl ItemId {
    /// The item's id in the `$batch` body: its 1-based position in the batch.
    pub fn as_batch_id(&self) -> String {
        wire::item_id(self.index)
    }
}

/// A call added to a [`Batch`]. Await it after [`Batch::send`] for the call's own result;
/// awaited before, it gives [`Error::InvalidRequest`].
#[must_use = "await the item after Batch::send to get its result"]
pub struct BatchItem<F> {
    id: ItemId,
    call: Pin<Box<F>>,
}

impl<F> BatchItem<F> {
    /// The item's id, for [`Batch::add_after`].
    pub fn id(&self) -> ItemId {
        self.id
    }
}

impl<F> fmt::Debug for BatchItem<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchItem").field("id", &self.id).finish()
    }
}

impl<F: Future> Future for BatchItem<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.call.as_mut().poll(cx)
    }
}

impl Client {
    /// A new, empty [`Batch`] sent through this client.
    pub fn batch(&self) -> Batch {
        let capture = Arc::new(Capture::default());
        let capturing = Client {
            inner: Arc::new(Inner {
                batch_hook: Some(Arc::clone(&capture)),
                ..(*self.inner).clone()
            }),
        };
        // The batch of a batch's client sends for real.
        let sender = if self.inner.batch_hook.is_some() {
            Client {
                inner: Arc::new(Inner {
                    batch_hook: None,
                    ..(*self.inner).clone()
                }),
            }
        } else {
            self.clone()
        };
        Batch {
            sender,
            capturing,
            capture,
            adding: Mutex::new(()),
            tag: fastrand::u64(..),
            limit: MAX_BATCH_ITEMS,
        }
    }
}

impl Batch {
    /// The client to build the batch's calls with: its `send` takes the request for the batch
    /// instead of sending it (awaiting such a call directly gives [`Error::InvalidRequest`]).
    pub fn client(&self) -> &Client {
        &self.capturing
    }

    /// At most `max` requests per `$batch` (1 to [`MAX_BATCH_ITEMS`]; the default is the
    /// maximum).
    pub fn max_items(mut self, max: usize) -> Batch {
        self.limit = max.clamp(1, MAX_BATCH_ITEMS);
        self
    }

    /// How many calls were added.
    pub fn len(&self) -> usize {
        self.capture.lock().slots.len()
    }

    /// Whether no call was added.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds a call built with [`Batch::client`], not awaited: its request is taken now (the call
    /// runs up to its `send`), and nothing is sent until [`Batch::send`].
    ///
    /// Fails with the call's own error when it fails before sending (an invalid path parameter,
    /// a body that does not serialize), and with [`Error::InvalidRequest`] when it does not reach
    /// the batch client's `send` at once (a call built with another client, or one that awaits
    /// something else first).
    pub fn add<T, F>(&self, call: F) -> Result<BatchItem<F>, Error>
    where
        F: Future<Output = Result<T, Error>>,
    {
        self.add_after(call, &[])
    }

    /// Like [`Batch::add`], with `dependsOn`: Graph runs this call after the calls `depends_on`
    /// names (added earlier to this batch), and answers it `424 Failed Dependency` if one of
    /// them failed.
    pub fn add_after<T, F>(&self, call: F, depends_on: &[ItemId]) -> Result<BatchItem<F>, Error>
    where
        F: Future<Output = Result<T, Error>>,
    {
        let _adding = self
            .adding
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let index = {
            let mut state = self.capture.lock();
            let index = state.slots.len();
            for dep in depends_on {
                let known = dep.batch == self.tag
                    && state
                        .slots
                        .get(dep.index)
                        .is_some_and(|slot| slot.request.is_some());
                if !known {
                    return Err(Error::InvalidRequest(format!(
                        "batch item {} depends on an item that is not in this batch",
                        wire::item_id(index)
                    )));
                }
            }
            state.slots.push(capture::Slot {
                depends_on: depends_on.iter().map(|dep| dep.index).collect(),
                ..capture::Slot::default()
            });
            state.current = Some(index);
            index
        };
        let mut call = Box::pin(call);
        let first = call.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        let recorded = {
            let mut state = self.capture.lock();
            state.current = None;
            state
                .slots
                .get(index)
                .is_some_and(|slot| slot.request.is_some())
        };
        match first {
            Poll::Pending if recorded => Ok(BatchItem {
                id: ItemId {
                    batch: self.tag,
                    index,
                },
                call,
            }),
            Poll::Ready(Err(error)) => Err(error),
            _ => Err(Error::InvalidRequest(
                "a batched call must be built with Batch::client and go straight to its send"
                    .to_owned(),
            )),
        }
    }
}
