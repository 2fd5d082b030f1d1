//! [`Timestamp`]: an instant, written as RFC 3339 with nanoseconds, always UTC and `+00:00`
//! (as conmon writes k8s-file records), computed by hand from the system clock (no chrono in
//! the monitor). The one timestamp type, format and parser of the workspace: log records, the
//! exit file and ctl's records hold a `Timestamp`, and parse and print it only here.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

const NANOS_PER_SEC: u32 = 1_000_000_000;

/// An instant: seconds and nanoseconds since 1970-01-01T00:00:00 UTC, the nanoseconds always
/// below one second (so the derived order is the order in time). Written and read as the one
/// timestamp text of the workspace (see the module); in JSON records, as that string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

impl Timestamp {
    /// 1970-01-01T00:00:00 UTC.
    pub const UNIX_EPOCH: Timestamp = Timestamp { secs: 0, nanos: 0 };

    /// `secs` and `nanos` since the epoch; nanoseconds of a second or more carry into the
    /// seconds.
    pub const fn new(secs: i64, nanos: u32) -> Timestamp {
        Timestamp {
            secs: secs.saturating_add((nanos / NANOS_PER_SEC) as i64),
            nanos: nanos % NANOS_PER_SEC,
        }
    }

    /// Now, from the system clock.
    pub fn now() -> Timestamp {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => Timestamp::new(d.as_secs() as i64, d.subsec_nanos()),
            // Before 1970: negative seconds with a positive nanosecond part.
            Err(e) => Timestamp::from_nanos(-(e.duration().as_nanos() as i128)),
        }
    }

    /// Whole seconds since the epoch (rounded down: -0.5 s is -1 s + 500 ms).
    pub const fn secs(self) -> i64 {
        self.secs
    }

    /// The nanoseconds past [`Timestamp::secs`], below one second.
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Nanoseconds since the epoch.
    pub const fn as_nanos(self) -> i128 {
        self.secs as i128 * NANOS_PER_SEC as i128 + self.nanos as i128
    }

    /// The instant `nanos` nanoseconds after the epoch (saturating where seconds overflow).
    pub fn from_nanos(nanos: i128) -> Timestamp {
        let n = i128::from(NANOS_PER_SEC);
        let secs = nanos
            .div_euclid(n)
            .clamp(i128::from(i64::MIN), i128::from(i64::MAX));
        Timestamp {
            secs: secs as i64,
            nanos: nanos.rem_euclid(n) as u32,
        }
    }

    /// Whole seconds from `earlier` to `self`, cut toward zero (negative when `earlier` is
    /// the later one): what "5 minutes ago" counts.
    pub fn seconds_since(self, earlier: Timestamp) -> i64 {
        let d = (self.as_nanos() - earlier.as_nanos()) / i128::from(NANOS_PER_SEC);
        d.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }

    /// The text, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+00:00`, without allocating (the years are
    /// kept to 0000-9999).
    pub fn encode(self) -> [u8; TIMESTAMP_LEN] {
        let mut b = *b"0000-00-00T00:00:00.000000000+00:00";
        let (y, m, d) = civil_from_days(self.secs.div_euclid(86_400));
        let rem = self.secs.rem_euclid(86_400) as u64;
        put(&mut b[0..4], y.clamp(0, 9999) as u64, 4);
        put(&mut b[5..7], u64::from(m), 2);
        put(&mut b[8..10], u64::from(d), 2);
        put(&mut b[11..13], rem / 3600, 2);
        put(&mut b[14..16], rem / 60 % 60, 2);
        put(&mut b[17..19], rem % 60, 2);
        put(&mut b[20..29], u64::from(self.nanos), 9);
        b
    }

    /// RFC 3339 (`T` separator, optional fraction, `Z` or `±HH:MM` offset) → the instant, in
    /// UTC. Digits past nanoseconds are dropped.
    fn parse_rfc3339(s: &str) -> Option<Timestamp> {
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
        Some(Timestamp { secs, nanos })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.encode();
        f.pad(std::str::from_utf8(&b).map_err(|_| fmt::Error)?)
    }
}

/// The text given to [`Timestamp::from_str`] is no RFC 3339 timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseTimestampError;

impl fmt::Display for ParseTimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an RFC 3339 timestamp (such as 2026-11-22T22:46:51.123456789+00:00)")
    }
}

impl std::error::Error for ParseTimestampError {}

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    fn from_str(s: &str) -> Result<Timestamp, ParseTimestampError> {
        Timestamp::parse_rfc3339(s).ok_or(ParseTimestampError)
    }
}

/// As its text: a record holding one is the same bytes a `String` field made. For ctl's
/// decoders; the monitor binary writes its JSON by hand.
impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.encode();
        s.serialize_str(std::str::from_utf8(&b).map_err(serde::ser::Error::custom)?)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 timestamp")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse_rfc3339(v)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(Text)
    }
}

/// For `#[serde(deserialize_with)]` on an optional timestamp that other programs write (an
/// image config's `created`, a network file): text that is no timestamp reads as absent
/// rather than making the whole record unreadable. Anything but a string or null still fails.
pub fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.and_then(|s| Timestamp::parse_rfc3339(&s)))
}

fn num(s: &[u8]) -> Option<u64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0u64, |a, c| a * 10 + u64::from(c - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64, nanos: u32) -> Timestamp {
        Timestamp::new(secs, nanos)
    }

    fn parse(s: &str) -> Option<Timestamp> {
        s.parse().ok()
    }

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
            &Timestamp::UNIX_EPOCH.encode(),
            b"1970-01-01T00:00:00.000000000+00:00"
        );
        // 2026-11-22T22:46:51.123456789Z
        let secs = days_from_civil(2026, 11, 22) * 86_400 + 22 * 3600 + 46 * 60 + 51;
        assert_eq!(
            at(secs, 123_456_789).to_string(),
            "2026-11-22T22:46:51.123456789+00:00"
        );
        assert_eq!(
            &at(951_782_400, 5).encode(),
            b"2000-02-29T00:00:00.000000005+00:00"
        );
        assert_eq!(
            at(-1, 999_999_999).to_string(),
            "1969-12-31T23:59:59.999999999+00:00"
        );
    }

    #[test]
    fn parses_what_it_writes_and_offsets() {
        let now = Timestamp::now();
        assert_eq!(parse(&now.to_string()), Some(now));
        assert_eq!(
            parse("1970-01-01T01:00:00+01:00"),
            Some(Timestamp::UNIX_EPOCH)
        );
        assert_eq!(parse("1970-01-01T00:00:00.5Z"), Some(at(0, 500_000_000)));
        assert_eq!(parse("1969-12-31T23:00:00-01:00"), Some(at(0, 0)));
        // chrono wrote ctl's records before: `Z`, nanoseconds.
        assert_eq!(
            parse("2026-11-22T22:46:51.123456789Z"),
            parse("2026-11-22T22:46:51.123456789+00:00")
        );
        assert_eq!(
            parse("1970-01-01T00:00:01.1234567891Z"),
            Some(at(1, 123_456_789))
        );
        assert_eq!(parse("1970-01-01T00:00:00.Z"), None);
        assert_eq!(parse("1970-01-01T00:00:00"), None);
        assert_eq!(parse("1970-13-01T00:00:00Z"), None);
        assert_eq!("garbage".parse::<Timestamp>(), Err(ParseTimestampError));
    }

    #[test]
    fn nanoseconds_carry_and_order_follows_time() {
        assert_eq!(at(1, 1_500_000_000), at(2, 500_000_000));
        assert_eq!(Timestamp::from_nanos(-1), at(-1, 999_999_999));
        assert_eq!(Timestamp::from_nanos(at(-3, 7).as_nanos()), at(-3, 7));
        assert!(at(-1, 999_999_999) < Timestamp::UNIX_EPOCH);
        assert!(at(5, 1) > at(5, 0) && at(5, 0) > at(4, 999_999_999));
        assert_eq!(at(12, 100_000_000).seconds_since(at(10, 900_000_000)), 1);
        assert_eq!(at(9, 0).seconds_since(at(10, 0)), -1);
        assert_eq!(at(9, 500_000_000).seconds_since(at(10, 0)), 0);
    }

    #[test]
    fn serde_is_the_text() {
        let t = parse("2026-11-22T22:46:51.123456789+00:00").unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2026-11-22T22:46:51.123456789+00:00\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
        let zulu: Timestamp = serde_json::from_str("\"2026-11-22T22:46:51.123456789Z\"").unwrap();
        assert_eq!(zulu, t);
        let e = serde_json::from_str::<Timestamp>("\"yesterday\"").unwrap_err();
        assert!(e.to_string().contains("RFC 3339"), "{e}");
        assert!(serde_json::from_str::<Timestamp>("12").is_err());

        #[derive(Deserialize)]
        struct Foreign {
            #[serde(default, deserialize_with = "deserialize_lenient")]
            created: Option<Timestamp>,
        }
        let read = |s: &str| serde_json::from_str::<Foreign>(s).map(|f| f.created);
        assert_eq!(
            read(r#"{"created":"2026-11-22T23:46:51.123456789+01:00"}"#).unwrap(),
            Some(t)
        );
        assert_eq!(read(r#"{"created":"last week"}"#).unwrap(), None);
        assert_eq!(read(r#"{"created":null}"#).unwrap(), None);
        assert_eq!(read("{}").unwrap(), None);
        assert!(read(r#"{"created":3}"#).is_err());
    }
}
