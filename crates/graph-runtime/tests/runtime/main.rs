//! graph-runtime's integration tests, in one binary.
//!
//! Each file under `tests/` would be a test binary of its own that links the whole crate and its
//! dependencies again, so the tests are modules of this one, one per concern. Servers listen on
//! 127.0.0.1 only.

mod azure;
mod batch;
mod config;
mod dry_run;
mod errors;
mod faults;
mod gzip;
mod headers;
mod paging;
mod retries;
mod tracing;
mod transport;
mod upload;
