//! The response: status, body type, headers, and disagreements with the example.

use super::*;

#[test]
fn response_204_without_body() {
    let r = extract(BASE).operation.response;
    assert_eq!(r.status, 204);
    assert_eq!(r.body_type, None);
    assert!(r.headers.is_empty());
}

#[test]
fn response_200_with_a_linked_body_type() {
    let text = with_response(
        "If successful, this method returns a `200 OK` response code and a shiny [widget](../resources/widget.md) object in the response body. The [docs](/x) say more.",
        "HTTP/1.1 200 OK",
    );
    let r = extract(&text).operation.response;
    assert_eq!(r.status, 200);
    assert_eq!(r.body_type, Some(ty("microsoft.graph.widget")));
}

#[test]
fn response_200_with_collections() {
    let text = with_response(
        "If successful, this method returns `200 OK` response code and String collection object in the response body.",
        "HTTP/1.1 200 OK",
    );
    assert_eq!(
        extract(&text).operation.response.body_type,
        Some(ty("Collection(Edm.String)"))
    );
    let text = with_response(
        "If successful, this method returns a `200 OK` response code and a collection of [shineReport](../resources/shinereport.md) objects.",
        "HTTP/1.1 200 OK",
    );
    assert_eq!(
        extract(&text).operation.response.body_type,
        Some(ty("Collection(microsoft.graph.shineReport)"))
    );
}

#[test]
fn response_202_with_location_header() {
    let text = with_response(
        "If successful, this method returns a `202 Accepted` response code. The response also contains a `Location` header that points to the [operation](../resources/operation.md).",
        "HTTP/1.1 202 Accepted\nLocation: /widgets/42/operations/7",
    );
    let spec = extract(&text);
    let r = &spec.operation.response;
    assert_eq!(r.status, 202);
    assert_eq!(r.body_type, None);
    assert_eq!(r.headers, ["Location"]);
    let Some(resp) = spec.examples[0].response.as_ref() else {
        panic!("no response")
    };
    assert_eq!(resp.headers[0].name, "Location");
    assert_eq!(
        resp.headers[0].value.as_deref(),
        Some("/widgets/42/operations/7")
    );
    no_warnings(&spec);
}

#[test]
fn response_status_from_the_example_when_the_section_names_none() {
    let text = with_response(
        "Returns details about how to follow the polishing.",
        "HTTP/1.1 202 Accepted\nLocation: /widgets/42/operations/7",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.response.status, 202);
    assert_eq!(spec.operation.response.headers, ["Location"]);
    warning_at(
        &spec,
        line_of(&text, "## Response"),
        "took 202 from the response of example `widget_polish`",
    );
}

#[test]
fn response_example_disagreements_are_warnings() {
    let text = with_response(
        "If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.",
        "HTTP/1.1 201 Created",
    );
    let text = edit(
        &text,
        "  \"truncated\": true\n}\n-->\n``` http\nHTTP/1.1 201",
        "  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.gadget\"\n}\n-->\n``` http\nHTTP/1.1 201",
    );
    let spec = extract(&text);
    let line = line_of(&text, "\"blockType\": \"response\"") - 1;
    warning_at(
        &spec,
        line,
        "responds 201, but the response section documents 200",
    );
    warning_at(
        &spec,
        line,
        "types the body `microsoft.graph.gadget`, but the response section links `microsoft.graph.widget`; using the section's type",
    );
    // Two named types: the section links the operation's resource; the annotation names what one
    // example holds. (A primitive in the prose against a named annotation: the annotation wins, see
    // `robust::the_annotation_wins_over_a_primitive_word_in_the_prose`.)
    assert_eq!(
        spec.operation
            .response
            .body_type
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("microsoft.graph.widget")
    );
}
