//! Collections: the pager (next links, cap, foreign hosts, retries inside paging), delta links,
//! function-call paths with OData literals, and report downloads without the token.

use std::pin::Pin;
use std::time::Duration;

use futures_core::Stream;
use graph_runtime::{
    ApiVersion, Client, Error, Literal, Method, Page, Pager, Request, RequestPath, RetryPolicy,
};
use httpmock::prelude::*;
use serde_json::{Value, json};

const TOKEN: &str = "paging-test-token";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token(TOKEN)
        .retry_policy(RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            max_total_wait: Duration::from_secs(2),
        })
        .build()
        .expect("client")
}

fn first() -> Request {
    Request::new(Method::GET, ApiVersion::V1, "/users")
        .header("ConsistencyLevel", "eventual")
        .expect("header")
}

/// Two pages: `/v1.0/users` links to `/v1.0/users?$skiptoken=p2`, which ends the collection
/// (with `last` as its extra JSON).
async fn two_pages(server: &MockServer, last: Value) -> (httpmock::Mock<'_>, httpmock::Mock<'_>) {
    let next = server.url("/v1.0/users?$skiptoken=p2");
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v1.0/users")
                .query_param_missing("$skiptoken")
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200)
                .json_body(json!({"value": [{"id": "1"}, {"id": "2"}], "@odata.nextLink": next}));
        })
        .await;
    let mut body = json!({"value": [{"id": "3"}]});
    if let (Some(b), Some(extra)) = (body.as_object_mut(), last.as_object()) {
        b.extend(extra.clone());
    }
    let p2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v1.0/users")
                .query_param("$skiptoken", "p2")
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("consistencylevel", "eventual");
            then.status(200).json_body(body);
        })
        .await;
    (p1, p2)
}

#[tokio_time::test(crate = "tokio_time")]
async fn the_pager_follows_next_links_with_the_first_requests_headers() {
    let server = MockServer::start_async().await;
    let (p1, p2) = two_pages(&server, json!({})).await;
    let mut pager: Pager<Value> = Pager::new(&client(&server), first());
    let page = pager.next_page().await.expect("a page").expect("page 1");
    assert_eq!(page.value.len(), 2);
    assert_eq!(
        page.next_link.as_deref(),
        Some(server.url("/v1.0/users?$skiptoken=p2").as_str())
    );
    let page = pager.next_page().await.expect("a page").expect("page 2");
    assert_eq!(page.value, vec![json!({"id": "3"})]);
    assert_eq!(page.next_link, None);
    assert!(pager.next_page().await.is_none());
    assert_eq!(pager.pages_fetched(), 2);
    p1.assert_calls_async(1).await;
    p2.assert_calls_async(1).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_pager_decodes_its_items_as_the_callers_type() {
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Id {
        id: String,
    }
    let server = MockServer::start_async().await;
    let (p1, p2) = two_pages(&server, json!({})).await;
    let all = Pager::<Value>::new(&client(&server), first())
        .max_pages(5)
        .decode_as::<Id>()
        .collect()
        .await
        .expect("all pages");
    let ids: Vec<&str> = all.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    p1.assert_calls_async(1).await;
    p2.assert_calls_async(1).await;
    // The pager's cap and state go along.
    let server = MockServer::start_async().await;
    two_pages(&server, json!({})).await;
    let err = Pager::<Value>::new(&client(&server), first())
        .max_pages(1)
        .decode_as::<Id>()
        .collect()
        .await
        .expect_err("over the cap");
    assert!(err.to_string().contains("cap of 1 pages"), "{err}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_delta_round_gives_the_items_and_the_delta_link() {
    let server = MockServer::start_async().await;
    let delta = server.url("/v1.0/users/delta()?$deltatoken=d1");
    two_pages(&server, json!({"@odata.deltaLink": delta})).await;
    let all = Pager::<Value>::new(&client(&server), first())
        .collect()
        .await
        .expect("all pages");
    let ids: Vec<&str> = all.items.iter().filter_map(|i| i["id"].as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(all.delta_link.as_deref(), Some(delta.as_str()));
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_delta_link_starts_the_next_round_and_gives_the_one_after() {
    let server = MockServer::start_async().await;
    let d1 = server.url("/v1.0/users/delta()?$deltatoken=d1");
    let d2 = server.url("/v1.0/users/delta()?$deltatoken=d2");
    let (p1, p2) = two_pages(&server, json!({"@odata.deltaLink": d1})).await;
    let next_round = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v1.0/users/delta()")
                .query_param("$deltatoken", "d1")
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200)
                .json_body(json!({"value": [{"id": "4"}], "@odata.deltaLink": d2}));
        })
        .await;
    let client = client(&server);
    let round1 = Pager::<Value>::new(&client, first())
        .collect()
        .await
        .expect("round 1");
    let stored = round1.delta_link.expect("round 1 ends with a delta link");
    assert_eq!(stored, d1);
    let mut pager = Pager::<Value>::from_delta_link(&client, &stored);
    let page = pager.next_page().await.expect("a page").expect("round 2");
    assert_eq!(page.value, vec![json!({"id": "4"})]);
    assert!(pager.next_page().await.is_none());
    assert_eq!(pager.delta_link(), Some(d2.as_str()));
    p1.assert_calls_async(1).await;
    p2.assert_calls_async(1).await;
    next_round.assert_calls_async(1).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_delta_link_to_a_foreign_host_is_refused_and_gets_no_token() {
    let server = MockServer::start_async().await;
    let foreign = MockServer::start_async().await;
    let stolen = foreign
        .mock_async(|_when, then| {
            then.status(200).json_body(json!({"value": []}));
        })
        .await;
    let link = foreign.url("/v1.0/users/delta()?$deltatoken=d1");
    let err = Pager::<Value>::from_delta_link(&client(&server), &link)
        .collect()
        .await
        .expect_err("a foreign delta link");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    stolen.assert_calls_async(0).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn the_cap_stops_the_pager_with_an_error() {
    let server = MockServer::start_async().await;
    let (p1, p2) = two_pages(&server, json!({})).await;
    let mut pager: Pager<Value> = Pager::new(&client(&server), first()).max_pages(1);
    pager.next_page().await.expect("a page").expect("page 1");
    let err = pager.next_page().await.expect("an error").expect_err("cap");
    assert!(
        matches!(&err, Error::InvalidRequest(m) if m.contains("cap of 1")),
        "{err:?}"
    );
    assert!(pager.next_page().await.is_none());
    p1.assert_calls_async(1).await;
    p2.assert_calls_async(0).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_next_link_to_a_foreign_host_is_refused_and_gets_no_token() {
    let server = MockServer::start_async().await;
    let foreign = MockServer::start_async().await;
    let stolen = foreign
        .mock_async(|_when, then| {
            then.status(200).json_body(json!({"value": []}));
        })
        .await;
    let link = foreign.url("/v1.0/users?$skiptoken=p2");
    server
        .mock_async(|when, then| {
            when.path("/v1.0/users");
            then.status(200)
                .json_body(json!({"value": [], "@odata.nextLink": link}));
        })
        .await;
    let mut pager: Pager<Value> = Pager::new(&client(&server), first());
    pager.next_page().await.expect("a page").expect("page 1");
    let err = pager
        .next_page()
        .await
        .expect("an error")
        .expect_err("foreign");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    stolen.assert_calls_async(0).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_throttled_page_is_retried_inside_paging() {
    let server = MockServer::start_async().await;
    let link = server.url("/v1.0/users?$skiptoken=p2");
    server
        .mock_async(|when, then| {
            when.path("/v1.0/users").query_param_missing("$skiptoken");
            then.status(200)
                .json_body(json!({"value": [{"id": "1"}], "@odata.nextLink": link}));
        })
        .await;
    let throttled = server
        .mock_async(|when, then| {
            when.query_param("$skiptoken", "p2")
                .header_missing("retry-attempt");
            then.status(429)
                .header("retry-after", "0")
                .json_body(json!({"error": {"code": "TooManyRequests", "message": "slow down"}}));
        })
        .await;
    let retried = server
        .mock_async(|when, then| {
            when.query_param("$skiptoken", "p2")
                .header("retry-attempt", "1")
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200).json_body(json!({"value": [{"id": "2"}]}));
        })
        .await;
    let mut stream = Pager::<Value>::new(&client(&server), first()).into_stream();
    let mut ids = Vec::new();
    while let Some(page) = next(&mut stream).await {
        ids.extend(page.expect("page").value);
    }
    assert_eq!(ids, vec![json!({"id": "1"}), json!({"id": "2"})]);
    throttled.assert_calls_async(1).await;
    retried.assert_calls_async(1).await;
}

async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_page_that_is_not_a_collection_is_a_decode_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/users");
            then.status(200).json_body(json!({"values": []}));
        })
        .await;
    let response = client(&server).send(first()).await.expect("response");
    let err = Page::<Value>::from_response(response).expect_err("no value");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

/// The encoded path of `a_function_path_keeps_each_value_inside_its_literal`.
const ENCODED: &str = "/v1.0/users(userPrincipalName='x%27%27%29%2Fevil%3F%24top%3D1%23')/filterByCurrentUser(on='O%27%27Brien',n=3)";

#[tokio_time::test(crate = "tokio_time")]
async fn a_function_path_keeps_each_value_inside_its_literal() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path(ENCODED);
            then.status(200).json_body(json!({"value": []}));
        })
        .await;
    let path = RequestPath::new()
        .key(
            "users",
            "userPrincipalName",
            Literal::string("x')/evil?$top=1#"),
        )
        .function(
            "filterByCurrentUser",
            &[
                ("on", Literal::string("O'Brien")),
                ("n", Literal::from(&3_i32)),
            ],
        );
    assert_eq!(
        path.template(),
        "/users(userPrincipalName={userPrincipalName})/filterByCurrentUser(on={on},n={n})"
    );
    // Decoded, the path is the OData the service parses: each value whole inside its literal.
    let decoded = percent_encoding::percent_decode_str(path.encoded()).decode_utf8_lossy();
    assert_eq!(
        decoded,
        "/users(userPrincipalName='x'')/evil?$top=1#')/filterByCurrentUser(on='O''Brien',n=3)"
    );
    let request = Request::new(Method::GET, ApiVersion::V1, path.finish().expect("path"));
    client(&server).send(request).await.expect("response");
    mock.assert_calls_async(1).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_report_redirect_is_downloaded_without_the_token() {
    let graph = MockServer::start_async().await;
    let storage = MockServer::start_async().await;
    let location = storage.url("/reports/abc.csv?sig=secret");
    let report = graph
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v1.0/reports/getTeamsUserActivityCounts(period='D7')")
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(302).header("location", location.as_str());
        })
        .await;
    let download = storage
        .mock_async(|when, then| {
            when.method(GET)
                .path("/reports/abc.csv")
                .query_param("sig", "secret")
                .header_missing("authorization");
            then.status(200)
                .header("content-type", "application/octet-stream")
                .body("Report Refresh Date,Teams\n2024-05-01,3\n");
        })
        .await;
    let with_token = storage
        .mock_async(|when, then| {
            when.header_exists("authorization");
            then.status(500);
        })
        .await;
    let client = client(&graph);
    let path = RequestPath::new().segment("reports").function(
        "getTeamsUserActivityCounts",
        &[("period", Literal::string("D7"))],
    );
    let response = client
        .send(
            Request::new(Method::GET, ApiVersion::V1, path.finish().expect("path")).keep_redirect(),
        )
        .await
        .expect("the 302 is an answer");
    assert_eq!(response.status(), 302);
    let redirect = response.into_redirect().expect("a location");
    assert_eq!(redirect.location, location);
    let csv = client.download(&redirect.location).await.expect("download");
    assert_eq!(csv.body(), b"Report Refresh Date,Teams\n2024-05-01,3\n");
    report.assert_calls_async(1).await;
    download.assert_calls_async(1).await;
    with_token.assert_calls_async(0).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_download_follows_further_redirects_still_without_the_token() {
    let storage = MockServer::start_async().await;
    let hop = storage
        .mock_async(|when, then| {
            when.path("/a").header_missing("authorization");
            then.status(302).header("location", "/b");
        })
        .await;
    let end = storage
        .mock_async(|when, then| {
            when.path("/b").header_missing("authorization");
            then.status(200).body("bytes");
        })
        .await;
    let graph = MockServer::start_async().await;
    let body = client(&graph)
        .download(&storage.url("/a"))
        .await
        .expect("download")
        .into_body();
    assert_eq!(&body[..], b"bytes");
    hop.assert_calls_async(1).await;
    end.assert_calls_async(1).await;
    for bad in ["ftp://x/y", "not a url", "https://u:p@h/x"] {
        let err = client(&graph).download(bad).await.expect_err(bad);
        assert!(matches!(err, Error::InvalidRequest(_)), "{bad}: {err:?}");
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_failed_pager_gives_its_error_once() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|_when, then| {
            then.status(200).json_body(json!({"value": []}));
        })
        .await;
    let mut pager: Pager<Value> =
        Pager::failed(&client(&server), Error::InvalidRequest("bad id".into()));
    let err = pager
        .next_page()
        .await
        .expect("an error")
        .expect_err("failed");
    assert!(matches!(err, Error::InvalidRequest(m) if m == "bad id"));
    assert!(pager.next_page().await.is_none());
    any.assert_calls_async(0).await;
}
