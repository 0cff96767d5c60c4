//! Pages that are wrong or mangled: errors with their line, warnings, and no panic.

use super::*;

#[test]
fn page_without_http_request_section_is_an_error() {
    let text = edit(BASE, "## HTTP request", "## HTTP call");
    let e = extract_err(&text);
    assert_eq!(e.file, PAGE);
    assert_eq!(e.line, line_of(&text, "# widget: polish"));
    assert!(e.message.contains("no `## HTTP request` section"), "{e}");
    assert!(e.to_string().starts_with(&format!("{PAGE}:{}: ", e.line)));

    let text = edit(
        BASE,
        "``` http\nPOST /widgets/{widget-id}/polish\n```\n",
        "Nothing here.\n",
    );
    let e = extract_err(&text);
    assert_eq!(e.line, line_of(&text, "## HTTP request"));
    assert!(e.message.contains("has no code block"), "{e}");
}

#[test]
fn bad_http_request_lines_are_skipped_with_a_warning_naming_the_line() {
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n",
        "POST /widgets/{widget-id}/polish\nPOLISH /widgets\n",
    );
    let spec = extract(&text);
    warning_at(
        &spec,
        line_of(&text, "POLISH /widgets"),
        "expected `METHOD /path`",
    );
    assert_eq!(spec.operation.paths.len(), 1);

    // A second method: the page documents another operation too; the first method's paths are kept.
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n",
        "POST /widgets/{widget-id}/polish\nGET /widgets/{widget-id}\n",
    );
    let spec = extract(&text);
    warning_at(
        &spec,
        line_of(&text, "GET /widgets/{widget-id}"),
        "method `GET` differs from `POST`",
    );
    assert_eq!(spec.operation.method, HttpMethod::Post);
    assert_eq!(spec.operation.paths.len(), 1);

    // A typo in one path (an unclosed placeholder) loses that path only.
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n",
        "POST /widgets/{widget-id/polish\nPOST /me/widgets/{widget-id}/polish\n",
    );
    let spec = extract(&text);
    warning_at(
        &spec,
        line_of(&text, "POST /widgets/{widget-id/polish"),
        "`{` without `}`",
    );
    let templates: Vec<&str> = spec
        .operation
        .paths
        .iter()
        .map(|p| p.template.as_str())
        .collect();
    assert_eq!(templates, ["/me/widgets/{widget-id}/polish"]);

    // Without any usable path, the page is an error naming the bad line.
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n",
        "POST /widgets/{widget-id/polish\n",
    );
    let e = extract_err(&text);
    assert_eq!(e.line, line_of(&text, "POST /widgets/{widget-id/polish"));
    assert!(e.message.contains("`{` without `}`"), "{e}");
    assert!(e.message.contains("no other path"), "{e}");
}

#[test]
fn docfx_tab_markup_does_not_end_a_section() {
    let text = edit(
        BASE,
        "<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /widgets/{widget-id}/polish\n```\n",
        "\n# [HTTP](#tab/http)\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /widgets/{widget-id}/polish\n```\n\n---\n\n# [C#](#tab/csharp)\n\nSome text.\n\n---\n",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.paths[0].template,
        "/widgets/{widget-id}/polish"
    );
    // The tab group changes nothing else: the later sections are still found.
    assert_eq!(spec.operation, extract(BASE).operation);
    assert_eq!(spec.examples.len(), extract(BASE).examples.len());
}

#[test]
fn annotation_with_trailing_comma_is_repaired_with_a_warning() {
    let text = edit(
        BASE,
        "  \"truncated\": true\n}",
        "  \"truncated\": true,\n}",
    );
    let spec = extract(&text);
    let line = line_of(&text, "\"blockType\": \"response\"") - 1;
    warning_at(
        &spec,
        line,
        "annotation JSON is malformed: a trailing comma was removed",
    );
    assert!(
        spec.examples[0]
            .response
            .as_ref()
            .is_some_and(|r| r.truncated)
    );
}

#[test]
fn unparseable_annotation_is_skipped_with_a_warning() {
    let text = edit(
        BASE,
        "  \"blockType\": \"response\",\n  \"truncated\": true",
        "  \"blockType\": response,\n  \"truncated\": true",
    );
    let spec = extract(&text);
    warning_at(
        &spec,
        line_of(&text, "\"blockType\": response"),
        "is not valid JSON",
    );
    assert_eq!(spec.examples[0].response, None);
}

#[test]
fn unparseable_annotation_before_a_request_leaves_an_unannotated_example() {
    let text = edit(
        BASE,
        "  \"name\": \"widget_polish\"\n",
        "  \"name\": widget_polish\n",
    );
    let spec = extract(&text);
    warning_at(
        &spec,
        line_of(&text, "\"name\": widget_polish"),
        "is read as an unannotated one",
    );
    assert_eq!(spec.examples.len(), 1);
    assert!(spec.examples[0].name.starts_with("unannotated_line_"));
    assert_eq!(
        spec.examples[0].request.body,
        extract(BASE).examples[0].request.body
    );
}

#[test]
fn request_annotation_without_name_is_named_after_its_line() {
    let text = edit(
        BASE,
        "  \"blockType\": \"request\",\n  \"name\": \"widget_polish\"\n",
        "  \"blockType\": \"request\"\n",
    );
    let spec = extract(&text);
    let line = line_of(&text, "\"blockType\": \"request\"") - 1;
    warning_at(&spec, line, "has no `name`");
    assert_eq!(spec.examples[0].name, format!("unnamed_line_{line}"));
    assert!(spec.examples[0].response.is_some());
}

#[test]
fn a_body_table_row_with_more_cells_than_its_header_is_kept_with_a_warning() {
    let text = edit(
        BASE,
        "|note|String|A note for the polisher. Optional.|",
        "|note|String|A note (*.txt | *.md) for the polisher. Optional.|",
    );
    let spec = extract(&text);
    let line = line_of(&text, "|note|String|");
    warning_at(
        &spec,
        line,
        "this row has 4 cells but the table header has 3 (an unescaped `|` inside a cell?); the cells past the first 3 are dropped",
    );
    let body = spec.operation.request_body.expect("a body");
    let note = body.iter().find(|p| p.name == "note").expect("the row");
    assert_eq!(note.ty, ty("Edm.String"));
    assert_eq!(note.description, "A note (*.txt");
}

#[test]
fn relative_paths_are_read_from_the_service_root() {
    for written in ["widgets/{widget-id}/polish", "~/widgets/{widget-id}/polish"] {
        let text = edit(
            BASE,
            "POST /widgets/{widget-id}/polish",
            &format!("POST {written}"),
        );
        let spec = extract(&text);
        assert_eq!(
            spec.operation.paths[0].template,
            "/widgets/{widget-id}/polish"
        );
        warning_at(
            &spec,
            line_of(&text, &format!("POST {written}")),
            "relative to the service root",
        );
    }
    // Not a path at all: still an error, located.
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish",
        "POST ** Collection URI not found",
    );
    let e = extract_err(&text);
    assert_eq!(e.kind, ErrorKind::HttpRequest);
    assert_eq!(e.line, line_of(&text, "POST ** Collection"));
}

#[test]
fn http_request_subsections_of_several_sections_give_the_paths() {
    let text = edit(
        BASE,
        "## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /widgets/{widget-id}/polish\n```",
        "## Polish one widget\n\n### HTTP request\n\n``` http\nPOST /widgets/{widget-id}/polish\n```\n\n## Polish my widget\n\n### HTTP request\n\n``` http\nPOST /me/widget/polish\n```",
    );
    let spec = extract(&text);
    let templates: Vec<&str> = spec
        .operation
        .paths
        .iter()
        .map(|p| p.template.as_str())
        .collect();
    assert_eq!(
        templates,
        ["/widgets/{widget-id}/polish", "/me/widget/polish"]
    );
}

#[test]
fn missing_include_is_a_warning_and_extraction_carries_on() {
    let spec = extract_with(BASE, &BTreeMap::new()).unwrap_or_else(|e| panic!("{e}"));
    let line = line_of(BASE, "permissions-table");
    warning_at(
        &spec,
        line,
        "include `../includes/permissions/widget-polish-permissions.md` not found (resolved to \
         api-reference/beta/includes/permissions/widget-polish-permissions.md)",
    );
    warning_at(
        &spec,
        line_of(BASE, "global-us.md"),
        "include `../../includes/global-us.md` not found",
    );
    assert_eq!(spec.operation.permissions, None);
    assert_eq!(spec.operation.national_clouds, None);
    assert_eq!(spec.operation.least_privileged_role, None);
    // Snippet includes and the beta disclaimer are not reported.
    assert!(
        !spec
            .warnings
            .iter()
            .any(|w| w.message.contains("snippets") || w.message.contains("disclaimer"))
    );
    assert_eq!(spec.warnings.len(), 3, "{:#?}", spec.warnings);
}

#[test]
fn request_body_that_is_not_json() {
    // A trailing comma is repaired, with a warning.
    let text = edit(
        BASE,
        "  \"cloths\": [{\"fabric\": \"silk\"}]\n",
        "  \"cloths\": [{\"fabric\": \"silk\"},],\n",
    );
    let spec = extract(&text);
    warning_at(
        &spec,
        line_of(&text, "\"shineLevel\": 3,") - 1,
        "request body of example `widget_polish` is malformed: a trailing comma was removed",
    );
    assert_eq!(
        spec.examples[0].request.body,
        extract(BASE).examples[0].request.body
    );

    // Other broken JSON loses that example (and its response), not the page.
    let text = edit(BASE, "  \"shineLevel\": 3,\n", "  \"shineLevel\": 3,,\n");
    let spec = extract(&text);
    warning_at(
        &spec,
        line_of(&text, "\"shineLevel\": 3,,"),
        "request body of example `widget_polish` is not valid JSON",
    );
    assert!(spec.examples.is_empty());
    assert_eq!(spec.operation.paths, extract(BASE).operation.paths);

    let text = edit(
        BASE,
        "Content-Type: application/json\n\n{\n  \"shineLevel\": 3,\n  \"cloths\": [{\"fabric\": \"silk\"}]\n}\n",
        "Content-Type: text/plain\n\nshine please\n",
    );
    let spec = extract(&text);
    assert_eq!(spec.examples[0].request.body, None);
    warning_at(
        &spec,
        line_of(&text, "shine please"),
        "is not JSON (Content-Type `text/plain`)",
    );
}

#[test]
fn bad_response_status_line_loses_the_response_only() {
    let text = edit(BASE, "HTTP/1.1 204 No Content", "204 No Content");
    let spec = extract(&text);
    let status_line = text
        .lines()
        .position(|l| l == "204 No Content")
        .map_or(0, |i| i + 1);
    warning_at(
        &spec,
        status_line,
        "expected a status line such as `HTTP/1.1 200 OK`",
    );
    assert_eq!(spec.examples.len(), 1);
    assert_eq!(spec.examples[0].response, None);
}

#[test]
fn missing_response_status_without_example_is_assumed_with_a_warning() {
    let text = edit(
        BASE,
        "If successful, this action returns a `204 No Content` response code.",
        "It works.",
    );
    let text = edit(&text, "HTTP/1.1 204 No Content", "HTTP/1.1 400 Bad Request");
    let spec = extract(&text);
    warning_at(
        &spec,
        line_of(&text, "## Response"),
        "names no success status",
    );
    assert_eq!(spec.operation.response.status, 204);
    assert_eq!(spec.operation.response.body_type, None);
}

#[test]
fn page_path_without_version_is_an_error() {
    let Err(e) = extract_str("docs/widget-polish.md", BASE, &|_| None) else {
        panic!("expected an error")
    };
    assert_eq!((e.file.as_str(), e.line), ("docs/widget-polish.md", 0));
    assert!(e.message.contains("api-reference/v1.0/"), "{e}");
}

#[test]
fn missing_page_is_an_error_with_line_zero() {
    let root = std::env::temp_dir().join("graph-extract-no-such-docs");
    let Err(e) = extract_page(&root, PAGE) else {
        panic!("expected an error")
    };
    assert_eq!(e.file, PAGE);
    assert_eq!(e.line, 0);
    assert!(e.message.contains("cannot read page"), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{PAGE}:0: cannot read page"))
    );
}

#[test]
fn includes_resolve_relative_to_the_page() {
    assert_eq!(
        resolve(PAGE, "../../includes/a.md").as_deref(),
        Some("api-reference/includes/a.md")
    );
    assert_eq!(
        resolve(PAGE, "../includes/p/b.md").as_deref(),
        Some("api-reference/beta/includes/p/b.md")
    );
    assert_eq!(
        resolve(PAGE, "./c.md#x").as_deref(),
        Some("api-reference/beta/api/c.md")
    );
    assert_eq!(resolve(PAGE, "../../../../x.md"), None);
}

#[test]
fn never_panics_on_truncated_or_mangled_pages() {
    let files = includes();
    let lines: Vec<&str> = BASE.lines().collect();
    for n in 0..=lines.len() {
        let text = lines[..n].join("\n");
        let _ = extract_with(&text, &files);
        // And with one line dropped.
        if n < lines.len() {
            let mut dropped = lines.clone();
            dropped.remove(n);
            let _ = extract_with(&dropped.join("\n"), &files);
        }
    }
    for (i, _) in BASE.char_indices().step_by(7) {
        let _ = extract_with(&BASE[..i], &files);
        let _ = extract_with(&BASE[i..], &files);
    }
}
