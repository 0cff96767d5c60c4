//! Examples: annotated requests and responses, truncation, ignored blocks, unannotated requests.

use super::*;

#[test]
fn examples_with_request_and_truncated_response() {
    let spec = extract(BASE);
    assert_eq!(spec.examples.len(), 1);
    let e = &spec.examples[0];
    assert_eq!(e.name, "widget_polish");
    assert_eq!(e.line, line_of(BASE, "\"blockType\": \"request\"") - 1);
    assert_eq!(e.request.method, HttpMethod::Post);
    assert_eq!(
        e.request.url,
        "https://graph.microsoft.com/beta/widgets/42/polish"
    );
    assert_eq!(e.request.headers.len(), 1);
    assert_eq!(e.request.headers[0].name, "Content-Type");
    assert_eq!(
        e.request.headers[0].value.as_deref(),
        Some("application/json")
    );
    assert_eq!(
        e.request.body,
        Some(json!({"shineLevel": 3, "cloths": [{"fabric": "silk"}]}))
    );
    let Some(r) = &e.response else {
        panic!("no response")
    };
    assert_eq!(r.status, 204);
    assert_eq!(r.body, None);
    assert!(r.truncated);
}

#[test]
fn truncated_response_body_that_does_not_parse() {
    let text = with_response(
        "If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.",
        "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"id\": \"42\",\n  ...\n}",
    );
    let spec = extract(&text);
    let Some(r) = &spec.examples[0].response else {
        panic!("no response")
    };
    assert_eq!(r.status, 200);
    assert_eq!(r.body, None);
    assert!(r.truncated);
    warning_at(
        &spec,
        line_of(&text, "\"id\": \"42\"") - 1,
        "is not complete JSON (the annotation says it is truncated)",
    );

    let text = edit(
        &text,
        "  \"truncated\": true\n}\n-->\n``` http\nHTTP/1.1 200",
        "  \"truncated\": false\n}\n-->\n``` http\nHTTP/1.1 200",
    );
    let spec = extract(&text);
    warning_at(
        &spec,
        line_of(&text, "\"id\": \"42\"") - 1,
        "is not valid JSON",
    );
}

#[test]
fn ignored_blocks_are_not_examples_and_orphan_responses_are_warnings() {
    let text = edit(
        BASE,
        "  \"blockType\": \"request\",\n  \"name\": \"widget_polish\"",
        "  \"blockType\": \"ignored\",\n  \"name\": \"widget_polish\"",
    );
    // With a template URL it is no example (with concrete values it would be one, see
    // `path_forms`).
    let text = edit(
        &text,
        "POST https://graph.microsoft.com/beta/widgets/42/polish",
        "POST https://graph.microsoft.com/beta/widgets/{widget-id}/polish",
    );
    let spec = extract(&text);
    assert!(spec.examples.is_empty());
    warning_at(
        &spec,
        line_of(&text, "\"blockType\": \"response\"") - 1,
        "response annotation is not preceded by a request example (the request at line",
    );
}

#[test]
fn unannotated_request_of_a_documented_path_is_an_example_with_a_warning() {
    let text = format!(
        "{BASE}\n### Another\n\n```http\nPOST https://graph.microsoft.com/beta/widgets/7/polish\n\
         Content-Type: application/json\n\n{{\"shineLevel\": 1}}\n```\n\n\
         ```http\nHTTP/1.1 204 No Content\n```\n\n\
         ```http\nPOST https://bot.contoso.com/api/calls\n```\n\n```http\nHTTP/1.1 200 OK\n```\n"
    );
    let spec = extract(&text);
    assert_eq!(spec.examples.len(), 2);
    let line = line_of(&text, "POST https://graph.microsoft.com/beta/widgets/7") - 1;
    let example = &spec.examples[1];
    assert_eq!(example.name, format!("unannotated_line_{line}"));
    assert_eq!(example.request.body, Some(json!({"shineLevel": 1})));
    assert_eq!(example.response.as_ref().map(|r| r.status), Some(204));
    warning_at(&spec, line, "without an annotation; recorded as");
    // A request to a path the page does not document (a callback to a bot) is not an example, and
    // neither is the response after it.
    let bot = line_of(&text, "POST https://bot.contoso.com/api/calls") - 1;
    warning_at(
        &spec,
        bot,
        "does not call a path of the `HTTP request` section; not recorded",
    );
    warning_at(&spec, bot + 4, "follows no request example; not recorded");
}

#[test]
fn an_example_calling_an_undocumented_path_is_a_warning() {
    assert!(
        !extract(BASE)
            .warnings
            .iter()
            .any(|w| w.message.contains("not among the paths")),
        "the base page's example calls a documented path"
    );
    let text = edit(
        BASE,
        "POST https://graph.microsoft.com/beta/widgets/42/polish",
        "POST https://graph.microsoft.com/beta/me/widgets/polish",
    );
    let spec = extract(&text);
    let annotation = spec.examples[0].line;
    warning_at(
        &spec,
        annotation,
        "calls `/me/widgets/polish`, which is not among the paths of the `HTTP request` section",
    );
}
