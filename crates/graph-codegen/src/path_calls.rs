//! Path segments beyond names, placeholders and alternate keys: functions called in the middle of a
//! path (`getAllTranscripts(meetingOrganizerUserId='{userId}',startDateTime={startDateTime})` in
//! `.../onlineMeetings/getAllTranscripts(..)/delta`) and OData item paths (`root:/{item-path}:`),
//! and matching documented URLs against templates that hold them.

use graph_spec::{EdmType, Parameter, Primitive};

use crate::calls::{Call, call_values, parse_call};
use crate::fn_args::{ArgKind, FnArg, arg_ident};

/// What a documented URL passes a binding: the path parameter values, then the final function
/// call's argument values (`None` for one left out), as [`match_template`] gives them.
pub type ExampleValues = (Vec<Option<String>>, Vec<Option<String>>);

/// Types the arguments of `call` from the spec's parameters of that function (`params`), else by
/// the template's quoting. An error names what cannot be typed.
pub(crate) fn path_args(call: &Call, params: &[Parameter]) -> Result<Vec<FnArg>, String> {
    let mut out: Vec<FnArg> = Vec::new();
    for arg in &call.args {
        let Some(wire) = &arg.name else {
            return Err(format!(
                "function `{}` in the path has a positional argument: only named parameters are generated",
                call.name
            ));
        };
        let doc = params.iter().find(|p| p.name.eq_ignore_ascii_case(wire));
        let ty = match doc.map(|p| &p.ty) {
            Some(EdmType::Primitive(Primitive::String)) => None,
            None | Some(EdmType::Named(_)) if arg.quoted && arg.type_prefix.is_none() => None,
            Some(EdmType::Primitive(
                p @ (Primitive::Boolean
                | Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64
                | Primitive::Single
                | Primitive::Double
                | Primitive::Guid
                | Primitive::DateTimeOffset
                | Primitive::Date),
            )) if !arg.quoted => Some(*p),
            Some(other) => {
                return Err(format!(
                    "parameter `{wire}` of `{}` in the path has type `{other}`, which this generator does not send there",
                    call.name
                ));
            }
            None => {
                return Err(format!(
                    "parameter `{wire}` of `{}` in the path is unquoted in the template and not documented: its type is unknown",
                    call.name
                ));
            }
        };
        let ident = arg_ident(wire, &out, &[]);
        out.push(FnArg {
            wire: wire.clone(),
            type_prefix: None,
            ident,
            kind: ty.map_or(ArgKind::Str, ArgKind::Value),
            description: doc.map(|p| p.description.clone()),
            optional: doc.is_some_and(|p| p.required == Some(false)),
        });
    }
    Ok(out)
}

/// The template's segments (split at `/` outside placeholders, see
/// [`graph_spec::template_segments`]), with an item path joined into one: `root:` then
/// `{item-path}:` is `root:/{item-path}:`; an item path relative to an item, `{parentItemId}:`
/// then `{fileName}:`, is `{parentItemId}` then `:/{fileName}:`.
pub fn join_item_paths(template: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in graph_spec::template_segments(template) {
        let is_item_path = piece.starts_with('{') && piece.ends_with("}:");
        let prev = out.last_mut();
        match prev {
            Some(prev) if is_item_path && prev.ends_with(':') && !prev.contains('/') => {
                if prev.starts_with('{') && prev.ends_with("}:") {
                    // Relative to the item the placeholder names.
                    prev.pop();
                    out.push(format!(":/{piece}"));
                } else {
                    prev.push('/');
                    prev.push_str(piece);
                }
            }
            _ => out.push(piece.to_string()),
        }
    }
    // `root:/{item-path}` at the end of a URL, without the closing colon (Graph takes both
    // spellings there): the same item path.
    if let [.., prev, last] = out.as_slice()
        && prev.ends_with(':')
        && !prev.contains('/')
        && !prev.starts_with('{')
        && last.starts_with('{')
        && last.ends_with('}')
    {
        let joined = format!("{prev}/{last}:");
        out.truncate(out.len() - 2);
        out.push(joined);
    }
    out
}

/// `root:/{item-path}:` -> `("root", "item-path")`; `:/{fileName}:` (relative to the item before
/// it) -> `("", "fileName")`.
pub fn parse_item_path(segment: &str) -> Option<(String, String)> {
    let (base, rest) = segment.split_once(":/")?;
    let name = rest.strip_prefix('{')?.strip_suffix("}:")?;
    let valid = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'));
    (valid(base) && valid_name).then(|| (base.to_string(), name.to_string()))
}

/// The child key, module and type names of an item path: `root:/{item-path}:` gives
/// `root:/{}:`, `root_path` and `RootPath`.
pub fn item_path_names(base: &str) -> Option<(String, String, String)> {
    if base.is_empty() {
        // `items/{id}:/{fileName}:` is `.items().by_id(id).path(file_name)`.
        return Some((":/{}:".into(), "path".into(), "Path".into()));
    }
    Some((
        format!("{base}:/{{}}:"),
        format!("{}_path", crate::naming::snake(base)?),
        format!("{}Path", crate::naming::pascal(base)?),
    ))
}

/// The values a documented call segment passes to `call`, by parameter name and in the template's
/// order: `None` for one it leaves out. `None` when `segment` does not call `call` or passes a
/// parameter the template does not have.
pub fn values_by_name(call: &Call, segment: &str) -> Option<Vec<Option<String>>> {
    let (name, _) = segment.split_once('(')?;
    if crate::calls::percent_decode(name) != call.name {
        return None;
    }
    // Each argument the segment passes, matched to the template's by name.
    let (_, rest) = segment.split_once('(')?;
    let inner = rest.strip_suffix(')')?;
    let mut values = vec![None; call.args.len()];
    for part in crate::calls::split_args(inner) {
        let (name, _) = part.split_once('=')?;
        let i = call.args.iter().position(|a| {
            a.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name.trim()))
        })?;
        let one = Call {
            name: call.name.clone(),
            args: vec![call.args[i].clone()],
        };
        let value = call_values(&one, &format!("{}({part})", call.name))?;
        values[i] = value.into_iter().next();
    }
    Some(values)
}

/// Matches a documented URL path against a template: the path parameter values in order
/// (whole-segment placeholders, alternate keys, item paths, and the arguments of functions called
/// mid-path, `None` for one left out), and the values of a final function call (`None` for a
/// named argument left out). A key written in
/// parentheses (`users(abc)` for `users/{id}`) matches too. `None` when the path does not call
/// this template.
pub fn match_template(template: &str, path: &str) -> Option<ExampleValues> {
    let want = join_item_paths(template);
    let have: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut path_values = Vec::new();
    let mut call_args = Vec::new();
    let (mut wi, mut hi) = (0, 0);
    while wi < want.len() {
        let w = want[wi].as_str();
        let h = *have.get(hi)?;
        let last = wi + 1 == want.len();
        if let Some((base, _)) = parse_item_path(w) {
            // `root:` starts the address; a relative one starts right after its item.
            let first = if base.is_empty() {
                hi
            } else {
                let start = h.strip_prefix(&format!("{base}:"))?;
                if !start.is_empty() {
                    return None;
                }
                hi + 1
            };
            // At the end of a URL the closing `:` may be left out (`root:/a/b.txt`).
            let end = match (first..have.len()).find(|&i| have[i].ends_with(':')) {
                Some(end) => end,
                None if last && first < have.len() => have.len() - 1,
                None => return None,
            };
            let parts: Vec<String> = have[first..=end]
                .iter()
                .map(|p| crate::calls::percent_decode(p.strip_suffix(':').unwrap_or(p)))
                .collect();
            if parts.iter().any(String::is_empty) {
                return None;
            }
            path_values.push(Some(parts.join("/")));
            hi = end + 1;
        } else if w.starts_with('{') && w.ends_with('}') {
            // The item an item path is relative to ends with the address's `:`.
            let relative = want.get(wi + 1).is_some_and(|n| n.starts_with(":/"));
            let h = if relative { h.strip_suffix(':')? } else { h };
            if h.is_empty() {
                return None;
            }
            path_values.push(Some(crate::calls::percent_decode(h)));
            hi += 1;
        } else if w.contains('(') {
            let call = parse_call(w)?;
            if last {
                // Named arguments may be left out (optional ones); positional ones may not.
                call_args = if call.args.iter().all(|a| a.name.is_some()) {
                    values_by_name(&call, h)?
                } else {
                    call_values(&call, h)?.into_iter().map(Some).collect()
                };
            } else if call.as_key().is_some() {
                path_values.extend(call_values(&call, h)?.into_iter().map(Some));
            } else {
                path_values.extend(values_by_name(&call, h)?);
            }
            hi += 1;
        } else if let Some(key) = h
            .strip_prefix(w)
            .and_then(|r| r.strip_prefix('('))
            .and_then(|r| r.strip_suffix(')'))
            .filter(|k| !k.is_empty() && !k.contains('='))
            && want
                .get(wi + 1)
                .is_some_and(|n| n.starts_with('{') && n.ends_with('}'))
        {
            let key = crate::calls::percent_decode(key);
            let key = match key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')) {
                Some(q) => q.replace("''", "'"),
                None => key,
            };
            path_values.push(Some(key));
            wi += 1;
            hi += 1;
        } else if w == h {
            hi += 1;
        } else {
            return None;
        }
        wi += 1;
    }
    (hi == have.len()).then_some((path_values, call_args))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(name: &str, ty: &str, required: Option<bool>) -> Parameter {
        Parameter {
            name: name.into(),
            ty: ty.parse().expect("type"),
            description: String::new(),
            required,
            source: graph_spec::FactSource::Template,
            properties: Vec::new(),
        }
    }

    #[test]
    fn path_arguments_are_typed_by_the_spec_or_the_quoting() {
        let call = parse_call("getAll(organizer='{userId}',since={since},n={n})").expect("call");
        let args = path_args(
            &call,
            &[
                param("since", "Edm.DateTimeOffset", Some(false)),
                param("n", "Edm.Int32", None),
            ],
        )
        .expect("typed");
        let got: Vec<(&str, ArgKind, bool)> = args
            .iter()
            .map(|a| (a.ident.as_str(), a.kind.clone(), a.optional))
            .collect();
        assert_eq!(
            got,
            [
                ("organizer", ArgKind::Str, false),
                ("since", ArgKind::Value(Primitive::DateTimeOffset), true),
                ("n", ArgKind::Value(Primitive::Int32), false),
            ]
        );
        assert!(
            path_args(&call, &[]).is_err(),
            "`since` is unquoted and untyped"
        );
    }

    #[test]
    fn item_paths_are_one_segment() {
        assert_eq!(
            join_item_paths("/drives/{d}/root:/{item-path}:/children"),
            ["drives", "{d}", "root:/{item-path}:", "children"]
        );
        assert_eq!(
            parse_item_path("root:/{item-path}:"),
            Some(("root".into(), "item-path".into()))
        );
        assert_eq!(parse_item_path("root:/x:"), None);
        assert_eq!(
            join_item_paths("/me/drive/items/{parentItemId}:/{fileName}:/createUploadSession"),
            [
                "me",
                "drive",
                "items",
                "{parentItemId}",
                ":/{fileName}:",
                "createUploadSession"
            ]
        );
        assert_eq!(
            parse_item_path(":/{fileName}:"),
            Some((String::new(), "fileName".into()))
        );
        assert_eq!(
            join_item_paths("/drives/{d}/root:/{path/to/file}:/preview"),
            ["drives", "{d}", "root:/{path/to/file}:", "preview"]
        );
        assert_eq!(
            item_path_names("root"),
            Some(("root:/{}:".into(), "root_path".into(), "RootPath".into()))
        );
    }

    #[test]
    fn templates_match_documented_paths() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            match_template(
                "/servicePrincipals(appId='{appId}')/x",
                "/servicePrincipals(appId='65415bb1')/x"
            ),
            Some((vec![s("65415bb1")], vec![]))
        );
        assert_eq!(
            match_template(
                "/reports/getX(period='{period_value}')",
                "/reports/getX(period='D7')"
            ),
            Some((vec![], vec![s("D7")]))
        );
        assert_eq!(
            match_template("/users/{id}/delta()", "/users/a%40b/delta()"),
            Some((vec![s("a@b")], vec![]))
        );
        assert_eq!(
            match_template("/reports/getX(period='{p}')", "/reports/getY(period='D7')"),
            None
        );
        assert_eq!(match_template("/a/b", "/a/c"), None);
        let mid = "/users/{usersId}/m/getAll(organizer='{userId}',since={since})/delta";
        assert_eq!(
            match_template(mid, "/users/u1/m/getAll(organizer='O''Brien')/delta"),
            Some((vec![s("u1"), s("O'Brien"), None], vec![]))
        );
        assert_eq!(
            match_template(
                mid,
                "/users('u1')/m/getAll(since=2024-01-01T00:00:00Z)/delta"
            ),
            Some((vec![s("u1"), None, s("2024-01-01T00:00:00Z")], vec![]))
        );
        assert_eq!(
            match_template(mid, "/users/u1/m/getAll(other='x')/delta"),
            None
        );
        let item = "/me/drive/root:/{item-path}:/label";
        assert_eq!(
            match_template(item, "/me/drive/root:/a%20b/c.txt:/label"),
            Some((vec![s("a b/c.txt")], vec![]))
        );
        assert_eq!(match_template(item, "/me/drive/root:/a/label"), None);
        assert_eq!(
            match_template(
                "/me/drive/items/{parentItemId}:/{fileName}:/createUploadSession",
                "/me/drive/items/p1:/a/b.txt:/createUploadSession"
            ),
            Some((vec![s("p1"), s("a/b.txt")], vec![]))
        );
        assert_eq!(match_template(item, "/me/drive/items/x/label"), None);
    }
}

#[test]
fn an_item_path_that_ends_the_url_may_leave_out_its_closing_colon() {
    assert_eq!(
        join_item_paths("/drives/{d}/root:/{item-path}"),
        ["drives", "{d}", "root:/{item-path}:"]
    );
    // A plain placeholder after a plain name stays what it is.
    assert_eq!(join_item_paths("/users/{id}"), ["users", "{id}"]);
    let values = match_template(
        "/drives/{d}/root:/{item-path}",
        "/drives/x/root:/a/b%20c.txt",
    )
    .expect("the documented spelling matches");
    assert_eq!(
        values.0,
        [Some("x".to_string()), Some("a/b c.txt".to_string())]
    );
}
