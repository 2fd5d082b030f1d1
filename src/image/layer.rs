//! One layer from a byte stream into the store: decompress while reading, unpack while
//! decompressing, verify both digests, and publish only a layer that checked out.

use std::io::{self, BufRead, BufReader, Read};

use crate::error::{Error, Result};
use crate::image::digest::HashReader;
use crate::image::store::{LayerRecord, Store};
use crate::image::unpack::{unpack, UnpackError, UnpackOptions};

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

    let mut raw =
        BufReader::with_capacity(256 * 1024, HashReader::new(source).with_progress(on_read));
    let kind = sniff(raw.fill_buf().map_err(read_err)?);
    let (diff_id, size) = {
        let decoder: Box<dyn Read + '_> = match kind {
            Compression::None => Box::new(&mut raw),
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(&mut raw)),
            Compression::Zstd => {
                Box::new(zstd::stream::read::Decoder::with_buffer(&mut raw).map_err(read_err)?)
            }
        };
        let mut tar = HashReader::new(decoder);
        unpack(&mut tar, &diff_dir, opts).map_err(|source| match source {
            UnpackError::Unmapped { path, uid, gid } => {
                crate::rootless::unmapped_owner_error(&path, uid, gid)
            }
            source => Error::Unpack {
                digest: expected.label.clone(),
                source,
            },
        })?;
        tar.drain().map_err(read_err)?;
        (tar.digest(), tar.count())
    };
    // The compressed stream may run past the end of what the decoder needed.
    io::copy(&mut raw, &mut io::sink()).map_err(read_err)?;
    let raw = raw.into_inner();
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
}
