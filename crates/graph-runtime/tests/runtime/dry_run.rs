//! A dry-run client builds the exact request and sends nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use graph_runtime::{
    AccessToken, ApiVersion, BoxFuture, Client, Error, Method, Request, RequestPath, TokenProvider,
    USER_AGENT_VALUE,
};
use httpmock::prelude::*;

/// Counts how often a token is asked for.
#[derive(Debug, Default)]
struct Counting(AtomicUsize);

impl TokenProvider for Counting {
    fn token<'a>(&'a self, _scope: &'a str) -> BoxFuture<'a, Result<AccessToken, Error>> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Ok(AccessToken::new("dry-run-secret-token")) })
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_dry_run_prints_the_exact_request_and_sends_nothing() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|_, then| {
            then.status(204);
        })
        .await;
    let tokens = Arc::new(Counting::default());
    let client = Client::builder()
        .base_url(server.base_url())
        .token_provider(Arc::clone(&tokens))
        .dry_run(true)
        .build()
        .expect("client");
    let path = RequestPath::new()
        .segment("auditLogs")
        .segment("signIns")
        .segment("confirmSafe")
        .finish()
        .expect("path");
    let request = Request::new(Method::POST, ApiVersion::Beta, path)
        .header("client-request-id", "00000000-0000-4000-8000-000000000001")
        .expect("header")
        .json(&serde_json::json!({"requestIds": ["id-1", "id-2"]}))
        .expect("body");

    let error = client.send(request).await.expect_err("a dry run");
    let Error::DryRun(prepared) = &error else {
        panic!("expected Error::DryRun, got {error:?}");
    };
    assert_eq!(prepared.method(), Method::POST);
    assert_eq!(
        prepared.url(),
        format!("{}/beta/auditLogs/signIns/confirmSafe", server.base_url())
    );
    assert_eq!(
        prepared.body(),
        Some(&br#"{"requestIds":["id-1","id-2"]}"#[..])
    );
    let expected = format!(
        "POST {}/beta/auditLogs/signIns/confirmSafe\n\
         accept: application/json\n\
         user-agent: {USER_AGENT_VALUE}\n\
         sdkversion: {USER_AGENT_VALUE}\n\
         client-request-id: 00000000-0000-4000-8000-000000000001\n\
         content-type: application/json\n\
         authorization: Bearer [redacted]\n\
         \n\
         {{\"requestIds\":[\"id-1\",\"id-2\"]}}\n",
        server.base_url()
    );
    assert_eq!(prepared.to_string(), expected);
    assert_eq!(
        error.to_string(),
        format!("dry run, nothing sent:\n{expected}")
    );
    let debug = format!("{error:?}");
    assert!(!debug.contains("dry-run-secret-token"), "{debug}");

    any.assert_calls_async(0).await;
    assert_eq!(tokens.0.load(Ordering::SeqCst), 0, "no token is asked for");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_dry_run_still_rejects_a_bad_request_first() {
    let client = Client::builder()
        .static_token("t")
        .dry_run(true)
        .build()
        .expect("client");
    let bad = RequestPath::new()
        .segment("users")
        .param("id", "..")
        .finish();
    assert!(matches!(bad, Err(Error::InvalidRequest(_))));
    let error = client
        .send(Request::new(Method::GET, ApiVersion::V1, "/me/../admin"))
        .await
        .expect_err("invalid");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    // A GET has no body: no blank line, no content-type.
    let error = client
        .send(Request::new(Method::GET, ApiVersion::V1, "/me").query("$select", "id"))
        .await
        .expect_err("a dry run");
    let text = match &error {
        Error::DryRun(p) => p.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(
        text.starts_with("GET https://graph.microsoft.com/v1.0/me?$select=id\n"),
        "{text}"
    );
    assert!(!text.contains("content-type"), "{text}");
    assert!(
        text.ends_with("authorization: Bearer [redacted]\n"),
        "{text}"
    );
}
