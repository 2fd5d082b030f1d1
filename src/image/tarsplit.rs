//! A layer's tar stream, rebuilt byte for byte from its unpacked tree (as containers/storage's
//! tar-split): while a layer is unpacked, every byte of the uncompressed stream that is not
//! a regular file's content is kept (headers, PAX records, padding, the end blocks and
//! whatever follows them), and each file's content is noted by its path in the layer. Saving
//! an image writes the same stream again, so its diff ids, and with them the image id, stay.
//!
//! The record is `layers/<chain>/tar-split.gz`: gzip of a sequence of
//! `b'R' u32-le LEN BYTES` (kept bytes) and `b'F' u64-le LEN u32-le PATHLEN PATH` (LEN bytes
//! from the file at PATH in the layer's tree). Content is only ever elided for a range the
//! unpacker announced before reading it; anything else is kept as it came, so a record is
//! never wrong, at worst larger.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use nix::fcntl::OFlag;

use crate::error::{Error, Result};

/// The record's file name in a layer's directory.
pub const FILE_NAME: &str = "tar-split.gz";
/// Kept bytes are written in records of at most this many.
const CHUNK: usize = 64 * 1024;

/// One regular file's content in the stream: its offset, length and path in the tree.
#[derive(Debug, Clone)]
pub struct FileRange {
    pub start: u64,
    pub len: u64,
    pub path: PathBuf,
}

/// Where the unpacker announces file contents before it reads them.
pub type Announcements = Rc<RefCell<VecDeque<FileRange>>>;

/// A reader that passes the stream through and writes its record to `out`.
pub struct Recorder<R, W: Write> {
    inner: R,
    out: W,
    pos: u64,
    kept: Vec<u8>,
    files: Announcements,
    current: Option<FileRange>,
}

impl<R: Read, W: Write> Recorder<R, W> {
    pub fn new(inner: R, out: W, files: Announcements) -> Self {
        Recorder {
            inner,
            out,
            pos: 0,
            kept: Vec::new(),
            files,
            current: None,
        }
    }

    fn flush_kept(&mut self) -> io::Result<()> {
        for chunk in self.kept.chunks(CHUNK) {
            self.out.write_all(b"R")?;
            self.out.write_all(&(chunk.len() as u32).to_le_bytes())?;
            self.out.write_all(chunk)?;
        }
        self.kept.clear();
        Ok(())
    }

    fn file(&mut self, f: &FileRange) -> io::Result<()> {
        self.flush_kept()?;
        let path = f.path.as_os_str().as_bytes();
        self.out.write_all(b"F")?;
        self.out.write_all(&f.len.to_le_bytes())?;
        self.out.write_all(&(path.len() as u32).to_le_bytes())?;
        self.out.write_all(path)
    }

    /// Sorts the bytes `buf` (at `self.pos`) into kept bytes and file contents.
    fn record(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut i = 0;
        while i < buf.len() {
            let at = self.pos + i as u64;
            if let Some(cur) = &self.current {
                let end = cur.start + cur.len;
                let k = (end - at).min((buf.len() - i) as u64) as usize;
                i += k;
                if at + k as u64 == end {
                    let cur = self.current.take().expect("current file");
                    self.file(&cur)?;
                }
                continue;
            }
            let next = self.files.borrow_mut().pop_front();
            let boundary = match next {
                // Already passed (read ahead of its announcement): its bytes stay kept.
                Some(f) if f.start < at || f.len == 0 => continue,
                Some(f) if f.start == at => {
                    self.current = Some(f);
                    continue;
                }
                Some(f) => {
                    let start = f.start;
                    self.files.borrow_mut().push_front(f);
                    start
                }
                None => u64::MAX,
            };
            let k = (boundary - at).min((buf.len() - i) as u64) as usize;
            self.kept.extend_from_slice(&buf[i..i + k]);
            i += k;
            if self.kept.len() >= CHUNK {
                self.flush_kept()?;
            }
        }
        self.pos += buf.len() as u64;
        Ok(())
    }

    /// Writes what is pending and returns the record's writer.
    pub fn finish(mut self) -> io::Result<W> {
        if let Some(cur) = self.current.take() {
            // The stream ended inside a file: never the case for a tar that unpacked.
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("stream ended inside {}", cur.path.display()),
            ));
        }
        self.flush_kept()?;
        Ok(self.out)
    }
}

impl<R: Read, W: Write> Read for Recorder<R, W> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.record(&buf[..n])?;
        Ok(n)
    }
}

/// A new record's writer in `dir`.
pub fn create(dir: &Path) -> Result<GzEncoder<File>> {
    let p = dir.join(FILE_NAME);
    let f = File::create(&p).map_err(|e| Error::io(&p, e))?;
    Ok(GzEncoder::new(f, flate2::Compression::fast()))
}

/// Why a layer's stream cannot be written again.
#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    #[error("it was stored without a record of its tar stream (by an earlier version); remove the image and pull or load it again")]
    NoRecord,
    #[error("its record is damaged: {0}")]
    Damaged(String),
    #[error("{path}: {source}")]
    File {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("the rebuilt stream's digest {actual} is not its diff id {expected}")]
    Mismatch { expected: String, actual: String },
    #[error("writing: {0}")]
    Write(#[source] io::Error),
}

/// Writes the tar stream of the layer in `layer_dir` (its `diff/` and record) to `out` and
/// checks it against `diff_id`; returns its length.
pub fn rebuild(
    layer_dir: &Path,
    diff_id: &str,
    out: &mut dyn Write,
) -> std::result::Result<u64, RebuildError> {
    let rec = layer_dir.join(FILE_NAME);
    let file = match File::open(&rec) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(RebuildError::NoRecord),
        Err(e) => return Err(RebuildError::Damaged(e.to_string())),
    };
    let diff = layer_dir.join("diff");
    let root = File::open(&diff).map_err(|source| RebuildError::File {
        path: diff.display().to_string(),
        source,
    })?;
    let mut input = BufReader::new(GzDecoder::new(file));
    let mut hashed = HashWriter::new(out);
    let damaged = |e: io::Error| RebuildError::Damaged(e.to_string());
    let mut buf = vec![0u8; CHUNK];
    loop {
        let mut tag = [0u8; 1];
        match input.read(&mut tag) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(damaged(e)),
        }
        match tag[0] {
            b'R' => {
                let len = read_u32(&mut input).map_err(damaged)? as usize;
                if len > CHUNK {
                    return Err(RebuildError::Damaged(format!("a record of {len} bytes")));
                }
                input.read_exact(&mut buf[..len]).map_err(damaged)?;
                hashed.write_all(&buf[..len]).map_err(RebuildError::Write)?;
            }
            b'F' => {
                let len = read_u64(&mut input).map_err(damaged)?;
                let plen = read_u32(&mut input).map_err(damaged)? as usize;
                if plen > 64 * 1024 {
                    return Err(RebuildError::Damaged("a path too long".into()));
                }
                let mut p = vec![0u8; plen];
                input.read_exact(&mut p).map_err(damaged)?;
                let path = PathBuf::from(std::ffi::OsStr::from_bytes(&p));
                copy_file(&root, &path, len, &mut hashed, &mut buf)?;
            }
            t => return Err(RebuildError::Damaged(format!("unknown record {t:#x}"))),
        }
    }
    let actual = hashed.digest();
    if actual != diff_id {
        return Err(RebuildError::Mismatch {
            expected: diff_id.to_string(),
            actual,
        });
    }
    Ok(hashed.count)
}

fn copy_file(
    root: &File,
    path: &Path,
    len: u64,
    out: &mut HashWriter<'_>,
    buf: &mut [u8],
) -> std::result::Result<(), RebuildError> {
    let err = |source: io::Error| RebuildError::File {
        path: path.display().to_string(),
        source,
    };
    let flags = OFlag::O_RDONLY | OFlag::O_NOFOLLOW;
    let fd = crate::image::unpack::resolve_in_root(root, path, flags)
        .map_err(|e| err(io::Error::from(e)))?;
    let mut f = File::from(fd).take(len);
    let mut left = len;
    while left > 0 {
        let n = f.read(buf).map_err(err)?;
        if n == 0 {
            return Err(err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("shorter than the {len} bytes recorded"),
            )));
        }
        out.write_all(&buf[..n]).map_err(RebuildError::Write)?;
        left -= n as u64;
    }
    Ok(())
}

fn read_u32(r: &mut impl Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn read_u64(r: &mut impl Read) -> io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

/// A writer that hashes and counts what passes.
struct HashWriter<'a> {
    inner: &'a mut dyn Write,
    hash: sha2::Sha256,
    count: u64,
}

impl<'a> HashWriter<'a> {
    fn new(inner: &'a mut dyn Write) -> Self {
        HashWriter {
            inner,
            hash: sha2::Digest::new(),
            count: 0,
        }
    }

    fn digest(&self) -> String {
        let d = sha2::Digest::finalize(self.hash.clone());
        format!("sha256:{}", hex::encode(d))
    }
}

impl Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        sha2::Digest::update(&mut self.hash, &buf[..n]);
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of `data` with the given announced ranges, rebuilt from `files`.
    fn roundtrip(data: &[u8], ranges: &[(u64, u64, &str)], files: &[(&str, &[u8])]) -> Vec<u8> {
        let ann: Announcements = Rc::default();
        let mut rec = Recorder::new(data, Vec::new(), ann.clone());
        for (s, l, p) in ranges {
            ann.borrow_mut().push_back(FileRange {
                start: *s,
                len: *l,
                path: PathBuf::from(p),
            });
        }
        let mut sink = Vec::new();
        // Small reads cross every boundary.
        let mut b = [0u8; 3];
        loop {
            let n = rec.read(&mut b).unwrap();
            if n == 0 {
                break;
            }
            sink.extend_from_slice(&b[..n]);
        }
        assert_eq!(sink, data);
        let record = rec.finish().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("diff")).unwrap();
        for (p, content) in files {
            std::fs::write(dir.path().join("diff").join(p), content).unwrap();
        }
        let mut gz = create(dir.path()).unwrap();
        gz.write_all(&record).unwrap();
        gz.finish().unwrap();
        let mut out = Vec::new();
        let diff_id = crate::image::digest::sha256_digest(data);
        rebuild(dir.path(), &diff_id, &mut out).unwrap();
        out
    }

    #[test]
    fn file_contents_come_from_the_tree_and_the_rest_from_the_record() {
        let data = b"HEADERhelloPADmoreworldEND";
        let out = roundtrip(
            data,
            &[(6, 5, "a"), (18, 5, "b")],
            &[("a", b"hello"), ("b", b"world")],
        );
        assert_eq!(out, data);
    }

    #[test]
    fn a_range_announced_late_stays_in_the_record() {
        let data = b"HEADERhello";
        // Not announced before its bytes passed: kept, and the tree is not read.
        let ann: Announcements = Rc::default();
        let mut rec = Recorder::new(&data[..], Vec::new(), ann.clone());
        let mut sink = Vec::new();
        rec.read_to_end(&mut sink).unwrap();
        ann.borrow_mut().push_back(FileRange {
            start: 6,
            len: 5,
            path: "a".into(),
        });
        let record = rec.finish().unwrap();
        assert!(record.windows(5).any(|w| w == b"hello"));
    }

    #[test]
    fn a_changed_file_fails_the_digest() {
        let data = b"Hhello";
        let ann: Announcements = Rc::default();
        ann.borrow_mut().push_back(FileRange {
            start: 1,
            len: 5,
            path: "a".into(),
        });
        let mut rec = Recorder::new(&data[..], Vec::new(), ann);
        rec.read_to_end(&mut Vec::new()).unwrap();
        let record = rec.finish().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("diff")).unwrap();
        std::fs::write(dir.path().join("diff/a"), b"HELLO").unwrap();
        let mut gz = create(dir.path()).unwrap();
        gz.write_all(&record).unwrap();
        gz.finish().unwrap();
        let diff_id = crate::image::digest::sha256_digest(data);
        let err = rebuild(dir.path(), &diff_id, &mut Vec::new()).unwrap_err();
        assert!(matches!(err, RebuildError::Mismatch { .. }), "{err}");
    }
}
