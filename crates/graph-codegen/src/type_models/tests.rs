use graph_spec::{ApiVersion, TypeFile};

use super::Models;

fn ty(json: &str) -> TypeFile {
    graph_spec::type_from_json(json, "t.json").unwrap()
}

fn fixture() -> Vec<TypeFile> {
    let src = r#""source": {"page": "api-reference/v1.0/resources/x.md", "sha256": "00"}, "api_version": "v1.0", "line": 1"#;
    vec![
        ty(&format!(r#"{{ {src}, "name": "microsoft.graph.node", "kind": "entity",
            "base_type": "microsoft.graph.item", "summary": "A node.",
            "properties": [
              {{"name": "parent", "type": "microsoft.graph.node", "line": 2}},
              {{"name": "children", "type": "Collection(microsoft.graph.node)", "line": 3}},
              {{"name": "shape", "type": "microsoft.graph.shape", "line": 4}},
              {{"name": "blob", "type": "microsoft.graph.blob", "line": 5}}
            ]}}"#)),
        ty(&format!(r#"{{ {src}, "name": "microsoft.graph.item", "kind": "entity",
            "properties": [{{"name": "id", "type": "Edm.String", "description": "The key.", "line": 2}}]}}"#)),
        ty(&format!(r#"{{ {src}, "name": "microsoft.graph.shape", "kind": "enum",
            "members": [{{"name": "round"}}, {{"name": "unknown"}}]}}"#)),
        ty(&format!(r#"{{ {src}, "name": "microsoft.graph.other", "kind": "complex", "api_version": "beta"}}"#)
            .replace(r#""api_version": "v1.0", "#, "")),
    ]
}

fn render(models: &Models<'_>) -> String {
    let file: syn::File = syn::parse2(models.models_rs().unwrap()).unwrap();
    prettyplease::unparse(&file)
}

#[test]
fn structs_carry_base_properties_boxes_and_raw_json() {
    let types = fixture();
    let models = Models::new(ApiVersion::V1, &types).unwrap();
    let code = render(&models);
    // The base type's `id` comes first, then the type's own properties.
    let id = code.find("pub id: Option<String>").unwrap();
    let parent = code.find("pub parent: Option<Box<Node>>").unwrap();
    assert!(id < parent, "{code}");
    assert!(code.contains("pub children: Option<Vec<Node>>"), "{code}");
    assert!(code.contains("pub shape: Option<Shape>"), "{code}");
    assert!(
        code.contains("pub blob: Option<serde_json::Value>"),
        "{code}"
    );
    assert!(
        code.contains("the docs do not describe this type"),
        "{code}"
    );
    assert!(code.contains("pub odata_type: Option<String>"), "{code}");
    assert!(code.contains("pub additional_properties: serde_json::Map<String, serde_json::Value>"));
    assert!(code.contains("Undocumented(String)"), "{code}");
    assert!(code.contains("Self::Unknown => \"unknown\""), "{code}");
    // Beta types are another module's.
    assert!(!code.contains("struct Other"), "{code}");
    assert_eq!(
        models
            .rust_type(&"Collection(microsoft.graph.node)".parse().unwrap())
            .to_string(),
        "Vec < crate :: v1 :: models :: Node >"
    );
    assert!(models.is_untyped(&"microsoft.graph.blob".parse().unwrap()));
}

#[test]
fn generation_is_deterministic_and_names_must_not_clash() {
    let types = fixture();
    let a = render(&Models::new(ApiVersion::V1, &types).unwrap());
    let mut reversed = types.clone();
    reversed.reverse();
    let b = render(&Models::new(ApiVersion::V1, &reversed).unwrap());
    assert_eq!(a, b);

    // Two names with one Rust name: the naming rule numbers the second by name order, and a
    // sub-namespace type is prefixed by its namespace.
    let mut clash = types.clone();
    let mut twin = clash[1].clone();
    twin.name = "microsoft.graph.Item".into();
    clash.push(twin);
    let mut nested = clash[1].clone();
    nested.name = "microsoft.graph.callRecords.item".into();
    clash.push(nested);
    let idents = Models::new(ApiVersion::V1, &clash).unwrap().idents();
    assert_eq!(idents["microsoft.graph.Item"], "Item");
    assert_eq!(idents["microsoft.graph.item"], "Item2");
    assert_eq!(
        idents["microsoft.graph.callRecords.item"],
        "CallRecordsItem"
    );
}

#[test]
fn an_enum_is_a_function_argument_and_found_for_the_operations() {
    let types = fixture();
    let models = Models::new(ApiVersion::V1, &types).unwrap();
    let code = render(&models);
    assert!(
        code.contains("impl graph_runtime::ToLiteral for Shape"),
        "{code}"
    );
    assert!(code.contains("impl From<&str> for Shape"), "{code}");
    let path = |members: &[&str]| {
        models
            .enum_path("microsoft.graph.shape", members.iter().copied())
            .map(|p| p.to_string().replace(' ', ""))
    };
    assert_eq!(
        path(&["round"]).as_deref(),
        Some("crate::v1::models::Shape")
    );
    // A member the type file lacks: the operation keeps an enum of its own.
    assert_eq!(path(&["round", "square"]), None);
    // Not an enumeration, or not described.
    assert!(models.enum_path("microsoft.graph.item", []).is_none());
    assert!(models.enum_path("microsoft.graph.nothing", []).is_none());
}

#[test]
fn misfit_finds_placeholders_deep_in_a_body() {
    let src = r#""source": {"page": "api-reference/v1.0/resources/x.md", "sha256": "00"}, "api_version": "v1.0", "line": 1"#;
    let types = vec![
        ty(&format!(
            r#"{{ {src}, "name": "microsoft.graph.app", "kind": "entity",
            "properties": [
              {{"name": "addIns", "type": "Collection(microsoft.graph.addIn)", "line": 2}},
              {{"name": "state", "type": "microsoft.graph.shape", "line": 3}}
            ]}}"#
        )),
        ty(&format!(
            r#"{{ {src}, "name": "microsoft.graph.addIn", "kind": "complex",
            "properties": [{{"name": "id", "type": "Edm.Guid", "line": 2}}]}}"#
        )),
        ty(&format!(
            r#"{{ {src}, "name": "microsoft.graph.shape", "kind": "enum",
            "members": [{{"name": "round"}}]}}"#
        )),
    ];
    let models = Models::new(ApiVersion::V1, &types).unwrap();
    let app: graph_spec::EdmType = "microsoft.graph.app".parse().unwrap();
    let ok = serde_json::json!({"addIns": [{"id": "5a0c76d2-cb57-4ece-9bc1-c323178f116a"}], "state": "square", "extra": 1});
    assert_eq!(models.misfit(&app, &ok), None);
    let nulls = serde_json::json!({"addIns": null, "state": null});
    assert_eq!(models.misfit(&app, &nulls), None);
    let placeholder = serde_json::json!({"addIns": [{"id": "id-value"}]});
    let why = models.misfit(&app, &placeholder).unwrap();
    assert!(why.starts_with("`addIns`: `id`:"), "{why}");
    assert!(why.contains("Edm.Guid"), "{why}");
    assert!(
        models
            .misfit(&app, &serde_json::json!({"state": 3}))
            .is_some()
    );
    assert!(
        models
            .misfit(&app, &serde_json::json!("not an object"))
            .is_some()
    );
    let list: graph_spec::EdmType = "Collection(microsoft.graph.app)".parse().unwrap();
    assert!(
        models
            .misfit(&list, &serde_json::json!([ok, placeholder]))
            .is_some()
    );
}
