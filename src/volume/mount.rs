//! A volume's own filesystem on its `_data`: mounted with mount(8), as podman does (its
//! option strings are mount(8)'s), unmounted lazily. Whether a volume should be mounted is
//! the containers' business (`container/volume_mounts.rs`); this only acts.

use std::path::Path;
use std::process::Command;

use nix::mount::{umount2, MntFlags};

use crate::error::{Error, Result};
use crate::volume::options::MountSpec;

/// Mounts `spec` on `target` (a volume's `_data`).
pub fn mount(name: &str, spec: &MountSpec, target: &Path) -> Result<()> {
    let out = Command::new("mount")
        .args(spec.args())
        .arg(target)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Error::VolumeMount {
            name: name.to_string(),
            reason: format!("running mount(8): {e}"),
        })?;
    if out.status.success() {
        return Ok(());
    }
    // mount(8)'s first line says what failed; the rest points at dmesg.
    let said = String::from_utf8_lossy(&out.stderr);
    let said = said.lines().next().unwrap_or("mount(8) failed").trim();
    Err(Error::VolumeMount {
        name: name.to_string(),
        reason: crate::text::escape(said).into_owned(),
    })
}

/// Unmounts `target`; not being mounted is fine. Detached: a process still inside (a
/// container being killed) does not keep the volume from going.
pub fn unmount(target: &Path) -> Result<()> {
    match umount2(target, MntFlags::MNT_DETACH) {
        Ok(()) => Ok(()),
        Err(nix::errno::Errno::EINVAL) | Err(nix::errno::Errno::ENOENT) => Ok(()),
        Err(e) => Err(Error::io(target, std::io::Error::from(e))),
    }
}

/// Whether something is mounted exactly at `target`.
pub fn is_mounted(target: &Path) -> bool {
    crate::container::rootfs::is_mounted(target)
}
