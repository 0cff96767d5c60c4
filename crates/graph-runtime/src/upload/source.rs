//! Where an upload's bytes come from: a buffer in memory, or a stream read a chunk at a time.

use std::fmt;
use std::future::poll_fn;
use std::pin::Pin;

use bytes::{Bytes, BytesMut};
use futures_core::Stream;

use crate::Error;

/// A boxed stream of an upload's bytes.
pub(crate) type ByteStream<'a> = Pin<
    Box<dyn Stream<Item = Result<Bytes, Box<dyn std::error::Error + Send + Sync>>> + Send + 'a>,
>;

pub(crate) enum Source<'a> {
    /// The whole content: any range can be sent again.
    Memory(Bytes),
    /// Read in order; only the part from `start` on is still held.
    Stream {
        stream: ByteStream<'a>,
        /// The bytes from `start` on that were read and not yet dropped.
        buffer: BytesMut,
        start: u64,
        ended: bool,
    },
}

impl fmt::Debug for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Memory(bytes) => write!(f, "Memory({} bytes)", bytes.len()),
            Source::Stream { start, buffer, .. } => {
                write!(f, "Stream(at {start}, {} bytes held)", buffer.len())
            }
        }
    }
}

impl Source<'_> {
    /// The bytes `offset .. offset + len`, or fewer when the content ends first.
    ///
    /// A stream cannot go back: a range before the part it still holds (the last chunk read) is
    /// an [`Error::InvalidRequest`]. Bytes before `offset` are dropped, so a stream holds at
    /// most one chunk.
    pub(crate) async fn range(&mut self, offset: u64, len: usize) -> Result<Bytes, Error> {
        match self {
            Source::Memory(bytes) => {
                let total = bytes.len();
                let from = usize::try_from(offset).unwrap_or(usize::MAX).min(total);
                let to = from.saturating_add(len).min(total);
                Ok(bytes.slice(from..to))
            }
            Source::Stream {
                stream,
                buffer,
                start,
                ended,
            } => {
                if offset < *start {
                    return Err(Error::InvalidRequest(format!(
                        "the upload session asked for byte {offset} again, but the stream has \
                         moved on to byte {start} and cannot go back; upload from memory (or \
                         reopen the stream) to resume there"
                    )));
                }
                let skip = usize::try_from(offset - *start).unwrap_or(usize::MAX);
                let wanted = skip.saturating_add(len);
                while buffer.len() < wanted && !*ended {
                    match poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
                        Some(Ok(bytes)) => buffer.extend_from_slice(&bytes),
                        Some(Err(e)) => {
                            return Err(Error::InvalidRequest(format!(
                                "reading the upload stream failed: {e}"
                            )));
                        }
                        None => *ended = true,
                    }
                }
                // Drop what lies before `offset` (already accepted by the session).
                let dropped = skip.min(buffer.len());
                let _ = buffer.split_to(dropped);
                *start += dropped as u64;
                let take = len.min(buffer.len());
                Ok(Bytes::copy_from_slice(
                    buffer.get(..take).unwrap_or_default(),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::{Context, Poll};

    /// A stream over fixed pieces.
    struct Pieces(Vec<Bytes>);

    impl Stream for Pieces {
        type Item = Result<Bytes, Box<dyn std::error::Error + Send + Sync>>;
        fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Ready(if self.0.is_empty() {
                None
            } else {
                Some(Ok(self.0.remove(0)))
            })
        }
    }

    #[tokio_time::test(crate = "tokio_time")]
    async fn a_stream_serves_ranges_in_order_and_refuses_to_go_back() {
        let pieces = vec![
            Bytes::from_static(b"abc"),
            Bytes::from_static(b"defgh"),
            Bytes::from_static(b"ij"),
        ];
        let mut source = Source::Stream {
            stream: Box::pin(Pieces(pieces)),
            buffer: BytesMut::new(),
            start: 0,
            ended: false,
        };
        assert_eq!(source.range(0, 4).await.unwrap(), "abcd");
        // The same chunk again (a retry): still held.
        assert_eq!(source.range(0, 4).await.unwrap(), "abcd");
        assert_eq!(source.range(2, 4).await.unwrap(), "cdef");
        assert_eq!(source.range(6, 4).await.unwrap(), "ghij");
        assert_eq!(source.range(10, 4).await.unwrap(), "");
        let err = source.range(1, 4).await.unwrap_err().to_string();
        assert!(err.contains("cannot go back"), "{err}");

        let mut memory = Source::Memory(Bytes::from_static(b"abcdef"));
        assert_eq!(memory.range(4, 4).await.unwrap(), "ef");
        assert_eq!(memory.range(0, 2).await.unwrap(), "ab");
    }
}
