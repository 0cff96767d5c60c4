//! Rust types for OData (EDM) primitives that have no std equivalent.
//!
//! - `Edm.Guid` is [`Guid`] ([`uuid::Uuid`], hyphenated on the wire).
//! - `Edm.DateTimeOffset` is [`DateTimeOffset`], an RFC 3339 timestamp.
//! - `Edm.Date` is [`Date`], a `YYYY-MM-DD` calendar date.
//!
//! The date types are written with std alone: text that is not one of their forms fails with a
//! [`ParseError`] naming the field and the byte. With the `time` feature, they convert to and
//! from the `time` crate's `OffsetDateTime` and `Date` (`new`, `get`, `From`), and `time` itself
//! is re-exported here.

mod civil;
mod date;
mod date_time;
mod text;
#[cfg(feature = "time")]
mod time_interop;

pub use date::Date;
pub use date_time::{DateTimeOffset, RangeError};
pub use text::ParseError;
#[cfg(feature = "time")]
pub use time;

/// `Edm.Guid`.
pub type Guid = uuid::Uuid;

#[cfg(test)]
mod parse_tests;
#[cfg(test)]
mod tests;
#[cfg(all(test, feature = "time"))]
mod time_tests;
