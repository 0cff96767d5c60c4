//! The canonical form of a documented path: keys in parentheses as segments, call segments
//! percent-encoded as the runtime sends them.

/// A documented path in the runtime's canonical form. The runtime percent-encodes every path
/// parameter; documented URLs may show a value raw (`user@contoso.com`) or encoded. Call segments
/// take [`canonical_call`]'s form, and the `:` that opens or closes an item path
/// (`root:/Docs/a b.txt:`, `items/{id}:/{fileName}:`) stays as it is.
pub(crate) fn canonical_path(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            let raw = percent_encoding::percent_decode_str(seg).decode_utf8_lossy();
            if let Some(call) = canonical_call(&raw) {
                return call;
            }
            // OData's own segments (`$ref`, `$value`, `$count`) are literals of the binding,
            // sent as written.
            if let Some(word) = raw.strip_prefix('$')
                && !word.is_empty()
                && word.chars().all(|c| c.is_ascii_alphabetic())
            {
                return raw.into_owned();
            }
            let (value, colon) = match raw.strip_suffix(':') {
                Some(v) if !v.is_empty() => (v, ":"),
                _ => (raw.as_ref(), ""),
            };
            graph_runtime::encode_path_segment("segment", value)
                .map(|v| format!("{v}{colon}"))
                .unwrap_or_else(|_| seg.to_string())
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` with each key in parentheses that `template` has as a placeholder segment written as
/// that segment: `/users('O''Brien')/x` for `/users/{id}/x` is `/users/O'Brien/x`. `None` when
/// there is no such key, or the rewritten path is no instance of `template`.
pub(crate) fn keys_as_segments(template: &str, path: &str) -> Option<String> {
    let want = graph_spec::template_segments(template);
    let mut out: Vec<String> = Vec::new();
    let mut changed = false;
    for seg in path.trim_start_matches('/').split('/') {
        let at = out.len();
        let key = seg
            .split_once('(')
            .and_then(|(name, rest)| Some((name, rest.strip_suffix(')')?)))
            .filter(|(name, key)| {
                !key.is_empty()
                    && !key.contains(['=', ','])
                    && want.get(at) == Some(name)
                    && want
                        .get(at + 1)
                        .is_some_and(|n| n.starts_with('{') && n.ends_with('}'))
            });
        match key {
            Some((name, key)) => {
                let decoded = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
                let value = match decoded
                    .strip_prefix('\'')
                    .and_then(|k| k.strip_suffix('\''))
                {
                    Some(q) => q.replace("''", "'"),
                    None => decoded.into_owned(),
                };
                out.push(name.to_string());
                out.push(value);
                changed = true;
            }
            None => out.push(seg.to_string()),
        }
    }
    let rewritten = format!("/{}", out.join("/"));
    let template = graph_spec::PathTemplate {
        template: template.to_string(),
        parameters: Vec::new(),
    };
    (changed && template.match_path(&rewritten).is_some()).then_some(rewritten)
}

/// A function call or alternate-key segment (`getX(period='D7')`, decoded) in the runtime's
/// canonical form: each quoted value percent-encoded inside its quotes (`''` kept doubled, an enum's
/// `Namespace.type` prefix kept before them), an unquoted one percent-encoded. `None` when the segment is not a call.
pub(crate) fn canonical_call(decoded: &str) -> Option<String> {
    let (name, rest) = decoded.split_once('(')?;
    let inner = rest.strip_suffix(')')?;
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    {
        return None;
    }
    let encode =
        |s: &str| graph_runtime::encode_path_segment("value", s).unwrap_or_else(|_| s.to_string());
    let mut args = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !inner.is_empty() {
        parts.push(&inner[start..]);
    }
    for part in parts {
        let (prefix, value) = match part.split_once('=') {
            Some((n, v)) => (format!("{}=", n.trim()), v.trim()),
            None => (String::new(), part.trim()),
        };
        let literal = match value.find('\'') {
            Some(q) if value.ends_with('\'') && value.len() > q + 1 => {
                let content = &value[q + 1..value.len() - 1];
                format!("{}'{}'", encode(&value[..q]), encode(content))
            }
            _ => encode(value),
        };
        args.push(format!("{prefix}{literal}"));
    }
    Some(format!("{name}({})", args.join(",")))
}

#[cfg(test)]
mod tests {
    use super::{canonical_call, canonical_path};

    #[test]
    fn keys_in_parentheses_become_segments() {
        use super::keys_as_segments;
        let t = "/users/{usersId}/m/getAll(owner='{o}')/delta";
        assert_eq!(
            keys_as_segments(t, "/users('O''Brien')/m/getAll(owner='x')/delta").as_deref(),
            Some("/users/O'Brien/m/getAll(owner='x')/delta")
        );
        assert_eq!(
            keys_as_segments(t, "/users(u1)/m/getAll(owner='x')/delta").as_deref(),
            Some("/users/u1/m/getAll(owner='x')/delta")
        );
        // Already a segment, or a call the template has: nothing to rewrite.
        assert_eq!(
            keys_as_segments(t, "/users/u1/m/getAll(owner='x')/delta"),
            None
        );
        assert_eq!(
            keys_as_segments("/apps(appId='{a}')/x", "/apps(appId='1')/x"),
            None
        );
    }

    #[test]
    fn item_paths_keep_their_colons() {
        assert_eq!(
            canonical_path("/v1.0/me/drive/root:/Docs/a b.txt:/preview"),
            "/v1.0/me/drive/root:/Docs/a%20b.txt:/preview"
        );
        assert_eq!(
            canonical_path("/v1.0/me/drive/items/p1:/a%3Ab.txt:/createUploadSession"),
            "/v1.0/me/drive/items/p1:/a%3Ab.txt:/createUploadSession"
        );
        assert_eq!(
            canonical_path("/v1.0/users/a@b.com/x"),
            "/v1.0/users/a%40b.com/x"
        );
    }

    #[test]
    fn call_segments_take_the_runtime_form() {
        assert_eq!(
            canonical_call("getX(period='D7')").as_deref(),
            Some("getX(period='D7')")
        );
        assert_eq!(
            canonical_call("f(on='O''Brien',n=3)").as_deref(),
            Some("f(on='O%27%27Brien',n=3)")
        );
        assert_eq!(
            canonical_call(
                "supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'Iana')"
            )
            .as_deref(),
            Some("supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'Iana')")
        );
        assert_eq!(canonical_call("delta()").as_deref(), Some("delta()"));
        assert_eq!(canonical_call("users"), None);
    }
}
