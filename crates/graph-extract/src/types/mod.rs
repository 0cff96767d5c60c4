//! Type words of the docs (`String collection`, `[assignedLicense](...) collection`) and JSON example
//! values, as OData EDM types.

use graph_spec::{EdmType, Primitive};
use serde_json::Value;

pub(crate) mod cell;
pub(crate) mod enums;

/// The namespace of linked and guessed types.
pub(crate) const NAMESPACE: &str = "microsoft.graph";

/// What a type cell of the docs may hold, for error messages.
pub(crate) const EXPECTED_TYPE: &str = "expected an EDM primitive (String, Boolean, Int32, Int64, Double, Guid, \
     DateTimeOffset, Date, Duration, TimeOfDay, Binary, ...), a linked type such as \
     `[assignedLicense](../resources/assignedlicense.md)`, or either followed by `collection`";

/// A primitive named by a docs type word, case-insensitively (`String`, `string`, `Edm.String`).
/// Also accepted: `Bool` (Boolean), `Int` and `Integer` (Int32).
pub(crate) fn primitive_word(word: &str) -> Option<Primitive> {
    let word = word.trim();
    let bare = word.strip_prefix("Edm.").unwrap_or(word);
    let lower = bare.to_ascii_lowercase();
    match lower.as_str() {
        "bool" => return Some(Primitive::Boolean),
        "int" | "integer" => return Some(Primitive::Int32),
        _ => {}
    }
    Primitive::ALL
        .into_iter()
        .find(|p| p.name().eq_ignore_ascii_case(&lower))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `microsoft.graph.<name>` for a type name as linked in the docs. Graph's type names start with a
/// lower-case letter; a link text such as `ItemReference` is lowered (`itemReference`) and the second
/// value says so, for a warning.
pub(crate) fn named(name: &str) -> Option<(EdmType, Option<String>)> {
    let name = name.trim();
    // `microsoft.graph.x`, and a sub-namespace's `microsoft.graph.security.x`; the prefix in any
    // case (`Microsoft.Graph.x`) is written the metadata's way.
    let prefix = "microsoft.graph.";
    if let Some(rest) = name
        .get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(prefix))
        .and_then(|_| name.get(prefix.len()..))
    {
        return rest
            .split('.')
            .all(is_identifier)
            .then(|| (EdmType::Named(format!("{prefix}{rest}")), None));
    }
    if !is_identifier(name) {
        return None;
    }
    let mut chars = name.chars();
    let first = chars.next()?;
    if first.is_ascii_uppercase() {
        let lowered: String = first.to_ascii_lowercase().to_string() + chars.as_str();
        let ty = EdmType::Named(format!("{NAMESPACE}.{lowered}"));
        let note = format!("type `{name}` is written with a capital letter; recorded as `{ty}`");
        Some((ty, Some(note)))
    } else {
        Some((EdmType::Named(format!("{NAMESPACE}.{name}")), None))
    }
}

/// The type of a JSON example value. `Ok((type, note))`, the note asking for a warning when the type
/// had to be guessed; `Err(reason)` when no type can be told from the value.
///
/// Strings are `Edm.String` (never guessed further: a GUID-looking string stays a string), booleans
/// `Edm.Boolean`, integers `Edm.Int32` (`Edm.Int64` beyond 32 bits), other numbers `Edm.Double`, arrays
/// `Collection(T)` of their elements' common type. An object is typed by its `@odata.type` if it has one,
/// else `microsoft.graph.<key>` is recorded and the note says that this is a guess from the key.
pub(crate) fn json_type(key: &str, value: &Value) -> Result<(EdmType, Option<String>), String> {
    match value {
        Value::Null => Err("the example value is `null`".into()),
        Value::Bool(_) => Ok((EdmType::Primitive(Primitive::Boolean), None)),
        Value::String(_) => Ok((EdmType::Primitive(Primitive::String), None)),
        Value::Number(n) => {
            let p = if let Some(i) = n.as_i64() {
                if i32::try_from(i).is_ok() {
                    Primitive::Int32
                } else {
                    Primitive::Int64
                }
            } else if n.is_u64() {
                Primitive::Int64
            } else {
                Primitive::Double
            };
            Ok((EdmType::Primitive(p), None))
        }
        Value::Array(items) => {
            let mut found: Option<(EdmType, Option<String>)> = None;
            for item in items {
                let (ty, note) = json_type(key, item)?;
                match &found {
                    None => found = Some((ty, note)),
                    Some((seen, _)) if *seen == ty => {}
                    Some((seen, _)) => {
                        return Err(format!(
                            "the example array mixes `{seen}` and `{ty}` elements"
                        ));
                    }
                }
            }
            match found {
                Some((ty, note)) => Ok((ty.collection_of(), note)),
                None => Err("the example array is empty".into()),
            }
        }
        Value::Object(map) => {
            if let Some(odata) = map.get("@odata.type").and_then(Value::as_str) {
                let name = odata.trim_start_matches('#');
                if let Ok(ty) = name.parse::<EdmType>() {
                    return Ok((ty, None));
                }
            }
            if !is_identifier(key) {
                return Err(format!(
                    "`{key}` holds an object and is not usable as a type name"
                ));
            }
            let ty = EdmType::Named(format!("{NAMESPACE}.{key}"));
            let note = format!(
                "the type of `{key}` is not documented; its example value is a JSON object, so `{ty}` \
                 was recorded, guessed from the key"
            );
            Ok((ty, Some(note)))
        }
    }
}

/// Whether a JSON example value can be a value of `ty` (only the JSON kind is checked).
pub(crate) fn value_fits(ty: &EdmType, value: &Value) -> bool {
    match (ty, value) {
        (_, Value::Null) => true,
        (EdmType::Collection(_), v) => v.is_array(),
        // Enums are named types written as strings.
        (EdmType::Named(_), v) => v.is_object() || v.is_string(),
        (EdmType::Primitive(p), v) => match p {
            Primitive::Boolean => v.is_boolean(),
            Primitive::Byte
            | Primitive::SByte
            | Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64 => v.is_i64() || v.is_u64(),
            // Floating point values may be written as strings ("INF", "NaN", decimals).
            Primitive::Double | Primitive::Single | Primitive::Decimal => {
                v.is_number() || v.is_string()
            }
            _ => v.is_string(),
        },
    }
}

/// The JSON kind of a value, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Names compared the way `graph_spec::validate` does: ignoring case and punctuation.
pub(crate) fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn primitive_words() {
        assert_eq!(primitive_word("String"), Some(Primitive::String));
        assert_eq!(primitive_word("string"), Some(Primitive::String));
        assert_eq!(primitive_word("Edm.Guid"), Some(Primitive::Guid));
        assert_eq!(
            primitive_word("DateTimeOffset"),
            Some(Primitive::DateTimeOffset)
        );
        assert_eq!(primitive_word("Thing"), None);
    }

    #[test]
    fn json_types() {
        let t = |v: Value| json_type("k", &v).map(|(t, _)| t.to_string());
        assert_eq!(t(json!("x")).as_deref(), Ok("Edm.String"));
        assert_eq!(t(json!(true)).as_deref(), Ok("Edm.Boolean"));
        assert_eq!(t(json!(60)).as_deref(), Ok("Edm.Int32"));
        assert_eq!(t(json!(6_000_000_000i64)).as_deref(), Ok("Edm.Int64"));
        assert_eq!(t(json!(1.5)).as_deref(), Ok("Edm.Double"));
        assert_eq!(
            t(json!(["a", "b"])).as_deref(),
            Ok("Collection(Edm.String)")
        );
        assert_eq!(t(json!({"a": 1})).as_deref(), Ok("microsoft.graph.k"));
        assert_eq!(
            t(json!({"@odata.type": "#microsoft.graph.thing"})).as_deref(),
            Ok("microsoft.graph.thing")
        );
        assert!(t(json!([])).is_err());
        assert!(t(json!(null)).is_err());
        assert!(t(json!(["a", 1])).is_err());
    }
}
