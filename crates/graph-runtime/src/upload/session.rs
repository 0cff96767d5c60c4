//! The upload session's types: chunk sizes, progress, and the session itself (its methods are in
//! `mod.rs` and `run.rs`).

use std::fmt;

use crate::Error;

/// The unit of an upload chunk: Graph takes fragments of a multiple of 320 KiB.
pub const CHUNK_UNIT: usize = 320 * 1024;

/// The largest chunk: Graph refuses fragments of 60 MiB or more.
pub const MAX_CHUNK_SIZE: usize = 192 * CHUNK_UNIT;

/// The size of each `PUT` of an [`UploadSession`]: a non-zero multiple of [`CHUNK_UNIT`]
/// (320 KiB) below 60 MiB, as Graph requires (the last chunk is whatever is left).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkSize(usize);

impl ChunkSize {
    /// The default: 10 MiB (32 units), as Graph's own SDKs use for large files.
    pub const DEFAULT: ChunkSize = ChunkSize(32 * CHUNK_UNIT);

    /// A chunk of `bytes` bytes; [`ChunkSizeError`] unless it is a non-zero multiple of
    /// 320 KiB (327,680 bytes) of at most [`MAX_CHUNK_SIZE`].
    pub fn new(bytes: usize) -> Result<ChunkSize, ChunkSizeError> {
        if bytes == 0 || !bytes.is_multiple_of(CHUNK_UNIT) || bytes > MAX_CHUNK_SIZE {
            return Err(ChunkSizeError { bytes });
        }
        Ok(ChunkSize(bytes))
    }

    /// A chunk of `units` times 320 KiB.
    pub fn units(units: usize) -> Result<ChunkSize, ChunkSizeError> {
        ChunkSize::new(units.saturating_mul(CHUNK_UNIT))
    }

    /// The size in bytes.
    pub fn bytes(self) -> usize {
        self.0
    }
}

impl Default for ChunkSize {
    fn default() -> Self {
        ChunkSize::DEFAULT
    }
}

/// A chunk size Graph would refuse: zero, not a multiple of 320 KiB, or 60 MiB and more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkSizeError {
    /// The size asked for, in bytes.
    pub bytes: usize,
}

impl fmt::Display for ChunkSizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let below = self.bytes / CHUNK_UNIT * CHUNK_UNIT;
        write!(
            f,
            "upload chunk size {} bytes is not a non-zero multiple of 320 KiB ({CHUNK_UNIT} \
             bytes) up to {MAX_CHUNK_SIZE} bytes",
            self.bytes
        )?;
        if below > 0 && below <= MAX_CHUNK_SIZE {
            write!(f, "; the nearest below is {below}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ChunkSizeError {}

impl From<ChunkSizeError> for Error {
    fn from(e: ChunkSizeError) -> Error {
        Error::InvalidRequest(e.to_string())
    }
}

/// How far an upload is, given to [`UploadSession::on_progress`] after each chunk the session
/// accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct UploadProgress {
    /// The bytes the session holds: everything before its next expected byte.
    pub uploaded: u64,
    /// The size of the content.
    pub total: u64,
}

pub(super) type ProgressFn<'a> = Box<dyn FnMut(UploadProgress) + Send + 'a>;

/// Uploads content to a Graph upload session in chunks, resuming after a failure. Start with
/// [`crate::Client::upload_session`].
///
/// Each chunk is a `PUT` of `Content-Range: bytes {first}-{last}/{total}` to the session's
/// `uploadUrl`. That URL is preauthenticated, so, as for [`crate::Client::download`], **no
/// `Authorization` header is sent** (nor is the token provider asked); the URL's host is not
/// checked. Each `PUT` is retried as any call (429, 503, 504, with the client's
/// [`crate::RetryPolicy`] and timeout per attempt, so the timeout must allow one chunk).
///
/// When a chunk fails all the same (a transport error, a timeout, a 5xx, or `416` for a range
/// the session did not expect), the session's status is read (`GET` on the URL) and the upload
/// resumes from the first of its `nextExpectedRanges`, at most
/// [`max_resumes`](Self::max_resumes) times in a row (3 by default). A status that expects
/// nothing, a `404` (the session expired) or any other `4xx` ends the upload with its error.
///
/// Tracing: an `INFO` span `graph.upload` (`total`, `chunk_size`) around the `graph.request`
/// spans of the `PUT`s (whose path is `(upload)`: the URL holds its credentials and is never
/// logged), a `DEBUG` event per accepted chunk (`uploaded`, `total`) and an `INFO` event per
/// resume (`from`, `error`).
pub struct UploadSession<'c> {
    pub(super) client: &'c crate::Client,
    pub(super) url: String,
    pub(super) chunk: ChunkSize,
    pub(super) max_resumes: u32,
    pub(super) progress: Option<ProgressFn<'c>>,
}

impl fmt::Debug for UploadSession<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadSession")
            .field("url", &"(preauthenticated, not shown)")
            .field("chunk", &self.chunk)
            .field("max_resumes", &self.max_resumes)
            .field("progress", &self.progress.is_some())
            .finish_non_exhaustive()
    }
}
