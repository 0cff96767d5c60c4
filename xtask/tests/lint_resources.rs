//! `cargo xtask lint` on resource operations: a 2021 page against `--csdl-2021`, a current page
//! against `--csdl`, the figures under `resources` in `--json`.

use std::path::Path;
use std::process::Command;

/// A CSDL of this test's own: `widgets` (an entity set) and, when `gadgets`, `gadgets` too.
fn csdl(gadgets: bool) -> String {
    let gadget_set = if gadgets {
        r#"<EntitySet Name="gadgets" EntityType="microsoft.graph.widget" />"#
    } else {
        ""
    };
    format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
  <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    <EntityType Name="widget"><Property Name="id" Type="Edm.String" /></EntityType>
    <EntityContainer Name="GraphService">
      <EntitySet Name="widgets" EntityType="microsoft.graph.widget" />{gadget_set}
    </EntityContainer>
  </Schema></edmx:DataServices></edmx:Edmx>"#
    )
}

/// A get spec of `path`, dated `date`.
fn spec(page: &str, path: &str, date: Option<&str>) -> String {
    let date = date.map_or(String::new(), |d| format!(r#""ms_date": "{d}","#));
    format!(
        r#"{{"source": {{"page": "{page}", "sha256": "00"}}, "api_version": "v1.0", {date}
  "title": "Get widget", "summary": "",
  "operation": {{"binding": "widget", "name": "get", "kind": "get", "method": "GET",
    "paths": [{{"template": "{path}"}}],
    "response": {{"status": 200, "body_type": "microsoft.graph.widget"}}}}}}"#
    )
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn pages_are_compared_with_the_metadata_of_their_era() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "now.csdl", &csdl(true));
    write(root, "old.csdl", &csdl(false));
    write(
        root,
        "spec/v1.0/old.json",
        &spec("api/old.md", "/gadgets/{id}", None),
    );
    write(
        root,
        "spec/v1.0/new.json",
        &spec("api/new.md", "/gadgets/{id}", Some("03/18/2026")),
    );
    let run = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["lint", "--version", "v1.0", "--json", "--spec"])
        .arg(root.join("spec"))
        .arg("--csdl")
        .arg(root.join("now.csdl"))
        .arg("--csdl-2021")
        .arg(root.join("old.csdl"))
        .arg("--docs")
        .arg(root)
        .output()
        .expect("run xtask");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let resources = &json[0]["resources"];
    assert_eq!(resources["metadata"], "now.csdl");
    assert_eq!(resources["metadata_2021"], "old.csdl");
    let totals = &resources["totals"];
    assert_eq!(totals["resource_pages"], 2);
    assert_eq!(totals["paths"], 2);
    assert_eq!(
        totals["paths_resolved"], 1,
        "the 2021 metadata has no gadgets: {stdout}"
    );
    assert_eq!(totals["return_types_agreeing"], 1);
    assert_eq!(json[0]["operations"].as_array().map(Vec::len), Some(0));
}
