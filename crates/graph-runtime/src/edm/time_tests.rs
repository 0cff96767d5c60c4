//! The `time` conversions agree with `time` itself (feature `time`).

use time::format_description::well_known::Rfc3339;

use super::*;

/// xorshift: the same instants every run.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// On a few thousand instants and offsets: our text is what `time` reads, `time`'s text is what
/// we read, and the conversions keep the instant and the offset both ways.
#[test]
fn agrees_with_time() {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..5_000 {
        let secs = -62_167_219_200 + (next(&mut state) % 315_569_520_000) as i64;
        let nanos = match next(&mut state) % 3 {
            0 => 0,
            1 => (next(&mut state) % 1000) as u32 * 1_000_000,
            _ => (next(&mut state) % 1_000_000_000) as u32,
        };
        let minutes = (next(&mut state) % 2879) as i16 - 1439;
        let Some(ours) =
            DateTimeOffset::from_unix_timestamp(secs, nanos).and_then(|v| v.to_offset(minutes))
        else {
            continue;
        };
        let theirs = time::OffsetDateTime::from_unix_timestamp(secs)
            .expect("in time's range")
            .replace_nanosecond(nanos)
            .expect("nanos")
            .to_offset(
                time::UtcOffset::from_whole_seconds(i32::from(minutes) * 60).expect("offset"),
            );
        // Conversions.
        assert_eq!(ours.get(), theirs);
        assert_eq!(ours.get().offset(), theirs.offset());
        let back = DateTimeOffset::new(theirs);
        assert_eq!(back, ours);
        assert_eq!(back.offset_minutes(), minutes);
        // Text both ways.
        let ours_text = ours.to_string();
        let theirs_text = theirs.format(&Rfc3339).expect("time formats it");
        assert_eq!(ours_text, theirs_text);
        let read_by_time = time::OffsetDateTime::parse(&ours_text, &Rfc3339).expect(&ours_text);
        assert_eq!(read_by_time, theirs);
        assert_eq!(read_by_time.offset(), theirs.offset());
        let read_by_us: DateTimeOffset = theirs_text.parse().expect(&theirs_text);
        assert_eq!(read_by_us.get(), theirs);
        // Dates.
        let date = theirs.date();
        let ours_date = Date::new(date);
        assert_eq!(
            (ours_date.year(), ours_date.month(), ours_date.day()),
            (date.year(), u8::from(date.month()), date.day())
        );
        assert_eq!(ours_date.get(), date);
        let text = ours_date.to_string();
        assert_eq!(text.parse::<Date>().map(Date::get), Ok(date));
    }
}

/// A parsed value whose UTC year is outside 0000-9999 still converts (through its local time).
#[test]
fn edges_convert() {
    for text in [
        "9999-12-31T23:59:59.999999999-23:59",
        "0000-01-01T00:00:00+23:59",
    ] {
        let ours: DateTimeOffset = text.parse().expect(text);
        let theirs = time::OffsetDateTime::parse(text, &Rfc3339).expect(text);
        assert_eq!(ours.get(), theirs);
        assert_eq!(ours.get().offset(), theirs.offset());
        assert_eq!(DateTimeOffset::from(theirs), ours);
    }
}

/// `time` values RFC 3339 cannot write are kept and refused when written, as `time` does.
#[test]
fn unwritable_time_values() {
    let odd_offset = time::OffsetDateTime::UNIX_EPOCH
        .to_offset(time::UtcOffset::from_hms(1, 0, 30).expect("offset"));
    let v = DateTimeOffset::from(odd_offset);
    assert_eq!(time::OffsetDateTime::from(v), odd_offset);
    assert_eq!(v.get().offset(), odd_offset.offset());
    let err = serde_json::to_string(&v).expect_err("offset seconds");
    assert!(err.to_string().contains("the offset has seconds"), "{err}");
    let early = time::Date::from_calendar_date(-5, time::Month::March, 1)
        .expect("date")
        .midnight()
        .assume_utc();
    let v = DateTimeOffset::new(early);
    assert_eq!(v.get(), early);
    let err = serde_json::to_string(&v).expect_err("year -5");
    assert!(
        err.to_string().contains("the year is outside 0000-9999"),
        "{err}"
    );
    // A negative year of a date is written with a sign, as `time` writes it.
    let d = Date::from(time::Date::from_calendar_date(-5, time::Month::March, 1).expect("date"));
    assert_eq!(d.to_string(), "-0005-03-01");
    assert_eq!(d.year(), -5);
}
