//! The headers every request carries, and how paths, queries and bodies
//! reach the server.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use graph_runtime::{ApiVersion, Client, Method, Request, USER_AGENT_VALUE, encode_path_segment};
use httpmock::prelude::*;

const TOKEN: &str = "header-test-token";
const UUID_V4: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token(TOKEN)
        .build()
        .expect("client")
}

#[tokio_time::test(crate = "tokio_time")]
async fn get_carries_standard_headers_and_no_content_type() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v1.0/me")
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("accept", "application/json")
                .header("user-agent", USER_AGENT_VALUE)
                .header("sdkversion", USER_AGENT_VALUE)
                .header_matches("client-request-id", UUID_V4)
                .header_missing("content-type")
                .header_missing("retry-attempt");
            then.status(200).body(r#"{"id":"1"}"#);
        })
        .await;

    let response = client(&server)
        .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
        .await
        .expect("response");
    assert_eq!(response.status(), 200);
    assert_eq!(response.body(), br#"{"id":"1"}"#);
    mock.assert_calls_async(1).await;
    assert!(USER_AGENT_VALUE.starts_with("graph-runtime/"));
}

#[tokio_time::test(crate = "tokio_time")]
async fn json_body_sets_content_type_and_is_sent() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/beta/users")
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("content-type", "application/json")
                .json_body(serde_json::json!({"displayName": "Adele", "n": 1}));
            then.status(201)
                .header("content-type", "application/json")
                .body(r#"{"id":"new"}"#);
        })
        .await;

    #[derive(serde::Serialize)]
    struct NewUser<'a> {
        #[serde(rename = "displayName")]
        display_name: &'a str,
        n: u32,
    }
    let request = Request::new(Method::POST, ApiVersion::Beta, "/users")
        .json(&NewUser {
            display_name: "Adele",
            n: 1,
        })
        .expect("serializable");
    let response = client(&server).send(request).await.expect("response");
    assert_eq!(response.status(), 201);
    assert_eq!(response.header("Content-Type"), Some("application/json"));
    #[derive(serde::Deserialize)]
    struct Created {
        id: String,
    }
    let created: Created = response.json().expect("json");
    assert_eq!(created.id, "new");
    mock.assert_calls_async(1).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn each_send_gets_a_fresh_client_request_id() {
    let server = MockServer::start_async().await;
    let seen = Arc::new(Mutex::new(BTreeSet::new()));
    let recorder = Arc::clone(&seen);
    let mock = server
        .mock_async(move |when, then| {
            when.path("/v1.0/me").is_true(move |req| {
                if let (Some(id), Ok(mut set)) =
                    (req.headers().get("client-request-id"), recorder.lock())
                {
                    set.insert(id.to_str().unwrap_or_default().to_owned());
                }
                true
            });
            then.status(204);
        })
        .await;
    let client = client(&server);
    for _ in 0..3 {
        client
            .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
            .await
            .expect("response")
            .into_unit()
            .expect("unit");
    }
    mock.assert_calls_async(3).await;
    let seen = seen.lock().expect("lock");
    assert_eq!(seen.len(), 3, "{seen:?}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn encoded_segments_queries_and_extra_headers_reach_the_server() {
    let server = MockServer::start_async().await;
    let id = encode_path_segment("user-id", "a/b?c#d%e f").expect("encoded");
    assert_eq!(id, "a%2Fb%3Fc%23d%25e%20f");
    let mock = server
        .mock_async(|when, then| {
            // The value stays one encoded path segment.
            when.method(GET)
                .is_true(|req| req.uri().path() == "/v1.0/users/a%2Fb%3Fc%23d%25e%20f/messages")
                .query_param("$filter", "subject eq 'a&b=c'")
                .query_param("$top", "5")
                .header("consistencylevel", "eventual");
            then.status(200).body("{}");
        })
        .await;
    let request = Request::new(
        Method::GET,
        ApiVersion::V1,
        format!("/users/{id}/messages?$top=5"),
    )
    .query("$filter", "subject eq 'a&b=c'")
    .header("ConsistencyLevel", "eventual")
    .expect("valid header");
    client(&server).send(request).await.expect("response");
    mock.assert_calls_async(1).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn next_link_under_base_is_followed_elsewhere_refused() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.path("/v1.0/users")
                .query_param("$skiptoken", "abc")
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200).body(r#"{"value":[]}"#);
        })
        .await;
    let client = client(&server);
    let link = server.url("/v1.0/users?$skiptoken=abc");
    client
        .send(Request::next_link(link))
        .await
        .expect("same-origin next link");
    mock.assert_calls_async(1).await;

    for foreign in [
        "https://evil.example/v1.0/users".to_owned(),
        format!(
            "http://127.0.0.1:{}/v1.0/users",
            server.port().wrapping_add(1)
        ),
        "not a url".to_owned(),
        server.url("/v1.0/users#fragment"),
        server
            .base_url()
            .replace("http://", "http://user:pw@")
            .to_owned()
            + "/v1.0/users",
    ] {
        let err = client
            .send(Request::next_link(foreign.clone()))
            .await
            .expect_err("foreign next link refused");
        assert!(
            matches!(err, graph_runtime::Error::InvalidRequest(_)),
            "{foreign}: {err:?}"
        );
    }
    mock.assert_calls_async(1).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn bad_paths_are_rejected_before_sending() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|_when, then| {
            then.status(200);
        })
        .await;
    let client = client(&server);
    for path in [
        "me",
        "/users/../me",
        "/users/%2e%2e/me",
        "/me#frag",
        "/a\\b",
    ] {
        let err = client
            .send(Request::new(Method::GET, ApiVersion::V1, path))
            .await
            .expect_err("rejected");
        assert!(
            matches!(err, graph_runtime::Error::InvalidRequest(_)),
            "{path}: {err:?}"
        );
    }
    let err = Request::new(Method::GET, ApiVersion::V1, "/me")
        .header("Authorization", "Bearer other")
        .expect_err("authorization is reserved");
    assert!(matches!(err, graph_runtime::Error::InvalidRequest(_)));
    mock.assert_calls_async(0).await;
}
