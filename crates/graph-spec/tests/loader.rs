//! Loading spec files: every kind of bad input is an error that names the file, the JSON path of the
//! field and, for parse errors, the line; checks across files name the offending field too.
//!
//! `src/tests.rs` covers the basics on a minimal spec (a wrong type, an unknown field and an unknown
//! EDM type in `operation`, a doubled comma, trailing text, a missing file, one operation documented
//! by two files (valid: codegen merges them), colliding body parameters, empty paths); this file
//! covers the rest on a spec that fills every section: each section's unknown fields and wrong
//! types, paths through arrays and into examples,
//! permissions, clouds and warnings, missing and duplicate fields, broken JSON of several kinds, files on
//! disk, and more of the cross-file rules.
//!
//! Over 500 lines on purpose: every file in `tests/` is a binary of its own that links the whole
//! crate (and its dependencies) again, so related tests share one file rather than adding a link
//! step per split.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use graph_spec::{
    ApiVersion, LoadError, SpecFile, ValidationError, from_json, load, load_dir, validate,
};

const FILE: &str = "spec/v1.0/widget-frob.json";

/// A spec with every section filled, one field per line where it matters, so that each bad field has
/// its own line. Every value below is made up.
const FULL: &str = r#"{
  "source": {
    "page": "api-reference/v1.0/api/widget-frob.md",
    "sha256": "0123abcd"
  },
  "api_version": "v1.0",
  "title": "widget: frob",
  "description": "Frobs a widget.",
  "ms_date": "01/02/2024",
  "summary": "Frob one widget.",
  "operation": {
    "binding": "widget",
    "name": "frob",
    "method": "POST",
    "paths": [
      {
        "template": "/widgets/{id}/frob"
      },
      {
        "template": "/gadgets/{gadget-id | name}/widget/frob",
        "parameters": [
          {
            "placeholder": "gadget-id | name",
            "names": [
              "gadget-id",
              "name"
            ]
          }
        ]
      }
    ],
    "request_headers": [
      {
        "name": "Authorization",
        "required": true
      },
      {
        "name": "Content-Type",
        "value": "application/json",
        "required": true
      }
    ],
    "request_body": [
      {
        "name": "knobIds",
        "type": "Collection(Edm.Guid)",
        "description": "The knobs to turn.",
        "required": true,
        "source": "table"
      },
      {
        "name": "strength",
        "type": "Edm.Int32",
        "source": "example"
      }
    ],
    "response": {
      "status": 200,
      "body_type": "Collection(microsoft.graph.widget)",
      "headers": [
        "Location"
      ]
    },
    "permissions": {
      "delegated_work_or_school": {
        "supported": true,
        "least_privileged": [
          "Widget.ReadWrite.All"
        ],
        "higher_privileged": [
          "Directory.ReadWrite.All"
        ]
      },
      "delegated_personal": {
        "supported": false
      },
      "application": {
        "supported": true,
        "least_privileged": [
          "Widget.ReadWrite.All"
        ]
      }
    },
    "least_privileged_role": "Widget Administrator",
    "national_clouds": {
      "global": true,
      "us_gov_l4": true,
      "us_gov_l5_dod": false,
      "china": false
    }
  },
  "examples": [
    {
      "name": "widget_frob",
      "line": 42,
      "request": {
        "method": "POST",
        "url": "https://graph.microsoft.com/v1.0/widgets/w1/frob",
        "headers": [
          {
            "name": "Content-Type",
            "value": "application/json"
          }
        ],
        "body": {
          "knobIds": ["k1"]
        }
      },
      "response": {
        "status": 200,
        "headers": [
          {
            "name": "Content-Type",
            "value": "application/json"
          }
        ],
        "body": {
          "value": []
        },
        "truncated": true
      }
    }
  ],
  "warnings": [
    {
      "line": 7,
      "message": "something was odd"
    }
  ]
}
"#;

fn parse(text: &str) -> Result<SpecFile, LoadError> {
    from_json(text, FILE)
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the text"));
    text[..at].matches('\n').count() + 1
}

/// `FULL` with the first occurrence of `from` replaced by `to` (which must exist).
fn full_with(from: &str, to: &str) -> String {
    assert!(FULL.contains(from), "`{from}` not in FULL");
    FULL.replacen(from, to, 1)
}

/// `FULL` without the line holding `needle`.
fn without_line(needle: &str) -> String {
    let line = line_of(FULL, needle);
    FULL.lines()
        .enumerate()
        .filter(|(i, _)| i + 1 != line)
        .map(|(_, l)| format!("{l}\n"))
        .collect()
}

/// Removes commas followed (after whitespace) by `}` or `]`; the fixture has none inside strings.
fn without_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let next = text[i + 1..].trim_start().chars().next();
        if c == ',' && matches!(next, Some('}' | ']')) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Parses `text`, expects an error at JSON path `path` on the line where `marker` is, and checks that
/// the message names the file, the line and the path. Returns the error for further checks.
#[track_caller]
fn expect_error(text: &str, path: &str, marker: &str) -> LoadError {
    let err = parse(text).expect_err("the spec should not load");
    let shown = err.to_string();
    assert_eq!(err.file, Path::new(FILE), "{shown}");
    assert_eq!(err.path, path, "{shown}");
    assert_eq!(err.line, line_of(text, marker), "{shown}");
    assert!(err.column >= 1, "{shown}");
    let prefix = format!("{FILE}:{}:{}: at `{path}`: ", err.line, err.column);
    assert!(
        shown.starts_with(&prefix),
        "`{shown}` should start with `{prefix}`"
    );
    assert!(!err.message.is_empty(), "{shown}");
    assert!(
        !err.message.contains(" at line "),
        "position printed twice: {shown}"
    );
    err
}

#[test]
fn the_full_fixture_loads_and_round_trips() {
    let spec = parse(FULL).unwrap();
    assert_eq!(spec.api_version, ApiVersion::V1);
    assert_eq!(
        spec.operation.paths[1].parameters[0].names,
        ["gadget-id", "name"]
    );
    assert_eq!(spec.examples[0].line, 42);
    assert_eq!(spec.warnings.len(), 1);
    let again = parse(&graph_spec::to_json(&spec)).unwrap();
    assert_eq!(again, spec);
    let problems = validate([(Path::new(FILE), &spec)]);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// `FULL` with `line` inserted before the line where `needle` starts.
fn with_line_before(needle: &str, line: &str) -> String {
    let at = FULL
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in FULL"));
    let start = FULL[..at].rfind('\n').map_or(0, |i| i + 1);
    format!("{}{line}\n{}", &FULL[..start], &FULL[start..])
}

#[test]
fn unknown_fields_are_rejected_in_every_object() {
    // (a field line of the object, unique in FULL from its start, the new field's JSON path)
    let cases = [
        (r#""api_version": "v1.0","#, "colour"),
        (r#""page": "api-reference"#, "source.colour"),
        (
            r#""template": "/widgets/{id}/frob""#,
            "operation.paths[0].colour",
        ),
        (
            r#""placeholder": "gadget-id | name","#,
            "operation.paths[1].parameters[0].colour",
        ),
        (
            r#""name": "Authorization","#,
            "operation.request_headers[0].colour",
        ),
        (r#""name": "strength","#, "operation.request_body[1].colour"),
        (
            r#""status": 200,
      "body_type""#,
            "operation.response.colour",
        ),
        (
            r#""supported": true,
        "least_privileged": [
          "Widget.ReadWrite.All"
        ],
        "higher"#,
            "operation.permissions.delegated_work_or_school.colour",
        ),
        (
            r#""supported": false"#,
            "operation.permissions.delegated_personal.colour",
        ),
        (
            r#""delegated_work_or_school": {"#,
            "operation.permissions.colour",
        ),
        (r#""global": true,"#, "operation.national_clouds.colour"),
        (r#""name": "widget_frob","#, "examples[0].colour"),
        (r#""url": "https://graph"#, "examples[0].request.colour"),
        (
            r#""name": "Content-Type",
            "value": "application/json"
          }
        ],
        "body": {
          "knobIds""#,
            "examples[0].request.headers[0].colour",
        ),
        (r#""truncated": true"#, "examples[0].response.colour"),
        (
            r#""name": "Content-Type",
            "value": "application/json"
          }
        ],
        "body": {
          "value""#,
            "examples[0].response.headers[0].colour",
        ),
        (r#""line": 7,"#, "warnings[0].colour"),
    ];
    for (field, path) in cases {
        let text = with_line_before(field, r#""colour": "blue","#);
        let err = expect_error(&text, path, r#""colour""#);
        assert!(
            err.message.contains("unknown field `colour`, expected"),
            "{err}"
        );
    }
}

#[test]
fn wrong_types_name_their_path_in_every_section() {
    // (text to replace, replacement, JSON path)
    let cases = [
        (
            r#""sha256": "0123abcd""#,
            r#""sha256": 123"#,
            "source.sha256",
        ),
        (
            r#""api_version": "v1.0""#,
            r#""api_version": "v2.0""#,
            "api_version",
        ),
        (
            r#""ms_date": "01/02/2024""#,
            r#""ms_date": 20240102"#,
            "ms_date",
        ),
        (
            r#""summary": "Frob one widget.""#,
            r#""summary": null"#,
            "summary",
        ),
        (
            r#""method": "POST""#,
            r#""method": "FROB""#,
            "operation.method",
        ),
        (
            r#""paths": ["#,
            r#""paths": "/widgets", "x": ["#,
            "operation.paths",
        ),
        (
            r#""gadget-id",
              "name""#,
            r#""gadget-id",
              7"#,
            "operation.paths[1].parameters[0].names[1]",
        ),
        (
            r#""required": true
      },
      {
        "name": "Content-Type""#,
            r#""required": "yes"
      },
      {
        "name": "Content-Type""#,
            "operation.request_headers[0].required",
        ),
        (
            r#""source": "example""#,
            r#""source": "guess""#,
            "operation.request_body[1].source",
        ),
        (
            r#""required": true,
        "source": "table""#,
            r#""required": 1,
        "source": "table""#,
            "operation.request_body[0].required",
        ),
        (
            r#""status": 200,
      "body_type""#,
            r#""status": 70000,
      "body_type""#,
            "operation.response.status",
        ),
        (
            r#""Location""#,
            r#"{"name": "Location"}"#,
            "operation.response.headers[0]",
        ),
        (
            r#""supported": false"#,
            r#""supported": "no""#,
            "operation.permissions.delegated_personal.supported",
        ),
        (
            r#""Directory.ReadWrite.All""#,
            r#"["Directory.ReadWrite.All"]"#,
            "operation.permissions.delegated_work_or_school.higher_privileged[0]",
        ),
        (
            r#""least_privileged_role": "Widget Administrator""#,
            r#""least_privileged_role": false"#,
            "operation.least_privileged_role",
        ),
        (
            r#""china": false"#,
            r#""china": null"#,
            "operation.national_clouds.china",
        ),
        (r#""line": 42"#, r#""line": "42""#, "examples[0].line"),
        (
            r#""method": "POST",
        "url""#,
            r#""method": "post",
        "url""#,
            "examples[0].request.method",
        ),
        (
            r#""status": 200,
        "headers""#,
            r#""status": -1,
        "headers""#,
            "examples[0].response.status",
        ),
        (
            r#""truncated": true"#,
            r#""truncated": "true""#,
            "examples[0].response.truncated",
        ),
        (r#""line": 7"#, r#""line": 7.5"#, "warnings[0].line"),
        (
            r#""message": "something was odd""#,
            r#""message": ["something"]"#,
            "warnings[0].message",
        ),
    ];
    for (from, to, path) in cases {
        let text = full_with(from, to);
        let err = match parse(&text) {
            Err(e) => e,
            Ok(_) => panic!("`{to}` was accepted"),
        };
        assert_eq!(err.path, path, "{err}");
        // The bad value is on the first line where the text differs from FULL.
        let changed = FULL
            .bytes()
            .zip(text.bytes())
            .position(|(a, b)| a != b)
            .unwrap();
        let line = FULL[..changed].matches('\n').count() + 1;
        assert_eq!(err.line, line, "{path}: {err}");
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!(
                "{FILE}:{}:{}: at `{path}`: ",
                err.line, err.column
            )),
            "{shown}"
        );
    }
}

#[test]
fn the_whole_file_of_the_wrong_kind_is_a_top_level_error() {
    for text in ["[]", "null", "\"spec\"", "42"] {
        let err = parse(text).unwrap_err();
        assert_eq!(err.line, 1, "{err}");
        assert!(err.path.is_empty() || err.path == ".", "{err}");
        assert!(err.to_string().starts_with(&format!("{FILE}:1:")), "{err}");
        assert!(err.message.contains("expected struct SpecFile"), "{err}");
    }
}

#[test]
fn unknown_edm_types_are_rejected_wherever_a_type_is() {
    let err = expect_error(
        &full_with(
            "Collection(microsoft.graph.widget)",
            "Collection(Collection(Edm.Widget))",
        ),
        "operation.response.body_type",
        "Collection(Collection(Edm.Widget))",
    );
    assert!(
        err.message.contains("unknown EDM type `Edm.Widget`"),
        "{err}"
    );
    let err = expect_error(
        &full_with(r#""type": "Edm.Int32""#, r#""type": "Int32""#),
        "operation.request_body[1].type",
        r#""type": "Int32""#,
    );
    assert!(err.message.contains("unknown EDM type `Int32`"), "{err}");
    for bad in [
        "Collection(Edm.Guid",
        "microsoft..widget",
        "",
        "Edm.",
        "Collection()",
    ] {
        let text = full_with("Collection(Edm.Guid)", bad);
        let err = parse(&text).expect_err(bad);
        assert_eq!(err.path, "operation.request_body[0].type", "{bad:?}: {err}");
        assert_eq!(
            err.line,
            line_of(&text, r#""name": "knobIds""#) + 1,
            "{err}"
        );
    }
    // A type must be a string.
    expect_error(
        &full_with(r#""type": "Edm.Int32""#, r#""type": {"name": "Edm.Int32"}"#),
        "operation.request_body[1].type",
        r#""type": {"name""#,
    );
}

#[test]
fn missing_required_fields_name_the_object_that_lacks_them() {
    // (text to remove, the object's path, the field)
    let cases = [
        (r#""summary": "Frob one widget.","#, "", "summary"),
        (r#""sha256": "0123abcd""#, "source", "sha256"),
        (r#""binding": "widget","#, "operation", "binding"),
        (
            r#""template": "/widgets/{id}/frob""#,
            "operation.paths[0]",
            "template",
        ),
        (
            r#""placeholder": "gadget-id | name","#,
            "operation.paths[1].parameters[0]",
            "placeholder",
        ),
        (
            r#""source": "example""#,
            "operation.request_body[1]",
            "source",
        ),
        (
            r#""supported": false"#,
            "operation.permissions.delegated_personal",
            "supported",
        ),
        (
            r#""us_gov_l4": true,"#,
            "operation.national_clouds",
            "us_gov_l4",
        ),
        (r#""line": 42,"#, "examples[0]", "line"),
        (
            r#""url": "https://graph.microsoft.com/v1.0/widgets/w1/frob","#,
            "examples[0].request",
            "url",
        ),
        (
            r#""message": "something was odd""#,
            "warnings[0]",
            "message",
        ),
    ];
    for (remove, path, field) in cases {
        let text = without_trailing_commas(&without_line(remove));
        let err = parse(&text).unwrap_err();
        assert!(
            err.message.contains(&format!("missing field `{field}`")),
            "{field}: {err}"
        );
        let shown_path = if err.path == "." {
            ""
        } else {
            err.path.as_str()
        };
        assert_eq!(shown_path, path, "{field}: {err}");
        assert!(err.line >= 1, "{err}");
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!("{FILE}:{}:", err.line)),
            "{shown}"
        );
        if !path.is_empty() {
            assert!(shown.contains(&format!("at `{path}`")), "{shown}");
        }
    }
}

#[test]
fn duplicate_fields_name_the_object_and_the_field() {
    // serde_path_to_error stops at the object holding the key, so the path is the object's and the
    // message names the field.
    let text = full_with(
        r#""title": "widget: frob","#,
        "\"title\": \"widget: frob\",\n  \"title\": \"widget: frob again\",",
    );
    let err = parse(&text).unwrap_err();
    assert_eq!(err.line, line_of(&text, "widget: frob again"), "{err}");
    assert_eq!(err.path, ".", "{err}");
    let prefix = format!(
        "{FILE}:{}:{}: duplicate field `title`",
        err.line, err.column
    );
    assert!(err.to_string().starts_with(&prefix), "{err}");

    let text = full_with(r#""line": 42,"#, "\"line\": 42,\n      \"line\": 43,");
    let err = expect_error(&text, "examples[0]", r#""line": 43"#);
    assert!(err.message.contains("duplicate field `line`"), "{err}");

    let text = full_with(
        r#""china": false"#,
        "\"china\": false,\n      \"china\": true",
    );
    let err = expect_error(&text, "operation.national_clouds", r#""china": true"#);
    assert!(err.message.contains("duplicate field `china`"), "{err}");
}

#[test]
fn broken_json_names_the_line_of_the_break() {
    // An unterminated string: serde_json meets the newline that ends the line, and counts it as the
    // start of the next line (column 0).
    let text = full_with(r#""Frobs a widget.","#, r#""Frobs a widget.,"#);
    let err = parse(&text).unwrap_err();
    assert_eq!(err.line, line_of(&text, "Frobs a widget.") + 1, "{err}");
    assert_eq!(err.path, "description", "{err}");
    assert!(err.message.contains("control character"), "{err}");
    // A missing comma between fields.
    let text = full_with(r#""name": "frob","#, r#""name": "frob""#);
    let err = parse(&text).unwrap_err();
    assert_eq!(err.line, line_of(&text, r#""method": "POST""#), "{err}");
    assert!(err.message.contains("expected `,` or `}`"), "{err}");
    // serde_path_to_error cannot tell the field there: the path names the last field read before
    // the break, in its object.
    assert_eq!(err.path, "operation.name", "{err}");
    // The same between two top-level fields, after a field whose value is an object.
    let text = full_with(r#""title": "widget: frob","#, r#""title": "widget: frob""#);
    let err = parse(&text).unwrap_err();
    assert_eq!(err.path, "title", "{err}");
    // After a field whose value is an object, the object's own fields do not count.
    let text = full_with("  },\n  \"api_version\"", "  }\n  \"api_version\"");
    let err = parse(&text).unwrap_err();
    assert_eq!(err.path, "source", "{err}");
    // A missing closing bracket inside the examples.
    let text = full_with("\"knobIds\": [\"k1\"]", "\"knobIds\": [\"k1\"");
    let err = parse(&text).unwrap_err();
    assert!(err.path.starts_with("examples[0].request.body"), "{err}");
    assert_eq!(err.line, line_of(&text, "\"knobIds\": [") + 1, "{err}");
    // A comment is not JSON.
    let text = full_with(
        r#""title": "widget: frob","#,
        "// a comment\n  \"title\": \"widget: frob\",",
    );
    let err = parse(&text).unwrap_err();
    assert_eq!(err.line, line_of(&text, "// a comment"), "{err}");
}

#[test]
fn truncated_and_empty_files_are_located_errors() {
    for cut in [1, FULL.len() / 3, FULL.len() / 2, FULL.len() - 3] {
        let text = &FULL[..cut];
        let err = parse(text).unwrap_err();
        assert!(err.message.contains("EOF"), "{cut}: {err}");
        let lines = text.matches('\n').count() + 1;
        assert!(err.line >= 1 && err.line <= lines, "{cut}: {err}");
        assert!(
            err.to_string()
                .starts_with(&format!("{FILE}:{}:", err.line)),
            "{err}"
        );
    }
    for text in ["", "   \n\n"] {
        let err = parse(text).unwrap_err();
        assert!(err.message.contains("EOF"), "{err}");
        assert!(err.to_string().starts_with(FILE), "{err}");
    }
}

#[test]
fn a_byte_order_mark_or_nul_is_a_located_error_not_a_panic() {
    let err = parse(&format!("\u{feff}{FULL}")).unwrap_err();
    assert_eq!((err.line, err.column), (1, 1), "{err}");
    let text = full_with("widget: frob", "widget:\u{0} frob");
    let err = parse(&text).unwrap_err();
    assert_eq!(err.line, line_of(&text, "widget:\u{0}"), "{err}");
    assert!(err.message.contains("control character"), "{err}");
}

#[test]
fn files_on_disk_are_named_by_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("v1.0").join("widget-frob.json");
    std::fs::create_dir(dir.path().join("v1.0")).unwrap();
    let text = full_with(r#""china": false"#, r#""china": "no""#);
    std::fs::write(&file, &text).unwrap();
    let err = load(&file).unwrap_err();
    assert_eq!(err.file, file);
    assert_eq!(err.path, "operation.national_clouds.china");
    let shown = err.to_string();
    let prefix = format!("{}:{}:", file.display(), line_of(&text, r#""china": "no""#));
    assert!(shown.starts_with(&prefix), "{shown}");

    // Not UTF-8: a read error, line 0, still naming the file.
    let latin1 = dir.path().join("v1.0").join("latin1.json");
    std::fs::write(&latin1, b"{\"title\": \"caf\xe9\"}").unwrap();
    let err = load(&latin1).unwrap_err();
    assert_eq!((err.line, err.path.as_str()), (0, ""));
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot read", latin1.display())),
        "{err}"
    );

    // load_dir reports both, in path order, each under its own name.
    let errors = load_dir(dir.path()).unwrap_err();
    let files: Vec<&Path> = errors.iter().map(|e| e.file.as_path()).collect();
    assert_eq!(files, [latin1.as_path(), file.as_path()]);

    // A missing directory is one located error.
    let errors = load_dir(&dir.path().join("nope")).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("cannot list spec directory"),
        "{}",
        errors[0]
    );
}

// ---------------------------------------------------------------------------------------------------
// Checks across fields and files
// ---------------------------------------------------------------------------------------------------

fn full() -> SpecFile {
    parse(FULL).unwrap()
}

fn check(specs: &[(&str, SpecFile)]) -> Vec<ValidationError> {
    let files: Vec<PathBuf> = specs.iter().map(|(f, _)| PathBuf::from(f)).collect();
    validate(
        files
            .iter()
            .map(PathBuf::as_path)
            .zip(specs.iter().map(|(_, s)| s)),
    )
}

fn shown(errors: &[ValidationError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn one_operation_documented_twice_is_valid_and_left_to_codegen_to_merge() {
    // Graph documents some URLs on several pages (and some pages list one URL twice):
    // graph-codegen's `merge` makes them one operation, so validation does not refuse them.
    let mut spec = full();
    let first = spec.operation.paths[0].clone();
    spec.operation.paths.push(first);
    assert!(check(&[("a.json", spec)]).is_empty());
    let errors = check(&[("a.json", full()), ("b.json", full()), ("c.json", full())]);
    assert!(errors.is_empty(), "{:#?}", shown(&errors));
}

#[test]
fn another_method_on_the_same_path_is_not_a_duplicate() {
    let mut other = full();
    other.operation.method = graph_spec::HttpMethod::Get;
    assert!(check(&[("a.json", full()), ("b.json", other)]).is_empty());
}

#[test]
fn identifiers_differing_in_case_or_punctuation_collide() {
    for twin in ["KnobIDs", "knob_ids", "knob-ids", "KNOBIDS", "knob.Ids"] {
        let mut spec = full();
        let body = spec.operation.request_body.as_mut().unwrap();
        let mut p = body[0].clone();
        p.name = twin.to_string();
        body.push(p);
        let errors = check(&[("a.json", spec)]);
        assert_eq!(errors.len(), 1, "{twin}: {:#?}", shown(&errors));
        assert_eq!(errors[0].path, "operation.request_body[2].name");
        assert!(
            errors[0].to_string().starts_with(&format!(
                "a.json: at `operation.request_body[2].name`: parameter `{twin}` collides with `knobIds` \
                 (operation.request_body[0])"
            )),
            "{}",
            errors[0]
        );
    }
    // Names that differ in letters do not collide.
    let mut spec = full();
    let body = spec.operation.request_body.as_mut().unwrap();
    let mut p = body[0].clone();
    p.name = "knobId".to_string();
    body.push(p);
    assert!(check(&[("a.json", spec)]).is_empty());
}

#[test]
fn empty_names_bad_paths_and_empty_placeholders_are_located() {
    let mut spec = full();
    spec.operation.binding = " ".into();
    spec.operation.name = String::new();
    spec.operation.paths[0].template = "widgets/frob".into();
    spec.operation.paths[1].parameters[0].names = vec!["gadget-id".into(), " ".into()];
    spec.operation.request_body.as_mut().unwrap()[1].name = String::new();
    let errors = check(&[("a.json", spec)]);
    assert_eq!(
        shown(&errors),
        [
            "a.json: at `operation.binding`: must not be empty",
            "a.json: at `operation.name`: must not be empty",
            "a.json: at `operation.paths[0].template`: `widgets/frob` must start with `/`",
            "a.json: at `operation.paths[1].parameters[0].names`: placeholder `{gadget-id | name}` names nothing",
            "a.json: at `operation.request_body[1].name`: parameter name must not be empty",
        ]
    );
}
