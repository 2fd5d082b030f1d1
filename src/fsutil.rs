//! Small filesystem primitives every record relies on: atomic writes and file locks.

use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use crate::error::{IoContext, Result};

/// Each extended attribute of `src` that `keep` accepts, set on `dst` (symlinks not
/// followed on either side). Returns the ones `dst` would not take, with why; a `src` on a
/// filesystem without them has none.
pub fn copy_xattrs(
    src: &Path,
    dst: &Path,
    keep: impl Fn(&[u8]) -> bool,
) -> std::io::Result<Vec<(std::ffi::OsString, std::io::Error)>> {
    use std::os::unix::ffi::OsStrExt;
    let names = match xattr::list(src) {
        Ok(n) => n,
        Err(e) if e.raw_os_error() == Some(libc::ENOTSUP) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut refused = Vec::new();
    for name in names.filter(|n| keep(n.as_bytes())) {
        // Gone meanwhile, or not readable here: nothing to copy.
        let Ok(Some(value)) = xattr::get(src, &name) else {
            continue;
        };
        if let Err(e) = xattr::set(dst, &name, &value) {
            refused.push((name, e));
        }
    }
    Ok(refused)
}

/// Writes `data` to `path` so that a reader sees the old file or the new one, never half
/// ([`ctl_monitor::fsx::write_atomic`]: a private `.tmp-` file beside it, fsync, rename,
/// fsync the directory; nothing left behind on failure).
pub fn atomic_write(path: &Path, data: &[u8]) -> Result<()> {
    ctl_monitor::fsx::write_atomic(path, data).at(path)
}

/// Reads a small file (a record) whole: one open and, for a file under 16 KiB, one read.
/// `fs::read` also asks for the size and reads once more to see the end; over a thousand
/// records (`ps -a`) those calls are most of the work. A regular file's short read is its
/// end.
pub fn read_small(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    const CHUNK: usize = 16 * 1024;
    let mut f = File::open(path)?;
    let mut buf = vec![0u8; CHUNK];
    let mut len = 0;
    loop {
        let n = match f.read(&mut buf[len..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        len += n;
        if n == 0 || len < buf.len() {
            buf.truncate(len);
            return Ok(buf);
        }
        buf.resize(buf.len() + CHUNK, 0);
    }
}

pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir).and_then(|d| d.sync_all()).at(dir)
}

/// Creates `path` and its parents with mode 0700 where missing.
pub fn create_private_dir(path: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
        .at(path)
}

/// A flock held until dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Blocks until the lock on `path` (created if missing) is held.
    pub fn exclusive(path: &Path) -> Result<Lock> {
        let file = open_lockfile(path)?;
        file.lock().at(path)?;
        Ok(Lock { _file: file })
    }

    /// Blocks until a shared lock on `path` (created if missing) is held: many holders at
    /// once, none while someone holds it exclusively.
    pub fn shared(path: &Path) -> Result<Lock> {
        let file = open_lockfile(path)?;
        file.lock_shared().at(path)?;
        Ok(Lock { _file: file })
    }

    /// Whether the locked file is still the one at `path`: a remover renames a container's
    /// directory away with its lock held, so a waiter may wake holding the lock of a
    /// directory that is gone.
    pub fn is_at(&self, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (self._file.metadata(), fs::symlink_metadata(path)) {
            (Ok(held), Ok(now)) => held.dev() == now.dev() && held.ino() == now.ino(),
            _ => false,
        }
    }

    /// Takes the lock only if nobody holds it.
    pub fn try_exclusive(path: &Path) -> Result<Option<Lock>> {
        let file = open_lockfile(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Lock { _file: file })),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(e).at(path),
        }
    }
}

impl Lock {
    /// [`Lock::try_exclusive`] of a lock file that must exist already: never creates it
    /// (in a directory someone may be deleting). Ok(None) when held or missing.
    pub fn try_existing(path: &Path) -> Result<Option<Lock>> {
        let file = match OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_CLOEXEC)
            .open(path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).at(path),
        };
        match file.try_lock() {
            Ok(()) => Ok(Some(Lock { _file: file })),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(e).at(path),
        }
    }
}

fn open_lockfile(path: &Path) -> Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)
        .at(path)
}

/// A random hex id of `bytes` bytes.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // getrandom only fails when the kernel has no entropy source at all.
    getrandom::fill(&mut buf).expect("kernel random source");
    hex::encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_reads_return_the_whole_file_at_any_size() {
        let t = tempfile::tempdir().unwrap();
        for size in [0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000] {
            let p = t.path().join(format!("f{size}"));
            let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            fs::write(&p, &data).unwrap();
            assert_eq!(read_small(&p).unwrap(), data, "size {size}");
        }
        let e = read_small(&t.path().join("none")).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn atomic_write_names_the_path_in_its_error() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("missing/x.json");
        let e = atomic_write(&p, b"one").unwrap_err().to_string();
        assert!(e.starts_with(&p.display().to_string()), "{e}");
        atomic_write(&d.path().join("x.json"), b"two").unwrap();
        assert_eq!(fs::read(d.path().join("x.json")).unwrap(), b"two");
    }

    #[test]
    fn a_lock_renamed_away_is_not_at_its_path() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("c/lock");
        fs::create_dir(d.path().join("c")).unwrap();
        let held = Lock::exclusive(&p).unwrap();
        assert!(held.is_at(&p));
        fs::rename(d.path().join("c"), d.path().join("gone")).unwrap();
        assert!(!held.is_at(&p));
        fs::create_dir(d.path().join("c")).unwrap();
        fs::write(&p, b"").unwrap();
        assert!(!held.is_at(&p));
    }

    #[test]
    fn try_lock_sees_a_held_lock() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("lock");
        let held = Lock::exclusive(&p).unwrap();
        assert!(Lock::try_exclusive(&p).unwrap().is_none());
        drop(held);
        assert!(Lock::try_exclusive(&p).unwrap().is_some());
    }
}
