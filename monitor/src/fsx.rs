//! The atomic file write every record of ctl and the monitor goes through (ctl wraps it with
//! its error type in `ctl::fsutil::atomic_write`).

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Temp files start with this, in the target's directory; sweeps of a directory know a file
/// so named is no record (and a killed writer's leftover).
pub const TEMP_PREFIX: &str = ".tmp-";

/// Writes `data` to `path` so that a reader sees the old file or the whole new one, never
/// half: a private (0600) temp file in the same directory, fsync, rename, fsync the directory.
/// On any failure (a full disk included) the temp file is gone and `path` is untouched.
pub fn write_atomic(path: &Path, data: &[u8]) -> io::Result<()> {
    write_atomic_mode(path, data, 0o600)
}

/// [`write_atomic`] with the new file's permission bits (before the umask).
pub fn write_atomic_mode(path: &Path, data: &[u8], mode: u32) -> io::Result<()> {
    // A bare file name ("cid") has the parent "", which names no directory.
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (tmp, mut file) = create_temp(dir, mode)?;
    let result = file
        .write_all(data)
        .and_then(|_| file.sync_all())
        .and_then(|_| fs::rename(&tmp, path));
    drop(file);
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    File::open(dir).and_then(|d| d.sync_all())
}

/// Creates a new temp file in `dir`: never an existing file or a symlink (O_EXCL), with a
/// name nobody else picks (pid, a counter, the clock), retried if taken anyway.
fn create_temp(dir: &Path, mode: u32) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let clock = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let mut name = OsString::from(TEMP_PREFIX);
        name.push(format!("{:x}-{n:x}-{clock:08x}", std::process::id()));
        let tmp = dir.join(name);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::from(io::ErrorKind::AlreadyExists)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    struct Dir(PathBuf);

    impl Dir {
        fn new(tag: &str) -> Dir {
            let p = std::env::temp_dir().join(format!("ctl-fsx-{tag}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&p);
            fs::create_dir_all(&p).unwrap();
            Dir(p)
        }

        fn names(&self) -> Vec<String> {
            let mut v: Vec<String> = fs::read_dir(&self.0)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temp() {
        let d = Dir::new("replace");
        let p = d.0.join("x.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(d.names(), ["x.json"]);
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        write_atomic_mode(&p, b"three", 0o644).unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644 & !umask());
    }

    fn umask() -> u32 {
        let p = std::env::temp_dir().join(format!("ctl-fsx-umask-{}", std::process::id()));
        let f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o777)
            .open(&p)
            .unwrap();
        let mode = f.metadata().unwrap().permissions().mode() & 0o777;
        fs::remove_file(&p).unwrap();
        !mode & 0o777
    }

    #[test]
    fn a_failed_rename_leaves_no_temp_and_the_old_file() {
        let d = Dir::new("fail");
        // Renaming a file over a non-empty directory fails after the data is written.
        let target = d.0.join("busy");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), b"x").unwrap();
        assert!(write_atomic(&target, b"data").is_err());
        assert_eq!(d.names(), ["busy"]);
    }

    #[test]
    fn temp_files_carry_the_prefix_and_never_follow_links() {
        let d = Dir::new("excl");
        let (tmp, _f) = create_temp(&d.0, 0o600).unwrap();
        let name = tmp.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(TEMP_PREFIX), "{name}");
        let (other, _g) = create_temp(&d.0, 0o600).unwrap();
        assert_ne!(tmp, other);
        fs::remove_file(&tmp).unwrap();
        fs::remove_file(&other).unwrap();
    }
}
