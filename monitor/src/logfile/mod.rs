//! The k8s-file log format (CRI, podman): one record per line,
//! `2026-11-22T22:46:51.123456789+00:00 stdout F text`, where `P` marks a partial record (the
//! line continues in the next record) and `F` a full one. The [`LogWriter`] appends records
//! and rotates by size.

mod writer;

use std::path::{Path, PathBuf};

pub use self::writer::LogWriter;

use crate::time::Timestamp;

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
pub fn parse_log_line_bytes(line: &[u8]) -> Option<(Timestamp, Stream, bool, &[u8])> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let sp = line.iter().position(|&b| b == b' ')?;
    let ts: Timestamp = std::str::from_utf8(&line[..sp]).ok()?.parse().ok()?;
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
pub fn parse_log_line(line: &str) -> Option<(Timestamp, Stream, bool, &str)> {
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
                "2026-11-22T22:46:51.123456789+00:00".parse().unwrap(),
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
}
