use std::path::PathBuf;

use super::*;

/// A small valid spec, one field per line so that line numbers in errors are easy to check.
const MINIMAL: &str = r#"{
  "source": {"page": "api-reference/beta/api/thing-do.md", "sha256": "ab"},
  "api_version": "beta",
  "title": "thing: do",
  "summary": "Does the thing.",
  "operation": {
    "binding": "thing",
    "name": "do",
    "method": "POST",
    "paths": [{"template": "/things/do"}],
    "request_body": [
      {"name": "thingIds", "type": "Collection(Edm.String)", "source": "table"}
    ],
    "response": {"status": 204}
  }
}"#;

fn parse(text: &str) -> Result<SpecFile, LoadError> {
    from_json(text, "spec/beta/thing-do.json")
}

#[test]
fn minimal_spec_loads_and_round_trips() {
    let spec = parse(MINIMAL).unwrap();
    assert_eq!(spec.api_version, ApiVersion::Beta);
    let params = spec.operation.request_body.as_ref().unwrap();
    assert_eq!(
        params[0].ty,
        EdmType::Primitive(Primitive::String).collection_of()
    );
    let again = parse(&to_json(&spec)).unwrap();
    assert_eq!(again, spec);
}

#[test]
fn wrong_type_names_file_line_and_json_path() {
    let bad = MINIMAL.replace(r#""status": 204"#, r#""status": "204""#);
    let err = parse(&bad).unwrap_err();
    assert_eq!(err.line, 14);
    assert_eq!(err.path, "operation.response.status");
    let shown = err.to_string();
    assert!(shown.starts_with("spec/beta/thing-do.json:14:"), "{shown}");
    assert!(shown.contains("at `operation.response.status`"), "{shown}");
}

#[test]
fn unknown_fields_are_rejected_with_their_path() {
    let bad = MINIMAL.replace(
        r#""method": "POST","#,
        r#""method": "POST", "verb": "POST","#,
    );
    let err = parse(&bad).unwrap_err();
    assert_eq!(err.path, "operation.verb");
    assert!(
        err.message.contains("unknown field `verb`"),
        "{}",
        err.message
    );
}

#[test]
fn unknown_edm_type_is_rejected_with_its_path() {
    let bad = MINIMAL.replace("Collection(Edm.String)", "Collection(Edm.Strng)");
    let err = parse(&bad).unwrap_err();
    assert_eq!(err.path, "operation.request_body[0].type");
    assert!(err.message.contains("Edm.Strng"), "{}", err.message);
    assert_eq!(err.line, 12);
}

#[test]
fn malformed_json_names_the_line() {
    let bad = MINIMAL.replace(r#""title": "thing: do","#, r#""title": "thing: do",,"#);
    let err = parse(&bad).unwrap_err();
    assert_eq!(err.line, 4);
}

#[test]
fn trailing_garbage_is_an_error() {
    let err = parse(&format!("{MINIMAL}\n{{}}")).unwrap_err();
    assert_eq!(err.line, 17);
}

#[test]
fn missing_file_is_a_located_error() {
    let err = load("/definitely/not/here.json").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("/definitely/not/here.json: cannot read")
    );
}

fn with(f: impl FnOnce(&mut SpecFile)) -> SpecFile {
    let mut spec = parse(MINIMAL).unwrap();
    f(&mut spec);
    spec
}

fn check(specs: &[SpecFile]) -> Vec<String> {
    let names: Vec<PathBuf> = (0..specs.len())
        .map(|i| PathBuf::from(format!("s{i}.json")))
        .collect();
    validate(names.iter().map(|p| p.as_path()).zip(specs))
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_valid_spec_has_no_validation_errors() {
    assert_eq!(check(&[parse(MINIMAL).unwrap()]), Vec::<String>::new());
}

#[test]
fn two_pages_documenting_one_operation_are_both_valid() {
    // Graph documents some URLs on several pages; codegen merges them (graph-codegen's `merge`).
    let a = parse(MINIMAL).unwrap();
    assert_eq!(check(&[a.clone(), a]), Vec::<String>::new());
}

#[test]
fn same_path_in_other_version_is_not_a_duplicate() {
    let a = parse(MINIMAL).unwrap();
    let b = with(|s| s.api_version = ApiVersion::V1);
    assert!(check(&[a, b]).is_empty());
}

#[test]
fn empty_paths_are_reported() {
    let errors = check(&[with(|s| s.operation.paths[0].template = String::new())]);
    assert_eq!(
        errors,
        ["s0.json: at `operation.paths[0].template`: empty path"]
    );
    let errors = check(&[with(|s| s.operation.paths.clear())]);
    assert_eq!(
        errors,
        ["s0.json: at `operation.paths`: must list at least one path"]
    );
}

#[test]
fn colliding_parameter_names_are_reported() {
    let spec = with(|s| {
        let params = s.operation.request_body.as_mut().unwrap();
        let mut twin = params[0].clone();
        twin.name = "thing_ids".into();
        params.push(twin);
    });
    let errors = check(&[spec]);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("s0.json: at `operation.request_body[1].name`: parameter `thing_ids` collides with `thingIds`"),
        "{errors:?}"
    );
}

#[test]
fn load_dir_skips_the_schema_and_reports_every_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("beta")).unwrap();
    std::fs::write(dir.path().join(SCHEMA_FILE), schema_json()).unwrap();
    std::fs::write(dir.path().join("beta/a.json"), MINIMAL).unwrap();
    std::fs::write(dir.path().join("beta/b.json"), "{").unwrap();
    std::fs::write(dir.path().join("beta/c.json"), "[]").unwrap();
    let errors = load_dir(dir.path()).unwrap_err();
    let files: Vec<_> = errors
        .iter()
        .map(|e| e.file.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(files, ["b.json", "c.json"]);

    std::fs::remove_file(dir.path().join("beta/b.json")).unwrap();
    std::fs::remove_file(dir.path().join("beta/c.json")).unwrap();
    let specs = load_dir(dir.path()).unwrap();
    assert_eq!(specs.len(), 1);
}

#[test]
fn schema_describes_the_top_level_fields() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    let required = schema["required"].as_array().unwrap();
    for field in ["source", "api_version", "title", "summary", "operation"] {
        assert!(required.iter().any(|r| r == field), "{field} not required");
    }
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn committed_schema_is_fresh() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/schema.json");
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == schema_json(),
        "{} is stale: run `cargo xtask spec`",
        path.display()
    );
}

const ENUMS: &str = r#",
  "enums": [
    {
      "name": "microsoft.graph.lockState",
      "members": [
        {"name": "unlocked", "value": 0, "description": "Open."},
        {"name": "lockedReadOnly", "value": "ro"},
        {"name": "unknownFutureValue"}
      ],
      "source": "api-reference/v1.0/resources/enums.md",
      "line": 48
    }
  ]
}"#;

/// The minimal spec with one enum.
fn with_enums() -> String {
    let at = MINIMAL.rfind('}').unwrap();
    format!("{}{ENUMS}", MINIMAL[..at].trim_end())
}

#[test]
fn enums_load_with_integer_text_and_missing_values_and_round_trip() {
    let spec = parse(&with_enums()).unwrap();
    let e = &spec.enums[0];
    assert_eq!(e.name, "microsoft.graph.lockState");
    assert_eq!(e.line, 48);
    let values: Vec<Option<EnumValue>> = e.members.iter().map(|m| m.value.clone()).collect();
    assert_eq!(
        values,
        [
            Some(EnumValue::Integer(0)),
            Some(EnumValue::Text("ro".into())),
            None
        ]
    );
    assert_eq!(e.members[0].description, "Open.");
    assert_eq!(e.members[2].description, "");
    let text = to_json(&spec);
    assert_eq!(
        serde_json::to_string(&e.members[2]).unwrap(),
        r#"{"name":"unknownFutureValue"}"#
    );
    assert_eq!(parse(&text).unwrap(), spec);
    assert_eq!(check(&[spec]), Vec::<String>::new());
}

#[test]
fn a_spec_without_enums_serialises_without_the_field() {
    let spec = parse(MINIMAL).unwrap();
    assert!(spec.enums.is_empty());
    assert!(!to_json(&spec).contains("enums"));
}

#[test]
fn bad_enum_member_fields_are_located() {
    let bad = with_enums().replace(r#""value": 0,"#, r#""value": 0.5,"#);
    let err = parse(&bad).unwrap_err();
    assert!(err.path.starts_with("enums[0].members[0]"), "{err}");
    let bad = with_enums().replace(r#""line": 48"#, r#""line": 48, "kind": "flags""#);
    let err = parse(&bad).unwrap_err();
    assert_eq!(err.path, "enums[0].kind", "{err}");
}

#[test]
fn enum_rules_are_checked() {
    let base = parse(&with_enums()).unwrap();
    let edit = |f: &dyn Fn(&mut SpecFile)| {
        let mut s = base.clone();
        f(&mut s);
        check(&[s])
    };
    assert_eq!(
        edit(&|s| {
            let twin = s.enums[0].clone();
            s.enums.push(EnumType {
                name: "microsoft.graph.LockState".into(),
                ..twin
            });
        }),
        [
            "s0.json: at `enums[1].name`: enum `microsoft.graph.LockState` collides with \
          `microsoft.graph.lockState` (enums[0]): names must differ in more than case and punctuation"
        ]
    );
    for bad in ["", "lockState", "Edm.String", "microsoft.graph.lock state"] {
        let errors = edit(&|s| s.enums[0].name = bad.into());
        assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
        assert!(
            errors[0].starts_with("s0.json: at `enums[0].name`: enum name"),
            "{errors:?}"
        );
    }
    assert_eq!(
        edit(&|s| s.enums[0].members.clear()),
        ["s0.json: at `enums[0].members`: must list at least one member"]
    );
    assert_eq!(
        edit(&|s| s.enums[0].members[1].name = " ".into()),
        ["s0.json: at `enums[0].members[1].name`: member name must not be empty"]
    );
    let errors = edit(&|s| s.enums[0].members[2].name = "Locked_ReadOnly".into());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "s0.json: at `enums[0].members[2].name`: member `Locked_ReadOnly` of \
             `microsoft.graph.lockState` collides with `lockedReadOnly` (members[1])"
        ),
        "{errors:?}"
    );
}

#[test]
fn url_queries_are_pairs_decoded_in_order() {
    assert_eq!(
        crate::url_query(
            "https://graph.microsoft.com/v1.0/users?$select=displayName,mail&$orderby=displayName%20desc&$count=true#x"
        ),
        [
            ("$select".to_string(), "displayName,mail".to_string()),
            ("$orderby".to_string(), "displayName desc".to_string()),
            ("$count".to_string(), "true".to_string()),
        ]
    );
    assert!(crate::url_query("/users").is_empty());
    assert_eq!(
        crate::url_query("/groups?$filter=hasErrors+eq+true&$search=%22a%2Bb%22"),
        [
            ("$filter".to_string(), "hasErrors eq true".to_string()),
            ("$search".to_string(), "\"a+b\"".to_string()),
        ]
    );
    assert_eq!(
        crate::url_query("/users?$filter=startswith(displayName,'a')&x&bad=%zz%4"),
        [
            (
                "$filter".to_string(),
                "startswith(displayName,'a')".to_string()
            ),
            ("x".to_string(), String::new()),
            ("bad".to_string(), "%zz%4".to_string()),
        ]
    );
}
