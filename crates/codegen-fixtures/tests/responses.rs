//! Response shapes: an operation whose page types the answer but shows a success example with no
//! body (`gizmo-refresh.json`) returns `Option` of its response type, `None` for an empty body.

#![allow(clippy::unwrap_used)] // test code: a panic is a failure report

mod common;

use codegen_fixtures::GraphApi;
use codegen_fixtures::beta::gizmos::item::{RefreshResponse, mock};
use common::client;
use httpmock::MockServer;

#[tokio::test]
async fn an_empty_success_body_is_none_and_a_documented_body_is_some() {
    let server = MockServer::start_async().await;
    let client = client(&server);

    let empty = mock::refresh(&server, "g2", |_, then| {
        then.ok_without_body();
    });
    let got: Option<RefreshResponse> = client
        .beta()
        .gizmos()
        .by_gizmo_id("g2")
        .refresh()
        .await
        .unwrap();
    assert_eq!(got, None);
    empty.assert_calls(1);

    let answer = RefreshResponse {
        value: vec!["fresh".into()],
        additional_properties: Default::default(),
    };
    let full = mock::refresh(&server, "g1", |_, then| {
        then.ok(&answer);
    });
    let got = client.beta().gizmos().by_gizmo_id("g1").refresh().await;
    assert_eq!(got.unwrap(), Some(answer));
    full.assert_calls(1);
}

#[tokio::test]
async fn a_body_that_is_not_the_documented_type_is_still_a_decoding_error() {
    let server = MockServer::start_async().await;
    server.mock(|when, then| {
        when.path("/beta/gizmos/g3/refresh");
        then.status(200)
            .header("content-type", "application/json")
            .body("{\"value\": 42}");
    });
    let err = client(&server)
        .beta()
        .gizmos()
        .by_gizmo_id("g3")
        .refresh()
        .await
        .unwrap_err();
    assert!(
        matches!(err, codegen_fixtures::Error::Decode { .. }),
        "{err:?}"
    );
}
