//! The upload loop: one `PUT` per chunk, the session's status read to resume after a failure.

use serde_json::Value;
use tracing::Instrument;

use super::session::{UploadProgress, UploadSession};
use super::source::Source;
use crate::error::{SNIPPET_LIMIT, snippet};
use http::Method;

use crate::{Client, Error, Request, Response};

/// A request to the preauthenticated upload URL: no `Authorization`, and the path shown as
/// `(upload)` in spans (the URL holds its credentials).
fn session_request(method: Method, url: &str) -> Request {
    let mut request = Request::download(url.to_owned());
    request.method = method;
    request.template = Some("(upload)".to_owned());
    request
}

/// The first byte of the first of `nextExpectedRanges` (`"26-"` or `"26-99"`): `Ok(None)` when
/// the body names no range.
fn first_expected(body: &[u8]) -> Result<Option<u64>, Error> {
    let decode_error = |message: String| Error::Decode {
        message,
        snippet: snippet(body, SNIPPET_LIMIT),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    // What an upload session says about itself (`202 Accepted` to a chunk, or `GET` on its
    // URL): `{"nextExpectedRanges": ["26-"], ...}`.
    let status: Value = serde_json::from_slice(body)
        .map_err(|e| decode_error(format!("the upload session status does not decode: {e}")))?;
    if !status.is_object() {
        return Err(decode_error(
            "the upload session status does not decode: it is not a JSON object".to_owned(),
        ));
    }
    let ranges = match status.get("nextExpectedRanges") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(ranges)) => ranges,
        Some(_) => {
            return Err(decode_error(
                "the upload session status does not decode: `nextExpectedRanges` is not an array"
                    .to_owned(),
            ));
        }
    };
    let Some(first) = ranges.first() else {
        return Ok(None);
    };
    let Some(first) = first.as_str() else {
        return Err(decode_error(
            "the upload session status does not decode: `nextExpectedRanges[0]` is not a string"
                .to_owned(),
        ));
    };
    let start = first.split('-').next().unwrap_or_default().trim();
    start.parse::<u64>().map(Some).map_err(|_| {
        decode_error(format!(
            "the upload session's next expected range {first:?} does not start with a byte offset"
        ))
    })
}

/// Where the session expects the upload to go on: the start of its first expected range.
pub(super) async fn expected_from(client: &Client, url: &str, total: u64) -> Result<u64, Error> {
    let status = client.send(session_request(Method::GET, url)).await?;
    match first_expected(status.body())? {
        Some(from) if from < total => Ok(from),
        Some(from) => Err(Error::InvalidRequest(format!(
            "the upload session expects byte {from}, past the end of the {total}-byte content"
        ))),
        None => Err(Error::InvalidRequest(
            "the upload session expects no more bytes (complete or expired); nothing to resume"
                .to_owned(),
        )),
    }
}

pub(super) async fn cancel(client: &Client, url: &str) -> Result<(), Error> {
    client
        .send(session_request(Method::DELETE, url))
        .await?
        .into_unit()
}

/// Where the upload goes on after a chunk's success answer, or `None` when it is the final answer.
///
/// OneDrive answers an accepted chunk `202 Accepted` (its `nextExpectedRanges` sometimes left
/// out: then the next byte is the one after the chunk) and the last one `200`/`201` with the
/// item; Outlook answers an accepted chunk `200 OK` with `nextExpectedRanges`, and the last one
/// `201 Created`. So: `201` is final, and so is a `200` that expects nothing more.
fn next_offset(response: &Response, after_chunk: u64, total: u64) -> Result<Option<u64>, Error> {
    let next = match response.status() {
        202 => Some(first_expected(response.body())?.unwrap_or(after_chunk)),
        200 => first_expected(response.body()).ok().flatten(),
        _ => None,
    };
    match next {
        Some(next) if next >= total => Err(Error::InvalidRequest(format!(
            "the upload session accepted all {total} bytes but did not answer with the \
             uploaded item"
        ))),
        other => Ok(other),
    }
}

/// Whether a failed chunk is worth a resume: it may have been lost on the way, or the session
/// expected another range.
fn resumable(error: &Error) -> bool {
    match error {
        Error::Transport(_) | Error::Timeout(_) => true,
        other => other.status().is_some_and(|s| s >= 500 || s == 416),
    }
}

impl UploadSession<'_> {
    pub(super) async fn run(
        mut self,
        mut source: Source<'_>,
        total: u64,
        from: u64,
    ) -> Result<Response, Error> {
        if total == 0 {
            return Err(Error::InvalidRequest(
                "an upload session needs at least one byte to upload".to_owned(),
            ));
        }
        let chunk_size = self.chunk.bytes();
        let span = tracing::info_span!("graph.upload", total, chunk_size);
        async move {
            let mut offset = from;
            let mut resumes = 0u32;
            loop {
                let len = usize::try_from(total.saturating_sub(offset))
                    .unwrap_or(usize::MAX)
                    .min(chunk_size);
                let chunk = source.range(offset, len).await?;
                if chunk.len() < len || len == 0 {
                    return Err(Error::InvalidRequest(format!(
                        "the upload content ended at byte {}, before the {total} bytes announced",
                        offset + chunk.len() as u64
                    )));
                }
                let last = offset + len as u64 - 1;
                let request = session_request(Method::PUT, &self.url)
                    .bytes("application/octet-stream", chunk)?
                    .header("content-range", &format!("bytes {offset}-{last}/{total}"))?;
                match self.client.send(request).await {
                    Ok(response) => match next_offset(&response, last + 1, total)? {
                        Some(next) => {
                            offset = next;
                            resumes = 0;
                            self.report(offset, total);
                        }
                        None => {
                            self.report(total, total);
                            return Ok(response);
                        }
                    },
                    Err(error) if resumable(&error) && resumes < self.max_resumes => {
                        resumes += 1;
                        // The status tells what the session holds; when it cannot be read, the
                        // chunk's own error is the one to report.
                        let Ok(from) = expected_from(self.client, &self.url, total).await else {
                            return Err(error);
                        };
                        tracing::info!(from, resume = resumes, error = %error, "resuming the upload");
                        offset = from;
                    }
                    Err(error) => return Err(error),
                }
            }
        }
        .instrument(span)
        .await
    }

    fn report(&mut self, uploaded: u64, total: u64) {
        tracing::debug!(uploaded, total, "upload chunk accepted");
        if let Some(progress) = &mut self.progress {
            progress(UploadProgress { uploaded, total });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_expected_ranges_are_read() {
        let body = br#"{"expirationDateTime":"2030-01-01T00:00:00Z","nextExpectedRanges":["655360-","700000-800000"]}"#;
        assert_eq!(first_expected(body).unwrap(), Some(655_360));
        assert_eq!(
            first_expected(br#"{"nextExpectedRanges":["26-99"]}"#).unwrap(),
            Some(26)
        );
        assert_eq!(
            first_expected(br#"{"nextExpectedRanges":[]}"#).unwrap(),
            None
        );
        assert_eq!(
            first_expected(br#"{"expirationDateTime":"x"}"#).unwrap(),
            None
        );
        assert_eq!(first_expected(b"").unwrap(), None);
        assert!(matches!(
            first_expected(br#"{"nextExpectedRanges":["abc-"]}"#),
            Err(Error::Decode { .. })
        ));
        assert!(matches!(
            first_expected(b"<html>"),
            Err(Error::Decode { .. })
        ));
        for (body, says) in [
            (&b"[1]"[..], "not a JSON object"),
            (
                br#"{"nextExpectedRanges":"0-"}"#,
                "`nextExpectedRanges` is not an array",
            ),
            (
                br#"{"nextExpectedRanges":[0]}"#,
                "`nextExpectedRanges[0]` is not a string",
            ),
        ] {
            let Err(Error::Decode { message, .. }) = first_expected(body) else {
                panic!("{}", String::from_utf8_lossy(body));
            };
            assert!(message.ends_with(says), "{message}");
        }
    }

    fn response(status: u16, body: &'static [u8]) -> Response {
        Response {
            status,
            headers: http::HeaderMap::new(),
            body: bytes::Bytes::from_static(body),
            span: tracing::Span::none(),
        }
    }

    #[test]
    fn accepted_chunks_and_final_answers_of_onedrive_and_outlook() {
        let ranges = br#"{"nextExpectedRanges":["400-"]}"#;
        // OneDrive: 202 with or without ranges, then the item.
        assert_eq!(
            next_offset(&response(202, ranges), 300, 1000).unwrap(),
            Some(400)
        );
        assert_eq!(
            next_offset(&response(202, b"{}"), 300, 1000).unwrap(),
            Some(300)
        );
        assert_eq!(
            next_offset(&response(200, br#"{"id":"x"}"#), 300, 1000).unwrap(),
            None
        );
        // Outlook: 200 with ranges, then 201 with no body.
        assert_eq!(
            next_offset(&response(200, ranges), 300, 1000).unwrap(),
            Some(400)
        );
        assert_eq!(next_offset(&response(201, b""), 300, 1000).unwrap(), None);
        // Accepted past the end without a final answer.
        assert!(next_offset(&response(202, b""), 1000, 1000).is_err());
    }
}
