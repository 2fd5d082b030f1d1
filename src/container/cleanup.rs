//! After a container's process has exited: the runtime's record, network and mount go,
//! the restart policy is applied, a `--rm` container is removed, and its exit file is kept
//! exactly as long as someone still has to read it.

use std::time::Duration;

use crate::container::lifecycle::{Held, Manager};
use crate::container::rootfs;
use crate::container::state::Status;
use crate::container::store::ContainerConfig;
use crate::error::{Error, Result};
use crate::fsutil::Lock;

impl Manager {
    /// Folds in the exit file, drops the runtime's record, tears the network down,
    /// unmounts; then restarts by policy, or with --rm removes. Idempotent; run by the
    /// monitor's exit command and by anyone who finds the monitor dead.
    pub fn cleanup(&self, id: &str) -> Result<()> {
        let config = {
            let mut h = self.hold_unrecorded(id)?;
            if matches!(h.state.status, Status::Running | Status::Created) {
                // Still alive (or already started again): nothing to clean.
                return Ok(());
            }
            let st = &h.state;
            let again = st.health_restart
                || (h.config.restart).should_restart(st.exit_code, st.restarts, st.stopped_by_user);
            if h.config.auto_remove && !again {
                // Removed under this hold: nothing is recorded of a container about to go.
                let (image, name, rmi) = (
                    h.config.image_id.clone(),
                    h.config.image_name.clone(),
                    h.config.remove_image,
                );
                let config = h.config.clone();
                self.remove_held(h)?;
                self.apply_pod_exit_policy(&config)?;
                return match rmi {
                    true => self.remove_image_if_unused(&image, &name),
                    false => Ok(()),
                };
            }
            self.cleanup_held(&mut h)?;
            self.event("cleanup", &h.config);
            h.config.clone()
        };
        if self.restart_by_policy(id, &config)? {
            return Ok(());
        }
        if config.auto_remove {
            match self.remove(id, true) {
                Ok(()) | Err(Error::ContainerNotFound(_)) => {}
                Err(e) => return Err(e),
            }
            if config.remove_image {
                self.remove_image_if_unused(&config.image_id, &config.image_name)?;
            }
        }
        self.apply_pod_exit_policy(&config)
    }

    /// The cleanup of a held container that is not running. Unmounts and tears down
    /// first and records after, so a full store does not keep the mounts.
    pub(crate) fn cleanup_held(&self, h: &mut Held) -> Result<()> {
        if matches!(h.state.status, Status::Running | Status::Created) {
            return Ok(());
        }
        let (torn, unmounted) = self.release_held(h)?;
        self.save(h)?;
        torn?;
        unmounted
    }

    /// Drops what a stopped container holds (the runtime's record, network, mount) and
    /// notes the mount in its state; writes nothing. Returns the teardown's and the
    /// unmount's results, for the caller to report after recording.
    pub(crate) fn release_held(&self, h: &mut Held) -> Result<(Result<()>, Result<()>)> {
        let id = h.id().to_string();
        let rt = self.runtime_for(&h.config)?;
        rt.delete(&id, true)?;
        self.teardown_user_net(&id);
        let torn = self.teardown_network(&id, &mut h.state);
        // A `ctl mount` keeps the rootfs until `ctl unmount` or `rm`.
        let unmounted = match h.state.user_mounts {
            0 => rootfs::unmount(&self.containers.dir(&id).join("merged")),
            _ => Ok(()),
        };
        h.state.mounted = unmounted.is_err() || h.state.user_mounts > 0;
        let unmounted = unmounted.and(self.release_volumes(&id, &h.config.mounts));
        Ok((torn, unmounted))
    }

    /// Starts the container again if its restart policy says so, after the back-off;
    /// returns whether it did.
    fn restart_by_policy(&self, id: &str, config: &ContainerConfig) -> Result<bool> {
        let st = self.containers.state(id)?;
        if !st.health_restart
            && !config
                .restart
                .should_restart(st.exit_code, st.restarts, st.stopped_by_user)
        {
            return Ok(false);
        }
        std::thread::sleep(crate::container::restart::backoff(st.restarts));
        // Stopped, removed or started by someone else during the back-off: not ours. The
        // decision and the start are under one hold: a stop between them would be undone.
        let mut h = match self.hold(id) {
            Ok(h) => h,
            Err(Error::ContainerNotFound(_)) => return Ok(true),
            Err(e) => return Err(e),
        };
        if h.state.stopped_by_user || h.state.status != Status::Exited {
            return Ok(true);
        }
        h.state.restarts += 1;
        self.start_held(&mut h)?;
        self.event("restart", &h.config);
        Ok(true)
    }

    /// Registers a reader of the exit file: while the returned lock is held, the removal of
    /// a `--rm` container keeps its exit file for this reader.
    pub fn watch_exit(&self, id: &str) -> Result<Lock> {
        Lock::shared(&self.containers.exit_waiters(id))
    }

    /// Drops the exit file of a removed container once no reader holds it; the last reader
    /// calls this again after letting go of its [`Manager::watch_exit`] lock.
    pub fn release_exit_file(&self, id: &str) {
        if self.containers.dir(id).exists() {
            return;
        }
        let waiters = self.containers.exit_waiters(id);
        if let Ok(Some(_only_us)) = Lock::try_exclusive(&waiters) {
            let _ = std::fs::remove_file(self.containers.exit_file(id));
            let _ = std::fs::remove_file(&waiters);
        }
    }

    /// Drops exit files of removed containers that nobody read within a few minutes.
    pub(crate) fn sweep_exit_files(&self) {
        let dir = self.containers.runroot().join("exits");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        let old = std::time::SystemTime::now() - Duration::from_secs(300);
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let id = name.strip_suffix(".wait").unwrap_or(&name);
            let stale = e
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < old);
            if stale && !self.containers.dir(id).exists() {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}
