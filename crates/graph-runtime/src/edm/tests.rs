//! The edm types' text forms, serde, arithmetic and errors.

use super::*;

#[test]
fn date_time_offset_round_trips() {
    let parsed: DateTimeOffset =
        serde_json::from_str(r#""2017-09-25T18:03:13.0510000Z""#).expect("7 digits");
    assert_eq!(parsed.nanosecond(), 51_000_000);
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
    let made = DateTimeOffset::from_unix_timestamp(parsed.unix_timestamp(), parsed.nanosecond())
        .expect("in range");
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
    assert_eq!(early.year(), 999);
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
    let g: Guid = serde_json::from_str(r#""6F9619FF-8B86-D011-B42D-00C04FC964FF""#).expect("guid");
    assert_eq!(
        serde_json::to_string(&g).expect("ser"),
        r#""6f9619ff-8b86-d011-b42d-00c04fc964ff""#
    );
}

fn dto(text: &str) -> DateTimeOffset {
    text.parse()
        .unwrap_or_else(|e| panic!("{text} should parse: {e}"))
}

#[test]
fn unix_timestamps_at_known_instants() {
    for (text, secs, nanos) in [
        ("1970-01-01T00:00:00Z", 0, 0),
        ("2000-02-29T12:00:00Z", 951_825_600, 0),
        ("0000-01-01T00:00:00Z", -62_167_219_200, 0),
        (
            "9999-12-31T23:59:59.999999999Z",
            253_402_300_799,
            999_999_999,
        ),
        ("1969-12-31T23:59:59.5Z", -1, 500_000_000),
    ] {
        let parsed = dto(text);
        assert_eq!(
            (parsed.unix_timestamp(), parsed.nanosecond()),
            (secs, nanos),
            "{text}"
        );
        let made = DateTimeOffset::from_unix_timestamp(secs, nanos).expect(text);
        assert_eq!(made, parsed);
        assert_eq!(made.to_string(), text);
        assert_eq!(made.offset_minutes(), 0);
    }
    // Outside the years 0000-9999, or a nanosecond count of a second or more.
    for (secs, nanos) in [
        (-62_167_219_201, 0),
        (253_402_300_800, 0),
        (0, 1_000_000_000),
        (i64::MIN, 0),
        (i64::MAX, 0),
    ] {
        assert_eq!(DateTimeOffset::from_unix_timestamp(secs, nanos), None);
    }
}

#[test]
fn offsets_keep_the_instant_and_their_text() {
    let east = dto("2024-05-01T12:00:00+02:00");
    let utc = dto("2024-05-01T10:00:00Z");
    let west = dto("2024-05-01T04:30:00-05:30");
    assert_eq!(east, utc);
    assert_eq!(west, utc);
    assert_eq!(east.offset_minutes(), 120);
    assert_eq!(west.offset_minutes(), -330);
    assert_eq!(east.to_string(), "2024-05-01T12:00:00+02:00");
    assert_eq!(utc.to_string(), "2024-05-01T10:00:00Z");
    assert_eq!(west.to_string(), "2024-05-01T04:30:00-05:30");
    // Equal instants hash alike.
    let set: std::collections::HashSet<_> = [east, utc, west].into_iter().collect();
    assert_eq!(set.len(), 1);
    // Offset 0 is written `Z`, whatever its spelling; lower case `t`/`z` are read.
    assert_eq!(
        dto("2024-05-01T10:00:00-00:00").to_string(),
        "2024-05-01T10:00:00Z"
    );
    assert_eq!(
        dto("2024-05-01t10:00:00+00:00").to_string(),
        "2024-05-01T10:00:00Z"
    );
    assert_eq!(dto("2024-05-01t10:00:00z"), utc);
    // An offset that crosses a day, a year, and the ends of the range.
    assert_eq!(
        dto("2024-01-01T00:30:00+01:00"),
        dto("2023-12-31T23:30:00Z")
    );
    let first = dto("0000-01-01T00:00:00+23:59");
    assert_eq!(
        first.unix_timestamp(),
        -62_167_219_200 - 23 * 3600 - 59 * 60
    );
    assert_eq!(first.to_string(), "0000-01-01T00:00:00+23:59");
    let last = dto("9999-12-31T23:59:59-23:59");
    assert_eq!(last.to_string(), "9999-12-31T23:59:59-23:59");
    // Another offset for the same instant.
    let moved = utc.to_offset(-330).expect("offset");
    assert_eq!(moved.to_string(), "2024-05-01T04:30:00-05:30");
    assert_eq!(utc.to_offset(24 * 60), None);
    assert_eq!(last.to_offset(0), None, "UTC is year 10000");
}

#[test]
fn ordering_is_by_instant_across_offsets() {
    let mut values = [
        dto("2024-05-01T12:00:00.5+02:00"), // 10:00:00.5Z
        dto("2024-05-01T10:00:00Z"),
        dto("2024-05-01T05:00:01-05:00"), // 10:00:01Z
        dto("2024-05-01T09:59:59.999999999Z"),
        dto("2024-05-02T01:00:00+16:00"), // 09:00Z
    ];
    values.sort();
    let utc: Vec<String> = values
        .iter()
        .map(|v| {
            DateTimeOffset::from_unix_timestamp(v.unix_timestamp(), v.nanosecond())
                .expect("in range")
                .to_string()
        })
        .collect();
    assert_eq!(
        utc,
        [
            "2024-05-01T09:00:00Z",
            "2024-05-01T09:59:59.999999999Z",
            "2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00.5Z",
            "2024-05-01T10:00:01Z",
        ]
    );
    assert!(dto("2024-05-01T12:00:00+02:00") < dto("2024-05-01T11:00:00+00:30"));
}

#[test]
fn fractions_keep_their_digits_up_to_nine() {
    for (text, nanos, back) in [
        (
            "2024-05-01T10:00:00.1Z",
            100_000_000,
            "2024-05-01T10:00:00.1Z",
        ),
        (
            "2024-05-01T10:00:00.000000000Z",
            0,
            "2024-05-01T10:00:00.000000000Z",
        ),
        // More than nine digits: truncated to nanoseconds, written with nine.
        (
            "2024-05-01T10:00:00.1234567891Z",
            123_456_789,
            "2024-05-01T10:00:00.123456789Z",
        ),
        (
            "2024-05-01T10:00:00.99999999999999Z",
            999_999_999,
            "2024-05-01T10:00:00.999999999Z",
        ),
    ] {
        let v = dto(text);
        assert_eq!(v.nanosecond(), nanos, "{text}");
        assert_eq!(v.to_string(), back);
    }
    let made = DateTimeOffset::from_unix_timestamp(0, 120_000).expect("made");
    assert_eq!(made.to_string(), "1970-01-01T00:00:00.00012Z");
}

#[test]
fn dates_from_parts() {
    let d = Date::from_ymd(2000, 2, 29).expect("leap day");
    assert_eq!((d.year(), d.month(), d.day()), (2000, 2, 29));
    assert_eq!(d, "2000-02-29".parse().expect("text"));
    assert_eq!(
        Date::from_ymd(0, 1, 1).map(|d| d.to_string()).as_deref(),
        Some("0000-01-01")
    );
    assert_eq!(
        Date::from_ymd(9999, 12, 31)
            .map(|d| d.to_string())
            .as_deref(),
        Some("9999-12-31")
    );
    for (y, m, d) in [
        (-1, 1, 1),
        (10_000, 1, 1),
        (2023, 2, 29),
        (2024, 0, 1),
        (2024, 13, 1),
        (2024, 6, 31),
        (2024, 1, 0),
    ] {
        assert_eq!(Date::from_ymd(y, m, d), None, "{y}-{m}-{d}");
    }
    assert!(Date::from_ymd(2024, 1, 31) < Date::from_ymd(2024, 2, 1));
    assert!(Date::from_ymd(999, 12, 31) < Date::from_ymd(1000, 1, 1));
    assert_eq!(format!("{d:?}"), "Date(2000-02-29)");
    assert_eq!(
        format!("{:?}", dto("2024-05-01T10:00:00.50+02:00")),
        "DateTimeOffset(2024-05-01T10:00:00.50+02:00)"
    );
}

#[test]
fn system_time_conversions() {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    for text in [
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.25Z",
        "2024-05-01T10:00:00.123456789Z",
    ] {
        let v = dto(text);
        let t = SystemTime::try_from(v).expect(text);
        let back = DateTimeOffset::try_from(t).expect(text);
        assert_eq!(back, v);
    }
    let t = UNIX_EPOCH - Duration::new(1, 750_000_000);
    let v = DateTimeOffset::try_from(t).expect("before 1970");
    assert_eq!((v.unix_timestamp(), v.nanosecond()), (-2, 250_000_000));
    let far = UNIX_EPOCH + Duration::from_secs(300_000_000_000);
    assert_eq!(DateTimeOffset::try_from(far), Err(RangeError));
    let now = DateTimeOffset::now_utc();
    let later = DateTimeOffset::try_from(SystemTime::now()).expect("now");
    assert!(now <= later && now.offset_minutes() == 0);
}
