//! Stopping, killing and restarting a container, each whole under the container's lock.

use std::time::{Duration, Instant};

use crate::container::lifecycle::{Container, Held, Manager, MONITOR_GRACE};
use crate::container::state::{reconcile, same_process, Status};
use crate::error::{Error, Result};
use crate::sys::wait_gone;

/// What a stop did, for the caller to report.
#[derive(Debug, Clone)]
pub struct Stopped {
    /// The container as it was left.
    pub container: Container,
    /// Set when the stop signal did not end it within the timeout and SIGKILL followed.
    pub killed_after: Option<KilledAfter>,
}

/// The stop signal that was not heeded, and for how long it was waited on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KilledAfter {
    pub signal: i32,
    pub timeout: Duration,
}

impl Manager {
    /// Sends `signal` to a running container (which ends its restart policy).
    pub fn kill(&self, c: &Container, signal: i32) -> Result<()> {
        let mut h = self.hold(c.id())?;
        if !matches!(h.state.status, Status::Running | Status::Created) {
            return Err(Error::ContainerState {
                id: h.id().to_string(),
                state: h.state.status.as_str().into(),
                hint: "only a running container can be signalled",
            });
        }
        // Act, then record: a full store must not keep the signal from being sent.
        self.signal(&h, signal)?;
        if signal == libc::SIGKILL {
            // As the runtime's kill of a paused container: thawed, so that it dies.
            self.thaw_for_kill(&mut h);
        }
        self.event("kill", &h.config);
        h.state.stopped_by_user = true;
        self.save(&h)
    }

    /// The stop signal, then SIGKILL after `timeout`; returns once the exit is recorded
    /// and the container cleaned up (a `--rm` container is removed).
    pub fn stop(&self, c: &Container, timeout: Duration) -> Result<Stopped> {
        let mut h = self.hold(c.id())?;
        if h.state.paused {
            return Err(Error::StateImproper(format!(
                "can only stop created or running containers. {} is in state paused",
                h.id()
            )));
        }
        if h.config.auto_remove {
            let killed_after = self.end_process(&mut h, timeout)?;
            self.event("stop", &h.config);
            let container = h.snapshot();
            self.remove_held(h)?;
            return Ok(Stopped {
                container,
                killed_after,
            });
        }
        let killed_after = self.stop_held(&mut h, timeout)?;
        self.event("stop", &h.config);
        Ok(Stopped {
            container: h.snapshot(),
            killed_after,
        })
    }

    /// Stops the container (as [`Manager::stop`]) and starts it again, under one hold: no
    /// other command on it can come between the two.
    pub fn restart(&self, id: &str, timeout: Duration) -> Result<Stopped> {
        if let Ok(c) = self.containers.config(id) {
            self.start_requirements(&c)?;
        }
        let mut h = self.hold(id)?;
        if h.state.paused {
            return Err(Error::StateImproper(
                "unable to restart a container in a paused or unknown state".into(),
            ));
        }
        let killed_after = self.stop_held(&mut h, timeout)?;
        self.start_held(&mut h)?;
        self.event("restart", &h.config);
        Ok(Stopped {
            container: h.snapshot(),
            killed_after,
        })
    }

    /// Stops a held container: signals, waits for its exit to be recorded, cleans up. Ends
    /// its restart policy. Nothing is written before the container is stopped. Says when
    /// the stop signal was not enough.
    pub(crate) fn stop_held(&self, h: &mut Held, timeout: Duration) -> Result<Option<KilledAfter>> {
        let killed_after = self.end_process(h, timeout)?;
        self.cleanup_held(h)?;
        Ok(killed_after)
    }

    /// The stop signal, SIGKILL after `timeout`, and the wait for the monitor to record the
    /// exit; nothing is cleaned up or written. Says when the stop signal was not enough.
    pub(crate) fn end_process(
        &self,
        h: &mut Held,
        timeout: Duration,
    ) -> Result<Option<KilledAfter>> {
        h.state.stopped_by_user = true;
        let mut killed_after = None;
        if matches!(h.state.status, Status::Running | Status::Created) {
            let frozen = h.state.maybe_frozen();
            let sig = match h.state.status {
                // Not started, or frozen (as podman's removal of a paused container): nothing
                // to ask politely.
                Status::Created => libc::SIGKILL,
                _ if frozen => libc::SIGKILL,
                _ => h.config.stop_signal,
            };
            let pid = h.state.pid.unwrap_or(0);
            let start = h.state.pid_start;
            let sent = self.signal(h, sig);
            self.thaw_for_kill(h);
            if sent.is_ok() && pid > 0 && !wait_gone(pid, start, Some(timeout)) {
                let _ = self.signal(h, libc::SIGKILL);
                wait_gone(pid, start, Some(MONITOR_GRACE));
                if sig != libc::SIGKILL && !timeout.is_zero() {
                    killed_after = Some(KilledAfter {
                        signal: sig,
                        timeout,
                    });
                }
            }
            if pid > 0 && same_process(pid, start) {
                sent?;
                return Err(Error::ContainerState {
                    id: h.id().to_string(),
                    state: "running".into(),
                    hint: "its process did not end after SIGKILL",
                });
            }
            self.await_exit_record(h);
        }
        Ok(killed_after)
    }

    /// Sends a signal through the runtime, or straight to the process when the runtime
    /// no longer knows the container (its state lost) but the process is still there.
    fn signal(&self, h: &Held, signal: i32) -> Result<()> {
        let sent = self.runtime_for(&h.config)?.kill(h.id(), signal);
        match (sent, h.state.pid) {
            (Ok(()), _) => Ok(()),
            (Err(e), Some(pid)) if same_process(pid, h.state.pid_start) => {
                match nix::sys::signal::Signal::try_from(signal) {
                    Ok(s) => {
                        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), s).map_err(|_| e)
                    }
                    Err(_) => Err(e),
                }
            }
            (Err(_), _) => Ok(()),
        }
    }

    /// After the container's process is gone: waits (bounded) for its monitor to write
    /// the exit file, and folds it in. The monitor writes it before it runs the cleanup
    /// that needs our lock, so this never waits on ourselves.
    pub(crate) fn await_exit_record(&self, h: &mut Held) {
        let id = h.id().to_string();
        let deadline = Instant::now() + MONITOR_GRACE;
        loop {
            let Ok(seen) = self.observe(&id, &h.state) else {
                return;
            };
            if reconcile(&mut h.state, &seen) {
                self.event_with_exit("died", h);
                return;
            }
            if !seen.monitor_alive || Instant::now() >= deadline {
                // A monitor that cannot record (stuck, or killed meanwhile): the exit
                // status is not known, and saying so beats waiting for ever.
                h.state.exited(
                    None,
                    None,
                    Some("the container's monitor did not record its exit"),
                );
                self.event_with_exit("died", h);
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}
