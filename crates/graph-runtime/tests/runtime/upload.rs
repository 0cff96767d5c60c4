//! Upload sessions: chunked `PUT`s with `Content-Range`, resumed from `nextExpectedRanges`,
//! never with the token.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use graph_runtime::{ChunkSize, Client, Error, RetryPolicy, UploadProgress};
use httpmock::prelude::*;
use serde_json::json;

const UNIT: usize = 327_680;

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token("upload-test-token")
        .retry_policy(RetryPolicy {
            max_retries: 1,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            max_total_wait: Duration::from_secs(1),
        })
        .build()
        .expect("client")
}

fn content(len: usize) -> Arc<Vec<u8>> {
    Arc::new((0..len).map(|i| (i % 251) as u8).collect())
}

/// A `PUT` mock for one range, checking the bytes and that no token comes along.
async fn put<'a>(
    server: &'a MockServer,
    content: &Arc<Vec<u8>>,
    (first, last): (usize, usize),
    status: u16,
    body: serde_json::Value,
) -> httpmock::Mock<'a> {
    let total = content.len();
    let expected = Arc::clone(content);
    server
        .mock_async(move |when, then| {
            when.method(PUT)
                .path("/upload/session-1")
                .query_param("sig", "secret-signature")
                .header("content-range", format!("bytes {first}-{last}/{total}"))
                .header("content-length", (last - first + 1).to_string())
                .header_missing("authorization")
                .is_true(move |req| req.body().as_ref() == &expected[first..=last]);
            then.status(status).json_body(body);
        })
        .await
}

#[tokio_time::test(crate = "tokio_time")]
async fn an_upload_failing_mid_way_resumes_at_the_expected_offset_without_the_token() {
    let server = MockServer::start_async().await;
    let content = content(3 * UNIT + 1000);
    let total = content.len();
    let with_token = server
        .mock_async(|when, then| {
            when.header_exists("authorization");
            then.status(401);
        })
        .await;
    let first = put(
        &server,
        &content,
        (0, UNIT - 1),
        202,
        json!({ "nextExpectedRanges": [format!("{UNIT}-")] }),
    )
    .await;
    // The second chunk fails; the session kept part of it.
    let failed = put(
        &server,
        &content,
        (UNIT, 2 * UNIT - 1),
        500,
        json!({ "error": { "code": "generalException", "message": "try again" } }),
    )
    .await;
    let status = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/upload/session-1")
                .header_missing("authorization");
            then.status(200).json_body(json!({
                "expirationDateTime": "2030-01-01T00:00:00Z",
                "nextExpectedRanges": ["500000-"],
            }));
        })
        .await;
    let resumed = put(
        &server,
        &content,
        (500_000, 500_000 + UNIT - 1),
        202,
        json!({ "nextExpectedRanges": [format!("{}-", 500_000 + UNIT)] }),
    )
    .await;
    let last = put(
        &server,
        &content,
        (500_000 + UNIT, total - 1),
        201,
        json!({ "id": "item-1", "name": "big.bin", "size": total }),
    )
    .await;

    let client = client(&server);
    let progress = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&progress);
    let response = client
        .upload_session(server.url("/upload/session-1?sig=secret-signature"))
        .chunk_size(ChunkSize::new(UNIT).expect("320 KiB"))
        .on_progress(move |p: UploadProgress| seen.lock().unwrap().push(p.uploaded))
        .upload(Bytes::from(content.to_vec()))
        .await
        .expect("uploaded after one resume");
    assert_eq!(response.status(), 201);
    let item: serde_json::Value = response.json().expect("the item");
    assert_eq!(item["id"], "item-1");

    first.assert_calls_async(1).await;
    failed.assert_calls_async(1).await;
    status.assert_calls_async(1).await;
    resumed.assert_calls_async(1).await;
    last.assert_calls_async(1).await;
    with_token.assert_calls_async(0).await;
    assert_eq!(
        *progress.lock().unwrap(),
        [UNIT as u64, (500_000 + UNIT) as u64, total as u64]
    );
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_stream_is_sent_in_chunks_and_an_expired_session_is_not_resumed() {
    let server = MockServer::start_async().await;
    let content = content(2 * UNIT + 10);
    let total = content.len();
    let first = put(
        &server,
        &content,
        (0, 2 * UNIT - 1),
        202,
        json!({ "expirationDateTime": "2030-01-01T00:00:00Z" }),
    )
    .await;
    let last = put(
        &server,
        &content,
        (2 * UNIT, total - 1),
        200,
        json!({ "id": "x" }),
    )
    .await;
    // The stream arrives in pieces that do not line up with the chunks.
    let pieces: Vec<Result<Bytes, std::io::Error>> = content
        .chunks(100_000)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    let client = client(&server);
    let response = client
        .upload_session(server.url("/upload/session-1?sig=secret-signature"))
        .chunk_size(ChunkSize::units(2).unwrap())
        .upload_stream(Stream(pieces), total as u64)
        .await
        .expect("uploaded");
    assert_eq!(response.status(), 200);
    first.assert_calls_async(1).await;
    last.assert_calls_async(1).await;

    // A stream shorter than announced.
    let short: Vec<Result<Bytes, std::io::Error>> = vec![Ok(Bytes::from_static(b"abc"))];
    let err = client
        .upload_session(server.url("/upload/other"))
        .chunk_size(ChunkSize::units(1).unwrap())
        .upload_stream(Stream(short), 10)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest(m) if m.contains("ended at byte 3")),
        "{err}"
    );

    // 404: the session expired; its status is not asked for.
    let expired_put = server
        .mock_async(|when, then| {
            when.method(PUT).path("/upload/expired");
            then.status(404).json_body(
                json!({ "error": { "code": "itemNotFound", "message": "session expired" } }),
            );
        })
        .await;
    let expired_status = server
        .mock_async(|when, then| {
            when.method(GET).path("/upload/expired");
            then.status(200)
                .json_body(json!({ "nextExpectedRanges": ["0-"] }));
        })
        .await;
    let err = client
        .upload_session(server.url("/upload/expired"))
        .upload(vec![1u8; 10])
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    expired_put.assert_calls_async(1).await;
    expired_status.assert_calls_async(0).await;
}

/// A stream over ready pieces.
struct Stream(Vec<Result<Bytes, std::io::Error>>);

impl futures_core::Stream for Stream {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(if self.0.is_empty() {
            None
        } else {
            Some(self.0.remove(0))
        })
    }
}
