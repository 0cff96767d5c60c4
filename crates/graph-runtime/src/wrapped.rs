//! [`Wrapped`]: the `{"value": ...}` object in which OData returns a primitive or a collection.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::model::Writer;

/// A response body that OData wraps in an object: `{"@odata.context": "...", "value": [...]}`.
///
/// The generated response type of an operation that returns a primitive or a collection is an
/// alias of this (`pub type GetMemberGroupsResponse = Wrapped<Vec<String>>;`). The object is read
/// in one pass: `value` is decoded into `T`, every other property (such as `@odata.context`) is
/// kept in `additional_properties`, so that a round trip loses nothing.
///
/// ```
/// let body: graph_runtime::Wrapped<Vec<String>> =
///     serde_json::from_str(r#"{"@odata.context": "ctx", "value": ["a", "b"]}"#).unwrap();
/// assert_eq!(body.value, ["a", "b"]);
/// assert_eq!(body.additional_properties["@odata.context"], "ctx");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped<T> {
    /// The returned value.
    pub value: T,
    /// Properties other than `value` (such as `@odata.context`).
    pub additional_properties: Map<String, Value>,
}

impl<T> Wrapped<T> {
    /// A body with this value and no other property.
    pub fn new(value: T) -> Wrapped<T> {
        Wrapped {
            value,
            additional_properties: Map::new(),
        }
    }
}

impl<T: Serialize> Serialize for Wrapped<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut w = Writer::new(serializer)?;
        w.required("value", &self.value)?;
        w.end(&self.additional_properties)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Wrapped<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(WrappedVisitor(PhantomData))
    }
}

struct WrappedVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for WrappedVisitor<T> {
    type Value = Wrapped<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a `value` property")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Wrapped<T>, A::Error> {
        let mut value = None;
        let mut additional_properties = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if key == "value" {
                // As in a `serde_json::Map`, the last of a repeated key wins.
                let v = access
                    .next_value::<T>()
                    .map_err(|e| de::Error::custom(format_args!("`value`: {e}")))?;
                value = Some(v);
            } else {
                let v = access.next_value::<Value>()?;
                additional_properties.insert(key, v);
            }
        }
        Ok(Wrapped {
            value: crate::model::required(value, "value")?,
            additional_properties,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use super::Wrapped;

    #[test]
    fn keeps_the_other_properties_and_writes_them_back_after_value() {
        let text = r#"{"@odata.context":"ctx","value":[1,2],"@odata.nextLink":"n"}"#;
        let body: Wrapped<Vec<i32>> = serde_json::from_str(text).unwrap();
        assert_eq!(body.value, [1, 2]);
        assert_eq!(body.additional_properties.len(), 2);
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"value":[1,2],"@odata.context":"ctx","@odata.nextLink":"n"}"#
        );
    }

    #[test]
    fn a_missing_value_or_a_value_of_the_wrong_type_is_an_error_that_names_it() {
        let missing = serde_json::from_value::<Wrapped<bool>>(json!({"@odata.context": "c"}));
        assert_eq!(missing.unwrap_err().to_string(), "missing field `value`");
        let wrong = serde_json::from_str::<Wrapped<bool>>(r#"{"value": "yes"}"#);
        let message = wrong.unwrap_err().to_string();
        assert!(
            message.starts_with("`value`: invalid type: string"),
            "{message}"
        );
    }

    #[test]
    fn the_last_of_a_repeated_value_wins() {
        let body: Wrapped<i32> = serde_json::from_str(r#"{"value": 1, "value": 2}"#).unwrap();
        assert_eq!(body, Wrapped::new(2));
    }
}
