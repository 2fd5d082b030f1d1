//! Removing a container: stopped, cleaned up and deleted under one hold of its lock.

use std::time::Duration;

use crate::container::lifecycle::{Held, Manager};
use crate::container::rootfs;
use crate::container::state::{same_process, Status};
use crate::error::{Error, Result};
use crate::runtime::Runtime;

impl Manager {
    /// Removes a container; a running one only with `force` (killed first). What a creator
    /// killed half-way left is removed too, once nobody holds its lock.
    pub fn remove(&self, id: &str, force: bool) -> Result<()> {
        let mut h = match self.hold_unrecorded(id) {
            Ok(h) => h,
            Err(Error::CorruptRecord { .. }) if force => return self.remove_damaged(id),
            Err(Error::ContainerNotFound(_)) if self.containers.remove_abandoned(id) => {
                return Ok(())
            }
            Err(e) => return Err(e),
        };
        self.refuse_infra_removal(&h.config)?;
        let pid_gone = |h: &Held| {
            !h.state
                .pid
                .is_some_and(|p| same_process(p, h.state.pid_start))
        };
        if !force && h.state.status == Status::Running && pid_gone(&h) {
            // Killed a moment ago: its monitor is recording the exit; a process that is
            // gone is not running.
            self.await_exit_record(&mut h);
        }
        if !force && h.state.status == Status::Running {
            return Err(Error::RemoveRunning {
                id: h.id().to_string(),
                state: h.state.podman_status(),
            });
        }
        // As podman's: forced or not, a container whose namespaces others join stays.
        let deps = self.dependents(h.id())?;
        if !deps.is_empty() {
            return Err(Error::HasDependents {
                id: h.id().to_string(),
                deps: deps
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let monitor = h.state.clone();
        self.remove_held(h)?;
        // The monitor of a container killed here finds it gone once the hold is dropped,
        // and exits: nothing of the container outlives its removal.
        self.await_monitor_of(&monitor);
        Ok(())
    }

    /// Removes a held container: killed at once if it runs, its runtime record, network
    /// and mount dropped, then its directory. Nothing is recorded on the way: what is
    /// recorded is about to go, and a remover killed half-way leaves a record that the
    /// next reader reconciles with what is still there.
    pub(crate) fn remove_held(&self, mut h: Held) -> Result<()> {
        let id = h.id().to_string();
        self.end_process(&mut h, Duration::ZERO)?;
        if !matches!(h.state.status, Status::Running | Status::Created) {
            let (torn, unmounted) = self.release_held(&mut h)?;
            torn?;
            unmounted?;
        }
        // The runtime's record and a mount may outlive a cleanup that failed half-way.
        let _ = self.runtime_for(&h.config).map(|rt| rt.delete(&id, true));
        rootfs::unmount(&self.containers.dir(&id).join("merged"))?;
        // A start killed before it recorded the container created may have mounted them.
        self.release_volumes(&id, &h.config.mounts)?;
        // Renamed away with the lock held: whoever waits for the lock finds it gone.
        self.containers.remove(&id, Some(&h.config.name))?;
        self.event_with_exit("remove", &h);
        for n in &h.config.other_names {
            self.containers.release_name(n, &id);
        }
        let auto_remove = h.config.auto_remove;
        let mounts = std::mem::take(&mut h.config.mounts);
        drop(h);
        self.release_exit_file(&id);
        self.sweep_exit_files();
        // As podman's `run --rm`: the anonymous volumes go with the container.
        if auto_remove {
            self.remove_anonymous_volumes(&mounts);
        }
        Ok(())
    }

    /// Removes what is left of a container whose records cannot be read, under its lock.
    fn remove_damaged(&self, id: &str) -> Result<()> {
        let _lock = self.containers.lock(id)?;
        if let Ok(rt) = Runtime::resolve(&self.ctx.runtime, &self.ctx.runroot) {
            // Kills the container's process too, if it still runs.
            let _ = rt.delete(id, true);
        }
        self.teardown_user_net(id);
        // The state may still be readable when the config is not.
        let mut st = self.containers.state(id).unwrap_or_default();
        if self.teardown_network(id, &mut st).is_err() {
            crate::network::netns::remove(&self.netns_path(id))?;
        }
        rootfs::unmount(&self.containers.dir(id).join("merged"))?;
        self.containers.remove(id, None)?;
        self.release_exit_file(id);
        Ok(())
    }
}

impl Manager {
    /// `run --rmi`: the image goes once no container uses it (a name of several is only
    /// untagged, as `rmi NAME`). Used or already gone: nothing to do.
    pub fn remove_image_if_unused(&self, image_id: &str, name: &str) -> Result<()> {
        let _removing = self.images.use_lock(true)?;
        let img = match self.images.image(image_id) {
            Ok(img) => img,
            Err(Error::ImageNotFound(_)) => return Ok(()),
            Err(e) => return Err(e),
        };
        if crate::image::container_using(self.images.root(), image_id).is_some() {
            return Ok(());
        }
        if img.names.len() > 1 && img.names.iter().any(|n| n == name) {
            self.images.untag(image_id, name)?;
            return Ok(());
        }
        self.images.remove_image(image_id).map(drop)
    }
}
