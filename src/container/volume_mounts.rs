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
//!
//! `volume mount` is a user without a record: those are counted in the volume's record
//! (`manual_mounts`), changed under its lock together with the mount, and undone by
//! `volume unmount`. A mount that no user counts (a ctl killed while exporting, a user
//! whose monitor was killed) is taken down by the next `ps` or `volume ls`
//! (`settle_volume_mount`).

use std::path::{Path, PathBuf};

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
            let used = h.volume.manual_mounts > 0
                || users
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

impl Manager {
    /// `volume mount`: the volume's filesystem mounted on its `_data` (if it has one) and
    /// counted until `volume unmount`; returns `_data`.
    pub fn mount_volume(&self, name: &str) -> Result<PathBuf> {
        let vols = self.volumes()?;
        let mut h = vols.hold(name)?;
        let data = vols.data(name);
        let Some(spec) = h.volume.mount_spec() else {
            return Ok(data);
        };
        // Counted before mounted: a ctl killed between the two leaves a count and no
        // mount (the next mount makes it), never a mount nobody counts.
        h.volume.manual_mounts += 1;
        vols.save(&h)?;
        if !mount::is_mounted(&data) {
            if let Err(e) = mount::mount(name, &spec, &data) {
                h.volume.manual_mounts -= 1;
                let _ = vols.save(&h);
                return Err(e);
            }
        }
        Ok(data)
    }

    /// [`Manager::settle_volume_mount`] for every volume mounted now.
    pub fn settle_volume_mounts(&self) -> Result<()> {
        let vols = self.volumes()?;
        for v in vols.list()?.iter().filter(|v| v.needs_mount()) {
            self.settle_volume_mount(&v.name)?;
        }
        Ok(())
    }

    /// Takes down a volume's mount that no user counts (what a ctl killed during `volume
    /// export` or `import` left, or a container whose process and monitor were killed), under the volume's lock: a starter holds that lock until
    /// its record says created, so no user is missed.
    pub fn settle_volume_mount(&self, name: &str) -> Result<()> {
        let vols = self.volumes()?;
        let data = vols.data(name);
        if !mount::is_mounted(&data) {
            return Ok(());
        }
        let Ok(h) = vols.hold(name) else {
            return Ok(());
        };
        if h.volume.needs_mount() && h.volume.manual_mounts == 0 && !self.volume_active(name)? {
            mount::unmount(&data)?;
        }
        Ok(())
    }

    /// `volume unmount`: one `volume mount` undone; the filesystem goes with the last user.
    /// A volume not mounted by hand is left as it is (podman's: already unmounted).
    pub fn unmount_volume(&self, name: &str) -> Result<()> {
        let vols = self.volumes()?;
        let mut h = vols.hold(name)?;
        if !h.volume.needs_mount() || h.volume.manual_mounts == 0 {
            return Ok(());
        }
        h.volume.manual_mounts -= 1;
        vols.save(&h)?;
        if h.volume.manual_mounts == 0 && !self.volume_active(name)? {
            mount::unmount(&vols.data(name))?;
        }
        Ok(())
    }

    /// Runs `f` on the volume's `_data` with its filesystem mounted (for that time, if no
    /// one else has it mounted), under the volume's lock: `volume export` and `import`.
    pub fn with_volume_data<T>(&self, name: &str, f: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
        let vols = self.volumes()?;
        let h = vols.hold(name)?;
        let data = vols.data(name);
        let mounted_here = match h.volume.mount_spec() {
            Some(spec) if !mount::is_mounted(&data) => {
                mount::mount(name, &spec, &data)?;
                true
            }
            _ => false,
        };
        let out = f(&data);
        if mounted_here && h.volume.manual_mounts == 0 && !self.volume_active(name)? {
            mount::unmount(&data)?;
        }
        drop(h);
        out
    }

    /// Whether a created or running container uses volume `name` (call under its lock).
    fn volume_active(&self, name: &str) -> Result<bool> {
        Ok(self.list()?.into_iter().flatten().any(|(cfg, st)| {
            st.status.is_active() && cfg.mounts.iter().any(|m| m.name.as_deref() == Some(name))
        }))
    }
}
