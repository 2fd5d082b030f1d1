//! The container's root filesystem: overlay of the image's layers (lower, read-only) and the
//! container's own upper and work directories.

use std::path::{Path, PathBuf};

use nix::mount::{mount, umount2, MntFlags, MsFlags};

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
pub fn mount_rootfs(
    rootless: Option<RootlessOverlay>,
    layers_dir: &Path,
    lowers: &[String],
    upper: &Path,
    work: &Path,
    target: &Path,
) -> Result<Overlay> {
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
    match mount_overlay(&kind, layers_dir, lowers, upper, work, target) {
        // Kernels before 5.11 refuse overlay in a user namespace (EPERM) or do not know
        // userxattr (EINVAL): fuse-overlayfs does the same in user space.
        Err(e) if rootless == Some(RootlessOverlay::Auto) && kind == Overlay::KernelUserxattr => {
            let Ok(prog) = fuse() else {
                return Err(e);
            };
            let kind = Overlay::Fuse(prog);
            mount_overlay(&kind, layers_dir, lowers, upper, work, target)?;
            Ok(kind)
        }
        r => r.map(|()| kind),
    }
}

/// Mounts overlay at `target`. Lower dirs are given top layer first and passed relative to
/// their common parent (the store's layers/ dir), so long layer lists fit the kernel's
/// one-page limit on mount options.
pub fn mount_overlay(
    kind: &Overlay,
    layers_dir: &Path,
    lowers: &[String],
    upper: &Path,
    work: &Path,
    target: &Path,
) -> Result<()> {
    if let Overlay::Fuse(prog) = kind {
        return mount_fuse(prog, layers_dir, lowers, upper, work, target);
    }
    let mut opts = format!(
        "lowerdir={},upperdir={},workdir={}",
        lowers.join(":"),
        upper.display(),
        work.display()
    );
    if *kind == Overlay::KernelUserxattr {
        opts.push_str(",userxattr");
    }
    // The relative lower dirs resolve against the working directory at mount time. ctl is
    // single-threaded here, so changing it briefly affects nobody else.
    let cwd = std::env::current_dir().ok();
    std::env::set_current_dir(layers_dir).map_err(|e| Error::io(layers_dir, e))?;
    let res = mount(
        Some("overlay"),
        target,
        Some("overlay"),
        MsFlags::empty(),
        Some(opts.as_str()),
    );
    if let Some(c) = cwd {
        let _ = std::env::set_current_dir(c);
    }
    res.map_err(|e| Error::io(target, std::io::Error::from(e)))
}

/// fuse-overlayfs daemonizes once the mount is up; it ends when the mount is unmounted.
fn mount_fuse(
    prog: &Path,
    layers_dir: &Path,
    lowers: &[String],
    upper: &Path,
    work: &Path,
    target: &Path,
) -> Result<()> {
    let lowers: Vec<String> = lowers
        .iter()
        .map(|l| layers_dir.join(l).display().to_string())
        .collect();
    let opts = format!(
        "lowerdir={},upperdir={},workdir={}",
        lowers.join(":"),
        upper.display(),
        work.display()
    );
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
    match umount2(target, MntFlags::MNT_DETACH) {
        Ok(()) => Ok(()),
        Err(nix::errno::Errno::EINVAL) | Err(nix::errno::Errno::ENOENT) => Ok(()),
        Err(e) => Err(Error::io(target, std::io::Error::from(e))),
    }
}

/// Whether something is mounted exactly at `target` (per /proc/self/mountinfo).
pub fn is_mounted(target: &Path) -> bool {
    let Ok(info) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return false;
    };
    let want = target.to_string_lossy();
    info.lines()
        .filter_map(|l| l.split(' ').nth(4))
        .any(|m| unescape(m) == want)
}

/// mountinfo escapes space, tab, newline and backslash as octal.
fn unescape(s: &str) -> String {
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

/// Lower dir names (relative to layers/), top layer first, for an image's chain ids.
pub fn lower_dirs(chain_ids: &[String]) -> Vec<String> {
    chain_ids
        .iter()
        .rev()
        .map(|c| format!("{}/diff", c.trim_start_matches("sha256:")))
        .collect()
}

/// Paths of a container's overlay parts under its directory.
pub fn parts(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    (dir.join("diff"), dir.join("work"), dir.join("merged"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_are_top_first_and_relative() {
        let l = lower_dirs(&["sha256:aa".into(), "sha256:bb".into()]);
        assert_eq!(l, vec!["bb/diff".to_string(), "aa/diff".to_string()]);
    }

    #[test]
    fn mountinfo_escapes_are_undone() {
        assert_eq!(unescape("/a\\040b"), "/a b");
        assert_eq!(unescape("/plain"), "/plain");
    }
}
