//! Page elements: front matter, summary, binding and name, paths.

use sha2::{Digest, Sha256};

use super::*;
use crate::ctx::hex;

#[test]
fn base_page_extracts_without_warnings() {
    let spec = extract(BASE);
    no_warnings(&spec);
    assert_eq!(spec.operation.binding, "widget");
    assert_eq!(spec.operation.name, "polish");
    assert_eq!(spec.operation.method, HttpMethod::Post);
}

#[test]
fn front_matter_and_source() {
    let spec = extract(BASE);
    assert_eq!(spec.title, "widget: polish");
    assert_eq!(
        spec.description.as_deref(),
        Some("Polish a widget until it shines.")
    );
    assert_eq!(spec.ms_date.as_deref(), Some("01/02/2025"));
    assert_eq!(spec.api_version, ApiVersion::Beta);
    assert_eq!(spec.source.page, PAGE);
    let digest = Sha256::digest(BASE.as_bytes());
    assert_eq!(spec.source.sha256, hex(&digest));
    assert_eq!(spec.source.sha256.len(), 64);
    assert!(
        spec.source
            .sha256
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
    );

    let v1 = extract_str("api-reference/v1.0/api/widget-polish.md", BASE, &|_| None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v1.api_version, ApiVersion::V1);
}

#[test]
fn summary_flattens_links_and_collapses_whitespace() {
    let spec = extract(BASE);
    assert_eq!(
        spec.summary,
        "Polish a widget until it shines. See the polishing guide."
    );
}

#[test]
fn summary_skips_notes_and_keeps_consecutive_paragraphs() {
    let text = edit(
        BASE,
        "Polish a [widget]",
        "> **Note:** Polishing needs a license.\n\nSecond thoughts: polish first.\n\nPolish a [widget]",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.summary,
        "Second thoughts: polish first.\n\nPolish a widget until it shines. See the polishing guide."
    );
    // A last paragraph that introduces a list is dropped with the list.
    let text = edit(
        BASE,
        "See the [polishing guide](/graph/polish-guide).\n",
        "See the [polishing guide](/graph/polish-guide).\n\nIt checks:\n\n- the shine\n",
    );
    assert_eq!(
        extract(&text).summary,
        "Polish a widget until it shines. See the polishing guide."
    );
}

#[test]
fn binding_and_name_from_title_h1_or_file_name() {
    // The H1 when the title is prose.
    let text = edit(BASE, "title: \"widget: polish\"", "title: Polish a widget");
    let spec = extract(&text);
    assert_eq!(spec.title, "Polish a widget");
    assert_eq!(
        (
            spec.operation.binding.as_str(),
            spec.operation.name.as_str()
        ),
        ("widget", "polish")
    );
    no_warnings(&spec);

    // Neither: the file name and the path, with a warning.
    let text = edit(&text, "# widget: polish", "# Polish a widget");
    let spec = extract(&text);
    assert_eq!(spec.operation.binding, "widget");
    assert_eq!(spec.operation.name, "polish");
    warning_at(
        &spec,
        line_of(&text, "# Polish a widget"),
        "is not of the form `binding: name`",
    );
}

#[test]
fn a_title_that_ends_in_its_kind_word_still_names_the_operation() {
    for title in ["widget: polish action", "widget: polish Action"] {
        let text = edit(
            BASE,
            "title: \"widget: polish\"",
            &format!("title: \"{title}\""),
        );
        let spec = extract(&text);
        assert_eq!(spec.operation.name, "polish", "{title}");
        assert_eq!(
            spec.operation.kind,
            graph_spec::OperationKind::Action,
            "{title}"
        );
    }
    // A name of two words is not a name.
    let text = edit(
        BASE,
        "title: \"widget: polish\"",
        "title: \"widget: polish twice\"",
    );
    assert_eq!(extract(&text).operation.name, "polish");
}

#[test]
fn several_paths_across_blocks_in_page_order_deduplicated() {
    let text = edit(
        BASE,
        "POST /widgets/{widget-id}/polish\n```\n",
        "POST /widgets/{widget-id}/polish\n\nPOST /me/widgets/{widget-id}/polish?$select=id\n```\n\n\
         For a user:\n``` http\nPOST /widgets/{widget-id}/polish\nPOST /users/{id | userPrincipalName}/widgets/{widget-id}/polish\n```\n",
    );
    let spec = extract(&text);
    let paths: Vec<&str> = spec
        .operation
        .paths
        .iter()
        .map(|p| p.template.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "/widgets/{widget-id}/polish",
            "/me/widgets/{widget-id}/polish",
            "/users/{id | userPrincipalName}/widgets/{widget-id}/polish",
        ]
    );
    let params = &spec.operation.paths[2].parameters;
    assert_eq!(params.len(), 2);
    assert_eq!(params[0].placeholder, "id | userPrincipalName");
    assert_eq!(params[0].names, ["id", "userPrincipalName"]);
    assert_eq!(params[1].placeholder, "widget-id");
    assert_eq!(params[1].names, ["widget-id"]);
}
