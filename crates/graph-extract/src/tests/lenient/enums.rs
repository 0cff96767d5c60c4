//! Enums the docs list: on the page, on the version's and v1.0's enumerations pages, on a linked
//! resource page, and for nested properties; every extracted enum passes validation.

use super::*;

const V1_ENUMS: &str = "api-reference/v1.0/resources/enums.md";
const BETA_ENUMS: &str = "api-reference/beta/resources/enums.md";

/// An enumerations page in the docs' format.
const ENUMS_PAGE: &str = "---
title: \"Enum values\"
---

# Enum values

Namespace: microsoft.graph

### polishFinish values

| Member |
| ---- |
| matte |
| glossy |
| unknownFutureValue |

### shineMode values

Possible modes.

| Member      | Value | Description |
| ----------- | ----- | ----------- |
| dull        | 0     | Barely. |
| bright      | 1     | Very [bright](x.md). |
|             | 2     | No name. |
| Bright      | 3     | Twice. |
";

fn enum_files(extra: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut files = includes();
    for (path, text) in extra {
        files.insert(path.to_string(), text.to_string());
    }
    files
}

fn members(e: &graph_spec::EnumType) -> Vec<&str> {
    e.members.iter().map(|m| m.name.as_str()).collect()
}

#[test]
fn an_enum_listed_on_the_page_is_recorded_with_its_members() {
    let rows =
        "|shineLevel|Int32|How shiny. Required.|\n|finish|polishFinish|The finish. Optional.|\n";
    let text = format!(
        "{}\n### polishFinish values\n\n|Name|Value|Description|\n|:---|:---|:---|\n\
         |matte|`1`|Not shiny.|\n|glossy|two|Shiny.|\n",
        with_rows(rows)
    );
    let spec = extract(&text);
    assert_eq!(spec.enums.len(), 1, "{:#?}", spec.enums);
    let e = &spec.enums[0];
    assert_eq!(e.name, "microsoft.graph.polishFinish");
    assert_eq!(e.source, PAGE);
    assert_eq!(e.line, line_of(&text, "### polishFinish values"));
    assert_eq!(members(e), ["matte", "glossy"]);
    assert_eq!(e.members[0].value, Some(graph_spec::EnumValue::Integer(1)));
    assert_eq!(
        e.members[1].value,
        Some(graph_spec::EnumValue::Text("two".into()))
    );
    assert_eq!(e.members[0].description, "Not shiny.");
}

#[test]
fn a_bold_values_title_introduces_an_enum_too() {
    let rows =
        "|modes|[shineMode](../resources/enums.md#shinemode-values) collection|Modes. Optional.|\n";
    let text = format!(
        "{}\n**shineMode values**\n\n|Member|\n|:---|\n|dull|\n|bright|\n",
        with_rows(rows)
    );
    let spec = extract(&text);
    assert_eq!(spec.enums.len(), 1, "{:#?}", spec.enums);
    assert_eq!(spec.enums[0].name, "microsoft.graph.shineMode");
    assert_eq!(members(&spec.enums[0]), ["dull", "bright"]);
    assert_eq!(spec.enums[0].members[0].value, None);
}

#[test]
fn enums_come_from_the_version_enums_page_then_v1() {
    let rows = "|finish|polishFinish|The finish. Required.|\n\
                |cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths. Optional.|\n\
                |mode|[shineMode](../resources/enums.md#shinemode-values)|The mode. Optional.|\n";
    let text = with_rows(rows);
    // Only v1.0 has an enumerations page: the beta page falls back to it.
    let spec = extract_files(&text, &enum_files(&[(V1_ENUMS, ENUMS_PAGE)]));
    let names: Vec<&str> = spec.enums.iter().map(|e| e.name.as_str()).collect();
    // Sorted by name; `polishCloth` is not an enum anywhere and is not recorded.
    assert_eq!(
        names,
        ["microsoft.graph.polishFinish", "microsoft.graph.shineMode"]
    );
    let finish = &spec.enums[0];
    assert_eq!(finish.source, V1_ENUMS);
    assert_eq!(finish.line, line_of(ENUMS_PAGE, "### polishFinish values"));
    assert_eq!(members(finish), ["matte", "glossy", "unknownFutureValue"]);
    let mode = &spec.enums[1];
    assert_eq!(members(mode), ["dull", "bright"]);
    assert_eq!(mode.members[1].description, "Very bright.");
    assert_eq!(
        mode.members[1].value,
        Some(graph_spec::EnumValue::Integer(1))
    );
    // What the enumerations page needed forgiving is said, naming its file and line, on the request
    // body heading.
    let heading = line_of(&text, "## Request body");
    let blank = line_of(ENUMS_PAGE, "| 2     |");
    warning_at(
        &spec,
        heading,
        &format!("{V1_ENUMS}:{blank}: a row of the `shineMode values` table has no member name"),
    );
    let twice = line_of(ENUMS_PAGE, "| Bright ");
    warning_at(
        &spec,
        heading,
        &format!("{V1_ENUMS}:{twice}: member `Bright` of `shineMode` is listed twice"),
    );

    // The page's own version wins over v1.0.
    let beta = "### polishFinish values\n\n|Member|\n|---|\n|satin|\n";
    let spec = extract_files(
        &text,
        &enum_files(&[(V1_ENUMS, ENUMS_PAGE), (BETA_ENUMS, beta)]),
    );
    assert_eq!(spec.enums[0].source, BETA_ENUMS);
    assert_eq!(members(&spec.enums[0]), ["satin"]);
    assert_eq!(spec.enums[1].source, V1_ENUMS);

    // No enumerations page at all: no enums, and no complaint (most named types are not enums).
    let spec = extract_files(&text, &includes());
    assert!(spec.enums.is_empty());
    assert!(
        spec.warnings
            .iter()
            .all(|w| !w.message.contains("enums.md")),
        "{:#?}",
        spec.warnings
    );
}

#[test]
fn enums_of_nested_properties_are_recorded() {
    // The table lists the fields of the one object the example sends (`application: addPassword`
    // style); a field's enum is found through the object.
    let rows =
        "|fabric|String|The fabric. Required.|\n|finish|polishFinish|The finish. Optional.|\n";
    let text = edit(
        &with_rows(rows),
        "{\n  \"shineLevel\": 3,\n  \"cloths\": [{\"fabric\": \"silk\"}]\n}",
        "{\n  \"cloth\": {\"fabric\": \"silk\", \"finish\": \"matte\"}\n}",
    );
    let spec = extract_files(&text, &enum_files(&[(V1_ENUMS, ENUMS_PAGE)]));
    assert_eq!(param(&spec, "cloth").properties.len(), 2);
    assert_eq!(spec.enums.len(), 1, "{:#?}", spec.enums);
    assert_eq!(spec.enums[0].name, "microsoft.graph.polishFinish");
}

#[test]
fn an_enum_listed_on_the_linked_resource_page_is_found_there() {
    let rows = "|mode|[shineMode](/graph/api/resources/widget?view=graph-rest-1.0#shinemode-values)|The mode. Optional.|\n\
                |finish|[polishFinish](../resources/widget.md#polishfinish-values) collection|Finishes. Optional.|\n";
    let text = with_rows(rows);
    let v1_widget = "# widget resource type\n\n## Properties\n\n|Property|Type|\n|---|---|\n|mode|shineMode|\n\n\
                     #### shineMode values\n\n|Member|Description|\n|:---|:---|:---|\n|dull|Barely.|\n|bright|Very.|\n";
    let beta_widget = "# widget\n\n### polishFinish values\n\n|Member|\n|---|\n|satin|\n";
    let files = enum_files(&[
        ("api-reference/v1.0/resources/widget.md", v1_widget),
        ("api-reference/beta/resources/widget.md", beta_widget),
        (V1_ENUMS, ENUMS_PAGE),
    ]);
    let spec = extract_files(&text, &files);
    let got: Vec<(&str, &str, Vec<&str>)> = spec
        .enums
        .iter()
        .map(|e| (e.name.as_str(), e.source.as_str(), members(e)))
        .collect();
    assert_eq!(
        got,
        [
            (
                "microsoft.graph.polishFinish",
                "api-reference/beta/resources/widget.md",
                vec!["satin"]
            ),
            (
                "microsoft.graph.shineMode",
                "api-reference/v1.0/resources/widget.md",
                vec!["dull", "bright"]
            ),
        ]
    );
    // The resource page's delimiter row was repaired, and the warning says where.
    warning_at(
        &spec,
        line_of(&text, "## Request body"),
        "api-reference/v1.0/resources/widget.md:12: this table's delimiter row has 3 cells",
    );
}

#[test]
fn extracted_enums_always_pass_validation() {
    let rows = "|a|lockState|A. Optional.|\n|b|lock_state|B. Optional.|\n";
    let text = format!(
        "{}\n### lockState values\n\n|Member|\n|---|\n|on|\n|o_n|\n|off|\n\n### lock_state values\n\n|Member|\n|---|\n|x|\n",
        with_rows(rows)
    );
    let spec = extract(&text);
    let names: Vec<&str> = spec.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["microsoft.graph.lockState"]);
    assert_eq!(members(&spec.enums[0]), ["on", "off"]);
    warning_at(
        &spec,
        line_of(&text, "|o_n|"),
        "member `o_n` of `lockState` is listed twice",
    );
    warning_at(
        &spec,
        line_of(&text, "## Request body"),
        "enum `microsoft.graph.lock_state` differs from `microsoft.graph.lockState` only in case or punctuation",
    );
    let file = std::path::Path::new("x.json");
    assert_eq!(graph_spec::validate([(file, &spec)]), Vec::new());
}
