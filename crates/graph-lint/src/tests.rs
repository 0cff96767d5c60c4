use graph_spec::{ApiVersion, SpecFile};
use serde_json::json;

use super::*;

const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Action Name="confirmSafe" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.riskyUser)" />
        <Parameter Name="userIds" Type="Collection(Edm.String)" />
      </Action>
      <Action Name="confirmSafe" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.signIn)" />
        <Parameter Name="requestIds" Type="Collection(Edm.String)" />
      </Action>
      <Action Name="dismiss" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.riskyUser)" />
        <Parameter Name="userIds" Type="Collection(Edm.String)" />
      </Action>
      <Action Name="dismiss" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.riskyServicePrincipal)" />
        <Parameter Name="servicePrincipalIds" Type="Collection(Edm.String)" />
      </Action>
      <Action Name="copy" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.driveItem" />
        <Parameter Name="name" Type="Edm.String" />
        <Parameter Name="parentReference" Type="graph.itemReference" Nullable="false" />
        <Parameter Name="childrenOnly" Type="Edm.Boolean">
          <Annotation Term="Org.OData.Core.V1.OptionalParameter" />
        </Parameter>
        <Parameter Name="conflictBehavior" Type="Edm.String">
          <Annotation Term="Org.OData.Core.V1.OptionalParameter" />
        </Parameter>
        <Parameter Name="count" Type="Edm.Int32" />
        <ReturnType Type="graph.driveItem" />
      </Action>
      <Function Name="getReport" IsBound="true">
        <Parameter Name="reportRoot" Type="graph.reportRoot" />
        <Parameter Name="period" Type="Edm.String" Nullable="false" />
        <ReturnType Type="Edm.Stream" Nullable="false" />
      </Function>
      <Action Name="move" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.message" />
        <Parameter Name="DestinationId" Type="Edm.String" />
        <ReturnType Type="Collection(graph.message)" />
      </Action>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

fn metadata() -> Metadata {
    Metadata::parse(CSDL).unwrap()
}

/// A spec of `binding: name` documenting `body` (`(name, type, required)`) and returning `returns`.
fn spec(
    page: &str,
    binding: &str,
    name: &str,
    method: &str,
    body: &[(&str, &str, Option<bool>)],
    returns: Option<&str>,
) -> SpecFile {
    let body: Vec<_> = body
        .iter()
        .map(|(n, t, r)| {
            let mut p = json!({"name": n, "type": t, "source": "table"});
            if let Some(r) = r {
                p["required"] = json!(r);
            }
            p
        })
        .collect();
    let mut response = json!({"status": 200});
    if let Some(t) = returns {
        response["body_type"] = json!(t);
    }
    let mut op = json!({
        "binding": binding, "name": name, "method": method,
        "paths": [{"template": "/x"}], "response": response,
    });
    if !body.is_empty() {
        op["request_body"] = json!(body);
    }
    let value = json!({
        "source": {"page": page, "sha256": "00"},
        "api_version": "v1.0", "title": format!("{binding}: {name}"), "summary": "",
        "operation": op,
    });
    graph_spec::from_json(&value.to_string(), "test.json").unwrap()
}

fn run(specs: Vec<SpecFile>, pages: &[(&str, &str)]) -> Report {
    let named: Vec<(String, SpecFile)> = specs
        .into_iter()
        .map(|s| (s.source.page.clone(), s))
        .collect();
    let pages: Vec<(String, String)> = pages
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    lint(
        ApiVersion::V1,
        "test.csdl",
        &metadata(),
        &named,
        &move |p| pages.iter().find(|(n, _)| n == p).map(|(_, t)| t.clone()),
    )
}

fn row<'r>(report: &'r Report, name: &str) -> &'r ParameterRow {
    report.operations[0]
        .parameters
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn an_exact_match_has_no_disagreement() {
    let report = run(
        vec![spec(
            "signin-confirmsafe.md",
            "signIn",
            "confirmSafe",
            "POST",
            &[("requestIds", "Collection(Edm.String)", None)],
            None,
        )],
        &[],
    );
    let op = &report.operations[0];
    let m = op.matched.as_ref().unwrap();
    assert_eq!(
        m.operation,
        "action confirmSafe bound to Collection(microsoft.graph.signIn)"
    );
    assert_eq!(m.how, MatchHow::Binding);
    assert_eq!(m.note, None, "only one overload is bound to signIn");
    assert_eq!(op.parameters.len(), 1);
    assert!(op.all_disagreements().next().is_none());
    let t = &report.totals;
    assert_eq!((t.operations, t.matched, t.operations_agreeing), (1, 1, 1));
    assert_eq!(
        (t.metadata_parameters, t.present_with_metadata_type),
        (1, 1)
    );
    assert_eq!((t.return_types, t.return_types_agreeing), (1, 1));
}

#[test]
fn specs_of_other_versions_are_skipped() {
    let mut beta = spec("x.md", "signIn", "confirmSafe", "POST", &[], None);
    beta.api_version = ApiVersion::Beta;
    let report = run(vec![beta], &[]);
    assert!(report.operations.is_empty());
}

#[test]
fn omitted_parameters_are_the_extractors_when_the_page_mentions_them() {
    let page = "\
| Parameter | Type | Description |
|:--|:--|:--|
| name | String | The new name. |

The request body can also carry `childrenOnly`.
";
    let report = run(
        vec![spec(
            "driveitem-copy.md",
            "driveItem",
            "copy",
            "POST",
            &[(
                "parentReference",
                "microsoft.graph.itemReference",
                Some(true),
            )],
            Some("microsoft.graph.driveItem"),
        )],
        &[("driveitem-copy.md", page)],
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
    let report = run(
        vec![spec(
            "driveitem-copy.md",
            "driveItem",
            "copy",
            "POST",
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
            Some("microsoft.graph.driveItem"),
        )],
        &[("driveitem-copy.md", page)],
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
    let report = run(
        vec![spec(
            "reportroot-getreport.md",
            "reportRoot",
            "getReport",
            "GET",
            &[],
            Some("Edm.String"),
        )],
        &[("reportroot-getreport.md", page)],
    );
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
    let report = run(
        vec![spec("r.md", "reportRoot", "getReport", "GET", &[], None)],
        &[("r.md", "## Response\n\nReturns a `302 Found`.\n")],
    );
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
    let report = run(
        vec![spec(
            "gone.md",
            "reportRoot",
            "getReport",
            "GET",
            &[],
            Some("Edm.Stream"),
        )],
        &[],
    );
    let d = &row(&report, "period").disagreements[0];
    assert_eq!(d.class, Class::Unclassified);
    assert_eq!(report.totals.unclassified, 1);
}

#[test]
fn a_binding_named_differently_falls_back_to_the_name_then_the_parameters() {
    let report = run(
        vec![
            spec(
                "riskyusers-dismiss.md",
                "riskyUsers",
                "dismiss",
                "POST",
                &[("userIds", "Collection(Edm.String)", None)],
                None,
            ),
            spec(
                "reports-getreport.md",
                "reports",
                "getReport",
                "GET",
                &[],
                Some("Edm.Stream"),
            ),
            spec(
                "riskyuser-confirmsafe.md",
                "riskyUser",
                "confirmSafe",
                "POST",
                &[],
                None,
            ),
        ],
        &[],
    );
    let m = report.operations[0].matched.as_ref().unwrap();
    assert_eq!(m.how, MatchHow::BestParameters);
    assert_eq!(
        m.operation,
        "action dismiss bound to Collection(microsoft.graph.riskyUser)"
    );
    assert!(
        m.note
            .as_ref()
            .unwrap()
            .contains("`riskyUsers` is not in the metadata")
    );
    let m = report.operations[1].matched.as_ref().unwrap();
    assert_eq!(m.how, MatchHow::OnlyOverload);
    let m = report.operations[2].matched.as_ref().unwrap();
    assert_eq!(m.how, MatchHow::Binding);
    assert_eq!(
        m.operation,
        "action confirmSafe bound to Collection(microsoft.graph.riskyUser)"
    );
}

#[test]
fn unknown_operations_and_wrong_methods_are_reported() {
    let report = run(
        vec![
            spec("user-nothing.md", "user", "nothing", "POST", &[], None),
            spec(
                "signin-confirmsafe.md",
                "signIn",
                "confirmSafe",
                "GET",
                &[("requestIds", "Collection(Edm.String)", None)],
                None,
            ),
        ],
        &[],
    );
    let missing = &report.operations[0];
    assert!(missing.matched.is_none());
    assert!(missing.not_found.as_ref().unwrap().contains("`nothing`"));
    let d = &report.operations[1].disagreements[0];
    assert_eq!((d.what, d.class), (What::Method, Class::DocsDiffer));
    let t = &report.totals;
    assert_eq!((t.operations, t.matched, t.docs_differ), (2, 1, 1));
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

#[test]
fn the_table_totals_and_json_say_the_same() {
    let report = run(
        vec![spec(
            "reportroot-getreport.md",
            "reportRoot",
            "getReport",
            "GET",
            &[],
            Some("Edm.Stream"),
        )],
        &[(
            "reportroot-getreport.md",
            "GET /reports/getReport(period='D7')\n",
        )],
    );
    let table = render_table(&report);
    assert!(
        table.starts_with("| spec | item | metadata | spec says | verdict |\n"),
        "{table}"
    );
    assert!(table.contains(
        "| | period | Edm.String, required | (absent) | extractor missed: the page mentions it at line 1 (template argument) |"
    ), "{table}");
    assert!(
        table.contains("| | returns | Edm.Stream | Edm.Stream | ok |"),
        "{table}"
    );
    let totals = render_totals(&report);
    assert!(
        totals.contains("pages matched to the metadata: 1 of 1"),
        "{totals}"
    );
    assert!(
        totals.contains("with the metadata's type: 0 of 1"),
        "{totals}"
    );
    assert!(totals.contains("return types agreeing: 1 of 1"), "{totals}");
    assert!(
        totals.contains("0 docs differ, 1 extractor missed"),
        "{totals}"
    );
    let list = render_extractor_list(&report);
    assert_eq!(
        list,
        "reportroot-getreport.md: period (omitted): metadata Edm.String, required; spec (absent); \
         the page mentions it at line 1 (template argument): `GET /reports/getReport(period='D7')`\n"
    );
    let json: serde_json::Value = serde_json::from_str(&to_json(&[report])).unwrap();
    assert_eq!(json[0]["totals"]["extractor_missed"], 1);
    assert_eq!(
        json[0]["operations"][0]["parameters"][0]["disagreements"][0]["class"],
        "extractor_missed"
    );
}
