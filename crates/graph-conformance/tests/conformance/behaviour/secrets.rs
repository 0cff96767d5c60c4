//! The token stays secret: redirects to another origin drop it, and no error or `Debug` shows it.

use super::*;

#[tokio::test]
async fn redirect_to_another_origin_does_not_carry_authorization() {
    let origin = MockServer::start_async().await;
    let other = MockServer::start_async().await;
    assert_ne!(origin.port(), other.port());
    let redirect = origin
        .mock_async(|when, then| {
            when.method("POST")
                .path(PATH)
                .header("authorization", format!("Bearer {SECRET}"));
            then.status(307).header("location", other.url(PATH));
        })
        .await;
    let without_auth = other
        .mock_async(|when, then| {
            when.method("POST")
                .path(PATH)
                .header_missing("authorization")
                .json_body(body_json());
            then.status(204);
        })
        .await;
    let with_auth = other
        .mock_async(|when, then| {
            when.method("POST")
                .path(PATH)
                .header_exists("authorization");
            then.status(204);
        })
        .await;
    let result = confirm_safe(&client(&origin.base_url(), fast_retries(0))).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(redirect.calls_async().await, 1, "the origin got the token");
    assert_eq!(
        without_auth.calls_async().await,
        1,
        "the redirect was followed without Authorization (method and body kept)"
    );
    assert_eq!(
        with_auth.calls_async().await,
        0,
        "Authorization was sent to another origin"
    );
}

#[tokio::test]
async fn redirect_within_the_origin_keeps_authorization() {
    // The counterpart of the test above: Authorization is dropped because the origin changed,
    // not on every redirect.
    let server = MockServer::start_async().await;
    let moved = "/beta/auditLogs/signIns/confirmSafeMoved";
    let redirect = server
        .mock_async(|when, then| {
            when.method("POST").path(PATH);
            then.status(307).header("location", moved);
        })
        .await;
    let target = server
        .mock_async(|when, then| {
            when.method("POST")
                .path(moved)
                .header("authorization", format!("Bearer {SECRET}"))
                .json_body(body_json());
            then.status(204);
        })
        .await;
    let result = confirm_safe(&client(&server.base_url(), fast_retries(0))).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(redirect.calls_async().await, 1);
    assert_eq!(target.calls_async().await, 1);
}

#[tokio::test]
async fn transport_and_timeout_errors_do_not_show_the_token() {
    // Connection refused: a port that was just free.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        listener.local_addr().unwrap().port()
    };
    let error = confirm_safe(&client(
        &format!("http://127.0.0.1:{port}"),
        fast_retries(3),
    ))
    .await
    .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.source().is_some(), "{error:?}");
    assert_no_token(&error);

    // A server that reads the request and never answers.
    let silent = Scripted::silent().await;
    let timed_out = Client::builder()
        .base_url(&silent.base)
        .static_token(SECRET)
        .retry_policy(fast_retries(3))
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = confirm_safe(&timed_out).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(error, Error::Timeout(d) if d == Duration::from_millis(200)),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_no_token(&error);
    let seen = silent.finish();
    assert_eq!(seen.len(), 1, "a timeout is not retried");
    // The request did carry the token: the check above is not vacuous.
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {SECRET}").as_str())
    );
}

#[tokio::test]
async fn client_debug_does_not_show_the_token() {
    let client = client("http://127.0.0.1:9", fast_retries(2));
    let api = client.beta();
    let sign_ins = api.audit_logs().sign_ins();
    for shown in [
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{sign_ins:?}"),
        format!("{:?}", Client::builder().static_token(SECRET)),
    ] {
        assert!(!shown.contains(SECRET), "the token leaked: {shown}");
        assert!(
            !shown.contains("s3cr3t"),
            "part of the token leaked: {shown}"
        );
        // Not vacuous: the output is the configuration, with the provider masked.
        assert!(shown.contains("***"), "{shown}");
    }
    let shown = format!("{client:?}");
    assert!(shown.contains("http://127.0.0.1:9"), "{shown}");
    assert!(shown.contains("max_retries: 2"), "{shown}");
}
