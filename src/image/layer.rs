//! One layer from a byte stream into the store: decompress while reading, unpack while
//! decompressing, verify both digests, and publish only a layer that checked out.

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::image::compression::Algorithm;
use crate::image::digest::HashReader;
use crate::image::store::{LayerRecord, Store};
use crate::image::tarsplit::{self, Recorder};
use crate::image::unpack::{unpack_announcing, UnpackError, UnpackOptions};

/// What the stream must turn out to be.
#[derive(Debug, Clone)]
pub struct Expected {
    /// Name for errors (the blob digest, or the archive member).
    pub label: String,
    /// Digest of the bytes as they come; checked when known.
    pub digest: Option<String>,
    /// Digest of the uncompressed tar; checked when known.
    pub diff_id: Option<String>,
    pub chain_id: Option<String>,
    pub parent: Option<String>,
    /// Length of the stream as its descriptor declares it; checked when known, and no
    /// more than one byte past it is ever read.
    pub size: Option<u64>,
}

/// What went wrong with the stream itself, as opposed to its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// More bytes than the declared size.
    Longer,
    /// The source failed (connection cut, timeout).
    Read,
}

/// The source, limited to its declared size plus one byte and watched: when the tar parser
/// or a decompressor fails, the fault recorded here says whether to blame the stream or the
/// bytes in it.
struct Source<R> {
    inner: R,
    size: Option<u64>,
    read: u64,
    fault: Rc<Cell<Option<Fault>>>,
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = match self.size {
            // `read` never passes size + 1: the read that gets there fails.
            Some(size) => usize::try_from(size + 1 - self.read).unwrap_or(usize::MAX),
            None => usize::MAX,
        };
        let len = buf.len().min(room);
        let n = match self.inner.read(&mut buf[..len]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
            Err(e) => {
                self.fault.set(Some(Fault::Read));
                return Err(e);
            }
        };
        self.read += n as u64;
        match self.size {
            Some(size) if self.read > size => {
                self.fault.set(Some(Fault::Longer));
                Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("longer than the declared {size} bytes"),
                ))
            }
            _ => Ok(n),
        }
    }
}

fn too_long(label: &str, size: u64) -> Error {
    Error::BlobSize {
        what: "layer",
        digest: label.to_string(),
        reason: format!("the blob is longer than the {size} bytes its descriptor declares"),
    }
}

/// A failure of the tar parser or a decompressor on bytes that arrived intact: the content
/// is at fault. The tar crate quotes header fields (a file's first bytes, when the input is
/// not a tar at all), so its message is cut short; the caller escapes it.
fn bad_content(label: &str, tar_bytes: u64, e: &io::Error) -> Error {
    let reason = if tar_bytes <= 512 {
        "not a tar archive (plain, gzip or zstd)".to_string()
    } else {
        let msg = e.to_string();
        let msg = msg.split(" when getting ").next().unwrap_or_default();
        format!(
            "corrupt tar stream after {tar_bytes} bytes: {}",
            crate::text::excerpt(msg, 60)
        )
    };
    Error::Unpack {
        digest: label.to_string(),
        source: UnpackError::Invalid(reason),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

fn sniff(head: &[u8]) -> Compression {
    match head {
        [0x1f, 0x8b, ..] => Compression::Gzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
        _ => Compression::None,
    }
}

/// Streams `source` into a staged layer and commits it. With no expected chain id (an
/// imported tarball), the diff id that was read becomes the chain id of a base layer.
pub fn store_layer<R: Read>(
    store: &Store,
    source: R,
    expected: &Expected,
    opts: &UnpackOptions,
    on_read: impl FnMut(usize) + Send + 'static,
) -> Result<LayerRecord> {
    let label = expected.label.clone();
    let read_err = |e: io::Error| Error::Unpack {
        digest: label.clone(),
        source: crate::image::unpack::UnpackError::Read(e),
    };
    let staging = store.stage()?;
    let diff_dir = staging.path().join("diff");
    std::fs::create_dir(&diff_dir).map_err(|e| Error::io(&diff_dir, e))?;

    let fault = Rc::new(Cell::new(None));
    let source = Source {
        inner: source,
        size: expected.size,
        read: 0,
        fault: fault.clone(),
    };
    let mut raw =
        BufReader::with_capacity(256 * 1024, HashReader::new(source).with_progress(on_read));
    let mut tar_bytes = 0;
    let unpacked = (|| {
        let kind = sniff(raw.fill_buf().map_err(read_err)?);
        let decoder: Box<dyn Read + '_> = match kind {
            Compression::None => Box::new(&mut raw),
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(&mut raw)),
            Compression::Zstd => {
                Box::new(zstd::stream::read::Decoder::with_buffer(&mut raw).map_err(read_err)?)
            }
        };
        let files = crate::image::tarsplit::Announcements::default();
        let record = tarsplit::create(staging.path())?;
        let mut tar = HashReader::new(Recorder::new(decoder, record, files.clone()));
        let done = unpack_announcing(&mut tar, &diff_dir, opts, Some(files))
            .map_err(|source| match source {
                UnpackError::Unmapped { path, uid, gid } => {
                    crate::rootless::unmapped_owner_error(&path, uid, gid)
                }
                source => Error::Unpack {
                    digest: expected.label.clone(),
                    source,
                },
            })
            .and_then(|_| tar.drain().map_err(read_err));
        tar_bytes = tar.count();
        done?;
        let (diff_id, size) = (tar.digest(), tar.count());
        let record = tar.into_inner().finish().map_err(read_err)?;
        record
            .finish()
            .map_err(read_err)?
            .sync_all()
            .map_err(read_err)?;
        // The compressed stream may run past the end of what the decoder needed.
        io::copy(&mut raw, &mut io::sink()).map_err(read_err)?;
        Ok((kind, diff_id, size))
    })();
    let (kind, diff_id, size) = match (unpacked, fault.get()) {
        (Ok(done), _) => done,
        (Err(_), Some(Fault::Longer)) => {
            return Err(too_long(&expected.label, expected.size.unwrap_or_default()))
        }
        (
            Err(Error::Unpack {
                source: UnpackError::Read(e),
                ..
            }),
            None,
        ) => return Err(bad_content(&expected.label, tar_bytes, &e)),
        (Err(e), _) => return Err(e),
    };
    let raw = raw.into_inner();
    if let Some(declared) = expected.size.filter(|d| *d != raw.count()) {
        return Err(Error::BlobSize {
            what: "layer",
            digest: expected.label.clone(),
            reason: format!(
                "the blob is {} bytes, its descriptor declares {declared}",
                raw.count()
            ),
        });
    }
    let got = raw.digest();
    if let Some(want) = &expected.digest {
        if *want != got {
            return Err(Error::DigestMismatch {
                digest: expected.label.clone(),
                what: "compressed",
                expected: want.clone(),
                actual: got,
            });
        }
    }
    if let Some(want) = &expected.diff_id {
        if *want != diff_id {
            return Err(Error::DigestMismatch {
                digest: expected.label.clone(),
                what: "uncompressed (diff-id)",
                expected: want.clone(),
                actual: diff_id,
            });
        }
    }
    let rec = LayerRecord {
        chain_id: expected.chain_id.clone().unwrap_or_else(|| diff_id.clone()),
        diff_id,
        digest: (kind != Compression::None || expected.digest.is_some()).then_some(got),
        compressed_size: Some(raw.count()),
        compression: match kind {
            Compression::None => None,
            Compression::Gzip => Some(Algorithm::Gzip),
            Compression::Zstd => Some(Algorithm::Zstd),
        },
        size,
        parent: expected.parent.clone(),
    };
    store.commit_layer(staging, &rec)?;
    Ok(rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_compression_by_magic() {
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Compression::Gzip);
        assert_eq!(sniff(&[0x28, 0xb5, 0x2f, 0xfd]), Compression::Zstd);
        assert_eq!(sniff(b"etc/"), Compression::None);
        assert_eq!(sniff(&[]), Compression::None);
    }

    fn source(data: &[u8], size: Option<u64>) -> (Source<&[u8]>, Rc<Cell<Option<Fault>>>) {
        let fault = Rc::new(Cell::new(None));
        let s = Source {
            inner: data,
            size,
            read: 0,
            fault: fault.clone(),
        };
        (s, fault)
    }

    #[test]
    fn a_source_reads_one_byte_past_its_declared_size_then_fails() {
        let data = vec![7u8; 1000];
        let (mut s, fault) = source(&data, Some(900));
        let err = io::copy(&mut s, &mut io::sink()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(fault.get(), Some(Fault::Longer));
        assert_eq!(s.read, 901);

        let (mut s, fault) = source(&data, Some(1000));
        assert_eq!(io::copy(&mut s, &mut io::sink()).unwrap(), 1000);
        assert_eq!(fault.get(), None);
        // Shorter than declared is for the caller to see in the count.
        let (mut s, _) = source(&data, Some(2000));
        assert_eq!(io::copy(&mut s, &mut io::sink()).unwrap(), 1000);
    }

    #[test]
    fn bad_content_does_not_quote_the_input() {
        let e = io::Error::other(
            "numeric field was not a number: ro\not when getting cksum for root:x",
        );
        let msg = bad_content("/etc/passwd", 512, &e).to_string();
        assert_eq!(
            msg,
            "layer /etc/passwd: not a tar archive (plain, gzip or zstd)"
        );
        let msg = bad_content("l", 4096, &e).to_string();
        assert!(!msg.contains("root:x") && !msg.contains('\n'), "{msg}");
        assert!(msg.contains("after 4096 bytes"), "{msg}");
    }
}
