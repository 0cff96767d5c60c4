//! HTTP request lines that are odd but readable: a path nested to any depth, a trailing slash, a
//! `$value` path beside the entity, one section per case, a method run into its path.

use super::*;

#[test]
fn a_path_nested_to_any_depth_is_skipped_with_a_warning() {
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n",
        "POST /widgets/{widget-id}/polish\nPOST /widgets/{widget-id}/parts/{id}/.../polish\n",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.paths.len(), 1);
    warning_at(
        &spec,
        line_of(&text, "/.../polish"),
        "has a `...` segment (a nesting of any depth), which no request sends as written; this path is skipped",
    );
}

#[test]
fn a_trailing_slash_is_dropped_with_a_warning() {
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n",
        "POST /widgets/{widget-id}/polish/\n",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.paths[0].template,
        "/widgets/{widget-id}/polish"
    );
    warning_at(
        &spec,
        line_of(&text, "polish/"),
        "ends with `/`; recorded as `/widgets/{widget-id}/polish`",
    );
}

#[test]
fn a_value_path_beside_the_entity_is_another_operation() {
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n",
        "POST /widgets/{widget-id}/polish\nPOST /widgets/{widget-id}/polish/$value\n",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.paths.len(), 1);
    warning_at(
        &spec,
        line_of(&text, "polish/$value"),
        "addresses $value rather than what line",
    );
}

#[test]
fn http_request_sections_per_case_give_the_paths() {
    let text = edit(
        BASE,
        "## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n``` http\nPOST /widgets/{widget-id}/polish\n```",
        "## HTTP request (to polish one widget)\n\n``` http\nPOST /widgets/{widget-id}/polish\n```\n\n## HTTP request (to polish mine)\n\n``` http\nPOST /me/widget/polish\n```",
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
fn a_method_that_runs_into_its_path_is_read_with_a_warning() {
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n",
        "POST/widgets/{widget-id}/polish\n",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.paths[0].template,
        "/widgets/{widget-id}/polish"
    );
    warning_at(
        &spec,
        line_of(&text, "POST/widgets"),
        "has no space between the method and the path; read as `POST /widgets/{widget-id}/polish`",
    );
    // A word that is no method stays an error.
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n",
        "FETCH/widgets/{widget-id}/polish\n",
    );
    assert_eq!(extract_err(&text).kind, ErrorKind::HttpRequest);
}
