//! OData path forms beyond plain segments: a function called in the middle of a path, an item
//! path (`root:/{item-path}:`), and examples whose request the docs annotate `ignored`.

use graph_spec::PathParameterKind;

use super::{extract, line_of, warning_at};

/// A delta page written for these tests: `GET /gadgets/{gadgetsId}/parts/getAllParts(<args>)/delta`,
/// whose example requests are annotated `ignored` and followed by annotated responses.
fn delta_page(args: &str, first_url: &str, second_url: &str) -> String {
    format!(
        "---\ntitle: \"part: delta\"\n---\n\n# part: delta\n\nGets new parts.\n\n\
         ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n\
         ```http\nGET /gadgets/{{gadgetsId}}/parts/getAllParts({args})/delta\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of \
         [part](../resources/part.md) objects in the response body.\n\n\
         ## Examples\n\n### First round\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n\
         ```http\nGET {first_url}\n```\n\n\
         <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.part)\" }} -->\n\
         ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": []}}\n```\n\n\
         ### Next round\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n\
         ```http\nGET {second_url}\n```\n\n\
         <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.part)\" }} -->\n\
         ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": []}}\n```\n"
    )
}

#[test]
fn a_function_in_the_middle_of_a_path_has_typed_parameters() {
    let text = delta_page(
        "ownerId='{ownerId}',sinceDateTime={sinceDateTime},limit={limit}",
        "https://graph.microsoft.com/beta/gadgets/g1/parts/getAllParts(ownerId='o1',limit=5)/delta",
        "https://graph.microsoft.com/beta/gadgets({gadgetsId})/parts/getAllParts(ownerId='o1')/delta?token={t}",
    );
    let spec = extract(&text);
    // The operation is `delta`; its own segment takes no arguments.
    assert!(spec.operation.function_parameters.is_empty());
    let [f] = spec.operation.path_functions.as_slice() else {
        panic!("one path function: {:?}", spec.operation.path_functions);
    };
    assert_eq!(f.name, "getAllParts");
    let got: Vec<(&str, String, Option<bool>)> = f
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.ty.to_string(), p.required))
        .collect();
    assert_eq!(
        got,
        [
            ("ownerId", "Edm.String".to_string(), None),
            // Typed by its name, and optional: the example leaves it out.
            (
                "sinceDateTime",
                "Edm.DateTimeOffset".to_string(),
                Some(false)
            ),
            // Typed by the value the example passes.
            ("limit", "Edm.Int32".to_string(), None),
        ]
    );
    let heading = line_of(&text, "## HTTP request");
    warning_at(
        &spec,
        heading,
        "`sinceDateTime` of `getAllParts` is typed `Edm.DateTimeOffset` from its name",
    );
    warning_at(
        &spec,
        heading,
        "`sinceDateTime` of `getAllParts` is optional: example `ignored_line_",
    );
    let kinds: Vec<PathParameterKind> = spec.operation.paths[0]
        .parameters
        .iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            PathParameterKind::Segment,
            PathParameterKind::Literal,
            PathParameterKind::Literal,
            PathParameterKind::Literal
        ]
    );
}

#[test]
fn an_ignored_request_with_concrete_values_and_a_response_is_an_example() {
    let text = delta_page(
        "ownerId='{ownerId}'",
        "https://graph.microsoft.com/beta/gadgets/g1/parts/getAllParts(ownerId='o1')/delta",
        // A template, not an example: left out, and its response is an orphan.
        "https://graph.microsoft.com/beta/gadgets({gadgetsId})/parts/getAllParts(ownerId='o1')/delta",
    );
    let spec = extract(&text);
    let first = line_of(&text, "### First round") + 2;
    let names: Vec<&str> = spec.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, [format!("ignored_line_{first}")]);
    let example = &spec.examples[0];
    assert_eq!(example.response.as_ref().map(|r| r.status), Some(200));
    warning_at(
        &spec,
        first,
        "is annotated `ignored`, but it calls a documented path",
    );
    let next = line_of(&text, "### Next round") + 2;
    warning_at(
        &spec,
        next + 5,
        &format!("(the request at line {next} is annotated `ignored`)"),
    );
    // A single-argument call is an alternate key, not a function.
    let keyed = delta_page(
        "ownerId='{ownerId}'",
        "https://graph.microsoft.com/beta/gadgets/g1/parts/getAllParts(ownerId='o1')/delta",
        "https://graph.microsoft.com/beta/elsewhere",
    );
    assert!(extract(&keyed).operation.path_functions.is_empty());
}

#[test]
fn an_item_path_is_a_parameter_of_its_own_kind() {
    let text = "---\ntitle: \"gadget: shine\"\n---\n\n# gadget: shine\n\nShines.\n\n\
                ## HTTP request\n\n```http\nPOST /me/drive/items/{item-id}/shine\n\
                POST /me/drive/root:/{item-path}:/shine\n\
                POST /me/drive/items/{parentItemId}:/{fileName}:/shine\n\
                POST /drives/{driveId}/root:/{path/to/file}:/shine\n```\n\n\
                ## Response\n\nIf successful, this action returns a `204 No Content` response code.\n\n\
                ## Examples\n\n<!-- { \"blockType\": \"request\", \"name\": \"shine\" } -->\n\
                ```http\nPOST https://graph.microsoft.com/beta/me/drive/root:/docs/a%20b.txt:/shine\n```\n";
    let spec = extract(text);
    let p = &spec.operation.paths[1].parameters[0];
    assert_eq!(p.placeholder, "item-path");
    assert_eq!(p.kind, PathParameterKind::ItemPath);
    assert_eq!(
        spec.operation.paths[1].match_path("/me/drive/root:/docs/a%20b.txt:/shine"),
        Some(vec!["docs/a b.txt".to_string()])
    );
    let kinds: Vec<(&str, PathParameterKind)> = spec.operation.paths[2..]
        .iter()
        .flat_map(|p| &p.parameters)
        .map(|p| (p.placeholder.as_str(), p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("parentItemId", PathParameterKind::Segment),
            ("fileName", PathParameterKind::ItemPath),
            ("driveId", PathParameterKind::Segment),
            ("path/to/file", PathParameterKind::ItemPath),
        ]
    );
    // The example calls a documented path: no warning says otherwise.
    assert!(
        !spec
            .warnings
            .iter()
            .any(|w| w.message.contains("not among the paths")),
        "{:?}",
        spec.warnings
    );
}

#[test]
fn an_unannotated_interactive_request_before_a_response_annotation_is_its_example() {
    let text = "---\ntitle: \"gadget: getAllParts\"\n---\n\n# gadget: getAllParts\n\nGets parts.\n\n\
                ## HTTP request\n\n```http\nGET /gadgets/{id}/getAllParts(owner='{o}',since={s})\n```\n\n\
                ## Function parameters\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n\
                |owner|String|Whose parts.|\n|since|DateTimeOffset|Only newer ones.|\n\n\
                ## Response\n\nIf successful, this function returns a `200 OK` response code and a collection of \
                [part](../resources/part.md) objects in the response body.\n\n\
                ## Examples\n\n#### Request\n\n```msgraph-interactive\n\
                GET https://graph.microsoft.com/beta/gadgets/g1/getAllParts(owner='o1')\n```\n\n\
                #### Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.part\", \
                \"isCollection\": true } -->\n\
                ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": []}\n```\n";
    let spec = extract(text);
    let line = line_of(text, "```msgraph-interactive");
    let names: Vec<&str> = spec.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, [format!("unannotated_line_{line}")]);
    assert_eq!(
        spec.examples[0].response.as_ref().map(|r| r.status),
        Some(200)
    );
    warning_at(
        &spec,
        line,
        "has no annotation, but it calls a documented path",
    );
    // The example leaves `since` out: optional.
    let since = &spec.operation.function_parameters[1];
    assert_eq!(
        (since.name.as_str(), since.required),
        ("since", Some(false))
    );
}
