//! Whether a text is a literal of a primitive type: the one check the extractor (typing a
//! documented function argument by its value) and the generator (telling a documented example that
//! cannot work from a generator bug) share.

use crate::Primitive;

impl Primitive {
    /// Whether `text` is a value of this type as JSON strings and OData URL literals write it:
    /// - `Guid`: `8-4-4-4-12` hexadecimal digits;
    /// - `Date`: `YYYY-MM-DD`;
    /// - `DateTimeOffset`: a date, `T`, a time, and `Z` or an offset (`+01:00`);
    /// - `Boolean`: `true` or `false`;
    /// - the integer types: a decimal integer in the type's range; `Single`, `Double`, `Decimal`:
    ///   a decimal number.
    ///
    /// Every other type (`String`, `Duration`, `TimeOfDay`, `Binary`, `Stream`) takes any text.
    pub fn is_literal(self, text: &str) -> bool {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match self {
            Primitive::Guid => {
                let groups: Vec<&str> = text.split('-').collect();
                groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
                    && groups
                        .iter()
                        .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
            }
            Primitive::Date => {
                let parts: Vec<&str> = text.split('-').collect();
                parts.iter().map(|p| p.len()).eq([4, 2, 2]) && parts.iter().all(|p| digits(p))
            }
            Primitive::DateTimeOffset => {
                text.len() >= 20
                    && text
                        .get(..10)
                        .is_some_and(|d| Primitive::Date.is_literal(d))
                    && text
                        .as_bytes()
                        .get(10)
                        .is_some_and(|b| matches!(b, b'T' | b't'))
                    && (text.ends_with(['Z', 'z'])
                        || text
                            .get(text.len() - 6..)
                            .is_some_and(|z| z.starts_with(['+', '-'])))
            }
            Primitive::Boolean => text == "true" || text == "false",
            Primitive::Byte => text.parse::<u8>().is_ok(),
            Primitive::SByte => text.parse::<i8>().is_ok(),
            Primitive::Int16 => text.parse::<i16>().is_ok(),
            Primitive::Int32 => text.parse::<i32>().is_ok(),
            Primitive::Int64 => text.parse::<i64>().is_ok(),
            Primitive::Single | Primitive::Double | Primitive::Decimal => {
                text.parse::<f64>().is_ok_and(f64::is_finite)
            }
            Primitive::String
            | Primitive::Duration
            | Primitive::TimeOfDay
            | Primitive::Binary
            | Primitive::Stream => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_dates_and_timestamps() {
        let guid = Primitive::Guid;
        assert!(guid.is_literal("0d1f7f2e-7c4a-4b3e-9f1d-2a3b4c5d6e7f"));
        assert!(!guid.is_literal("onBehalfOfUserId-value"));
        assert!(!guid.is_literal("0d1f7f2e-7c4a-4b3e-9f1d-2a3b4c5d6e7g"));
        assert!(Primitive::Date.is_literal("2024-02-29"));
        assert!(!Primitive::Date.is_literal("2024-2-29"));
        assert!(!Primitive::Date.is_literal("yesterday"));
        let dto = Primitive::DateTimeOffset;
        assert!(dto.is_literal("2024-01-01T00:00:00Z"));
        assert!(dto.is_literal("2024-01-01T00:00:00.123+01:00"));
        assert!(!dto.is_literal("2024-01-01T00:00:00"));
        assert!(!dto.is_literal("2024-01-01"));
        assert!(!dto.is_literal("String (timestamp)"));
    }

    #[test]
    fn numbers_and_booleans() {
        assert!(Primitive::Boolean.is_literal("true"));
        assert!(!Primitive::Boolean.is_literal("True"));
        assert!(Primitive::Byte.is_literal("255"));
        assert!(!Primitive::Byte.is_literal("256"));
        assert!(Primitive::Int32.is_literal("-7"));
        assert!(!Primitive::Int32.is_literal("3000000000"));
        assert!(Primitive::Int64.is_literal("3000000000"));
        assert!(Primitive::Double.is_literal("1.5"));
        assert!(!Primitive::Double.is_literal("NaN"));
        assert!(Primitive::String.is_literal("anything"));
    }
}
