//! Resumable large-file uploads through an upload session (`createUploadSession`'s `uploadUrl`).

mod run;
mod source;

use std::fmt;

use bytes::{Bytes, BytesMut};
use futures_core::Stream;

use crate::{Client, Error, Response};
use source::Source;

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

type ProgressFn<'a> = Box<dyn FnMut(UploadProgress) + Send + 'a>;

/// Uploads content to a Graph upload session in chunks, resuming after a failure. Start with
/// [`Client::upload_session`].
///
/// Each chunk is a `PUT` of `Content-Range: bytes {first}-{last}/{total}` to the session's
/// `uploadUrl`. That URL is preauthenticated, so, as for [`Client::download`], **no
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
    client: &'c Client,
    url: String,
    chunk: ChunkSize,
    max_resumes: u32,
    progress: Option<ProgressFn<'c>>,
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

impl Client {
    /// An upload to the session at `upload_url` (the `uploadUrl` of a `createUploadSession`
    /// answer); see [`UploadSession`].
    pub fn upload_session(&self, upload_url: impl Into<String>) -> UploadSession<'_> {
        UploadSession {
            client: self,
            url: upload_url.into(),
            chunk: ChunkSize::DEFAULT,
            max_resumes: 3,
            progress: None,
        }
    }
}

impl<'c> UploadSession<'c> {
    /// The size of each chunk (default [`ChunkSize::DEFAULT`], 10 MiB).
    pub fn chunk_size(mut self, chunk: ChunkSize) -> Self {
        self.chunk = chunk;
        self
    }

    /// How many times in a row the upload resumes after a failed chunk (default 3; a chunk the
    /// session accepts starts the count again).
    pub fn max_resumes(mut self, max: u32) -> Self {
        self.max_resumes = max;
        self
    }

    /// Calls `progress` after each chunk the session accepted.
    pub fn on_progress(mut self, progress: impl FnMut(UploadProgress) + Send + 'c) -> Self {
        self.progress = Some(Box::new(progress));
        self
    }

    /// Uploads `content` from the start. The answer to the last chunk is returned (`200 OK` or
    /// `201 Created`, e.g. the new `driveItem`, to decode with [`Response::json`]).
    pub async fn upload(self, content: impl Into<Bytes>) -> Result<Response, Error> {
        let content = content.into();
        let total = content.len() as u64;
        self.run(Source::Memory(content), total, 0).await
    }

    /// Resumes an upload of `content` begun earlier (by this process or another): reads the
    /// session's status first and sends only what it still expects.
    pub async fn resume(self, content: impl Into<Bytes>) -> Result<Response, Error> {
        let content = content.into();
        let total = content.len() as u64;
        let from = run::expected_from(self.client, &self.url, total).await?;
        self.run(Source::Memory(content), total, from).await
    }

    /// Uploads `total` bytes read from `stream`, holding at most one chunk in memory.
    ///
    /// A stream cannot go back, so a resume is possible only from the chunk it last read (the
    /// usual case: the session lost that chunk); a session that asks for earlier bytes ends the
    /// upload with [`Error::InvalidRequest`]. A stream that ends before `total` bytes, or fails,
    /// is an [`Error::InvalidRequest`] naming that.
    pub async fn upload_stream<S, E>(self, stream: S, total: u64) -> Result<Response, Error>
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'c,
        E: std::error::Error + Send + Sync + 'static,
    {
        let stream = MapErr(Box::pin(stream));
        let source = Source::Stream {
            stream: Box::pin(stream),
            buffer: BytesMut::new(),
            start: 0,
            ended: false,
        };
        self.run(source, total, 0).await
    }

    /// Ends the session: `DELETE` on the upload URL (without the token).
    pub async fn cancel(self) -> Result<(), Error> {
        run::cancel(self.client, &self.url).await
    }
}

/// A stream with its error boxed.
struct MapErr<S>(std::pin::Pin<Box<S>>);

impl<S, E> Stream for MapErr<S>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: std::error::Error + Send + Sync + 'static,
{
    type Item = Result<Bytes, Box<dyn std::error::Error + Send + Sync>>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0
            .as_mut()
            .poll_next(cx)
            .map(|item| item.map(|r| r.map_err(|e| Box::new(e) as _)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_sizes_are_multiples_of_320_kib() {
        assert_eq!(ChunkSize::new(327_680).unwrap().bytes(), 327_680);
        assert_eq!(ChunkSize::units(3).unwrap().bytes(), 983_040);
        assert_eq!(ChunkSize::default().bytes(), 10 * 1024 * 1024);
        assert_eq!(
            ChunkSize::new(MAX_CHUNK_SIZE).unwrap().bytes(),
            MAX_CHUNK_SIZE
        );
        for bad in [
            0,
            1,
            327_679,
            327_681,
            4 * 1024 * 1024,
            MAX_CHUNK_SIZE + CHUNK_UNIT,
        ] {
            assert_eq!(
                ChunkSize::new(bad),
                Err(ChunkSizeError { bytes: bad }),
                "{bad}"
            );
        }
        let message = ChunkSize::new(4 * 1024 * 1024).unwrap_err().to_string();
        assert!(message.contains("nearest below is 3932160"), "{message}");
        let as_error = Error::from(ChunkSize::new(1).unwrap_err());
        assert!(matches!(as_error, Error::InvalidRequest(m) if m.contains("320 KiB")));
    }
}
