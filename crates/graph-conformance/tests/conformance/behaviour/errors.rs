//! Graph's error answers become typed errors that carry the status, code, message and ids.

use super::*;

#[tokio::test]
async fn service_errors_on_400_403_404_carry_status_code_message_and_request_id() {
    struct Case {
        status: u16,
        code: &'static str,
        message: &'static str,
        inner: Option<serde_json::Value>,
        header_request_id: Option<&'static str>,
        want_request_id: &'static str,
        want_client_request_id: Option<&'static str>,
    }
    let cases = [
        // Everything in innerError.
        Case {
            status: 400,
            code: "badRequest",
            message: "Invalid request ids.",
            inner: Some(json!({
                "request-id": "inner-400",
                "client-request-id": "client-400",
                "date": "2024-05-01T10:00:00"
            })),
            header_request_id: None,
            want_request_id: "inner-400",
            want_client_request_id: Some("client-400"),
        },
        // No innerError: the request id comes from the header.
        Case {
            status: 403,
            code: "Authorization_RequestDenied",
            message: "Insufficient privileges to complete the operation.",
            inner: None,
            header_request_id: Some("header-403"),
            want_request_id: "header-403",
            want_client_request_id: None,
        },
        // Both: innerError wins over the header.
        Case {
            status: 404,
            code: "Request_ResourceNotFound",
            message: "Resource 'signIns' does not exist.",
            inner: Some(json!({ "request-id": "inner-404", "date": "2024-05-01T10:00:00" })),
            header_request_id: Some("header-404"),
            want_request_id: "inner-404",
            want_client_request_id: None,
        },
    ];
    for case in cases {
        let server = MockServer::start_async().await;
        let mock = server
            .mock_async(|when, then| {
                when.method("POST")
                    .path(PATH)
                    .header("authorization", format!("Bearer {SECRET}"))
                    .json_body(body_json());
                let then = then
                    .status(case.status)
                    .header("content-type", "application/json")
                    .body(graph_error(case.code, case.message, case.inner.clone()));
                if let Some(id) = case.header_request_id {
                    then.header("request-id", id);
                }
            })
            .await;
        // A policy that would retry: a 4xx must still be sent exactly once.
        let error = confirm_safe(&client(&server.base_url(), fast_retries(3)))
            .await
            .unwrap_err();
        let status = case.status;
        assert_eq!(
            mock.calls_async().await,
            1,
            "{status}: not sent exactly once"
        );
        assert_eq!(error.status(), Some(status));
        let Error::Service(service) = &error else {
            panic!("{status}: expected Error::Service, got {error:?}");
        };
        assert_eq!(service.status(), status);
        assert_eq!(service.code(), case.code, "{status}");
        assert_eq!(service.message(), case.message, "{status}");
        assert_eq!(service.request_id(), Some(case.want_request_id), "{status}");
        match case.want_client_request_id {
            Some(want) => assert_eq!(service.client_request_id(), Some(want), "{status}"),
            // Without one in the body or headers, the id this client sent.
            None => {
                let sent = service.client_request_id().unwrap();
                assert!(uuid::Uuid::parse_str(sent).is_ok(), "{status}: {sent}");
            }
        }
        assert_eq!(service.retry_after(), None);
        let shown = error.to_string();
        for part in [
            &status.to_string(),
            case.code,
            case.message,
            case.want_request_id,
        ] {
            assert!(shown.contains(part), "{status}: `{part}` not in `{shown}`");
        }
        assert_no_token(&error);
    }
}

#[tokio::test]
async fn service_error_without_ids_reports_the_client_request_id_sent() {
    let server = Scripted::start(vec![answer(
        403,
        &[("content-type", "application/json")],
        &graph_error("accessDenied", "Access denied.", None),
    )])
    .await;
    let error = confirm_safe(&client(&server.base, fast_retries(3)))
        .await
        .unwrap_err();
    let seen = server.finish();
    assert_eq!(seen.len(), 1);
    let sent = seen[0].header("client-request-id").unwrap();
    let service = error.service_error().unwrap();
    assert_eq!(service.client_request_id(), Some(sent));
    assert_eq!(service.request_id(), None);
    assert!(error.to_string().contains(sent), "{error}");
    assert_no_token(&error);
}

#[tokio::test]
async fn html_500_is_a_clear_http_error_and_not_retried() {
    let server = MockServer::start_async().await;
    let html = "<html><body><h1>500 Internal Server Error</h1>upstream gateway</body></html>";
    let mock = server
        .mock_async(|when, then| {
            when.method("POST").path(PATH);
            then.status(500)
                .header("content-type", "text/html")
                .header("request-id", "gateway-500")
                .body(html);
        })
        .await;
    let error = confirm_safe(&client(&server.base_url(), fast_retries(3)))
        .await
        .unwrap_err();
    assert_eq!(mock.calls_async().await, 1, "500 is not retryable");
    assert!(error.service_error().is_none(), "{error:?}");
    assert!(!matches!(error, Error::Service(_)));
    assert_eq!(error.status(), Some(500));
    match &error {
        Error::Http {
            status,
            body_snippet,
            request_id,
        } => {
            assert_eq!(*status, 500);
            assert_eq!(body_snippet, html);
            assert_eq!(request_id.as_deref(), Some("gateway-500"));
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    let shown = error.to_string();
    assert!(shown.contains("500"), "{shown}");
    assert!(shown.contains("upstream gateway"), "{shown}");
    assert!(shown.contains("gateway-500"), "{shown}");
    assert_no_token(&error);
}
