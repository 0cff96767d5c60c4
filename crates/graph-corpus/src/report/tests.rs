//! Tests of the report's counts and markdown.

use super::*;

fn failure(page: &str, line: usize) -> ExtractError {
    ExtractError {
        file: page.into(),
        line,
        kind: graph_extract::ErrorKind::HttpRequest,
        message: "no `## HTTP request`\nsection".into(),
    }
}

#[test]
fn the_summary_counts_merged_aliases_as_in_the_crate_and_locates_each_problem() {
    let report = Report {
        docs: "docs".into(),
        pages: 10,
        extracted: 8,
        extract_failures: vec![
            failure("api-reference/v1.0/api/a.md", 3),
            failure("api-reference/v1.0/api/b.md", 0),
        ],
        generated: 6,
        merged: 1,
        skipped: vec![Skipped {
            class: graph_codegen::SkipClass::NameClash,
            error: graph_codegen::CodegenError {
                file: "v1.0/c.json".into(),
                path: "operation.paths".into(),
                message: "segment `root:` and segment `root` both become `root()`".into(),
            },
        }],
        checks: vec![Check {
            features: "full".into(),
            ok: true,
            seconds: 12.0,
            warnings: 0,
            messages: vec![],
        }],
        disagreements: vec![Disagreement {
            class: "docs differ".into(),
            what: "return type".into(),
            page: "api-reference/v1.0/api/d.md".into(),
            line: 42,
            detail: "getX: the page shows Edm.String".into(),
        }],
        ..Report::default()
    };
    assert_eq!(report.in_crate(), 7);
    let md = report.markdown();
    assert!(md.contains("| extracted | 8 | 10 | 80.0% |"), "{md}");
    assert!(
        md.contains("| in the generated crate (merged aliases counted) | 7 | 8 | 87.5% |"),
        "{md}"
    );
    assert!(
        md.contains("| compiling (`full`) | 7 | 7 | 100.0% |"),
        "{md}"
    );
    assert!(md.contains("### http-request (2)"), "{md}");
    // A message is kept on its list item's line.
    assert!(
        md.contains("- `api-reference/v1.0/api/a.md:3`: no `## HTTP request` section"),
        "{md}"
    );
    assert!(
        md.contains("### name-clash (1)\n\n- v1.0/c.json: at `operation.paths`: segment"),
        "{md}"
    );
    assert!(md.contains("| docs differ | return type | 1 |"), "{md}");
    assert!(
        md.contains("- `api-reference/v1.0/api/d.md:42`: getX: the page shows Edm.String"),
        "{md}"
    );
}

#[test]
fn a_failed_check_shows_its_first_errors_and_counts_nothing_as_compiling() {
    let report = Report {
        extracted: 1,
        generated: 1,
        checks: vec![Check {
            features: "full".into(),
            ok: false,
            seconds: 1.0,
            warnings: 2,
            messages: vec!["error[E0428]: the name `Foo` is defined multiple times".into()],
        }],
        ..Report::default()
    };
    let md = report.markdown();
    assert!(md.contains("| compiling (`full`) | 0 | 1 | 0.0% |"), "{md}");
    assert!(md.contains("| `full` | **fails** | 2 | 1 |"), "{md}");
    assert!(
        md.contains("error[E0428]: the name `Foo` is defined multiple times"),
        "{md}"
    );
}
