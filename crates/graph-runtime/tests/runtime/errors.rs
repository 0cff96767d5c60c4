//! Error responses and decoding.

use graph_runtime::{ApiVersion, Client, Error, MAX_ERROR_BODY, Method, Request, RetryPolicy};
use httpmock::prelude::*;

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token("errors-test-token")
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
}

fn graph_error(code: &str, message: &str) -> String {
    serde_json::json!({
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "request-id": "body-request-id",
                "client-request-id": "body-client-request-id",
                "date": "2024-05-01T10:00:00"
            },
            "details": [{"code": "InvalidValue", "message": "bad field", "target": "displayName"}]
        }
    })
    .to_string()
}

#[tokio_time::test(crate = "tokio_time")]
async fn graph_error_bodies_become_service_errors() {
    let server = MockServer::start_async().await;
    let client = client(&server);
    for (status, code) in [
        (400, "BadRequest"),
        (403, "Authorization_RequestDenied"),
        (404, "Request_ResourceNotFound"),
    ] {
        let path = format!("/v1.0/status/{status}");
        let mock = server
            .mock_async(|when, then| {
                when.path(path.as_str());
                then.status(status)
                    .header("content-type", "application/json")
                    .header("request-id", "header-request-id")
                    .body(graph_error(code, "something is wrong"));
            })
            .await;
        let err = client
            .send(Request::new(
                Method::GET,
                ApiVersion::V1,
                format!("/status/{status}"),
            ))
            .await
            .expect_err("error status");
        mock.assert_calls_async(1).await;
        assert_eq!(err.status(), Some(status));
        let Error::Service(service) = &err else {
            panic!("expected a service error, got {err:?}");
        };
        assert_eq!(service.status(), status);
        assert_eq!(service.code(), code);
        assert_eq!(service.message(), "something is wrong");
        // The body's ids win over the headers.
        assert_eq!(service.request_id(), Some("body-request-id"));
        assert_eq!(service.client_request_id(), Some("body-client-request-id"));
        assert_eq!(service.date(), Some("2024-05-01T10:00:00"));
        assert_eq!(service.details().len(), 1);
        assert_eq!(service.details()[0].code, "InvalidValue");
        assert_eq!(service.details()[0].target.as_deref(), Some("displayName"));
        let shown = err.to_string();
        assert!(shown.contains(&status.to_string()), "{shown}");
        assert!(shown.contains(code), "{shown}");
        assert!(shown.contains("something is wrong"), "{shown}");
        assert!(shown.contains("body-request-id"), "{shown}");
    }
}

#[tokio_time::test(crate = "tokio_time")]
async fn request_id_falls_back_to_the_header() {
    let server = MockServer::start_async().await;
    let seen_id = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let recorder = std::sync::Arc::clone(&seen_id);
    server
        .mock_async(move |when, then| {
            when.path("/v1.0/me").is_true(move |req| {
                if let (Some(id), Ok(mut slot)) =
                    (req.headers().get("client-request-id"), recorder.lock())
                {
                    *slot = id.to_str().unwrap_or_default().to_owned();
                }
                true
            });
            then.status(404)
                .header("request-id", "from-header")
                .body(r#"{"error":{"code":"NotFound","message":"gone"}}"#);
        })
        .await;
    let err = client(&server)
        .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
        .await
        .expect_err("404");
    let service = err.service_error().expect("service error");
    assert_eq!(service.code(), "NotFound");
    assert_eq!(service.request_id(), Some("from-header"));
    // No client-request-id anywhere in the response: the one sent is kept.
    let sent = seen_id.lock().expect("lock").clone();
    assert!(!sent.is_empty());
    assert_eq!(service.client_request_id(), Some(sent.as_str()));
    assert!(service.details().is_empty());
}

#[tokio_time::test(crate = "tokio_time")]
async fn html_500_is_an_http_error_with_the_status() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/me");
            then.status(500)
                .header("content-type", "text/html")
                .body("<html><body>Internal Server Error</body></html>");
        })
        .await;
    let err = client(&server)
        .send(Request::new(Method::GET, ApiVersion::V1, "/me"))
        .await
        .expect_err("500");
    match &err {
        Error::Http {
            status,
            body_snippet,
            ..
        } => {
            assert_eq!(*status, 500);
            assert!(body_snippet.contains("Internal Server Error"));
        }
        other => panic!("expected Http, got {other:?}"),
    }
    assert!(err.to_string().contains("500"), "{err}");
    assert_eq!(err.status(), Some(500));
}

#[tokio_time::test(crate = "tokio_time")]
async fn oversized_error_bodies_are_bounded() {
    let server = MockServer::start_async().await;
    let huge = "x".repeat(MAX_ERROR_BODY * 8);
    server
        .mock_async(|when, then| {
            when.path("/v1.0/big");
            then.status(502).body(huge.as_str());
        })
        .await;
    let err = client(&server)
        .send(Request::new(Method::GET, ApiVersion::V1, "/big"))
        .await
        .expect_err("502");
    let Error::Http { body_snippet, .. } = &err else {
        panic!("expected Http, got {err:?}");
    };
    assert!(body_snippet.len() <= 520, "{}", body_snippet.len());
    assert!(body_snippet.ends_with("..."));
}

#[tokio_time::test(crate = "tokio_time")]
async fn decode_errors_carry_path_and_bounded_snippet() {
    let server = MockServer::start_async().await;
    let long_tail = "é".repeat(2000);
    let body = format!(r#"{{"value":[{{"id":42}}],"pad":"{long_tail}"}}"#);
    server
        .mock_async(|when, then| {
            when.path("/v1.0/users");
            then.status(200).body(body.as_str());
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/empty");
            then.status(204);
        })
        .await;
    let client = client(&server);

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct User {
        id: String,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Page {
        value: Vec<User>,
    }
    let response = client
        .send(Request::new(Method::GET, ApiVersion::V1, "/users"))
        .await
        .expect("200");
    let err = response.json::<Page>().expect_err("id is a number");
    let Error::Decode { message, snippet } = &err else {
        panic!("expected Decode, got {err:?}");
    };
    assert!(message.contains("value[0].id"), "{message}");
    assert!(snippet.starts_with(r#"{"value""#));
    assert!(snippet.len() <= 520, "{}", snippet.len());

    let response = client
        .send(Request::new(Method::GET, ApiVersion::V1, "/empty"))
        .await
        .expect("204");
    assert_eq!(response.status(), 204);
    let err = response
        .clone()
        .json::<serde_json::Value>()
        .expect_err("no body");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    response.into_unit().expect("204 is fine as unit");
}
