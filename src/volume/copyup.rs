//! Copy-up: the image's content at a volume's mount point copied into the volume on its
//! first use, keeping owners, modes, symlinks, hard links, devices, xattrs and times.
//!
//! Crash-safe by construction: the copy is made in `copyup.tmp` beside `_data` and renamed
//! over the empty `_data` when complete, and only then is the record told. A ctl killed
//! during the copy leaves an empty `_data` still marked (the next use starts over); one
//! killed after the rename leaves a full `_data` still marked, which the next use sees is
//! not empty and only unmarks.

use std::collections::HashMap;
use std::fs;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{open, openat2, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{Mode, SFlag};

use crate::error::{Error, IoContext, Result};
use crate::volume::store::COPY_UP_TMP;

/// What a copy-up found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyUp {
    /// The image's directory was copied into the volume.
    Copied,
    /// The volume already has content: nothing copied.
    NotEmpty,
    /// The image has no directory there: nothing to copy.
    Missing,
}

/// Whether a directory has no entries.
pub fn is_empty(dir: &Path) -> Result<bool> {
    Ok(fs::read_dir(dir).at(dir)?.next().is_none())
}

/// Opens `dest` inside the container's `rootfs` as a directory (O_PATH), symlinks resolved
/// with the rootfs as `/`; None when the image has no directory there.
fn open_in_rootfs(rootfs: &Path, dest: &Path) -> Result<Option<OwnedFd>> {
    let root = open(rootfs, OFlag::O_PATH | OFlag::O_DIRECTORY, Mode::empty())
        .map_err(|e| Error::io(rootfs, e.into()))?;
    let rel: PathBuf = dest
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect();
    if rel.as_os_str().is_empty() {
        return Ok(None);
    }
    let how = OpenHow::new()
        .flags(OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    let mut tries = 0;
    loop {
        match openat2(&root, &rel, how) {
            Ok(fd) => return Ok(Some(fd)),
            Err(Errno::ENOENT | Errno::ENOTDIR) => return Ok(None),
            Err(Errno::EAGAIN | Errno::EINTR) if tries < 16 => tries += 1,
            Err(e) => return Err(Error::io(rootfs.join(&rel), e.into())),
        }
    }
}

/// Copies the image's directory at `dest` (inside the mounted `rootfs`) into the volume
/// whose directory is `vol_dir`, when its `_data` is empty. Run under the volume's lock.
pub fn copy_up(rootfs: &Path, dest: &Path, vol_dir: &Path) -> Result<CopyUp> {
    let data = vol_dir.join("_data");
    if !is_empty(&data)? {
        return Ok(CopyUp::NotEmpty);
    }
    let Some(src) = open_in_rootfs(rootfs, dest)? else {
        return Ok(CopyUp::Missing);
    };
    // Through the descriptor: the walk below never leaves the directory it resolved to.
    let src = PathBuf::from(format!("/proc/self/fd/{}", src.as_raw_fd()));
    if crate::volume::mount::is_mounted(&data) {
        // A filesystem of the volume's own cannot be renamed over: copied in place (what a
        // killed copy leaves is not empty, and stays; a tmpfs goes with its unmount).
        let mut links = HashMap::new();
        copy_dir(&src, &data, &mut links)?;
        let meta = fs::metadata(&src).at(&src)?;
        copy_meta(&src, &data, &meta)?;
        return Ok(CopyUp::Copied);
    }
    let tmp = vol_dir.join(COPY_UP_TMP);
    match fs::remove_dir_all(&tmp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&tmp, e)),
        _ => {}
    }
    fs::create_dir(&tmp).at(&tmp)?;
    let mut links = HashMap::new();
    copy_dir(&src, &tmp, &mut links)?;
    let meta = fs::metadata(&src).at(&src)?;
    copy_meta(&src, &tmp, &meta)?;
    // An empty directory is replaced by rename(2) in one step.
    fs::rename(&tmp, &data).at(&data)?;
    crate::fsutil::sync_dir(vol_dir)?;
    Ok(CopyUp::Copied)
}

/// First use without a copy: `_data` takes the owner and mode of the image's directory at
/// `dest`, when there is one (podman's chown of a new volume).
pub fn adopt_owner(rootfs: &Path, dest: &Path, data: &Path) -> Result<()> {
    let Some(src) = open_in_rootfs(rootfs, dest)? else {
        return Ok(());
    };
    let src = PathBuf::from(format!("/proc/self/fd/{}", src.as_raw_fd()));
    let meta = fs::metadata(&src).at(&src)?;
    std::os::unix::fs::lchown(data, Some(meta.uid()), Some(meta.gid())).at(data)?;
    fs::set_permissions(data, fs::Permissions::from_mode(meta.mode() & 0o7777)).at(data)
}

type Links = HashMap<(u64, u64), PathBuf>;

fn copy_dir(src: &Path, dst: &Path, links: &mut Links) -> Result<()> {
    for entry in fs::read_dir(src).at(src)? {
        let entry = entry.at(src)?;
        let (from, to) = (entry.path(), dst.join(entry.file_name()));
        let meta = fs::symlink_metadata(&from).at(&from)?;
        let ft = meta.file_type();
        if !ft.is_dir() && meta.nlink() > 1 {
            if let Some(first) = links.get(&(meta.dev(), meta.ino())) {
                fs::hard_link(first, &to).at(&to)?;
                continue;
            }
            links.insert((meta.dev(), meta.ino()), to.clone());
        }
        if ft.is_dir() {
            fs::create_dir(&to).at(&to)?;
            copy_dir(&from, &to, links)?;
        } else if ft.is_file() {
            fs::copy(&from, &to).at(&to)?;
        } else if ft.is_symlink() {
            let target = fs::read_link(&from).at(&from)?;
            std::os::unix::fs::symlink(&target, &to).at(&to)?;
        } else if ft.is_fifo() || ft.is_char_device() || ft.is_block_device() {
            let kind = SFlag::from_bits_truncate(meta.mode() & SFlag::S_IFMT.bits());
            let perm = Mode::from_bits_truncate(meta.mode() & 0o7777);
            match nix::sys::stat::mknod(&to, kind, perm, meta.rdev()) {
                Ok(()) => {}
                // A rootless user namespace may not make device nodes: left out.
                Err(Errno::EPERM) if !ft.is_fifo() => continue,
                Err(e) => return Err(Error::io(&to, e.into())),
            }
        } else {
            // Sockets are not content.
            continue;
        }
        copy_meta(&from, &to, &meta)?;
    }
    Ok(())
}

/// Owner, then mode (chown clears set-id bits), xattrs and times of `src` onto `dst`.
fn copy_meta(src: &Path, dst: &Path, meta: &fs::Metadata) -> Result<()> {
    std::os::unix::fs::lchown(dst, Some(meta.uid()), Some(meta.gid())).at(dst)?;
    if !meta.file_type().is_symlink() {
        fs::set_permissions(dst, fs::Permissions::from_mode(meta.mode() & 0o7777)).at(dst)?;
    }
    copy_xattrs(src, dst)?;
    let ts = |s: i64, ns: i64| nix::sys::time::TimeSpec::new(s, ns);
    nix::sys::stat::utimensat(
        nix::fcntl::AT_FDCWD,
        dst,
        &ts(meta.atime(), meta.atime_nsec()),
        &ts(meta.mtime(), meta.mtime_nsec()),
        nix::sys::stat::UtimensatFlags::NoFollowSymlink,
    )
    .map_err(|e| Error::io(dst, e.into()))
}

/// Each xattr of `src` set on `dst` (neither followed if a symlink); one the volume's
/// filesystem does not take, or a privileged one this namespace may not write, is skipped.
fn copy_xattrs(src: &Path, dst: &Path) -> Result<()> {
    // The overlay's own bookkeeping is not content.
    let keep = |n: &[u8]| !n.starts_with(b"trusted.overlay.") && !n.starts_with(b"user.overlay.");
    let refused = crate::fsutil::copy_xattrs(src, dst, keep).map_err(|e| Error::io(src, e))?;
    for (name, e) in refused {
        let privileged =
            name.as_bytes().starts_with(b"trusted.") || name.as_bytes().starts_with(b"security.");
        match e.raw_os_error().map(Errno::from_raw) {
            Some(Errno::ENOTSUP) => {}
            Some(Errno::EPERM) if privileged => {}
            _ => {
                let shown = format!("{} (xattr {})", dst.display(), name.display());
                return Err(Error::io(shown, e));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_a_tree_with_links_and_modes_then_only_once() {
        let rootfs = tempfile::tempdir().unwrap();
        let src = rootfs.path().join("var/data");
        fs::create_dir_all(src.join("sub")).unwrap();
        fs::write(src.join("sub/f"), b"hello").unwrap();
        fs::set_permissions(src.join("sub/f"), fs::Permissions::from_mode(0o640)).unwrap();
        fs::hard_link(src.join("sub/f"), src.join("hard")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", src.join("link")).unwrap();
        fs::set_permissions(&src, fs::Permissions::from_mode(0o711)).unwrap();
        // A symlink in the image resolves inside the rootfs.
        std::os::unix::fs::symlink("/var/data", rootfs.path().join("d")).unwrap();
        let vol = tempfile::tempdir().unwrap();
        fs::create_dir(vol.path().join("_data")).unwrap();
        let got = copy_up(rootfs.path(), Path::new("/d"), vol.path()).unwrap();
        assert_eq!(got, CopyUp::Copied);
        let data = vol.path().join("_data");
        assert_eq!(fs::read(data.join("sub/f")).unwrap(), b"hello");
        let mode = |p: &Path| fs::symlink_metadata(p).unwrap().mode() & 0o7777;
        assert_eq!(mode(&data.join("sub/f")), 0o640);
        assert_eq!(mode(&data), 0o711);
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&data.join("hard")), ino(&data.join("sub/f")));
        assert_eq!(
            fs::read_link(data.join("link")).unwrap(),
            Path::new("/etc/passwd")
        );
        assert!(!vol.path().join(COPY_UP_TMP).exists());
        assert_eq!(
            copy_up(rootfs.path(), Path::new("/d"), vol.path()).unwrap(),
            CopyUp::NotEmpty
        );
        let other = tempfile::tempdir().unwrap();
        fs::create_dir(other.path().join("_data")).unwrap();
        // A leftover of a killed copy is replaced; a missing path copies nothing.
        fs::create_dir(other.path().join(COPY_UP_TMP)).unwrap();
        let none = copy_up(rootfs.path(), Path::new("/nope"), other.path()).unwrap();
        assert_eq!(none, CopyUp::Missing);
        let esc = copy_up(rootfs.path(), Path::new("/../../var/data"), other.path()).unwrap();
        assert_eq!(esc, CopyUp::Copied);
    }
}
