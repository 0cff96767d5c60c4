//! The lint of small specs against a CSDL written for these tests: the fixtures are here, the
//! tests in submodules by concern.

use graph_spec::{ApiVersion, SpecFile};
use serde_json::json;

use super::*;

mod compare;
mod matching;
mod output;
mod path_functions;
mod resolve;
mod resources;

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

/// The report of a `driveItem: copy` spec documenting `body` (as for [`spec`]), its page reading
/// `page`.
fn copy(body: &[(&str, &str, Option<bool>)], page: &str) -> Report {
    let name = "driveitem-copy.md";
    let copy = spec(
        name,
        "driveItem",
        "copy",
        "POST",
        body,
        Some("microsoft.graph.driveItem"),
    );
    run(vec![copy], &[(name, page)])
}

/// The report of a `reportRoot: getReport` spec returning `returns`, its page reading `page`
/// (`None`: the page cannot be read).
fn get_report(returns: Option<&str>, page: Option<&str>) -> Report {
    let name = "reportroot-getreport.md";
    let pages: Vec<(&str, &str)> = page.map(|p| (name, p)).into_iter().collect();
    run(
        vec![spec(name, "reportRoot", "getReport", "GET", &[], returns)],
        &pages,
    )
}

fn row<'r>(report: &'r Report, name: &str) -> &'r ParameterRow {
    report.operations[0]
        .parameters
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}
