//! The one place that combines the container store, the runtime and the monitor: loading
//! with reconciliation, and holding a container under its lock. The verbs are beside it:
//! start.rs, stop.rs (stop, kill, restart), remove.rs, cleanup.rs (the monitor's exit
//! command, restart policies, exit files); creation is in create.rs.
//!
//! # The invariant
//!
//! Everything ctl makes for a container (monitor and container processes, the runtime's
//! state, the overlay mount, network namespace, veth, address lease, firewall rules,
//! published-port sockets, name link, run-directory files) is either reachable from
//! `ctl ps -a`, and removed by `ctl rm -f` of that entry, or gone. No interleaving of ctl
//! commands and no SIGKILL of a ctl at any instant may break it. How it is kept:
//!
//! - **One lock per container, held from the first look to the last write.** Every verb
//!   that changes a container takes [`Manager::hold`]: the lock, then the records read and
//!   reconciled under it. Start, stop, kill, restart, remove and the monitor's cleanup run
//!   whole under that one hold, so none of them acts on what another has just changed.
//!   A remover renames the directory away with the lock held; a waiter that then wakes
//!   holds the lock of a directory that is gone and gets "no such container"
//!   ([`Containers::lock`]), never a chance to start it again.
//! - **Made aside, then published.** A new container is built under its lock and is
//!   complete when container.json is written; a creator killed before that leaves a
//!   directory whose lock is free, removed by the next `ps`, the next taker of its name, or
//!   `rm` ([`Containers::remove_abandoned`]). An image cannot be removed while a container
//!   is being made from it (the image-use lock, [`crate::image::store::Store::use_lock`]).
//! - **Recorded before it is made.** A network setup is recorded in the run directory
//!   before netavark runs, so a ctl killed during it leaves a record to undo it from.
//! - **Act, then record.** Killing and removing need no free space first: processes are
//!   signalled and mounts undone before the record is written, and on a full store the
//!   state is written to the run directory (a tmpfs) instead ([`Containers::write_state`]).
//! - **The monitor never waits for ctl.** It writes its exit file (in the run directory)
//!   before it runs the cleanup that needs the lock, so a stop holding the lock can wait
//!   for that file without waiting for the monitor.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ctl_monitor::time::Timestamp;

use crate::container::rootfs;
use crate::container::state::{reconcile, same_process, Observed, State, Status};
use crate::container::store::{ContainerConfig, Containers, Listed};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::fsutil::Lock;
use crate::image::pull::{self, Progress};
use crate::image::registry::RegistryOptions;
use crate::image::store::{ImageRecord, Store};
use crate::runtime::Runtime;
use crate::sys::wait_gone;

/// How long to wait for the monitor to record an exit it has seen.
pub(crate) const MONITOR_GRACE: Duration = Duration::from_secs(10);

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

/// A container under its lock: its records as they are while the lock is held. Changes
/// are made to `state` and written with [`Manager::save`].
pub struct Held {
    _lock: Lock,
    pub config: ContainerConfig,
    pub state: State,
}

impl Held {
    pub fn id(&self) -> &str {
        &self.config.id
    }

    pub fn snapshot(&self) -> Container {
        Container {
            config: self.config.clone(),
            state: self.state.clone(),
        }
    }
}

/// Everything a container command needs, resolved once. The stores stay inside: callers
/// name containers and images, and get ids, records and paths back.
#[derive(Clone)]
pub struct Manager {
    pub(crate) ctx: Context,
    pub(crate) containers: Containers,
    pub(crate) images: Store,
    /// Who joins whose namespaces (`container:X`), read once per command: removals ask for
    /// every container they remove (see [`Manager::dependents`]).
    pub(crate) joined: std::sync::OnceLock<crate::container::joins::Joined>,
}

impl Manager {
    pub fn open(ctx: &Context) -> Result<Manager> {
        Ok(Manager {
            containers: Containers::open(&ctx.root, &ctx.runroot)?,
            images: Store::open(&ctx.root)?,
            ctx: ctx.clone(),
            joined: Default::default(),
        })
    }

    /// The id of the container a name, id or id prefix names.
    pub fn resolve(&self, input: &str) -> Result<String> {
        self.containers.resolve(input)
    }

    /// The stored image a name, id or id prefix names (short names through their
    /// registries.conf alias, then the search registries).
    pub fn find_image(&self, input: &str) -> Result<ImageRecord> {
        pull::find_stored(&self.ctx, &self.images, input)
    }

    /// Pulls the image `input` names into the store.
    pub fn pull_image(
        &self,
        input: &str,
        opts: &RegistryOptions,
        progress: Arc<dyn Progress>,
    ) -> Result<ImageRecord> {
        pull::pull(&self.ctx, &self.images, input, opts, progress)
    }

    /// A container's overlay directories: upper, work and merged (the mounted rootfs).
    pub fn overlay_dirs(&self, id: &str) -> (PathBuf, PathBuf, PathBuf) {
        rootfs::parts(&self.containers.dir(id))
    }

    /// The runtime a container was created with (its own, not today's default).
    pub fn runtime_for(&self, cfg: &ContainerConfig) -> Result<Runtime> {
        Runtime::resolve(&cfg.runtime, &self.ctx.runroot)
    }

    /// What the monitor's exit file says, if it wrote one.
    pub fn exit_record(&self, id: &str) -> Option<(Option<i32>, Timestamp, bool)> {
        let data = std::fs::read_to_string(self.containers.exit_file(id)).ok()?;
        let e = ctl_monitor::ExitStatus::decode(&data).ok()?;
        Some((e.exit_code, e.finished_at, e.oom_killed))
    }

    pub(crate) fn observe(&self, id: &str, st: &State) -> Result<Observed> {
        // Only a created or running record can disagree with the machine (see
        // [`reconcile`]): the others are not looked at, which keeps `ps -a` to reading records.
        if !matches!(st.status, Status::Created | Status::Running) {
            return Ok(Observed::default());
        }
        let epoch = self.containers.epoch()?;
        let exit = std::fs::read_to_string(self.containers.exit_file(id))
            .ok()
            .and_then(|d| ctl_monitor::ExitStatus::decode(&d).ok());
        Ok(Observed {
            boot_id: Some(epoch),
            pid_alive: st.pid.is_some_and(|p| same_process(p, st.pid_start)),
            monitor_alive: st
                .monitor_pid
                .is_some_and(|p| same_process(p, st.monitor_start)),
            exit: exit
                .as_ref()
                .map(|e| (e.exit_code, e.finished_at, e.oom_killed)),
            health_action: exit.and_then(|e| e.health_action),
            runtime_paused: match st.freezer_pending {
                true => self.runtime_paused(id),
                false => None,
            },
        })
    }

    /// Whether the runtime has the container paused (None: it does not know it).
    fn runtime_paused(&self, id: &str) -> Option<bool> {
        let cfg = self.containers.config(id).ok()?;
        let status = self.runtime_for(&cfg).ok()?.status(id).ok()??;
        Some(status == "paused")
    }

    /// Takes the container's lock and reads its records under it, reconciled with the
    /// machine (and written back if the machine disagreed).
    pub fn hold(&self, id: &str) -> Result<Held> {
        let lock = self.containers.lock(id)?;
        self.read_held(id, lock, true)
    }

    /// [`Manager::hold`] for a caller about to remove the container: the reconciled state
    /// is not written back.
    pub(crate) fn hold_unrecorded(&self, id: &str) -> Result<Held> {
        let lock = self.containers.lock(id)?;
        self.read_held(id, lock, false)
    }

    fn read_held(&self, id: &str, lock: Lock, write_back: bool) -> Result<Held> {
        let config = self.containers.config(id)?;
        let mut state = self.containers.state(id)?;
        let mut held = Held {
            _lock: lock,
            config,
            state: State::new(),
        };
        let seen = self.observe(id, &state)?;
        let was_up = matches!(state.status, Status::Created | Status::Running);
        if reconcile(&mut state, &seen) {
            if state.mounted && seen.boot_id != state.boot_id {
                state.mounted = rootfs::is_mounted(&self.containers.dir(id).join("merged"));
            }
            if write_back {
                self.containers.write_state(id, &state)?;
            }
        }
        held.state = state;
        if was_up && held.state.status == Status::Exited {
            self.event_with_exit("died", &held);
        }
        Ok(held)
    }

    /// Writes a held container's state.
    pub fn save(&self, h: &Held) -> Result<()> {
        self.containers.write_state(h.id(), &h.state)
    }

    /// Loads a container and corrects its record if the machine disagrees with it. Never
    /// waits for the lock: when a command holds it (and will write the truth itself), the
    /// corrected view is returned without writing it. Never call it while holding the
    /// container.
    pub fn load(&self, id: &str) -> Result<Container> {
        let config = self.containers.config(id)?;
        let state = self.containers.state(id)?;
        let mut probe = state.clone();
        if reconcile(&mut probe, &self.observe(id, &state)?) {
            if let Some(lock) = self.containers.try_lock(id)? {
                return self.read_held(id, lock, true).map(|h| h.snapshot());
            }
            return Ok(Container {
                config,
                state: probe,
            });
        }
        Ok(Container { config, state })
    }

    /// Resolves a name, id or id prefix and loads it.
    pub fn get(&self, input: &str) -> Result<Container> {
        let id = self.resolve(input)?;
        self.load(&id)
    }

    /// `--latest`: the id of the container created last.
    pub fn latest(&self) -> Result<String> {
        self.list()?
            .into_iter()
            .find_map(|c| c.ok().map(|(cfg, _)| cfg.id))
            .ok_or(Error::NoLatestContainer)
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

    /// Waits (bounded) until the container's monitor has finished, cleanup included.
    pub fn await_monitor_of(&self, st: &State) {
        if let Some(m) = st.monitor_pid {
            wait_gone(m, st.monitor_start, Some(MONITOR_GRACE));
        }
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
            .map(|i| ctl_monitor::logfile::rotated_path(&base, i))
            .filter(|p| p.exists())
            .collect();
        files.push(base);
        files
    }
}
