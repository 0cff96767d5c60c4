//! OData EDM type names, as Microsoft's CSDL metadata spells them.
//!
//! The spec stores types as strings (`"Collection(Edm.String)"`); this module parses them into
//! [`EdmType`] so that an unknown name is caught when a spec file is loaded, not when code is generated.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A primitive type of the `Edm` namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    /// `Edm.Binary`: base64 bytes.
    Binary,
    /// `Edm.Boolean`.
    Boolean,
    /// `Edm.Byte`: unsigned 8-bit integer.
    Byte,
    /// `Edm.Date`: a calendar date without time.
    Date,
    /// `Edm.DateTimeOffset`: an RFC 3339 timestamp.
    DateTimeOffset,
    /// `Edm.Decimal`.
    Decimal,
    /// `Edm.Double`.
    Double,
    /// `Edm.Duration`: an ISO 8601 duration.
    Duration,
    /// `Edm.Guid`.
    Guid,
    /// `Edm.Int16`.
    Int16,
    /// `Edm.Int32`.
    Int32,
    /// `Edm.Int64`.
    Int64,
    /// `Edm.SByte`: signed 8-bit integer.
    SByte,
    /// `Edm.Single`.
    Single,
    /// `Edm.Stream`: raw bytes.
    Stream,
    /// `Edm.String`.
    String,
    /// `Edm.TimeOfDay`.
    TimeOfDay,
}

impl Primitive {
    /// Every primitive, in name order.
    pub const ALL: [Primitive; 17] = [
        Primitive::Binary,
        Primitive::Boolean,
        Primitive::Byte,
        Primitive::Date,
        Primitive::DateTimeOffset,
        Primitive::Decimal,
        Primitive::Double,
        Primitive::Duration,
        Primitive::Guid,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::SByte,
        Primitive::Single,
        Primitive::Stream,
        Primitive::String,
        Primitive::TimeOfDay,
    ];

    /// The name without the `Edm.` prefix, for example `"String"`.
    pub fn name(self) -> &'static str {
        match self {
            Primitive::Binary => "Binary",
            Primitive::Boolean => "Boolean",
            Primitive::Byte => "Byte",
            Primitive::Date => "Date",
            Primitive::DateTimeOffset => "DateTimeOffset",
            Primitive::Decimal => "Decimal",
            Primitive::Double => "Double",
            Primitive::Duration => "Duration",
            Primitive::Guid => "Guid",
            Primitive::Int16 => "Int16",
            Primitive::Int32 => "Int32",
            Primitive::Int64 => "Int64",
            Primitive::SByte => "SByte",
            Primitive::Single => "Single",
            Primitive::Stream => "Stream",
            Primitive::String => "String",
            Primitive::TimeOfDay => "TimeOfDay",
        }
    }

    /// Looks a primitive up by its name without the `Edm.` prefix.
    pub fn from_name(name: &str) -> Option<Primitive> {
        Primitive::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// A type as the spec records it: an EDM primitive, a named Graph type, or a collection of either.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdmType {
    /// `Edm.String`, `Edm.Guid`, ...
    Primitive(Primitive),
    /// A namespace-qualified complex or entity type, such as `microsoft.graph.assignedLicense`.
    Named(String),
    /// `Collection(T)`.
    Collection(Box<EdmType>),
}

impl EdmType {
    /// `Collection(self)`.
    pub fn collection_of(self) -> EdmType {
        EdmType::Collection(Box::new(self))
    }
}

/// Why a type name was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown EDM type `{name}`: {reason}")]
pub struct EdmParseError {
    /// The text that did not parse.
    pub name: String,
    /// What was expected instead.
    pub reason: &'static str,
}

impl FromStr for EdmType {
    type Err = EdmParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason| EdmParseError {
            name: s.to_string(),
            reason,
        };
        if let Some(inner) = s
            .strip_prefix("Collection(")
            .and_then(|r| r.strip_suffix(')'))
        {
            return Ok(EdmType::Collection(Box::new(inner.parse()?)));
        }
        if let Some(name) = s.strip_prefix("Edm.") {
            return Primitive::from_name(name)
                .map(EdmType::Primitive)
                .ok_or_else(|| err("not a primitive of the Edm namespace"));
        }
        let mut parts = s.split('.');
        let qualified = s.contains('.')
            && parts.all(|p| {
                let mut chars = p.chars();
                chars
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if qualified {
            Ok(EdmType::Named(s.to_string()))
        } else {
            Err(err(
                "expected `Edm.<Primitive>`, a namespace-qualified name such as `microsoft.graph.user`, or `Collection(...)`",
            ))
        }
    }
}

impl fmt::Display for EdmType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EdmType::Primitive(p) => write!(f, "Edm.{}", p.name()),
            EdmType::Named(n) => f.write_str(n),
            EdmType::Collection(inner) => write!(f, "Collection({inner})"),
        }
    }
}

impl Serialize for EdmType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EdmType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for EdmType {
    fn schema_name() -> Cow<'static, str> {
        "EdmType".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An OData EDM type name: `Edm.<Primitive>`, a namespace-qualified type such as `microsoft.graph.assignedLicense`, or `Collection(<type>)`.",
            "pattern": r"^(Collection\()*(Edm\.[A-Za-z]+|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+)\)*$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        for text in [
            "Edm.String",
            "Collection(Edm.String)",
            "Collection(Collection(Edm.Guid))",
            "microsoft.graph.assignedLicense",
            "Collection(microsoft.graph.assignedLicense)",
        ] {
            let parsed: EdmType = text.parse().unwrap();
            assert_eq!(parsed.to_string(), text);
        }
    }

    #[test]
    fn every_primitive_round_trips_by_name() {
        for p in Primitive::ALL {
            assert_eq!(Primitive::from_name(p.name()), Some(p));
        }
    }

    #[test]
    fn rejects_unknown_names() {
        for text in [
            "Edm.Strin",
            "String",
            "Collection(Edm.Nope)",
            "",
            "microsoft..user",
            "Collection(",
        ] {
            assert!(
                text.parse::<EdmType>().is_err(),
                "{text:?} should not parse"
            );
        }
    }
}
