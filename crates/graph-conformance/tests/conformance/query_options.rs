//! Typed query options on the wire: a list sends the options its builder was given (with
//! `ConsistencyLevel: eventual` for `$count`, as the page documents), and a replay that drops a
//! documented example's query string fails.
#![allow(clippy::unwrap_used)]

use graph_api::v1::models::User;
use graph_api::v1::users::ListUserQuery;
use graph_api::{Client, GraphApi};
use graph_conformance::Case;
use graph_runtime::{Order, Property};
use httpmock::MockServer;
use serde_json::json;

#[tokio::test]
async fn a_list_sends_its_typed_options_and_the_consistency_header() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v1.0/users")
                .query_param("$select", "displayName,id")
                .query_param("$filter", "startswith(displayName,'a')")
                .query_param("$orderby", "displayName desc")
                .query_param("$top", "5")
                .query_param("$count", "true")
                .header("consistencylevel", "eventual");
            then.status(200).json_body(json!({
                "@odata.count": 1,
                "value": [{"id": "u1", "displayName": "Adele"}]
            }));
        })
        .await;
    let client = graph_conformance::client_for(&server.base_url());
    let query = ListUserQuery::new()
        .select([User::DISPLAY_NAME, User::ID])
        .filter("startswith(displayName,'a')")
        .order_by(User::DISPLAY_NAME, Order::Desc)
        .top(5)
        .count(true);
    let page = client.v1().users().list_with(&query).await.unwrap();
    assert_eq!(page.value[0].display_name.as_deref(), Some("Adele"));
    assert_eq!(page.additional_properties["@odata.count"], json!(1));
    mock.assert_async().await;

    // A property the model does not list goes through the escape hatch, as written.
    let raw = ListUserQuery::new().select([Property::<User>::raw("newProperty")]);
    assert_eq!(
        raw.options().pairs(),
        [("$select", "newProperty".to_string())]
    );
}

#[tokio::test]
async fn without_count_or_search_no_consistency_header_is_sent() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v1.0/users")
                .query_param("$top", "2")
                .header_missing("consistencylevel");
            then.status(200).json_body(json!({"value": []}));
        })
        .await;
    let client = graph_conformance::client_for(&server.base_url());
    client
        .v1()
        .users()
        .list_with(&ListUserQuery::new().top(2))
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
#[should_panic(expected = "the binding failed against the documented exchange")]
async fn a_replay_that_drops_the_documented_query_fails() {
    // Example 1 of user-list sends `$select` and `$filter`; calling the binding without them
    // misses the mock.
    Case::load("spec/v1.0/user-list.json", 1)
        .with_query()
        .replay(async |client: &Client| client.v1().users().list().await)
        .await;
}

/// README's list example, compiled here (README code is not a doctest).
#[allow(dead_code)]
async fn readme_list_example(client: Client) -> Result<(), graph_api::Error> {
    use graph_api::runtime::Order;
    let query = ListUserQuery::new()
        .select([User::DISPLAY_NAME, User::MAIL])
        .filter("startswith(displayName,'a')")
        .order_by(User::DISPLAY_NAME, Order::Asc)
        .top(50)
        .count(true);
    let users = client
        .v1()
        .users()
        .list_pager_with(&query)
        .collect()
        .await?;
    for user in users.items {
        println!("{:?} <{:?}>", user.display_name, user.mail);
    }
    Ok(())
}

/// README's update example, compiled here.
#[allow(dead_code)]
async fn readme_update_example(client: Client) -> Result<(), graph_api::Error> {
    use graph_api::runtime::model::Model;
    let mut patch = User {
        office_location: Some("18/2111".into()),
        ..Default::default()
    };
    patch.set_null(User::MOBILE_PHONE);
    client
        .v1()
        .users()
        .by_id("AdeleV@contoso.com")
        .update(&patch)
        .await?;
    Ok(())
}

#[tokio::test]
async fn an_update_sends_only_what_is_set_and_clears_with_null() {
    use graph_runtime::model::Model;
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/v1.0/users/u1")
                .json_body(json!({"jobTitle": "Engineer", "officeLocation": null}));
            then.status(204);
        })
        .await;
    let client = graph_conformance::client_for(&server.base_url());
    let mut patch = User {
        job_title: Some("Engineer".into()),
        ..Default::default()
    };
    patch.set_null(User::OFFICE_LOCATION);
    client
        .v1()
        .users()
        .by_id("u1")
        .update(&patch)
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn a_count_reads_the_plain_text_number() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/beta/users/u1/transitiveReports/$count");
            then.status(200)
                .header("content-type", "text/plain")
                .body("5");
        })
        .await;
    let client = graph_conformance::client_for(&server.base_url());
    let n = client
        .beta()
        .users()
        .by_id("u1")
        .transitive_reports()
        .count()
        .await
        .unwrap();
    assert_eq!(n, 5);
    mock.assert_async().await;
}
