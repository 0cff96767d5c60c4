//! Parts of a documented URL: its path, its query, percent-decoding.

/// The query of a documented URL as `(name, value)` pairs, percent-decoded, in order:
/// `...?$select=displayName,mail&$top=5` gives `[("$select", "displayName,mail"), ("$top", "5")]`.
/// Docs often write values unencoded (`$orderby=displayName desc`); those stay as written. A `+`
/// is a space, as in any query string (`$filter=id+eq+'x'`; a plus sign is `%2B`). A fragment is
/// dropped; a pair without `=` has an empty value.
pub fn url_query(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else {
        return Vec::new();
    };
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |part: &str| percent_decode(&part.replace('+', " "));
            (decode(name), decode(value))
        })
        .collect()
}

/// The path of a documented URL, without scheme, host, query or fragment:
/// `https://graph.microsoft.com/beta/a/b?x=1` -> `/beta/a/b`; a relative `/me/x` stays as it is.
pub fn url_path(url: &str) -> &str {
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => url,
    };
    path.split(['?', '#']).next().unwrap_or(path)
}

/// `%2F` -> `/`; an invalid escape is kept as it is.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
