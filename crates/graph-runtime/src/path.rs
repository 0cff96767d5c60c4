//! Percent-encoding of path segments and query values, and the checks of a request path and of a
//! preauthenticated download URL.

use percent_encoding::{AsciiSet, percent_decode_str, utf8_percent_encode};
use reqwest::Url;

use crate::Error;
use crate::percent::SEGMENT;

/// Characters kept as they are in a query name or value: the unreserved ones
/// plus the sub-delimiters OData expressions use. `&`, `=`, `+`, `#`, `%`,
/// spaces and non-ASCII are always encoded.
const QUERY: &AsciiSet = &SEGMENT
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'!')
    .remove(b'*');

/// Percent-encodes one path segment value.
///
/// Every byte except the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`)
/// is percent-encoded, so a value containing `/`, `?`, `#`, `%` or `\` can
/// never change the path. Values that are empty, `.` or `..` are rejected
/// with [`Error::InvalidRequest`] naming `parameter`: URL parsers treat `.`
/// and `..` as dot-segments even when percent-encoded.
///
/// ```
/// # use graph_runtime::encode_path_segment;
/// assert_eq!(encode_path_segment("id", "a/b?c#d%e").unwrap(), "a%2Fb%3Fc%23d%25e");
/// assert!(encode_path_segment("id", "..").is_err());
/// ```
pub fn encode_path_segment(parameter: &str, value: &str) -> Result<String, Error> {
    match value {
        "" => Err(Error::InvalidRequest(format!(
            "path parameter `{parameter}` must not be empty"
        ))),
        "." | ".." => Err(Error::InvalidRequest(format!(
            "path parameter `{parameter}` must not be `{value}` (a dot-segment would change the path)"
        ))),
        _ => Ok(utf8_percent_encode(value, SEGMENT).to_string()),
    }
}

/// Percent-encodes a query parameter name or value.
pub(crate) fn encode_query(value: &str) -> String {
    utf8_percent_encode(value, QUERY).to_string()
}

/// Checks a request path (with an optional query string): it must start with
/// `/`, contain no fragment, backslash, whitespace or control character, and
/// no dot-segment (plain or percent-encoded).
pub(crate) fn check_request_path(path: &str) -> Result<(), Error> {
    let bad = |why: &str| {
        Err(Error::InvalidRequest(format!(
            "request path {why}: {:?}",
            crate::error::snippet(path.as_bytes(), 200)
        )))
    };
    if !path.starts_with('/') {
        return bad("must start with '/'");
    }
    if path.contains('#') {
        return bad("must not contain '#'");
    }
    if path.contains('\\') {
        return bad("must not contain '\\'");
    }
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("must not contain whitespace or control characters");
    }
    let path_part = path.split('?').next().unwrap_or_default();
    for segment in path_part.split('/').skip(1) {
        // Decoding (which allocates for the lossy UTF-8 check) is needed only when there is
        // something to decode.
        let dot_segment = if segment.contains('%') {
            let decoded = percent_decode_str(segment).decode_utf8_lossy();
            decoded == "." || decoded == ".."
        } else {
            segment == "." || segment == ".."
        };
        if dot_segment {
            return bad("must not contain '.' or '..' segments");
        }
    }
    Ok(())
}

/// Checks a preauthenticated download URL: `http(s)`, no user credentials, no fragment. Its host
/// is not checked (it is another host by design); the token is never sent to it.
pub(crate) fn download_url(raw: &str) -> Result<Url, Error> {
    let url =
        Url::parse(raw).map_err(|e| Error::InvalidRequest(format!("invalid download URL: {e}")))?;
    if !matches!(url.scheme(), "https" | "http")
        || !url.username().is_empty()
        || url.password().is_some()
        || url.fragment().is_some()
    {
        return Err(Error::InvalidRequest(
            "a download URL must be http(s), without credentials or fragment".to_owned(),
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests;

/// A request path under construction: literal segments and percent-encoded parameters.
///
/// Generated request builders carry one of these down the navigation chain, so that a call such
/// as `users().by_id(id).assign_license(..)` cannot fail half-way through the chain: an invalid
/// parameter value (empty, `.` or `..`) is remembered and reported by [`RequestPath::finish`] when
/// the request is sent, as [`Error::InvalidRequest`], and nothing goes on the wire.
///
/// Beside the encoded path it keeps the path's *template*, with `{name}` for each parameter, which
/// is what the client's tracing span records (so IDs and user names stay out of logs).
///
/// ```
/// # use graph_runtime::RequestPath;
/// let path = RequestPath::new().segment("users").param("id", "a/b?c").segment("assignLicense");
/// assert_eq!(path.template(), "/users/{id}/assignLicense");
/// let path = path.finish().unwrap();
/// assert_eq!(path, "/users/a%2Fb%3Fc/assignLicense");
/// assert_eq!(path.template(), Some("/users/{id}/assignLicense"));
/// assert!(RequestPath::new().segment("users").param("id", "..").finish().is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestPath {
    path: String,
    template: String,
    error: Option<String>,
}

impl RequestPath {
    /// The empty path (the API version's root).
    pub fn new() -> RequestPath {
        RequestPath::default()
    }

    /// Appends `/literal` as it is. Only for segments known at compile time (generated code).
    pub fn segment(mut self, literal: &str) -> RequestPath {
        self.path.push('/');
        self.path.push_str(literal);
        self.template.push('/');
        self.template.push_str(literal);
        self
    }

    /// Appends `/value`, percent-encoded (see [`encode_path_segment`]); `name` names it in errors
    /// and stands for it in the [template](Self::template) as `{name}`.
    pub fn param(mut self, name: &str, value: &str) -> RequestPath {
        self.template.push_str("/{");
        self.template.push_str(name);
        self.template.push('}');
        match encode_path_segment(name, value) {
            Ok(encoded) => {
                self.path.push('/');
                self.path.push_str(&encoded);
            }
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(match e {
                        Error::InvalidRequest(message) => message,
                        other => other.to_string(),
                    });
                }
                self.path.push_str("/-");
            }
        }
        self
    }

    /// Appends a function call `/name(p1=<literal>,p2=<literal>)` (`/delta()` without
    /// parameters). `name` is a compile-time name (generated code); each value is a
    /// [`Literal`](crate::Literal), formatted and percent-encoded by its EDM type, so no value can
    /// change the path. The [template](Self::template) shows `{p1}` for each value.
    ///
    /// ```
    /// # use graph_runtime::{Literal, RequestPath};
    /// let path = RequestPath::new()
    ///     .segment("reports")
    ///     .function("getTeamsUserActivityCounts", &[("period", Literal::string("D7"))]);
    /// assert_eq!(path.encoded(), "/reports/getTeamsUserActivityCounts(period='D7')");
    /// assert_eq!(path.template(), "/reports/getTeamsUserActivityCounts(period={period})");
    /// ```
    pub fn function(self, name: &str, params: &[(&str, crate::Literal)]) -> RequestPath {
        let params: Vec<(&str, Option<crate::Literal>)> =
            params.iter().map(|(p, l)| (*p, Some(l.clone()))).collect();
        self.function_opt(name, &params)
    }

    /// [`function`](Self::function) with optional parameters: a `None` value is left out of the
    /// call (OData's optional function parameters), `Some` is sent as for `function`.
    ///
    /// ```
    /// # use graph_runtime::{Literal, RequestPath};
    /// let path = RequestPath::new().function_opt(
    ///     "getAllTranscripts",
    ///     &[("meetingOrganizerUserId", Some(Literal::string("u1"))), ("startDateTime", None)],
    /// );
    /// assert_eq!(path.encoded(), "/getAllTranscripts(meetingOrganizerUserId='u1')");
    /// assert_eq!(path.template(), "/getAllTranscripts(meetingOrganizerUserId={meetingOrganizerUserId})");
    /// ```
    pub fn function_opt(
        mut self,
        name: &str,
        params: &[(&str, Option<crate::Literal>)],
    ) -> RequestPath {
        let params: Vec<(&str, &crate::Literal)> = params
            .iter()
            .filter_map(|(p, l)| l.as_ref().map(|l| (*p, l)))
            .collect();
        self.path.push('/');
        self.path.push_str(name);
        self.path.push('(');
        self.template.push('/');
        self.template.push_str(name);
        self.template.push('(');
        for (i, (param, literal)) in params.iter().enumerate() {
            if i > 0 {
                self.path.push(',');
                self.template.push(',');
            }
            self.path.push_str(param);
            self.path.push('=');
            self.path.push_str(literal.as_str());
            self.template.push_str(param);
            self.template.push_str("={");
            self.template.push_str(param);
            self.template.push('}');
        }
        self.path.push(')');
        self.template.push(')');
        self
    }

    /// Appends an OData path-based address `/{base}:/{item path}:` (`/root:/docs/a%20b.txt:`), as
    /// in `/me/drive/root:/{item-path}:/children`. The item path is split at `/`; each of its
    /// segments is percent-encoded as a [`param`](Self::param) value (so `:`, `?`, `#`, `%` and
    /// `\\` are encoded and cannot end the address or the path), and `/` is kept between them.
    /// One leading `/` is allowed and dropped. An empty item path, an empty segment (`a//b`, a
    /// trailing `/`) or a `.` or `..` segment is refused as for `param`. An empty `base` makes
    /// the path relative to the item the path so far names: `/items/{id}:/{fileName}:`.
    ///
    /// ```
    /// # use graph_runtime::RequestPath;
    /// let path = RequestPath::new().segment("me").segment("drive").item_path("root", "item-path", "docs/a b:c.txt");
    /// assert_eq!(path.encoded(), "/me/drive/root:/docs/a%20b%3Ac.txt:");
    /// assert_eq!(path.template(), "/me/drive/root:/{item-path}:");
    /// assert!(RequestPath::new().item_path("root", "p", "a/../b").finish().is_err());
    /// let upload = RequestPath::new().segment("items").param("id", "p1").item_path("", "fileName", "a.txt");
    /// assert_eq!(upload.encoded(), "/items/p1:/a.txt:");
    /// ```
    pub fn item_path(mut self, base: &str, name: &str, value: &str) -> RequestPath {
        if !base.is_empty() {
            self.template.push('/');
        }
        self.template.push_str(base);
        self.template.push_str(":/{");
        self.template.push_str(name);
        self.template.push_str("}:");
        let trimmed = value.strip_prefix('/').unwrap_or(value);
        let encoded: Result<Vec<String>, Error> = if trimmed.is_empty() {
            Err(Error::InvalidRequest(format!(
                "item path `{name}` must not be empty"
            )))
        } else {
            trimmed
                .split('/')
                .map(|segment| {
                    encode_path_segment(name, segment).map_err(|e| match e {
                        Error::InvalidRequest(m) => Error::InvalidRequest(format!(
                            "{m} (in the item path `{name}`, whose segments are separated by `/`)"
                        )),
                        other => other,
                    })
                })
                .collect()
        };
        match encoded {
            Ok(segments) => {
                if !base.is_empty() {
                    self.path.push('/');
                }
                self.path.push_str(base);
                self.path.push_str(":/");
                self.path.push_str(&segments.join("/"));
                self.path.push(':');
            }
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(match e {
                        Error::InvalidRequest(message) => message,
                        other => other.to_string(),
                    });
                }
                self.path.push_str("/-");
            }
        }
        self
    }

    /// Appends an alternate-key segment `/collection(key=<literal>)`, e.g.
    /// `/applications(appId='…')`; see [`function`](Self::function) for the literal.
    ///
    /// ```
    /// # use graph_runtime::{Literal, RequestPath};
    /// let path = RequestPath::new().key("servicePrincipals", "appId", Literal::string("O'Brien"));
    /// assert_eq!(path.encoded(), "/servicePrincipals(appId='O%27%27Brien')");
    /// assert_eq!(path.template(), "/servicePrincipals(appId={appId})");
    /// ```
    pub fn key(self, collection: &str, key: &str, literal: crate::Literal) -> RequestPath {
        self.function(collection, &[(key, literal)])
    }

    /// The path so far, with `-` standing in for an invalid parameter (for mocks and messages).
    pub fn encoded(&self) -> &str {
        &self.path
    }

    /// The path so far with `{name}` in place of each parameter value, e.g. `/users/{id}/manager`.
    pub fn template(&self) -> &str {
        &self.template
    }

    /// The encoded path with its template, or the first invalid parameter as
    /// [`Error::InvalidRequest`].
    pub fn finish(self) -> Result<EncodedPath, Error> {
        match self.error {
            None => Ok(EncodedPath {
                path: self.path,
                template: Some(self.template),
            }),
            Some(message) => Err(Error::InvalidRequest(message)),
        }
    }
}

/// An encoded request path, and the template it was built from when it is known.
///
/// This is what [`Request::new`](crate::Request::new) takes. [`RequestPath::finish`] makes one
/// with a template; a plain `String` or `&str` converts into one without (the client's tracing
/// span then records the path itself, so set
/// [`Request::path_template`](crate::Request::path_template) when the path holds values that
/// should stay out of logs). It dereferences to the encoded path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedPath {
    path: String,
    template: Option<String>,
}

impl EncodedPath {
    /// The encoded path.
    pub fn as_str(&self) -> &str {
        &self.path
    }

    /// The template (`{name}` for each parameter), when the path was built by a [`RequestPath`].
    pub fn template(&self) -> Option<&str> {
        self.template.as_deref()
    }

    /// The encoded path and the template.
    pub fn into_parts(self) -> (String, Option<String>) {
        (self.path, self.template)
    }
}

impl std::ops::Deref for EncodedPath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.path
    }
}

impl AsRef<str> for EncodedPath {
    fn as_ref(&self) -> &str {
        &self.path
    }
}

impl std::fmt::Display for EncodedPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)
    }
}

impl PartialEq<str> for EncodedPath {
    fn eq(&self, other: &str) -> bool {
        self.path == other
    }
}

impl PartialEq<&str> for EncodedPath {
    fn eq(&self, other: &&str) -> bool {
        self.path == *other
    }
}

impl From<EncodedPath> for String {
    fn from(path: EncodedPath) -> String {
        path.path
    }
}

impl From<String> for EncodedPath {
    fn from(path: String) -> EncodedPath {
        EncodedPath {
            path,
            template: None,
        }
    }
}

impl From<&String> for EncodedPath {
    fn from(path: &String) -> EncodedPath {
        EncodedPath::from(path.clone())
    }
}

impl From<&str> for EncodedPath {
    fn from(path: &str) -> EncodedPath {
        EncodedPath::from(path.to_owned())
    }
}

impl From<std::borrow::Cow<'_, str>> for EncodedPath {
    fn from(path: std::borrow::Cow<'_, str>) -> EncodedPath {
        EncodedPath::from(path.into_owned())
    }
}
