//! `Edm.DateTimeOffset`: [`DateTimeOffset`].

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::civil::{SECS_PER_DAY, civil_from_days, days_from_civil};
use super::text::{Cursor, ParseError, ParseVisitor};

/// Unix time of 0000-01-01T00:00:00Z.
const MIN_UNIX: i64 = -62_167_219_200;
/// Unix time of 9999-12-31T23:59:59Z.
const MAX_UNIX: i64 = 253_402_300_799;
/// ±23:59, the widest offset RFC 3339 writes, in seconds.
const MAX_OFFSET: i32 = 23 * 3600 + 59 * 60;

/// `Edm.DateTimeOffset`: an instant with a UTC offset, serialized as RFC 3339
/// (e.g. `2024-05-01T10:00:00Z`, `2017-09-25T18:03:13.0510000Z`).
///
/// A parsed value keeps the number of fractional-second digits it was written with, so that it
/// serializes back to the same text (`.000Z` stays `.000Z`, seven digits stay seven): a round trip
/// through the generated types loses nothing. Equality, ordering and hashing compare the instant
/// only. A value made in code writes as many digits as it needs (none for whole seconds). UTC is
/// written `Z`.
///
/// ```
/// use graph_runtime::edm::DateTimeOffset;
///
/// let a: DateTimeOffset = "2024-05-01T12:00:00+02:00".parse()?;
/// let b: DateTimeOffset = "2024-05-01T10:00:00.000Z".parse()?;
/// assert_eq!(a, b); // the same instant
/// assert_eq!(a.to_string(), "2024-05-01T12:00:00+02:00");
/// assert_eq!(b.to_string(), "2024-05-01T10:00:00.000Z");
/// # Ok::<(), graph_runtime::edm::ParseError>(())
/// ```
#[derive(Clone, Copy)]
pub struct DateTimeOffset {
    /// Seconds since 1970-01-01T00:00:00Z.
    secs: i64,
    /// 0..1_000_000_000.
    nanos: u32,
    /// East of UTC. Whole minutes within ±23:59, except for a value made from a
    /// `time::OffsetDateTime` (feature `time`), which may have seconds and up to ±25:59:59 and
    /// then cannot be written as RFC 3339 (as with `time` itself).
    offset_seconds: i32,
    /// Fractional-second digits to write (0-9), or `None` for as many as needed.
    digits: Option<u8>,
}

/// The instant of a [`DateTimeOffset`] conversion is outside the years 0000 to 9999, or outside
/// what [`SystemTime`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeError;

impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("instant out of range (years 0000-9999 UTC, within SystemTime)")
    }
}

impl std::error::Error for RangeError {}

impl DateTimeOffset {
    /// A value from its parts, unchecked: for the `time` conversions.
    pub(super) fn from_parts(secs: i64, nanos: u32, offset_seconds: i32) -> Self {
        DateTimeOffset {
            secs,
            nanos,
            offset_seconds,
            digits: None,
        }
    }

    /// The offset east of UTC in seconds.
    #[cfg(feature = "time")]
    pub(super) fn offset_seconds(self) -> i32 {
        self.offset_seconds
    }

    /// The instant `secs` seconds and `nanos` nanoseconds after 1970-01-01T00:00:00Z, in UTC; `None`
    /// if `nanos` is a second or more or the instant is not within the years 0000 to 9999.
    ///
    /// ```
    /// use graph_runtime::edm::DateTimeOffset;
    ///
    /// let t = DateTimeOffset::from_unix_timestamp(951_825_600, 0).unwrap();
    /// assert_eq!(t.to_string(), "2000-02-29T12:00:00Z");
    /// assert!(DateTimeOffset::from_unix_timestamp(0, 1_000_000_000).is_none());
    /// ```
    pub fn from_unix_timestamp(secs: i64, nanos: u32) -> Option<Self> {
        let valid = (MIN_UNIX..=MAX_UNIX).contains(&secs) && nanos < 1_000_000_000;
        valid.then(|| DateTimeOffset::from_parts(secs, nanos, 0))
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (negative before), whatever the offset.
    ///
    /// ```
    /// use graph_runtime::edm::DateTimeOffset;
    ///
    /// let t: DateTimeOffset = "1970-01-01T01:00:00.5+01:00".parse().unwrap();
    /// assert_eq!((t.unix_timestamp(), t.nanosecond()), (0, 500_000_000));
    /// ```
    pub fn unix_timestamp(self) -> i64 {
        self.secs
    }

    /// The nanoseconds past [`unix_timestamp`](Self::unix_timestamp), 0 to 999 999 999.
    ///
    /// ```
    /// use graph_runtime::edm::DateTimeOffset;
    ///
    /// let t: DateTimeOffset = "2017-09-25T18:03:13.0510000Z".parse().unwrap();
    /// assert_eq!(t.nanosecond(), 51_000_000);
    /// ```
    pub fn nanosecond(self) -> u32 {
        self.nanos
    }

    /// The UTC offset it is written with, in minutes east of UTC (`+02:00` is 120).
    ///
    /// ```
    /// use graph_runtime::edm::DateTimeOffset;
    ///
    /// let t: DateTimeOffset = "2024-05-01T10:00:00-05:30".parse().unwrap();
    /// assert_eq!(t.offset_minutes(), -330);
    /// ```
    pub fn offset_minutes(self) -> i16 {
        // Within ±25:59:59 (1559 minutes), so it fits.
        (self.offset_seconds / 60) as i16
    }

    /// The same instant written at another offset (minutes east of UTC); `None` if the offset is
    /// beyond ±23:59 or the local date would leave the years 0000 to 9999. The new value writes
    /// as many fractional digits as it needs.
    ///
    /// ```
    /// use graph_runtime::edm::DateTimeOffset;
    ///
    /// let t = DateTimeOffset::from_unix_timestamp(0, 0).unwrap().to_offset(120).unwrap();
    /// assert_eq!(t.to_string(), "1970-01-01T02:00:00+02:00");
    /// ```
    pub fn to_offset(self, minutes: i16) -> Option<Self> {
        let offset_seconds = i32::from(minutes) * 60;
        let local = self.secs + i64::from(offset_seconds);
        let valid = offset_seconds.abs() <= MAX_OFFSET && (MIN_UNIX..=MAX_UNIX).contains(&local);
        valid.then(|| DateTimeOffset::from_parts(self.secs, self.nanos, offset_seconds))
    }

    /// The current time in UTC, from [`SystemTime::now`] (clamped to the years 0000 to 9999).
    ///
    /// ```
    /// use graph_runtime::edm::DateTimeOffset;
    ///
    /// let now = DateTimeOffset::now_utc();
    /// assert!(now > "2024-01-01T00:00:00Z".parse().unwrap());
    /// assert!(now.to_string().ends_with('Z'));
    /// ```
    pub fn now_utc() -> Self {
        let now = SystemTime::now();
        DateTimeOffset::try_from(now).unwrap_or_else(|_| {
            let secs = if now < UNIX_EPOCH { MIN_UNIX } else { MAX_UNIX };
            DateTimeOffset::from_parts(secs, 0, 0)
        })
    }

    /// The local date and time fields, or why the value cannot be written as RFC 3339.
    fn local(&self) -> Result<Local, &'static str> {
        if self.offset_seconds % 60 != 0 {
            return Err("the offset has seconds");
        }
        if self.offset_seconds.abs() > MAX_OFFSET {
            return Err("the offset is beyond ±23:59");
        }
        let local = self.secs + i64::from(self.offset_seconds);
        if !(MIN_UNIX..=MAX_UNIX).contains(&local) {
            return Err("the year is outside 0000-9999");
        }
        let (year, month, day) = civil_from_days(local.div_euclid(SECS_PER_DAY));
        let second_of_day = local.rem_euclid(SECS_PER_DAY);
        Ok(Local {
            year,
            month,
            day,
            hour: second_of_day / 3600,
            minute: second_of_day / 60 % 60,
            second: second_of_day % 60,
        })
    }

    /// Writes RFC 3339 text with the digits this value was written with.
    fn write(&self, f: &mut dyn fmt::Write, local: &Local) -> fmt::Result {
        let Local {
            year,
            month,
            day,
            hour,
            minute,
            second,
        } = *local;
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}"
        )?;
        let digits = self
            .digits
            .map_or_else(|| 9 - trailing_zeros(self.nanos), |d| u32::from(d.min(9)));
        if digits > 0 {
            let fraction = self.nanos / 10u32.pow(9 - digits);
            write!(f, ".{fraction:0width$}", width = digits as usize)?;
        }
        if self.offset_seconds == 0 {
            return f.write_str("Z");
        }
        let sign = if self.offset_seconds < 0 { '-' } else { '+' };
        let minutes = self.offset_seconds.unsigned_abs() / 60;
        write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

/// The number of trailing decimal zeros of a nanosecond count (9 for 0).
fn trailing_zeros(nanos: u32) -> u32 {
    if nanos == 0 {
        return 9;
    }
    let mut n = nanos;
    let mut zeros = 0;
    while n.is_multiple_of(10) {
        n /= 10;
        zeros += 1;
    }
    zeros
}

/// Local date and time fields of a writable value.
#[derive(Clone, Copy)]
struct Local {
    year: i64,
    month: u8,
    day: u8,
    hour: i64,
    minute: i64,
    second: i64,
}

impl PartialEq for DateTimeOffset {
    fn eq(&self, other: &Self) -> bool {
        (self.secs, self.nanos) == (other.secs, other.nanos)
    }
}

impl Eq for DateTimeOffset {}

impl Hash for DateTimeOffset {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.secs, self.nanos).hash(state);
    }
}

impl PartialOrd for DateTimeOffset {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTimeOffset {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.secs, self.nanos).cmp(&(other.secs, other.nanos))
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseError;

    /// Parses `YYYY-MM-DDTHH:MM:SS[.digits](Z|±HH:MM)` (RFC 3339; `t` and `z` may be lower
    /// case), remembering how many fractional digits it has. Digits past the ninth are read and
    /// dropped (nanosecond precision). Leap seconds (`:60`) are refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut c = Cursor::new(s);
        let (year, month, day) = c.date()?;
        c.one_of(
            b"Tt",
            "date-time separator",
            "'T' between the date and the time",
        )?;
        let hour = c.number::<2>("hour", "2 digits of the hour", 0, 23)?;
        c.one_of(b":", "time separator", "':' after the hour")?;
        let minute = c.number::<2>("minute", "2 digits of the minute", 0, 59)?;
        c.one_of(b":", "time separator", "':' after the minute")?;
        let second = c.number::<2>("second", "2 digits of the second", 0, 59)?;
        let (mut nanos, mut digits) = (0u32, 0u8);
        if c.peek() == Some(b'.') {
            c.bump();
            while let Some(b @ b'0'..=b'9') = c.peek() {
                if digits < 9 {
                    nanos = nanos * 10 + u32::from(b - b'0');
                    digits += 1;
                }
                c.bump();
            }
            if digits == 0 {
                return Err(c.expected("fraction", "a digit after '.'"));
            }
            nanos *= 10u32.pow(9 - u32::from(digits));
        }
        let zone = "'Z' or a UTC offset such as +02:00";
        let offset_seconds = match c.one_of(b"Zz+-", "offset", zone)? {
            b'Z' | b'z' => 0,
            sign => {
                let hours = c.number::<2>("offset hour", "2 digits of the offset hour", 0, 23)?;
                c.one_of(b":", "offset", "':' in the offset")?;
                let minutes =
                    c.number::<2>("offset minute", "2 digits of the offset minute", 0, 59)?;
                // At most 86 340: fits.
                let seconds = (hours * 3600 + minutes * 60) as i32;
                if sign == b'-' { -seconds } else { seconds }
            }
        };
        c.end()?;
        let local = days_from_civil(year, month, day) * SECS_PER_DAY
            + i64::from(hour * 3600 + minute * 60 + second);
        Ok(DateTimeOffset {
            secs: local - i64::from(offset_seconds),
            nanos,
            offset_seconds,
            digits: Some(digits),
        })
    }
}

impl fmt::Display for DateTimeOffset {
    /// RFC 3339. Fails (as `time` does) only for a value made from a `time::OffsetDateTime`
    /// that RFC 3339 cannot write: a year outside 0000-9999, or an offset with seconds or beyond
    /// ±23:59.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.local().map_err(|_| fmt::Error)?;
        self.write(f, &local)
    }
}

impl fmt::Debug for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.local() {
            Ok(local) => {
                f.write_str("DateTimeOffset(")?;
                self.write(f, &local)?;
                f.write_str(")")
            }
            Err(_) => f
                .debug_struct("DateTimeOffset")
                .field("unix_timestamp", &self.secs)
                .field("nanosecond", &self.nanos)
                .field("offset_seconds", &self.offset_seconds)
                .finish(),
        }
    }
}

impl Serialize for DateTimeOffset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let local = self.local().map_err(|reason| {
            S::Error::custom(format_args!("cannot format {self:?} as RFC 3339: {reason}"))
        })?;
        let mut text = String::with_capacity(40);
        self.write(&mut text, &local)
            .map_err(|_| S::Error::custom("cannot format a date-time"))?;
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

impl TryFrom<SystemTime> for DateTimeOffset {
    type Error = RangeError;

    /// The instant in UTC, if it is within the years 0000 to 9999.
    fn try_from(value: SystemTime) -> Result<Self, RangeError> {
        let (secs, nanos) = match value.duration_since(UNIX_EPOCH) {
            Ok(after) => (i64::try_from(after.as_secs()).ok(), after.subsec_nanos()),
            Err(before) => {
                let before = before.duration();
                let secs = i64::try_from(before.as_secs()).ok().map(|s| -s);
                match before.subsec_nanos() {
                    0 => (secs, 0),
                    n => (secs.map(|s| s - 1), 1_000_000_000 - n),
                }
            }
        };
        secs.and_then(|secs| DateTimeOffset::from_unix_timestamp(secs, nanos))
            .ok_or(RangeError)
    }
}

impl TryFrom<DateTimeOffset> for SystemTime {
    type Error = RangeError;

    /// The instant, if this platform's `SystemTime` holds it.
    fn try_from(value: DateTimeOffset) -> Result<Self, RangeError> {
        let whole = Duration::from_secs(value.secs.unsigned_abs());
        let at = if value.secs >= 0 {
            UNIX_EPOCH.checked_add(whole)
        } else {
            UNIX_EPOCH.checked_sub(whole)
        };
        at.and_then(|t| t.checked_add(Duration::from_nanos(u64::from(value.nanos))))
            .ok_or(RangeError)
    }
}
