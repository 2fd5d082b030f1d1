//! `ctl mount` and `ctl unmount`: a container's rootfs mounted for the user, counted in its
//! record (podman's mount counter) so that stopping the container does not take it away;
//! `rm` unmounts it whatever the count.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::container::lifecycle::{Held, Manager};
use crate::container::rootfs;
use crate::container::state::Status;
use crate::error::Result;

/// A container whose rootfs is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mounted {
    pub id: String,
    pub name: String,
    pub path: PathBuf,
}

impl Manager {
    /// Mounts the container's rootfs (if it is not already) and counts one user mount;
    /// returns where it is.
    pub fn mount(&self, id: &str) -> Result<PathBuf> {
        let mut h = self.hold(id)?;
        let merged = self.merged_dir(id);
        if !rootfs::is_mounted(&merged) {
            // Counted mounts a reboot took away are no more.
            h.state.user_mounts = 0;
            self.mount_held(&h)?;
        }
        h.state.mounted = true;
        h.state.user_mounts += 1;
        self.save(&h)?;
        self.event("mount", &h.config);
        Ok(merged)
    }

    /// Takes back one user mount (all with `force`); the rootfs is unmounted once none is
    /// left, unless the container's process still uses it (then its cleanup unmounts it).
    pub fn unmount(&self, id: &str, force: bool) -> Result<()> {
        let mut h = self.hold(id)?;
        h.state.user_mounts = match force {
            true => 0,
            false => h.state.user_mounts.saturating_sub(1),
        };
        let in_use = matches!(h.state.status, Status::Running | Status::Created);
        if h.state.user_mounts == 0 && !in_use {
            rootfs::unmount(&self.merged_dir(id))?;
            h.state.mounted = false;
        }
        self.save(&h)?;
        self.event("unmount", &h.config);
        Ok(())
    }

    /// Every container whose rootfs is mounted (running and created ones too, as podman
    /// lists them), in `list`'s order.
    pub fn mounted(&self) -> Result<Vec<Mounted>> {
        let points = rootfs::mount_points();
        let mut out = Vec::new();
        for (cfg, _) in self.list()?.into_iter().flatten() {
            let path = self.merged_dir(&cfg.id);
            if points.contains(&path) {
                out.push(Mounted {
                    id: cfg.id,
                    name: cfg.name,
                    path,
                });
            }
        }
        Ok(out)
    }

    /// What `unmount --all` unmounts: containers with user mounts counted, and stopped
    /// ones still mounted (by a ctl killed half-way); not what a running one uses.
    pub fn unmountable(&self) -> Result<Vec<String>> {
        let points = rootfs::mount_points();
        Ok(self
            .list()?
            .into_iter()
            .flatten()
            .filter(|(cfg, st)| {
                let in_use = matches!(st.status, Status::Running | Status::Created);
                st.user_mounts > 0 || (!in_use && points.contains(&self.merged_dir(&cfg.id)))
            })
            .map(|(cfg, _)| cfg.id)
            .collect())
    }

    /// Runs `f` on the held container's mounted rootfs, mounting it for that time if it is
    /// not mounted (export).
    pub(crate) fn with_rootfs<T>(
        &self,
        h: &Held,
        f: impl FnOnce(&std::path::Path) -> Result<T>,
    ) -> Result<T> {
        let merged = self.merged_dir(h.id());
        if rootfs::is_mounted(&merged) {
            return f(&merged);
        }
        self.mount_held(h)?;
        let r = f(&merged);
        // Under the hold nobody else mounted it meanwhile: the mount is this call's.
        let unmounted = rootfs::unmount(&merged);
        let v = r?;
        unmounted.map(|()| v)
    }

    /// Mounts a held container's overlay as its start does.
    pub(crate) fn mount_held(&self, h: &Held) -> Result<()> {
        let image = self.images.image(&h.config.image_id)?;
        let dir = self.containers.dir(h.id());
        self.mount_rootfs(&image, &dir, h.config.auto_remove, h.config.idmaps.as_ref())
    }

    fn merged_dir(&self, id: &str) -> PathBuf {
        self.containers.dir(id).join("merged")
    }
}

/// The set of mount points, for many look-ups with one read of mountinfo.
pub(crate) fn points_from(mountinfo: &str) -> HashSet<PathBuf> {
    mountinfo
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .map(|m| PathBuf::from(rootfs::unescape(m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_points_are_read_and_unescaped() {
        let info = "36 35 98:0 / /mnt/a\\040b rw - ext3 /dev/root rw\n\
                    37 35 0:1 / /var/lib/ctl/containers/x/merged rw - overlay overlay rw\n";
        let p = points_from(info);
        assert!(p.contains(&PathBuf::from("/mnt/a b")));
        assert!(p.contains(&PathBuf::from("/var/lib/ctl/containers/x/merged")));
        assert_eq!(p.len(), 2);
    }
}
