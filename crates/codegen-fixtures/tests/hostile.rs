//! The code generated from the hostile fixtures behaves: every awkward wire name survives a serde
//! round trip, path parameters can never change the path, and documented headers come back.

#![allow(clippy::unwrap_used)] // test code: a panic is a failure report

mod common;

use codegen_fixtures::GraphApi;
use codegen_fixtures::v1::hostiles::item::items::item::DoThingsRequest;
use codegen_fixtures::v1::hostiles::item::items::item::mock::DoThingsPath;
use codegen_fixtures::v1::hostiles::item::{TagThingsRequest, TagThingsResponse};
use common::client;
use graph_runtime::Error;
use graph_runtime::edm::{Date, DateTimeOffset, Guid};
use httpmock::MockServer;
use serde_json::{Value, json};

fn full_request() -> DoThingsRequest {
    DoThingsRequest::new(
        "t".into(),
        vec![vec![1, 2], vec![]],
        "5a0c76d2-cb57-4ece-9bc1-c323178f116a"
            .parse::<Guid>()
            .unwrap(),
    )
    .with_match("2024-01-02T03:04:05Z".parse::<DateTimeOffset>().unwrap())
    .with_1st(true)
    .with_odata_type("#microsoft.graph.thing".into())
    .with_x_ms_thing(9_007_199_254_740_993)
    .with_crate(serde_json::from_value::<Date>(json!("2024-02-29")).unwrap())
}

#[test]
fn every_awkward_wire_name_survives_a_round_trip() {
    let value = serde_json::to_value(full_request()).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "type",
            "ref",
            "self",
            "match",
            "1st",
            "odata.type",
            "x-ms-thing",
            "crate"
        ]
    );
    assert_eq!(value["x-ms-thing"], json!(9_007_199_254_740_993_i64));
    assert_eq!(value["match"], json!("2024-01-02T03:04:05Z"));
    assert_eq!(value["crate"], json!("2024-02-29"));
    let back: DoThingsRequest = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(back, full_request());
    assert_eq!(serde_json::to_value(back).unwrap(), value);

    let tag = TagThingsRequest::new("#x".into(), vec!["a".into()]);
    let value = serde_json::to_value(&tag).unwrap();
    assert_eq!(value, json!({"@odata.type": "#x", "r#raw": ["a"]}));
    assert_eq!(
        serde_json::from_value::<TagThingsRequest>(value).unwrap(),
        tag
    );
}

#[test]
fn optional_fields_are_left_out_and_unknown_fields_are_kept() {
    let minimal = DoThingsRequest::new("t".into(), vec![], Guid::nil());
    let value = serde_json::to_value(&minimal).unwrap();
    assert_eq!(value.as_object().unwrap().len(), 3, "{value}");

    let mut with_extra = value.clone();
    with_extra["@odata.etag"] = json!("W/\"1\"");
    let parsed: DoThingsRequest = serde_json::from_value(with_extra.clone()).unwrap();
    assert_eq!(
        parsed.additional_properties.get("@odata.etag"),
        Some(&json!("W/\"1\""))
    );
    assert_eq!(serde_json::to_value(parsed).unwrap(), with_extra);
}

#[tokio::test]
async fn path_parameters_are_encoded_and_cannot_change_the_path() {
    let server = MockServer::start_async().await;
    let hostile = "a/b?c#d%e";
    let mock = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/v1.0/hostiles/a%2Fb%3Fc%23d%25e/tagThings");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"value": ["5a0c76d2-cb57-4ece-9bc1-c323178f116a"]}));
        })
        .await;
    let client = client(&server);
    let body = TagThingsRequest::new("#x".into(), vec![]);
    let response: TagThingsResponse = client
        .v1()
        .hostiles()
        .by_hostile_id(hostile)
        .tag_things(&body)
        .await
        .unwrap();
    assert_eq!(
        response.value,
        vec![
            "5a0c76d2-cb57-4ece-9bc1-c323178f116a"
                .parse::<Guid>()
                .unwrap()
        ]
    );
    mock.assert_calls_async(1).await;

    // The generated typed mock helper encodes the same way.
    let typed =
        codegen_fixtures::v1::hostiles::item::mock::tag_things(&server, hostile, |_, then| {
            then.error(409, "Conflict", "again");
        });
    mock.delete_async().await;
    let err = client
        .v1()
        .hostiles()
        .by_hostile_id(hostile)
        .tag_things(&body)
        .await
        .unwrap_err();
    assert_eq!(err.service_error().map(|s| s.code()), Some("Conflict"));
    typed.assert_calls(1);
}

#[tokio::test]
async fn dot_segments_and_empty_ids_fail_before_anything_is_sent() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200);
        })
        .await;
    let client = client(&server);
    let body = TagThingsRequest::new("#x".into(), vec![]);
    for bad in ["..", ".", ""] {
        let err = client
            .v1()
            .hostiles()
            .by_hostile_id(bad)
            .tag_things(&body)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{bad:?}: {err:?}");
        assert!(err.to_string().contains("hostile-id"), "{bad:?}: {err}");
    }
    // A bad value deeper in the chain is caught too.
    let err = client
        .v1()
        .hostiles()
        .by_hostile_id("ok")
        .items()
        .by_id("..")
        .do_things(&full_request())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn documented_response_headers_are_returned() {
    let server = MockServer::start_async().await;
    let mock = codegen_fixtures::v1::hostiles::item::items::item::mock::do_things(
        &server,
        DoThingsPath::HostilesItems {
            hostile_id: "h 1",
            id: "i/2",
        },
        |when, then| {
            when.body(&full_request());
            then.ok("https://graph.example/monitor/1", "op-7");
        },
    );
    let response = client(&server)
        .v1()
        .hostiles()
        .by_hostile_id("h 1")
        .items()
        .by_id("i/2")
        .do_things(&full_request())
        .await
        .unwrap();
    assert_eq!(
        response.location.as_deref(),
        Some("https://graph.example/monitor/1")
    );
    assert_eq!(response.x_ms_operation_id.as_deref(), Some("op-7"));
    mock.assert_calls(1);
    let _: Value = serde_json::to_value(&response).unwrap();
}

/// An operation with two paths has one set of mock helpers, at its first path: the `path`
/// argument picks the path, and a mock of one path does not answer the other.
#[tokio::test]
async fn one_mock_helper_mocks_each_path_of_an_operation() {
    use codegen_fixtures::v1::hostiles::item::items::item::mock::do_things;
    let server = MockServer::start_async().await;
    let me = do_things(&server, DoThingsPath::MeHostiles, |when, then| {
        when.body(&full_request());
        then.ok("https://graph.example/monitor/me", "op-me");
    });
    let item = do_things(
        &server,
        DoThingsPath::HostilesItems {
            hostile_id: "h",
            id: "i",
        },
        |_, then| {
            then.error(404, "itemNotFound", "no such item");
        },
    );
    // The thin binding at the second path takes the canonical binding's request type.
    let response = client(&server)
        .v1()
        .me()
        .hostiles()
        .do_things(&full_request())
        .await
        .unwrap();
    assert_eq!(response.x_ms_operation_id.as_deref(), Some("op-me"));
    me.assert_calls(1);
    item.assert_calls(0);
    let err = client(&server)
        .v1()
        .hostiles()
        .by_hostile_id("h")
        .items()
        .by_id("i")
        .do_things(&full_request())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("itemNotFound"), "{err}");
    item.assert_calls(1);
    me.assert_calls(1);
}
