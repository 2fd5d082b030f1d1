//! The k8s-file log format (CRI, podman): one record per line,
//! `2026-11-22T22:46:51.123456789+00:00 stdout F text`, where `P` marks a partial record (the
//! line continues in the next record) and `F` a full one. The writer rotates by size: with
//! `max_files` 1 the file is truncated in place, otherwise `ctr.log` → `ctr.log.1` → … keeping
//! `max_files - 1` old files.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::time::parse_timestamp;

/// Which of the container's outputs a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    pub fn as_str(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }

    /// The attach protocol's stream id (see [`crate::wire`]).
    pub fn id(self) -> u8 {
        match self {
            Stream::Stdout => crate::wire::STREAM_STDOUT,
            Stream::Stderr => crate::wire::STREAM_STDERR,
        }
    }
}

/// Bytes one record takes in the file.
pub fn record_len(ts: &[u8], stream: Stream, text: &[u8]) -> usize {
    ts.len() + 1 + stream.as_str().len() + 3 + text.len() + 1
}

/// Appends one record (newline included) to `out`.
pub fn format_log_line(out: &mut Vec<u8>, ts: &[u8], stream: Stream, partial: bool, text: &[u8]) {
    out.extend_from_slice(ts);
    out.push(b' ');
    out.extend_from_slice(stream.as_str().as_bytes());
    out.extend_from_slice(if partial { b" P " } else { b" F " });
    out.extend_from_slice(text);
    out.push(b'\n');
}

/// Parses one record: (timestamp, stream, partial, text). A trailing newline is ignored.
pub fn parse_log_line_bytes(line: &[u8]) -> Option<(&str, Stream, bool, &[u8])> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let sp = line.iter().position(|&b| b == b' ')?;
    let ts = std::str::from_utf8(&line[..sp]).ok()?;
    parse_timestamp(ts)?;
    let rest = &line[sp + 1..];
    let (stream, rest) = if let Some(r) = rest.strip_prefix(b"stdout ") {
        (Stream::Stdout, r)
    } else if let Some(r) = rest.strip_prefix(b"stderr ") {
        (Stream::Stderr, r)
    } else {
        return None;
    };
    let partial = match rest.first()? {
        b'P' => true,
        b'F' => false,
        _ => return None,
    };
    let text = match &rest[1..] {
        [] => &[][..],
        [b' ', text @ ..] => text,
        _ => return None,
    };
    Some((ts, stream, partial, text))
}

/// [`parse_log_line_bytes`] for text lines.
pub fn parse_log_line(line: &str) -> Option<(&str, Stream, bool, &str)> {
    let (ts, stream, partial, text) = parse_log_line_bytes(line.as_bytes())?;
    // The text is a suffix of a &str after ASCII fields, so it is valid UTF-8.
    let text = &line[line.len() - text.len() - usize::from(line.ends_with('\n'))..][..text.len()];
    Some((ts, stream, partial, text))
}

/// Where a char boundary falls at or before `at` (so a split does not cut a UTF-8 sequence
/// when it can avoid it).
fn cut(data: &[u8], at: usize) -> usize {
    let mut i = at;
    while i > 0 && at - i < 4 && data.get(i).is_some_and(|&b| b & 0xc0 == 0x80) {
        i -= 1;
    }
    if i == 0 {
        at
    } else {
        i
    }
}

/// Splits one chunk of output into records: each `\n`-terminated line is full (`partial`
/// false, newline dropped), the unterminated tail is partial, and any piece longer than
/// `max_line` is cut into partial records.
pub fn split_records<E>(
    data: &[u8],
    max_line: usize,
    mut f: impl FnMut(&[u8], bool) -> Result<(), E>,
) -> Result<(), E> {
    let max_line = max_line.max(4);
    let mut rest = data;
    while !rest.is_empty() {
        let (mut line, full, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], true, &rest[i + 1..]),
            None => (rest, false, &rest[rest.len()..]),
        };
        while line.len() > max_line {
            let at = cut(line, max_line);
            f(&line[..at], true)?;
            line = &line[at..];
        }
        if full || !line.is_empty() {
            f(line, !full)?;
        }
        rest = next;
    }
    Ok(())
}

/// `ctr.log` → `ctr.log.N`.
pub fn rotated_path(path: &Path, n: u32) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".{n}"));
    PathBuf::from(s)
}

/// Records gathered before a write; keeps the writer's buffer (and the monitor's heap) small
/// when a chunk of output holds many short lines.
const BATCH: usize = 16 * 1024;

/// Appends records to a k8s-file log, rotating by size. Records are gathered by [`push`]
/// and written with one `write` per [`flush`] (or whenever 16 KiB have gathered).
///
/// [`push`]: LogWriter::push
/// [`flush`]: LogWriter::flush
pub struct LogWriter {
    path: PathBuf,
    file: File,
    size: u64,
    max_size: u64,
    max_files: u32,
    fsync: bool,
    buf: Vec<u8>,
}

fn open_append(path: &Path) -> io::Result<(File, u64)> {
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)?;
    let size = file.metadata()?.len();
    Ok((file, size))
}

impl LogWriter {
    /// Opens (creating) `path` for appending. `max_size` 0 = unlimited; `max_files` 0 is
    /// taken as 1.
    pub fn open(path: &Path, max_size: u64, max_files: u32, fsync: bool) -> io::Result<LogWriter> {
        let (file, size) = open_append(path)?;
        Ok(LogWriter {
            path: path.to_owned(),
            file,
            size,
            max_size,
            max_files: max_files.max(1),
            fsync,
            buf: Vec::new(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes in the current file, including records not yet flushed.
    pub fn size(&self) -> u64 {
        self.size + self.buf.len() as u64
    }

    /// Adds one record; rotates first when it would take the file past `max_size`.
    pub fn push(
        &mut self,
        ts: &[u8],
        stream: Stream,
        partial: bool,
        text: &[u8],
    ) -> io::Result<()> {
        let len = record_len(ts, stream, text) as u64;
        if self.max_size > 0 && self.size() > 0 && self.size() + len > self.max_size {
            self.flush()?;
            self.rotate()?;
        }
        format_log_line(&mut self.buf, ts, stream, partial, text);
        if self.buf.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the gathered records (and fsyncs when asked).
    pub fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let r = self.file.write_all(&self.buf);
        self.size += self.buf.len() as u64;
        self.buf.clear();
        if self.buf.capacity() > 2 * BATCH {
            self.buf = Vec::new();
        }
        r?;
        if self.fsync {
            self.file.sync_data()?;
        }
        Ok(())
    }

    /// Starts a new file: truncates when one file is kept, else shifts the old ones up.
    pub fn rotate(&mut self) -> io::Result<()> {
        if self.max_files <= 1 {
            self.file.set_len(0)?;
            self.size = 0;
            return Ok(());
        }
        for n in (1..self.max_files - 1).rev() {
            match fs::rename(rotated_path(&self.path, n), rotated_path(&self.path, n + 1)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        fs::rename(&self.path, rotated_path(&self.path, 1))?;
        self.reopen()
    }

    /// Flushes, then opens the path again (after someone else moved or removed the file).
    pub fn reopen(&mut self) -> io::Result<()> {
        let r = self.flush();
        let (file, size) = open_append(&self.path)?;
        self.file = file;
        self.size = size;
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TS: &[u8] = b"2026-11-22T22:46:51.123456789+00:00";

    fn records(data: &[u8], max: usize) -> Vec<(String, bool)> {
        let mut v = Vec::new();
        split_records::<()>(data, max, |t, p| {
            v.push((String::from_utf8_lossy(t).into_owned(), p));
            Ok(())
        })
        .unwrap();
        v
    }

    #[test]
    fn format_and_parse() {
        let mut out = Vec::new();
        format_log_line(&mut out, TS, Stream::Stdout, false, b"hello world");
        assert_eq!(
            out,
            b"2026-11-22T22:46:51.123456789+00:00 stdout F hello world\n"
        );
        let line = std::str::from_utf8(&out).unwrap();
        assert_eq!(
            parse_log_line(line),
            Some((
                "2026-11-22T22:46:51.123456789+00:00",
                Stream::Stdout,
                false,
                "hello world"
            ))
        );
        let (_, s, p, t) =
            parse_log_line("2026-11-22T22:46:51.123456789+00:00 stderr P  two  spaces ünï")
                .unwrap();
        assert_eq!((s, p, t), (Stream::Stderr, true, " two  spaces ünï"));
        let mut empty = Vec::new();
        format_log_line(&mut empty, TS, Stream::Stdout, false, b"");
        let (_, _, _, t) = parse_log_line_bytes(&empty).unwrap();
        assert!(t.is_empty());
        assert!(parse_log_line("2026-11-22T22:46:51Z stdout F").is_some());
        assert!(parse_log_line("nonsense stdout F x").is_none());
        assert!(parse_log_line("2026-11-22T22:46:51Z stdin F x").is_none());
        assert!(parse_log_line("2026-11-22T22:46:51Z stdout X x").is_none());
        assert!(parse_log_line("2026-11-22T22:46:51Z stdout Fx").is_none());
    }

    #[test]
    fn splitting_lines_partials_and_caps() {
        assert_eq!(
            records(b"a\nbb\n\ncc", 100),
            vec![
                ("a".into(), false),
                ("bb".into(), false),
                ("".into(), false),
                ("cc".into(), true)
            ]
        );
        assert_eq!(
            records(b"0123456789\nxy", 4),
            vec![
                ("0123".into(), true),
                ("4567".into(), true),
                ("89".into(), false),
                ("xy".into(), true)
            ]
        );
        assert_eq!(
            records(b"01234567\n", 4),
            vec![("0123".into(), true), ("4567".into(), false)]
        );
        // A cut never splits "é" (2 bytes) when it can back off.
        let r = records("abcé".as_bytes(), 4);
        assert_eq!(r, vec![("abc".into(), true), ("é".into(), true)]);
        assert!(records(b"", 4).is_empty());
    }

    #[test]
    fn rotation_keeps_max_files() {
        let dir = std::env::temp_dir().join(format!("ctl-monitor-rot-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("ctr.log");
        let one = record_len(TS, Stream::Stdout, b"line 00") as u64;
        let mut w = LogWriter::open(&path, one * 2, 3, true).unwrap();
        for i in 0..9 {
            w.push(TS, Stream::Stdout, false, format!("line {i:02}").as_bytes())
                .unwrap();
            w.flush().unwrap();
        }
        let mut names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["ctr.log", "ctr.log.1", "ctr.log.2"]);
        let read = |p: PathBuf| fs::read_to_string(p).unwrap();
        assert!(read(path.clone()).ends_with("line 08\n"));
        assert_eq!(read(path.clone()).lines().count(), 1);
        assert!(read(rotated_path(&path, 1)).contains("line 06\n"));
        assert!(read(rotated_path(&path, 1)).contains("line 07\n"));
        assert!(read(rotated_path(&path, 2)).contains("line 04\n"));
        for p in [path.clone(), rotated_path(&path, 1), rotated_path(&path, 2)] {
            assert!(fs::metadata(p).unwrap().len() <= one * 2);
        }

        // One file kept: truncated in place.
        let single = dir.join("single.log");
        let mut w = LogWriter::open(&single, one * 2, 1, false).unwrap();
        for i in 0..5 {
            w.push(TS, Stream::Stderr, false, format!("line {i:02}").as_bytes())
                .unwrap();
        }
        w.flush().unwrap();
        assert!(!rotated_path(&single, 1).exists());
        assert_eq!(read(single.clone()).lines().count(), 1);
        assert!(read(single).contains("line 04"));

        // Reopen after the file was moved away.
        fs::rename(&path, dir.join("moved")).unwrap();
        let mut w = LogWriter::open(&dir.join("moved"), 0, 1, false).unwrap();
        w.reopen().unwrap();
        w.push(TS, Stream::Stdout, true, b"x").unwrap();
        w.flush().unwrap();
        assert!(w.path().exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
