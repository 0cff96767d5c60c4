//! Client configuration, token handling and path encoding.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use graph_runtime::{
    AccessToken, ApiVersion, BoxFuture, Client, Cloud, Error, Method, Request, RetryPolicy,
    StaticToken, TokenProvider, encode_path_segment,
};
use httpmock::prelude::*;

const SECRET: &str = "SECRET-TOKEN-d41d8cd98f00b204";

/// Records the scopes it is asked for.
#[derive(Debug, Default, Clone)]
struct RecordingProvider {
    scopes: Arc<Mutex<Vec<String>>>,
}

impl TokenProvider for RecordingProvider {
    fn token<'a>(&'a self, scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async move {
            if let Ok(mut scopes) = self.scopes.lock() {
                scopes.push(scope.to_owned());
            }
            Ok(AccessToken::new("recorded"))
        })
    }
}

#[derive(Debug)]
struct FailingProvider;

impl TokenProvider for FailingProvider {
    fn token<'a>(&'a self, _scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async { Err(Error::Auth("no credentials configured".to_owned())) })
    }
}

#[test]
fn https_is_required_except_for_loopback() {
    for base in [
        "http://graph.microsoft.com",
        "http://10.0.0.1:8080",
        "http://example.com",
        "http://127.0.0.1.example.com",
        "ftp://127.0.0.1",
        "not a url",
        "https://user:pw@graph.microsoft.com",
        "https://graph.microsoft.com/?x=1",
    ] {
        let err = Client::builder()
            .base_url(base)
            .static_token(SECRET)
            .build()
            .expect_err(base);
        assert!(matches!(err, Error::Config(_)), "{base}: {err:?}");
        let shown = err.to_string();
        assert!(!shown.contains("pw@"), "{shown}");
        if base.starts_with("http://") {
            assert!(shown.contains("https"), "{shown}");
        }
    }
    for base in [
        "http://127.0.0.1:1234",
        "http://127.1.2.3:80/",
        "http://[::1]:8080",
        "http://localhost:3000",
        "http://LOCALHOST",
        "https://graph.microsoft.com",
        "https://proxy.example.com/graph/",
    ] {
        let client = Client::builder()
            .base_url(base)
            .static_token(SECRET)
            .build()
            .unwrap_or_else(|e| panic!("{base}: {e}"));
        assert!(!client.base_url().ends_with('/'), "{}", client.base_url());
    }
}

#[test]
fn an_internationalized_host_is_written_in_its_ascii_form() {
    let err = Client::builder()
        .base_url("https://bücher.example/graph")
        .static_token(SECRET)
        .build()
        .expect_err("a non-ASCII host");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("`xn--` form"), "{err}");
    let client = Client::builder()
        .base_url("https://xn--bcher-kva.example/graph")
        .static_token(SECRET)
        .build()
        .expect("the ASCII form");
    assert_eq!(client.base_url(), "https://xn--bcher-kva.example/graph");
}

#[test]
fn a_token_provider_is_required() {
    let err = Client::builder().build().expect_err("no provider");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("token provider"), "{err}");
}

#[test]
fn clouds_give_base_urls_and_scopes() {
    let client = Client::builder()
        .static_token(SECRET)
        .build()
        .expect("global");
    assert_eq!(client.base_url(), "https://graph.microsoft.com");
    assert_eq!(client.scope(), "https://graph.microsoft.com/.default");
    let client = Client::builder()
        .cloud(Cloud::China)
        .static_token(SECRET)
        .build()
        .expect("china");
    assert_eq!(client.base_url(), "https://microsoftgraph.chinacloudapi.cn");
    assert_eq!(
        client.scope(),
        "https://microsoftgraph.chinacloudapi.cn/.default"
    );
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .static_token(SECRET)
        .build()
        .expect("mock");
    assert_eq!(client.scope(), Cloud::Global.default_scope());
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .cloud(Cloud::UsGovL4)
        .static_token(SECRET)
        .build()
        .expect("mock gov");
    assert_eq!(client.base_url(), "http://127.0.0.1:9");
    assert_eq!(client.scope(), "https://graph.microsoft.us/.default");
}

#[tokio_time::test(crate = "tokio_time")]
async fn the_provider_is_asked_for_the_cloud_scope() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.header("authorization", "Bearer recorded");
            then.status(204);
        })
        .await;
    let provider = RecordingProvider::default();
    let client = Client::builder()
        .base_url(server.base_url())
        .cloud(Cloud::UsGovL5Dod)
        .token_provider(provider.clone())
        .build()
        .expect("client");
    client
        .send(Request::new(Method::DELETE, ApiVersion::V1, "/me/events/1"))
        .await
        .expect("204")
        .into_unit()
        .expect("unit");
    mock.assert_calls_async(1).await;
    let scopes = provider.scopes.lock().expect("lock").clone();
    assert_eq!(scopes, vec!["https://dod-graph.microsoft.us/.default"]);
}

#[tokio_time::test(crate = "tokio_time")]
async fn provider_errors_are_returned_and_nothing_is_sent() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|_when, then| {
            then.status(200);
        })
        .await;
    let client = Client::builder()
        .base_url(server.base_url())
        .token_provider(FailingProvider)
        .build()
        .expect("client");
    let err = client
        .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
        .await
        .expect_err("auth");
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(err.to_string().contains("no credentials configured"));
    mock.assert_calls_async(0).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn the_token_never_shows_in_debug_display_or_errors() {
    let token = AccessToken::new(SECRET);
    assert_eq!(format!("{token:?}"), "AccessToken(***)");
    assert_eq!(format!("{token}"), "AccessToken(***)");
    let provider = StaticToken::new(SECRET);
    let builder = Client::builder().token_provider(provider.clone());
    let mut shown = vec![format!("{provider:?}"), format!("{builder:?}")];

    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/denied");
            then.status(401).body(
                r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}"#,
            );
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/html");
            then.status(500).body("<html>oops</html>");
        })
        .await;
    let client = Client::builder()
        .base_url(server.base_url())
        .static_token(SECRET)
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    shown.push(format!("{client:?}"));
    shown.push(format!("{client:#?}"));
    for path in ["/denied", "/html"] {
        let request = Request::new(Method::GET, ApiVersion::V1, path);
        shown.push(format!("{request:?}"));
        let err = client.send(request).await.expect_err("error status");
        shown.push(describe(&err));
    }
    // A refused connection: a transport error.
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr")
    };
    let client = Client::builder()
        .base_url(format!("http://{refused}"))
        .static_token(SECRET)
        .build()
        .expect("client");
    let err = client
        .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    shown.push(describe(&err));
    // A token that cannot be a header value: an Auth error without it.
    let bad = format!("{SECRET}\n");
    let client = Client::builder()
        .base_url(server.base_url())
        .static_token(bad)
        .build()
        .expect("client");
    let err = client
        .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
        .await
        .expect_err("bad token");
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    shown.push(describe(&err));

    for text in &shown {
        assert!(!text.contains(SECRET), "token leaked in: {text}");
        assert!(!text.contains("SECRET-TOKEN"), "token leaked in: {text}");
    }
    assert!(
        shown
            .iter()
            .any(|t| t.contains("InvalidAuthenticationToken"))
    );
}

/// Display, Debug and the whole source chain of an error.
fn describe(err: &Error) -> String {
    let mut text = format!("{err} | {err:?}");
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!(" | {s} | {s:?}"));
        source = s.source();
    }
    text
}

#[test]
fn path_segments_cannot_escape() {
    assert_eq!(
        encode_path_segment("id", "a/b").expect("ok"),
        "a%2Fb",
        "slash"
    );
    assert_eq!(encode_path_segment("id", "a?b").expect("ok"), "a%3Fb");
    assert_eq!(encode_path_segment("id", "a#b").expect("ok"), "a%23b");
    assert_eq!(encode_path_segment("id", "100%").expect("ok"), "100%25");
    assert_eq!(encode_path_segment("id", "a\\b").expect("ok"), "a%5Cb");
    assert_eq!(
        encode_path_segment("id", "adele@contoso.com").expect("ok"),
        "adele%40contoso.com"
    );
    assert_eq!(encode_path_segment("id", "Ab-9._~").expect("ok"), "Ab-9._~");
    assert_eq!(encode_path_segment("id", "é ").expect("ok"), "%C3%A9%20");
    assert_eq!(encode_path_segment("id", "...").expect("ok"), "...");
    assert_eq!(
        encode_path_segment("id", "%2e%2e").expect("ok"),
        "%252e%252e"
    );
    for bad in ["", ".", ".."] {
        let err = encode_path_segment("message-id", bad).expect_err(bad);
        assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
        assert!(err.to_string().contains("message-id"), "{err}");
    }
}

#[test]
fn builder_accepts_a_caller_http_client() {
    let http = reqwest::Client::builder()
        .tls_backend_preconfigured(
            rustls::ClientConfig::builder_with_provider(Arc::new(
                rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_no_client_auth(),
        )
        .build()
        .expect("reqwest client");
    let client = Client::builder()
        .http_client(http)
        .static_token(SECRET)
        .build()
        .expect("client");
    assert!(format!("{client:?}").contains("connect_timeout: None"));
}
