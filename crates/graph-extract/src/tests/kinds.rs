//! Operation kinds and query options on whole pages (the rules themselves are tested in `kind`).

use graph_spec::{OperationKind, QuerySupport};

use super::*;

/// The base page turned into `GET /widgets` titled `title`, with `query` as its optional query
/// parameters section (none when empty).
fn list_page(title: &str, query: &str) -> String {
    let text = edit(
        BASE,
        "title: \"widget: polish\"",
        &format!("title: \"{title}\""),
    );
    let text = edit(&text, "# widget: polish", &format!("# {title}"));
    let text = edit(&text, "POST /widgets/{widget-id}/polish", "GET /widgets");
    let text = edit(
        &text,
        "## Request headers",
        &format!("{query}\n\n## Request headers"),
    );
    // No example: the base one posts to the action.
    let at = text.find("## Examples").unwrap_or(text.len());
    text[..at].replace(
        "If successful, this action returns a `204 No Content` response code.",
        "If successful, this method returns a `200 OK` response code and a collection of [widget](../resources/widget.md) objects in the response body.",
    )
}

#[test]
fn a_resource_page_gets_its_kind_and_no_title_warning() {
    let spec = extract(&list_page("List widgets", ""));
    assert_eq!(spec.operation.kind, OperationKind::List);
    assert!(
        spec.warnings
            .iter()
            .all(|w| !w.message.contains("is not of the form")),
        "{:#?}",
        spec.warnings
    );
    assert_eq!(spec.operation.query, None);
}

#[test]
fn an_action_page_is_an_action() {
    let spec = extract(BASE);
    assert_eq!(spec.operation.kind, OperationKind::Action);
}

#[test]
fn named_query_options_are_canonical_and_sorted() {
    let text = list_page(
        "List widgets",
        "## Optional query parameters\n\nThis method supports the `$select`, `$orderBy`, `$filter` and `top` [OData query parameters](/graph/query-parameters) to help customize the response.\n",
    );
    let spec = extract(&text);
    let query = spec.operation.query.expect("query options");
    assert_eq!(query.support, QuerySupport::Named);
    assert_eq!(query.names, ["$filter", "$orderby", "$select", "$top"]);
    assert_eq!(query.line, line_of(&text, "## Optional query parameters"));
}

#[test]
fn general_and_negative_statements() {
    let general = list_page(
        "List widgets",
        "## Optional query parameters\n\nThis method supports the [OData query parameters](/graph/query-parameters) to help customize the response.\n",
    );
    let query = extract(&general).operation.query.expect("query options");
    assert_eq!(
        (query.support, query.names.len()),
        (QuerySupport::General, 0)
    );

    // The options a negative sentence names are the ones left out.
    let none = list_page(
        "List widgets",
        "## Optional query parameters\n\nThis method does **not** support the [OData query parameters](/graph/query-parameters) (e.g. $filter is not supported here).\n",
    );
    let query = extract(&none).operation.query.expect("query options");
    assert_eq!((query.support, query.names.len()), (QuerySupport::None, 0));
}

#[test]
fn a_parameter_of_the_operations_own_is_not_an_odata_option() {
    let text = list_page(
        "List widgets",
        "## Optional query parameters\n\nThis method supports the `@microsoft.graph.conflictBehavior` query parameter.\n\n**Note:** The _conflictBehavior_ is not supported for personal accounts.\n",
    );
    assert_eq!(extract(&text).operation.query, None);
}

/// The base page turned into `method path` titled `title`, with `body` as its request body prose
/// (and no parameter table or example).
fn body_page(method: &str, path: &str, title: &str, body: &str, response: &str) -> String {
    let text = edit(
        BASE,
        "title: \"widget: polish\"",
        &format!("title: \"{title}\""),
    );
    let text = edit(&text, "# widget: polish", &format!("# {title}"));
    let text = edit(
        &text,
        "POST /widgets/{widget-id}/polish",
        &format!("{method} {path}"),
    );
    let start = text.find("## Request body").unwrap_or(0);
    let end = text.find("## Response").unwrap_or(text.len());
    let text = format!(
        "{}## Request body\n\n{body}\n\n{}",
        &text[..start],
        &text[end..]
    );
    let at = text.find("## Examples").unwrap_or(text.len());
    text[..at].replace(
        "If successful, this action returns a `204 No Content` response code.",
        response,
    )
}

#[test]
fn a_create_body_is_the_entity_its_section_links() {
    let text = body_page(
        "POST",
        "/widgets",
        "Create widget",
        "In the request body, supply a JSON representation of a [widget](../resources/widget.md) object.",
        "If successful, this method returns `201 Created` and a [gadget](../resources/gadget.md) object.",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.kind, OperationKind::Create);
    assert_eq!(
        spec.operation.request_type,
        Some(ty("microsoft.graph.widget"))
    );
}

#[test]
fn an_update_body_is_the_pages_own_resource() {
    // The section links nothing; the page's resource (`widget`, the file's prefix) is linked in
    // its summary.
    let text = body_page(
        "PATCH",
        "/widgets/{widget-id}",
        "Update widget",
        "In the request body, supply the values for relevant fields that should be updated.",
        "If successful, this method returns a `204 No Content` response code.",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.kind, OperationKind::Update);
    assert_eq!(
        spec.operation.request_type,
        Some(ty("microsoft.graph.widget"))
    );
    // An action has none.
    assert_eq!(extract(BASE).operation.request_type, None);
}

#[test]
fn a_general_statement_including_names_keeps_both() {
    let text = list_page(
        "List widgets",
        "## Optional query parameters\n\nThis method supports the [OData query parameters](/graph/query-parameters) to help customize the response, including `$search`, `$count`, and `$filter`.\n",
    );
    let query = extract(&text).operation.query.expect("query options");
    assert_eq!(query.support, QuerySupport::General);
    assert_eq!(query.names, ["$count", "$filter", "$search"]);
}

#[test]
fn a_type_linked_to_a_sub_namespace_page_is_qualified() {
    let text = list_page("List widgets", "").replace(
        "a collection of [widget](../resources/widget.md) objects",
        "a collection of [term](../resources/termstore-term.md) objects",
    );
    let mut files = includes();
    // Without the linked page, the link text names the type.
    let spec = extract_with(&text, &files).unwrap();
    assert_eq!(
        spec.operation.response.body_type,
        Some(ty("Collection(microsoft.graph.term)"))
    );
    files.insert(
        "api-reference/beta/resources/termstore-term.md".to_string(),
        "# term resource type\n\nNamespace: microsoft.graph.termStore\n\nA term.\n\n## Properties\n".to_string(),
    );
    let spec = extract_with(&text, &files).unwrap();
    assert_eq!(
        spec.operation.response.body_type,
        Some(ty("Collection(microsoft.graph.termStore.term)"))
    );
}

#[test]
fn a_link_names_the_type_its_page_declares_unless_its_text_has_a_page_of_its_own() {
    let gizmo = |link_text: &str| {
        list_page("List widgets", "").replace(
            "a collection of [widget](../resources/widget.md) objects",
            &format!("a collection of [{link_text}](../resources/gizmo.md) objects"),
        )
    };
    let body_type = |text: &str, files: &BTreeMap<String, String>| {
        extract_with(text, files)
            .unwrap()
            .operation
            .response
            .body_type
    };
    let mut files = includes();
    // Without the linked page, the link text names the type.
    assert_eq!(
        body_type(&gizmo("Gizmo"), &files),
        Some(ty("Collection(microsoft.graph.gizmo)"))
    );
    // The page's resource annotation declares another name: the page is the evidence (its
    // heading is a display name, like `# Range resource type` for `microsoft.graph.workbookRange`).
    files.insert(
        "api-reference/beta/resources/gizmo.md".to_string(),
        "# Gizmo resource type\n\nA gizmo.\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"optionalProperties\": [],\n  \"@odata.type\": \"microsoft.graph.workshopGizmo\"\n}-->\n\n```json\n{\"id\": \"String\"}\n```\n".to_string(),
    );
    assert_eq!(
        body_type(&gizmo("Gizmo"), &files),
        Some(ty("Collection(microsoft.graph.workshopGizmo)"))
    );
    // A shortened or plural link text with no page of its own is the declared type too.
    assert_eq!(
        body_type(&gizmo("gizmos"), &files),
        Some(ty("Collection(microsoft.graph.workshopGizmo)"))
    );
    // A link text with a page of its own stays: a derived type linked to its base's page.
    files.insert(
        "api-reference/beta/resources/fancygizmo.md".to_string(),
        "# fancyGizmo resource type\n\nA fancy gizmo.\n".to_string(),
    );
    assert_eq!(
        body_type(&gizmo("fancyGizmo"), &files),
        Some(ty("Collection(microsoft.graph.fancyGizmo)"))
    );
}

#[test]
fn an_update_that_links_nothing_takes_its_resource_pages_heading() {
    let text = body_page(
        "PATCH",
        "/gadgets/{gadget-id}",
        "Update gadget",
        "In the request body, supply the values for relevant fields that should be updated.",
        "If successful, this method returns a `204 No Content` response code.",
    )
    .replace("widget: polish", "gadget: tune");
    let page = "api-reference/beta/api/gadget-update.md";
    let mut files = includes();
    let spec = extract_str(page, &text, &|p: &str| files.get(p).cloned()).unwrap();
    assert_eq!(spec.operation.request_type, None);
    files.insert(
        "api-reference/beta/resources/gadget.md".to_string(),
        "# gadget resource type\n\nNamespace: microsoft.graph\n\nA gadget.\n".to_string(),
    );
    let spec = extract_str(page, &text, &|p: &str| files.get(p).cloned()).unwrap();
    assert_eq!(
        spec.operation.request_type,
        Some(ty("microsoft.graph.gadget"))
    );
}

#[test]
fn a_general_statement_stays_general_when_a_note_names_options() {
    let text = list_page(
        "List widgets",
        "## Optional query parameters\n\nThis method supports the [OData Query Parameters](/graph/query-parameters) to help customize the response.\n\n### Using filter and orderby in the same query\n\nWhen using `$filter` and `$orderby` in the same query, name the properties in the same order.\n",
    );
    let query = extract(&text).operation.query.expect("query options");
    assert_eq!(query.support, QuerySupport::General);
    assert_eq!(query.names, ["$filter", "$orderby"]);
}
