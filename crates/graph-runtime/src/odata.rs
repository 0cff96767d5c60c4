//! OData URL literals: function parameters (`getX(period='D7')`) and alternate keys
//! (`applications(appId='…')`).
//!
//! A value is formatted by its EDM type, as OData's `LiteralFormatter` does: a string is quoted
//! with `'`, any `'` inside it doubled, and the content (not the quotes) percent-encoded, so that
//! `O'Brien` becomes `'O%27%27Brien'` and a value such as `x')/evil?$top=1#` stays inside its
//! literal. Guids, numbers, booleans, `DateTimeOffset` and `Date` are written unquoted (their
//! text is percent-encoded too, so `+` in an offset survives). Enum members are quoted strings.

use percent_encoding::utf8_percent_encode;

use crate::edm::{Date, DateTimeOffset, Guid};
use crate::percent::SEGMENT;

/// An OData URL literal, already percent-encoded for a path segment.
///
/// Only this module makes one, so that a literal in a [`crate::RequestPath`] always came through
/// the formatting rules above and can never change the path.
///
/// ```
/// # use graph_runtime::Literal;
/// assert_eq!(Literal::string("O'Brien").as_str(), "'O%27%27Brien'");
/// assert_eq!(Literal::string("x')/evil?$top=1#").as_str(), "'x%27%27%29%2Fevil%3F%24top%3D1%23'");
/// assert_eq!(Literal::from(&7_i32).as_str(), "7");
/// assert_eq!(Literal::from(&true).as_str(), "true");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal(String);

impl Literal {
    /// An `Edm.String` literal: `'…'` with `'` doubled, the content percent-encoded.
    pub fn string(value: &str) -> Literal {
        let doubled = value.replace('\'', "''");
        Literal(format!("'{}'", utf8_percent_encode(&doubled, SEGMENT)))
    }

    /// An enum member (`'D7'`): quoted like a string.
    pub fn enum_member(member: &str) -> Literal {
        Literal::string(member)
    }

    /// An enum member with its type, `Namespace.type'member'`
    /// (`microsoft.graph.timeZoneStandard'iana'`), as some pages write it.
    pub fn qualified_enum_member(type_name: &str, member: &str) -> Literal {
        let quoted = Literal::string(member);
        Literal(format!(
            "{}{}",
            utf8_percent_encode(type_name, SEGMENT),
            quoted.0
        ))
    }

    /// The encoded literal, as it goes into the path.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn unquoted(text: &str) -> Literal {
        Literal(utf8_percent_encode(text, SEGMENT).to_string())
    }
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Rust value that has an OData URL literal (see the `odata` rules on [`Literal`]).
///
/// Implemented for the Rust types of the EDM primitives; generated enums implement it with
/// [`Literal::enum_member`].
pub trait ToLiteral {
    /// The value's literal.
    fn to_literal(&self) -> Literal;
}

impl<T: ToLiteral + ?Sized> From<&T> for Literal {
    fn from(value: &T) -> Literal {
        value.to_literal()
    }
}

impl ToLiteral for str {
    fn to_literal(&self) -> Literal {
        Literal::string(self)
    }
}

impl ToLiteral for String {
    fn to_literal(&self) -> Literal {
        Literal::string(self)
    }
}

impl<T: ToLiteral + ?Sized> ToLiteral for &T {
    fn to_literal(&self) -> Literal {
        (**self).to_literal()
    }
}

macro_rules! unquoted_display {
    ($($t:ty),*) => {$(
        impl ToLiteral for $t {
            fn to_literal(&self) -> Literal {
                Literal::unquoted(&self.to_string())
            }
        }
    )*};
}

unquoted_display!(
    bool,
    i8,
    u8,
    i16,
    i32,
    i64,
    u16,
    u32,
    u64,
    Guid,
    DateTimeOffset,
    Date
);

/// `Edm.Double`/`Edm.Single`: OData writes `NaN`, `INF` and `-INF` for the non-finite values.
macro_rules! float_literal {
    ($($t:ty),*) => {$(
        impl ToLiteral for $t {
            fn to_literal(&self) -> Literal {
                if self.is_nan() {
                    Literal::unquoted("NaN")
                } else if self.is_infinite() {
                    Literal::unquoted(if *self > 0.0 { "INF" } else { "-INF" })
                } else {
                    Literal::unquoted(&self.to_string())
                }
            }
        }
    )*};
}

float_literal!(f32, f64);

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    fn decoded(l: &Literal) -> String {
        percent_decode_str(l.as_str())
            .decode_utf8()
            .expect("utf-8")
            .into_owned()
    }

    #[test]
    fn strings_are_quoted_with_quotes_doubled() {
        assert_eq!(Literal::string("D7").as_str(), "'D7'");
        assert_eq!(Literal::string("").as_str(), "''");
        assert_eq!(decoded(&Literal::string("O'Brien")), "'O''Brien'");
        assert_eq!(decoded(&Literal::string("'")), "''''");
        assert_eq!(Literal::string("é").as_str(), "'%C3%A9'");
        assert_eq!(Literal::enum_member("D30").as_str(), "'D30'");
        assert_eq!(
            Literal::qualified_enum_member("microsoft.graph.timeZoneStandard", "iana").as_str(),
            "microsoft.graph.timeZoneStandard'iana'"
        );
        assert_eq!(
            Literal::qualified_enum_member("a/b", "x'").as_str(),
            "a%2Fb'x%27%27'"
        );
    }

    #[test]
    fn a_value_cannot_leave_its_literal() {
        for evil in [
            "x')/evil?$top=1#",
            "a/b",
            "..",
            "%27",
            "a,b=c",
            "x'),delete(",
        ] {
            let lit = Literal::string(evil);
            let text = lit.as_str();
            let inner = &text[1..text.len() - 1];
            // Nothing that delimits a path, a query, a fragment or a parameter list survives
            // unencoded, and the only raw quotes are the two outside.
            assert!(
                !inner.contains(['/', '?', '#', '\'', '(', ')', ',', '=', '$']),
                "{evil:?} -> {text}"
            );
            assert!(text.starts_with('\'') && text.ends_with('\''));
            // Decoding and un-doubling gives the value back.
            let d = decoded(&lit);
            assert_eq!(d[1..d.len() - 1].replace("''", "'"), evil);
        }
    }

    #[test]
    fn primitives_are_unquoted() {
        assert_eq!(true.to_literal().as_str(), "true");
        assert_eq!((-3_i64).to_literal().as_str(), "-3");
        assert_eq!(2.5_f64.to_literal().as_str(), "2.5");
        assert_eq!(f64::NAN.to_literal().as_str(), "NaN");
        assert_eq!(f64::NEG_INFINITY.to_literal().as_str(), "-INF");
        let guid: Guid = "7c1b5e1e-9b4a-4d2e-8f3a-1d2c3b4a5f60"
            .parse()
            .expect("guid");
        assert_eq!(
            guid.to_literal().as_str(),
            "7c1b5e1e-9b4a-4d2e-8f3a-1d2c3b4a5f60"
        );
        let date: Date = "2024-05-01".parse().expect("date");
        assert_eq!(date.to_literal().as_str(), "2024-05-01");
        let at: DateTimeOffset = "2024-05-01T10:00:00+02:00".parse().expect("instant");
        assert_eq!(decoded(&at.to_literal()), at.to_string());
        assert!(!at.to_literal().as_str().contains('+'));
        assert_eq!(String::from("a b").to_literal().as_str(), "'a%20b'");
    }
}
