//! Conversions to and from the `time` crate (feature `time`).

use super::civil::{SECS_PER_DAY, civil_from_days};
use super::date::Date;
use super::date_time::DateTimeOffset;

impl DateTimeOffset {
    /// Wraps a `time` value (feature `time`). It writes as many fractional digits as it needs.
    ///
    /// A `time` value RFC 3339 cannot write (a year outside 0000-9999, an offset with seconds or
    /// beyond ±23:59) is kept as it is, and fails to serialize, as it would with `time`.
    ///
    /// ```
    /// use graph_runtime::edm::{DateTimeOffset, time};
    ///
    /// let t = DateTimeOffset::new(time::OffsetDateTime::UNIX_EPOCH);
    /// assert_eq!(t.to_string(), "1970-01-01T00:00:00Z");
    /// ```
    pub fn new(value: time::OffsetDateTime) -> DateTimeOffset {
        DateTimeOffset::from_parts(
            value.unix_timestamp(),
            value.nanosecond(),
            value.offset().whole_seconds(),
        )
    }

    /// The instant as a `time` value, at its offset (feature `time`).
    ///
    /// ```
    /// use graph_runtime::edm::DateTimeOffset;
    ///
    /// let t: DateTimeOffset = "2024-05-01T10:00:00.25+02:00".parse().unwrap();
    /// let value = t.get();
    /// assert_eq!((value.hour(), value.nanosecond()), (10, 250_000_000));
    /// assert_eq!(value.offset().whole_minutes(), 120);
    /// ```
    pub fn get(self) -> time::OffsetDateTime {
        let offset = self.offset_seconds();
        // Built from the local date and time: time's range bounds the local year, and a parsed
        // value's local year is 0000-9999 even when its UTC one is not.
        let local = self.unix_timestamp() + i64::from(offset);
        let (year, month, day) = civil_from_days(local.div_euclid(SECS_PER_DAY));
        let second_of_day = local.rem_euclid(SECS_PER_DAY) as u32; // < 86 400
        let built = (|| {
            let date = time::Date::from_calendar_date(
                i32::try_from(year).ok()?,
                time::Month::try_from(month).ok()?,
                day,
            )
            .ok()?;
            let clock = time::Time::from_hms_nano(
                (second_of_day / 3600) as u8,
                (second_of_day / 60 % 60) as u8,
                (second_of_day % 60) as u8,
                self.nanosecond(),
            )
            .ok()?;
            let offset = time::UtcOffset::from_whole_seconds(offset).ok()?;
            Some(time::PrimitiveDateTime::new(date, clock).assume_offset(offset))
        })();
        // Every value holds a local date and offset `time` represents (it came from `time`, from
        // RFC 3339 text or from years 0000-9999), so the fallback is never taken.
        built.unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
    }
}

impl From<time::OffsetDateTime> for DateTimeOffset {
    fn from(value: time::OffsetDateTime) -> Self {
        DateTimeOffset::new(value)
    }
}

impl From<DateTimeOffset> for time::OffsetDateTime {
    fn from(value: DateTimeOffset) -> Self {
        value.get()
    }
}

impl Date {
    /// Wraps a `time` value (feature `time`). A year below 0 is kept and written with a `-`
    /// sign, as `time` writes it.
    ///
    /// ```
    /// use graph_runtime::edm::{Date, time};
    ///
    /// let d = Date::new(time::Date::from_calendar_date(2024, time::Month::May, 1).unwrap());
    /// assert_eq!(d.to_string(), "2024-05-01");
    /// ```
    pub fn new(value: time::Date) -> Date {
        Date::new_unchecked_year(value.year(), u8::from(value.month()), value.day())
            // `time::Date` keeps its fields valid and its years within ±9999: never taken.
            .unwrap_or(Date::EPOCH)
    }

    /// The date as a `time` value (feature `time`).
    ///
    /// ```
    /// use graph_runtime::edm::Date;
    ///
    /// let d: Date = "0999-01-05".parse().unwrap();
    /// assert_eq!(d.get().year(), 999);
    /// ```
    pub fn get(self) -> time::Date {
        time::Month::try_from(self.month())
            .ok()
            .and_then(|month| time::Date::from_calendar_date(self.year(), month, self.day()).ok())
            // Every `Date` is a valid calendar date within ±9999: never taken.
            .unwrap_or(time::Date::MIN)
    }
}

impl From<time::Date> for Date {
    fn from(value: time::Date) -> Self {
        Date::new(value)
    }
}

impl From<Date> for time::Date {
    fn from(value: Date) -> Self {
        value.get()
    }
}
