//! Collections: one page (`value` with `@odata.nextLink` / `@odata.deltaLink`), and a pager
//! that follows the next links.
//!
//! The pager sends each next link with [`Client::send`], so every page gets the same retries,
//! auth and a `client-request-id` of its own, and a next link must lie under the client's own
//! base URL: a foreign host is [`Error::InvalidRequest`] and the token is never sent to it. The
//! extra headers of the first request (`ConsistencyLevel`, `Prefer`, ...) are carried to every
//! page.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use http::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::{Client, Error, Request, Response};

/// The most pages a [`Pager`] fetches unless told otherwise ([`Pager::max_pages`]).
pub const DEFAULT_MAX_PAGES: usize = 1000;

/// One page of a collection answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items (`value`).
    pub value: Vec<T>,
    /// `@odata.nextLink`: where the next page is, when there is one.
    pub next_link: Option<String>,
    /// `@odata.deltaLink` (on the last page of a `delta` round): where the next round starts.
    pub delta_link: Option<String>,
}

impl<T: DeserializeOwned> Page<T> {
    /// Decodes a collection page; [`Error::Decode`] (with the JSON path) when `value` is not an
    /// array of `T` or a link is not a string.
    pub fn from_response(response: Response) -> Result<Page<T>, Error> {
        response.json()
    }
}

/// The wire shape: `value` (required), `@odata.nextLink` and `@odata.deltaLink`; any other key
/// (`@odata.context`, `@odata.count`, ...) is skipped. Decoded by hand (graph-runtime does
/// without serde's derive macros).
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Page<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PageVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for PageVisitor<T> {
            type Value = Page<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a collection page (an object with `value`)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Page<T>, A::Error> {
                let mut page = Page {
                    value: Vec::new(),
                    next_link: None,
                    delta_link: None,
                };
                let mut seen_value = false;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "value" => {
                            page.value = map.next_value()?;
                            seen_value = true;
                        }
                        "@odata.nextLink" => page.next_link = map.next_value()?,
                        "@odata.deltaLink" => page.delta_link = map.next_value()?,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                if !seen_value {
                    return Err(serde::de::Error::missing_field("value"));
                }
                Ok(page)
            }
        }
        deserializer.deserialize_map(PageVisitor(std::marker::PhantomData))
    }
}

/// Follows `@odata.nextLink` from a first request, page by page, up to a cap.
///
/// Use [`Pager::next_page`] in a loop, [`Pager::collect`] for everything, or
/// [`Pager::into_stream`] for a [`Stream`] of pages.
///
/// When the cap is reached and the service still offers a next link, the next call gives
/// [`Error::InvalidRequest`] naming the cap (nothing is dropped silently).
#[derive(Debug)]
pub struct Pager<T> {
    client: Client,
    next: Option<Request>,
    headers: HeaderMap,
    fetched: usize,
    max_pages: usize,
    delta_link: Option<String>,
    /// An error to give on the first call instead of a page ([`Pager::failed`]).
    failed: Option<Error>,
    _items: std::marker::PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Pager<T> {
    /// A pager whose first page is `first` (any request answering a collection).
    pub fn new(client: &Client, first: Request) -> Pager<T> {
        Pager {
            client: client.clone(),
            headers: first.headers.clone(),
            next: Some(first),
            fetched: 0,
            max_pages: DEFAULT_MAX_PAGES,
            delta_link: None,
            failed: None,
            _items: std::marker::PhantomData,
        }
    }

    /// A pager that gives `error` on its first call and ends: for generated code whose request
    /// could not be built (an invalid path parameter), so that the error surfaces where pages are
    /// asked for, as it would for a single call.
    pub fn failed(client: &Client, error: Error) -> Pager<T> {
        let mut pager = Pager::new(client, Request::next_link(String::new()));
        pager.next = None;
        pager.failed = Some(error);
        pager
    }

    /// A pager that continues from a next link (e.g. [`Page::next_link`] of a first page) or
    /// starts a new `delta` round from a delta link.
    pub fn from_link(client: &Client, link: &str) -> Pager<T> {
        Pager::new(client, Request::next_link(link))
    }

    /// A pager for the next round of a `delta` query: it starts from the `@odata.deltaLink` the
    /// last round ended with ([`Pager::delta_link`], [`Collected::delta_link`], or one the
    /// caller stored), sent as it is (its `$deltatoken`, `$skiptoken` or `token` is opaque), and
    /// ends with the delta link for the round after. As for next links, the link must lie under
    /// the client's own base URL: another host is [`Error::InvalidRequest`] on the first page and
    /// gets no token.
    ///
    /// ```no_run
    /// # use graph_runtime::{Client, Pager};
    /// # async fn run(client: &Client, stored: &str) -> Result<(), graph_runtime::Error> {
    /// let round = Pager::<serde_json::Value>::from_delta_link(client, stored).collect().await?;
    /// println!("{} changes", round.items.len());
    /// let next_round_starts_at = round.delta_link; // store it for the next round
    /// # Ok(()) }
    /// ```
    pub fn from_delta_link(client: &Client, delta_link: &str) -> Pager<T> {
        Pager::from_link(client, delta_link)
    }

    /// The same pager, decoding the items as `U` instead of `T`: for a list narrowed with
    /// `$select`, a struct of the selected properties decodes at plain serde's speed, where the
    /// generated model of a wide type (the beta `User` has 115 properties) costs more per item
    /// (BENCHMARKS.md, section 9). Pages already fetched are not fetched again.
    ///
    /// ```no_run
    /// # use graph_runtime::{ApiVersion, Client, Method, Pager, Request};
    /// # async fn run(client: &Client) -> Result<(), graph_runtime::Error> {
    /// #[derive(serde::Deserialize)]
    /// struct Name {
    ///     #[serde(rename = "displayName")]
    ///     display_name: Option<String>,
    /// }
    /// let first = Request::new(Method::GET, ApiVersion::V1, "/users?$select=displayName");
    /// let pager: Pager<serde_json::Value> = Pager::new(client, first);
    /// let names = pager.decode_as::<Name>().collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn decode_as<U: DeserializeOwned>(self) -> Pager<U> {
        Pager {
            client: self.client,
            next: self.next,
            headers: self.headers,
            fetched: self.fetched,
            max_pages: self.max_pages,
            delta_link: self.delta_link,
            failed: self.failed,
            _items: std::marker::PhantomData,
        }
    }

    /// The most pages to fetch (default [`DEFAULT_MAX_PAGES`]; at least 1).
    pub fn max_pages(mut self, max_pages: usize) -> Pager<T> {
        self.max_pages = max_pages.max(1);
        self
    }

    /// The pages fetched so far.
    pub fn pages_fetched(&self) -> usize {
        self.fetched
    }

    /// The `@odata.deltaLink` of the last page, once it has been fetched.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }

    /// The next page, or `None` after the last one (or after an error).
    pub async fn next_page(&mut self) -> Option<Result<Page<T>, Error>> {
        if let Some(error) = self.failed.take() {
            return Some(Err(error));
        }
        let request = self.next.take()?;
        if self.fetched >= self.max_pages {
            return Some(Err(Error::InvalidRequest(format!(
                "the pager's cap of {} pages was reached and the service offers more \
                 (raise it with Pager::max_pages)",
                self.max_pages
            ))));
        }
        let page = match self
            .client
            .send(request)
            .await
            .and_then(Page::from_response)
        {
            Ok(page) => page,
            Err(e) => return Some(Err(e)),
        };
        self.fetched += 1;
        if let Some(link) = &page.next_link {
            let mut next = Request::next_link(link.clone());
            next.headers = self.headers.clone();
            self.next = Some(next);
        }
        if page.delta_link.is_some() {
            self.delta_link = page.delta_link.clone();
        }
        Some(Ok(page))
    }

    /// Every item of every page, and the delta link if the last page had one.
    pub async fn collect(mut self) -> Result<Collected<T>, Error> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await {
            items.extend(page?.value);
        }
        Ok(Collected {
            items,
            delta_link: self.delta_link,
        })
    }

    /// The pages as a [`Stream`]; it ends after the last page or the first error.
    pub fn into_stream(self) -> PageStream<T>
    where
        T: Send + 'static,
    {
        PageStream {
            state: State::Idle(Some(Box::new(self))),
        }
    }
}

/// What [`Pager::collect`] gathers.
#[derive(Debug, Clone, PartialEq)]
pub struct Collected<T> {
    /// The items of all pages, in order.
    pub items: Vec<T>,
    /// The last page's `@odata.deltaLink` (a `delta` round), for the next round.
    pub delta_link: Option<String>,
}

type Step<T> =
    Pin<Box<dyn Future<Output = (Box<Pager<T>>, Option<Result<Page<T>, Error>>)> + Send>>;

enum State<T> {
    Idle(Option<Box<Pager<T>>>),
    Fetching(Step<T>),
}

/// The [`Stream`] of [`Pager::into_stream`].
pub struct PageStream<T> {
    state: State<T>,
}

impl<T> std::fmt::Debug for PageStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageStream").finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for PageStream<T> {
    type Item = Result<Page<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            match &mut this.state {
                State::Idle(pager) => {
                    let Some(mut pager) = pager.take() else {
                        return Poll::Ready(None);
                    };
                    this.state = State::Fetching(Box::pin(async move {
                        let page = pager.next_page().await;
                        (pager, page)
                    }));
                }
                State::Fetching(step) => {
                    let (pager, page) = match step.as_mut().poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(done) => done,
                    };
                    let ended = !matches!(page, Some(Ok(_)));
                    this.state = State::Idle((!ended).then_some(pager));
                    return Poll::Ready(page);
                }
            }
        }
    }
}
