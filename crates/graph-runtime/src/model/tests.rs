#![allow(clippy::unwrap_used)]

use serde::de::MapAccess;
use serde_json::{Map, Value, json};

use super::{Model, Property};

/// A model written as the generator writes one.
#[derive(Debug, Default, PartialEq)]
struct Thing {
    odata_type: Option<String>,
    id: Option<String>,
    count: Option<i32>,
    inner: Option<Box<Thing>>,
    additional_properties: Map<String, Value>,
}

impl Model for Thing {
    const NAME: &'static str = "Thing";

    fn decode_property<'de, A: MapAccess<'de>>(
        &mut self,
        property: Property<'_, 'de, A>,
    ) -> Result<(), A::Error> {
        match property.key() {
            "@odata.type" => property.decode(&mut self.odata_type),
            "id" => property.decode(&mut self.id),
            "count" => property.decode(&mut self.count),
            "inner" => property.decode(&mut self.inner),
            _ => property.keep(),
        }
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl<'de> serde::Deserialize<'de> for Thing {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::deserialize(deserializer)
    }
}

impl serde::Serialize for Thing {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut w = super::Writer::new(serializer)?;
        w.property("@odata.type", &self.odata_type)?;
        w.property("id", &self.id)?;
        w.property("count", &self.count)?;
        w.property("inner", &self.inner)?;
        w.end(&self.additional_properties)
    }
}

fn both(text: &str) -> Thing {
    let from_str: Thing = serde_json::from_str(text).unwrap();
    let from_value: Thing = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
    assert_eq!(from_str, from_value);
    from_str
}

#[test]
fn known_properties_are_decoded_and_the_rest_kept() {
    let t = both(
        r##"{"@odata.type": "#x", "id": "a\"b", "count": 3, "extra": [1, {"y": null}],
            "inner": {"id": "i", "more": true}}"##,
    );
    assert_eq!(t.odata_type.as_deref(), Some("#x"));
    assert_eq!(t.id.as_deref(), Some("a\"b"));
    assert_eq!(t.count, Some(3));
    assert_eq!(t.inner.as_ref().unwrap().id.as_deref(), Some("i"));
    assert_eq!(
        t.inner.as_ref().unwrap().additional_properties["more"],
        json!(true)
    );
    assert_eq!(t.additional_properties.len(), 1);
    assert_eq!(t.additional_properties["extra"], json!([1, {"y": null}]));
}

#[test]
fn null_is_none_and_kept_and_the_last_duplicate_wins() {
    let t = both(r#"{"id": null, "count": 1}"#);
    assert_eq!(t.id, None);
    assert_eq!(t.additional_properties["id"], Value::Null);

    // A value after a null takes the null out again; a null after a value replaces it.
    let t = both(r#"{"id": null, "id": "v", "count": 1, "count": null}"#);
    assert_eq!(t.id.as_deref(), Some("v"));
    assert_eq!(t.count, None);
    assert_eq!(
        t.additional_properties.keys().collect::<Vec<_>>(),
        ["count"]
    );
}

#[test]
fn errors_name_the_property_and_the_type() {
    let err = serde_json::from_str::<Thing>(r#"{"count": "x"}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("`count`: invalid type"),
        "{err}"
    );
    let err = serde_json::from_str::<Thing>(r#"{"inner": {"id": 5}}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("`inner`: `id`: invalid type"),
        "{err}"
    );
    let err = serde_json::from_str::<Thing>("[1]").unwrap_err();
    assert!(err.to_string().contains("a Thing object"), "{err}");
    // Malformed input is an error, never a panic.
    for bad in [r#"{"id": "#, r#"{"count": 1,}"#, r#"{1: 2}"#, ""] {
        assert!(serde_json::from_str::<Thing>(bad).is_err(), "{bad}");
    }
}

#[test]
fn writes_set_fields_in_order_then_the_rest_and_round_trips() {
    let text = r#"{"extra":[1,{"y":null}],"count":null,"inner":{"more":true,"id":"i"},"id":"a"}"#;
    let t = both(text);
    let written = serde_json::to_string(&t).unwrap();
    // Fields in declaration order (unset ones left out), then what had no field, nulls included.
    assert_eq!(
        written,
        r#"{"id":"a","inner":{"id":"i","more":true},"extra":[1,{"y":null}],"count":null}"#
    );
    // Nothing is lost: the written text reads back as the same value, and as the same JSON.
    assert_eq!(both(&written), t);
    assert_eq!(
        serde_json::from_str::<Value>(&written).unwrap(),
        serde_json::from_str::<Value>(text).unwrap()
    );
    assert_eq!(serde_json::to_string(&Thing::default()).unwrap(), "{}");
}

/// A request body with a required property, written as the generator writes one: a local
/// `Fields` model of `Option`s, then [`super::required`].
#[derive(Debug, PartialEq)]
struct Body {
    ids: Vec<String>,
    note: Option<String>,
    additional_properties: Map<String, Value>,
}

impl<'de> serde::Deserialize<'de> for Body {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Default)]
        struct Fields {
            ids: Option<Vec<String>>,
            note: Option<String>,
            additional_properties: Map<String, Value>,
        }
        impl Model for Fields {
            const NAME: &'static str = "Body";
            fn decode_property<'de, A: MapAccess<'de>>(
                &mut self,
                property: Property<'_, 'de, A>,
            ) -> Result<(), A::Error> {
                match property.key() {
                    "ids" => property.decode_required(&mut self.ids),
                    "note" => property.decode(&mut self.note),
                    _ => property.keep(),
                }
            }
            fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
                &mut self.additional_properties
            }
        }
        let fields: Fields = super::deserialize(deserializer)?;
        Ok(Body {
            ids: super::required(fields.ids, "ids")?,
            note: fields.note,
            additional_properties: fields.additional_properties,
        })
    }
}

impl serde::Serialize for Body {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut w = super::Writer::new(serializer)?;
        w.required("ids", &self.ids)?;
        w.property("note", &self.note)?;
        w.end(&self.additional_properties)
    }
}

#[test]
fn a_required_property_is_always_written_and_must_be_there_to_decode() {
    let body: Body = serde_json::from_str(r#"{"x": 1, "ids": ["a"], "note": null}"#).unwrap();
    assert_eq!(body.ids, ["a"]);
    assert_eq!(body.note, None);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"ids":["a"],"x":1,"note":null}"#
    );
    let empty = Body {
        ids: Vec::new(),
        note: None,
        additional_properties: Map::new(),
    };
    assert_eq!(serde_json::to_string(&empty).unwrap(), r#"{"ids":[]}"#);
    let err = serde_json::from_str::<Body>(r#"{"note": "n"}"#).unwrap_err();
    assert!(err.to_string().starts_with("missing field `ids`"), "{err}");
    // A required property sent as `null` is a value of the wrong type, named.
    let err = serde_json::from_str::<Body>(r#"{"ids": null}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("`ids`: invalid type: null"),
        "{err}"
    );
}
