//! The text inside code blocks: `METHOD /path` lines of the `HTTP request` section, and the HTTP
//! messages of annotated examples.

use graph_spec::{HttpMethod, PathParameter, PathParameterKind, PathTemplate};

/// An error inside a code block: the line and what was wrong.
pub(crate) type LineError = (usize, String);

/// One `METHOD /path` line of the `HTTP request` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestLine {
    pub line: usize,
    pub method: HttpMethod,
    pub path: PathTemplate,
    /// Set when the line had to be adjusted (an absolute URL), for a warning.
    pub note: Option<String>,
}

/// Parses a method word, case-insensitively.
pub(crate) fn method(word: &str) -> Option<HttpMethod> {
    HttpMethod::parse(&word.to_ascii_uppercase())
}

/// The `{...}` placeholders of a path.
pub(crate) fn path_parameters(path: &str) -> Result<Vec<PathParameter>, String> {
    let mut out = Vec::new();
    let mut rest = path;
    let mut done = 0;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => return Ok(out),
            (Some(o), Some(c)) if o < c => {
                let placeholder = &rest[o + 1..c];
                if placeholder.contains('{') {
                    return Err(format!(
                        "placeholder in `{path}` is not closed before the next `{{`"
                    ));
                }
                let names: Vec<String> = placeholder
                    .split('|')
                    .map(|n| n.trim().to_string())
                    .collect();
                if names.iter().any(String::is_empty) {
                    return Err(format!(
                        "placeholder `{{{placeholder}}}` in `{path}` names nothing: expected `{{name}}` or `{{name | other}}`"
                    ));
                }
                let before = &path[..done + o];
                let after = &rest[c + 1..];
                let segment_start = before.rsplit('/').next().unwrap_or_default();
                let kind = if segment_start.contains('(') {
                    PathParameterKind::Literal
                } else if before.ends_with(":/") && after.starts_with(':') {
                    PathParameterKind::ItemPath
                } else {
                    PathParameterKind::Segment
                };
                out.push(PathParameter {
                    placeholder: placeholder.to_string(),
                    names,
                    kind,
                });
                done += c + 1;
                rest = after;
            }
            (Some(_), None) => return Err(format!("`{{` without `}}` in `{path}`")),
            _ => return Err(format!("`}}` without `{{` in `{path}`")),
        }
    }
}

/// Parses the non-empty lines of one code block of the `HTTP request` section, each on its own: a
/// line that is not `METHOD /path` is an error for that line only.
pub(crate) fn request_lines(text: &str, first_line: usize) -> Vec<Result<RequestLine, LineError>> {
    text.lines()
        .enumerate()
        .filter(|(_, raw)| !raw.trim().is_empty())
        .map(|(i, raw)| request_line(raw.trim(), first_line + i))
        .collect()
}

/// Parses one `METHOD /path` line (trimmed, not empty).
fn request_line(trimmed: &str, line: usize) -> Result<RequestLine, LineError> {
    let expected = || {
        format!(
            "expected `METHOD /path` (GET, POST, PUT, PATCH or DELETE and a path starting with `/`), found `{trimmed}`"
        )
    };
    // `DELETE/identity/...`: the method runs into the path.
    let (word, rest) = match trimmed.split_once(char::is_whitespace) {
        Some(split) => split,
        None => match trimmed.find('/') {
            Some(i) if method(&trimmed[..i]).is_some() => trimmed.split_at(i),
            _ => return Err((line, expected())),
        },
    };
    let Some(method) = method(word) else {
        return Err((line, expected()));
    };
    let mut note = (!trimmed.contains(char::is_whitespace)).then(|| {
        format!("`{trimmed}` has no space between the method and the path; read as `{word} {rest}`")
    });
    let mut path = rest.trim();
    if let Some(q) = path.find('?') {
        path = path[..q].trim_end();
    }
    if let Some(after_scheme) = path
        .strip_prefix("https://")
        .or_else(|| path.strip_prefix("http://"))
    {
        let local = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let local = ["/v1.0/", "/beta/"]
            .iter()
            .find_map(|v| local.strip_prefix(v.trim_end_matches('/')))
            .filter(|r| r.starts_with('/'))
            .unwrap_or(local);
        note = Some(format!(
            "the HTTP request section lists the absolute URL `{path}`; recorded as the path `{local}`"
        ));
        path = local;
    }
    // A path relative to the service root: OData's `~/users`, or `users/{id}` without its `/`.
    let relative = match path.strip_prefix("~/") {
        Some(rest) => Some(rest),
        None if path.starts_with(|c: char| c.is_ascii_alphabetic()) => Some(path),
        None => None,
    };
    let owned;
    if let Some(rest) = relative {
        owned = format!("/{rest}");
        note = Some(format!(
            "the HTTP request section lists `{path}`, relative to the service root; recorded as the path `{owned}`"
        ));
        path = &owned;
    }
    if !path.starts_with('/') || path.len() < 2 {
        return Err((line, expected()));
    }
    let trimmed_slash;
    if path.len() > 1 && path.ends_with('/') {
        trimmed_slash = path.trim_end_matches('/').to_string();
        note = Some(format!(
            "`{path}` ends with `/`; recorded as `{trimmed_slash}`"
        ));
        path = &trimmed_slash;
    }
    if path.split('/').any(|segment| segment == "...") {
        return Err((
            line,
            format!(
                "`{path}` has a `...` segment (a nesting of any depth), which no request sends as written"
            ),
        ));
    }
    let braced;
    if let Some(with_braces) = angle_placeholders(path) {
        note = Some(format!(
            "`{path}` writes placeholders in angle brackets; recorded as `{with_braces}`"
        ));
        braced = with_braces;
        path = &braced;
    }
    let parameters = path_parameters(path).map_err(|m| (line, m))?;
    Ok(RequestLine {
        line,
        method,
        path: PathTemplate {
            template: path.to_string(),
            parameters,
        },
        note,
    })
}

/// `range(address='<address>')` -> `range(address='{address}')`: a placeholder written in angle
/// brackets (a name of letters, digits, `-` and `_`), as some pages do; `None` when there is none.
fn angle_placeholders(path: &str) -> Option<String> {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    let mut changed = false;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('>') {
            out.push_str(&rest[..open]);
            out.push('{');
            out.push_str(&after[..name_len]);
            out.push('}');
            rest = &after[name_len + 1..];
            changed = true;
        } else {
            out.push_str(&rest[..=open]);
            rest = after;
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// A header line of an HTTP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeaderLine {
    pub name: String,
    pub value: String,
}

/// An HTTP message as an example code block shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    /// The first line (request line or status line) and its line number.
    pub start: (usize, String),
    pub headers: Vec<HeaderLine>,
    /// The body text and the line it starts on.
    pub body: Option<(usize, String)>,
}

/// Splits a code block into start line, headers and body. A body may follow the headers after a blank
/// line, or directly when it starts with `{` or `[`.
pub(crate) fn message(text: &str, first_line: usize) -> Result<Message, LineError> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Err((
            first_line,
            "the code block is empty: expected an HTTP message".into(),
        ));
    };
    let start_text = lines.get(start).map_or("", |l| l.trim()).to_string();
    let mut headers = Vec::new();
    let mut i = start + 1;
    let mut body_from = None;
    while let Some(raw) = lines.get(i) {
        let l = raw.trim();
        if l.is_empty() {
            body_from = Some(i + 1);
            break;
        }
        if l.starts_with('{') || l.starts_with('[') {
            body_from = Some(i);
            break;
        }
        let Some((name, value)) = l.split_once(':') else {
            return Err((
                first_line + i,
                format!(
                    "expected a `Name: value` header line, or a blank line before the body, found `{l}`"
                ),
            ));
        };
        headers.push(HeaderLine {
            name: name.trim().to_string(),
            value: value.trim().to_string(),
        });
        i += 1;
    }
    let body = body_from.and_then(|from| {
        let rest = lines.get(from..)?;
        let skip = rest.iter().take_while(|l| l.trim().is_empty()).count();
        let text = rest.get(skip..)?.join("\n");
        let text = text.trim_end();
        (!text.is_empty()).then(|| (first_line + from + skip, text.to_string()))
    });
    Ok(Message {
        start: (first_line + start, start_text),
        headers,
        body,
    })
}

/// Parses a request line `METHOD URL [HTTP/1.1]` into the method and the URL as written.
pub(crate) fn request_start(line: &str) -> Option<(HttpMethod, String)> {
    let mut words = line.split_whitespace();
    let method = method(words.next()?)?;
    let rest: Vec<&str> = words.collect();
    let rest = match rest.split_last() {
        Some((last, init)) if last.starts_with("HTTP/") && !init.is_empty() => init,
        _ => &rest[..],
    };
    if rest.is_empty() {
        return None;
    }
    Some((method, rest.join(" ")))
}

/// Parses a status line `HTTP/1.1 204 No Content` into the status code.
pub(crate) fn status_line(line: &str) -> Option<u16> {
    let mut words = line.split_whitespace();
    if !words.next()?.starts_with("HTTP/") {
        return None;
    }
    let code: u16 = words.next()?.parse().ok()?;
    (100..=599).contains(&code).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_path_parameters() {
        let p = path_parameters("/users/{id | userPrincipalName}/x/{id}").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].placeholder, "id | userPrincipalName");
        assert_eq!(p[0].names, ["id", "userPrincipalName"]);
        assert!(path_parameters("/x/{id").is_err());
        assert!(path_parameters("/x/{ | }").is_err());
        assert!(path_parameters("/x/id}").is_err());
    }

    #[test]
    fn path_parameters_know_how_they_are_sent() {
        let kinds = |path: &str| -> Vec<PathParameterKind> {
            path_parameters(path)
                .expect("parses")
                .into_iter()
                .map(|p| p.kind)
                .collect()
        };
        use PathParameterKind::{ItemPath, Literal, Segment};
        assert_eq!(
            kinds("/u/{a}/f(x='{b}',y={c})/{d}/root:/{p}:/go"),
            [Segment, Literal, Literal, Segment, ItemPath]
        );
        assert_eq!(kinds("/apps(appId='{id}')/x"), [Literal]);
        assert_eq!(kinds("/a:/{p}/b"), [Segment]);
    }

    #[test]
    fn placeholders_in_angle_brackets_are_read_as_braces() {
        let line = request_line(
            "GET /me/workbook/worksheets/{id}/range(address='<address>')/format",
            7,
        )
        .expect("reads");
        assert_eq!(
            line.path.template,
            "/me/workbook/worksheets/{id}/range(address='{address}')/format"
        );
        assert_eq!(line.path.parameters.len(), 2);
        assert!(line.note.is_some_and(|n| n.contains("angle brackets")));
        // Not a placeholder: left as it is.
        assert_eq!(angle_placeholders("/a/b<c/d"), None);
        assert_eq!(angle_placeholders("/a/<>/d"), None);
        assert_eq!(
            angle_placeholders("/x/borders(<sideIndex>)").as_deref(),
            Some("/x/borders({sideIndex})")
        );
    }

    #[test]
    fn parses_messages() {
        let m = message(
            "POST /x\nContent-Type: application/json\n\n{\n \"a\": 1\n}\n",
            10,
        )
        .unwrap();
        assert_eq!(m.start, (10, "POST /x".to_string()));
        assert_eq!(m.headers.len(), 1);
        assert_eq!(m.body, Some((13, "{\n \"a\": 1\n}".to_string())));
        let m = message("HTTP/1.1 204 No Content\n", 1).unwrap();
        assert_eq!(m.body, None);
        assert_eq!(status_line(&m.start.1), Some(204));
        assert_eq!(
            request_start("POST https://x/y HTTP/1.1"),
            Some((HttpMethod::Post, "https://x/y".to_string()))
        );
        assert!(message("POST /x\nnot a header\n", 1).is_err());
    }
}
