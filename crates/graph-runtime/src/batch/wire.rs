//! The JSON of `POST /$batch`: one request item per binding call, and the answers read back
//! into the [`Response`] or [`Error`] a single call would have produced.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::base64;
use crate::error::{SNIPPET_LIMIT, snippet};
use crate::exchange::error_from_response;
use crate::retry::parse_retry_after;
use crate::{ApiVersion, Error, Request, Response};

/// The `$batch` request body.
#[derive(Serialize)]
pub(crate) struct BatchBody<'a> {
    pub(crate) requests: Vec<Item<'a>>,
}

/// One request of a `$batch`.
#[derive(Serialize)]
pub(crate) struct Item<'a> {
    pub(crate) id: String,
    pub(crate) method: &'a str,
    /// Relative to the version: `/users/{id}?$select=...`.
    pub(crate) url: String,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub(crate) headers: serde_json::Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) body: Option<Value>,
    #[serde(rename = "dependsOn", skip_serializing_if = "Vec::is_empty")]
    pub(crate) depends_on: Vec<String>,
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
#[derive(Deserialize)]
pub(crate) struct BatchAnswer {
    #[serde(default)]
    pub(crate) responses: Vec<ItemAnswer>,
}

/// One answer of a `$batch`.
#[derive(Deserialize)]
pub(crate) struct ItemAnswer {
    pub(crate) id: String,
    pub(crate) status: u16,
    #[serde(default)]
    pub(crate) headers: serde_json::Map<String, Value>,
    #[serde(default)]
    pub(crate) body: Option<Value>,
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
    serde_json::from_slice(body).map_err(|e| Error::Decode {
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
