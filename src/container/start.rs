//! Starting a container: set up again (rootfs, network, a new monitor that runs the
//! runtime's `create`), then the runtime's `start`, all under the container's lock.

use std::fs;

use crate::container::lifecycle::{Held, Manager};
use crate::container::rootfs;
use crate::container::state::{process_start, Status};
use crate::error::{Error, Result};
use crate::fsutil::create_private_dir;
use crate::network::rootless as usernet;

impl Manager {
    /// Starts a container: a created one at once; an exited one is set up again first.
    pub fn start(&self, id: &str) -> Result<()> {
        if let Ok(c) = self.containers.config(id) {
            self.start_pod_infra(&c)?;
            self.start_requirements(&c)?;
        }
        let mut h = self.hold(id)?;
        self.start_held(&mut h)
    }

    pub(crate) fn start_held(&self, h: &mut Held) -> Result<()> {
        if h.state.maybe_frozen() {
            return Err(Error::StateImproper(format!(
                "cannot start paused container {}",
                h.id()
            )));
        }
        match h.state.status {
            Status::Running => return Ok(()),
            Status::Created => {}
            Status::Exited | Status::Configured => self.prepare_held(h)?,
        }
        self.run_created(h)
    }

    /// Mounts the rootfs if needed and hands the container to a new monitor, which runs the
    /// runtime's `create`; returns when the container's process exists (status created).
    /// For a foreground run, which attaches before [`Manager::start_created`].
    pub fn prepare(&self, id: &str) -> Result<()> {
        if let Ok(c) = self.containers.config(id) {
            self.start_pod_infra(&c)?;
            self.start_requirements(&c)?;
        }
        let mut h = self.hold(id)?;
        match h.state.status {
            Status::Exited | Status::Configured => self.prepare_held(&mut h),
            _ => Ok(()),
        }
    }

    /// `container init`: set up and created in the runtime (podman's "initialized"), not
    /// started; `start` runs it.
    pub fn init(&self, id: &str) -> Result<()> {
        let mut h = self.hold(id)?;
        match h.state.status {
            Status::Exited | Status::Configured => self.prepare_held(&mut h),
            _ => Err(Error::StateImproper(format!(
                "container {} has already been created in runtime",
                h.id()
            ))),
        }
    }

    fn prepare_held(&self, h: &mut Held) -> Result<()> {
        let id = h.id().to_string();
        // A run whose cleanup never came (its monitor died) may have left its network.
        self.teardown_network(&id, &mut h.state)?;
        let dir = self.containers.dir(&id);
        if !rootfs::is_mounted(&dir.join("merged")) {
            self.mount_held(h)?;
        }
        let state = &mut h.state;
        state.mounted = true;
        let rt = self.runtime_for(&h.config)?;
        crate::container::monitor::end_unrecorded(self, &id, state.monitor_pid);
        // A record the runtime kept from an earlier run would make `create` fail.
        rt.delete(&id, true)?;
        let _ = fs::remove_file(self.containers.exit_file(&id));
        let run = self.containers.run_dir(&id);
        create_private_dir(&run)?;
        let cfg = &h.config;
        // `run --preserve-fds`: only the start of `run` itself has the caller's fds.
        let first = state.started_at.is_none() && state.restarts == 0;
        let preserve = if first { cfg.preserve_fds } else { 0 };
        // The volumes' locks are held until the state below says created (volume_mounts.rs).
        let mut volume_locks = Vec::new();
        let launched = (|| {
            volume_locks = self.mount_volumes(cfg, &dir.join("merged"))?;
            self.refresh_joins(cfg)?;
            // The sockets holding the published ports go to the monitor, which keeps them
            // while the container runs; ctl's copies close when this returns.
            let held = self.setup_network(cfg, state)?;
            if let Some(b) = cfg.network.user_backend() {
                usernet::setup(&self.ctx.runroot, &id, b, &cfg.user_ports)?;
            }
            if let Some(ns) = &state.network {
                self.write_network_etc(cfg, ns)?;
            }
            crate::container::monitor::launch(self, cfg, &rt, &held, preserve)
        })();
        let (pid, monitor_pid) = match launched {
            Ok(p) => p,
            Err(e) => {
                drop(volume_locks);
                if let Err(v) = self.release_volumes(&id, &cfg.mounts) {
                    tracing::warn!("container {}: {v}", &id[..12]);
                }
                self.teardown_user_net(&id);
                if let Err(t) = self.teardown_network(&id, state) {
                    tracing::warn!("container {}: {t}", &id[..12]);
                }
                // A monitor that got as far as the runtime's create may have left its state.
                let _ = rt.delete(&id, true);
                if state.user_mounts == 0 {
                    state.mounted = rootfs::unmount(&dir.join("merged")).is_err();
                }
                self.save(h)?;
                return Err(e);
            }
        };
        state.status = Status::Created;
        state.stopped_by_user = false;
        state.health_restart = false;
        state.pid = Some(pid);
        state.pid_start = process_start(pid);
        state.monitor_pid = Some(monitor_pid);
        state.monitor_start = process_start(monitor_pid);
        write_pidfiles(cfg, pid, monitor_pid);
        state.boot_id = Some(self.containers.epoch()?);
        state.exit_code = None;
        state.finished_at = None;
        state.note = None;
        state.oom_killed = false;
        self.save(h)?;
        drop(volume_locks);
        self.event("init", &h.config);
        Ok(())
    }

    /// `runtime start` of a created container; records it running.
    pub fn start_created(&self, id: &str) -> Result<()> {
        let mut h = self.hold(id)?;
        match h.state.status {
            Status::Created => self.run_created(&mut h),
            Status::Running => Ok(()),
            other => Err(Error::ContainerState {
                id: id.to_string(),
                state: other.as_str().into(),
                hint: "it was stopped before it could start",
            }),
        }
    }

    /// The runtime's start, under the lock, so the monitor's cleanup of a quick container
    /// cannot delete the runtime's state while `start` is still using it.
    fn run_created(&self, h: &mut Held) -> Result<()> {
        let id = h.id().to_string();
        let rt = self.runtime_for(&h.config)?;
        h.state.started_at = Some(ctl_monitor::time::Timestamp::now());
        if let Err(e) = rt.start(&id) {
            // A ctl killed right after the runtime's start never recorded it: the container
            // runs, and recording that is the start asked for.
            if rt.status(&id).ok().flatten().as_deref() != Some("running") {
                return Err(e);
            }
        }
        if h.state.status == Status::Created {
            h.state.status = Status::Running;
        }
        self.save(h)?;
        self.event("start", &h.config);
        // For --sdnotify=conmon: the monitor sends READY=1 now that the container runs. A
        // monitor gone already (a container that exited at once) has nothing to report.
        let fifo = self.run_files(&id).ctl_fifo;
        let _ = crate::sys::without_sigpipe(|| {
            ctl_monitor::wire::send_control(&fifo, ctl_monitor::ControlMessage::Started)
        });
        Ok(())
    }
}

/// `--pidfile` and `--conmon-pidfile`, as the runtime and conmon write them (no newline).
/// The container runs by now: a file that cannot be written is said, not fatal.
fn write_pidfiles(cfg: &crate::container::store::ContainerConfig, pid: i32, monitor: i32) {
    for (path, pid) in [(&cfg.pidfile, pid), (&cfg.conmon_pidfile, monitor)] {
        if let Some(path) = path {
            let written =
                ctl_monitor::fsx::write_atomic_mode(path, pid.to_string().as_bytes(), 0o644);
            if let Err(e) = written {
                tracing::warn!(
                    "container {}: writing {}: {e}",
                    &cfg.id[..12],
                    path.display()
                );
            }
        }
    }
}
