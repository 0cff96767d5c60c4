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
//! The [`edm`] module holds the types generated models use for OData
//! primitives without a std equivalent (`Edm.Guid`, `Edm.DateTimeOffset`,
//! `Edm.Date`).
//!
//! # Features
//!
//! - `azure` (off by default): `AzureTokenCredential`, an adapter from
//!   `azure_core`'s `TokenCredential` (e.g. `azure_identity` credentials).

mod auth;
#[cfg(feature = "azure")]
mod azure;
mod client;
mod cloud;
pub mod edm;
mod error;
mod path;
mod request;
mod retry;

pub use auth::{AccessToken, BoxFuture, StaticToken, TokenProvider};
#[cfg(feature = "azure")]
pub use azure::AzureTokenCredential;
pub use client::{Client, ClientBuilder, USER_AGENT_VALUE};
pub use cloud::{ApiVersion, Cloud};
pub use error::{Error, ErrorDetail, MAX_ERROR_BODY, ServiceError};
pub use http::Method;
pub use path::{RequestPath, encode_path_segment};
pub use request::{Request, Response};
pub use retry::{RetryPolicy, parse_retry_after};
