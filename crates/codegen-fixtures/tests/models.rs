//! The generated type models (from `crates/graph-codegen/tests/fixtures/types`): round trips that
//! lose nothing, `null` kept apart from absent, undocumented members and properties kept, and
//! recursive types.

#![allow(clippy::unwrap_used)]

use codegen_fixtures::beta::models::{BaseThing, Shade, Thing};
use serde_json::json;

fn round_trip(value: serde_json::Value) -> Thing {
    let thing: Thing = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&thing).unwrap(), value);
    thing
}

#[test]
fn documented_properties_are_typed_and_the_rest_is_kept() {
    let thing = round_trip(json!({
        "@odata.type": "#microsoft.graph.thing",
        "id": "t1",
        "type": "plain",
        "1st": "light",
        "additionalProperties": 3,
        "blob": {"any": ["thing"]},
        "self": {"id": "t2", "children": []},
        "owner": {"id": "t3"},
        "notInTheDocs": {"x": 1}
    }));
    assert_eq!(thing.odata_type.as_deref(), Some("#microsoft.graph.thing"));
    assert_eq!(thing.id.as_deref(), Some("t1"));
    assert_eq!(thing.type_.as_deref(), Some("plain"));
    assert_eq!(thing._1st, Some(Shade::Light));
    assert_eq!(thing.additional_properties_, Some(3));
    assert_eq!(thing.blob, Some(json!({"any": ["thing"]})));
    let inner = thing.self_.as_deref().unwrap();
    assert_eq!(inner.id.as_deref(), Some("t2"));
    // An empty collection is not an absent one.
    assert_eq!(inner.children, Some(Vec::new()));
    assert_eq!(inner.owner, None);
    assert_eq!(thing.owner.as_deref().unwrap().id.as_deref(), Some("t3"));
    assert_eq!(
        thing.additional_properties.get("notInTheDocs"),
        Some(&json!({"x": 1}))
    );
    assert_eq!(thing.additional_properties.len(), 1);
}

#[test]
fn null_reads_as_none_and_is_written_back() {
    let thing = round_trip(json!({"id": null, "children": null, "type": "t"}));
    assert_eq!(thing.id, None);
    assert_eq!(thing.children, None);
    assert_eq!(thing.additional_properties.get("id"), Some(&json!(null)));
    // A value built in code has no nulls: absent fields are left out.
    let built = Thing {
        id: Some("x".into()),
        ..Thing::default()
    };
    assert_eq!(serde_json::to_value(&built).unwrap(), json!({"id": "x"}));
}

#[test]
fn an_undocumented_member_never_fails_and_round_trips() {
    let thing = round_trip(json!({"1st": "ultraviolet"}));
    assert_eq!(thing._1st, Some(Shade::Undocumented("ultraviolet".into())));
    assert_eq!(thing._1st.as_ref().unwrap().as_str(), "ultraviolet");
    let shade: Shade = serde_json::from_value(json!("unknownFutureValue")).unwrap();
    assert_eq!(shade, Shade::UnknownFutureValue);
    // `unknown` is a documented member, not the catch-all.
    let shade: Shade = serde_json::from_value(json!("unknown")).unwrap();
    assert_eq!(shade, Shade::Unknown);
    assert_eq!(serde_json::to_value(Shade::Self_).unwrap(), json!("self"));
}

#[test]
fn a_value_of_the_wrong_type_is_an_error_naming_the_property() {
    let err = serde_json::from_value::<Thing>(json!({"id": 5})).unwrap_err();
    assert!(err.to_string().contains("`id`"), "{err}");
    let err = serde_json::from_value::<Thing>(json!({"1st": 5})).unwrap_err();
    assert!(err.to_string().contains("`1st`"), "{err}");
}

#[test]
fn a_base_type_is_a_type_of_its_own() {
    let base: BaseThing = serde_json::from_value(json!({"id": "b", "owner": {"id": "t"}})).unwrap();
    assert_eq!(base.owner.unwrap().id.as_deref(), Some("t"));
}
