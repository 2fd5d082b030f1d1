//! A container's filesystem for one copy, under the container's lock: a running container's
//! through its process's root (its mount namespace: volumes, binds and tmpfs included), a
//! stopped one's through its overlay rootfs, mounted for the copy if it is not, with the
//! volumes and bind mounts its record names resolved by path.

use std::ffi::OsString;
use std::os::fd::OwnedFd;
use std::path::{Component, Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::{fstat, FileStat};

use super::CopyError;
use crate::container::lifecycle::{Held, Manager};
use crate::container::plan::to_host;
use crate::container::rootfs;
use crate::container::state::{same_process, Status};
use crate::container::user;
use crate::error::Result;
use crate::image::unpack::resolve_in_root;

/// A container held for a copy. Dropping it unmounts what it mounted, before the lock goes.
pub(crate) struct Access {
    /// The container's `/` on this machine.
    root: PathBuf,
    running: bool,
    /// The rootfs this copy mounted.
    mounted_here: Option<PathBuf>,
    pub(crate) held: Held,
}

/// A path inside the container: the directory it is resolved in (the container's root or
/// a volume's or bind mount's source) and the path below that.
pub(crate) struct Located {
    root: OwnedFd,
    rel: PathBuf,
    pub(crate) readonly: bool,
}

impl Manager {
    /// Holds the container and makes its filesystem reachable.
    pub(crate) fn access(&self, id: &str) -> Result<Access> {
        let held = self.hold(id)?;
        let st = &held.state;
        let live = matches!(st.status, Status::Running | Status::Created)
            .then_some(st.pid)
            .flatten()
            .filter(|p| same_process(*p, st.pid_start));
        if let Some(pid) = live {
            return Ok(Access {
                root: PathBuf::from(format!("/proc/{pid}/root")),
                running: true,
                mounted_here: None,
                held,
            });
        }
        let dir = self.containers.dir(id);
        let merged = dir.join("merged");
        let mut mounted_here = None;
        if !rootfs::is_mounted(&merged) {
            let image = self.images.image(&held.config.image_id)?;
            self.mount_rootfs(&image, &dir, false, held.config.idmaps.as_ref())?;
            mounted_here = Some(merged.clone());
        }
        Ok(Access {
            root: merged,
            running: false,
            mounted_here,
            held,
        })
    }
}

impl Access {
    /// Unmounts what this copy mounted, reporting a failure (dropping does it silently).
    pub(crate) fn close(mut self) -> Result<()> {
        match self.mounted_here.take() {
            Some(m) => rootfs::unmount(&m),
            None => Ok(()),
        }
    }

    /// The container's main user's ids on this machine (podman's owner of what `cp` copies
    /// in, and of the entries of an archive it writes).
    pub(crate) fn main_user(&self) -> Result<(u32, u32)> {
        let u = user::resolve(&self.root, &self.held.config.user)?;
        Ok(match &self.held.config.idmaps {
            Some(m) => (
                to_host(&m.uid_map, u.uid).unwrap_or(u.uid),
                to_host(&m.gid_map, u.gid).unwrap_or(u.gid),
            ),
            None => (u.uid, u.gid),
        })
    }

    /// Whether `fd` is the container's own `/` (to leave out dev, proc and sys).
    pub(crate) fn is_root(&self, st: &FileStat) -> bool {
        std::fs::metadata(&self.root).is_ok_and(|m| {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino()) == (st.st_dev, st.st_ino)
        })
    }

    /// Where `path` (relative to the container's `/`) is resolved. A stopped container's
    /// volumes and bind mounts are not mounted: a path below one of them (by its words, the
    /// longest such mount) is resolved in the mount's source instead.
    pub(crate) fn locate(&self, path: &str) -> Result<Located, CopyError> {
        let rel = super::plan::container_rel(path);
        let (root, rel, readonly) = match self.mount_of(&rel) {
            Some((source, below, ro)) => (source, below, ro),
            None => (self.root.clone(), rel, false),
        };
        let flags = OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC;
        let root = nix::fcntl::open(&root, flags, nix::sys::stat::Mode::empty())
            .map_err(|e| CopyError::Container(format!("{}: {e}", root.display())))?;
        Ok(Located {
            root,
            rel,
            readonly,
        })
    }

    fn mount_of(&self, rel: &Path) -> Option<(PathBuf, PathBuf, bool)> {
        if self.running {
            return None;
        }
        let words = normal(rel);
        self.held
            .config
            .mounts
            .iter()
            .filter(|m| matches!(m.kind.as_str(), "bind" | "volume"))
            .filter_map(|m| {
                let dest = normal(Path::new(m.destination.trim_start_matches('/')));
                let below = words.strip_prefix(dest.as_slice())?;
                Some((m, dest.len(), below.iter().collect::<PathBuf>()))
            })
            .max_by_key(|(_, len, _)| *len)
            .and_then(|(m, _, below)| {
                let below = if below.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    below
                };
                // Keep a trailing slash: it says the path must be a directory.
                let below = match rel.as_os_str().as_encoded_bytes().ends_with(b"/") {
                    true => below.join(""),
                    false => below,
                };
                Some((m.source.clone()?, below, m.readonly))
            })
    }
}

impl Drop for Access {
    fn drop(&mut self) {
        if let Some(m) = self.mounted_here.take() {
            let _ = rootfs::unmount(&m);
        }
    }
}

/// A path's words with `.` dropped and `..` taken back (stopping at `/`), as the path is
/// read inside the container; used only to tell which mount a path names.
fn normal(p: &Path) -> Vec<OsString> {
    let mut out: Vec<OsString> = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(n) => out.push(n.to_os_string()),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    out
}

impl Located {
    /// Opens the path with `flags`, symlinks resolved inside its root.
    pub(crate) fn open(&self, flags: OFlag) -> nix::Result<OwnedFd> {
        resolve_in_root(&self.root, &self.rel, flags)
    }

    /// What is there, symlinks followed inside the root; `None` when nothing is.
    pub(crate) fn stat(&self) -> nix::Result<Option<FileStat>> {
        match self.open(OFlag::O_PATH) {
            Ok(fd) => fstat(&fd).map(Some),
            Err(Errno::ENOENT) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The directory holding the path.
    pub(crate) fn parent(&self) -> nix::Result<Located> {
        let parent = match self.rel.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Located {
            root: self
                .root
                .try_clone()
                .map_err(|e| Errno::from_raw(e.raw_os_error().unwrap_or(0)))?,
            rel: parent,
            readonly: self.readonly,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_as_inside_the_container() {
        let n = |s: &str| normal(Path::new(s));
        assert_eq!(n("data/x"), vec![OsString::from("data"), "x".into()]);
        assert_eq!(
            n("./data/../../data/./y"),
            vec![OsString::from("data"), "y".into()]
        );
        assert!(n(".").is_empty());
    }
}
