//! Timeouts, broken connections, TLS and redirects, against servers on
//! 127.0.0.1 only.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use graph_runtime::{ApiVersion, Client, Error, Method, Request, RetryPolicy};
use httpmock::prelude::*;
use tokio_time::io::{AsyncReadExt, AsyncWriteExt};
use tokio_time::net::{TcpListener, TcpStream};

const TOKEN: &str = "transport-test-token";

fn client_for(base: String, timeout: Duration) -> Client {
    Client::builder()
        .base_url(base)
        .static_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(2))
        .build()
        .expect("client")
}

/// A raw TCP server handling each connection with `handle`, for as long as
/// the test's runtime lives.
async fn raw_server<F, Fut>(handle: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio_time::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio_time::spawn(handle(stream));
        }
    });
    addr
}

/// Reads until the end of the request head.
async fn read_head(stream: &mut TcpStream) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

fn get() -> Request {
    Request::new(Method::GET, ApiVersion::V1, "/me")
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_server_that_never_answers_times_out() {
    let addr = raw_server(|mut stream| async move {
        read_head(&mut stream).await;
        tokio_time::time::sleep(Duration::from_secs(30)).await;
        drop(stream);
    })
    .await;
    let client = client_for(format!("http://{addr}"), Duration::from_millis(200));
    let started = Instant::now();
    let err = client.send(get()).await.expect_err("timeout");
    let elapsed = started.elapsed();
    assert!(
        matches!(err, Error::Timeout(d) if d == Duration::from_millis(200)),
        "{err:?}"
    );
    assert!(err.is_timeout());
    assert!(err.to_string().contains("timed out"), "{err}");
    assert!(elapsed >= Duration::from_millis(190), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_body_that_stalls_times_out_too() {
    let addr = raw_server(|mut stream| async move {
        read_head(&mut stream).await;
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\":")
            .await;
        tokio_time::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let client = client_for(format!("http://{addr}"), Duration::from_millis(200));
    let err = client.send(get()).await.expect_err("timeout");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_connection_closed_mid_response_is_a_transport_error() {
    let addr = raw_server(|mut stream| async move {
        read_head(&mut stream).await;
        let _ = stream
            .write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"partial\":",
            )
            .await;
        let _ = stream.flush().await;
        // Close with RST instead of FIN.
        let _ = stream.set_zero_linger();
        drop(stream);
    })
    .await;
    let client = client_for(format!("http://{addr}"), Duration::from_secs(5));
    let err = client.send(get()).await.expect_err("broken response");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(!err.is_timeout());
    assert!(err.to_string().starts_with("transport error"), "{err}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_connection_reset_before_any_response_is_a_transport_error() {
    let addr = raw_server(|mut stream| async move {
        read_head(&mut stream).await;
        let _ = stream.set_zero_linger();
        drop(stream);
    })
    .await;
    let client = client_for(format!("http://{addr}"), Duration::from_secs(5));
    let err = client.send(get()).await.expect_err("reset");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_refused_connection_is_a_transport_error() {
    // Bind then drop to get a port nobody listens on.
    let addr = {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        listener.local_addr().expect("addr")
    };
    let client = client_for(format!("http://{addr}"), Duration::from_secs(5));
    let err = client.send(get()).await.expect_err("refused");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn https_uses_rustls_without_a_global_provider() {
    // Not a TLS server: the handshake fails cleanly, without a panic about
    // a missing process-wide crypto provider.
    let addr = raw_server(|mut stream| async move {
        let mut buf = [0u8; 512];
        let _ = stream.read(&mut buf).await;
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
    })
    .await;
    let client = client_for(format!("https://{addr}"), Duration::from_secs(5));
    let err = client.send(get()).await.expect_err("not TLS");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(rustls::crypto::CryptoProvider::get_default().is_none());
}

#[tokio_time::test(crate = "tokio_time")]
async fn cross_origin_redirect_drops_authorization() {
    let origin = MockServer::start_async().await;
    let other = MockServer::start_async().await;
    assert_ne!(origin.port(), other.port());
    let redirect = origin
        .mock_async(|when, then| {
            when.path("/v1.0/me/photo/$value")
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(302)
                .header("location", other.url("/blob/photo.jpg"));
        })
        .await;
    let leaked = other
        .mock_async(|when, then| {
            when.path("/blob/photo.jpg").header_exists("authorization");
            then.status(418).body("authorization leaked");
        })
        .await;
    let clean = other
        .mock_async(|when, then| {
            when.path("/blob/photo.jpg").header_missing("authorization");
            then.status(200).body("JPEG");
        })
        .await;
    let client = client_for(origin.base_url(), Duration::from_secs(5));
    let response = client
        .send(Request::new(
            Method::GET,
            ApiVersion::V1,
            "/me/photo/$value",
        ))
        .await
        .expect("followed redirect");
    assert_eq!(response.status(), 200);
    assert_eq!(response.body(), b"JPEG");
    redirect.assert_calls_async(1).await;
    clean.assert_calls_async(1).await;
    leaked.assert_calls_async(0).await;
}

#[tokio_time::test(crate = "tokio_time")]
async fn same_origin_redirect_keeps_authorization() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/old");
            then.status(307).header("location", "/v1.0/new");
        })
        .await;
    let target = server
        .mock_async(|when, then| {
            when.path("/v1.0/new")
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200).body("{}");
        })
        .await;
    let client = client_for(server.base_url(), Duration::from_secs(5));
    let response = client
        .send(Request::new(Method::GET, ApiVersion::V1, "/old"))
        .await
        .expect("followed");
    assert_eq!(response.status(), 200);
    target.assert_calls_async(1).await;
}
