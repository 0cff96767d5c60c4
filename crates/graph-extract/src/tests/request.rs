//! The request: headers and body tables, body parameters from examples, wrapped objects.

use super::*;

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
