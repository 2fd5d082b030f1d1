//! `system reset`: everything of this store goes. Containers are removed one by one
//! (stopped, their monitors gone, networks torn down, mounts undone), then volumes,
//! networks, images, and at last the store's and run directory's files.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::container::lifecycle::Manager;
use crate::container::rootfs;
use crate::error::{Error, Result};
use crate::network::config::DEFAULT_NETWORK;

/// The mount points at or under `dir`, deepest first.
pub fn mounts_under(points: impl IntoIterator<Item = PathBuf>, dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = points
        .into_iter()
        .filter(|p| p.starts_with(dir) && p != dir)
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    out
}

impl Manager {
    /// Removes everything; returns what could not be removed (the rest is gone).
    pub fn reset(&self) -> Result<Vec<Error>> {
        let mut failed = Vec::new();
        let pods = self.pods()?;
        for id in pods.ids()? {
            match self.pod_remove(&id, true, Some(0)) {
                Ok(_) | Err(Error::PodNotFound(_)) => {}
                Err(e) => failed.push(e),
            }
        }
        for id in self.containers.ids()? {
            match self.remove(&id, true) {
                Ok(()) | Err(Error::ContainerNotFound(_)) => {}
                Err(e) => failed.push(e),
            }
        }
        self.containers.sweep_staging();
        if let Err(e) = self.sweep_network_orphans() {
            failed.push(e);
        }
        let vols = self.volumes()?;
        for v in vols.list()? {
            match self.remove_volume(&v.name, true, Duration::ZERO) {
                Ok(()) | Err(Error::VolumeNotFound(_)) => {}
                Err(e) => failed.push(e),
            }
        }
        let nets = self.networks()?;
        for n in nets.list()? {
            if n.name != DEFAULT_NETWORK {
                if let Err(e) = nets.remove(&n.name) {
                    failed.push(e);
                }
            }
        }
        {
            let _removing = self.images.use_lock(true)?;
            for img in self.images.images()? {
                match self.images.remove_image(&img.id) {
                    Ok(_) | Err(Error::ImageNotFound(_)) => {}
                    Err(e) => failed.push(e),
                }
            }
        }
        if !failed.is_empty() {
            // What is left may still be in use: its files stay.
            return Ok(failed);
        }
        let root = self.ctx.root.clone();
        let runroot = self.ctx.runroot.clone();
        // Nothing is deleted through a mount that a killed command left.
        for p in mounts_under(rootfs::mount_points(), &root)
            .into_iter()
            .chain(mounts_under(rootfs::mount_points(), &runroot))
        {
            if let Err(e) = rootfs::unmount(&p) {
                failed.push(e);
            }
        }
        if !failed.is_empty() {
            return Ok(failed);
        }
        if self.ctx.rootless {
            // Its pid file goes with the run directory: no later command could find it.
            if let Err(e) = crate::rootless::pause::stop(&runroot, self.ctx.uid) {
                failed.push(e);
            }
        }
        // The address tables may be the machine's, shared by every store.
        let keep = [self.ctx.network_run_dir.clone()];
        for dir in [&root, &runroot] {
            let Ok(rd) = fs::read_dir(dir) else { continue };
            for e in rd.flatten() {
                let p = e.path();
                if keep.contains(&p) {
                    continue;
                }
                let r = match e.file_type() {
                    Ok(t) if t.is_dir() => crate::image::store::remove_tree(&p),
                    _ => fs::remove_file(&p),
                };
                if let Err(err) = r {
                    failed.push(Error::io(&p, err));
                }
            }
        }
        Ok(failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts_under_a_dir_deepest_first() {
        let points = ["/s/a", "/s/a/b/c", "/other", "/s", "/sx"].map(PathBuf::from);
        assert_eq!(
            mounts_under(points, Path::new("/s")),
            ["/s/a/b/c", "/s/a"].map(PathBuf::from)
        );
    }
}
