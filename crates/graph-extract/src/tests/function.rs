//! Function parameters, from a `Function parameters` table or from the path template.

use graph_spec::{EdmType, FactSource, HttpMethod};

use super::{extract, line_of, warning_at};

/// A function page written for these tests: `GET /widgets/{id}/getShine(<args>)`, with an optional
/// function parameters table and an example URL.
fn page(args: &str, table: &str, example_url: &str) -> String {
    format!(
        "---\ntitle: \"widget: getShine\"\n---\n\n# widget: getShine\n\nGets the shine.\n\n\
         ## HTTP request\n\n```http\nGET /widgets/{{id}}/getShine({args})\n```\n\n{table}\
         ## Request body\n\nDon't supply a request body for this method.\n\n\
         ## Response\n\nIf successful, this function returns a `200 OK` response code and an `Int32` in the response body.\n\n\
         ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_shine\" }} -->\n\
         ```http\nGET {example_url}\n```\n"
    )
}

#[test]
fn the_function_parameters_table_types_the_arguments() {
    let table = "## Function parameters\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n\
                 |period|String|The length of time. Required.|\n|count|Int32|How many. Optional.|\n\n";
    let text = page(
        "period='{period_value}',count={n}",
        table,
        "https://graph.microsoft.com/beta/widgets/1/getShine(period='D7',count=3)",
    );
    let spec = extract(&text);
    assert_eq!(spec.operation.method, HttpMethod::Get);
    let params = &spec.operation.function_parameters;
    let got: Vec<(&str, String, Option<bool>, FactSource)> = params
        .iter()
        .map(|p| (p.name.as_str(), p.ty.to_string(), p.required, p.source))
        .collect();
    assert_eq!(
        got,
        [
            ("period", "Edm.String".into(), Some(true), FactSource::Table),
            ("count", "Edm.Int32".into(), Some(false), FactSource::Table),
        ]
    );
    assert_eq!(spec.operation.request_body, None);
}

#[test]
fn without_a_table_the_template_and_the_examples_type_the_arguments() {
    let text = page(
        "period='{period_value}',count={n},since={since}",
        "",
        "https://graph.microsoft.com/beta/widgets/1/getShine(period='D7',count=3,since=2024-01-02)",
    );
    let spec = extract(&text);
    let params = &spec.operation.function_parameters;
    let got: Vec<(&str, String)> = params
        .iter()
        .map(|p| (p.name.as_str(), p.ty.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("period", "Edm.String".into()),
            ("count", "Edm.Int32".into()),
            ("since", "Edm.Date".into()),
        ]
    );
    assert!(params.iter().all(|p| p.source == FactSource::Template));
    let heading = line_of(&text, "## HTTP request");
    warning_at(
        &spec,
        heading,
        "`count` of `getShine` is typed `Edm.Int32` from the value example `get_shine` passes",
    );
    warning_at(
        &spec,
        heading,
        "`period` of `getShine` is typed `Edm.String` from its quoting in the path",
    );

    // An unquoted argument that no example shows is left out, with a warning.
    let text = page(
        "count={n}",
        "",
        "https://graph.microsoft.com/beta/widgets/1/getShine(count={n})",
    );
    let spec = extract(&text);
    assert!(spec.operation.function_parameters.is_empty());
    warning_at(
        &spec,
        line_of(&text, "## HTTP request"),
        "function parameter `count` of `getShine` has no documented type",
    );
}

#[test]
fn an_enum_literal_in_the_template_names_its_type() {
    let text = page(
        "Standard=microsoft.graph.shineStandard'{standard}'",
        "",
        "https://graph.microsoft.com/beta/widgets/1/getShine(Standard=microsoft.graph.shineStandard'Iso')",
    );
    let spec = extract(&text);
    assert_eq!(
        spec.operation.function_parameters[0].ty,
        EdmType::Named("microsoft.graph.shineStandard".into())
    );
    // An action page (no call in its path) has none.
    assert!(
        extract(super::BASE)
            .operation
            .function_parameters
            .is_empty()
    );
}

#[test]
fn a_table_counts_even_when_the_path_omits_the_arguments() {
    let table = "## Function parameters\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n\
                 |period|String|The length of time.|\n\n";
    let text = page(
        "",
        table,
        "https://graph.microsoft.com/beta/widgets/1/getShine(period='D7')",
    )
    .replace("getShine()\n```", "getShine\n```");
    let spec = extract(&text);
    assert_eq!(spec.operation.paths[0].template, "/widgets/{id}/getShine");
    assert_eq!(spec.operation.function_parameters.len(), 1);
    assert_eq!(spec.operation.function_parameters[0].name, "period");
}

#[test]
fn a_parameter_an_example_leaves_out_or_the_table_calls_optional_is_optional() {
    let table = "## Function parameters\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n\
                 |owner|String|Whose shine.|\n|since|DateTimeOffset|Optional parameter to narrow it.|\n\
                 |until|DateTimeOffset|The end.|\n\n";
    let text = page(
        "owner='{o}',since={s},until={u}",
        table,
        "https://graph.microsoft.com/beta/widgets/1/getShine(owner='me')",
    );
    let spec = extract(&text);
    let got: Vec<(&str, Option<bool>)> = spec
        .operation
        .function_parameters
        .iter()
        .map(|p| (p.name.as_str(), p.required))
        .collect();
    // `since`: the table says so; `until`: the example leaves it out; `owner`: neither.
    assert_eq!(
        got,
        [
            ("owner", None),
            ("since", Some(false)),
            ("until", Some(false))
        ]
    );
    warning_at(
        &spec,
        line_of(&text, "## HTTP request"),
        "function parameter `until` of `getShine` is optional: example `get_shine` leaves it out",
    );
}
