//! Rustdoc text for generated items.
//!
//! Spec text is third-party prose. It reaches generated code only as the string of a `#[doc]`
//! attribute, and is escaped first so that rustdoc reads it as plain text: no link syntax, no HTML,
//! no code fence that could turn into a doctest.

use graph_spec::{ApiVersion, NationalClouds, PermissionEntry, Permissions, SpecFile};

use crate::unicode;

/// Makes spec prose safe to embed in Markdown docs: one line, markdown and HTML specials escaped,
/// controls turned into spaces, and format characters (bidi controls, zero-width spaces, ...)
/// written as a visible `\u{202e}` (see [`crate::unicode`]). Balanced inline code spans
/// (`` `204 No Content` ``) are kept as code.
pub fn escape(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let keep_code = one_line.matches('`').count() % 2 == 0 && !one_line.contains("``");
    let mut out = String::with_capacity(one_line.len());
    let mut in_code = false;
    for c in one_line.chars() {
        match c {
            '`' if keep_code => {
                in_code = !in_code;
                out.push(c);
            }
            // Before code spans: a control or format character is never kept raw, even in code.
            c if c.is_control() => out.push(' '),
            c if unicode::is_invisible(c) => out.extend(c.escape_unicode()),
            _ if in_code => out.push(c),
            '`' | '[' | ']' | '*' | '_' | '\\' | '#' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    // A bare URL would trip rustdoc's `bare_urls` lint; `://` broken by an escape reads the same.
    out.replace("://", ":\\/\\/")
}

/// The documentation page on learn.microsoft.com for a spec's source page. The page name is
/// percent-encoded but for URL-safe characters, so that the URL stays one rustdoc autolink.
pub fn docs_url(spec: &SpecFile) -> String {
    let stem = spec
        .source
        .page
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".md");
    let view = match spec.api_version {
        ApiVersion::V1 => "graph-rest-1.0",
        ApiVersion::Beta => "graph-rest-beta",
    };
    let mut encoded = String::with_capacity(stem.len());
    for byte in stem.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("https://learn.microsoft.com/graph/api/{encoded}?view={view}")
}

fn entry_cells(entry: &PermissionEntry) -> (String, String) {
    if !entry.supported {
        return ("Not supported.".into(), "Not supported.".into());
    }
    let list = |l: &[String]| {
        if l.is_empty() {
            "Not available.".to_string()
        } else {
            l.iter().map(|p| escape(p)).collect::<Vec<_>>().join(", ")
        }
    };
    (
        list(&entry.least_privileged),
        list(&entry.higher_privileged),
    )
}

/// The permissions table, least privileged first, as Markdown lines.
pub fn permissions_table(p: &Permissions) -> Vec<String> {
    let mut lines = vec![
        "| Permission type | Least privileged | Higher privileged |".to_string(),
        "|---|---|---|".to_string(),
    ];
    for (kind, entry) in [
        (
            "Delegated (work or school account)",
            &p.delegated_work_or_school,
        ),
        (
            "Delegated (personal Microsoft account)",
            &p.delegated_personal,
        ),
        ("Application", &p.application),
    ] {
        let (least, higher) = entry_cells(entry);
        lines.push(format!("| {kind} | {least} | {higher} |"));
    }
    lines
}

/// The clouds that serve the operation, by name.
pub fn clouds_line(c: &NationalClouds) -> String {
    let names: Vec<&str> = [
        (c.global, "Global service"),
        (c.us_gov_l4, "US Government L4"),
        (c.us_gov_l5_dod, "US Government L5 (DOD)"),
        (c.china, "China operated by 21Vianet"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    if names.is_empty() {
        "No national cloud is documented as serving this operation.".into()
    } else {
        format!("Served by: {}.", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markdown_html_and_newlines() {
        assert_eq!(
            escape("See [sign-in](x) <b>now</b>\n```rust\nfn evil() {}"),
            "See \\[sign-in\\](x) &lt;b&gt;now&lt;/b&gt; \\`\\`\\`rust fn evil() {}"
        );
    }

    #[test]
    fn escape_keeps_balanced_code_spans() {
        assert_eq!(
            escape("returns a `204 No Content` [code]"),
            "returns a `204 No Content` \\[code\\]"
        );
        assert_eq!(escape("odd ` tick"), "odd \\` tick");
    }

    #[test]
    fn escape_writes_bidi_and_zero_width_characters_as_visible_escapes() {
        assert_eq!(
            escape("a\u{202E}b \u{200B}`c\u{2066}d` \u{0}e"),
            "a\\u{202e}b \\u{200b}`c\\u{2066}d`  e"
        );
    }

    #[test]
    fn docs_url_percent_encodes_the_page_name() {
        let path = format!(
            "{}/tests/fixtures/widget-polish.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let Ok(mut spec) = graph_spec::load(path) else {
            panic!("the widget fixture loads");
        };
        assert_eq!(
            docs_url(&spec),
            "https://learn.microsoft.com/graph/api/widget-polish?view=graph-rest-beta"
        );
        spec.source.page = "api-reference/beta/api/a b>\t\u{202E}.md".into();
        assert_eq!(
            docs_url(&spec),
            "https://learn.microsoft.com/graph/api/a%20b%3E%09%E2%80%AE?view=graph-rest-beta"
        );
    }

    #[test]
    fn escape_breaks_bare_urls() {
        assert_eq!(escape("see https://x.test/a"), "see https:\\/\\/x.test/a");
    }
}
