//! The code generated for functions and alternate keys: values stay inside their OData literals,
//! enums go out as quoted members, the pager follows next links, and a report's `302 Found` is
//! downloaded without the token.

#![allow(clippy::unwrap_used)] // test code: a panic is a failure report

mod common;

use codegen_fixtures::GraphApi;
use codegen_fixtures::v1::hostiles_by_name::ThingMode;
use common::client;
use httpmock::MockServer;
use serde_json::json;

#[tokio::test]
async fn hostile_values_stay_inside_their_literals() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET").path(
                "/v1.0/hostiles(name='x%27%27%29%2Fevil%3F%24top%3D1%23')/findThings(on='O%27%27Brien',mode='fast',top=3)",
            );
            then.status(200).json_body(json!({"value": ["a"]}));
        })
        .await;
    let other = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v1.0/hostiles(name='n')/findThings(on='',mode='brand%20new',top=-1)");
            then.status(200).json_body(json!({"value": []}));
        })
        .await;
    let client = client(&server);
    let answer = client
        .v1()
        .hostiles_by_name("x')/evil?$top=1#")
        .find_things("O'Brien", ThingMode::Fast, 3)
        .await
        .unwrap();
    assert_eq!(answer.value, vec!["a".to_string()]);
    client
        .v1()
        .hostiles_by_name("n")
        .find_things("", ThingMode::from("brand new"), -1)
        .await
        .unwrap();
    mock.assert_calls_async(1).await;
    other.assert_calls_async(1).await;
    assert_eq!(ThingMode::from("fast"), ThingMode::Fast);
    assert_eq!(ThingMode::UnknownFutureValue.as_str(), "unknownFutureValue");
}

#[tokio::test]
async fn the_generated_pager_follows_next_links() {
    let server = MockServer::start_async().await;
    let path = "/v1.0/hostiles(name='n')/findThings(on='a',mode='fast',top=1)";
    let next = server.url(format!("{path}?$skiptoken=2"));
    let first = server
        .mock_async(|when, then| {
            when.path(path).query_param_missing("$skiptoken");
            then.status(200)
                .json_body(json!({"value": ["a"], "@odata.nextLink": next}));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.path(path).query_param("$skiptoken", "2");
            then.status(200).json_body(json!({"value": ["b"]}));
        })
        .await;
    let all = client(&server)
        .v1()
        .hostiles_by_name("n")
        .find_things_pager("a", ThingMode::Fast, 1)
        .collect()
        .await
        .unwrap();
    assert_eq!(all.items, vec![json!("a"), json!("b")]);
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_report_redirect_is_returned_and_downloaded_without_the_token() {
    let graph = MockServer::start_async().await;
    let storage = MockServer::start_async().await;
    let location = storage.url("/r.csv?sig=s");
    let report = codegen_fixtures::v1::hostile_reports::mock::get_thing_counts(
        &graph,
        "O'Brien",
        |when, then| {
            let _ = when;
            then.ok(&location);
        },
    );
    let clean = storage
        .mock_async(|when, then| {
            when.path("/r.csv").header_missing("authorization");
            then.status(200).body("a,b\n1,2\n");
        })
        .await;
    let client = client(&graph);
    let redirect = client
        .v1()
        .hostile_reports()
        .get_thing_counts("O'Brien")
        .await
        .unwrap();
    assert_eq!(redirect.location, location);
    let csv = client.download(&redirect.location).await.unwrap();
    assert_eq!(csv.body(), b"a,b\n1,2\n");
    report.assert_calls(1);
    clean.assert_calls_async(1).await;
}
