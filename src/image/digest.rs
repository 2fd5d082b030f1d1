//! Digests: a hashing reader and chain ids.

use std::io::{self, Read};

use sha2::{Digest, Sha256};

/// Hashes (and counts) everything read through it.
pub struct HashReader<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
    on_read: Option<Box<dyn FnMut(usize) + Send>>,
}

impl<R: Read> HashReader<R> {
    pub fn new(inner: R) -> Self {
        HashReader {
            inner,
            hasher: Sha256::new(),
            count: 0,
            on_read: None,
        }
    }

    /// Calls `f` with the size of every chunk read (progress reporting).
    pub fn with_progress(mut self, f: impl FnMut(usize) + Send + 'static) -> Self {
        self.on_read = Some(Box::new(f));
        self
    }

    pub fn into_inner(self) -> R {
        self.inner
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// `sha256:<hex>` of what was read so far.
    pub fn digest(&self) -> String {
        format!("sha256:{}", hex::encode(self.hasher.clone().finalize()))
    }

    /// Reads to the end, so the digest covers the whole stream.
    pub fn drain(&mut self) -> io::Result<u64> {
        io::copy(self, &mut io::sink())
    }
}

impl<R: Read> Read for HashReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        if let Some(f) = self.on_read.as_mut() {
            f(n);
        }
        Ok(n)
    }
}

pub fn sha256_digest(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(data)))
}

/// OCI chain ids: the first is the diff id; each next is sha256("<parent> <diff id>").
pub fn chain_ids(diff_ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(diff_ids.len());
    for d in diff_ids {
        let next = match out.last() {
            None => d.clone(),
            Some(parent) => sha256_digest(format!("{parent} {d}").as_bytes()),
        };
        out.push(next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_ids_follow_the_oci_rule() {
        let a = sha256_digest(b"a");
        let b = sha256_digest(b"b");
        let ids = chain_ids(&[a.clone(), b.clone()]);
        assert_eq!(ids[0], a);
        assert_eq!(ids[1], sha256_digest(format!("{a} {b}").as_bytes()));
        assert!(chain_ids(&[]).is_empty());
    }

    #[test]
    fn hash_reader_hashes_everything_read() {
        let mut r = HashReader::new(&b"hello"[..]);
        r.drain().unwrap();
        assert_eq!(r.count(), 5);
        assert_eq!(r.digest(), sha256_digest(b"hello"));
    }
}
