//! What real pages commonly do is never fatal (issue #10): each case gives a located warning and the
//! rest of the page. Small invented pages, edited from the base page of `tests.rs`.

use super::*;

const ROWS: &str = "|shineLevel|Int32|How shiny the widget gets. Required.|\n\
                    |cloths|[polishCloth](../resources/polishcloth.md) collection|The cloths to use. Optional.|\n\
                    |note|String|A note for the polisher.|\n";

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
