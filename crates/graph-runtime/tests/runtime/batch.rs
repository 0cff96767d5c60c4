//! JSON `$batch`: splitting, per-item decoding, throttled items retried alone, `dependsOn`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use graph_runtime::{ApiVersion, Client, Error, Method, Request, RetryPolicy};
use httpmock::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};

const TOKEN: &str = "batch-test-token";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token(TOKEN)
        .retry_policy(RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_secs(2),
            max_total_wait: Duration::from_secs(5),
        })
        .build()
        .expect("client")
}

#[derive(Debug, Deserialize, PartialEq)]
struct User {
    id: String,
    #[serde(rename = "displayName")]
    display_name: String,
}

/// What a generated `GET /users/{id}` binding does.
async fn get_user(client: &Client, id: &str) -> Result<User, Error> {
    let path = format!(
        "/users/{}",
        graph_runtime::encode_path_segment("user-id", id)?
    );
    let request = Request::new(Method::GET, ApiVersion::V1, path).path_template("/users/{id}");
    client.send(request).await?.json()
}

/// What a generated `DELETE /users/{id}` binding does.
async fn delete_user(client: &Client, id: &str) -> Result<(), Error> {
    let request = Request::new(Method::DELETE, ApiVersion::V1, format!("/users/{id}"));
    client.send(request).await?.into_unit()
}

fn user(id: &str) -> Value {
    json!({ "id": id, "displayName": format!("User {id}") })
}

/// The `requests` of a `$batch` body.
fn requests(req: &httpmock::HttpMockRequest) -> Vec<Value> {
    serde_json::from_slice::<Value>(req.body().as_ref())
        .ok()
        .and_then(|v| v.get("requests").and_then(Value::as_array).cloned())
        .unwrap_or_default()
}

#[tokio_time::test(crate = "tokio_time")]
async fn forty_five_requests_are_three_batch_calls_decoded_by_id() {
    let server = MockServer::start_async().await;
    let mut mocks = Vec::new();
    for (first, last) in [(1, 20), (21, 40), (41, 45)] {
        // Answers in reverse order: matched by id, not position.
        let responses: Vec<Value> = (first..=last)
            .rev()
            .map(|i| {
                json!({
                    "id": i.to_string(),
                    "status": 200,
                    "headers": { "Content-Type": "application/json" },
                    "body": user(&format!("u{i}")),
                })
            })
            .collect();
        let count = last - first + 1;
        mocks.push(
            server
                .mock_async(move |when, then| {
                    when.method(POST)
                        .path("/v1.0/$batch")
                        .header("authorization", format!("Bearer {TOKEN}"))
                        .header("content-type", "application/json")
                        .is_true(move |req| {
                            let items = requests(req);
                            items.len() == count
                                && items.first().and_then(|i| i.get("id"))
                                    == Some(&json!(first.to_string()))
                                && items.iter().all(|i| {
                                    i["method"] == "GET"
                                        && i["url"]
                                            .as_str()
                                            .is_some_and(|u| u.starts_with("/users/u"))
                                })
                        });
                    then.status(200)
                        .json_body(json!({ "responses": responses }));
                })
                .await,
        );
    }

    let client = client(&server);
    let batch = client.batch();
    let ids: Vec<String> = (1..=45).map(|i| format!("u{i}")).collect();
    let mut items = Vec::new();
    for id in &ids {
        items.push(batch.add(get_user(batch.client(), id)).expect("added"));
    }
    assert_eq!(batch.len(), 45);
    batch.send().await.expect("sent");
    for mock in &mocks {
        mock.assert_calls_async(1).await;
    }
    for (item, id) in items.into_iter().zip(&ids) {
        assert_eq!(
            item.await.expect("decoded"),
            User {
                id: id.clone(),
                display_name: format!("User {id}")
            }
        );
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_mixed_batch_decodes_each_item_into_its_own_result() {
    let server = MockServer::start_async().await;
    let batch_mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/v1.0/$batch");
            then.status(200).json_body(json!({ "responses": [
                { "id": "3", "status": 204, "headers": {} },
                { "id": "1", "status": 200, "headers": { "content-type": "application/json" },
                  "body": user("adele") },
                { "id": "2", "status": 404, "headers": {
                    "content-type": "application/json", "request-id": "req-404" },
                  "body": { "error": { "code": "Request_ResourceNotFound",
                                       "message": "Resource 'ghost' does not exist." } } },
            ]}));
        })
        .await;
    let client = client(&server);
    let batch = client.batch();
    let found = batch.add(get_user(batch.client(), "adele")).unwrap();
    let missing = batch.add(get_user(batch.client(), "ghost")).unwrap();
    let deleted = batch.add(delete_user(batch.client(), "old")).unwrap();
    batch.send().await.expect("sent");
    batch_mock.assert_calls_async(1).await;

    assert_eq!(found.await.expect("200").display_name, "User adele");
    match missing.await {
        Err(Error::Service(e)) => {
            assert_eq!(e.status(), 404);
            assert_eq!(e.code(), "Request_ResourceNotFound");
            assert_eq!(e.request_id(), Some("req-404"));
            assert!(e.client_request_id().is_some());
        }
        other => panic!("expected a 404 service error, got {other:?}"),
    }
    deleted.await.expect("204 is a unit success");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_throttled_item_is_retried_alone_after_its_retry_after() {
    let server = MockServer::start_async().await;
    let batch_mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/v1.0/$batch");
            then.status(200).json_body(json!({ "responses": [
                { "id": "1", "status": 200, "body": user("a") },
                { "id": "2", "status": 429, "headers": { "Retry-After": "1" },
                  "body": { "error": { "code": "TooManyRequests", "message": "slow down" } } },
                { "id": "3", "status": 200, "body": user("c") },
            ]}));
        })
        .await;
    let alone = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v1.0/users/b")
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200).json_body(user("b"));
        })
        .await;
    let others = server
        .mock_async(|when, then| {
            when.method(GET).path_matches(r"^/v1\.0/users/[ac]$");
            then.status(500);
        })
        .await;

    let client = client(&server);
    let batch = client.batch();
    let items = [
        batch.add(get_user(batch.client(), "a")).unwrap(),
        batch.add(get_user(batch.client(), "b")).unwrap(),
        batch.add(get_user(batch.client(), "c")).unwrap(),
    ];
    let started = Instant::now();
    batch.send().await.expect("sent");
    let elapsed = started.elapsed();
    batch_mock.assert_calls_async(1).await;
    alone.assert_calls_async(1).await;
    others.assert_calls_async(0).await;
    assert!(
        elapsed >= Duration::from_millis(950),
        "waited {elapsed:?}, less than the item's Retry-After"
    );
    let mut names = Vec::new();
    for item in items {
        names.push(item.await.expect("decoded").id);
    }
    assert_eq!(names, ["a", "b", "c"]);
}

#[tokio_time::test(crate = "tokio_time")]
async fn depends_on_is_sent_and_a_blocked_dependent_is_retried_after_its_dependency() {
    let server = MockServer::start_async().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    server
        .mock_async(move |when, then| {
            when.method(POST).path("/v1.0/$batch").is_true(move |req| {
                if let Ok(mut seen) = record.lock() {
                    seen.extend(requests(req));
                }
                true
            });
            then.status(200).json_body(json!({ "responses": [
                { "id": "1", "status": 503, "headers": { "retry-after": "0" } },
                { "id": "2", "status": 424,
                  "body": { "error": { "code": "FailedDependency", "message": "dependency" } } },
            ]}));
        })
        .await;
    let first = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1.0/users/a");
            then.status(200).json_body(user("a"));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v1.0/users/a");
            then.status(204);
        })
        .await;
    let client = client(&server);
    let batch = client.batch();
    let get = batch.add(get_user(batch.client(), "a")).unwrap();
    let delete = batch
        .add_after(delete_user(batch.client(), "a"), &[get.id()])
        .unwrap();
    batch.send().await.expect("sent");
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[1]["dependsOn"], json!(["1"]));
    assert!(seen[0].get("dependsOn").is_none(), "{seen:?}");
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
    assert_eq!(get.await.unwrap().id, "a");
    delete.await.expect("retried after its dependency");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_dry_run_batch_shows_the_batch_request_without_the_token() {
    let client = Client::builder()
        .static_token(TOKEN)
        .dry_run(true)
        .build()
        .unwrap();
    let batch = client.batch();
    let body = json!({ "displayName": "New name" });
    let _patch = batch
        .add(async {
            let request = Request::new(Method::PATCH, ApiVersion::Beta, "/me")
                .json(&body)?
                .header("ConsistencyLevel", "eventual")?;
            batch.client().send(request).await?.into_unit()
        })
        .unwrap();
    let Err(Error::DryRun(prepared)) = batch.send().await else {
        panic!("a dry run");
    };
    assert_eq!(prepared.url(), "https://graph.microsoft.com/beta/$batch");
    let text = prepared.to_string();
    assert!(!text.contains(TOKEN), "{text}");
    assert!(text.contains("authorization: Bearer [redacted]"), "{text}");
    let sent: Value = serde_json::from_slice(prepared.body().unwrap()).unwrap();
    assert_eq!(
        sent,
        json!({ "requests": [{
            "id": "1", "method": "PATCH", "url": "/me",
            "headers": { "consistencylevel": "eventual", "content-type": "application/json" },
            "body": { "displayName": "New name" },
        }]})
    );
}

#[tokio_time::test(crate = "tokio_time")]
async fn misuse_is_a_typed_error_not_a_hang() {
    let client = Client::builder().static_token(TOKEN).build().unwrap();
    let batch = client.batch();
    // Awaited directly: the batch's client sends nothing.
    let direct = get_user(batch.client(), "a").await;
    assert!(
        matches!(direct, Err(Error::InvalidRequest(_))),
        "{direct:?}"
    );
    // Built with another client.
    let other = batch.add(get_user(&client, "a"));
    assert!(matches!(other, Err(Error::InvalidRequest(_))));
    // A call that fails before sending gives its own error.
    let bad = batch.add(get_user(batch.client(), ""));
    assert!(matches!(bad, Err(Error::InvalidRequest(m)) if m.contains("user-id")));
    // Awaited before the batch was sent.
    let early = batch.add(get_user(batch.client(), "a")).unwrap();
    assert!(matches!(early.await, Err(Error::InvalidRequest(m)) if m.contains("Batch::send")));
    // A dependency from another batch.
    let elsewhere = client.batch();
    let foreign = elsewhere.add(get_user(elsewhere.client(), "x")).unwrap();
    let dependent = batch.add_after(get_user(batch.client(), "b"), &[foreign.id()]);
    assert!(matches!(dependent, Err(Error::InvalidRequest(_))));
}
