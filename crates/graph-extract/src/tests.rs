//! Unit tests on small invented pages written in the Graph docs format (a fictional `widget: polish`).

use std::collections::BTreeMap;

use graph_spec::{ApiVersion, EdmType, FactSource, HttpMethod, Primitive, SpecFile};
use serde_json::json;

use super::*;

const PAGE: &str = "api-reference/beta/api/widget-polish.md";

/// The base page. Tests change one part of it with `replace` and look lines up with [`line_of`].
const BASE: &str = r#"---
title: "widget: polish"
description: "Polish a widget until it shines."
author: someone
ms.date: '01/02/2025'
---

# widget: polish

Namespace: microsoft.graph

[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]

Polish a [widget](../resources/widget.md) until   it
shines. See the [polishing guide](/graph/polish-guide).

[!INCLUDE [national-cloud-support](../../includes/global-us.md)]

## Permissions

Pick the least privileged permission.

<!-- { "blockType": "permissions", "name": "widget_polish" } -->
[!INCLUDE [permissions-table](../includes/permissions/widget-polish-permissions.md)]

[!INCLUDE [rbac-widget-write](../includes/rbac-for-apis/rbac-widget-write.md)]

## HTTP request

<!-- { "blockType": "ignored" } -->
``` http
POST /widgets/{widget-id}/polish
```

## Request headers

|Name|Description|
|:---|:---|
|Authorization|Bearer {token}. Required.|
|Content-Type|application/json. Required.|

## Request body

In the request body, supply a JSON object with the following parameters.

|Parameter|Type|Description|
|:---|:---|:---|
|shineLevel|Int32|How shiny the widget gets. Required.|
|cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|
|note|String|A note for the polisher. Optional.|

## Response

If successful, this action returns a `204 No Content` response code.

## Examples

### Request

# [HTTP](#tab/http)
<!-- {
  "blockType": "request",
  "name": "widget_polish"
}
-->
``` http
POST https://graph.microsoft.com/beta/widgets/42/polish
Content-Type: application/json

{
  "shineLevel": 3,
  "cloths": [{"fabric": "silk"}]
}
```

# [C#](#tab/csharp)
[!INCLUDE [sample-code](../includes/snippets/csharp/widget-polish-csharp-snippets.md)]

---

### Response
<!-- {
  "blockType": "response",
  "truncated": true
}
-->
``` http
HTTP/1.1 204 No Content
```
"#;

const PERMISSIONS: &str = "---
description: generated
---

|Permission type|Least privileged permissions|Higher privileged permissions|
|:---|:---|:---|
|Delegated (work or school account)|Widget.Polish.All|Widget.ReadWrite.All, Directory.ReadWrite.All|
|Delegated (personal Microsoft account)|Not supported.|Not supported.|
|Application|Widget.Polish.All|Not available.|
";

const RBAC: &str = "---
ms.topic: include
---

> [!IMPORTANT]
> For delegated access, the signed-in user needs a supported [role](/roles). *Widget Polisher* is the least privileged role supported for this operation.
";

fn clouds(l4: &str, l5: &str, china: &str) -> String {
    format!(
        "This API is available in these [clouds](/graph/deployments).\n\n\
         | Global service | US Government L4 | US Government L5 (DOD) | China operated by 21Vianet |\n\
         |---|---|---|---|\n\
         | :white_check_mark: | {l4} | {l5} | {china} |\n"
    )
}

fn includes() -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert(
        "api-reference/beta/includes/permissions/widget-polish-permissions.md".to_string(),
        PERMISSIONS.to_string(),
    );
    m.insert(
        "api-reference/beta/includes/rbac-for-apis/rbac-widget-write.md".to_string(),
        RBAC.to_string(),
    );
    m.insert(
        "api-reference/includes/global-us.md".to_string(),
        clouds(":white_check_mark:", ":white_check_mark:", ":x:"),
    );
    m
}

fn extract_with(text: &str, files: &BTreeMap<String, String>) -> Result<SpecFile, ExtractError> {
    extract_str(PAGE, text, &|p: &str| files.get(p).cloned())
}

fn extract(text: &str) -> SpecFile {
    match extract_with(text, &includes()) {
        Ok(spec) => spec,
        Err(e) => panic!("extraction failed: {e}"),
    }
}

fn extract_err(text: &str) -> ExtractError {
    match extract_with(text, &includes()) {
        Ok(spec) => panic!("expected an error, got {spec:#?}"),
        Err(e) => e,
    }
}

/// The 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("`{needle}` not in the page"))
}

/// Replaces exactly one occurrence.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

fn warning_at(spec: &SpecFile, line: usize, part: &str) {
    assert!(
        spec.warnings
            .iter()
            .any(|w| w.line == line && w.message.contains(part)),
        "no warning at line {line} containing `{part}`; warnings: {:#?}",
        spec.warnings
    );
}

fn no_warnings(spec: &SpecFile) {
    assert!(
        spec.warnings.is_empty(),
        "unexpected warnings: {:#?}",
        spec.warnings
    );
}

fn ty(s: &str) -> EdmType {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

// ---------------------------------------------------------------------------------------------------
// Elements

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

#[test]
fn request_headers_table() {
    let spec = extract(BASE);
    let h = &spec.operation.request_headers;
    assert_eq!(h.len(), 2);
    assert_eq!(
        (h[0].name.as_str(), h[0].value.as_deref(), h[0].required),
        ("Authorization", None, true)
    );
    assert_eq!(
        (h[1].name.as_str(), h[1].value.as_deref(), h[1].required),
        ("Content-Type", Some("application/json"), true)
    );
}

#[test]
fn request_headers_table_with_odd_columns() {
    let text = edit(
        BASE,
        "|Name|Description|\n|:---|:---|\n|Authorization|Bearer {token}. Required.|\n|Content-Type|application/json. Required.|",
        "| Header | Value |\n|:--|:--|\n| Authorization | `Bearer {token}`. Required. |\n| Content-Type | `application/json` |\n\
         | Prefer: polish-style | The polish style. Optional. |",
    );
    let spec = extract(&text);
    let h = &spec.operation.request_headers;
    assert_eq!(
        (h[0].name.as_str(), h[0].value.as_deref(), h[0].required),
        ("Authorization", None, true)
    );
    assert_eq!(
        (h[1].name.as_str(), h[1].value.as_deref(), h[1].required),
        ("Content-Type", Some("application/json"), false)
    );
    assert_eq!(
        (h[2].name.as_str(), h[2].value.as_deref(), h[2].required),
        ("Prefer", None, false)
    );
    warning_at(
        &spec,
        line_of(&text, "| Prefer: polish-style"),
        "recorded as header `Prefer`",
    );
}

#[test]
fn body_table_with_linked_types_collections_and_required() {
    let spec = extract(BASE);
    let Some(body) = &spec.operation.request_body else {
        panic!("no body")
    };
    assert_eq!(body.len(), 3);
    assert_eq!(body[0].name, "shineLevel");
    assert_eq!(body[0].ty, EdmType::Primitive(Primitive::Int32));
    assert_eq!(body[0].required, Some(true));
    assert_eq!(body[0].source, FactSource::Table);
    assert_eq!(body[1].name, "cloths");
    assert_eq!(body[1].ty, ty("Collection(microsoft.graph.polishCloth)"));
    assert_eq!(body[1].required, Some(false));
    assert_eq!(body[1].description, "The cloths to use. Optional.");
    assert_eq!(body[2].ty, EdmType::Primitive(Primitive::String));
    // The base page's `note` says "Optional.": a row saying neither would be `None`, made optional
    // here because the example leaves it out (see tests/lenient.rs).
    assert_eq!(body[2].required, Some(false));
}

#[test]
fn body_table_type_words() {
    let rows = "|a|String collection|x|\n|b|Guid|x|\n|c|DateTimeOffset|x|\n|d|Boolean|x|\n|e|Int64|x|\n\
                |f|Double|x|\n|g|Binary|x|\n|h|Date|x|\n|i|Duration|x|\n|j|TimeOfDay|x|\n|k|string|x|\n\
                |l|[PolishCloth](../resources/polishcloth.md)|x|\n|m|Collection(Edm.Guid)|x|\n";
    let text = edit(
        BASE,
        "|shineLevel|Int32|How shiny the widget gets. Required.|\n|cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|\n|note|String|A note for the polisher. Optional.|\n",
        rows,
    );
    let spec = extract(&text);
    let Some(body) = &spec.operation.request_body else {
        panic!("no body")
    };
    let types: Vec<String> = body.iter().map(|p| p.ty.to_string()).collect();
    assert_eq!(
        types,
        [
            "Collection(Edm.String)",
            "Edm.Guid",
            "Edm.DateTimeOffset",
            "Edm.Boolean",
            "Edm.Int64",
            "Edm.Double",
            "Edm.Binary",
            "Edm.Date",
            "Edm.Duration",
            "Edm.TimeOfDay",
            "Edm.String",
            "microsoft.graph.polishCloth",
            "Collection(Edm.Guid)",
        ]
    );
    warning_at(
        &spec,
        line_of(&text, "|l|[PolishCloth]"),
        "written with a capital letter",
    );
}

#[test]
fn body_parameters_from_example_when_there_is_no_table() {
    let text = edit(
        BASE,
        "In the request body, supply a JSON object with the following parameters.\n\n\
         |Parameter|Type|Description|\n|:---|:---|:---|\n\
         |shineLevel|Int32|How shiny the widget gets. Required.|\n\
         |cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|\n\
         |note|String|A note for the polisher. Optional.|\n",
        "Supply the `shineLevel` in the request body; the **cloths** are optional.\n",
    );
    let text = edit(
        &text,
        "  \"cloths\": [{\"fabric\": \"silk\"}]\n",
        "  \"cloths\": [{\"fabric\": \"silk\"}],\n  \"tags\": [\"a\", \"b\"],\n  \"dry\": true,\n  \"ratio\": 0.5,\n  \"big\": 6000000000,\n  \"style\": {\"gloss\": 1},\n  \"nothing\": null\n",
    );
    let spec = extract(&text);
    let Some(body) = &spec.operation.request_body else {
        panic!("no body")
    };
    let got: Vec<(&str, String, FactSource, Option<bool>)> = body
        .iter()
        .map(|p| (p.name.as_str(), p.ty.to_string(), p.source, p.required))
        .collect();
    assert_eq!(
        got,
        [
            (
                "shineLevel",
                "Edm.Int32".to_string(),
                FactSource::Prose,
                Some(false)
            ),
            (
                "cloths",
                "Collection(microsoft.graph.cloths)".to_string(),
                FactSource::Prose,
                Some(false)
            ),
            (
                "tags",
                "Collection(Edm.String)".to_string(),
                FactSource::Example,
                None
            ),
            ("dry", "Edm.Boolean".to_string(), FactSource::Example, None),
            ("ratio", "Edm.Double".to_string(), FactSource::Example, None),
            ("big", "Edm.Int64".to_string(), FactSource::Example, None),
            (
                "style",
                "microsoft.graph.style".to_string(),
                FactSource::Example,
                None
            ),
        ]
    );
    assert_eq!(
        body[0].description,
        "Supply the `shineLevel` in the request body; the cloths are optional."
    );
    let example_line = line_of(&text, "\"blockType\": \"request\"") - 1;
    warning_at(&spec, example_line, "guessed from the key");
    warning_at(&spec, example_line, "`nothing` left out");
}

#[test]
fn body_parameters_from_a_json_block_of_the_section() {
    let text = edit(
        BASE,
        "In the request body, supply a JSON object with the following parameters.\n\n\
         |Parameter|Type|Description|\n|:---|:---|:---|\n\
         |shineLevel|Int32|How shiny the widget gets. Required.|\n\
         |cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|\n\
         |note|String|A note for the polisher. Optional.|\n",
        "You may include a JSON body:\n\n```json\n{ \"buff\": true }\n```\n",
    );
    let spec = extract(&text);
    let Some(body) = &spec.operation.request_body else {
        panic!("no body")
    };
    assert_eq!(body[0].name, "buff");
    assert_eq!(body[0].source, FactSource::Example);
    assert_eq!(body[1].name, "shineLevel");
}

#[test]
fn table_and_example_disagreements_are_warnings() {
    let text = edit(
        BASE,
        "  \"shineLevel\": 3,\n  \"cloths\": [{\"fabric\": \"silk\"}]\n",
        "  \"widgetPolish\": {\"shineLevel\": 3},\n  \"note\": 5\n",
    );
    let spec = extract(&text);
    let example_line = line_of(&text, "\"blockType\": \"request\"") - 1;
    warning_at(
        &spec,
        example_line,
        "sends `widgetPolish`, which the request body table does not list",
    );
    warning_at(
        &spec,
        example_line,
        "does not send `shineLevel`, which the request body table marks Required.",
    );
    warning_at(
        &spec,
        example_line,
        "sends a number for `note`, but the request body table types it `Edm.String`",
    );
    assert_eq!(spec.operation.request_body.as_ref().map(Vec::len), Some(3));
}

#[test]
fn body_section_saying_no_body() {
    let text = edit(
        BASE,
        "In the request body, supply a JSON object with the following parameters.\n\n\
         |Parameter|Type|Description|\n|:---|:---|:---|\n\
         |shineLevel|Int32|How shiny the widget gets. Required.|\n\
         |cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|\n\
         |note|String|A note for the polisher. Optional.|\n",
        "Don’t supply a request body for this method.\n",
    );
    let text = edit(
        &text,
        "Content-Type: application/json\n\n{\n  \"shineLevel\": 3,\n  \"cloths\": [{\"fabric\": \"silk\"}]\n}\n",
        "",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.request_body, None);
    no_warnings(&spec);
}

#[test]
fn empty_body_section_without_example_body_is_none_with_a_warning() {
    let text = edit(
        BASE,
        "In the request body, supply a JSON object with the following parameters.\n\n\
         |Parameter|Type|Description|\n|:---|:---|:---|\n\
         |shineLevel|Int32|How shiny the widget gets. Required.|\n\
         |cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|\n\
         |note|String|A note for the polisher. Optional.|\n",
        "",
    );
    let text = edit(
        &text,
        "Content-Type: application/json\n\n{\n  \"shineLevel\": 3,\n  \"cloths\": [{\"fabric\": \"silk\"}]\n}\n",
        "",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.request_body, None);
    warning_at(
        &spec,
        line_of(&text, "## Request body"),
        "the request body section is empty",
    );
}

#[test]
fn response_204_without_body() {
    let r = extract(BASE).operation.response;
    assert_eq!(r.status, 204);
    assert_eq!(r.body_type, None);
    assert!(r.headers.is_empty());
}

fn with_response(sentence: &str, example_status: &str) -> String {
    let text = edit(
        BASE,
        "If successful, this action returns a `204 No Content` response code.",
        sentence,
    );
    edit(&text, "HTTP/1.1 204 No Content", example_status)
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

#[test]
fn permissions_from_the_include() {
    let spec = extract(BASE);
    let Some(p) = &spec.operation.permissions else {
        panic!("no permissions")
    };
    assert!(p.delegated_work_or_school.supported);
    assert_eq!(
        p.delegated_work_or_school.least_privileged,
        ["Widget.Polish.All"]
    );
    assert_eq!(
        p.delegated_work_or_school.higher_privileged,
        ["Widget.ReadWrite.All", "Directory.ReadWrite.All"]
    );
    assert!(!p.delegated_personal.supported);
    assert!(p.delegated_personal.least_privileged.is_empty());
    assert!(p.delegated_personal.higher_privileged.is_empty());
    assert!(p.application.supported);
    assert_eq!(p.application.least_privileged, ["Widget.Polish.All"]);
    assert!(p.application.higher_privileged.is_empty());
}

#[test]
fn inline_permissions_tables_old_form_and_footnotes() {
    let text = edit(
        BASE,
        "<!-- { \"blockType\": \"permissions\", \"name\": \"widget_polish\" } -->\n\
         [!INCLUDE [permissions-table](../includes/permissions/widget-polish-permissions.md)]\n",
        "|Permission type | Permissions (from least to most privileged) |\n|:---|:---|\n\
         |Delegated (work or school account) | Widget.Read.All, Widget.ReadWrite.All* |\n\
         |Delegated (personal Microsoft account) | Not supported. |\n\
         |Application | Widget.ReadWrite.All |\n\n\
         ### For gadgets\n\n\
         |Permission type | Permissions (from least to most privileged) |\n|:---|:---|\n\
         |Delegated (work or school account) | Gadget.Read.All |\n\
         |Delegated (personal Microsoft account) | Not supported. |\n\
         |Application | Gadget.Read.All |\n",
    );
    let spec = extract(&text);
    let Some(p) = &spec.operation.permissions else {
        panic!("no permissions")
    };
    assert_eq!(
        p.delegated_work_or_school.least_privileged,
        ["Widget.Read.All"]
    );
    assert_eq!(
        p.delegated_work_or_school.higher_privileged,
        ["Widget.ReadWrite.All"]
    );
    assert!(!p.delegated_personal.supported);
    assert_eq!(p.application.least_privileged, ["Widget.ReadWrite.All"]);
    let table_line = line_of(&text, "|Permission type | Permissions");
    warning_at(&spec, table_line, "footnote markers");
    warning_at(&spec, table_line, "the page has 2 permissions tables");
}

#[test]
fn least_privileged_role_from_the_rbac_include() {
    let spec = extract(BASE);
    assert_eq!(
        spec.operation.least_privileged_role.as_deref(),
        Some("Widget Polisher")
    );

    let mut files = includes();
    files.insert(
        "api-reference/beta/includes/rbac-for-apis/rbac-widget-write.md".to_string(),
        "For delegated calls, the user must hold at least the *Gadget Admin* [role](/roles).\n"
            .to_string(),
    );
    let spec = extract_with(BASE, &files).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        spec.operation.least_privileged_role.as_deref(),
        Some("Gadget Admin")
    );
}

#[test]
fn national_clouds_are_read_from_the_table_not_the_file_name() {
    let spec = extract(BASE);
    assert_eq!(
        spec.operation.national_clouds,
        Some(graph_spec::NationalClouds {
            global: true,
            us_gov_l4: true,
            us_gov_l5_dod: true,
            china: false
        })
    );
    // An include named all-clouds.md whose table says otherwise: the table wins.
    let text = edit(
        BASE,
        "../../includes/global-us.md",
        "../../includes/all-clouds.md",
    );
    let mut files = includes();
    files.insert(
        "api-reference/includes/all-clouds.md".to_string(),
        clouds(":x:", ":heavy_check_mark:", ":x:"),
    );
    let spec = extract_with(&text, &files).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        spec.operation.national_clouds,
        Some(graph_spec::NationalClouds {
            global: true,
            us_gov_l4: false,
            us_gov_l5_dod: true,
            china: false
        })
    );
}

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
fn table_row_with_more_cells_than_its_header_is_an_error() {
    let text = edit(
        BASE,
        "|note|String|A note for the polisher. Optional.|",
        "|note|String|A note | for the polisher.|",
    );
    let e = extract_err(&text);
    assert_eq!(e.file, PAGE);
    assert_eq!(e.line, line_of(&text, "|note|String|"));
    assert!(
        e.message
            .contains("this row has 4 cells but the table header has 3"),
        "{e}"
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

#[test]
fn a_table_of_the_fields_of_one_wrapped_object_becomes_that_object() {
    let text = edit(
        BASE,
        "In the request body, supply a JSON object with the following parameters.",
        "In the request body, provide an optional `polishJob` object with the following properties.",
    );
    let text = edit(
        &text,
        "{\n  \"shineLevel\": 3,\n  \"cloths\": [{\"fabric\": \"silk\"}]\n}",
        "{\n  \"polishJob\": {\"shineLevel\": 3, \"note\": \"gently\"}\n}",
    );
    let spec = extract(&text);
    let params = spec.operation.request_body.as_deref().unwrap_or_default();
    assert_eq!(params.len(), 1, "{params:?}");
    let job = &params[0];
    assert_eq!(job.name, "polishJob");
    assert_eq!(job.ty.to_string(), "microsoft.graph.polishJob");
    assert_eq!(job.required, Some(false));
    assert_eq!(job.source, FactSource::Prose);
    let fields: Vec<&str> = job.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(fields, ["shineLevel", "cloths", "note"]);
    warning_at(
        &spec,
        spec.examples[0].line,
        "the request body table lists the fields of `polishJob`, the one object the examples send",
    );
    assert!(
        !spec
            .warnings
            .iter()
            .any(|w| w.message.contains("does not list")),
        "{:?}",
        spec.warnings
    );
}

#[test]
fn a_body_key_that_is_itself_a_parameter_is_not_a_wrapper() {
    let text = edit(
        BASE,
        "{\n  \"shineLevel\": 3,\n  \"cloths\": [{\"fabric\": \"silk\"}]\n}",
        "{\n  \"shineLevel\": 3\n}",
    );
    let spec = extract(&text);
    let params = spec.operation.request_body.as_deref().unwrap_or_default();
    assert!(params.len() > 1, "{params:?}");
    assert!(params.iter().all(|p| p.properties.is_empty()));
}

mod function;
mod lenient;
mod path_forms;
mod robust;
