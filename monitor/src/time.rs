//! RFC 3339 timestamps with nanoseconds, always UTC and written `+00:00` (as conmon writes
//! k8s-file records), computed by hand from the system clock (no chrono in the monitor). The
//! one format and parser of the workspace: log records, the exit file and ctl's records.

use std::time::{SystemTime, UNIX_EPOCH};

/// Length of a timestamp: `2026-11-22T22:46:51.123456789+00:00`.
pub const TIMESTAMP_LEN: usize = 35;

/// Days since 1970-01-01 → (year, month 1-12, day 1-31). Howard Hinnant's `civil_from_days`.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// (year, month 1-12, day 1-31) → days since 1970-01-01. The inverse of [`civil_from_days`].
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn put(out: &mut [u8], mut v: u64, width: usize) {
    for i in (0..width).rev() {
        out[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
}

/// Formats seconds + nanoseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+00:00`.
pub fn format_timestamp(secs: i64, nanos: u32) -> [u8; TIMESTAMP_LEN] {
    let mut b = *b"0000-00-00T00:00:00.000000000+00:00";
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400) as u64;
    put(&mut b[0..4], y.clamp(0, 9999) as u64, 4);
    put(&mut b[5..7], u64::from(m), 2);
    put(&mut b[8..10], u64::from(d), 2);
    put(&mut b[11..13], rem / 3600, 2);
    put(&mut b[14..16], rem / 60 % 60, 2);
    put(&mut b[17..19], rem % 60, 2);
    put(&mut b[20..29], u64::from(nanos.min(999_999_999)), 9);
    b
}

/// Seconds and nanoseconds since the epoch, now.
pub fn now() -> (i64, u32) {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
        Err(e) => {
            // Before 1970: represent as negative seconds with a positive nanosecond part.
            let d = e.duration();
            let (s, n) = (d.as_secs() as i64, d.subsec_nanos());
            if n == 0 {
                (-s, 0)
            } else {
                (-s - 1, 1_000_000_000 - n)
            }
        }
    }
}

/// The current time as a timestamp.
pub fn now_timestamp() -> [u8; TIMESTAMP_LEN] {
    let (s, n) = now();
    format_timestamp(s, n)
}

/// The current time as a timestamp string (the exit file, ctl's records).
pub fn now_string() -> String {
    let (s, n) = now();
    timestamp_string(s, n)
}

/// [`format_timestamp`] as a String.
pub fn timestamp_string(secs: i64, nanos: u32) -> String {
    String::from_utf8_lossy(&format_timestamp(secs, nanos)).into_owned()
}

fn num(s: &[u8]) -> Option<u64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0u64, |a, c| a * 10 + u64::from(c - b'0')))
}

/// Parses an RFC 3339 timestamp (`T` separator, optional fraction, `Z` or `±HH:MM` offset)
/// into seconds and nanoseconds since the epoch (UTC). Digits past nanoseconds are dropped.
pub fn parse_timestamp(s: &str) -> Option<(i64, u32)> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let (y, mo, d) = (num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?);
    let (h, mi, se) = (num(&b[11..13])?, num(&b[14..16])?, num(&b[17..19])?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = &b[19..];
    let mut nanos = 0u32;
    if rest.first() == Some(&b'.') {
        let digits = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        let kept = digits.min(9);
        let frac = num(&rest[1..1 + kept])? as u32;
        nanos = frac * 10u32.pow(9 - kept as u32);
        rest = &rest[1 + digits..];
    }
    let offset: i64 = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), oh @ .., b':', m1, m2] if oh.len() == 2 => {
            let v = (num(oh)? * 60 + num(&[*m1, *m2])?) as i64 * 60;
            if *sign == b'-' {
                -v
            } else {
                v
            }
        }
        _ => return None,
    };
    let days = days_from_civil(y as i64, mo as u32, d as u32);
    let secs = days * 86_400 + (h * 3600 + mi * 60 + se) as i64 - offset;
    Some((secs, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(
            &format_timestamp(0, 0),
            b"1970-01-01T00:00:00.000000000+00:00"
        );
        // 2026-11-22T22:46:51.123456789Z
        let secs = days_from_civil(2026, 11, 22) * 86_400 + 22 * 3600 + 46 * 60 + 51;
        assert_eq!(
            &format_timestamp(secs, 123_456_789),
            b"2026-11-22T22:46:51.123456789+00:00"
        );
        assert_eq!(
            &format_timestamp(951_782_400, 5),
            b"2000-02-29T00:00:00.000000005+00:00"
        );
    }

    #[test]
    fn parses_what_it_writes_and_offsets() {
        let (s, n) = now();
        assert_eq!(parse_timestamp(&timestamp_string(s, n)), Some((s, n)));
        assert_eq!(parse_timestamp("1970-01-01T01:00:00+01:00"), Some((0, 0)));
        assert_eq!(
            parse_timestamp("1970-01-01T00:00:00.5Z"),
            Some((0, 500_000_000))
        );
        assert_eq!(parse_timestamp("1969-12-31T23:00:00-01:00"), Some((0, 0)));
        // chrono wrote ctl's records before: `Z`, nanoseconds.
        assert_eq!(
            parse_timestamp("2026-11-22T22:46:51.123456789Z"),
            parse_timestamp("2026-11-22T22:46:51.123456789+00:00")
        );
        assert_eq!(
            parse_timestamp("1970-01-01T00:00:01.1234567891Z"),
            Some((1, 123_456_789))
        );
        assert_eq!(parse_timestamp("1970-01-01T00:00:00.Z"), None);
        assert_eq!(parse_timestamp("1970-01-01T00:00:00"), None);
        assert_eq!(parse_timestamp("1970-13-01T00:00:00Z"), None);
        assert_eq!(parse_timestamp("garbage"), None);
    }
}
