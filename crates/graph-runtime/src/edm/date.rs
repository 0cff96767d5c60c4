//! `Edm.Date`: [`Date`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::civil::days_in_month;
use super::text::{Cursor, ParseError, ParseVisitor};

/// `Edm.Date`: a calendar date, serialized as `YYYY-MM-DD` (years 0000 to 9999, proleptic
/// Gregorian calendar).
///
/// Ordered by date; equal dates are equal.
///
/// ```
/// use graph_runtime::edm::Date;
///
/// let d: Date = "2024-02-29".parse()?;
/// assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29));
/// assert_eq!(d.to_string(), "2024-02-29");
/// assert!("2023-02-29".parse::<Date>().is_err());
/// # Ok::<(), graph_runtime::edm::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    // Field order is the ordering. With the `time` feature a `time::Date` can bring a year
    // below 0 (down to -9999); every other way in keeps it in 0..=9999.
    year: i16,
    month: u8,
    day: u8,
}

impl Date {
    /// 1970-01-01.
    #[cfg(feature = "time")]
    pub(super) const EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// The date `year-month-day`, or `None` unless the year is 0 to 9999, the month 1 to 12 and
    /// the day exists in that month.
    ///
    /// ```
    /// use graph_runtime::edm::Date;
    ///
    /// assert_eq!(Date::from_ymd(2024, 5, 1).map(|d| d.to_string()).as_deref(), Some("2024-05-01"));
    /// assert_eq!(Date::from_ymd(2023, 2, 29), None);
    /// assert_eq!(Date::from_ymd(10_000, 1, 1), None);
    /// ```
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(0..=9999).contains(&year) {
            return None;
        }
        Date::new_unchecked_year(year, month, day)
    }

    /// The date if the month and day are valid and the year is in -9999..=9999 (`time`'s range).
    pub(super) fn new_unchecked_year(year: i32, month: u8, day: u8) -> Option<Date> {
        let year = i16::try_from(year)
            .ok()
            .filter(|y| (-9999..=9999).contains(y))?;
        let valid = (1..=days_in_month(i64::from(year), month)).contains(&day);
        valid.then_some(Date { year, month, day })
    }

    /// The year.
    ///
    /// ```
    /// let d: graph_runtime::edm::Date = "0999-01-05".parse().unwrap();
    /// assert_eq!(d.year(), 999);
    /// ```
    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// The month, 1 (January) to 12.
    ///
    /// ```
    /// let d: graph_runtime::edm::Date = "2024-05-01".parse().unwrap();
    /// assert_eq!(d.month(), 5);
    /// ```
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    ///
    /// ```
    /// let d: graph_runtime::edm::Date = "2024-05-01".parse().unwrap();
    /// assert_eq!(d.day(), 1);
    /// ```
    pub fn day(self) -> u8 {
        self.day
    }
}

impl FromStr for Date {
    type Err = ParseError;

    /// Parses `YYYY-MM-DD`, exactly: four digits of year, two of month and two of day.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut cursor = Cursor::new(s);
        let (year, month, day) = cursor.date()?;
        cursor.end()?;
        // `Cursor::date` keeps the year in 0..=9999.
        Ok(Date {
            year: year as i16,
            month,
            day,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            f.write_str("-")?;
        }
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year.unsigned_abs(),
            self.month,
            self.day
        )
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ParseVisitor::<Date>::new("a date such as 2024-05-01"))
    }
}
