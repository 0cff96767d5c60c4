//! Reading the EDM text forms: [`ParseError`], a byte cursor, the shared `YYYY-MM-DD` reader,
//! and the serde visitor that parses a string through `FromStr`.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};

use super::civil::days_in_month;

/// Why a [`DateTimeOffset`](super::DateTimeOffset) or [`Date`](super::Date) could not be read
/// from text: the field, the byte offset where reading stopped, and what was wrong there.
///
/// ```
/// use graph_runtime::edm::{Date, ParseError};
///
/// let err: ParseError = "2023-02-29".parse::<Date>().unwrap_err();
/// assert_eq!(err.field(), "day");
/// assert_eq!(err.position(), 8);
/// assert_eq!(err.to_string(), "day 29 out of range 01-28 (2023-02) at byte 8");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    field: &'static str,
    at: usize,
    problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// Something else was needed here: what, and the byte found (`None` at the end).
    Expected {
        what: &'static str,
        found: Option<u8>,
    },
    /// A number outside its range.
    Range { value: u32, min: u32, max: u32 },
    /// A day past the end of its month.
    Day {
        value: u32,
        max: u8,
        year: i64,
        month: u8,
    },
}

impl ParseError {
    /// The field that could not be read: `year`, `month`, `day`, `hour`, `minute`, `second`,
    /// `fraction`, `offset hour`, `offset minute`, a separator (`date separator`, `date-time
    /// separator`, `time separator`, `offset`), or `end` for text after a complete value.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The byte offset in the input where the problem is.
    pub fn position(&self) -> usize {
        self.at
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.at;
        match &self.problem {
            Problem::Expected { what, found } => {
                write!(f, "expected {what} at byte {at}, found ")?;
                match found {
                    None => f.write_str("the end of the text"),
                    Some(b) if b.is_ascii_graphic() || *b == b' ' => {
                        write!(f, "{:?}", char::from(*b))
                    }
                    Some(b) => write!(f, "byte 0x{b:02x}"),
                }
            }
            Problem::Range { value, min, max } => write!(
                f,
                "{} {value:02} out of range {min:02}-{max:02} at byte {at}",
                self.field
            ),
            Problem::Day {
                value,
                max,
                year,
                month,
            } => write!(
                f,
                "day {value:02} out of range 01-{max:02} ({year:04}-{month:02}) at byte {at}"
            ),
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads ASCII fields from the front of a string.
pub(super) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    /// The next byte, not consumed.
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Consumes one byte.
    pub(super) fn bump(&mut self) {
        self.pos += 1;
    }

    /// An error at the current byte.
    pub(super) fn expected(&self, field: &'static str, what: &'static str) -> ParseError {
        ParseError {
            field,
            at: self.pos,
            problem: Problem::Expected {
                what,
                found: self.peek(),
            },
        }
    }

    /// Consumes the byte if it is one of `accepted`.
    pub(super) fn one_of(
        &mut self,
        accepted: &[u8],
        field: &'static str,
        what: &'static str,
    ) -> Result<u8, ParseError> {
        match self.peek() {
            Some(b) if accepted.contains(&b) => {
                self.bump();
                Ok(b)
            }
            _ => Err(self.expected(field, what)),
        }
    }

    /// Consumes exactly `N` digits (`what` names them in an error) and checks `min..=max`.
    pub(super) fn number<const N: usize>(
        &mut self,
        field: &'static str,
        what: &'static str,
        min: u32,
        max: u32,
    ) -> Result<u32, ParseError> {
        let start = self.pos;
        let mut value = 0;
        for _ in 0..N {
            match self.peek() {
                Some(b @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(b - b'0');
                    self.bump();
                }
                _ => return Err(self.expected(field, what)),
            }
        }
        if (min..=max).contains(&value) {
            Ok(value)
        } else {
            Err(ParseError {
                field,
                at: start,
                problem: Problem::Range { value, min, max },
            })
        }
    }

    /// Fails unless the whole input has been read.
    pub(super) fn end(&self) -> Result<(), ParseError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.expected("end", "the end of the text")),
        }
    }

    /// Reads `YYYY-MM-DD` (a day that exists: February 29 in leap years only).
    pub(super) fn date(&mut self) -> Result<(i64, u8, u8), ParseError> {
        let year = self.number::<4>("year", "4 digits of the year", 0, 9999)?;
        self.one_of(b"-", "date separator", "'-' after the year")?;
        // In range, so the casts below keep the values.
        let month = self.number::<2>("month", "2 digits of the month", 1, 12)? as u8;
        self.one_of(b"-", "date separator", "'-' after the month")?;
        let at = self.pos;
        let day = self.number::<2>("day", "2 digits of the day", 1, 31)?;
        let year = i64::from(year);
        let max = days_in_month(year, month);
        if day > u32::from(max) {
            return Err(ParseError {
                field: "day",
                at,
                problem: Problem::Day {
                    value: day,
                    max,
                    year,
                    month,
                },
            });
        }
        Ok((year, month, day as u8))
    }
}

/// Deserializes a string through `FromStr`.
pub(super) struct ParseVisitor<T> {
    expecting: &'static str,
    marker: std::marker::PhantomData<T>,
}

impl<T> ParseVisitor<T> {
    pub(super) fn new(expecting: &'static str) -> Self {
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
