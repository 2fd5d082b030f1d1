//! Id-mapped layers (root, a container with a user namespace of its own): each lower dir
//! is cloned as a detached mount (open_tree(OPEN_TREE_CLONE)) and given the container's
//! user namespace (mount_setattr(MOUNT_ATTR_IDMAP)), so an image file owned by 0 on disk
//! is owned by the container's root on the host, with no copy and no chown of the shared
//! layer. Overlay cannot take a detached mount as a layer ("failed to clone lowerpath"),
//! so each is attached read-only under the container's `idmapped/` until the overlay is
//! made, then detached (as containers/storage's overlay driver does). A killed ctl may leave
//! them attached: read-only, so removing the container's directory never reaches into a
//! layer, and [`unstage`] (run by every unmount of the rootfs) detaches them.

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

// From <linux/mount.h>; the values are kernel ABI.
const OPEN_TREE_CLONE: libc::c_uint = 1;
const MOUNT_ATTR_RDONLY: u64 = 0x0000_0001;
const MOUNT_ATTR_IDMAP: u64 = 0x0010_0000;
const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 4;

/// The staging directory's name, beside the container's `merged`.
pub const STAGE: &str = "idmapped";

/// struct mount_attr (MOUNT_ATTR_SIZE_VER0).
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

/// A detached clone of the mount at `dir`, its ids mapped through `userns`.
pub fn clone_idmapped(dir: &Path, userns: BorrowedFd<'_>) -> io::Result<OwnedFd> {
    let path = CString::new(dir.as_os_str().as_bytes())
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: open_tree reads the NUL-terminated path during the call; it returns a new
    // descriptor or -1.
    let raw = unsafe {
        libc::syscall(
            libc::SYS_open_tree,
            libc::AT_FDCWD,
            path.as_ptr(),
            OPEN_TREE_CLONE | libc::O_CLOEXEC as libc::c_uint,
        )
    };
    if raw < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a fresh descriptor that nothing else owns.
    let tree = unsafe { OwnedFd::from_raw_fd(raw as i32) };
    let attr = MountAttr {
        attr_set: MOUNT_ATTR_IDMAP | MOUNT_ATTR_RDONLY,
        attr_clr: 0,
        propagation: 0,
        userns_fd: userns.as_raw_fd() as u64,
    };
    let empty = c"";
    // SAFETY: mount_setattr reads `attr` (of the size passed) and the empty path during the
    // call; `tree` is the detached mount made above.
    let r = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            tree.as_raw_fd(),
            empty.as_ptr(),
            libc::AT_EMPTY_PATH as libc::c_uint,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(tree)
}

/// Attaches an id-mapped clone of each of `lowers` at `stage/N`; returns those paths, or
/// the layer that failed (with nothing left attached).
pub fn stage(
    lowers: &[PathBuf],
    userns: BorrowedFd<'_>,
    stage: &Path,
) -> Result<Vec<PathBuf>, (PathBuf, io::Error)> {
    let mut out = Vec::with_capacity(lowers.len());
    for (i, l) in lowers.iter().enumerate() {
        let at = stage.join(i.to_string());
        let attached = std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&at)
            .and_then(|()| clone_idmapped(l, userns))
            .and_then(|tree| attach(&tree, &at));
        if let Err(e) = attached {
            unstage(stage);
            return Err((l.clone(), e));
        }
        out.push(at);
    }
    Ok(out)
}

fn attach(tree: &OwnedFd, at: &Path) -> io::Result<()> {
    let to = CString::new(at.as_os_str().as_bytes())
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    let empty = c"";
    // SAFETY: move_mount reads the two NUL-terminated paths during the call; tree is a
    // detached mount this process made.
    let r = unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            tree.as_raw_fd(),
            empty.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            MOVE_MOUNT_F_EMPTY_PATH,
        )
    };
    match r {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

/// Detaches whatever is attached under `stage` and removes it; a missing `stage` is fine.
pub fn unstage(stage: &Path) {
    let Ok(entries) = std::fs::read_dir(stage) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        // Detached as often as something is attached there (a killed ctl's, then ours).
        while nix::mount::umount2(&p, nix::mount::MntFlags::MNT_DETACH).is_ok() {}
        let _ = std::fs::remove_dir(&p);
    }
    let _ = std::fs::remove_dir(stage);
}

/// [`unstage`] when dropped.
pub struct Unstage(pub Option<PathBuf>);

impl Drop for Unstage {
    fn drop(&mut self) {
        if let Some(s) = &self.0 {
            unstage(s);
        }
    }
}
