//! The one place that combines the container store, the runtime and the monitor: load with
//! reconciliation, stop, kill, remove, wait, cleanup. Creation and start are in create.rs.

use std::path::PathBuf;
use std::time::Duration;

use crate::container::rootfs;
use crate::container::state::{reconcile, same_process, Observed, State, Status};
use crate::container::store::{ContainerConfig, Containers, Listed};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::fsutil::Lock;
use crate::image::store::Store;
use crate::runtime::Runtime;
use crate::sys::wait_gone;

/// How long to wait for the monitor to record an exit it has seen.
const MONITOR_GRACE: Duration = Duration::from_secs(10);

/// A container's records, reconciled with the machine.
#[derive(Debug, Clone)]
pub struct Container {
    pub config: ContainerConfig,
    pub state: State,
}

impl Container {
    pub fn id(&self) -> &str {
        &self.config.id
    }
}

/// Everything a container command needs, resolved once.
pub struct Manager {
    pub ctx: Context,
    pub containers: Containers,
    pub images: Store,
    pub runtime_name: String,
}

impl Manager {
    pub fn open(ctx: &Context) -> Result<Manager> {
        Ok(Manager {
            containers: Containers::open(&ctx.root, &ctx.runroot)?,
            images: Store::open(&ctx.root)?,
            runtime_name: ctx.runtime.clone(),
            ctx: ctx.clone(),
        })
    }

    /// The runtime a container was created with (its own, not today's default).
    pub fn runtime_for(&self, cfg: &ContainerConfig) -> Result<Runtime> {
        Runtime::resolve(&cfg.runtime, &self.ctx.runroot)
    }

    /// What the monitor's exit file says, if it wrote one.
    pub fn exit_record(&self, id: &str) -> Option<(Option<i32>, Option<String>, bool)> {
        let data = std::fs::read_to_string(self.containers.exit_file(id)).ok()?;
        let e = ctl_monitor::ExitStatus::decode(&data).ok()?;
        Some((e.exit_code, Some(e.finished_at), e.oom_killed))
    }

    fn observe(&self, id: &str, st: &State) -> Result<Observed> {
        let epoch = self.containers.epoch()?;
        Ok(Observed {
            boot_id: Some(epoch),
            pid_alive: st.pid.is_some_and(|p| same_process(p, st.pid_start)),
            monitor_alive: st
                .monitor_pid
                .is_some_and(|p| same_process(p, st.monitor_start)),
            exit: self.exit_record(id),
        })
    }

    /// Loads a container and corrects its record if the machine disagrees with it.
    pub fn load(&self, id: &str) -> Result<Container> {
        let config = self.containers.config(id)?;
        let mut state = self.containers.state(id)?;
        let seen = self.observe(id, &state)?;
        let mut probe = state.clone();
        if reconcile(&mut probe, &seen) {
            // Re-read under the lock: someone may have updated it meanwhile.
            let _lock = self.containers.lock(id)?;
            state = self.containers.state(id)?;
            let seen = self.observe(id, &state)?;
            if reconcile(&mut state, &seen) {
                if state.mounted && seen.boot_id != state.boot_id {
                    state.mounted = rootfs::is_mounted(&self.containers.dir(id).join("merged"));
                }
                self.containers.write_state(id, &state)?;
            }
        }
        Ok(Container { config, state })
    }

    /// Resolves a name, id or id prefix and loads it.
    pub fn get(&self, input: &str) -> Result<Container> {
        let id = self.containers.resolve(input)?;
        self.load(&id)
    }

    /// Every container, newest first; unreadable ones as errors naming them.
    pub fn list(&self) -> Result<Vec<Listed>> {
        self.containers.sweep_staging();
        let mut out: Vec<Listed> = self
            .containers
            .ids()?
            .into_iter()
            .map(|id| match self.load(&id) {
                Ok(c) => Ok((c.config, c.state)),
                // Removed while listing, or never finished: a killed creator's debris goes.
                Err(Error::ContainerNotFound(_)) => {
                    self.containers.remove_abandoned(&id);
                    Err((id, "removed while listing".into()))
                }
                Err(Error::CorruptRecord { reason, .. }) => Err((
                    id,
                    format!("unreadable record ({reason}); `ctl rm -f` removes it"),
                )),
                Err(e) => Err((id, e.to_string())),
            })
            .filter(|r| !matches!(r, Err((_, m)) if m == "removed while listing"))
            .collect();
        out.sort_by(|a, b| match (a, b) {
            (Ok((ca, _)), Ok((cb, _))) => cb.created.cmp(&ca.created),
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err((a, _)), Err((b, _))) => a.cmp(b),
        });
        Ok(out)
    }

    /// Records that the user stopped the container, which ends its restart policy.
    fn mark_stopped_by_user(&self, id: &str) -> Result<()> {
        let _lock = self.containers.lock(id)?;
        let mut st = self.containers.state(id)?;
        if !st.stopped_by_user {
            st.stopped_by_user = true;
            self.containers.write_state(id, &st)?;
        }
        Ok(())
    }

    /// Sends `signal` to a running container (which ends its restart policy).
    pub fn kill(&self, c: &Container, signal: i32) -> Result<()> {
        self.mark_stopped_by_user(&c.config.id)?;
        if !c.state.is_running() && c.state.status != Status::Created {
            return Err(Error::ContainerState {
                id: c.config.id.clone(),
                state: c.state.status.as_str().into(),
                hint: "only a running container can be signalled",
            });
        }
        self.runtime_for(&c.config)?.kill(&c.config.id, signal)
    }

    /// The stop signal, then SIGKILL after `timeout`; returns once the exit is recorded.
    pub fn stop(&self, c: &Container, timeout: Duration) -> Result<Container> {
        let id = c.config.id.clone();
        self.mark_stopped_by_user(&id)?;
        // Read again: a restart by policy may have started it since `c` was read; none can
        // begin now.
        let fresh = match self.load(&id) {
            Ok(f) => f,
            Err(Error::ContainerNotFound(_)) => c.clone(),
            Err(e) => return Err(e),
        };
        let c = &fresh;
        if matches!(c.state.status, Status::Running | Status::Created) {
            let rt = self.runtime_for(&c.config)?;
            let pid = c.state.pid.unwrap_or(0);
            let sig = if c.state.status == Status::Created {
                libc::SIGKILL
            } else {
                c.config.stop_signal
            };
            let sent = rt.kill(&id, sig);
            if sent.is_ok() && pid > 0 && !wait_gone(pid, c.state.pid_start, Some(timeout)) {
                let _ = rt.kill(&id, libc::SIGKILL);
                wait_gone(pid, c.state.pid_start, Some(MONITOR_GRACE));
            } else if sent.is_err() && pid > 0 && same_process(pid, c.state.pid_start) {
                sent?;
            }
            self.await_monitor(&id, &c.state);
        }
        // A --rm container may be gone already, removed by its monitor's cleanup.
        let cleaned = match self.load(&id) {
            Ok(now) if now.state.status != Status::Exited || now.state.mounted => self.cleanup(&id),
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        };
        match cleaned {
            Ok(()) | Err(Error::ContainerNotFound(_)) => {}
            Err(e) => return Err(e),
        }
        match self.load(&id) {
            Ok(c) => Ok(c),
            // Removed by its own --rm cleanup.
            Err(Error::ContainerNotFound(_)) => Ok(Container {
                config: c.config.clone(),
                state: {
                    let mut s = c.state.clone();
                    s.exited(None, None, None);
                    s
                },
            }),
            Err(e) => Err(e),
        }
    }

    /// Waits (bounded) for the monitor to finish recording and cleaning up.
    fn await_monitor(&self, _id: &str, st: &State) {
        if let Some(m) = st.monitor_pid {
            wait_gone(m, st.monitor_start, Some(MONITOR_GRACE));
        }
    }

    /// After the container's process is gone: fold in the exit file, drop the runtime's
    /// record, unmount; and with --rm, remove. Idempotent; run by the monitor's exit command
    /// and by anyone who finds the monitor dead.
    pub fn cleanup(&self, id: &str) -> Result<()> {
        let config = self.containers.config(id)?;
        {
            let _lock = self.containers.lock(id)?;
            let mut state = self.containers.state(id)?;
            let seen = self.observe(id, &state)?;
            reconcile(&mut state, &seen);
            if state.status == Status::Running || state.status == Status::Created {
                // Still alive: nothing to clean.
                return Ok(());
            }
            let rt = self.runtime_for(&config)?;
            rt.delete(id, true)?;
            self.teardown_user_net(id);
            let torn = self.teardown_network(id, &mut state);
            let unmounted = rootfs::unmount(&self.containers.dir(id).join("merged"));
            state.mounted = unmounted.is_err();
            self.containers.write_state(id, &state)?;
            torn?;
            unmounted?;
        }
        self.restart_by_policy(id, &config)?;
        if config.auto_remove {
            self.containers.remove(id, Some(&config.name))?;
            self.release_exit_file(id);
            self.sweep_exit_files();
        }
        Ok(())
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

    /// Starts the container again if its restart policy says so, after the back-off.
    fn restart_by_policy(&self, id: &str, config: &ContainerConfig) -> Result<()> {
        let st = self.containers.state(id)?;
        if !config
            .restart
            .should_restart(st.exit_code, st.restarts, st.stopped_by_user)
        {
            return Ok(());
        }
        std::thread::sleep(crate::container::restart::backoff(st.restarts));
        // Stopped, removed or started by someone else during the back-off: not ours.
        match self.prepare_run(id, true) {
            Ok(true) => self.start_created(id),
            Ok(false) | Err(Error::ContainerNotFound(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Drops exit files of removed containers that nobody read within a few minutes.
    fn sweep_exit_files(&self) {
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

    /// Removes a container; a running one only with `force` (killed first).
    pub fn remove(&self, id: &str, force: bool) -> Result<()> {
        let c = match self.load(id) {
            Ok(c) => c,
            Err(Error::CorruptRecord { .. }) if force => return self.remove_damaged(id),
            Err(e) => return Err(e),
        };
        if matches!(c.state.status, Status::Running | Status::Created) {
            if !force && c.state.status == Status::Running {
                return Err(Error::ContainerState {
                    id: id.to_string(),
                    state: "running".into(),
                    hint: "stop it first, or use -f",
                });
            }
            self.stop(&c, Duration::ZERO)?;
        }
        let _ = self.runtime_for(&c.config).map(|rt| rt.delete(id, true));
        self.teardown_user_net(id);
        match self.release_network(id) {
            // A --rm container's own cleanup removed it while it was being stopped.
            Err(Error::ContainerNotFound(_)) => return Ok(()),
            r => r?,
        }
        rootfs::unmount(&self.containers.dir(id).join("merged"))?;
        self.remove_files(id, Some(&c.config.name))
    }

    /// Tears down what is left of the container's network (a dead monitor's run).
    fn release_network(&self, id: &str) -> Result<()> {
        let _lock = self.containers.lock(id)?;
        let mut st = self.containers.state(id)?;
        if st.network.is_some() {
            self.teardown_network(id, &mut st)?;
            self.containers.write_state(id, &st)?;
        }
        Ok(())
    }

    /// Removes what is left of a container whose records cannot be read.
    fn remove_damaged(&self, id: &str) -> Result<()> {
        if let Ok(rt) = Runtime::resolve(&self.runtime_name, &self.ctx.runroot) {
            let _ = rt.delete(id, true);
        }
        self.teardown_user_net(id);
        // The state may still be readable when the config is not.
        if self.release_network(id).is_err() {
            crate::network::netns::remove(&self.netns_path(id))?;
        }
        rootfs::unmount(&self.containers.dir(id).join("merged"))?;
        self.remove_files(id, None)
    }

    fn remove_files(&self, id: &str, name: Option<&str>) -> Result<()> {
        self.containers.remove(id, name)?;
        self.release_exit_file(id);
        Ok(())
    }

    /// Waits (bounded) until the container's monitor has finished, cleanup included.
    pub fn await_monitor_of(&self, st: &State) {
        self.await_monitor("", st);
    }

    /// Blocks until the container is not running; returns its exit code (None: unknown).
    pub fn wait(&self, id: &str) -> Result<Option<i32>> {
        let watching = self.watch_exit(id)?;
        let code = self.wait_watched(id);
        drop(watching);
        self.release_exit_file(id);
        code
    }

    fn wait_watched(&self, id: &str) -> Result<Option<i32>> {
        loop {
            let c = match self.load(id) {
                Ok(c) => c,
                Err(Error::ContainerNotFound(_)) => {
                    return Ok(self.exit_record(id).and_then(|e| e.0))
                }
                Err(e) => return Err(e),
            };
            match c.state.status {
                Status::Exited | Status::Configured => return Ok(c.state.exit_code),
                _ => {}
            }
            let alive_monitor = c
                .state
                .monitor_pid
                .filter(|m| same_process(*m, c.state.monitor_start));
            match (alive_monitor, c.state.pid) {
                // The monitor exits after the exit is recorded.
                (Some(m), _) => {
                    wait_gone(m, c.state.monitor_start, None);
                }
                (None, Some(p)) => {
                    wait_gone(p, c.state.pid_start, None);
                }
                (None, None) => return Ok(c.state.exit_code),
            }
        }
    }

    /// The log file and its rotated predecessors, oldest first.
    pub fn log_files(&self, c: &Container) -> Vec<PathBuf> {
        let base = c.config.log.path.clone();
        let mut files: Vec<PathBuf> = (1..c.config.log.max_files.max(1))
            .rev()
            .map(|i| PathBuf::from(format!("{}.{i}", base.display())))
            .filter(|p| p.exists())
            .collect();
        files.push(base);
        files
    }
}
