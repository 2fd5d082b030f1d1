//! `ctl logs`: the k8s-file log, with --tail, --since/--until, -t and -f.

use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context as _, Result};
use chrono::{DateTime, FixedOffset, Utc};

use ctl::container::lifecycle::Manager;
use ctl::container::state::Status;
use ctl::Context;
use ctl_monitor::{parse_log_line, Stream};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Keep printing new output until the container stops
    #[arg(short, long)]
    pub follow: bool,
    /// Only output since this time (RFC 3339, unix seconds, or a duration like 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only output before this time (same forms as --since)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Only the last N lines
    #[arg(short = 'n', long, value_name = "N")]
    pub tail: Option<usize>,
    /// Prefix each line with its timestamp
    #[arg(short, long)]
    pub timestamps: bool,
    /// Container (name, id or id prefix)
    pub container: String,
}

/// RFC 3339, unix seconds (with fraction), or a duration before now ("1h30m", "90s").
pub fn parse_time(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(secs) = s.parse::<f64>() {
        let whole = secs.trunc() as i64;
        let nanos = ((secs - secs.trunc()) * 1e9) as u32;
        return DateTime::from_timestamp(whole, nanos)
            .with_context(|| format!("invalid time \"{s}\""));
    }
    let mut total = 0f64;
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num
            .parse()
            .with_context(|| format!("invalid time \"{s}\": use RFC 3339, seconds, or 10m"))?;
        total += n * match c {
            's' => 1.0,
            'm' => 60.0,
            'h' => 3600.0,
            'd' => 86400.0,
            _ => bail!("invalid time \"{s}\": unknown unit '{c}'"),
        };
        num.clear();
    }
    if !num.is_empty() || s.is_empty() {
        bail!("invalid time \"{s}\": use RFC 3339, seconds, or a duration like 10m");
    }
    Ok(now - chrono::Duration::milliseconds((total * 1000.0) as i64))
}

/// One output line, possibly assembled from partial records.
struct Line {
    ts: DateTime<FixedOffset>,
    stream: Stream,
    text: String,
    complete: bool,
}

fn read_lines(path: &Path, lines: &mut Vec<Line>) -> Result<u64> {
    let f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let mut r = BufReader::new(f);
    let mut raw = String::new();
    let mut pos = 0u64;
    loop {
        raw.clear();
        let n = r.read_line(&mut raw)?;
        if n == 0 || !raw.ends_with('\n') {
            break;
        }
        pos += n as u64;
        push_record(lines, raw.trim_end_matches('\n'));
    }
    Ok(pos)
}

fn push_record(lines: &mut Vec<Line>, raw: &str) {
    let Some((ts, stream, partial, text)) = parse_log_line(raw) else {
        return;
    };
    let Ok(ts) = DateTime::parse_from_rfc3339(ts) else {
        return;
    };
    if let Some(last) = lines.last_mut() {
        if !last.complete && last.stream == stream {
            last.text.push_str(text);
            last.complete = !partial;
            return;
        }
    }
    lines.push(Line {
        ts,
        stream,
        text: text.to_string(),
        complete: !partial,
    });
}

fn emit(line: &Line, timestamps: bool) {
    let mut s = String::new();
    if timestamps {
        s.push_str(&line.ts.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true));
        s.push(' ');
    }
    s.push_str(&line.text);
    if line.complete {
        s.push('\n');
    }
    let _ = match line.stream {
        Stream::Stderr => std::io::stderr().write_all(s.as_bytes()),
        _ => {
            let mut o = std::io::stdout().lock();
            o.write_all(s.as_bytes()).and_then(|_| o.flush())
        }
    };
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let now = Utc::now();
    let since = args
        .since
        .as_deref()
        .map(|s| parse_time(s, now))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|s| parse_time(s, now))
        .transpose()?;
    let m = Manager::open(ctx)?;
    let c = m.get(&args.container)?;
    if c.config.log.driver != "k8s-file" && c.config.log.driver != "journald" {
        bail!(
            "container {}: log driver {} keeps no log to read",
            c.config.name,
            c.config.log.driver
        );
    }
    let files = m.log_files(&c);
    let mut lines = Vec::new();
    let mut pos = 0;
    for f in &files {
        pos = read_lines(f, &mut lines)?;
    }
    let keep = |l: &Line| since.is_none_or(|s| l.ts >= s) && until.is_none_or(|u| l.ts <= u);
    let mut shown: Vec<&Line> = lines.iter().filter(|l| keep(l)).collect();
    if let Some(n) = args.tail {
        let skip = shown.len().saturating_sub(n);
        shown.drain(..skip);
    }
    for l in shown {
        emit(l, args.timestamps);
    }
    if args.follow && until.is_none() {
        follow(&m, &c.config.id, &c.config.log.path, pos, args.timestamps)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints records appended after `pos` until the container is no longer running.
fn follow(m: &Manager, id: &str, path: &Path, mut pos: u64, timestamps: bool) -> Result<()> {
    let mut ino = std::fs::metadata(path).map(|md| md.ino()).unwrap_or(0);
    let mut pending = String::new();
    loop {
        let running = m
            .load(id)
            .map(|c| matches!(c.state.status, Status::Running | Status::Created))
            .unwrap_or(false);
        if let Ok(md) = std::fs::metadata(path) {
            // Rotated: the new file starts from its beginning.
            if md.ino() != ino || md.len() < pos {
                ino = md.ino();
                pos = 0;
                pending.clear();
            }
            if md.len() > pos {
                let mut f = File::open(path)?;
                f.seek(SeekFrom::Start(pos))?;
                let mut chunk = String::new();
                let n = std::io::Read::read_to_string(&mut f, &mut chunk)?;
                pos += n as u64;
                pending.push_str(&chunk);
                let mut lines = Vec::new();
                while let Some(nl) = pending.find('\n') {
                    let rec: String = pending.drain(..=nl).collect();
                    push_record(&mut lines, rec.trim_end_matches('\n'));
                }
                for l in &lines {
                    emit(l, timestamps);
                }
            }
        }
        if !running {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_in_three_forms() {
        let now = DateTime::parse_from_rfc3339("2026-01-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            parse_time("10m", now).unwrap(),
            now - chrono::Duration::minutes(10)
        );
        assert_eq!(
            parse_time("1h30m", now).unwrap(),
            now - chrono::Duration::minutes(90)
        );
        assert_eq!(parse_time("0", now).unwrap().timestamp(), 0);
        assert_eq!(
            parse_time("2026-01-01T11:00:00Z", now).unwrap(),
            now - chrono::Duration::hours(1)
        );
        assert!(parse_time("10x", now).is_err());
        assert!(parse_time("", now).is_err());
    }

    #[test]
    fn partial_records_join_into_one_line() {
        let mut lines = Vec::new();
        push_record(
            &mut lines,
            "2026-01-01T00:00:00.000000001+00:00 stdout P hel",
        );
        push_record(
            &mut lines,
            "2026-01-01T00:00:00.000000002+00:00 stdout F lo",
        );
        push_record(
            &mut lines,
            "2026-01-01T00:00:00.000000003+00:00 stderr F oops",
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "hello");
        assert!(lines[0].complete);
        assert_eq!(lines[1].stream, Stream::Stderr);
    }
}
