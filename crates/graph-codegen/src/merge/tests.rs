//! Tests of the canonical-page rules and of widening to the common base type.

use super::*;

/// A spec of `kind` at `templates`, returning `returns` (a qualified type name) when given.
fn spec(method: &str, kind: &str, templates: &[&str], returns: Option<&str>) -> SpecFile {
    let paths: Vec<String> = templates
        .iter()
        .map(|t| format!(r#"{{"template": "{t}"}}"#))
        .collect();
    let response = match returns {
        Some(t) => format!(r#"{{"status": 200, "body_type": "{t}"}}"#),
        None => r#"{"status": 204}"#.to_string(),
    };
    graph_spec::from_json(
        &format!(
            r#"{{"source": {{"page": "api-reference/beta/api/x.md", "sha256": "00"}},
              "api_version": "beta", "title": "t", "summary": "s",
              "operation": {{"binding": "b", "name": "n", "kind": "{kind}", "method": "{method}",
                "paths": [{}], "response": {response}}}}}"#,
            paths.join(", ")
        ),
        "x.json",
    )
    .expect("test spec parses")
}

/// A type file `name` deriving from `base`.
fn ty(name: &str, base: Option<&str>) -> TypeFile {
    let base = base.map_or("null".to_string(), |b| format!("\"{b}\""));
    serde_json::from_str(&format!(
        r#"{{"source": {{"page": "api-reference/beta/resources/x.md", "sha256": "00"}},
          "api_version": "beta", "name": "{name}", "kind": "entity", "summary": "",
          "base_type": {base}, "properties": [], "line": 1}}"#
    ))
    .expect("test type parses")
}

fn files(merged: &Merged) -> Vec<(&str, Vec<&str>)> {
    merged
        .specs
        .iter()
        .map(|(f, s)| {
            (
                f.as_str(),
                s.operation
                    .paths
                    .iter()
                    .map(|p| p.template.as_str())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn the_page_of_the_most_general_type_is_canonical_and_the_others_are_aliases() {
    let types = [
        ty("microsoft.graph.mobileApp", Some("microsoft.graph.entity")),
        ty("microsoft.graph.entity", None),
        ty("microsoft.graph.webApp", Some("microsoft.graph.mobileApp")),
    ];
    let specs = vec![
        (
            "a-webapp-get.json".to_string(),
            spec(
                "GET",
                "get",
                &["/deviceAppManagement/mobileApps/{mobileAppId}"],
                Some("microsoft.graph.webApp"),
            ),
        ),
        (
            "b-mobileapp-get.json".to_string(),
            spec(
                "GET",
                "get",
                &["/deviceAppManagement/mobileApps/{id}"],
                Some("microsoft.graph.mobileApp"),
            ),
        ),
    ];
    let merged = merge(&specs, &types);
    assert_eq!(
        files(&merged),
        [(
            "b-mobileapp-get.json",
            vec!["/deviceAppManagement/mobileApps/{id}"]
        )]
    );
    let aliases = &merged.aliases[&(
        "b-mobileapp-get.json".to_string(),
        "/deviceAppManagement/mobileApps/{id}".to_string(),
    )];
    assert_eq!(aliases.len(), 1);
    assert_eq!(aliases[0].file, "a-webapp-get.json");
    assert_eq!(
        aliases[0].template,
        "/deviceAppManagement/mobileApps/{mobileAppId}"
    );
}

#[test]
fn a_type_named_after_the_url_wins_over_a_more_general_one() {
    let types = [ty(
        "microsoft.graph.todoTask",
        Some("microsoft.graph.entity"),
    )];
    let specs = vec![
        (
            "opentypeextension-get.json".to_string(),
            spec(
                "GET",
                "get",
                &["/me/todo/lists/{id}/tasks/{id2}"],
                Some("microsoft.graph.openTypeExtension"),
            ),
        ),
        (
            "todotask-get.json".to_string(),
            spec(
                "GET",
                "get",
                &["/me/todo/lists/{a}/Tasks/{b}"],
                Some("microsoft.graph.todoTask"),
            ),
        ),
    ];
    let merged = merge(&specs, &types);
    assert_eq!(
        files(&merged),
        [("todotask-get.json", vec!["/me/todo/lists/{a}/Tasks/{b}"])]
    );
}

#[test]
fn derived_pages_without_a_base_page_return_the_common_base() {
    let types = [
        ty("microsoft.graph.task", None),
        ty("microsoft.graph.appTask", Some("microsoft.graph.task")),
        ty("microsoft.graph.deviceTask", Some("microsoft.graph.task")),
    ];
    let specs = vec![
        (
            "apptask-get.json".to_string(),
            spec(
                "GET",
                "get",
                &["/tasks/{id}"],
                Some("microsoft.graph.appTask"),
            ),
        ),
        (
            "devicetask-get.json".to_string(),
            spec(
                "GET",
                "get",
                &["/tasks/{id}"],
                Some("microsoft.graph.deviceTask"),
            ),
        ),
    ];
    let merged = merge(&specs, &types);
    assert_eq!(files(&merged), [("apptask-get.json", vec!["/tasks/{id}"])]);
    assert_eq!(
        merged.specs[0].1.operation.response.body_type,
        Some(EdmType::Named("microsoft.graph.task".into()))
    );
}

#[test]
fn only_the_duplicated_path_leaves_a_page_with_several() {
    let specs = vec![
        (
            "tablecollection-add.json".to_string(),
            spec("POST", "action", &["/me/workbook/tables/add"], None),
        ),
        (
            "worksheet-post-tables.json".to_string(),
            spec(
                "POST",
                "action",
                &[
                    "/me/workbook/worksheets/{id}/tables/add",
                    "/me/workbook/tables/add",
                ],
                None,
            ),
        ),
    ];
    let merged = merge(&specs, &[]);
    assert_eq!(
        files(&merged),
        [
            ("tablecollection-add.json", vec!["/me/workbook/tables/add"]),
            (
                "worksheet-post-tables.json",
                vec!["/me/workbook/worksheets/{id}/tables/add"]
            ),
        ]
    );
    // Different methods on one URL are different operations.
    let specs = vec![
        ("a.json".to_string(), spec("GET", "get", &["/x/{id}"], None)),
        (
            "b.json".to_string(),
            spec("DELETE", "delete", &["/x/{id}"], None),
        ),
    ];
    assert_eq!(merge(&specs, &[]).specs.len(), 2);
}

#[test]
fn a_page_that_answers_a_collection_is_the_canonical_page_of_a_list_url() {
    let specs = vec![
        (
            "singlevaluelegacyextendedproperty-get.json".to_string(),
            spec(
                "GET",
                "get",
                &["/users/{id}/messages"],
                Some("microsoft.graph.message"),
            ),
        ),
        (
            "user-list-messages.json".to_string(),
            spec(
                "GET",
                "list",
                &["/users/{id | userPrincipalName}/messages"],
                Some("Collection(microsoft.graph.message)"),
            ),
        ),
    ];
    let merged = merge(&specs, &[]);
    assert_eq!(
        files(&merged),
        [(
            "user-list-messages.json",
            vec!["/users/{id | userPrincipalName}/messages"]
        )]
    );
}
