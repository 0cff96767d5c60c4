//! Resumable large-file uploads through an upload session (`createUploadSession`'s `uploadUrl`).

mod run;
mod session;
mod source;

use bytes::{Bytes, BytesMut};
use futures_core::Stream;

use crate::{Client, Error, Response};
pub use session::{
    CHUNK_UNIT, ChunkSize, ChunkSizeError, MAX_CHUNK_SIZE, UploadProgress, UploadSession,
};
use source::Source;

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
