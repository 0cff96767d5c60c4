//! The spec types. One [`SpecFile`] describes one documentation page, which documents one operation.
//!
//! Field order here is the order in the JSON files, so keep it readable top to bottom: where the page
//! came from, what the operation is, how to call it, who may call it, and the documented examples.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{EnumType, Header, HttpMethod, Operation};

/// The spec derived from one Graph documentation page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// The page this spec was derived from.
    pub source: Source,
    /// The API version the page documents.
    pub api_version: ApiVersion,
    /// The page title, for example `signIn: confirmSafe`.
    pub title: String,
    /// The `description` of the page's front matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The `ms.date` of the page's front matter, as written there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ms_date: Option<String>,
    /// The summary paragraph under the page's H1, with links flattened to their text.
    pub summary: String,
    /// The operation the page documents.
    pub operation: Operation,
    /// The enumerations the operation's parameters use whose members the docs list (on the page, on a
    /// resource page it links, or on the docs' enumerations page), sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumType>,
    /// Every annotated example of the page, in page order.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// What the extractor noticed but could carry on past (a missing include, a disagreement).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// Where a spec came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page, relative to the docs root, with `/` separators.
    pub page: String,
    /// The SHA-256 of the page's bytes, lower-case hex: when it changes, the spec may be stale.
    pub sha256: String,
}

/// A Microsoft Graph API version.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum ApiVersion {
    /// `v1.0`, the generally available API.
    #[serde(rename = "v1.0")]
    V1,
    /// `beta`, the preview API.
    #[serde(rename = "beta")]
    Beta,
}

impl ApiVersion {
    /// The version as it appears in URLs and in the docs tree: `v1.0` or `beta`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

/// A documented example: an annotated request and its response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The `name` of the request annotation.
    pub name: String,
    /// The line of the page where the request annotation starts.
    pub line: usize,
    /// The documented request.
    pub request: ExampleRequest,
    /// The documented response, if the page pairs one with the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ExampleResponse>,
}

/// A documented request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequest {
    /// The method.
    pub method: HttpMethod,
    /// The URL as documented (absolute, or relative to the cloud).
    pub url: String,
    /// The headers, in page order.
    #[serde(default)]
    pub headers: Vec<Header>,
    /// The parsed JSON body, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
}

/// A documented response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    /// The status code.
    pub status: u16,
    /// The headers, in page order.
    #[serde(default)]
    pub headers: Vec<Header>,
    /// The parsed JSON body, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    /// The annotation's `truncated` flag: the documented body is not complete.
    #[serde(default)]
    pub truncated: bool,
}

/// Something the extractor noticed and carried on past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// The page line the warning is about.
    pub line: usize,
    /// What was noticed.
    pub message: String,
}

impl ApiVersion {
    /// The path of a documented example URL below this version: `https://graph.microsoft.com/beta/a`
    /// and `/beta/a` give `/a`; a URL written without the version (`/me/x`) is taken as it is.
    pub fn path_below(self, url: &str) -> &str {
        let path = crate::url::url_path(url);
        let prefix = format!("/{}", self.as_str());
        match path.strip_prefix(&prefix) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
            _ => path,
        }
    }
}

#[cfg(test)]
mod path_tests {
    use super::*;
    use crate::PathTemplate;
    use crate::url::url_path;

    fn t(template: &str) -> PathTemplate {
        PathTemplate {
            template: template.into(),
            parameters: Vec::new(),
        }
    }

    #[test]
    fn example_urls_match_their_templates() {
        let tpl = t("/users/{id | userPrincipalName}/messages/{id}/move");
        assert_eq!(
            tpl.match_path("/users/a%2Fb/messages/m1/move"),
            Some(vec!["a/b".to_string(), "m1".to_string()])
        );
        assert_eq!(tpl.match_path("/users/a/messages/m1/copy"), None);
        assert_eq!(tpl.match_path("/users/a/move"), None);
        assert_eq!(tpl.match_path("/users//messages/m/move"), None);
        assert_eq!(t("/me/x").match_path("/me/x"), Some(vec![]));
        assert_eq!(
            t("/a/{id}").match_path("/a/100%"),
            Some(vec!["100%".to_string()])
        );
    }

    #[test]
    fn url_paths_lose_host_query_and_version() {
        assert_eq!(
            url_path("https://graph.microsoft.com/beta/a/b?x=1"),
            "/beta/a/b"
        );
        assert_eq!(url_path("/v1.0/me/x#frag"), "/v1.0/me/x");
        assert_eq!(url_path("https://host"), "");
        assert_eq!(
            ApiVersion::Beta.path_below("https://graph.microsoft.com/beta/a"),
            "/a"
        );
        assert_eq!(
            ApiVersion::V1.path_below("/me/drive/items/{item-id}/copy"),
            "/me/drive/items/{item-id}/copy"
        );
        assert_eq!(ApiVersion::Beta.path_below("/betamax/x"), "/betamax/x");
    }
}
