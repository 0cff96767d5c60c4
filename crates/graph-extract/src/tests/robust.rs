//! Response statuses and body types that real pages give only indirectly: a redirect on success, a
//! body type stated by the example's annotation or its `@odata.context`, and error examples.

use graph_spec::{EdmType, Primitive};

use super::{BASE, edit, extract, line_of, warning_at};

/// BASE with a response section saying `prose` and one example response `response` (annotation
/// JSON fields and the code block text).
fn with_response(prose: &str, annotation: &str, block: &str) -> String {
    let text = edit(
        BASE,
        "If successful, this action returns a `204 No Content` response code.",
        prose,
    );
    let text = edit(&text, "  \"truncated\": true\n", annotation);
    edit(&text, "HTTP/1.1 204 No Content\n", block)
}

#[test]
fn a_redirect_on_success_is_the_documented_status() {
    let text = with_response(
        "If successful, this method returns a `302 Found` response that redirects to a download URL in \
         the `Location` header.",
        "  \"truncated\": true\n",
        "HTTP/1.1 302 Found\nLocation: https://download.example/report.csv\n",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.response.status, 302);
    assert_eq!(spec.operation.response.headers, ["Location"]);
    assert_eq!(spec.operation.response.body_type, None);

    // What the redirect leads to is typed by a success example's annotation.
    let text = with_response(
        "If successful, this method returns a `302 Found` response that redirects to a download URL in \
         the `Location` header.",
        "  \"@odata.type\": \"stream\"\n",
        "HTTP/1.1 200 OK\nContent-Type: application/octet-stream\n\nReport Refresh Date,Count\n",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.response.status, 302);
    assert_eq!(
        spec.operation.response.body_type,
        Some(EdmType::Primitive(Primitive::Stream))
    );
}

#[test]
fn the_annotation_types_a_body_the_prose_does_not() {
    let text = with_response(
        "If successful, this action returns a `200 OK` response code and an object in the response body.",
        "  \"@odata.type\": \"microsoft.graph.shineReport\"\n",
        "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"level\": 3}\n",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.response.body_type,
        Some(EdmType::Named("microsoft.graph.shineReport".into()))
    );
    warning_at(
        &spec,
        line_of(&text, "\"blockType\": \"response\"") - 1,
        "took `microsoft.graph.shineReport` from the response annotation",
    );
}

#[test]
fn the_odata_context_types_a_body_the_prose_does_not() {
    let text = with_response(
        "If successful, this action returns a `200 OK` response code.",
        "  \"truncated\": false\n",
        "HTTP/1.1 200 OK\nContent-Type: application/json\n\n\
         {\"@odata.context\": \"https://graph.microsoft.com/beta/$metadata#Edm.Boolean\", \"value\": true}\n",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.response.body_type,
        Some(EdmType::Primitive(Primitive::Boolean))
    );
    warning_at(
        &spec,
        line_of(&text, "\"blockType\": \"response\"") - 1,
        "took `Edm.Boolean` from the `@odata.context`",
    );

    // A collection context, and an entity-set context that names no type.
    let text = with_response(
        "If successful, this action returns a `200 OK` response code.",
        "  \"truncated\": false\n",
        "HTTP/1.1 200 OK\n\n{\"@odata.context\": \"$metadata#Collection(microsoft.graph.cloth)\", \"value\": []}\n",
    );
    assert_eq!(
        extract(&text).operation.response.body_type,
        Some(EdmType::Named("microsoft.graph.cloth".into()).collection_of())
    );
    let text = with_response(
        "If successful, this action returns a `200 OK` response code.",
        "  \"truncated\": false\n",
        "HTTP/1.1 200 OK\n\n{\"@odata.context\": \"$metadata#widgets/$entity\", \"id\": \"1\"}\n",
    );
    assert_eq!(extract(&text).operation.response.body_type, None);
}

#[test]
fn a_lone_primitive_value_types_a_body_the_prose_does_not() {
    let text = with_response(
        "If successful, this action returns a `200 OK` response code.",
        "  \"truncated\": false\n",
        "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": true}\n",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.response.body_type,
        Some(EdmType::Primitive(Primitive::Boolean))
    );
    warning_at(
        &spec,
        line_of(&text, "\"blockType\": \"response\"") - 1,
        "took `Edm.Boolean` from the `value` of example",
    );
    // A number says too little, and a value beside other properties is an entity's.
    for body in ["{\"value\": 3}", "{\"value\": true, \"id\": \"1\"}"] {
        let text = with_response(
            "If successful, this action returns a `200 OK` response code.",
            "  \"truncated\": false\n",
            &format!("HTTP/1.1 200 OK\n\n{body}\n"),
        );
        assert_eq!(extract(&text).operation.response.body_type, None, "{body}");
    }
}

#[test]
fn an_error_example_never_types_the_success_body() {
    let text = with_response(
        "If successful, this action returns a `200 OK` response code.",
        "  \"@odata.type\": \"microsoft.graph.odataError\"\n",
        "HTTP/1.1 422 Unprocessable Entity\nContent-Type: application/json\n\n\
         {\"@odata.context\": \"$metadata#Edm.String\", \"error\": {\"code\": \"Bad\", \"message\": \"no\"}}\n",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.response.status, 200);
    assert_eq!(spec.operation.response.body_type, None);
    let response = spec.examples[0]
        .response
        .as_ref()
        .expect("the error response");
    assert_eq!(response.status, 422);
    assert!(
        !spec
            .warnings
            .iter()
            .any(|w| w.message.contains("responds 422")),
        "{:#?}",
        spec.warnings
    );
}

#[test]
fn the_example_body_settles_a_disagreement_between_prose_and_annotation() {
    let text = with_response(
        "If successful, this action returns a `200 OK` response code and an `Edm.Boolean` in the response body.",
        "  \"@odata.type\": \"Edm.String\"\n",
        "HTTP/1.1 200 OK\n\n{\"value\": true}\n",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.response.body_type,
        Some(EdmType::Primitive(Primitive::Boolean))
    );
    warning_at(
        &spec,
        line_of(&text, "\"blockType\": \"response\"") - 1,
        "which the example's body fits; using the section's type",
    );
    // A body that fits both leaves the annotation's type, as before.
    let text = with_response(
        "If successful, this action returns a `200 OK` response code and an `Edm.Boolean` in the response body.",
        "  \"@odata.type\": \"Edm.String\"\n",
        "HTTP/1.1 200 OK\n\n{\"value\": null}\n",
    );
    assert_eq!(
        extract(&text).operation.response.body_type,
        Some(EdmType::Primitive(Primitive::String))
    );
}

#[test]
fn an_unannotated_template_url_is_not_an_example() {
    let text = format!("{BASE}\n```http\nPOST /widgets/{{widget-id}}/polish?$top=1\n```\n");
    let spec = extract(&text);
    assert_eq!(spec.examples.len(), 1);
    warning_at(
        &spec,
        line_of(&text, "POST /widgets/{widget-id}/polish?$top=1") - 1,
        "its URL is a template",
    );
}

#[test]
fn a_repeated_example_name_is_made_distinct() {
    let example = &BASE[BASE
        .find("<!-- {\n  \"blockType\": \"request\"")
        .expect("request")..];
    let text = format!("{BASE}\n### Again\n\n{example}");
    let spec = extract(&text);
    let names: Vec<&str> = spec.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["widget_polish", "widget_polish_2"]);
    warning_at(
        &spec,
        spec.examples[1].line,
        "example name `widget_polish` is used by an earlier example of the page; this one is named `widget_polish_2`",
    );
}

#[test]
fn a_permissions_row_with_an_extra_cell_is_read_with_a_warning_naming_the_include() {
    let mut files = super::includes();
    files.insert(
        "api-reference/beta/includes/permissions/widget-polish-permissions.md".to_string(),
        super::PERMISSIONS.replace(
            "|Application|Widget.Polish.All|Not available.|",
            "|Application|Widget.Polish.All|Not available.|Extra|",
        ),
    );
    let spec = super::extract_with(BASE, &files).unwrap_or_else(|e| panic!("{e}"));
    let row = line_of(super::PERMISSIONS, "|Application|");
    warning_at(
        &spec,
        line_of(BASE, "permissions-table"),
        &format!(
            "api-reference/beta/includes/permissions/widget-polish-permissions.md:{row}: permissions table: \
             this row has 4 cells but the table header has 3"
        ),
    );
    let permissions = spec.operation.permissions.expect("permissions");
    assert_eq!(
        permissions.application.least_privileged,
        ["Widget.Polish.All"]
    );
}

#[test]
fn a_typed_response_after_an_ignored_request_still_types_the_body() {
    let text = with_response(
        "If successful, this method returns a `302 Found` response that redirects to a download URL.",
        "  \"@odata.type\": \"stream\"\n",
        "HTTP/1.1 200 OK\nContent-Type: application/octet-stream\n\nA,B\n",
    );
    let text = edit(
        &text,
        "  \"blockType\": \"request\",",
        "  \"blockType\": \"ignored\",",
    );
    let text = text.replacen("/widgets/42/", "/widgets/{widget-id}/", 1);
    let spec = extract(&text);
    assert!(spec.examples.is_empty());
    assert_eq!(
        spec.operation.response.body_type,
        Some(EdmType::Primitive(Primitive::Stream))
    );
    warning_at(
        &spec,
        line_of(&text, "\"blockType\": \"response\"") - 1,
        "which follows no request example",
    );
}

#[test]
fn a_typed_body_sent_as_non_json_is_a_stream() {
    let text = with_response(
        "If successful, this method returns a `302 Found` response that redirects to a download URL.",
        "  \"@odata.type\": \"String\"\n",
        "HTTP/1.1 200 OK\nContent-Type: application/octet-stream\n\nA,B\n",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.response.body_type,
        Some(EdmType::Primitive(Primitive::Stream))
    );
    warning_at(
        &spec,
        line_of(&text, "\"blockType\": \"response\"") - 1,
        "answers `application/octet-stream`, not JSON",
    );
}

#[test]
fn the_annotation_wins_over_a_primitive_word_in_the_prose() {
    let text = with_response(
        "If successful, this action returns a `200 OK` response code and a String collection in the response body.",
        "  \"@odata.type\": \"microsoft.graph.directoryObject\",\n  \"isCollection\": true\n",
        "HTTP/1.1 200 OK\n\n{\"value\": [{\"id\": \"1\"}]}\n",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.response.body_type,
        Some(EdmType::Named("microsoft.graph.directoryObject".into()).collection_of())
    );
    warning_at(
        &spec,
        line_of(&text, "\"blockType\": \"response\"") - 1,
        "using the annotation's type",
    );
}
