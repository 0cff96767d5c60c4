//! The ways resource pages vary that the extractor reads: properties kept in includes, phrasings
//! of the base type, enumerations named in a description, properties only in the JSON
//! representation, relationships nested in the Properties section, and the spellings of a
//! collection. Every page here is made up, written in the docs' format.
//!
//! Over 500 lines on purpose: every file in `tests/` is a binary of its own that links the whole
//! crate (and its dependencies) again, so related tests share one file rather than adding a link
//! step per split.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use graph_extract::{resource_str, resource_str_with};
use graph_spec::TypeFile;

fn read(page: &str, text: &str) -> TypeFile {
    resource_str(page, text).unwrap().ty
}

fn types(ty: &TypeFile) -> Vec<(String, String)> {
    ty.properties
        .iter()
        .map(|p| (p.name.clone(), p.ty.to_string()))
        .collect()
}

fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
    want.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn warned(ty: &TypeFile, part: &str) -> bool {
    ty.warnings.iter().any(|w| w.message.contains(part))
}

const WITH_INCLUDES: &str = r#"# sprocket resource type

[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]

A made-up sprocket.

## Properties

[!INCLUDE [sprocket-properties](../../includes/sprocket-properties.md)]

| Property | Type | Description |
|:--|:--|:--|
| teeth | Int32 | How many. |

[!INCLUDE [gone](../../includes/gone.md)]

## Relationships

[!INCLUDE [sprocket-relationships](../../includes/sprocket-relationships.md)]
"#;

#[test]
fn tables_in_includes_are_read_where_the_include_stands() {
    let files: BTreeMap<&str, &str> = [
        (
            "api-reference/includes/sprocket-properties.md",
            "---\ntitle: x\n---\n\n| Property | Type | Description |\n|:--|:--|:--|\n| pitch | Double | The pitch. |\n| mode | [sprocketMode](#sprocketmode-values) | The mode. |\n\n### sprocketMode values\n\n| Member | Description |\n|:--|:--|\n| fast | Fast. |\n| slow | Slow. |\n",
        ),
        (
            "api-reference/includes/sprocket-relationships.md",
            "| Relationship | Type | Description |\n|:--|:--|:--|\n| chain | [chain](chain.md) | The chain. Read-only. |\n",
        ),
    ]
    .into_iter()
    .collect();
    let reader = |p: &str| files.get(p).map(|t| t.to_string());
    let page = "api-reference/beta/resources/sprocket.md";
    let got = resource_str_with(page, WITH_INCLUDES, &reader).unwrap();
    assert_eq!(
        types(&got.ty),
        pairs(&[
            ("pitch", "Edm.Double"),
            ("mode", "microsoft.graph.sprocketMode"),
            ("teeth", "Edm.Int32"),
            ("chain", "microsoft.graph.chain"),
        ])
    );
    let chain = got
        .ty
        .properties
        .iter()
        .find(|p| p.name == "chain")
        .unwrap();
    assert!(chain.navigation);
    // A row of an include points at the page line that includes it.
    let include_line = WITH_INCLUDES
        .lines()
        .position(|l| l.contains("sprocket-properties.md"))
        .unwrap()
        + 1;
    assert_eq!(got.ty.properties[0].line, include_line);
    assert_eq!(got.enums.len(), 1);
    assert_eq!(got.enums[0].name, "microsoft.graph.sprocketMode");
    assert!(warned(
        &got.ty,
        "include `../../includes/gone.md` not found"
    ));
    // Without a reader the includes are missing, and the page's own table is still read.
    let alone = read(page, WITH_INCLUDES);
    assert_eq!(types(&alone), pairs(&[("teeth", "Edm.Int32")]));
}

fn with_intro(intro: &str) -> String {
    format!(
        "# cog resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| size | Int32 | Size. |\n"
    )
}

#[test]
fn the_base_type_is_read_from_the_ways_pages_say_it() {
    let cases = [
        ("Inherits from [entity](entity.md).", Some("entity")),
        (
            "A cog. Inherits from [`entity`](entity.md).",
            Some("entity"),
        ),
        (
            "This resource type inherits properties from [outlookItem](outlookitem.md).",
            Some("outlookItem"),
        ),
        (
            "Derived from [directoryObject](../resources/directoryobject.md).",
            Some("directoryObject"),
        ),
        (
            "A cog. This type is derived from [the base gear type](gear.md).",
            Some("gear"),
        ),
        ("Inherits from **gearBase**.", Some("gearBase")),
        ("Inherits from `gearBase`.", Some("gearBase")),
        ("Inherits from entity.", Some("entity")),
        ("Base type: [wheel](wheel.md)", Some("wheel")),
        (
            "The values are derived from [Azure AD](https://example.com).",
            None,
        ),
        ("Its name is derived from the German word.", None),
        ("Inherits from the parent folder's settings.", None),
    ];
    for (intro, want) in cases {
        let ty = read("api-reference/v1.0/resources/cog.md", &with_intro(intro));
        let want = want.map(|w| format!("microsoft.graph.{w}"));
        assert_eq!(ty.base_type, want, "{intro}");
    }
}

#[test]
fn the_base_type_may_be_said_in_the_properties_section_before_its_table() {
    let page = "# cog resource type\n\nA cog.\n\n## Methods\n\nInherits from [notThis](notthis.md).\n\n## Properties\n\nThis type inherits from [gear](gear.md) and adds:\n\n| Property | Type | Description |\n|:--|:--|:--|\n| size | Int32 | Size. |\n";
    let ty = read("api-reference/v1.0/resources/cog.md", page);
    assert_eq!(ty.base_type.as_deref(), Some("microsoft.graph.gear"));
}

#[test]
fn an_enumeration_named_in_the_description_types_a_string_property() {
    let page = r#"# valve resource type

A made-up valve.

## Properties

| Property | Type | Description |
|:--|:--|:--|
| state | String | The state. The possible values are in [valveState](#valvestate-values). |
| risk | String | Possible values: see [the levels](enums.md#risklevel-values). |
| flow | Enum | The flow, one of [flowKind](enums.md). |
| label | String | Its label; see [valve](valve.md). |
| kind | enumeration | Described nowhere. |

### valveState values

| Member | Description |
|:--|:--|
| open | Open. |
| shut | Shut. |

### riskLevel values

| Member | Description |
|:--|:--|
| low | Low. |
"#;
    let ty = read("api-reference/v1.0/resources/valve.md", page);
    assert_eq!(
        types(&ty),
        pairs(&[
            ("state", "microsoft.graph.valveState"),
            // The anchor is lower case: the casing comes from the page's values table.
            ("risk", "microsoft.graph.riskLevel"),
            ("flow", "microsoft.graph.flowKind"),
            // A link to a resource page is not an enumeration.
            ("label", "Edm.String"),
        ])
    );
    assert!(warned(&ty, "the description names the enumeration"));
    // `enumeration` alone names no type: left out with a warning, never `microsoft.graph.enumeration`.
    assert!(warned(
        &ty,
        "the type `enumeration` of property `kind` names no type"
    ));
}

#[test]
fn properties_only_in_the_json_representation_are_kept_with_a_warning() {
    let page = r##"# pump resource type

A made-up pump.

## Properties

| Property | Type | Description |
|:--|:--|:--|
| id | String | The key. |
| state | [pumpState](pumpstate.md) | The state. |

## JSON representation

<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.pump"
}-->

```json
{
  "@odata.type": "#microsoft.graph.pump",
  "id": "String (identifier)",
  "State": "running",
  "rate": 1.5,
  "installedAt": "2021-03-04T05:06:07Z",
  "owner": {"@odata.type": "microsoft.graph.identity"},
  "notes": ["String"],
  "odd": "something"
}
```
"##;
    let ty = read("api-reference/v1.0/resources/pump.md", page);
    assert_eq!(
        types(&ty),
        pairs(&[
            ("id", "Edm.String"),
            ("state", "microsoft.graph.pumpState"),
            ("rate", "Edm.Double"),
            ("installedAt", "Edm.DateTimeOffset"),
            ("owner", "microsoft.graph.identity"),
            ("notes", "Collection(Edm.String)"),
        ])
    );
    assert!(warned(
        &ty,
        "property `rate` is listed only in the JSON representation"
    ));
    // A key the table lists (whatever its case) warns nothing; one that names no type is left out.
    assert!(!warned(&ty, "`State`"));
    assert!(warned(&ty, "`odd` names no type"));
    assert!(!warned(&ty, "no Properties table"));
}

#[test]
fn relationships_nested_under_properties_are_navigation_properties() {
    let page = r#"# hose resource type

A made-up hose.

## Properties

| Property | Type | Description |
|:--|:--|:--|
| length | Double | Metres. |

### Relationships

| Relationship | Type | Description |
|:--|:--|:--|
| nozzle | [nozzle](nozzle.md) | Its nozzle. |

## JSON representation
"#;
    let ty = read("api-reference/v1.0/resources/hose.md", page);
    assert_eq!(
        types(&ty),
        pairs(&[
            ("length", "Edm.Double"),
            ("nozzle", "microsoft.graph.nozzle")
        ])
    );
    assert!(!ty.properties[0].navigation);
    assert!(ty.properties[1].navigation);
    assert!(!warned(&ty, "listed twice"));
    assert_eq!(ty.kind, graph_spec::TypeKind::Entity);
}

#[test]
fn collections_are_read_in_every_spelling() {
    let page = r#"# crate resource type

A made-up crate.

## Navigation properties

| Name | Type | Description |
|:--|:--|:--|
| a | Collection(microsoft.graph.box) | . |
| b | Collection([box](box.md)) | . |
| c | [box](box.md) collection | . |
| d | collection of [box](box.md) | . |
| e | String Collection | . |
| f | Collection(Edm.String) | . |
| g | Collection(box) | . |
| h | microsoft.graph.box collection | . |
"#;
    let ty = read("api-reference/v1.0/resources/crate.md", page);
    let got = types(&ty);
    let want = pairs(&[
        ("a", "Collection(microsoft.graph.box)"),
        ("b", "Collection(microsoft.graph.box)"),
        ("c", "Collection(microsoft.graph.box)"),
        ("d", "Collection(microsoft.graph.box)"),
        ("e", "Collection(Edm.String)"),
        ("f", "Collection(Edm.String)"),
        ("g", "Collection(microsoft.graph.box)"),
        ("h", "Collection(microsoft.graph.box)"),
    ]);
    assert_eq!(got, want);
    assert!(ty.properties.iter().all(|p| p.navigation));
}

#[test]
fn timestamps_arrays_and_enum_titles() {
    let page = r#"# clock resource type

A made-up clock.

## Properties

| Property | Type | Description |
|:--|:--|:--|
| setAt | Timestamp | When. |
| alarms | String array | Alarm names. |
| face | clockFace | The face. |

### clockFace enumeration values

| Member | Description |
|:--|:--|
| analog | Hands. |
| digital | Digits. |
"#;
    let got = resource_str("api-reference/v1.0/resources/clock.md", page).unwrap();
    assert_eq!(
        types(&got.ty),
        pairs(&[
            ("setAt", "Edm.DateTimeOffset"),
            ("alarms", "Collection(Edm.String)"),
            ("face", "microsoft.graph.clockFace"),
        ])
    );
    assert_eq!(got.enums.len(), 1);
    assert_eq!(got.enums[0].name, "microsoft.graph.clockFace");
    assert_eq!(got.enums[0].members.len(), 2);
}

#[test]
fn a_relationship_named_only_by_the_annotation_is_typed_from_the_methods_table() {
    let page = r#"# tank resource type

A made-up tank.

## Methods

| Method | Return type | Description |
|:--|:--|:--|
| [List valves](../api/tank-list-valves.md) | [valve](valve.md) collection | The valves. |
| [Get pump](../api/tank-get-pump.md) | [pump](pump.md) | The pump. |
| [List rules](../api/rule-list.md) | [rule](rule.md) collection | Not the tank's. |

## Properties

| Property | Type | Description |
|:--|:--|:--|
| volume | Double | Litres. |

## Relationships

| Relationship | Type | Description |
|:--|:--|:--|
| pump | [pump](pump.md) | Listed here, so not read again. |

## JSON representation

<!-- {
  "blockType": "resource",
  "optionalProperties": ["valves", "pump", "gauges"],
  "@odata.type": "microsoft.graph.tank"
}-->

```json
{ "volume": 1.5 }
```
"#;
    let ty = read("api-reference/v1.0/resources/tank.md", page);
    assert_eq!(
        types(&ty),
        pairs(&[
            ("volume", "Edm.Double"),
            ("pump", "microsoft.graph.pump"),
            ("valves", "Collection(microsoft.graph.valve)"),
        ])
    );
    assert!(ty.properties[2].navigation);
    assert!(warned(
        &ty,
        "`valves` is named only by the resource annotation; typed"
    ));
    assert!(warned(
        &ty,
        "`gauges` is named only by the resource annotation, which does not type it"
    ));
    // `rules` is in the Methods table but not in the annotation: not a property.
    assert!(!ty.properties.iter().any(|p| p.name == "rules"));
}

#[test]
fn a_page_of_its_own_enumeration_gives_an_enum_type() {
    let page = r#"# gaugeKind enum type

Namespace: microsoft.graph

The kinds of gauge.

## Members

| Member | Value | Description |
|:--|:--|:--|
| analog | 0 | Needle. |
| digital | 1 | Digits. |
| unknownFutureValue | 2 | Evolvable enumeration sentinel value. Do not use. |
"#;
    let ty = read("api-reference/v1.0/resources/gaugekind.md", page);
    assert_eq!(ty.name, "microsoft.graph.gaugeKind");
    assert_eq!(ty.kind, graph_spec::TypeKind::Enum);
    let members: Vec<&str> = ty.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["analog", "digital", "unknownFutureValue"]);
    assert!(ty.properties.is_empty());
    assert!(ty.warnings.is_empty(), "{:?}", ty.warnings);
}

#[test]
fn a_page_of_a_sub_namespace_names_its_types_there() {
    let page = r#"# incident resource type

Namespace: microsoft.graph.security

A made-up incident. Inherits from [case](security-case.md).

## Properties

| Property | Type | Description |
|:--|:--|:--|
| evidence | [alertEvidence](security-alertevidence.md) collection | In the namespace. |
| createdBy | [identitySet](identityset.md) | Not in it. |
| severity | [incidentSeverity](#incidentseverity-values) | The page's own enumeration. |
| status | incidentStatus | Also the page's own. |
| kind | [microsoft.graph.security.incidentKind](#incidentkind-values) | Qualified in the link text. |
| notes | [Microsoft.Graph.security.note](security-note.md) collection | Any case of the prefix. |

### incidentSeverity values

| Member | Description |
|:--|:--|
| low | Low. |

### incidentStatus values

| Member | Description |
|:--|:--|
| active | Active. |
"#;
    let got = resource_str("api-reference/v1.0/resources/security-incident.md", page).unwrap();
    assert_eq!(got.ty.name, "microsoft.graph.security.incident");
    assert_eq!(
        got.ty.base_type.as_deref(),
        Some("microsoft.graph.security.case")
    );
    assert_eq!(
        types(&got.ty),
        pairs(&[
            (
                "evidence",
                "Collection(microsoft.graph.security.alertEvidence)"
            ),
            ("createdBy", "microsoft.graph.identitySet"),
            ("severity", "microsoft.graph.security.incidentSeverity"),
            ("status", "microsoft.graph.security.incidentStatus"),
            ("kind", "microsoft.graph.security.incidentKind"),
            ("notes", "Collection(microsoft.graph.security.note)"),
        ])
    );
    let enums: Vec<&str> = got.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        enums,
        [
            "microsoft.graph.security.incidentSeverity",
            "microsoft.graph.security.incidentStatus"
        ]
    );
    // `Namespace: microsoft.graph` changes nothing; an annotation's name is kept as written.
    let plain = page.replace(
        "Namespace: microsoft.graph.security",
        "Namespace: microsoft.graph",
    );
    let ty = read("api-reference/v1.0/resources/incident.md", &plain);
    assert_eq!(ty.name, "microsoft.graph.incident");
    assert_eq!(ty.base_type.as_deref(), Some("microsoft.graph.case"));
}

#[test]
fn never_panics_on_truncated_resource_pages() {
    let files: BTreeMap<&str, &str> = [(
        "api-reference/includes/sprocket-properties.md",
        "| Property | Type | Description |\n|:--|:--|:--|\n| pitch | Double | The pitch. |\n",
    )]
    .into_iter()
    .collect();
    let reader = |p: &str| files.get(p).map(|t| t.to_string());
    let pages = [
        WITH_INCLUDES.to_string(),
        with_intro("Inherits from [the base gear type](gear.md) and **more**."),
        "# valve resource type\n\nNamespace: microsoft.graph.security\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| state | String | See [valveState](#valvestate-values). |\n| kind | [microsoft.graph.security.k](security-k.md) | . |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"optionalProperties\": [\"valves\"],\n  \"@odata.type\": \"microsoft.graph.security.valve\"\n}-->\n\n```json\n{ \"state\": \"String\", \"x\": \"2021-03-04T05:06:07Z\" }\n```\n".to_string(),
        "# gaugeKind enum type\n\n## Members\n\n| Member | Value |\n|:--|:--|\n| a | 0 |\n".to_string(),
    ];
    for page in &pages {
        for (i, _) in page.char_indices() {
            let _ = resource_str_with("api-reference/v1.0/resources/x.md", &page[..i], &reader);
            let _ = resource_str_with("api-reference/v1.0/resources/x.md", &page[i..], &reader);
        }
    }
}

#[test]
fn a_page_with_methods_describes_an_entity() {
    let page = "# lever resource type\n\nA made-up lever.\n\n## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [Get lever](../api/lever-get.md) | [lever](lever.md) | Reads it. |\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| pull | Double | How far. |\n";
    let ty = read("api-reference/v1.0/resources/lever.md", page);
    assert_eq!(ty.kind, graph_spec::TypeKind::Entity);
    // A Methods section that lists none leaves a complex type complex.
    let none = page.replace(
        "| [Get lever](../api/lever-get.md) | [lever](lever.md) | Reads it. |",
        "| None | None | None. |",
    );
    let ty = read("api-reference/v1.0/resources/lever.md", &none);
    assert_eq!(ty.kind, graph_spec::TypeKind::Complex);
}
