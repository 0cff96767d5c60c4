//! What real pages commonly do is never fatal (issue #10): each case gives a located warning and the
//! rest of the page. Small invented pages, edited from the base page of `tests.rs`.

use super::*;

const ROWS: &str = "|shineLevel|Int32|How shiny the widget gets. Required.|\n\
                    |cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|\n\
                    |note|String|A note for the polisher. Optional.|\n";

/// The base page with its request body table rows replaced.
fn with_rows(rows: &str) -> String {
    edit(BASE, ROWS, rows)
}

fn body(spec: &SpecFile) -> &[graph_spec::Parameter] {
    match &spec.operation.request_body {
        Some(b) => b,
        None => panic!("no request body: {spec:#?}"),
    }
}

fn param<'s>(spec: &'s SpecFile, name: &str) -> &'s graph_spec::Parameter {
    body(spec)
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no parameter `{name}`: {:#?}", body(spec)))
}

fn extract_files(text: &str, files: &BTreeMap<String, String>) -> SpecFile {
    extract_with(text, files).unwrap_or_else(|e| panic!("extraction failed: {e}"))
}

// ---------------------------------------------------------------------------------------------------
// 1. Type words
// ---------------------------------------------------------------------------------------------------

#[test]
fn enum_names_and_spelling_variants_in_the_type_column_are_warnings() {
    let rows = "|shineLevel|Int|How shiny. Required.|\n\
                |format|exchangeIdFormat|The format. Required.|\n\
                |when|DateTime|When. Optional.|\n\
                |stamp|String (timestamp)|A stamp. Optional.|\n\
                |counts|Int32 collection|Counts. Optional.|\n\
                |flag|boolean|A flag. Optional.|\n";
    let text = with_rows(rows);
    let spec = extract(&text);
    let types: Vec<(String, String)> = body(&spec)
        .iter()
        .map(|p| (p.name.clone(), p.ty.to_string()))
        .collect();
    let want = [
        ("shineLevel", "Edm.Int32"),
        ("format", "microsoft.graph.exchangeIdFormat"),
        ("when", "Edm.DateTimeOffset"),
        ("stamp", "Edm.String"),
        ("counts", "Collection(Edm.Int32)"),
        ("flag", "Edm.Boolean"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(types, want);
    warning_at(
        &spec,
        line_of(&text, "|format|"),
        "recorded as the named type `microsoft.graph.exchangeIdFormat`",
    );
    warning_at(
        &spec,
        line_of(&text, "|when|"),
        "`DateTime` is not an EDM primitive",
    );
    warning_at(&spec, line_of(&text, "|stamp|"), "the remark `(timestamp)`");
    // Plain spellings need no warning.
    for row in ["|shineLevel|", "|counts|", "|flag|"] {
        let line = line_of(&text, row);
        assert!(
            spec.warnings.iter().all(|w| w.line != line),
            "{row}: {:#?}",
            spec.warnings
        );
    }
}

#[test]
fn a_union_records_the_first_alternative_and_lists_them_all() {
    let rows = "|config|[appHostedMediaConfig](../resources/apphostedmediaconfig.md) or \
                [serviceHostedMediaConfig](../resources/servicehostedmediaconfig.md)|The media. Required.|\n\
                |mode|`fast` or `slow`|The mode. Optional.|\n";
    let text = with_rows(rows);
    let spec = extract(&text);
    assert_eq!(
        param(&spec, "config").ty,
        ty("microsoft.graph.appHostedMediaConfig")
    );
    warning_at(
        &spec,
        line_of(&text, "|config|"),
        "names alternatives (`appHostedMediaConfig`, `serviceHostedMediaConfig`)",
    );
    assert_eq!(param(&spec, "mode").ty, ty("microsoft.graph.fast"));
}

#[test]
fn a_type_cell_naming_no_type_is_typed_from_the_example_or_left_out() {
    // `shineLevel` is sent by the example; `note` is not.
    let rows = "|shineLevel|Stringy thing|How shiny. Required.|\n\
                |note|JSON object|A note.|\n\
                |cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|\n";
    let text = with_rows(rows);
    let spec = extract(&text);
    assert_eq!(param(&spec, "shineLevel").ty, ty("Edm.Int32"));
    warning_at(
        &spec,
        line_of(&text, "|shineLevel|"),
        "unknown type `Stringy thing` for request body parameter `shineLevel`",
    );
    warning_at(
        &spec,
        line_of(&text, "|shineLevel|"),
        "typed `Edm.Int32` from the value request example `widget_polish` sends",
    );
    assert!(body(&spec).iter().all(|p| p.name != "note"));
    warning_at(
        &spec,
        line_of(&text, "|note|"),
        "unknown type `JSON object` for request body parameter `note`",
    );
    warning_at(&spec, line_of(&text, "|note|"), "the parameter is left out");
    // The rest of the page is kept.
    assert_eq!(param(&spec, "cloths").required, Some(false));
    assert!(spec.operation.permissions.is_some());
}

#[test]
fn a_missing_type_cell_is_a_warning() {
    let text = with_rows("|shineLevel|\n|note|String|A note.|\n");
    let spec = extract(&text);
    assert_eq!(param(&spec, "shineLevel").ty, ty("Edm.Int32"));
    warning_at(
        &spec,
        line_of(&text, "|shineLevel|"),
        "for request body parameter `shineLevel` (expected an EDM primitive",
    );
    assert_eq!(param(&spec, "note").ty, ty("Edm.String"));
}

// ---------------------------------------------------------------------------------------------------
// 3. Pipe tables that are not GFM tables
// ---------------------------------------------------------------------------------------------------

#[test]
fn a_delimiter_row_of_another_width_still_makes_a_table() {
    // Narrower delimiter than header.
    let text = edit(
        BASE,
        "|:---|:---|:---|\n|shineLevel|",
        "|:---|:---|\n|shineLevel|",
    );
    let spec = extract(&text);
    assert_eq!(body(&spec).len(), 3, "{:#?}", body(&spec));
    assert_eq!(param(&spec, "shineLevel").required, Some(true));
    warning_at(
        &spec,
        line_of(&text, "|shineLevel|") - 1,
        "delimiter row has 2 cells but its header row has 3",
    );
    // Wider delimiter than header: the header gets an empty cell, and the rows keep their third cell.
    let text = edit(
        BASE,
        "|Parameter|Type|Description|\n|:---|:---|:---|\n|shineLevel|",
        "|Parameter|Type|\n|:---|:---|:---|\n|shineLevel|",
    );
    let spec = extract(&text);
    assert_eq!(body(&spec).len(), 3, "{:#?}", body(&spec));
    assert_eq!(param(&spec, "note").ty, ty("Edm.String"));
    warning_at(
        &spec,
        line_of(&text, "|Parameter|Type|") + 1,
        "delimiter row has 3 cells but its header row has 2",
    );
    // Line numbers after the repair are unchanged.
    assert_eq!(
        spec.examples[0].line,
        line_of(&text, "\"blockType\": \"request\"") - 1
    );
}

#[test]
fn a_permissions_include_with_a_bad_delimiter_row_is_read() {
    let mut files = includes();
    let key = "api-reference/beta/includes/permissions/widget-polish-permissions.md";
    let bad = edit(PERMISSIONS, "|:---|:---|:---|", "|:---|:---|");
    files.insert(key.to_string(), bad.clone());
    let spec = extract_files(BASE, &files);
    let Some(p) = &spec.operation.permissions else {
        panic!("no permissions: {:#?}", spec.warnings)
    };
    assert_eq!(p.application.least_privileged, ["Widget.Polish.All"]);
    let include_line = line_of(BASE, "[!INCLUDE [permissions-table]");
    warning_at(
        &spec,
        include_line,
        &format!(
            "{key}:{}: this table's delimiter row",
            line_of(&bad, "|:---|:---|")
        ),
    );
}

#[test]
fn an_empty_table_before_the_real_one_and_a_repeated_header_are_skipped() {
    // Separated by a blank line: two tables, the first without rows.
    let text = edit(
        BASE,
        "|Parameter|Type|Description|\n|:---|:---|:---|\n|shineLevel|",
        "|Parameter|Type|Description|\n|:---|:---|:---|\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n|shineLevel|",
    );
    let spec = extract(&text);
    assert_eq!(body(&spec).len(), 3, "{:#?}", body(&spec));
    warning_at(
        &spec,
        line_of(&text, "|Parameter|Type|Description|"),
        "request body table has no rows; ignored",
    );
    // Not separated: one table whose rows repeat the header and the delimiter.
    let text = edit(
        BASE,
        "|Parameter|Type|Description|\n|:---|:---|:---|\n|shineLevel|",
        "|Parameter|Type|Description|\n|:---|:---|:---|\n|Parameter|Type|Description|\n|:---|:---|:---|\n|shineLevel|",
    );
    let spec = extract(&text);
    let names: Vec<&str> = body(&spec).iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["shineLevel", "cloths", "note"]);
    let header = line_of(&text, "|Parameter|Type|Description|");
    warning_at(&spec, header + 2, "repeats its header row");
    warning_at(&spec, header + 3, "a second delimiter row");
}

#[test]
fn names_and_types_in_backticks_or_bold_are_read_without_warnings() {
    let rows = "|`shineLevel`|`Int32`|How shiny. Required.|\n\
                |**cloths**|[`polishCloth`](../resources/polishcloth.md) collection|The cloths. Optional.|\n\
                |`note`|`String`|A note. Optional.|\n";
    let spec = extract(&with_rows(rows));
    let got: Vec<(String, String)> = body(&spec)
        .iter()
        .map(|p| (p.name.clone(), p.ty.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("shineLevel".to_string(), "Edm.Int32".to_string()),
            (
                "cloths".to_string(),
                "Collection(microsoft.graph.polishCloth)".to_string()
            ),
            ("note".to_string(), "Edm.String".to_string()),
        ]
    );
    no_warnings(&spec);
}

// ---------------------------------------------------------------------------------------------------
// 4. "Don't supply a request body" under a condition
// ---------------------------------------------------------------------------------------------------

const INTRO: &str = "In the request body, supply a JSON object with the following parameters.";

#[test]
fn a_conditional_no_body_sentence_gives_way_to_the_table() {
    let sentence = "If you only want the default shine, don't supply a request body.";
    let text = edit(BASE, INTRO, &format!("{INTRO} {sentence}"));
    let spec = extract(&text);
    assert_eq!(body(&spec).len(), 3);
    warning_at(
        &spec,
        line_of(&text, sentence),
        &format!("says \"{sentence}\" only under a condition, and has a parameter table"),
    );
    // Also when the condition comes after, and with a typographic apostrophe.
    let sentence = "Don’t supply a request body when the widget already shines.";
    let text = edit(BASE, INTRO, sentence);
    let spec = extract(&text);
    assert_eq!(body(&spec).len(), 3);
    warning_at(&spec, line_of(&text, sentence), "only under a condition");
}

#[test]
fn an_unconditional_no_body_sentence_still_wins_over_the_table() {
    let text = edit(
        BASE,
        INTRO,
        "If you want, read on. Don't supply a request body for this method.",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.request_body, None);
    warning_at(
        &spec,
        line_of(&text, "|Parameter|Type|Description|"),
        "the table is ignored",
    );
}

#[test]
fn a_conditional_no_body_sentence_without_table_uses_the_examples() {
    let text = edit(
        BASE,
        &format!("{INTRO}\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n{ROWS}"),
        "If the widget is new, do not supply a request body.",
    );
    let spec = extract(&text);
    let names: Vec<&str> = body(&spec).iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["shineLevel", "cloths"]);
    warning_at(
        &spec,
        line_of(&text, "If the widget is new"),
        "the parameters are taken from the examples",
    );
}

#[test]
fn do_not_supply_about_a_property_is_not_about_the_body() {
    let sentence = "Do not supply a `note` unless you mean it.";
    let text = edit(BASE, INTRO, &format!("{INTRO} {sentence}"));
    let spec = extract(&text);
    assert_eq!(body(&spec).len(), 3);
    no_warnings(&spec);
}

// ---------------------------------------------------------------------------------------------------
// 5. A parameter a documented example leaves out is optional
// ---------------------------------------------------------------------------------------------------

const EXAMPLE_BODY: &str = "{\n  \"shineLevel\": 3,\n  \"cloths\": [{\"fabric\": \"silk\"}]\n}";

#[test]
fn a_required_parameter_an_example_leaves_out_is_recorded_as_optional() {
    let text = edit(BASE, EXAMPLE_BODY, "{\n  \"cloths\": []\n}");
    let spec = extract(&text);
    assert_eq!(param(&spec, "shineLevel").required, Some(false));
    warning_at(
        &spec,
        spec.examples[0].line,
        "request example `widget_polish` does not send `shineLevel`, which the request body table marks \
         Required.; recorded as optional",
    );
    // One warning for it, not two.
    let about = spec
        .warnings
        .iter()
        .filter(|w| w.message.contains("`shineLevel`"))
        .count();
    assert_eq!(about, 1, "{:#?}", spec.warnings);
}

#[test]
fn a_parameter_of_unknown_requirement_an_example_leaves_out_is_optional_and_one_it_sends_stays_unknown()
 {
    let rows = "|shineLevel|Int32|How shiny.|\n|note|String|A note.|\n";
    let spec = extract(&with_rows(rows));
    assert_eq!(param(&spec, "shineLevel").required, None);
    assert_eq!(param(&spec, "note").required, Some(false));
    warning_at(
        &spec,
        spec.examples[0].line,
        "does not send `note`, and the request body table does not say whether it is required; recorded as \
         optional",
    );
}

#[test]
fn a_second_example_leaving_a_parameter_out_is_named() {
    let second = "\n### Request 2\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"widget_polish_lightly\"\n}\n-->\n\
                  ``` http\nPOST https://graph.microsoft.com/beta/widgets/42/polish\nContent-Type: application/json\n\n\
                  {\n  \"cloths\": []\n}\n```\n";
    let text = format!("{BASE}{second}");
    let spec = extract(&text);
    assert_eq!(param(&spec, "shineLevel").required, Some(false));
    warning_at(
        &spec,
        line_of(&text, "\"name\": \"widget_polish_lightly\"") - 2,
        "request example `widget_polish_lightly` does not send `shineLevel`",
    );
}

#[test]
fn an_example_without_a_body_leaves_out_every_parameter() {
    let text = edit(
        BASE,
        &format!("Content-Type: application/json\n\n{EXAMPLE_BODY}\n"),
        "",
    );
    let spec = extract(&text);
    assert!(body(&spec).iter().all(|p| p.required == Some(false)));
    warning_at(
        &spec,
        spec.examples[0].line,
        "request example `widget_polish` has no body, so it does not send `shineLevel`, which the request body \
         table marks Required.",
    );
}

#[test]
fn keys_derived_from_examples_that_another_example_leaves_out_are_optional() {
    // No table: the parameters come from the examples' keys.
    let text = edit(
        BASE,
        &format!("|Parameter|Type|Description|\n|:---|:---|:---|\n{ROWS}"),
        "",
    );
    let second = "\n### Request 2\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"widget_polish_lightly\"\n}\n-->\n\
                  ``` http\nPOST https://graph.microsoft.com/beta/widgets/42/polish\nContent-Type: application/json\n\n\
                  {\n  \"shineLevel\": 1\n}\n```\n";
    let text = format!("{text}{second}");
    let spec = extract(&text);
    assert_eq!(param(&spec, "shineLevel").required, None);
    assert_eq!(param(&spec, "cloths").required, Some(false));
    warning_at(
        &spec,
        line_of(&text, "\"name\": \"widget_polish_lightly\"") - 2,
        "does not send `cloths`, which other examples send; recorded as optional",
    );
}

mod enums;
