//! Volumes with a filesystem of their own (`volume create --opt type=...`): mounted on
//! their `_data` when the first container using them starts, unmounted when the last one
//! stops, dies or goes.
//!
//! The use count is not stored: it is the containers whose records name the volume and
//! say created or running (reconciled, so a dead process does not count). A starter holds
//! the volume's lock from its look at the mount until its own state says created; a
//! releaser takes the same lock and then counts the other users, so neither misses the
//! other. A ctl killed between the mount and its record leaves a mount that the next
//! release of any user of the volume (the cleanup, `rm`) takes down.

use std::path::Path;

use crate::container::lifecycle::Manager;
use crate::container::store::{ContainerConfig, MountRecord};
use crate::error::Result;
use crate::volume::mount;
use crate::volume::store::Held;

/// The volume mounts of a container, one per volume, by name (the lock order).
fn volume_names(mounts: &[MountRecord]) -> Vec<&str> {
    let mut names: Vec<&str> = mounts.iter().filter_map(|m| m.name.as_deref()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

impl Manager {
    /// Mounts the held container's volumes that need a mount and do not have it, and copies
    /// the image's content into those still marked for it (podman does it at first start,
    /// onto the mounted filesystem). Returns the locks of those volumes, to hold until the
    /// container's state says created.
    pub(crate) fn mount_volumes(&self, cfg: &ContainerConfig, merged: &Path) -> Result<Vec<Held>> {
        let names = volume_names(&cfg.mounts);
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let vols = self.volumes()?;
        let mut held = Vec::new();
        for name in names {
            let mut h = vols.hold(name)?;
            let Some(spec) = h.volume.mount_spec() else {
                continue;
            };
            let data = vols.data(name);
            if !mount::is_mounted(&data) {
                mount::mount(name, &spec, &data)?;
            }
            if h.volume.needs_copy_up || h.volume.needs_chown {
                for m in cfg
                    .mounts
                    .iter()
                    .filter(|m| m.name.as_deref() == Some(name))
                {
                    let dest = Path::new(&m.destination);
                    crate::container::volumes::first_use(&vols, &mut h, merged, dest, m.nocopy)?;
                }
            }
            held.push(h);
        }
        Ok(held)
    }

    /// Unmounts the volumes of container `id` (which is stopping or going) that no other
    /// created or running container uses.
    pub(crate) fn release_volumes(&self, id: &str, mounts: &[MountRecord]) -> Result<()> {
        let names = volume_names(mounts);
        if names.is_empty() {
            return Ok(());
        }
        let vols = self.volumes()?;
        let mut mounted = Vec::new();
        for name in names {
            // A volume gone (or never made) has nothing mounted.
            let Ok(h) = vols.hold(name) else { continue };
            if h.volume.needs_mount() && mount::is_mounted(&vols.data(name)) {
                mounted.push(h);
            }
        }
        if mounted.is_empty() {
            return Ok(());
        }
        // Under the volumes' locks: a user starting now waits, and one that started is
        // recorded created already.
        let users: Vec<_> = self
            .list()?
            .into_iter()
            .flatten()
            .filter(|(cfg, st)| cfg.id != id && st.status.is_active())
            .collect();
        let mut result = Ok(());
        for h in &mounted {
            let name = h.volume.name.as_str();
            let used = users
                .iter()
                .any(|(cfg, _)| cfg.mounts.iter().any(|m| m.name.as_deref() == Some(name)));
            if !used {
                if let Err(e) = mount::unmount(&vols.data(name)) {
                    result = result.and(Err(e));
                }
            }
        }
        result
    }
}
