//! HTML comments (where the annotations live) and the YAML front matter.

/// An HTML comment and the line its `<!--` is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Comment {
    pub line: usize,
    pub body: String,
}

/// The HTML comments of an HTML block (`<!--` up to the first `-->`, as HTML has it).
pub(crate) fn comments(html: &str, first_line: usize) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut consumed = 0usize;
    while let Some(start) = rest.find("<!--") {
        let after = &rest[start + 4..];
        let Some(end) = after.find("-->") else {
            break;
        };
        let line = first_line + html[..consumed + start].matches('\n').count();
        out.push(Comment {
            line,
            body: after[..end].to_string(),
        });
        let advance = start + 4 + end + 3;
        consumed += advance;
        rest = &rest[advance..];
    }
    out
}

/// The `key: value` pairs of a front matter block, values with surrounding quotes removed.
pub(crate) fn front_matter(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.starts_with(char::is_whitespace))
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), unquote(v.trim()).trim().to_string()))
        .collect()
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}
