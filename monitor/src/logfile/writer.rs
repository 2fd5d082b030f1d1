//! Appending records to a k8s-file log, rotating by size: with `max_files` 1 the file is
//! truncated in place, otherwise `ctr.log` → `ctr.log.1` → … keeping `max_files - 1` old files.
//!
//! A write that fails (ENOSPC, EDQUOT, EIO, …) never stops the monitor: what could not be
//! written is dropped and counted, and the writer stays *failing* (it counts, it does not try)
//! until its owner calls [`LogWriter::retry`], so a full disk is not retried once per record.
//! The first write that succeeds afterwards starts with one stderr record saying how many
//! bytes of output were lost, and why.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::{format_log_line, record_len, rotated_path, Stream};

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
    /// Bytes in the file (written ones only).
    size: u64,
    max_size: u64,
    max_files: u32,
    fsync: bool,
    buf: Vec<u8>,
    /// Container output in `buf` (each record's text, plus the newline a full one ended with).
    buf_output: u64,
    /// Container output lost to write errors and not yet reported in the log.
    dropped: u64,
    /// How much of `dropped` the notice at the head of `buf` reports.
    noticed: u64,
    /// Why output was last dropped (for the notice).
    error: Option<String>,
    /// A write failed: records are counted, not written, until [`LogWriter::retry`].
    failing: bool,
    /// The file is full (or a rotation failed): rotate before the next record.
    rotate_due: bool,
    /// A rotation renamed the file away but could not create the new one yet.
    moved: bool,
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

/// The C library's text for an OS error, lower-cased like podman's: `no space left on
/// device` for ENOSPC.
fn describe(e: &io::Error) -> String {
    let text = e.to_string();
    let text = match text.rsplit_once(" (os error ") {
        Some((t, _)) if e.raw_os_error().is_some() => t.to_string(),
        _ => text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// The text of the record that reports lost output.
pub fn dropped_notice(bytes: u64, why: &str) -> String {
    format!("ctl-monitor: {bytes} bytes of output were dropped: {why}")
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
            buf_output: 0,
            dropped: 0,
            noticed: 0,
            error: None,
            failing: false,
            rotate_due: false,
            moved: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes in the current file, including records not yet flushed.
    pub fn size(&self) -> u64 {
        self.size + self.buf.len() as u64
    }

    /// A write failed and [`LogWriter::retry`] has not been called since: records are only
    /// counted.
    pub fn failing(&self) -> bool {
        self.failing
    }

    /// Bytes of output lost and not yet reported in the log.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Lets the next record try the file again.
    pub fn retry(&mut self) {
        self.failing = false;
    }

    /// Counts `n` bytes of output as lost without trying to write them (while failing).
    pub fn drop_output(&mut self, n: usize) {
        self.dropped += n as u64;
    }

    /// Adds one record; rotates first when it would take the file past `max_size`. While
    /// failing the record is only counted as dropped.
    pub fn push(&mut self, ts: &[u8], stream: Stream, partial: bool, text: &[u8]) {
        let output = text.len() as u64 + u64::from(!partial);
        if self.failing {
            self.dropped += output;
            return;
        }
        let len = record_len(ts, stream, text) as u64;
        if self.max_size > 0 && self.size() > 0 && self.size() + len > self.max_size {
            self.rotate_due = true;
        }
        if self.rotate_due {
            let _ = self.flush();
            if !self.failing {
                if let Err(e) = self.rotate() {
                    self.fail(&e);
                }
            }
            if self.failing {
                self.dropped += output;
                return;
            }
        }
        self.push_notice(ts);
        format_log_line(&mut self.buf, ts, stream, partial, text);
        self.buf_output += output;
        if self.buf.len() >= BATCH {
            let _ = self.flush();
        }
    }

    /// Starts an empty batch with the record reporting lost output, if any was lost.
    fn push_notice(&mut self, ts: &[u8]) {
        if self.buf.is_empty() && self.dropped > 0 {
            let why = self.error.as_deref().unwrap_or("write error");
            let notice = dropped_notice(self.dropped, why);
            format_log_line(&mut self.buf, ts, Stream::Stderr, false, notice.as_bytes());
            self.noticed = self.dropped;
        }
    }

    /// At the end (no record follows that could carry the notice): one last try to write
    /// what is gathered and to report lost output.
    pub fn finish(&mut self, ts: &[u8]) {
        self.failing = false;
        self.push_notice(ts);
        let _ = self.flush();
    }

    /// Writes the gathered records (and fsyncs when asked). On an error the records are
    /// dropped and counted, and the writer is failing.
    pub fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        if let Err(e) = self.write_buf() {
            self.fail(&e);
            return Err(e);
        }
        self.size += self.buf.len() as u64;
        self.dropped -= self.noticed;
        self.noticed = 0;
        if self.dropped == 0 {
            self.error = None;
        }
        self.clear_buf();
        if self.fsync {
            self.file.sync_data()?;
        }
        Ok(())
    }

    /// One pass of `write` calls over `buf`. A record cut short by an error is taken back
    /// (truncated away), so the file holds whole records only.
    fn write_buf(&mut self) -> io::Result<()> {
        let mut done = 0;
        while done < self.buf.len() {
            match self.file.write(&self.buf[done..]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => done += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    if done > 0 && self.file.set_len(self.size).is_err() {
                        self.size = self.file.metadata().map_or(self.size, |m| m.len());
                    }
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Drops what is gathered (counting it) and stops writing until [`LogWriter::retry`].
    fn fail(&mut self, e: &io::Error) {
        self.dropped += self.buf_output;
        self.noticed = 0;
        self.clear_buf();
        self.error = Some(describe(e));
        self.failing = true;
    }

    fn clear_buf(&mut self) {
        self.buf.clear();
        self.buf_output = 0;
        if self.buf.capacity() > 2 * BATCH {
            self.buf = Vec::new();
        }
    }

    /// Starts a new file: truncates when one file is kept, else shifts the old ones up. When
    /// the new file cannot be created, the next call only tries that again.
    pub fn rotate(&mut self) -> io::Result<()> {
        if self.max_files <= 1 {
            self.file.set_len(0)?;
            self.size = 0;
            self.rotate_due = false;
            return Ok(());
        }
        if !self.moved {
            for n in (1..self.max_files - 1).rev() {
                match fs::rename(rotated_path(&self.path, n), rotated_path(&self.path, n + 1)) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
            }
            fs::rename(&self.path, rotated_path(&self.path, 1))?;
            self.moved = true;
        }
        let (file, size) = open_append(&self.path)?;
        self.file = file;
        self.size = size;
        self.moved = false;
        self.rotate_due = false;
        Ok(())
    }

    /// Flushes, then opens the path again (after someone else moved or removed the file).
    pub fn reopen(&mut self) -> io::Result<()> {
        let r = self.flush();
        let (file, size) = open_append(&self.path)?;
        self.file = file;
        self.size = size;
        self.moved = false;
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logfile::parse_log_line;

    const TS: &[u8] = b"2026-11-22T22:46:51.123456789+00:00";

    #[test]
    fn rotation_keeps_max_files() {
        let dir = std::env::temp_dir().join(format!("ctl-monitor-rot-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("ctr.log");
        let one = record_len(TS, Stream::Stdout, b"line 00") as u64;
        let mut w = LogWriter::open(&path, one * 2, 3, true).unwrap();
        for i in 0..9 {
            w.push(TS, Stream::Stdout, false, format!("line {i:02}").as_bytes());
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
            w.push(TS, Stream::Stderr, false, format!("line {i:02}").as_bytes());
        }
        w.flush().unwrap();
        assert!(!rotated_path(&single, 1).exists());
        assert_eq!(read(single.clone()).lines().count(), 1);
        assert!(read(single).contains("line 04"));

        // Reopen after the file was moved away.
        fs::rename(&path, dir.join("moved")).unwrap();
        let mut w = LogWriter::open(&dir.join("moved"), 0, 1, false).unwrap();
        w.reopen().unwrap();
        w.push(TS, Stream::Stdout, true, b"x");
        w.flush().unwrap();
        assert!(w.path().exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ctl-monitor-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// (stream, partial, text) of every record in `path`.
    fn records_in(path: &Path) -> Vec<(Stream, bool, String)> {
        fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|l| {
                let (_, s, p, t) = parse_log_line(l).unwrap_or_else(|| panic!("bad record {l:?}"));
                (s, p, t.to_string())
            })
            .collect()
    }

    fn full(text: &str) -> (Stream, bool, String) {
        (Stream::Stdout, false, text.to_string())
    }

    /// The file under the writer, swapped for /dev/full (every write: ENOSPC).
    fn dev_full() -> File {
        OpenOptions::new().write(true).open("/dev/full").unwrap()
    }

    #[test]
    fn failed_writes_are_counted_then_reported_once() {
        let dir = temp_dir("full");
        let path = dir.join("ctr.log");
        let mut w = LogWriter::open(&path, 0, 1, false).unwrap();
        w.push(TS, Stream::Stdout, false, b"before");
        w.flush().unwrap();

        w.file = dev_full();
        w.push(TS, Stream::Stdout, false, b"lost one"); // 8 + newline
        w.push(TS, Stream::Stderr, true, b"xy"); // partial: no newline was read
        let e = w.flush().unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ENOSPC));
        assert!(w.failing());
        assert_eq!(w.dropped(), 11);
        // While failing nothing is tried: records and raw chunks are only counted.
        w.push(TS, Stream::Stdout, false, b"more");
        w.drop_output(100);
        w.flush().unwrap();
        assert_eq!(w.dropped(), 116);
        // Still failing after a retry: counted again, no notice written anywhere.
        w.retry();
        w.push(TS, Stream::Stdout, false, b"again");
        assert!(w.flush().is_err());
        assert_eq!(w.dropped(), 122);
        assert_eq!(records_in(&path), vec![full("before")]);

        // Space again (the same path, as after a cleanup): one notice, then the data.
        w.file = OpenOptions::new().append(true).open(&path).unwrap();
        w.retry();
        w.push(TS, Stream::Stdout, false, b"after");
        w.flush().unwrap();
        w.push(TS, Stream::Stdout, false, b"later");
        w.flush().unwrap();
        assert_eq!(w.dropped(), 0);
        assert!(!w.failing());
        let notice = "ctl-monitor: 122 bytes of output were dropped: no space left on device";
        assert_eq!(
            records_in(&path),
            vec![
                full("before"),
                (Stream::Stderr, false, notice.to_string()),
                full("after"),
                full("later"),
            ]
        );
        assert_eq!(w.size(), fs::metadata(&path).unwrap().len());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn finish_reports_what_no_later_record_could() {
        let dir = temp_dir("finish");
        let path = dir.join("ctr.log");
        let mut w = LogWriter::open(&path, 0, 1, false).unwrap();
        w.file = dev_full();
        w.push(TS, Stream::Stdout, false, b"lost");
        assert!(w.flush().is_err());
        w.finish(TS); // still full: nothing written, nothing lost twice
        assert_eq!(w.dropped(), 5);
        w.file = OpenOptions::new().append(true).open(&path).unwrap();
        w.finish(TS);
        let notice = "ctl-monitor: 5 bytes of output were dropped: no space left on device";
        assert_eq!(
            records_in(&path),
            vec![(Stream::Stderr, false, notice.to_string())]
        );
        w.finish(TS);
        assert_eq!(records_in(&path).len(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn error_texts() {
        let e = |code| dropped_notice(5, &describe(&io::Error::from_raw_os_error(code)));
        assert_eq!(
            e(libc::ENOSPC),
            "ctl-monitor: 5 bytes of output were dropped: no space left on device"
        );
        assert_eq!(
            e(libc::EDQUOT),
            "ctl-monitor: 5 bytes of output were dropped: disk quota exceeded"
        );
        assert!(
            e(libc::EIO).ends_with(": input/output error"),
            "{}",
            e(libc::EIO)
        );
    }

    #[test]
    fn a_failed_rotation_is_survived_and_retried() {
        let dir = temp_dir("rotfail");
        let path = dir.join("ctr.log");
        let one = record_len(TS, Stream::Stdout, b"line 00") as u64;
        let mut w = LogWriter::open(&path, one * 2, 2, false).unwrap();
        // ctr.log.1 cannot be replaced by a file: the rename of a rotation fails.
        let blocker = rotated_path(&path, 1);
        fs::create_dir_all(blocker.join("x")).unwrap();
        for i in 0..4 {
            w.push(TS, Stream::Stdout, false, format!("line {i:02}").as_bytes());
        }
        w.flush().unwrap();
        assert!(w.failing());
        assert_eq!(w.dropped(), 2 * 8);
        assert_eq!(records_in(&path), vec![full("line 00"), full("line 01")]);

        fs::remove_dir_all(&blocker).unwrap();
        w.retry();
        w.push(TS, Stream::Stdout, false, b"line 04");
        w.flush().unwrap();
        assert!(!w.failing());
        assert_eq!(records_in(&blocker), vec![full("line 00"), full("line 01")]);
        let got = records_in(&path);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, Stream::Stderr);
        assert!(got[0]
            .2
            .starts_with("ctl-monitor: 16 bytes of output were dropped: "));
        assert_eq!(got[1], full("line 04"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
