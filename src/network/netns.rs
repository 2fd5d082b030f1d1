//! A container's network namespace: created empty by ctl, kept alive by a bind mount of its
//! nsfs file at a path the runtime joins and netavark configures, removed at teardown.

use std::fs;
use std::path::Path;

use nix::mount::{mount, umount2, MntFlags, MsFlags};
use nix::sched::{unshare, CloneFlags};

use crate::error::{Error, IoContext, Result};

/// Whether `path` is a bind-mounted namespace (not a plain file left behind).
pub fn is_netns(path: &Path) -> bool {
    // nsfs is the filesystem of /proc/PID/ns/* files and of their bind mounts.
    nix::sys::statfs::statfs(path)
        .is_ok_and(|s| s.filesystem_type() == nix::sys::statfs::NSFS_MAGIC)
}

/// Creates a new network namespace and bind mounts it at `path` (an existing one is kept).
pub fn create(path: &Path) -> Result<()> {
    if is_netns(path) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        crate::fsutil::create_private_dir(dir)?;
    }
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .at(path)?;
    let target = path.to_path_buf();
    // A namespace belongs to a thread: a short-lived one enters the new namespace and pins
    // it with the bind mount, and the rest of ctl never leaves the host's.
    let made = std::thread::spawn(move || -> std::result::Result<(), String> {
        unshare(CloneFlags::CLONE_NEWNET).map_err(|e| format!("unshare(CLONE_NEWNET): {e}"))?;
        mount(
            Some("/proc/thread-self/ns/net"),
            &target,
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .map_err(|e| format!("bind mount: {e}"))
    })
    .join()
    .unwrap_or_else(|_| Err("the namespace thread failed".into()));
    made.map_err(|reason| {
        let _ = fs::remove_file(path);
        Error::Network {
            what: format!("creating network namespace {}", path.display()),
            reason,
        }
    })
}

/// Unmounts and removes the namespace file; nothing there is fine.
pub fn remove(path: &Path) -> Result<()> {
    if is_netns(path) {
        umount2(path, MntFlags::MNT_DETACH).map_err(|e| Error::Network {
            what: format!("unmounting network namespace {}", path.display()),
            reason: e.to_string(),
        })?;
    }
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}
