//! What the client reports through `tracing`, captured by a small Layer against
//! an httpmock server on loopback, and what it never reports (the token, and
//! bodies unless asked).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use graph_runtime::{ApiVersion, Client, Error, Method, Request, RequestPath, RetryPolicy};
use httpmock::prelude::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

const TOKEN: &str = "tr4cing-t0ken-must-never-show";

/// One span opened or one event, with its fields (values as `Debug`/`Display` text).
#[derive(Debug, Clone)]
struct Record {
    kind: &'static str,
    level: tracing::Level,
    name: String,
    fields: BTreeMap<String, String>,
    /// For events: the fields of the enclosing spans, innermost last.
    scope: Vec<BTreeMap<String, String>>,
}

impl Record {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
    fn message(&self) -> &str {
        self.field("message").unwrap_or_default()
    }
}

#[derive(Default)]
struct Fields(BTreeMap<String, String>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Record>>>);

impl Capture {
    fn records(&self) -> Vec<Record> {
        self.0.lock().expect("lock").clone()
    }
    fn events(&self, message: &str) -> Vec<Record> {
        self.records()
            .into_iter()
            .filter(|r| r.kind == "event" && r.message() == message)
            .collect()
    }
    /// Everything captured, as one text to search for secrets.
    fn all_text(&self) -> String {
        format!("{:?}", self.records())
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(fields.0.clone());
        }
        if let Ok(mut records) = self.0.lock() {
            records.push(Record {
                kind: "span",
                level: *attrs.metadata().level(),
                name: attrs.metadata().name().to_owned(),
                fields: fields.0,
                scope: Vec::new(),
            });
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        if !event.metadata().target().starts_with("graph_runtime") {
            return;
        }
        let mut fields = Fields::default();
        event.record(&mut fields);
        let scope = ctx
            .event_scope(event)
            .map(|scope| {
                scope
                    .from_root()
                    .filter_map(|span| span.extensions().get::<BTreeMap<String, String>>().cloned())
                    .collect()
            })
            .unwrap_or_default();
        if let Ok(mut records) = self.0.lock() {
            records.push(Record {
                kind: "event",
                level: *event.metadata().level(),
                name: event.metadata().name().to_owned(),
                fields: fields.0,
                scope,
            });
        }
    }
}

/// Runs `f` with the capturing subscriber as this thread's default (the
/// tests use tokio's current-thread runtime, so the client runs here).
async fn captured<F: Future>(f: F) -> (F::Output, Capture) {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    let _guard = tracing::subscriber::set_default(subscriber);
    let out = f.await;
    (out, capture)
}

fn client(server: &MockServer, log_bodies: bool) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .static_token(TOKEN)
        .log_bodies(log_bodies)
        .retry_policy(RetryPolicy {
            max_retries: 1,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            max_total_wait: Duration::from_secs(1),
        })
        .build()
        .expect("client")
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

#[tokio_time::test(crate = "tokio_time")]
async fn one_span_per_call_with_the_path_template_and_an_event_per_attempt() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/beta/users/adele%40contoso.com/assignLicense");
            then.status(200)
                .header("request-id", "req-123")
                .header("content-type", "application/json")
                .body(r#"{"id":"u1"}"#);
        })
        .await;
    let path = RequestPath::new()
        .segment("users")
        .param("id", "adele@contoso.com")
        .segment("assignLicense")
        .finish()
        .expect("path");
    let request = Request::new(Method::POST, ApiVersion::Beta, path)
        .json(&serde_json::json!({"addLicenses": []}))
        .expect("body");
    let (result, capture) = captured(client(&server, false).send(request)).await;
    result.expect("response");
    mock.assert_calls_async(1).await;

    let spans: Vec<Record> = capture
        .records()
        .into_iter()
        .filter(|r| r.kind == "span")
        .collect();
    assert_eq!(spans.len(), 1, "{spans:#?}");
    let span = &spans[0];
    assert_eq!(span.name, "graph.request");
    assert_eq!(span.level, tracing::Level::INFO);
    assert_eq!(span.field("method"), Some("POST"));
    assert_eq!(span.field("path"), Some("/users/{id}/assignLicense"));
    assert_eq!(span.field("api_version"), Some("beta"));
    assert!(
        span.field("client_request_id").is_some_and(is_uuid),
        "{span:?}"
    );

    let responses = capture.events("response");
    assert_eq!(responses.len(), 1, "{responses:#?}");
    let event = &responses[0];
    assert_eq!(event.level, tracing::Level::DEBUG);
    assert_eq!(event.field("attempt"), Some("1"));
    assert_eq!(event.field("status"), Some("200"));
    assert_eq!(event.field("request_id"), Some("req-123"));
    let elapsed: f64 = event
        .field("elapsed_ms")
        .expect("elapsed_ms")
        .parse()
        .expect("a number");
    assert!((0.0..60_000.0).contains(&elapsed), "{elapsed}");
    // The event sits in the call's span.
    assert_eq!(
        event
            .scope
            .last()
            .and_then(|s| s.get("path"))
            .map(String::as_str),
        Some("/users/{id}/assignLicense")
    );

    let all = capture.all_text();
    assert!(!all.contains(TOKEN), "the token leaked: {all}");
    assert!(!all.contains("adele"), "a path value leaked: {all}");
    assert!(!all.contains("addLicenses"), "a body leaked: {all}");
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_plain_path_is_recorded_without_its_query_and_an_explicit_template_wins() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/me/messages");
            then.status(204);
        })
        .await;
    let c = client(&server, false);
    let plain = Request::new(Method::GET, ApiVersion::V1, "/me/messages?$top=1");
    let templated =
        Request::new(Method::GET, ApiVersion::V1, "/me/messages").path_template("/me/{collection}");
    let ((a, b), capture) =
        captured(async { (c.send(plain).await, c.send(templated).await) }).await;
    a.expect("plain");
    b.expect("templated");
    let paths: Vec<String> = capture
        .records()
        .iter()
        .filter(|r| r.kind == "span")
        .filter_map(|r| r.field("path").map(str::to_owned))
        .collect();
    assert_eq!(paths, ["/me/messages", "/me/{collection}"]);
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_next_link_is_recorded_by_its_path_without_the_skip_token() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/users");
            then.status(200).body(r#"{"value":[]}"#);
        })
        .await;
    let link = format!(
        "{}/v1.0/users?$skiptoken=secret-skip-token",
        server.base_url()
    );
    let (result, capture) = captured(client(&server, false).send(Request::next_link(link))).await;
    result.expect("followed");
    let span = capture
        .records()
        .into_iter()
        .find(|r| r.kind == "span")
        .expect("a span");
    assert_eq!(span.field("method"), Some("GET"));
    assert_eq!(span.field("path"), Some("/users"));
    assert_eq!(span.field("api_version"), Some("v1.0"));
    assert!(!capture.all_text().contains("secret-skip-token"));
}

#[tokio_time::test(crate = "tokio_time")]
async fn a_retry_reports_its_wait_and_reason() {
    let server = MockServer::start_async().await;
    let throttled = server
        .mock_async(|when, then| {
            when.path("/v1.0/me").header_missing("retry-attempt");
            then.status(429)
                .header("retry-after", "0")
                .header("request-id", "req-throttled")
                .body(r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#);
        })
        .await;
    let ok = server
        .mock_async(|when, then| {
            when.path("/v1.0/me").header("retry-attempt", "1");
            then.status(200)
                .header("request-id", "req-ok")
                .body(r#"{"id":"me"}"#);
        })
        .await;
    let request = Request::new(Method::GET, ApiVersion::V1, "/me");
    let (result, capture) = captured(client(&server, false).send(request)).await;
    result.expect("retried to success");
    throttled.assert_calls_async(1).await;
    ok.assert_calls_async(1).await;

    let retries = capture.events("retrying");
    assert_eq!(retries.len(), 1, "{retries:#?}");
    let retry = &retries[0];
    assert_eq!(retry.level, tracing::Level::INFO);
    assert_eq!(retry.field("retry"), Some("1"));
    // `Retry-After: 0` is below the floor, so the wait is the backoff: 0.5-1 ms with this
    // client's `base_delay` of 1 ms.
    let wait_ms: f64 = retry
        .field("wait_ms")
        .and_then(|w| w.parse().ok())
        .unwrap_or(-1.0);
    assert!((0.5..=1.0).contains(&wait_ms), "{retry:#?}");
    assert_eq!(retry.field("reason"), Some("429 Too Many Requests"));
    assert_eq!(retry.field("wait_from"), Some("backoff"));

    assert_eq!(
        attempt_fields(&capture),
        [["1", "429", "req-throttled"], ["2", "200", "req-ok"]]
    );
    assert!(!capture.all_text().contains(TOKEN));
}

/// `(attempt, status, request_id)` of each attempt event.
fn attempt_fields(capture: &Capture) -> Vec<[String; 3]> {
    capture
        .events("response")
        .into_iter()
        .map(|r| ["attempt", "status", "request_id"].map(|k| r.field(k).unwrap_or("-").to_owned()))
        .collect()
}

#[tokio_time::test(crate = "tokio_time")]
async fn dropped_responses_are_warned_about() {
    let server = MockServer::start_async().await;
    let huge = "x".repeat(graph_runtime::MAX_ERROR_BODY + 1000);
    server
        .mock_async(move |when, then| {
            when.path("/v1.0/huge");
            then.status(500).body(huge.clone());
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/odd");
            then.status(200).body(r#"{"count":"not a number"}"#);
        })
        .await;
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Counted {
        count: u32,
    }
    let c = client(&server, false);
    let ((huge, odd), capture) = captured(async {
        let huge = c
            .send(Request::new(Method::GET, ApiVersion::V1, "/huge"))
            .await;
        let odd = match c
            .send(Request::new(Method::GET, ApiVersion::V1, "/odd"))
            .await
        {
            Ok(response) => response.json::<Counted>().map(|_| ()),
            Err(e) => Err(e),
        };
        (huge, odd)
    })
    .await;
    assert!(
        matches!(huge, Err(Error::Http { status: 500, .. })),
        "{huge:?}"
    );
    assert!(matches!(odd, Err(Error::Decode { .. })), "{odd:?}");

    let warnings: Vec<Record> = capture
        .records()
        .into_iter()
        .filter(|r| r.kind == "event" && r.level == tracing::Level::WARN)
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    let (size, decode) = (&warnings[0], &warnings[1]);
    assert!(size.message().contains("too large"), "{size:?}");
    assert_eq!(size.field("status"), Some("500"));
    assert_eq!(
        size.field("kept_bytes"),
        Some(graph_runtime::MAX_ERROR_BODY.to_string().as_str())
    );
    assert!(decode.message().contains("does not decode"), "{decode:?}");
    assert_eq!(decode.field("json_path"), Some("count"));
    assert_eq!(decode.field("category"), Some("Data"));
    // The warning is in the call's span, and carries no body text.
    assert_eq!(
        decode
            .scope
            .last()
            .and_then(|s| s.get("path"))
            .map(String::as_str),
        Some("/odd")
    );
    assert!(!capture.all_text().contains("not a number"));
    assert!(!capture.all_text().contains(TOKEN));
}

#[tokio_time::test(crate = "tokio_time")]
async fn bodies_and_headers_at_trace_only_as_allowed() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/v1.0/me/sendMail");
            then.status(202)
                .header("request-id", "req-mail")
                .header("x-private", "server-secret")
                .body("accepted-body-marker");
        })
        .await;
    let request = || {
        Request::new(Method::POST, ApiVersion::V1, "/me/sendMail")
            .json(&serde_json::json!({"note": "request-body-marker"}))
            .expect("body")
    };
    let (quiet, quiet_capture) = captured(client(&server, false).send(request())).await;
    quiet.expect("sent");
    let (loud, loud_capture) = captured(client(&server, true).send(request())).await;
    loud.expect("sent");

    let quiet_text = quiet_capture.all_text();
    assert!(!quiet_text.contains("request-body-marker"), "{quiet_text}");
    assert!(!quiet_text.contains("accepted-body-marker"), "{quiet_text}");
    assert!(quiet_text.contains("bytes, not logged"), "{quiet_text}");

    let sending = loud_capture.events("sending");
    assert_eq!(sending.len(), 1);
    assert_eq!(sending[0].level, tracing::Level::TRACE);
    assert_eq!(
        sending[0].field("body"),
        Some(r#"{"note":"request-body-marker"}"#)
    );
    let headers = sending[0].field("headers").expect("headers");
    assert!(headers.contains("authorization: REDACTED"), "{headers}");
    assert!(
        headers.contains("content-type: application/json"),
        "{headers}"
    );
    let received = loud_capture.events("response received");
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].field("body"), Some("accepted-body-marker"));
    let headers = received[0].field("headers").expect("headers");
    assert!(headers.contains("request-id: req-mail"), "{headers}");
    assert!(headers.contains("x-private: REDACTED"), "{headers}");

    for text in [quiet_text, loud_capture.all_text()] {
        assert!(!text.contains(TOKEN), "the token leaked: {text}");
        assert!(
            !text.contains("server-secret"),
            "a header off the allow-list leaked"
        );
    }
}
