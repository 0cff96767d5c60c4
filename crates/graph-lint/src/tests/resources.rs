//! Resource operations against the metadata: return types by kind, bodies, eras, the
//! classification of disagreements, and the figures.

use graph_spec::{ApiVersion, SpecFile};
use serde_json::json;

use super::resolve::{schema, schema_2021};
use crate::{Agreement, Class, Era, Eras, ResourcesReport, What, lint_resources_with};

/// A resource spec of `kind` on `paths`, answering `status` with `body_type`.
fn spec(
    page: &str,
    kind: &str,
    method: &str,
    paths: &[&str],
    status: u16,
    body: Option<&str>,
    date: Option<&str>,
) -> SpecFile {
    let mut response = json!({"status": status});
    if let Some(t) = body {
        response["body_type"] = json!(t);
    }
    let paths: Vec<_> = paths.iter().map(|p| json!({"template": p})).collect();
    let mut value = json!({
        "source": {"page": page, "sha256": "00"},
        "api_version": "v1.0", "title": "t", "summary": "",
        "operation": {"binding": "x", "name": "y", "kind": kind, "method": method,
            "paths": paths, "response": response},
    });
    if let Some(d) = date {
        value["ms_date"] = json!(d);
    }
    graph_spec::from_json(&value.to_string(), "test.json").unwrap()
}

fn run(
    specs: Vec<SpecFile>,
    pages: &[(&str, &str)],
    body_type: &dyn Fn(&SpecFile) -> Option<String>,
) -> ResourcesReport {
    let named: Vec<(String, SpecFile)> = specs
        .into_iter()
        .map(|s| (s.source.page.clone(), s))
        .collect();
    let pages: Vec<(String, String)> = pages
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let (current, old) = (schema(), schema_2021());
    let eras = Eras {
        current: ("now.csdl", &current),
        y2021: Some(("old.csdl", &old)),
    };
    lint_resources_with(
        ApiVersion::V1,
        &eras,
        &named,
        &move |p| pages.iter().find(|(n, _)| n == p).map(|(_, t)| t.clone()),
        body_type,
    )
}

fn no_body_type(_: &SpecFile) -> Option<String> {
    None
}

#[test]
fn eras_follow_the_ms_date_year() {
    let with = |d: Option<&str>| Era::of(&spec("p", "get", "GET", &["/me"], 200, None, d));
    assert_eq!(with(None), Era::Y2021);
    assert_eq!(with(Some("09/10/2017")), Era::Y2021);
    assert_eq!(with(Some("04/04/2024")), Era::Current);
    assert_eq!(with(Some("2022-01-31")), Era::Current);
    let mut clouds = spec("p", "get", "GET", &["/me"], 200, None, Some("09/10/2017"));
    clouds.operation.national_clouds = Some(
        serde_json::from_value(
            json!({"global": true, "us_gov_l4": true, "us_gov_l5_dod": true, "china": true}),
        )
        .unwrap(),
    );
    assert_eq!(
        Era::of(&clouds),
        Era::Current,
        "the national-cloud include is newer than 2021"
    );
    let report = run(
        vec![
            spec(
                "old.md",
                "get",
                "GET",
                &["/me/drive"],
                200,
                Some("microsoft.graph.drive"),
                None,
            ),
            spec(
                "new.md",
                "get",
                "GET",
                &["/me/drive"],
                200,
                Some("microsoft.graph.drive"),
                Some("01/20/2026"),
            ),
        ],
        &[("old.md", "# Get drive\n"), ("new.md", "# Get drive\n")],
        &no_body_type,
    );
    let old = &report.operations[0];
    assert_eq!((old.era, old.metadata.as_str()), (Era::Y2021, "old.csdl"));
    let d = old.paths[0].disagreement.as_ref().unwrap();
    assert_eq!((d.what, d.class), (What::Path, Class::DocsDiffer));
    assert!(d.detail.contains("it resolves in now.csdl"), "{}", d.detail);
    assert!(old.returns.is_none(), "no path resolves");
    let new = &report.operations[1];
    assert_eq!((new.era, new.metadata.as_str()), (Era::Current, "now.csdl"));
    assert_eq!(
        new.paths[0].reaches.as_deref(),
        Some("microsoft.graph.drive")
    );
    assert_eq!(new.returns.as_ref().unwrap().agreement, Agreement::Same);
    assert_eq!(report.totals.era_2021, 1);
    assert_eq!(report.totals.era_current, 1);
}

#[test]
fn return_types_follow_the_kind() {
    // kind method path status body_type (or -) agreement
    let cases = "\
get GET /users/{id} 200 microsoft.graph.user same
list GET /users 200 Collection(microsoft.graph.user) same
list GET /users 200 microsoft.graph.user differs
list GET /groups/{id}/members 200 Collection(microsoft.graph.user) derived
get GET /users/{id} 200 microsoft.graph.entity differs
create POST /users 201 microsoft.graph.user same
create POST /users 201 Collection(microsoft.graph.user) differs
update PATCH /users/{id} 204 - same
update PATCH /users/{id} 200 microsoft.graph.user same
update PATCH /users/{id} 200 - differs
delete DELETE /users/{id} 204 - same
delete DELETE /users/{id} 200 microsoft.graph.user differs
ref_add POST /groups/{id}/members/$ref 204 - same
media_get GET /me/drive/items/{id}/content 200 - same
media_get GET /me/drive/items/{id}/content 200 Edm.Stream same
media_put PUT /me/drive/items/{id}/content 200 microsoft.graph.driveItem same
media_put PUT /me/drive/items/{id}/content 200 microsoft.graph.user differs
count GET /groups/{id}/members/$count 200 Edm.Int32 same";
    for case in cases.lines() {
        let f: Vec<&str> = case.split(' ').collect();
        let (kind, method, path) = (f[0], f[1], f[2]);
        let status: u16 = f[3].parse().unwrap();
        let body = (f[4] != "-").then_some(f[4]);
        let agreement = match f[5] {
            "same" => Agreement::Same,
            "derived" => Agreement::Derived,
            _ => Agreement::Differs,
        };
        let report = run(
            vec![spec(
                "p.md",
                kind,
                method,
                &[path],
                status,
                body,
                Some("01/01/2025"),
            )],
            &[("p.md", "# page\n")],
            &no_body_type,
        );
        let r = report.operations[0].returns.as_ref().unwrap();
        assert_eq!(r.agreement, agreement, "{kind} {path} {body:?}: {r:?}");
        assert_eq!(
            r.disagreement.is_some(),
            agreement == Agreement::Differs,
            "{kind} {path}"
        );
    }
}

#[test]
fn a_return_type_the_page_shows_is_the_extractors() {
    let page = "# List users\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [user](../resources/user.md) objects in the response body.\n";
    let report = run(
        vec![
            spec(
                "a.md",
                "list",
                "GET",
                &["/users"],
                200,
                Some("microsoft.graph.user"),
                None,
            ),
            spec(
                "b.md",
                "list",
                "GET",
                &["/users"],
                200,
                Some("microsoft.graph.user"),
                None,
            ),
        ],
        &[
            ("a.md", page),
            ("b.md", "# List users\n\n## Response\n\nReturns users.\n"),
        ],
        &no_body_type,
    );
    let a = report.operations[0]
        .returns
        .as_ref()
        .unwrap()
        .disagreement
        .as_ref()
        .unwrap();
    assert_eq!(a.class, Class::ExtractorMissed);
    assert_eq!(a.evidence.as_ref().map(|e| e.line), Some(5));
    let b = report.operations[1]
        .returns
        .as_ref()
        .unwrap()
        .disagreement
        .as_ref()
        .unwrap();
    assert_eq!(b.class, Class::DocsDiffer);
}

#[test]
fn a_path_the_page_writes_otherwise_is_the_extractors() {
    let page = "# Create message\n\n## HTTP request\n\n```http\nPOST /me/messages\nPOST /users/{id}/mesages\n```\n";
    let report = run(
        vec![
            spec(
                "a.md",
                "create",
                "POST",
                &["/me/mesages"],
                201,
                Some("microsoft.graph.message"),
                None,
            ),
            spec(
                "b.md",
                "create",
                "POST",
                &["/users/{id}/mesages"],
                201,
                Some("microsoft.graph.message"),
                None,
            ),
        ],
        &[
            ("a.md", page),
            (
                "b.md",
                "## HTTP request\n\nPOST /users/{id}/mesages\nPATCH /users/{id}/messages/{id}\n",
            ),
        ],
        &no_body_type,
    );
    let a = report.operations[0].paths[0].disagreement.as_ref().unwrap();
    assert_eq!((a.what, a.class), (What::Path, Class::ExtractorMissed));
    assert_eq!(a.evidence.as_ref().map(|e| e.line), Some(6));
    let b = report.operations[1].paths[0].disagreement.as_ref().unwrap();
    assert_eq!((b.what, b.class), (What::Path, Class::DocsDiffer));
    assert_eq!(
        b.evidence.as_ref().map(|e| e.line),
        Some(3),
        "the page's own line"
    );
    assert!(b.detail.contains("segment 3 `mesages`"), "{}", b.detail);
}

#[test]
fn bodies_are_compared_only_when_a_spec_records_their_type() {
    let specs = || {
        vec![
            spec(
                "a.md",
                "create",
                "POST",
                &["/users"],
                201,
                Some("microsoft.graph.user"),
                None,
            ),
            spec(
                "b.md",
                "update",
                "PATCH",
                &["/me/messages/{id}"],
                204,
                None,
                None,
            ),
            spec(
                "c.md",
                "update",
                "PATCH",
                &["/me/messages/{id}"],
                204,
                None,
                None,
            ),
            spec(
                "d.md",
                "get",
                "GET",
                &["/me"],
                200,
                Some("microsoft.graph.user"),
                None,
            ),
        ]
    };
    let pages = [
        (
            "b.md",
            "## Request body\n\nIn the request body, supply a JSON representation of the [message](../resources/message.md) object.\n",
        ),
        ("c.md", "## Request body\n\nThe properties to change.\n"),
    ];
    let none = run(specs(), &pages, &no_body_type);
    assert!(!none.bodies_compared);
    assert!(none.operations.iter().all(|o| o.body.is_none()));
    assert_eq!((none.totals.bodies, none.totals.bodies_possible), (0, 3));

    let given = |s: &SpecFile| match s.source.page.as_str() {
        "a.md" => Some("microsoft.graph.user".to_string()),
        "b.md" => Some("microsoft.graph.user".to_string()),
        _ => None,
    };
    let report = run(specs(), &pages, &given);
    assert!(report.bodies_compared);
    let body = |i: usize| report.operations[i].body.as_ref().unwrap();
    assert_eq!(body(0).agreement, Agreement::Same);
    assert_eq!(body(1).expected, "microsoft.graph.message");
    assert_eq!(
        body(1).disagreement.as_ref().unwrap().class,
        Class::ExtractorMissed
    );
    assert_eq!(body(2).spec, None);
    assert_eq!(
        body(2).disagreement.as_ref().unwrap().class,
        Class::DocsDiffer
    );
    assert!(report.operations[3].body.is_none(), "a get has no body");
    assert_eq!((report.totals.bodies, report.totals.bodies_entity), (3, 1));
}

#[test]
fn figures_count_pages_paths_and_classes() {
    let report = run(
        vec![
            spec(
                "a.md",
                "get",
                "GET",
                &["/me", "/users/{id}", "/nowhere"],
                200,
                Some("microsoft.graph.user"),
                None,
            ),
            spec(
                "b.md",
                "delete",
                "DELETE",
                &["/users/{id}"],
                204,
                None,
                None,
            ),
            spec(
                "c.md",
                "action",
                "POST",
                &["/users/{id}/x"],
                204,
                None,
                None,
            ),
            spec("d.md", "unclassified", "GET", &["/me"], 200, None, None),
        ],
        &[("a.md", "GET /nowhere\n")],
        &no_body_type,
    );
    let t = &report.totals;
    assert_eq!((t.pages, t.with_kind, t.resource_pages), (4, 3, 2));
    assert_eq!((t.paths, t.paths_resolved), (4, 3));
    assert_eq!(
        (t.pages_all_paths_resolved, t.pages_some_path_resolved),
        (1, 2)
    );
    assert_eq!((t.return_types, t.return_types_agreeing), (2, 2));
    assert_eq!(
        (t.docs_differ, t.extractor_missed, t.unclassified),
        (1, 0, 0)
    );
    assert_eq!(t.by_class.get("docs differ / path / get"), Some(&1));
    assert_eq!(t.by_class.get("unclassified / path / get"), None);
    assert_eq!(t.by_kind.get("get"), Some(&1));
    let text = crate::render_resources(&report);
    assert!(
        text.contains("docs differ | path | get | a.md:1 |"),
        "{text}"
    );
    assert!(text.contains("paths resolving: 3 of 4 (75.0 %)"), "{text}");
    assert!(text.contains("bodies: not compared"), "{text}");
}

#[test]
fn the_action_lint_leaves_resource_operations_to_this_one() {
    let specs: Vec<(String, SpecFile)> = [
        spec("a.md", "get", "GET", &["/me"], 200, None, None),
        spec("b.md", "action", "POST", &["/me/x"], 204, None, None),
        spec("c.md", "unclassified", "GET", &["/me"], 200, None, None),
    ]
    .into_iter()
    .map(|s| (s.source.page.clone(), s))
    .collect();
    let metadata = crate::Metadata::parse(super::resolve::CSDL).unwrap();
    let report = crate::lint(ApiVersion::V1, "m", &metadata, &specs, &|_| None);
    let pages: Vec<&str> = report.operations.iter().map(|o| o.page.as_str()).collect();
    assert_eq!(pages, ["b.md", "c.md"]);
}

#[test]
fn paths_of_one_family_return_their_common_base() {
    let run_one = |paths: &[&str], body: &str| {
        let report = run(
            vec![spec("p.md", "list", "GET", paths, 200, Some(body), None)],
            &[],
            &no_body_type,
        );
        report.operations[0].returns.clone().unwrap()
    };
    let casts = [
        "/users/{id}/memberOf/microsoft.graph.group",
        "/users/{id}/memberOf/microsoft.graph.user",
    ];
    let r = run_one(&casts, "Collection(microsoft.graph.directoryObject)");
    assert_eq!(r.expected, "Collection(microsoft.graph.directoryObject)");
    assert_eq!(r.agreement, Agreement::Same);
    let unrelated = ["/me/messages", "/users/{id}/memberOf"];
    let r = run_one(&unrelated, "Collection(microsoft.graph.message)");
    assert_eq!(
        r.expected, "Collection(microsoft.graph.message)",
        "entity is no family: the first path decides"
    );
}
