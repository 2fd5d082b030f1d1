//! The test harness. Everything a test starts (registry, proxy, temp dirs) stops or is
//! removed when its handle drops, so tests run in parallel and can run twice in a row.
//!
//! - [`ctl::Ctl`]: the real `ctl` binary with its own root, runroot, HOME and auth file.
//! - [`registry::Registry`]: Debian's `docker-registry` on a free loopback port.
//! - [`fixtures`]: layer tarballs and images built from /bin/busybox, pushed with ctl's own
//!   registry client.
//! - [`proxy::Proxy`]: a TCP proxy that forwards, cuts, corrupts or slows blob downloads.
//! - [`tree`]: compares an unpacked layer directory with the tarball it came from.

// Not every helper is used by every feature's tests yet; the container tests reuse them.
#![allow(dead_code, unused_imports)]

pub mod ctl;
pub mod fixtures;
pub mod proxy;
pub mod registry;
pub mod tree;

pub use self::ctl::{Ctl, Out};
pub use self::fixtures::{Compression, Image, Layer, LayerBuilder};
pub use self::proxy::{Fault, Proxy};
pub use self::registry::Registry;

use std::time::{Duration, Instant};

/// A registry holding an image and a `ctl` that has pulled it: where tests that need an
/// image in the store (containers) start.
pub struct WithImage {
    pub ctl: Ctl,
    pub registry: Registry,
    pub image: Image,
    /// `127.0.0.1:PORT/repo:tag`, as pulled.
    pub reference: String,
}

impl WithImage {
    /// The three-layer busybox fixture ([`Image::busybox`]).
    pub fn busybox() -> WithImage {
        Self::pulled(Image::busybox(), "fixtures/busybox:latest")
    }

    pub fn pulled(image: Image, repo_tag: &str) -> WithImage {
        Self::pulled_into(Ctl::new(), image, repo_tag)
    }

    /// [`WithImage::pulled`] into a ctl the test prepared (its store on a filesystem of its
    /// own, say).
    pub fn pulled_into(ctl: Ctl, image: Image, repo_tag: &str) -> WithImage {
        let registry = Registry::start();
        registry.push(repo_tag, &image);
        let reference = registry.reference(repo_tag);
        assert_eq!(ctl.pull(&reference), image.id());
        WithImage {
            ctl,
            registry,
            image,
            reference,
        }
    }
}

/// True when the tests run as root (the rootful store: chown, device nodes, trusted xattrs).
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// `sha256:<hex>` of `data`.
pub fn sha256(data: &[u8]) -> String {
    use sha2::Digest;
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(data)))
}

/// The hex part of a digest.
pub fn hex_of(digest: &str) -> &str {
    digest.split_once(':').map(|(_, h)| h).unwrap_or(digest)
}

/// OCI chain ids from diff ids.
pub fn chain_ids(diff_ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in diff_ids {
        let next = match out.last() {
            None => d.clone(),
            Some(parent) => sha256(format!("{parent} {d}").as_bytes()),
        };
        out.push(next);
    }
    out
}

/// Polls `f` until it returns Some, for at most `timeout`.
pub fn wait_for<T>(timeout: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if start.elapsed() > timeout {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A free TCP port on 127.0.0.1 (bound, then released; the caller binds it soon after).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    l.local_addr().expect("local addr").port()
}

/// Deterministic pseudo-random bytes (xorshift), for large incompressible layers.
pub fn random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}
