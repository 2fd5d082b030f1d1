//! Reading a container's k8s-file log: records parsed as bytes (a container may write any
//! bytes, UTF-8 or not), partial records joined into lines, `--since`/`--until`/`--tail`
//! selection, and following the file while the container runs. Lines go to a sink; what to do
//! with them (print, prefix a timestamp) is the caller's.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

use ctl_monitor::logfile::{parse_log_line_bytes, Stream};
use ctl_monitor::time::Timestamp;

use super::lifecycle::{Container, Manager};
use super::state::Status;
use crate::error::{Error, IoContext, Result};

/// One line of output, possibly assembled from partial records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// When its first record was written.
    pub time: Timestamp,
    pub stream: Stream,
    /// The bytes as the container wrote them, without the newline.
    pub text: Vec<u8>,
    /// Ended by a newline (false: the container has not finished the line, or never will).
    pub complete: bool,
}

/// Which lines to show, and whether to wait for more.
#[derive(Debug, Clone, Default)]
pub struct LogOptions {
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
    /// Only the last N of the selected lines.
    pub tail: Option<usize>,
    /// Keep reading while the container runs (not with `until`).
    pub follow: bool,
}

/// Passes `c`'s log lines that `opts` selects to `sink`, oldest first, then with `follow`
/// the ones it writes until it is no longer running. Stops early when `sink` breaks.
pub fn read(
    m: &Manager,
    c: &Container,
    opts: &LogOptions,
    mut sink: impl FnMut(&LogLine) -> ControlFlow<()>,
) -> Result<()> {
    let driver = &c.config.log.driver;
    if driver != "k8s-file" && driver != "journald" {
        return Err(Error::NoLog {
            name: c.config.name.clone(),
            driver: driver.clone(),
        });
    }
    let mut lines = Vec::new();
    let mut pos = 0;
    for f in m.log_files(c) {
        pos = read_file(&f, &mut lines)?;
    }
    for l in select(&lines, opts) {
        if sink(l).is_break() {
            return Ok(());
        }
    }
    // As podman's: following stops when the container does, or at `until`; lines after
    // it are not shown.
    if opts.follow && opts.until.is_none_or(|u| Timestamp::now() < u) {
        follow(m, c.id(), &c.config.log.path, pos, opts, sink)?;
    }
    Ok(())
}

/// The lines between `since` and `until`, then the last `tail` of them.
pub fn select<'a>(lines: &'a [LogLine], opts: &LogOptions) -> Vec<&'a LogLine> {
    let keep = |l: &LogLine| {
        opts.since.is_none_or(|s| l.time > s) && opts.until.is_none_or(|u| l.time < u)
    };
    let mut shown: Vec<&LogLine> = lines.iter().filter(|l| keep(l)).collect();
    if let Some(n) = opts.tail {
        shown.drain(..shown.len().saturating_sub(n));
    }
    shown
}

/// Appends the whole records of `path` to `lines`; returns how many bytes they took (a record
/// being written, without its newline yet, is left for a follower).
fn read_file(path: &Path, lines: &mut Vec<LogLine>) -> Result<u64> {
    let f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e).at(path),
    };
    let mut r = BufReader::new(f);
    let mut raw = Vec::new();
    let mut pos = 0u64;
    loop {
        raw.clear();
        let n = r.read_until(b'\n', &mut raw).at(path)?;
        if n == 0 || raw.last() != Some(&b'\n') {
            break;
        }
        pos += n as u64;
        push_record(lines, &raw);
    }
    Ok(pos)
}

/// Adds one record to `lines`: continues the last line when that one was partial on the same
/// stream. Records that do not parse are skipped.
pub fn push_record(lines: &mut Vec<LogLine>, raw: &[u8]) {
    let Some((time, stream, partial, text)) = parse_log_line_bytes(raw) else {
        return;
    };
    if let Some(last) = lines.last_mut() {
        if !last.complete && last.stream == stream {
            last.text.extend_from_slice(text);
            last.complete = !partial;
            return;
        }
    }
    lines.push(LogLine {
        time,
        stream,
        text: text.to_vec(),
        complete: !partial,
    });
}

/// Passes records appended to `path` after `pos` until the container is no longer running.
fn follow(
    m: &Manager,
    id: &str,
    path: &Path,
    mut pos: u64,
    opts: &LogOptions,
    mut sink: impl FnMut(&LogLine) -> ControlFlow<()>,
) -> Result<()> {
    let wanted = |l: &LogLine| {
        opts.since.is_none_or(|s| l.time > s) && opts.until.is_none_or(|u| l.time < u)
    };
    let mut ino = std::fs::metadata(path).map(|md| md.ino()).unwrap_or(0);
    let mut pending: Vec<u8> = Vec::new();
    loop {
        // The state first: whatever was written before it stopped is read below.
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
                let mut f = File::open(path).at(path)?;
                f.seek(SeekFrom::Start(pos)).at(path)?;
                let n = f.read_to_end(&mut pending).at(path)?;
                pos += n as u64;
                let mut lines = Vec::new();
                while let Some(nl) = pending.iter().position(|&b| b == b'\n') {
                    push_record(&mut lines, &pending[..=nl]);
                    pending.drain(..=nl);
                }
                for l in lines.iter().filter(|l| wanted(l)) {
                    if sink(l).is_break() {
                        return Ok(());
                    }
                }
            }
        }
        if !running || opts.until.is_some_and(|u| Timestamp::now() >= u) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64, nanos: u32) -> Timestamp {
        Timestamp::new(secs, nanos)
    }

    fn record(ts: &str, stream: &str, tag: &str, text: &[u8]) -> Vec<u8> {
        let mut v = format!("{ts} {stream} {tag} ").into_bytes();
        v.extend_from_slice(text);
        v.push(b'\n');
        v
    }

    #[test]
    fn records_are_bytes_and_partials_join_into_one_line() {
        let mut lines = Vec::new();
        let t = "2026-01-01T00:00:00.000000001+00:00";
        push_record(&mut lines, &record(t, "stdout", "P", b"\xff\xfe"));
        push_record(&mut lines, &record(t, "stdout", "F", b"lo"));
        // chrono's `Z` form, as earlier versions wrote.
        let z = "2026-01-01T00:00:00.000000003Z";
        push_record(&mut lines, &record(z, "stderr", "F", b"oops"));
        push_record(&mut lines, b"garbage\n");
        push_record(&mut lines, &record(t, "stdout", "P", b"tail"));
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].text, b"\xff\xfelo");
        assert!(lines[0].complete);
        assert_eq!(lines[1].stream, Stream::Stderr);
        assert_eq!(lines[1].time.subsec_nanos(), 3);
        assert_eq!(lines[2].text, b"tail");
        assert!(!lines[2].complete);
    }

    #[test]
    fn selection_filters_by_time_then_takes_the_tail() {
        let line = |s: i64| LogLine {
            time: at(s, 0),
            stream: Stream::Stdout,
            text: s.to_string().into_bytes(),
            complete: true,
        };
        let lines: Vec<LogLine> = (1..=5).map(line).collect();
        let texts = |opts: &LogOptions| -> Vec<i64> {
            select(&lines, opts).iter().map(|l| l.time.secs()).collect()
        };
        assert_eq!(texts(&LogOptions::default()), [1, 2, 3, 4, 5]);
        let o = LogOptions {
            since: Some(at(2, 0)),
            until: Some(at(4, 0)),
            ..Default::default()
        };
        // As podman's: strictly after --since and strictly before --until.
        assert_eq!(texts(&o), [3]);
        let o = LogOptions {
            until: Some(at(4, 0)),
            tail: Some(2),
            ..Default::default()
        };
        assert_eq!(texts(&o), [2, 3]);
        let o = LogOptions {
            tail: Some(0),
            ..Default::default()
        };
        assert!(texts(&o).is_empty());
    }

    #[test]
    fn a_file_is_read_to_its_last_whole_record() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("ctr.log");
        let t = "2026-01-01T00:00:00.000000001+00:00";
        let mut data = record(t, "stdout", "F", b"one \xc3");
        let whole = data.len() as u64;
        data.extend_from_slice(b"2026-01-01T00:00:00.000000002+00:00 stdout F half");
        std::fs::write(&p, &data).unwrap();
        let mut lines = Vec::new();
        assert_eq!(read_file(&p, &mut lines).unwrap(), whole);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, b"one \xc3");
        assert_eq!(read_file(&d.path().join("none"), &mut lines).unwrap(), 0);
    }
}
