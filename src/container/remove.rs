//! Removing a container: stopped, cleaned up and deleted under one hold of its lock.

use std::time::Duration;

use crate::container::lifecycle::Manager;
use crate::container::rootfs;
use crate::container::state::Status;
use crate::error::{Error, Result};
use crate::runtime::Runtime;

impl Manager {
    /// Removes a container; a running one only with `force` (killed first). What a creator
    /// killed half-way left is removed too, once nobody holds its lock.
    pub fn remove(&self, id: &str, force: bool) -> Result<()> {
        let mut h = match self.hold(id) {
            Ok(h) => h,
            Err(Error::CorruptRecord { .. }) if force => return self.remove_damaged(id),
            Err(Error::ContainerNotFound(_)) if self.containers.remove_abandoned(id) => {
                return Ok(())
            }
            Err(e) => return Err(e),
        };
        if !force && h.state.status == Status::Running {
            return Err(Error::RemoveRunning {
                id: h.id().to_string(),
            });
        }
        // Stopped (killed at once), then cleaned up; a no-op for an exited container
        // whose cleanup already ran.
        self.stop_held(&mut h, Duration::ZERO)?;
        // The runtime's record and a mount may outlive a cleanup that failed half-way.
        let _ = self.runtime_for(&h.config).map(|rt| rt.delete(id, true));
        rootfs::unmount(&self.containers.dir(id).join("merged"))?;
        // Renamed away with the lock held: whoever waits for the lock finds it gone.
        self.containers.remove(id, Some(&h.config.name))?;
        drop(h);
        self.release_exit_file(id);
        self.sweep_exit_files();
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
