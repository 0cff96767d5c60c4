//! Decoding of generated models in one pass: each JSON key is read once and its value decoded
//! in place, with no intermediate `serde_json::Map`.
//!
//! A generated model implements [`Model`]: a `match` from wire name to field, one line per
//! property, and its `Deserialize` is [`deserialize`]. The visitor here does the rest:
//!
//! - a documented property is decoded straight into its `Option` field ([`Property::decode`]);
//! - a property sent as `null` reads as `None` and is kept in `additional_properties` as `null`,
//!   so that a round trip writes it back as it came;
//! - any other property goes to `additional_properties` as a `serde_json::Value`
//!   ([`Property::keep`]);
//! - when a key comes twice, the last one wins (as in `serde_json::Map`);
//! - a value of the wrong type is an error naming the property (`` `id`: invalid type ... ``).
//!
//! Decoding goes property by property (not object by object) so that two later needs fit the
//! same generated `match`: a three-state PATCH field (absent / `null` / value) is another
//! [`Property`] method that records `null` in the field rather than in `additional_properties`,
//! and a type chosen by `@odata.type` is a visitor that reads the first key, picks the derived
//! type's [`Model`], and feeds it the remaining properties.
//!
//! Encoding is the mirror image: a generated `Serialize` hands each field to a [`Writer`] (one line
//! per property: a set field is written, an unset one skipped), then `additional_properties`, so
//! that what came in goes back out (explicit `null`s included).
//!
//! An operation's request body has required properties, which are not `Option`s: its generated
//! `Deserialize` reads the body into a local struct (every property an `Option`, a
//! [`Model`]) and takes the required ones out with [`required`]; its `Serialize` writes them with
//! [`Writer::required`]. A body wrapped in `{"value": ...}` is [`crate::Wrapped`].
//!
//! This module is for generated code; applications use the models' `Deserialize` and `Serialize`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A generated model: a struct of `Option` fields plus `additional_properties`.
pub trait Model: Default {
    /// The Rust name of the type, for error messages (`a User object`).
    const NAME: &'static str;

    /// Decodes one property: [`Property::decode`] into the field of [`Property::key`], or
    /// [`Property::keep`] when no field has that wire name.
    fn decode_property<'de, A: MapAccess<'de>>(
        &mut self,
        property: Property<'_, 'de, A>,
    ) -> Result<(), A::Error>;

    /// The map of properties that have no field (and of those sent as `null`).
    fn additional_properties_mut(&mut self) -> &mut Map<String, Value>;

    /// Sends `property` as `null`, which clears it in an update (`PATCH`): `user.set_null(
    /// User::OFFICE_LOCATION)`. Leave the property's own field `None`, or it is sent twice.
    fn set_null(&mut self, property: crate::Property<Self>)
    where
        Self: Sized,
    {
        self.additional_properties_mut()
            .insert(property.name().to_owned(), Value::Null);
    }
}

/// The value of a required property decoded into an `Option` (by a [`Model`] that reads an
/// operation's request body before the required properties are checked, with
/// [`Property::decode_required`]): `missing field `name`` when it was absent.
pub fn required<T, E: de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(name))
}

/// Deserializes a [`Model`] from a JSON object, reading each key once.
pub fn deserialize<'de, M: Model, D: Deserializer<'de>>(deserializer: D) -> Result<M, D::Error> {
    deserializer.deserialize_map(ModelVisitor(PhantomData))
}

/// The rest of the object being decoded: the properties without a field, and whether a `null`
/// went there (only then can a later value of the same key have to take it out again).
struct Rest {
    map: Map<String, Value>,
    has_nulls: bool,
}

impl Rest {
    /// Takes out a `null` kept for `key`, when a value of the same key follows it.
    fn remove_null(&mut self, key: &str) {
        // The usual rest is a few entries: a scan of them is cheaper than hashing the key.
        let present = if self.map.len() <= 8 {
            self.map.keys().any(|k| k == key)
        } else {
            self.map.contains_key(key)
        };
        if present {
            self.map.shift_remove(key);
        }
    }
}

/// One property of the object being decoded: its key, and its value not read yet.
pub struct Property<'a, 'de, A> {
    key: Cow<'de, str>,
    access: &'a mut A,
    rest: &'a mut Rest,
}

impl<'de, A: MapAccess<'de>> Property<'_, 'de, A> {
    /// The property's wire name.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Decodes the value into `field`: `None` when it is `null` (the `null` is then kept in
    /// `additional_properties`), else `Some`.
    pub fn decode<T: Deserialize<'de>>(self, field: &mut Option<T>) -> Result<(), A::Error> {
        let Property { key, access, rest } = self;
        match access.next_value::<Option<T>>() {
            Ok(Some(value)) => {
                if rest.has_nulls {
                    rest.remove_null(&key);
                }
                *field = Some(value);
            }
            Ok(None) => {
                *field = None;
                rest.has_nulls = true;
                rest.map.insert(key.into_owned(), Value::Null);
            }
            Err(e) => return Err(property_error(&key, e)),
        }
        Ok(())
    }

    /// Decodes the value of a required property into `field` as a `T` (never `None`): a `null`
    /// is an error unless `T` takes it (`serde_json::Value` does), as for a field that is not an
    /// `Option`.
    pub fn decode_required<T: Deserialize<'de>>(
        self,
        field: &mut Option<T>,
    ) -> Result<(), A::Error> {
        match self.access.next_value::<T>() {
            Ok(value) => {
                *field = Some(value);
                Ok(())
            }
            Err(e) => Err(property_error(&self.key, e)),
        }
    }

    /// Keeps the value, whatever it is, in `additional_properties`.
    pub fn keep(self) -> Result<(), A::Error> {
        let value = self.access.next_value::<Value>()?;
        self.rest.map.insert(self.key.into_owned(), value);
        Ok(())
    }
}

/// The error of a property's value, naming the property. Out of line: the decoding of every
/// property inlines [`Property::decode`], and the error path is rare.
#[cold]
#[inline(never)]
fn property_error<E: de::Error>(key: &str, e: E) -> E {
    E::custom(format_args!("`{key}`: {e}"))
}

struct ModelVisitor<M>(PhantomData<fn() -> M>);

impl<'de, M: Model> Visitor<'de> for ModelVisitor<M> {
    type Value = M;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", M::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<M, A::Error> {
        let mut model = M::default();
        let mut rest = Rest {
            map: Map::new(),
            has_nulls: false,
        };
        while let Some(key) = access.next_key_seed(KeySeed)? {
            model.decode_property(Property {
                key,
                access: &mut access,
                rest: &mut rest,
            })?;
        }
        *model.additional_properties_mut() = rest.map;
        Ok(model)
    }
}

/// A key, borrowed from the input when it can be (no escapes in it), so that a documented
/// property costs no allocation for its name.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Writes a model as a JSON object: [`Writer::property`] for each field, in order, then
/// [`Writer::end`] with `additional_properties`.
///
/// ```ignore
/// let mut w = graph_runtime::model::Writer::new(serializer)?;
/// w.property("id", &self.id)?;
/// w.property("displayName", &self.display_name)?;
/// w.end(&self.additional_properties)
/// ```
pub struct Writer<S: Serializer>(S::SerializeMap);

impl<S: Serializer> Writer<S> {
    /// Starts the object.
    pub fn new(serializer: S) -> Result<Writer<S>, S::Error> {
        serializer.serialize_map(None).map(Writer)
    }

    /// Writes `name: value` when `value` is set; an unset property is left out.
    #[inline]
    pub fn property<T: Serialize>(
        &mut self,
        name: &str,
        value: &Option<T>,
    ) -> Result<(), S::Error> {
        match value {
            Some(value) => self.entry(name, value),
            None => Ok(()),
        }
    }

    /// Writes `name: value`, always: a required property of an operation's request body.
    #[inline]
    pub fn required<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_entry(name, value)
    }

    /// Writes one entry. Marked cold so that the compiler lays out the writing of a model's
    /// properties as a straight run of "unset, next" (a model has dozens of properties, a
    /// value sets a few): a taken branch per unset property costs more than the call per set
    /// one.
    #[cold]
    #[inline(never)]
    fn entry<T: Serialize>(&mut self, name: &str, value: &T) -> Result<(), S::Error> {
        self.0.serialize_entry(name, value)
    }

    /// Ends an object that has no `additional_properties` (the headers of a response).
    pub fn finish(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }

    /// Writes the properties without a field (and those kept as `null`) and ends the object.
    pub fn end(mut self, additional_properties: &Map<String, Value>) -> Result<S::Ok, S::Error> {
        for (name, value) in additional_properties {
            self.0.serialize_entry(name, value)?;
        }
        self.0.end()
    }
}

#[cfg(test)]
mod tests;
