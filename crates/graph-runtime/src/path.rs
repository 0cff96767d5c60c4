//! Percent-encoding of path segments and query values, and path checks.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::Error;

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

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
        let decoded = percent_decode_str(segment).decode_utf8_lossy();
        if decoded == "." || decoded == ".." {
            return bad("must not contain '.' or '..' segments");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_encoding() {
        assert_eq!(
            encode_query("startswith(displayName,'a b')"),
            "startswith(displayName,'a%20b')"
        );
        assert_eq!(encode_query("a&b=c+d#e%"), "a%26b%3Dc%2Bd%23e%25");
        assert_eq!(encode_query("$select"), "$select");
        assert_eq!(encode_query("é"), "%C3%A9");
    }

    #[test]
    fn path_checks() {
        assert!(check_request_path("/me").is_ok());
        assert!(check_request_path("/users/a%2Fb/messages?$top=1").is_ok());
        assert!(check_request_path("/users/...").is_ok());
        for bad in [
            "me",
            "",
            "/me#x",
            "/me/../admin",
            "/me/%2e%2E/admin",
            "/me/.",
            "/a\\b",
            "/a b",
            "/a\nb",
        ] {
            assert!(
                matches!(check_request_path(bad), Err(Error::InvalidRequest(_))),
                "{bad:?}"
            );
        }
    }
}
