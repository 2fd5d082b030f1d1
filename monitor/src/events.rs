//! Appending to ctl's events file, shared by ctl and the monitor (which records each
//! health check's status): one `write(2)` of one whole line with `O_APPEND`, under a shared flock
//! on `<file>.lock`. ctl's rotation takes that lock exclusively, so a renamed file is
//! complete and a follower can drain it and move on.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::json::{push_int, push_str};
use crate::time::Timestamp;

/// The lock beside the events file.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Takes the lock beside the events file `path` (shared: appending; exclusive: rotating).
fn lock(path: &Path, how: nix::fcntl::FlockArg) -> io::Result<nix::fcntl::Flock<File>> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(lock_path(path))?;
    nix::fcntl::Flock::lock(file, how).map_err(|(_, e)| io::Error::from(e))
}

/// Appends `line` (ending in a newline) to `path`, creating it (and its directory).
pub fn append(path: &Path, line: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let _shared = lock(path, nix::fcntl::FlockArg::LockShared)?;
    let mut f: File = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)?;
    f.write_all(line)
}

/// [`append`], first renaming a file that `line` would take past `max_size` (0: never) to
/// [`rotated`]'s name. Checked again under the exclusive lock: another writer may have
/// rotated it meanwhile.
pub fn append_rotating(path: &Path, line: &[u8], max_size: u64) -> io::Result<()> {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let adding = line.len() as u64;
    if max_size > 0 && size(path) + adding > max_size {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let _excl = lock(path, nix::fcntl::FlockArg::LockExclusive)?;
        if size(path) + adding > max_size {
            std::fs::rename(path, rotated(path))?;
        }
    }
    append(path, line)
}

/// Where a rotated file goes: `events.log.1`.
pub fn rotated(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".1");
    PathBuf::from(p)
}

/// A container's `health_status` event in the file's format (libpod's events.Event);
/// `health_log`: the check's result as JSON (`--health-log-destination=events_logger`).
pub fn health_status_line(
    id: &str,
    name: &str,
    image: &str,
    status: &str,
    failing_streak: u32,
    health_log: Option<&str>,
    at: Timestamp,
) -> String {
    let mut s = String::from("{\"ID\":");
    push_str(&mut s, id);
    s.push_str(",\"Image\":");
    push_str(&mut s, image);
    s.push_str(",\"Name\":");
    push_str(&mut s, name);
    s.push_str(",\"Status\":\"health_status\",\"Time\":");
    push_str(&mut s, &at.to_string());
    s.push_str(",\"Type\":\"container\",\"health_status\":");
    push_str(&mut s, status);
    if failing_streak > 0 {
        s.push_str(",\"health_failing_streak\":");
        push_int(&mut s, i64::from(failing_streak));
    }
    if let Some(l) = health_log {
        s.push_str(",\"health_log\":");
        push_str(&mut s, l);
    }
    s.push_str(",\"Attributes\":{}}\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_health_line_is_one_json_object() {
        let l = health_status_line(
            "abc",
            "web",
            "img\"x",
            "unhealthy",
            3,
            Some("{\"ExitCode\":1}"),
            Timestamp::new(5, 0),
        );
        assert!(l.ends_with("}\n") && l.matches('\n').count() == 1);
        let v: serde_json::Value = serde_json::from_str(&l).unwrap();
        assert_eq!(v["health_status"], "unhealthy");
        assert_eq!(v["health_failing_streak"], 3);
        assert_eq!(v["health_log"], "{\"ExitCode\":1}");
        assert_eq!(v["Image"], "img\"x");
        assert_eq!(v["Time"], "1970-01-01T00:00:05.000000000+00:00");
    }

    #[test]
    fn lines_append_whole() {
        let d = tempfile_dir();
        let p = d.join("ev/events.log");
        append(&p, b"{}\n").unwrap();
        append(&p, b"{}\n").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "{}\n{}\n");
        assert!(lock_path(&p).exists());
        let _ = std::fs::remove_dir_all(d);
    }

    fn tempfile_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("ctl-monitor-events-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
