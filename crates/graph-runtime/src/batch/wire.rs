//! The JSON of `POST /$batch`: one request item per binding call, and the answers read back
//! into the [`Response`] or [`Error`] a single call would have produced.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::base64;
use crate::error::{SNIPPET_LIMIT, snippet};
use crate::exchange::error_from_response;
use crate::retry::parse_retry_after;
use crate::{ApiVersion, Error, Request, Response};

// The wire types' serde is written out (graph-runtime compiles no proc macro).

/// The `$batch` request body: `{"requests": [...]}`.
pub(crate) struct BatchBody<'a> {
    pub(crate) requests: Vec<Item<'a>>,
}

impl Serialize for BatchBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("requests", &self.requests)?;
        map.end()
    }
}

/// One request of a `$batch`.
pub(crate) struct Item<'a> {
    pub(crate) id: String,
    pub(crate) method: &'a str,
    /// Relative to the version: `/users/{id}?$select=...`.
    pub(crate) url: String,
    /// Left out when empty.
    pub(crate) headers: Map<String, Value>,
    /// Left out when `None`.
    pub(crate) body: Option<Value>,
    /// `dependsOn`, left out when empty.
    pub(crate) depends_on: Vec<String>,
}

impl Serialize for Item<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("method", self.method)?;
        map.serialize_entry("url", &self.url)?;
        if !self.headers.is_empty() {
            map.serialize_entry("headers", &self.headers)?;
        }
        if let Some(body) = &self.body {
            map.serialize_entry("body", body)?;
        }
        if !self.depends_on.is_empty() {
            map.serialize_entry("dependsOn", &self.depends_on)?;
        }
        map.end()
    }
}

/// The id an item is sent with: its 1-based position in the [`crate::Batch`].
pub(crate) fn item_id(index: usize) -> String {
    (index + 1).to_string()
}

/// The API version and the version-relative URL (query included) of a request to batch.
pub(crate) fn locate(request: &Request, base_url: &str) -> Result<(ApiVersion, String), Error> {
    if request.anonymous {
        return Err(Error::InvalidRequest(
            "a preauthenticated download cannot go into a $batch".to_owned(),
        ));
    }
    if request.absolute.is_none() {
        crate::path::check_request_path(&request.path)?;
        let url = request.relative_url();
        let prefix_len = 1 + request.version.as_str().len();
        return Ok((
            request.version,
            url.get(prefix_len..).unwrap_or_default().to_owned(),
        ));
    }
    // A next link: it must lie under `{base}/{version}/`.
    let url = request.relative_url();
    for version in [ApiVersion::V1, ApiVersion::Beta] {
        let prefix = format!("{base_url}/{}/", version.as_str());
        if let Some(rest) = url.strip_prefix(&prefix) {
            let relative = format!("/{rest}");
            crate::path::check_request_path(&relative)?;
            return Ok((version, relative));
        }
    }
    Err(Error::InvalidRequest(
        "a next link in a $batch must point under the client's base URL and an API version"
            .to_owned(),
    ))
}

/// The `$batch` item of a request.
pub(crate) fn item<'a>(
    request: &'a Request,
    index: usize,
    url: String,
    depends_on: &[usize],
) -> Result<Item<'a>, Error> {
    let mut headers = serde_json::Map::new();
    for (name, value) in &request.headers {
        let value = value.to_str().map_err(|_| {
            Error::InvalidRequest(format!(
                "header {name} of batch item {} is not text",
                item_id(index)
            ))
        })?;
        headers.insert(name.as_str().to_owned(), Value::String(value.to_owned()));
    }
    let body = match &request.body {
        None => None,
        Some(body) => {
            let content_type = body.content_type.to_str().unwrap_or("application/json");
            headers.insert(
                "content-type".to_owned(),
                Value::String(content_type.to_owned()),
            );
            if is_json(content_type) {
                Some(serde_json::from_slice(&body.bytes).map_err(|e| {
                    Error::InvalidRequest(format!(
                        "the JSON body of batch item {} does not parse: {e}",
                        item_id(index)
                    ))
                })?)
            } else {
                // Graph takes other bodies base64-encoded, with their content type.
                Some(Value::String(base64::encode(&body.bytes)))
            }
        }
    };
    Ok(Item {
        id: item_id(index),
        method: request.method.as_str(),
        url,
        headers,
        body,
        depends_on: depends_on.iter().map(|d| item_id(*d)).collect(),
    })
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.to_ascii_lowercase().ends_with("+json")
}

/// The `$batch` response body.
pub(crate) struct BatchAnswer {
    /// `responses`, empty when absent.
    pub(crate) responses: Vec<ItemAnswer>,
}

/// One answer of a `$batch`.
pub(crate) struct ItemAnswer {
    pub(crate) id: String,
    pub(crate) status: u16,
    /// Empty when absent.
    pub(crate) headers: Map<String, Value>,
    /// `None` when absent or `null`.
    pub(crate) body: Option<Value>,
}

impl BatchAnswer {
    /// Reads the answer out of the decoded body, or says which part of it is wrong.
    fn from_json(body: Value) -> Result<BatchAnswer, String> {
        let Value::Object(mut body) = body else {
            return Err("it is not a JSON object".to_owned());
        };
        let responses = match body.remove("responses") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    ItemAnswer::from_json(item).map_err(|e| format!("`responses[{i}]`: {e}"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err("`responses` is not an array".to_owned()),
        };
        Ok(BatchAnswer { responses })
    }
}

impl ItemAnswer {
    fn from_json(item: Value) -> Result<ItemAnswer, String> {
        let Value::Object(mut item) = item else {
            return Err("not a JSON object".to_owned());
        };
        let id = match item.remove("id") {
            Some(Value::String(id)) => id,
            _ => return Err("`id` is missing or not a string".to_owned()),
        };
        let status = item
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .ok_or("`status` is missing or not a status code")?;
        let headers = match item.remove("headers") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(headers)) => headers,
            Some(_) => return Err("`headers` is not an object".to_owned()),
        };
        let body = item.remove("body").filter(|b| !b.is_null());
        Ok(ItemAnswer {
            id,
            status,
            headers,
            body,
        })
    }
}

/// What one answer means for its binding.
pub(crate) struct Decoded {
    pub(crate) outcome: Result<Response, Error>,
    pub(crate) status: u16,
    /// The answer's own `Retry-After`, when it gave a valid one.
    pub(crate) retry_after: Option<Duration>,
    pub(crate) headers: HeaderMap,
}

impl ItemAnswer {
    /// The [`Response`] (status below 400) or [`Error`] a single call would have produced.
    pub(crate) fn decode(self, client_request_id: &HeaderValue, span: tracing::Span) -> Decoded {
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let text = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(&text),
            ) {
                headers.append(name, value);
            }
        }
        let json = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(is_json);
        let body = match self.body {
            None | Some(Value::Null) => Bytes::new(),
            // A body that is not JSON arrives base64-encoded (or, from some services, as text).
            Some(Value::String(text)) if !json => {
                Bytes::from(base64::decode(&text).unwrap_or_else(|| text.into_bytes()))
            }
            Some(value) => Bytes::from(serde_json::to_vec(&value).unwrap_or_default()),
        };
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let outcome = if self.status < 400 {
            Ok(Response {
                status: self.status,
                headers: headers.clone(),
                body,
                span,
            })
        } else {
            Err(error_from_response(
                self.status,
                &headers,
                &body,
                client_request_id,
                retry_after,
            ))
        };
        Decoded {
            outcome,
            status: self.status,
            retry_after,
            headers,
        }
    }
}

/// Reads a `$batch` response body.
pub(crate) fn parse_answer(body: &[u8]) -> Result<BatchAnswer, Error> {
    serde_json::from_slice(body)
        .map_err(|e| e.to_string())
        .and_then(BatchAnswer::from_json)
        .map_err(|e| Error::Decode {
            message: format!("the $batch response does not decode: {e}"),
            snippet: snippet(body, SNIPPET_LIMIT),
        })
}

/// The error of an item the `$batch` response has no answer for.
pub(crate) fn unanswered(index: usize) -> Error {
    Error::Decode {
        message: format!(
            "the $batch response has no answer for item {}",
            item_id(index)
        ),
        snippet: String::new(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn an_item_writes_only_what_it_has() {
        let item = |depends_on: Vec<String>| Item {
            id: "1".into(),
            method: "GET",
            url: "/me".into(),
            headers: Map::new(),
            body: None,
            depends_on,
        };
        let body = BatchBody {
            requests: vec![item(Vec::new()), item(vec!["1".into()])],
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"requests":[{"id":"1","method":"GET","url":"/me"},{"id":"1","method":"GET","url":"/me","dependsOn":["1"]}]}"#
        );
    }

    #[test]
    fn an_answer_is_read_and_a_bad_one_names_the_item_and_the_property() {
        let answer = parse_answer(
            br#"{"responses": [{"id": "2", "status": 204, "body": null},
                {"id": "1", "status": 200, "headers": {"a": "b"}, "body": {"x": 1}}]}"#,
        )
        .unwrap();
        assert_eq!(answer.responses.len(), 2);
        assert_eq!(
            (
                answer.responses[0].status,
                answer.responses[0].body.is_none()
            ),
            (204, true)
        );
        assert_eq!(answer.responses[1].headers["a"], "b");
        assert!(parse_answer(b"{}").unwrap().responses.is_empty());

        for (body, says) in [
            (
                &br#"{"responses": [{"id": "1", "status": 200}, {"id": 2, "status": 200}]}"#[..],
                "`responses[1]`: `id` is missing or not a string",
            ),
            (
                br#"{"responses": [{"id": "1", "status": 70000}]}"#,
                "`responses[0]`: `status` is missing or not a status code",
            ),
            (br#"{"responses": {}}"#, "`responses` is not an array"),
            (br#"[]"#, "it is not a JSON object"),
            (br#"{"responses": ["#, "EOF while parsing"),
        ] {
            let Err(Error::Decode { message, .. }) = parse_answer(body) else {
                panic!("{}", String::from_utf8_lossy(body));
            };
            assert!(
                message.starts_with("the $batch response does not decode: "),
                "{message}"
            );
            assert!(message.contains(says), "{message}");
        }
    }
}
