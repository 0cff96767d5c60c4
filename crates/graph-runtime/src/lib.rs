//! Runtime for generated Microsoft Graph bindings.
//!
//! Generated code builds a [`Request`] (method, [`ApiVersion`], an encoded
//! path made with [`encode_path_segment`], an optional JSON body), hands it
//! to [`Client::send`], and decodes the [`Response`] with
//! [`Response::json`] or [`Response::into_unit`]. This crate knows nothing
//! about the generated code.
//!
//! [`Client::send`] adds the bearer token from a [`TokenProvider`] and the
//! standard headers (`Accept`, `User-Agent`, `SdkVersion`, a per-call
//! `client-request-id`), retries throttling and unavailability (429, 503,
//! 504) as set by a [`RetryPolicy`], enforces a per-request timeout, and
//! turns error responses into [`Error::Service`] (Graph's OData error body)
//! or [`Error::Http`].
//!
//! TLS uses rustls with the *ring* provider and the webpki-roots trust
//! anchors, configured per client: no process-wide crypto provider is
//! installed and no system TLS library is needed.
//!
//! # Example
//!
//! ```no_run
//! use graph_runtime::{ApiVersion, Client, Cloud, Method, Request, encode_path_segment};
//!
//! # async fn run() -> Result<(), graph_runtime::Error> {
//! // The global cloud, with a token obtained elsewhere.
//! let client = Client::builder()
//!     .cloud(Cloud::Global)
//!     .static_token("eyJ0eXAi...")
//!     .build()?;
//!
//! let path = format!("/users/{}", encode_path_segment("user-id", "adele@contoso.com")?);
//! let user: serde_json::Value = client
//!     .send(Request::new(Method::GET, ApiVersion::V1, path))
//!     .await?
//!     .json()?;
//! println!("{}", user["displayName"]);
//!
//! // A mock server on the loopback interface (plain http is allowed there).
//! let mock = Client::builder()
//!     .base_url("http://127.0.0.1:8080")
//!     .static_token("test-token")
//!     .build()?;
//! let request = Request::new(Method::PATCH, ApiVersion::Beta, "/me")
//!     .json(&serde_json::json!({ "jobTitle": "Engineer" }))?;
//! mock.send(request).await?.into_unit()?;
//! # Ok(())
//! # }
//! ```
//!
//! # Diagnostics
//!
//! The client reports through [`tracing`](https://docs.rs/tracing); install
//! any subscriber (e.g. `tracing-subscriber`'s `fmt`) to see it. Applications
//! that use the `log` crate instead enable this crate's `log` feature (it
//! turns on tracing's own `log` feature), and the events arrive as `log`
//! records when no tracing subscriber is installed.
//!
//! - Each [`Client::send`] runs in an `INFO` span named `graph.request` with
//!   the fields `method`, `path` (the path *template*, such as
//!   `/users/{id}/assignLicense`: see [`RequestPath`] and
//!   [`Request::path_template`]), `api_version` and `client_request_id`.
//! - Each attempt ends with a `DEBUG` event: `attempt` (1-based), `status`,
//!   `request_id` (Graph's `request-id` response header) and `elapsed_ms`,
//!   or `error` when no response came.
//! - Each retry is an `INFO` event: `retry`, `wait_ms`, `reason` (the status,
//!   e.g. `429 Too Many Requests`) and `wait_from` (`retry-after` when the
//!   server said how long, `backoff` otherwise).
//! - A `WARN` event when a response is dropped: an error body cut at
//!   [`MAX_ERROR_BODY`] bytes, or a success body that does not decode
//!   ([`Response::json`]; the event has the JSON path, not the body).
//! - At `TRACE`, the request and response headers, through an allow-list
//!   (`request-id`, `client-request-id`, `retry-after`, `content-type`, ...):
//!   any other header, `Authorization` first, shows `REDACTED`. Bodies
//!   appear there only with [`ClientBuilder::log_bodies`]; otherwise only
//!   their length.
//!
//! The access token never appears in any span or event.
//!
//! # Dry runs
//!
//! A client built with [`ClientBuilder::dry_run`] sends nothing: each call
//! returns [`Error::DryRun`] with the [`PreparedRequest`] it would have sent
//! (method, URL, headers with the token redacted, body), which prints as the
//! HTTP request.
//!
//! The [`edm`] module holds the types generated models use for OData
//! primitives without a std equivalent (`Edm.Guid`, `Edm.DateTimeOffset`,
//! `Edm.Date`), and the [`model`] module the one-pass `Deserialize` of the
//! generated models (each key read once, unknown properties and `null`s kept).
//!
//! # Features
//!
//! - `azure` (off by default): `AzureTokenCredential`, an adapter from
//!   `azure_core`'s `TokenCredential` (e.g. `azure_identity` credentials).
//! - `log` (off by default): the tracing events also as `log` records (see
//!   "Diagnostics").

// On docs.rs (all features), items behind a feature are labelled with it.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod auth;
#[cfg(feature = "azure")]
mod azure;
mod batch;
mod builder;
mod client;
mod cloud;
pub mod derived;
mod download;
mod dry_run;
pub mod edm;
mod error;
mod exchange;
pub mod model;
mod odata;
mod pager;
mod path;
mod percent;
mod query;
mod request;
mod retry;
mod telemetry;
mod upload;
mod wrapped;

pub use auth::{AccessToken, BoxFuture, StaticToken, TokenProvider};
#[cfg(feature = "azure")]
pub use azure::AzureTokenCredential;
pub use batch::{Batch, BatchItem, ItemId, MAX_BATCH_ITEMS};
pub use builder::ClientBuilder;
pub use client::Client;
pub use cloud::{ApiVersion, Cloud};
pub use dry_run::PreparedRequest;
pub use error::{Error, ErrorDetail, MAX_ERROR_BODY, ServiceError};
pub use exchange::USER_AGENT_VALUE;
pub use http::Method;
pub use odata::{Literal, ToLiteral};
pub use pager::{Collected, DEFAULT_MAX_PAGES, Page, PageStream, Pager};
pub use path::{EncodedPath, RequestPath, encode_path_segment};
pub use query::{Order, Property, QueryOptions};
pub use request::{Redirect, Request, Response};
pub use retry::{RetryPolicy, parse_retry_after};
pub use upload::{
    CHUNK_UNIT, ChunkSize, ChunkSizeError, MAX_CHUNK_SIZE, UploadProgress, UploadSession,
};
pub use wrapped::Wrapped;
