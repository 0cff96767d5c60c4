//! The edm parsers: every invalid field named, and no input panics.

use super::*;

/// Each invalid field is refused, naming the field and the byte where reading stopped.
#[test]
fn invalid_fields_are_named() {
    for (text, field, at, message) in [
        (
            "",
            "year",
            0,
            "expected 4 digits of the year at byte 0, found the end of the text",
        ),
        (
            "24-05-01T10:00:00Z",
            "year",
            2,
            "expected 4 digits of the year at byte 2, found '-'",
        ),
        (
            "2024/05-01T10:00:00Z",
            "date separator",
            4,
            "expected '-' after the year at byte 4, found '/'",
        ),
        (
            "2024-13-01T10:00:00Z",
            "month",
            5,
            "month 13 out of range 01-12 at byte 5",
        ),
        (
            "2024-00-01T10:00:00Z",
            "month",
            5,
            "month 00 out of range 01-12 at byte 5",
        ),
        (
            "2024-5-01T10:00:00Z",
            "month",
            6,
            "expected 2 digits of the month at byte 6, found '-'",
        ),
        (
            "2024-05-32T10:00:00Z",
            "day",
            8,
            "day 32 out of range 01-31 at byte 8",
        ),
        (
            "2024-05-00T10:00:00Z",
            "day",
            8,
            "day 00 out of range 01-31 at byte 8",
        ),
        (
            "2023-02-29T10:00:00Z",
            "day",
            8,
            "day 29 out of range 01-28 (2023-02) at byte 8",
        ),
        (
            "1900-02-29T10:00:00Z",
            "day",
            8,
            "day 29 out of range 01-28 (1900-02) at byte 8",
        ),
        (
            "2024-04-31T10:00:00Z",
            "day",
            8,
            "day 31 out of range 01-30 (2024-04) at byte 8",
        ),
        (
            "2024-05-01 10:00:00Z",
            "date-time separator",
            10,
            "expected 'T' between the date and the time at byte 10, found ' '",
        ),
        (
            "2024-05-01",
            "date-time separator",
            10,
            "expected 'T' between the date and the time at byte 10, found the end of the text",
        ),
        (
            "2024-05-01T24:00:00Z",
            "hour",
            11,
            "hour 24 out of range 00-23 at byte 11",
        ),
        (
            "2024-05-01T10-00:00Z",
            "time separator",
            13,
            "expected ':' after the hour at byte 13, found '-'",
        ),
        (
            "2024-05-01T10:60:00Z",
            "minute",
            14,
            "minute 60 out of range 00-59 at byte 14",
        ),
        (
            "2024-05-01T10:00:60Z",
            "second",
            17,
            "second 60 out of range 00-59 at byte 17",
        ),
        (
            "2024-05-01T10:00:0Z",
            "second",
            18,
            "expected 2 digits of the second at byte 18, found 'Z'",
        ),
        (
            "2024-05-01T10:00:00.Z",
            "fraction",
            20,
            "expected a digit after '.' at byte 20, found 'Z'",
        ),
        (
            "2024-05-01T10:00:00",
            "offset",
            19,
            "expected 'Z' or a UTC offset such as +02:00 at byte 19, found the end of the text",
        ),
        (
            "2024-05-01T10:00:00 Z",
            "offset",
            19,
            "expected 'Z' or a UTC offset such as +02:00 at byte 19, found ' '",
        ),
        (
            "2024-05-01T10:00:00+24:00",
            "offset hour",
            20,
            "offset hour 24 out of range 00-23 at byte 20",
        ),
        (
            "2024-05-01T10:00:00+0200",
            "offset",
            22,
            "expected ':' in the offset at byte 22, found '0'",
        ),
        (
            "2024-05-01T10:00:00+02:60",
            "offset minute",
            23,
            "offset minute 60 out of range 00-59 at byte 23",
        ),
        (
            "2024-05-01T10:00:00+02",
            "offset",
            22,
            "expected ':' in the offset at byte 22, found the end of the text",
        ),
        (
            "2024-05-01T10:00:00Zx",
            "end",
            20,
            "expected the end of the text at byte 20, found 'x'",
        ),
        (
            "2024-05-01T10:00:00+02:00\n",
            "end",
            25,
            "expected the end of the text at byte 25, found byte 0x0a",
        ),
        (
            "2024-05-01T10:00:00\u{e9}",
            "offset",
            19,
            "expected 'Z' or a UTC offset such as +02:00 at byte 19, found byte 0xc3",
        ),
        (
            "+2024-05-01T10:00:00Z",
            "year",
            0,
            "expected 4 digits of the year at byte 0, found '+'",
        ),
    ] {
        let err = text.parse::<DateTimeOffset>().expect_err(text);
        assert_eq!((err.field(), err.position()), (field, at), "{text}: {err}");
        assert_eq!(err.to_string(), message, "{text}");
    }
    for (text, field, at) in [
        ("2024-05-01x", "end", 10),
        ("2024-05-01T00:00:00Z", "end", 10),
        ("+2024-05-01", "year", 0),
        ("-0001-05-01", "year", 0),
        ("20240-05-01", "date separator", 4),
        ("2024-02-30", "day", 8),
        ("2024-5-1", "month", 6),
    ] {
        let err = text.parse::<Date>().expect_err(text);
        assert_eq!((err.field(), err.position()), (field, at), "{text}: {err}");
    }
    let err =
        serde_json::from_str::<DateTimeOffset>(r#""2024-13-01T00:00:00Z""#).expect_err("month 13");
    assert!(
        err.to_string().starts_with(
            r#"invalid value "2024-13-01T00:00:00Z": month 13 out of range 01-12 at byte 5"#
        ),
        "{err}"
    );
    let err = serde_json::from_str::<Date>(r#""2023-02-29""#).expect_err("no leap day");
    assert!(
        err.to_string().starts_with(
            r#"invalid value "2023-02-29": day 29 out of range 01-28 (2023-02) at byte 8"#
        ),
        "{err}"
    );
}

/// A tiny deterministic generator (xorshift), so the mangled inputs are the same every run.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Mangled and random inputs never panic; whatever parses writes back text that parses to the
/// same instant and is written the same.
#[test]
fn no_input_panics() {
    let seeds = [
        "2024-05-01T10:00:00.1234567Z",
        "0000-01-01T00:00:00+23:59",
        "9999-12-31T23:59:59.999999999-23:59",
        "2024-02-29t00:00:00z",
        "2024-02-29",
        "",
    ];
    let alphabet = b"0123456789-:.TtZz+ \xc3\xa9x9";
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut parsed = 0;
    for round in 0..60_000 {
        let seed = seeds[round % seeds.len()];
        let mut bytes = seed.as_bytes().to_vec();
        for _ in 0..=(next(&mut state) % 3) {
            let at = (next(&mut state) as usize) % (bytes.len() + 1);
            let b = alphabet[(next(&mut state) as usize) % alphabet.len()];
            match next(&mut state) % 4 {
                0 if at < bytes.len() => bytes[at] = b,
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                2 => bytes.truncate(at),
                _ => bytes.insert(at, b),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(v) = text.parse::<DateTimeOffset>() {
            parsed += 1;
            let written = v.to_string();
            let again: DateTimeOffset = written.parse().expect(&written);
            assert_eq!(again, v, "{text}");
            assert_eq!(again.to_string(), written);
        }
        if let Ok(d) = text.parse::<Date>() {
            assert_eq!(d.to_string().parse::<Date>(), Ok(d));
        }
    }
    assert!(
        parsed > 1000,
        "only {parsed} parsed: the mangling is too strong"
    );
    // Random instants and offsets write text that reads back the same.
    for _ in 0..20_000 {
        let secs = -62_167_219_200 + (next(&mut state) % 315_569_520_000) as i64;
        let nanos = (next(&mut state) % 1_000_000_000) as u32;
        let offset = (next(&mut state) % 2879) as i16 - 1439;
        let Some(v) =
            DateTimeOffset::from_unix_timestamp(secs, nanos).and_then(|v| v.to_offset(offset))
        else {
            continue;
        };
        let written = v.to_string();
        let again: DateTimeOffset = written.parse().expect(&written);
        assert_eq!((again.unix_timestamp(), again.nanosecond()), (secs, nanos));
        assert_eq!(again.offset_minutes(), offset);
    }
}
