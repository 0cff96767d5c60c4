//! The parameter and return type comparison, and how each disagreement is classified.

use super::{copy, get_report, row, run, spec};
use crate::{Class, MentionKind, What, documented_parameters};

#[test]
fn omitted_parameters_are_the_extractors_when_the_page_mentions_them() {
    let page = "\
| Parameter | Type | Description |
|:--|:--|:--|
| name | String | The new name. |

The request body can also carry `childrenOnly`.
";
    let report = copy(
        &[(
            "parentReference",
            "microsoft.graph.itemReference",
            Some(true),
        )],
        page,
    );
    let name = &row(&report, "name").disagreements[0];
    assert_eq!(
        (name.what, name.class),
        (What::Omitted, Class::ExtractorMissed)
    );
    let e = name.evidence.as_ref().unwrap();
    assert_eq!((e.line, e.how), (3, MentionKind::TableCell));
    let children = &row(&report, "childrenOnly").disagreements[0];
    assert_eq!(children.class, Class::ExtractorMissed);
    assert_eq!(
        children.evidence.as_ref().unwrap().how,
        MentionKind::Backticks
    );
    let conflict = &row(&report, "conflictBehavior").disagreements[0];
    assert_eq!(
        (conflict.what, conflict.class),
        (What::Omitted, Class::DocsDiffer)
    );
    assert_eq!(conflict.detail, "the page omits it");
    assert!(row(&report, "parentReference").disagreements.is_empty());
    let t = &report.totals;
    assert_eq!(
        (
            t.metadata_parameters,
            t.present_with_metadata_type,
            t.omitted
        ),
        (5, 1, 4)
    );
    assert_eq!(
        (t.extractor_missed, t.docs_differ),
        (2, 2),
        "count: docs differ too"
    );
    assert_eq!(t.operations_agreeing, 0);
}

#[test]
fn type_and_requirement_mismatches_are_classified_by_the_parameter_line() {
    let page = "\
| Parameter | Type | Description |
|:--|:--|:--|
| name | String | Optional. |
| parentReference | ItemReference | Optional. |
| childrenOnly | String | Required. |
| conflictBehavior | String | Optional. |
| count | Int32 | Optional. |
";
    let report = copy(
        &[
            ("name", "Edm.String", Some(false)),
            (
                "parentReference",
                "microsoft.graph.itemReference",
                Some(false),
            ),
            ("childrenOnly", "Edm.String", Some(false)),
            ("conflictBehavior", "Edm.String", Some(true)),
            ("count", "Edm.Int64", None),
        ],
        page,
    );
    // The metadata says nothing about `name`: no requirement to compare.
    assert!(row(&report, "name").disagreements.is_empty());
    // Required in the metadata, "Optional." on the page: the docs differ.
    let d = &row(&report, "parentReference").disagreements[0];
    assert_eq!((d.what, d.class), (What::Requirement, Class::DocsDiffer));
    // Boolean in the metadata, String on the page: the docs differ.
    let d = &row(&report, "childrenOnly").disagreements;
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((d[0].what, d[0].class), (What::Type, Class::DocsDiffer));
    // Optional in both the metadata and on the page, but the spec says required: the extractor's.
    let d = &row(&report, "conflictBehavior").disagreements[0];
    assert_eq!(
        (d.what, d.class),
        (What::Requirement, Class::ExtractorMissed)
    );
    // Int32 on the page and in the metadata, Int64 in the spec: the extractor's.
    let d = &row(&report, "count").disagreements[0];
    assert_eq!((d.what, d.class), (What::Type, Class::ExtractorMissed));
    assert_eq!(d.evidence.as_ref().unwrap().line, 7);
    let t = &report.totals;
    assert_eq!(
        (t.present_with_metadata_type, t.present_with_other_type),
        (3, 2)
    );
    assert_eq!((t.requirements_compared, t.requirements_agreeing), (3, 1));
}

#[test]
fn names_compare_case_insensitively_and_extra_parameters_are_reported() {
    let report = run(
        vec![spec(
            "message-move.md",
            "message",
            "move",
            "POST",
            &[
                ("destinationId", "Edm.String", None),
                ("comment", "Edm.String", None),
            ],
            Some("Collection(Microsoft.graph.message)"),
        )],
        &[("message-move.md", "")],
    );
    assert!(row(&report, "DestinationId").disagreements.is_empty());
    assert_eq!(
        row(&report, "DestinationId").spec.as_ref().unwrap().name,
        "destinationId"
    );
    let extra = row(&report, "comment");
    assert!(extra.metadata.is_none());
    assert_eq!(extra.disagreements[0].what, What::NotInMetadata);
    assert_eq!(extra.disagreements[0].class, Class::DocsDiffer);
    let r = report.operations[0].returns.as_ref().unwrap();
    let d = r.disagreement.as_ref().unwrap();
    assert_eq!((d.what, d.class), (What::ReturnType, Class::DocsDiffer));
    assert!(d.detail.contains("letter case"));
    assert_eq!(report.totals.not_in_metadata, 1);
}

#[test]
fn function_parameters_in_the_path_are_the_extractors_and_return_types_read_the_response_section() {
    let page = "\
## HTTP request

```http
GET /reports/getReport(period='{period_value}')
```

## Response

If successful, this method returns a `200 OK` response code and a Stream.
";
    let report = get_report(Some("Edm.String"), Some(page));
    let d = &row(&report, "period").disagreements[0];
    assert_eq!((d.what, d.class), (What::Omitted, Class::ExtractorMissed));
    assert_eq!(d.evidence.as_ref().unwrap().how, MentionKind::Template);
    let r = report.operations[0].returns.as_ref().unwrap();
    assert_eq!(r.metadata.as_deref(), Some("Edm.Stream"));
    let d = r.disagreement.as_ref().unwrap();
    assert_eq!(
        (d.what, d.class),
        (What::ReturnType, Class::ExtractorMissed)
    );
    assert_eq!(d.evidence.as_ref().unwrap().line, 9);

    // Without the word on the page, the docs differ.
    let report = get_report(None, Some("## Response\n\nReturns a `302 Found`.\n"));
    let d = report.operations[0]
        .returns
        .as_ref()
        .unwrap()
        .disagreement
        .as_ref()
        .unwrap();
    assert_eq!(d.class, Class::DocsDiffer);
}

#[test]
fn unreadable_pages_leave_disagreements_unclassified() {
    let report = get_report(Some("Edm.Stream"), None);
    let d = &row(&report, "period").disagreements[0];
    assert_eq!(d.class, Class::Unclassified);
    assert_eq!(report.totals.unclassified, 1);
}

#[test]
fn documented_parameters_are_the_function_and_body_parameters() {
    let mut s = spec(
        "x.md",
        "driveItem",
        "copy",
        "POST",
        &[("name", "Edm.String", Some(false))],
        None,
    );
    let mut period = s.operation.request_body.as_ref().expect("a body")[0].clone();
    period.name = "period".into();
    period.required = Some(true);
    s.operation.function_parameters.push(period);
    let documented = documented_parameters(&s);
    let got: Vec<(&str, &str, &str)> = documented
        .iter()
        .map(|d| (d.name.as_str(), d.from, d.requirement_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("period", "function_parameters", "required"),
            ("name", "request_body", "optional"),
        ]
    );
}
