//! When and how long to wait before retrying.

use std::time::{Duration, SystemTime};

/// How [`crate::Client::send`] retries throttled or unavailable responses.
///
/// Responses with status 429 (Too Many Requests), 503 (Service Unavailable)
/// and 504 (Gateway Timeout) are retried. The wait honours the response's
/// `Retry-After` header (delta seconds or an HTTP date), capped at
/// [`max_delay`](RetryPolicy::max_delay); without a usable `Retry-After` it is
/// an exponential backoff from [`base_delay`](RetryPolicy::base_delay) with
/// jitter.
///
/// **The floor.** A `Retry-After` shorter than `base_delay` (`0`, or an HTTP
/// date already past) counts as absent: the wait is the backoff, so never
/// shorter than `base_delay / 2` (500 ms by default; `max_delay` when that
/// is smaller), and jittered, so that
/// clients told to come back at once do not all come back together. A server
/// answering `Retry-After: 0` to every attempt thus costs at least
/// `max_retries * base_delay / 2` before the error, not a burst of requests.
/// (Kiota's retry handler likewise falls back to its backoff when there is no
/// usable `Retry-After`.) When the next wait would push the sum of waits past
/// [`max_total_wait`](RetryPolicy::max_total_wait), or after
/// [`max_retries`](RetryPolicy::max_retries) retries, the last response's
/// error is returned. Transport errors and timeouts are not retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a request is retried (so at most `max_retries + 1`
    /// attempts). Default 3.
    pub max_retries: u32,
    /// The first backoff delay; it doubles with each retry. Default 1 s.
    pub base_delay: Duration,
    /// The cap on any single wait, including one asked for by `Retry-After`.
    /// Default 60 s.
    pub max_delay: Duration,
    /// The cap on the sum of all waits of one request. Default 180 s.
    pub max_total_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            max_total_wait: Duration::from_secs(180),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Whether a response with this status may be retried.
    pub fn is_retryable_status(status: u16) -> bool {
        matches!(status, 429 | 503 | 504)
    }

    /// The wait before retry number `retry` (1-based), given the response's
    /// parsed `Retry-After` delay if it had a valid one.
    /// A `Retry-After` below `base_delay` counts as absent (see "The floor").
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        match self.honoured(retry_after) {
            Some(d) => d.min(self.max_delay),
            None => self.backoff(retry),
        }
    }

    /// The `Retry-After` delay the wait follows: `None` when absent or below `base_delay`.
    pub(crate) fn honoured(&self, retry_after: Option<Duration>) -> Option<Duration> {
        retry_after.filter(|d| *d >= self.base_delay)
    }

    /// Exponential backoff with "equal jitter": half the exponential delay
    /// plus a random part of up to the other half, never above `max_delay`.
    fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let full = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        let half = full / 2;
        let jitter = Duration::try_from_secs_f64((full - half).as_secs_f64() * fastrand::f64())
            .unwrap_or(Duration::ZERO);
        half.saturating_add(jitter).min(full)
    }
}

/// Parses a `Retry-After` header value: delta seconds or an HTTP date
/// (relative to `now`; a date in the past means no wait).
///
/// `None` for a value that is neither. A huge number of seconds gives a huge
/// duration (callers cap it), never an overflow.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds() {
        let now = SystemTime::now();
        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
    }

    #[test]
    fn retry_after_http_date() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").expect("date");
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        // In the past: retry at once.
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn retry_after_garbage() {
        let now = SystemTime::now();
        for v in [
            "",
            "  ",
            "soon",
            "-5",
            "1.5",
            "1e3",
            "Wed, 99 Foo 2015",
            "\u{1f600}",
        ] {
            assert_eq!(parse_retry_after(v, now), None, "{v:?}");
        }
    }

    #[test]
    fn retry_after_huge_is_capped() {
        let now = SystemTime::now();
        let huge = parse_retry_after("99999999999999999999999999", now).expect("parsed");
        assert_eq!(huge, Duration::from_secs(u64::MAX));
        let day = parse_retry_after("86400", now).expect("parsed");
        let p = RetryPolicy::default();
        // Below `base_delay` (0 included): the backoff, at least half of `base_delay`.
        for short in [Duration::ZERO, Duration::from_millis(999)] {
            let d = p.delay(1, Some(short));
            assert!(d >= p.base_delay / 2 && d <= p.base_delay, "{d:?}");
            assert_eq!(p.honoured(Some(short)), None);
        }
        assert_eq!(p.delay(1, Some(huge)), p.max_delay);
        assert_eq!(p.delay(1, Some(day)), p.max_delay);
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        // An HTTP date a year ahead is capped the same way.
        let later = httpdate::fmt_http_date(now + Duration::from_secs(365 * 86400));
        let far = parse_retry_after(&later, now).expect("parsed");
        assert!(far > Duration::from_secs(364 * 86400));
        assert_eq!(p.delay(1, Some(far)), p.max_delay);
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        let p = RetryPolicy {
            max_retries: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            max_total_wait: Duration::from_secs(10),
        };
        for _ in 0..50 {
            let d1 = p.delay(1, None);
            assert!(
                d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100),
                "{d1:?}"
            );
            let d3 = p.delay(3, None);
            assert!(
                d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400),
                "{d3:?}"
            );
            let d30 = p.delay(30, None);
            assert!(
                d30 >= Duration::from_millis(500) && d30 <= Duration::from_secs(1),
                "{d30:?}"
            );
            assert!(p.delay(u32::MAX, None) <= Duration::from_secs(1));
        }
        assert_eq!(RetryPolicy::none().max_retries, 0);
        assert!(RetryPolicy::is_retryable_status(429));
        assert!(RetryPolicy::is_retryable_status(503));
        assert!(RetryPolicy::is_retryable_status(504));
        assert!(!RetryPolicy::is_retryable_status(500));
        assert!(!RetryPolicy::is_retryable_status(404));
    }
}
