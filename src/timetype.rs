//! The times podman takes on its command line, parsed as podman parses them. Two parsers,
//! as podman has two:
//!
//! - [`filter_time`]: containers/common's `timetype.GetTimestamp`, for filters (`until`)
//!   — a Go duration before now, an RFC 3339 time or date (local time when it names no
//!   zone), or unix seconds with a fraction.
//! - [`logs_time`]: podman's `util.ParseInputTime`, for `logs --since/--until` — an RFC 3339
//!   time or date (UTC when it names no zone), unix seconds (a float), or a Go duration:
//!   before now for `--since`, after now for `--until`.
//!
//! Both take `date --iso-8601=ns` stamps (a comma before the fraction), as Go's parser does.
//! Times are seconds and nanoseconds since the epoch.

/// Seconds and nanoseconds since the epoch, UTC.
pub type Time = (i64, u32);

const NANOS: i128 = 1_000_000_000;

/// Now, as a [`Time`].
pub fn now() -> Time {
    let t = ctl_monitor::time::Timestamp::now();
    (t.secs(), t.subsec_nanos())
}

/// A [`Timestamp`](ctl_monitor::time::Timestamp) as a [`Time`].
pub fn of(t: ctl_monitor::time::Timestamp) -> Time {
    (t.secs(), t.subsec_nanos())
}

/// An RFC 3339 stamp as a [`Time`].
pub fn parse_rfc3339(s: &str) -> Option<Time> {
    s.parse::<ctl_monitor::time::Timestamp>().ok().map(of)
}

fn from_nanos(n: i128) -> Time {
    (n.div_euclid(NANOS) as i64, n.rem_euclid(NANOS) as u32)
}

fn to_nanos(t: Time) -> i128 {
    i128::from(t.0) * NANOS + i128::from(t.1)
}

/// Go's `time.ParseDuration`, in nanoseconds: `[-+]?([0-9]*(\.[0-9]*)?unit)+` with units ns,
/// us (µs), ms, s, m, h; "0" alone is zero.
pub fn go_duration(s: &str) -> Option<i128> {
    let (neg, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let num = &rest[..num_len];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return None;
        }
        let value: f64 = num.parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += value * scale;
    }
    if !total.is_finite() || total > 9.3e18 {
        return None;
    }
    let n = total.round() as i128;
    Some(if neg { -n } else { n })
}

/// A zone as a time names it: UTC, an offset in seconds, or none given.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Zone {
    None,
    Offset(i64),
}

fn digits(s: &str, n: usize) -> Option<(i64, &str)> {
    let d = s.get(..n)?;
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((d.parse().ok()?, &s[n..]))
}

/// `YYYY-MM-DD[THH[:MM[:SS[(.|,)frac]]]][Z|±HH:MM]` as Go's RFC 3339 layouts (and
/// containers/common's shorter ones) take it: the civil time in nanoseconds since the
/// epoch as if it were UTC, the zone it names, and how many of hour, minute and second it
/// gives.
fn civil(s: &str) -> Result<(i128, Zone, u8), String> {
    let bad = |why: &str| format!("parsing time {s:?}: {why}");
    let (y, r) = digits(s, 4).ok_or_else(|| bad("cannot parse year"))?;
    let r = r.strip_prefix('-').ok_or_else(|| bad("expected '-'"))?;
    let (mo, r) = digits(r, 2).ok_or_else(|| bad("cannot parse month"))?;
    let r = r.strip_prefix('-').ok_or_else(|| bad("expected '-'"))?;
    let (d, mut r) = digits(r, 2).ok_or_else(|| bad("cannot parse day"))?;
    if !(1..=12).contains(&mo) {
        return Err(bad("month out of range"));
    }
    let month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let max = month_days[(mo - 1) as usize] + i64::from(mo == 2 && leap);
    if d < 1 || d > max {
        return Err(bad("day out of range"));
    }
    let (mut h, mut mi, mut sec, mut frac, mut parts) = (0, 0, 0, 0i128, 0u8);
    if let Some(t) = r.strip_prefix('T').or_else(|| r.strip_prefix('t')) {
        let (v, t) = digits(t, 2).ok_or_else(|| bad("cannot parse hour"))?;
        h = v;
        r = t;
        parts = 1;
        if let Some(t) = r.strip_prefix(':') {
            let (v, t) = digits(t, 2).ok_or_else(|| bad("cannot parse minute"))?;
            mi = v;
            r = t;
            parts = 2;
            if let Some(t) = r.strip_prefix(':') {
                let (v, t) = digits(t, 2).ok_or_else(|| bad("cannot parse second"))?;
                sec = v;
                r = t;
                parts = 3;
                if let Some(t) = r.strip_prefix('.').or_else(|| r.strip_prefix(',')) {
                    let n = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
                    if n == 0 {
                        return Err(bad("cannot parse fraction"));
                    }
                    let f = &t[..n.min(9)];
                    frac = f
                        .parse::<i128>()
                        .map_err(|_| bad("cannot parse fraction"))?
                        * 10i128.pow(9 - f.len() as u32);
                    r = &t[n..];
                }
            }
        }
        if h > 23 || mi > 59 || sec > 59 {
            return Err(bad("hour, minute or second out of range"));
        }
    }
    let zone = match r {
        "" => Zone::None,
        "Z" | "z" => Zone::Offset(0),
        z if z.starts_with('+') || z.starts_with('-') => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let (zh, t) = digits(&z[1..], 2).ok_or_else(|| bad("cannot parse zone"))?;
            let t = t.strip_prefix(':').unwrap_or(t);
            let (zm, t) = digits(t, 2).ok_or_else(|| bad("cannot parse zone"))?;
            if !t.is_empty() || zh > 23 || zm > 59 {
                return Err(bad("cannot parse zone"));
            }
            Zone::Offset(sign * (zh * 3600 + zm * 60))
        }
        extra => return Err(bad(&format!("extra text {extra:?}"))),
    };
    let days = ctl_monitor::time::days_from_civil(y, mo as u32, d as u32);
    let secs = days * 86400 + h * 3600 + mi * 60 + sec;
    Ok((i128::from(secs) * NANOS + frac, zone, parts))
}

/// The local zone's offset from UTC at `at` (seconds east), as localtime(3) says.
pub fn local_offset(at: i64) -> i64 {
    let t = at as libc::time_t;
    // SAFETY: localtime_r writes into the tm we own; both pointers are valid.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return 0;
        }
        tm.tm_gmtoff
    }
}

fn absolute(civil_nanos: i128, zone: Zone, default_offset: i64) -> Time {
    let offset = match zone {
        Zone::Offset(o) => o,
        Zone::None => default_offset,
    };
    from_nanos(civil_nanos - i128::from(offset) * NANOS)
}

/// `secs[.frac]`, as containers/common's parseTimestamp (a fraction of up to 9 digits).
fn unix_stamp(s: &str) -> Option<Time> {
    let (secs, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let secs: i64 = secs.parse().ok()?;
    let nanos = match frac {
        None => 0,
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            f.parse::<u32>().ok()? * 10u32.pow(9 - f.len() as u32)
        }
        Some(_) => return None,
    };
    Some((secs, nanos))
}

/// containers/common's `timetype.GetTimestamp` (filters' `until`): a Go duration before
/// `now` (not "0"), an RFC 3339 time or date (in `local_offset` when it names no zone), or
/// unix seconds.
pub fn filter_time(value: &str, now: Time, local_offset: i64) -> Result<Time, String> {
    if value != "0" {
        if let Some(d) = go_duration(value) {
            // As Go's Unix(): whole seconds.
            return Ok((from_nanos(to_nanos(now) - d).0, 0));
        }
    }
    match civil(value) {
        Ok((n, zone, _)) => Ok(absolute(n, zone, local_offset)),
        Err(e) if value.contains('-') => Err(e),
        Err(_) => unix_stamp(value)
            .ok_or_else(|| format!("failed to parse value as time or duration: {value:?}")),
    }
}

/// podman's `util.ParseInputTime` (`logs --since/--until`): an RFC 3339 time or date (UTC
/// when it names no zone), unix seconds (a float), or a Go duration: before `now` for
/// `since`, after it otherwise.
pub fn logs_time(value: &str, since: bool, now: Time) -> Result<Time, String> {
    // Go's layouts there: a date, or a date and time to the second.
    if let Ok((n, zone, 0 | 3)) = civil(value) {
        return Ok(absolute(n, zone, 0));
    }
    if let Ok(f) = value.parse::<f64>() {
        if f.is_finite() && f.abs() < 1e15 && !value.contains(['e', 'E', 'x', 'X', '_']) {
            let whole = f.trunc();
            let frac = ((f - whole) * 1e9) as i128;
            return Ok(from_nanos(whole as i128 * NANOS + frac));
        }
    }
    let d = go_duration(value).ok_or_else(|| "unable to interpret time value".to_string())?;
    let now = to_nanos(now);
    Ok(from_nanos(if since { now - d } else { now + d }))
}

/// Go's `time.Duration.String()` of `nanos`: `0s`, `1.5µs`, `20.386825206s`, `1h2m3s`.
pub fn go_duration_string(nanos: i128) -> String {
    let sign = if nanos < 0 { "-" } else { "" };
    let u = nanos.unsigned_abs();
    let with_frac = |whole: u128, frac: u128, digits: usize| {
        let f = format!("{frac:0digits$}");
        let f = f.trim_end_matches('0');
        if f.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{f}")
        }
    };
    if u == 0 {
        return "0s".into();
    }
    if u < 1_000_000_000 {
        let (unit, div, digits) = match u {
            0..1_000 => ("ns", 1, 0),
            1_000..1_000_000 => ("\u{b5}s", 1_000, 3),
            _ => ("ms", 1_000_000, 6),
        };
        return format!("{sign}{}{unit}", with_frac(u / div, u % div, digits));
    }
    let secs = u / 1_000_000_000;
    let mut s = format!("{}s", with_frac(secs % 60, u % 1_000_000_000, 9));
    let mins = secs / 60;
    if mins > 0 {
        s = format!("{}m{s}", mins % 60);
        let hours = mins / 60;
        if hours > 0 {
            s = format!("{hours}h{s}");
        }
    }
    format!("{sign}{s}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Time = (1_767_268_800, 500); // 2026-01-01T12:00:00.0000005Z

    #[test]
    fn go_duration_strings() {
        assert_eq!(go_duration_string(0), "0s");
        assert_eq!(go_duration_string(999), "999ns");
        assert_eq!(go_duration_string(1_500), "1.5\u{b5}s");
        assert_eq!(go_duration_string(2_000_000), "2ms");
        assert_eq!(go_duration_string(20_386_825_206), "20.386825206s");
        assert_eq!(go_duration_string(3_600_000_000_000), "1h0m0s");
        assert_eq!(go_duration_string(61_500_000_000), "1m1.5s");
        assert_eq!(go_duration_string(-1_000_000_000), "-1s");
    }

    #[test]
    fn go_durations() {
        assert_eq!(go_duration("10m"), Some(600 * NANOS));
        assert_eq!(go_duration("1h30m"), Some(5400 * NANOS));
        assert_eq!(go_duration("1.5s"), Some(1_500_000_000));
        assert_eq!(go_duration("-1s"), Some(-NANOS));
        assert_eq!(go_duration("+2ms"), Some(2_000_000));
        assert_eq!(go_duration("300us"), Some(300_000));
        assert_eq!(go_duration("0"), Some(0));
        for bad in ["", "-", "10", "1d", "1x", ".s", "1..5s", "s"] {
            assert_eq!(go_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn filter_times_are_common_s_get_timestamp() {
        let t = |v| filter_time(v, NOW, 0);
        assert_eq!(t("10m"), Ok((NOW.0 - 600, 0)));
        assert_eq!(t("-1h"), Ok((NOW.0 + 3600, 0)));
        assert_eq!(t("0"), Ok((0, 0)));
        assert_eq!(t("1700000000"), Ok((1_700_000_000, 0)));
        assert_eq!(t("1700000000.5"), Ok((1_700_000_000, 500_000_000)));
        assert_eq!(t("2026-01-01"), Ok((NOW.0 - 12 * 3600, 0)));
        assert_eq!(t("2026-01-01T11:00:00Z"), Ok((NOW.0 - 3600, 0)));
        assert_eq!(t("2026-01-01T13:00:00+02:00"), Ok((NOW.0 - 3600, 0)));
        assert_eq!(t("2026-01-01T11"), Ok((NOW.0 - 3600, 0)));
        assert_eq!(t("2026-01-01T11:30"), Ok((NOW.0 - 1800, 0)));
        assert_eq!(
            t("2026-01-01T11:00:00.25Z"),
            Ok((NOW.0 - 3600, 250_000_000))
        );
        // `date --iso-8601=ns`.
        assert_eq!(
            t("2026-01-01T13:00:00,123456789+02:00"),
            Ok((NOW.0 - 3600, 123_456_789))
        );
        // No zone: the local one.
        assert_eq!(
            filter_time("2026-01-01T12:00:00", NOW, 3600),
            Ok((NOW.0 - 3600, 0))
        );
        assert!(t("2026-13-01").unwrap_err().contains("month out of range"));
        assert_eq!(
            t("yesterday").unwrap_err(),
            "failed to parse value as time or duration: \"yesterday\""
        );
    }

    #[test]
    fn logs_times_are_podman_s_parse_input_time() {
        let since = |v| logs_time(v, true, NOW);
        let until = |v| logs_time(v, false, NOW);
        assert_eq!(since("10m"), Ok((NOW.0 - 600, 500)));
        assert_eq!(until("10m"), Ok((NOW.0 + 600, 500)));
        assert_eq!(since("-1s"), Ok((NOW.0 + 1, 500)));
        assert_eq!(since("1700000000"), Ok((1_700_000_000, 0)));
        assert_eq!(since("12.25"), Ok((12, 250_000_000)));
        assert_eq!(since("2026-01-01T11:00:00Z"), Ok((NOW.0 - 3600, 0)));
        assert_eq!(since("2026-01-01T11:00:00"), Ok((NOW.0 - 3600, 0)));
        assert_eq!(since("2026-01-01"), Ok((NOW.0 - 12 * 3600, 0)));
        assert_eq!(
            since("2026-01-01T13:00:00,000000001+02:00"),
            Ok((NOW.0 - 3600, 1))
        );
        for bad in ["10x", "", "yesterday", "inf", "1d", "2026-01-01T11:30"] {
            assert_eq!(
                since(bad),
                Err("unable to interpret time value".into()),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_local_offset_is_localtime_s() {
        // Whatever the zone, an offset is within a day.
        assert!(local_offset(NOW.0).abs() < 86400);
    }
}
