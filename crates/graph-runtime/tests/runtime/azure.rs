//! The `azure` feature's adapter from azure_core credentials.
#![cfg(feature = "azure")]

use std::sync::{Arc, Mutex};

use azure_core::credentials::{AccessToken as AzureToken, TokenCredential, TokenRequestOptions};
use graph_runtime::{ApiVersion, AzureTokenCredential, Client, Error, Method, Request};
use httpmock::prelude::*;

const SECRET: &str = "azure-secret-token-value";

#[derive(Debug, Default)]
struct FakeCredential {
    scopes: Mutex<Vec<String>>,
    fail: bool,
}

#[async_trait::async_trait]
impl TokenCredential for FakeCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AzureToken> {
        if let Ok(mut seen) = self.scopes.lock() {
            seen.extend(scopes.iter().map(|s| (*s).to_owned()));
        }
        if self.fail {
            return Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Credential,
                "no login session",
            ));
        }
        Ok(AzureToken::new(
            SECRET.to_owned(),
            azure_core::time::OffsetDateTime::now_utc(),
        ))
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn azure_credentials_provide_the_bearer_token() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.path("/v1.0/me")
                .header("authorization", format!("Bearer {SECRET}"));
            then.status(200).body("{}");
        })
        .await;
    let credential = Arc::new(FakeCredential::default());
    let provider = AzureTokenCredential::new(credential.clone());
    assert!(!format!("{provider:?}").contains(SECRET));
    let client = Client::builder()
        .base_url(server.base_url())
        .token_provider(provider)
        .build()
        .expect("client");
    client
        .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
        .await
        .expect("200");
    mock.assert_calls_async(1).await;
    let scopes = credential.scopes.lock().expect("lock").clone();
    assert_eq!(scopes, vec!["https://graph.microsoft.com/.default"]);
}

#[tokio_time::test(crate = "tokio_time")]
async fn azure_credential_failures_are_auth_errors() {
    let credential = Arc::new(FakeCredential {
        fail: true,
        ..FakeCredential::default()
    });
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .token_provider(AzureTokenCredential::new(credential))
        .build()
        .expect("client");
    let err = client
        .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
        .await
        .expect_err("auth");
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(err.to_string().contains("no login session"), "{err}");
}
