//! The type comparison on a made-up CSDL and made-up type files and pages.

#![allow(clippy::unwrap_used)]

use graph_lint::{Class, MetaTypeKind, MetaTypes, What, lint_types, render_types};
use graph_spec::{ApiVersion, TypeFile};

const CSDL: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
  <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key>
      <Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
    <EntityType Name="gadget" BaseType="graph.entity">
      <Property Name="serial" Type="Edm.String"/>
      <Property Name="shape" Type="graph.gadgetShape"/>
      <Property Name="size" Type="Edm.Int64"/>
      <Property Name="weight" Type="Edm.Double"/>
      <Property Name="color" Type="Edm.String"/>
      <NavigationProperty Name="parts" Type="Collection(graph.part)"/>
    </EntityType>
    <EnumType Name="gadgetShape"><Member Name="round" Value="0"/><Member Name="square" Value="1"/></EnumType>
  </Schema></edmx:DataServices></edmx:Edmx>"#;

const PAGE: &str = "# gadget resource type\n\n| Property | Type | Description |\n|--|--|--|\n| size | Int64 | How big. |\n| color | String | Its color. |\n";

fn gadget() -> TypeFile {
    graph_spec::type_from_json(
        r#"{
  "source": {"page": "api-reference/v1.0/resources/gadget.md", "sha256": "00"},
  "api_version": "v1.0", "name": "microsoft.graph.gadget", "kind": "entity",
  "base_type": "microsoft.graph.entity",
  "properties": [
    {"name": "id", "type": "Edm.String", "line": 3},
    {"name": "serial", "type": "Edm.String", "line": 4},
    {"name": "shape", "type": "microsoft.graph.gadgetShape", "line": 5},
    {"name": "size", "type": "Edm.Int32", "line": 6},
    {"name": "parts", "type": "Collection(microsoft.graph.part)", "navigation": true, "line": 7},
    {"name": "extra", "type": "Edm.Boolean", "line": 8}
  ],
  "line": 1
}"#,
        "gadget.json",
    )
    .unwrap()
}

fn shape() -> TypeFile {
    graph_spec::type_from_json(
        r#"{
  "source": {"page": "api-reference/v1.0/resources/gadget.md", "sha256": "00"},
  "api_version": "v1.0", "name": "microsoft.graph.gadgetShape", "kind": "enum",
  "members": [{"name": "round"}, {"name": "oval"}],
  "line": 9
}"#,
        "shape.json",
    )
    .unwrap()
}

#[test]
fn the_metadata_types_are_read() {
    let meta = MetaTypes::parse(CSDL).unwrap();
    assert_eq!(meta.len(), 3);
    let g = meta.get("microsoft.graph.GADGET").unwrap();
    assert_eq!(g.kind, MetaTypeKind::Entity);
    assert_eq!(g.base.as_deref(), Some("microsoft.graph.entity"));
    assert_eq!(g.properties[5].ty, "Collection(microsoft.graph.part)");
    assert!(g.properties[5].navigation);
    assert_eq!(meta.inherited("microsoft.graph.gadget")[0].name, "id");
    assert_eq!(
        meta.get("microsoft.graph.gadgetShape").unwrap().members,
        ["round", "square"]
    );
    assert!(MetaTypes::parse("<x/>").is_err());
}

#[test]
fn every_row_is_compared_and_classified() {
    let meta = MetaTypes::parse(CSDL).unwrap();
    let types = vec![
        ("v1.0/types/gadget.json".to_string(), gadget()),
        ("v1.0/types/gadgetshape.json".to_string(), shape()),
    ];
    let page = |p: &str| (p == "api-reference/v1.0/resources/gadget.md").then(|| PAGE.to_string());
    let report = lint_types(ApiVersion::V1, "x.csdl", &meta, &types, &page);
    let gadget = &report.types[0];
    let verdict = |item: &str| {
        gadget
            .rows
            .iter()
            .find(|r| r.item == item)
            .unwrap_or_else(|| panic!("no row {item}: {:?}", gadget.rows))
            .disagreement
            .as_ref()
            .map(|d| (d.what, d.class))
    };
    assert_eq!(verdict("kind"), None);
    assert_eq!(verdict("base type"), None);
    assert_eq!(verdict("property serial"), None);
    assert_eq!(verdict("property id (inherited)"), None);
    assert_eq!(verdict("property parts"), None);
    // The page shows Int64 on the size line: the extractor's; the page never names weight: the docs'.
    assert_eq!(
        verdict("property size"),
        Some((What::Type, Class::ExtractorMissed))
    );
    assert_eq!(
        verdict("property weight"),
        Some((What::Omitted, Class::DocsDiffer))
    );
    assert_eq!(
        verdict("property color"),
        Some((What::Omitted, Class::ExtractorMissed))
    );
    assert_eq!(
        verdict("property extra"),
        Some((What::NotInMetadata, Class::DocsDiffer))
    );

    let shape = &report.types[1];
    let items: Vec<(&str, bool)> = shape
        .rows
        .iter()
        .map(|r| (r.item.as_str(), r.disagreement.is_some()))
        .collect();
    assert_eq!(
        items,
        [
            ("kind", false),
            ("member round", false),
            ("member square", true),
            ("member oval", true)
        ]
    );

    let t = &report.totals;
    assert_eq!((t.types, t.found), (2, 2));
    assert_eq!(t.items, gadget.rows.len() + shape.rows.len());
    assert_eq!(
        t.agreeing + t.docs_differ + t.extractor_missed + t.unclassified,
        t.items
    );
    assert_eq!(t.extractor_missed, 2);
    let text = render_types(&report);
    assert!(
        text.contains("| v1.0/types/gadget.json | property weight |"),
        "{text}"
    );
    assert!(text.contains(&format!("{:.1}%", t.percent())), "{text}");
}

#[test]
fn a_type_the_metadata_lacks_and_an_unreadable_page() {
    let meta = MetaTypes::parse(CSDL).unwrap();
    let mut other = shape();
    other.name = "microsoft.graph.nothing".into();
    let types = vec![
        ("a.json".to_string(), other),
        ("b.json".to_string(), gadget()),
    ];
    let report = lint_types(ApiVersion::V1, "x.csdl", &meta, &types, &|_| None);
    assert_eq!(report.totals.found, 1);
    let d = report.types[0].rows[0].disagreement.as_ref().unwrap();
    assert_eq!(
        (d.what, d.class),
        (What::NotInMetadata, Class::Unclassified)
    );
    // Only beta type files: nothing of v1.0 is compared.
    let beta = lint_types(ApiVersion::Beta, "x.csdl", &meta, &types, &|_| None);
    assert_eq!(beta.totals.types, 0);
    assert_eq!(beta.totals.percent(), 100.0);
}

#[test]
fn accuracy_and_coverage_are_separate_figures() {
    let meta = MetaTypes::parse(CSDL).unwrap();
    let types = vec![
        ("v1.0/types/gadget.json".to_string(), gadget()),
        ("v1.0/types/gadgetshape.json".to_string(), shape()),
    ];
    let page = |p: &str| (p == "api-reference/v1.0/resources/gadget.md").then(|| PAGE.to_string());
    let report = lint_types(ApiVersion::V1, "x.csdl", &meta, &types, &page);
    let t = &report.totals;
    // gadget rows: kind, base type, serial, shape, size (Int32 vs Int64), weight (omitted), color
    // (omitted), parts, extra (not in metadata), id (inherited); shape rows: kind, round, square
    // (omitted), oval (not in metadata).
    assert_eq!(t.items, 14);
    assert_eq!(t.agreeing, 8);
    // Stated by the type files: all but weight, color and square; of those, size, extra and oval disagree.
    assert_eq!((t.stated_agreeing, t.stated), (8, 11));
    // In the metadata: all but extra and oval; of those, weight, color and square are not stated.
    assert_eq!((t.covered, t.in_metadata), (9, 12));
    assert!((t.accuracy() - 800.0 / 11.0).abs() < 1e-9);
    assert!((t.coverage() - 75.0).abs() < 1e-9);
    assert_eq!(t.by_kind.get("docs differ / omitted"), Some(&2));
    assert_eq!(t.by_kind.get("extractor missed / omitted"), Some(&1));
    assert_eq!(t.by_kind.get("extractor missed / type"), Some(&1));
    assert_eq!(t.by_kind.get("docs differ / not in metadata"), Some(&2));
    assert_eq!(t.by_kind.values().sum::<usize>(), t.items - t.agreeing);
    let text = render_types(&report);
    assert!(
        text.contains("8 of 14 item(s) agree (57.1%)"),
        "the headline stays: {text}"
    );
    assert!(
        text.contains("accuracy: 8 of 11 item(s) the docs state agree with the metadata (72.7%)"),
        "{text}"
    );
    assert!(
        text.contains("coverage: 9 of 12 metadata item(s) are stated by the docs (75.0%)"),
        "{text}"
    );
}

#[test]
fn a_json_string_is_no_evidence_against_a_documented_enumeration() {
    let meta = MetaTypes::parse(CSDL).unwrap();
    let mut g = gadget();
    // The page links an enumeration of its own where the metadata has Edm.String.
    let serial = g
        .properties
        .iter_mut()
        .find(|p| p.name == "serial")
        .unwrap();
    serial.ty = "microsoft.graph.serialKind".parse().unwrap();
    let page = "# gadget resource type\n\n| Property | Type | Description |\n|--|--|--|\n| serial | [serialKind](#serialkind-values) | The serial. |\n\n```json\n{\n  \"serial\": \"string\"\n}\n```\n";
    let types = vec![("g.json".to_string(), g)];
    let report = lint_types(ApiVersion::V1, "x.csdl", &meta, &types, &|_| {
        Some(page.to_string())
    });
    let row = report.types[0]
        .rows
        .iter()
        .find(|r| r.item == "property serial")
        .unwrap();
    let d = row.disagreement.as_ref().unwrap();
    assert_eq!((d.what, d.class), (What::Type, Class::DocsDiffer));
    assert!(d.detail.contains("no evidence"), "{}", d.detail);
    // A table cell that says String is evidence: the extractor's.
    let page = page.replace("[serialKind](#serialkind-values)", "String");
    let mut g = gadget();
    let serial = g
        .properties
        .iter_mut()
        .find(|p| p.name == "serial")
        .unwrap();
    serial.ty = "microsoft.graph.serialKind".parse().unwrap();
    let types = vec![("g.json".to_string(), g)];
    let report = lint_types(ApiVersion::V1, "x.csdl", &meta, &types, &|_| {
        Some(page.clone())
    });
    let row = report.types[0]
        .rows
        .iter()
        .find(|r| r.item == "property serial")
        .unwrap();
    let d = row.disagreement.as_ref().unwrap();
    assert_eq!(d.class, Class::ExtractorMissed);
}

#[test]
fn the_json_report_carries_the_type_comparison() {
    let meta = MetaTypes::parse(CSDL).unwrap();
    let types = vec![("v1.0/types/gadget.json".to_string(), gadget())];
    let page = |p: &str| (p == "api-reference/v1.0/resources/gadget.md").then(|| PAGE.to_string());
    let metadata = graph_lint::Metadata::parse(CSDL).unwrap();
    let mut report = graph_lint::lint(ApiVersion::V1, "x.csdl", &metadata, &[], &page);
    let json: serde_json::Value =
        serde_json::from_str(&graph_lint::to_json(std::slice::from_ref(&report))).unwrap();
    assert!(json[0].get("types").is_none(), "{json}");
    report.types = Some(lint_types(ApiVersion::V1, "x.csdl", &meta, &types, &page));
    let json: serde_json::Value = serde_json::from_str(&graph_lint::to_json(&[report])).unwrap();
    let types = &json[0]["types"];
    assert_eq!(types["totals"]["items"], 10);
    assert_eq!(types["totals"]["stated"], 8);
    assert_eq!(types["totals"]["in_metadata"], 9);
    assert_eq!(types["types"][0]["name"], "microsoft.graph.gadget");
    let weight = types["types"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["item"] == "property weight")
        .unwrap();
    assert_eq!(weight["disagreement"]["class"], "docs_differ");
    assert_eq!(weight["disagreement"]["what"], "omitted");
}

#[test]
fn a_json_property_left_out_of_the_type_file_is_no_disagreement() {
    // `microsoft.graph.Json` is any JSON value: the extractor leaves such a property out on
    // purpose (the model keeps it in its additional properties). An omitted property of another
    // type that the page shows is still the extractor's.
    let csdl = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
  <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    <ComplexType Name="dial">
      <Property Name="label" Type="Edm.String"/>
      <Property Name="setting" Type="graph.Json"/>
      <Property Name="history" Type="Collection(graph.Json)"/>
      <Property Name="color" Type="Edm.String"/>
    </ComplexType>
  </Schema></edmx:DataServices></edmx:Edmx>"#;
    let page = "# dial resource type\n\n| Property | Type | Description |\n|--|--|--|\n| label | String | The label. |\n| setting | Json | Any value. |\n| color | String | Its color. |\n";
    let dial = graph_spec::type_from_json(
        r#"{
  "source": {"page": "api-reference/v1.0/resources/dial.md", "sha256": "00"},
  "api_version": "v1.0", "name": "microsoft.graph.dial", "kind": "complex",
  "properties": [{"name": "label", "type": "Edm.String", "line": 5}],
  "line": 1
}"#,
        "dial.json",
    )
    .unwrap();
    let meta = MetaTypes::parse(csdl).unwrap();
    let types = vec![("v1.0/types/dial.json".to_string(), dial)];
    let read = |p: &str| (p == "api-reference/v1.0/resources/dial.md").then(|| page.to_string());
    let report = lint_types(ApiVersion::V1, "x.csdl", &meta, &types, &read);
    let rows = &report.types[0].rows;
    let verdict = |item: &str| {
        let row = rows
            .iter()
            .find(|r| r.item == item)
            .unwrap_or_else(|| panic!("no row {item}: {rows:?}"));
        (
            row.spec.as_str(),
            row.disagreement.as_ref().map(|d| (d.what, d.class)),
        )
    };
    assert_eq!(verdict("property setting"), ("(left out: any JSON)", None));
    assert_eq!(verdict("property history"), ("(left out: any JSON)", None));
    assert_eq!(
        verdict("property color"),
        ("-", Some((What::Omitted, Class::ExtractorMissed)))
    );
}
