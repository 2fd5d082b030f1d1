//! The container's root filesystem: overlay of the image's layers (lower, read-only) and the
//! container's own upper and work directories.

use std::path::{Path, PathBuf};

use nix::mount::{umount2, MntFlags};

use crate::container::overlay;
use crate::error::{Error, Result};

/// How the overlay rootfs is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The kernel's overlayfs (root, trusted.overlay.* xattrs).
    Kernel,
    /// The kernel's overlayfs inside a user namespace (Linux >= 5.11): `userxattr`, so the
    /// layers' user.overlay.* xattrs are used.
    KernelUserxattr,
    /// fuse-overlayfs at this path, for kernels that cannot mount overlay in a user namespace.
    Fuse(PathBuf),
}

/// Which overlay a rootless user asked for (`rootless-overlay` in ctl.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RootlessOverlay {
    /// Native overlay, or fuse-overlayfs when the kernel refuses it.
    #[default]
    Auto,
    Native,
    Fuse,
}

impl RootlessOverlay {
    pub fn parse(s: &str) -> Option<RootlessOverlay> {
        match s {
            "auto" => Some(Self::Auto),
            "native" => Some(Self::Native),
            "fuse" | "fuse-overlayfs" => Some(Self::Fuse),
            _ => None,
        }
    }
}

/// Mounts the rootfs: the kernel's overlay as root; rootless, the kernel's with `userxattr`
/// or fuse-overlayfs as `choice` says. Returns what was used.
///
/// `volatile` (for containers removed when they exit, as podman's `--rm`) mounts the
/// kernel's overlay without syncing its upper dir: otherwise the unmount syncs the whole
/// filesystem under the store, which on a busy disk costs more than the container's run.
pub fn mount_rootfs(
    rootless: Option<RootlessOverlay>,
    layers_dir: &Path,
    lowers: &[Lower],
    idmap: Option<std::os::fd::BorrowedFd<'_>>,
    upper: &Path,
    work: &Path,
    target: &Path,
    volatile: bool,
) -> Result<Overlay> {
    check_depth(lowers.len())?;
    reset_volatile_workdir(work)?;
    let fuse = || {
        crate::runtime::find_program("fuse-overlayfs").ok_or_else(|| {
            Error::Rootless(
                "fuse-overlayfs is not installed (Debian package fuse-overlayfs)".into(),
            )
        })
    };
    let kind = match rootless {
        None => Overlay::Kernel,
        Some(RootlessOverlay::Fuse) => Overlay::Fuse(fuse()?),
        Some(RootlessOverlay::Native) | Some(RootlessOverlay::Auto) => Overlay::KernelUserxattr,
    };
    let layers = Layers {
        dir: layers_dir,
        lowers,
        idmap,
    };
    match mount_overlay(&kind, &layers, upper, work, target, volatile) {
        // Kernels before 5.11 refuse overlay in a user namespace (EPERM) or do not know
        // userxattr (EINVAL): fuse-overlayfs does the same in user space.
        Err(e) if rootless == Some(RootlessOverlay::Auto) && kind == Overlay::KernelUserxattr => {
            let Ok(prog) = fuse() else {
                return Err(e);
            };
            let kind = Overlay::Fuse(prog);
            mount_overlay(&kind, &layers, upper, work, target, volatile)?;
            Ok(kind)
        }
        r => r.map(|()| kind),
    }
}

/// An overlay's lower dirs: `lowers` (top layer first), stored layers under `dir`.
pub struct Layers<'a> {
    pub dir: &'a Path,
    pub lowers: &'a [Lower],
    /// A user namespace the lower dirs are id-mapped through (root, a container with a
    /// user namespace of its own).
    pub idmap: Option<std::os::fd::BorrowedFd<'a>>,
}

/// A work dir once mounted `volatile` keeps work/incompat/volatile, and overlay refuses to
/// mount it again (a crash may have lost the upper dir's writes). Only containers removed
/// at exit are mounted so, and the work dir is scratch: it is emptied.
fn reset_volatile_workdir(work: &Path) -> Result<()> {
    let marker = work.join("work/incompat/volatile");
    if marker.symlink_metadata().is_ok() {
        let inner = work.join("work");
        std::fs::remove_dir_all(&inner).map_err(|e| Error::io(&inner, e))?;
    }
    Ok(())
}

/// Mounts overlay at `target`. fuse-overlayfs has no `volatile`; it is mounted as usual.
pub fn mount_overlay(
    kind: &Overlay,
    layers: &Layers<'_>,
    upper: &Path,
    work: &Path,
    target: &Path,
    volatile: bool,
) -> Result<()> {
    match kind {
        Overlay::Fuse(prog) => mount_fuse(prog, layers.dir, layers.lowers, upper, work, target),
        Overlay::Kernel | Overlay::KernelUserxattr => overlay::mount_kernel(
            layers,
            upper,
            work,
            target,
            overlay::Flags {
                userxattr: *kind == Overlay::KernelUserxattr,
                volatile,
            },
        ),
    }
}

/// fuse-overlayfs daemonizes once the mount is up; it ends when the mount is unmounted.
/// Its options travel as one argument (up to 128 KiB), not as mount data, so full layer
/// paths fit for as many layers as [`MAX_LAYERS`].
fn mount_fuse(
    prog: &Path,
    layers_dir: &Path,
    lowers: &[Lower],
    upper: &Path,
    work: &Path,
    target: &Path,
) -> Result<()> {
    let lowers: Vec<String> = lowers
        .iter()
        .map(|l| l.path(layers_dir).display().to_string())
        .collect();
    let opts = overlay::legacy_options(&lowers, upper, work, overlay::Flags::default());
    let out = std::process::Command::new(prog)
        .arg("-o")
        .arg(&opts)
        .arg(target)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Error::io(prog, e))?;
    if !out.status.success() {
        return Err(Error::Rootless(format!(
            "fuse-overlayfs: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(())
}

/// Unmounts `target`; not being mounted is fine.
pub fn unmount(target: &Path) -> Result<()> {
    // Id-mapped layers a killed ctl left attached beside the rootfs.
    crate::container::idmapped::unstage(&target.with_file_name(crate::container::idmapped::STAGE));
    match umount2(target, MntFlags::MNT_DETACH) {
        Ok(()) => Ok(()),
        Err(nix::errno::Errno::EINVAL) | Err(nix::errno::Errno::ENOENT) => Ok(()),
        Err(e) => Err(Error::io(target, std::io::Error::from(e))),
    }
}

/// Whether something is mounted exactly at `target` (per /proc/self/mountinfo).
pub fn is_mounted(target: &Path) -> bool {
    mount_points().contains(target)
}

/// Every mount point of this mount namespace.
pub fn mount_points() -> std::collections::HashSet<PathBuf> {
    let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    crate::container::mount::points_from(&info)
}

/// mountinfo escapes space, tab, newline and backslash as octal.
pub(crate) fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 4 <= b.len() {
            if let Some(v) = std::str::from_utf8(&b[i + 1..i + 4])
                .ok()
                .and_then(|o| u8::from_str_radix(o, 8).ok())
            {
                out.push(v);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The most layers one container's rootfs may have: overlayfs's own limit (and
/// containers/storage's), beyond which it refuses the mount.
pub const MAX_LAYERS: usize = 500;

/// One overlay lower dir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lower {
    /// A stored layer, by the hex of its chain id (its dir under layers/).
    Layer(String),
    /// Any other directory, by absolute path.
    Dir(PathBuf),
}

impl Lower {
    /// The directory's absolute path.
    pub fn path(&self, layers_dir: &Path) -> PathBuf {
        match self {
            Lower::Layer(hex) => layers_dir.join(hex).join("diff"),
            Lower::Dir(p) => p.clone(),
        }
    }
}

/// Lower dirs for an image's chain ids, top layer first.
pub fn lower_dirs(chain_ids: &[String]) -> Vec<Lower> {
    chain_ids
        .iter()
        .rev()
        .map(|c| Lower::Layer(c.trim_start_matches("sha256:").to_string()))
        .collect()
}

/// Refuses a rootfs of more than [`MAX_LAYERS`] layers, in containers/storage's words.
pub fn check_depth(layers: usize) -> Result<()> {
    if layers > MAX_LAYERS {
        return Err(Error::TooManyLayers {
            layers,
            max: MAX_LAYERS,
        });
    }
    Ok(())
}

/// Paths of a container's overlay parts under its directory.
pub fn parts(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    (dir.join("diff"), dir.join("work"), dir.join("merged"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_are_top_first() {
        let l = lower_dirs(&["sha256:aa".into(), "sha256:bb".into()]);
        assert_eq!(
            l,
            vec![Lower::Layer("bb".into()), Lower::Layer("aa".into())]
        );
        assert_eq!(
            l[0].path(Path::new("/s/layers")),
            Path::new("/s/layers/bb/diff")
        );
    }

    #[test]
    fn depth_is_limited_to_500_with_podmans_wording() {
        check_depth(0).unwrap();
        check_depth(128).unwrap();
        check_depth(MAX_LAYERS).unwrap();
        let e = check_depth(MAX_LAYERS + 1).unwrap_err().to_string();
        assert!(e.starts_with("max depth exceeded"), "{e}");
        assert!(e.contains("501 layers") && e.contains("500"), "{e}");
        assert!(!e.contains('\n'));
    }

    #[test]
    fn a_volatile_work_dir_is_reset_and_any_other_kept() {
        let t = tempfile::tempdir().unwrap();
        let work = t.path().join("work");
        std::fs::create_dir_all(work.join("work/incompat/volatile")).unwrap();
        std::fs::write(work.join("work/stale"), "x").unwrap();
        reset_volatile_workdir(&work).unwrap();
        assert!(work.is_dir());
        assert!(!work.join("work").exists());
        std::fs::create_dir_all(work.join("work/index")).unwrap();
        reset_volatile_workdir(&work).unwrap();
        assert!(work.join("work/index").is_dir());
    }

    #[test]
    fn mountinfo_escapes_are_undone() {
        assert_eq!(unescape("/a\\040b"), "/a b");
        assert_eq!(unescape("/plain"), "/plain");
    }
}
