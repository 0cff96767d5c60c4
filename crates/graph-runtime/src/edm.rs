//! Rust types for OData (EDM) primitives that have no std equivalent.
//!
//! - `Edm.Guid` is [`Guid`] ([`uuid::Uuid`], hyphenated on the wire).
//! - `Edm.DateTimeOffset` is [`DateTimeOffset`], an RFC 3339 timestamp.
//! - `Edm.Date` is [`Date`], a `YYYY-MM-DD` calendar date.
//!
//! The wrapped [`time`] values are reachable with `From`/`Into` and the
//! accessors; [`time`] itself is re-exported.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{self, Serializer};
use serde::{Deserialize, Serialize};
use time::format_description::FormatItem;
use time::format_description::well_known::Rfc3339;
use time::format_description::{Component, modifier};

pub use time;

/// `Edm.Guid`.
pub type Guid = uuid::Uuid;

/// `Edm.DateTimeOffset`: an instant with a UTC offset, serialized as RFC 3339
/// (e.g. `2024-05-01T10:00:00Z`, `2017-09-25T18:03:13.0510000Z`).
///
/// A parsed value keeps the number of fractional-second digits it was written with, so that it
/// serializes back to the same text (`.000Z` stays `.000Z`, seven digits stay seven): a round trip
/// through the generated types loses nothing. Equality, ordering and hashing compare the instant
/// only. A value made from a `time` value writes as many digits as it needs (none for whole
/// seconds).
#[derive(Debug, Clone, Copy)]
pub struct DateTimeOffset {
    value: time::OffsetDateTime,
    /// Fractional-second digits to write (0–9), or `None` for as many as needed.
    digits: Option<u8>,
}

impl DateTimeOffset {
    /// Wraps a `time` value.
    pub fn new(value: time::OffsetDateTime) -> DateTimeOffset {
        DateTimeOffset {
            value,
            digits: None,
        }
    }

    /// The wrapped `time` value.
    pub fn get(self) -> time::OffsetDateTime {
        self.value
    }

    /// RFC 3339 text with the digits this value was written with.
    fn format(&self) -> Result<String, time::error::Format> {
        let text = self.value.format(&Rfc3339)?;
        let Some(digits) = self.digits else {
            return Ok(text);
        };
        // `time` writes `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`: swap in the fraction.
        let (head, rest) = text.split_at(19.min(text.len()));
        let zone = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
        let mut out = String::with_capacity(text.len() + 10);
        out.push_str(head);
        if digits > 0 {
            let nanos = format!("{:09}", self.value.nanosecond());
            out.push('.');
            out.push_str(nanos.get(..usize::from(digits)).unwrap_or(&nanos));
        }
        out.push_str(zone);
        Ok(out)
    }
}

impl PartialEq for DateTimeOffset {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for DateTimeOffset {}

impl std::hash::Hash for DateTimeOffset {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl PartialOrd for DateTimeOffset {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTimeOffset {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl From<time::OffsetDateTime> for DateTimeOffset {
    fn from(value: time::OffsetDateTime) -> Self {
        DateTimeOffset::new(value)
    }
}

impl From<DateTimeOffset> for time::OffsetDateTime {
    fn from(value: DateTimeOffset) -> Self {
        value.value
    }
}

impl FromStr for DateTimeOffset {
    type Err = time::error::Parse;

    /// Parses an RFC 3339 timestamp, remembering how many fractional digits it has.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let value = time::OffsetDateTime::parse(s, &Rfc3339)?;
        let digits = s
            .get(19..)
            .and_then(|rest| rest.strip_prefix('.'))
            .map_or(0, |f| f.bytes().take_while(u8::is_ascii_digit).count());
        Ok(DateTimeOffset {
            value,
            // RFC 3339 allows more than nine digits; `time` keeps nanoseconds.
            digits: Some(digits.min(9) as u8),
        })
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.format().map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl Serialize for DateTimeOffset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.format().map_err(|e| {
            ser::Error::custom(format_args!(
                "cannot format {:?} as RFC 3339: {e}",
                self.value
            ))
        })?;
        serializer.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for DateTimeOffset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ParseVisitor::<DateTimeOffset>::new(
            "an RFC 3339 timestamp such as 2024-05-01T10:00:00Z",
        ))
    }
}

/// `[year]-[month]-[day]`, written out (time's `format_description!` macro would make `time-macros`,
/// a proc macro, part of every build).
const DATE_FORMAT: &[FormatItem<'static>] = &[
    FormatItem::Component(Component::CalendarYearFullStandardRange(
        modifier::CalendarYearFullStandardRange::default(),
    )),
    FormatItem::StringLiteral("-"),
    FormatItem::Component(Component::MonthNumerical(
        modifier::MonthNumerical::default(),
    )),
    FormatItem::StringLiteral("-"),
    FormatItem::Component(Component::Day(modifier::Day::default())),
];

/// `Edm.Date`: a calendar date, serialized as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(time::Date);

impl Date {
    /// Wraps a `time` value.
    pub fn new(value: time::Date) -> Date {
        Date(value)
    }

    /// The wrapped `time` value.
    pub fn get(self) -> time::Date {
        self.0
    }
}

impl From<time::Date> for Date {
    fn from(value: time::Date) -> Self {
        Date(value)
    }
}

impl From<Date> for time::Date {
    fn from(value: Date) -> Self {
        value.0
    }
}

impl FromStr for Date {
    type Err = time::error::Parse;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        time::Date::parse(s, DATE_FORMAT).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.format(DATE_FORMAT).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.0.format(DATE_FORMAT).map_err(|e| {
            ser::Error::custom(format_args!("cannot format {:?} as a date: {e}", self.0))
        })?;
        serializer.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ParseVisitor::<Date>::new("a date such as 2024-05-01"))
    }
}

/// Deserializes a string through `FromStr`.
struct ParseVisitor<T> {
    expecting: &'static str,
    marker: std::marker::PhantomData<T>,
}

impl<T> ParseVisitor<T> {
    fn new(expecting: &'static str) -> Self {
        ParseVisitor {
            expecting,
            marker: std::marker::PhantomData,
        }
    }
}

impl<T> Visitor<'_> for ParseVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse()
            .map_err(|e| E::custom(format_args!("invalid value {v:?}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_time_offset_round_trips() {
        let parsed: DateTimeOffset =
            serde_json::from_str(r#""2017-09-25T18:03:13.0510000Z""#).expect("7 digits");
        assert_eq!(parsed.get().nanosecond(), 51_000_000);
        // The text comes back as written: seven digits stay seven, `.000` stays `.000`.
        assert_eq!(
            serde_json::to_string(&parsed).expect("ser"),
            r#""2017-09-25T18:03:13.0510000Z""#
        );
        for text in [
            "2018-10-08T00:00:00.000Z",
            "2018-10-08T00:00:00Z",
            "2018-10-08T00:00:00.5+05:30",
            "2018-10-08T00:00:00.123456789-01:00",
        ] {
            let v: DateTimeOffset = text.parse().expect(text);
            assert_eq!(v.to_string(), text);
        }
        // Equal instants are equal, whatever their digits.
        let a: DateTimeOffset = "2018-10-08T00:00:00.000Z".parse().expect("a");
        let b: DateTimeOffset = "2018-10-08T00:00:00Z".parse().expect("b");
        assert_eq!(a, b);
        // A value made in code writes the digits it needs.
        let made = DateTimeOffset::new(parsed.get());
        assert_eq!(made.to_string(), "2017-09-25T18:03:13.051Z");
        let with_offset: DateTimeOffset = "2024-05-01T10:00:00+02:00".parse().expect("offset");
        assert_eq!(with_offset.to_string(), "2024-05-01T10:00:00+02:00");
        for bad in [r#""2024-05-01""#, r#""yesterday""#, "42", "null"] {
            assert!(
                serde_json::from_str::<DateTimeOffset>(bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn date_round_trips() {
        let d: Date = serde_json::from_str(r#""2024-02-29""#).expect("leap day");
        assert_eq!(serde_json::to_string(&d).expect("ser"), r#""2024-02-29""#);
        assert_eq!(d.to_string(), "2024-02-29");
        // Years below 1000 keep four digits both ways.
        let early: Date = "0999-01-05".parse().expect("year 999");
        assert_eq!(early.to_string(), "0999-01-05");
        assert_eq!(early.get().year(), 999);
        for bad in [
            r#""2023-02-29""#,
            r#""2024-5-1""#,
            r#""2024-05-01T00:00:00Z""#,
        ] {
            assert!(serde_json::from_str::<Date>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn guid_is_hyphenated() {
        let g: Guid =
            serde_json::from_str(r#""6F9619FF-8B86-D011-B42D-00C04FC964FF""#).expect("guid");
        assert_eq!(
            serde_json::to_string(&g).expect("ser"),
            r#""6f9619ff-8b86-d011-b42d-00c04fc964ff""#
        );
    }
}
