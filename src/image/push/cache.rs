//! Compressed copies of a layer, kept beside it so that a second push does not compress
//! again: `layers/<chain>/compressed/<algorithm>-<level>@<digest hex>`. One key per file
//! name, so a copy becomes visible whole by one rename (it is written in the store's
//! staging area first, which a killed writer leaves to the next `Store::open` to clear) and
//! goes when its layer goes.

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::image::compression::{Algorithm, Compression};
use crate::image::save::Hashing;
use crate::image::store::Store;
use crate::image::tarsplit;

const DIR: &str = "compressed";

/// One compressed blob of a layer the store has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    pub digest: String,
    pub size: u64,
    pub algorithm: Algorithm,
    /// `gzip-6`, `zstd-default`: the setting it was made with.
    pub key: String,
    pub path: PathBuf,
}

/// `<key>@<hex>` → (key, algorithm, digest); None for any other name.
fn parse_name(name: &str) -> Option<(String, Algorithm, String)> {
    let (key, hex) = name.split_once('@')?;
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let algorithm = key.split_once('-')?.0.parse().ok()?;
    Some((key.to_string(), algorithm, format!("sha256:{hex}")))
}

/// The compressed copies kept for the layer `chain`.
pub fn entries(store: &Store, chain: &str) -> Vec<Cached> {
    let dir = store.layer_dir(chain).join(DIR);
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<Cached> = rd
        .flatten()
        .filter_map(|e| {
            let (key, algorithm, digest) = parse_name(&e.file_name().to_string_lossy())?;
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some(Cached {
                digest,
                size: meta.len(),
                algorithm,
                key,
                path: e.path(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

/// The copy made with exactly `compression`, if there is one.
pub fn find(store: &Store, chain: &str, compression: &Compression) -> Option<Cached> {
    let key = compression.key();
    entries(store, chain).into_iter().find(|c| c.key == key)
}

/// A writer that reports how many bytes passed.
struct Counting<'a, W> {
    inner: W,
    on_bytes: &'a mut dyn FnMut(u64),
}

impl<W: Write> Write for Counting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        (self.on_bytes)(n as u64);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Compresses the layer's tar (rebuilt byte for byte from the store) and keeps the result;
/// `on_bytes` hears of the uncompressed bytes as they go in.
pub fn make(
    store: &Store,
    chain: &str,
    compression: &Compression,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<Cached> {
    let rec = store.layer(chain)?;
    let layer_dir = store.layer_dir(chain);
    let staging = store.stage()?;
    let scratch = staging.path().join("blob");
    let file = std::fs::File::create(&scratch).map_err(|e| Error::io(&scratch, e))?;
    let hashed = Hashing::new(std::io::BufWriter::with_capacity(256 * 1024, file));
    let mut hashed = compression.encode(hashed, |w| {
        let mut counted = Counting { inner: w, on_bytes };
        tarsplit::rebuild(&layer_dir, &rec.diff_id, &mut counted).map_err(|e| Error::BadImage {
            what: format!("layer {}", rec.diff_id),
            reason: e.to_string(),
        })?;
        Ok(())
    })?;
    hashed.flush().map_err(|e| Error::io(&scratch, e))?;
    let (digest, size) = (hashed.digest(), hashed.count);
    let file = hashed
        .inner
        .into_inner()
        .map_err(|e| Error::io(&scratch, e.into_error()))?;
    file.sync_all().map_err(|e| Error::io(&scratch, e))?;
    let dir = layer_dir.join(DIR);
    match std::fs::create_dir(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(Error::io(&dir, e)),
    }
    let key = compression.key();
    let hex = digest.trim_start_matches("sha256:");
    let path = dir.join(format!("{key}@{hex}"));
    // Another push of the same layer may have got there first: same bytes, same name.
    std::fs::rename(&scratch, &path).map_err(|e| Error::io(&path, e))?;
    crate::fsutil::sync_dir(&dir)?;
    Ok(Cached {
        digest,
        size,
        algorithm: compression.algorithm,
        key,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_into_key_algorithm_and_digest() {
        let hex = "a".repeat(64);
        let (key, a, d) = parse_name(&format!("zstd-3@{hex}")).unwrap();
        assert_eq!((key.as_str(), a), ("zstd-3", Algorithm::Zstd));
        assert_eq!(d, format!("sha256:{hex}"));
        assert!(parse_name(&format!("lz4-1@{hex}")).is_none());
        assert!(parse_name("gzip-6@abc").is_none());
        assert!(parse_name(".tmp-x").is_none());
    }
}
