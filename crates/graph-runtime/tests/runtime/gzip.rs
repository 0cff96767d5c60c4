//! gzip (the default `gzip` feature): every request asks for a compressed answer, and a
//! compressed answer decodes as the plain one would. Mock servers on 127.0.0.1 only.
#![cfg(feature = "gzip")]

use std::io::Write;

use graph_runtime::{ApiVersion, Client, Method, Page, Request, RetryPolicy};
use httpmock::prelude::*;

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token("gzip-test-token")
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compresses");
    encoder.finish().expect("compresses")
}

/// A list page as Graph sends it, with enough repetition to compress well.
fn page_json() -> String {
    let users: Vec<String> = (0..50)
        .map(|i| {
            format!(
                r#"{{"id":"{i}","displayName":"Adele Vance {i}","mail":"adele{i}@contoso.com"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=X","value":[{}]}}"#,
        users.join(",")
    )
}

#[tokio_time::test(crate = "tokio_time")]
async fn requests_send_accept_encoding_gzip() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v1.0/me")
                .header("accept-encoding", "gzip");
            then.status(200).body(r#"{"id":"1"}"#);
        })
        .await;
    let response = client(&server)
        .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
        .await
        .expect("response");
    assert_eq!(response.status(), 200);
    mock.assert_calls_async(1).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_gzip_encoded_page_decodes() {
    let plain = page_json();
    let compressed = gzip(plain.as_bytes());
    assert!(compressed.len() * 3 < plain.len(), "the body is compressed");
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1.0/users");
            then.status(200)
                .header("content-type", "application/json")
                .header("content-encoding", "gzip")
                .body(compressed.clone());
        })
        .await;
    let response = client(&server)
        .send(Request::new(Method::GET, ApiVersion::V1, "/users"))
        .await
        .expect("response");
    assert_eq!(
        response.body(),
        plain.as_bytes(),
        "decompressed as it was sent"
    );
    let page: Page<serde_json::Value> = Page::from_response(response).expect("decodes");
    assert_eq!(page.value.len(), 50);
    assert_eq!(page.value[49]["displayName"], "Adele Vance 49");
    assert_eq!(
        page.next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/users?$skiptoken=X")
    );
    mock.assert_calls_async(1).await;
}
