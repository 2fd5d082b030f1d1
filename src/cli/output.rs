//! Output helpers: docker-style tables, human sizes and ages.

use ctl_monitor::time::Timestamp;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Padding, Style};

/// A docker-style table: no borders, three spaces between columns, left aligned. Cells are
/// escaped: an image's command or name can hold newlines and terminal escape sequences.
pub fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut b = Builder::default();
    b.push_record(header.iter().map(|s| s.to_string()));
    let ncols = header.len();
    for r in rows {
        b.push_record(r.iter().map(|c| ctl::text::escape(c).into_owned()));
    }
    let mut t = b.build();
    t.with(Style::empty())
        .with(Padding::new(0, 3, 0, 0))
        .with(Alignment::left());
    if ncols > 0 {
        t.modify(Columns::one(ncols - 1), Padding::new(0, 0, 0, 0));
    }
    let s = t.to_string();
    let mut out: String = s
        .lines()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// A digest's first 12 hex characters, escaped: a manifest or an archive chose it, and it
/// may not even be hex.
pub fn short_digest(digest: &str) -> String {
    let hex = digest.split_once(':').map_or(digest, |(_, h)| h);
    let end = hex.char_indices().nth(12).map_or(hex.len(), |(i, _)| i);
    ctl::text::escape(&hex[..end]).into_owned()
}

/// Reports one failed item of a multi-item command (`rmi a b`, `inspect a b`) on its own
/// line, escaped as main escapes the final error.
/// A table's text without its first line (the header) when `drop` says so.
pub fn without_header(table: String, drop: bool) -> String {
    if drop {
        table
            .split_once('\n')
            .map(|(_, rest)| rest.to_string())
            .unwrap_or_default()
    } else {
        table
    }
}

pub fn report_error(e: &dyn std::fmt::Display) {
    eprintln!("{}", ctl::text::escape(&format!("Error: {e}")));
}

/// go-units' HumanSize: four significant digits, decimal units, no space ("10MB",
/// "1.049MB"), as podman shows a log size limit and `stats` its sizes.
pub fn go_human_size(bytes: u64) -> String {
    go_size(bytes, 1000.0, &["B", "kB", "MB", "GB", "TB", "PB", "EB"])
}

/// go-units' BytesSize: as [`go_human_size`] in binary units ("64MiB").
pub fn go_bytes_size(bytes: u64) -> String {
    go_size(
        bytes,
        1024.0,
        &["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"],
    )
}

fn go_size(bytes: u64, base: f64, units: &[&str]) -> String {
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= base && i < units.len() - 1 {
        v /= base;
        i += 1;
    }
    let n = super::template::value::go_float(v, 'g', Some(4));
    format!("{n}{}", units[i])
}

/// Sizes as podman prints them: three significant digits, decimal units.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1000.0 && i < UNITS.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    let mut num = format!("{v:.digits$}");
    if num.contains('.') {
        num = num.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{num} {}", UNITS[i])
}

/// docker's wording for a duration ("About an hour", "3 days"), as its `HumanDuration`:
/// seconds and minutes cut down, hours rounded, years from the hours cut down.
pub fn human_duration(secs: i64) -> String {
    let secs = secs.max(0);
    let m = secs / 60;
    let h = (secs + 1800) / 3600;
    match () {
        _ if secs < 1 => "Less than a second".into(),
        _ if secs == 1 => "1 second".into(),
        _ if secs < 60 => format!("{secs} seconds"),
        _ if m == 1 => "About a minute".into(),
        _ if m < 60 => format!("{m} minutes"),
        _ if h == 1 => "About an hour".into(),
        _ if h < 48 => format!("{h} hours"),
        _ if h < 24 * 7 * 2 => format!("{} days", h / 24),
        _ if h < 24 * 30 * 2 => format!("{} weeks", h / 24 / 7),
        _ if h < 24 * 365 * 2 => format!("{} months", h / 24 / 30),
        _ => format!("{} years", secs / 3600 / 24 / 365),
    }
}

/// Whole seconds from `then` to now; None when there is no time.
fn elapsed(then: Option<Timestamp>) -> Option<i64> {
    Some(Timestamp::now().seconds_since(then?))
}

/// "5 minutes ago"; "N/A" when the time is unknown.
pub fn ago(then: Option<Timestamp>) -> String {
    match elapsed(then) {
        Some(secs) => format!("{} ago", human_duration(secs)),
        None => "N/A".into(),
    }
}

/// "Up 5 minutes" for a start time (an unknown one counts as just now).
pub fn up(started: Option<Timestamp>) -> String {
    format!("Up {}", human_duration(elapsed(started).unwrap_or(0)))
}

pub fn print_json(v: &impl serde::Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(v).expect("JSON output serializes")
    );
}

/// An `inspect --format`: None for the JSON array (no format, or `json`), else the
/// template, with podman's rewrites of docker's names (`.Src`, `.Dst`, `.ImageID`).
pub fn inspect_format(
    name: &str,
    format: Option<&str>,
    image: bool,
) -> anyhow::Result<Option<super::template::Format>> {
    let Some(f) = format.filter(|f| !f.is_empty() && !super::template::is_json(f)) else {
        return Ok(None);
    };
    let mut f = f
        .replace(".Src", ".Source")
        .replace(".Dst", ".Destination")
        .replace(".ImageID", ".Image");
    if image {
        f = f.replace(".Config.Healthcheck", ".HealthCheck");
    }
    super::template::Format::parse(name, super::template::Origin::User, &f).map(Some)
}

/// What an `inspect` command prints: each object found, as JSON or through `--format` (the
/// template sees each object as `shape` says); the ones not found were reported already,
/// and make the exit code 125 (podman's behaviour).
pub fn print_inspected(
    found: &[(serde_json::Value, super::template::Shape)],
    format: Option<super::template::Format>,
    any_failed: bool,
) -> anyhow::Result<std::process::ExitCode> {
    use super::template::Value;
    match format {
        Some(t) => {
            let data = Value::list(found.iter().map(|(v, s)| Value::from_json(v, s)).collect());
            t.print(&data, &|f| super::template::header_name(f, &[]))?;
        }
        None => print_json(&found.iter().map(|(v, _)| v).collect::<Vec<_>>()),
    }
    Ok(if any_failed {
        std::process::ExitCode::from(125)
    } else {
        std::process::ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_docker_shaped() {
        let t = table(
            &["REPOSITORY", "TAG"],
            vec![vec!["a/very/long/name".into(), "latest".into()]],
        );
        assert_eq!(t, "REPOSITORY         TAG\na/very/long/name   latest\n");
    }

    #[test]
    fn table_cells_are_escaped_and_stay_on_their_row() {
        let t = table(
            &["COMMAND", "NAMES"],
            vec![vec!["sh -c \"\x1b]0;x\x07\nforged\"".into(), "web".into()]],
        );
        assert_eq!(t.lines().count(), 2, "{t}");
        assert!(!t.contains('\x1b') && !t.contains('\x07'), "{t:?}");
        assert!(t.contains("\\x1b]0;x\\x07\\nforged"), "{t}");
    }

    #[test]
    fn short_digests_are_cut_on_characters_and_escaped() {
        assert_eq!(short_digest("sha256:0123456789abcdef"), "0123456789ab");
        assert_eq!(
            short_digest("sha256:\x1b]0;éééééééééééé"),
            "\\x1b]0;éééééééé"
        );
        assert_eq!(short_digest("abc"), "abc");
    }

    #[test]
    fn sizes_have_three_significant_digits() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(4_260_000), "4.26 MB");
        assert_eq!(human_size(12_300_000), "12.3 MB");
        assert_eq!(human_size(123_400_000), "123 MB");
        assert_eq!(human_size(1_000_000_000), "1 GB");
    }

    #[test]
    fn durations_use_docker_words_at_their_boundaries() {
        let cases: &[(i64, &str)] = &[
            (-5, "Less than a second"),
            (0, "Less than a second"),
            (1, "1 second"),
            (2, "2 seconds"),
            (59, "59 seconds"),
            (60, "About a minute"),
            (119, "About a minute"),
            (120, "2 minutes"),
            (3599, "59 minutes"),
            (3600, "About an hour"),
            // Hours round: an hour and a half is "2 hours".
            (5399, "About an hour"),
            (5400, "2 hours"),
            (47 * 3600 + 1799, "47 hours"),
            (47 * 3600 + 1800, "2 days"),
            (14 * 86400 - 1801, "13 days"),
            (14 * 86400 - 1800, "2 weeks"),
            (30 * 86400, "4 weeks"),
            (60 * 86400 - 1801, "8 weeks"),
            (60 * 86400 - 1800, "2 months"),
            (730 * 86400 - 1801, "24 months"),
            // Years count whole hours, so the first half hour of "years" says 1.
            (730 * 86400 - 1800, "1 years"),
            (730 * 86400, "2 years"),
            (3 * 365 * 86400, "3 years"),
        ];
        for (secs, words) in cases {
            assert_eq!(human_duration(*secs), *words, "{secs} s");
        }
    }

    #[test]
    fn ages_count_from_now() {
        assert_eq!(ago(None), "N/A");
        let now = Timestamp::now();
        let before = Timestamp::new(now.secs() - 7200, now.subsec_nanos());
        assert_eq!(ago(Some(before)), "2 hours ago");
        // A clock set back since: no negative ages.
        let later = Timestamp::new(now.secs() + 3600, 0);
        assert_eq!(ago(Some(later)), "Less than a second ago");
        assert_eq!(up(Some(Timestamp::now())), "Up Less than a second");
        assert_eq!(up(None), "Up Less than a second");
    }
}
