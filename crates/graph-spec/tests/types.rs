//! Type files: located parse errors, the loaders keeping type files and operation files apart, the
//! checks, and the committed schema.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use graph_spec::{
    TYPES_SCHEMA_FILE, TypeKind, load_dir, load_type_dir, type_from_json, type_to_json,
    types_schema_json, validate_types,
};

/// A made-up complex type.
const WIDGET: &str = r#"{
  "source": {
    "page": "api-reference/v1.0/resources/widget.md",
    "sha256": "00"
  },
  "api_version": "v1.0",
  "name": "microsoft.graph.widget",
  "kind": "entity",
  "base_type": "microsoft.graph.entity",
  "properties": [
    {
      "name": "size",
      "type": "Edm.Int32",
      "nullable": false,
      "line": 12
    },
    {
      "name": "parts",
      "type": "Collection(microsoft.graph.part)",
      "navigation": true,
      "read_only": true,
      "line": 20
    }
  ],
  "line": 1
}"#;

const OPERATION: &str = r#"{
  "source": {"page": "api-reference/v1.0/api/widget-frob.md", "sha256": "00"},
  "api_version": "v1.0", "title": "widget: frob", "summary": "Frobs.",
  "operation": {"binding": "widget", "name": "frob", "method": "POST",
    "paths": [{"template": "/widgets/frob"}], "response": {"status": 204}}
}"#;

#[test]
fn a_type_file_round_trips() {
    let ty = type_from_json(WIDGET, "widget.json").unwrap();
    assert_eq!(ty.kind, TypeKind::Entity);
    assert_eq!(
        ty.properties[1].ty.to_string(),
        "Collection(microsoft.graph.part)"
    );
    assert!(ty.properties[1].navigation);
    let again = type_from_json(&type_to_json(&ty), "widget.json").unwrap();
    assert_eq!(again, ty);
}

#[test]
fn bad_fields_are_located() {
    let bad = WIDGET.replace("\"Edm.Int32\"", "\"Edm.Nope\"");
    let err = type_from_json(&bad, "widget.json").unwrap_err();
    assert_eq!(err.line, 13);
    assert!(err.path.contains("properties[0].type"), "{err}");
    let bad = WIDGET.replace("\"kind\": \"entity\"", "\"kind\": \"thing\"");
    let err = type_from_json(&bad, "widget.json").unwrap_err();
    assert_eq!(err.path, "kind", "{err}");
}

#[test]
fn the_loaders_keep_operations_and_types_apart() {
    let dir = tempfile::tempdir().unwrap();
    let version = dir.path().join("v1.0");
    std::fs::create_dir_all(version.join("types")).unwrap();
    std::fs::write(version.join("widget-frob.json"), OPERATION).unwrap();
    std::fs::write(version.join("types/widget.json"), WIDGET).unwrap();
    std::fs::write(dir.path().join(TYPES_SCHEMA_FILE), types_schema_json()).unwrap();
    let ops = load_dir(dir.path()).unwrap();
    assert_eq!(ops.len(), 1);
    assert!(ops[0].0.ends_with("widget-frob.json"));
    let types = load_type_dir(dir.path()).unwrap();
    assert_eq!(types.len(), 1);
    assert_eq!(types[0].1.name, "microsoft.graph.widget");

    std::fs::write(version.join("types/broken.json"), "{").unwrap();
    let errors = load_type_dir(dir.path()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].file.ends_with("types/broken.json"));
    // The broken type file is no concern of the operation loader.
    assert_eq!(load_dir(dir.path()).unwrap().len(), 1);
}

#[test]
fn the_checks_name_the_field() {
    let ty = type_from_json(WIDGET, "widget.json").unwrap();
    let file = Path::new("widget.json");
    assert!(validate_types([(file, &ty)]).is_empty());

    let mut clash = ty.clone();
    clash.properties[1].name = "Size".into();
    clash.base_type = Some("entity".into());
    let errors = validate_types([(file, &clash)]);
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["base_type", "properties[1].name"], "{errors:?}");

    let mut enumeration = ty.clone();
    enumeration.kind = TypeKind::Enum;
    let errors = validate_types([(file, &enumeration)]);
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["members", "properties"], "{errors:?}");

    let errors = validate_types([(file, &ty), (Path::new("other.json"), &ty)]);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("also described by widget.json"));
}

#[test]
fn committed_types_schema_is_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec")
        .join(TYPES_SCHEMA_FILE);
    let committed = std::fs::read_to_string(path).unwrap();
    assert!(
        committed == types_schema_json(),
        "spec/{TYPES_SCHEMA_FILE} is stale: run `cargo xtask spec`"
    );
}
