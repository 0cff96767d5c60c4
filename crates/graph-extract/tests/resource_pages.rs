//! Resource pages to type files, and following an operation's named types through them. Every page
//! here is made up, written in the docs' format.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use graph_spec::{ApiVersion, EdmType, TypeKind};

const GADGET: &str = r#"---
title: "gadget resource type"
---

# gadget resource type

Namespace: microsoft.graph

A made-up gadget. Inherits from [device](device.md).

## Properties

| Property | Type | Description |
|:---|:---|:---|
| serial | String | The serial number. Read-only. Not nullable. |
| size | Int32 | How big. Optional. |
| shape | [gadgetShape](#gadgetshape-values) | The shape. |
| parts | [part](part.md) collection | Its parts. Nullable. |
| seenAt | DateTimeOffset | When it was seen. Read-only for some gadgets. |
| secret | JSON object | Not a type. |

### gadgetShape values

| Member | Description |
|:---|:---|
| round | Round. |
| square | Square. |
| unknownFutureValue | Evolvable enumeration sentinel value. Do not use. |

## Relationships

| Relationship | Type | Description |
|:---|:---|:---|
| owner | [widget](widget.md) | The owner. Read-only. |

## JSON representation

<!-- {
  "blockType": "resource",
  "keyProperty": "id",
  "@odata.type": "microsoft.graph.gadget"
}-->

```json
{ "serial": "String" }
```
"#;

const DEVICE: &str = r#"# device resource type

A made-up base.

### Properties
| Property | Type | Description |
|:--|:--|:--|
| id | String | The key. |
"#;

const ENUMS: &str = r#"# Enum values

### color values

| Member |
|:--|
| red |
| blue |
"#;

const WIDGET: &str = r#"# widget resource type

A made-up widget.

## Properties

| Property | Type | Description |
|:--|:--|:--|
| color | color | Its color. |
| gadget | [gadget](gadget.md) | Back to the gadget. |
| mood | [mood](mood.md) | Described nowhere. |
"#;

const OPERATION: &str = r#"{
  "source": {"page": "api-reference/v1.0/api/gadget-frob.md", "sha256": "00"},
  "api_version": "v1.0", "title": "gadget: frob", "summary": "Frobs.",
  "operation": {"binding": "gadget", "name": "frob", "method": "POST",
    "paths": [{"template": "/gadgets/frob"}],
    "response": {"status": 200, "body_type": "microsoft.graph.gadget"}}
}"#;

#[test]
fn a_resource_page_gives_its_type_and_enums() {
    let page =
        graph_extract::resource_str("api-reference/v1.0/resources/gadget.md", GADGET).unwrap();
    let ty = &page.ty;
    assert_eq!(ty.name, "microsoft.graph.gadget");
    assert_eq!(ty.kind, TypeKind::Entity);
    assert_eq!(ty.base_type.as_deref(), Some("microsoft.graph.device"));
    assert_eq!(ty.summary, "A made-up gadget. Inherits from device.");
    let names: Vec<&str> = ty.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["serial", "size", "shape", "parts", "seenAt", "owner"]
    );
    let p = |n: &str| ty.properties.iter().find(|p| p.name == n).unwrap();
    assert!(p("serial").read_only);
    assert_eq!(p("serial").nullable, Some(false));
    assert_eq!(
        p("serial").ty,
        EdmType::Primitive(graph_spec::Primitive::String)
    );
    assert_eq!(p("size").required, Some(false));
    assert_eq!(p("shape").ty.to_string(), "microsoft.graph.gadgetShape");
    assert_eq!(
        p("parts").ty.to_string(),
        "Collection(microsoft.graph.part)"
    );
    assert_eq!(p("parts").nullable, Some(true));
    // "Read-only for some gadgets" is a condition, not a statement.
    assert!(!p("seenAt").read_only);
    assert!(p("owner").navigation && p("owner").read_only);
    assert!(!p("serial").navigation);
    assert!(
        ty.warnings.iter().any(|w| w.message.contains("`secret`")),
        "{:?}",
        ty.warnings
    );
    assert_eq!(page.enums.len(), 1);
    let shape = &page.enums[0];
    assert_eq!(shape.name, "microsoft.graph.gadgetShape");
    assert_eq!(shape.kind, TypeKind::Enum);
    let members: Vec<&str> = shape.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["round", "square", "unknownFutureValue"]);
}

#[test]
fn a_page_without_annotation_is_named_by_its_heading() {
    let page =
        graph_extract::resource_str("api-reference/v1.0/resources/device.md", DEVICE).unwrap();
    assert_eq!(page.ty.name, "microsoft.graph.device");
    assert_eq!(page.ty.kind, TypeKind::Complex);
    assert_eq!(page.ty.properties.len(), 1);
    let err = graph_extract::resource_str("api-reference/v1.0/resources/x.md", "# Something\n")
        .unwrap_err();
    assert!(
        err.to_string().contains("cannot tell the type's name"),
        "{err}"
    );
}

#[test]
fn the_operations_types_are_followed_transitively() {
    let docs: BTreeMap<&str, &str> = [
        ("api-reference/v1.0/resources/gadget.md", GADGET),
        ("api-reference/v1.0/resources/device.md", DEVICE),
        ("api-reference/v1.0/resources/widget.md", WIDGET),
        ("api-reference/v1.0/resources/enums.md", ENUMS),
    ]
    .into_iter()
    .collect();
    let read = |p: &str| docs.get(p).map(|t| t.to_string());
    let spec = graph_spec::from_json(OPERATION, "gadget-frob.json").unwrap();
    let followed = graph_extract::follow_types(&[spec], &read);
    let names: Vec<&str> = followed.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "microsoft.graph.color",
            "microsoft.graph.device",
            "microsoft.graph.gadget",
            "microsoft.graph.gadgetShape",
            "microsoft.graph.widget",
        ]
    );
    assert!(
        followed
            .types
            .iter()
            .all(|t| t.api_version == ApiVersion::V1)
    );
    // The base type of an entity is not an entity itself unless the docs say so.
    let device = &followed.types[1];
    assert_eq!(device.kind, TypeKind::Complex);
    let color = &followed.types[0];
    assert_eq!(color.source.page, "api-reference/v1.0/resources/enums.md");
    let untyped: Vec<&str> = followed.untyped.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(untyped, ["microsoft.graph.mood", "microsoft.graph.part"]);
    let widget = &followed.types[4];
    assert!(
        widget
            .warnings
            .iter()
            .any(|w| w.message.contains("`microsoft.graph.mood` stays untyped")),
        "{:?}",
        widget.warnings
    );
}

#[test]
fn a_beta_type_without_a_beta_page_is_read_from_v1() {
    let docs: BTreeMap<&str, &str> = [("api-reference/v1.0/resources/device.md", DEVICE)]
        .into_iter()
        .collect();
    let read = |p: &str| docs.get(p).map(|t| t.to_string());
    let op = OPERATION
        .replace("v1.0", "beta")
        .replace("microsoft.graph.gadget", "microsoft.graph.device");
    let spec = graph_spec::from_json(&op, "x.json").unwrap();
    let followed = graph_extract::follow_types(&[spec], &read);
    assert_eq!(followed.types.len(), 1);
    assert_eq!(followed.types[0].api_version, ApiVersion::Beta);
    assert!(
        followed.types[0].warnings[0]
            .message
            .contains("beta has no resource page")
    );
}

#[test]
fn a_type_is_found_on_the_page_named_by_the_end_of_its_name_that_declares_it() {
    // `workshopLathe` has no `workshoplathe.md`; `lathe.md` declares it in its annotation, and
    // `gadget.md` (the end of `workshopGadget`) declares another type, so is passed over.
    let lathe = "# Lathe resource type\n\nA made-up lathe.\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.workshopLathe\"\n}-->\n\n```json\n{\"speed\": 1024}\n```\n";
    let docs: BTreeMap<&str, &str> = [
        ("api-reference/v1.0/resources/lathe.md", lathe),
        ("api-reference/v1.0/resources/gadget.md", GADGET),
    ]
    .into_iter()
    .collect();
    let read = |p: &str| docs.get(p).map(|t| t.to_string());
    let followed = |body_type: &str| {
        let op = OPERATION.replace("\"microsoft.graph.gadget\"", &format!("\"{body_type}\""));
        let spec = graph_spec::from_json(&op, "x.json").unwrap();
        graph_extract::follow_types(&[spec], &read)
    };
    let found = followed("microsoft.graph.workshopLathe");
    assert_eq!(found.types.len(), 1);
    let ty = &found.types[0];
    assert_eq!(ty.name, "microsoft.graph.workshopLathe");
    assert_eq!(ty.source.page, "api-reference/v1.0/resources/lathe.md");
    assert_eq!(ty.properties.len(), 1);
    // Found by its own name: no "recorded as" warning.
    assert!(
        !ty.warnings.iter().any(|w| w.message.contains("looked up")),
        "{:?}",
        ty.warnings
    );
    let other = followed("microsoft.graph.workshopGadget");
    assert!(other.types.is_empty());
    let untyped: Vec<&str> = other.untyped.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(untyped, ["microsoft.graph.workshopGadget"]);
}

#[test]
fn a_page_without_a_properties_table_is_read_from_its_json_representation() {
    let page = r#"# lamp resource type

A made-up lamp.

## JSON representation

<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.lamp"
}-->

```json
{
  "name": "String",
  "litAt": "String (timestamp)",
  "on": true,
  "watts": 1024,
  "bulb": {"@odata.type": "microsoft.graph.bulb"},
  "spares": [{"@odata.type": "microsoft.graph.bulb"}],
  "tags": ["string"],
  "mystery": null,
  "setting": {"@odata.type": "microsoft.graph.Json"}
}
```
"#;
    let read = graph_extract::resource_str("api-reference/v1.0/resources/lamp.md", page).unwrap();
    let got: Vec<(String, String)> = read
        .ty
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.ty.to_string()))
        .collect();
    let want = [
        ("name", "Edm.String"),
        ("litAt", "Edm.DateTimeOffset"),
        ("on", "Edm.Boolean"),
        ("watts", "Edm.Int32"),
        ("bulb", "microsoft.graph.bulb"),
        ("spares", "Collection(microsoft.graph.bulb)"),
        ("tags", "Collection(Edm.String)"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    let messages: Vec<&str> = read
        .ty
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`mystery` names no type")),
        "{messages:?}"
    );
    // `microsoft.graph.Json` is any JSON value (a number, a string, an array), as a `Json` cell
    // of a properties table is: left out, so that it is kept as it comes.
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`setting` names no type")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("no Properties table")),
        "{messages:?}"
    );
}

#[test]
fn a_json_property_of_the_table_stays_out_whatever_the_json_representation_shows() {
    let page = r#"# dial resource type

A made-up dial.

## Properties

| Property | Type | Description |
|:---|:---|:---|
| label | String | The label. |
| setting | Json | A number or an empty string. The returned value is always a number. |

## JSON representation

<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.dial"
}-->

```json
{
  "label": "String",
  "setting": "string",
  "tick": 5
}
```
"#;
    let read = graph_extract::resource_str("api-reference/v1.0/resources/dial.md", page).unwrap();
    let names: Vec<&str> = read.ty.properties.iter().map(|p| p.name.as_str()).collect();
    // `tick` is only in the representation and typed from it; `setting` is the table's, which
    // says `Json` (any JSON value), so the representation's `"string"` does not type it.
    assert_eq!(names, ["label", "tick"]);
    assert!(
        read.ty
            .warnings
            .iter()
            .any(|w| w.message.contains("`setting` names no type")),
        "{:?}",
        read.ty.warnings
    );
}

#[test]
fn properties_split_over_several_tables_and_names_with_remarks() {
    let page = r#"# kettle resource type

A made-up kettle.

## Properties

### Basics

| Property | Type | Description |
|:--|:--|:--|
| volume | Double | Litres. |
| legacyMode (deprecated) | Boolean | Old. |

### Temperature

| Property | Type | Description |
|:--|:--|:--|
| target | Int32 | Degrees. |

### mode values

| Member | Description |
|:--|:--|
| boil | Boils. |

## Relationships

| Relationship | Type | Description |
|:--|:--|:--|
| maker | [company](company.md) | Who made it. |
"#;
    let read = graph_extract::resource_str("api-reference/v1.0/resources/kettle.md", page).unwrap();
    let names: Vec<&str> = read.ty.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["volume", "legacyMode", "target", "maker"]);
    assert_eq!(read.ty.kind, TypeKind::Entity);
    assert!(
        read.ty
            .warnings
            .iter()
            .any(|w| w.message.contains("carries a remark"))
    );
    assert_eq!(read.enums.len(), 1);
}
