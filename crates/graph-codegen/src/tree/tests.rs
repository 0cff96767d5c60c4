//! Tests of segment parsing and accessor names.

use super::*;

#[test]
fn placeholder_accessors_are_snake_case() {
    assert_eq!(param_accessor("id"), "by_id");
    assert_eq!(param_accessor("user-id"), "by_user_id");
    assert_eq!(param_accessor("1st"), "by_1st");
    assert_eq!(param_accessor("type"), "by_type_");
    assert_eq!(param_accessor("\u{202E}"), "by_key");
}

#[test]
fn segments_parse_as_literals_or_placeholders() {
    assert_eq!(
        parse_segment("signIns"),
        Some(Segment::Literal("signIns".into()))
    );
    assert_eq!(
        parse_segment("{id | userPrincipalName}"),
        Some(Segment::Param {
            name: "id".into(),
            names: vec!["id".into(), "userPrincipalName".into()]
        })
    );
    assert_eq!(
        parse_segment("applications(appId='{appId}')"),
        Some(Segment::Key {
            collection: "applications".into(),
            key: "appId".into(),
            name: "appId".into()
        })
    );
    for bad in [
        "",
        "applications(appId={appId})",
        "{a{b}}",
        "{}",
        "a?b",
        "x%2F",
    ] {
        assert_eq!(parse_segment(bad), None, "{bad:?}");
    }
}

fn spec(kind: &str, method: &str, template: &str, binding: &str) -> SpecFile {
    graph_spec::from_json(
        &format!(
            r#"{{"source": {{"page": "api-reference/v1.0/api/x.md", "sha256": "00"}},
              "api_version": "v1.0", "title": "t", "summary": "s",
              "operation": {{"binding": "{binding}", "name": "n", "kind": "{kind}", "method": "{method}",
                "paths": [{{"template": "{template}"}}], "response": {{"status": 204}}}}}}"#
        ),
        "x.json",
    )
    .unwrap()
}

#[test]
fn resource_operations_hang_off_the_module_their_path_addresses() {
    let specs = vec![
        (
            "a.json".to_string(),
            spec("get", "GET", "/widgets/{id}", "widget"),
        ),
        (
            "b.json".to_string(),
            spec("list", "GET", "/widgets", "widget"),
        ),
        (
            "c.json".to_string(),
            spec("create", "POST", "/widgets", "widget"),
        ),
        (
            "e.json".to_string(),
            spec("action", "POST", "/widgets/{id}/polish", "widget"),
        ),
    ];
    let aliases = crate::merge::Aliases::new();
    let roots = build(&specs, &aliases).unwrap();
    let widgets = &roots[&ApiVersion::V1].children["widgets"];
    let names = |node: &Node<'_>| -> Vec<(String, String, String)> {
        node.actions
            .iter()
            .map(|a| (a.method.clone(), a.wire.clone(), a.model_prefix.clone()))
            .collect()
    };
    assert_eq!(
        names(widgets),
        [
            ("list".into(), "".into(), "ListWidget".into()),
            ("create".into(), "".into(), "CreateWidget".into())
        ]
    );
    let item = &widgets.children["{}"];
    // The item's own get, and the action one segment below it, named by its segment.
    assert_eq!(
        names(item),
        [
            ("get".into(), "".into(), "GetWidget".into()),
            ("polish".into(), "polish".into(), "N".into())
        ]
    );
    // An OData suffix is the binding's own segment.
    let refs = vec![(
        "d.json".to_string(),
        spec("ref_add", "POST", "/widgets/{id}/owners/$ref", "widget"),
    )];
    let aliases = crate::merge::Aliases::new();
    let roots = build(&refs, &aliases).unwrap();
    let owners = &roots[&ApiVersion::V1].children["widgets"].children["{}"].children["owners"];
    assert_eq!(
        names(owners),
        [("add_ref".into(), "$ref".into(), "AddRefWidget".into())]
    );
    // `$count` too.
    let count = vec![(
        "e.json".to_string(),
        spec("count", "GET", "/widgets/$count", "widget"),
    )];
    let aliases = crate::merge::Aliases::new();
    let roots = build(&count, &aliases).unwrap();
    assert_eq!(
        names(&roots[&ApiVersion::V1].children["widgets"]),
        [("count".into(), "$count".into(), "CountWidget".into())]
    );
}

#[test]
fn an_action_named_like_a_child_segment_is_named_by_its_operation() {
    // `POST /appCatalogs/teamsApps` documented as an action, beside `teamsApps/{id}`.
    let specs = vec![
        (
            "a.json".to_string(),
            spec("action", "POST", "/appCatalogs/teamsApps", "teamsApp"),
        ),
        (
            "b.json".to_string(),
            spec("get", "GET", "/appCatalogs/teamsApps/{id}", "teamsApp"),
        ),
        // Segments that differ only in case are one.
        (
            "c.json".to_string(),
            spec(
                "delete",
                "DELETE",
                "/appcatalogs/TeamsApps/{id}",
                "teamsApp",
            ),
        ),
    ];
    let aliases = crate::merge::Aliases::new();
    let roots = build(&specs, &aliases).unwrap();
    let catalogs = &roots[&ApiVersion::V1].children["appCatalogs"];
    assert_eq!(catalogs.children.len(), 1);
    assert_eq!(catalogs.children["teamsApps"].accessor(), "teams_apps");
    // The spec's operation name is `n`.
    let methods: Vec<&str> = catalogs.actions.iter().map(|a| a.method.as_str()).collect();
    assert_eq!(methods, ["n"]);
    let item = &catalogs.children["teamsApps"].children["{}"];
    let methods: Vec<&str> = item.actions.iter().map(|a| a.method.as_str()).collect();
    assert_eq!(methods, ["get", "delete"]);
}
