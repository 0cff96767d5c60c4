//! One documented example ([`Case`]) and the checks every operation gets.

use std::path::{Path, PathBuf};

use graph_runtime::{Client, Error, RetryPolicy};
use graph_spec::{Example, SpecFile};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::io::AsyncWriteExt;

use crate::canonical::{canonical_path, keys_as_segments};
use crate::wire::{TOKEN, Wire, read_request};

/// The workspace root (where `spec/` lives).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// One documented example of one spec file.
#[derive(Debug)]
pub struct Case {
    file: String,
    spec: SpecFile,
    index: usize,
    /// Whether the binding sends the example's query string, which the mock then requires.
    with_query: bool,
    /// Whether the body's `@odata.id` is built from the client's own base URL (a `$ref` add).
    own_base_ids: bool,
}

/// A client for `base` with the conformance token and no retries.
pub fn client_for(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .static_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap_or_else(|e| panic!("conformance client for {base}: {e}"))
}

pub(crate) fn check_line(case: &Case, check: &str) {
    println!(
        "conformance: {} | {} | {check} | ok",
        case.file,
        case.example().name
    );
}

impl Case {
    /// Loads example `index` of the spec file `file` (relative to the workspace root).
    pub fn load(file: &str, index: u64) -> Case {
        let spec = graph_spec::load(workspace_root().join(file))
            .unwrap_or_else(|e| panic!("cannot load spec: {e}"));
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        assert!(
            index < spec.examples.len(),
            "{file} has no example {index}: regenerate with `cargo xtask codegen`"
        );
        Case {
            file: file.to_string(),
            spec,
            index,
            with_query: false,
            own_base_ids: false,
        }
    }

    /// The binding builds the body's `@odata.id` from the client's own base URL (a `$ref` add):
    /// the mock expects the documented reference at its own address
    /// (`https://graph.microsoft.com/v1.0/directoryObjects/x` becomes `{mock}/v1.0/directoryObjects/x`).
    pub fn with_own_base_ids(mut self) -> Case {
        self.own_base_ids = true;
        self
    }

    /// The documented request body, with `@odata.id` rebased onto `base` when
    /// [`Case::with_own_base_ids`] says so.
    pub(crate) fn expected_body(&self, base: &str) -> Option<Value> {
        let mut body = self.example().request.body.clone()?;
        if self.own_base_ids
            && let Some(Value::String(id)) = body.get_mut("@odata.id")
            && id.contains("://")
        {
            *id = format!("{base}{}", graph_spec::url_path(id));
        }
        Some(body)
    }

    /// The binding sends the example's query options (`?$select=...&$top=5`): the mock matches
    /// only a request that carries each of them, decoded, so one that drops an option fails.
    pub fn with_query(mut self) -> Case {
        self.with_query = true;
        self
    }

    /// The documented example.
    pub fn example(&self) -> &Example {
        &self.spec.examples[self.index]
    }

    /// The spec the example belongs to.
    pub fn spec(&self) -> &SpecFile {
        &self.spec
    }

    pub(crate) fn label(&self) -> String {
        format!("{} example `{}`", self.file, self.example().name)
    }

    /// The documented request path, `/{version}{path}`, from the example URL.
    pub fn path(&self) -> String {
        let version = self.spec.api_version;
        let below = version.path_below(&self.example().request.url);
        // A key written in parentheses (`users('u1')`) is sent as a segment (`users/u1`) when
        // the documented path has a placeholder there.
        let below = self
            .spec
            .operation
            .paths
            .iter()
            .find_map(|t| keys_as_segments(&t.template, below))
            .unwrap_or_else(|| below.to_string());
        let path = format!("/{}{below}", version.as_str());
        canonical_path(&path)
    }

    /// The snapshot name: `{version}__{page stem}__{example name}`.
    pub(crate) fn snapshot_name(&self) -> String {
        let stem = self
            .file
            .rsplit('/')
            .next()
            .unwrap_or(&self.file)
            .trim_end_matches(".json");
        let example: String = self
            .example()
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("{}__{stem}__{example}", self.spec.api_version.as_str())
    }

    /// Check 1: the documented body through the request type and back.
    pub(crate) fn round_trip<T: Serialize + DeserializeOwned>(&self) -> T {
        let documented = self.example().request.body.clone().unwrap_or_else(|| {
            panic!(
                "{}: the operation takes a body but the example has none",
                self.label()
            )
        });
        let typed: T = serde_json::from_value(documented.clone()).unwrap_or_else(|e| {
            panic!(
                "{}: documented body does not fit the request type: {e}",
                self.label()
            )
        });
        let again =
            serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{}: {e}", self.label()));
        assert_eq!(
            again,
            documented,
            "{}: the request type does not serialize back to the documented body",
            self.label()
        );
        check_line(self, "round trip");
        typed
    }

    /// Replays an example of an operation that takes a JSON body.
    pub async fn replay_with_body<T, R>(&self, call: impl AsyncFn(&Client, T) -> Result<R, Error>)
    where
        T: Serialize + DeserializeOwned + Clone,
        R: Serialize,
    {
        let body = self.round_trip::<T>();
        let result = self
            .against_mock(async |client| call(client, body.clone()).await)
            .await;
        self.check_outcome(result);
        let wire = self
            .capture_wire(async |client| call(client, body.clone()).await)
            .await;
        self.snapshot(wire);
    }

    /// Replays an example of an operation without a request body.
    pub async fn replay<R: Serialize>(&self, call: impl AsyncFn(&Client) -> Result<R, Error>) {
        let result = self.against_mock(async |client| call(client).await).await;
        self.check_outcome(result);
        let wire = self.capture_wire(async |client| call(client).await).await;
        self.snapshot(wire);
    }

    /// The documented answer: status, headers (without framing ones) and body text. A `302`
    /// without a documented `Location` gets one (the binding returns it).
    pub(crate) fn answer(&self) -> (u16, Vec<(String, String)>, Option<String>) {
        let (mut status, mut headers, mut body) = self.documented_answer();
        // A report page may show what the download answers (200, CSV) as the example response;
        // Graph itself answers the call with the redirect.
        if self.spec.operation.response.status == 302 && status < 400 {
            status = 302;
            body = None;
            headers.retain(|(n, _)| n.eq_ignore_ascii_case("location"));
        }
        if status == 302
            && !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("location"))
        {
            headers.push((
                "Location".into(),
                "https://download.invalid/report.csv".into(),
            ));
        }
        (status, headers, body)
    }

    pub(crate) fn documented_answer(&self) -> (u16, Vec<(String, String)>, Option<String>) {
        let Some(resp) = &self.example().response else {
            return (self.spec.operation.response.status, Vec::new(), None);
        };
        let headers = resp
            .headers
            .iter()
            .filter(|h| {
                !["content-length", "transfer-encoding", "connection"]
                    .contains(&h.name.to_ascii_lowercase().as_str())
            })
            .filter_map(|h| Some((h.name.clone(), h.value.clone()?)))
            .collect();
        (
            resp.status,
            headers,
            resp.body.as_ref().map(Value::to_string),
        )
    }

    /// The documented error, when the example's response is a 4xx or 5xx: its status, and the
    /// `error.code` of its body when the body is a Graph error.
    pub(crate) fn documented_error(&self) -> Option<(u16, Option<String>)> {
        let resp = self.example().response.as_ref()?;
        (resp.status >= 400).then(|| {
            let code = resp
                .body
                .as_ref()
                .and_then(|b| b.pointer("/error/code"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            (resp.status, code)
        })
    }

    /// Check 2: exact request matching on an httpmock server, one hit. The binding's result is
    /// returned for [`Case::check_outcome`]; an error is only expected for a documented error.
    pub(crate) async fn against_mock<R>(
        &self,
        call: impl AsyncFnOnce(&Client) -> Result<R, Error>,
    ) -> Result<R, Error> {
        let server = httpmock::MockServer::start_async().await;
        let example = self.example();
        let method = example.request.method.as_str();
        let (status, headers, body) = self.answer();
        let mock = server
            .mock_async(|when, then| {
                let mut when = when
                    .method(method)
                    .path(self.path())
                    .header("authorization", format!("Bearer {TOKEN}"))
                    .header_matches(
                        "client-request-id",
                        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                    );
                if self.with_query {
                    for (name, value) in graph_spec::url_query(&example.request.url) {
                        when = when.query_param(name, value);
                    }
                    // The query builder sends `ConsistencyLevel` with `$count` and `$search`, as
                    // the documented request does.
                    for h in &example.request.headers {
                        if h.name.eq_ignore_ascii_case("ConsistencyLevel")
                            && let Some(value) = &h.value
                        {
                            when = when.header(h.name.to_ascii_lowercase(), value.as_str());
                        }
                    }
                }
                match self.expected_body(&server.base_url()) {
                    Some(documented) => {
                        when = when
                            .header("content-type", "application/json")
                            .json_body(documented);
                    }
                    None => {
                        when = when.header_missing("content-type");
                    }
                }
                let _ = when;
                let mut then = then.status(status);
                for (name, value) in &headers {
                    then = then.header(name, value);
                }
                if let Some(body) = body {
                    then.body(body);
                }
            })
            .await;
        let client = client_for(&server.base_url());
        let result = call(&client).await;
        let hits = mock.calls_async().await;
        if let (Err(e), None) = (&result, self.documented_error()) {
            panic!(
                "{}: the binding failed against the documented exchange ({hits} matching request(s)): {e}",
                self.label()
            );
        }
        assert_eq!(hits, 1, "{}: the mock was hit {hits} times", self.label());
        check_line(
            self,
            if self.with_query {
                "request matches documented method, path, query, headers, body"
            } else {
                "request matches documented method, path, headers, body"
            },
        );
        result
    }

    /// The binding's result against the documented exchange: `Ok` with the documented body, or
    /// for a documented error, that error.
    pub(crate) fn check_outcome<R: Serialize>(&self, result: Result<R, Error>) {
        let Some((status, code)) = self.documented_error() else {
            match result {
                Ok(value) => self.check_response(value),
                Err(e) => panic!("{}: the binding failed: {e}", self.label()),
            }
            return;
        };
        let error = match result {
            Ok(_) => panic!(
                "{}: documented as a {status} error, but the binding returned Ok",
                self.label()
            ),
            Err(e) => e,
        };
        assert_eq!(
            error.status(),
            Some(status),
            "{}: documented as a {status} error, but the binding returned {error:?}",
            self.label()
        );
        if let Some(code) = code {
            let Some(service) = error.service_error() else {
                panic!(
                    "{}: documented as Graph error `{code}`, but the binding returned {error:?}",
                    self.label()
                );
            };
            assert_eq!(
                service.code,
                code,
                "{}: the Graph error code differs from the documented one",
                self.label()
            );
        }
        check_line(self, "documented error returned");
        check_line(self, "documented status accepted");
    }

    /// The typed response, serialized, equals the documented body. This holds for truncated
    /// bodies too: undocumented properties are kept by the generated types. A binding that returns
    /// `()` (or only headers) has nothing to compare beyond the status.
    pub(crate) fn check_response<R: Serialize>(&self, response: R) {
        let got =
            serde_json::to_value(&response).unwrap_or_else(|e| panic!("{}: {e}", self.label()));
        let documented = self
            .example()
            .response
            .as_ref()
            .and_then(|r| r.body.as_ref());
        match documented {
            Some(documented)
                if !got.is_null() && self.spec.operation.response.body_type.is_some() =>
            {
                assert_eq!(
                    &got,
                    documented,
                    "{}: typed response differs from the documented body",
                    self.label()
                );
                check_line(self, "response matches documented body");
            }
            _ => check_line(self, "documented status accepted"),
        }
    }

    /// Check 3: the raw request as a loopback server receives it.
    pub(crate) async fn capture_wire<R>(
        &self,
        call: impl AsyncFnOnce(&Client) -> Result<R, Error>,
    ) -> Wire {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("bind loopback: {e}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("local addr: {e}"));
        let (status, headers, body) = self.answer();
        let server = tokio::spawn(async move {
            let (mut socket, _) = listener
                .accept()
                .await
                .unwrap_or_else(|e| panic!("accept: {e}"));
            let wire = read_request(&mut socket)
                .await
                .unwrap_or_else(|| panic!("the connection closed before a whole request arrived"));
            let body = body.unwrap_or_default();
            let mut answer = format!(
                "HTTP/1.1 {status} Conformance\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                answer.push_str(&format!("{name}: {value}\r\n"));
            }
            answer.push_str("\r\n");
            answer.push_str(&body);
            socket
                .write_all(answer.as_bytes())
                .await
                .unwrap_or_else(|e| panic!("answer: {e}"));
            wire
        });
        let client = client_for(&format!("http://{addr}"));
        if let (Err(e), None) = (call(&client).await, self.documented_error()) {
            panic!(
                "{}: the binding failed against the capture server: {e}",
                self.label()
            );
        }
        server
            .await
            .unwrap_or_else(|e| panic!("capture server: {e}"))
    }

    pub(crate) fn snapshot(&self, wire: Wire) {
        let text = wire.redacted(&self.label());
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_description(format!("wire request of {}", self.label()));
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(self.snapshot_name(), text));
        check_line(self, "wire request matches snapshot");
    }
}
