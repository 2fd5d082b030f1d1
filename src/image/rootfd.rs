//! Filesystem steps relative to a directory fd, for unpacking into a tree that may hold
//! hostile symlinks: opens resolved with the tree's root as `/`, final components never
//! followed, and removal without recursion.

use std::ffi::{OsStr, OsString};
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::dir::Dir;
use nix::errno::Errno;
use nix::fcntl::{openat, openat2, AtFlags, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fchmod, fstatat, mkdirat, FileStat, Mode};
use nix::unistd::{unlinkat, UnlinkatFlags};

/// Flags to open a directory for `*at` calls.
pub(crate) const DIR: OFlag = OFlag::O_RDONLY
    .union(OFlag::O_DIRECTORY)
    .union(OFlag::O_CLOEXEC);

/// Opens a directory by a path resolved with `root` as `/`: symlinks (absolute or through
/// `..`) cannot leave it, and /proc magic links are refused.
pub(crate) fn open_in_root(root: &OwnedFd, path: &Path, extra: OFlag) -> nix::Result<OwnedFd> {
    resolve_in_root(root, path, DIR | extra)
}

/// Opens `path` with `flags`, resolved with `root` as `/` as [`open_in_root`] does: every
/// open inside a container's or a layer's tree goes through here.
pub(crate) fn resolve_in_root(root: &impl AsFd, path: &Path, flags: OFlag) -> nix::Result<OwnedFd> {
    let how = OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    let mut tries = 0;
    loop {
        match openat2(root.as_fd(), path, how) {
            // EAGAIN: a concurrent rename made the kernel unsure the walk stayed inside.
            Err(Errno::EAGAIN | Errno::EINTR) if tries < 16 => tries += 1,
            r => return r,
        }
    }
}

/// Opens `name` in `parent` as a directory, refusing to follow a symlink.
pub(crate) fn open_dir_at(parent: &OwnedFd, name: &OsStr) -> nix::Result<OwnedFd> {
    openat(parent, name, DIR | OFlag::O_NOFOLLOW, Mode::empty())
}

/// A directory the layer implies but does not list: 0755, whatever the umask.
pub(crate) fn mkdir_implicit(parent: &OwnedFd, name: &OsStr) -> nix::Result<()> {
    mkdirat(parent, name, Mode::S_IRWXU)?;
    let fd = open_dir_at(parent, name)?;
    fchmod(&fd, Mode::from_bits_truncate(0o755))
}

pub(crate) fn lstat_at(parent: &OwnedFd, name: &OsStr) -> nix::Result<Option<FileStat>> {
    match fstatat(parent, name, AtFlags::AT_SYMLINK_NOFOLLOW) {
        Ok(st) => Ok(Some(st)),
        Err(Errno::ENOENT) => Ok(None),
        Err(e) => Err(e),
    }
}

pub(crate) fn is_dir(st: &FileStat) -> bool {
    st.st_mode & libc::S_IFMT == libc::S_IFDIR
}

/// Removes `name` in `parent` and, for a directory, everything below it; symlinks are
/// removed, never followed. Depth-first without recursion or an fd per level (a layer can
/// build trees deeper than any stack): it descends into one subdirectory at a time and comes
/// back up through `..`, which is never a symlink.
pub(crate) fn remove_all(parent: &OwnedFd, name: &OsStr) -> io::Result<()> {
    match lstat_at(parent, name)? {
        None => return Ok(()),
        Some(st) if !is_dir(&st) => return Ok(unlinkat(parent, name, UnlinkatFlags::NoRemoveDir)?),
        Some(_) => {}
    }
    let mut down: Vec<OsString> = Vec::new(); // names from `name` to the current directory
    let mut cur = open_dir_at(parent, name)?;
    loop {
        let at = cur.try_clone()?; // for *at calls while `dir` reads
        let mut dir = Dir::from_fd(cur)?;
        let mut sub = None;
        for child in dir.iter() {
            let child = child?;
            let child = OsStr::from_bytes(child.file_name().to_bytes());
            if child == "." || child == ".." {
                continue;
            }
            if lstat_at(&at, child)?.is_some_and(|st| is_dir(&st)) {
                sub = Some(child.to_owned());
                break;
            }
            unlinkat(&at, child, UnlinkatFlags::NoRemoveDir)?;
        }
        cur = if let Some(sub) = sub {
            let fd = open_dir_at(&at, &sub)?;
            down.push(sub);
            fd
        } else if let Some(done) = down.pop() {
            let up = openat(&at, "..", DIR, Mode::empty())?;
            unlinkat(&up, done.as_os_str(), UnlinkatFlags::RemoveDir)?;
            up
        } else {
            break;
        };
    }
    Ok(unlinkat(parent, name, UnlinkatFlags::RemoveDir)?)
}
