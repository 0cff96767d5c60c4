//! Matching a documented URL path against a path template, segment by segment, with OData's
//! other spellings of one address (see [`PathTemplate::match_path`](crate::PathTemplate::match_path)).

use crate::url::percent_decode;

/// The segments of a path template: split at `/`, except inside a `{placeholder}` (the docs
/// write item paths as `root:/{path/to/file}:`).
pub fn template_segments(template: &str) -> Vec<&str> {
    let template = template.trim_start_matches('/');
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in template.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '/' if depth == 0 => {
                out.push(&template[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&template[start..]);
    out
}

fn is_placeholder(s: &str) -> bool {
    s.len() >= 2 && s.starts_with('{') && s.ends_with('}')
}

pub(crate) fn match_segments(want: &[&str], have: &[&str], values: &mut Vec<String>) -> bool {
    let (Some((w, want_rest)), Some((h, have_rest))) = (want.split_first(), have.split_first())
    else {
        return want.is_empty() && have.is_empty();
    };
    if is_placeholder(w) {
        if h.is_empty() {
            return false;
        }
        values.push(percent_decode(h));
        return match_segments(want_rest, have_rest, values);
    }
    // `root:/{item-path}:`: the item path runs up to the segment that ends with `:`.
    if let Some(p) = w.strip_suffix(':')
        && is_placeholder(p)
    {
        for (i, seg) in have.iter().enumerate() {
            if let Some(last) = seg.strip_suffix(':') {
                let mut parts: Vec<&str> = have[..i].to_vec();
                parts.push(last);
                if parts.iter().any(|p| p.is_empty()) {
                    return false;
                }
                let decoded: Vec<String> = parts.iter().map(|p| percent_decode(p)).collect();
                values.push(decoded.join("/"));
                return match_segments(want_rest, &have[i + 1..], values);
            }
        }
        return false;
    }
    // `users({id})` for `users/{id}`.
    if let Some((name, key)) = call_parts(h)
        && name == *w
        && let Some((next, after)) = want_rest.split_first()
        && is_placeholder(next)
        && !key.is_empty()
        && !key.contains(['=', ','])
    {
        let key = key
            .strip_prefix('\'')
            .and_then(|k| k.strip_suffix('\''))
            .map_or_else(
                || percent_decode(key),
                |k| percent_decode(k).replace("''", "'"),
            );
        values.push(key);
        return match_segments(after, have_rest, values);
    }
    if w.contains('(') {
        return calls_match(w, h) && match_segments(want_rest, have_rest, values);
    }
    w == h && match_segments(want_rest, have_rest, values)
}

/// `name(inner)` -> `(name, inner)`.
fn call_parts(segment: &str) -> Option<(&str, &str)> {
    let (name, rest) = segment.split_once('(')?;
    Some((name, rest.strip_suffix(')')?))
}

/// The arguments of a call's inner text, split at the commas outside quoted literals
/// (`a='x,y',b=3` -> `a='x,y'`, `b=3`), untrimmed.
pub fn split_call_args(inner: &str) -> Vec<&str> {
    let mut quoted = false;
    let mut start = 0;
    let mut pieces = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                pieces.push(inner.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(inner.get(start..).unwrap_or_default());
    pieces
}

/// The argument names of a call's inner text (`a='x',b=3` -> `a`, `b`); a positional argument
/// gives an empty name.
fn arg_names(inner: &str) -> Vec<String> {
    let mut names = Vec::new();
    for piece in split_call_args(inner) {
        if piece.trim().is_empty() {
            continue;
        }
        names.push(match piece.split_once('=') {
            Some((n, _)) if !n.contains('\'') => n.trim().to_ascii_lowercase(),
            _ => String::new(),
        });
    }
    names
}

/// Whether the documented call `have` calls the template's call `want`: the same name, and
/// every argument it passes is one the template has (some may be left out).
fn calls_match(want: &str, have: &str) -> bool {
    let have = percent_decode(have);
    let (Some((wn, wi)), Some((hn, hi))) = (call_parts(want), call_parts(&have)) else {
        return false;
    };
    if !wn.eq_ignore_ascii_case(hn) {
        return false;
    }
    let want_args = arg_names(wi);
    let have_args = arg_names(hi);
    if want_args.iter().any(String::is_empty) || have_args.iter().any(String::is_empty) {
        return want_args.len() == have_args.len();
    }
    have_args.iter().all(|a| want_args.contains(a))
}

#[cfg(test)]
mod tests {
    use super::split_call_args;
    use crate::PathTemplate;

    fn t(template: &str) -> PathTemplate {
        PathTemplate {
            template: template.into(),
            parameters: Vec::new(),
        }
    }

    #[test]
    fn call_arguments_split_at_commas_outside_quotes() {
        assert_eq!(
            split_call_args("a='x,y',b=3, c='it''s'"),
            ["a='x,y'", "b=3", " c='it''s'"]
        );
        assert_eq!(split_call_args(""), [""]);
        assert_eq!(split_call_args("'unclosed,x"), ["'unclosed,x"]);
    }

    #[test]
    fn odata_spellings_of_an_address_match() {
        let tpl = t("/users/{usersId}/meetings/getAll(organizer='{userId}',start={start})/delta");
        assert_eq!(
            tpl.match_path("/users/u1/meetings/getAll(organizer='u1')/delta"),
            Some(vec!["u1".to_string()])
        );
        assert_eq!(
            tpl.match_path(
                "/users(u1)/meetings/getAll(organizer='u1',start=2024-01-01T00:00:00Z)/delta"
            ),
            Some(vec!["u1".to_string()])
        );
        assert_eq!(
            tpl.match_path("/users('O''Brien')/meetings/getAll()/delta"),
            Some(vec!["O'Brien".to_string()])
        );
        assert_eq!(
            tpl.match_path("/users/u1/meetings/getAll(other='x')/delta"),
            None
        );
        assert_eq!(tpl.match_path("/users/u1/meetings/getNone()/delta"), None);
        let upload = t("/me/drive/items/{parentItemId}:/{fileName}:/createUploadSession");
        assert_eq!(
            upload.match_path("/me/drive/items/p1:/a%20b.txt:/createUploadSession"),
            Some(vec!["p1".to_string(), "a b.txt".to_string()])
        );
        let slashed = t("/drives/{driveId}/root:/{path/to/file}:/preview");
        assert_eq!(
            slashed.match_path("/drives/d/root:/x/y.txt:/preview"),
            Some(vec!["d".to_string(), "x/y.txt".to_string()])
        );
        assert_eq!(
            super::template_segments("/a/root:/{p/q}:/b"),
            ["a", "root:", "{p/q}:", "b"]
        );
        let item = t("/drives/{drive-id}/root:/{item-path}:/label");
        assert_eq!(
            item.match_path("/drives/d/root:/a%20b/c.txt:/label"),
            Some(vec!["d".to_string(), "a b/c.txt".to_string()])
        );
        assert_eq!(
            item.match_path("/drives/d/root:/x.txt:/label"),
            Some(vec!["d".to_string(), "x.txt".to_string()])
        );
        assert_eq!(item.match_path("/drives/d/root:/a/b/label"), None);
        assert_eq!(item.match_path("/drives/d/root:/a//b:/label"), None);
        assert_eq!(item.match_path("/drives/d/items/x/label"), None);
    }
}
